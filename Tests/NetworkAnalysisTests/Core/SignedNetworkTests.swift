import NetworkAnalysis
import Testing

/// SignedNetwork construction: parallel ties merged per sign, both directions stored alike.
@Suite struct SignedNetworkTests {

    @Test func emptyAndSingleNode() throws {
        let empty = try SignedNetwork(nodeCount: 0, sources: [], targets: [])
        #expect(empty.nodeCount == 0 && empty.pairCount == 0 && empty.offsets == [0])
        let one = try SignedNetwork(nodeCount: 1, sources: [], targets: [])
        #expect(one.neighbors(of: 0).isEmpty && one.edge(0, 0) == nil)
    }

    @Test func parallelTiesMergeBySign() throws {
        // 0–1: +2, +1 and −3 (ambivalent); 1–2: −1 twice (given both ways); 0–3: +1.
        let g = try SignedNetwork(nodeCount: 4, sources: [0, 1, 1, 1, 2, 0], targets: [1, 0, 0, 2, 1, 3],
                                  weights: [2, 1, 3, 1, 1, 1], signs: [1, 1, -1, -1, -1, 1])
        #expect(g.pairCount == 3)
        #expect(Array(g.neighbors(of: 0)) == [1, 3])
        #expect(Array(g.neighbors(of: 1)) == [0, 2])
        #expect(Array(g.neighbors(of: 2)) == [1])
        let e01 = try #require(g.edge(0, 1))
        #expect(g.positive[e01] == 3 && g.negative[e01] == 3)
        let e12 = try #require(g.edge(1, 2))
        #expect(g.positive[e12] == 0 && g.negative[e12] == 2)
        let e03 = try #require(g.edge(0, 3))
        #expect(g.positive[e03] == 1 && g.negative[e03] == 0)
        #expect(g.edge(0, 2) == nil && g.edge(2, 3) == nil && g.edge(3, 3) == nil)
        #expect(g.totalPositive == 4 && g.totalNegative == 5)
    }

    @Test(arguments: 0..<40) func twinsAgreeOnRandomGraphs(seed: Int) throws {
        var rng = SeededGenerator(seed: UInt64(seed))
        let n = Int.random(in: 2...12, using: &rng)
        var s: [Int32] = [], t: [Int32] = [], w: [Double] = [], sg: [Int8] = []
        var pos = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
        var neg = pos
        for _ in 0..<Int.random(in: 0...30, using: &rng) {
            let u = Int.random(in: 0..<n, using: &rng), v = Int.random(in: 0..<n, using: &rng)
            guard u != v else { continue }
            let weight = Double(Int.random(in: 1...4, using: &rng)), sign: Int8 = Bool.random(using: &rng) ? 1 : -1
            s.append(Int32(u)); t.append(Int32(v)); w.append(weight); sg.append(sign)
            if sign > 0 { pos[u][v] += weight; pos[v][u] += weight } else { neg[u][v] += weight; neg[v][u] += weight }
        }
        let g = try SignedNetwork(nodeCount: n, sources: s, targets: t, weights: w, signs: sg)
        var pairs = 0
        for u in 0..<n {
            let row = Array(g.neighbors(of: u))
            #expect(row == row.sorted() && Set(row).count == row.count, "seed \(seed): row \(u) not strictly increasing")
            for v in 0..<n where v != u {
                if pos[u][v] + neg[u][v] > 0 {
                    let e = try #require(g.edge(u, v)), f = try #require(g.edge(v, u))
                    #expect(g.positive[e] == pos[u][v] && g.negative[e] == neg[u][v], "seed \(seed): pair \(u)-\(v)")
                    #expect(g.positive[f] == g.positive[e] && g.negative[f] == g.negative[e])
                    if u < v { pairs += 1 }
                } else {
                    #expect(g.edge(u, v) == nil)
                }
            }
        }
        #expect(g.pairCount == pairs)
    }

    @Test func fromNetwork() throws {
        // Directed: 0→1 (+2) and 1→0 (−1) are two ties of one pair; 1→2 (−3).
        let directed = try Network(nodeCount: 3, sources: [0, 1, 1], targets: [1, 0, 2], weights: [2, 1, 3],
                                   signs: [1, -1, -1], directed: true)
        let g = SignedNetwork(directed)
        let e01 = try #require(g.edge(0, 1)), e12 = try #require(g.edge(2, 1))
        #expect(g.positive[e01] == 2 && g.negative[e01] == 1)
        #expect(g.positive[e12] == 0 && g.negative[e12] == 3)
        // Undirected: each pair once.
        let undirected = try Network(nodeCount: 3, sources: [0, 1], targets: [1, 2], signs: [1, -1], directed: false)
        let h = SignedNetwork(undirected)
        #expect(h.pairCount == 2 && h.totalPositive == 1 && h.totalNegative == 1)
    }

    @Test func refusesBadInput() {
        #expect(throws: Network.BuildError.selfLoop(edge: 0, node: 1)) {
            try SignedNetwork(nodeCount: 2, sources: [1], targets: [1])
        }
        #expect(throws: Network.BuildError.nodeOutOfRange(edge: 0, node: 5)) {
            try SignedNetwork(nodeCount: 2, sources: [0], targets: [5])
        }
        #expect(throws: Network.BuildError.badWeight(edge: 0, weight: 0)) {
            try SignedNetwork(nodeCount: 2, sources: [0], targets: [1], weights: [0])
        }
        #expect(throws: (any Error).self) {
            try SignedNetwork(nodeCount: 2, sources: [0], targets: [1], signs: [1, 1])
        }
    }
}
