/// Weight taken off one pair of a network: what "without this relation" means for a signed
/// network (a positive relation takes positive weight off its pair, a negative one negative
/// weight; the pair disappears when nothing is left on it).
public struct PairDrop: Sendable, Hashable {
    /// The pair's two nodes (either order).
    public var u: Int32, v: Int32
    /// The positive and the negative weight taken off (each at most the pair's).
    public var positive: Double, negative: Double
    /// Whether no positive (negative) weight is left on the pair: the caller knows it from its
    /// ties (the last relation of that sign), which a subtraction of weights may not show exactly.
    public var positiveGone: Bool, negativeGone: Bool

    /// A drop of `positive` and `negative` weight from the pair u–v; `positiveGone` and
    /// `negativeGone` say whether that sign then has no weight left on the pair.
    public init(u: Int32, v: Int32, positive: Double, negative: Double, positiveGone: Bool, negativeGone: Bool) {
        self.u = u; self.v = v; self.positive = positive; self.negative = negative
        self.positiveGone = positiveGone; self.negativeGone = negativeGone
    }
}

/// What a network's two-bloc frustration analysis becomes when one pair loses weight
/// (``FrustrationDropEngine/drop(_:scratch:)``).
public struct DropOutcome: Sendable {
    /// The nodes that change bloc, increasing (empty when the partition stands).
    public var moved: [Int32]
    /// The cost (frustrated weight, N + Pb) of the new two-bloc partition: an upper bound on
    /// the two-bloc optimum of the reduced network.
    public var frustration: Double
    /// Certified: no two-bloc partition of the reduced network costs less.
    public var lowerBound: Double
    /// Whether `frustration` is proven optimal.
    public var exact: Bool
    /// Whether the partition stands because it frustrated all the dropped weight (then exact
    /// whenever the base partition is proven optimal); false: a local search re-optimised it.
    public var derived: Bool
    /// The frustration without each scored tie whose search had to run again on the reduced
    /// network (by its index in ``FrustrationDropEngine/scored``), sorted by index; every other
    /// scored tie's value is ``FrustrationDropEngine/without(_:frustration:)``.
    public var searched: [(tie: Int, value: Double)]
}

/// The two-bloc frustration analysis of a network and of its scored ties, kept so that the
/// effect of dropping one pair's weight is found incrementally: robustness drops thousands of
/// relations one at a time, and each drop would otherwise repeat a balance search from
/// restarts and one local search per scored tie.
///
/// Built from a two-bloc partition of cost F (frustrated weight N + Pb) and the scored ties
/// (pairs with the positive weight whose removal is scored), it runs the searches of
/// ``SignedNetwork/frustrationWithout(_:base:options:progress:)`` (the local search) once and
/// remembers, per scored tie the partition does not frustrate, the cost change of its search
/// from each end and every node each search weighed, with its slack (what moving it would have
/// cost, when it did not move). A drop of weight c from the pair u–v then:
///
/// - keeps the partition when it frustrates all of c: its cost falls to F − c, and every
///   partition's cost falls by at most c, so nothing found before beats it; exact whenever the
///   base is proven optimal;
/// - otherwise moves, from u and v outward, every node whose move to the other bloc lowers the
///   cost of the reduced network (neighbours of moved nodes queued again; both blocs kept
///   non-empty; at most 200 000 scanned pairs): an upper bound, with the certified lower bound
///   max(0, L − c), L that of the base;
/// - runs again only the searches that weighed a moved node, or weighed a node with a slack
///   below what the drop can change its move's cost by (c for u and v, twice the pair's weight
///   for a neighbour of a moved node, summed), or moved such a node, and both searches of a tie
///   with an end that moved. Every other search makes the same decisions in the same order, so
///   it would repeat step for step on the reduced network (the
///   scan budget counts the pair: a search that ran out of budget is run again whenever it
///   weighed any of those nodes). A tie's value then follows from the new cost F′ exactly: max(0, F′ − w)
///   when the partition frustrates it, else max(0, min(F′, F′ + δ − w)), δ the lesser cost
///   change of its two searches.
///
/// So the values equal those of ``SignedNetwork/frustrationWithout(_:base:options:progress:)``
/// run with the local search (`exactNodeLimit` 0) on the reduced network, with the new
/// partition as its base. The engine never runs a full search: the caller decides where that is
/// needed (one bloc cheaper than two, a bloc emptied).
public struct FrustrationDropEngine: Sendable {
    /// The network.
    public let network: SignedNetwork
    /// Its two-bloc partition (labels 0 and 1) and that partition's cost and certified bound.
    public let membership: [Int32]
    /// The cost (N + Pb) of `membership` and its certified lower bound, and whether it is optimal.
    public let frustration: Double, lowerBound: Double, optimal: Bool
    /// The scored ties: a pair and the positive weight whose removal is scored.
    public let scored: [PairDrop]
    /// Per scored tie t, the cost change of its search from its first end (2t) and from its
    /// second (2t + 1); +∞ when the base partition frustrates the tie.
    let change: [Double]
    /// Per node, the searches (2t or 2t + 1) that weighed it (CSR), each with the slack of that
    /// reading (−∞: it moved).
    let readOffsets: [Int32], readers: [Int32], readerSlack: [Double]
    /// Per node x, the scored ties that end at it: `endTies[endOffsets[x]..<endOffsets[x + 1]]`
    /// are indices into ``scored``, in increasing order.
    public let endOffsets: [Int32], endTies: [Int32]
    let tolerance: Double
    /// Nodes per side of the base partition.
    let sideCounts: (Int, Int)

    /// Scratch for ``drop(_:scratch:)``: one per thread.
    public struct Scratch: Sendable {
        var side: [Bool], stamp: [Int32], round: Int32 = 0, seen: [Int32], seenRound: Int32 = 0
    }

    /// Runs the base searches of the scored ties (`scored[i].positive` is the weight dropped;
    /// `negative` must be 0) on `threads` threads; the result does not depend on the count.
    ///
    /// - Parameters:
    ///   - network: The signed network the drops are taken from.
    ///   - membership: A partition into two blocs, labels 0 and 1.
    ///   - frustration: Its cost N + Pb.
    ///   - lowerBound: A certified lower bound on the two-bloc optimum.
    ///   - optimal: Whether the cost is proven optimal.
    ///   - scored: The ties whose frustration-without is searched (`positive` the weight dropped,
    ///     `negative` 0).
    ///   - threads: The threads the searches run on.
    /// - Complexity: one local search per scored tie the base does not frustrate (at most
    ///   200 000 scanned pairs each), O(V + E) besides.
    public init(network: SignedNetwork, membership: [Int32], frustration: Double, lowerBound: Double, optimal: Bool,
                scored: [PairDrop], threads: Int = 1) {
        precondition(membership.count == network.nodeCount, "the base must partition the network")
        precondition(membership.allSatisfy { $0 == 0 || $0 == 1 }, "the base must have two blocs, 0 and 1")
        self.network = network
        self.membership = membership
        self.frustration = frustration; self.lowerBound = lowerBound; self.optimal = optimal
        self.scored = scored
        let tolerance = 1e-9 * (1 + network.totalPositive + network.totalNegative)
        self.tolerance = tolerance
        var ones = 0
        for m in membership where m == 1 { ones += 1 }
        sideCounts = (membership.count - ones, ones)
        let base = membership.map { $0 != 0 }
        let blocks = max(1, min(scored.count, 64))
        let slots = _SearchSlots(count: blocks)
        let size = (scored.count + blocks - 1) / max(1, blocks)
        Parallel.forEachBlock(count: blocks, blocks: blocks, threads: max(1, threads)) { range in
            var side = base
            var stamp = [Int32](repeating: 0, count: network.nodeCount)
            var round: Int32 = 0
            for block in range {
                var changes: [Double] = [], pairs: [(node: Int32, tie: Int32, slack: Double)] = []
                for t in min(scored.count, block * size)..<min(scored.count, (block + 1) * size) {
                    let d = scored[t]
                    guard side[Int(d.u)] == side[Int(d.v)] else { changes += [.infinity, .infinity]; continue }
                    for (s, start) in [d.u, d.v].enumerated() {
                        round &+= 1
                        if round == Int32.max { round = 1; for j in stamp.indices { stamp[j] = 0 } }
                        var reads: [(node: Int32, slack: Double)] = []
                        changes.append(network._apartSearch(start: Int(start), pinned: (Int(d.u), Int(d.v)), side: &side,
                                                            stamp: &stamp, round: round, tolerance: tolerance, reads: &reads))
                        for r in reads { pairs.append((r.node, Int32(2 * t + s), r.slack)) }
                    }
                }
                slots[block] = (changes, pairs)
            }
        }
        var change: [Double] = [], pairs: [(node: Int32, tie: Int32, slack: Double)] = []
        for b in 0..<blocks where !slots[b].changes.isEmpty || !slots[b].pairs.isEmpty {
            change += slots[b].changes; pairs += slots[b].pairs
        }
        self.change = change
        var offsets = [Int32](repeating: 0, count: network.nodeCount + 1)
        for p in pairs { offsets[Int(p.node) + 1] += 1 }
        for i in 0..<network.nodeCount { offsets[i + 1] += offsets[i] }
        var fill = Array(offsets.dropLast())
        var readers = [Int32](repeating: 0, count: pairs.count), slack = [Double](repeating: 0, count: pairs.count)
        for p in pairs { readers[Int(fill[Int(p.node)])] = p.tie; slack[Int(fill[Int(p.node)])] = p.slack; fill[Int(p.node)] += 1 }
        readOffsets = offsets
        self.readers = readers
        readerSlack = slack
        var ends = [Int32](repeating: 0, count: network.nodeCount + 1)
        for d in scored { ends[Int(d.u) + 1] += 1; ends[Int(d.v) + 1] += 1 }
        for i in 0..<network.nodeCount { ends[i + 1] += ends[i] }
        var next = Array(ends.dropLast())
        var endTies = [Int32](repeating: 0, count: 2 * scored.count)
        for (t, d) in scored.enumerated() {
            for x in [Int(d.u), Int(d.v)] { endTies[Int(next[x])] = Int32(t); next[x] += 1 }
        }
        endOffsets = ends
        self.endTies = endTies
    }

    /// Fresh scratch for ``drop(_:scratch:)``.
    public func makeScratch() -> Scratch {
        Scratch(side: membership.map { $0 != 0 }, stamp: [Int32](repeating: 0, count: network.nodeCount),
                seen: [Int32](repeating: 0, count: max(1, 2 * scored.count)))
    }

    /// The frustration without scored tie `t` when the cost after a drop is `frustration` and
    /// the tie's search is not repeated (see ``DropOutcome/searched``). With the base cost, the
    /// value of the network without the tie (no other drop).
    public func without(_ t: Int, frustration f: Double) -> Double {
        let w = scored[t].positive
        let best = min(change[2 * t], change[2 * t + 1])
        return best == .infinity ? max(0, f - w) : max(0, min(f, f + best - w))
    }

    /// The two-bloc frustration analysis of the network without `d` (see the type's
    /// discussion). `scratch` comes from ``makeScratch()`` and is left as it was.
    ///
    /// - Complexity: O(1) when the partition frustrates the drop; otherwise a local search of at
    ///   most 200 000 scanned pairs, plus one local search per scored tie searched again.
    public func drop(_ d: PairDrop, scratch: inout Scratch) -> DropOutcome {
        let net = network
        let (u, v) = (Int(d.u), Int(d.v))
        guard let e1 = net.edge(u, v), let e2 = net.edge(v, u) else { preconditionFailure("a drop needs a pair of the network") }
        let adjust = _PairAdjustment(d, e1: e1, e2: e2, network: net)
        let f = frustration, c = d.positive + d.negative
        let same = scratch.side[u] == scratch.side[v]
        let frustratedPart = same ? d.negative : d.positive
        var value = max(0, f - frustratedPart)
        var moved: [Int32] = []
        let derived = frustratedPart >= c - tolerance
        if !derived {
            scratch.round &+= 1
            if scratch.round == Int32.max { scratch.round = 1; for j in scratch.stamp.indices { scratch.stamp[j] = 0 } }
            let total = net._improve(seeds: [u, v], side: &scratch.side, stamp: &scratch.stamp, round: scratch.round,
                                     counts: sideCounts, tolerance: tolerance, adjust: adjust, moved: &moved)
            value = max(0, value + total)
        }
        let lower = derived && optimal ? value : min(value, max(0, lowerBound - c))
        var outcome = DropOutcome(moved: moved, frustration: value, lowerBound: lower,
                                  exact: derived ? optimal : value <= lower + tolerance, derived: derived, searched: [])
        // The searches that weigh a changed weight or side, and the ties whose ends moved.
        scratch.seenRound &+= 1
        if scratch.seenRound == Int32.max { scratch.seenRound = 1; for j in scratch.seen.indices { scratch.seen[j] = 0 } }
        var again: [Int] = []
        /// `shift`: a reading whose slack is at least this keeps its decision.
        func readersOf(_ x: Int, shift: Double = .infinity) {
            for r in Int(readOffsets[x])..<Int(readOffsets[x + 1]) where readerSlack[r] < shift {
                let search = Int(readers[r])
                if scratch.seen[search] != scratch.seenRound { scratch.seen[search] = scratch.seenRound; again.append(search) }
            }
        }
        // Only u's and v's moves read the changed pair, and those change by at most `shift`;
        // a neighbour of a moved node, by twice their pair's weight.
        let shift = abs(net.positive[e1] - adjust.p) + abs(net.negative[e1] - adjust.q)
        var shifts: [Int: Double] = [u: shift, v: shift]
        for x in moved {
            for e in Int(net.offsets[Int(x)])..<Int(net.offsets[Int(x) + 1]) {
                shifts[Int(net.neighbors[e]), default: 0] += 2 * (net.positive[e] + net.negative[e])
            }
        }
        for x in moved { shifts[Int(x)] = .infinity }
        for (x, s) in shifts.sorted(by: { $0.key < $1.key }) { readersOf(x, shift: s) }
        for x in moved {
            for r in Int(endOffsets[Int(x)])..<Int(endOffsets[Int(x) + 1]) {
                for search in [2 * Int(endTies[r]), 2 * Int(endTies[r]) + 1] where scratch.seen[search] != scratch.seenRound {
                    scratch.seen[search] = scratch.seenRound; again.append(search)
                }
            }
        }
        again.sort()
        var i = 0
        while i < again.count {
            let t = again[i] / 2
            var rerun = [false, false]
            while i < again.count && again[i] / 2 == t { rerun[again[i] % 2] = true; i += 1 }
            let s = scored[t]
            let (a, b) = (Int(s.u), Int(s.v))
            if scratch.side[a] != scratch.side[b] {
                outcome.searched.append((t, max(0, value - s.positive)))
                continue
            }
            var best = Double.infinity
            for (n, start) in [a, b].enumerated() {
                guard rerun[n] else { best = min(best, change[2 * t + n]); continue }
                scratch.round &+= 1
                if scratch.round == Int32.max { scratch.round = 1; for j in scratch.stamp.indices { scratch.stamp[j] = 0 } }
                var reads: [(node: Int32, slack: Double)] = []
                best = min(best, net._apartSearch(start: start, pinned: (a, b), side: &scratch.side, stamp: &scratch.stamp,
                                                  round: scratch.round, tolerance: tolerance, reads: &reads, adjust: adjust))
            }
            outcome.searched.append((t, max(0, min(value, value + best - s.positive))))
        }
        for x in moved { scratch.side[Int(x)].toggle() }
        return outcome
    }
}

/// Per-block results of the engine's base searches, each slot written by one thread.
final class _SearchSlots: @unchecked Sendable {
    private let storage: UnsafeMutableBufferPointer<(changes: [Double], pairs: [(node: Int32, tie: Int32, slack: Double)])>
    init(count: Int) {
        storage = .allocate(capacity: max(1, count))
        storage.initialize(repeating: ([], []))
    }
    deinit { storage.deinitialize(); storage.deallocate() }
    subscript(i: Int) -> (changes: [Double], pairs: [(node: Int32, tie: Int32, slack: Double)]) {
        get { storage[i] }
        set { storage[i] = newValue }
    }
}

/// One pair's weights lowered, seen through the network's arrays without copying them.
public struct _PairAdjustment: Sendable {
    let e1: Int, e2: Int
    let positive: Double, negative: Double
    /// The pair's positive and negative weights after the drop.
    public let p: Double, q: Double
    /// No weight of either sign is left: the pair is gone.
    public let vanished: Bool

    init(_ d: PairDrop, e1: Int, e2: Int, network: SignedNetwork) {
        self.e1 = e1; self.e2 = e2; positive = d.positive; negative = d.negative
        p = d.positiveGone ? 0 : max(0, network.positive[e1] - d.positive)
        q = d.negativeGone ? 0 : max(0, network.negative[e1] - d.negative)
        vanished = p == 0 && q == 0
    }

    /// The pair (u, v) of `d` seen in `network` (nil when the network has no such pair).
    public init?(_ d: PairDrop, in network: SignedNetwork) {
        guard let e1 = network.edge(Int(d.u), Int(d.v)), let e2 = network.edge(Int(d.v), Int(d.u)) else { return nil }
        self.init(d, e1: e1, e2: e2, network: network)
    }

    @inline(__always) func weights(_ e: Int, _ p: Double, _ q: Double) -> (Double, Double) {
        e == e1 || e == e2 ? (self.p, self.q) : (p, q)
    }
    /// Whether stored edge `e` no longer exists.
    @inline(__always) public func skips(_ e: Int) -> Bool { vanished && (e == e1 || e == e2) }
}

extension SignedNetwork {
    /// From `seeds`, every node whose move to the other bloc lowers the frustration moves (a
    /// queue seeded with the moved nodes' neighbours), neither bloc emptied (`counts`: the nodes
    /// per side before), within a budget of 200 000 scanned pairs. Returns the cost change;
    /// `moved` receives the nodes moved an odd number of times, increasing (`side` is left moved).
    func _improve(seeds: [Int], side: inout [Bool], stamp: inout [Int32], round: Int32, counts: (Int, Int),
                  tolerance: Double, adjust: _PairAdjustment?, moved: inout [Int32], scanBudget: Int = 200_000) -> Double {
        var count = [counts.0, counts.1]
        func delta(_ x: Int) -> Double {
            var d = 0.0
            let s = side[x]
            for e in Int(offsets[x])..<Int(offsets[x + 1]) {
                let (p, q) = adjust?.weights(e, positive[e], negative[e]) ?? (positive[e], negative[e])
                let gap = q - p
                d += side[Int(neighbors[e])] == s ? -gap : gap
            }
            return d
        }
        var queue = seeds
        for s in seeds { stamp[s] = round }
        var head = 0, scanned = 0, total = 0.0
        var flips: [Int32] = []
        while head < queue.count && scanned < scanBudget {
            let x = queue[head]; head += 1
            stamp[x] = round &- 1
            scanned += Int(offsets[x + 1] - offsets[x])
            let d = delta(x)
            guard d < -tolerance, count[side[x] ? 1 : 0] > 1 else { continue }
            count[side[x] ? 1 : 0] -= 1; side[x].toggle(); count[side[x] ? 1 : 0] += 1
            flips.append(Int32(x)); total += d
            stamp[x] = round
            for e in Int(offsets[x])..<Int(offsets[x + 1]) where !(adjust?.skips(e) ?? false) {
                let y = Int(neighbors[e])
                if stamp[y] != round { stamp[y] = round; queue.append(y) }
            }
        }
        // A node that moves twice is back where it was.
        flips.sort()
        var i = 0
        while i < flips.count {
            var j = i
            while j < flips.count && flips[j] == flips[i] { j += 1 }
            if (j - i) % 2 == 1 { moved.append(flips[i]) }
            i = j
        }
        return total
    }

    /// The triangles and 4-cycles through the pair u–v (u's side first, as the fissure analysis
    /// counts them), on this network with `adjust` applied: the number of cycles (each step
    /// counted once per sign present on it) and of unbalanced ones (an odd number of negative
    /// steps), and whether `budget` cycles were reached first. `mark` is scratch of one slot per
    /// node, all 0, left so.
    ///
    /// - Complexity: O(Σ over u's neighbours x of deg(x)).
    public func _cycleCounts(_ u: Int32, _ v: Int32, adjust: _PairAdjustment?, budget: Int,
                             mark: inout [Int32]) -> (cycles: Int, unbalanced: Int, truncated: Bool) {
        @inline(__always) func signs(_ e: Int) -> (Int, Int) {
            let (p, q) = adjust?.weights(e, positive[e], negative[e]) ?? (positive[e], negative[e])
            return (p > 0 ? 1 : 0, q > 0 ? 1 : 0)
        }
        let (ui, vi) = (Int(u), Int(v))
        for e in Int(offsets[vi])..<Int(offsets[vi + 1]) where !(adjust?.skips(e) ?? false) { mark[Int(neighbors[e])] = Int32(e + 1) }
        defer { for e in Int(offsets[vi])..<Int(offsets[vi + 1]) { mark[Int(neighbors[e])] = 0 } }
        var examined = 0, unbalanced = 0, truncated = false
        func record(_ edges: (Int, Int, Int?)) {
            var all = 1, alternating = 1
            for e in [edges.0, edges.1] + (edges.2.map { [$0] } ?? []) {
                let (p, n) = signs(e)
                all *= p + n; alternating *= p - n
            }
            examined += all
            unbalanced += (all - alternating) / 2
        }
        outer: for ex in Int(offsets[ui])..<Int(offsets[ui + 1]) where !(adjust?.skips(ex) ?? false) {
            let x = neighbors[ex]
            guard x != v else { continue }
            if mark[Int(x)] > 0 { record((ex, Int(mark[Int(x)]) - 1, nil)) }
            for ey in Int(offsets[Int(x)])..<Int(offsets[Int(x) + 1]) where !(adjust?.skips(ey) ?? false) {
                let y = neighbors[ey]
                guard y != u && y != v else { continue }
                if mark[Int(y)] > 0 { record((ex, ey, Int(mark[Int(y)]) - 1)) }
                if examined >= budget { truncated = true; break outer }
            }
        }
        return (examined, unbalanced, truncated)
    }
}
