@testable import NetworkAnalysis
import Testing

/// Key players (Borgatti 2006) against brute force: Floyd–Warshall distances and every k-set.
@Suite struct KeyPlayerTests {

    struct Case: CustomStringConvertible, Sendable {
        var seed: UInt64
        var n: Int
        var directed: Bool
        var edges: [(Int32, Int32)]
        var description: String { "seed \(seed): n \(n), \(edges.count) edges\(directed ? ", directed" : "")" }

        init(seed: UInt64, sizes: ClosedRange<Int> = 2...12, allowDirected: Bool = true) {
            var rng = SeededGenerator(seed: seed)
            self.seed = seed
            n = Int.random(in: sizes, using: &rng)
            directed = allowDirected && Bool.random(using: &rng)
            let p = Double.random(in: 0.1...0.5, using: &rng)
            var edges: [(Int32, Int32)] = []
            for u in 0..<n {
                for v in 0..<n where u != v && (directed || u < v) && Double.random(in: 0..<1, using: &rng) < p {
                    edges.append((Int32(u), Int32(v)))
                }
            }
            self.edges = edges
        }

        func network() throws -> Network {
            try Network(nodeCount: n, sources: edges.map(\.0), targets: edges.map(\.1), directed: directed)
        }

        /// Hop distances with `removed` taken out, read as undirected (Floyd–Warshall).
        func distances(removing removed: Set<Int>) -> [[Double]] {
            var d = [[Double]](repeating: [Double](repeating: .infinity, count: n), count: n)
            for i in 0..<n { d[i][i] = 0 }
            for (u, v) in edges where !removed.contains(Int(u)) && !removed.contains(Int(v)) {
                d[Int(u)][Int(v)] = 1; d[Int(v)][Int(u)] = 1
            }
            for k in 0..<n where !removed.contains(k) {
                for i in 0..<n { for j in 0..<n where d[i][k] + d[k][j] < d[i][j] { d[i][j] = d[i][k] + d[k][j] } }
            }
            return d
        }

        /// DF by definition: 1 − Σ_{i≠j} 1/d_ij / (n(n−1)) over the nodes left.
        func fragmentation(removing removed: Set<Int>) -> Double {
            let d = distances(removing: removed)
            let left = (0..<n).filter { !removed.contains($0) }
            guard left.count >= 2 else { return 1 }
            var sum = 0.0
            for i in left { for j in left where i != j && d[i][j].isFinite { sum += 1 / d[i][j] } }
            return 1 - sum / Double(left.count * (left.count - 1))
        }

        /// (m-reach, DR) by definition.
        func reach(of set: Set<Int>, within m: Int) -> (Double, Double) {
            let d = distances(removing: [])
            let outside = (0..<n).filter { !set.contains($0) }
            guard !outside.isEmpty else { return (1, 0) }
            var within = 0, weighted = 0.0
            for j in outside {
                let dj = set.map { d[$0][j] }.min() ?? .infinity
                if dj <= Double(m) { within += 1 }
                if dj.isFinite { weighted += 1 / dj }
            }
            return (Double(within) / Double(outside.count), weighted / Double(outside.count))
        }
    }

    static func subsets(_ n: Int, _ k: Int) -> [[Int]] {
        if k == 0 { return [[]] }
        if n < k { return [] }
        return subsets(n - 1, k) + subsets(n - 1, k - 1).map { $0 + [n - 1] }
    }

    static let cases = (1...100).map { Case(seed: UInt64($0)) }

    // MARK: Fragmentation

    @Test(arguments: KeyPlayerTests.cases)
    func fragmentationMatchesFloydWarshall(_ c: Case) throws {
        let g = try c.network()
        var rng = SeededGenerator(seed: c.seed &+ 1000)
        for _ in 0..<4 {
            let removed = (0..<c.n).filter { _ in Double.random(in: 0..<1, using: &rng) < 0.25 }
            let want = c.fragmentation(removing: Set(removed))
            let got = g.distanceFragmentation(removing: removed.map { Int32($0) })
            #expect(abs(got - want) < 1e-12, "removing \(removed): \(got) vs \(want)")
        }
    }

    /// The swap scorer (one search per source, then local repairs per candidate) against
    /// Floyd–Warshall for every candidate added to a random base set.
    @Test(arguments: KeyPlayerTests.cases)
    func incrementalScoresMatchFloydWarshall(_ c: Case) throws {
        let g = try c.network()._undirectedTies()
        var rng = SeededGenerator(seed: c.seed &+ 3000)
        let engine = _FragmentationEngine(g)
        for _ in 0..<3 {
            let base = (0..<c.n).filter { _ in Double.random(in: 0..<1, using: &rng) < 0.2 }
            let candidates = (0..<c.n).filter { !base.contains($0) }
            engine.prepare(removing: base.map { Int32($0) }, threads: 2)
            let got = engine.evaluate(candidates: candidates.map { Int32($0) }, threads: 2)
            for (v, value) in zip(candidates, got) {
                let want = c.fragmentation(removing: Set(base + [v]))
                #expect(abs(value - want) < 1e-12, "base \(base) + \(v): \(value) vs \(want)")
            }
        }
    }

    @Test func fragmentationKnownValues() throws {
        let n = 6
        var s: [Int32] = [], t: [Int32] = []
        for u in 0..<n { for v in (u + 1)..<n { s.append(Int32(u)); t.append(Int32(v)) } }
        let complete = try Network(nodeCount: n, sources: s, targets: t, directed: false)
        #expect(complete.distanceFragmentation() == 0)
        // Removing nodes from a complete graph leaves a complete graph.
        #expect(complete.distanceFragmentation(removing: [0, 3]) == 0)

        let empty = try Network(nodeCount: 5, sources: [], targets: [], directed: false)
        #expect(empty.distanceFragmentation() == 1)

        // Path 0 – 1 – 2: ordered pairs at distance 1: (0,1), (1,0), (1,2), (2,1); at distance 2:
        // (0,2), (2,0). Σ 1/d = 4 + 2·½ = 5 over n(n−1) = 6 pairs, so DF = 1 − 5/6 = 1/6.
        let path = try Network(nodeCount: 3, sources: [0, 1], targets: [1, 2], directed: false)
        #expect(abs(path.distanceFragmentation() - 1.0 / 6) < 1e-15)
        // Removing the middle leaves two isolates: DF = 1.
        #expect(path.distanceFragmentation(removing: [1]) == 1)
        // Fewer than two nodes: defined as 1.
        #expect(path.distanceFragmentation(removing: [0, 1]) == 1)
        #expect(try Network(nodeCount: 0, sources: [], targets: [], directed: false).distanceFragmentation() == 1)
    }

    // MARK: KPP-Neg

    /// The heuristic against brute force on 100 seeded graphs of 8–14 nodes, k = 1…3.
    @Test func negativeHeuristicFindsTheOptimum() throws {
        var hits = 0, total = 0
        for seed in 1...100 {
            let c = Case(seed: UInt64(seed) &* 7919, sizes: 8...14, allowDirected: false)
            let g = try c.network()
            let k = 1 + seed % 3
            let best = KeyPlayerTests.subsets(c.n, k).map { c.fragmentation(removing: Set($0)) }.max()!
            let exact = g.keyPlayersNegative(k: k)
            #expect(exact.optimal, "\(c)")
            #expect(abs(exact.score - best) < 1e-12, "\(c) k \(k): exhaustive \(exact.score) vs \(best)")
            #expect(exact.nodes.count == k && exact.nodes == exact.nodes.sorted())
            #expect(abs(exact.score - c.fragmentation(removing: Set(exact.nodes.map(Int.init)))) < 1e-12)
            #expect(abs(exact.baseline - c.fragmentation(removing: [])) < 1e-12)

            let heuristic = g.keyPlayersNegative(k: k, seed: UInt64(seed), exhaustiveLimit: 0)
            #expect(!heuristic.optimal)
            #expect(heuristic.method == "greedy + swaps (8 restarts)")
            #expect(heuristic.score <= best + 1e-12)
            total += 1
            if abs(heuristic.score - best) < 1e-12 { hits += 1 }
        }
        print("KPP-Neg heuristic optimal on \(hits) of \(total) graphs")
        #expect(Double(hits) >= 0.95 * Double(total))
    }

    @Test func negativeFindsTheBridgeOfABarbell() throws {
        // Cliques {0…4} and {6…10}; node 5 is tied to 3, 4, 6 and 7, so it is the only cut node.
        var s: [Int32] = [], t: [Int32] = []
        for clique in [0, 6] {
            for u in clique..<(clique + 5) { for v in (u + 1)..<(clique + 5) { s.append(Int32(u)); t.append(Int32(v)) } }
        }
        for v: Int32 in [3, 4, 6, 7] { s.append(5); t.append(v) }
        let g = try Network(nodeCount: 11, sources: s, targets: t, directed: false)
        for limit in [200_000, 0] {
            let r = g.keyPlayersNegative(k: 1, exhaustiveLimit: limit)
            #expect(r.nodes == [5])
            // Two K5s left: 40 of 90 ordered pairs at distance 1.
            #expect(abs(r.score - (1 - 40.0 / 90)) < 1e-12)
            #expect(r.baseline < r.score)
        }
        #expect(g.keyPlayersNegative(k: 1).method == "exhaustive (11 sets)")
    }

    @Test func edgeCases() throws {
        let path = try Network(nodeCount: 3, sources: [0, 1], targets: [1, 2], directed: false)
        let none = path.keyPlayersNegative(k: 0)
        #expect(none.nodes == [] && none.score == none.baseline && none.optimal)
        let all = path.keyPlayersNegative(k: 3)
        #expect(all.nodes == [0, 1, 2] && all.score == 1)
        #expect(path.keyPlayersPositive(k: 3).score == 1)
        #expect(path.keyPlayersPositive(k: 0).score == 0)
        #expect(path.reach(of: [], within: 2) == 0)
        #expect(path.reach(of: [0], within: 1) == 0.5)
        #expect(path.reach(of: [0, 0], within: 2) == 1)
        // Directed edges are read as undirected ties.
        let directed = try Network(nodeCount: 3, sources: [0, 2], targets: [1, 1], directed: true)
        #expect(abs(directed.distanceFragmentation() - 1.0 / 6) < 1e-15)
        #expect(directed.keyPlayersNegative(k: 1).nodes == [1])
    }

    // MARK: Reach and KPP-Pos

    @Test(arguments: KeyPlayerTests.cases)
    func reachMatchesDefinition(_ c: Case) throws {
        let g = try c.network()
        var rng = SeededGenerator(seed: c.seed &+ 2000)
        for m in 0...3 {
            let set = (0..<c.n).filter { _ in Double.random(in: 0..<1, using: &rng) < 0.3 }
            let want = c.reach(of: Set(set), within: m).0
            #expect(abs(g.reach(of: set.map { Int32($0) }, within: m) - want) < 1e-12, "set \(set), m \(m)")
        }
    }

    /// Scoring a base plus one node by the search that stops where the base is as close gives
    /// exactly (==) the values of a full search from the set, on 200 seeded graphs.
    @Test func reachFromABaseEqualsFullSearch() throws {
        for seed in 1...200 {
            let c = Case(seed: UInt64(seed) &+ 80_000, sizes: 2...30, allowDirected: true)
            let g = try c.network()._undirectedTies()
            var rng = SeededGenerator(seed: UInt64(seed))
            var scratch = _ReachScratch(nodeCount: c.n)
            for m in 1...3 {
                let base = (0..<Int32(c.n)).filter { _ in Double.random(in: 0..<1, using: &rng) < 0.2 }
                let from = scratch.search(g, members: base)
                for v in (0..<Int32(c.n)) where !base.contains(v) {
                    let got = scratch.score(g, adding: v, to: from, m: m)
                    let want = scratch.score(g, members: base, extra: v, m: m)
                    #expect(got.primary == want.primary && got.secondary == want.secondary, "\(c) base \(base) + \(v), m \(m)")
                }
            }
        }
    }

    @Test func positiveHeuristicFindsTheOptimum() throws {
        var hits = 0, total = 0
        for seed in 1...100 {
            let c = Case(seed: UInt64(seed) &* 104_729, sizes: 8...14, allowDirected: false)
            let g = try c.network()
            let k = 1 + seed % 3, m = 1 + seed % 2
            let scores = KeyPlayerTests.subsets(c.n, k).map { c.reach(of: Set($0), within: m) }
            let best = scores.map(\.0).max()!
            let bestDR = scores.filter { abs($0.0 - best) < 1e-12 }.map(\.1).max()!
            let exact = g.keyPlayersPositive(k: k, m: m)
            #expect(exact.optimal)
            #expect(abs(exact.score - best) < 1e-12, "\(c) k \(k) m \(m)")
            let exactDR = c.reach(of: Set(exact.nodes.map(Int.init)), within: m).1
            #expect(abs(exactDR - bestDR) < 1e-12, "tie broken by DR")

            let heuristic = g.keyPlayersPositive(k: k, m: m, seed: UInt64(seed), exhaustiveLimit: 0)
            #expect(!heuristic.optimal && heuristic.score <= best + 1e-12)
            total += 1
            if abs(heuristic.score - best) < 1e-12 { hits += 1 }
        }
        print("KPP-Pos heuristic optimal on \(hits) of \(total) graphs")
        #expect(Double(hits) >= 0.95 * Double(total))
    }

    @Test func positivePicksTheCentreOfAStar() throws {
        let leaves = (1...9).map { Int32($0) }
        let star = try Network(nodeCount: 10, sources: leaves.map { _ in 0 }, targets: leaves, directed: false)
        for limit in [200_000, 0] {
            let r = star.keyPlayersPositive(k: 1, m: 1, exhaustiveLimit: limit)
            #expect(r.nodes == [0] && r.score == 1 && r.baseline == 0)
        }
        // Removing the centre leaves isolates.
        let neg = star.keyPlayersNegative(k: 1)
        #expect(neg.nodes == [0] && neg.score == 1)
    }

    // MARK: Incremental search against the static one

    /// The search with local repairs, bounds and memoised bases against the same search scoring
    /// every set from scratch (``Network/distanceFragmentation(removing:threads:)``), on 200
    /// seeded graphs of 10–30 nodes, k = 1…3.
    @Test func incrementalSearchEqualsStaticSearch() throws {
        for seed in 1...200 {
            let c = Case(seed: UInt64(seed) &* 6151, sizes: 10...30, allowDirected: true)
            let g = try c.network()
            let k = 1 + seed % 3
            let ties = g._undirectedTies()
            let search = _KeyPlayers.Search(nodeCount: c.n, k: k, seed: UInt64(seed), restarts: 3, exhaustiveLimit: 0) { base, candidates, _ in
                candidates.map { _KeyPlayers.Score(primary: ties.distanceFragmentation(removing: base + [$0], threads: 1), secondary: 0) }
            } score: { set in
                _KeyPlayers.Score(primary: ties.distanceFragmentation(removing: set, threads: 1), secondary: 0)
            }
            let want = search.run(emptyScore: _KeyPlayers.Score(primary: 0, secondary: 0)).nodes
            let got = g.keyPlayersNegative(k: k, seed: UInt64(seed), restarts: 3, exhaustiveLimit: 0, threads: 2)
            #expect(got.nodes == want, "\(c) k \(k)")
            #expect(abs(got.score - c.fragmentation(removing: Set(want.map(Int.init)))) < 1e-12, "\(c) k \(k)")
        }
    }

    /// The bound that lets the search skip candidates is an upper bound: on 200 seeded graphs,
    /// with a random base, the pruned scoring keeps every candidate within 10⁻¹² of the best.
    @Test func pruningKeepsEveryContender() throws {
        for seed in 1...200 {
            let c = Case(seed: UInt64(seed) &+ 50_000, sizes: 6...24, allowDirected: true)
            let g = try c.network()._undirectedTies()
            var rng = SeededGenerator(seed: UInt64(seed))
            let base = (0..<c.n).filter { _ in Double.random(in: 0..<1, using: &rng) < 0.15 }
            let candidates = (0..<c.n).filter { !base.contains($0) }.map { Int32($0) }
            let engine = _FragmentationEngine(g)
            engine.prepare(removing: base.map { Int32($0) }, threads: 2)
            let all = engine.evaluate(candidates: candidates, threads: 2)
            let pruned = engine.evaluate(candidates: candidates, floor: nil, threads: 2)
            let top = all.max() ?? 0
            for (i, v) in candidates.enumerated() {
                if let p = pruned[i] { #expect(p == all[i], "\(c) base \(base) + \(v)") }
                else { #expect(all[i] < top - 1e-12, "\(c) base \(base): \(v) scores \(all[i]), the best \(top), yet was skipped") }
            }
        }
    }

    /// E_B′(x), the pairs with x on some shortest path (weighted 1/d) that the cheap bound adds,
    /// against Floyd–Warshall on 200 seeded graphs, from the empty base and a random one.
    @Test func throughPairsMatchFloydWarshall() throws {
        for seed in 1...200 {
            let c = Case(seed: UInt64(seed) &+ 70_000, sizes: 3...20, allowDirected: true)
            let g = try c.network()._undirectedTies()
            var rng = SeededGenerator(seed: UInt64(seed))
            let engine = _FragmentationEngine(g)
            for reference in [[], (0..<c.n).filter { _ in Double.random(in: 0..<1, using: &rng) < 0.2 }] {
                let d = c.distances(removing: Set(reference))
                for x in 0..<c.n where !reference.contains(x) {
                    var want = 0.0
                    for s in 0..<c.n where s != x && !reference.contains(s) {
                        for t in 0..<c.n where t != x && t != s && !reference.contains(t) && d[s][t].isFinite
                            && d[s][x] + d[x][t] == d[s][t] {
                            want += 1 / d[s][t]
                        }
                    }
                    let got = engine.throughPairs(reference.map { Int32($0) }, Int32(x), threads: 2).reduce(0, +)
                    #expect(abs(got - want) < 1e-9, "\(c) without \(reference): E(\(x)) \(got) vs \(want)")
                }
            }
        }
    }

    /// The cheap bound (a bounded smaller base plus E) never skips a contender: one engine takes
    /// random bases of growing size in turn, so later bases are bounded from earlier ones, on
    /// 200 seeded graphs; every skipped candidate scores below the best, every scored one exactly.
    @Test func cheapBoundsKeepEveryContender() throws {
        for seed in 1...200 {
            let c = Case(seed: UInt64(seed) &+ 90_000, sizes: 8...24, allowDirected: false)
            let g = try c.network()
            var rng = SeededGenerator(seed: UInt64(seed))
            let engine = _FragmentationEngine(g)
            var base: [Int32] = []
            for _ in 0..<3 {
                let next = Int32.random(in: 0..<Int32(c.n), using: &rng)
                if !base.contains(next) && base.count + 3 < c.n { base.append(next) }
                let candidates = (0..<Int32(c.n)).filter { !base.contains($0) }
                engine.prepare(removing: base, threads: 2)
                let pruned = engine.evaluate(candidates: candidates, floor: nil, threads: 2)
                let all = candidates.map { c.fragmentation(removing: Set((base + [$0]).map(Int.init))) }
                let top = all.max() ?? 0
                for (i, v) in candidates.enumerated() {
                    if let p = pruned[i] { #expect(abs(p - all[i]) < 1e-12, "\(c) base \(base) + \(v)") }
                    else { #expect(all[i] < top - 1e-12, "\(c) base \(base): \(v) scores \(all[i]), the best \(top), yet was skipped") }
                }
            }
        }
    }

    /// On graphs of more than 512 nodes a score counts its pairs in several passes and stops
    /// once the passes counted and the bounds of the others rule the candidate out: on 6 seeded
    /// sparse graphs of 600–700 nodes, with floors that rule out about half the candidates,
    /// every candidate left unscored scores below the threshold and every scored one exactly.
    @Test func passCutoffsKeepEveryContender() throws {
        var cutoffs = 0
        for seed: UInt64 in 1...6 {
            var rng = SeededGenerator(seed: seed &+ 4242)
            let n = Int.random(in: 600...700, using: &rng)
            var s: [Int32] = [], t: [Int32] = []
            for _ in 0..<(2 * n) {
                let u = Int32.random(in: 0..<Int32(n), using: &rng), v = Int32.random(in: 0..<Int32(n), using: &rng)
                if u != v { s.append(u); t.append(v) }
            }
            let g = try Network(nodeCount: n, sources: s, targets: t, directed: false, parallel: .max)
            let base: [Int32] = [Int32.random(in: 0..<Int32(n), using: &rng)]
            let degree = (0..<n).map { Int(g.outOffsets[$0 + 1] - g.outOffsets[$0]) }
            let byDegree = (0..<Int32(n)).filter { !base.contains($0) }.sorted { degree[Int($0)] > degree[Int($1)] || (degree[Int($0)] == degree[Int($1)] && $0 < $1) }
            let candidates = Array(byDegree.prefix(12)) + (0..<12).map { _ in byDegree[Int.random(in: 12..<byDegree.count, using: &rng)] }
            let engine = _FragmentationEngine(g)
            engine.prepare(removing: base, threads: 2)
            let all = engine.evaluate(candidates: candidates, threads: 2)
            let floor = all.sorted()[all.count / 2]
            for f in [nil, floor] {
                let fresh = _FragmentationEngine(g)
                fresh.prepare(removing: base, threads: 2)
                let pruned = fresh.evaluate(candidates: candidates, floor: f, threads: 2)
                let top = max(all.max()!, f ?? -1)
                for (i, v) in candidates.enumerated() {
                    if let p = pruned[i] { #expect(p == all[i], "seed \(seed) + \(v)") }
                    else { #expect(all[i] < top - 1e-12, "seed \(seed): \(v) scores \(all[i]), the threshold \(top), yet was skipped") }
                }
                cutoffs += fresh.passCutoffs
            }
        }
        print("pass cutoffs: \(cutoffs)")
        #expect(cutoffs > 0, "no score stopped early: the test does not reach the cutoff")
    }

    /// On a sparse 400-node graph the bounds spare most exact scorings.
    @Test func pruningSparesMostScorings() throws {
        var rng = SeededGenerator(seed: 7)
        let n = 400
        var s: [Int32] = [], t: [Int32] = []
        for _ in 0..<1200 {
            let u = Int32.random(in: 0..<Int32(n), using: &rng), v = Int32.random(in: 0..<Int32(n), using: &rng)
            if u != v { s.append(u); t.append(v) }
        }
        let g = try Network(nodeCount: n, sources: s, targets: t, directed: false, parallel: .max)
        let engine = _FragmentationEngine(g)
        engine.prepare(removing: [], threads: 2)
        let scores = engine.evaluate(candidates: (0..<Int32(n)).map { $0 }, floor: nil, threads: 2)
        let scored = scores.compactMap { $0 }.count
        print("pruning: \(scored) of \(n) scored exactly")
        #expect(scored >= 1 && scored * 2 < n, "\(scored) of \(n) candidates scored exactly")
        #expect(engine.exactEvaluations == scored && engine.prunedEvaluations == n - scored)
    }

    // MARK: Determinism

    @Test func deterministicForASeed() throws {
        var rng = SeededGenerator(seed: 99)
        let n = 60
        var s: [Int32] = [], t: [Int32] = []
        for u in 0..<n { for v in (u + 1)..<n where Double.random(in: 0..<1, using: &rng) < 0.06 { s.append(Int32(u)); t.append(Int32(v)) } }
        let g = try Network(nodeCount: n, sources: s, targets: t, directed: false)
        for seed: UInt64 in [1, 2] {
            let neg = g.keyPlayersNegative(k: 3, seed: seed, restarts: 3, exhaustiveLimit: 0, threads: 1)
            #expect(g.keyPlayersNegative(k: 3, seed: seed, restarts: 3, exhaustiveLimit: 0, threads: 1) == neg)
            #expect(g.keyPlayersNegative(k: 3, seed: seed, restarts: 3, exhaustiveLimit: 0, threads: 3) == neg)
            #expect(neg.method == "greedy + swaps (3 restarts)")
            let pos = g.keyPlayersPositive(k: 3, m: 2, seed: seed, restarts: 3, exhaustiveLimit: 0, threads: 1)
            #expect(g.keyPlayersPositive(k: 3, m: 2, seed: seed, restarts: 3, exhaustiveLimit: 0, threads: 4) == pos)
        }
        #expect(g.distanceFragmentation(removing: [1, 2], threads: 1) == g.distanceFragmentation(removing: [1, 2], threads: 5))
    }
}
