/// The frustration index of a network with positive weight taken off one pair, derived from the
/// index of the whole network (``SignedNetwork/frustrationWithout(_:base:options:progress:)``).
public struct FrustrationDrop: Sendable, Hashable {
    /// The frustration index without the weight: the best value found (an upper bound).
    public var value: Double
    /// Certified: no partition of the reduced network does better.
    public var lowerBound: Double
    /// Whether `value` is proven optimal (`value` meets `lowerBound`).
    public var exact: Bool
    /// How the value was obtained: "derived" (an optimal partition of the whole network frustrates
    /// the tie), "local search" (re-optimised near the tie), or "recomputed" (a full search).
    public var method: String

    /// A drop's value, its certified lower bound, whether it is proven and how it was found.
    public init(value: Double, lowerBound: Double, exact: Bool, method: String) {
        self.value = value; self.lowerBound = lowerBound; self.exact = exact; self.method = method
    }
}

extension SignedNetwork {
    /// For each drop (a pair u–v and a positive `weight` at most the pair's positive weight), the
    /// frustration index of the network with that much positive weight taken off the pair: the
    /// "without this relation" value of a fissure, from one search of the whole network instead
    /// of one per relation.
    ///
    /// Let F be the index of the whole network and w the weight dropped. Any partition's cost
    /// falls by at most w, so F − w ≤ F(without) ≤ F. Given a two-bloc partition of cost F:
    ///
    /// - when it puts u and v in different blocs (it frustrates the tie), F(without) = F − w
    ///   exactly: that partition now costs F − w, and nothing costs less. Certified whenever
    ///   `base` is proven optimal;
    /// - otherwise F(without) = min(F, F_apart − w), F_apart the least cost of a partition that
    ///   separates u and v. On networks of at most `options.exactNodeLimit` nodes the reduced
    ///   network is searched again in full (exact by branch and bound); on larger ones F_apart
    ///   is estimated by local search: u (or v, whichever gives less) changes bloc, then every
    ///   node whose move lowers the cost moves, neighbours of moved nodes first, with u and v held
    ///   apart. The estimate is an upper bound, so the value never exceeds the truth by less than
    ///   a full search would find; the certified lower bound max(0, L − w), L that of `base`, is
    ///   reported beside it.
    ///
    /// The drops are independent and run on `options.threads` threads; the result does not
    /// depend on the thread count.
    ///
    /// - Parameters:
    ///   - drops: The pairs and the positive weight to take off each.
    ///   - base: ``frustrationIndex(options:)`` of this network.
    ///   - options: `threads` for the drops, and `exactNodeLimit`: networks up to that size get the
    ///     full search per drop.
    ///   - progress: Told after each drop (from worker threads).
    /// - Complexity: O(1) per drop the base partition frustrates; otherwise a local search of at
    ///   most 200 000 scanned pairs (O(deg) per node examined), or one full
    ///   ``frustrationIndex(options:)`` on networks small enough for the exact search.
    public func frustrationWithout(_ drops: [(u: Int32, v: Int32, weight: Double)], base: BalanceResult,
                                   options: BalanceSearchOptions = .init(),
                                   progress: AnalysisProgressHandler? = nil) -> [FrustrationDrop] {
        let f = base.error
        let scale = 1 + totalPositive + totalNegative
        let tolerance = 1e-9 * scale
        let membership = base.partition.membership
        let results = _DropSlots(count: drops.count)
        let counter = AnalysisProgressCounter(progress, step: "frustration without each tie", total: drops.count)
        let blocks = min(drops.count, 64)
        Parallel.forEachBlock(count: drops.count, blocks: blocks, threads: options.threads) { range in
            var side = membership.map { $0 != 0 }
            var stamp = [Int32](repeating: 0, count: self.nodeCount)
            var round: Int32 = 0
            for i in range {
                let (u, v, w) = drops[i]
                precondition(u != v && Int(u) < self.nodeCount && Int(v) < self.nodeCount, "a drop needs two distinct nodes")
                let lower = max(0, base.lowerBound - w)
                var result: FrustrationDrop
                if self.nodeCount == 0 || membership[Int(u)] != membership[Int(v)] {
                    let value = max(0, f - w)
                    result = FrustrationDrop(value: value, lowerBound: base.optimal ? value : lower,
                                             exact: base.optimal, method: "derived")
                } else if self.nodeCount <= options.exactNodeLimit {
                    var single = options
                    single.threads = 1
                    let again = self._droppingPositive(u, v, w).frustrationIndex(options: single)
                    let value = min(again.error, f)
                    let bound = max(again.lowerBound, lower)
                    result = FrustrationDrop(value: value, lowerBound: min(bound, value),
                                             exact: again.optimal || bound >= value - tolerance, method: "recomputed")
                } else {
                    var best = Double.infinity
                    for start in [u, v] {
                        round &+= 1
                        if round == Int32.max { round = 1; for j in stamp.indices { stamp[j] = 0 } }
                        var reads: [(node: Int32, slack: Double)] = []
                        let c = self._apartSearch(start: Int(start), pinned: (Int(u), Int(v)), side: &side,
                                                  stamp: &stamp, round: round, tolerance: tolerance, reads: &reads)
                        best = min(best, c)
                    }
                    let value = max(0, min(f, f + best - w))
                    result = FrustrationDrop(value: value, lowerBound: min(lower, value),
                                             exact: value <= lower + tolerance, method: "local search")
                }
                results[i] = result
                counter.tick()
            }
        }
        return (0..<drops.count).map { results[$0]! }
    }

    /// The change in cost when `start` changes bloc and then every node whose move lowers the
    /// cost moves (a queue seeded with the moved nodes' neighbours), `pinned` staying apart.
    /// `side` is restored before returning. Weights: frustration (negative inside, positive between).
    /// `reads` receives every node whose move was weighed, each with its slack: the cost change
    /// its move would have made when it did not move (a drop of weight c on one of its pairs
    /// changes that by at most c, so with slack ≥ c the decision stands), −∞ when it moved (the
    /// start always does) or when the scan budget ran out (the stopping point may shift).
    /// `adjust` lowers one pair's weights.
    func _apartSearch(start: Int, pinned: (Int, Int), side: inout [Bool], stamp: inout [Int32], round: Int32,
                      tolerance: Double, reads: inout [(node: Int32, slack: Double)], adjust: _PairAdjustment? = nil,
                      scanBudget: Int = 200_000) -> Double {
        /// Cost change if x changes bloc: pairs now together cost their negative weight instead
        /// of their positive weight, and the reverse.
        func delta(_ x: Int) -> Double {
            var d = 0.0
            let s = side[x]
            for e in Int(offsets[x])..<Int(offsets[x + 1]) {
                let y = Int(neighbors[e])
                let (p, q) = adjust?.weights(e, positive[e], negative[e]) ?? (positive[e], negative[e])
                let gap = q - p     // together − apart
                d += side[y] == s ? -gap : gap
            }
            return d
        }
        /// The degree of x in the (adjusted) network.
        func degree(_ x: Int) -> Int {
            let row = Int(offsets[x])..<Int(offsets[x + 1])
            guard let adjust, adjust.vanished, row.contains(adjust.e1) || row.contains(adjust.e2) else { return row.count }
            return row.count - 1
        }
        let first = reads.count
        var moved: [Int] = [start]
        var total = delta(start)
        reads.append((Int32(start), -.infinity))
        side[start].toggle()
        var queue: [Int] = []
        var head = 0
        var scanned = 0
        stamp[start] = round
        func enqueueNeighbours(_ x: Int) {
            for e in Int(offsets[x])..<Int(offsets[x + 1]) where !(adjust?.skips(e) ?? false) {
                let y = Int(neighbors[e])
                if stamp[y] != round && y != pinned.0 && y != pinned.1 { stamp[y] = round; queue.append(y) }
            }
        }
        enqueueNeighbours(start)
        while head < queue.count && scanned < scanBudget {
            let x = queue[head]; head += 1
            stamp[x] = round &- 1   // may be queued again after a neighbour moves
            scanned += degree(x)
            let d = delta(x)
            if d < -tolerance {
                side[x].toggle(); moved.append(x); total += d
                stamp[x] = round
                enqueueNeighbours(x)
                reads.append((Int32(x), -.infinity))
            } else {
                reads.append((Int32(x), d))
            }
        }
        if head < queue.count { for r in first..<reads.count { reads[r].slack = -.infinity } }
        for x in moved { side[x].toggle() }
        return total
    }

    /// This network with `weight` less positive weight on the pair u–v (the pair dropped when
    /// nothing is left on it).
    func _droppingPositive(_ u: Int32, _ v: Int32, _ weight: Double) -> SignedNetwork {
        var s: [Int32] = [], t: [Int32] = [], w: [Double] = [], g: [Int8] = []
        let (a, b) = u < v ? (Int(u), Int(v)) : (Int(v), Int(u))
        for x in 0..<nodeCount {
            for e in Int(offsets[x])..<Int(offsets[x + 1]) {
                let y = Int(neighbors[e])
                guard y > x else { continue }
                var p = positive[e]
                if x == a && y == b { p -= weight }
                if p > 1e-12 { s.append(Int32(x)); t.append(Int32(y)); w.append(p); g.append(1) }
                if negative[e] > 0 { s.append(Int32(x)); t.append(Int32(y)); w.append(negative[e]); g.append(-1) }
            }
        }
        // Cannot fail: the same nodes, positive finite weights, no self-loops.
        return try! SignedNetwork(nodeCount: nodeCount, sources: s, targets: t, weights: w, signs: g)
    }
}

/// One result slot per drop, each written by exactly one thread.
final class _DropSlots: @unchecked Sendable {
    private let storage: UnsafeMutableBufferPointer<FrustrationDrop?>
    init(count: Int) {
        storage = .allocate(capacity: max(1, count))
        storage.initialize(repeating: nil)
    }
    deinit { storage.deinitialize(); storage.deallocate() }
    subscript(i: Int) -> FrustrationDrop? {
        get { storage[i] }
        set { storage[i] = newValue }
    }
}
