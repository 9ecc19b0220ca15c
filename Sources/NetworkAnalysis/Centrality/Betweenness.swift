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
    /// Each source costs one forward pass and one backward pass, without predecessor lists:
    /// unweighted, the breadth-first search writes down each node's successors on the
    /// shortest-path DAG as it meets them, in one flat array read back in reverse, so the
    /// backward pass walks only DAG edges; weighted, the backward pass finds them by testing
    /// distances again.
    ///
    /// - Precondition: no negative edges when `weighted` (call ``positiveOnly()`` first).
    /// - Complexity: O(V·E) unweighted, O(V·E·log V) weighted; O(V + E) memory per thread.
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
                let kernel = BrandesKernel(nodeCount: n, weighted: useWeights)
                kernel.accumulateNodes(network, sources: sources, endpoints: endpoints, into: buffers.block(b))
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
