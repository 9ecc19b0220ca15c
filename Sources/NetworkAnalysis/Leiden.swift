extension Network {
    /// Communities by the Leiden algorithm: Louvain with a refinement phase that guarantees
    /// connected communities (Traag, Waltman & van Eck 2019).
    ///
    /// Each level has three phases. (1) Fast local moving: nodes, visited from a seeded queue,
    /// move to the neighbouring community (or a new one) that raises the modularity most; a
    /// node is queued again when a neighbour leaves for another community. (2) Refinement:
    /// inside each community, every node starts alone and nodes still alone are merged, in a
    /// seeded random order, into a sub-community of the same community, only when both are
    /// well connected to the rest of it (for the node v: w(v, C − v) ≥ γ (k_v (K_C − k_v)) / 2m,
    /// and likewise for the sub-community) and the merge does not lower the modularity; among
    /// those merges one is drawn with probability ∝ exp(ΔH / θ), θ = `randomness` (ΔH in units
    /// of edge weight, as igraph). Merges follow ties, so sub-communities are connected.
    /// (3) Aggregation: each sub-community becomes a node of the next level, which starts
    /// from the communities of phase 1 (when refinement merged nothing, the communities
    /// themselves are aggregated). Levels stop when every community is a single node.
    /// Iterations repeat the whole from the partition found, until one leaves it unchanged
    /// (at most 8 iterations).
    ///
    /// As a last guard, a community that is not connected (through the ties the objective
    /// uses: positive ones for `.positiveTies`, either sign for `.signed`) is split into its
    /// connected parts, which never lowers the modularity for `.positiveTies`. So every
    /// community of the result is connected.
    ///
    /// The network is read as undirected, weights of u→v and v→u summed, weighted when it has
    /// weights; see ``ModularityObjective`` and ``modularity(_:resolution:objective:)``.
    /// Isolated nodes stay alone; a network without ties gives every node alone with
    /// modularity 0. Deterministic: the same inputs and seed give the same result.
    /// Single-threaded.
    ///
    /// - Parameters:
    ///   - resolution: γ ≥ 0; larger gives smaller communities.
    ///   - seed: Fixes the node orders and the refinement's draws (``SeededGenerator``).
    ///   - objective: The modularity to maximise.
    ///   - randomness: θ > 0 of the refinement; small values make it nearly greedy.
    /// - Returns: The partition, its modularity, and what was ignored.
    /// - Complexity: O(E) per pass over the nodes, a few passes per level, O(log V) levels in
    ///   practice, times the iterations; O(V + E) memory.
    ///
    /// Traag, V. A., Waltman, L. & van Eck, N. J. "From Louvain to Leiden: guaranteeing
    /// well-connected communities." Scientific Reports 9, 5233 (2019).
    /// doi:10.1038/s41598-019-41695-z
    public func leiden(resolution: Double = 1, seed: UInt64 = 1, objective: ModularityObjective = .positiveTies,
                       randomness: Double = 0.01) -> CommunityResult {
        precondition(resolution >= 0 && resolution.isFinite, "the resolution must be finite and ≥ 0, not \(resolution)")
        precondition(randomness > 0 && randomness.isFinite, "the randomness must be finite and > 0, not \(randomness)")
        let base = _CommunityGraph(self, objective: objective)
        let n = nodeCount
        var generator = SeededGenerator(seed: seed)
        var membership = (0..<Int32(n)).map { $0 }
        var levels = 0
        var iteration = 0
        while iteration < 8 {
            iteration += 1
            let before = membership
            var graph = base
            var nodeOf = (0..<Int32(n)).map { $0 }
            var communities = membership
            while true {
                let order = _CommunityGraph.shuffledNodes(graph.nodeCount, using: &generator)
                _ = graph.moveNodes(&communities, order: order, resolution: resolution, untilStable: false)
                let k = _CommunityGraph.compact(&communities)
                if k == graph.nodeCount { break }
                var refined = graph.refine(communities, communityCount: k, resolution: resolution,
                                           randomness: randomness, using: &generator)
                var r = _CommunityGraph.compact(&refined)
                if r == graph.nodeCount { refined = communities; r = k }
                var next = [Int32](repeating: 0, count: r)
                for u in 0..<graph.nodeCount { next[Int(refined[u])] = communities[u] }
                for i in 0..<n { nodeOf[i] = refined[Int(nodeOf[i])] }
                graph = graph.aggregate(refined, communityCount: r)
                communities = next
                levels += 1
            }
            for i in 0..<n { membership[i] = communities[Int(nodeOf[i])] }
            if Partition(labels: membership) == Partition(labels: before) { break }
        }
        base.splitDisconnected(&membership)
        let k = _CommunityGraph.compact(&membership)
        return CommunityResult(partition: Partition(labels: membership),
                               modularity: base.modularity(membership, communityCount: k, resolution: resolution),
                               objective: objective, resolution: resolution, levels: levels,
                               ignoredNegativeTies: base.ignoredNegativePairs)
    }
}

extension _CommunityGraph {
    /// Leiden's refinement: a partition that refines `communities` (labels `0..<k`), each part
    /// connected, built by merging nodes that are still alone into well-connected parts of
    /// their community. Returns labels in `0..<nodeCount` (not compacted).
    ///
    /// - Complexity: O(V + E) time; O(V) scratch.
    func refine(_ communities: [Int32], communityCount k: Int, resolution: Double, randomness: Double,
                using generator: inout SeededGenerator) -> [Int32] {
        let n = nodeCount
        let (aPos, aNeg) = nullFactors(resolution: resolution)
        let negative = hasNegative
        var refined = (0..<Int32(n)).map { $0 }
        // Totals of each community and of each refined part (a part is named by its first node).
        var communityPos = [Double](repeating: 0, count: k)
        var communityNeg = [Double](repeating: 0, count: negative ? k : 0)
        var partPos = positiveStrength
        var partNeg = negativeStrength
        var partSize = [Int32](repeating: 1, count: n)
        // Weight from each part to the rest of its community.
        var external = [Double](repeating: 0, count: n)
        for u in 0..<n {
            let c = Int(communities[u])
            communityPos[c] += positiveStrength[u]
            if negative { communityNeg[c] += negativeStrength[u] }
            var x = 0.0
            for e in offsets[u]..<offsets[u + 1] where communities[Int(neighbors[e])] == Int32(c) { x += weights[e] }
            external[u] = x
        }
        let order = _CommunityGraph.shuffledNodes(n, using: &generator)
        var accumulator = [Double](repeating: 0, count: n)
        var seen = [Bool](repeating: false, count: n)
        var candidates: [Int32] = []
        var gains: [Double] = []
        refined.withUnsafeMutableBufferPointer { part in
        communities.withUnsafeBufferPointer { community in
        offsets.withUnsafeBufferPointer { offsets in
        neighbors.withUnsafeBufferPointer { nb in
        weights.withUnsafeBufferPointer { w in
        positiveStrength.withUnsafeBufferPointer { kPos in
        negativeStrength.withUnsafeBufferPointer { kNeg in
        accumulator.withUnsafeMutableBufferPointer { accumulator in
        seen.withUnsafeMutableBufferPointer { seen in
            /// Whether a part with totals (p, q) and outside weight x is well connected in c.
            func wellConnected(_ x: Double, _ p: Double, _ q: Double, _ c: Int) -> Bool {
                var expected = aPos * p * (communityPos[c] - p)
                if negative { expected -= aNeg * q * (communityNeg[c] - q) }
                return x >= expected
            }
            for v32 in order {
                let v = Int(v32)
                guard Int(part[v]) == v && partSize[v] == 1 else { continue }
                let c = Int(community[v])
                let kv = kPos[v], qv = negative ? kNeg[v] : 0
                guard wellConnected(external[v], kv, qv, c) else { continue }
                candidates.removeAll(keepingCapacity: true)
                for e in offsets[v]..<offsets[v + 1] {
                    let u = Int(nb[e])
                    guard Int(community[u]) == c else { continue }
                    let p = Int(part[u])
                    if !seen[p] { seen[p] = true; candidates.append(Int32(p)) }
                    accumulator[p] += w[e]
                }
                // The candidates: well-connected parts the move does not make worse; staying alone
                // has gain 0.
                gains.removeAll(keepingCapacity: true)
                var bestGain = 0.0
                for p32 in candidates {
                    let p = Int(p32)
                    var gain = -Double.infinity
                    if wellConnected(external[p], partPos[p], negative ? partNeg[p] : 0, c) {
                        gain = accumulator[p] - aPos * kv * partPos[p]
                        if negative { gain += aNeg * qv * partNeg[p] }
                    }
                    gains.append(gain)
                    if gain > bestGain { bestGain = gain }
                }
                // Draw among staying alone (gain 0) and the parts with gain ≥ 0, with weights
                // exp((gain − best) / θ).
                var chosen = -1
                if bestGain > 0 || gains.contains(0) {
                    let stay = exp(-bestGain / randomness)
                    var total = stay
                    for g in gains where g >= 0 { total += exp((g - bestGain) / randomness) }
                    var r = Double(generator.next() >> 11) * 0x1p-53 * total - stay
                    if r >= 0 {
                        for (x, g) in gains.enumerated() where g >= 0 {
                            chosen = Int(candidates[x])
                            r -= exp((g - bestGain) / randomness)
                            if r < 0 { break }
                        }
                    }
                }
                if chosen >= 0 {
                    let between = accumulator[chosen]
                    part[v] = Int32(chosen)
                    partPos[chosen] += kv
                    if negative { partNeg[chosen] += qv }
                    partSize[chosen] += 1
                    partSize[v] = 0
                    external[chosen] += external[v] - 2 * between
                }
                for p in candidates { accumulator[Int(p)] = 0; seen[Int(p)] = false }
            }
        }}}}}}}}}
        return refined
    }

    /// Splits every community of `membership` that is not connected (through the stored
    /// pairs) into its connected parts; the new parts get fresh labels.
    ///
    /// - Complexity: O(V + E).
    func splitDisconnected(_ membership: inout [Int32]) {
        let n = nodeCount
        var component = [Int32](repeating: -1, count: n)
        var stack: [Int32] = []
        var next: Int32 = 0
        for s in 0..<n where component[s] < 0 {
            let c = membership[s]
            component[s] = next
            stack.append(Int32(s))
            while let u = stack.popLast() {
                for e in offsets[Int(u)]..<offsets[Int(u) + 1] {
                    let v = Int(neighbors[e])
                    if component[v] < 0 && membership[v] == c {
                        component[v] = next
                        stack.append(Int32(v))
                    }
                }
            }
            next += 1
        }
        membership = component
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
