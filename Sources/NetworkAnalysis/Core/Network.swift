/// A network in compressed sparse row (CSR) form: nodes `0..<nodeCount`, edges with an optional
/// weight and an optional sign, out- and in-adjacency kept in step.
///
/// This module knows nothing of actors: a projection (in `ActorGraphAnalysis`) or an edge list
/// builds a `Network` and keeps the map from node indices back to its own ids.
///
/// Layout. Edges are numbered `0..<edgeCount` in out-adjacency order: the out-edges of node `u`
/// are `outOffsets[u]..<outOffsets[u+1]`, sorted by target, with `targets`, `weights` and `signs`
/// indexed by that edge number. For a directed network the in-adjacency of `v` lists
/// `inSources` with `inEdges` (the edge numbers, so weights and signs are stored once). An
/// undirected network stores each edge in both directions and shares its in- and out-adjacency.
/// Memory, with E the edges stored (twice the pairs when undirected): 4 bytes per edge for the
/// target, 8 for a weight when the network is weighted, 1 for a sign when any edge is negative,
/// and for a directed network 8 more for the in-adjacency; plus 4 or 8 bytes per node.
/// A directed, weighted, signed network takes 21 bytes per edge.
///
/// - Complexity: construction O(V + E) (two counting-sort passes).
public struct Network: Sendable, Equatable {
    /// The number of nodes.
    public let nodeCount: Int
    /// Whether edges have a direction. Undirected networks store each edge in both directions.
    public let isDirected: Bool
    /// `outOffsets[u]..<outOffsets[u + 1]` are `u`'s out-edges.
    public let outOffsets: [Int32]
    /// The head of each out-edge.
    public let targets: [Int32]
    /// Each edge's weight (strength, > 0), or nil when every weight is 1.
    public let weights: [Double]?
    /// Each edge's sign (+1 or −1), or nil when every edge is positive.
    public let signs: [Int8]?
    /// `inOffsets[v]..<inOffsets[v + 1]` are `v`'s in-edges (the out-adjacency, when undirected).
    public let inOffsets: [Int32]
    /// The tail of each in-edge.
    public let inSources: [Int32]
    /// The edge number (index into `targets`, `weights`, `signs`) of each in-edge of a directed
    /// network; empty for an undirected one, whose in-edge k is edge k. Read it through
    /// ``inEdge(_:)``.
    public let inEdges: [Int32]

    /// The number of edges stored: for an undirected network, twice the number of pairs.
    public var storedEdgeCount: Int { targets.count }
    /// The number of edges: pairs for an undirected network.
    public var edgeCount: Int { isDirected ? targets.count : targets.count / 2 }
    /// Whether any edge has a weight other than 1.
    public var isWeighted: Bool { weights != nil }
    /// Whether any edge is negative.
    public var hasNegativeEdges: Bool { signs != nil }

    /// How parallel edges (the same ordered pair, or unordered pair when undirected) are merged.
    public enum ParallelEdges: Sendable {
        /// Weights are summed; the sign is that of the signed sum (+ when it is 0).
        case sum
        /// The largest weight wins, with its sign.
        case max
    }

    /// Why a network cannot be built.
    public enum BuildError: Error, Equatable, Sendable, CustomStringConvertible {
        /// An edge names a node outside `0..<nodeCount`.
        case nodeOutOfRange(edge: Int, node: Int32)
        /// An edge's weight is not positive and finite.
        case badWeight(edge: Int, weight: Double)
        /// The sources, targets, weights or signs differ in length.
        case lengthMismatch(String)
        /// More edges than 32-bit indices address.
        case tooManyEdges(Int)
        /// An edge joins a node to itself.
        case selfLoop(edge: Int, node: Int32)

        /// What is wrong, naming the edge.
        public var description: String {
            switch self {
            case .nodeOutOfRange(let e, let n): return "edge \(e) names node \(n), outside the network"
            case .badWeight(let e, let w): return "edge \(e) has weight \(w); weights must be positive and finite"
            case .lengthMismatch(let what): return "the edge arrays differ in length: \(what)"
            case .tooManyEdges(let n): return "\(n) edges do not fit 32-bit indices"
            case .selfLoop(let e, let n): return "edge \(e) joins node \(n) to itself; leave self-loops out"
            }
        }
    }

    /// Builds a network from edge arrays.
    ///
    /// Self-loops are refused (no measure here gives them a meaning; callers report and drop
    /// them). Parallel edges are merged by `parallel`. `weights` nil means every weight is 1; `signs` nil means every edge is
    /// positive; a sign of 0 counts as positive.
    ///
    /// - Complexity: O(V + E) time, O(V + E) extra space.
    public init(nodeCount: Int, sources: [Int32], targets: [Int32], weights: [Double]? = nil,
                signs: [Int8]? = nil, directed: Bool, parallel: ParallelEdges = .sum) throws {
        guard sources.count == targets.count else {
            throw BuildError.lengthMismatch("\(sources.count) sources, \(targets.count) targets")
        }
        if let weights, weights.count != sources.count {
            throw BuildError.lengthMismatch("\(sources.count) edges, \(weights.count) weights")
        }
        if let signs, signs.count != sources.count {
            throw BuildError.lengthMismatch("\(sources.count) edges, \(signs.count) signs")
        }
        let m = sources.count
        let stored = directed ? m : 2 * m
        guard stored < Int(Int32.max), nodeCount < Int(Int32.max) else { throw BuildError.tooManyEdges(m) }
        for i in 0..<m {
            let s = sources[i], t = targets[i]
            if s < 0 || Int(s) >= nodeCount { throw BuildError.nodeOutOfRange(edge: i, node: s) }
            if t < 0 || Int(t) >= nodeCount { throw BuildError.nodeOutOfRange(edge: i, node: t) }
            if s == t { throw BuildError.selfLoop(edge: i, node: s) }
        }
        if let weights {
            for (i, w) in weights.enumerated() where !(w > 0 && w.isFinite) { throw BuildError.badWeight(edge: i, weight: w) }
        }

        // Signed weights of the stored (directed) edges: an undirected pair becomes two edges.
        var tails = [Int32](repeating: 0, count: stored)
        var heads = [Int32](repeating: 0, count: stored)
        var values = [Double](repeating: 1, count: stored)
        for i in 0..<m {
            let w = (weights?[i] ?? 1) * ((signs?[i] ?? 1) < 0 ? -1 : 1)
            tails[i] = sources[i]; heads[i] = targets[i]; values[i] = w
            if !directed { tails[m + i] = targets[i]; heads[m + i] = sources[i]; values[m + i] = w }
        }

        // Counting sort by head, then a stable counting sort by tail: rows sorted by head.
        let byHead = Network.countingOrder(keys: heads, keyCount: nodeCount)
        var count = [Int32](repeating: 0, count: nodeCount + 1)
        for t in tails { count[Int(t) + 1] += 1 }
        for u in 0..<nodeCount { count[u + 1] += count[u] }
        var order = [Int32](repeating: 0, count: stored)
        var next = count
        for e in byHead {
            let t = Int(tails[Int(e)])
            order[Int(next[t])] = e
            next[t] += 1
        }

        // Merge runs of parallel edges.
        var offsets = [Int32](repeating: 0, count: nodeCount + 1)
        var outTargets: [Int32] = []
        var outValues: [Double] = []
        outTargets.reserveCapacity(stored)
        outValues.reserveCapacity(stored)
        for u in 0..<nodeCount {
            var k = Int(count[u])
            let end = Int(count[u + 1])
            while k < end {
                let e = Int(order[k])
                let head = heads[e]
                var value = values[e]
                var j = k + 1
                while j < end, heads[Int(order[j])] == head {
                    let other = values[Int(order[j])]
                    switch parallel {
                    case .sum: value += other
                    case .max: if abs(other) > abs(value) { value = other }
                    }
                    j += 1
                }
                if value == 0 { value = abs(values[e]) * Double(j - k) } // +w and −w cancelled: keep the strength, positive
                outTargets.append(head)
                outValues.append(value)
                k = j
            }
            offsets[u + 1] = Int32(outTargets.count)
        }

        self.nodeCount = nodeCount
        self.isDirected = directed
        self.outOffsets = offsets
        self.targets = outTargets
        let magnitudes = outValues.map { abs($0) }
        self.weights = magnitudes.allSatisfy { $0 == 1 } ? nil : magnitudes
        self.signs = outValues.contains { $0 < 0 } ? outValues.map { $0 < 0 ? -1 : 1 } : nil

        if directed {
            var inCount = [Int32](repeating: 0, count: nodeCount + 1)
            for t in outTargets { inCount[Int(t) + 1] += 1 }
            for v in 0..<nodeCount { inCount[v + 1] += inCount[v] }
            var fill = inCount
            var sourcesIn = [Int32](repeating: 0, count: outTargets.count)
            var edgesIn = [Int32](repeating: 0, count: outTargets.count)
            for u in 0..<nodeCount {
                for e in Int(offsets[u])..<Int(offsets[u + 1]) {
                    let v = Int(outTargets[e])
                    let at = Int(fill[v])
                    sourcesIn[at] = Int32(u)
                    edgesIn[at] = Int32(e)
                    fill[v] += 1
                }
            }
            self.inOffsets = inCount
            self.inSources = sourcesIn
            self.inEdges = edgesIn
        } else {
            self.inOffsets = offsets
            self.inSources = outTargets
            self.inEdges = []
        }
    }

    /// Edge indices ordered by key, stably. O(n + keyCount).
    static func countingOrder(keys: [Int32], keyCount: Int) -> [Int32] {
        var count = [Int32](repeating: 0, count: keyCount + 1)
        for k in keys { count[Int(k) + 1] += 1 }
        for i in 0..<keyCount { count[i + 1] += count[i] }
        var order = [Int32](repeating: 0, count: keys.count)
        for (i, k) in keys.enumerated() {
            order[Int(count[Int(k)])] = Int32(i)
            count[Int(k)] += 1
        }
        return order
    }

    /// The out-neighbours of `u`, in increasing order.
    public func successors(of u: Int) -> ArraySlice<Int32> {
        targets[Int(outOffsets[u])..<Int(outOffsets[u + 1])]
    }

    /// The in-neighbours of `v`, in increasing order.
    public func predecessors(of v: Int) -> ArraySlice<Int32> {
        inSources[Int(inOffsets[v])..<Int(inOffsets[v + 1])]
    }

    /// The edge number of in-edge `k` (an index into `inSources`).
    @inlinable public func inEdge(_ k: Int) -> Int { isDirected ? Int(inEdges[k]) : k }

    /// The weight of edge `e` (1 when unweighted).
    @inlinable public func weight(_ e: Int) -> Double { weights?[e] ?? 1 }

    /// The sign of edge `e`: +1 or −1.
    @inlinable public func sign(_ e: Int) -> Int8 { signs?[e] ?? 1 }

    /// The same network with every edge's sign made positive, or without negative edges.
    public func positiveOnly() -> Network {
        guard let signs else { return self }
        var s: [Int32] = [], t: [Int32] = [], w: [Double] = []
        for u in 0..<nodeCount {
            for e in Int(outOffsets[u])..<Int(outOffsets[u + 1]) where signs[e] > 0 {
                let v = targets[e]
                if !isDirected && v < Int32(u) { continue }
                s.append(Int32(u)); t.append(v); w.append(weight(e))
            }
        }
        // Cannot fail: the indices and weights come from a valid network.
        return try! Network(nodeCount: nodeCount, sources: s, targets: t, weights: weights == nil ? nil : w,
                            directed: isDirected)
    }

    /// The bytes the arrays take (capacity not counted).
    public var memoryBytes: Int {
        var bytes = outOffsets.count * 4 + targets.count * 4
        bytes += (weights?.count ?? 0) * 8 + (signs?.count ?? 0)
        if isDirected { bytes += inOffsets.count * 4 + inSources.count * 4 + inEdges.count * 4 }
        // An undirected network shares its in-adjacency with its out-adjacency.
        return bytes
    }
}

extension Network {
    /// A directed network's ties without direction, unweighted and unsigned: u→v, v→u or both
    /// become one tie {u, v} (for key players and other hop-count measures). An undirected network
    /// is returned as it is.
    ///
    /// - Complexity: O(V + E).
    public func undirectedView() -> Network {
        guard isDirected else { return self }
        var s: [Int32] = [], t: [Int32] = []
        for u in 0..<nodeCount {
            for e in Int(outOffsets[u])..<Int(outOffsets[u + 1]) {
                s.append(Int32(u)); t.append(targets[e])
            }
        }
        // Cannot fail: the ties come from a valid network.
        return try! Network(nodeCount: nodeCount, sources: s, targets: t, directed: false, parallel: .max)
    }
}
