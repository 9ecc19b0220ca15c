import Testing
@testable import NetworkAnalysis

/// Eigenvector centrality of undirected networks runs thick-restart Lanczos from the uniform
/// vector; directed networks run the power iteration on A + I. A symmetric network stored as a
/// directed one with both arcs has the same left eigenvector, so the two paths must agree: on
/// seeded random graphs, weighted and not, on bipartite graphs (trees, even cycles: −λ is an
/// eigenvalue too), and on disconnected ones, including two identical components (a repeated top
/// eigenvalue, where the limit depends on the start vector).
@Suite struct EigenvectorLanczosTests {
    /// The network undirected, and the same ties as a directed network with both arcs.
    static func pair(_ n: Int, _ edges: [(Int, Int, Double)]) throws -> (undirected: Network, directed: Network) {
        let s = edges.map { Int32($0.0) }, t = edges.map { Int32($0.1) }, w = edges.map(\.2)
        let undirected = try Network(nodeCount: n, sources: s, targets: t, weights: w, directed: false)
        let directed = try Network(nodeCount: n, sources: s + t, targets: t + s, weights: w + w, directed: true)
        return (undirected, directed)
    }

    static func expectSame(_ n: Int, _ edges: [(Int, Int, Double)], _ what: String) throws {
        let (u, d) = try pair(n, edges)
        #expect(!u.isDirected && d.isDirected)
        for weighted in [false, true] {
            let lanczos = try u.eigenvector(weighted: weighted, tolerance: 1e-12, maxIterations: 100_000)
            let power = try d.eigenvector(weighted: weighted, tolerance: 1e-13, maxIterations: 1_000_000)
            let worst = zip(lanczos, power).map { abs($0 - $1) }.max() ?? 0
            #expect(worst <= 1e-9, "\(what), weighted \(weighted): differs by \(worst)")
            #expect(lanczos.allSatisfy { $0 >= 0 }, "\(what): the Perron vector is non-negative")
        }
    }

    @Test(arguments: 0..<40) func randomGraphs(_ seed: Int) throws {
        var rng = SeededGenerator(seed: UInt64(seed) &+ 77)
        let n = 3 + seed % 40
        var edges: [(Int, Int, Double)] = []
        var seen = Set<[Int]>()
        for _ in 0..<(n * (1 + seed % 4)) {
            let a = Int.random(in: 0..<n, using: &rng), b = Int.random(in: 0..<n, using: &rng)
            guard a != b, seen.insert([min(a, b), max(a, b)]).inserted else { continue }
            edges.append((a, b, Double(Int.random(in: 1...5, using: &rng))))
        }
        guard !edges.isEmpty else { return }
        try Self.expectSame(n, edges, "seed \(seed)")
    }

    @Test func bipartiteAndDisconnected() throws {
        // A path and a star (trees, bipartite).
        try Self.expectSame(6, (0..<5).map { ($0, $0 + 1, 1) }, "path")
        try Self.expectSame(7, (1..<7).map { (0, $0, 1) }, "star")
        // An even cycle (bipartite and regular).
        try Self.expectSame(8, (0..<8).map { ($0, ($0 + 1) % 8, 1) }, "8-cycle")
        // Two identical triangles plus an edge: a repeated top eigenvalue.
        try Self.expectSame(8, [(0, 1, 1), (1, 2, 1), (2, 0, 1), (3, 4, 1), (4, 5, 1), (5, 3, 1), (6, 7, 1)], "two triangles")
        // A triangle and a square with a pendant: different components, different λ.
        try Self.expectSame(8, [(0, 1, 1), (1, 2, 1), (2, 0, 1), (3, 4, 1), (4, 5, 1), (5, 6, 1), (6, 3, 1), (6, 7, 1)], "triangle and square")
        // One edge, and one node.
        try Self.expectSame(2, [(0, 1, 1)], "one edge")
        let single = try Network(nodeCount: 1, sources: [], targets: [], directed: false)
        #expect(try single.eigenvector() == [1])
    }
}

/// The product xᵀA runs its rows on several threads above 64k entries: each row is one sum in
/// in-edge order, so the result has the same bits as a row-by-row loop.
@Suite struct LeftMultiplyTests {
    @Test func rowsOnThreadsGiveTheSameBits() throws {
        var rng = SeededGenerator(seed: 2026)
        let n = 10_000
        var s: [Int32] = [], t: [Int32] = [], w: [Double] = []
        for _ in 0..<40_000 {
            let a = Int32.random(in: 0..<Int32(n), using: &rng), b = Int32.random(in: 0..<Int32(n), using: &rng)
            guard a != b else { continue }
            s.append(a); t.append(b); w.append(Double.random(in: 0.1...3, using: &rng))
        }
        for directed in [false, true] {
            let g = try Network(nodeCount: n, sources: s, targets: t, weights: w, directed: directed)
            #expect(g.inOffsets[n] >= 65_536 || directed, "large enough to run on threads")
            let x = (0..<n).map { _ in Double.random(in: 0...1, using: &rng) }
            for weighted in [false, true] {
                let y = g.leftMultiply(x, weighted: weighted)
                var expected = [Double](repeating: 0, count: n)
                for v in 0..<n {
                    var sum = 0.0
                    for k in Int(g.inOffsets[v])..<Int(g.inOffsets[v + 1]) {
                        let weight = weighted ? g.weights![directed ? Int(g.inEdges[k]) : k] : 1
                        sum += x[Int(g.inSources[k])] * weight
                    }
                    expected[v] = sum
                }
                #expect(y == expected, "directed \(directed), weighted \(weighted)")
            }
        }
    }
}
