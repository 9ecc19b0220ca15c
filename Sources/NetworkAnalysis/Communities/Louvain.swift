extension Network {
    /// Communities by the Louvain method: greedy modularity optimisation over a hierarchy of
    /// graphs of communities (Blondel et al. 2008).
    ///
    /// Each level starts with every node alone and moves single nodes to the neighbouring
    /// community (or a new, empty one) that raises the modularity most, until no move raises
    /// it; then every community becomes one node of the next level's graph (pair weights
    /// summed, inner weight kept as a loop). Levels stop when a level moves nothing. Nodes are
    /// visited in a seeded random order, and a node is visited again only when a neighbour has
    /// left its community (the queue of Traag, Waltman & van Eck 2019, which gives the same
    /// local optima for less work than repeated sweeps). Finally the original nodes are swept
    /// until a full sweep moves none, so the result is locally optimal: for
    /// ``ModularityObjective/positiveTies`` no single node move (to another community or
    /// alone) raises the modularity. A move is made only when it raises the modularity
    /// strictly; ties go to the first candidate in edge order.
    ///
    /// The network is read as undirected, weights of u→v and v→u summed, weighted when it has
    /// weights; see ``ModularityObjective`` for the two objectives and
    /// ``modularity(_:resolution:objective:)`` for the formula. Isolated nodes (and, for
    /// `.positiveTies`, nodes with only negative ties) stay alone; a network without ties gives
    /// every node alone with modularity 0. For `.signed`, candidates are the communities of a
    /// node's neighbours (through ties of either sign) and a new community.
    ///
    /// Graphs of 20 000 nodes or more are first renumbered in breadth-first order (for memory
    /// locality; the result is mapped back), their local moving takes nodes from the queue in
    /// batches of 4096 whose moves are chosen in parallel against a frozen state and then
    /// applied in order, each only if it still raises the modularity, and the graphs of
    /// communities are built in parallel blocks. Nothing depends on the thread count
    /// (``Network/defaultThreads``): the same network, resolution, seed and objective give the
    /// same result on any machine.
    ///
    /// - Parameters:
    ///   - resolution: γ ≥ 0; larger gives smaller communities.
    ///   - seed: Fixes the node orders (``SeededGenerator``).
    ///   - objective: The modularity to maximise.
    /// - Returns: The partition, its modularity, and what was ignored.
    /// - Complexity: O(E) per pass over the nodes, with a few passes per level and O(log V)
    ///   levels in practice; O(V + E) memory.
    ///
    /// Blondel, V. D., Guillaume, J.-L., Lambiotte, R. & Lefebvre, E. "Fast unfolding of
    /// communities in large networks." Journal of Statistical Mechanics P10008 (2008).
    /// doi:10.1088/1742-5468/2008/10/P10008
    public func louvain(resolution: Double = 1, seed: UInt64 = 1,
                        objective: ModularityObjective = .positiveTies) -> CommunityResult {
        precondition(resolution >= 0 && resolution.isFinite, "the resolution must be finite and ≥ 0, not \(resolution)")
        let original = _CommunityGraph(self, objective: objective)
        let n = nodeCount
        // Large graphs are renumbered in breadth-first order, for locality; mapped back at the end.
        var base = original
        var newIndex: [Int32]? = nil
        if n >= _CommunityGraph.batchedThreshold {
            let (renumbered, index) = original.renumbered(by: original.breadthFirstPositions())
            base = renumbered
            newIndex = index
        }
        var generator = SeededGenerator(seed: seed)
        var membership = (0..<Int32(n)).map { $0 }
        var graph = base
        var levels = 0
        while graph.nodeCount > 1 {
            var level = (0..<Int32(graph.nodeCount)).map { $0 }
            let order = _CommunityGraph.shuffledNodes(graph.nodeCount, using: &generator)
            guard graph.moveNodes(&level, order: order, resolution: resolution, untilStable: false) else { break }
            let k = _CommunityGraph.compact(&level)
            if k == graph.nodeCount { break }
            for i in 0..<n { membership[i] = level[Int(membership[i])] }
            graph = graph.aggregate(level, communityCount: k)
            levels += 1
        }
        let order = _CommunityGraph.shuffledNodes(n, using: &generator)
        _ = base.moveNodes(&membership, order: order, resolution: resolution, untilStable: true)
        if let newIndex { membership = (0..<n).map { membership[Int(newIndex[$0])] } }
        let k = _CommunityGraph.compact(&membership)
        return CommunityResult(partition: Partition(labels: membership),
                               modularity: original.modularity(membership, communityCount: k, resolution: resolution),
                               objective: objective, resolution: resolution, levels: levels,
                               ignoredNegativeTies: original.ignoredNegativePairs)
    }
}

extension _CommunityGraph {
    /// Local moving: moves single nodes to the candidate community that raises the quality most
    /// until none does. Candidates are the communities of the node's neighbours and a new one.
    ///
    /// With `untilStable` false, `order` seeds a queue and a node is queued again when a
    /// neighbour leaves for another community than its own (Traag et al.'s fast local move);
    /// with it true, `order` is swept until a sweep moves nothing, so that on return no single
    /// move raises the quality. `membership` labels must lie in `0..<nodeCount`.
    ///
    /// - Returns: Whether any node moved.
    /// - Complexity: O(deg) per visit; O(V) scratch.
    func moveNodes(_ membership: inout [Int32], order: [Int32], resolution: Double, untilStable: Bool) -> Bool {
        let n = nodeCount
        guard n > 0 else { return false }
        if !untilStable && n >= Self.batchedThreshold {
            return moveNodesBatched(&membership, order: order, resolution: resolution, threads: Network.defaultThreads)
        }
        let (aPos, aNeg) = nullFactors(resolution: resolution)
        let negative = hasNegative
        let totPos = UnsafeMutableBufferPointer<Double>.allocate(capacity: n)
        totPos.initialize(repeating: 0)
        let totNeg = UnsafeMutableBufferPointer<Double>.allocate(capacity: negative ? n : 1)
        totNeg.initialize(repeating: 0)
        let count = UnsafeMutableBufferPointer<Int32>.allocate(capacity: n)
        count.initialize(repeating: 0)
        let accumulator = UnsafeMutableBufferPointer<Double>.allocate(capacity: n)
        accumulator.initialize(repeating: 0)
        let seen = UnsafeMutableBufferPointer<Bool>.allocate(capacity: n)
        seen.initialize(repeating: false)
        let candidates = UnsafeMutableBufferPointer<Int32>.allocate(capacity: n)
        let empty = UnsafeMutableBufferPointer<Int32>.allocate(capacity: n)
        let queue = UnsafeMutableBufferPointer<Int32>.allocate(capacity: n)
        let queued = UnsafeMutableBufferPointer<Bool>.allocate(capacity: n)
        queued.initialize(repeating: false)
        defer {
            totPos.deallocate(); totNeg.deallocate(); count.deallocate(); accumulator.deallocate()
            seen.deallocate(); candidates.deallocate(); empty.deallocate(); queue.deallocate(); queued.deallocate()
        }
        var anyMove = false
        membership.withUnsafeMutableBufferPointer { m in
        offsets.withUnsafeBufferPointer { offsets in
        neighbors.withUnsafeBufferPointer { nb in
        weights.withUnsafeBufferPointer { w in
        positiveStrength.withUnsafeBufferPointer { kPos in
        negativeStrength.withUnsafeBufferPointer { kNeg in
            for u in 0..<n {
                let c = Int(m[u])
                totPos[c] += kPos[u]
                if negative { totNeg[c] += kNeg[u] }
                count[c] += 1
            }
            var emptyCount = 0
            for c in stride(from: n - 1, through: 0, by: -1) where count[c] == 0 {
                empty[emptyCount] = Int32(c); emptyCount += 1
            }

            /// Moves u to its best community; returns the new one, or -1 when u stays.
            func visit(_ u: Int) -> Int {
                let own = Int(m[u])
                let ku = kPos[u]
                let kn = negative ? kNeg[u] : 0
                if ku == 0 && kn == 0 && offsets[u] == offsets[u + 1] { return -1 }
                totPos[own] -= ku
                if negative { totNeg[own] -= kn }
                var (best, bestGain) = _CommunityGraph.bestMove(
                    u, own: own, ownPositive: totPos[own], ownNegative: negative ? totNeg[own] : 0,
                    ku: ku, kn: kn, aPos: aPos, aNeg: aNeg, negative: negative,
                    offsets: offsets, neighbors: nb, weights: w, membership: m.baseAddress!,
                    totPos: totPos.baseAddress!, totNeg: totNeg.baseAddress!,
                    accumulator: accumulator.baseAddress!, seen: seen.baseAddress!, candidates: candidates.baseAddress!)
                if best < 0 { best = own }
                if bestGain < 0 && count[own] > 1 && emptyCount > 0 {
                    emptyCount -= 1
                    best = Int(empty[emptyCount])
                }
                totPos[best] += ku
                if negative { totNeg[best] += kn }
                if best == own { return -1 }
                count[own] -= 1
                count[best] += 1
                if count[own] == 0 { empty[emptyCount] = Int32(own); emptyCount += 1 }
                m[u] = Int32(best)
                return best
            }

            if untilStable {
                // Sweeps until one moves nothing (capped against floating-point cycling).
                var sweeps = 0
                while sweeps < 1000 {
                    var moved = false
                    for x in order where visit(Int(x)) >= 0 { moved = true }
                    if !moved { break }
                    anyMove = true
                    sweeps += 1
                }
            } else {
                for x in 0..<n { queue[x] = order[x]; queued[Int(order[x])] = true }
                var head = 0, size = n
                var visits = 0
                let cap = 1000 * n
                while size > 0 && visits < cap {
                    let u = Int(queue[head])
                    head += 1; if head == n { head = 0 }
                    size -= 1
                    queued[u] = false
                    visits += 1
                    let best = visit(u)
                    if best < 0 { continue }
                    anyMove = true
                    for e in offsets[u]..<offsets[u + 1] {
                        let v = Int(nb[e])
                        if !queued[v] && Int(m[v]) != best {
                            var tail = head + size; if tail >= n { tail -= n }
                            queue[tail] = Int32(v)
                            queued[v] = true
                            size += 1
                        }
                    }
                }
            }
        }}}}}}
        return anyMove
    }
}
