import NetworkAnalysis
import Testing

/// A pair joined by positive and negative edges becomes one net tie; when they cancel, no tie.
/// Every measure that accepts signed ties then reads the pair as absent.
@Suite struct AmbivalentPairTests {
    /// A signed triangle 0–1–2 with a tail 2–3, plus the extra edges of pair (0, 3).
    func network(extra: [(Double, Int8)], directed: Bool, parallel: Network.ParallelEdges = .sum) throws -> Network {
        var s: [Int32] = [0, 1, 2, 0], t: [Int32] = [1, 2, 3, 2], w: [Double] = [1, 2, 1, 3], g: [Int8] = [1, -1, 1, 1]
        for (weight, sign) in extra { s.append(0); t.append(3); w.append(weight); g.append(sign) }
        return try Network(nodeCount: 4, sources: s, targets: t, weights: w, signs: g, directed: directed, parallel: parallel)
    }

    @Test(arguments: [false, true])
    func cancellingEdgesLeaveNoTie(_ directed: Bool) throws {
        let without = try network(extra: [], directed: directed)
        for extra in [[(2.0, Int8(1)), (2.0, -1)], [(2.0, -1), (2.0, 1)], [(0.1, 1), (0.2, 1), (0.3, -1)], [(1, 1), (1, 1), (2, -1)]] {
            let with = try network(extra: extra, directed: directed)
            #expect(with == without, "\(extra): the pair cancels, so it has no tie")
            #expect(with.degree() == without.degree() && with.strength() == without.strength())
            #expect(with.signedDegree().positive == without.signedDegree().positive)
            #expect(with.signedDegree().negative == without.signedDegree().negative)
            #expect(try with.pn() == without.pn())
            #expect(with.positiveOnly().betweenness() == without.positiveOnly().betweenness())
            let p = Partition(labels: [0, 0, 1, 1])
            #expect(with.modularity(p, objective: .signed) == without.modularity(p, objective: .signed))
        }
    }

    @Test func aNetTieKeepsItsSignAndNetWeight() throws {
        let g = try network(extra: [(3, 1), (1, -1)], directed: false)
        let e = g.successors(of: 0).firstIndex(of: 3)!
        #expect(g.sign(e) == 1 && g.weight(e) == 2)
        let h = try network(extra: [(1, 1), (3, -1)], directed: false)
        let f = h.successors(of: 0).firstIndex(of: 3)!
        #expect(h.sign(f) == -1 && h.weight(f) == 2)
        #expect(h.signedDegree().negative[0] == 1)
    }

    @Test func maxCancelsOnlyWhenTheLargestWeightHasBothSigns() throws {
        let without = try network(extra: [], directed: false, parallel: .max)
        #expect(try network(extra: [(2, 1), (2, -1), (1, 1)], directed: false, parallel: .max) == without)
        #expect(try network(extra: [(2, -1), (2, 1)], directed: false, parallel: .max) == without)
        let g = try network(extra: [(2, 1), (3, -1), (3, -1)], directed: false, parallel: .max)
        let e = g.successors(of: 0).firstIndex(of: 3)!
        #expect(g.sign(e) == -1 && g.weight(e) == 3)
    }
}
