/// An undirected signed network that keeps, for every pair of nodes, its positive and its
/// negative weight apart: the input of the structural-balance analyses.
///
/// A ``Network`` combines parallel ties by summing signed weights, which is right for
/// centrality but hides ambivalence: a pair joined by a coalition (+1) and a conflict (−1) would
/// vanish. Balance needs both: whichever way a partition places the pair, one of its ties is
/// frustrated. So each stored pair carries `positive` (the sum of its positive weights) and
/// `negative` (the sum of its negative weights, as a non-negative number); a simple signed graph
/// has one of the two zero on every pair.
///
/// Layout: CSR with each pair stored in both directions, neighbours in increasing order,
/// 32-bit indices. Stored edge `e` of node `u` is `offsets[u]..<offsets[u+1]`; its twin (the
/// same pair seen from the other end) has the same weights.
///
/// - Complexity: construction O(V + E) (counting sorts).
public struct SignedNetwork: Sendable, Equatable {
    /// The number of nodes.
    public let nodeCount: Int
    /// `offsets[u]..<offsets[u + 1]` are `u`'s stored edges.
    public let offsets: [Int32]
    /// The other end of each stored edge, increasing within a node.
    public let neighbors: [Int32]
    /// The positive weight of each stored edge's pair (≥ 0).
    public let positive: [Double]
    /// The negative weight of each stored edge's pair, as a non-negative number.
    public let negative: [Double]

    /// The number of pairs (each stored twice).
    public var pairCount: Int { neighbors.count / 2 }
    /// The sum of positive weight over pairs.
    public var totalPositive: Double { positive.reduce(0, +) / 2 }
    /// The sum of negative weight over pairs (non-negative).
    public var totalNegative: Double { negative.reduce(0, +) / 2 }

    /// Builds a signed network from ties: tie i joins `sources[i]` and `targets[i]` (direction
    /// ignored) with weight `weights?[i] ?? 1` and sign `signs?[i] ?? 1` (negative when < 0).
    /// Ties of one pair are combined: positive weights summed into `positive`, negative ones
    /// into `negative`.
    ///
    /// - Throws: ``Network/BuildError`` for a node out of range, a weight that is not positive
    ///   and finite, arrays of different lengths, or a self-loop.
    /// - Complexity: O(V + E).
    public init(nodeCount: Int, sources: [Int32], targets: [Int32], weights: [Double]? = nil,
                signs: [Int8]? = nil) throws {
        guard sources.count == targets.count else {
            throw Network.BuildError.lengthMismatch("\(sources.count) sources, \(targets.count) targets")
        }
        if let weights, weights.count != sources.count {
            throw Network.BuildError.lengthMismatch("\(sources.count) edges, \(weights.count) weights")
        }
        if let signs, signs.count != sources.count {
            throw Network.BuildError.lengthMismatch("\(sources.count) edges, \(signs.count) signs")
        }
        let m = sources.count
        guard 2 * m < Int(Int32.max), nodeCount < Int(Int32.max) else { throw Network.BuildError.tooManyEdges(m) }
        for i in 0..<m {
            let s = sources[i], t = targets[i]
            if s < 0 || Int(s) >= nodeCount { throw Network.BuildError.nodeOutOfRange(edge: i, node: s) }
            if t < 0 || Int(t) >= nodeCount { throw Network.BuildError.nodeOutOfRange(edge: i, node: t) }
            if s == t { throw Network.BuildError.selfLoop(edge: i, node: s) }
            if let w = weights?[i], !(w > 0 && w.isFinite) { throw Network.BuildError.badWeight(edge: i, weight: w) }
        }
        var tails = [Int32](repeating: 0, count: 2 * m)
        var heads = [Int32](repeating: 0, count: 2 * m)
        for i in 0..<m {
            tails[i] = sources[i]; heads[i] = targets[i]
            tails[m + i] = targets[i]; heads[m + i] = sources[i]
        }
        // Sort by head, then stably by tail: each tail's run is sorted by head.
        let byHead = Network.countingOrder(keys: heads, keyCount: nodeCount)
        var start = [Int32](repeating: 0, count: nodeCount + 1)
        for t in tails { start[Int(t) + 1] += 1 }
        for u in 0..<nodeCount { start[u + 1] += start[u] }
        var order = [Int32](repeating: 0, count: 2 * m)
        var fill = start
        for e in byHead {
            let t = Int(tails[Int(e)])
            order[Int(fill[t])] = e
            fill[t] += 1
        }
        var offsets = [Int32](repeating: 0, count: nodeCount + 1)
        var neighbors: [Int32] = [], positive: [Double] = [], negative: [Double] = []
        neighbors.reserveCapacity(2 * m); positive.reserveCapacity(2 * m); negative.reserveCapacity(2 * m)
        for u in 0..<nodeCount {
            var k = Int(start[u])
            let end = Int(start[u + 1])
            while k < end {
                let head = heads[Int(order[k])]
                var pos = 0.0, neg = 0.0
                while k < end, heads[Int(order[k])] == head {
                    let tie = Int(order[k]) % max(m, 1)
                    let w = weights?[tie] ?? 1
                    if (signs?[tie] ?? 1) < 0 { neg += w } else { pos += w }
                    k += 1
                }
                neighbors.append(head); positive.append(pos); negative.append(neg)
            }
            offsets[u + 1] = Int32(neighbors.count)
        }
        self.nodeCount = nodeCount
        self.offsets = offsets
        self.neighbors = neighbors
        self.positive = positive
        self.negative = negative
    }

    /// The signed network of `network`'s ties, direction dropped: an undirected pair is one tie;
    /// a directed network's u→v and v→u are two ties of the pair {u, v} (so reciprocated
    /// positive ties weigh twice). Each merged edge of `network` keeps its (net) sign.
    ///
    /// - Complexity: O(V + E).
    public init(_ network: Network) {
        var s: [Int32] = [], t: [Int32] = [], w: [Double] = [], sg: [Int8] = []
        s.reserveCapacity(network.edgeCount); t.reserveCapacity(network.edgeCount)
        for u in 0..<network.nodeCount {
            for e in Int(network.outOffsets[u])..<Int(network.outOffsets[u + 1]) {
                let v = network.targets[e]
                if !network.isDirected && v < Int32(u) { continue }
                s.append(Int32(u)); t.append(v); w.append(network.weight(e)); sg.append(network.sign(e))
            }
        }
        // Cannot fail: the ties come from a valid network.
        self = try! SignedNetwork(nodeCount: network.nodeCount, sources: s, targets: t, weights: w, signs: sg)
    }

    /// The stored edge from `u` to `v`, or nil when the pair has no tie. O(log degree).
    public func edge(_ u: Int, _ v: Int) -> Int? {
        var lo = Int(offsets[u]), hi = Int(offsets[u + 1])
        let target = Int32(v)
        while lo < hi {
            let mid = (lo + hi) / 2
            if neighbors[mid] < target { lo = mid + 1 } else { hi = mid }
        }
        return lo < Int(offsets[u + 1]) && neighbors[lo] == target ? lo : nil
    }

    /// The neighbours of `u`, increasing.
    public func neighbors(of u: Int) -> ArraySlice<Int32> {
        neighbors[Int(offsets[u])..<Int(offsets[u + 1])]
    }

    /// The pairs as a ``Network`` (undirected, weighted) for the modularity and spectral methods.
    /// `positiveOnly`: each pair's positive weight, negative ties left out. Otherwise each pair's
    /// net weight (positive minus negative), and pairs whose ties cancel exactly are left out.
    ///
    /// - Returns: the network and the number of pairs whose ties cancel (0 when `positiveOnly`).
    /// - Complexity: O(V + E).
    public func combined(positiveOnly: Bool) -> (network: Network, leftOut: Int) {
        var s: [Int32] = [], t: [Int32] = [], w: [Double] = [], g: [Int8] = []
        var leftOut = 0
        for u in 0..<nodeCount {
            for e in Int(offsets[u])..<Int(offsets[u + 1]) where neighbors[e] > Int32(u) {
                let value = positiveOnly ? positive[e] : positive[e] - negative[e]
                if value == 0 { if !positiveOnly { leftOut += 1 }; continue }
                s.append(Int32(u)); t.append(neighbors[e]); w.append(abs(value)); g.append(value < 0 ? -1 : 1)
            }
        }
        // Cannot fail: nodes in range, weights positive and finite, no self-loops.
        let network = try! Network(nodeCount: nodeCount, sources: s, targets: t, weights: w, signs: g, directed: false)
        return (network, leftOut)
    }

    /// The number of pairs with some negative weight.
    public var negativePairCount: Int { negative.reduce(0) { $0 + ($1 > 0 ? 1 : 0) } / 2 }

    /// The bytes the arrays take (capacity not counted).
    public var memoryBytes: Int { offsets.count * 4 + neighbors.count * (4 + 8 + 8) }
}
