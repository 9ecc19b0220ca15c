import ActorGraphAnalysis
import ActorGraphModel
import NetworkAnalysis

extension BriefingData {
    /// Gathers the page's data from the analyses: `claims` (claimants, contested relations, and
    /// per view the balance factions and the fissures), `brokers` (groups: factions), centrality
    /// ranks, and the dates the graph mentions with the relations that hold at each.
    ///
    /// The analyses run with the command line's defaults (every signed kind, unweighted, seed 1),
    /// so the panels agree with `actorgraph factions`, `fissures`, `claims` and `brokers`.
    ///
    /// - Parameters:
    ///   - graph: A valid graph (see ``/ActorGraphModel/ActorGraph/validate()``).
    ///   - title: The page title; nil uses the graph's title, else "ActorGraph briefing".
    ///   - openAt: The date the page opens at; nil opens with every date.
    ///   - generator: Who wrote the page, for its footer.
    ///   - progress: Told which analysis runs and how far it is (from worker threads); nil: no reports.
    /// - Throws: ``/ActorGraphAnalysis/ProjectionError`` when an analysis cannot project the graph.
    /// - Complexity: that of `claims` (a faction and fissure analysis per claimant), once for
    ///   every date and once per distinct set of relations that hold at the dates (when relations ×
    ///   sets ≤ ``periodBudget``), and `brokers` (key players), plus O(dates · relations) for the
    ///   snapshots.
    public init(graph: ActorGraph, title: String? = nil, openAt: PartialDate? = nil,
                generator: String = "actorgraph", progress: AnalysisProgressHandler? = nil) throws {
        let key = graph.relations.indices.map(graph.briefingKey)
        let index = graph.actorIndex()
        func keys(_ list: [Int]) -> [String] { list.map { key[$0] } }
        func day(_ d: PartialDate) -> String { d.description }

        self.title = title ?? graph.title ?? "ActorGraph briefing"
        description = graph.description
        self.generator = generator
        self.openAt = openAt?.description

        var mentioned = Set<PartialDate>()
        for r in graph.relations {
            if let s = r.since { mentioned.insert(s) }
            if let u = r.until { mentioned.insert(u) }
        }
        if let openAt { mentioned.insert(openAt) }
        let sortedDates = mentioned.sorted()
        dates = sortedDates.map(\.description)
        snapshots = sortedDates.map { d in
            Snapshot(date: d.description, relations: graph.relations.indices.filter { graph.relations[$0].holds(at: d) }.map { key[$0] })
        }

        sources = graph.sources.map {
            Source(id: $0.id, title: $0.title, date: $0.date?.description, author: $0.author, url: $0.url, note: $0.note)
        }
        let usedActorKinds = Set(graph.actors.map(\.kind))
        let usedRelationKinds = Set(graph.relations.map(\.kind))
        actorKinds = graph.allActorKinds.filter { usedActorKinds.contains($0.id) }.map { Kind(id: $0.id, label: $0.label) }
        relationKinds = graph.allRelationKinds.filter { usedRelationKinds.contains($0.id) }
            .map { Kind(id: $0.id, label: $0.label, sign: $0.sign.rawValue, directed: $0.directed) }

        relations = graph.relations.enumerated().map { i, r in
            let kind = graph.relationKind(r.kind)
            return Relation(
                key: key[i], index: i, id: r.id, kind: r.kind, kindLabel: kind?.label ?? r.kind,
                sign: graph.sign(of: r).rawValue, directed: r.directed, source: r.source, target: r.target,
                weight: r.weight, since: r.since?.description, until: r.until?.description,
                firstDay: r.since.map { day($0.firstDay) }, lastDay: r.until.map { day($0.lastDay) },
                cites: r.evidence.citations.map { Cite(source: $0.source, locator: $0.locator, text: $0.description) },
                quotes: r.evidence.quotes, claimedBy: r.evidence.claimedBy, disputedBy: r.evidence.disputedBy,
                confidence: r.evidence.confidence?.description, note: r.note,
                attributes: r.attributes.mapValues(\.description), contested: BriefingData.isContested(r))
        }

        // Claims: claimants, contested relations, and the narratives behind the claimant control.
        let claims = try graph.claims(progress: progress)
        claimants = claims.claimants.map {
            Claimant(id: $0.actor.id, name: $0.actor.name, claims: keys($0.claims), denials: keys($0.denials))
        }
        contested = claims.contested.map { Contested(relation: key[$0.relation], reasons: $0.reasons) }
        func factions(_ report: FactionReport) -> Factions {
            Factions(method: report.method.rawValue, blocs: report.blocs.map { $0.map(\.id) }, unattached: report.unattached.map(\.id),
                     quality: report.quality.map { Quality(name: $0.name, value: $0.value, note: $0.note) },
                     optimal: report.optimal, positiveBetween: keys(report.positiveBetween),
                     negativeInside: keys(report.negativeInside), notes: report.notes)
        }
        func fissures(_ report: FissureReport) -> Fissures {
            Fissures(frustration: report.frustration.error, frustrationOptimal: report.frustration.optimal,
                     items: report.fissures.map { f in
                         Fissure(relation: key[f.relation], a: f.a.id, b: f.b.id, score: f.score, split: f.split,
                                 cycleShare: f.cycleShare, unbalancedCycles: f.unbalancedCycles, cycles: f.cycles,
                                 ambivalence: f.ambivalence, dropShare: f.dropShare, frustration: f.frustration,
                                 frustrationWithout: f.frustrationWithout, directNegative: keys(f.directNegative),
                                 paths: f.paths.map { p in
                                     Path(actors: p.actors.map(\.id), steps: p.steps.map(keys), signs: p.signs.map(Int.init),
                                          confidence: p.confidence)
                                 })
                     },
                     notes: report.notes)
        }
        var views: [View] = []
        var allBlocs: [String: Int] = [:]
        for narrative in claims.narratives {
            let id: String, label: String, shown: [Int]
            switch narrative.view {
            case .everything:
                id = "all"; label = "Everything: every relation, whoever claims it"
                shown = Array(graph.relations.indices)
                for (b, members) in narrative.factions.blocs.enumerated() { for m in members { allBlocs[m.id] = b + 1 } }
            case .facts:
                id = "facts"; label = "Uncontested facts: relations no one is cited as claiming"
                shown = graph.relations.indices.filter { graph.relations[$0].evidence.claimedBy.isEmpty }
            case .claimant(let ref):
                let c = ref.id
                id = c; label = "As \(graph.displayName(c)) tells it: the facts and \(graph.displayName(c))'s claims"
                shown = graph.relations.indices.filter {
                    let by = graph.relations[$0].evidence.claimedBy
                    return by.isEmpty || by.contains(c)
                }
            }
            views.append(View(id: id, label: label, relations: keys(shown), factions: factions(narrative.factions),
                              fissures: fissures(narrative.fissures)))
        }
        // The control's order: all, facts, then the claimants.
        self.views = views.filter { $0.id == "all" } + views.filter { $0.id != "all" }

        // The panels at each date: one `claims --at` per distinct set of relations that hold, within
        // a budget of relations × sets, so the panels follow the date control.
        var groups: [[Int]: [Int]] = [:], groupOrder: [[Int]] = []
        for (d, date) in sortedDates.enumerated() {
            let holding = graph.relations.indices.filter { graph.relations[$0].holds(at: date) }
            if groups[holding] == nil { groupOrder.append(holding) }
            groups[holding, default: []].append(d)
        }
        if sortedDates.isEmpty {
            periods = []; periodsLeftOut = nil
        } else if groupOrder.count * max(graph.relations.count, 1) > BriefingData.periodBudget {
            periods = []
            periodsLeftOut = "this graph has \(graph.relations.count) relations over \(groupOrder.count) distinct periods, more than the page analyses per date (relations × periods ≤ \(BriefingData.periodBudget)); 'actorgraph fissures --at DATE' gives them"
        } else {
            periods = try groupOrder.enumerated().map { n, holding in
                progress?(AnalysisProgress(step: "panels at each date", done: n, total: groupOrder.count))
                let at = sortedDates[groups[holding]![0]]
                let dated = try graph.claims(projection: ProjectionOptions(at: at))
                let panels: [PeriodView] = dated.narratives.map { narrative in
                    let id: String
                    switch narrative.view {
                    case .everything: id = "all"
                    case .facts: id = "facts"
                    case .claimant(let ref): id = ref.id
                    }
                    return PeriodView(id: id, factions: factions(narrative.factions), fissures: fissures(narrative.fissures))
                }
                return Period(dates: groups[holding]!.map { sortedDates[$0].description }, views: panels)
            }
            periodsLeftOut = nil
        }

        // Brokers.
        let brokerReport = try graph.brokers(BrokerOptions(progress: progress))
        let order = brokerReport.actorIDs.indices.filter { brokerReport.roles.total[$0] > 0 }
            .sorted { brokerReport.roles.total[$0] != brokerReport.roles.total[$1]
                ? brokerReport.roles.total[$0] > brokerReport.roles.total[$1] : $0 < $1 }
        brokers = Brokers(
            top: order.prefix(10).map { i in
                var roles: [String: Double] = [:]
                for (r, role) in BrokerageRoles.Role.allCases.enumerated() { roles[role.rawValue] = brokerReport.roles.counts[i][r] }
                let c = brokerReport.holes.constraint[i]
                return Broker(actor: brokerReport.actorIDs[i], total: brokerReport.roles.total[i], roles: roles,
                              constraint: c.isFinite ? c : nil)
            },
            signed: brokerReport.signedBrokers.prefix(10).map { SignedBroker(actor: $0.actor.id, score: $0.score) },
            keyPlayers: brokerReport.keyNegative.nodes.map { brokerReport.actorIDs[Int($0)] },
            fragmentation: brokerReport.keyNegative.baseline, fragmentationWithout: brokerReport.keyNegative.score,
            notes: brokerReport.notes)

        // Centrality ranks.
        let (measures, values) = BriefingData.centrality(graph)
        self.measures = measures
        var touching = [[String]](repeating: [], count: graph.actors.count)
        for (i, r) in graph.relations.enumerated() {
            if let s = index[r.source] { touching[s].append(key[i]) }
            if let t = index[r.target], r.target != r.source { touching[t].append(key[i]) }
        }
        let ranks = values.map(BriefingData.competitionRanks)
        actors = graph.actors.enumerated().map { i, a in
            Actor(id: a.id, name: a.name, kind: a.kind, kindLabel: graph.actorKind(a.kind)?.label ?? a.kind, role: a.role,
                  aliases: a.aliases, note: a.note, attributes: a.attributes.mapValues(\.description), bloc: allBlocs[a.id],
                  centrality: measures.indices.map { m in
                      Rank(measure: measures[m].id, value: values[m][i], rank: ranks[m][i], of: graph.actors.count)
                  },
                  relations: touching[i])
        }
    }

    /// The most relations × distinct periods the page analyses date by date (``periods``): about
    /// a second of `claims` runs on this machine; larger graphs keep all-dates panels.
    public static let periodBudget = 20_000

    /// Whether the diagram draws a relation as contested: disputed, of low confidence (below
    /// 0.5), or claimed by someone without a confidence of its own (as ``/ActorGraphRendering/DiagramDOT``).
    static func isContested(_ r: ActorGraphModel.Relation) -> Bool {
        if !r.evidence.disputedBy.isEmpty { return true }
        if let c = r.evidence.confidence { return c.numericValue < 0.5 }
        return !r.evidence.claimedBy.isEmpty
    }

    /// The measures and, per measure, one value per actor (graph order).
    ///
    /// - degree: distinct actors it has a relation with (any kind, either direction);
    /// - negative: negative relations it takes part in;
    /// - betweenness: on the positive relations, undirected, normalised as networkx;
    /// - PageRank: on the positive relations, direction kept (undirected ones both ways), α = 0.85.
    static func centrality(_ graph: ActorGraph) -> ([Measure], [[Double]]) {
        let n = graph.actors.count
        let index = graph.actorIndex()
        var all: (s: [Int32], t: [Int32]) = ([], [])
        var positive: (s: [Int32], t: [Int32]) = ([], [])
        var negative = [Double](repeating: 0, count: n)
        for r in graph.relations {
            guard let s = index[r.source], let t = index[r.target], s != t else { continue }
            all.s.append(Int32(s)); all.t.append(Int32(t))
            switch graph.sign(of: r) {
            case .negative:
                negative[s] += 1; negative[t] += 1
            case .positive:
                positive.s.append(Int32(s)); positive.t.append(Int32(t))
                if !r.directed { positive.s.append(Int32(t)); positive.t.append(Int32(s)) }
            case .unsigned:
                break
            }
        }
        let zeros = [Double](repeating: 0, count: n)
        let everyTie = try? Network(nodeCount: n, sources: all.s, targets: all.t, directed: false)
        let positiveTies = try? Network(nodeCount: n, sources: positive.s, targets: positive.t, directed: true)
        let degree = everyTie?.degree() ?? zeros
        let betweenness = positiveTies?.undirectedView().betweenness() ?? zeros
        let pagerank = (try? positiveTies?.pageRank(maxIterations: 10_000)) ?? zeros
        return ([
            Measure(id: "degree", label: "Degree", note: "the number of actors it has any relation with"),
            Measure(id: "negative", label: "Hostile ties", note: "the number of negative relations it takes part in"),
            Measure(id: "betweenness", label: "Betweenness", note: "share of shortest paths over positive relations that pass through it (undirected, normalised as networkx)"),
            Measure(id: "pagerank", label: "PageRank", note: "PageRank over positive relations, direction kept (α = 0.85)"),
        ], [degree, negative, betweenness, pagerank])
    }

    /// Competition ranks ("1224") of `values`, highest first; values within 1e-9 (relative) of
    /// each other share a rank.
    static func competitionRanks(_ values: [Double]) -> [Int] {
        let order = values.indices.sorted { values[$0] != values[$1] ? values[$0] > values[$1] : $0 < $1 }
        var ranks = [Int](repeating: 0, count: values.count)
        for (position, i) in order.enumerated() {
            if position > 0 {
                let previous = order[position - 1]
                let (a, b) = (values[previous], values[i])
                if abs(a - b) <= 1e-9 * max(1, abs(a), abs(b)) { ranks[i] = ranks[previous]; continue }
            }
            ranks[i] = position + 1
        }
        return ranks
    }
}
