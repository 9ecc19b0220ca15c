@testable import NetworkAnalysis
import Testing

/// The frustration index read off a two-bloc balance partition, and the balance partition
/// re-optimised from a start, against the searches they replace.
@Suite struct SharedBalanceTests {
    typealias Case = BalanceTests.Case

    /// 200 seeded small networks (exact searches): F read off the α = 0.5 partition equals the
    /// frustration index's own search, is proven, and its books balance.
    @Test(arguments: 0..<200) func frustrationFromBalanceEqualsItsOwnSearch(seed: Int) throws {
        let c = Case(seed: UInt64(seed) &+ 31000, nodes: 2...11)
        let g = try c.network()
        let balance = g.balancePartition(k: 2, alpha: 0.5)
        let derived = try #require(g.frustrationIndex(fromBalance: balance))
        let searched = g.frustrationIndex()
        #expect(BalanceTests.close(derived.error, searched.error), "\(c): \(derived.error) vs \(searched.error)")
        #expect(derived.optimal == searched.optimal)
        #expect(BalanceTests.close(derived.negativeInside + derived.positiveBetween, derived.error))
        let cost = g.balanceCost(derived.partition.membership, alpha: 0.5)
        #expect(BalanceTests.close(cost.negativeInside + cost.positiveBetween, derived.error))
        #expect(derived.lowerBound <= searched.error + 1e-9)
    }

    /// Another α or k: nothing to read off.
    @Test func onlyTwoBlocsAtHalf() throws {
        let g = try Case(seed: 5, nodes: 8...8).network()
        #expect(g.frustrationIndex(fromBalance: g.balancePartition(k: 2, alpha: 0.3)) == nil)
        #expect(g.frustrationIndex(fromBalance: g.balancePartition(k: 3, alpha: 0.5)) == nil)
    }

    /// Relocation from a start (the exact search switched off): never worse than the start, k
    /// non-empty blocs, a lower bound at most the exact optimum, the same result on 1 and 2
    /// threads; with the exact search on, the full search's result.
    @Test(arguments: 0..<200) func warmStartImprovesItsStart(seed: Int) throws {
        let c = Case(seed: UInt64(seed) &+ 41000, nodes: 3...12)
        let g = try c.network()
        let k = 2 + seed % 2
        guard g.nodeCount >= k else { return }
        var rng = SeededGenerator(seed: UInt64(seed))
        let unplaced: Int32 = seed % 4 < 2 ? -1 : 0
        let start = (0..<g.nodeCount).map { _ in Int32.random(in: unplaced..<Int32(k), using: &rng) }
        var options = BalanceSearchOptions()
        options.exactNodeLimit = 0
        let warm = g.balancePartition(k: k, alpha: 0.5, from: start, options: options)
        let exact = g.balancePartition(k: k, alpha: 0.5)
        #expect(warm.partition.count == k, "\(c)")
        #expect(warm.error >= exact.error - 1e-9 && warm.lowerBound <= exact.error + 1e-9, "\(c)")
        let startCost = g.balanceCost(start, alpha: 0.5)
        if unplaced == 0 && Set(start).count == k {
            #expect(warm.error <= 0.5 * startCost.negativeInside + 0.5 * startCost.positiveBetween + 1e-9, "\(c)")
        }
        options.threads = 1
        #expect(g.balancePartition(k: k, alpha: 0.5, from: start, options: options) == warm)
        #expect(g.balancePartition(k: k, alpha: 0.5, from: start) == exact)
    }
}
