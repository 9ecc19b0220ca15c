import Foundation
@testable import NetworkAnalysis
import Testing

/// A fixture written by `Tools/fixtures/make_spectral_fixtures.py` (`--check` verifies they are
/// current): a graph with numpy's Laplacian eigenpairs, networkx's edge betweenness and its
/// Girvan–Newman levels.
struct SpectralFixture: Decodable, Sendable, CustomStringConvertible {
    struct Eigenpair: Decodable, Sendable {
        var value: Double
        var vector: [Double]
        var simple: Bool
    }
    struct GirvanNewman: Decodable, Sendable {
        var levels: [[Int32]]
        var removals: [[Double]]
        var unique_levels: Int
    }
    struct Results: Decodable, Sendable {
        var fiedler: Eigenpair?
        var signed_smallest: Eigenpair?
        var edge_betweenness: [Double]
        var edge_betweenness_raw: [Double]
        var edge_betweenness_weighted: [Double]?
        var edge_betweenness_weighted_raw: [Double]?
        var girvan_newman: GirvanNewman?
        var clubs: [String]?
    }
    var name: String
    var directed: Bool
    var weighted: Bool
    var signed: Bool
    var labels: [String]
    var edges: [[Double]]
    var results: Results
    var description: String { name }

    func network() throws -> Network {
        try Network(nodeCount: labels.count, sources: edges.map { Int32($0[0]) }, targets: edges.map { Int32($0[1]) },
                    weights: edges.map { $0[2] }, signs: edges.map { Int8($0[3]) }, directed: directed)
    }

    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/spectral")

    static let all: [SpectralFixture] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(".json") }.sorted().compactMap { name in
            guard let data = try? Data(contentsOf: directory.appendingPathComponent(name)) else { return nil }
            return try? JSONDecoder().decode(SpectralFixture.self, from: data)
        }
    }()

    static func named(_ name: String) -> SpectralFixture? { all.first { $0.name == name } }
}

/// The largest difference between `a` and ±`b`, whichever sign fits better.
func distanceUpToSign(_ a: [Double], _ b: [Double]) -> Double {
    guard a.count == b.count else { return .infinity }
    var plus = 0.0, minus = 0.0
    for (x, y) in zip(a, b) { plus = max(plus, abs(x - y)); minus = max(minus, abs(x + y)) }
    return min(plus, minus)
}

@Suite struct SpectralTests {
    @Test func fixturesDecode() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: SpectralFixture.directory.path).filter { $0.hasSuffix(".json") }
        #expect(SpectralFixture.all.count == files.count, "every fixture file decodes")
        #expect(SpectralFixture.all.count >= 30)
        #expect(SpectralFixture.all.filter { $0.results.fiedler?.simple == true }.count >= 15)
        #expect(SpectralFixture.all.filter { $0.results.signed_smallest != nil }.count >= 4)
    }

    /// The Fiedler pair (unsigned mode) against numpy's eigh: dense (every fixture but the
    /// 460-node one), and LOBPCG and Lanczos forced on every fixture.
    @Test(arguments: SpectralFixture.all.filter { $0.results.fiedler != nil })
    func fiedlerMatchesNumpy(_ f: SpectralFixture) throws {
        let g = try f.network()
        let want = try #require(f.results.fiedler)
        for (denseLimit, sparse) in [(400, _SparseSolver.lobpcg), (0, .lobpcg), (0, .lanczos)] {
            let r = g._spectralBisection(k: 2, signed: false, denseLimit: denseLimit, sparse: sparse)
            #expect(!r.signedLaplacian)
            #expect(r.splits == 1)
            #expect(abs(r.eigenvalue - want.value) <= 1e-6 * max(1, abs(want.value)),
                    "\(f.name) (dense limit \(denseLimit), \(sparse)): λ₂ \(r.eigenvalue), numpy \(want.value)")
            if want.simple {
                let d = distanceUpToSign(r.vector, want.vector)
                #expect(d <= 1e-6, "\(f.name) (dense limit \(denseLimit), \(sparse)): Fiedler vector off by \(d)")
            }
            checkSplitFollowsSigns(r, f)
        }
    }

    /// The signed Laplacian's smallest pair against numpy's eigh, dense, LOBPCG and Lanczos.
    @Test(arguments: SpectralFixture.all.filter { $0.results.signed_smallest != nil })
    func signedSmallestMatchesNumpy(_ f: SpectralFixture) throws {
        let g = try f.network()
        let want = try #require(f.results.signed_smallest)
        for (denseLimit, sparse) in [(400, _SparseSolver.lobpcg), (0, .lobpcg), (0, .lanczos)] {
            let r = g._spectralBisection(k: 2, signed: nil, denseLimit: denseLimit, sparse: sparse)
            #expect(r.signedLaplacian)
            #expect(abs(r.eigenvalue - want.value) <= 1e-6 * max(1, abs(want.value)),
                    "\(f.name) (dense limit \(denseLimit), \(sparse)): λ₁ \(r.eigenvalue), numpy \(want.value)")
            if want.simple {
                let d = distanceUpToSign(r.vector, want.vector)
                #expect(d <= 1e-6, "\(f.name) (dense limit \(denseLimit), \(sparse)): vector off by \(d)")
            }
        }
    }

    func checkSplitFollowsSigns(_ r: SpectralResult, _ f: SpectralFixture) {
        guard r.splits == 1, r.partition.count == 2 else { return }
        let positive = r.vector.map { $0 >= -1e-10 }
        if positive.contains(false) {
            for i in 0..<r.vector.count {
                #expect((r.partition.membership[i] == r.partition.membership[0]) == (positive[i] == positive[0]),
                        "\(f.name): node \(i) is on the wrong side of the sign split")
            }
        }
        let norm = r.vector.reduce(0) { $0 + $1 * $1 }.squareRoot()
        #expect(abs(norm - 1) < 1e-12)
        if let first = r.vector.first(where: { abs($0) > 1e-10 }) { #expect(first > 0) }
    }

    @Test func karateClubSplitsAlongTheClubs() throws {
        let f = try #require(SpectralFixture.named("karate-club"))
        let clubs = try #require(f.results.clubs)
        let r = try f.network().spectralBisection(k: 2)
        #expect(r.partition.count == 2)
        let wrong = misclassified(r.partition, clubs)
        #expect(wrong.count <= 2, "misclassified: \(wrong)")
        // Nodes 2 and 8 (0-based; Mr. Hi's members) fall on the Officer's side, as the sign
        // pattern of numpy's Fiedler vector says too.
        #expect(wrong == [2, 8], "misclassified: \(wrong)")
        let numpy = try #require(f.results.fiedler).vector.map { $0 >= -1e-10 ? Int32(0) : 1 }
        #expect(r.partition == Partition(labels: numpy))
    }

    /// The members whose bloc disagrees with the club of most of that bloc.
    func misclassified(_ p: Partition, _ clubs: [String]) -> [Int] {
        var majority: [Int: String] = [:]
        for g in 0..<p.count {
            let members = p.groups[g].map { clubs[Int($0)] }
            let hi = members.filter { $0 == "Mr. Hi" }.count
            majority[g] = hi * 2 >= members.count ? "Mr. Hi" : "Officer"
        }
        return (0..<clubs.count).filter { majority[Int(p.membership[$0])] != clubs[$0] }
    }

    /// Two random camps, positive ties inside and negative between: the signed bisection
    /// recovers them exactly at eigenvalue 0 (the 600-node case through LOBPCG in production;
    /// the smaller ones dense, and cross-checked with LOBPCG and Lanczos).
    @Test(arguments: [(40, 0.3, 1 as UInt64), (90, 0.1, 2), (150, 0.08, 3), (300, 0.05, 5), (600, 0.03, 4)])
    func balancedCampsAreRecovered(_ n: Int, _ p: Double, _ seed: UInt64) throws {
        var rng = SeededGenerator(seed: seed)
        let camp = (0..<n).map { _ in Bool.random(using: &rng) }
        var s: [Int32] = [], t: [Int32] = [], signs: [Int8] = []
        for u in 0..<n {
            for v in (u + 1)..<n where Double.random(in: 0..<1, using: &rng) < p {
                s.append(Int32(u)); t.append(Int32(v)); signs.append(camp[u] == camp[v] ? 1 : -1)
            }
        }
        let g = try Network(nodeCount: n, sources: s, targets: t, signs: signs, directed: false)
        try #require(g.weakComponents().count == 1, "the test graph must be connected")
        let r = g.spectralBisection(k: 2)
        #expect(r.signedLaplacian)
        #expect(abs(r.eigenvalue) < 1e-8, "balanced: eigenvalue \(r.eigenvalue)")
        #expect(r.partition == Partition(labels: camp.map { $0 ? 1 : 0 }))
        if n <= 200 {
            for sparse in [_SparseSolver.lobpcg, .lanczos] {
                let other = g._spectralBisection(k: 2, signed: nil, denseLimit: 0, sparse: sparse)
                #expect(other.partition == r.partition)
                #expect(distanceUpToSign(other.vector, r.vector) < 1e-6)
            }
        }
    }

    @Test func largeFixtureUsesTheSparseSolverAndMatches() throws {
        let f = try #require(SpectralFixture.named("planted-460"))
        let want = try #require(f.results.fiedler)
        let g = try f.network()
        let r = g.spectralBisection(k: 2)
        let dense = g._spectralBisection(k: 2, signed: nil, denseLimit: 1000)
        let lanczos = g._spectralBisection(k: 2, signed: nil, denseLimit: 0, sparse: .lanczos)
        #expect(abs(r.eigenvalue - want.value) < 1e-6)
        #expect(abs(lanczos.eigenvalue - want.value) < 1e-6)
        #expect(distanceUpToSign(lanczos.vector, want.vector) < 1e-6)
        #expect(abs(dense.eigenvalue - want.value) < 1e-9)
        #expect(distanceUpToSign(r.vector, want.vector) < 1e-6)
        #expect(r.partition == dense.partition)
        // The sign pattern of numpy's vector: the planted blocks 0..<230 and 230..<460, except
        // nodes 27 and 107, which the random ties pull to the second block.
        let numpy = want.vector.map { $0 >= -1e-10 ? Int32(0) : 1 }
        #expect(r.partition == Partition(labels: numpy))
        let planted = (0..<460).map { Int32($0 / 230) }
        #expect((0..<460).filter { r.partition.membership[$0] != planted[$0] } == [27, 107])
    }

    // MARK: The edge-case ladder

    @Test func emptyOneAndTwoNodes() throws {
        let empty = try Network(nodeCount: 0, sources: [], targets: [], directed: false)
        let e = empty.spectralBisection(k: 2)
        #expect(e.partition.count == 0 && e.splits == 0 && e.vector.isEmpty && e.eigenvalue == 0)
        let one = try Network(nodeCount: 1, sources: [], targets: [], directed: false)
        let o = one.spectralBisection(k: 5)
        #expect(o.partition.membership == [0] && o.splits == 0)
        let two = try Network(nodeCount: 2, sources: [0], targets: [1], directed: false)
        let t = two.spectralBisection(k: 2)
        #expect(t.partition.membership == [0, 1] && t.splits == 1)
        #expect(abs(t.eigenvalue - 2) < 1e-12)
        #expect(distanceUpToSign(t.vector, [(0.5).squareRoot(), -(0.5).squareRoot()]) < 1e-12)
    }

    @Test func kIsClampedAndBlocsAreSplitLargestFirst() throws {
        let f = try #require(SpectralFixture.named("two-cliques-bridge"))
        let g = try f.network()
        let two = g.spectralBisection(k: 2)
        // The 5-clique 0..4 against the clique 5..9 with its tail 10, 11.
        #expect(two.partition.membership == [0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1])
        let three = g.spectralBisection(k: 3)
        #expect(three.splits == 2 && three.partition.count == 3)
        // The larger bloc (7 nodes) is split next.
        #expect(three.partition.groups[0] == [0, 1, 2, 3, 4])
        let all = g.spectralBisection(k: 100)
        #expect(all.partition.count == 12 && all.splits == 11)
    }

    @Test func disconnectedNetworksSeparateComponentsFirst() throws {
        // Triangle 0-1-2, path 3-4-5-6, isolated 7 and 8.
        let f = try #require(SpectralFixture.named("disconnected-isolates"))
        let g = try f.network()
        let two = g.spectralBisection(k: 2)
        #expect(two.eigenvalue == 0)
        #expect(two.partition.membership == [0, 0, 0, 1, 1, 1, 1, 0, 0])
        // Unit contrast vector: constant on the largest component (the path), orthogonal to 1.
        #expect(abs(two.vector.reduce(0, +)) < 1e-12)
        #expect(two.vector[0] > 0 && two.vector[3] < 0)
        let four = g.spectralBisection(k: 4)
        #expect(four.partition.count == 4 && four.splits == 3)
    }

    @Test func negativeTiesAreDroppedWhenUnsigned() throws {
        // A positive path 0-1-2-3 with a negative chord 0-3 (an unbalanced cycle): unsigned
        // mode ignores the chord.
        let g = try Network(nodeCount: 4, sources: [0, 1, 2, 0], targets: [1, 2, 3, 3], signs: [1, 1, 1, -1], directed: false)
        let path = try Network(nodeCount: 4, sources: [0, 1, 2], targets: [1, 2, 3], directed: false)
        let u = g.spectralBisection(k: 2, signed: false)
        let p = path.spectralBisection(k: 2)
        #expect(!u.signedLaplacian && u == p)
        let s = g.spectralBisection(k: 2)
        #expect(s.signedLaplacian)
        // The 4-cycle with one negative tie is unbalanced: λ₁ = 2 − √2 > 0.
        #expect(abs(s.eigenvalue - (2 - (2.0).squareRoot())) < 1e-12)
        // Balanced: 0-1 and 2-3 positive, 1-2 negative. Unsigned, the negative tie is dropped and
        // the components separate; signed, the balanced split at eigenvalue 0.
        let b = try Network(nodeCount: 4, sources: [0, 2, 1], targets: [1, 3, 2], signs: [1, 1, -1], directed: false)
        let bu = b.spectralBisection(k: 2, signed: false)
        let bs = b.spectralBisection(k: 2)
        #expect(bu.partition.membership == [0, 0, 1, 1] && bu.eigenvalue == 0)
        #expect(bs.partition.membership == [0, 0, 1, 1] && abs(bs.eigenvalue) < 1e-12 && bs.signedLaplacian)
    }

    @Test func directedNetworksSumBothDirections() throws {
        let d = try Network(nodeCount: 4, sources: [0, 1, 1, 2, 3], targets: [1, 0, 2, 3, 2], weights: [1, 2, 0.5, 1, 1], directed: true)
        let u = try Network(nodeCount: 4, sources: [0, 1, 2], targets: [1, 2, 3], weights: [3, 0.5, 2], directed: false)
        #expect(d.spectralBisection(k: 2) == u.spectralBisection(k: 2))
    }

    @Test func deterministic() throws {
        for f in SpectralFixture.all {
            let g = try f.network()
            #expect(g.spectralBisection(k: 3) == g.spectralBisection(k: 3), "\(f.name)")
            #expect(g._spectralBisection(k: 3, signed: nil, denseLimit: 0) == g._spectralBisection(k: 3, signed: nil, denseLimit: 0))
            #expect(g._spectralBisection(k: 3, signed: nil, denseLimit: 0, sparse: .lanczos)
                    == g._spectralBisection(k: 3, signed: nil, denseLimit: 0, sparse: .lanczos))
        }
    }
}
