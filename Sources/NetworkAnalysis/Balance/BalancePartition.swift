/// How ``SignedNetwork/balancePartition(k:alpha:options:)`` and
/// ``SignedNetwork/frustrationIndex(options:)`` search.
public struct BalanceSearchOptions: Sendable, Hashable {
    /// The seed of the relocation restarts' random starts.
    public var seed: UInt64 = 1
    /// How many relocation runs, each from its own seeded start: greedy breadth-first and
    /// uniformly random alternately; above 200 nodes every third start is two-level instead.
    public var restarts: Int = 32
    /// The exact branch and bound is tried when the network has at most this many nodes.
    public var exactNodeLimit: Int = 60
    /// How many branch-and-bound search nodes the exact search may visit before it gives up
    /// exactness and the relocation result is returned with `optimal == false`.
    public var exactBudget: Int = 50_000_000
    /// The threads the restarts run on; the result does not depend on it.
    public var threads: Int = Network.defaultThreads

    /// Creates search options; the defaults are the CLI's.
    public init(seed: UInt64 = 1, restarts: Int = 32, exactNodeLimit: Int = 60, exactBudget: Int = 50_000_000,
                threads: Int = Network.defaultThreads) {
        self.seed = seed; self.restarts = restarts; self.exactNodeLimit = exactNodeLimit
        self.exactBudget = exactBudget; self.threads = threads
    }
}

/// A pair of nodes whose ties a partition does not satisfy.
public struct FrustratedTie: Sendable, Hashable {
    /// The lower-numbered end.
    public var u: Int32
    /// The higher-numbered end.
    public var v: Int32
    /// True: negative weight inside a bloc; false: positive weight between blocs.
    public var negativeInside: Bool
    /// The frustrated weight: the pair's negative weight when `negativeInside`, else its positive
    /// weight (not multiplied by α or 1 − α).
    public var weight: Double
    /// Creates a frustrated pair; `u < v`.
    public init(u: Int32, v: Int32, negativeInside: Bool, weight: Double) {
        self.u = u; self.v = v; self.negativeInside = negativeInside; self.weight = weight
    }
}

/// A balance partition with its error, a certified lower bound and the frustrated ties.
public struct BalanceResult: Sendable, Equatable {
    /// The blocs, numbered canonically (``Partition``).
    public var partition: Partition
    /// The number of blocs asked for (the frustration index: 2, at most).
    public var k: Int
    /// The weight of negative ties inside blocs in the error.
    public var alpha: Double
    /// N: the negative weight of pairs inside blocs.
    public var negativeInside: Double
    /// Pb: the positive weight of pairs between blocs.
    public var positiveBetween: Double
    /// P = α·N + (1−α)·Pb; for the frustration index N + Pb, the index itself.
    public var error: Double
    /// Certified: no admissible partition has a smaller error.
    public var lowerBound: Double
    /// Whether `error` is proven minimal (the exact search finished, or `lowerBound == error`).
    public var optimal: Bool
    /// How the partition was found: "branch and bound", "relocation (32 restarts)", ….
    public var method: String
    /// The frustrated pairs, sorted by (u, v).
    public var frustrated: [FrustratedTie]

    /// Creates a result from its parts (the searches build it; tests compare with it).
    public init(partition: Partition, k: Int, alpha: Double, negativeInside: Double, positiveBetween: Double,
                error: Double, lowerBound: Double, optimal: Bool, method: String, frustrated: [FrustratedTie]) {
        self.partition = partition; self.k = k; self.alpha = alpha; self.negativeInside = negativeInside
        self.positiveBetween = positiveBetween; self.error = error; self.lowerBound = lowerBound
        self.optimal = optimal; self.method = method; self.frustrated = frustrated
    }

    /// Aref & Wilson's normalised line index of balance, 1 − F / (W/2), where F is the
    /// frustration index (`error` of ``SignedNetwork/frustrationIndex(options:)``) and W the total
    /// weight of the network's pairs (positive plus negative; an ambivalent pair adds both). 1
    /// for a balanced network; a uniformly random two-bloc partition frustrates each pair's
    /// negative or positive weight with probability 1/2 each, costing W/2 on average, so
    /// F ≤ W/2 and the value lies in [0, 1]. Meaningful for the frustration index only.
    public func normalizedBalance(totalWeight: Double) -> Double {
        totalWeight > 0 ? 1 - error / (totalWeight / 2) : 1
    }
}

extension SignedNetwork {
    /// The Doreian–Mrvar balance partition: blocs minimising the error
    /// P = α·N + (1−α)·Pb over partitions into **exactly** `k` non-empty blocs, where N is the
    /// negative weight of pairs inside blocs and Pb the positive weight of pairs between blocs.
    /// An ambivalent pair (both weights > 0) costs α·(its negative weight) when its ends share a
    /// bloc, else (1−α)·(its positive weight): whichever way, it is frustrated.
    ///
    /// Search: relocation (Doreian & Mrvar 1996): from `options.restarts` seeded starts (greedy
    /// breadth-first placement and uniformly random alternately; above 200 nodes every third
    /// start is two-level: relocation into max(4k, 16) blocs, those blocs placed as wholes by
    /// relocation on the quotient signed network), move one node to another bloc or
    /// swap two nodes' blocs while P falls (O(k) per move with a V×k gain table; swaps of all pairs
    /// up to 1000 nodes, of adjacent pairs above), keeping every bloc non-empty, and keep the best.
    /// When `nodeCount ≤ options.exactNodeLimit`, an exact branch and bound follows (nodes in
    /// maximum-cardinality order, a node may only open the next unused bloc, bound = cost so far
    /// + Σ over unassigned nodes of their cheapest bloc against assigned neighbours + the optimum
    /// of the unassigned suffix, solved first, Russian-doll style); within `options.exactBudget`
    /// search nodes it proves optimality, else the best partition found is returned with
    /// `optimal == false`.
    ///
    /// Lower bound (always certified): a packing of closed walks that no admissible partition
    /// satisfies. A pair's *cost* is what frustrating it costs: α·q for a negative pair (inside a
    /// bloc), (1−α)·p for a positive one (between blocs). An ambivalent pair is frustrated
    /// whichever way and adds min(α·q, (1−α)·p) on its own. For k ≥ 3 the walks are cycles with
    /// exactly one negative pair (if every positive pair were satisfied the cycle would lie in one
    /// bloc, the negative pair inside it); for k ≤ 2 any closed walk with an odd number of
    /// negative pairs also qualifies (at most two blocs are a 2-colouring, and each satisfied
    /// negative pair switches colour). Walk i receives cᵢ, the least remaining cost of its pairs,
    /// and each of its pairs gives up cᵢ, so the cᵢ of the walks through a pair never exceed its
    /// cost; every partition frustrates at least one pair of each walk, hence costs at least Σ cᵢ
    /// (a feasible dual of the covering LP; with unit weights, a count of edge-disjoint cycles).
    /// Walks are taken greedily, short first: triangles, then walks through each negative pair
    /// found by a two-ended breadth-first search, of length at most 4, 5, 6, 8, then any (at
    /// most 4 096 states and 32 768 scanned pairs per search). After an unfinished exact search,
    /// the optimum of the largest solved suffix of the node order also bounds, and the larger
    /// bound is reported.
    ///
    /// - Parameters:
    ///   - k: The number of blocs, 1 ≤ k ≤ nodeCount.
    ///   - alpha: The weight of negative ties inside blocs, in (0, 1); 0.5 weighs both kinds of
    ///     frustration alike.
    ///   - options: The seed, restarts and threads of relocation, and the exact search's limits.
    /// - Complexity: relocation O(restarts · passes · (V·k + E)) time, plus O(V²) per pass of
    ///   all-pairs swaps up to 1000 nodes, over `options.threads` threads; O(threads · V·k + E)
    ///   space. The bound: O(E^1.5) for the triangles, then O(E) searches of at most 32 768
    ///   scanned pairs each (in practice 1.5 s for 100k pairs, about a minute for 1M). The exact
    ///   search is exponential in the worst case, capped by `options.exactBudget` search nodes of
    ///   O(k · degree) each.
    ///
    /// Doreian, P. & Mrvar, A. "A partitioning approach to structural balance."
    /// Social Networks 18(2):149–168, 1996. doi:10.1016/0378-8733(95)00259-6
    /// Doreian, P. & Mrvar, A. "Partitioning signed social networks."
    /// Social Networks 31(1):1–11, 2009. doi:10.1016/j.socnet.2008.08.001
    ///
    /// A network without nodes gives the empty partition (error 0, optimal).
    public func balancePartition(k: Int, alpha: Double = 0.5, options: BalanceSearchOptions = .init()) -> BalanceResult {
        if nodeCount == 0 {
            return BalanceResult(partition: Partition(labels: []), k: k, alpha: alpha, negativeInside: 0, positiveBetween: 0,
                                 error: 0, lowerBound: 0, optimal: true, method: "empty", frustrated: [])
        }
        precondition(k >= 1 && k <= nodeCount, "k must lie in 1...nodeCount (\(nodeCount)), not \(k)")
        precondition(alpha > 0 && alpha < 1, "alpha must lie strictly between 0 and 1, not \(alpha)")
        let found = _balanceSearch(k: k, exactly: true, inside: alpha, between: 1 - alpha, options: options)
        return _result(found, k: k, alpha: alpha, frustration: false)
    }

    /// The frustration index (line index of balance): the least total weight of pairs that a
    /// partition into **at most two** blocs frustrates, F = min (N + Pb), N the negative weight
    /// inside blocs and Pb the positive weight between them (with unit weights: the fewest ties
    /// whose removal, or sign change, leaves the network balanced). An ambivalent pair costs its
    /// negative weight when its ends share a bloc, else its positive weight. `error` is F,
    /// `alpha` 0.5 and `k` 2; the normalised balance 1 − F/(W/2), W the total weight of all pairs,
    /// is ``BalanceResult/normalizedBalance(totalWeight:)`` with W = `totalPositive + totalNegative`.
    ///
    /// The search and the lower bound are those of ``balancePartition(k:alpha:options:)`` with
    /// at most two blocs (a balanced network may give one) and the cost N + Pb: the packed walks
    /// are those with an odd number of negative pairs, a pair's cost is its negative weight
    /// (negative pair) or its positive weight (positive pair), and each ambivalent pair adds
    /// min(positive, negative).
    ///
    /// - Complexity: as ``balancePartition(k:alpha:options:)`` with k = 2.
    ///
    /// Cartwright, D. & Harary, F. "Structural balance: a generalization of Heider's theory."
    /// Psychological Review 63(5):277–293, 1956.
    /// Aref, S. & Wilson, M. C. "Measuring partial balance in signed networks." Journal of Complex
    /// Networks 6(4):566–595, 2018. doi:10.1093/comnet/cnx044
    /// Aref, S., Mason, A. J. & Wilson, M. C. "Computing the line index of balance using integer
    /// programming optimisation." In B. Goldengorin (ed.), Optimization Problems in Graph Theory,
    /// Springer, 2018, 65–84.
    public func frustrationIndex(options: BalanceSearchOptions = .init()) -> BalanceResult {
        if nodeCount == 0 {
            return BalanceResult(partition: Partition(labels: []), k: 2, alpha: 0.5, negativeInside: 0, positiveBetween: 0,
                                 error: 0, lowerBound: 0, optimal: true, method: "empty", frustrated: [])
        }
        let found = _balanceSearch(k: min(2, nodeCount), exactly: false, inside: 1, between: 1, options: options)
        return _result(found, k: 2, alpha: 0.5, frustration: true)
    }

    func _result(_ found: _BalanceFound, k: Int, alpha: Double, frustration: Bool) -> BalanceResult {
        let membership = found.membership
        let (inside, between) = balanceCost(membership, alpha: alpha)
        let error = frustration ? inside + between : alpha * inside + (1 - alpha) * between
        var frustrated: [FrustratedTie] = []
        for u in 0..<nodeCount {
            for e in Int(offsets[u])..<Int(offsets[u + 1]) {
                let v = Int(neighbors[e])
                guard v > u else { continue }
                if membership[u] == membership[v] {
                    if negative[e] > 0 { frustrated.append(.init(u: Int32(u), v: Int32(v), negativeInside: true, weight: negative[e])) }
                } else if positive[e] > 0 {
                    frustrated.append(.init(u: Int32(u), v: Int32(v), negativeInside: false, weight: positive[e]))
                }
            }
        }
        let lower = found.exact ? error : min(found.lowerBound, error)
        let tolerance = 1e-9 * max(1, error)
        return BalanceResult(partition: Partition(labels: membership), k: k, alpha: alpha, negativeInside: inside,
                             positiveBetween: between, error: error, lowerBound: lower,
                             optimal: found.exact || lower >= error - tolerance, method: found.method,
                             frustrated: frustrated)
    }
}

/// What the search found: a membership, whether it is proven optimal, a certified lower bound.
struct _BalanceFound {
    var membership: [Int32]
    var exact: Bool
    var lowerBound: Double
    var method: String
}

/// Per-restart results, each slot written by one thread.
final class _RestartSlots: @unchecked Sendable {
    private let storage: UnsafeMutableBufferPointer<[Int32]>
    init(count: Int) {
        storage = .allocate(capacity: max(1, count))
        storage.initialize(repeating: [])
    }
    deinit { storage.deinitialize(); storage.deallocate() }
    /// Only the thread that runs restart `i` may touch slot `i` until the work ends.
    subscript(i: Int) -> [Int32] {
        get { storage[i] }
        set { storage[i] = newValue }
    }
}

extension SignedNetwork {
    /// The stored edge of the same pair seen from the other end, per stored edge.
    func _twins() -> [Int32] {
        var twin = [Int32](repeating: 0, count: neighbors.count)
        // Rows are sorted, so walking u's row in order meets v's entries for u in order too.
        var cursor = Array(offsets.dropLast())
        for u in 0..<nodeCount {
            for e in Int(offsets[u])..<Int(offsets[u + 1]) {
                let v = Int(neighbors[e])
                // v's entries are increasing: the entry for u is the next unconsumed one.
                let f = Int(cursor[v])
                twin[e] = Int32(f)
                cursor[v] += 1
            }
        }
        return twin
    }

    /// The search behind both entry points: minimise Σ over pairs of (same bloc ? inside·q :
    /// between·p) over partitions into exactly (`exactly`) or at most k blocs.
    func _balanceSearch(k: Int, exactly: Bool, inside ci: Double, between cb: Double,
                        options: BalanceSearchOptions) -> _BalanceFound {
        let n = nodeCount
        let wIn = negative.map { ci * $0 }
        let wOut = positive.map { cb * $0 }
        let scale = 1 + zip(wIn, wOut).reduce(0) { $0 + $1.0 + $1.1 } / 2
        let tolerance = 1e-9 * scale
        func cost(_ m: [Int32]) -> Double {
            let (a, b) = balanceCost(m, alpha: 0.5)
            return ci * a + cb * b
        }
        if k == 1 || n == k && exactly {
            let m = k == 1 ? [Int32](repeating: 0, count: n) : (0..<n).map { Int32($0) }
            return _BalanceFound(membership: m, exact: true, lowerBound: cost(m), method: "the only partition")
        }

        // Relocation from seeded restarts, in parallel; the best (lowest cost, then lowest restart) wins.
        let restarts = max(1, options.restarts)
        let slots = _RestartSlots(count: restarts)
        let dIn = wIn, dOut = wOut
        Parallel.forEachBlock(count: restarts, blocks: restarts, threads: options.threads) { range in
            for r in range {
                var rng = SeededGenerator(seed: options.seed &+ UInt64(r) &* 0x9E37_79B9_7F4A_7C15)
                // Above 200 nodes every third start is two-level (blocs of a finer partition placed
                // as wholes, then refined); the others alternate greedy and random.
                if n > 200 && r % 3 == 2, let coarse = self._coarseStart(k: k, exactly: exactly, inside: ci, between: cb,
                                                                        tolerance: tolerance, rng: &rng) {
                    slots[r] = self._relocate(k: k, exactly: exactly, wIn: dIn, wOut: dOut, greedyStart: false,
                                              tolerance: tolerance, rng: &rng, initial: coarse)
                } else {
                    slots[r] = self._relocate(k: k, exactly: exactly, wIn: dIn, wOut: dOut, greedyStart: r % 2 == 0,
                                              tolerance: tolerance, rng: &rng)
                }
            }
        }
        var best: [Int32] = slots[0]
        var bestCost = cost(best)
        for r in 1..<restarts {
            let c = cost(slots[r])
            if c < bestCost - tolerance { best = slots[r]; bestCost = c }
        }
        let cycleBound = _cycleLowerBound(k: k, wIn: wIn, wOut: wOut)
        var method = "relocation (\(restarts) restarts)"
        var lower = cycleBound
        if n <= options.exactNodeLimit && bestCost > cycleBound + tolerance {
            let search = _BalanceExact(network: self, k: k, exactly: exactly, wIn: wIn, wOut: wOut,
                                       budget: options.exactBudget, tolerance: tolerance)
            let outcome = search.solve(upper: bestCost, upperMembership: best)
            if outcome.finished {
                return _BalanceFound(membership: outcome.membership, exact: true, lowerBound: outcome.cost,
                                     method: "branch and bound")
            }
            if outcome.cost < bestCost - tolerance { best = outcome.membership; bestCost = outcome.cost }
            lower = max(lower, outcome.lowerBound)
            method += "; branch and bound stopped after \(outcome.visited) search nodes"
        }
        return _BalanceFound(membership: best, exact: false, lowerBound: lower, method: method)
    }

    /// A two-level start: relocation into up to max(4k, 16) blocs (at most), those blocs
    /// contracted to the nodes of a quotient signed network (a pair of blocs keeps its positive
    /// and negative weight apart), the quotient partitioned into k blocs by relocation, and the
    /// result spread back to the nodes. Nil when the fine partition has fewer than k blocs.
    func _coarseStart(k: Int, exactly: Bool, inside ci: Double, between cb: Double, tolerance: Double,
                      rng: inout SeededGenerator) -> [Int32]? {
        let fineK = min(nodeCount, max(4 * k, 16))
        let fine = Partition(labels: _relocate(k: fineK, exactly: false, wIn: negative.map { ci * $0 },
                                               wOut: positive.map { cb * $0 }, greedyStart: true,
                                               tolerance: tolerance, rng: &rng))
        guard fine.count >= k else { return nil }
        var s: [Int32] = [], t: [Int32] = [], w: [Double] = [], sg: [Int8] = []
        for u in 0..<nodeCount {
            for e in Int(offsets[u])..<Int(offsets[u + 1]) {
                let a = fine.membership[u], b = fine.membership[Int(neighbors[e])]
                guard Int(neighbors[e]) > u, a != b else { continue }
                if positive[e] > 0 { s.append(a); t.append(b); w.append(positive[e]); sg.append(1) }
                if negative[e] > 0 { s.append(a); t.append(b); w.append(negative[e]); sg.append(-1) }
            }
        }
        guard let quotient = try? SignedNetwork(nodeCount: fine.count, sources: s, targets: t, weights: w, signs: sg)
        else { return nil }
        let qIn = quotient.negative.map { ci * $0 }, qOut = quotient.positive.map { cb * $0 }
        var bestLabels: [Int32] = [], bestCost = Double.infinity
        for attempt in 0..<8 {
            let labels = quotient._relocate(k: k, exactly: exactly, wIn: qIn, wOut: qOut, greedyStart: attempt % 2 == 0,
                                            tolerance: tolerance, rng: &rng)
            let (a, b) = quotient.balanceCost(labels, alpha: 0.5)
            if ci * a + cb * b < bestCost - tolerance { bestCost = ci * a + cb * b; bestLabels = labels }
        }
        return fine.membership.map { bestLabels[Int($0)] }
    }

    /// One relocation run: a start (greedy breadth-first or uniformly random), then single-node
    /// moves and two-node swaps while the cost falls. Returns the bloc of each node.
    func _relocate(k: Int, exactly: Bool, wIn: [Double], wOut: [Double], greedyStart: Bool,
                   tolerance: Double, rng: inout SeededGenerator, initial: [Int32]? = nil) -> [Int32] {
        let n = nodeCount
        var m = [Int32](repeating: -1, count: n)
        var sizes = [Int](repeating: 0, count: k)
        // gain[u·k + c] = Σ over u's placed neighbours in bloc c of (wIn − wOut): moving u from a
        // to b changes the cost by gain[u,b] − gain[u,a].
        var gain = [Double](repeating: 0, count: n * k)
        var order = Array(0..<n)
        order.shuffle(using: &rng)
        offsets.withUnsafeBufferPointer { off in
        neighbors.withUnsafeBufferPointer { nb in
        wIn.withUnsafeBufferPointer { wi in
        wOut.withUnsafeBufferPointer { wo in
        gain.withUnsafeMutableBufferPointer { g in
        m.withUnsafeMutableBufferPointer { m in
            func place(_ u: Int, _ c: Int) {
                m[u] = Int32(c); sizes[c] += 1
                for e in Int(off[u])..<Int(off[u + 1]) { g[Int(nb[e]) * k + c] += wi[e] - wo[e] }
            }
            func move(_ u: Int, _ b: Int) {
                let a = Int(m[u])
                m[u] = Int32(b); sizes[a] -= 1; sizes[b] += 1
                for e in Int(off[u])..<Int(off[u + 1]) {
                    let v = Int(nb[e]), d = wi[e] - wo[e]
                    g[v * k + a] -= d; g[v * k + b] += d
                }
            }
            if let initial {
                for u in 0..<n { place(u, Int(initial[u])) }
            } else if greedyStart {
                // Breadth-first from random roots; each node to its cheapest bloc against its
                // placed neighbours (ties broken from a random offset).
                var queue = [Int](); queue.reserveCapacity(n)
                var queued = [Bool](repeating: false, count: n)
                for root in order where !queued[root] {
                    queue.removeAll(keepingCapacity: true)
                    queue.append(root); queued[root] = true
                    var head = 0
                    while head < queue.count {
                        let u = queue[head]; head += 1
                        let offset = Int.random(in: 0..<k, using: &rng)
                        var bestC = offset, bestG = g[u * k + offset]
                        for i in 1..<max(k, 1) {
                            let c = (offset + i) % k
                            if g[u * k + c] < bestG - tolerance { bestG = g[u * k + c]; bestC = c }
                        }
                        place(u, bestC)
                        for e in Int(off[u])..<Int(off[u + 1]) where !queued[Int(nb[e])] {
                            queued[Int(nb[e])] = true; queue.append(Int(nb[e]))
                        }
                    }
                }
            } else {
                for u in 0..<n { place(u, Int.random(in: 0..<k, using: &rng)) }
            }
            if exactly {
                // Every bloc non-empty: fill each empty bloc with a random node from a larger one.
                for c in 0..<k where sizes[c] == 0 {
                    while true {
                        let u = Int.random(in: 0..<n, using: &rng)
                        if sizes[Int(m[u])] > 1 { move(u, c); break }
                    }
                }
            }
            var dRow = [Double](repeating: 0, count: n <= 1000 ? n : 0)
            var improved = true
            var passes = 0
            while improved && passes < 1000 {
                improved = false; passes += 1
                for u in order {
                    let a = Int(m[u])
                    if exactly && sizes[a] == 1 { continue }
                    let ga = g[u * k + a]
                    var bestB = -1, bestDelta = -tolerance
                    for b in 0..<k where b != a {
                        let delta = g[u * k + b] - ga
                        if delta < bestDelta { bestDelta = delta; bestB = b }
                    }
                    if bestB >= 0 { move(u, bestB); improved = true }
                }
                if improved { continue }
                // Swaps: u in a and v in b trade blocs; the change is the two moves' changes less
                // twice the pair's own (wIn − wOut), which stays between blocs.
                if n <= 1000 {
                    for u in 0..<n {
                        for e in Int(off[u])..<Int(off[u + 1]) { dRow[Int(nb[e])] = wi[e] - wo[e] }
                        for v in (u + 1)..<n where m[v] != m[u] {
                            let a = Int(m[u]), b = Int(m[v])
                            let delta = g[u * k + b] - g[u * k + a] + g[v * k + a] - g[v * k + b] - 2 * dRow[v]
                            if delta < -tolerance {
                                move(u, b); move(v, a); improved = true
                            }
                        }
                        for e in Int(off[u])..<Int(off[u + 1]) { dRow[Int(nb[e])] = 0 }
                    }
                } else {
                    for u in 0..<n {
                        for e in Int(off[u])..<Int(off[u + 1]) {
                            let v = Int(nb[e])
                            guard v > u, m[v] != m[u] else { continue }
                            let a = Int(m[u]), b = Int(m[v])
                            let delta = g[u * k + b] - g[u * k + a] + g[v * k + a] - g[v * k + b] - 2 * (wi[e] - wo[e])
                            if delta < -tolerance { move(u, b); move(v, a); improved = true }
                        }
                    }
                }
            }
        }}}}}}
        return m
    }

    /// A certified lower bound on the cost of any partition into at most k blocs (see
    /// ``balancePartition(k:alpha:options:)``): a packing of closed walks that every admissible
    /// partition frustrates at least once. Walk i gets a capacity cᵢ, the least residual cost of
    /// its pairs, and every pair of it gives up cᵢ; so Σᵢ cᵢ over the walks through a pair never
    /// exceeds the cost of frustrating it, and any partition costs at least Σ cᵢ (the dual of
    /// the covering LP; with unit costs, a count of edge-disjoint cycles). Walks are taken short
    /// first: triangles, then breadth-first walks through each negative pair of length at most
    /// 4, 5, 6, 8, then any length (at most `maxStates` search states and 8·`maxStates` scanned
    /// pairs each, so hubs cannot make a search expensive).
    func _cycleLowerBound(k: Int, wIn: [Double], wOut: [Double], maxStates: Int = 4096) -> Double {
        let n = nodeCount
        let parity = k <= 2     // odd-negative walks; else cycles with exactly one negative pair
        let twin = _twins()
        // residual[e]: what frustrating the pair still may contribute; 0 = spent (or ambivalent).
        let residual = UnsafeMutableBufferPointer<Double>.allocate(capacity: max(1, neighbors.count))
        residual.initialize(repeating: 0)
        defer { residual.deallocate() }
        let scale = 1 + zip(wIn, wOut).reduce(0) { $0 + $1.0 + $1.1 }
        let tolerance = 1e-12 * scale
        var bound = 0.0
        for e in 0..<neighbors.count {
            if positive[e] > 0 && negative[e] > 0 {
                // Ambivalent: frustrated whichever way; counted once, from its lower end.
                if Int(neighbors[e]) > _source(e) { bound += min(wIn[e], wOut[e]) }
            } else {
                residual[e] = negative[e] > 0 ? wIn[e] : wOut[e]
            }
        }
        if k == 1 {
            // One bloc: every negative pair is inside.
            for e in 0..<neighbors.count where Int(neighbors[e]) > _source(e) && positive[e] == 0 { bound += wIn[e] }
            return bound
        }
        let spentStamp = UnsafeMutableBufferPointer<Int32>.allocate(capacity: max(1, neighbors.count))
        spentStamp.initialize(repeating: -1)
        defer { spentStamp.deallocate() }
        var walkId: Int32 = 0
        /// Packs one walk given by its distinct stored edges (duplicates skipped).
        func pack(_ edges: [Int]) {
            var c = Double.infinity
            for e in edges { c = min(c, residual[e]) }
            guard c > tolerance else { return }
            bound += c
            for e in edges where spentStamp[e] != walkId {
                spentStamp[e] = walkId; spentStamp[Int(twin[e])] = walkId
                residual[e] -= c; residual[Int(twin[e])] = residual[e]
                if residual[e] < tolerance { residual[e] = 0; residual[Int(twin[e])] = 0 }
            }
            walkId += 1
        }
        // Triangles.
        _forEachTriangle { _, _, _, e1, e2, e3 in
            guard residual[e1] > 0, residual[e2] > 0, residual[e3] > 0 else { return }
            let negatives = (negative[e1] > 0 ? 1 : 0) + (negative[e2] > 0 ? 1 : 0) + (negative[e3] > 0 ? 1 : 0)
            guard parity ? negatives % 2 == 1 : negatives == 1 else { return }
            pack([e1, e2, e3])
        }
        // Breadth-first walks through each negative pair (u, v) with residual cost: a path from
        // u to v over pairs with residual cost and an even number of negative pairs (parity), or
        // over positive pairs only; searched from both ends at once, the smaller frontier first.
        let states = parity ? 2 * n : n
        // Per side (0: from u, 1: from v), flat: index side·states + state.
        var stamp = [Int32](repeating: -1, count: 2 * states)
        var parentState = [Int32](repeating: -1, count: 2 * states)
        var parentEdge = [Int32](repeating: -1, count: 2 * states)
        var frontierStore = [Int32](repeating: 0, count: 2 * (maxStates + 1))   // two frontiers
        var nextStore = [Int32](repeating: 0, count: maxStates + 1)
        var round: Int32 = 0
        var sources = [Int32](repeating: 0, count: neighbors.count)
        for u in 0..<n { for e in Int(offsets[u])..<Int(offsets[u + 1]) { sources[e] = Int32(u) } }
        var walk: [Int] = []
        var hopeless = [Bool](repeating: false, count: neighbors.count)
        let capacity = maxStates
        let scanLimit = 8 * maxStates
        offsets.withUnsafeBufferPointer { off in
        neighbors.withUnsafeBufferPointer { nb in
        negative.withUnsafeBufferPointer { neg in
        stamp.withUnsafeMutableBufferPointer { stamp in
        parentState.withUnsafeMutableBufferPointer { parentState in
        parentEdge.withUnsafeMutableBufferPointer { parentEdge in
        frontierStore.withUnsafeMutableBufferPointer { frontier in
        nextStore.withUnsafeMutableBufferPointer { next in
            for length in [4, 5, 6, 8, Int.max] {
                for e0 in 0..<nb.count {
                    let u = Int(sources[e0]), v = Int(nb[e0])
                    guard v > u, neg[e0] > 0, !hopeless[e0] else { continue }
                    let e0twin = Int(twin[e0])
                    var attempts = 0
                    while residual[e0] > 0 && attempts < 64 {
                        attempts += 1
                        round &+= 1
                        if round == Int32.max {
                            round = 0
                            for i in 0..<stamp.count { stamp[i] = -1 }
                        }
                        let end0 = parity ? 2 * u : u, end1 = parity ? 2 * v : v
                        stamp[end0] = round; stamp[states + end1] = round
                        frontier[0] = Int32(end0); frontier[capacity + 1] = Int32(end1)
                        var count = (1, 1), reached = (0, 0)
                        var meet = -1, seen = 2, scanned = 0
                        var lengthBound = false
                        search: while seen < capacity {
                            if reached.0 + reached.1 + 2 > length { lengthBound = true; break }
                            let side = count.0 <= count.1 ? 0 : 1
                            let size = side == 0 ? count.0 : count.1
                            if size == 0 { break }
                            let base = side * (capacity + 1), mine = side * states, theirs = (1 - side) * states
                            var filled = 0
                            for i in 0..<size {
                                let st = Int(frontier[base + i])
                                let x = parity ? st >> 1 : st, p = parity ? st & 1 : 0
                                scanned += Int(off[x + 1] - off[x])
                                if scanned > scanLimit { break search }   // hubs: give up this walk
                                for e in Int(off[x])..<Int(off[x + 1]) where residual[e] > 0 && e != e0 && e != e0twin {
                                    let isNegative = neg[e] > 0
                                    if !parity && isNegative { continue }
                                    let y = Int(nb[e])
                                    let t = parity ? 2 * y + (p ^ (isNegative ? 1 : 0)) : y
                                    if stamp[mine + t] == round { continue }
                                    stamp[mine + t] = round; parentState[mine + t] = Int32(st); parentEdge[mine + t] = Int32(e)
                                    // u…t has parity q and v…t parity q: together even.
                                    if stamp[theirs + t] == round { meet = t; break search }
                                    if filled < capacity { next[filled] = Int32(t); filled += 1 }
                                    seen += 1
                                }
                            }
                            for i in 0..<filled { frontier[base + i] = next[i] }
                            if side == 0 { count.0 = filled; reached.0 += 1 } else { count.1 = filled; reached.1 += 1 }
                        }
                        guard meet >= 0 else {
                            // Only the length limit may lift in a later round: residual costs
                            // only fall, so an exhausted or capped search would fail again.
                            if !lengthBound { hopeless[e0] = true }
                            break
                        }
                        walk.removeAll(keepingCapacity: true)
                        walk.append(e0)
                        for side in 0..<2 {
                            var st = meet
                            let end = side == 0 ? end0 : end1
                            while st != end {
                                walk.append(Int(parentEdge[side * states + st])); st = Int(parentState[side * states + st])
                            }
                        }
                        pack(walk)
                    }
                }
            }
        }}}}}}}}
        return bound
    }

    /// The node a stored edge leaves (binary search in the offsets). O(log V).
    func _source(_ e: Int) -> Int {
        var lo = 0, hi = nodeCount
        while hi - lo > 1 {
            let mid = (lo + hi) / 2
            if Int(offsets[mid]) <= e { lo = mid } else { hi = mid }
        }
        return lo
    }
}

/// Exact branch and bound for the balance partition of a small network (Russian-doll: the
/// optimum of every suffix of the node order is solved first and bounds the longer ones).
final class _BalanceExact {
    let n: Int, k: Int, exactly: Bool
    let tolerance: Double
    let budget: Int
    /// Node order (maximum cardinality search) and, per position, its later neighbours as
    /// (position, wIn, wOut).
    var order: [Int] = []
    var adjacency: [[(Int, Double, Double)]] = []
    /// costTable[i·k + c]: cost of placing position i in bloc c against the assigned positions.
    var costTable: [Double]
    var minCost: [Double]
    var assignment: [Int32]
    var suffixOptimum: [Double]
    var suffixSolution: [[Int32]]   // per suffix start, labels of positions start..<n
    var best = 0.0
    var bestAssignment: [Int32] = []
    var visited = 0
    var aborted = false
    var start = 0
    var sumMin = 0.0
    var mode = false   // exactly-k constraint active in the current search

    init(network: SignedNetwork, k: Int, exactly: Bool, wIn: [Double], wOut: [Double], budget: Int, tolerance: Double) {
        let n = network.nodeCount
        self.n = n; self.k = k; self.exactly = exactly; self.budget = budget; self.tolerance = tolerance
        // Maximum cardinality order, from the highest-degree node; ties: higher degree, lower index.
        var placed = [Bool](repeating: false, count: n)
        var links = [Int](repeating: 0, count: n)
        func degree(_ u: Int) -> Int { Int(network.offsets[u + 1] - network.offsets[u]) }
        for _ in 0..<n {
            var pick = -1
            for u in 0..<n where !placed[u] {
                if pick < 0 || links[u] > links[pick] || links[u] == links[pick] && degree(u) > degree(pick) { pick = u }
            }
            placed[pick] = true; order.append(pick)
            for v in network.neighbors(of: pick) { links[Int(v)] += 1 }
        }
        var position = [Int](repeating: 0, count: n)
        for (i, u) in order.enumerated() { position[u] = i }
        adjacency = [[(Int, Double, Double)]](repeating: [], count: n)
        for (i, u) in order.enumerated() {
            for e in Int(network.offsets[u])..<Int(network.offsets[u + 1]) {
                let j = position[Int(network.neighbors[e])]
                if j > i { adjacency[i].append((j, wIn[e], wOut[e])) }
            }
        }
        costTable = [Double](repeating: 0, count: n * k)
        minCost = [Double](repeating: 0, count: n)
        assignment = [Int32](repeating: -1, count: n)
        suffixOptimum = [Double](repeating: 0, count: n + 1)
        suffixSolution = [[Int32]](repeating: [], count: n + 1)
    }

    struct Outcome {
        var finished: Bool
        var cost: Double
        var membership: [Int32]
        var lowerBound: Double
        var visited: Int
    }

    /// Cost of the edges among positions s..<n under `labels` (labels[i − s] for position i).
    func suffixCost(_ s: Int, _ labels: [Int32]) -> Double {
        var total = 0.0
        for i in s..<n {
            for (j, wi, wo) in adjacency[i] { total += labels[i - s] == labels[j - s] ? wi : wo }
        }
        return total
    }

    func solve(upper: Double, upperMembership: [Int32]) -> Outcome {
        // Suffixes n−1 (one node, cost 0) down to 1: at most k blocs.
        suffixOptimum[n] = 0; suffixSolution[n] = []
        suffixOptimum[n - 1] = 0; suffixSolution[n - 1] = [0]
        var solvedFrom = n - 1
        if n >= 2 {
            for s in stride(from: n - 2, through: 1, by: -1) {
                // Upper bound: the next suffix's optimum with position s in its cheapest bloc.
                let tail = suffixSolution[s + 1]
                var bestLabels: [Int32] = []
                var bestCost = Double.infinity
                for c in 0..<k {
                    let labels = [Int32(c)] + tail
                    let cost = suffixCost(s, labels)
                    if cost < bestCost { bestCost = cost; bestLabels = labels }
                }
                runSearch(from: s, exactlyK: false, upper: bestCost)
                if aborted { break }
                if bestAssignment.isEmpty {
                    suffixOptimum[s] = bestCost; suffixSolution[s] = bestLabels
                } else {
                    suffixOptimum[s] = best; suffixSolution[s] = Array(bestAssignment[s..<n])
                }
                solvedFrom = s
            }
        }
        var membership = upperMembership
        var upperCost = upper
        if !aborted {
            runSearch(from: 0, exactlyK: exactly, upper: upperCost)
            if !bestAssignment.isEmpty {
                upperCost = best
                membership = [Int32](repeating: 0, count: n)
                for i in 0..<n { membership[order[i]] = bestAssignment[i] }
            }
            if !aborted {
                return Outcome(finished: true, cost: upperCost, membership: membership, lowerBound: upperCost, visited: visited)
            }
        }
        return Outcome(finished: false, cost: upperCost, membership: membership,
                       lowerBound: suffixOptimum[solvedFrom], visited: visited)
    }

    /// Searches the partitions of positions s..<n for one cheaper than `upper` (strictly, beyond
    /// the tolerance); the best lands in `best` / `bestAssignment` (empty when none was found).
    func runSearch(from s: Int, exactlyK: Bool, upper: Double) {
        start = s; mode = exactlyK
        best = upper; bestAssignment = []
        for i in s..<n {
            minCost[i] = 0
            for c in 0..<k { costTable[i * k + c] = 0 }
            assignment[i] = -1
        }
        sumMin = 0
        descend(s, opened: 0, cost: 0)
    }

    func descend(_ d: Int, opened: Int, cost: Double) {
        visited += 1
        if visited > budget { aborted = true; return }
        if d == n {
            if cost < best - tolerance {
                best = cost
                bestAssignment = assignment
            }
            return
        }
        let limit = min(opened + 1, k)
        // Blocs in increasing cost order (insertion sort of at most k candidates).
        var candidates: [Int] = []
        candidates.reserveCapacity(limit)
        for c in 0..<limit {
            var at = candidates.count
            candidates.append(c)
            while at > 0 && costTable[d * k + candidates[at - 1]] > costTable[d * k + c] {
                candidates[at] = candidates[at - 1]; at -= 1
            }
            candidates[at] = c
        }
        let remainingAfter = n - d - 1
        sumMin -= minCost[d]
        for c in candidates {
            if aborted { break }
            let nowOpened = c == opened ? opened + 1 : opened
            if mode && remainingAfter < k - nowOpened { continue }
            let newCost = cost + costTable[d * k + c]
            if newCost + sumMin + suffixOptimum[d + 1] >= best - tolerance { continue }
            // Place: update later neighbours' tables and minima.
            assignment[d] = Int32(c)
            for (j, wi, wo) in adjacency[d] {
                for b in 0..<k { costTable[j * k + b] += b == c ? wi : wo }
                var low = costTable[j * k]
                for b in 1..<max(k, 1) { low = min(low, costTable[j * k + b]) }
                sumMin += low - minCost[j]; minCost[j] = low
            }
            if newCost + sumMin + suffixOptimum[d + 1] < best - tolerance {
                descend(d + 1, opened: nowOpened, cost: newCost)
            }
            for (j, wi, wo) in adjacency[d] {
                for b in 0..<k { costTable[j * k + b] -= b == c ? wi : wo }
                var low = costTable[j * k]
                for b in 1..<max(k, 1) { low = min(low, costTable[j * k + b]) }
                sumMin += low - minCost[j]; minCost[j] = low
            }
            assignment[d] = -1
        }
        sumMin += minCost[d]
    }
}

extension SignedNetwork {
    /// The frustration index read off a two-bloc balance partition with α = 0.5, instead of a
    /// search of its own: nil when `balance` has another α or more than two blocs.
    ///
    /// With α = 0.5 the balance error is P = (N + Pb) / 2, so the best two-bloc partition costs
    /// 2P in frustration; the frustration index also admits one bloc, which costs the total
    /// negative weight. F = min(2P, total negative). The certified lower bound is
    /// min(2L, total negative), L that of `balance` (its walks bound every partition into at
    /// most two blocs, the one-bloc partition included, and the one-bloc cost is exact), so the
    /// index is proven optimal exactly when `balance` is. The partition is `balance`'s, or one
    /// bloc when that is cheaper.
    ///
    /// - Complexity: O(V + E).
    public func frustrationIndex(fromBalance balance: BalanceResult) -> BalanceResult? {
        guard balance.alpha == 0.5, balance.k == 2 || (balance.k == 1 && nodeCount <= 1),
              balance.partition.membership.count == nodeCount else { return nil }
        if nodeCount == 0 {
            return BalanceResult(partition: Partition(labels: []), k: 2, alpha: 0.5, negativeInside: 0, positiveBetween: 0,
                                 error: 0, lowerBound: 0, optimal: true, method: "empty", frustrated: [])
        }
        let scale = 1 + totalPositive + totalNegative
        let tolerance = 1e-9 * scale
        let twice = 2 * balance.error
        let oneBloc = totalNegative < twice - tolerance
        let membership = oneBloc ? [Int32](repeating: 0, count: nodeCount) : balance.partition.membership
        let lower = balance.optimal ? min(twice, totalNegative) : min(2 * balance.lowerBound, totalNegative)
        let found = _BalanceFound(membership: membership, exact: balance.optimal, lowerBound: lower,
                                  method: balance.method + (oneBloc ? "; one bloc costs less" : ""))
        return _result(found, k: 2, alpha: 0.5, frustration: true)
    }
}

extension SignedNetwork {
    /// The balance partition re-optimised from a known one: `start` gives each node's bloc (in
    /// 0..<k, or −1 for a node it does not place, which goes to its cheapest bloc against the
    /// placed neighbours, in node order), and one relocation run (the moves and swaps of
    /// ``balancePartition(k:alpha:options:)``) improves it until no move or swap lowers P. For the
    /// many similar networks an analysis compares (a claimant's view and the facts it adds to),
    /// one run from a neighbour's optimum replaces the restarts.
    ///
    /// The lower bound is `knownLowerBound` when given (the caller certifies it: for instance
    /// that of a network whose ties are a subset of these, which every partition of this one
    /// costs at least), else the cycle-packing bound of ``balancePartition(k:alpha:options:)``.
    /// On networks of at most `options.exactNodeLimit` nodes this is the full search
    /// ``balancePartition(k:alpha:options:)``: exact there, and cheap.
    ///
    /// - Complexity: O(passes · (V·k + E)) for the relocation (O(V²) per pass of swaps up to
    ///   1000 nodes), plus the bound's O(E^1.5 + E · 32 768) unless it is given.
    public func balancePartition(k: Int, alpha: Double = 0.5, from start: [Int32], knownLowerBound: Double? = nil,
                                 options: BalanceSearchOptions = .init()) -> BalanceResult {
        precondition(start.count == nodeCount, "start must give one bloc (or −1) per node")
        if nodeCount <= options.exactNodeLimit || k == 1 || nodeCount == k {
            return balancePartition(k: k, alpha: alpha, options: options)
        }
        precondition(k >= 1 && k <= nodeCount, "k must lie in 1...nodeCount (\(nodeCount)), not \(k)")
        precondition(alpha > 0 && alpha < 1, "alpha must lie strictly between 0 and 1, not \(alpha)")
        let (ci, cb) = (alpha, 1 - alpha)
        let wIn = negative.map { ci * $0 }, wOut = positive.map { cb * $0 }
        let scale = 1 + zip(wIn, wOut).reduce(0) { $0 + $1.0 + $1.1 } / 2
        let tolerance = 1e-9 * scale
        var initial = start.map { $0 >= 0 && Int($0) < k ? $0 : -1 }
        for u in 0..<nodeCount where initial[u] < 0 {
            var cost = [Double](repeating: 0, count: k)
            for e in Int(offsets[u])..<Int(offsets[u + 1]) {
                let b = initial[Int(neighbors[e])]
                if b >= 0 { cost[Int(b)] += wIn[e] - wOut[e] }
            }
            var best = 0
            for c in 1..<k where cost[c] < cost[best] - tolerance { best = c }
            initial[u] = Int32(best)
        }
        var rng = SeededGenerator(seed: options.seed)
        let membership = _relocate(k: k, exactly: true, wIn: wIn, wOut: wOut, greedyStart: false,
                                   tolerance: tolerance, rng: &rng, initial: initial)
        let lower = knownLowerBound ?? _cycleLowerBound(k: k, wIn: wIn, wOut: wOut)
        let found = _BalanceFound(membership: membership, exact: false, lowerBound: lower,
                                  method: "relocation from a given start" + (knownLowerBound == nil ? "" : ", bound inherited"))
        return _result(found, k: k, alpha: alpha, frustration: false)
    }
}
