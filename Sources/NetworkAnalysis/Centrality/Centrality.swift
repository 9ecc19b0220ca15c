/// A measure cannot be computed on this network.
public struct CentralityError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What cannot be computed, and why.
    public var message: String
    /// Creates the error with its message.
    public init(_ message: String) { self.message = message }
    /// The message.
    public var description: String { message }
}

/// An iterative measure did not converge.
public struct ConvergenceError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The measure that did not converge (`eigenvector`, `pagerank`, …).
    public var measure: String
    /// The iteration limit it reached.
    public var iterations: Int
    /// What did not converge, and what to change.
    public var description: String {
        "\(measure) did not converge in \(iterations) iterations; raise the iteration limit or the tolerance"
    }
}

/// The rows of `y = xᵀA` over raw buffers, for ``Network/_leftMultiply(_:weighted:into:)``:
/// each thread writes only the rows of its range.
private struct _MultiplyRows: @unchecked Sendable {
    let x: UnsafeBufferPointer<Double>
    let y: UnsafeMutableBufferPointer<Double>
    let offsets: UnsafeBufferPointer<Int32>
    let sources: UnsafeBufferPointer<Int32>
    let edges: UnsafeBufferPointer<Int32>
    let w: UnsafeBufferPointer<Double>
    let useWeights: Bool
    let directed: Bool

    func run(_ range: Range<Int>) {
        for v in range {
            var s = 0.0
            if useWeights {
                for k in Int(offsets[v])..<Int(offsets[v + 1]) {
                    s += x[Int(sources[k])] * w[directed ? Int(edges[k]) : k]
                }
            } else {
                for k in Int(offsets[v])..<Int(offsets[v + 1]) { s += x[Int(sources[k])] }
            }
            y[v] = s
        }
    }
}

/// How an iterative solver runs its products: fixed row blocks and the team that runs them
/// (see ``Network/withProductTeam(_:)``).
struct _ProductPlan {
    let team: _Team
    let ranges: [Range<Int>]
}

extension Network {
    // MARK: Degree

    /// The number of edges at each node: in plus out for a directed network (as networkx's
    /// `degree`), neighbours for an undirected one. Not normalised.
    ///
    /// - Complexity: O(V).
    public func degree() -> [Double] {
        (0..<nodeCount).map { u in
            let out = Double(outOffsets[u + 1] - outOffsets[u])
            return isDirected ? out + Double(inOffsets[u + 1] - inOffsets[u]) : out
        }
    }

    /// The number of out-edges (directed) or neighbours (undirected) of each node.
    public func outDegree() -> [Double] { (0..<nodeCount).map { Double(outOffsets[$0 + 1] - outOffsets[$0]) } }

    /// The number of in-edges (directed) or neighbours (undirected) of each node.
    public func inDegree() -> [Double] { (0..<nodeCount).map { Double(inOffsets[$0 + 1] - inOffsets[$0]) } }

    /// The sum of edge weights at each node (networkx's `degree(weight=)`): in plus out when
    /// directed.
    ///
    /// - Complexity: O(V + E).
    public func strength() -> [Double] {
        let out = outStrength()
        guard isDirected else { return out }
        let inn = inStrength()
        return (0..<nodeCount).map { out[$0] + inn[$0] }
    }

    /// The sum of the weights of each node's out-edges.
    public func outStrength() -> [Double] {
        (0..<nodeCount).map { u in
            var s = 0.0
            for e in Int(outOffsets[u])..<Int(outOffsets[u + 1]) { s += weight(e) }
            return s
        }
    }

    /// The sum of the weights of each node's in-edges.
    public func inStrength() -> [Double] {
        (0..<nodeCount).map { v in
            var s = 0.0
            for k in Int(inOffsets[v])..<Int(inOffsets[v + 1]) { s += weight(inEdge(k)) }
            return s
        }
    }

    /// Positive, negative and net (positive − negative) degree: counts of edges of each sign at
    /// each node, in and out together when directed.
    /// Ambivalent pairs: ties come from ``Network``, which nets a pair's positive and negative
    /// edges into one tie of the net sign, and leaves out a pair whose edges cancel
    /// (``Network/ParallelEdges``); such a pair counts as no tie here.
    ///
    /// - Complexity: O(V + E).
    public func signedDegree() -> (positive: [Double], negative: [Double], net: [Double]) {
        var positive = [Double](repeating: 0, count: nodeCount)
        var negative = [Double](repeating: 0, count: nodeCount)
        for u in 0..<nodeCount {
            for e in Int(outOffsets[u])..<Int(outOffsets[u + 1]) {
                let v = Int(targets[e])
                if sign(e) < 0 {
                    negative[u] += 1
                    if isDirected { negative[v] += 1 }
                } else {
                    positive[u] += 1
                    if isDirected { positive[v] += 1 }
                }
            }
        }
        return (positive, negative, (0..<nodeCount).map { positive[$0] - negative[$0] })
    }

    // MARK: Closeness and harmonic

    /// Closeness centrality with Wasserman and Faust's correction for disconnected networks, as
    /// networkx's `closeness_centrality(wf_improved=True)`: for node u reached from r − 1 other
    /// nodes at total distance D, `((r − 1) / D) · ((r − 1) / (n − 1))`, and 0 when D = 0.
    /// Directed networks use distances *to* u (incoming paths), as networkx does. Weighted, an
    /// edge's length is `1 / weight`. (Freeman 1979; Wasserman & Faust 1994, p. 201.)
    ///
    /// - Precondition: no negative edges when `weighted`.
    /// - Complexity: O(V·E) unweighted, O(V·E·log V) weighted; parallel over nodes.
    public func closeness(weighted: Bool = false, threads: Int = Network.defaultThreads) -> [Double] {
        let n = nodeCount
        if !(weighted && weights != nil) {
            return incomingHopSums(threads: threads) { reached, total, _ in
                guard total > 0, n > 1 else { return 0 }
                let r = Double(reached)
                return (r / total) * (r / Double(n - 1))
            }
        }
        return perNode(threads: threads) { u in
            var reached = 0, total = 0.0
            if weighted && weights != nil {
                for d in distances(from: u, direction: .incoming) where d.isFinite { reached += 1; total += d }
            } else {
                for h in hopDistances(from: u, direction: .incoming) where h >= 0 { reached += 1; total += Double(h) }
            }
            guard total > 0, n > 1 else { return 0 }
            let r = Double(reached - 1)
            return (r / total) * (r / Double(n - 1))
        }
    }

    /// Harmonic centrality (Marchiori & Latora 2000; Boldi & Vigna 2014): the sum of `1 / d(v, u)`
    /// over the other nodes v that reach u, not normalised, as networkx's `harmonic_centrality`.
    /// Directed networks use distances *to* u. Weighted, an edge's length is `1 / weight`.
    ///
    /// - Precondition: no negative edges when `weighted`.
    /// - Complexity: O(V·E) unweighted, O(V·E·log V) weighted; parallel over nodes.
    public func harmonic(weighted: Bool = false, threads: Int = Network.defaultThreads) -> [Double] {
        if !(weighted && weights != nil) {
            return incomingHopSums(threads: threads) { _, _, harmonic in harmonic }
        }
        return perNode(threads: threads) { u in
            var total = 0.0
            if weighted && weights != nil {
                for d in distances(from: u, direction: .incoming) where d > 0 && d.isFinite { total += 1 / d }
            } else {
                for h in hopDistances(from: u, direction: .incoming) where h > 0 { total += 1 / Double(h) }
            }
            return total
        }
    }

    /// For every node u, the number of other nodes with a path *to* u, the sum of their distances
    /// and the sum of reciprocals, passed to `value`.
    ///
    /// Multi-source BFS (Then et al. 2014, "The more the merrier: efficient multi-source graph
    /// traversal", VLDB 8(4)): 64 searches at once, one bit each, so a pass over the in-edges
    /// advances all 64 frontiers by a level. The bit-parallel buffers are the unsafe code of
    /// closeness and harmonic centrality. Each node's sums depend only on its own search, so the
    /// result does not depend on the thread count.
    ///
    /// - Complexity: O(⌈V/64⌉ · levels · (V + E)) word operations, plus O(V²) bit counting.
    func incomingHopSums(threads: Int, _ value: @Sendable @escaping (Int, Double, Double) -> Double) -> [Double] {
        let n = nodeCount
        let out = SlotBuffer(count: n)
        let network = self
        let batches = (n + 63) / 64
        Parallel.forEachBlock(count: batches, blocks: max(1, min(batches, 64)), threads: threads) { range in
            var seenArray = [UInt64](repeating: 0, count: n)
            var frontierArray = [UInt64](repeating: 0, count: n)
            var nextArray = [UInt64](repeating: 0, count: n)
            network.inOffsets.withUnsafeBufferPointer { offsets in
            network.inSources.withUnsafeBufferPointer { sources in
            seenArray.withUnsafeMutableBufferPointer { seen in
            frontierArray.withUnsafeMutableBufferPointer { frontier in
            nextArray.withUnsafeMutableBufferPointer { next in
                for batch in range {
                    let first = batch * 64
                    let count = min(64, n - first)
                    var reached = [Int](repeating: 0, count: count)
                    var total = [Double](repeating: 0, count: count)
                    var harmonic = [Double](repeating: 0, count: count)
                    for i in 0..<n { seen[i] = 0; frontier[i] = 0; next[i] = 0 }
                    for b in 0..<count { seen[first + b] = 1 << UInt64(b); frontier[first + b] = 1 << UInt64(b) }
                    var level = 0
                    var active = true
                    while active {
                        level += 1
                        // Every frontier bit of x reaches x's in-neighbours (paths run v → x).
                        for x in 0..<n {
                            let f = frontier[x]
                            if f == 0 { continue }
                            for k in Int(offsets[x])..<Int(offsets[x + 1]) { next[Int(sources[k])] |= f }
                        }
                        active = false
                        let d = Double(level), r = 1 / Double(level)
                        for v in 0..<n {
                            let fresh = next[v] & ~seen[v]
                            next[v] = 0
                            frontier[v] = fresh
                            if fresh == 0 { continue }
                            active = true
                            seen[v] |= fresh
                            var bits = fresh
                            while bits != 0 {
                                let b = bits.trailingZeroBitCount
                                reached[b] += 1
                                total[b] += d
                                harmonic[b] += r
                                bits &= bits - 1
                            }
                        }
                    }
                    for b in 0..<count { out.set(first + b, value(reached[b], total[b], harmonic[b])) }
                }
            }}}}}
        }
        return out.array(count: n)
    }

    /// `value(u)` for every node, in parallel; each node's value is computed alone, so the result
    /// does not depend on the thread count.
    func perNode(threads: Int, _ value: @Sendable (Int) -> Double) -> [Double] {
        let n = nodeCount
        let out = SlotBuffer(count: n)
        Parallel.forEachBlock(count: n, blocks: 64, threads: threads) { range in
            for u in range { out.set(u, value(u)) }
        }
        return out.array(count: n)
    }

    // MARK: Spectral measures

    /// `y[v] = Σ over edges u → v of x[u] · w(u, v)` (with `w` = 1 when `weighted` is false):
    /// the product xᵀA, walking in-edges so each `y[v]` is one sum, in in-edge order.
    func leftMultiply(_ x: [Double], weighted: Bool) -> [Double] {
        var y = [Double](repeating: 0, count: nodeCount)
        leftMultiply(x, weighted: weighted, into: &y)
        return y
    }

    /// `y = xᵀA` between raw buffers of `nodeCount` values (see ``leftMultiply(_:weighted:)``).
    func _leftMultiply(_ x: UnsafeBufferPointer<Double>, weighted: Bool, into y: UnsafeMutableBufferPointer<Double>) {
        withProductTeam { plan in _leftMultiply(x, weighted: weighted, into: y, plan: plan) }
    }

    /// `y = xᵀA` on `plan`'s team: each row is one sum in in-edge order, so splitting the rows
    /// among threads gives the same bits as one thread.
    func _leftMultiply(_ x: UnsafeBufferPointer<Double>, weighted: Bool, into y: UnsafeMutableBufferPointer<Double>,
                       plan: _ProductPlan) {
        let useWeights = weighted && weights != nil
        let weightArray = useWeights ? weights! : []
        let directed = isDirected
        inOffsets.withUnsafeBufferPointer { offsets in
        inSources.withUnsafeBufferPointer { sources in
        inEdges.withUnsafeBufferPointer { edges in
        weightArray.withUnsafeBufferPointer { w in
            let rows = _MultiplyRows(x: x, y: y, offsets: offsets, sources: sources, edges: edges, w: w,
                                     useWeights: useWeights, directed: directed)
            let ranges = plan.ranges
            plan.team.run(blocks: ranges.count) { b in rows.run(ranges[b]) }
        }}}}
    }

    /// `y = xᵀA` into a buffer of `nodeCount` values (see ``leftMultiply(_:weighted:)``).
    func leftMultiply(_ x: [Double], weighted: Bool, into y: inout [Double], plan: _ProductPlan? = nil) {
        x.withUnsafeBufferPointer { x in
        y.withUnsafeMutableBufferPointer { y in
            if let plan {
                _leftMultiply(x, weighted: weighted, into: y, plan: plan)
            } else {
                _leftMultiply(x, weighted: weighted, into: y)
            }
        }}
    }

    /// Runs `body` with a plan for the products of an iterative solver: 64 row blocks of about
    /// equal work (fixed by the network alone, so results do not depend on the thread count),
    /// and a ``_Team`` that lives for the whole solve, so the threads start once rather than
    /// once per product. Below 64k in-edge entries one thread does everything: there the
    /// threads cost more than they save. `threads` overrides the choice (for tests).
    func withProductTeam<T>(threads requested: Int? = nil, _ body: (_ProductPlan) throws -> T) rethrows -> T {
        let n = nodeCount
        let ranges = inOffsets.withUnsafeBufferPointer { Parallel.balancedRanges(offsets: $0, count: n, blocks: 64) }
        let threads = requested ?? (inOffsets[n] >= 65_536 ? Network.defaultThreads : 1)
        return try Parallel.withTeam(threads: threads) { team in try body(_ProductPlan(team: team, ranges: ranges)) }
    }

    /// Eigenvector centrality (Bonacich 1972), as networkx's `eigenvector_centrality`: the
    /// limit of power iteration on A + I from the uniform vector, at unit Euclidean length. A
    /// node's score comes from its in-neighbours (directed: left eigenvector).
    ///
    /// An undirected network with non-negative weights is solved by thick-restart Lanczos
    /// (Wu & Simon 2000) from the uniform vector instead, which reaches the same limit in far
    /// fewer products (39 instead of about 250 on the 20k/100k benchmark graph): it stops when
    /// √n · ‖A y − θ y‖ / (θ − θ₂) ≤ `tolerance`, the Davis–Kahan bound on the distance with
    /// θ − θ₂ (the two largest Ritz values) estimating the spectral gap, or when the residual is
    /// at rounding level; `maxIterations` bounds its products.
    ///
    /// Power-iteration stopping rule (directed networks): no contraction factor is known in advance (it
    /// is the ratio of the two largest eigenvalues of A + I), so the iteration stops when both
    /// the L1 change of the last step and the estimated L1 distance to the fixed point,
    /// `ρ̂ / (1 − ρ̂) · change` with ρ̂ the largest of the last three observed ratios of
    /// successive changes, are at most `tolerance` (10⁻¹⁰ by default), or when the change is
    /// at rounding level. What is guaranteed is the residual: one more step moves the vector by
    /// at most `tolerance` in L1; the distance is an a-posteriori estimate, exact for an
    /// iteration that contracts at a steady rate. networkx instead stops at an L1 change below
    /// n · 10⁻⁶, which can leave scores several 10⁻⁶ from the limit.
    ///
    /// - Throws: ``CentralityError`` for an empty network, ``ConvergenceError``.
    /// - Complexity: O((V + E) · iterations); the iterations grow like
    ///   log(1/tolerance) / log(1/ρ).
    public func eigenvector(weighted: Bool = false, tolerance: Double = 1e-10, maxIterations: Int = 10_000) throws -> [Double] {
        let n = nodeCount
        guard n > 0 else { throw CentralityError("eigenvector centrality is not defined for an empty network") }
        if !isDirected, !(weighted && (weights?.contains { $0 < 0 } ?? false)) {
            return try _eigenvectorLanczos(weighted: weighted, tolerance: tolerance, maxIterations: maxIterations)
        }
        var x = [Double](repeating: 1 / Double(n), count: n)
        var ax = [Double](repeating: 0, count: n)
        var rule = IterativeConvergence(tolerance: tolerance, contraction: nil, nodeCount: n)
        return try withProductTeam { plan in
            for _ in 0..<maxIterations {
                leftMultiply(x, weighted: weighted, into: &ax, plan: plan)
                for i in 0..<n { ax[i] += x[i] }
                var norm = euclideanNorm(ax)
                if norm == 0 { norm = 1 }
                var change = 0.0, size = 0.0
                for i in 0..<n {
                    let v = ax[i] / norm
                    change += abs(v - x[i])
                    size += abs(v)
                    x[i] = v
                }
                if rule.isDone(change: change, size: size) { return x }
            }
            throw ConvergenceError(measure: "eigenvector centrality", iterations: maxIterations)
        }
    }

    /// Eigenvector centrality of an undirected network with non-negative weights: the Perron
    /// vector of the symmetric A, by thick-restart Lanczos (12 vectors, 4 kept) from the uniform
    /// vector, which converges in far fewer products than power iteration (its rate depends on
    /// the square root of the spectral gap, the power iteration's on the gap). Started from the
    /// uniform vector, the Krylov spaces hold only the uniform vector's projection onto the top
    /// eigenspace, so the limit is the one power iteration on A + I reaches, also when the top
    /// eigenvalue is repeated (components alike). Stops when √n · ‖A y − θ y‖ / (θ − θ₂) ≤
    /// `tolerance`, θ₂ the second Ritz value: for a symmetric matrix sin∠(y, v) ≤ ‖A y − θ y‖ /
    /// gap (Davis & Kahan 1970), and √n turns the Euclidean distance into an L1 bound, with
    /// θ − θ₂ estimating the gap (an a-posteriori estimate, as for the power iteration); or when
    /// the residual is at rounding level. `maxIterations` bounds the matrix–vector products.
    func _eigenvectorLanczos(weighted: Bool, tolerance: Double, maxIterations: Int, threads: Int? = nil) throws -> [Double] {
        let n = nodeCount
        if n == 1 { return [1] }
        let rootN = Double(n).squareRoot()
        let basis = min(12, n), keep = min(4, max(1, basis - 1))
        let products = max(1, basis - keep)
        let restarts = max(1, maxIterations / products)
        let result = withProductTeam(threads: threads) { plan in
            _SymmetricEigen.largest(
                n: n, locked: [], basis: basis, keep: keep, tolerance: tolerance, scale: 1, maxRestarts: restarts,
                initial: [Double](repeating: 1, count: n),
                accept: { residual, values in
                    let top = values.last ?? 0
                    let gap = values.count >= 2 ? top - values[values.count - 2] : abs(top)
                    if residual <= 1e-14 * max(1, abs(top)) { return true }
                    return gap > 0 && rootN * residual / gap <= tolerance
                }, team: plan.team) { x, y in
                    self._leftMultiply(x, weighted: weighted, into: y, plan: plan)
                }
        }

        guard result.converged else {
            throw ConvergenceError(measure: "eigenvector centrality", iterations: maxIterations)
        }
        // The Perron vector is non-negative: orient it so, and clear rounding-level negatives.
        var x = result.vector
        if x.reduce(0, +) < 0 { for i in 0..<n { x[i] = -x[i] } }
        for i in 0..<n where x[i] < 0 { x[i] = 0 }
        let norm = euclideanNorm(x)
        if norm > 0 { for i in 0..<n { x[i] /= norm } }
        return x
    }

    /// PageRank (Page, Brin, Motwani & Winograd 1999), as networkx's `pagerank`: from the
    /// uniform vector, `x ← α (x P + (Σ dangling x) d) + (1 − α) p`. P divides each out-edge's
    /// weight by its node's out-strength; dangling nodes (no out-edges) spread their score by
    /// `d`, which is the personalisation vector `p` (uniform when none is given), as networkx
    /// does. An undirected edge counts both ways. The result sums to 1.
    ///
    /// Stopping rule: the step is a contraction with factor α in the L1 norm on vectors that
    /// sum to 1 (the Google matrix is stochastic), so after a step that changed x by `c` in L1,
    /// the L1 distance to the fixed point is at most `α / (1 − α) · c` (Banach). The iteration
    /// stops when that bound is at most `tolerance` (10⁻¹⁰ by default): every score is then
    /// within `tolerance` of the exact PageRank, up to floating-point rounding (the iteration
    /// also stops when the change is at rounding level, 32 ulp of 1). networkx stops at an
    /// L1 change below n · 10⁻⁶, up to 5.7 n · 10⁻⁶ from the limit.
    ///
    /// Each step is one pass over the in-edges in 64 fixed row blocks that computes the new
    /// scores, their change, the score on dangling nodes and the next step's x / out-strength
    /// together; above 64k in-edge entries the blocks run on all cores, on threads started once
    /// for the whole computation. Per-block sums are added in block order, so the result has
    /// the same bits on any number of threads.
    ///
    /// - Throws: ``CentralityError`` for a bad personalisation, ``ConvergenceError``.
    /// - Complexity: O((V + E) · iterations), with at most log(c₀ α / ((1 − α) · tolerance)) /
    ///   log(1/α) iterations (about 150 for α = 0.85 and 10⁻¹⁰; 48 on the 20k/100k benchmark
    ///   graph, where the iteration contracts faster than α).
    public func pageRank(alpha: Double = 0.85, weighted: Bool = false, personalization: [Double]? = nil,
                         tolerance: Double = 1e-10, maxIterations: Int = 1000) throws -> [Double] {
        try _pageRank(alpha: alpha, weighted: weighted, personalization: personalization, tolerance: tolerance,
                      maxIterations: maxIterations, threads: nil)
    }

    /// ``pageRank(alpha:weighted:personalization:tolerance:maxIterations:)`` on `threads` threads
    /// (nil: the default choice of ``withProductTeam(threads:_:)``).
    func _pageRank(alpha: Double, weighted: Bool, personalization: [Double]?, tolerance: Double,
                   maxIterations: Int, threads: Int?) throws -> [Double] {
        let n = nodeCount
        guard n > 0 else { return [] }
        var p = [Double](repeating: 1 / Double(n), count: n)
        if let personalization {
            guard personalization.count == n, personalization.allSatisfy({ $0 >= 0 && $0.isFinite }) else {
                throw CentralityError("the personalisation needs one non-negative value per node")
            }
            let total = personalization.reduce(0, +)
            guard total > 0 else { throw CentralityError("the personalisation sums to 0; give some node a positive value") }
            p = personalization.map { $0 / total }
        }
        let outWeight = weighted ? outStrength() : outDegree()
        let inverse = outWeight.map { $0 == 0 ? 0 : 1 / $0 }
        let useWeights = weighted && weights != nil
        let weightArray = useWeights ? weights! : []
        let directed = isDirected
        // Two generations of the scores and of x/out-strength, swapped each step, and per-block
        // partial sums (the change, and the score on dangling nodes) added in block order, so
        // the result is the same on any number of threads.
        var x = [Double](repeating: 1 / Double(n), count: n), next = x
        var scaled = (0..<n).map { x[$0] * inverse[$0] }, scaledNext = scaled
        // Without a personalisation every node's share is 1/n: no need to read it per node.
        let uniform = personalization == nil, uniformShare = 1 / Double(n)
        return try withProductTeam(threads: threads) { plan in
            let ranges = plan.ranges
            var partials = [Double](repeating: 0, count: 2 * ranges.count)
            var danglingSum = 0.0
            for v in 0..<n where inverse[v] == 0 { danglingSum += x[v] }
            var rule = IterativeConvergence(tolerance: tolerance, contraction: alpha, nodeCount: n)
            for _ in 0..<maxIterations {
                let dangling = danglingSum
                inOffsets.withUnsafeBufferPointer { offsets in
                inSources.withUnsafeBufferPointer { sources in
                inEdges.withUnsafeBufferPointer { edges in
                weightArray.withUnsafeBufferPointer { w in
                p.withUnsafeBufferPointer { p in
                inverse.withUnsafeBufferPointer { inverse in
                x.withUnsafeBufferPointer { x in
                scaled.withUnsafeBufferPointer { scaled in
                next.withUnsafeMutableBufferPointer { nextBuffer in
                scaledNext.withUnsafeMutableBufferPointer { scaledNextBuffer in
                partials.withUnsafeMutableBufferPointer { partialBuffer in
                    let next = nextBuffer, scaledNext = scaledNextBuffer, partials = partialBuffer
                    plan.team.run(blocks: ranges.count) { b in
                        var change = 0.0, sink = 0.0
                        for v in ranges[b] {
                            var flow = 0.0
                            if useWeights {
                                for k in Int(offsets[v])..<Int(offsets[v + 1]) {
                                    flow += scaled[Int(sources[k])] * w[directed ? Int(edges[k]) : k]
                                }
                            } else {
                                for k in Int(offsets[v])..<Int(offsets[v + 1]) { flow += scaled[Int(sources[k])] }
                            }
                            let share = uniform ? uniformShare : p[v]
                            let value = alpha * (flow + dangling * share) + (1 - alpha) * share
                            change += abs(value - x[v])
                            next[v] = value
                            scaledNext[v] = value * inverse[v]
                            if inverse[v] == 0 { sink += value }
                        }
                        partials[2 * b] = change
                        partials[2 * b + 1] = sink
                    }
                }}}}}}}}}}}
                var change = 0.0
                danglingSum = 0
                for b in 0..<ranges.count {
                    change += partials[2 * b]
                    danglingSum += partials[2 * b + 1]
                }
                swap(&x, &next)
                swap(&scaled, &scaledNext)
                if rule.isDone(change: change, size: 1) { return x }
            }
            throw ConvergenceError(measure: "PageRank", iterations: maxIterations)
        }
    }

    /// Katz centrality (Katz 1953), as networkx's `katz_centrality`: from zero,
    /// `x ← α xᵀA + β`, then (with `normalized`) scaled to unit Euclidean length. Converges
    /// when α < 1 / λ_max.
    ///
    /// Stopping rule: with s the largest out-strength (out-degree unweighted), the step
    /// contracts by c = α·s in the L1 norm; when c < 1 the iteration stops once
    /// `c / (1 − c) · change ≤ tolerance` (10⁻¹⁰ by default), which bounds the L1 distance of
    /// the unnormalised scores to the exact ones. When c ≥ 1 (α below 1/λ_max but above 1/s)
    /// it stops on the residual and the a-posteriori estimate of ``eigenvector(weighted:tolerance:maxIterations:)``.
    /// The bound is on the unnormalised vector, whose entries are at least β, so the
    /// normalised scores move by at most about `2 · tolerance / ‖x‖₂`.
    ///
    /// When c ≥ 1 it first looks for a certificate of divergence: a lower bound L on the largest
    /// eigenvalue from 64 steps of power iteration (Collatz–Wielandt, see the internal
    /// `_spectralRadiusLowerBound`); α·L ≥ 1 proves α ≥ 1/λ_max, and the measure is refused at
    /// once with a ``CentralityError`` that names 1/L, instead of after `maxIterations` steps.
    ///
    /// - Throws: ``CentralityError`` when divergence is certified, ``ConvergenceError`` (α too large).
    /// - Complexity: O((V + E) · iterations).
    public func katz(alpha: Double = 0.1, beta: Double = 1, weighted: Bool = false, normalized: Bool = true,
                     tolerance: Double = 1e-10, maxIterations: Int = 10_000) throws -> [Double] {
        let n = nodeCount
        guard n > 0 else { return [] }
        let strongest = (weighted ? outStrength() : outDegree()).max() ?? 0
        let c = alpha * strongest
        if c >= 1, alpha > 0, let bound = _spectralRadiusLowerBound(weighted: weighted), alpha * bound >= 1 {
            throw CentralityError("Katz centrality diverges at alpha \(alpha): the largest eigenvalue λ of the adjacency matrix is at least "
                                  + "\(Self._fourDigits(bound, .down)) (a certified bound), and Katz needs alpha below 1/λ ≤ "
                                  + "\(Self._fourDigits(1 / bound, .up)); give a smaller alpha")
        }
        var rule = IterativeConvergence(tolerance: tolerance, contraction: c < 1 ? c : nil, nodeCount: n)
        var x = [Double](repeating: 0, count: n)
        var ax = [Double](repeating: 0, count: n)
        return try withProductTeam { plan in
            for _ in 0..<maxIterations {
                leftMultiply(x, weighted: weighted, into: &ax, plan: plan)
                var change = 0.0, size = 0.0
                for i in 0..<n {
                    let v = alpha * ax[i] + beta
                    change += abs(v - x[i])
                    size += abs(v)
                    x[i] = v
                }
                if rule.isDone(change: change, size: size) {
                    if normalized {
                        let norm = euclideanNorm(x)
                        if norm > 0 { for i in 0..<n { x[i] /= norm } }
                    }
                    return x
                }
            }
            throw ConvergenceError(measure: "Katz centrality (alpha \(alpha) may exceed 1 / the largest eigenvalue)",
                                   iterations: maxIterations)
        }
    }

    /// A certified lower bound on the spectral radius ρ(A) of the adjacency matrix (weights as
    /// entries when `weighted`), or nil when the weights are not all non-negative.
    ///
    /// For a non-negative matrix B and a non-negative x ≠ 0 with B x ≥ c x in every entry,
    /// ρ(B) ≥ c (the Collatz–Wielandt bound; it holds for reducible matrices too). Here B is
    /// Aᵀ + I (ρ(B) = ρ(A) + 1, and the shift makes the iteration converge on periodic parts),
    /// and x runs `steps` steps of power iteration from the uniform vector on the strongly
    /// connected component with the most arcs (zero elsewhere: a principal submatrix's ρ is at
    /// most A's, and on an irreducible one the ratios rise to its ρ). Each step's bound, the
    /// minimum over the component of (B x)ᵢ / xᵢ − 1, is valid; the largest is returned.
    ///
    /// - Complexity: O((V + E) · steps).
    func _spectralRadiusLowerBound(weighted: Bool, steps: Int = 64) -> Double? {
        let n = nodeCount
        if weighted, let w = weights, w.contains(where: { $0 < 0 }) { return nil }
        // The strongly connected component with the most arcs inside (components when
        // undirected): its principal submatrix is irreducible, so the power iteration's
        // ratios there rise to its spectral radius, which is at most A's.
        let (component, count) = isDirected ? strongComponents() : weakComponents()
        var arcs = [Int](repeating: 0, count: count)
        for u in 0..<n {
            for k in Int(outOffsets[u])..<Int(outOffsets[u + 1]) where component[Int(targets[k])] == component[u] {
                arcs[Int(component[u])] += 1
            }
        }
        guard let densest = arcs.indices.max(by: { arcs[$0] != arcs[$1] ? arcs[$0] < arcs[$1] : $0 > $1 }),
              arcs[densest] > 0 else { return 0 }
        let kept = component.map { Int($0) == densest }
        var x = kept.map { $0 ? 1.0 : 0 }
        var y = [Double](repeating: 0, count: n)
        var best = 0.0
        withProductTeam { plan in
            for _ in 0..<steps {
                leftMultiply(x, weighted: weighted, into: &y, plan: plan)
                var low = Double.infinity, norm = 0.0
                for v in 0..<n where kept[v] {
                    let b = y[v] + x[v]
                    // An entry that underflowed to 0 satisfies (Bx)ᵥ ≥ c·0 for any c.
                    if x[v] > 0 { low = min(low, b / x[v]) }
                    y[v] = b
                    norm = max(norm, b)
                }
                if low.isFinite { best = max(best, low - 1) }
                guard norm > 0, norm.isFinite else { break }
                for v in 0..<n { x[v] = kept[v] ? y[v] / norm : 0 }
            }
        }
        // The arithmetic rounds; give up a relative 10⁻¹² so the bound stays below ρ(A).
        return max(0, best * (1 - 1e-12))
    }

    /// `x` rounded to 4 significant digits in the given direction, for messages about bounds.
    static func _fourDigits(_ x: Double, _ rule: FloatingPointRoundingRule) -> String {
        guard x > 0, x.isFinite else { return "\(x)" }
        var scale = 1.0
        while x * scale < 1000 { scale *= 10 }
        while x * scale >= 10000 { scale /= 10 }
        let r = (x * scale).rounded(rule) / scale
        return r == r.rounded() ? String(Int(r)) : String(r)
    }

    /// Hubs and authorities (Kleinberg 1999): the principal singular vectors of the adjacency
    /// matrix (weights as entries when `weighted`), by power iteration (`a ← Aᵀh`, `h ← Aa`,
    /// scaled to unit maximum), each finally normalised to sum 1, as networkx's
    /// `hits(normalized=True)`. When the top singular
    /// value is repeated the vectors are not unique; this iteration starts from the uniform
    /// vector.
    ///
    /// Stopping rule: on the hub vector (unit maximum), as
    /// ``eigenvector(weighted:tolerance:maxIterations:)``: the L1 change of the last step and
    /// its a-posteriori distance estimate both at most `tolerance` (10⁻¹⁰ by default).
    ///
    /// - Throws: ``ConvergenceError``.
    /// - Complexity: O((V + E) · iterations).
    public func hits(weighted: Bool = false, tolerance: Double = 1e-10, maxIterations: Int = 10_000) throws -> (hubs: [Double], authorities: [Double]) {
        let n = nodeCount
        guard n > 0 else { return ([], []) }
        var h = [Double](repeating: 1 / Double(n), count: n)
        var a = [Double](repeating: 0, count: n)
        var rule = IterativeConvergence(tolerance: tolerance, contraction: nil, nodeCount: n)
        let outRanges = outOffsets.withUnsafeBufferPointer { Parallel.balancedRanges(offsets: $0, count: n, blocks: 64) }
        return try withProductTeam { plan in
            let outPlan = _ProductPlan(team: plan.team, ranges: outRanges)
            for _ in 0..<maxIterations {
                let last = h
                leftMultiply(h, weighted: weighted, into: &a, plan: plan)      // a[v] = Σ_{u→v} h[u]
                rightMultiply(a, weighted: weighted, into: &h, plan: outPlan)  // h[u] = Σ_{u→v} a[v]
                let top = h.max() ?? 0
                guard top > 0 else { return (h, a) }          // no edges: all zero
                for i in 0..<n { h[i] /= top }
                var change = 0.0, size = 0.0
                for i in 0..<n { change += abs(h[i] - last[i]); size += h[i] }
                if rule.isDone(change: change, size: size) {
                    leftMultiply(h, weighted: weighted, into: &a, plan: plan)
                    let hs = h.reduce(0, +), asum = a.reduce(0, +)
                    return (h.map { $0 / hs }, a.map { $0 / asum })
                }
            }
            throw ConvergenceError(measure: "hubs and authorities", iterations: maxIterations)
        }
    }

    /// `y[u] = Σ over edges u → v of w(u, v) · x[v]`: the product Ax, each row one sum in
    /// out-edge order, on `plan`'s team (whose ranges must split the out-edge rows).
    func rightMultiply(_ x: [Double], weighted: Bool, into y: inout [Double], plan: _ProductPlan) {
        let useWeights = weighted && weights != nil
        let weightArray = useWeights ? weights! : []
        outOffsets.withUnsafeBufferPointer { offsets in
        targets.withUnsafeBufferPointer { targets in
        weightArray.withUnsafeBufferPointer { w in
        x.withUnsafeBufferPointer { x in
        y.withUnsafeMutableBufferPointer { yBuffer in
            // Out-edge k is edge number k (and weight k), directed or not.
            let rows = _MultiplyRows(x: x, y: yBuffer, offsets: offsets, sources: targets, edges: UnsafeBufferPointer(start: nil, count: 0),
                                     w: w, useWeights: useWeights, directed: false)
            let ranges = plan.ranges
            plan.team.run(blocks: ranges.count) { b in rows.run(ranges[b]) }
        }}}}}
    }

    /// PN centrality for signed networks (Everett & Borgatti 2014, "Networks containing negative
    /// ties", Social Networks 38): `PN = (I − A / (2n − 2))⁻¹ 1` with `A = P − 2N`, P and N the
    /// adjacency matrices of positive and negative ties (rows: a node's out-ties). Positive ties
    /// to central nodes raise a node's score, negative ties lower it twice as hard. Solved by the
    /// convergent series `x ← 1 + A x / (2n − 2)`, stopped when the L1 change is below
    /// `n · tolerance`. Weights are ignored: ties count ±1.
    /// Ambivalent pairs: ties come from ``Network``, which nets a pair's positive and negative
    /// edges into one tie of the net sign, and leaves out a pair whose edges cancel
    /// (``Network/ParallelEdges``); such a pair counts as no tie here.
    ///
    /// - Throws: ``ConvergenceError``.
    /// - Complexity: O((V + E) · iterations).
    public func pn(tolerance: Double = 1e-12, maxIterations: Int = 10_000) throws -> [Double] {
        let n = nodeCount
        guard n > 1 else { return [Double](repeating: 1, count: n) }
        let scale = 1 / Double(2 * n - 2)
        var x = [Double](repeating: 1, count: n)
        for _ in 0..<maxIterations {
            let last = x
            var change = 0.0
            for u in 0..<n {
                var s = 0.0
                for e in Int(outOffsets[u])..<Int(outOffsets[u + 1]) {
                    s += (sign(e) < 0 ? -2 : 1) * last[Int(targets[e])]
                }
                x[u] = 1 + scale * s
                change += abs(x[u] - last[u])
            }
            if change < Double(n) * tolerance { return x }
        }
        throw ConvergenceError(measure: "PN centrality", iterations: maxIterations)
    }
}

/// The Euclidean norm, scaled to avoid overflow (as `math.hypot`).
func euclideanNorm(_ x: [Double]) -> Double {
    let top = x.reduce(0) { max($0, abs($1)) }
    guard top > 0, top.isFinite else { return top }
    var s = 0.0
    for v in x { let r = v / top; s += r * r }
    return top * s.squareRoot()
}

/// The stopping rule of the iterative measures (PageRank, eigenvector, Katz, HITS).
///
/// Each step reports the L1 change `c` of its vector. With a known contraction factor q < 1
/// (PageRank: α; Katz: α times the largest out-strength), the L1 distance from the current
/// vector to the fixed point is at most `q / (1 − q) · c` (Banach's fixed-point theorem), and
/// the rule stops when that bound is at most `tolerance`. Without one, it estimates q by ρ̂,
/// the largest of the last three ratios of successive changes, and stops when both `c` and
/// `ρ̂ / (1 − ρ̂) · c` are at most `tolerance` (needing three steps, and ρ̂ < 1): the residual is
/// guaranteed, the distance estimated. Either way it also stops when `c` is at rounding level,
/// 32 ulp of the vector's L1 norm, below which no step can make progress (so a tolerance finer than the
/// arithmetic gives the best the doubles hold instead of a convergence error).
struct IterativeConvergence {
    let tolerance: Double
    let contraction: Double?
    let nodeCount: Int
    private var previous: Double?
    private var ratios: [Double] = []

    init(tolerance: Double, contraction: Double?, nodeCount: Int) {
        self.tolerance = tolerance
        self.contraction = contraction
        self.nodeCount = nodeCount
    }

    /// Whether to stop after a step whose L1 change was `change`, on a vector of L1 norm `size`.
    mutating func isDone(change: Double, size: Double) -> Bool {
        defer { previous = change }
        if change <= 32 * size.ulp { return true }
        if let q = contraction, q < 1 { return q / (1 - q) * change <= tolerance }
        if let previous, previous > 0 {
            ratios.append(change / previous)
            if ratios.count > 3 { ratios.removeFirst() }
        }
        guard change <= tolerance, ratios.count == 3 else { return false }
        let rho = ratios.max()!
        guard rho < 1 else { return false }
        return rho / (1 - rho) * change <= tolerance
    }
}
