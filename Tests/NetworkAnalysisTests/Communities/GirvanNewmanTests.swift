import Foundation
@testable import NetworkAnalysis
import Testing

/// Edge betweenness and Girvan–Newman against networkx, on the spectral fixtures.
@Suite struct GirvanNewmanTests {
    /// The stored edge u → v.
    func storedEdge(_ g: Network, _ u: Int, _ v: Int) -> Int? {
        (Int(g.outOffsets[u])..<Int(g.outOffsets[u + 1])).first { Int(g.targets[$0]) == v }
    }

    func expectPerEdge(_ g: Network, _ actual: [Double], _ expected: [Double]?, _ what: String, _ f: SpectralFixture) {
        guard let expected else { return }
        #expect(actual.count == g.storedEdgeCount)
        for (i, edge) in f.edges.enumerated() {
            let u = Int(edge[0]), v = Int(edge[1])
            var copies = [storedEdge(g, u, v)]
            if !f.directed { copies.append(storedEdge(g, v, u)) }
            for e in copies {
                guard let e else { Issue.record("\(f.name): edge \(u)-\(v) not stored"); continue }
                let error = abs(actual[e] - expected[i]) / max(1, abs(expected[i]))
                #expect(error <= 1e-9, "\(f.name) \(what): edge \(u)-\(v) is \(actual[e]), networkx says \(expected[i])")
            }
        }
    }

    @Test(arguments: SpectralFixture.all)
    func edgeBetweennessMatchesNetworkx(_ f: SpectralFixture) throws {
        let g = try f.network()
        let r = f.results
        for threads in [1, 2] {
            expectPerEdge(g, g.edgeBetweenness(threads: threads), r.edge_betweenness, "edge betweenness", f)
            expectPerEdge(g, g.edgeBetweenness(normalized: false, threads: threads), r.edge_betweenness_raw, "edge betweenness (raw)", f)
            if f.weighted {
                expectPerEdge(g, g.edgeBetweenness(weighted: true, threads: threads), r.edge_betweenness_weighted,
                              "weighted edge betweenness", f)
                expectPerEdge(g, g.edgeBetweenness(weighted: true, normalized: false, threads: threads),
                              r.edge_betweenness_weighted_raw, "weighted edge betweenness (raw)", f)
            }
        }
        #expect(g.edgeBetweenness(threads: 1) == g.edgeBetweenness(threads: 2), "bit-identical across thread counts")
    }

    @Test func fixturesCoverTheCases() {
        let all = SpectralFixture.all
        #expect(all.contains { $0.directed && $0.weighted } && all.contains { !$0.directed && $0.weighted })
        #expect(all.filter { ($0.results.girvan_newman?.unique_levels ?? 0) >= 3 }.count >= 8)
    }

    /// The levels match networkx's `girvan_newman` as long as every maximum was unique.
    @Test(arguments: SpectralFixture.all.filter { $0.results.girvan_newman != nil })
    func girvanNewmanLevelsMatchNetworkx(_ f: SpectralFixture) throws {
        let g = try f.network()
        let want = try #require(f.results.girvan_newman)
        let k = want.levels.last.map { Int($0.max() ?? 0) + 1 } ?? 1
        let r = g.girvanNewman(k: k)
        #expect(r.usedPositiveTiesOnly == g.hasNegativeEdges)
        #expect(r.levels.first == Partition(labels: want.levels[0]))
        #expect(r.partition == r.levels.last)
        #expect(r.levels.count == want.levels.count, "\(f.name): \(r.levels.count) levels, networkx \(want.levels.count)")
        for (i, level) in want.levels.prefix(want.unique_levels).enumerated() where i < r.levels.count {
            #expect(r.levels[i] == Partition(labels: level), "\(f.name): level \(i) differs from networkx")
        }
        // Removals agree with networkx's replay up to the first tie.
        // Every removal up to the one that made level unique_levels − 1 had a unique maximum.
        let c0 = r.levels[0].count
        var removalsBeforeTie = 0
        if want.unique_levels == want.levels.count {
            removalsBeforeTie = want.removals.count
        } else if want.unique_levels > 1 {
            removalsBeforeTie = (r.removals.firstIndex { $0.components == c0 + want.unique_levels - 1 } ?? -1) + 1
        }
        for (mine, theirs) in zip(r.removals, want.removals).prefix(removalsBeforeTie) {
            #expect(mine.u == Int32(theirs[0]) && mine.v == Int32(theirs[1]), "\(f.name): removed \(mine.u)-\(mine.v), networkx \(theirs)")
            #expect(abs(mine.betweenness - theirs[2]) <= 1e-9, "\(f.name): \(mine.betweenness) vs \(theirs[2])")
        }
        for (i, removal) in r.removals.enumerated() {
            #expect(removal.u < removal.v)
            if i > 0 { #expect(removal.components >= r.removals[i - 1].components) }
        }
    }

    @Test func karateClubSplitsAlongTheClubs() throws {
        let f = try #require(SpectralFixture.named("karate-club"))
        let clubs = try #require(f.results.clubs)
        let r = try f.network().girvanNewman(k: 2)
        #expect(r.partition.count == 2)
        #expect(r.levels.count == 2)
        let wrong = SpectralTests().misclassified(r.partition, clubs)
        #expect(wrong.count <= 2, "misclassified: \(wrong)")
        // Nodes 2 and 8 (0-based, members of Mr. Hi's club in networkx's data) go with the
        // Officer; networkx's first level is the same.
        #expect(wrong == [2, 8], "misclassified: \(wrong)")
        let gn = try #require(f.results.girvan_newman)
        #expect(r.partition == Partition(labels: gn.levels[1]))
        #expect(r.removals.count == 11 && r.removals[0].u == 0 && r.removals[0].v == 31)
    }

    // MARK: The edge-case ladder

    @Test func emptyOneAndTwoNodes() throws {
        let empty = try Network(nodeCount: 0, sources: [], targets: [], directed: false)
        #expect(empty.edgeBetweenness().isEmpty)
        let e = empty.girvanNewman(k: 2)
        #expect(e.partition.count == 0 && e.removals.isEmpty && e.levels.count == 1)
        let one = try Network(nodeCount: 1, sources: [], targets: [], directed: false)
        #expect(one.girvanNewman(k: 3).partition.membership == [0])
        let two = try Network(nodeCount: 2, sources: [0], targets: [1], directed: false)
        #expect(two.edgeBetweenness() == [1, 1])
        #expect(two.edgeBetweenness(normalized: false) == [1, 1])
        let r = two.girvanNewman(k: 2)
        #expect(r.partition.membership == [0, 1])
        #expect(r.removals == [.init(u: 0, v: 1, betweenness: 1, components: 2)])
        #expect(two.girvanNewman(k: 1).removals.isEmpty)
    }

    @Test func startingWithEnoughComponentsRemovesNothing() throws {
        let f = try #require(SpectralFixture.named("disconnected-isolates"))
        let g = try f.network()
        let r = g.girvanNewman(k: 3)
        #expect(r.removals.isEmpty && r.levels.count == 1)
        #expect(r.partition.count == 4)
        let all = g.girvanNewman(k: 100)
        #expect(all.partition.count == 9)
        #expect(all.removals.count == 6)
    }

    @Test func negativeTiesAreDropped() throws {
        // Two positive triangles joined by a negative tie: already two components on positive ties.
        let g = try Network(nodeCount: 6, sources: [0, 1, 0, 3, 4, 3, 2], targets: [1, 2, 2, 4, 5, 5, 3],
                            signs: [1, 1, 1, 1, 1, 1, -1], directed: false)
        let r = g.girvanNewman(k: 2)
        #expect(r.usedPositiveTiesOnly)
        #expect(r.removals.isEmpty)
        #expect(r.partition.membership == [0, 0, 0, 1, 1, 1])
    }

    @Test func tiesGoToTheSmallestPair() throws {
        // A 4-cycle: every edge has the same betweenness and (0, 1) goes first; then the middle
        // of the path 1-2-3-0, (2, 3), is the unique maximum.
        let g = try Network(nodeCount: 4, sources: [0, 1, 2, 0], targets: [1, 2, 3, 3], directed: false)
        let r = g.girvanNewman(k: 2)
        #expect(r.removals.map { [$0.u, $0.v] } == [[0, 1], [2, 3]])
        #expect(r.partition.membership == [0, 1, 1, 0])
    }

    @Test func weightedPathsUseInverseWeights() throws {
        // Path 0-1-2-3 plus a strong chord 0-3 (weight 4, length 1/4): weighted, the chord is
        // on most shortest paths; unweighted, the middle edge 1-2 is.
        let g = try Network(nodeCount: 4, sources: [0, 1, 2, 0], targets: [1, 2, 3, 3], weights: [1, 1, 1, 4], directed: false)
        let w = g.edgeBetweenness(weighted: true, normalized: false)
        let chord = try #require(storedEdge(g, 0, 3)), middle = try #require(storedEdge(g, 1, 2))
        #expect(w[chord] > w[middle])
        #expect(g.girvanNewman(k: 2, weighted: true).removals.first.map { [$0.u, $0.v] } == [0, 3])
    }

    @Test func deterministic() throws {
        for f in SpectralFixture.all where f.labels.count <= 60 {
            let g = try f.network()
            #expect(g.girvanNewman(k: 4) == g.girvanNewman(k: 4), "\(f.name)")
            if f.weighted { #expect(g.girvanNewman(k: 3, weighted: true) == g.girvanNewman(k: 3, weighted: true)) }
        }
    }
}
