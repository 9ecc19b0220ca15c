import Foundation
import NetworkAnalysis
import Testing

/// Every measure against networkx's answers, on the fixtures that
/// `Tools/fixtures/make_centrality_fixtures.py` writes (`--check` verifies they are current).
/// Exact measures agree within 1e-9, iterative ones within 1e-6 (1e-9 at the default tolerance).
@Suite struct FixtureTests {
    struct Fixture: Decodable, Sendable, CustomStringConvertible {
        struct Parameters: Decodable, Sendable {
            var pagerank_alpha: Double
            var katz_alpha: Double
            var katz_beta: Double
            var personalization: [Double]
        }
        var name: String
        var directed: Bool
        var weighted: Bool
        var signed: Bool
        var labels: [String]
        var edges: [[Double]]
        var parameters: Parameters
        var results: [String: [Double]]
        var description: String { name }

        func network() throws -> Network {
            try Network(nodeCount: labels.count, sources: edges.map { Int32($0[0]) }, targets: edges.map { Int32($0[1]) },
                        weights: edges.map { $0[2] }, signs: edges.map { Int8($0[3]) }, directed: directed)
        }
    }

    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/centrality")

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
        #expect(all.count >= 20)
        #expect(all.contains { $0.directed } && all.contains { !$0.directed })
        #expect(all.contains { $0.weighted } && all.contains { $0.signed })
        #expect(all.contains { $0.name == "karate-club" } && all.contains { $0.name == "florentine-families" })
    }

    func expectClose(_ actual: [Double], _ expected: [Double]?, tolerance: Double, _ what: String, _ f: Fixture) {
        guard let expected else { return }
        #expect(actual.count == expected.count, "\(f.name) \(what): \(actual.count) values, expected \(expected.count)")
        var worst = 0.0, at = -1
        for (i, (a, e)) in zip(actual, expected).enumerated() {
            let error = abs(a - e) / max(1, abs(e))
            if !(error <= worst) { worst = error; at = i }
        }
        #expect(worst <= tolerance, "\(f.name) \(what): node \(at) (\(at >= 0 ? f.labels[at] : "")) is \(at >= 0 ? actual[at] : .nan), networkx says \(at >= 0 ? expected[at] : .nan)")
    }

    @Test(arguments: FixtureTests.fixtures())
    func exactMeasures(_ f: Fixture) throws {
        let g = try f.network()
        let r = f.results
        let exact = 1e-9
        expectClose(g.degree(), r["degree"], tolerance: exact, "degree", f)
        if f.directed {
            expectClose(g.inDegree(), r["in_degree"], tolerance: exact, "in-degree", f)
            expectClose(g.outDegree(), r["out_degree"], tolerance: exact, "out-degree", f)
            expectClose(g.inStrength(), r["in_strength"], tolerance: exact, "in-strength", f)
            expectClose(g.outStrength(), r["out_strength"], tolerance: exact, "out-strength", f)
        }
        expectClose(g.strength(), r["strength"], tolerance: exact, "strength", f)
        if f.signed {
            let s = g.signedDegree()
            expectClose(s.positive, r["positive_degree"], tolerance: exact, "positive degree", f)
            expectClose(s.negative, r["negative_degree"], tolerance: exact, "negative degree", f)
            expectClose(s.net, r["net_degree"], tolerance: exact, "net degree", f)
        }
        for threads in [1, 2] {
            expectClose(g.betweenness(threads: threads), r["betweenness"], tolerance: exact, "betweenness", f)
            expectClose(g.betweenness(normalized: false, threads: threads), r["betweenness_raw"], tolerance: exact, "betweenness (raw)", f)
            expectClose(g.betweenness(endpoints: true, threads: threads), r["betweenness_endpoints"], tolerance: exact, "betweenness (endpoints)", f)
            expectClose(g.closeness(threads: threads), r["closeness"], tolerance: exact, "closeness", f)
            expectClose(g.harmonic(threads: threads), r["harmonic"], tolerance: exact, "harmonic", f)
            if f.weighted {
                expectClose(g.betweenness(weighted: true, threads: threads), r["betweenness_weighted"], tolerance: exact, "weighted betweenness", f)
                expectClose(g.closeness(weighted: true, threads: threads), r["closeness_weighted"], tolerance: exact, "weighted closeness", f)
                expectClose(g.harmonic(weighted: true, threads: threads), r["harmonic_weighted"], tolerance: exact, "weighted harmonic", f)
            }
        }
    }

    @Test(arguments: FixtureTests.fixtures())
    func iterativeMeasures(_ f: Fixture) throws {
        let g = try f.network()
        let r = f.results
        let iterative = 1e-6
        let p = f.parameters
        if r["eigenvector"] != nil {
            expectClose(try g.eigenvector(tolerance: 1e-12, maxIterations: 100_000), r["eigenvector"], tolerance: iterative, "eigenvector", f)
        }
        if f.weighted, r["eigenvector_weighted"] != nil {
            expectClose(try g.eigenvector(weighted: true, tolerance: 1e-12, maxIterations: 100_000), r["eigenvector_weighted"],
                        tolerance: iterative, "weighted eigenvector", f)
        }
        expectClose(try g.pageRank(alpha: p.pagerank_alpha, tolerance: 1e-12, maxIterations: 100_000), r["pagerank"],
                    tolerance: iterative, "PageRank", f)
        if f.weighted {
            expectClose(try g.pageRank(alpha: p.pagerank_alpha, weighted: true, tolerance: 1e-12, maxIterations: 100_000),
                        r["pagerank_weighted"], tolerance: iterative, "weighted PageRank", f)
        }
        expectClose(try g.pageRank(alpha: p.pagerank_alpha, personalization: p.personalization, tolerance: 1e-12, maxIterations: 100_000),
                    r["pagerank_personalized"], tolerance: iterative, "personalised PageRank", f)
        expectClose(try g.katz(alpha: p.katz_alpha, beta: p.katz_beta, tolerance: 1e-12, maxIterations: 100_000), r["katz"],
                    tolerance: iterative, "Katz", f)
        if r["hubs"] != nil {
            let (hubs, authorities) = try g.hits(tolerance: 1e-13, maxIterations: 100_000)
            expectClose(hubs, r["hubs"], tolerance: iterative, "hubs", f)
            expectClose(authorities, r["authorities"], tolerance: iterative, "authorities", f)
        }
        if r["hubs_weighted"] != nil {
            let (hubs, authorities) = try g.hits(weighted: true, tolerance: 1e-13, maxIterations: 100_000)
            expectClose(hubs, r["hubs_weighted"], tolerance: iterative, "weighted hubs", f)
            expectClose(authorities, r["authorities_weighted"], tolerance: iterative, "weighted authorities", f)
        }
        if f.signed {
            expectClose(try g.pn(), r["pn"], tolerance: iterative, "PN", f)
        }
    }

    /// The defaults converge to within 10⁻¹⁰ of the fixed point (networkx ran at tol=1e-13), not
    /// to networkx's default n · 10⁻⁶ change.
    @Test(arguments: FixtureTests.fixtures())
    func iterativeDefaultsAreTight(_ f: Fixture) throws {
        let g = try f.network()
        let r = f.results
        let tight = 1e-9
        let p = f.parameters
        if r["eigenvector"] != nil { expectClose(try g.eigenvector(), r["eigenvector"], tolerance: tight, "eigenvector", f) }
        if f.weighted, r["eigenvector_weighted"] != nil {
            expectClose(try g.eigenvector(weighted: true), r["eigenvector_weighted"], tolerance: tight, "weighted eigenvector", f)
        }
        expectClose(try g.pageRank(alpha: p.pagerank_alpha), r["pagerank"], tolerance: tight, "PageRank", f)
        if f.weighted {
            expectClose(try g.pageRank(alpha: p.pagerank_alpha, weighted: true), r["pagerank_weighted"], tolerance: tight, "weighted PageRank", f)
        }
        expectClose(try g.pageRank(alpha: p.pagerank_alpha, personalization: p.personalization), r["pagerank_personalized"],
                    tolerance: tight, "personalised PageRank", f)
        expectClose(try g.katz(alpha: p.katz_alpha, beta: p.katz_beta), r["katz"], tolerance: tight, "Katz", f)
        if r["hubs"] != nil {
            let (hubs, authorities) = try g.hits()
            expectClose(hubs, r["hubs"], tolerance: tight, "hubs", f)
            expectClose(authorities, r["authorities"], tolerance: tight, "authorities", f)
        }
        if r["hubs_weighted"] != nil {
            let (hubs, authorities) = try g.hits(weighted: true)
            expectClose(hubs, r["hubs_weighted"], tolerance: tight, "weighted hubs", f)
            expectClose(authorities, r["authorities_weighted"], tolerance: tight, "weighted authorities", f)
        }
    }

    /// PageRank's bound is a guarantee: at any tolerance the L1 distance to the exact PageRank
    /// (here a run at 10⁻¹⁴) is within the tolerance.
    @Test(arguments: [1e-4, 1e-6, 1e-8, 1e-10])
    func pageRankToleranceBoundsTheDistance(_ tolerance: Double) throws {
        for f in Self.fixtures() where f.labels.count > 2 {
            let g = try f.network()
            let exact = try g.pageRank(tolerance: 1e-14)
            let x = try g.pageRank(tolerance: tolerance)
            let distance = zip(x, exact).reduce(0) { $0 + abs($1.0 - $1.1) }
            #expect(distance <= tolerance, "\(f.name): L1 distance \(distance) above the tolerance \(tolerance)")
        }
    }
}
