/// The result of ``Network/girvanNewman(k:weighted:)``.
public struct GirvanNewmanResult: Sendable, Equatable {
    /// One removed edge.
    public struct Removal: Sendable, Equatable {
        /// The edge's ends, `u < v`.
        public var u: Int32
        /// The higher-numbered end.
        public var v: Int32
        /// Its edge betweenness when removed, normalised as networkx's
        /// `edge_betweenness_centrality` (divided by n(n − 1), n the network's node count).
        public var betweenness: Double
        /// The number of connected components after the removal.
        public var components: Int
    }

    /// The dendrogram cut at k: the components after enough removals; if the network starts
    /// with k or more components, those.
    public var partition: Partition
    /// The edges removed, in order, until there were k components.
    public var removals: [Removal]
    /// The partition at each number of components, from the start (the connected components)
    /// up to k; the last is ``partition``.
    public var levels: [Partition]
    /// Whether negative ties were dropped (the network had some): Girvan–Newman has no
    /// meaning for them.
    public var usedPositiveTiesOnly: Bool
}

extension Network {
    /// Girvan–Newman divisive community detection (Girvan & Newman 2002), cut at `k` components.
    ///
    /// Repeatedly removes the edge of highest edge betweenness (see
    /// ``edgeBetweenness(weighted:normalized:threads:)``) and recomputes the betweenness after
    /// every removal, only in the component that held the edge (paths never cross components),
    /// until there are `k` connected components. Ties are broken by the smallest (u, v), u < v:
    /// values within a relative 10⁻⁹ of the maximum count as tied. networkx's `girvan_newman`
    /// breaks ties by dictionary order instead, so the two may remove tied edges in a different
    /// order (the fixtures compare levels only while every maximum is unique).
    ///
    /// The network is read as undirected with its positive ties only: negative ties are dropped
    /// (``GirvanNewmanResult/usedPositiveTiesOnly``), and for a directed network the weights
    /// of u → v and v → u are summed into one tie. Unweighted by default; `weighted` takes an
    /// edge's length as 1/weight. `k` is clamped to the number of nodes.
    ///
    /// - Parameters:
    ///   - k: The number of components wanted, at least 1.
    ///   - weighted: Whether shortest paths use the weights (distance = 1/weight).
    /// - Returns: The partition, the removals in order and the partition at each level.
    /// - Complexity: O(r · V_c · E_c) for r removals, V_c and E_c the nodes and edges of the
    ///   component that changed (O(r · V_c · E_c · log V_c) weighted); at worst O(V · E²).
    ///   O(V + E) extra space.
    ///
    /// Girvan, M., Newman, M. E. J. "Community structure in social and biological networks."
    /// PNAS 99(12):7821–7826, 2002. doi:10.1073/pnas.122653799
    public func girvanNewman(k: Int, weighted: Bool = false) -> GirvanNewmanResult {
        precondition(k >= 1, "Girvan–Newman needs k ≥ 1 components")
        let n = nodeCount
        let target = min(k, max(n, 1))
        let g = _positiveUndirected()
        let m = g.storedEdgeCount
        var alive = [Bool](repeating: true, count: m)
        var (component, count) = g.weakComponents()
        var levels = [Partition(labels: component)]
        var removals: [GirvanNewmanResult.Removal] = []
        let scale = n < 2 ? 1 : 1 / (Double(n) * Double(n - 1))
        let useWeights = weighted && g.weights != nil
        var kernel = EdgeBrandesKernel(nodeCount: n, weighted: useWeights)
        var sums = [Double](repeating: 0, count: m)
        var twin = [Int](repeating: 0, count: m)
        for u in 0..<n {
            for e in Int(g.outOffsets[u])..<Int(g.outOffsets[u + 1]) where Int(g.targets[e]) > u {
                let t = g.twinEdge(e, from: u)
                twin[e] = t; twin[t] = e
            }
        }
        func recompute(_ nodes: [Int32]) {
            for u in nodes { for e in Int(g.outOffsets[Int(u)])..<Int(g.outOffsets[Int(u) + 1]) { sums[e] = 0 } }
            alive.withUnsafeBufferPointer { alive in
                sums.withUnsafeMutableBufferPointer { sums in
                    for s in nodes { kernel.accumulate(g, from: Int(s), alive: alive, into: sums) }
                }
            }
        }
        /// The nodes reachable from `start` over live edges.
        var stamp = [Int](repeating: 0, count: n)
        var round = 0
        func reach(_ start: Int) -> [Int32] {
            round += 1
            var seen: [Int32] = [Int32(start)]
            stamp[start] = round
            var head = 0
            while head < seen.count {
                let u = Int(seen[head]); head += 1
                for e in Int(g.outOffsets[u])..<Int(g.outOffsets[u + 1]) where alive[e] {
                    let v = Int(g.targets[e])
                    if stamp[v] != round { stamp[v] = round; seen.append(Int32(v)) }
                }
            }
            return seen
        }
        if count < target { recompute((0..<n).map { Int32($0) }) }
        while count < target {
            var best = -1, bestValue = -Double.infinity
            for u in 0..<n {
                for e in Int(g.outOffsets[u])..<Int(g.outOffsets[u + 1]) where alive[e] && Int(g.targets[e]) > u {
                    let value = sums[e] + sums[twin[e]]
                    if best < 0 || value > bestValue + 1e-9 * max(1, abs(bestValue)) { best = e; bestValue = value }
                }
            }
            guard best >= 0 else { break }   // no edges left: every node is alone (count == n ≥ target)
            let v = Int(g.targets[best])
            var u = 0
            while Int(g.outOffsets[u + 1]) <= best { u += 1 }
            alive[best] = false; alive[twin[best]] = false
            let side = reach(u)
            var affected = side
            if stamp[v] != round {
                let other = reach(v)
                let label = Int32(count)
                for w in other { component[Int(w)] = label }
                count += 1
                affected += other
                levels.append(Partition(labels: component))
            }
            removals.append(.init(u: Int32(u), v: Int32(v), betweenness: bestValue * scale, components: count))
            recompute(affected)
        }
        return GirvanNewmanResult(partition: levels[levels.count - 1], removals: removals, levels: levels,
                                  usedPositiveTiesOnly: hasNegativeEdges)
    }

    /// The network read as undirected with positive ties only (directed: both directions'
    /// weights summed).
    func _positiveUndirected() -> Network {
        if !isDirected && !hasNegativeEdges { return self }
        let w = _SymmetricWeights(self, keepNegative: false)
        var s: [Int32] = [], t: [Int32] = [], x: [Double] = []
        for u in 0..<nodeCount {
            for k in w.offsets[u]..<w.offsets[u + 1] where Int(w.neighbors[k]) > u {
                s.append(Int32(u)); t.append(w.neighbors[k]); x.append(w.values[k])
            }
        }
        // Cannot fail: indices and positive weights come from a valid network.
        return try! Network(nodeCount: nodeCount, sources: s, targets: t, weights: x, directed: false)
    }
}
