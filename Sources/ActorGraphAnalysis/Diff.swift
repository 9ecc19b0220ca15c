import ActorGraphModel
import NetworkAnalysis

/// What changed between two dates: relations, signs, balance, blocs and fissures.
public struct GraphDiff: Sendable, Codable, Equatable {
    /// A pair whose ties changed sign: + (only positive relations), − (only negative), ± (both).
    public struct Flip: Sendable, Hashable, Codable {
        /// The pair.
        public var a: ActorRef, b: ActorRef
        /// The pair's sign class at each date: `+`, `−` or `±`.
        public var from: String, to: String
        /// The pair's relations at each date (graph indices).
        public var relationsFrom: [Int], relationsTo: [Int]
    }
    /// Actors that crossed from one bloc to another. Blocs at the two dates are matched by
    /// their largest overlap; each is named by its best-connected member (most relations).
    public struct Crossing: Sendable, Hashable, Codable {
        /// The actors that moved.
        public var actors: [ActorRef]
        /// The lead of the bloc they left and of the bloc they joined.
        public var fromBloc: ActorRef, toBloc: ActorRef
    }
    /// A scored coalition or alliance tie at each date (nil where it does not hold).
    public struct FissureChange: Sendable, Hashable, Codable {
        /// The tie (graph index).
        public var relation: Int
        /// Its score at each date; nil where it does not hold.
        public var from: Fissure?, to: Fissure?
    }

    /// The two dates compared.
    public var from: PartialDate, to: PartialDate
    /// Relations (of the projection's kinds) that hold at `to` but not at `from`, and the reverse.
    public var appeared: [Int], ended: [Int]
    /// Pairs whose ties changed sign.
    public var flips: [Flip]
    /// Structural balance at each date.
    public var balanceFrom: BalanceReport, balanceTo: BalanceReport
    /// The blocs at each date.
    public var factionsFrom: FactionReport, factionsTo: FactionReport
    /// Actors that changed bloc, grouped by where they went.
    public var crossings: [Crossing]
    /// Actors that have signed ties at `to` but not at `from`, and the reverse.
    public var entered: [ActorRef], left: [ActorRef]
    /// Every coalition or alliance tie scored at either date, with its score at each.
    public var fissures: [FissureChange]
    /// The relations named above (appeared, ended, flips, fissures), each once, in graph order.
    public var citedRelations: [RelationRef]
}

extension ActorGraph {
    /// Compares the graph at two dates (``/ActorGraphModel/Relation/holds(at:)``: spans inclusive at both ends,
    /// partial dates standing for whole periods): the relations that appeared or ended, the pairs
    /// whose ties changed sign, and the change in the frustration index, the blocs (compared by
    /// their largest overlap, so renumbering is not a change) and the fissures. `projection.at` is ignored.
    ///
    /// - Throws: ``ProjectionError`` for an unknown kind or claimant.
    /// - Complexity: two runs of `balance`, `factions` and `fissures`, plus O(relations).
    public func diff(from: PartialDate, to: PartialDate, projection: ProjectionOptions = ProjectionOptions(),
                     factions factionOptions: FactionOptions = FactionOptions(method: .balance),
                     fissures fissureOptions: FissureOptions = FissureOptions(),
                     progress: AnalysisProgressHandler? = nil) throws -> GraphDiff {
        @Sendable func at(_ date: PartialDate) -> ProjectionOptions { var p = projection; p.at = date; return p }
        let keptFrom = try project(at(from)).relations, keptTo = try project(at(to)).relations
        let setFrom = Set(keptFrom), setTo = Set(keptTo)
        let appeared = keptTo.filter { !setFrom.contains($0) }
        let ended = keptFrom.filter { !setTo.contains($0) }
        // Sign classes per pair.
        func classes(_ kept: [Int]) -> [String: (sign: String, relations: [Int])] {
            var out: [String: (pos: Bool, neg: Bool, relations: [Int])] = [:]
            for i in kept {
                let r = relations[i]
                let key = r.source < r.target ? "\(r.source)\u{0}\(r.target)" : "\(r.target)\u{0}\(r.source)"
                var entry = out[key] ?? (false, false, [])
                if sign(of: r) == .negative { entry.neg = true } else { entry.pos = true }
                entry.relations.append(i)
                out[key] = entry
            }
            return out.mapValues { ($0.pos && $0.neg ? "±" : ($0.neg ? "−" : "+"), $0.relations) }
        }
        let before = classes(keptFrom), after = classes(keptTo)
        let names = ReportReferences(self)
        var flips: [GraphDiff.Flip] = []
        for key in Set(before.keys).intersection(after.keys).sorted() where before[key]!.sign != after[key]!.sign {
            let ends = key.split(separator: "\u{0}").map(String.init)
            flips.append(.init(a: names.actor(ends[0]), b: names.actor(ends[1]), from: before[key]!.sign, to: after[key]!.sign,
                               relationsFrom: before[key]!.relations, relationsTo: after[key]!.relations))
        }
        // The two dates are independent: they run on the threads (each search on one). One
        // balance search per date serves the factions, the fissures and the frustration index
        // when they search alike.
        let threads = max(1, factionOptions.search.threads)
        var quietFactions = factionOptions, quietFissures = fissureOptions
        quietFissures.progress = nil
        quietFactions.search.threads = 1; quietFissures.search.threads = 1
        let (fo0, fi0) = (quietFactions, quietFissures)
        let counter = AnalysisProgressCounter(progress, step: "dates", total: 2)
        let dates = [from, to]
        let both = try _parallelMap(0..<2, threads: threads) { n -> (FactionReport, FissureReport, BalanceReport) in
            var fo = fo0, fi = fi0
            fo.projection = at(dates[n]); fi.projection = at(dates[n])
            let ties = try self.signedTies(at(dates[n]))
            let shared = try self._sharedAnalysis(factions: fo, fissures: fi, ties: ties)
            let balanceReport = self.balance(ties: ties, frustration: shared.frustration)
            let (factionReport, fissureReport) = (shared.factions, shared.fissures)
            counter.tick()
            return (factionReport, fissureReport, balanceReport)
        }
        let (factionsFrom, fissuresFrom, balanceFrom) = both[0]
        let (factionsTo, fissuresTo, balanceTo) = both[1]
        // Crossings: blocs matched by overlap, greedily (largest first).
        // Each bloc is named by its member with the most ties (the first such member on a tie),
        // computed once per bloc.
        func degrees(_ report: FactionReport) -> [String: Int] {
            var degree: [String: Int] = [:]
            if let ties = report.ties {
                for e in ties.ends {
                    degree[ties.actorIDs[Int(e.u)], default: 0] += 1
                    degree[ties.actorIDs[Int(e.v)], default: 0] += 1
                }
            }
            return degree
        }
        let blocsFrom = factionsFrom.blocs.ids, blocsTo = factionsTo.blocs.ids
        func leads(_ blocs: [[String]], _ report: FactionReport) -> [String] {
            let degree = degrees(report)
            return blocs.map { members in
                var best = members[0], most = degree[best] ?? 0
                for m in members.dropFirst() where (degree[m] ?? 0) > most { best = m; most = degree[m] ?? 0 }
                return best
            }
        }
        let leadsFrom = leads(blocsFrom, factionsFrom), leadsTo = leads(blocsTo, factionsTo)
        var pairs: [(overlap: Int, i: Int, j: Int)] = []
        for (i, a) in blocsFrom.enumerated() {
            for (j, b) in blocsTo.enumerated() { pairs.append((Set(a).intersection(b).count, i, j)) }
        }
        pairs.sort { $0.overlap != $1.overlap ? $0.overlap > $1.overlap : ($0.i, $0.j) < ($1.i, $1.j) }
        var match: [Int: Int] = [:], taken = Set<Int>()
        for p in pairs where p.overlap > 0 && match[p.i] == nil && !taken.contains(p.j) { match[p.i] = p.j; taken.insert(p.j) }
        func moved(_ actor: String) -> Bool {
            guard let i = factionsFrom.bloc[actor], let j = factionsTo.bloc[actor] else { return false }
            return match[i] != j
        }
        let free = factionsTo.movedTogetherWithTheirPart(Set(actors.map(\.id).filter(moved)),
                                                         placedBefore: { factionsFrom.bloc[$0] != nil })
        var crossed: [String: [String]] = [:]
        var crossingOrder: [String] = []
        for actor in actors.map(\.id) {
            guard moved(actor), !free.contains(actor), let i = factionsFrom.bloc[actor], let j = factionsTo.bloc[actor] else { continue }
            let key = "\(leadsFrom[i])\u{0}\(leadsTo[j])"
            if crossed[key] == nil { crossingOrder.append(key) }
            crossed[key, default: []].append(actor)
        }
        let refs = names
        let crossings = crossingOrder.map { key -> GraphDiff.Crossing in
            let names = key.split(separator: "\u{0}").map(String.init)
            return GraphDiff.Crossing(actors: refs.actors(crossed[key]!), fromBloc: refs.actor(names[0]), toBloc: refs.actor(names[1]))
        }
        let entered = refs.actors(actors.map(\.id).filter { factionsFrom.bloc[$0] == nil && factionsTo.bloc[$0] != nil })
        let left = refs.actors(actors.map(\.id).filter { factionsFrom.bloc[$0] != nil && factionsTo.bloc[$0] == nil })
        var byRelation: [Int: GraphDiff.FissureChange] = [:]
        for f in fissuresFrom.fissures { byRelation[f.relation, default: .init(relation: f.relation)].from = f }
        for f in fissuresTo.fissures { byRelation[f.relation, default: .init(relation: f.relation)].to = f }
        let fissureChanges = byRelation.values.sorted { ($0.to?.score ?? -1, -$0.relation) > ($1.to?.score ?? -1, -$1.relation) }
        return GraphDiff(from: from, to: to, appeared: appeared, ended: ended, flips: flips, balanceFrom: balanceFrom,
                         balanceTo: balanceTo, factionsFrom: factionsFrom, factionsTo: factionsTo, crossings: crossings,
                         entered: entered, left: left,
                         fissures: fissureChanges,
                         citedRelations: names.relations(appeared + ended + flips.flatMap { $0.relationsFrom + $0.relationsTo }
                                                         + fissureChanges.flatMap { ($0.from?.relationsNamed ?? []) + ($0.to?.relationsNamed ?? []) }))
    }
}
