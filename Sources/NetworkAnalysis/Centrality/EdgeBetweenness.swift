extension Network {
    /// Edge betweenness centrality (Girvan & Newman 2002; computed by Brandes's accumulation as
    /// generalised to edges in Brandes 2008, "On variants of shortest-path betweenness
    /// centrality and their generic computation", Social Networks 30(2)).
    ///
    /// The betweenness of an edge is the sum over ordered pairs (s, t), s ≠ t, of the fraction
    /// of shortest s–t paths that use it. Unweighted, paths are counted in edges; weighted, an
    /// edge's length is `1 / weight` (a strong tie is short), with path lengths within a
    /// relative 10⁻¹⁰ treated as equal, as in ``betweenness(weighted:endpoints:normalized:threads:)``.
    /// Directed networks follow edge direction; an undirected pair is one edge, walked both ways,
    /// and both of its stored copies carry its value.
    ///
    /// Normalisation, as networkx's `edge_betweenness_centrality` (k = None): with `normalized`,
    /// the ordered-pair sums are multiplied by `1 / (n(n − 1))`, directed or not (not at all
    /// when n < 2); without it, undirected sums are halved (each pair counted once) and directed
    /// ones kept. Signs are ignored.
    ///
    /// Sources are split into a fixed number of blocks, added in block order, so the result is
    /// bit-identical whatever `threads` is.
    ///
    /// - Parameters:
    ///   - weighted: Whether paths are weighted (distance = 1/weight).
    ///   - normalized: Whether to divide by the number of ordered pairs.
    ///   - threads: How many threads share the sources; the result does not depend on it.
    /// - Returns: One value per stored edge, indexed like ``targets``.
    /// - Complexity: O(V·E) unweighted, O(V·E·log V) weighted; O(V + E) memory per block.
    ///
    /// Girvan, M., Newman, M. E. J. "Community structure in social and biological networks."
    /// PNAS 99(12):7821–7826, 2002. doi:10.1073/pnas.122653799
    /// Brandes, U. "On variants of shortest-path betweenness centrality and their generic
    /// computation." Social Networks 30(2):136–145, 2008. doi:10.1016/j.socnet.2007.11.001
    public func edgeBetweenness(weighted: Bool = false, normalized: Bool = true,
                                threads: Int = Network.defaultThreads) -> [Double] {
        let n = nodeCount
        let m = storedEdgeCount
        guard n > 0, m > 0 else { return [Double](repeating: 0, count: m) }
        // A fixed number of blocks (not depending on `threads`), fewer for large networks to
        // bound the per-block memory.
        let blocks = max(1, min(n, 32, 8_000_000 / m))
        let buffers = BlockBuffers<Double>(blocks: blocks, length: m)
        let useWeights = weighted && weights != nil
        let network = self
        let size = (n + blocks - 1) / blocks
        Parallel.forEachBlock(count: blocks, blocks: blocks, threads: threads) { blockRange in
            for b in blockRange {
                let sources = min(n, b * size)..<min(n, (b + 1) * size)
                if sources.isEmpty { continue }
                var kernel = EdgeBrandesKernel(nodeCount: n, weighted: useWeights)
                let out = buffers.block(b)
                for s in sources { kernel.accumulate(network, from: s, alive: nil, into: out) }
            }
        }
        var sums = buffers.sum()
        var result = sums
        if !isDirected {
            // Each stored copy accumulated the paths that walked it one way: add the twins.
            for u in 0..<n {
                for e in Int(outOffsets[u])..<Int(outOffsets[u + 1]) where Int(targets[e]) > u {
                    let twin = twinEdge(e, from: u)
                    let total = sums[e] + sums[twin]
                    result[e] = total; result[twin] = total
                }
            }
            sums = []
        }
        let scale: Double?
        if normalized { scale = n < 2 ? nil : 1 / (Double(n) * Double(n - 1)) }
        else { scale = isDirected ? nil : 0.5 }
        if let scale { for e in 0..<m { result[e] *= scale } }
        return result
    }

    /// The stored edge v → u of an undirected network's edge e = u → v (binary search in v's row).
    func twinEdge(_ e: Int, from u: Int) -> Int {
        let v = Int(targets[e])
        var lo = Int(outOffsets[v]), hi = Int(outOffsets[v + 1])
        while lo < hi {
            let mid = (lo + hi) / 2
            if Int(targets[mid]) < u { lo = mid + 1 } else { hi = mid }
        }
        precondition(lo < Int(outOffsets[v + 1]) && Int(targets[lo]) == u, "an undirected network stores both directions")
        return lo
    }
}

/// Brandes's accumulation for edge betweenness from one source at a time, with reusable
/// per-node arrays. `alive`, when given, masks out removed edges (Girvan–Newman).
struct EdgeBrandesKernel {
    private var sigma: [Double]
    private var delta: [Double]
    private var hops: [Int32]
    private var distance: [Double]
    private var order: [Int32]
    private var heap = DistanceHeap()
    let weighted: Bool

    init(nodeCount n: Int, weighted: Bool) {
        sigma = [Double](repeating: 0, count: n)
        delta = [Double](repeating: 0, count: n)
        hops = [Int32](repeating: -1, count: n)
        distance = [Double](repeating: .infinity, count: weighted ? n : 0)
        order = [Int32](repeating: 0, count: n)
        self.weighted = weighted
    }

    /// Adds, for every stored edge u → v, the dependency of source `s` on it (the paths from s
    /// that walk u → v) into `total[edge]`.
    mutating func accumulate(_ network: Network, from s: Int, alive: UnsafeBufferPointer<Bool>?,
                             into total: UnsafeMutableBufferPointer<Double>) {
        let tie = BrandesKernel.tie
        let weighted = self.weighted
        let weightArray = network.weights ?? []
        network.outOffsets.withUnsafeBufferPointer { offsets in
        network.targets.withUnsafeBufferPointer { targets in
        weightArray.withUnsafeBufferPointer { weights in
        sigma.withUnsafeMutableBufferPointer { sigma in
        delta.withUnsafeMutableBufferPointer { delta in
        hops.withUnsafeMutableBufferPointer { hops in
        distance.withUnsafeMutableBufferPointer { distance in
        order.withUnsafeMutableBufferPointer { order in
            @inline(__always) func live(_ k: Int) -> Bool { alive.map { $0[k] } ?? true }
            var settled = 0
            if !weighted {
                hops[s] = 0; sigma[s] = 1
                order[0] = Int32(s)
                settled = 1
                var head = 0
                while head < settled {
                    let u = Int(order[head]); head += 1
                    let next = hops[u] + 1
                    let su = sigma[u]
                    for k in Int(offsets[u])..<Int(offsets[u + 1]) where live(k) {
                        let v = Int(targets[k])
                        let hv = hops[v]
                        if hv < 0 {
                            hops[v] = next
                            order[settled] = Int32(v); settled += 1
                            sigma[v] = su
                        } else if hv == next {
                            sigma[v] += su
                        }
                    }
                }
                var i = settled - 1
                while i >= 0 {
                    let u = Int(order[i])
                    let next = hops[u] + 1
                    let su = sigma[u]
                    var d = 0.0
                    for k in Int(offsets[u])..<Int(offsets[u + 1]) where live(k) {
                        let v = Int(targets[k])
                        if hops[v] == next {
                            let c = su * (1 + delta[v]) / sigma[v]
                            total[k] += c
                            d += c
                        }
                    }
                    delta[u] = d
                    i -= 1
                }
            } else {
                heap.removeAll()
                distance[s] = 0
                sigma[s] = 1
                heap.push(0, s)
                while let (d, u) = heap.pop() {
                    if hops[u] == 0 || d > distance[u] { continue }
                    hops[u] = 0
                    order[settled] = Int32(u); settled += 1
                    let su = sigma[u]
                    for k in Int(offsets[u])..<Int(offsets[u + 1]) where live(k) {
                        let v = Int(targets[k])
                        let nd = d + 1 / weights[k]
                        let dv = distance[v]
                        if dv == .infinity || nd < dv - tie * dv {
                            distance[v] = nd
                            sigma[v] = su
                            heap.push(nd, v)
                        } else if nd <= dv + tie * dv && hops[v] != 0 {
                            sigma[v] += su
                        }
                    }
                }
                var i = settled - 1
                while i >= 0 {
                    let u = Int(order[i])
                    let du = distance[u]
                    let su = sigma[u]
                    var d = 0.0
                    for k in Int(offsets[u])..<Int(offsets[u + 1]) where live(k) {
                        let v = Int(targets[k])
                        let dv = distance[v], nd = du + 1 / weights[k]
                        if abs(nd - dv) <= tie * dv && hops[v] == 0 && v != s {
                            let c = su * (1 + delta[v]) / sigma[v]
                            total[k] += c
                            d += c
                        }
                    }
                    delta[u] = d
                    i -= 1
                }
            }
            for i in 0..<settled {
                let w = Int(order[i])
                sigma[w] = 0; delta[w] = 0; hops[w] = -1
                if weighted { distance[w] = .infinity }
            }
        }}}}}}}}
    }
}
