@testable import NetworkAnalysis
import Testing

/// Triangle census, the Doreian–Mrvar balance partition and the frustration index against brute
/// force on seeded random signed graphs (weighted and unweighted, some ambivalent pairs).
@Suite struct BalanceTests {

    /// A random signed graph: ties (u, v, weight, sign), some pairs given both signs.
    struct Case: CustomStringConvertible, Sendable {
        var seed: UInt64
        var n: Int
        var weighted: Bool
        var ties: [(Int, Int, Double, Int8)]
        var description: String { "seed \(seed): n \(n), \(ties.count) ties, \(weighted ? "weighted" : "unweighted"): \(ties)" }

        init(seed: UInt64, nodes: ClosedRange<Int>, ambivalence: Double = 0.1, density: ClosedRange<Double> = 0.2...0.7) {
            var rng = SeededGenerator(seed: seed)
            self.seed = seed
            n = Int.random(in: nodes, using: &rng)
            let isWeighted = Bool.random(using: &rng)
            weighted = isWeighted
            let p = Double.random(in: density, using: &rng)
            let negativeShare = Double.random(in: 0.1...0.6, using: &rng)
            var ties: [(Int, Int, Double, Int8)] = []
            for u in 0..<n {
                for v in (u + 1)..<n where Double.random(in: 0..<1, using: &rng) < p {
                    // Dyadic weights, so sums and comparisons are exact.
                    func weight() -> Double { isWeighted ? [0.5, 1, 2, 3].randomElement(using: &rng)! : 1 }
                    let sign: Int8 = Double.random(in: 0..<1, using: &rng) < negativeShare ? -1 : 1
                    ties.append((u, v, weight(), sign))
                    if Double.random(in: 0..<1, using: &rng) < ambivalence { ties.append((v, u, weight(), -sign)) }
                }
            }
            self.ties = ties
        }

        func network() throws -> SignedNetwork {
            try SignedNetwork(nodeCount: n, sources: ties.map { Int32($0.0) }, targets: ties.map { Int32($0.1) },
                              weights: ties.map(\.2), signs: ties.map(\.3))
        }

        /// Positive and negative weight per pair, as dense matrices.
        func matrices() -> (pos: [[Double]], neg: [[Double]]) {
            var pos = [[Double]](repeating: [Double](repeating: 0, count: n), count: n), neg = pos
            for (u, v, w, s) in ties {
                if s > 0 { pos[u][v] += w; pos[v][u] += w } else { neg[u][v] += w; neg[v][u] += w }
            }
            return (pos, neg)
        }

        /// The cost Σ (same bloc ? inside·neg : between·pos) of a labelling.
        func cost(_ labels: [Int], inside: Double, between: Double) -> Double {
            let (pos, neg) = matrices()
            var total = 0.0
            for u in 0..<n { for v in (u + 1)..<n { total += labels[u] == labels[v] ? inside * neg[u][v] : between * pos[u][v] } }
            return total
        }

        /// Minimum frustration N + Pb over every bipartition (node 0 fixed in bloc 0).
        func bruteFrustration() -> Double {
            let (pos, neg) = matrices()
            var pairs: [(Int, Int, Double, Double)] = []
            for u in 0..<n { for v in (u + 1)..<n where pos[u][v] + neg[u][v] > 0 { pairs.append((u, v, pos[u][v], neg[u][v])) } }
            var best = Double.infinity
            for mask in 0..<(1 << max(0, n - 1)) {
                let sides = mask << 1
                var total = 0.0
                for (u, v, p, q) in pairs { total += (sides >> u) & 1 == (sides >> v) & 1 ? q : p }
                best = min(best, total)
            }
            return best
        }

        /// Minimum α·N + (1−α)·Pb over every partition into exactly k blocs (restricted growth strings).
        func bruteBalance(k: Int, alpha: Double) -> Double {
            let (pos, neg) = matrices()
            var labels = [Int](repeating: 0, count: n)
            var best = Double.infinity
            func extend(_ i: Int, _ used: Int) {
                if n - i < k - used { return }
                if i == n {
                    guard used == k else { return }
                    var total = 0.0
                    for u in 0..<n { for v in (u + 1)..<n {
                        total += labels[u] == labels[v] ? alpha * neg[u][v] : (1 - alpha) * pos[u][v]
                    } }
                    best = min(best, total)
                    return
                }
                for c in 0..<min(used + 1, k) {
                    labels[i] = c
                    extend(i + 1, c == used ? used + 1 : used)
                }
            }
            extend(0, 0)
            return best
        }
    }

    static func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-9 * max(1, abs(a), abs(b)) }

    /// Checks a result's bookkeeping: its parts match its partition, error from the parts, the
    /// frustrated list from the partition.
    func checkConsistent(_ r: BalanceResult, _ g: SignedNetwork, _ c: Case, frustration: Bool) {
        let (inside, between) = g.balanceCost(r.partition.membership, alpha: r.alpha)
        #expect(Self.close(inside, r.negativeInside) && Self.close(between, r.positiveBetween), "\(c)")
        let error = frustration ? inside + between : r.alpha * inside + (1 - r.alpha) * between
        #expect(Self.close(error, r.error), "\(c)")
        #expect(r.lowerBound <= r.error + 1e-9, "\(c)")
        let listed = r.frustrated.reduce(0.0) { $0 + $1.weight * (frustration ? 1 : ($1.negativeInside ? r.alpha : 1 - r.alpha)) }
        #expect(Self.close(listed, r.error), "\(c)")
        #expect(zip(r.frustrated, r.frustrated.dropFirst()).allSatisfy { ($0.u, $0.v) < ($1.u, $1.v) } && r.frustrated.allSatisfy { $0.u < $0.v })
    }

    // MARK: census

    @Test(arguments: 0..<60) func censusMatchesBruteForce(seed: Int) throws {
        let c = Case(seed: UInt64(seed) &+ 1000, nodes: 3...12, ambivalence: 0.15)
        let g = try c.network()
        let (pos, neg) = c.matrices()
        var expected: [TriangleCensus.Triangle] = []
        for a in 0..<c.n { for b in (a + 1)..<c.n { for d in (b + 1)..<c.n {
            let pairs = [(a, b), (a, d), (b, d)]
            guard pairs.allSatisfy({ pos[$0.0][$0.1] + neg[$0.0][$0.1] > 0 }) else { continue }
            let kind: TriangleCensus.Kind
            if pairs.contains(where: { pos[$0.0][$0.1] > 0 && neg[$0.0][$0.1] > 0 }) { kind = .ambivalent } else {
                switch pairs.filter({ neg[$0.0][$0.1] > 0 }).count {
                case 0, 2: kind = .strongBalanced
                case 3: kind = .weakBalanced
                default: kind = .unbalanced
                }
            }
            expected.append(.init(a: Int32(a), b: Int32(b), c: Int32(d), kind: kind))
        } } }
        let census = g.triangleCensus()
        #expect(census.triangles == expected, "\(c)")
        #expect(census.total == expected.count && !census.truncated)
        for kind in TriangleCensus.Kind.allCases {
            #expect(census[kind] == expected.filter { $0.kind == kind }.count, "\(c): \(kind)")
        }
        // A short list: the first triangles in order, flagged as truncated when some are left out.
        let short = g.triangleCensus(listLimit: 2)
        #expect(short.triangles == Array(expected.prefix(2)))
        #expect(short.truncated == (expected.count > 2))
        #expect(short.total == census.total)
    }

    @Test func censusEdgeCases() throws {
        #expect(try SignedNetwork(nodeCount: 0, sources: [], targets: []).triangleCensus() == TriangleCensus())
        // +−− and −−− and ++−, one each, sharing no triangle with each other.
        let g = try SignedNetwork(nodeCount: 9, sources: [0, 0, 1, 3, 3, 4, 6, 6, 7], targets: [1, 2, 2, 4, 5, 5, 7, 8, 8],
                                  signs: [1, -1, -1, -1, -1, -1, 1, 1, -1])
        let census = g.triangleCensus()
        #expect(census.strongBalanced == 1 && census.weakBalanced == 1 && census.unbalanced == 1 && census.ambivalent == 0)
        #expect(census.triangles.map(\.kind) == [.strongBalanced, .weakBalanced, .unbalanced])
    }

    // MARK: frustration index

    @Test func frustrationMatchesBruteForce() throws {
        var heuristicHits = 0
        let cases = 220
        for seed in 0..<cases {
            let c = Case(seed: UInt64(seed), nodes: 2...14)
            let g = try c.network()
            let truth = c.bruteFrustration()
            let exact = g.frustrationIndex(options: .init(seed: 7, restarts: 4, threads: 1))
            #expect(Self.close(exact.error, truth), "\(c): exact \(exact.error), brute \(truth)")
            #expect(exact.optimal, "\(c)")
            #expect(exact.partition.count <= 2)
            checkConsistent(exact, g, c, frustration: true)
            let heuristic = g.frustrationIndex(options: .init(seed: 7, exactNodeLimit: 0, threads: 2))
            #expect(heuristic.lowerBound <= truth + 1e-9, "\(c): bound \(heuristic.lowerBound) > optimum \(truth)")
            #expect(heuristic.error >= truth - 1e-9)
            #expect(!heuristic.optimal || Self.close(heuristic.error, truth))
            checkConsistent(heuristic, g, c, frustration: true)
            if Self.close(heuristic.error, truth) { heuristicHits += 1 }
        }
        let rate = Double(heuristicHits) / Double(cases)
        print("relocation found the optimal frustration index on \(heuristicHits)/\(cases) graphs (\(rate * 100)%)")
        #expect(rate >= 0.95)
    }

    /// The branch and bound alone, from no upper bound at all (so a wrong prune cannot hide
    /// behind a relocation result that happens to be optimal).
    @Test func branchAndBoundAloneMatchesBruteForce() throws {
        for seed in 0..<120 {
            let c = Case(seed: UInt64(seed) &+ 20_000, nodes: 2...11, ambivalence: 0.15)
            let g = try c.network()
            for (k, exactly, alpha) in [(2, false, -1.0), (2, true, 0.3), (3, true, 0.7), (3, true, 0.5)] where k <= c.n {
                let inside = alpha < 0 ? 1 : alpha, between = alpha < 0 ? 1 : 1 - alpha
                let truth = alpha < 0 ? c.bruteFrustration() : c.bruteBalance(k: k, alpha: alpha)
                let search = _BalanceExact(network: g, k: k, exactly: exactly, wIn: g.negative.map { inside * $0 },
                                           wOut: g.positive.map { between * $0 }, budget: .max, tolerance: 1e-9)
                let outcome = search.solve(upper: .infinity, upperMembership: [Int32](repeating: 0, count: c.n))
                #expect(outcome.finished && Self.close(outcome.cost, truth), "\(c) k \(k) α \(alpha): \(outcome.cost) vs \(truth)")
                #expect(Self.close(c.cost(outcome.membership.map(Int.init), inside: inside, between: between), truth))
                if exactly { #expect(Set(outcome.membership).count == k, "\(c)") }
            }
        }
    }

    @Test func balancedCampsGiveZero() throws {
        // Camps {0,1,2,3} and {4,5,6}: positive inside, negative across.
        let camps = [0, 0, 0, 0, 1, 1, 1]
        var s: [Int32] = [], t: [Int32] = [], sg: [Int8] = []
        for u in 0..<7 { for v in (u + 1)..<7 where (u + v) % 3 != 0 || camps[u] == camps[v] {
            s.append(Int32(u)); t.append(Int32(v)); sg.append(camps[u] == camps[v] ? 1 : -1)
        } }
        let g = try SignedNetwork(nodeCount: 7, sources: s, targets: t, signs: sg)
        for options in [BalanceSearchOptions(), BalanceSearchOptions(exactNodeLimit: 0)] {
            let r = g.frustrationIndex(options: options)
            #expect(r.error == 0 && r.optimal && r.frustrated.isEmpty)
            #expect(r.partition == Partition(labels: camps.map(Int32.init)))
            #expect(r.normalizedBalance(totalWeight: g.totalPositive + g.totalNegative) == 1)
            let b = g.balancePartition(k: 2, options: options)
            #expect(b.error == 0 && b.optimal && b.partition == Partition(labels: camps.map(Int32.init)))
        }
    }

    @Test func smallestNetworks() throws {
        let empty = try SignedNetwork(nodeCount: 0, sources: [], targets: [])
        #expect(empty.frustrationIndex().error == 0)
        let one = try SignedNetwork(nodeCount: 1, sources: [], targets: [])
        #expect(one.frustrationIndex().optimal && one.balancePartition(k: 1).partition.count == 1)
        // One ambivalent pair: +2 / −3 costs 2 (apart) in the index.
        let pair = try SignedNetwork(nodeCount: 2, sources: [0, 0], targets: [1, 1], weights: [2, 3], signs: [1, -1])
        let r = pair.frustrationIndex()
        #expect(r.error == 2 && r.optimal && r.partition.count == 2 && r.frustrated == [FrustratedTie(u: 0, v: 1, negativeInside: false, weight: 2)])
        // Exactly two blocs of two nodes: the only partition.
        let b = pair.balancePartition(k: 2, alpha: 0.3)
        #expect(b.partition.count == 2 && Self.close(b.error, 0.7 * 2) && b.optimal)
    }

    // MARK: Doreian–Mrvar balance partition

    @Test(arguments: [2, 3], [0.3, 0.5, 0.7]) func balancePartitionMatchesBruteForce(k: Int, alpha: Double) throws {
        var heuristicHits = 0, total = 0
        for seed in 0..<40 {
            let c = Case(seed: UInt64(seed) &+ 5000 &+ UInt64(k * 100), nodes: k...10)
            let g = try c.network()
            let truth = c.bruteBalance(k: k, alpha: alpha)
            let exact = g.balancePartition(k: k, alpha: alpha, options: .init(seed: 3, restarts: 4, threads: 1))
            #expect(Self.close(exact.error, truth), "\(c) k \(k) α \(alpha): exact \(exact.error), brute \(truth)")
            #expect(exact.optimal && exact.partition.count == k, "\(c)")
            checkConsistent(exact, g, c, frustration: false)
            let heuristic = g.balancePartition(k: k, alpha: alpha, options: .init(seed: 3, exactNodeLimit: 0))
            #expect(heuristic.partition.count == k)
            #expect(heuristic.lowerBound <= truth + 1e-9, "\(c) k \(k) α \(alpha): bound \(heuristic.lowerBound) > \(truth)")
            #expect(heuristic.error >= truth - 1e-9)
            checkConsistent(heuristic, g, c, frustration: false)
            total += 1
            if Self.close(heuristic.error, truth) { heuristicHits += 1 }
        }
        print("relocation found the balance-partition optimum (k \(k), α \(alpha)) on \(heuristicHits)/\(total) graphs")
    }

    @Test func lowerBoundsHoldForMoreBlocs() throws {
        // k = 4 and 5 with unbalanced α: the one-negative cycle bound against brute force.
        for seed in 0..<30 {
            let c = Case(seed: UInt64(seed) &+ 9000, nodes: 5...9, ambivalence: 0.2)
            let g = try c.network()
            for k in [4, 5] where k <= c.n {
                for alpha in [0.2, 0.8] {
                    let truth = c.bruteBalance(k: k, alpha: alpha)
                    let r = g.balancePartition(k: k, alpha: alpha, options: .init(exactNodeLimit: 0))
                    #expect(r.lowerBound <= truth + 1e-9, "\(c) k \(k) α \(alpha)")
                    #expect(r.partition.count == k)
                    let exact = g.balancePartition(k: k, alpha: alpha, options: .init(restarts: 2, threads: 1))
                    #expect(Self.close(exact.error, truth) && exact.optimal, "\(c) k \(k) α \(alpha)")
                }
            }
        }
    }

    /// Sparse graphs: few triangles, so the bound rests on the longer walks of the breadth-first
    /// search (with residual costs shared between walks).
    @Test func lowerBoundHoldsOnSparseGraphs() throws {
        var positiveBounds = 0
        for seed in 0..<150 {
            let c = Case(seed: UInt64(seed) &+ 40_000, nodes: 8...16, ambivalence: 0.05, density: 0.12...0.3)
            let g = try c.network()
            let truth = c.bruteFrustration()
            let r = g.frustrationIndex(options: .init(restarts: 2, exactNodeLimit: 0, threads: 1))
            #expect(r.lowerBound <= truth + 1e-9, "\(c): bound \(r.lowerBound) > optimum \(truth)")
            if r.lowerBound > 0 { positiveBounds += 1 }
            if c.n <= 10 {
                for k in [3, 4] {
                    let truthK = c.bruteBalance(k: k, alpha: 0.6)
                    let b = g.balancePartition(k: k, alpha: 0.6, options: .init(restarts: 2, exactNodeLimit: 0, threads: 1))
                    #expect(b.lowerBound <= truthK + 1e-9, "\(c) k \(k): bound \(b.lowerBound) > optimum \(truthK)")
                }
            }
        }
        #expect(positiveBounds > 50)
    }

    // MARK: exact search on hand-built-size graphs

    /// A sparse signed graph like the analysts' hand-written ones: three factions, positive ties
    /// mostly inside, negative ones mostly across, some noise and a few ambivalent pairs.
    static func factions(n: Int, seed: UInt64) throws -> SignedNetwork {
        var rng = SeededGenerator(seed: seed)
        var s: [Int32] = [], t: [Int32] = [], w: [Double] = [], sg: [Int8] = []
        let faction = (0..<n).map { $0 % 3 }
        for u in 0..<n {
            for v in (u + 1)..<n {
                let same = faction[u] == faction[v]
                guard Double.random(in: 0..<1, using: &rng) < (same ? 0.25 : 0.08) else { continue }
                let flip = Double.random(in: 0..<1, using: &rng) < 0.15
                s.append(Int32(u)); t.append(Int32(v)); w.append(Double(Int.random(in: 1...3, using: &rng)))
                sg.append(same != flip ? 1 : -1)
                if Double.random(in: 0..<1, using: &rng) < 0.04 {
                    s.append(Int32(v)); t.append(Int32(u)); w.append(1); sg.append(same != flip ? -1 : 1)
                }
            }
        }
        return try SignedNetwork(nodeCount: n, sources: s, targets: t, weights: w, signs: sg)
    }

    @Test(arguments: [40, 44]) func fortyNodesSolvedExactly(n: Int) throws {
        let g = try Self.factions(n: n, seed: UInt64(n))
        let clock = ContinuousClock()
        var r: BalanceResult!
        let frustration = clock.measure { r = g.frustrationIndex() }
        #expect(r.optimal && r.method == "branch and bound", "\(r.method)")
        #expect(r.lowerBound == r.error)
        var b: BalanceResult!
        let balance = clock.measure { b = g.balancePartition(k: 3) }
        #expect(b.optimal && b.method == "branch and bound", "\(b.method)")
        let heuristic = g.frustrationIndex(options: .init(exactNodeLimit: 0))
        #expect(heuristic.error >= r.error - 1e-9 && heuristic.lowerBound <= r.error + 1e-9)
        print("\(n) nodes, \(g.pairCount) pairs: frustration \(r.error) in \(frustration) (relocation \(heuristic.error), bound \(heuristic.lowerBound)); k = 3 error \(b.error) in \(balance)")
    }

    @Test func budgetExceededKeepsAValidBound() throws {
        let g = try Self.factions(n: 40, seed: 40)
        let exact = g.balancePartition(k: 3)
        let cut = g.balancePartition(k: 3, options: .init(exactBudget: 50))
        #expect(cut.error >= exact.error - 1e-9 && cut.lowerBound <= exact.error + 1e-9)
        #expect(cut.method.contains("stopped") || cut.optimal)
        #expect(!cut.optimal || Self.close(cut.error, exact.error))
    }

    @Test func deterministicWithASeed() throws {
        let g = try Self.factions(n: 300, seed: 9)
        let a = g.frustrationIndex(options: .init(seed: 5, threads: 1))
        let b = g.frustrationIndex(options: .init(seed: 5, threads: 2))
        #expect(a == b)
        let c = g.balancePartition(k: 3, alpha: 0.4, options: .init(seed: 11, restarts: 8, threads: 1))
        let d = g.balancePartition(k: 3, alpha: 0.4, options: .init(seed: 11, restarts: 8, threads: 2))
        #expect(c == d && c.partition.count == 3)
        // Above 200 nodes a third of the starts are two-level: the result is still a proper k-bloc one.
        let parts = g.balanceCost(c.partition.membership, alpha: 0.4)
        #expect(Self.close(c.error, 0.4 * parts.negativeInside + 0.6 * parts.positiveBetween))
        #expect(c.lowerBound <= c.error && a.partition.count <= 2)
        #expect(a.lowerBound <= a.error && !a.method.isEmpty)
    }

    @Test func balanceCostParts() throws {
        // 0–1 +2, 1–2 −1, 0–2 +1 and −4 (ambivalent).
        let g = try SignedNetwork(nodeCount: 3, sources: [0, 1, 0, 0], targets: [1, 2, 2, 2], weights: [2, 1, 1, 4],
                                  signs: [1, -1, 1, -1])
        let together = g.balanceCost([0, 0, 0], alpha: 0.5)
        #expect(together.negativeInside == 5 && together.positiveBetween == 0)
        let apart = g.balanceCost([0, 1, 2], alpha: 0.5)
        #expect(apart.negativeInside == 0 && apart.positiveBetween == 3)
        let split = g.balanceCost([7, 7, -2], alpha: 0.5)
        #expect(split.negativeInside == 0 && split.positiveBetween == 1)
    }
}
