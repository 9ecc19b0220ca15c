import Dispatch
import Synchronization

extension _CommunityGraph {
    /// Graphs with at least this many nodes use ``moveNodesBatched(_:order:resolution:threads:)``
    /// for the queue-driven local moving. A fixed number, so results never depend on threads.
    static let batchedThreshold = 20_000
    /// Nodes taken from the queue per batch.
    static let batchSize = 4096

    /// Fast local moving in batches: the next `batchSize` queued nodes each choose their best
    /// community in parallel against the same frozen state, then the moves are applied one by
    /// one in queue order, each only if, checked again against the current state, it still
    /// raises the quality strictly (so moves cannot cycle), and the neighbours of every moved
    /// node are queued again. The batches do not depend on the thread count, so neither does
    /// the result. Most visits move nothing, and those are the ones done in parallel.
    ///
    /// - Returns: Whether any node moved.
    /// - Complexity: O(deg) per visit; O(V) scratch per thread.
    func moveNodesBatched(_ membership: inout [Int32], order: [Int32], resolution: Double, threads: Int) -> Bool {
        let n = nodeCount
        guard n > 0 else { return false }
        let (aPos, aNeg) = nullFactors(resolution: resolution)
        let negative = hasNegative
        let totPos = _SharedBuffer<Double>(n, repeating: 0)
        let totNeg = _SharedBuffer<Double>(negative ? n : 1, repeating: 0)
        let count = _SharedBuffer<Int32>(n, repeating: 0)
        let m = _SharedBuffer<Int32>(n)
        let empty = _SharedBuffer<Int32>(n)
        let queue = _SharedBuffer<Int32>(n)
        let queued = _SharedBuffer<Bool>(n, repeating: false)
        let batchSize = Self.batchSize
        let decision = _SharedBuffer<Int32>(batchSize)
        let batch = _SharedBuffer<Int32>(batchSize)
        let workers = max(1, threads)
        let accumulators = (0..<workers).map { _ in _SharedBuffer<Double>(n, repeating: 0) }
        let seens = (0..<workers).map { _ in _SharedBuffer<Bool>(n, repeating: false) }
        let candidateLists = (0..<workers).map { _ in _SharedBuffer<Int32>(n) }
        defer {
            totPos.free(); totNeg.free(); count.free(); m.free(); empty.free(); queue.free(); queued.free()
            decision.free(); batch.free()
            for b in accumulators { b.free() }
            for b in seens { b.free() }
            for b in candidateLists { b.free() }
        }
        for u in 0..<n {
            let c = Int(membership[u])
            m[u] = Int32(c)
            totPos[c] += positiveStrength[u]
            if negative { totNeg[c] += negativeStrength[u] }
            count[c] += 1
        }
        var emptyCount = 0
        for c in stride(from: n - 1, through: 0, by: -1) where count[c] == 0 {
            empty[emptyCount] = Int32(c); emptyCount += 1
        }
        let graph = self
        var anyMove = false
        offsets.withUnsafeBufferPointer { offsets in
        neighbors.withUnsafeBufferPointer { nb in
        weights.withUnsafeBufferPointer { w in
        positiveStrength.withUnsafeBufferPointer { kPos in
        negativeStrength.withUnsafeBufferPointer { kNeg in
            for x in 0..<n { queue[x] = order[x]; queued[Int(order[x])] = true }
            var head = 0, size = n
            var visits = 0
            let cap = 1000 * n
            while size > 0 && visits < cap {
                let taken = min(size, batchSize)
                for x in 0..<taken {
                    let u = Int(queue[head])
                    head += 1; if head == n { head = 0 }
                    batch[x] = Int32(u)
                    queued[u] = false
                }
                size -= taken
                visits += taken

                // Choose, in parallel, against the frozen state: -1 stay, -2 a new community.
                let next = Atomic<Int>(0)
                let chunk = 256
                let chunks = (taken + chunk - 1) / chunk
                let evaluate: @Sendable (Int) -> Void = { worker in
                    let accumulator = accumulators[worker], seen = seens[worker], candidates = candidateLists[worker]
                    graph.offsets.withUnsafeBufferPointer { offsets in
                    graph.neighbors.withUnsafeBufferPointer { nb in
                    graph.weights.withUnsafeBufferPointer { w in
                    graph.positiveStrength.withUnsafeBufferPointer { kPos in
                    graph.negativeStrength.withUnsafeBufferPointer { kNeg in
                        while true {
                            let k = next.add(1, ordering: .relaxed).oldValue
                            if k >= chunks { break }
                            for x in (k * chunk)..<min(taken, (k + 1) * chunk) {
                                let u = Int(batch[x])
                                let own = Int(m[u])
                                let ku = kPos[u], kn = negative ? kNeg[u] : 0
                                var (best, bestGain) = _CommunityGraph.bestMove(
                                    u, own: own, ownPositive: totPos[own] - ku, ownNegative: negative ? totNeg[own] - kn : 0,
                                    ku: ku, kn: kn, aPos: aPos, aNeg: aNeg, negative: negative,
                                    offsets: offsets, neighbors: nb, weights: w, membership: m.pointer,
                                    totPos: totPos.pointer, totNeg: totNeg.pointer,
                                    accumulator: accumulator.pointer, seen: seen.pointer, candidates: candidates.pointer)
                                if bestGain < 0 && count[own] > 1 { best = -2 }
                                decision[x] = Int32(best)
                            }
                        }
                    }}}}}
                }
                let active = min(workers, chunks)
                if active <= 1 { evaluate(0) } else { DispatchQueue.concurrentPerform(iterations: active, execute: evaluate) }

                // Apply in queue order, each move only if it still raises the quality strictly
                // (so no sequence of moves can cycle).
                for x in 0..<taken {
                    var best = Int(decision[x])
                    if best == -1 { continue }
                    let u = Int(batch[x])
                    let own = Int(m[u])
                    if best == own || (best >= 0 && count[best] == 0) { continue }
                    let ku = kPos[u], kn = negative ? kNeg[u] : 0
                    var toOwn = 0.0, toBest = 0.0
                    for e in offsets[u]..<offsets[u + 1] {
                        let d = Int(m[Int(nb[e])])
                        if d == own { toOwn += w[e] } else if d == best { toBest += w[e] }
                    }
                    var stay = toOwn - aPos * ku * (totPos[own] - ku)
                    if negative { stay += aNeg * kn * (totNeg[own] - kn) }
                    var gain = 0.0
                    if best >= 0 {
                        gain = toBest - aPos * ku * totPos[best]
                        if negative { gain += aNeg * kn * totNeg[best] }
                    }
                    guard gain > stay else { continue }
                    if best == -2 {
                        guard count[own] > 1 && emptyCount > 0 else { continue }
                        emptyCount -= 1
                        best = Int(empty[emptyCount])
                    }
                    totPos[own] -= ku; totPos[best] += ku
                    if negative { totNeg[own] -= kn; totNeg[best] += kn }
                    count[own] -= 1; count[best] += 1
                    if count[own] == 0 { empty[emptyCount] = Int32(own); emptyCount += 1 }
                    m[u] = Int32(best)
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
        }}}}}
        for u in 0..<n { membership[u] = m[u] }
        return anyMove
    }
}

extension _CommunityGraph {
    /// The gain scan of local moving: the one kernel of the sequential moves
    /// (``moveNodes(_:order:resolution:untilStable:)``) and the batched ones
    /// (``moveNodesBatched(_:order:resolution:threads:)``). It finds the community, among u's
    /// neighbours', that raises the quality most when u joins it, against staying in `own`.
    ///
    /// The gain of joining d is `w(u, d) − aPos·k⁺_u·K⁺_d + aNeg·k⁻_u·K⁻_d`, with w(u, d) the
    /// weight of u's ties into d and K the community totals; for `own`, the totals without u
    /// (`ownPositive`, `ownNegative`). A candidate wins only with a strictly larger gain, so
    /// ties go to staying, then to the first candidate in edge order. `accumulator` and `seen`
    /// must be zero and false on entry, and are left so.
    ///
    /// - Returns: The best other community, or −1 to stay, and its gain.
    /// - Complexity: O(deg u).
    @inline(__always)
    static func bestMove(_ u: Int, own: Int, ownPositive: Double, ownNegative: Double,
                         ku: Double, kn: Double, aPos: Double, aNeg: Double, negative: Bool,
                         offsets: UnsafeBufferPointer<Int>, neighbors nb: UnsafeBufferPointer<Int32>,
                         weights w: UnsafeBufferPointer<Double>, membership m: UnsafeMutablePointer<Int32>,
                         totPos: UnsafeMutablePointer<Double>, totNeg: UnsafeMutablePointer<Double>,
                         accumulator: UnsafeMutablePointer<Double>, seen: UnsafeMutablePointer<Bool>,
                         candidates: UnsafeMutablePointer<Int32>) -> (best: Int, gain: Double) {
        var candidateCount = 0
        for e in offsets[u]..<offsets[u + 1] {
            let d = Int(m[Int(nb[e])])
            if !seen[d] { seen[d] = true; candidates[candidateCount] = Int32(d); candidateCount += 1 }
            accumulator[d] += w[e]
        }
        var best = -1
        var bestGain = accumulator[own] - aPos * ku * ownPositive
        if negative { bestGain += aNeg * kn * ownNegative }
        for x in 0..<candidateCount {
            let d = Int(candidates[x])
            var gain = accumulator[d] - aPos * ku * totPos[d]
            if negative { gain += aNeg * kn * totNeg[d] }
            if gain > bestGain && d != own { best = d; bestGain = gain }
            accumulator[d] = 0
            seen[d] = false
        }
        accumulator[own] = 0
        seen[own] = false
        return (best, bestGain)
    }
}
