import Foundation
import NetworkAnalysis
import Testing

/// Gould–Fernandez brokerage: counts by hand and by brute force, expected values and variances
/// by hand from sna's formulas and as exact moments over every digraph on 4 and 5 nodes, and
/// everything against R sna's `brokerage` (fixture from `Tools/fixtures/make_brokerage_fixtures.R`).
@Suite struct BrokerageTests {
    typealias Role = BrokerageRoles.Role

    static func network(_ n: Int, _ edges: [(Int, Int)], directed: Bool = true) throws -> Network {
        try Network(nodeCount: n, sources: edges.map { Int32($0.0) }, targets: edges.map { Int32($0.1) },
                    directed: directed)
    }

    /// Counts by a triple loop over all (a, v, b) on an adjacency matrix; sna's rule.
    static func bruteCounts(_ n: Int, _ adjacent: [[Bool]], _ groups: [Int32]) -> [[Double]] {
        var counts = [[Double]](repeating: [Double](repeating: 0, count: 5), count: n)
        for a in 0..<n {
            for v in 0..<n where v != a && adjacent[a][v] {
                for b in 0..<n where b != a && b != v && adjacent[v][b] && !adjacent[a][b] {
                    let (ga, gv, gb) = (groups[a], groups[v], groups[b])
                    let role: Role
                    if ga == gv && gv == gb { role = .coordinator }
                    else if ga == gb { role = .itinerant }
                    else if gv == gb { role = .gatekeeper }
                    else if ga == gv { role = .representative }
                    else { role = .liaison }
                    counts[v][Role.allCases.firstIndex(of: role)!] += 1
                }
            }
        }
        return counts
    }

    static func close(_ a: Double, _ b: Double, _ tolerance: Double = 1e-12) -> Bool {
        if a.isNaN || b.isNaN { return a.isNaN && b.isNaN }
        return abs(a - b) <= tolerance * max(1, abs(b))
    }

    // MARK: The worked example

    /// Six nodes in three groups: {0, 1, 2} group 0, {3, 4} group 1, {5} group 2; eleven arcs
    /// 0→1 0→3 1→2 1→5 2→1 2→3 3→2 3→4 4→0 5→3 5→4.
    ///
    /// Every two-path a→v→b with a ≠ b, by broker v (g = groups of a, v, b):
    ///   v=0 (preds 4; succs 1, 3):  4→0→1 open, g 1,0,0 gatekeeper;  4→0→3 open, g 1,0,1 itinerant.
    ///   v=1 (preds 0, 2; succs 2, 5): 0→1→2 open, g 0,0,0 coordinator;  0→1→5 open, g 0,0,2
    ///       representative;  2→1→5 open, representative  (2→1→2 has a = b).
    ///   v=2 (preds 1, 3; succs 1, 3): 1→2→3 open, g 0,0,1 representative;  3→2→1 open, g 1,0,0
    ///       gatekeeper  (1→2→1, 3→2→3 have a = b).
    ///   v=3 (preds 0, 2, 5; succs 2, 4): 0→3→2 open, g 0,1,0 itinerant;  0→3→4 open, g 0,1,1
    ///       gatekeeper;  2→3→4 open, gatekeeper;  5→3→2 open, g 2,1,0 liaison;
    ///       5→3→4 CLOSED by 5→4  (2→3→2 has a = b).
    ///   v=4 (preds 3, 5; succs 0): 3→4→0 open, g 1,1,0 representative;  5→4→0 open, g 2,1,0 liaison.
    ///   v=5 (preds 1; succs 3, 4): 1→5→3 and 1→5→4 open, g 0,2,1 liaison twice.
    /// So [coordinator, itinerant, gatekeeper, representative, liaison]:
    ///   0: [0,1,1,0,0]  1: [1,0,0,2,0]  2: [0,0,1,1,0]  3: [0,1,2,0,1]  4: [0,0,0,1,1]  5: [0,0,0,0,2];
    /// totals 2, 3, 2, 4, 2, 2.
    static let exampleEdges = [(0, 1), (0, 3), (1, 2), (1, 5), (2, 1), (2, 3), (3, 2), (3, 4), (4, 0), (5, 3), (5, 4)]
    static let exampleGroups: [Int32] = [0, 0, 0, 1, 1, 2]

    @Test func workedExampleCounts() throws {
        let g = try Self.network(6, Self.exampleEdges)
        let r = g.brokerageRoles(groups: Self.exampleGroups)
        #expect(r.counts == [[0, 1, 1, 0, 0], [1, 0, 0, 2, 0], [0, 0, 1, 1, 0],
                             [0, 1, 2, 0, 1], [0, 0, 0, 1, 1], [0, 0, 0, 0, 2]])
        #expect(r.total == [2, 3, 2, 4, 2, 2])
        #expect(r.groupSizes == [3, 2, 1])
        #expect(r == r, "equal to itself, NaN z-scores included")
    }

    /// sna's formulas worked by hand for the example (not a permutation expectation: sna's
    /// expectation is over random digraphs of the observed density with the labels fixed).
    /// N = 6, 11 arcs, d = 11/30, p = d²(1 − d), q = d³(1 − d)³; sizes 3, 2, 1.
    ///   group 0 (n = 3): coordinator 2·1 = 2p; itinerant Σ nⱼ(nⱼ−1) = 2·1 + 0 = 2p;
    ///     gatekeeper = representative (6−3)(3−1) = 6p; liaison 2·1 + 1·2 = 4p (sum 20p = (N−1)(N−2)p).
    ///     Var: coordinator 2p(1−p) + 2·2·1·0·q; itinerant 2p(1−p) + 2·(2·1·0)q;
    ///     gatekeeper 6p(1−p) + 2[2·C(3,2) + 3·C(2,2)]q = 6p(1−p) + 18q;
    ///     liaison 4p(1−p) + 4[2·C(1,2) + 1·C(2,2)]q = 4p(1−p) + 4q.
    ///   group 1 (n = 2): coordinator 0; itinerant 3·2 = 6p; gatekeeper 4·1 = 4p; liaison 3·1 + 1·3 = 6p.
    ///     Var: itinerant 6p(1−p) + 2·(3·2·1)q = 6p(1−p) + 12q; gatekeeper 4p(1−p) + 2[1·C(4,2) + 4·C(1,2)]q
    ///     = 4p(1−p) + 12q; liaison 6p(1−p) + 4[3·C(1,2) + 1·C(3,2)]q = 6p(1−p) + 12q.
    ///   group 2 (n = 1): coordinator 0; itinerant 3·2 + 2·1 = 8p; gatekeeper 0; liaison 3·2 + 2·3 = 12p.
    ///     Var: itinerant 8p(1−p) + 2·(3·2·1 + 0)q = 8p(1−p) + 12q; liaison 12p(1−p) + 4[3·C(2,2) + 2·C(3,2)]q
    ///     = 12p(1−p) + 36q.
    ///   total: 20p, Var 20p(1−p) + 2·5·4·3·q = 20p(1−p) + 120q.
    @Test func workedExampleExpectedValuesByHand() throws {
        let g = try Self.network(6, Self.exampleEdges)
        let r = g.brokerageRoles(groups: Self.exampleGroups)
        let d = 11.0 / 30, p = d * d * (1 - d), q = pow(d * (1 - d), 3)
        let byGroup: [[Double]] = [[2, 2, 6, 6, 4], [0, 6, 4, 4, 6], [0, 8, 0, 0, 12]]
        let extraVariance: [[Double]] = [[0, 0, 18, 18, 4], [0, 12, 12, 12, 12], [0, 12, 0, 0, 36]]
        for v in 0..<6 {
            let group = Int(Self.exampleGroups[v])
            for role in 0..<5 {
                let mean = byGroup[group][role] * p
                let sd = (mean * (1 - p) + extraVariance[group][role] * q).squareRoot()
                #expect(Self.close(r.expected[v][role], mean), "node \(v) role \(role) expected")
                let z = sd == 0 ? Double.nan : (r.counts[v][role] - mean) / sd
                #expect(Self.close(r.z[v][role], z), "node \(v) role \(role) z: \(r.z[v][role]) vs \(z)")
            }
            #expect(Self.close(r.expectedTotal[v], 20 * p))
            #expect(Self.close(r.zTotal[v], (r.total[v] - 20 * p) / (20 * p * (1 - p) + 120 * q).squareRoot()))
        }
        // A role its group cannot play has sd 0 and z NaN: no coordinator in a group of 2 or 1.
        #expect(r.z[3][0].isNaN && r.z[5][0].isNaN && r.z[5][2].isNaN && r.z[5][3].isNaN)
        #expect(!r.z[0][0].isNaN)
    }

    // MARK: Brute force

    struct Case: CustomStringConvertible, Sendable {
        var seed: UInt64
        var n: Int
        var directed: Bool
        var edges: [(Int, Int)]
        var groups: [Int32]
        var description: String { "seed \(seed): n \(n), \(edges.count) edges, \(directed ? "directed" : "undirected"), groups \(groups)" }

        init(seed: UInt64) {
            var rng = SeededGenerator(seed: seed)
            self.seed = seed
            n = Int.random(in: 1...9, using: &rng)
            directed = Double.random(in: 0..<1, using: &rng) < 0.75
            let p = Double.random(in: 0.1...0.8, using: &rng)
            var edges: [(Int, Int)] = []
            for u in 0..<n {
                for v in 0..<n where u != v && (directed || u < v) && Double.random(in: 0..<1, using: &rng) < p {
                    edges.append((u, v))
                }
            }
            self.edges = edges
            let k = Int.random(in: 1...4, using: &rng)
            let spread = Int32.random(in: 1...3, using: &rng)   // labels 0, spread, 2·spread…: some unused
            groups = (0..<n).map { _ in Int32.random(in: 0..<Int32(k), using: &rng) * spread }
        }

        var adjacency: [[Bool]] {
            var a = [[Bool]](repeating: [Bool](repeating: false, count: n), count: n)
            for (u, v) in edges { a[u][v] = true; if !directed { a[v][u] = true } }
            return a
        }
    }

    static let cases = (1...100).map { Case(seed: UInt64($0)) }

    /// sna's expected values written out literally, summing over the other groups node by node
    /// (the library groups them by size instead).
    static func literalMoments(_ n: Int, arcs: Int, _ groups: [Int32], _ v: Int) -> (mean: [Double], sd: [Double]) {
        let N = Double(n)
        let d = n < 2 ? 0 : Double(arcs) / (N * (N - 1))
        let p = d * d * (1 - d), q = pow(d * (1 - d), 3)
        let labels = Array(Set(groups))
        let own = groups[v]
        let m = Double(groups.filter { $0 == own }.count)
        let others = labels.filter { $0 != own }.map { l in Double(groups.filter { $0 == l }.count) }
        func choose2(_ x: Double) -> Double { x * (x - 1) / 2 }
        var liaison = 0.0
        for (i, x) in others.enumerated() { for (j, y) in others.enumerated() where i != j { liaison += x * y } }
        let mean = [p * (m - 1) * (m - 2), p * others.reduce(0) { $0 + $1 * ($1 - 1) },
                    p * (N - m) * (m - 1), p * (N - m) * (m - 1), p * liaison]
        let gate = 2 * ((m - 1) * choose2(N - m) + (N - m) * choose2(m - 1)) * q
        let extra = [2 * (m - 1) * (m - 2) * (m - 3) * q, 2 * others.reduce(0) { $0 + $1 * ($1 - 1) * ($1 - 2) } * q,
                     gate, gate, 4 * others.reduce(0) { $0 + $1 * choose2(N - m - $1) } * q]
        return (mean, (0..<5).map { (mean[$0] * (1 - p) + extra[$0]).squareRoot() })
    }

    @Test(arguments: BrokerageTests.cases)
    func countsAgreeWithTripleLoop(_ c: Case) throws {
        let g = try Self.network(c.n, c.edges, directed: c.directed)
        let r = g.brokerageRoles(groups: c.groups)
        let want = Self.bruteCounts(c.n, c.adjacency, c.groups)
        #expect(r.counts == want)
        #expect(r.total == want.map { $0.reduce(0, +) })
        var sizes = [Int](repeating: 0, count: Int(c.groups.max()!) + 1)
        for l in c.groups { sizes[Int(l)] += 1 }
        #expect(r.groupSizes == sizes)
        for v in 0..<c.n {
            let (mean, sd) = Self.literalMoments(c.n, arcs: g.storedEdgeCount, c.groups, v)
            for role in 0..<5 {
                #expect(Self.close(r.expected[v][role], mean[role], 1e-12), "node \(v) role \(role)")
                let z = sd[role] == 0 ? Double.nan : (want[v][role] - mean[role]) / sd[role]
                #expect(Self.close(r.z[v][role], z, 1e-9), "node \(v) role \(role) z")
            }
        }
    }

    // MARK: Exact moments over every digraph

    /// sna's expected value and variance are the exact mean and variance of the counts when each
    /// of the N(N − 1) arcs is present independently with probability d. Checked by summing over
    /// all 2^(N(N−1)) digraphs on 4 nodes (4,096) and 5 nodes (1,048,576), each weighted
    /// d^arcs (1 − d)^(others), with d from a network of that size.
    @Test(arguments: [([Int32](arrayLiteral: 0, 0, 1, 2), 5), ([0, 0, 0, 1], 7), ([0, 1, 1, 0], 3), ([2, 2, 2, 2], 6),
                      ([0, 0, 0, 1, 2], 8)])
    func momentsAreExactOverAllDigraphs(_ groups: [Int32], _ arcCount: Int) throws {
        let n = groups.count
        var pairs: [(Int, Int)] = []
        for a in 0..<n { for b in 0..<n where a != b { pairs.append((a, b)) } }
        let g = try Self.network(n, Array(pairs.prefix(arcCount)))
        let r = g.brokerageRoles(groups: groups)
        let d = Double(arcCount) / Double(pairs.count)

        // Role of each (a, v, b) triple, and the arc bits it needs.
        var bit = [[Int]](repeating: [Int](repeating: -1, count: n), count: n)
        for (i, (a, b)) in pairs.enumerated() { bit[a][b] = i }
        var triples: [(v: Int, role: Int, av: Int, vb: Int, ab: Int)] = []
        for a in 0..<n { for v in 0..<n where v != a { for b in 0..<n where b != a && b != v {
            let one = Self.bruteCounts(n, (0..<n).map { x in (0..<n).map { y in (x == a && y == v) || (x == v && y == b) } }, groups)
            let role = one[v].firstIndex(of: 1)!
            triples.append((v, role, bit[a][v], bit[v][b], bit[a][b]))
        } } }

        var sum = [Double](repeating: 0, count: n * 6), square = [Double](repeating: 0, count: n * 6)
        var count = [Int](repeating: 0, count: n * 6)
        let arcs = pairs.count
        for mask in 0..<(1 << arcs) {
            let present = mask.nonzeroBitCount
            let weight = pow(d, Double(present)) * pow(1 - d, Double(arcs - present))
            for i in 0..<count.count { count[i] = 0 }
            for t in triples where mask >> t.av & 1 == 1 && mask >> t.vb & 1 == 1 && mask >> t.ab & 1 == 0 {
                count[t.v * 6 + t.role] += 1
                count[t.v * 6 + 5] += 1
            }
            for i in 0..<count.count {
                let x = Double(count[i])
                sum[i] += weight * x
                square[i] += weight * x * x
            }
        }
        for v in 0..<n {
            for role in 0..<6 {
                let mean = sum[v * 6 + role], variance = square[v * 6 + role] - mean * mean
                let expected = role < 5 ? r.expected[v][role] : r.expectedTotal[v]
                #expect(abs(expected - mean) < 1e-10, "node \(v) role \(role): \(expected) vs \(mean)")
                // Recover the variance from the z-score of the observed count.
                let observed = role < 5 ? r.counts[v][role] : r.total[v]
                let z = role < 5 ? r.z[v][role] : r.zTotal[v]
                if variance < 1e-12 {
                    #expect(z.isNaN, "node \(v) role \(role): variance 0, z \(z)")
                } else {
                    #expect(abs(z - (observed - mean) / variance.squareRoot()) < 1e-8, "node \(v) role \(role) variance")
                }
            }
        }
    }

    // MARK: Undirected networks and edge cases

    @Test func undirectedTiesCountBothWays() throws {
        // 0 – 1 – 2, with 0 and 2 not tied: node 1 brokers 0→1→2 and 2→1→0.
        let path = try Self.network(3, [(0, 1), (1, 2)], directed: false)
        let same = path.brokerageRoles(groups: [0, 0, 0])
        #expect(same.counts == [[0, 0, 0, 0, 0], [2, 0, 0, 0, 0], [0, 0, 0, 0, 0]])
        let mixed = path.brokerageRoles(groups: [0, 1, 1])
        // 0→1→2: g 0,1,1 gatekeeper; 2→1→0: g 1,1,0 representative.
        #expect(mixed.counts[1] == [0, 0, 1, 1, 0])
        // A triangle closes every two-path.
        let triangle = try Self.network(3, [(0, 1), (1, 2), (0, 2)], directed: false)
        #expect(triangle.brokerageRoles(groups: [0, 1, 2]).total == [0, 0, 0])

        // Every undirected network equals the directed one with both arcs, expectations included
        // (the density counts each pair twice).
        for c in Self.cases where !c.directed {
            let undirected = try Self.network(c.n, c.edges, directed: false)
            let both = try Self.network(c.n, c.edges + c.edges.map { ($0.1, $0.0) }, directed: true)
            let u = undirected.brokerageRoles(groups: c.groups), b = both.brokerageRoles(groups: c.groups)
            #expect(u.counts == b.counts && u.expected == b.expected && u.total == b.total, "\(c)")
        }
    }

    @Test func reverseArcDoesNotCloseATwoPath() throws {
        // 0→1→2 with 2→0: still open (only 0→2 closes it).
        let g = try Self.network(3, [(0, 1), (1, 2), (2, 0)])
        #expect(g.brokerageRoles(groups: [0, 0, 0]).counts.map { $0[0] } == [1, 1, 1])
        let closed = try Self.network(3, [(0, 1), (1, 2), (0, 2)])
        #expect(closed.brokerageRoles(groups: [0, 0, 0]).total == [0, 0, 0])
    }

    @Test func weightsAndSignsAreIgnored() throws {
        let plain = try Self.network(6, Self.exampleEdges)
        let weighted = try Network(nodeCount: 6, sources: Self.exampleEdges.map { Int32($0.0) },
                                   targets: Self.exampleEdges.map { Int32($0.1) },
                                   weights: Self.exampleEdges.indices.map { Double($0 % 3 + 1) },
                                   signs: Self.exampleEdges.indices.map { $0 % 2 == 0 ? 1 : -1 }, directed: true)
        #expect(weighted.brokerageRoles(groups: Self.exampleGroups) == plain.brokerageRoles(groups: Self.exampleGroups))
    }

    @Test func emptyAndTinyNetworks() throws {
        let empty = try Self.network(0, [])
        let r0 = empty.brokerageRoles(groups: [])
        #expect(r0.counts.isEmpty && r0.total.isEmpty && r0.groupSizes.isEmpty)
        let one = try Self.network(1, []).brokerageRoles(groups: [4])
        #expect(one.counts == [[0, 0, 0, 0, 0]] && one.expectedTotal == [0] && one.zTotal[0].isNaN)
        #expect(one.groupSizes == [0, 0, 0, 0, 1])
        let two = try Self.network(2, [(0, 1), (1, 0)]).brokerageRoles(groups: [0, 1])
        #expect(two.total == [0, 0] && two.expected.allSatisfy { $0.allSatisfy { $0 == 0 } })
    }

    /// 20,000 nodes and 100,000 arcs in 7 groups: the five expectations add up to the total's
    /// (the roles partition the ordered pairs of other nodes), and the counts to the total.
    @Test func largeSparseNetwork() throws {
        var rng = SeededGenerator(seed: 2024)
        let n = 20_000
        var sources: [Int32] = [], targets: [Int32] = []
        while sources.count < 100_000 {
            let a = Int32.random(in: 0..<Int32(n), using: &rng), b = Int32.random(in: 0..<Int32(n), using: &rng)
            if a != b { sources.append(a); targets.append(b) }
        }
        let g = try Network(nodeCount: n, sources: sources, targets: targets, directed: true)
        let groups = (0..<n).map { _ in Int32.random(in: 0..<7, using: &rng) }
        let clock = ContinuousClock()
        var r: BrokerageRoles?
        let elapsed = clock.measure { r = g.brokerageRoles(groups: groups) }
        let result = try #require(r)
        var twoPaths = 0.0
        for v in 0..<n { twoPaths += Double(g.predecessors(of: v).count * g.successors(of: v).count) }
        let brokered = result.total.reduce(0, +)
        #expect(brokered > 0.99 * twoPaths && brokered <= twoPaths, "sparse: almost every two-path is open")
        for v in 0..<n {
            #expect(result.counts[v].reduce(0, +) == result.total[v])
            #expect(Self.close(result.expected[v].reduce(0, +), result.expectedTotal[v], 1e-12))
        }
        #expect(elapsed < .seconds(30), "took \(elapsed)")
    }

    // MARK: R sna

    struct Fixture: Decodable, Sendable, CustomStringConvertible {
        var name: String
        var n: Int
        var directed: Bool
        var groups: [Int32]
        var edges: [[Int]]
        var raw: [String: [Double?]]
        var exp: [String: [Double?]]
        var z: [String: [Double?]]
        var description: String { name }
    }

    static func fixtures() -> [Fixture] {
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/brokerage/sna-brokerage.json")
        guard let data = try? Data(contentsOf: file) else { return [] }
        return (try? JSONDecoder().decode([Fixture].self, from: data)) ?? []
    }

    @Test func fixturesLoad() {
        #expect(Self.fixtures().count == 8)
    }

    /// Our role order against sna's column names.
    static let snaColumn = ["w_I", "w_O", "b_OI", "b_IO", "b_O"]

    @Test(arguments: BrokerageTests.fixtures())
    func agreesWithSna(_ f: Fixture) throws {
        let g = try Self.network(f.n, f.edges.map { ($0[0], $0[1]) }, directed: f.directed)
        let r = g.brokerageRoles(groups: f.groups)
        for v in 0..<f.n {
            for (role, column) in Self.snaColumn.enumerated() {
                #expect(r.counts[v][role] == f.raw[column]![v]!, "\(f.name) node \(v) \(column) count")
                #expect(Self.close(r.expected[v][role], f.exp[column]![v]!, 1e-12), "\(f.name) node \(v) \(column) expected")
                #expect(Self.close(r.z[v][role], f.z[column]![v] ?? .nan, 1e-9), "\(f.name) node \(v) \(column) z")
            }
            #expect(r.total[v] == f.raw["t"]![v]!)
            #expect(Self.close(r.expectedTotal[v], f.exp["t"]![v]!, 1e-12))
            #expect(Self.close(r.zTotal[v], f.z["t"]![v] ?? .nan, 1e-9))
        }
    }
}
