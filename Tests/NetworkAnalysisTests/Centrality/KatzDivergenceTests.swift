import Testing
@testable import NetworkAnalysis

/// Katz centrality refuses at once, with a certified reason, when α is at least 1/λ_max: the
/// Collatz–Wielandt lower bound on the spectral radius never exceeds the true one (dense
/// eigenvalues of random symmetric graphs; directed cycles, complete digraphs and acyclic
/// graphs, whose spectral radii are known), and a convergent α is never refused.
@Suite struct KatzDivergenceTests {
    static func randomSymmetric(_ seed: Int) throws -> (Network, [Double]) {
        var rng = SeededGenerator(seed: UInt64(seed) &+ 991)
        let n = 2 + seed % 30
        var a = [Double](repeating: 0, count: n * n)
        var s: [Int32] = [], t: [Int32] = [], w: [Double] = []
        for _ in 0..<(n * (1 + seed % 3)) {
            let u = Int.random(in: 0..<n, using: &rng), v = Int.random(in: 0..<n, using: &rng)
            guard u != v, a[u * n + v] == 0 else { continue }
            let weight = Double(Int.random(in: 1...4, using: &rng))
            a[u * n + v] = weight; a[v * n + u] = weight
            s.append(Int32(u)); t.append(Int32(v)); w.append(weight)
        }
        return (try Network(nodeCount: n, sources: s, targets: t, weights: w, directed: false), a)
    }

    @Test(arguments: 0..<50) func theBoundNeverExceedsTheLargestEigenvalue(_ seed: Int) throws {
        let (g, a) = try Self.randomSymmetric(seed)
        let n = g.nodeCount
        for weighted in [false, true] {
            var m = a
            if !weighted { for i in m.indices where m[i] != 0 { m[i] = 1 } }
            let top = _SymmetricEigen.dense(m, n: n).values.last ?? 0
            let bound = try #require(g._spectralRadiusLowerBound(weighted: weighted))
            #expect(bound <= top * (1 + 1e-12) + 1e-12, "seed \(seed), weighted \(weighted): \(bound) > \(top)")
            // Each Katz call is refused exactly when α·bound ≥ 1, and never for a convergent α.
            let alpha = 1.05 / max(top, 1e-9)
            if top > 0, bound * alpha >= 1 {
                #expect(throws: CentralityError.self) { try g.katz(alpha: alpha, weighted: weighted) }
            }
            if top > 0 {
                _ = try g.katz(alpha: 0.9 / top, weighted: weighted, maxIterations: 1_000_000)
            }
        }
    }

    @Test func knownSpectralRadii() throws {
        // A directed 5-cycle: ρ = 1 (periodic; the shift A + I makes the iteration settle).
        let cycle = try Network(nodeCount: 5, sources: [0, 1, 2, 3, 4], targets: [1, 2, 3, 4, 0], directed: true)
        let c = try #require(cycle._spectralRadiusLowerBound(weighted: false))
        #expect(c <= 1 && c > 0.999, "\(c)")
        // A complete digraph on 4 nodes: ρ = 3.
        var s: [Int32] = [], t: [Int32] = []
        for u in 0..<4 { for v in 0..<4 where u != v { s.append(Int32(u)); t.append(Int32(v)) } }
        let complete = try Network(nodeCount: 4, sources: s, targets: t, directed: true)
        let k = try #require(complete._spectralRadiusLowerBound(weighted: false))
        #expect(k <= 3 && k > 2.999, "\(k)")
        // An acyclic graph: ρ = 0, and every node is peeled away.
        let dag = try Network(nodeCount: 4, sources: [0, 0, 1, 2], targets: [1, 2, 3, 3], directed: true)
        #expect(dag._spectralRadiusLowerBound(weighted: false) == 0)
        _ = try dag.katz(alpha: 10)
    }

    @Test func aStarRefusesAtOnceAboveOneOverRootTen() throws {
        // A star with 10 leaves: λ_max = √10 ≈ 3.162.
        let star = try Network(nodeCount: 11, sources: [Int32](repeating: 0, count: 10), targets: (1...10).map { Int32($0) },
                               directed: false)
        do {
            _ = try star.katz(alpha: 0.5)
            Issue.record("alpha 0.5 ≥ 1/√10 must be refused")
        } catch let error as CentralityError {
            #expect(error.message.contains("diverges at alpha 0.5"), "\(error)")
            #expect(error.message.contains("at least 3.16"), "\(error)")
        }
        let converged = try star.katz(alpha: 0.3)
        #expect(converged.count == 11 && converged[0] > converged[1])
    }
}
