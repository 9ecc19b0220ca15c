import Testing
@testable import NetworkAnalysis

/// PageRank runs one fused pass per step over fixed row blocks on a team of threads, and the
/// Lanczos eigenvector does its vector work there too: both must give the same bits on one
/// thread and on several, and PageRank must stay within its certified 10⁻¹⁰ of a plain
/// textbook iteration run far past convergence.
@Suite struct IterativeSolverTests {
    /// A seeded random network with `n` nodes and about `m` edges (no self-loops), some nodes
    /// without out-edges (dangling) and some without any edges.
    static func network(n: Int, m: Int, directed: Bool, seed: UInt64) throws -> Network {
        var rng = SeededGenerator(seed: seed)
        var s: [Int32] = [], t: [Int32] = [], w: [Double] = []
        for _ in 0..<m {
            // Sources avoid the last tenth of the nodes, so those are dangling when directed.
            let a = Int32.random(in: 0..<Int32(n * 9 / 10), using: &rng)
            let b = Int32.random(in: 0..<Int32(n - 5), using: &rng)
            guard a != b else { continue }
            s.append(a); t.append(b); w.append(Double.random(in: 0.1...4, using: &rng))
        }
        return try Network(nodeCount: n, sources: s, targets: t, weights: w, directed: directed, parallel: .sum)
    }

    /// The textbook PageRank iteration (networkx's), on plain arrays, for `steps` steps.
    static func textbook(_ g: Network, alpha: Double, weighted: Bool, p: [Double], steps: Int) -> [Double] {
        let n = g.nodeCount
        let out = weighted ? g.outStrength() : g.outDegree()
        var x = [Double](repeating: 1 / Double(n), count: n)
        for _ in 0..<steps {
            var y = [Double](repeating: 0, count: n)
            var dangling = 0.0
            for u in 0..<n {
                if out[u] == 0 { dangling += x[u]; continue }
                for e in Int(g.outOffsets[u])..<Int(g.outOffsets[u + 1]) {
                    let weight = weighted ? g.weights![e] : 1
                    y[Int(g.targets[e])] += x[u] * weight / out[u]
                }
            }
            x = (0..<n).map { alpha * (y[$0] + dangling * p[$0]) + (1 - alpha) * p[$0] }
        }
        return x
    }

    @Test(arguments: [false, true]) func pageRankMatchesTheTextbookIteration(_ directed: Bool) throws {
        let g = try Self.network(n: 3_000, m: 12_000, directed: directed, seed: directed ? 11 : 12)
        let n = g.nodeCount
        var rng = SeededGenerator(seed: 5)
        let personal = (0..<n).map { _ in Double.random(in: 0...1, using: &rng) }
        let total = personal.reduce(0, +)
        for weighted in [false, true] {
            for p in [nil, personal] {
                let ours = try g.pageRank(weighted: weighted, personalization: p)
                let reference = Self.textbook(g, alpha: 0.85, weighted: weighted,
                                              p: p.map { $0.map { $0 / total } } ?? [Double](repeating: 1 / Double(n), count: n),
                                              steps: 400)
                let distance = zip(ours, reference).map { abs($0 - $1) }.reduce(0, +)
                #expect(distance <= 1e-10, "directed \(directed), weighted \(weighted), personalised \(p != nil): L1 \(distance)")
            }
        }
        // No personalisation and a uniform one are the same computation, bit for bit.
        #expect(try g.pageRank() == g.pageRank(personalization: [Double](repeating: 3, count: n)))
    }

    @Test func pageRankBitsDoNotDependOnThreads() throws {
        for directed in [true, false] {
            let g = try Self.network(n: 20_000, m: 90_000, directed: directed, seed: 2026)
            #expect(g.inOffsets[g.nodeCount] >= 65_536, "large enough for the default to use threads")
            for weighted in [false, true] {
                let one = try g._pageRank(alpha: 0.85, weighted: weighted, personalization: nil, tolerance: 1e-10,
                                          maxIterations: 1000, threads: 1)
                for threads in [2, 3] {
                    let many = try g._pageRank(alpha: 0.85, weighted: weighted, personalization: nil, tolerance: 1e-10,
                                               maxIterations: 1000, threads: threads)
                    #expect(one == many, "directed \(directed), weighted \(weighted), \(threads) threads")
                }
                #expect(try g.pageRank(weighted: weighted) == one)
            }
        }
    }

    @Test func lanczosBitsDoNotDependOnThreads() throws {
        let g = try Self.network(n: 20_000, m: 60_000, directed: false, seed: 7)
        for weighted in [false, true] {
            let one = try g._eigenvectorLanczos(weighted: weighted, tolerance: 1e-10, maxIterations: 10_000, threads: 1)
            let two = try g._eigenvectorLanczos(weighted: weighted, tolerance: 1e-10, maxIterations: 10_000, threads: 2)
            #expect(one == two, "weighted \(weighted)")
        }
    }

    /// Above 16·12² nodes the Lanczos loop also checks convergence between restarts: the result
    /// must still be the power iteration's limit.
    @Test(arguments: [3, 4]) func lanczosStopsBetweenRestartsAtTheLimit(_ seed: UInt64) throws {
        let g = try Self.network(n: 3_000, m: 9_000, directed: false, seed: seed)
        let twice = try Network(nodeCount: g.nodeCount,
                                sources: (0..<g.nodeCount).flatMap { u in (Int(g.outOffsets[u])..<Int(g.outOffsets[u + 1])).map { _ in Int32(u) } },
                                targets: g.targets, weights: g.weights, directed: true)
        for weighted in [false, true] {
            let lanczos = try g.eigenvector(weighted: weighted)
            let power = try twice.eigenvector(weighted: weighted, tolerance: 1e-13, maxIterations: 1_000_000)
            let worst = zip(lanczos, power).map { abs($0 - $1) }.max() ?? 0
            #expect(worst <= 1e-9, "seed \(seed), weighted \(weighted): differs by \(worst)")
        }
    }

    /// HITS runs both products on a team (xᵀA by in-edge rows, Ax by out-edge rows); each row is
    /// one sum in edge order, so it must equal the plain serial iteration bit for bit.
    @Test func hitsEqualsThePlainIterationBitForBit() throws {
        let g = try Self.network(n: 20_000, m: 90_000, directed: true, seed: 99)
        #expect(g.inOffsets[g.nodeCount] >= 65_536, "large enough for the default to use threads")
        let n = g.nodeCount
        for weighted in [false, true] {
            func weight(_ e: Int) -> Double { weighted ? g.weights![e] : 1 }
            var inWeight = [Int](repeating: 0, count: g.inSources.count)
            for k in 0..<inWeight.count { inWeight[k] = Int(g.inEdges[k]) }
            // The plain iteration, as hits(weighted:tolerance:maxIterations:) documents it.
            var h = [Double](repeating: 1 / Double(n), count: n), a = [Double](repeating: 0, count: n)
            var rule = IterativeConvergence(tolerance: 1e-10, contraction: nil, nodeCount: n)
            func authorities() -> [Double] {
                (0..<n).map { v in
                    var s = 0.0
                    for k in Int(g.inOffsets[v])..<Int(g.inOffsets[v + 1]) { s += h[Int(g.inSources[k])] * weight(inWeight[k]) }
                    return s
                }
            }
            var done = false
            for _ in 0..<10_000 where !done {
                let last = h
                a = authorities()
                h = (0..<n).map { u in
                    var s = 0.0
                    for e in Int(g.outOffsets[u])..<Int(g.outOffsets[u + 1]) { s += a[Int(g.targets[e])] * weight(e) }
                    return s
                }
                let top = h.max()!
                for i in 0..<n { h[i] /= top }
                var change = 0.0, size = 0.0
                for i in 0..<n { change += abs(h[i] - last[i]); size += h[i] }
                done = rule.isDone(change: change, size: size)
            }
            a = authorities()
            let hs = h.reduce(0, +), asum = a.reduce(0, +)
            let ours = try g.hits(weighted: weighted)
            #expect(ours.hubs == h.map { $0 / hs }, "weighted \(weighted): hubs")
            #expect(ours.authorities == a.map { $0 / asum }, "weighted \(weighted): authorities")
        }
    }
}
