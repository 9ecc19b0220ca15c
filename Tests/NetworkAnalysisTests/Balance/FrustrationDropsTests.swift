@testable import NetworkAnalysis
import Testing

/// `frustrationWithout`: the frustration index without one positive tie, derived from one search
/// of the whole network, against a full recomputation of the reduced network (and brute force).
@Suite struct FrustrationDropsTests {
    typealias Case = BalanceTests.Case

    /// Every positive pair of a case, with its whole positive weight or half of it.
    static func drops(_ g: SignedNetwork) -> [(u: Int32, v: Int32, weight: Double)] {
        var out: [(u: Int32, v: Int32, weight: Double)] = []
        for u in 0..<g.nodeCount {
            for e in Int(g.offsets[u])..<Int(g.offsets[u + 1]) where Int(g.neighbors[e]) > u && g.positive[e] > 0 {
                out.append((Int32(u), g.neighbors[e], g.positive[e]))
                if g.positive[e] >= 1 { out.append((g.neighbors[e], Int32(u), g.positive[e] / 2)) }
            }
        }
        return out
    }

    /// 240 seeded small graphs: each derived or recomputed value equals the exact index of the
    /// reduced network (brute force over every bipartition), and is proven.
    @Test(arguments: 0..<240) func incrementalEqualsRecomputation(seed: Int) throws {
        let c = Case(seed: UInt64(seed) &+ 9000, nodes: 3...11)
        let g = try c.network()
        let base = g.frustrationIndex()
        #expect(base.optimal)
        let drops = Self.drops(g)
        let found = g.frustrationWithout(drops, base: base)
        for (d, r) in zip(drops, found) {
            let reduced = g._droppingPositive(d.u, d.v, d.weight)
            let truth = reduced.frustrationIndex().error
            #expect(BalanceTests.close(r.value, truth), "\(c): drop \(d) gives \(r.value) (\(r.method)), recomputed \(truth)")
            #expect(r.exact, "\(c): drop \(d) not proven (\(r.method))")
            #expect(r.lowerBound <= truth + 1e-9)
            #expect(r.value >= base.error - d.weight - 1e-9 && r.value <= base.error + 1e-9)
        }
    }

    /// With the full search turned off, the local search only ever gives upper bounds at least the
    /// truth, within [F − w, F], with a lower bound at most the truth; derived values stay exact.
    @Test(arguments: 0..<200) func localSearchBoundsTheTruth(seed: Int) throws {
        let c = Case(seed: UInt64(seed) &+ 19000, nodes: 4...12)
        let g = try c.network()
        let base = g.frustrationIndex()
        var options = BalanceSearchOptions()
        options.exactNodeLimit = 0
        let drops = Self.drops(g)
        let found = g.frustrationWithout(drops, base: base, options: options)
        for (d, r) in zip(drops, found) {
            let truth = g._droppingPositive(d.u, d.v, d.weight).frustrationIndex().error
            #expect(r.value >= truth - 1e-9, "\(c): drop \(d): \(r.value) below the optimum \(truth)")
            #expect(r.lowerBound <= truth + 1e-9)
            #expect(r.value <= base.error + 1e-9 && r.value >= base.error - d.weight - 1e-9)
            if r.method == "derived" { #expect(BalanceTests.close(r.value, truth)) }
            if r.exact { #expect(BalanceTests.close(r.value, truth)) }
        }
    }

    /// The drops run in parallel; one thread and two give the same values, bit for bit, on a
    /// network beyond the exact search (local search) and on a small one (recomputation).
    @Test(arguments: [30, 400]) func parallelEqualsSequential(n: Int) throws {
        let g = try BalanceTests.factions(n: n, seed: 77)
        var one = BalanceSearchOptions(), two = BalanceSearchOptions()
        one.threads = 1; two.threads = 2
        let base = g.frustrationIndex(options: one)
        let drops = Self.drops(g)
        #expect(!drops.isEmpty)
        #expect(g.frustrationWithout(drops, base: base, options: one) == g.frustrationWithout(drops, base: base, options: two))
    }

    /// Progress counts every drop, ends at the total, and does not change the values.
    @Test func progressReportsEveryDrop() throws {
        let g = try BalanceTests.factions(n: 300, seed: 5)
        let base = g.frustrationIndex()
        let drops = Self.drops(g)
        let seen = ProgressLog()
        let with = g.frustrationWithout(drops, base: base, progress: { seen.add($0) })
        #expect(with == g.frustrationWithout(drops, base: base))
        let reports = seen.all
        #expect(reports.first?.done == 0)
        #expect(reports.map(\.done).max() == drops.count)
        #expect(reports.allSatisfy { $0.total == drops.count && $0.step == "frustration without each tie" })
        #expect(reports.count <= 2 * 200 + 2, "about every half percent, not every drop")
    }
}

/// Collects progress reports from worker threads.
final class ProgressLog: @unchecked Sendable {
    private var reports: [AnalysisProgress] = []
    private let lock = NSLockLike()
    func add(_ p: AnalysisProgress) { lock.run { reports.append(p) } }
    var all: [AnalysisProgress] { lock.run { reports } }
}

import Synchronization
/// A minimal lock without Foundation.
final class NSLockLike: Sendable {
    private let m = Mutex<Void>(())
    func run<T>(_ body: () -> T) -> T { m.withLock { _ in body() } }
}
