/// Gould–Fernandez brokerage roles of every node, with the expected counts and z-scores of R sna's
/// `brokerage` (its `raw.nli`, `exp.nli`, `sd.nli`, `z.nli`).
public struct BrokerageRoles: Sendable, Equatable {
    /// The five roles, by the groups of the two-path a → v → b that v brokers.
    public enum Role: String, CaseIterable, Sendable {
        /// g(a) = g(v) = g(b): within one's own group (sna `w_I`).
        case coordinator
        /// g(a) = g(b) ≠ g(v): between two members of another group, the consultant (sna `w_O`).
        case itinerant
        /// g(a) ≠ g(v) = g(b): an outsider's contact into one's own group (sna `b_OI`).
        case gatekeeper
        /// g(a) = g(v) ≠ g(b): one's own group's contact out to another (sna `b_IO`).
        case representative
        /// g(a), g(v), g(b) all different (sna `b_O`).
        case liaison
    }

    /// `counts[node][role]`: the open two-paths a → v → b that node v brokers in each role
    /// (role index in `Role.allCases` order).
    public var counts: [[Double]]
    /// `expected[node][role]`: the expected count in a random digraph of the observed density
    /// with the observed group labels (sna's `exp.nli`).
    public var expected: [[Double]]
    /// `z[node][role]` = (count − expected) / sd, as sna's `z.nli`; NaN where the sd is 0.
    public var z: [[Double]]
    /// Each node's total brokerage (the sum over roles), its expected value and its z (sna's `t` column).
    public var total: [Double], expectedTotal: [Double], zTotal: [Double]
    /// The number of nodes with each label, indexed by label (`0...max label`; unused labels have 0).
    public var groupSizes: [Int]

    /// Creates a result from its parts (``Network/brokerageRoles(groups:)`` builds it).
    public init(counts: [[Double]], expected: [[Double]], z: [[Double]], total: [Double],
                expectedTotal: [Double], zTotal: [Double], groupSizes: [Int]) {
        self.counts = counts
        self.expected = expected
        self.z = z
        self.total = total
        self.expectedTotal = expectedTotal
        self.zTotal = zTotal
        self.groupSizes = groupSizes
    }

    /// Equal when every number is equal, a NaN z-score matching a NaN (so a result equals itself).
    public static func == (lhs: BrokerageRoles, rhs: BrokerageRoles) -> Bool {
        func same(_ x: [Double], _ y: [Double]) -> Bool {
            x.count == y.count && zip(x, y).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) }
        }
        func same(_ x: [[Double]], _ y: [[Double]]) -> Bool {
            x.count == y.count && zip(x, y).allSatisfy { same($0, $1) }
        }
        return lhs.groupSizes == rhs.groupSizes && same(lhs.counts, rhs.counts) && same(lhs.expected, rhs.expected)
            && same(lhs.z, rhs.z) && same(lhs.total, rhs.total) && same(lhs.expectedTotal, rhs.expectedTotal)
            && same(lhs.zTotal, rhs.zTotal)
    }
}

extension Network {
    /// Gould–Fernandez brokerage roles: for each node v, the open two-paths a → v → b it brokers,
    /// split into five roles by the groups of a, v and b, with their expected values and z-scores
    /// as R sna's `brokerage` computes them.
    ///
    /// v brokers a → v → b when a → v and v → b are edges, a, v, b are distinct and a → b is
    /// absent (an edge b → a does not matter). With g(x) the group of x the two-path is, for v:
    /// *coordinator* when g(a) = g(v) = g(b); *itinerant* (consultant) when g(a) = g(b) ≠ g(v);
    /// *gatekeeper* when g(a) ≠ g(v) = g(b); *representative* when g(a) = g(v) ≠ g(b); *liaison*
    /// when all three differ. Directed ties are followed; an undirected network counts each tie
    /// both ways (so a – v – b, with a and b not tied, is brokered twice: a → v → b and b → v → a).
    /// Weights and signs are ignored: every stored edge is a tie.
    ///
    /// Expected values and variances are sna's: the exact moments of the counts in a Bernoulli
    /// random digraph whose arcs appear independently with the observed density
    /// d = E / (N(N − 1)) (E the directed edges, an undirected pair counting twice), the group
    /// labels held fixed. With n the size of v's group, nⱼ the other groups' sizes and
    /// p = d²(1 − d), q = d³(1 − d)³:
    /// - coordinator: mean p(n − 1)(n − 2), Var = mean·(1 − p) + 2(n − 1)(n − 2)(n − 3)q;
    /// - itinerant: mean p·Σⱼ nⱼ(nⱼ − 1), Var = mean·(1 − p) + 2·Σⱼ nⱼ(nⱼ − 1)(nⱼ − 2)·q;
    /// - gatekeeper and representative: mean p(N − n)(n − 1),
    ///   Var = mean·(1 − p) + 2[(n − 1)·C(N − n, 2) + (N − n)·C(n − 1, 2)]q;
    /// - liaison: mean p·Σ_{j ≠ k} nⱼnₖ, Var = mean·(1 − p) + 4·Σⱼ nⱼ·C(N − n − nⱼ, 2)·q;
    /// - total: mean p(N − 1)(N − 2), Var = mean·(1 − p) + 2(N − 1)(N − 2)(N − 3)q.
    /// z = (count − mean)/√Var, NaN where Var is 0 (sna gives 0/0 = NaN there too, as the count is
    /// then 0). With fewer than two nodes d is taken as 0 (sna divides 0 by 0).
    ///
    /// - Parameter groups: A group label per node, any value ≥ 0.
    /// - Returns: The counts, expected values and z-scores, indexed like the network.
    /// - Precondition: `groups.count == nodeCount` and every label ≥ 0.
    /// - Complexity: O(V + E + Σᵥ indeg(v)·outdeg(v) + K² + L) time, with K ≤ √(2V) the number of
    ///   distinct group sizes and L the largest label; O(V + L) extra space besides the result.
    ///   Each tail a marks its successors once, so the test for a → b is one array read.
    ///
    /// Gould, R. V. and Fernandez, R. M. "Structures of Mediation: A Formal Approach to Brokerage
    /// in Transaction Networks." Sociological Methodology 19:89–126, 1989. doi:10.2307/270949
    public func brokerageRoles(groups: [Int32]) -> BrokerageRoles {
        let n = nodeCount
        precondition(groups.count == n, "brokerageRoles needs one group label per node: \(groups.count) labels for \(n) nodes")
        var largest: Int32 = -1
        for g in groups {
            precondition(g >= 0, "group labels must be ≥ 0, not \(g)")
            largest = max(largest, g)
        }
        var sizes = [Int](repeating: 0, count: Int(largest) + 1)
        for g in groups { sizes[Int(g)] += 1 }

        let flat = _brokerageCounts(groups: groups)
        let roles = BrokerageRoles.Role.allCases.count

        // Moments per distinct group size: every formula depends only on v's group size and the
        // multiset of sizes.
        let N = Double(n)
        let d = n < 2 ? 0 : Double(storedEdgeCount) / (N * (N - 1))
        let p = d * d * (1 - d), q = d * d * d * (1 - d) * (1 - d) * (1 - d)
        var sizeCount = [Int](repeating: 0, count: n + 1)
        for s in sizes where s > 0 { sizeCount[s] += 1 }
        let distinct = (1..<(n + 1)).filter { sizeCount[$0] > 0 }
        var meanBySize = [[Double]](repeating: [], count: n + 1)
        var sdBySize = [[Double]](repeating: [], count: n + 1)
        for own in distinct {
            let m = Double(own)
            var s2 = 0.0, s3 = 0.0, pairs = 0.0, liaisonVar = 0.0
            for other in distinct {
                let c = Double(sizeCount[other] - (other == own ? 1 : 0))
                if c == 0 { continue }
                let x = Double(other), rest = N - m - x
                s2 += c * x * (x - 1)
                s3 += c * x * (x - 1) * (x - 2)
                pairs += c * x * rest
                liaisonVar += c * x * rest * (rest - 1) / 2
            }
            // `+ 0` turns the −0 of a group of one's (m − 1)(m − 2) into 0.
            let mean = [p * (m - 1) * (m - 2) + 0, p * s2, p * (N - m) * (m - 1), p * (N - m) * (m - 1), p * pairs]
            let gate = 2 * ((m - 1) * (N - m) * (N - m - 1) / 2 + (N - m) * (m - 1) * (m - 2) / 2) * q
            let extra = [2 * (m - 1) * (m - 2) * (m - 3) * q, 2 * s3 * q, gate, gate, 4 * liaisonVar * q]
            meanBySize[own] = mean
            sdBySize[own] = (0..<roles).map { (mean[$0] * (1 - p) + extra[$0]).squareRoot() }
        }
        let meanTotal = p * (N - 1) * (N - 2)
        let sdTotal = (meanTotal * (1 - p) + 2 * (N - 1) * (N - 2) * (N - 3) * q).squareRoot()

        func score(_ x: Double, _ mean: Double, _ sd: Double) -> Double { sd == 0 ? .nan : (x - mean) / sd }
        var counts: [[Double]] = [], expected: [[Double]] = [], z: [[Double]] = []
        var total: [Double] = [], zTotal: [Double] = []
        counts.reserveCapacity(n); expected.reserveCapacity(n); z.reserveCapacity(n)
        total.reserveCapacity(n); zTotal.reserveCapacity(n)
        for v in 0..<n {
            let row = Array(flat[v * roles..<(v + 1) * roles])
            let own = sizes[Int(groups[v])]
            let mean = meanBySize[own], sd = sdBySize[own]
            counts.append(row)
            expected.append(mean)
            z.append((0..<roles).map { score(row[$0], mean[$0], sd[$0]) })
            let t = row.reduce(0, +)
            total.append(t)
            zTotal.append(score(t, meanTotal, sdTotal))
        }
        return BrokerageRoles(counts: counts, expected: expected, z: z, total: total,
                              expectedTotal: [Double](repeating: meanTotal, count: n), zTotal: zTotal,
                              groupSizes: sizes)
    }

    /// The raw role counts, flat: `counts[v * 5 + role]`. Each tail a marks its successors with
    /// a stamp, then walks a → v → b; the cost is Σᵥ indeg(v)·outdeg(v) plus E for the marks.
    func _brokerageCounts(groups: [Int32]) -> [Double] {
        let n = nodeCount
        var countArray = [Double](repeating: 0, count: n * 5)
        var markArray = [Int32](repeating: -1, count: n)
        outOffsets.withUnsafeBufferPointer { offsets in
        targets.withUnsafeBufferPointer { targets in
        groups.withUnsafeBufferPointer { group in
        markArray.withUnsafeMutableBufferPointer { mark in
        countArray.withUnsafeMutableBufferPointer { count in
            for a in 0..<n {
                let start = Int(offsets[a]), end = Int(offsets[a + 1])
                if start == end { continue }
                let stamp = Int32(a)
                for k in start..<end { mark[Int(targets[k])] = stamp }
                let ga = group[a]
                for k in start..<end {
                    let v = Int(targets[k])
                    let gv = group[v]
                    let row = v * 5
                    for j in Int(offsets[v])..<Int(offsets[v + 1]) {
                        let b = Int(targets[j])
                        // b ≠ v holds: no self-loops. Skip b = a and closed two-paths (a → b).
                        if b == a || mark[b] == stamp { continue }
                        let gb = group[b]
                        let role: Int
                        if ga == gv { role = gv == gb ? 0 : 3 }       // coordinator : representative
                        else if gv == gb { role = 2 }                  // gatekeeper
                        else { role = ga == gb ? 1 : 4 }               // itinerant : liaison
                        count[row + role] += 1
                    }
                }
            }
        }}}}}
        return countArray
    }
}
