extension Network {
    /// Betweenness centrality (Brandes 2001, "A faster algorithm for betweenness centrality",
    /// J. Math. Sociol. 25(2); endpoints after Brandes 2008, "On variants of shortest-path
    /// betweenness centrality and their generic computation", Social Networks 30).
    ///
    /// The share of shortest paths between other pairs that pass through each node. Unweighted,
    /// paths are counted in edges (breadth-first search); weighted, an edge's length is
    /// `1 / weight`, so a strong tie is a short one (Dijkstra), and two path lengths within a
    /// relative 10⁻¹⁰ of each other are equal (networkx compares the floating-point sums exactly
    /// and so misses ties such as 1/3 + 1/6 = 1/2; the fixtures use exact rational lengths). Directed networks follow
    /// edge direction; undirected ones count each pair once per direction, as networkx does
    /// before halving.
    ///
    /// Normalisation, as networkx's `betweenness_centrality`: with `normalized`, the sums are
    /// multiplied by `1 / ((n − 1)(n − 2))` (by `1 / (n(n − 1))` with `endpoints`); not at all
    /// when n ≤ 2 (n < 2 with endpoints). Without `normalized`, undirected sums are halved and
    /// directed ones kept. With `endpoints`, a path's ends count as passing through.
    ///
    /// Sources are split into a fixed number of blocks whose sums are added in block order, so
    /// the result is bit-identical whatever `threads` is.
    ///
    /// - Precondition: no negative edges when `weighted` (call ``positiveOnly()`` first).
    /// - Complexity: O(V·E) unweighted, O(V·E·log V) weighted; O(V) memory per block.
    public func betweenness(weighted: Bool = false, endpoints: Bool = false, normalized: Bool = true,
                            threads: Int = Network.defaultThreads) -> [Double] {
        let n = nodeCount
        guard n > 0 else { return [] }
        let blocks = min(n, 32)
        let buffers = BlockBuffers<Double>(blocks: blocks, length: n)
        let useWeights = weighted && weights != nil
        let network = self
        let size = (n + blocks - 1) / blocks
        Parallel.forEachBlock(count: blocks, blocks: blocks, threads: threads) { blockRange in
            for b in blockRange {
                let sources = min(n, b * size)..<min(n, (b + 1) * size)
                if sources.isEmpty { continue }
                BrandesKernel.run(network, weighted: useWeights, sources: sources, endpoints: endpoints,
                                  into: buffers.block(b))
            }
        }
        var result = buffers.sum()
        let scale: Double?
        if normalized {
            if endpoints { scale = n < 2 ? nil : 1 / (Double(n) * Double(n - 1)) }
            else { scale = n <= 2 ? nil : 1 / (Double(n - 1) * Double(n - 2)) }
        } else {
            scale = isDirected ? nil : 0.5
        }
        if let scale { for i in 0..<n { result[i] *= scale } }
        return result
    }
}

/// Brandes's algorithm over a block of sources. The unsafe buffer code of betweenness lives here.
enum BrandesKernel {
    /// Weighted path lengths within this relative difference are equal: 1/3 + 1/6 and 1/2 differ
    /// in the last bit as doubles, but are the same length.
    static let tie = 1e-10

    /// Adds the dependencies of every source in `sources` into `total`.
    ///
    /// One pass forward (BFS or Dijkstra) records the order nodes are settled in; one pass back
    /// over that order gives each node its dependency from its out-neighbours that lie one step
    /// further on a shortest path (the distance test), so no predecessor lists are built.
    static func run(_ network: Network, weighted: Bool, sources: Range<Int>, endpoints: Bool,
                    into total: UnsafeMutableBufferPointer<Double>) {
        let n = network.nodeCount
        var sigmaArray = [Double](repeating: 0, count: n)
        var deltaArray = [Double](repeating: 0, count: n)
        var hopsArray = [Int32](repeating: -1, count: n)
        var distanceArray = [Double](repeating: .infinity, count: weighted ? n : 0)
        var orderArray = [Int32](repeating: 0, count: n)
        var heap = DistanceHeap()
        let weightArray = network.weights ?? []
        network.outOffsets.withUnsafeBufferPointer { offsets in
        network.targets.withUnsafeBufferPointer { targets in
        weightArray.withUnsafeBufferPointer { weights in
        sigmaArray.withUnsafeMutableBufferPointer { sigma in
        deltaArray.withUnsafeMutableBufferPointer { delta in
        hopsArray.withUnsafeMutableBufferPointer { hops in
        distanceArray.withUnsafeMutableBufferPointer { distance in
        orderArray.withUnsafeMutableBufferPointer { order in
            for s in sources {
                var settled = 0
                if !weighted {
                    // Breadth-first search; `order` is the queue.
                    hops[s] = 0; sigma[s] = 1
                    order[0] = Int32(s)
                    settled = 1
                    var head = 0
                    while head < settled {
                        let u = Int(order[head]); head += 1
                        let next = hops[u] + 1
                        let su = sigma[u]
                        for k in Int(offsets[u])..<Int(offsets[u + 1]) {
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
                        var d = 0.0
                        for k in Int(offsets[u])..<Int(offsets[u + 1]) {
                            let v = Int(targets[k])
                            if hops[v] == next { d += (1 + delta[v]) / sigma[v] }
                        }
                        delta[u] = sigma[u] * d
                        i -= 1
                    }
                } else {
                    // Dijkstra, counting shortest paths; hops[] = 0 marks a settled node.
                    heap.removeAll()
                    distance[s] = 0
                    sigma[s] = 1
                    heap.push(0, s)
                    while let (d, u) = heap.pop() {
                        if hops[u] == 0 || d > distance[u] { continue }
                        hops[u] = 0
                        order[settled] = Int32(u); settled += 1
                        let su = sigma[u]
                        for k in Int(offsets[u])..<Int(offsets[u + 1]) {
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
                        var d = 0.0
                        for k in Int(offsets[u])..<Int(offsets[u + 1]) {
                            let v = Int(targets[k])
                            let dv = distance[v], nd = du + 1 / weights[k]
                            if abs(nd - dv) <= tie * dv && hops[v] == 0 { d += (1 + delta[v]) / sigma[v] }
                        }
                        delta[u] = sigma[u] * d
                        i -= 1
                    }
                }
                if endpoints { total[s] += Double(settled - 1) }
                for i in 0..<settled {
                    let w = Int(order[i])
                    if w != s { total[w] += endpoints ? delta[w] + 1 : delta[w] }
                    sigma[w] = 0; delta[w] = 0; hops[w] = -1
                    if weighted { distance[w] = .infinity }
                }
            }
        }}}}}}}}
    }
}
