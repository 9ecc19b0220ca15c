import Dispatch
import Synchronization

/// The undirected working graph of the modularity algorithms: one level of Louvain or Leiden.
///
/// Level 0 is a ``Network`` read as undirected (the weights of u→v and v→u summed); each later
/// level has one node per community of the level below. Modularity is linear in the edge
/// weights, so one *net* weight per pair, w⁺ − w⁻, carries both signs; only the null model
/// needs the positive and negative strengths apart, and those are kept per node.
///
/// Layout: CSR, each pair stored in both directions, no self-loops in the rows (a node's
/// internal weight is `loops[u]`, counted as Σ over ordered pairs inside it, so a level-0
/// edge inside a community adds 2·w). Strengths include the loops: Σ_u k⁺_u = 2w⁺.
struct _CommunityGraph: Sendable {
    var nodeCount: Int
    /// `offsets[u]..<offsets[u + 1]` are u's stored edges.
    var offsets: [Int]
    var neighbors: [Int32]
    /// w⁺ − w⁻ of each stored edge's pair.
    var weights: [Double]
    /// Internal weight of each node: Σ over ordered pairs (i, j) of its members of w⁺ − w⁻.
    var loops: [Double]
    /// k⁺ of each node (2·w⁺ summed over ties, loops included).
    var positiveStrength: [Double]
    /// k⁻ of each node, or empty when the objective sees no negative tie.
    var negativeStrength: [Double]
    /// Σ k⁺ = 2w⁺.
    var totalPositive: Double
    /// Σ k⁻ = 2w⁻.
    var totalNegative: Double
    /// Unordered pairs whose negative ties the objective ignored (`.positiveTies` only).
    var ignoredNegativePairs: Int

    var hasNegative: Bool { !negativeStrength.isEmpty }

    /// Level 0: `network` read as undirected. For a directed network the pair {u, v} gets the
    /// positive weights of u→v and v→u summed, and their negative weights summed apart.
    ///
    /// - Complexity: O(V + E).
    init(_ network: Network, objective: ModularityObjective) {
        let n = network.nodeCount
        let signed = objective == .signed
        let keepNegative = signed && network.hasNegativeEdges
        var offsets = [Int](repeating: 0, count: n + 1)
        var neighbors: [Int32] = []
        var weights: [Double] = []
        let capacity = network.isDirected ? 2 * network.storedEdgeCount : network.storedEdgeCount
        neighbors.reserveCapacity(capacity)
        weights.reserveCapacity(capacity)
        var kPos = [Double](repeating: 0, count: n)
        var kNeg = [Double](repeating: 0, count: keepNegative ? n : 0)
        var ignored = 0
        let directed = network.isDirected
        let weightArray = network.weights ?? []
        let signArray = network.signs ?? []
        let hasWeights = network.weights != nil, hasSigns = network.signs != nil
        network.outOffsets.withUnsafeBufferPointer { outOffsets in
        network.targets.withUnsafeBufferPointer { targets in
        network.inOffsets.withUnsafeBufferPointer { inOffsets in
        network.inSources.withUnsafeBufferPointer { inSources in
        network.inEdges.withUnsafeBufferPointer { inEdges in
        weightArray.withUnsafeBufferPointer { w in
        signArray.withUnsafeBufferPointer { s in
            for u in 0..<n {
                var a = Int(outOffsets[u]), b = directed ? Int(inOffsets[u]) : 0
                let aEnd = Int(outOffsets[u + 1]), bEnd = directed ? Int(inOffsets[u + 1]) : 0
                var pu = 0.0, nu = 0.0
                while a < aEnd || b < bEnd {
                    let va = a < aEnd ? targets[a] : Int32.max
                    let vb = b < bEnd ? inSources[b] : Int32.max
                    let v = min(va, vb)
                    var pos = 0.0, neg = 0.0
                    if va == v {
                        let x = hasWeights ? w[a] : 1
                        if hasSigns && s[a] < 0 { neg += x } else { pos += x }
                        a += 1
                    }
                    if vb == v {
                        let e = Int(inEdges[b])
                        let x = hasWeights ? w[e] : 1
                        if hasSigns && s[e] < 0 { neg += x } else { pos += x }
                        b += 1
                    }
                    if neg > 0 && !signed {
                        if Int32(u) < v { ignored += 1 }
                        neg = 0
                        if pos == 0 { continue }
                    }
                    neighbors.append(v)
                    weights.append(pos - neg)
                    pu += pos; nu += neg
                }
                kPos[u] = pu
                if keepNegative { kNeg[u] = nu }
                offsets[u + 1] = neighbors.count
            }
        }}}}}}}
        self.nodeCount = n
        self.offsets = offsets
        self.neighbors = neighbors
        self.weights = weights
        self.loops = [Double](repeating: 0, count: n)
        self.positiveStrength = kPos
        self.negativeStrength = kNeg
        self.totalPositive = kPos.reduce(0, +)
        self.totalNegative = kNeg.reduce(0, +)
        if keepNegative && totalNegative == 0 { negativeStrength = [] }
        self.ignoredNegativePairs = ignored
    }

    init(nodeCount: Int, offsets: [Int], neighbors: [Int32], weights: [Double], loops: [Double],
         positiveStrength: [Double], negativeStrength: [Double], totalPositive: Double,
         totalNegative: Double, ignoredNegativePairs: Int) {
        self.nodeCount = nodeCount
        self.offsets = offsets
        self.neighbors = neighbors
        self.weights = weights
        self.loops = loops
        self.positiveStrength = positiveStrength
        self.negativeStrength = negativeStrength
        self.totalPositive = totalPositive
        self.totalNegative = totalNegative
        self.ignoredNegativePairs = ignoredNegativePairs
    }

    /// The null-model factors a⁺ = γ / 2w⁺ and a⁻ = γ / 2w⁻ (0 when there is no such weight):
    /// moving an isolated node i into community c changes the unnormalised quality by twice
    /// w(i, c) − a⁺ k⁺_i K⁺_c + a⁻ k⁻_i K⁻_c.
    func nullFactors(resolution: Double) -> (positive: Double, negative: Double) {
        (totalPositive > 0 ? resolution / totalPositive : 0,
         totalNegative > 0 ? resolution / totalNegative : 0)
    }

    /// The modularity of `membership` (labels in `0..<communityCount`):
    /// Q = [Σ_c (I⁺_c − I⁻_c) − γ Σ_c (K⁺_c)² / 2w⁺ + γ Σ_c (K⁻_c)² / 2w⁻] / (2w⁺ + 2w⁻),
    /// with I_c the weight inside c over ordered pairs and K_c the summed strengths; 0 when
    /// there are no ties.
    ///
    /// - Complexity: O(V + E).
    func modularity(_ membership: [Int32], communityCount k: Int, resolution: Double) -> Double {
        let total = totalPositive + totalNegative
        guard total > 0 else { return 0 }
        var inside = 0.0
        var kPos = [Double](repeating: 0, count: k)
        var kNeg = [Double](repeating: 0, count: hasNegative ? k : 0)
        for u in 0..<nodeCount {
            let c = Int(membership[u])
            inside += loops[u]
            kPos[c] += positiveStrength[u]
            if hasNegative { kNeg[c] += negativeStrength[u] }
            for e in offsets[u]..<offsets[u + 1] where membership[Int(neighbors[e])] == Int32(c) {
                inside += weights[e]
            }
        }
        var null = 0.0
        if totalPositive > 0 {
            var sum = 0.0
            for x in kPos { sum += x * x }
            null += resolution * sum / totalPositive
        }
        if totalNegative > 0 {
            var sum = 0.0
            for x in kNeg { sum += x * x }
            null -= resolution * sum / totalNegative
        }
        return (inside - null) / total
    }

    /// The graph with one node per community of `membership` (labels `0..<k`): pair weights
    /// summed, weight inside a community onto its loop, strengths summed.
    ///
    /// Communities are split into fixed blocks built on up to `threads` threads and joined in
    /// block order, so the graph does not depend on the thread count.
    ///
    /// - Complexity: O(V + E) time; O(k) scratch per thread.
    func aggregate(_ membership: [Int32], communityCount k: Int, threads: Int = Network.defaultThreads) -> _CommunityGraph {
        let n = nodeCount
        // Members of each community, in node order (a counting sort).
        var start = [Int](repeating: 0, count: k + 1)
        for c in membership { start[Int(c) + 1] += 1 }
        for c in 0..<k { start[c + 1] += start[c] }
        let members = _SharedBuffer<Int32>(n)
        var fill = start
        for u in 0..<n {
            let c = Int(membership[u])
            members[fill[c]] = Int32(u)
            fill[c] += 1
        }
        let bounds = start
        let negative = hasNegative
        let newLoops = _SharedBuffer<Double>(k)
        let kPos = _SharedBuffer<Double>(k)
        let kNeg = _SharedBuffer<Double>(negative ? k : 1)
        let rowLength = _SharedBuffer<Int>(k)
        let blocks = max(1, min(k, 256))
        let size = (k + blocks - 1) / blocks
        let blockNeighbors = _SharedBuffer<[Int32]>(blocks, repeating: [])
        let blockWeights = _SharedBuffer<[Double]>(blocks, repeating: [])
        defer {
            members.free(); newLoops.free(); kPos.free(); kNeg.free(); rowLength.free()
            blockNeighbors.deinitializeAndFree(blocks); blockWeights.deinitializeAndFree(blocks)
        }
        let graph = self
        let next = Atomic<Int>(0)
        let workers = max(1, min(threads, blocks, k / 1024 + 1))
        let work: @Sendable (Int) -> Void = { _ in
            let accumulator = UnsafeMutableBufferPointer<Double>.allocate(capacity: max(k, 1))
            accumulator.initialize(repeating: 0)
            let seen = UnsafeMutableBufferPointer<Bool>.allocate(capacity: max(k, 1))
            seen.initialize(repeating: false)
            defer { accumulator.deallocate(); seen.deallocate() }
            var touched: [Int32] = []
            graph.offsets.withUnsafeBufferPointer { offsets in
            graph.neighbors.withUnsafeBufferPointer { nb in
            graph.weights.withUnsafeBufferPointer { w in
            graph.loops.withUnsafeBufferPointer { loops in
            graph.positiveStrength.withUnsafeBufferPointer { positive in
            graph.negativeStrength.withUnsafeBufferPointer { negativeStrength in
            membership.withUnsafeBufferPointer { m in
                while true {
                    let b = next.add(1, ordering: .relaxed).oldValue
                    if b >= blocks { break }
                    var outNeighbors: [Int32] = []
                    var outWeights: [Double] = []
                    for c in min(k, b * size)..<min(k, (b + 1) * size) {
                        var loop = 0.0, p = 0.0, q = 0.0
                        for x in bounds[c]..<bounds[c + 1] {
                            let u = Int(members[x])
                            loop += loops[u]
                            p += positive[u]
                            if negative { q += negativeStrength[u] }
                            for e in offsets[u]..<offsets[u + 1] {
                                let d = Int(m[Int(nb[e])])
                                if d == c { loop += w[e]; continue }
                                if !seen[d] { seen[d] = true; touched.append(Int32(d)) }
                                accumulator[d] += w[e]
                            }
                        }
                        for d in touched {
                            let di = Int(d)
                            outNeighbors.append(d)
                            outWeights.append(accumulator[di])
                            accumulator[di] = 0
                            seen[di] = false
                        }
                        rowLength[c] = touched.count
                        touched.removeAll(keepingCapacity: true)
                        newLoops[c] = loop
                        kPos[c] = p
                        if negative { kNeg[c] = q }
                    }
                    blockNeighbors[b] = outNeighbors
                    blockWeights[b] = outWeights
                }
            }}}}}}}
        }
        if workers == 1 { work(0) } else { DispatchQueue.concurrentPerform(iterations: workers, execute: work) }

        var newOffsets = [Int](repeating: 0, count: k + 1)
        for c in 0..<k { newOffsets[c + 1] = newOffsets[c] + rowLength[c] }
        var newNeighbors: [Int32] = []
        var newWeights: [Double] = []
        newNeighbors.reserveCapacity(newOffsets[k])
        newWeights.reserveCapacity(newOffsets[k])
        for b in 0..<blocks {
            newNeighbors.append(contentsOf: blockNeighbors[b])
            newWeights.append(contentsOf: blockWeights[b])
        }
        return _CommunityGraph(nodeCount: k, offsets: newOffsets, neighbors: newNeighbors, weights: newWeights,
                               loops: Array(UnsafeBufferPointer(start: newLoops.pointer, count: k)),
                               positiveStrength: Array(UnsafeBufferPointer(start: kPos.pointer, count: k)),
                               negativeStrength: negative ? Array(UnsafeBufferPointer(start: kNeg.pointer, count: k)) : [],
                               totalPositive: totalPositive, totalNegative: totalNegative,
                               ignoredNegativePairs: ignoredNegativePairs)
    }

    /// Renumbers `labels` (each in `0..<nodeCount`) to `0..<k` in order of first appearance;
    /// returns k.
    static func compact(_ labels: inout [Int32]) -> Int {
        var map = [Int32](repeating: -1, count: labels.count)
        var next: Int32 = 0
        for i in labels.indices {
            let l = Int(labels[i])
            if map[l] < 0 { map[l] = next; next += 1 }
            labels[i] = map[l]
        }
        return Int(next)
    }

    /// `0..<n` in a random order fixed by `generator`.
    static func shuffledNodes(_ n: Int, using generator: inout SeededGenerator) -> [Int32] {
        var order = (0..<Int32(n)).map { $0 }
        var i = n - 1
        while i > 0 {
            let j = Int(generator.next(upperBound: UInt64(i + 1)))
            order.swapAt(i, j)
            i -= 1
        }
        return order
    }
}
