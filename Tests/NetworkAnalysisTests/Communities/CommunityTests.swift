import Foundation
import NetworkAnalysis
import Testing

/// Modularity, Louvain and Leiden: modularity against networkx on the fixtures that
/// `Tools/fixtures/make_community_fixtures.py` writes (`--check` verifies they are current),
/// signed modularity against a direct O(n²) evaluation of Gómez, Jensen & Arenas's formula, and
/// the algorithms' promises (quality on the karate club, local optimality, connected Leiden
/// communities, determinism, signed behaviour).
@Suite struct CommunityTests {
    // MARK: Fixtures

    struct Fixture: Decodable, Sendable, CustomStringConvertible {
        struct Result: Decodable, Sendable {
            var partition: String
            var resolution: Double
            var modularity: Double
        }
        var name: String
        var directed: Bool
        var weighted: Bool
        var nodes: Int
        var edges: [[Double]]
        var negative_pairs: Int
        var partitions: [String: [Int32]]
        var results: [Result]
        var description: String { name }

        func network() throws -> Network {
            try Network(nodeCount: nodes, sources: edges.map { Int32($0[0]) }, targets: edges.map { Int32($0[1]) },
                        weights: edges.map { $0[2] }, signs: edges.map { Int8($0[3]) }, directed: directed)
        }
    }

    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/communities")

    static func fixtures() -> [Fixture] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(".json") }.sorted().compactMap { name in
            guard let data = try? Data(contentsOf: directory.appendingPathComponent(name)) else { return nil }
            return try? JSONDecoder().decode(Fixture.self, from: data)
        }
    }

    static func fixture(_ name: String) throws -> Fixture {
        try #require(fixtures().first { $0.name == name }, "fixture \(name)")
    }

    @Test func thereAreEnoughFixtures() throws {
        let all = Self.fixtures()
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.directory.path).filter { $0.hasSuffix(".json") }
        #expect(all.count == files.count, "every fixture file decodes")
        #expect(all.count >= 8)
        #expect(all.contains { $0.directed } && all.contains { $0.weighted } && all.contains { $0.negative_pairs > 0 })
        #expect(all.contains { $0.name == "karate-club" && $0.partitions["club"] != nil })
        #expect(all.reduce(0) { $0 + $1.results.count } >= 100)
    }

    @Test(arguments: fixtures())
    func modularityAgreesWithNetworkx(_ f: Fixture) throws {
        let g = try f.network()
        for r in f.results {
            let partition = Partition(labels: try #require(f.partitions[r.partition]))
            let q = g.modularity(partition, resolution: r.resolution)
            #expect(abs(q - r.modularity) <= 1e-12,
                    "\(f.name) \(r.partition) γ=\(r.resolution): \(q), networkx \(r.modularity)")
            if f.negative_pairs == 0 {
                // Without negative ties the signed modularity is the ordinary one.
                let s = g.modularity(partition, resolution: r.resolution, objective: .signed)
                #expect(abs(s - q) <= 1e-12, "\(f.name) \(r.partition): signed \(s), positive \(q)")
            }
        }
        let louvain = g.louvain()
        #expect(louvain.ignoredNegativeTies == f.negative_pairs, "\(f.name)")
        #expect(g.leiden().ignoredNegativeTies == f.negative_pairs, "\(f.name)")
        #expect(g.louvain(objective: .signed).ignoredNegativeTies == 0)
        if let best = f.results.filter({ $0.resolution == 1 }).map(\.modularity).max() {
            // Never worse than the fixture's partitions (networkx's Louvain among them), give or take.
            #expect(louvain.modularity >= best - 0.01, "\(f.name): Louvain \(louvain.modularity), best fixture \(best)")
        }
    }

    // MARK: Signed modularity against the formula

    /// Gómez, Jensen & Arenas's signed modularity, straight from the formula on dense matrices.
    static func bruteForceModularity(_ g: Network, _ membership: [Int32], resolution: Double,
                                     signed: Bool) -> Double {
        let n = g.nodeCount
        var plus = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
        var minus = plus
        for u in 0..<n {
            for e in Int(g.outOffsets[u])..<Int(g.outOffsets[u + 1]) {
                let v = Int(g.targets[e]), w = g.weight(e)
                if g.sign(e) > 0 {
                    plus[u][v] += w
                    if g.isDirected { plus[v][u] += w }
                } else if signed {
                    minus[u][v] += w
                    if g.isDirected { minus[v][u] += w }
                }
            }
        }
        let kPlus = plus.map { $0.reduce(0, +) }, kMinus = minus.map { $0.reduce(0, +) }
        let wPlus = kPlus.reduce(0, +), wMinus = kMinus.reduce(0, +)   // 2w⁺ and 2w⁻
        guard wPlus + wMinus > 0 else { return 0 }
        var sum = 0.0
        for i in 0..<n {
            for j in 0..<n where membership[i] == membership[j] {
                var term = plus[i][j] - minus[i][j]
                if wPlus > 0 { term -= resolution * kPlus[i] * kPlus[j] / wPlus }
                if wMinus > 0 { term += resolution * kMinus[i] * kMinus[j] / wMinus }
                sum += term
            }
        }
        return sum / (wPlus + wMinus)
    }

    static func randomNetwork(nodes n: Int, edges m: Int, directed: Bool, weighted: Bool, negative: Double,
                              seed: UInt64) -> Network {
        var generator = SeededGenerator(seed: seed)
        var s: [Int32] = [], t: [Int32] = [], w: [Double] = [], sg: [Int8] = []
        while s.count < m {
            let a = Int32(generator.next(upperBound: UInt64(n))), b = Int32(generator.next(upperBound: UInt64(n)))
            if a == b { continue }
            s.append(a); t.append(b)
            let strength: UInt64 = generator.next(upperBound: 4), draw: UInt64 = generator.next(upperBound: 1000)
            w.append(weighted ? Double(1 + strength) / 2 : 1)
            sg.append(Double(draw) < negative * 1000 ? -1 : 1)
        }
        return try! Network(nodeCount: n, sources: s, targets: t, weights: w, signs: sg, directed: directed)
    }

    @Test func signedModularityMatchesTheFormula() {
        var checked = 0
        for seed in UInt64(1)...40 {
            let n = 5 + Int(seed % 13)
            let g = Self.randomNetwork(nodes: n, edges: 2 * n, directed: seed % 3 == 0, weighted: seed % 2 == 0,
                                       negative: seed % 5 == 0 ? 0 : 0.35, seed: seed)
            var generator = SeededGenerator(seed: seed &* 77)
            for k in [1, 2, 3, n] {
                let labels = (0..<n).map { _ in Int32(generator.next(upperBound: UInt64(k))) }
                let p = Partition(labels: labels)
                for gamma in [0.0, 0.5, 1.0, 1.7] {
                    let signed = g.modularity(p, resolution: gamma, objective: .signed)
                    let expected = Self.bruteForceModularity(g, p.membership, resolution: gamma, signed: true)
                    #expect(abs(signed - expected) <= 1e-12, "seed \(seed) k \(k) γ \(gamma): \(signed) vs \(expected)")
                    let positive = g.modularity(p, resolution: gamma)
                    let expectedPositive = Self.bruteForceModularity(g, p.membership, resolution: gamma, signed: false)
                    #expect(abs(positive - expectedPositive) <= 1e-12, "seed \(seed): positive \(positive) vs \(expectedPositive)")
                    checked += 1
                }
            }
            // The results report the modularity of their partition.
            for objective in ModularityObjective.allCases {
                let l = g.louvain(seed: seed, objective: objective)
                #expect(abs(l.modularity - Self.bruteForceModularity(g, l.partition.membership, resolution: 1,
                                                                      signed: objective == .signed)) <= 1e-12)
                let d = g.leiden(seed: seed, objective: objective)
                #expect(abs(d.modularity - g.modularity(d.partition, objective: objective)) <= 1e-12)
            }
        }
        #expect(checked == 40 * 4 * 4)
    }

    // MARK: Karate club

    @Test func karateClubReachesTheKnownOptimum() throws {
        let g = try Self.fixture("karate-club").network()
        #expect(!g.isWeighted)
        let louvain = g.louvain()
        let leiden = g.leiden()
        #expect(louvain.modularity >= 0.4188, "Louvain \(louvain.modularity)")
        #expect(leiden.modularity >= 0.4188, "Leiden \(leiden.modularity)")
        #expect(abs(louvain.modularity - g.modularity(louvain.partition)) < 1e-15)
        #expect(louvain.levels >= 1 && louvain.objective == .positiveTies && louvain.resolution == 1)

        var worstLouvain = 1.0, worstLeiden = 1.0, bestLeiden = -1.0, bestLouvain = -1.0
        for seed in UInt64(1)...50 {
            let a = g.louvain(seed: seed).modularity, b = g.leiden(seed: seed).modularity
            worstLouvain = min(worstLouvain, a); bestLouvain = max(bestLouvain, a)
            worstLeiden = min(worstLeiden, b); bestLeiden = max(bestLeiden, b)
        }
        print("karate club over seeds 1...50: Louvain \(worstLouvain)...\(bestLouvain), Leiden \(worstLeiden)...\(bestLeiden)")
        #expect(worstLouvain >= 0.40 && worstLeiden >= 0.40)
        #expect(bestLeiden >= 0.4197, "best Leiden \(bestLeiden); the optimum is 0.41979")
    }

    // MARK: Algorithm promises

    static func isConnected(_ g: Network, _ members: [Int32], positiveOnly: Bool) -> Bool {
        guard let first = members.first else { return true }
        let inside = Set(members)
        var seen: Set<Int32> = [first], stack = [first]
        while let u = stack.popLast() {
            for e in Int(g.outOffsets[Int(u)])..<Int(g.outOffsets[Int(u) + 1]) where !positiveOnly || g.sign(e) > 0 {
                let v = g.targets[e]
                if inside.contains(v) && seen.insert(v).inserted { stack.append(v) }
            }
            if g.isDirected {
                for k in Int(g.inOffsets[Int(u)])..<Int(g.inOffsets[Int(u) + 1]) where !positiveOnly || g.sign(g.inEdge(k)) > 0 {
                    let v = g.inSources[k]
                    if inside.contains(v) && seen.insert(v).inserted { stack.append(v) }
                }
            }
        }
        return seen.count == inside.count
    }

    @Test func leidenCommunitiesAreConnected() {
        for seed in UInt64(1)...60 {
            let n = 10 + Int(seed % 50)
            let g = Self.randomNetwork(nodes: n, edges: Int(seed % 4 + 1) * n, directed: seed % 2 == 0,
                                       weighted: seed % 3 == 0, negative: seed % 4 == 0 ? 0.3 : 0, seed: seed)
            for gamma in [0.5, 1.0, 2.0] {
                let r = g.leiden(resolution: gamma, seed: seed)
                for group in r.partition.groups {
                    #expect(Self.isConnected(g, group, positiveOnly: true), "seed \(seed) γ \(gamma): \(group)")
                }
                let s = g.leiden(resolution: gamma, seed: seed, objective: .signed)
                for group in s.partition.groups {
                    #expect(Self.isConnected(g, group, positiveOnly: false), "signed, seed \(seed) γ \(gamma): \(group)")
                }
            }
        }
    }

    @Test func louvainIsLocallyOptimal() {
        for seed in UInt64(1)...40 {
            let n = 8 + Int(seed % 25)
            let g = Self.randomNetwork(nodes: n, edges: Int(seed % 3 + 1) * n, directed: seed % 2 == 1,
                                       weighted: seed % 3 != 0, negative: seed % 4 == 0 ? 0.3 : 0, seed: seed)
            for gamma in [0.6, 1.0, 1.5] {
                let r = g.louvain(resolution: gamma, seed: seed)
                let labels = r.partition.membership
                let q = Self.bruteForceModularity(g, labels, resolution: gamma, signed: false)
                #expect(abs(q - r.modularity) <= 1e-12)
                var improvement = 0.0, move = ""
                for u in 0..<n {
                    for c in 0...Int32(r.partition.count) where c != labels[u] {   // count: a new community
                        var moved = labels
                        moved[u] = c
                        let delta = Self.bruteForceModularity(g, moved, resolution: gamma, signed: false) - q
                        if delta > improvement { improvement = delta; move = "node \(u) to \(c)" }
                    }
                }
                #expect(improvement <= 1e-12, "seed \(seed) γ \(gamma): moving \(move) gains \(improvement)")
            }
        }
    }

    @Test func seededRunsAreDeterministic() {
        let g = Self.randomNetwork(nodes: 300, edges: 1500, directed: true, weighted: true, negative: 0.2, seed: 9)
        for objective in ModularityObjective.allCases {
            #expect(g.louvain(seed: 5, objective: objective) == g.louvain(seed: 5, objective: objective))
            #expect(g.leiden(seed: 5, objective: objective) == g.leiden(seed: 5, objective: objective))
        }
        let seeds = Set((UInt64(1)...8).map { g.louvain(seed: $0).partition })
        print("300-node random graph: \(seeds.count) different Louvain partitions over 8 seeds")
    }

    /// A planted partition big enough (24 000 nodes) for the batched parallel local moving.
    @Test func largeGraphsFindThePlantedCommunities() throws {
        let n = 24_000, blockSize = 400
        var generator = SeededGenerator(seed: 3)
        var s: [Int32] = [], t: [Int32] = [], w: [Double] = []
        for u in 0..<n {
            for _ in 0..<2 {
                let inside = generator.next(upperBound: UInt64(10)) < 9
                let v = inside ? (u / blockSize) * blockSize + Int(generator.next(upperBound: UInt64(blockSize)))
                               : Int(generator.next(upperBound: UInt64(n)))
                if v == u { continue }
                s.append(Int32(u)); t.append(Int32(v)); w.append(Double(1 + generator.next(upperBound: UInt64(3))))
            }
        }
        let g = try Network(nodeCount: n, sources: s, targets: t, weights: w, directed: true)
        let planted = g.modularity(Partition(labels: (0..<n).map { Int32($0 / blockSize) }))
        let louvain = g.louvain(seed: 2), leiden = g.leiden(seed: 2)
        // Louvain is greedy: on this graph it merges a few planted blocks (0.878 against 0.886,
        // with the batched or the one-by-one local moving alike); Leiden's refinement finds them.
        #expect(louvain.modularity >= planted - 0.01, "Louvain \(louvain.modularity), planted \(planted)")
        #expect(leiden.modularity >= planted - 0.005, "Leiden \(leiden.modularity), planted \(planted)")
        #expect(g.leiden(seed: 2) == leiden)
        // Leiden's communities are connected (undirected reading): a union-find over the ties.
        var parent = (0..<n).map { $0 }
        func find(_ x: Int) -> Int { var x = x; while parent[x] != x { parent[x] = parent[parent[x]]; x = parent[x] }; return x }
        let m = leiden.partition.membership
        for (a, b) in zip(s, t) where m[Int(a)] == m[Int(b)] { parent[find(Int(a))] = find(Int(b)) }
        var root = [Int](repeating: -1, count: leiden.partition.count), split = 0
        for u in 0..<n {
            let c = Int(m[u]), r = find(u)
            if root[c] < 0 { root[c] = r } else if root[c] != r { split += 1 }
        }
        #expect(split == 0, "\(split) nodes outside their community's first component")
    }

    /// Two positive 5-cliques, every cross pair a negative tie, plus one weak positive bridge.
    static func twoFactions() -> Network {
        var s: [Int32] = [], t: [Int32] = [], w: [Double] = [], sg: [Int8] = []
        for a in 0..<10 {
            for b in (a + 1)..<10 {
                let same = (a < 5) == (b < 5)
                s.append(Int32(a)); t.append(Int32(b))
                w.append(same ? 1 : 0.5)
                sg.append(same || (a == 4 && b == 5) ? 1 : -1)
            }
        }
        return try! Network(nodeCount: 10, sources: s, targets: t, weights: w, signs: sg, directed: false)
    }

    @Test func signedObjectiveSeparatesFactions() {
        let g = Self.twoFactions()
        let factions = Partition(labels: [0, 0, 0, 0, 0, 1, 1, 1, 1, 1])
        for r in [g.louvain(objective: .signed), g.leiden(objective: .signed)] {
            #expect(r.partition == factions)
            #expect(r.ignoredNegativeTies == 0)
            #expect(r.objective == .signed)
            #expect(r.modularity > g.modularity(Partition(labels: [Int32](repeating: 0, count: 10)), objective: .signed))
        }
        // Positive ties only: the 24 negative pairs are ignored and counted.
        for r in [g.louvain(), g.leiden()] {
            #expect(r.ignoredNegativeTies == 24)
            #expect(r.partition == factions)
            #expect(abs(r.modularity - g.positiveOnly().modularity(r.partition)) < 1e-15)
        }
        // Negative ties repel: the signed modularity of the split beats the positive-only value.
        #expect(g.modularity(factions, objective: .signed) > g.modularity(factions))
    }

    @Test func edgeCases() throws {
        let empty = try Network(nodeCount: 0, sources: [], targets: [], directed: false)
        for r in [empty.louvain(), empty.leiden()] {
            #expect(r.partition.count == 0 && r.modularity == 0 && r.levels == 0)
        }
        let lonely = try Network(nodeCount: 4, sources: [], targets: [], directed: true)
        for r in [lonely.louvain(), lonely.leiden(), lonely.louvain(objective: .signed)] {
            #expect(r.partition.count == 4, "no ties: every node alone")
            #expect(r.modularity == 0)
        }
        #expect(lonely.modularity(Partition(labels: [0, 0, 1, 1])) == 0)
        let one = try Network(nodeCount: 2, sources: [0], targets: [1], directed: false)
        #expect(one.louvain().partition.count == 1 && one.leiden().partition.count == 1)
        #expect(one.louvain().modularity == 0)
        // Isolated nodes stay alone.
        let f = try Self.fixture("isolated-nodes").network()
        for r in [f.louvain(), f.leiden()] {
            #expect(r.partition.membership[3] != r.partition.membership[0])
            #expect(r.partition.groups.contains([3]) && r.partition.groups.contains([7]))
        }
        // Only negative ties under .positiveTies: all alone, every pair counted.
        let hostile = try Network(nodeCount: 3, sources: [0, 1], targets: [1, 2], signs: [-1, -1], directed: false)
        let r = hostile.louvain()
        #expect(r.partition.count == 3 && r.modularity == 0 && r.ignoredNegativeTies == 2)
        // Resolution 0: each connected component becomes one community.
        let k = try Self.fixture("isolated-nodes").network()
        #expect(k.louvain(resolution: 0).partition.count == 4)
        #expect(k.leiden(resolution: 0).partition.count == 4)
    }
}
