import ActorGraphModel
import NetworkAnalysis

/// What `robustness` tests and how it reruns the analyses.
public struct RobustnessOptions: Sendable {
    /// The faction analysis rerun after each drop (same method, k, α, seed, projection).
    public var factions: FactionOptions
    /// The fissure analysis rerun after each drop.
    public var fissures: FissureOptions
    /// A relation whose numeric confidence is below this is tested ("low confidence").
    public var confidenceBelow: Double
    /// Told how many drops are done (from worker threads); nil: no reports.
    public var progress: AnalysisProgressHandler?
    /// The threads the drops run on; the report does not depend on it.
    public var threads: Int

    /// Creates options; by default the factions and fissures with their own defaults, and the
    /// relations below confidence 0.5 tested, as the CLI does.
    public init(factions: FactionOptions = FactionOptions(), fissures: FissureOptions = FissureOptions(),
                confidenceBelow: Double = 0.5, progress: AnalysisProgressHandler? = nil,
                threads: Int = Network.defaultThreads) {
        self.factions = factions
        self.fissures = fissures
        self.confidenceBelow = confidenceBelow
        self.progress = progress
        self.threads = threads
    }
}

/// How far the blocs and fissures of a graph rest on its doubtful relations.
///
/// Every stability is a share of *drops*: one drop per tested (fragile) relation, each rerun
/// with only that relation removed. With nothing to test, every stability is 1.
public struct RobustnessReport: Sendable, Codable, Equatable {
    /// A doubtful relation, why it is doubtful, and what its removal changes.
    public struct Fragile: Sendable, Hashable, Codable {
        /// The relation (graph index).
        public var relation: Int
        /// Why it is tested: "low confidence (0.25)", "single claimant: sabzwari", "disputed by malik".
        public var reasons: [String]
        /// The conclusions that change when it is dropped, in words (empty: nothing changes).
        public var changes: [String]
        /// The actors that leave their bloc when it is dropped (for another bloc, a new one, or
        /// none: left without a tie), as the changes name them; sorted.
        public var moved: [ActorRef]
        /// The blocs after the drop (numbered afresh: compare by co-membership).
        public var blocs: [[ActorRef]]
    }

    /// How a scored fissure fares over the drops.
    public struct FissureStability: Sendable, Hashable, Codable {
        /// The coalition or alliance relation (graph index).
        public var relation: Int
        /// Its verdict in the full analysis: are its ends in different blocs.
        public var split: Bool
        /// Its score in the full analysis.
        public var score: Double
        /// The share of drops (other than of the relation itself) after which the verdict is the same.
        public var stability: Double
        /// The least and greatest score over those drops (and the full score).
        public var scoreRange: ClosedRange<Double>
        /// The number of drops counted (the fragile relations other than this one).
        public var drops: Int
    }

    /// Whether the most stressed fissure stays the most stressed.
    public struct RankStability: Sendable, Hashable, Codable {
        /// A relation that takes the top fissure's place, and after how many drops.
        public struct Challenger: Sendable, Hashable, Codable {
            /// The challenger (graph index).
            public var relation: Int
            /// After how many drops it takes the top place.
            public var drops: Int
        }
        /// The top fissure of the full analysis (graph index), nil when none is scored.
        public var top: Int?
        /// The share of drops (other than of the top relation itself) after which it is still top.
        public var stability: Double
        /// The relations that take its place, with the number of drops after which each does.
        public var challengers: [Challenger]
    }

    /// The relations tested, in file order.
    public var fragile: [Fragile]
    /// Doubtful relations outside both projections (dropping them changes nothing): not tested.
    public var untested: [Int]
    /// Per attached actor: the Jaccard similarity of its bloc before and after a drop, averaged
    /// over the drops (1: always the same bloc-mates). Only actors placed both before and after
    /// are compared; an actor left without a kept tie scores 0 for that drop.
    public var membership: [MembershipStability]
    /// Per bloc of the full result (numbered as ``FactionReport/blocs``): the best Jaccard
    /// similarity between it and a bloc after a drop, averaged over the drops (actors placed both
    /// before and after only).
    public var blocStability: [Double]
    /// Per bloc of the full result: the share of drops after which its members (those still
    /// placed) form exactly one bloc with no one else.
    public var blocSurvival: [Double]
    /// Per scored fissure, in the full report's rank order.
    public var fissureStability: [FissureStability]
    /// Whether the top fissure stays top.
    public var rankStability: RankStability
    /// The full analyses the drops are compared with.
    public var factions: FactionReport
    /// The full fissure analysis.
    public var fissures: FissureReport
    /// The relations named above (fragile, untested, fissures, challengers), each once, in graph order.
    public var citedRelations: [RelationRef]

    /// An actor's membership stability.
    public struct MembershipStability: Sendable, Hashable, Codable {
        /// The actor.
        public var actor: ActorRef
        /// The mean Jaccard similarity of its bloc before and after each drop (1: always the same
        /// bloc-mates).
        public var stability: Double
    }

    /// ``membership`` by actor id.
    public var membershipStability: [String: Double] {
        Dictionary(membership.map { ($0.actor.id, $0.stability) }, uniquingKeysWith: { a, _ in a })
    }

    /// The drops that change a conclusion, with the changes in words.
    public var decisive: [(relation: Int, changes: [String])] {
        fragile.filter { !$0.changes.isEmpty }.map { ($0.relation, $0.changes) }
    }
}

extension ActorGraph {
    /// Tests the faction and fissure conclusions against each doubtful relation in turn.
    ///
    /// A relation is doubtful (fragile) when its numeric confidence is below
    /// `options.confidenceBelow`, or exactly one actor claims it, or some actor disputes it;
    /// it is tested when the faction or fissure projection keeps it. For each, the relation alone
    /// is removed, factions (same method and seed) and fissures are rerun, and the results are
    /// compared with the full ones. Blocs are compared up to relabelling, by co-membership:
    ///
    /// - an actor's stability under a drop is the Jaccard similarity |B ∩ B'| / |B ∪ B'| of its
    ///   bloc B before and B' after (itself included), over the actors placed in both results,
    ///   and 0 when the drop leaves it without a tie. Averaged over drops. A similarity rather
    ///   than "exactly the same bloc-mates", because with exact sets one peripheral actor moving
    ///   marks every actor of both blocs as changed, and the mover could not be told from the
    ///   actors it left; with Jaccard the mover scores near 0 and its former bloc-mates near 1.
    ///   Actors unplaced after a drop (their only tie dropped) are left out of the others'
    ///   comparison for the same reason;
    /// - a bloc's stability is the best Jaccard similarity with any bloc after the drop,
    ///   averaged; its survival, the share of drops after which it remains exactly;
    /// - a fissure is stable when its verdict (split or not) is unchanged; the score's range is
    ///   reported beside it. The drop of the fissure's own relation is not counted (it removes
    ///   the tie rather than testing the evidence against it) but is described in the changes;
    /// - the ranking is stable when the top fissure stays top (the same drops excluded).
    ///
    /// Changes are named in words: an actor moving between blocs (after-drop blocs are labelled
    /// by the full bloc that contributes most of their members), a fissure that is no longer
    /// (or now) split, a new top fissure.
    ///
    /// - Throws: ``ProjectionError`` for an unknown kind or claimant.
    /// - Complexity: (F + 1) runs of `factions` and `fissures`, F the number of tested relations;
    ///   each run is one balance search when both analyses search alike (the frustration index
    ///   read off the partition).
    public func robustness(_ options: RobustnessOptions = RobustnessOptions()) throws -> RobustnessReport {
        options.progress?(AnalysisProgress(step: "full analysis", done: 0, total: 1))
        // One balance search serves the factions, the fissures and the frustration index when
        // they search alike (the same projection, method balance, k, α and search).
        let samePoint = options.factions.projection == options.fissures.projection
        @Sendable func analyse(_ g: ActorGraph, _ f: FactionOptions, _ s: FissureOptions) throws -> (FactionReport, FissureReport) {
            if samePoint {
                let shared = try g._sharedAnalysis(factions: f, fissures: s, ties: g.signedTies(s.projection))
                return (shared.factions, shared.fissures)
            }
            return (try g.factions(f), try g.fissures(s))
        }
        let (full, fullFissures) = try analyse(self, options.factions, options.fissures)
        let kept = Set(full.ties?.relations ?? []).union(fullFissures.ties?.relations ?? [])
        let names = ReportReferences(self)
        var fragile: [RobustnessReport.Fragile] = []
        var untested: [Int] = []
        for (i, r) in relations.enumerated() {
            var reasons: [String] = []
            if let c = r.evidence.confidence, c.numericValue < options.confidenceBelow {
                if case .value = c { reasons.append("low confidence (\(c))") } else { reasons.append("\(c) confidence") }
            }
            if r.evidence.claimedBy.count == 1 { reasons.append("single claimant: \(r.evidence.claimedBy[0])") }
            if !r.evidence.disputedBy.isEmpty { reasons.append("disputed by " + r.evidence.disputedBy.joined(separator: ", ")) }
            if reasons.isEmpty { continue }
            if !kept.contains(i) { untested.append(i); continue }
            fragile.append(.init(relation: i, reasons: reasons, changes: [], moved: [], blocs: []))
        }

        var memberSum = [String: Double](uniqueKeysWithValues: full.bloc.keys.map { ($0, 0) })
        var blocSum = [Double](repeating: 0, count: full.blocs.count)
        var sameBloc = [Int](repeating: 0, count: full.blocs.count)
        var fissureSame = [Int: Int](), fissureDrops = [Int: Int](), fissureRange = [Int: ClosedRange<Double>]()
        for f in fullFissures.fissures {
            fissureSame[f.relation] = 0; fissureDrops[f.relation] = 0; fissureRange[f.relation] = f.score...f.score
        }
        let top = fullFissures.fissures.first
        var topKept = 0, topDrops = 0
        var challengers: [Int: Int] = [:]

        // The drops are independent: each chunk runs on the threads, then folds in file order, so
        // the report is the same on one thread or many. The reruns report no progress of their own.
        var quietFactions = options.factions, quietFissures = options.fissures
        quietFissures.progress = nil
        quietFactions.search.threads = 1; quietFissures.search.threads = 1
        let (runFactions, runFissures) = (quietFactions, quietFissures)
        let counter = AnalysisProgressCounter(options.progress, step: "drops", total: fragile.count)
        let tested = fragile.map(\.relation)
        var reruns: [Int: (FactionReport, FissureReport)] = [:]
        let chunk = max(1, 16 * options.threads)
        for index in fragile.indices {
            let i = fragile[index].relation
            if index % chunk == 0 {
                let start = index, end = min(fragile.count, index + chunk)
                let results = try _parallelMap(start..<end, threads: options.threads) { n -> (FactionReport, FissureReport) in
                    var g = self
                    g.relations.remove(at: tested[n])
                    let result = try analyse(g, runFactions, runFissures)
                    counter.tick()
                    return result
                }
                reruns = Dictionary(uniqueKeysWithValues: results.enumerated().map { (start + $0.offset, $0.element) })
            }
            let back = { (j: Int) in j >= i ? j + 1 : j }
            let (after, afterFissures) = reruns.removeValue(forKey: index)!
            var changes: [String] = []
            // Blocs, by co-membership, over the actors placed both before and after: the
            // Jaccard similarity of a full bloc B and an after-drop bloc B' is
            // |B ∩ B'| / (|B| + |B'| − |B ∩ B'|), from one table of counts (O(actors) a drop).
            var shared = [[Int]](repeating: [Int](repeating: 0, count: after.blocs.count), count: full.blocs.count)
            var fullSize = [Int](repeating: 0, count: full.blocs.count), afterSize = [Int](repeating: 0, count: after.blocs.count)
            for (id, b) in full.bloc {
                guard let a = after.bloc[id] else { continue }
                shared[b][a] += 1; fullSize[b] += 1; afterSize[a] += 1
            }
            func similarity(_ b: Int, _ a: Int) -> Double {
                let union = fullSize[b] + afterSize[a] - shared[b][a]
                return union == 0 ? 1 : Double(shared[b][a]) / Double(union)
            }
            for (id, b) in full.bloc {
                guard let a = after.bloc[id] else { continue }
                memberSum[id, default: 0] += similarity(b, a)
            }
            for b in full.blocs.indices {
                blocSum[b] += after.blocs.indices.map { similarity(b, $0) }.max() ?? 0
                if fullSize[b] == 0 || after.blocs.indices.contains(where: { shared[b][$0] == fullSize[b] && afterSize[$0] == fullSize[b] }) {
                    sameBloc[b] += 1
                }
            }
            let (moves, moved) = _moves(full: full, after: after)
            changes += moves
            // Fissures.
            let afterByRelation = Dictionary(afterFissures.fissures.map { (back($0.relation), $0) }, uniquingKeysWith: { a, _ in a })
            for f in fullFissures.fissures {
                let name = "the \(relations[f.relation].kind) \(f.a)–\(f.b)"
                guard f.relation != i else {
                    changes.append("\(name) itself is gone, so it is no longer scored" + (f.split ? " (it was split)" : ""))
                    continue
                }
                fissureDrops[f.relation, default: 0] += 1
                guard let g = afterByRelation[f.relation] else {
                    changes.append("\(name) is no longer scored")
                    continue
                }
                let range = fissureRange[f.relation]!
                fissureRange[f.relation] = min(range.lowerBound, g.score)...max(range.upperBound, g.score)
                if g.split == f.split { fissureSame[f.relation, default: 0] += 1 }
                else if f.split { changes.append("\(name) is no longer split (score \(_score(f.score)) → \(_score(g.score)))") }
                else { changes.append("\(name) is now split (score \(_score(f.score)) → \(_score(g.score)))") }
            }
            if let top, top.relation != i {
                topDrops += 1
                if let newTop = afterFissures.fissures.first.map({ back($0.relation) }), newTop != top.relation {
                    challengers[newTop, default: 0] += 1
                    changes.append("the top fissure becomes \(relationPhrase(newTop)) (was \(relationPhrase(top.relation)))")
                } else if afterFissures.fissures.first != nil {
                    topKept += 1
                }
            }
            fragile[index].changes = changes
            fragile[index].moved = names.actors(moved.sorted())
            fragile[index].blocs = after.blocs
        }

        let n = fragile.count
        func share(_ k: Int, _ of: Int) -> Double { of == 0 ? 1 : Double(k) / Double(of) }
        func mean(_ x: Double) -> Double { n == 0 ? 1 : x / Double(n) }
        let fissureStability = fullFissures.fissures.map { f in
            RobustnessReport.FissureStability(relation: f.relation, split: f.split, score: f.score,
                                              stability: share(fissureSame[f.relation] ?? 0, fissureDrops[f.relation] ?? 0),
                                              scoreRange: fissureRange[f.relation] ?? f.score...f.score,
                                              drops: fissureDrops[f.relation] ?? 0)
        }
        let order = actors.map(\.id).filter { memberSum[$0] != nil }
        return RobustnessReport(
            fragile: fragile, untested: untested,
            membership: order.map { .init(actor: names.actor($0), stability: mean(memberSum[$0]!)) },
            blocStability: blocSum.map(mean),
            blocSurvival: sameBloc.map { share($0, n) },
            fissureStability: fissureStability,
            rankStability: .init(top: top?.relation, stability: share(topKept, topDrops),
                                 challengers: challengers.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
                                    .map { .init(relation: $0.key, drops: $0.value) }),
            factions: full, fissures: fullFissures,
            citedRelations: names.relations(fragile.map(\.relation) + untested + fullFissures.fissures.map(\.relation)
                                            + challengers.keys))
    }

    /// The moves between the full blocs and those after a drop, in words. An after-drop bloc
    /// takes the label of the full bloc that gives it most members (ties: the lower number);
    /// when two after-drop blocs claim one label, the larger keeps it and the other is new.
    private func _moves(full: FactionReport, after: FactionReport) -> (changes: [String], movers: [String]) {
        var labels: [Int?] = []
        var taken: Set<Int> = []
        let afterBlocs = after.blocs.ids, fullBlocs = full.blocs.ids
        let order = after.blocs.indices.sorted { after.blocs[$0].count != after.blocs[$1].count ? after.blocs[$0].count > after.blocs[$1].count : $0 < $1 }
        labels = [Int?](repeating: nil, count: after.blocs.count)
        for b in order {
            var counts: [Int: Int] = [:]
            for id in afterBlocs[b] { if let f = full.bloc[id] { counts[f, default: 0] += 1 } }
            if let best = counts.sorted(by: { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }).first?.key,
               !taken.contains(best) {
                labels[b] = best
                taken.insert(best)
            }
        }
        var out: [String] = []
        func list(_ ids: [String]) -> String {
            ids.count < 2 ? ids.joined() : ids.dropLast().joined(separator: ", ") + " and " + ids.last!
        }
        var unplaced: [(String, Int)] = []
        var movers: [Int: [(id: String, from: Int)]] = [:]   // after bloc → actors that changed bloc
        var changed: Set<String> = []
        for (b, members) in fullBlocs.enumerated() {
            for id in members where after.bloc[id] != nil && labels[after.bloc[id]!] != b { changed.insert(id) }
        }
        // A part with no signed tie to the rest may sit in either bloc: its swapping is no change.
        let free = after.movedTogetherWithTheirPart(changed, placedBefore: { full.bloc[$0] != nil })
        for (b, members) in fullBlocs.enumerated() {
            for id in members {
                guard let a = after.bloc[id] else { unplaced.append((id, b)); continue }
                if labels[a] != b && !free.contains(id) { movers[a, default: []].append((id, b)) }
            }
        }
        for a in after.blocs.indices {
            guard let group = movers[a] else { continue }
            if let l = labels[a] {
                let sources = Set(group.map(\.from)).sorted()
                for from in sources {
                    let ids = group.filter { $0.from == from }.map(\.id)
                    out.append("\(list(ids)) \(ids.count == 1 ? "leaves" : "leave") bloc \(from + 1) for bloc \(l + 1)")
                }
            } else {
                let parts = Set(group.map(\.from)).sorted().map { from in
                    list(group.filter { $0.from == from }.map(\.id)) + " (from bloc \(from + 1))"
                }
                out.append("a new bloc forms: " + parts.joined(separator: " with "))
            }
        }
        for (id, b) in unplaced { out.append("\(id) leaves bloc \(b + 1) and is no longer placed (no kept tie left)") }
        let moverIDs = unplaced.map(\.0) + movers.values.flatMap { $0.map(\.id) }
        for (a, members) in afterBlocs.enumerated() {
            for id in members where full.bloc[id] == nil {
                out.append("\(id), unplaced before, joins " + (labels[a].map { "bloc \($0 + 1)" } ?? "a new bloc"))
            }
        }
        return (out, moverIDs)
    }

    /// A score to two decimals.
    private func _score(_ x: Double) -> String { _fixed(x) }

    private func _fixed(_ x: Double) -> String {
        let r = (x * 100).rounded() / 100
        var s = String(r)
        if let dot = s.firstIndex(of: ".") {
            let decimals = s.distance(from: dot, to: s.endIndex) - 1
            if decimals < 2 { s += String(repeating: "0", count: 2 - decimals) }
        }
        return s
    }
}
