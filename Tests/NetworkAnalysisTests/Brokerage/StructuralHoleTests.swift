import Foundation
import NetworkAnalysis
import Testing

/// Burt's structural holes and the trophic levels: constraint, effective size, efficiency and
/// Levine's levels against networkx, MacKay–Johnson–Sansom levels against a dense numpy solve,
/// on the fixtures that `Tools/fixtures/make_structural_hole_fixtures.py` writes (`--check`
/// verifies they are current); hierarchy against a direct dense evaluation of Burt's formula;
/// the large-network solvers by their residuals.
@Suite struct StructuralHoleTests {
    struct Fixture: Decodable, Sendable, CustomStringConvertible {
        var name: String
        var directed: Bool
        var weighted: Bool
        var nodes: Int
        var edges: [[Double]]
        var results: [String: [Double?]]
        var scalars: [String: Double?]
        var description: String { name }

        func network() throws -> Network {
            try Network(nodeCount: nodes, sources: edges.map { Int32($0[0]) }, targets: edges.map { Int32($0[1]) },
                        weights: edges.map { $0[2] }, directed: directed)
        }
    }

    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/holes")

    static func fixtures() -> [Fixture] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(".json") }.sorted().compactMap { name in
            guard let data = try? Data(contentsOf: directory.appendingPathComponent(name)) else { return nil }
            return try? JSONDecoder().decode(Fixture.self, from: data)
        }
    }

    @Test func thereAreEnoughFixtures() throws {
        let all = Self.fixtures()
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.directory.path).filter { $0.hasSuffix(".json") }
        #expect(all.count == files.count, "every fixture file decodes")
        #expect(all.count >= 15)
        for name in ["karate-club", "florentine-families", "star-5", "path-6", "isolates", "weighted-small",
                     "directed-reciprocal", "random-gnp-30", "chain-3", "random-dag-15", "food-web-cycles", "unreached-cycle"] {
            #expect(all.contains { $0.name == name }, "fixture \(name)")
        }
    }

    /// NaN (null in the file) must meet NaN; other values agree within `tolerance`, relative above 1.
    func expectClose(_ actual: [Double], _ expected: [Double?]?, tolerance: Double = 1e-9, _ what: String, _ f: Fixture,
                     sourceLocation: SourceLocation = #_sourceLocation) {
        guard let expected else {
            Issue.record("\(f.name): no \(what) in the fixture", sourceLocation: sourceLocation)
            return
        }
        #expect(actual.count == expected.count, "\(f.name) \(what): \(actual.count) values", sourceLocation: sourceLocation)
        for (i, (a, e)) in zip(actual, expected).enumerated() {
            if let e {
                #expect(abs(a - e) <= tolerance * max(1, abs(e)), "\(f.name) \(what): node \(i) is \(a), expected \(e)",
                        sourceLocation: sourceLocation)
            } else {
                #expect(a.isNaN, "\(f.name) \(what): node \(i) is \(a), expected NaN", sourceLocation: sourceLocation)
            }
        }
    }

    // MARK: Structural holes

    @Test(arguments: fixtures())
    func structuralHolesMatchNetworkx(_ f: Fixture) throws {
        let g = try f.network()
        for weighted in f.weighted ? [false, true] : [false] {
            let suffix = weighted ? "_weighted" : ""
            let h = g.structuralHoles(weighted: weighted)
            expectClose(h.constraint, f.results["constraint" + suffix], "constraint\(suffix)", f)
            expectClose(h.effectiveSize, f.results["effective_size" + suffix], "effective size\(suffix)", f)
            expectClose(h.efficiency, f.results["efficiency" + suffix], "efficiency\(suffix)", f)
            let direct = Self.directBurt(g, weighted: weighted)
            expectClose(h.hierarchy, direct.hierarchy.map { $0.isNaN ? nil : $0 }, "hierarchy\(suffix) (direct)", f)
            expectClose(h.constraint, direct.constraint.map { $0.isNaN ? nil : $0 }, "constraint\(suffix) (direct)", f)
        }
    }

    /// Burt's constraint and hierarchy straight from the definitions, on a dense matrix of mutual
    /// weights: O(n³), for small graphs.
    static func directBurt(_ g: Network, weighted: Bool) -> (constraint: [Double], hierarchy: [Double]) {
        let n = g.nodeCount
        var a = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
        for u in 0..<n {
            for e in Int(g.outOffsets[u])..<Int(g.outOffsets[u + 1]) {
                let v = Int(g.targets[e]), w = weighted ? g.weight(e) : 1
                a[u][v] += w
                a[v][u] += w
            }
        }
        var p = a
        for i in 0..<n {
            let s = a[i].reduce(0, +)
            for j in 0..<n { p[i][j] = s == 0 ? 0 : a[i][j] / s }
        }
        var constraint = [Double](repeating: .nan, count: n)
        var hierarchy = [Double](repeating: .nan, count: n)
        for i in 0..<n {
            let contacts = (0..<n).filter { a[i][$0] > 0 }
            guard !contacts.isEmpty else { continue }
            let local = contacts.map { j -> Double in
                var x = p[i][j]
                for q in 0..<n where q != i && q != j { x += p[i][q] * p[q][j] }
                return x * x
            }
            let c = local.reduce(0, +)
            constraint[i] = c
            let count = Double(contacts.count)
            if contacts.count == 1 { hierarchy[i] = 0; continue }
            var sum = 0.0
            for cij in local {
                let r = cij / (c / count)
                sum += r * log(r)
            }
            hierarchy[i] = sum / (count * log(count))
        }
        return (constraint, hierarchy)
    }

    @Test func starByHand() throws {
        // Centre 0 with four leaves: p = 1/4 to each leaf, no indirect paths, c_0j = 1/16, so
        // C = 1/4, every local constraint equal and hierarchy 0. A leaf has one contact: C = 1,
        // hierarchy 0 by convention, effective size 1, efficiency 1.
        let g = try Network(nodeCount: 6, sources: [0, 0, 0, 0], targets: [1, 2, 3, 4], directed: false)
        let h = g.structuralHoles()
        #expect(abs(h.constraint[0] - 0.25) < 1e-15)
        #expect(h.hierarchy[0] == 0)
        #expect(h.effectiveSize[0] == 4 && h.efficiency[0] == 1)
        for leaf in 1...4 {
            #expect(h.constraint[leaf] == 1 && h.hierarchy[leaf] == 0 && h.effectiveSize[leaf] == 1 && h.efficiency[leaf] == 1)
        }
        #expect(h.constraint[5].isNaN && h.effectiveSize[5].isNaN && h.efficiency[5].isNaN && h.hierarchy[5].isNaN)
        #expect(h == g.structuralHoles(), "equal even with NaN")
    }

    @Test func unequalConstraintGivesPositiveHierarchy() throws {
        // 0 is tied to 1, 2, 3, and 1–2 are tied: contacts 1 and 2 constrain 0 more than 3 does.
        let g = try Network(nodeCount: 4, sources: [0, 0, 0, 1], targets: [1, 2, 3, 2], directed: false)
        let h = g.structuralHoles()
        #expect(h.hierarchy[0] > 0 && h.hierarchy[0] < 1)
        // Borgatti: n − 2t/n = 3 − 2/3.
        #expect(abs(h.effectiveSize[0] - (3 - 2.0 / 3)) < 1e-12)
    }

    @Test func signsAreIgnored() throws {
        let s: [Int32] = [0, 0, 1, 2, 3], t: [Int32] = [1, 2, 2, 3, 4]
        let w = [1.0, 2.0, 0.5, 3.0, 1.5]
        let signed = try Network(nodeCount: 5, sources: s, targets: t, weights: w, signs: [1, -1, 1, -1, 1], directed: true)
        let plain = try Network(nodeCount: 5, sources: s, targets: t, weights: w, directed: true)
        #expect(signed.structuralHoles(weighted: true) == plain.structuralHoles(weighted: true))
        #expect(signed.trophicLevels(weighted: true) == plain.trophicLevels(weighted: true))
        #expect(signed.improvedTrophicLevels(weighted: true).levels == plain.improvedTrophicLevels(weighted: true).levels)
    }

    @Test func emptyNetwork() throws {
        let g = try Network(nodeCount: 0, sources: [], targets: [], directed: true)
        #expect(g.structuralHoles().constraint.isEmpty)
        #expect(g.trophicLevels().isEmpty)
        let (levels, f0) = g.improvedTrophicLevels()
        #expect(levels.isEmpty && f0.isNaN)
    }

    // MARK: Trophic levels

    @Test(arguments: fixtures().filter { $0.directed })
    func levineMatchesNetworkx(_ f: Fixture) throws {
        let g = try f.network()
        for weighted in f.weighted ? [false, true] : [false] {
            let suffix = weighted ? "_weighted" : ""
            expectClose(g.trophicLevels(weighted: weighted), f.results["trophic_levels" + suffix], "trophic levels\(suffix)", f)
        }
    }

    @Test(arguments: fixtures())
    func improvedMatchesDenseSolve(_ f: Fixture) throws {
        let g = try f.network()
        for weighted in f.weighted ? [false, true] : [false] {
            let suffix = weighted ? "_weighted" : ""
            let (levels, f0) = g.improvedTrophicLevels(weighted: weighted)
            expectClose(levels, f.results["improved_levels" + suffix], "improved levels\(suffix)", f)
            let expected = try #require(f.scalars["improved_incoherence" + suffix])
            if let expected {
                #expect(abs(f0 - expected) <= 1e-9, "\(f.name) F0\(suffix): \(f0), expected \(expected)")
            } else {
                #expect(f0.isNaN)
            }
        }
    }

    @Test func chain() throws {
        let g = try Network(nodeCount: 3, sources: [0, 1], targets: [1, 2], directed: true)
        let (levels, f0) = g.improvedTrophicLevels()
        for (a, e) in zip(levels, [0.0, 1, 2]) { #expect(abs(a - e) < 1e-12) }
        #expect(abs(f0) < 1e-12)
        #expect(g.trophicLevels() == [1, 2, 3])
    }

    @Test func unreachedNodesAreNaN() throws {
        // 0 → 1 basal chain; 2 ⇄ 3 no basal node reaches, feeding 4; 5 isolated.
        let g = try Network(nodeCount: 6, sources: [0, 2, 3, 3, 1], targets: [1, 3, 2, 4, 4], directed: true)
        let t = g.trophicLevels()
        #expect(t[0] == 1 && t[1] == 2 && t[5] == 1)
        #expect(t[2].isNaN && t[3].isNaN && t[4].isNaN)
    }

    @Test func undirectedReadsBothWays() throws {
        let g = try Network(nodeCount: 4, sources: [0, 1], targets: [1, 2], directed: false)
        let t = g.trophicLevels()
        #expect(t[0].isNaN && t[1].isNaN && t[2].isNaN && t[3] == 1)
        let (levels, f0) = g.improvedTrophicLevels()
        #expect(levels.allSatisfy { abs($0) < 1e-12 })
        #expect(abs(f0 - 1) < 1e-12)
    }

    /// A seeded random directed network: `basal` nodes without in-edges, every other node with
    /// `inDegree` in-edges from random distinct nodes, weights 0.5…3.
    static func randomWeb(nodes: Int, basal: Int, inDegree: Int, seed: UInt64) throws -> Network {
        var state = seed
        func next() -> UInt64 {  // splitmix64
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        var s: [Int32] = [], t: [Int32] = [], w: [Double] = []
        for v in basal..<nodes {
            var seen: Set<Int> = []
            while seen.count < inDegree {
                let u = Int(next() % UInt64(nodes))
                if u != v && seen.insert(u).inserted {
                    s.append(Int32(u)); t.append(Int32(v)); w.append(0.5 + Double(next() % 6) * 0.5)
                }
            }
        }
        return try Network(nodeCount: nodes, sources: s, targets: t, weights: w, directed: true)
    }

    @Test(arguments: [300, 2_000])
    func levineResidualOnLargeComponents(_ nodes: Int) throws {
        // 2,000 nodes make one strongly connected component beyond the dense limit: Gauss–Seidel.
        let g = try Self.randomWeb(nodes: nodes, basal: 20, inDegree: 3, seed: UInt64(nodes))
        let (component, count) = g.strongComponents()
        var sizes = [Int](repeating: 0, count: count)
        for c in component { sizes[Int(c)] += 1 }
        #expect(sizes.max()! > (nodes > 1_500 ? 1_500 : nodes / 2), "a large strongly connected component: \(sizes.max()!)")
        let s = g.trophicLevels(weighted: true)
        var worst = 0.0
        for v in 0..<nodes {
            #expect(!s[v].isNaN, "node \(v) is reached")
            var k = 0.0, sum = 0.0
            for e in Int(g.inOffsets[v])..<Int(g.inOffsets[v + 1]) {
                let w = g.weight(g.inEdge(e))
                k += w; sum += w * s[Int(g.inSources[e])]
            }
            let expected = k == 0 ? 1 : 1 + sum / k
            worst = max(worst, abs(s[v] - expected) / expected)
        }
        #expect(worst < 1e-9, "largest relative residual \(worst)")
    }

    @Test(arguments: [150, 1_200])
    func improvedResidualOnLargeComponents(_ nodes: Int) throws {
        // 1,200 nodes in one weak component: conjugate gradients rather than the dense solve.
        let g = try Self.randomWeb(nodes: nodes, basal: 10, inDegree: 2, seed: 7 &+ UInt64(nodes))
        let (component, count) = g.weakComponents()
        var sizes = [Int](repeating: 0, count: count)
        for c in component { sizes[Int(c)] += 1 }
        #expect(sizes.max()! > (nodes > 400 ? 400 : nodes / 2), "a large weak component: \(sizes.max()!)")
        let (levels, f0) = g.improvedTrophicLevels(weighted: true)
        var lowest = [Double](repeating: .infinity, count: count)
        for (i, h) in levels.enumerated() { lowest[Int(component[i])] = min(lowest[Int(component[i])], h) }
        #expect(lowest.allSatisfy { $0 == 0 }, "every weak component's lowest level is 0")
        #expect(f0 >= 0 && f0 <= 1)
        var residual = 0.0, norm = 0.0
        for i in 0..<nodes {
            var y = 0.0, v = 0.0
            for e in Int(g.outOffsets[i])..<Int(g.outOffsets[i + 1]) {
                let w = g.weight(e)
                y += w * (levels[i] - levels[Int(g.targets[e])]); v -= w
            }
            for k in Int(g.inOffsets[i])..<Int(g.inOffsets[i + 1]) {
                let w = g.weight(g.inEdge(k))
                y += w * (levels[i] - levels[Int(g.inSources[k])]); v += w
            }
            residual += (y - v) * (y - v); norm += v * v
        }
        #expect(residual.squareRoot() <= 1e-9 * norm.squareRoot(), "relative residual \(residual.squareRoot() / norm.squareRoot())")
    }
}
