@testable import NetworkAnalysis
import Testing

/// `FrustrationDropEngine`: the two-bloc analysis of a network without one pair's weight,
/// derived from the whole network's, against a full recomputation of the reduced network.
@Suite struct TieDropsTests {
    /// Every pair's drops: its whole positive weight, its whole negative weight, and half the
    /// positive weight when there is at least 1 (the pair keeps a positive tie).
    static func drops(_ g: SignedNetwork) -> [PairDrop] {
        var out: [PairDrop] = []
        for u in 0..<g.nodeCount {
            for e in Int(g.offsets[u])..<Int(g.offsets[u + 1]) where Int(g.neighbors[e]) > u {
                let v = g.neighbors[e]
                if g.positive[e] > 0 {
                    out.append(PairDrop(u: Int32(u), v: v, positive: g.positive[e], negative: 0, positiveGone: true, negativeGone: g.negative[e] == 0))
                    if g.positive[e] >= 1 {
                        out.append(PairDrop(u: v, v: Int32(u), positive: g.positive[e] / 2, negative: 0, positiveGone: false, negativeGone: g.negative[e] == 0))
                    }
                }
                if g.negative[e] > 0 {
                    out.append(PairDrop(u: Int32(u), v: v, positive: 0, negative: g.negative[e], positiveGone: g.positive[e] == 0, negativeGone: true))
                }
            }
        }
        return out
    }

    /// The network with `d` applied, built from scratch (the pair left out when nothing is left).
    static func reduced(_ g: SignedNetwork, _ d: PairDrop) throws -> SignedNetwork {
        let adjust = try #require(_PairAdjustment(d, in: g))
        var s: [Int32] = [], t: [Int32] = [], w: [Double] = [], sg: [Int8] = []
        let (a, b) = (min(Int(d.u), Int(d.v)), max(Int(d.u), Int(d.v)))
        for x in 0..<g.nodeCount {
            for e in Int(g.offsets[x])..<Int(g.offsets[x + 1]) where Int(g.neighbors[e]) > x {
                let y = Int(g.neighbors[e])
                let (p, q) = x == a && y == b ? (adjust.p, adjust.q) : (g.positive[e], g.negative[e])
                if p > 0 { s.append(Int32(x)); t.append(Int32(y)); w.append(p); sg.append(1) }
                if q > 0 { s.append(Int32(x)); t.append(Int32(y)); w.append(q); sg.append(-1) }
            }
        }
        return try SignedNetwork(nodeCount: g.nodeCount, sources: s, targets: t, weights: w, signs: sg)
    }

    /// The scored ties of a case: every positive pair with its whole positive weight.
    static func scored(_ g: SignedNetwork) -> [PairDrop] {
        drops(g).filter { $0.positive > 0 && $0.positiveGone }.map {
            PairDrop(u: $0.u, v: $0.v, positive: $0.positive, negative: 0, positiveGone: false, negativeGone: false)
        }
    }

    /// The engine on the exact two-bloc partition of `g`, or nil when it has fewer than two blocs.
    static func engine(_ g: SignedNetwork, threads: Int = 1) -> FrustrationDropEngine? {
        guard g.nodeCount >= 2 else { return nil }
        let base = g.balancePartition(k: 2)
        guard base.partition.count == 2 else { return nil }
        return FrustrationDropEngine(network: g, membership: base.partition.membership, frustration: 2 * base.error,
                                     lowerBound: 2 * base.lowerBound, optimal: base.optimal, scored: scored(g), threads: threads)
    }

    /// 200 seeded small graphs, every drop of every pair. The engine's partition costs what it
    /// says on the reduced network (recounted from scratch), never less than the exact two-bloc
    /// optimum (branch and bound) and never more than before the drop; its bound is at most the
    /// optimum; kept and proven drops equal the optimum. Each scored tie's frustration without it
    /// equals a full rerun of `frustrationWithout` (the local search) on the reduced network from
    /// the engine's new partition, whether the engine searched it again or derived it.
    @Test(arguments: 0..<200) func incrementalEqualsRecomputation(seed: Int) throws {
        let g = try BalanceTests.factions(n: 8 + seed % 13, seed: UInt64(seed) &+ 31_000)
        guard let engine = Self.engine(g) else { return }
        #expect(engine.optimal)
        var scratch = engine.makeScratch()
        var local = BalanceSearchOptions()
        local.exactNodeLimit = 0
        local.threads = 1
        var searchedAgain = 0, derivedTies = 0
        for d in Self.drops(g) {
            let o = engine.drop(d, scratch: &scratch)
            let r = try Self.reduced(g, d)
            var membership = engine.membership
            for x in o.moved { membership[Int(x)] = 1 - membership[Int(x)] }
            #expect(o.moved == o.moved.sorted())
            let cost = r.balanceCost(membership, alpha: 0.5)
            #expect(BalanceTests.close(cost.negativeInside + cost.positiveBetween, o.frustration), "seed \(seed) drop \(d)")
            #expect(Set(membership).count == 2, "a bloc emptied")
            let truth = 2 * r.balancePartition(k: 2).error
            #expect(o.frustration >= truth - 1e-9, "seed \(seed) drop \(d): \(o.frustration) below the optimum \(truth)")
            #expect(o.frustration <= engine.frustration + 1e-9)
            #expect(o.lowerBound <= truth + 1e-9)
            if o.derived || o.exact { #expect(BalanceTests.close(o.frustration, truth), "seed \(seed) drop \(d)") }
            // The scored ties, against frustrationWithout rerun on the reduced network.
            let found = r._result(_BalanceFound(membership: membership, exact: false, lowerBound: 0, method: "engine"),
                                  k: 2, alpha: 0.5, frustration: true)
            let rerun = r.frustrationWithout(engine.scored.map { ($0.u, $0.v, $0.positive) }, base: found, options: local)
            let searched = Dictionary(uniqueKeysWithValues: o.searched.map { ($0.tie, $0.value) })
            for (t, plain) in rerun.enumerated() {
                let value = searched[t] ?? engine.without(t, frustration: o.frustration)
                if searched[t] == nil { derivedTies += 1 } else { searchedAgain += 1 }
                #expect(BalanceTests.close(value, plain.value), "seed \(seed) drop \(d) tie \(t): \(value), rerun \(plain.value)")
            }
        }
        // Scratch is left as it was.
        #expect(scratch.side == engine.membership.map { $0 != 0 })
        if g.nodeCount >= 16 { #expect(derivedTies > 0 && searchedAgain > 0) }
    }

    /// Without any drop, the engine's value for each tie is `frustrationWithout`'s on the network.
    @Test(arguments: 0..<20) func baseValuesAreFrustrationWithout(seed: Int) throws {
        let g = try BalanceTests.factions(n: 40, seed: UInt64(seed) &+ 32_000)
        let engine = try #require(Self.engine(g))
        var local = BalanceSearchOptions()
        local.exactNodeLimit = 0
        let base = g._result(_BalanceFound(membership: engine.membership, exact: false, lowerBound: 0, method: "base"),
                             k: 2, alpha: 0.5, frustration: true)
        let plain = g.frustrationWithout(engine.scored.map { ($0.u, $0.v, $0.positive) }, base: base, options: local)
        for (t, p) in plain.enumerated() { #expect(BalanceTests.close(engine.without(t, frustration: engine.frustration), p.value)) }
    }

    /// The cycles through each pair with a drop applied equal those of the reduced network.
    @Test(arguments: 0..<40) func cycleCountsThroughADrop(seed: Int) throws {
        let g = try BalanceTests.factions(n: 25, seed: UInt64(seed) &+ 33_000)
        var mark = [Int32](repeating: 0, count: g.nodeCount)
        var compared = 0
        for d in Self.drops(g) where d.positiveGone || d.negativeGone {
            let r = try Self.reduced(g, d)
            let adjust = _PairAdjustment(d, in: g)
            for u in 0..<Int32(g.nodeCount) {
                for v in g.neighbors(of: Int(u)) where r.edge(Int(u), Int(v)) != nil {
                    let with = g._cycleCounts(u, v, adjust: adjust, budget: 1_000_000, mark: &mark)
                    let plain = r._cycleCounts(u, v, adjust: nil, budget: 1_000_000, mark: &mark)
                    #expect(with == plain, "seed \(seed) drop \(d) pair \(u)–\(v)")
                    compared += 1
                }
            }
        }
        #expect(compared > 0)
        #expect(mark.allSatisfy { $0 == 0 })
    }

    /// The base searches run on threads; one and two give the same engine, search for search.
    @Test func parallelEqualsSequential() throws {
        let g = try BalanceTests.factions(n: 300, seed: 78)
        let base = g.balancePartition(k: 2)
        func engine(_ threads: Int) -> FrustrationDropEngine {
            FrustrationDropEngine(network: g, membership: base.partition.membership, frustration: 2 * base.error,
                                  lowerBound: 2 * base.lowerBound, optimal: base.optimal, scored: Self.scored(g), threads: threads)
        }
        let (one, two) = (engine(1), engine(2))
        #expect(one.scored.count > 100)
        #expect(one.change == two.change)
        #expect(one.readOffsets == two.readOffsets && one.readers == two.readers && one.readerSlack == two.readerSlack)
        #expect(one.endOffsets == two.endOffsets && one.endTies == two.endTies)
        #expect(one.change.contains { $0.isFinite } && one.change.contains { !$0.isFinite })
    }
}
