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
    /// All swaps of one member are scored together: one breadth-first search from every node of
    /// the network without the other k − 1 members, then for each candidate only the sources for
    /// which it is the sole shortest-path parent of some node are repaired locally (the affected
    /// nodes found in level order and re-settled from their unaffected neighbours).
    ///
    /// - Precondition: `0 ≤ k ≤ nodeCount`, `restarts ≥ 0`.
    /// - Complexity: one DF evaluation is n breadth-first searches, O(n(n + m)); a round of swaps
    ///   costs k such evaluations plus, per candidate, O(n·deg) checks and the local repairs.
    ///   O(n²) memory (5 bytes per node pair) for the distance table.
    ///
    /// # Performance
    /// Slow for KPP-Neg beyond a few hundred nodes: on a random 1,000-node, 5,000-edge graph
    /// (release build, 2 threads) one DF takes 13 ms, scoring all 1,000 single removals 0.22 s,
    /// and k = 3 with 8 restarts 20 s (about 90 rounds of scoring, each n searches plus repairs).
    ///
    /// Borgatti, S. P. "Identifying sets of key players in a social network." Computational and
    /// Mathematical Organization Theory 12:21–34, 2006. doi:10.1007/s10588-006-7084-x
    public func keyPlayersNegative(k: Int, seed: UInt64 = 1, restarts: Int = 8, exhaustiveLimit: Int = 200_000,
                                   threads: Int = Network.defaultThreads) -> KeyPlayerResult {
        precondition(k >= 0 && k <= nodeCount, "k must be in 0...\(nodeCount) (the node count), not \(k)")
        precondition(restarts >= 0, "restarts must be at least 0, not \(restarts)")
        let g = _undirectedTies()
        let engine = _FragmentationEngine(g)
        let n = nodeCount
        let baseline = _KeyPlayers.fragmentation(engine.histogram(removed: [Bool](repeating: false, count: n),
                                                                  threads: threads), nodes: n)
        let search = _KeyPlayers.Search(nodeCount: n, k: k, seed: seed, restarts: restarts,
                                        exhaustiveLimit: exhaustiveLimit) { base, candidates in
            engine.prepare(removing: base, threads: threads)
            return engine.evaluate(candidates: candidates, threads: threads).map { _KeyPlayers.Score(primary: $0, secondary: 0) }
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
    /// - Precondition: `0 ≤ k ≤ nodeCount`, `m ≥ 0`, `restarts ≥ 0`.
    /// - Complexity: one evaluation is a breadth-first search from the set, O(n + m); a round of
    ///   swaps costs k(n − k) evaluations. O(n) space per thread.
    ///
    /// Borgatti, S. P. "Identifying sets of key players in a social network." Computational and
    /// Mathematical Organization Theory 12:21–34, 2006. doi:10.1007/s10588-006-7084-x
    public func keyPlayersPositive(k: Int, m: Int = 1, seed: UInt64 = 1, restarts: Int = 8,
                                   exhaustiveLimit: Int = 200_000, threads: Int = Network.defaultThreads) -> KeyPlayerResult {
        precondition(k >= 0 && k <= nodeCount, "k must be in 0...\(nodeCount) (the node count), not \(k)")
        precondition(m >= 0, "the reach distance m must be at least 0, not \(m)")
        precondition(restarts >= 0, "restarts must be at least 0, not \(restarts)")
        let g = _undirectedTies()
        let n = nodeCount
        let search = _KeyPlayers.Search(nodeCount: n, k: k, seed: seed, restarts: restarts,
                                        exhaustiveLimit: exhaustiveLimit) { base, candidates in
            let blocks = min(candidates.count, 64)
            let primary = SlotBuffer(count: candidates.count), secondary = SlotBuffer(count: candidates.count)
            let size = (candidates.count + max(1, blocks) - 1) / max(1, blocks)
            Parallel.forEachBlock(count: blocks, blocks: blocks, threads: threads) { blockRange in
                var scratch = _ReachScratch(nodeCount: n)
                for b in blockRange {
                    for i in min(candidates.count, b * size)..<min(candidates.count, (b + 1) * size) {
                        let s = scratch.score(g, members: base, extra: candidates[i], m: m)
                        primary.set(i, s.primary); secondary.set(i, s.secondary)
                    }
                }
            }
            let p = primary.array(count: candidates.count), s = secondary.array(count: candidates.count)
            return (0..<candidates.count).map { _KeyPlayers.Score(primary: p[$0], secondary: s[$0]) }
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
    /// `evaluate(base, candidates)` scores the sets `base ∪ {v}` for each candidate v ∉ base.
    struct Search {
        let nodeCount: Int
        let k: Int
        let seed: UInt64
        let restarts: Int
        let exhaustiveLimit: Int
        let evaluate: ([Int32], [Int32]) -> [Score]

        init(nodeCount: Int, k: Int, seed: UInt64, restarts: Int, exhaustiveLimit: Int,
             evaluate: @escaping ([Int32], [Int32]) -> [Score]) {
            self.nodeCount = nodeCount; self.k = k; self.seed = seed
            self.restarts = restarts; self.exhaustiveLimit = exhaustiveLimit; self.evaluate = evaluate
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
                    let scores = evaluate(base, candidates)
                    for (v, s) in zip(candidates, scores) where best == nil || s.isBetter(than: best!.score) {
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
            for start in starts where tried.insert(start).inserted {
                let found = improve(start)
                if let b = best, !(found.score.isBetter(than: b.score) || (found.score.isSame(as: b.score) && found.set.lexicographicallyPrecedes(b.set))) {
                    continue
                }
                best = found
            }
            return best!.set
        }

        /// Adds, k times, the node that scores best with the nodes already chosen.
        func greedy() -> [Int32] {
            var chosen: [Int32] = []
            for _ in 0..<k {
                let candidates = (0..<nodeCount).map { Int32($0) }.filter { !chosen.contains($0) }
                let scores = evaluate(chosen, candidates)
                var pick = 0
                for i in 1..<candidates.count where scores[i].isBetter(than: scores[pick]) { pick = i }
                chosen = Search.inserting(candidates[pick], into: chosen)
            }
            return chosen
        }

        /// Steepest ascent over swaps of one member for one non-member; among equally good swaps
        /// the lexicographically smallest resulting set.
        func improve(_ start: [Int32]) -> (set: [Int32], score: Score) {
            var set = start
            var current: Score?
            while true {
                var best: (set: [Int32], score: Score)?
                for (i, u) in set.enumerated() {
                    var base = set
                    base.remove(at: i)
                    let candidates = (0..<nodeCount).map { Int32($0) }.filter { !base.contains($0) }
                    let scores = evaluate(base, candidates)
                    if current == nil { current = scores[candidates.firstIndex(of: u)!] }
                    for (v, s) in zip(candidates, scores) where v != u {
                        let next = Search.inserting(v, into: base)
                        if let b = best, !(s.isBetter(than: b.score) || (s.isSame(as: b.score) && next.lexicographicallyPrecedes(b.set))) {
                            continue
                        }
                        best = (next, s)
                    }
                }
                guard let b = best, b.score.isBetter(than: current!) else { return (set, current!) }
                set = b.set
                current = b.score
            }
        }
    }
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
/// `prepare(removing:)` runs a breadth-first search from every node left, keeping each source's
/// distances and whether each node has a single shortest-path parent. Removing a candidate v
/// changes source s's distances only when v is the sole parent of some node in s's search; then
/// only the nodes all of whose parents are v or affected are re-settled, from their unaffected
/// neighbours. The network is undirected, so d(s, t) = d(t, s) and the checks for a candidate
/// read whole rows (v's and its neighbours'), in order. All unsafe memory of the key-player
/// search lives here.
final class _FragmentationEngine: @unchecked Sendable {
    let n: Int
    private let offsets: UnsafeMutableBufferPointer<Int32>
    private let targets: UnsafeMutableBufferPointer<Int32>
    /// distance[s·n + t]: hops from s to t with the base removed, −1 when unreachable or removed.
    private var distance: UnsafeMutableBufferPointer<Int32>
    /// single[t·n + s]: 1 when t has exactly one shortest-path parent from s, else 0 or 2.
    private var single: UnsafeMutableBufferPointer<UInt8>
    private let removed: UnsafeMutableBufferPointer<Bool>
    private var left = 0
    /// Ordered pairs by distance, with the base removed.
    private var total: [Int] = []

    init(_ g: Network) {
        n = g.nodeCount
        offsets = .allocate(capacity: n + 1)
        _ = offsets.initialize(from: g.outOffsets)
        targets = .allocate(capacity: max(1, g.targets.count))
        _ = targets.initialize(from: g.targets)
        distance = UnsafeMutableBufferPointer(start: nil, count: 0)
        single = UnsafeMutableBufferPointer(start: nil, count: 0)
        removed = .allocate(capacity: max(1, n))
        removed.initialize(repeating: false)
    }

    deinit {
        offsets.deallocate(); targets.deallocate(); removed.deallocate()
        distance.deallocate(); single.deallocate()
    }

    /// The histogram of ordered-pair distances among the nodes not `removed`.
    func histogram(removed: [Bool], threads: Int) -> [Int] {
        let blocks = min(n, 64)
        guard blocks > 0 else { return [0] }
        let size = (n + blocks - 1) / blocks
        let parts = BlockBuffers<Int>(blocks: blocks, length: n + 1)
        Parallel.forEachBlock(count: blocks, blocks: blocks, threads: threads) { blockRange in
            let offsets = self.offsets, targets = self.targets
            var dist = [Int32](repeating: -1, count: self.n)
            var queue = [Int32](repeating: 0, count: self.n)
            for b in blockRange {
                let hist = parts.block(b)
                for s in min(self.n, b * size)..<min(self.n, (b + 1) * size) where !removed[s] {
                    dist[s] = 0; queue[0] = Int32(s)
                    var head = 0, tail = 1
                    while head < tail {
                        let u = Int(queue[head]); head += 1
                        let d = dist[u] + 1
                        for k in Int(offsets[u])..<Int(offsets[u + 1]) {
                            let v = Int(targets[k])
                            if dist[v] < 0 && !removed[v] { dist[v] = d; queue[tail] = Int32(v); tail += 1; hist[Int(d)] += 1 }
                        }
                    }
                    for i in 0..<tail { dist[Int(queue[i])] = -1 }
                }
            }
        }
        return parts.sum()
    }

    /// Searches from every node outside `base`, in the network without `base`.
    func prepare(removing base: [Int32], threads: Int) {
        if distance.count != n * n {
            distance.deallocate(); single.deallocate()
            distance = .allocate(capacity: n * n)
            single = .allocate(capacity: n * n)
        }
        single.initialize(repeating: 0)
        for i in 0..<n { removed[i] = false }
        for v in base { removed[Int(v)] = true }
        left = n - base.count
        let blocks = min(n, 64)
        let size = (n + blocks - 1) / max(1, blocks)
        let parts = BlockBuffers<Int>(blocks: blocks, length: n + 1)
        Parallel.forEachBlock(count: blocks, blocks: blocks, threads: threads) { blockRange in
            let n = self.n
            let distance = self.distance, single = self.single, removed = self.removed
            let offsets = self.offsets, targets = self.targets
            var queue = [Int32](repeating: 0, count: n)
            for b in blockRange {
                let hist = parts.block(b)
                for s in min(n, b * size)..<min(n, (b + 1) * size) {
                    let row = s * n
                    for t in 0..<n { distance[row + t] = -1 }
                    if removed[s] { continue }
                    distance[row + s] = 0; queue[0] = Int32(s)
                    var head = 0, tail = 1
                    while head < tail {
                        let u = Int(queue[head]); head += 1
                        let d = distance[row + u] + 1
                        for k in Int(offsets[u])..<Int(offsets[u + 1]) {
                            let v = Int(targets[k])
                            if removed[v] { continue }
                            let dv = distance[row + v]
                            if dv < 0 {
                                distance[row + v] = d; single[v * n + s] = 1
                                queue[tail] = Int32(v); tail += 1; hist[Int(d)] += 1
                            } else if dv == d {
                                single[v * n + s] = 2
                            }
                        }
                    }
                }
            }
        }
        total = parts.sum()
    }

    /// DF of the network without the base and each candidate (candidates not in the base).
    func evaluate(candidates: [Int32], threads: Int) -> [Double] {
        let blocks = min(candidates.count, 64)
        guard blocks > 0 else { return [] }
        let size = (candidates.count + blocks - 1) / blocks
        let out = SlotBuffer(count: candidates.count)
        Parallel.forEachBlock(count: blocks, blocks: blocks, threads: threads) { blockRange in
            let scratch = _Repair(n: self.n)
            for b in blockRange {
                for i in min(candidates.count, b * size)..<min(candidates.count, (b + 1) * size) {
                    out.set(i, self.fragmentation(without: Int(candidates[i]), scratch))
                }
            }
        }
        return out.array(count: candidates.count)
    }

    /// Scratch arrays for one thread's local repairs.
    final class _Repair {
        let histogram: UnsafeMutableBufferPointer<Int>
        let critical: UnsafeMutableBufferPointer<Bool>
        let lost: UnsafeMutableBufferPointer<Int32>
        let needed: UnsafeMutableBufferPointer<Int32>
        let inAffected: UnsafeMutableBufferPointer<Bool>
        let settled: UnsafeMutableBufferPointer<Bool>
        let newDistance: UnsafeMutableBufferPointer<Int32>
        let queue: UnsafeMutableBufferPointer<Int32>
        let affected: UnsafeMutableBufferPointer<Int32>
        let touched: UnsafeMutableBufferPointer<Int32>
        var order: [UInt64] = []

        init(n: Int) {
            histogram = .allocate(capacity: n + 1); histogram.initialize(repeating: 0)
            critical = .allocate(capacity: max(1, n)); critical.initialize(repeating: false)
            lost = .allocate(capacity: max(1, n)); lost.initialize(repeating: 0)
            needed = .allocate(capacity: max(1, n)); needed.initialize(repeating: 0)
            inAffected = .allocate(capacity: max(1, n)); inAffected.initialize(repeating: false)
            settled = .allocate(capacity: max(1, n)); settled.initialize(repeating: false)
            newDistance = .allocate(capacity: max(1, n)); newDistance.initialize(repeating: 0)
            queue = .allocate(capacity: n + 1); queue.initialize(repeating: 0)
            affected = .allocate(capacity: max(1, n)); affected.initialize(repeating: 0)
            touched = .allocate(capacity: max(1, n)); touched.initialize(repeating: 0)
        }

        deinit {
            histogram.deallocate(); critical.deallocate(); lost.deallocate(); needed.deallocate()
            inAffected.deallocate(); settled.deallocate(); newDistance.deallocate(); queue.deallocate()
            affected.deallocate(); touched.deallocate()
        }
    }

    private func fragmentation(without v: Int, _ r: _Repair) -> Double {
        let n = self.n
        let distance = self.distance, single = self.single, removed = self.removed, targets = self.targets
        let hist = r.histogram, critical = r.critical
        for d in 0..<total.count { hist[d] = total[d] }
        let rowV = v * n
        // Sources for which v is the only parent of one of its neighbours w:
        // d(s, w) = d(s, v) + 1 and w has a single parent from s.
        for k in Int(offsets[v])..<Int(offsets[v + 1]) {
            let w = Int(targets[k])
            if removed[w] { continue }
            let rowW = w * n
            for s in 0..<n where single[rowW + s] == 1 && distance[rowW + s] == distance[rowV + s] + 1 {
                critical[s] = true
            }
        }
        critical[v] = false
        for s in 0..<n {
            let d = distance[rowV + s]
            if d <= 0 { continue } // v itself, removed or unreachable
            hist[Int(d)] -= 2 // (s, v) and (v, s)
            if critical[s] {
                critical[s] = false
                repairSource(s, without: v, r)
            }
        }
        guard left - 1 >= 2 else { return 1 }
        var sum = 0.0
        for d in 1..<total.count where hist[d] != 0 { sum += Double(hist[d]) / Double(d) }
        return 1 - sum / (Double(left - 1) * Double(left - 2))
    }

    /// Moves source s's pairs whose shortest paths all pass through v to their new distances.
    private func repairSource(_ s: Int, without v: Int, _ r: _Repair) {
        let n = self.n, row = s * n
        let distance = self.distance, removed = self.removed, offsets = self.offsets, targets = self.targets
        let queue = r.queue, lost = r.lost, needed = r.needed, inAffected = r.inAffected
        let affected = r.affected, touched = r.touched, newDistance = r.newDistance, settled = r.settled
        // The affected nodes, in level order: every shortest-path parent is v or affected.
        var affectedCount = 0, touchedCount = 0
        queue[0] = Int32(v)
        var head = 0, tail = 1
        while head < tail {
            let x = Int(queue[head]); head += 1
            let next = distance[row + x] + 1
            for k in Int(offsets[x])..<Int(offsets[x + 1]) {
                let w = Int(targets[k])
                if w == v || removed[w] || distance[row + w] != next { continue }
                if lost[w] == 0 {
                    touched[touchedCount] = Int32(w); touchedCount += 1
                    var count: Int32 = 0
                    for j in Int(offsets[w])..<Int(offsets[w + 1]) {
                        let y = Int(targets[j])
                        if !removed[y] && distance[row + y] == next - 1 { count += 1 }
                    }
                    needed[w] = count
                }
                lost[w] += 1
                if lost[w] == needed[w] {
                    affected[affectedCount] = Int32(w); affectedCount += 1; inAffected[w] = true
                    queue[tail] = Int32(w); tail += 1
                }
            }
        }
        // Re-settle them from their unaffected neighbours, then among themselves, in order of
        // distance (a sorted list of entry points merged with a FIFO queue; unit lengths).
        let unreachable = Int32.max
        r.order.removeAll(keepingCapacity: true)
        for i in 0..<affectedCount {
            let a = Int(affected[i])
            var best = unreachable
            for k in Int(offsets[a])..<Int(offsets[a + 1]) {
                let y = Int(targets[k])
                if y == v || removed[y] || inAffected[y] { continue }
                let dy = distance[row + y]
                if dy >= 0 && dy + 1 < best { best = dy + 1 }
            }
            newDistance[a] = best
            if best != unreachable { r.order.append(UInt64(best) << 32 | UInt64(a)) }
        }
        r.order.sort()
        let order = r.order
        var li = 0
        head = 0; tail = 0
        while li < order.count || head < tail {
            let x: Int
            if head == tail || (li < order.count && Int32(order[li] >> 32) <= newDistance[Int(queue[head])]) {
                x = Int(order[li] & 0xFFFF_FFFF); li += 1
            } else {
                x = Int(queue[head]); head += 1
            }
            if settled[x] { continue }
            settled[x] = true
            let d = newDistance[x] + 1
            for k in Int(offsets[x])..<Int(offsets[x + 1]) {
                let y = Int(targets[k])
                if inAffected[y] && !settled[y] && d < newDistance[y] {
                    newDistance[y] = d
                    queue[tail] = Int32(y); tail += 1
                }
            }
        }
        let hist = r.histogram
        for i in 0..<affectedCount {
            let a = Int(affected[i])
            hist[Int(distance[row + a])] -= 1
            if newDistance[a] != unreachable { hist[Int(newDistance[a])] += 1 }
            inAffected[a] = false; settled[a] = false
        }
        for i in 0..<touchedCount { lost[Int(touched[i])] = 0 }
    }
}
