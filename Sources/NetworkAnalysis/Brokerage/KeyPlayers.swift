/// The outcome of a key-player search: the chosen set, its objective, and how it was found.
public struct KeyPlayerResult: Sendable, Equatable {
    /// The chosen set, in increasing order.
    public var nodes: [Int32]
    /// The objective of that set: the distance-weighted fragmentation after removing it
    /// (KPP-Neg), or its m-reach (KPP-Pos).
    public var score: Double
    /// The objective with no node chosen: the fragmentation of the whole network (KPP-Neg), or
    /// the reach of the empty set, 0 (KPP-Pos).
    public var baseline: Double
    /// Whether the set is proven optimal by exhaustive search.
    public var optimal: Bool
    /// How the set was found: `"exhaustive (C(n,k) sets)"` or `"greedy + swaps (R restarts)"`.
    public var method: String

    /// Creates a result from its parts (the searches build it).
    public init(nodes: [Int32], score: Double, baseline: Double, optimal: Bool, method: String) {
        self.nodes = nodes
        self.score = score
        self.baseline = baseline
        self.optimal = optimal
        self.method = method
    }
}

extension Network {
    /// Borgatti's distance-weighted fragmentation of the network after removing some nodes.
    ///
    /// The network is read as undirected and unweighted: every edge, whatever its direction,
    /// weight or sign, is a tie of length 1 (call ``positiveOnly()`` first to drop negative ties).
    /// Over the n nodes left after the removal,
    ///
    ///     DF = 1 − Σ_{i≠j} (1 / d_ij) / (n(n − 1)),   with 1/∞ = 0,
    ///
    /// the sum over ordered pairs (Borgatti's 2·Σ_{i>j} over unordered ones). DF is 0 for a
    /// complete graph and 1 when no two nodes are tied. With fewer than two nodes left there is
    /// no pair to keep in touch, and DF is defined as 1 (fully fragmented, as the empty graph).
    ///
    /// Sources are split into fixed blocks and the reciprocal distances are counted as an
    /// integer histogram, so the value is bit-identical whatever `threads` is.
    ///
    /// - Parameters:
    ///   - removing: Nodes to remove first (repeats are ignored).
    ///   - threads: How many threads count the distances; the value does not depend on it.
    /// - Precondition: every removed node is in `0..<nodeCount`.
    /// - Complexity: O(n(n + m)) time (a breadth-first search from every node), O(n) extra
    ///   space per thread.
    ///
    /// Borgatti, S. P. "Identifying sets of key players in a social network." Computational and
    /// Mathematical Organization Theory 12:21–34, 2006. doi:10.1007/s10588-006-7084-x
    public func distanceFragmentation(removing: [Int32] = [], threads: Int = Network.defaultThreads) -> Double {
        let g = _undirectedTies()
        var removed = [Bool](repeating: false, count: nodeCount)
        for v in removing {
            precondition(v >= 0 && Int(v) < nodeCount, "node \(v) is outside the network of \(nodeCount) nodes")
            removed[Int(v)] = true
        }
        let left = removed.reduce(0) { $0 + ($1 ? 0 : 1) }
        let engine = _FragmentationEngine(g)
        let histogram = engine.histogram(removed: removed, threads: threads)
        return _KeyPlayers.fragmentation(histogram, nodes: left)
    }

    /// The m-reach of a set: the fraction of the nodes outside the set within `m` steps of some
    /// member, reading the network as undirected and unweighted.
    ///
    ///     reach(S) = |{ j ∉ S : d_Sj ≤ m }| / (n − |S|),   d_Sj = min_{i ∈ S} d_ij.
    ///
    /// The empty set reaches no one (0). A set holding every node leaves no one outside, and its
    /// reach is defined as 1.
    ///
    /// - Precondition: `m ≥ 0`; every member is in `0..<nodeCount`.
    /// - Complexity: O(n + m) time (one breadth-first search from the whole set), O(n) space.
    ///
    /// Borgatti, S. P. "Identifying sets of key players in a social network." Computational and
    /// Mathematical Organization Theory 12:21–34, 2006. doi:10.1007/s10588-006-7084-x
    public func reach(of set: [Int32], within m: Int) -> Double {
        precondition(m >= 0, "the reach distance m must be at least 0, not \(m)")
        for v in set { precondition(v >= 0 && Int(v) < nodeCount, "node \(v) is outside the network of \(nodeCount) nodes") }
        let members = Array(Set(set)).sorted()
        let g = _undirectedTies()
        var scratch = _ReachScratch(nodeCount: nodeCount)
        return scratch.score(g, members: members, extra: nil, m: m).primary
    }

    /// KPP-Neg (Borgatti 2006): the `k` nodes whose removal maximises the distance-weighted
    /// fragmentation ``distanceFragmentation(removing:threads:)`` of what is left.
    ///
    /// When C(n, k) ≤ `exhaustiveLimit` every set is tried and the result is optimal. Otherwise
    /// Borgatti's optimisation: one start built greedily (add the node whose removal fragments
    /// most, k times) and `restarts` seeded random starts; from each, repeatedly make the best
    /// swap of a member for a non-member while it raises DF; keep the best set found. Sets whose
    /// DF agree within 10⁻¹² are equal, and the lexicographically smallest wins, so the result
    /// depends only on the network, `k` and `seed`, never on `threads`.
    ///
    /// All swaps of one member are scored together, against the network without the other
    /// k − 1 members (the base):
    ///
    /// - **Exact scores by counting pairs.** A candidate's DF is the histogram of pair distances
    ///   without the base and it, counted by bit-parallel breadth-first searches, 512 sources a
    ///   pass (Then et al. 2014), so a score is exact and needs no stored distances.
    /// - **Bounds.** Removing v after the base lowers the sum H of reciprocal distances by at
    ///   most 2 Σ_t 1/d(v, t) (v's own pairs) plus Σ_{s,t} (σ_st(v)/σ_st)/d(s, t) (the pairs all
    ///   of whose shortest paths pass through v each lose less than their 1/d, and such a pair
    ///   has σ_st(v) = σ_st); the second sum is Brandes's accumulation with target weights 1/d.
    ///   That bound costs a search from every node, so a base first borrows one from a smaller
    ///   base B′ already bounded, plus Σ_x E_B′(x) for its other members x, E_B′(x) being Σ 1/d
    ///   over the pairs with x on some shortest path without B′ (one bit-parallel pass each):
    ///   a pair none of whose shortest paths meets x keeps its term. Only when that leaves more
    ///   than 96 candidates to score is the base's own Brandes bound computed (first that of
    ///   the base without its lightest member, which other bases can borrow).
    /// - **Exact scores only where they can matter.** Candidates are scored in decreasing order
    ///   of their bound, in batches of 4; one whose bound (plus 10⁻⁹ for rounding) is below the
    ///   current set's DF, or the best swap found so far, minus 10⁻¹², is skipped: it can
    ///   neither win nor tie.
    /// - **Bases recur.** The swaps of a base are kept and reused when the base comes back (in
    ///   the next round, or from another start) with no higher floor than they were scored
    ///   against; Brandes bounds are kept per base.
    ///
    /// The answer is the one scoring every swap from scratch would give (tested against that
    /// on 200 seeded graphs, and against brute force on small ones).
    ///
    /// `progress`, when given, is told of each greedy addition and each start's ascent (step
    /// "key players to fragment"); it only observes.
    ///
    /// - Precondition: `0 ≤ k ≤ nodeCount`, `restarts ≥ 0`.
    /// - Complexity: one DF evaluation is ⌈n/512⌉ bit-parallel passes of O(levels · (n + m))
    ///   512-bit operations; a Brandes bound is O(n(n + m)) and a borrowed one ⌈n/512⌉ passes per
    ///   added member; a round of swaps costs k bases. O(n) memory per thread, plus n doubles per
    ///   bounded base.
    ///
    /// # Performance
    /// On the 1,000-node, 5,000-edge benchmark graph (s1k, read undirected; k = 3, 8 restarts)
    /// the search meets 52 bases and computes the Brandes bound of under a third of them: 2.0 s
    /// of CPU on 2 threads, where it took 12 s with an n² distance table and local repairs
    /// (release build, a heavily shared machine; `AnalysisBenchmark --graphs s1k --measures
    /// keyplayers`).
    ///
    /// Then, M., Kaufmann, M., Chirigati, F., Hoang-Vu, T.-A., Pham, K., Kemper, A., Neumann, T.,
    /// Vo, H. T. "The more the merrier: efficient multi-source graph traversal." PVLDB 8(4), 2014.
    ///
    /// Borgatti, S. P. "Identifying sets of key players in a social network." Computational and
    /// Mathematical Organization Theory 12:21–34, 2006. doi:10.1007/s10588-006-7084-x
    public func keyPlayersNegative(k: Int, seed: UInt64 = 1, restarts: Int = 8, exhaustiveLimit: Int = 200_000,
                                   threads: Int = Network.defaultThreads,
                                   progress: AnalysisProgressHandler? = nil) -> KeyPlayerResult {
        precondition(k >= 0 && k <= nodeCount, "k must be in 0...\(nodeCount) (the node count), not \(k)")
        precondition(restarts >= 0, "restarts must be at least 0, not \(restarts)")
        let g = _undirectedTies()
        let engine = _FragmentationEngine(g)
        let n = nodeCount
        let baseline = _KeyPlayers.fragmentation(engine.histogram(removed: [Bool](repeating: false, count: n),
                                                                  threads: threads), nodes: n)
        let search = _KeyPlayers.Search(nodeCount: n, k: k, seed: seed, restarts: restarts,
                                        exhaustiveLimit: exhaustiveLimit,
                                        progress: progress.map { p in { p(AnalysisProgress(step: "key players to fragment", done: $0, total: $1)) } }
        ) { base, candidates, floor in
            engine.prepare(removing: base, threads: threads)
            let r = engine.evaluate(candidates: candidates, floor: floor?.primary, threads: threads)
                .map { $0.map { _KeyPlayers.Score(primary: $0, secondary: 0) } }
            return r
        } score: { set in
            var removed = [Bool](repeating: false, count: n)
            for v in set { removed[Int(v)] = true }
            return _KeyPlayers.Score(primary: _KeyPlayers.fragmentation(engine.histogram(removed: removed, threads: threads),
                                                                        nodes: n - set.count), secondary: 0)
        }
        let (nodes, optimal, method) = search.run(emptyScore: _KeyPlayers.Score(primary: baseline, secondary: 0))
        return KeyPlayerResult(nodes: nodes, score: distanceFragmentation(removing: nodes, threads: threads),
                               baseline: baseline, optimal: optimal, method: method)
    }

    /// KPP-Pos (Borgatti 2006): the `k` nodes that maximise the m-reach ``reach(of:within:)``,
    /// ties broken by the distance-weighted reach
    ///
    ///     DR(S) = Σ_{j ∉ S} (1 / d_Sj) / (n − k),   with 1/∞ = 0
    ///
    /// (Borgatti divides by n; a constant factor does not change the order), then by the
    /// lexicographically smallest set. The network is read as undirected and unweighted.
    ///
    /// Exhaustive when C(n, k) ≤ `exhaustiveLimit` (optimal); otherwise a greedy start and
    /// `restarts` seeded random starts, each improved by best swaps of a member for a non-member
    /// while (reach, DR) rises. Deterministic for a seed, whatever `threads` is.
    ///
    /// Each base (the set without one member) is searched once; a candidate is then scored by a
    /// search from it that stops at the nodes the base is at least as close to, which gives the
    /// same histogram of distances, so the same values, as a full search from the set.
    ///
    /// `progress`, when given, is told of each greedy addition and each start's ascent (step
    /// "key players to reach"); it only observes.
    ///
    /// - Precondition: `0 ≤ k ≤ nodeCount`, `m ≥ 0`, `restarts ≥ 0`.
    /// - Complexity: one base search O(n + m), then per candidate O(n + m) at worst (the part of
    ///   the network it brings closer); a round of swaps costs k bases and k(n − k) candidates.
    ///   O(n) space per thread.
    ///
    /// Borgatti, S. P. "Identifying sets of key players in a social network." Computational and
    /// Mathematical Organization Theory 12:21–34, 2006. doi:10.1007/s10588-006-7084-x
    public func keyPlayersPositive(k: Int, m: Int = 1, seed: UInt64 = 1, restarts: Int = 8,
                                   exhaustiveLimit: Int = 200_000, threads: Int = Network.defaultThreads,
                                   progress: AnalysisProgressHandler? = nil) -> KeyPlayerResult {
        precondition(k >= 0 && k <= nodeCount, "k must be in 0...\(nodeCount) (the node count), not \(k)")
        precondition(m >= 0, "the reach distance m must be at least 0, not \(m)")
        precondition(restarts >= 0, "restarts must be at least 0, not \(restarts)")
        let g = _undirectedTies()
        let n = nodeCount
        let search = _KeyPlayers.Search(nodeCount: n, k: k, seed: seed, restarts: restarts,
                                        exhaustiveLimit: exhaustiveLimit,
                                        progress: progress.map { p in { p(AnalysisProgress(step: "key players to reach", done: $0, total: $1)) } }
        ) { base, candidates, _ in
            let blocks = min(candidates.count, 64)
            let primary = SlotBuffer(count: candidates.count), secondary = SlotBuffer(count: candidates.count)
            let size = (candidates.count + max(1, blocks) - 1) / max(1, blocks)
            var scratch = _ReachScratch(nodeCount: n)
            let from = scratch.search(g, members: base)
            Parallel.forEachBlock(count: blocks, blocks: blocks, threads: threads) { blockRange in
                var scratch = _ReachScratch(nodeCount: n)
                for b in blockRange {
                    for i in min(candidates.count, b * size)..<min(candidates.count, (b + 1) * size) {
                        let s = scratch.score(g, adding: candidates[i], to: from, m: m)
                        primary.set(i, s.primary); secondary.set(i, s.secondary)
                    }
                }
            }
            let p = primary.array(count: candidates.count), s = secondary.array(count: candidates.count)
            return (0..<candidates.count).map { _KeyPlayers.Score(primary: p[$0], secondary: s[$0]) }
        } score: { set in
            var scratch = _ReachScratch(nodeCount: n)
            return scratch.score(g, members: set, extra: nil, m: m)
        }
        let (nodes, optimal, method) = search.run(emptyScore: _KeyPlayers.Score(primary: 0, secondary: 0))
        return KeyPlayerResult(nodes: nodes, score: reach(of: nodes, within: m), baseline: 0,
                               optimal: optimal, method: method)
    }

    /// The network as undirected ties without weights or signs: itself when undirected.
    func _undirectedTies() -> Network {
        guard isDirected else { return self }
        var s: [Int32] = [], t: [Int32] = []
        s.reserveCapacity(targets.count); t.reserveCapacity(targets.count)
        for u in 0..<nodeCount {
            for k in Int(outOffsets[u])..<Int(outOffsets[u + 1]) { s.append(Int32(u)); t.append(targets[k]) }
        }
        // Cannot fail: the indices come from a valid network without self-loops.
        return try! Network(nodeCount: nodeCount, sources: s, targets: t, directed: false, parallel: .max)
    }
}

/// The search shared by KPP-Neg and KPP-Pos.
enum _KeyPlayers {
    /// Objective values this close are equal (the same distances summed in another order).
    static let tolerance = 1e-12

    /// An objective, larger is better: compared on `primary`, then `secondary`.
    struct Score {
        var primary: Double
        var secondary: Double

        func isBetter(than other: Score) -> Bool {
            if primary > other.primary + tolerance { return true }
            if primary < other.primary - tolerance { return false }
            return secondary > other.secondary + tolerance
        }

        func isSame(as other: Score) -> Bool { !isBetter(than: other) && !other.isBetter(than: self) }
    }

    /// DF from a histogram of ordered-pair distances over `nodes` nodes.
    static func fragmentation(_ histogram: [Int], nodes: Int) -> Double {
        guard nodes >= 2 else { return 1 }
        var sum = 0.0
        for d in 1..<max(1, histogram.count) where histogram[d] != 0 { sum += Double(histogram[d]) / Double(d) }
        return 1 - sum / (Double(nodes) * Double(nodes - 1))
    }

    /// C(n, k), or nil when it exceeds `limit`.
    static func binomial(_ n: Int, _ k: Int, limit: Int) -> Int? {
        let k = min(k, n - k)
        if k < 0 { return 0 }
        var c = 1
        for i in 0..<k {
            // c · (n − i) / (i + 1) stays an integer at every step.
            let (p, overflow) = c.multipliedReportingOverflow(by: n - i)
            if overflow { return nil }
            c = p / (i + 1)
            if c > limit { return nil }
        }
        return c
    }

    /// Exhaustive or greedy-plus-swaps search over k-sets of `0..<nodeCount`.
    ///
    /// `evaluate(base, candidates, floor)` scores the sets `base ∪ {v}` for each candidate
    /// v ∉ base; it may answer nil for a candidate whose score it has proven to be below
    /// `floor − tolerance` (and below the best score of the same call minus the tolerance), which
    /// can therefore never be chosen. `score(set)` scores one set.
    struct Search {
        let nodeCount: Int
        let k: Int
        let seed: UInt64
        let restarts: Int
        let exhaustiveLimit: Int
        let evaluate: ([Int32], [Int32], Score?) -> [Score?]
        let score: ([Int32]) -> Score
        /// Told how far the heuristic is: `done` of `total` units, a unit being one greedy
        /// addition or one start's ascent.
        let progress: ((_ done: Int, _ total: Int) -> Void)?

        init(nodeCount: Int, k: Int, seed: UInt64, restarts: Int, exhaustiveLimit: Int,
             progress: ((_ done: Int, _ total: Int) -> Void)? = nil,
             evaluate: @escaping ([Int32], [Int32], Score?) -> [Score?], score: @escaping ([Int32]) -> Score) {
            self.nodeCount = nodeCount; self.k = k; self.seed = seed
            self.restarts = restarts; self.exhaustiveLimit = exhaustiveLimit; self.evaluate = evaluate
            self.score = score
            self.progress = progress
        }

        func run(emptyScore: Score) -> (nodes: [Int32], optimal: Bool, method: String) {
            if k == 0 { return ([], true, "exhaustive (1 set)") }
            if let count = binomial(nodeCount, k, limit: exhaustiveLimit) {
                return (exhaustive(), true, "exhaustive (\(count) sets)")
            }
            return (heuristic(), false, "greedy + swaps (\(restarts) restarts)")
        }

        /// `set ∪ {v}`, sorted.
        static func inserting(_ v: Int32, into set: [Int32]) -> [Int32] {
            var out = set
            out.insert(v, at: out.firstIndex { $0 > v } ?? out.count)
            return out
        }

        /// Every k-set, as every (k−1)-set `base` of `0..<n−1` extended by each v > max(base), in
        /// lexicographic order; a later set replaces the best only when strictly better.
        func exhaustive() -> [Int32] {
            let n = nodeCount
            var base = (0..<(k - 1)).map { Int32($0) }
            var best: (set: [Int32], score: Score)?
            while true {
                let first = (base.last ?? -1) + 1
                let candidates = (Int(first)..<n).map { Int32($0) }
                if !candidates.isEmpty {
                    let scores = evaluate(base, candidates, best?.score)
                    for (v, s) in zip(candidates, scores) {
                        guard let s, best == nil || s.isBetter(than: best!.score) else { continue }
                        best = (base + [v], s)
                    }
                }
                // Next (k−1)-subset of 0..<(n − 1) in lexicographic order.
                var i = base.count - 1
                while i >= 0 && Int(base[i]) == n - 1 - (base.count - i) { i -= 1 }
                if i < 0 { break }
                base[i] += 1
                for j in (i + 1)..<base.count { base[j] = base[j - 1] + 1 }
            }
            return best?.set ?? []
        }

        func heuristic() -> [Int32] {
            var rng = SeededGenerator(seed: seed)
            var starts: [[Int32]] = [greedy()]
            for _ in 0..<restarts {
                var pool = (0..<nodeCount).map { Int32($0) }
                for i in 0..<k { pool.swapAt(i, Int.random(in: i..<nodeCount, using: &rng)) }
                starts.append(pool[0..<k].sorted())
            }
            var best: (set: [Int32], score: Score)?
            var tried = Set<[Int32]>()
            var memo: [[Int32]: Memo] = [:]
            for (n, start) in starts.enumerated() {
                defer { progress?(k + n + 1, k + starts.count) }
                guard tried.insert(start).inserted else { continue }
                let found = improve(start, memo: &memo)
                if let b = best, !(found.score.isBetter(than: b.score) || (found.score.isSame(as: b.score) && found.set.lexicographicallyPrecedes(b.set))) {
                    continue
                }
                best = found
            }
            return best!.set
        }

        /// The winner among scored sets: the lexicographically smallest of those within the
        /// tolerance of the highest score.
        static func winner(_ scored: [(set: [Int32], score: Score)]) -> (set: [Int32], score: Score)? {
            guard var top = scored.first?.score else { return nil }
            for x in scored where x.score.isBetter(than: top) { top = x.score }
            var best: (set: [Int32], score: Score)?
            for x in scored where !top.isBetter(than: x.score) {
                if let b = best, !x.set.lexicographicallyPrecedes(b.set) { continue }
                best = x
            }
            return best
        }

        /// Adds, k times, the node that scores best with the nodes already chosen (the smallest
        /// of those within the tolerance of the best).
        func greedy() -> [Int32] {
            var chosen: [Int32] = []
            for step in 0..<k {
                progress?(step, k + 1 + restarts)
                let candidates = (0..<nodeCount).map { Int32($0) }.filter { !chosen.contains($0) }
                let scores = evaluate(chosen, candidates, nil)
                let scored = zip(candidates, scores).compactMap { v, s in s.map { (set: [v], score: $0) } }
                chosen = Search.inserting(Search.winner(scored)!.set[0], into: chosen)
            }
            return chosen
        }

        /// Steepest ascent over swaps of one member for one non-member: the best swap (among
        /// equally good ones, within the tolerance, the lexicographically smallest resulting
        /// set), taken while it scores strictly better than the current set. Candidates that
        /// cannot beat the current set or the best swap found so far need not be scored exactly.
        ///
        /// The scores of a base (the set without one member) are kept in `memo` and reused when
        /// the base recurs, in the next round or from another start, as long as they were
        /// computed with a floor no higher than the current one allows (see ``Memo``).
        func improve(_ start: [Int32], memo: inout [[Int32]: Memo]) -> (set: [Int32], score: Score) {
            var set = start
            var current = score(set)
            while true {
                var scored: [(set: [Int32], score: Score)] = []
                var floor = current
                for (i, u) in set.enumerated() {
                    var base = set
                    base.remove(at: i)
                    var found: [(set: [Int32], score: Score)] = []
                    if let m = memo[base], m.serves(floor: floor) {
                        found = m.scored.filter { $0.set != set }
                        if m.member.set != set { found.append(m.member) }
                    } else {
                        let candidates = (0..<nodeCount).map { Int32($0) }.filter { !base.contains($0) && $0 != u }
                        let scores = evaluate(base, candidates, floor)
                        for (v, s) in zip(candidates, scores) {
                            guard let s else { continue }
                            found.append((Search.inserting(v, into: base), s))
                        }
                        memo[base] = Memo(scored: found, floor: floor, member: (set, current))
                    }
                    for x in found where x.score.isBetter(than: floor) { floor = x.score }
                    scored += found
                }
                guard let b = Search.winner(scored), b.score.isBetter(than: current) else { return (set, current) }
                set = b.set
                current = b.score
            }
        }

        /// The scores of one base's swaps: every candidate missing from `scored` scores below
        /// `max(floor, best of scored)` minus the tolerance; `member` is the set the base was
        /// taken from, with its score (it was not a candidate).
        struct Memo {
            var scored: [(set: [Int32], score: Score)]
            var floor: Score
            var member: (set: [Int32], score: Score)

            /// Whether the missing candidates are also below a call with floor `floor` would
            /// leave out: the old floor is no higher than the new floor or the best kept score.
            func serves(floor new: Score) -> Bool {
                var top = new
                for x in scored where x.score.isBetter(than: top) { top = x.score }
                return !floor.isBetter(than: top)
            }
        }
    }
}

/// A base set's distances, for scoring the base with one node added (``_ReachScratch``).
struct _ReachBase: Sendable {
    /// Hops from the nearest member, −1 when unreachable.
    var distance: [Int32]
    /// Nodes outside the base by distance (index 0 unused).
    var histogram: [Int]
    /// The largest finite distance.
    var far: Int
    /// Members (distinct).
    var size: Int
}

/// A breadth-first search from a set, for m-reach and distance-weighted reach.
struct _ReachScratch {
    var distance: [Int32]
    var queue: [Int32]
    var histogram: [Int]

    init(nodeCount: Int) {
        distance = [Int32](repeating: -1, count: nodeCount)
        queue = [Int32](repeating: 0, count: nodeCount)
        histogram = [Int](repeating: 0, count: nodeCount + 1)
    }

    /// The distances from `members` (distinct, in range).
    mutating func search(_ g: Network, members: [Int32]) -> _ReachBase {
        var tail = 0
        for v in members { distance[Int(v)] = 0; queue[tail] = v; tail += 1 }
        var head = 0
        var far: Int32 = 0
        while head < tail {
            let u = Int(queue[head]); head += 1
            let d = distance[u] + 1
            for k in Int(g.outOffsets[u])..<Int(g.outOffsets[u + 1]) {
                let v = Int(g.targets[k])
                if distance[v] < 0 { distance[v] = d; queue[tail] = Int32(v); tail += 1; histogram[Int(d)] += 1; far = d }
            }
        }
        let base = _ReachBase(distance: distance, histogram: Array(histogram[0...Int(far)]), far: Int(far), size: members.count)
        for d in 1..<(Int(far) + 1) { histogram[d] = 0 }
        for i in 0..<tail { distance[Int(queue[i])] = -1 }
        return base
    }

    /// (m-reach, DR) of the base's members and `extra` (not a member): a breadth-first search
    /// from `extra` that goes on only through the nodes it brings closer than the base does
    /// (every node on a shortest path from `extra` to a node it brings closer is itself brought
    /// closer), so it costs the part of the network `extra` changes. The same histogram of
    /// distances as ``score(_:members:extra:m:)`` builds, summed the same way, so the same values.
    mutating func score(_ g: Network, adding extra: Int32, to base: _ReachBase, m: Int) -> _KeyPlayers.Score {
        let n = g.nodeCount
        let old = base.distance
        for d in 1..<(base.far + 1) { histogram[d] = base.histogram[d] }
        var far = base.far
        let x = Int(extra)
        if old[x] > 0 { histogram[Int(old[x])] -= 1 }
        distance[x] = 0; queue[0] = extra
        var head = 0, tail = 1
        while head < tail {
            let u = Int(queue[head]); head += 1
            let d = distance[u] + 1
            for k in Int(g.outOffsets[u])..<Int(g.outOffsets[u + 1]) {
                let v = Int(g.targets[k])
                if distance[v] >= 0 { continue }
                let was = old[v]
                if was >= 0 && was <= d { continue }
                distance[v] = d; queue[tail] = Int32(v); tail += 1
                if was > 0 { histogram[Int(was)] -= 1 }
                histogram[Int(d)] += 1
                if Int(d) > far { far = Int(d) }
            }
        }
        var within = 0
        var weighted = 0.0
        for d in 1..<(far + 1) {
            if d <= m { within += histogram[d] }
            weighted += Double(histogram[d]) / Double(d)
            histogram[d] = 0
        }
        for i in 0..<tail { distance[Int(queue[i])] = -1 }
        let outside = n - base.size - 1
        guard outside > 0 else { return _KeyPlayers.Score(primary: 1, secondary: 0) }
        return _KeyPlayers.Score(primary: Double(within) / Double(outside), secondary: weighted / Double(outside))
    }

    /// (m-reach, DR) of `members ∪ {extra}`; members distinct and in range.
    mutating func score(_ g: Network, members: [Int32], extra: Int32?, m: Int) -> _KeyPlayers.Score {
        let n = g.nodeCount
        var tail = 0
        for v in members { distance[Int(v)] = 0; queue[tail] = v; tail += 1 }
        if let extra { distance[Int(extra)] = 0; queue[tail] = extra; tail += 1 }
        let size = tail
        var head = 0
        var far: Int32 = 0
        while head < tail {
            let u = Int(queue[head]); head += 1
            let d = distance[u] + 1
            for k in Int(g.outOffsets[u])..<Int(g.outOffsets[u + 1]) {
                let v = Int(g.targets[k])
                if distance[v] < 0 { distance[v] = d; queue[tail] = Int32(v); tail += 1; histogram[Int(d)] += 1; far = d }
            }
        }
        var within = 0
        var weighted = 0.0
        for d in 1..<(Int(far) + 1) {
            if d <= m { within += histogram[d] }
            weighted += Double(histogram[d]) / Double(d)
            histogram[d] = 0
        }
        for i in 0..<tail { distance[Int(queue[i])] = -1 }
        let outside = n - size
        guard outside > 0 else { return _KeyPlayers.Score(primary: 1, secondary: 0) }
        return _KeyPlayers.Score(primary: Double(within) / Double(outside), secondary: weighted / Double(outside))
    }
}

/// Distance-weighted fragmentation after removing a base set and then each candidate in turn.
///
/// A candidate v is scored exactly by counting the pairs by distance in the network without the
/// base and v, with bit-parallel breadth-first searches (``_PairCounter``): 64 sources per word,
/// up to 512 per pass over the edges. Candidates are scored in decreasing order of an upper
/// bound on the loss of the sum of reciprocal distances H that removing them causes, and those
/// whose bound cannot reach the best score are skipped. Two bounds, both valid:
///
/// - **Brandes (tight).** Searches from every node left, with Brandes's accumulation: for each v,
///   2 Σ_t 1/d(v, t) (v's own pairs) plus Σ_{s,t} (σ_st(v)/σ_st)/d(s, t) (a pair loses only if all
///   its shortest paths pass through v, then less than its 1/d). O(n·m); kept per base.
/// - **From a smaller base (cheap).** For a base B ⊇ B′ already bounded by Brandes, with
///   X = B ∖ B′: bound_B(v) ≤ bound_B′(v) + Σ_{x ∈ X} E_B′(x), where E_B′(x) = Σ 1/d′(s, t) over the
///   pairs with x on some shortest path in the network without B′ (a pair none of whose shortest
///   paths meets X keeps its paths, so its term is unchanged; any other contributes at most
///   1/d′; and removing X only lengthens v's own distances). E costs one bit-parallel pass.
///
/// A base is first bounded the cheap way; if more than ``cheapBudget`` candidates would need
/// exact scores under it, the Brandes bound is computed and the rest continue under it. Every
/// decision depends on the network and the base only, never on `threads`. All unsafe memory of
/// the key-player search lives here and in ``_PairCounter``.
final class _FragmentationEngine: @unchecked Sendable {
    let n: Int
    private let offsets: UnsafeMutableBufferPointer<Int32>
    private let targets: UnsafeMutableBufferPointer<Int32>
    private let removed: UnsafeMutableBufferPointer<Bool>
    private var base: [Int32] = []
    private var left = 0
    /// Ordered pairs by distance with the base removed, per source pass (nil until counted).
    private var total: [[Int]]?
    /// A Brandes bound of a base: the pairs by distance and, per source pass p and node v
    /// (`bound[p·n + v]`), the bound on the loss of the pairs whose source is in pass p.
    struct Bounded { var total: [[Int]]; var bound: [Double] }
    /// Brandes bounds of the bases met so far.
    private var bounded: [[Int32]: Bounded] = [:]
    /// E_B′(x) per reference base B′ and node x, per source pass.
    private var through: [[Int32]: [Int32: [Double]]] = [:]
    /// Candidates scored under a cheap bound before the Brandes bound is computed instead.
    static let cheapBudget = 96
    /// Candidates scored exactly since the engine was made.
    private(set) var exactEvaluations = 0
    /// Candidates ruled out by a bound since the engine was made.
    private(set) var prunedEvaluations = 0
    /// Candidates whose exact count stopped early (included in ``prunedEvaluations``).
    private(set) var passCutoffs = 0
    /// Brandes bounds computed since the engine was made.
    private(set) var preparations = 0

    init(_ g: Network) {
        n = g.nodeCount
        offsets = .allocate(capacity: n + 1)
        _ = offsets.initialize(from: g.outOffsets)
        targets = .allocate(capacity: max(1, g.targets.count))
        _ = targets.initialize(from: g.targets)
        removed = .allocate(capacity: max(1, n))
        removed.initialize(repeating: false)
    }

    deinit { offsets.deallocate(); targets.deallocate(); removed.deallocate() }

    /// Source passes of 512 sources, as many as the sources need.
    private var passCount: Int { (n + _PairCounter.width - 1) / _PairCounter.width }

    /// The histogram of ordered-pair distances among the nodes not `removed`.
    func histogram(removed: [Bool], threads: Int) -> [Int] {
        Self.sum(passes(removed: removed, through: -1, threads: threads).pairs, length: n + 1)
    }

    /// Element-wise sum of histograms, in order.
    static func sum(_ parts: [[Int]], length: Int) -> [Int] {
        var total = [Int](repeating: 0, count: length)
        for part in parts { for d in 0..<length { total[d] += part[d] } }
        return total
    }

    /// Σ_d count[d] / d, in increasing d.
    static func reciprocalSum(_ count: [Int]) -> Double {
        var h = 0.0
        for d in 1..<max(1, count.count) where count[d] != 0 { h += Double(count[d]) / Double(d) }
        return h
    }

    /// Pairs by distance among the nodes not `removed`, and those with `through` on some shortest
    /// path (`through` < 0: none), per source pass.
    private func passes(removed: [Bool], through x: Int, threads: Int) -> (pairs: [[Int]], through: [[Int]]) {
        guard n > 0 else { return ([], []) }
        let passes = passCount
        let parts = BlockBuffers<Int>(blocks: passes, length: n + 1)
        let via = BlockBuffers<Int>(blocks: passes, length: n + 1)
        Parallel.forEachBlock(count: passes, blocks: passes, threads: threads) { range in
            let counter = _PairCounter(n: self.n)
            removed.withUnsafeBufferPointer { removed in
                for p in range {
                    counter.count(offsets: self.offsets, targets: self.targets, removed: removed, extra: -1,
                                  firstSource: p * _PairCounter.width, into: parts.block(p), through: x, throughInto: via.block(p))
                }
            }
        }
        return ((0..<passes).map { Array(parts.block($0)) }, (0..<passes).map { Array(via.block($0)) })
    }

    /// Starts scoring swaps from `base`: the network without `base`. Bounds are computed when
    /// ``evaluate(candidates:floor:prune:threads:)`` needs them.
    func prepare(removing base: [Int32], threads: Int) {
        self.base = base.sorted()
        for i in 0..<n { removed[i] = false }
        for v in base { removed[Int(v)] = true }
        left = n - base.count
        total = bounded[self.base]?.total
    }

    /// The Brandes bound of the current base, computed once per base.
    private func brandesBound(threads: Int) -> Bounded {
        if let b = bounded[base] { return b }
        let b = brandes(threads: threads)
        bounded[base] = b
        total = b.total
        return b
    }

    /// The cheap bound of the current base (per pass, as ``Bounded/bound``) from the bounded base
    /// B′ ⊂ base that adds the least E, or nil when none helps (the base itself is bounded, or
    /// it is empty).
    private func cheapBound(threads: Int) -> [Double]? {
        guard bounded[base] == nil, !base.isEmpty else { return nil }
        if bounded[[]] == nil {
            // The empty base is every base's reference.
            let keep = base
            prepare(removing: [], threads: threads)
            _ = brandesBound(threads: threads)
            prepare(removing: keep, threads: threads)
        }
        var best: (reference: [Int32], extra: [Double], sum: Double)?
        for (reference, _) in bounded where reference.count < base.count && reference.allSatisfy(base.contains) {
            var extra = [Double](repeating: 0, count: passCount)
            for x in base where !reference.contains(x) {
                let e = throughPairs(reference, x, threads: threads)
                for p in 0..<passCount { extra[p] += e[p] }
            }
            let sum = extra.reduce(0, +)
            if best == nil || sum < best!.sum || (sum == best!.sum && reference.lexicographicallyPrecedes(best!.reference)) {
                best = (reference, extra, sum)
            }
        }
        guard let best, let reference = bounded[best.reference] else { return nil }
        var bound = reference.bound
        for p in 0..<passCount { for v in 0..<n { bound[p * n + v] += best.extra[p] } }
        return bound
    }

    /// E_B′(x) per source pass: Σ 1/d over the ordered pairs of the network without `reference`
    /// with x on some shortest path between them (x not an end), whose source is in the pass.
    func throughPairs(_ reference: [Int32], _ x: Int32, threads: Int) -> [Double] {
        if let e = through[reference]?[x] { return e }
        var mask = [Bool](repeating: false, count: n)
        for v in reference { mask[Int(v)] = true }
        let e = passes(removed: mask, through: Int(x), threads: threads).through.map(Self.reciprocalSum)
        through[reference, default: [:]][x] = e
        return e
    }

    /// Brandes's searches from every node outside the base, in the network without it: the pairs
    /// by distance and the bounds.
    private func brandes(threads: Int) -> Bounded {
        preparations += 1
        // Blocks of 64 sources, 8 to a pass of the pair counter.
        let size = 64
        let blocks = (n + size - 1) / size
        guard blocks > 0 else { return Bounded(total: [], bound: []) }
        let parts = BlockBuffers<Int>(blocks: blocks, length: n + 1)
        let through = BlockBuffers<Double>(blocks: blocks, length: n)
        let own = SlotBuffer(count: n)
        Parallel.forEachBlock(count: blocks, blocks: blocks, threads: threads) { blockRange in
            let n = self.n
            let removed = self.removed, offsets = self.offsets, targets = self.targets
            let queue = UnsafeMutableBufferPointer<Int32>.allocate(capacity: n)
            let distance = UnsafeMutableBufferPointer<Int32>.allocate(capacity: n)
            let sigma = UnsafeMutableBufferPointer<Double>.allocate(capacity: n)
            let share = UnsafeMutableBufferPointer<Double>.allocate(capacity: n)
            let inverse = UnsafeMutableBufferPointer<Double>.allocate(capacity: n + 1)
            defer { queue.deallocate(); distance.deallocate(); sigma.deallocate(); share.deallocate(); inverse.deallocate() }
            queue.initialize(repeating: 0); sigma.initialize(repeating: 0); share.initialize(repeating: 0)
            inverse[0] = 0
            for d in 1...n { inverse[d] = 1 / Double(d) }
            // Removed nodes sit at a distance no search reaches or compares equal to.
            let far = Int32.max - 1
            for v in 0..<n { distance[v] = removed[v] ? far : -1 }
            for b in blockRange {
                let hist = parts.block(b)
                let wb = through.block(b)
                for s in min(n, b * size)..<min(n, (b + 1) * size) where !removed[s] {
                    distance[s] = 0; queue[0] = Int32(s); sigma[s] = 1
                    var head = 0, tail = 1
                    var harmonic = 0.0
                    while head < tail {
                        let u = Int(queue[head]); head += 1
                        let d = distance[u] + 1
                        let su = sigma[u]
                        let levelStart = tail
                        for k in Int(offsets[u])..<Int(offsets[u + 1]) {
                            let v = Int(targets[k])
                            let dv = distance[v]
                            if dv < 0 {
                                distance[v] = d; sigma[v] = su
                                queue[tail] = Int32(v); tail += 1
                            } else if dv == d {
                                sigma[v] += su
                            }
                        }
                        let found = tail - levelStart
                        hist[Int(d)] += found
                        harmonic += Double(found) * inverse[Int(d)]
                        // The pair (s, v) is v's own, counted in the pass of s.
                        for j in levelStart..<tail { wb[Int(queue[j])] += inverse[Int(d)] }
                    }
                    own.set(s, harmonic)
                    // Brandes's accumulation with target weights 1/d(s, t), children before
                    // parents, pulled: δ(u) = σ(u) Σ_{children w} (1/d(s, w) + δ(w)) / σ(w), and
                    // `share` holds each finished node's (1/d + δ) / σ.
                    var i = tail - 1
                    while i > 0 {
                        let u = Int(queue[i])
                        let next = distance[u] + 1
                        var sum = 0.0
                        for k in Int(offsets[u])..<Int(offsets[u + 1]) {
                            let w = Int(targets[k])
                            if distance[w] == next { sum += share[w] }
                        }
                        let dependency = sigma[u] * sum
                        wb[u] += dependency
                        share[u] = (inverse[Int(next - 1)] + dependency) / sigma[u]
                        i -= 1
                    }
                    for j in 0..<tail { let x = Int(queue[j]); sigma[x] = 0; share[x] = 0; distance[x] = -1 }
                }
            }
        }
        // Per pass: the blocks' sums, plus, for v in the pass, v's pairs (v, t).
        let harmonic = own.array(count: n)
        let perPass = _PairCounter.width / size
        var bound = [Double](repeating: 0, count: passCount * n)
        var totals = [[Int]](repeating: [Int](repeating: 0, count: n + 1), count: passCount)
        for b in 0..<blocks {
            let p = b / perPass
            let wb = through.block(b), hist = parts.block(b)
            for v in 0..<n { bound[p * n + v] += wb[v] }
            for d in 0...n { totals[p][d] += hist[d] }
        }
        for v in 0..<n { bound[(v / _PairCounter.width) * n + v] += harmonic[v] }
        return Bounded(total: totals, bound: bound)
    }

    /// DF of the network without the base and each candidate (candidates not in the base).
    func evaluate(candidates: [Int32], threads: Int) -> [Double] {
        evaluate(candidates: candidates, floor: nil, prune: false, threads: threads).map { $0! }
    }

    /// DF of the network without the base and each candidate (candidates not in the base), or
    /// nil for a candidate proven to score below both `floor − 10⁻¹²` and the best score of
    /// this call minus 10⁻¹² (so it cannot be chosen).
    ///
    /// Candidates are taken in decreasing order of their upper bound
    /// `1 − (H − bound[v]) / ((L − 1)(L − 2))` (L the nodes left with the base removed, H their
    /// sum of reciprocal distances), in batches of 4 scored exactly in parallel; a candidate
    /// whose bound, plus a margin of 10⁻⁹ for rounding, falls below the threshold is not scored.
    /// Under the cheap bound, once ``cheapBudget`` candidates have been scored, the remaining ones
    /// are ordered and pruned by the Brandes bound instead. The batches do not depend on
    /// `threads`, so neither does the answer.
    func evaluate(candidates: [Int32], floor: Double?, prune: Bool = true, threads: Int) -> [Double?] {
        let count = candidates.count
        guard count > 0 else { return [] }
        var result = [Double?](repeating: nil, count: count)
        var best = floor ?? -Double.infinity
        let remaining = left - 1
        guard prune && remaining >= 2 else {
            score(Array(0..<count), candidates, into: &result, best: &best, cutoff: nil, bound: [], passH: [], threads: threads)
            return result
        }
        var cheap = cheapBound(threads: threads)
        if cheap != nil && total == nil { total = passes(removed: baseMask, through: -1, threads: threads).pairs }
        var bound = cheap ?? brandesBound(threads: threads).bound
        var triedSubBase = false
        var done = [Bool](repeating: false, count: count)
        let passCount = self.passCount
        while true {
            let passH = total!.map(Self.reciprocalSum)
            let h = Self.reciprocalSum(Self.sum(total!, length: n + 1))
            let pairs = Double(remaining) * Double(remaining - 1)
            var upper = [Double](repeating: 2, count: count)
            var loss = [Double](repeating: 0, count: count)
            for i in 0..<count {
                let v = Int(candidates[i])
                for p in 0..<passCount { loss[i] += bound[p * n + v] }
                upper[i] = 1 - (h - loss[i]) / pairs
            }
            // A candidate stops being counted once the pairs counted so far, plus for the other
            // passes their base counts less their bounds, already exceed this sum of reciprocals.
            let cutoff = { (best: Double) -> Double? in
                best == -Double.infinity ? nil : (1 - best + _KeyPlayers.tolerance + 1e-9) * pairs
            }
            let order = (0..<count).filter { !done[$0] }.sorted { upper[$0] > upper[$1] || (upper[$0] == upper[$1] && $0 < $1) }
            var at = 0, scored = 0
            var exhausted = true
            while at < order.count {
                if cheap != nil && scored > 0 {
                    // Would the cheap bound leave more than the budget to score?
                    var open = scored
                    for j in at..<order.count where upper[order[j]] + 1e-9 >= best - _KeyPlayers.tolerance { open += 1 }
                    if open > Self.cheapBudget { exhausted = false; break }
                }
                var batch: [Int] = []
                while at < order.count && batch.count < 4 {
                    let i = order[at]; at += 1
                    if upper[i] + 1e-9 < best - _KeyPlayers.tolerance { done[i] = true; prunedEvaluations += 1; continue }
                    batch.append(i)
                }
                if batch.isEmpty { continue }
                score(batch, candidates, into: &result, best: &best, cutoff: cutoff(best), bound: bound, passH: passH, threads: threads)
                for i in batch { done[i] = true }
                scored += batch.count
            }
            if exhausted { break }
            // The cheap bound is too loose here. A base of two or more first tries the Brandes
            // bound of the base without its member that the fewest pairs pass through (it may
            // serve other bases too), then its own.
            if !triedSubBase && base.count >= 2 {
                triedSubBase = true
                let lightest = base.min { a, b in
                    let (ea, eb) = (throughPairs([], a, threads: threads).reduce(0, +), throughPairs([], b, threads: threads).reduce(0, +))
                    return ea < eb || (ea == eb && a < b)
                }!
                let sub = base.filter { $0 != lightest }
                if bounded[sub] == nil {
                    let keep = base, keepTotal = total
                    prepare(removing: sub, threads: threads)
                    _ = brandesBound(threads: threads)
                    prepare(removing: keep, threads: threads)
                    total = keepTotal
                    if let c = cheapBound(threads: threads) { cheap = c; bound = c; continue }
                }
            }
            cheap = nil
            bound = brandesBound(threads: threads).bound
        }
        return result
    }

    /// The base as a mask of removed nodes.
    private var baseMask: [Bool] {
        var mask = [Bool](repeating: false, count: n)
        for v in base { mask[Int(v)] = true }
        return mask
    }

    /// Scores `batch` (indices into `candidates`) exactly, in parallel, raising `best`; with a
    /// `cutoff`, a candidate whose sum of reciprocal distances provably exceeds it is left nil.
    private func score(_ batch: [Int], _ candidates: [Int32], into result: inout [Double?], best: inout Double,
                       cutoff: Double?, bound: [Double], passH: [Double], threads: Int) {
        let out = SlotBuffer(count: batch.count)
        let workers = max(1, min(threads, batch.count))
        let chunk = (batch.count + workers - 1) / workers
        Parallel.forEachBlock(count: workers, blocks: workers, threads: workers) { range in
            let counter = _PairCounter(n: self.n)
            for w in range {
                for j in (w * chunk)..<min(batch.count, (w + 1) * chunk) {
                    let v = Int(candidates[batch[j]])
                    let bounds = cutoff == nil ? [] : (0..<passH.count).map { bound[$0 * self.n + v] }
                    out.set(j, self.fragmentation(without: v, counter, cutoff: cutoff, baseH: passH, bounds: bounds) ?? .nan)
                }
            }
        }
        let values = out.array(count: batch.count)
        for (j, i) in batch.enumerated() {
            if values[j].isNaN { prunedEvaluations += 1; passCutoffs += 1; continue }
            result[i] = values[j]
            best = max(best, values[j])
            exactEvaluations += 1
        }
    }

    /// DF of the network without the base and v: its pairs counted by distance from scratch,
    /// pass by pass. With a `cutoff`, each pass p not counted yet contributes at least
    /// `baseH[p] − bounds[p]` (the base's sum of reciprocals there less v's bound there); the
    /// passes go in decreasing order of `bounds` and nil is returned once the passes counted
    /// plus those lower bounds of the others exceed the cutoff.
    private func fragmentation(without v: Int, _ counter: _PairCounter, cutoff: Double?, baseH: [Double], bounds: [Double]) -> Double? {
        guard left - 1 >= 2 else { return 1 }
        let hist = counter.histogram, pass = counter.passHistogram
        for d in 0...n { hist[d] = 0 }
        let removed = UnsafeBufferPointer(self.removed)
        let margins = cutoff == nil ? [] : (0..<passCount).map { baseH[$0] - bounds[$0] }
        let order = cutoff == nil ? Array(0..<passCount)
            : (0..<passCount).sorted { bounds[$0] > bounds[$1] || (bounds[$0] == bounds[$1] && $0 < $1) }
        var rest = margins.reduce(0, +), counted = 0.0
        for p in order {
            for d in 0...n { pass[d] = 0 }
            counter.count(offsets: offsets, targets: targets, removed: removed, extra: v,
                          firstSource: p * _PairCounter.width, into: pass)
            var h = 0.0
            for d in 1...n where pass[d] != 0 { hist[d] += pass[d]; h += Double(pass[d]) / Double(d) }
            if let cutoff {
                counted += h
                rest -= margins[p]
                if counted + rest > cutoff { return nil }
            }
        }
        var sum = 0.0
        for d in 1...n where hist[d] != 0 { sum += Double(hist[d]) / Double(d) }
        return 1 - sum / (Double(left - 1) * Double(left - 2))
    }
}

/// Bit-parallel breadth-first searches that count ordered pairs by distance (Then et al. 2014,
/// "The more the merrier: efficient multi-source graph traversal", VLDB 8(4)): each node holds
/// 512 bits, one per source of the pass, and a level is one pass over the edges, each node
/// taking the union of its neighbours' frontiers (no writes to shared words).
final class _PairCounter: @unchecked Sendable {
    typealias Lanes = SIMD8<UInt64>
    /// Sources per pass.
    static let width = 512
    let n: Int
    private var seen: UnsafeMutablePointer<Lanes>
    private var frontier: UnsafeMutablePointer<Lanes>
    private var next: UnsafeMutablePointer<Lanes>
    private var via: UnsafeMutablePointer<Lanes>
    private var viaNext: UnsafeMutablePointer<Lanes>
    /// Histograms for the caller (n + 1 slots each).
    let histogram: UnsafeMutableBufferPointer<Int>
    let passHistogram: UnsafeMutableBufferPointer<Int>

    init(n: Int) {
        self.n = n
        let size = max(1, n)
        seen = .allocate(capacity: size); frontier = .allocate(capacity: size); next = .allocate(capacity: size)
        via = .allocate(capacity: size); viaNext = .allocate(capacity: size)
        histogram = .allocate(capacity: n + 1)
        histogram.initialize(repeating: 0)
        passHistogram = .allocate(capacity: n + 1)
        passHistogram.initialize(repeating: 0)
    }

    deinit {
        seen.deallocate(); frontier.deallocate(); next.deallocate(); via.deallocate(); viaNext.deallocate()
        histogram.deallocate(); passHistogram.deallocate()
    }

    @inline(__always)
    private static func bits(_ x: Lanes) -> Int {
        var c = 0
        for w in 0..<8 where x[w] != 0 { c &+= x[w].nonzeroBitCount }
        return c
    }

    /// Adds to `hist[d]` the ordered pairs (s, t) at distance d, for the sources s in
    /// `firstSource ..< firstSource + 512`, among the nodes neither `removed` nor `extra`;
    /// with `through` ≥ 0, also adds to `throughHist[d]` those of the pairs with `through` on
    /// some shortest path between them (neither end being `through`).
    func count(offsets: UnsafeMutableBufferPointer<Int32>, targets: UnsafeMutableBufferPointer<Int32>,
               removed: UnsafeBufferPointer<Bool>, extra: Int, firstSource: Int, into hist: UnsafeMutableBufferPointer<Int>,
               through x: Int = -1, throughInto throughHist: UnsafeMutableBufferPointer<Int>? = nil) {
        let n = self.n
        let lastSource = min(n, firstSource + Self.width)
        let tracking = x >= 0
        let all = Lanes(repeating: ~0), none = Lanes.zero
        // A node is settled for a source once the source's bit is in `seen`; bits that are no
        // live source of this pass start set, so a node every source has reached is all ones.
        var live = none
        for s in firstSource..<lastSource where !removed[s] && s != extra {
            let b = s - firstSource
            live[b >> 6] |= 1 << UInt64(b & 63)
        }
        for v in 0..<n {
            seen[v] = removed[v] || v == extra ? all : ~live
            frontier[v] = none
            if tracking { via[v] = none }
        }
        for s in firstSource..<lastSource where !removed[s] && s != extra {
            let b = s - firstSource
            seen[s][b >> 6] |= 1 << UInt64(b & 63)
            frontier[s][b >> 6] |= 1 << UInt64(b & 63)
        }
        var level = 0
        while true {
            level += 1
            var found = 0, foundThrough = 0
            for v in 0..<n {
                let open = ~seen[v]
                if open == none {
                    next[v] = none
                    if tracking { viaNext[v] = none }
                    continue
                }
                let first = Int(offsets[v]), last = Int(offsets[v &+ 1])
                var union = none
                for k in first..<last { union |= frontier[Int(targets[k])] }
                let fresh = union & open
                next[v] = fresh
                if fresh != none { found &+= Self.bits(fresh) }
                if tracking {
                    if v == x {
                        // Every source reaching x now has x on its paths to the nodes beyond.
                        viaNext[v] = fresh
                    } else if fresh == none {
                        viaNext[v] = none
                    } else {
                        var carried = none
                        for k in first..<last { carried |= via[Int(targets[k])] }
                        let freshVia = carried & fresh
                        viaNext[v] = freshVia
                        if freshVia != none { foundThrough &+= Self.bits(freshVia) }
                    }
                }
            }
            if found == 0 { break }
            hist[level] += found
            if let throughHist { throughHist[level] += foundThrough }
            for v in 0..<n { seen[v] |= next[v] }
            swap(&frontier, &next)
            if tracking { swap(&via, &viaNext) }
        }
    }
}
