import ActorGraphModel
import NetworkAnalysis

/// Who asserts what, what is contested, and how the story differs between narratives.
public struct ClaimsReport: Sendable, Codable, Equatable {
    /// A claimant and the relations it asserts (graph indices, file order).
    public struct Claimant: Sendable, Hashable, Codable {
        /// The claimant.
        public var actor: ActorRef
        /// Relations it asserts (its `claimed-by`).
        public var claims: [Int]
        /// Relations it denies (its `disputed-by`).
        public var denials: [Int]
    }
    /// A contested relation and why.
    public struct Contested: Sendable, Hashable, Codable {
        /// The relation (graph index).
        public var relation: Int
        /// "disputed by malik", "asserted by sabzwari only".
        public var reasons: [String]
    }
    /// One narrative: the facts (unclaimed relations) plus one claimant's claims, or the facts alone.
    public struct Narrative: Sendable, Equatable, Codable {
        /// Whose story this is. In JSON: `{"kind": "facts" | "claimant" | "everything", "claimant": {id, name}}`.
        public enum View: Sendable, Hashable, CustomStringConvertible, Codable {
            /// The unclaimed relations only: what the sources report as fact.
            case facts
            /// The facts plus one claimant's claims.
            case claimant(ActorRef)
            /// Every relation, whoever claims it.
            case everything
            public var description: String {
                switch self {
                case .facts: return "facts only"
                case .claimant(let c): return "as \(c.id) tells it"
                case .everything: return "all claims"
                }
            }

            enum CodingKeys: String, CodingKey { case kind, claimant }

            public init(from decoder: any Decoder) throws {
                let c = try decoder.container(keyedBy: CodingKeys.self)
                switch try c.decode(String.self, forKey: .kind) {
                case "facts": self = .facts
                case "everything": self = .everything
                case "claimant": self = .claimant(try c.decode(ActorRef.self, forKey: .claimant))
                case let other:
                    throw DecodingError.dataCorruptedError(forKey: .kind, in: c, debugDescription: "unknown view '\(other)'")
                }
            }

            public func encode(to encoder: any Encoder) throws {
                var c = encoder.container(keyedBy: CodingKeys.self)
                switch self {
                case .facts: try c.encode("facts", forKey: .kind)
                case .everything: try c.encode("everything", forKey: .kind)
                case .claimant(let a):
                    try c.encode("claimant", forKey: .kind)
                    try c.encode(a, forKey: .claimant)
                }
            }
        }

        /// An attached actor and the member that names its bloc.
        public struct BlocName: Sendable, Hashable, Codable {
            /// The actor.
            public var actor: ActorRef
            /// The member whose name the actor's bloc goes by.
            public var bloc: ActorRef
        }

        /// Whose story this is.
        public var view: View
        /// The signed relations the narrative keeps.
        public var relations: Int
        /// The blocs of this narrative's signed relations (its working ties are not kept:
        /// ``FactionReport/keptRelations`` is nil, as in a decoded report).
        public var factions: FactionReport
        /// Its frustration index.
        public var frustration: BalanceSummary
        /// Its fissures, all scored; the evidence paths of the ``ClaimsReport/narrativeEvidence``
        /// most stressed only (`fissures` with the narrative's view lists every path).
        public var fissures: FissureReport
        /// Each attached actor's bloc, named by the bloc's best-connected member (the same name
        /// across narratives whenever that member leads a bloc in both); actors in graph order.
        public var blocNames: [BlocName]

        /// The lead of each attached actor's bloc, by id.
        public var blocName: [String: String] {
            Dictionary(blocNames.map { ($0.actor.id, $0.bloc.id) }, uniquingKeysWith: { a, _ in a })
        }
    }

    /// How many of each narrative's most stressed fissures keep their evidence paths: every
    /// fissure is scored, but on a large graph the paths of thousands of fissures in dozens of
    /// narratives would take gigabytes.
    public static let narrativeEvidence = 20

    /// Every claimant, in graph order, with what it asserts and denies.
    public var claimants: [Claimant]
    /// The contested relations: disputed, or asserted by one claimant while nothing else ties the
    /// same actors by the same kind; in file order.
    public var contested: [Contested]
    /// The facts alone, then each claimant's narrative, in claimant order; then all claims together.
    public var narratives: [Narrative]
    /// The relations the claimants and contested relations name, each once, in graph order.
    public var citedRelations: [RelationRef]
}

extension ActorGraph {
    /// The claims in the graph: each claimant with what it asserts and denies; the contested
    /// relations (disputed by someone, or asserted by a single claimant while no one else asserts
    /// a relation of the same kind between the same actors); and, side by side, the blocs,
    /// frustration and fissures of each narrative: the facts alone (unclaimed relations), the facts
    /// plus each claimant's claims (the `--claimant` view), and everything.
    ///
    /// - Throws: ``ProjectionError`` for an unknown kind.
    /// - Complexity: one faction, balance and fissure analysis per narrative.
    public func claims(projection: ProjectionOptions = ProjectionOptions(),
                       factions factionOptions: FactionOptions = FactionOptions(method: .balance),
                       fissures fissureOptions: FissureOptions = FissureOptions(),
                       progress: AnalysisProgressHandler? = nil) throws -> ClaimsReport {
        let kept = try project({ var p = projection; p.claimant = nil; p.unclaimedOnly = false; return p }()).relations
        var order: [String] = []
        var claims: [String: [Int]] = [:], denials: [String: [Int]] = [:]
        for i in kept {
            for c in relations[i].evidence.claimedBy {
                if claims[c] == nil && denials[c] == nil { order.append(c) }
                claims[c, default: []].append(i)
            }
            for d in relations[i].evidence.disputedBy {
                if claims[d] == nil && denials[d] == nil { order.append(d) }
                denials[d, default: []].append(i)
            }
        }
        let refs = ReportReferences(self)
        let claimants = order.map { ClaimsReport.Claimant(actor: refs.actor($0), claims: claims[$0] ?? [], denials: denials[$0] ?? []) }
        // Contested relations.
        func pairKey(_ r: Relation) -> String {
            (r.source < r.target ? "\(r.source)\u{0}\(r.target)" : "\(r.target)\u{0}\(r.source)") + "\u{0}\(r.kind)"
        }
        var asserters: [String: Set<String>] = [:]
        var unclaimedPairs = Set<String>()
        for i in kept {
            let r = relations[i]
            if r.evidence.claimedBy.isEmpty { unclaimedPairs.insert(pairKey(r)) }
            asserters[pairKey(r), default: []].formUnion(r.evidence.claimedBy)
        }
        var contested: [ClaimsReport.Contested] = []
        for i in kept {
            let r = relations[i]
            var reasons: [String] = []
            if !r.evidence.disputedBy.isEmpty { reasons.append("disputed by " + r.evidence.disputedBy.joined(separator: ", ")) }
            if r.evidence.claimedBy.count == 1, asserters[pairKey(r)]!.count == 1, !unclaimedPairs.contains(pairKey(r)) {
                reasons.append("asserted by \(r.evidence.claimedBy[0]) only")
            }
            if !reasons.isEmpty { contested.append(.init(relation: i, reasons: reasons)) }
        }
        // Narratives.
        let everything = try signedTies({ var p = projection; p.claimant = nil; p.unclaimedOnly = false; return p }())
        var degree: [String: Int] = [:]
        for e in everything.ends {
            degree[everything.actorIDs[Int(e.u)], default: 0] += 1
            degree[everything.actorIDs[Int(e.v)], default: 0] += 1
        }
        let rank = Dictionary(uniqueKeysWithValues: actors.enumerated().map { ($1.id, $0) })
        // The narratives are independent: they run on the threads (each search on one), in order.
        var quietFactions = factionOptions, quietFissures = fissureOptions
        quietFissures.progress = nil
        let threads = max(1, factionOptions.search.threads)
        quietFactions.search.threads = 1; quietFissures.search.threads = 1
        let (factionOptions, fissureOptions) = (quietFactions, quietFissures)
        let (frozenDegree, frozenRank) = (degree, rank)
        /// The projection of a narrative.
        @Sendable func viewProjection(_ view: ClaimsReport.Narrative.View) -> ProjectionOptions {
            var p = projection
            p.claimant = nil
            p.unclaimedOnly = false
            switch view {
            case .facts: p.unclaimedOnly = true
            case .claimant(let c): p.claimant = c.id
            case .everything: break
            }
            return p
        }
        @Sendable func narrative(_ view: ClaimsReport.Narrative.View, start: _WarmStart?) throws -> (ClaimsReport.Narrative, BalanceResult) {
            let degree = frozenDegree, rank = frozenRank
            let p = viewProjection(view)
            var f = factionOptions, s = fissureOptions
            f.projection = p; s.projection = p
            let ties = try signedTies(p)
            let shared = try _sharedAnalysis(factions: f, fissures: s, ties: ties, start: start,
                                             evidence: ClaimsReport.narrativeEvidence)
            var report = shared.factions
            var lead: [String: ActorRef] = [:]
            for members in report.blocs {
                let first = members.min { (-(degree[$0.id] ?? 0), rank[$0.id]!) < (-(degree[$1.id] ?? 0), rank[$1.id]!) }!
                for m in members { lead[m.id] = first }
            }
            let names = actors.compactMap { a in lead[a.id].map { ClaimsReport.Narrative.BlocName(actor: refs.actor(a.id), bloc: $0) } }
            // The fissure analysis computes the frustration index of the same ties: use it.
            // Evidence paths for the most stressed fissures only, and no working ties kept past
            // the warm start: dozens of narratives of a large graph would take gigabytes.
            var stress = shared.fissures
            if view != .facts { report.ties = nil }
            stress.ties = nil
            return (.init(view: view, relations: ties.relations.count, factions: report,
                          frustration: stress.frustration, fissures: stress, blocNames: names), shared.partition)
        }
        let claimantViews: [ClaimsReport.Narrative.View] = order.filter { claims[$0] != nil && rank[$0] != nil }.map { .claimant(refs.actor($0)) }
        let counter = AnalysisProgressCounter(progress, step: "narratives", total: claimantViews.count + 2)
        // The facts and everything first, each searched in full. A claimant's narrative adds its
        // claims to the facts: above `_warmStartNodes` nodes its partition is re-optimised from
        // the facts' (one relocation run instead of the restarts), and the facts' lower bound,
        // certified for every superset of their ties, is kept (see the notes of each narrative).
        let ends = try _parallelMap(0..<2, threads: threads) { n -> (ClaimsReport.Narrative, BalanceResult) in
            let result = try narrative(n == 0 ? .facts : .everything, start: nil)
            counter.tick()
            return result
        }
        let (facts, factsPartition) = ends[0]
        var start: _WarmStart?
        if let ties = facts.factions.ties, ties.actorIDs.count > max(Self._warmStartNodes, factionOptions.search.exactNodeLimit),
           Self._sharesPartition(factionOptions, fissureOptions, negativeTies: ties.signs.filter { $0 < 0 }.count) {
            var bloc: [String: Int32] = [:]
            for (i, id) in ties.actorIDs.enumerated() { bloc[id] = factsPartition.partition.membership[i] }
            start = _WarmStart(bloc: bloc, lowerBound: factsPartition.lowerBound)
        }
        let warm = start
        let middle = try _parallelMap(claimantViews.indices, threads: threads) { n -> ClaimsReport.Narrative in
            var result = try narrative(claimantViews[n], start: warm).0
            if warm != nil {
                result.factions.notes.append("searched from the facts' partition (one relocation run, not \(factionOptions.search.restarts) restarts); lower bound: the facts', which every superset of their ties costs at least")
            }
            counter.tick()
            return result
        }
        var narratives = [facts] + middle + [ends[1].0]
        narratives[0].factions.ties = nil
        return ClaimsReport(claimants: claimants, contested: contested, narratives: narratives,
                            citedRelations: refs.relations(claimants.flatMap { $0.claims + $0.denials } + contested.map(\.relation)))
    }

    /// Above this many nodes a claimant's narrative is re-optimised from the facts' partition
    /// instead of searched from restarts (where relocation starts two-level, see
    /// ``/NetworkAnalysis/SignedNetwork/balancePartition(k:alpha:options:)``).
    static let _warmStartNodes = 200
}
