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
    /// Above this many attached actors the drops of the default analysis (balance factions and
    /// fissures on one projection, two blocs, α = 0.5) are derived from the full partition
    /// instead of searched afresh (see ``ActorGraphModel/ActorGraph/robustness(_:)``).
    public var incrementalNodes: Int

    /// Creates options; by default the factions and fissures with their own defaults, and the
    /// relations below confidence 0.5 tested, as the CLI does.
    public init(factions: FactionOptions = FactionOptions(), fissures: FissureOptions = FissureOptions(),
                confidenceBelow: Double = 0.5, progress: AnalysisProgressHandler? = nil,
                threads: Int = Network.defaultThreads, incrementalNodes: Int = 200) {
        self.factions = factions
        self.incrementalNodes = incrementalNodes
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
        /// none: left without a tie), as the changes name them; sorted. The blocs after the drop
        /// are the full ones with these moves (and a part with no signed tie to the rest, which
        /// may sit in either bloc, possibly swapped); they are not listed per drop, which on
        /// 20,000 actors would be 20,000 names for each of thousands of drops.
        public var moved: [ActorRef]
        /// The balance partition after the drop: its error, certified lower bound and how it
        /// was found (see ``RobustnessReport/DropPartition``).
        public var partition: DropPartition
    }

    /// The balance partition the blocs and verdicts after one drop rest on.
    public struct DropPartition: Sendable, Hashable, Codable {
        /// Its error P = α·N + (1−α)·Pb on the graph without the relation.
        public var error: Double
        /// Certified: no partition of that graph has a smaller error.
        public var lowerBound: Double
        /// Whether `error` is proven minimal.
        public var optimal: Bool
        /// How it was found: the full search's method (as in ``FissureReport/partition``), or,
        /// derived from the full partition, "kept: the full partition frustrates the dropped
        /// relation" or "local search from the full partition".
        public var method: String
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
    /// How the drops were searched, when not each afresh (see ``ActorGraphModel/ActorGraph/robustness(_:)``).
    public var notes: [String]
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
    /// **Large graphs.** Above `options.incrementalNodes` attached actors (200 by default), when
    /// factions and fissures share one balance partition (method balance, the same projection,
    /// k = 2, α = 0.5: the defaults), the drops are not searched afresh but derived from the full
    /// partition (``/NetworkAnalysis/FrustrationDropEngine``):
    ///
    /// - when the full partition frustrates the dropped relation (positive between blocs,
    ///   negative inside), it is kept: P falls by half the relation's weight w, and as no
    ///   partition's P falls by more, nothing found costs less; proven optimal when the full
    ///   partition is;
    /// - otherwise, from the relation's two ends outward, every actor whose move to the other bloc
    ///   lowers P moves (its neighbours examined again; both blocs kept non-empty): a heuristic,
    ///   an upper bound on P whose certified lower bound is the full one less w/2;
    /// - a drop that would empty a bloc, or after which one bloc costs less than two, is searched
    ///   afresh as on small graphs.
    ///
    /// The fissures after such a drop are scored as `fissures` scores them on the graph without
    /// the relation and with that partition: verdicts from it, cycles counted again where the drop
    /// removes a sign from a pair on them, and each tie's frustration without it from the same
    /// local search, run again only where the drop changes a weight, a side or a decision the
    /// search reads (every other search would repeat step for step). ``RobustnessReport/notes``
    /// says how many drops were kept, improved or searched afresh, and each drop's
    /// ``RobustnessReport/Fragile/partition`` gives its P, bound and method. On smaller graphs
    /// every drop is a fresh search (exact by branch and bound up to `exactNodeLimit` actors).
    ///
    /// - Throws: ``ProjectionError`` for an unknown kind or claimant.
    /// - Complexity: on small graphs, or with other options, (F + 1) runs of `factions` and
    ///   `fissures`, F the number of tested relations; each run is one balance search when both
    ///   analyses search alike (the frustration index read off the partition). Derived from the
    ///   full partition: one run, one local search per scored tie, then per drop O(1) when the
    ///   partition is kept, else a local search from the relation's ends plus the scored ties'
    ///   searches that read what changed; O(actors) more when some actor moves.
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
        var sharedFull: _SharedAnalysis?
        let full: FactionReport, fullFissures: FissureReport
        if samePoint {
            let shared = try _sharedAnalysis(factions: options.factions, fissures: options.fissures,
                                             ties: signedTies(options.fissures.projection))
            sharedFull = shared
            (full, fullFissures) = (shared.factions, shared.fissures)
        } else {
            (full, fullFissures) = try analyse(self, options.factions, options.fissures)
        }
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
            fragile.append(.init(relation: i, reasons: reasons, changes: [], moved: [],
                                 partition: .init(error: 0, lowerBound: 0, optimal: false, method: "")))
        }

        // The actors of the faction projection by node; blocs by node.
        let ties = full.ties!
        let nodes = ties.actorIDs.count
        let fullLabel: [Int32] = ties.actorIDs.map { full.bloc[$0].map(Int32.init) ?? -1 }
        let fullBlocNodes: [[Int32]] = full.blocs.map { $0.map { Int32(ties.node[$0.id]!) } }
        let positions = Dictionary(uniqueKeysWithValues: ties.relations.enumerated().map { ($1, $0) })
        let context = _DropContext(ties: ties, positions: positions)

        var memberSum = [Double](repeating: 0, count: nodes)
        var unchangedDrops = 0
        var blocSum = [Double](repeating: 0, count: full.blocs.count)
        var sameBloc = [Int](repeating: 0, count: full.blocs.count)
        let ranked = fullFissures.fissures
        let rankOf = Dictionary(uniqueKeysWithValues: ranked.enumerated().map { ($1.relation, $0) })
        var flips = [Int](repeating: 0, count: ranked.count), missing = flips
        var fissureRange = ranked.map { $0.score...$0.score }
        let top = ranked.first
        var topKept = 0, topDrops = 0
        var challengers: [Int: Int] = [:]

        // The incremental engine: the default analysis (a shared two-bloc balance partition with
        // α = 0.5, so P is half the frustrated weight) above `incrementalNodes` attached actors.
        let engine = try _RobustnessEngine(self, options: options, shared: sharedFull, fissures: fullFissures,
                                           fullLabel: fullLabel, context: context)

        // The drops are independent: each chunk runs on the threads, then folds in file order, so
        // the report is the same on one thread or many. The reruns report no progress of their own.
        var quietFactions = options.factions, quietFissures = options.fissures
        quietFissures.progress = nil
        quietFactions.search.threads = 1; quietFissures.search.threads = 1
        let (runFactions, runFissures) = (quietFactions, quietFissures)
        let counter = AnalysisProgressCounter(options.progress, step: "drops", total: fragile.count)
        let tested = fragile.map(\.relation)
        @Sendable func rerun(_ relation: Int) throws -> _DropResult {
            var g = self
            g.relations.remove(at: relation)
            let (after, afterFissures) = try analyse(g, runFactions, runFissures)
            let back = { (j: Int) in j >= relation ? j + 1 : j }
            var labels = ties.actorIDs.map { after.bloc[$0].map(Int32.init) ?? -1 }
            _canonicalBlocs(&labels)
            let p = afterFissures.partition
            return _DropResult(labels: labels == fullLabel ? nil : labels,
                               fissures: afterFissures.fissures.map { .init(relation: back($0.relation), split: $0.split, score: $0.score,
                                                                           unbalanced: $0.unbalancedCycles) },
                               complete: true,
                               partition: .init(error: p.error, lowerBound: p.lowerBound, optimal: p.optimal, method: p.method))
        }
        let threads = max(1, options.threads)
        let chunk = engine == nil ? max(1, 16 * threads) : 256 * threads
        var results: [_DropResult] = []
        var kind = (kept: 0, local: 0, full: 0)
        for index in fragile.indices {
            let i = fragile[index].relation
            if index % chunk == 0 {
                let start = index, end = min(fragile.count, index + chunk)
                let blocks = engine == nil ? end - start : min(end - start, threads)
                let size = (end - start + blocks - 1) / blocks
                results = try _parallelMap(0..<blocks, threads: threads) { block -> [_DropResult] in
                    let range = (start + block * size)..<min(end, start + (block + 1) * size)
                    var scratch = engine?.makeScratch()
                    var out: [_DropResult] = []
                    for n in range {
                        if let engine, let result = engine.drop(tested[n], scratch: &scratch!) {
                            out.append(result)
                        } else {
                            out.append(try rerun(tested[n]))
                        }
                        counter.tick()
                    }
                    return out
                }.flatMap { $0 }
            }
            let result = results[index % chunk]
            if result.complete { kind.full += 1 } else if result.partition.method == _RobustnessEngine.keptMethod { kind.kept += 1 } else { kind.local += 1 }
            var changes: [String] = []
            var moved: [String] = []
            if let labels = result.labels {
                // Blocs, by co-membership, over the actors placed both before and after: the
                // Jaccard similarity of a full bloc B and an after-drop bloc B' is
                // |B ∩ B'| / (|B| + |B'| − |B ∩ B'|), from one table of counts (O(actors) a drop).
                let afterCount = Int(labels.max() ?? -1) + 1
                var shared = [[Int]](repeating: [Int](repeating: 0, count: afterCount), count: full.blocs.count)
                var fullSize = [Int](repeating: 0, count: full.blocs.count), afterSize = [Int](repeating: 0, count: afterCount)
                for x in 0..<nodes where fullLabel[x] >= 0 && labels[x] >= 0 {
                    shared[Int(fullLabel[x])][Int(labels[x])] += 1; fullSize[Int(fullLabel[x])] += 1; afterSize[Int(labels[x])] += 1
                }
                func similarity(_ b: Int, _ a: Int) -> Double {
                    let union = fullSize[b] + afterSize[a] - shared[b][a]
                    return union == 0 ? 1 : Double(shared[b][a]) / Double(union)
                }
                for x in 0..<nodes where fullLabel[x] >= 0 && labels[x] >= 0 {
                    memberSum[x] += similarity(Int(fullLabel[x]), Int(labels[x]))
                }
                for b in full.blocs.indices {
                    blocSum[b] += (0..<afterCount).map { similarity(b, $0) }.max() ?? 0
                    if fullSize[b] == 0 || (0..<afterCount).contains(where: { shared[b][$0] == fullSize[b] && afterSize[$0] == fullSize[b] }) {
                        sameBloc[b] += 1
                    }
                }
                (changes, moved) = _moves(fullLabel: fullLabel, fullBlocNodes: fullBlocNodes, labels: labels, shared: shared,
                                          afterSize: afterSize, context: context, dropping: i)
            } else {
                unchangedDrops += 1
                for b in full.blocs.indices { blocSum[b] += 1; sameBloc[b] += 1 }
            }
            // Fissures, in the full report's rank order.
            var events: [(rank: Int, text: String)] = []
            func name(_ f: Fissure) -> String { "the \(relations[f.relation].kind) \(f.a)–\(f.b)" }
            if let rank = rankOf[i] {
                let f = ranked[rank]
                events.append((rank, "\(name(f)) itself is gone, so it is no longer scored" + (f.split ? " (it was split)" : "")))
            }
            func compare(_ rank: Int, _ g: _DropResult.Scored) {
                let f = ranked[rank]
                fissureRange[rank] = min(fissureRange[rank].lowerBound, g.score)...max(fissureRange[rank].upperBound, g.score)
                guard g.split != f.split else { return }
                flips[rank] += 1
                events.append((rank, f.split ? "\(name(f)) is no longer split (score \(_score(f.score)) → \(_score(g.score)))"
                                             : "\(name(f)) is now split (score \(_score(f.score)) → \(_score(g.score)))"))
            }
            var newTop: Int?
            if result.complete {
                let after = Dictionary(result.fissures.map { ($0.relation, $0) }, uniquingKeysWith: { a, _ in a })
                for (rank, f) in ranked.enumerated() where f.relation != i {
                    guard let g = after[f.relation] else {
                        missing[rank] += 1
                        events.append((rank, "\(name(f)) is no longer scored"))
                        continue
                    }
                    compare(rank, g)
                }
                newTop = result.fissures.first?.relation
            } else {
                var changed = Set<Int>()
                var best: (relation: Int, score: Double, unbalanced: Int)?
                func better(_ x: (relation: Int, score: Double, unbalanced: Int), _ y: (relation: Int, score: Double, unbalanced: Int)) -> Bool {
                    if x.score != y.score { return x.score > y.score }
                    if x.unbalanced != y.unbalanced { return x.unbalanced > y.unbalanced }
                    return x.relation < y.relation
                }
                for g in result.fissures {
                    let rank = rankOf[g.relation]!
                    changed.insert(rank)
                    compare(rank, g)
                    let candidate = (g.relation, g.score, g.unbalanced)
                    if best.map({ better(candidate, $0) }) ?? true { best = candidate }
                }
                if let rank = ranked.indices.first(where: { !changed.contains($0) && ranked[$0].relation != i }) {
                    let f = ranked[rank]
                    let candidate = (f.relation, f.score, f.unbalancedCycles)
                    if best.map({ better(candidate, $0) }) ?? true { best = candidate }
                }
                newTop = best?.relation
            }
            changes += events.sorted { $0.rank < $1.rank }.map(\.text)
            if let top, top.relation != i {
                topDrops += 1
                if let newTop, newTop != top.relation {
                    challengers[newTop, default: 0] += 1
                    changes.append("the top fissure becomes \(relationPhrase(newTop)) (was \(relationPhrase(top.relation)))")
                } else if newTop != nil {
                    topKept += 1
                }
            }
            fragile[index].changes = changes
            fragile[index].moved = names.actors(moved.sorted())
            fragile[index].partition = result.partition
        }

        let n = fragile.count
        func share(_ k: Int, _ of: Int) -> Double { of == 0 ? 1 : Double(k) / Double(of) }
        func mean(_ x: Double) -> Double { n == 0 ? 1 : x / Double(n) }
        let testedSet = Set(tested)
        let fissureStability = ranked.enumerated().map { rank, f in
            let drops = n - (testedSet.contains(f.relation) ? 1 : 0)
            return RobustnessReport.FissureStability(relation: f.relation, split: f.split, score: f.score,
                                                     stability: share(drops - flips[rank] - missing[rank], drops),
                                                     scoreRange: fissureRange[rank], drops: drops)
        }
        var notes: [String] = []
        if engine != nil && n > 0 {
            let p = sharedFull!.partition
            notes.append("each drop starts from the full partition (\(nodes) attached actors, above \(options.incrementalNodes)) instead of a fresh search: "
                         + "\(kind.kept) kept it (it frustrates the dropped relation, so P falls by half the relation's weight and nothing found costs less; optimal when the full partition is), "
                         + "\(kind.local) improved it by local search from the relation's ends (a heuristic: an upper bound on P after the drop; certified lower bound: the full one, \(reportNumber(p.lowerBound)), less half the relation's weight), "
                         + "\(kind.full) searched afresh (a bloc emptied, or one bloc cheaper); each drop's P, bound and method are in its `partition` (JSON). "
                         + "The fissures' frustration without each tie is searched again only where the drop changes what its local search reads")
        }
        let order = ties.actorIDs.indices.filter { fullLabel[$0] >= 0 }
        return RobustnessReport(
            fragile: fragile, untested: untested,
            membership: order.map { .init(actor: names.actor(ties.actorIDs[$0]), stability: mean(memberSum[$0] + Double(unchangedDrops))) },
            blocStability: blocSum.map(mean),
            blocSurvival: sameBloc.map { share($0, n) },
            fissureStability: fissureStability,
            rankStability: .init(top: top?.relation, stability: share(topKept, topDrops),
                                 challengers: challengers.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
                                    .map { .init(relation: $0.key, drops: $0.value) }),
            factions: full, fissures: fullFissures, notes: notes,
            citedRelations: names.relations(fragile.map(\.relation) + untested + ranked.map(\.relation)
                                            + challengers.keys))
    }

    /// The moves between the full blocs and those after a drop, in words, and the actors that
    /// move. An after-drop bloc takes the label of the full bloc that gives it most members
    /// (ties: the lower number); when two after-drop blocs claim one label, the larger keeps it
    /// and the other is new. `labels`: the after-drop bloc of each node (−1: unplaced), numbered
    /// canonically; `shared[b][a]`: the nodes of full bloc b in after-drop bloc a.
    private func _moves(fullLabel: [Int32], fullBlocNodes: [[Int32]], labels: [Int32], shared: [[Int]], afterSize: [Int],
                        context: _DropContext, dropping relation: Int) -> (changes: [String], movers: [String]) {
        let ids = context.ties.actorIDs
        let afterCount = afterSize.count
        var labelOf = [Int?](repeating: nil, count: afterCount)
        var taken: Set<Int> = []
        let order = (0..<afterCount).sorted { afterSize[$0] != afterSize[$1] ? afterSize[$0] > afterSize[$1] : $0 < $1 }
        for a in order {
            var best: Int?
            for b in shared.indices where shared[b][a] > 0 {
                if best == nil || shared[b][a] > shared[best!][a] { best = b }
            }
            if let best, !taken.contains(best) { labelOf[a] = best; taken.insert(best) }
        }
        var changed = [Bool](repeating: false, count: ids.count)
        var anyChanged = false
        for x in ids.indices where labels[x] >= 0 && fullLabel[x] >= 0 && labelOf[Int(labels[x])] != Int(fullLabel[x]) {
            changed[x] = true; anyChanged = true
        }
        // A part with no signed tie to the rest may sit in either bloc: its swapping is no change.
        let free = anyChanged ? context.freeMovers(changed, labels: labels, dropping: relation) : changed
        func list(_ ids: [String]) -> String {
            ids.count < 2 ? ids.joined() : ids.dropLast().joined(separator: ", ") + " and " + ids.last!
        }
        var out: [String] = []
        var unplaced: [(String, Int)] = []
        var movers = [[(id: String, from: Int)]](repeating: [], count: afterCount)
        for (b, members) in fullBlocNodes.enumerated() {
            for x in members.map(Int.init) {
                guard labels[x] >= 0 else { unplaced.append((ids[x], b)); continue }
                let a = Int(labels[x])
                if labelOf[a] != b && !(anyChanged && free[x]) { movers[a].append((ids[x], b)) }
            }
        }
        for a in 0..<afterCount {
            let group = movers[a]
            guard !group.isEmpty else { continue }
            if let l = labelOf[a] {
                for from in Set(group.map(\.from)).sorted() {
                    let moving = group.filter { $0.from == from }.map(\.id)
                    out.append("\(list(moving)) \(moving.count == 1 ? "leaves" : "leave") bloc \(from + 1) for bloc \(l + 1)")
                }
            } else {
                let parts = Set(group.map(\.from)).sorted().map { from in
                    list(group.filter { $0.from == from }.map(\.id)) + " (from bloc \(from + 1))"
                }
                out.append("a new bloc forms: " + parts.joined(separator: " with "))
            }
        }
        for (id, b) in unplaced { out.append("\(id) leaves bloc \(b + 1) and is no longer placed (no kept tie left)") }
        return (out, unplaced.map(\.0) + movers.flatMap { $0.map(\.id) })
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

/// The after-drop blocs renumbered canonically: in order of their first node (−1 stays).
func _canonicalBlocs(_ labels: inout [Int32]) {
    var map: [Int32: Int32] = [:]
    for x in labels.indices where labels[x] >= 0 {
        if let m = map[labels[x]] { labels[x] = m } else { let m = Int32(map.count); map[labels[x]] = m; labels[x] = m }
    }
}

/// What one drop leaves: the blocs and the fissures that differ from the full analysis.
struct _DropResult: Sendable {
    /// A scored fissure after the drop.
    struct Scored: Sendable {
        var relation: Int, split: Bool, score: Double, unbalanced: Int
    }
    /// The bloc of each node of the faction projection after the drop, numbered canonically
    /// (−1: no kept tie left); nil when every node keeps its bloc.
    var labels: [Int32]?
    /// `complete`: every fissure scored after the drop, most stressed first; otherwise only
    /// those whose verdict, score or unbalanced cycles differ from the full analysis.
    var fissures: [Scored]
    var complete: Bool
    var partition: RobustnessReport.DropPartition
}

/// The faction projection, with what the drops need to read it.
struct _DropContext: Sendable {
    let ties: SignedTies
    /// The position in `ties` of each kept relation.
    let positions: [Int: Int]

    /// The drop of `relation` from its pair (nil when the projection does not keep it).
    func pairDrop(_ relation: Int) -> PairDrop? {
        guard let position = positions[relation] else { return nil }
        let (u, v) = ties.ends[position]
        let sign = ties.signs[position], w = ties.weights[position]
        let others = ties.ties(u, v).filter { $0 != position }
        return PairDrop(u: u, v: v, positive: sign > 0 ? w : 0, negative: sign < 0 ? w : 0,
                        positiveGone: !others.contains { ties.signs[$0] > 0 }, negativeGone: !others.contains { ties.signs[$0] < 0 })
    }

    /// Of the `changed` nodes, those whose whole connected part of the network without
    /// `relation` changed with them (no unchanged node in it): such a part may sit in either bloc.
    func freeMovers(_ changed: [Bool], labels: [Int32], dropping relation: Int) -> [Bool] {
        let net = ties.network
        let adjust = pairDrop(relation).flatMap { _PairAdjustment($0, in: net) }
        var free = [Bool](repeating: false, count: changed.count)
        var seen = [Bool](repeating: false, count: changed.count)
        for start in changed.indices where changed[start] && !seen[start] {
            var part = [start], head = 0, anchored = false
            seen[start] = true
            while head < part.count {
                let x = part[head]; head += 1
                if !changed[x] { anchored = true }
                for e in Int(net.offsets[x])..<Int(net.offsets[x + 1]) where !(adjust?.skips(e) ?? false) {
                    let y = Int(net.neighbors[e])
                    if !seen[y] && labels[y] >= 0 { seen[y] = true; part.append(y) }
                }
            }
            if !anchored { for x in part { free[x] = true } }
        }
        return free
    }
}

/// The drops of the default analysis above `incrementalNodes` attached actors, derived from the
/// full two-bloc partition (``/NetworkAnalysis/FrustrationDropEngine``) instead of searched again.
struct _RobustnessEngine: Sendable {
    static let keptMethod = "kept: the full partition frustrates the dropped relation"
    static let localMethod = "local search from the full partition"

    /// The full analysis of one scored fissure.
    struct Base: Sendable {
        var relation: Int, source: Int32, target: Int32, weight: Double, split: Bool, score: Double
        var unbalanced: Int, cycles: Int, cycleShare: Double, ambivalence: Double, dropShare: Double
    }

    let engine: FrustrationDropEngine
    let context: _DropContext
    let base: [Base]
    /// Per node, the scored fissures (indices into `base`) with an end at it (CSR).
    let endOffsets: [Int32], ends: [Int32]
    let membership: [Int32]
    let cycleBudget: Int
    let tolerance: Double
    /// The nodes in bloc 0 and in bloc 1 of the full partition.
    let sideCount: (Int, Int)
    /// The network's negative weight.
    let totalNegative: Double

    /// Nil when the options or the graph do not allow it: the drops are then searched in full.
    init?(_ graph: ActorGraph, options: RobustnessOptions, shared: _SharedAnalysis?, fissures: FissureReport,
          fullLabel: [Int32], context: _DropContext) throws {
        let ties = context.ties
        let net = ties.network
        guard let shared, options.fissures.k == 2, options.fissures.alpha == 0.5,
              ActorGraph._sharesPartition(options.factions, options.fissures, negativeTies: ties.signs.filter { $0 < 0 }.count),
              ties.actorIDs.count > max(options.incrementalNodes, options.fissures.search.exactNodeLimit),
              shared.partition.k == 2, shared.partition.partition.count == 2,
              shared.partition.partition.membership == fullLabel else { return nil }
        let membership = shared.partition.partition.membership
        tolerance = 1e-9 * (1 + net.totalPositive + net.totalNegative)
        totalNegative = net.totalNegative
        // One bloc must not cost less: the frustration index is then the two-bloc cost, 2P.
        guard abs(shared.frustration.error - 2 * shared.partition.error) <= tolerance else { return nil }
        var base: [Base] = []
        for f in fissures.fissures.sorted(by: { $0.relation < $1.relation }) {
            guard let position = context.positions[f.relation] else { return nil }
            let r = graph.relations[f.relation]
            base.append(Base(relation: f.relation, source: Int32(ties.node[r.source]!), target: Int32(ties.node[r.target]!),
                             weight: ties.weights[position], split: f.split, score: f.score, unbalanced: f.unbalancedCycles,
                             cycles: f.cycles, cycleShare: f.cycleShare, ambivalence: f.ambivalence, dropShare: f.dropShare))
        }
        let scored = base.map { b -> PairDrop in
            let p = context.positions[b.relation]!
            return PairDrop(u: ties.ends[p].u, v: ties.ends[p].v, positive: b.weight, negative: 0, positiveGone: false, negativeGone: false)
        }
        engine = FrustrationDropEngine(network: net, membership: membership, frustration: 2 * shared.partition.error,
                                       lowerBound: 2 * shared.partition.lowerBound, optimal: shared.partition.optimal,
                                       scored: scored, threads: options.threads)
        // `scored` lists the base ties in order, so the engine's ties-per-node index is theirs.
        self.endOffsets = engine.endOffsets; self.ends = engine.endTies
        self.base = base
        self.context = context
        self.membership = membership
        let ones = membership.filter { $0 == 1 }.count
        sideCount = (membership.count - ones, ones)
        self.cycleBudget = options.fissures.cycleBudget
    }

    struct Scratch {
        var engine: FrustrationDropEngine.Scratch
        var mark: [Int32]
        var moved: [Bool]
    }

    func makeScratch() -> Scratch {
        Scratch(engine: engine.makeScratch(), mark: [Int32](repeating: 0, count: membership.count),
                moved: [Bool](repeating: false, count: membership.count))
    }

    /// The drop of `relation`, or nil when it needs a full search (a bloc emptied, one bloc
    /// cheaper than two).
    func drop(_ relation: Int, scratch: inout Scratch) -> _DropResult? {
        let net = engine.network
        guard let d = context.pairDrop(relation), let adjust = _PairAdjustment(d, in: net) else { return nil }
        let o = engine.drop(d, scratch: &scratch.engine)
        var unplaced: [Int] = []
        if adjust.vanished {
            for x in [Int(d.u), Int(d.v)] where net.offsets[x + 1] - net.offsets[x] == 1 { unplaced.append(x) }
        }
        for x in o.moved { scratch.moved[Int(x)] = true }
        defer { for x in o.moved { scratch.moved[Int(x)] = false } }
        func side(_ x: Int) -> Int32 { scratch.moved[x] ? 1 - membership[x] : membership[x] }
        var count = [sideCount.0, sideCount.1]
        for x in o.moved { count[Int(membership[Int(x)])] -= 1; count[1 - Int(membership[Int(x)])] += 1 }
        for x in unplaced { count[Int(side(x))] -= 1 }
        guard count[0] > 0, count[1] > 0, totalNegative - d.negative >= o.frustration - tolerance else { return nil }
        var labels: [Int32]?
        if !o.moved.isEmpty || !unplaced.isEmpty {
            var l = membership.indices.map { side($0) }
            for x in unplaced { l[x] = -1 }
            _canonicalBlocs(&l)
            labels = l
        }
        // The fissures that may differ: searched again, an end moved, on the dropped pair, or
        // (when the pair loses a sign) near it, where their cycles may run through it.
        let recount = (d.positive > 0 && d.positiveGone) || (d.negative > 0 && d.negativeGone)
        var affected = Set<Int>()
        var searched: [Int: Double] = [:]
        for s in o.searched { affected.insert(s.tie); searched[s.tie] = s.value }
        func at(_ x: Int) { for r in Int(endOffsets[x])..<Int(endOffsets[x + 1]) { affected.insert(Int(ends[r])) } }
        for x in o.moved { at(Int(x)) }
        at(Int(d.u)); at(Int(d.v))
        // A tie's triangles and 4-cycles run through the pair u–v only when an end is u or v, or
        // one end is u's neighbour and the other v's.
        var near: [Int] = []
        if recount {
            for (z, other) in [(Int(d.u), Int(d.v)), (Int(d.v), Int(d.u))] {
                for e in Int(net.offsets[z])..<Int(net.offsets[z + 1]) {
                    let y = Int(net.neighbors[e])
                    for r in Int(endOffsets[y])..<Int(endOffsets[y + 1]) {
                        let t = Int(ends[r])
                        let far = Int(base[t].source) == y ? Int(base[t].target) : Int(base[t].source)
                        if far == other || net.edge(far, other) != nil { near.append(t); affected.insert(t) }
                    }
                }
            }
        }
        if recount { for t in [Int(d.u), Int(d.v)].flatMap({ x in (Int(endOffsets[x])..<Int(endOffsets[x + 1])).map { Int(ends[$0]) } }) { near.append(t) } }
        let recounted = Set(near)
        let key = SignedTies.key(d.u, d.v)
        var fissures: [_DropResult.Scored] = []
        for t in affected.sorted() where base[t].relation != relation {
            let b = base[t]
            let split = side(Int(b.source)) != side(Int(b.target))
            var unbalanced = b.unbalanced, cycleShare = b.cycleShare
            if recounted.contains(t) {
                let c = net._cycleCounts(b.source, b.target, adjust: adjust, budget: cycleBudget, mark: &scratch.mark)
                unbalanced = c.unbalanced
                cycleShare = c.cycles == 0 ? 0 : Double(c.unbalanced) / Double(c.cycles)
            }
            var ambivalence = b.ambivalence
            if SignedTies.key(b.source, b.target) == key {
                ambivalence = adjust.p + adjust.q > 0 ? adjust.q / (adjust.p + adjust.q) : 0
            }
            var dropShare = b.dropShare
            if let without = searched[t] {
                let share = min(1, max(0, (o.frustration - without) / b.weight))
                if abs(share - b.dropShare) > 1e-9 { dropShare = share }
            }
            var score = ((split ? 1 : 0) + cycleShare + ambivalence + dropShare) / 4
            if abs(score - b.score) <= 1e-12 { score = b.score }
            if split != b.split || score != b.score || unbalanced != b.unbalanced {
                fissures.append(.init(relation: b.relation, split: split, score: score, unbalanced: unbalanced))
            }
        }
        return _DropResult(labels: labels, fissures: fissures, complete: false,
                           partition: .init(error: o.frustration / 2, lowerBound: min(o.frustration, o.lowerBound) / 2,
                                            optimal: o.exact, method: o.derived ? Self.keptMethod : Self.localMethod))
    }
}
