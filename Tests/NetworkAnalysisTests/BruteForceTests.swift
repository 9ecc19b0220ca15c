import NetworkAnalysis
import Testing

/// Betweenness, closeness and components against brute force on small seeded random graphs:
/// every simple path enumerated, the shortest ones counted directly.
@Suite struct BruteForceTests {

    struct Case: CustomStringConvertible, Sendable {
        var seed: UInt64
        var n: Int
        var directed: Bool
        var weighted: Bool
        var edges: [(Int, Int, Double)]
        var description: String { "seed \(seed): n \(n), \(edges.count) edges, \(directed ? "directed" : "undirected"), \(weighted ? "weighted" : "unweighted")" }

        init(seed: UInt64) {
            var rng = SeededGenerator(seed: seed)
            self.seed = seed
            n = Int.random(in: 2...8, using: &rng)
            directed = Bool.random(using: &rng)
            weighted = Bool.random(using: &rng)
            let p = Double.random(in: 0.15...0.6, using: &rng)
            var edges: [(Int, Int, Double)] = []
            for u in 0..<n {
                for v in 0..<n where u != v && (directed || u < v) && Double.random(in: 0..<1, using: &rng) < p {
                    // Weights whose reciprocals are exact in binary, so ties are exact too.
                    edges.append((u, v, weighted ? [1, 2, 4].randomElement(using: &rng)! : 1))
                }
            }
            self.edges = edges
        }

        func network() throws -> Network {
            try Network(nodeCount: n, sources: edges.map { Int32($0.0) }, targets: edges.map { Int32($0.1) },
                        weights: edges.map(\.2), directed: directed)
        }

        /// Every simple path from s to t, as node lists, with its length.
        func paths(from s: Int, to t: Int) -> [(nodes: [Int], length: Double)] {
            var adjacency = [[(Int, Double)]](repeating: [], count: n)
            for (u, v, w) in edges {
                adjacency[u].append((v, 1 / w))
                if !directed { adjacency[v].append((u, 1 / w)) }
            }
            var found: [([Int], Double)] = []
            var path = [s]
            var onPath = Set([s])
            func walk(_ u: Int, _ length: Double) {
                if u == t { found.append((path, length)); return }
                for (v, d) in adjacency[u] where !onPath.contains(v) {
                    path.append(v); onPath.insert(v)
                    walk(v, length + d)
                    path.removeLast(); onPath.remove(v)
                }
            }
            walk(s, 0)
            return found
        }
    }

    static let cases = (1...150).map { Case(seed: UInt64($0)) }

    @Test(arguments: BruteForceTests.cases)
    func betweennessCountsShortestPaths(_ c: Case) throws {
        let g = try c.network()
        var expected = [Double](repeating: 0, count: c.n)
        var distance = [[Double]](repeating: [Double](repeating: .infinity, count: c.n), count: c.n)
        for s in 0..<c.n {
            distance[s][s] = 0
            for t in 0..<c.n where t != s {
                let all = c.paths(from: s, to: t)
                let lengths = all.map { c.weighted ? $0.length : Double($0.nodes.count - 1) }
                guard let shortest = lengths.min() else { continue }
                distance[s][t] = shortest
                let best = zip(all, lengths).filter { $0.1 == shortest }.map(\.0.nodes)
                for path in best {
                    for v in path.dropFirst().dropLast() { expected[v] += 1 / Double(best.count) }
                }
            }
        }
        // networkx's normalisation: 1/((n−1)(n−2)) when n > 2, over ordered pairs.
        let scale = c.n > 2 ? 1 / (Double(c.n - 1) * Double(c.n - 2)) : 1
        let got = g.betweenness(weighted: c.weighted)
        for v in 0..<c.n {
            #expect(abs(got[v] - expected[v] * scale) < 1e-12, "node \(v): \(got[v]) vs \(expected[v] * scale)")
        }
        // Raw: undirected sums halved (each pair once).
        let raw = g.betweenness(weighted: c.weighted, normalized: false)
        for v in 0..<c.n {
            #expect(abs(raw[v] - expected[v] * (c.directed ? 1 : 0.5)) < 1e-12)
        }
        // Closeness from the same distances: incoming paths, Wasserman–Faust.
        let closeness = g.closeness(weighted: c.weighted)
        for u in 0..<c.n {
            let reaching = (0..<c.n).filter { $0 != u && distance[$0][u].isFinite }
            let total = reaching.reduce(0.0) { $0 + distance[$1][u] }
            let r = Double(reaching.count)
            let want = total > 0 && c.n > 1 ? (r / total) * (r / Double(c.n - 1)) : 0
            #expect(abs(closeness[u] - want) < 1e-12, "closeness of \(u)")
        }
    }

    @Test(arguments: BruteForceTests.cases)
    func componentsAgreeWithReachability(_ c: Case) throws {
        let g = try c.network()
        var reach = [[Bool]](repeating: [Bool](repeating: false, count: c.n), count: c.n)
        for u in 0..<c.n { reach[u][u] = true }
        for (u, v, _) in c.edges { reach[u][v] = true; if !c.directed { reach[v][u] = true } }
        for k in 0..<c.n { for i in 0..<c.n { for j in 0..<c.n where reach[i][k] && reach[k][j] { reach[i][j] = true } } }
        let strong = g.strongComponents().component
        let weak = g.weakComponents().component
        for i in 0..<c.n {
            for j in 0..<c.n {
                #expect((strong[i] == strong[j]) == (reach[i][j] && reach[j][i]), "strong \(i) \(j)")
            }
        }
        var linked = [[Bool]](repeating: [Bool](repeating: false, count: c.n), count: c.n)
        for u in 0..<c.n { linked[u][u] = true }
        for (u, v, _) in c.edges { linked[u][v] = true; linked[v][u] = true }
        for k in 0..<c.n { for i in 0..<c.n { for j in 0..<c.n where linked[i][k] && linked[k][j] { linked[i][j] = true } } }
        for i in 0..<c.n { for j in 0..<c.n { #expect((weak[i] == weak[j]) == linked[i][j], "weak \(i) \(j)") } }
    }

    @Test func resultsDoNotDependOnTheThreadCount() throws {
        var rng = SeededGenerator(seed: 7)
        let n = 300
        var s: [Int32] = [], t: [Int32] = [], w: [Double] = []
        var seen = Set<Int>()
        while s.count < 1500 {
            let a = Int.random(in: 0..<n, using: &rng), b = Int.random(in: 0..<n, using: &rng)
            if a != b && seen.insert(a * n + b).inserted {
                s.append(Int32(a)); t.append(Int32(b)); w.append(Double(Int.random(in: 1...7, using: &rng)))
            }
        }
        let g = try Network(nodeCount: n, sources: s, targets: t, weights: w, directed: true)
        for weighted in [false, true] {
            let one = g.betweenness(weighted: weighted, threads: 1)
            for threads in [2, 3, 8] { #expect(g.betweenness(weighted: weighted, threads: threads) == one) }
            let c1 = g.closeness(weighted: weighted, threads: 1)
            #expect(g.closeness(weighted: weighted, threads: 4) == c1)
        }
    }

    @Test func buildingMergesParallelEdgesAndRefusesBadInput() throws {
        let g = try Network(nodeCount: 3, sources: [0, 0, 1, 0], targets: [1, 1, 2, 1], weights: [1, 2, 3, 4],
                            signs: [1, -1, 1, 1], directed: true)
        #expect(g.edgeCount == 2)
        #expect(Array(g.successors(of: 0)) == [1])
        // 0 → 1 three times: signed weights 1 − 2 + 4 = +3.
        #expect(g.weights == [3, 3])
        #expect(g.signs == nil)
        let negative = try Network(nodeCount: 2, sources: [0, 1], targets: [1, 0], weights: [1, 5], signs: [1, -1],
                                   directed: false)
        #expect(negative.weights == [4, 4] && negative.signs == [-1, -1])
        #expect(throws: Network.BuildError.selfLoop(edge: 0, node: 1)) {
            try Network(nodeCount: 2, sources: [1], targets: [1], directed: false)
        }
        #expect(throws: Network.BuildError.nodeOutOfRange(edge: 0, node: 5)) {
            try Network(nodeCount: 2, sources: [0], targets: [5], directed: false)
        }
        #expect(throws: Network.BuildError.badWeight(edge: 0, weight: 0)) {
            try Network(nodeCount: 2, sources: [0], targets: [1], weights: [0], directed: false)
        }
    }
}
