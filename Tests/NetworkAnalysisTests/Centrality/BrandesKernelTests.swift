@testable import NetworkAnalysis
import Testing

/// Node betweenness, edge betweenness and Girvan–Newman run one Brandes kernel: one forward
/// pass, two backward passes. The passes must agree with each other: the paths through node v
/// are the paths that enter v and go on, so Σ over v's in-edges of the edge dependencies equals
/// v's node dependency plus the sources that reach v.
@Suite struct BrandesKernelTests {
    @Test(arguments: 1...60)
    func nodeAndEdgePassesAgree(_ seed: Int) throws {
        var rng = SeededGenerator(seed: UInt64(seed))
        let n = Int.random(in: 2...30, using: &rng)
        let directed = Bool.random(using: &rng)
        let p = Double.random(in: 0.05...0.4, using: &rng)
        var s: [Int32] = [], t: [Int32] = [], w: [Double] = []
        for u in 0..<n {
            for v in 0..<n where u != v && (directed || u < v) && Double.random(in: 0..<1, using: &rng) < p {
                s.append(Int32(u)); t.append(Int32(v)); w.append(Double(Int.random(in: 1...3, using: &rng)))
            }
        }
        let g = try Network(nodeCount: n, sources: s, targets: t, weights: w, directed: directed)
        for weighted in g.isWeighted ? [false, true] : [false] {
            let kernel = BrandesKernel(nodeCount: n, weighted: weighted)
            var nodes = [Double](repeating: 0, count: n)
            var edges = [Double](repeating: 0, count: g.storedEdgeCount)
            var reached = [Double](repeating: 0, count: n)
            nodes.withUnsafeMutableBufferPointer { kernel.accumulateNodes(g, sources: 0..<n, endpoints: false, into: $0) }
            edges.withUnsafeMutableBufferPointer { out in
                for source in 0..<n { kernel.accumulateEdges(g, from: source, alive: nil, into: out) }
            }
            for source in 0..<n {
                let d = weighted ? g.distances(from: source, direction: .outgoing).map { $0.isFinite ? 1 : -1 }
                                 : g.hopDistances(from: source, direction: .outgoing).map { $0 >= 0 ? 1 : -1 }
                for v in 0..<n where v != source && d[v] > 0 { reached[v] += 1 }
            }
            for v in 0..<n {
                var into = 0.0
                for u in 0..<n {
                    for e in Int(g.outOffsets[u])..<Int(g.outOffsets[u + 1]) where Int(g.targets[e]) == v { into += edges[e] }
                }
                #expect(abs(into - (nodes[v] + reached[v])) <= 1e-9 * max(1, into), "seed \(seed) weighted \(weighted) node \(v)")
            }
        }
    }
}

/// The unweighted node pass writes the shortest-path DAG down during the search instead of
/// testing hops again; it must add the same numbers in the same order as Brandes's algorithm
/// written plainly (hops tested edge by edge, δ in its own array, sources summed block by block
/// as ``Network/betweenness(weighted:endpoints:normalized:threads:)`` documents), so its
/// result is the same bits, on graphs with pendants, stars, paths, trees and several parts.
@Suite struct BetweennessBitsTests {
    /// Plain Brandes: per source, breadth-first search, then δ by re-testing hops over the
    /// out-edges in CSR order; sources in index order within 32 fixed blocks, blocks added in order.
    static func plain(_ g: Network, endpoints: Bool) -> [Double] {
        let n = g.nodeCount
        let blocks = min(n, 32), size = (n + blocks - 1) / blocks
        var result = [Double](repeating: 0, count: n)
        for b in 0..<blocks {
            var total = [Double](repeating: 0, count: n)
            for s in min(n, b * size)..<min(n, (b + 1) * size) {
                var hops = [Int](repeating: -1, count: n), sigma = [Double](repeating: 0, count: n)
                var delta = [Double](repeating: 0, count: n), order = [s]
                hops[s] = 0; sigma[s] = 1
                var head = 0
                while head < order.count {
                    let u = order[head]; head += 1
                    for v in g.successors(of: u).map(Int.init) {
                        if hops[v] < 0 { hops[v] = hops[u] + 1; order.append(v); sigma[v] = sigma[u] }
                        else if hops[v] == hops[u] + 1 { sigma[v] += sigma[u] }
                    }
                }
                for u in order.reversed() {
                    var d = 0.0
                    for v in g.successors(of: u).map(Int.init) where hops[v] == hops[u] + 1 { d += delta[v] }
                    let dependency = sigma[u] * d
                    if u != s { total[u] += endpoints ? dependency + 1 : dependency }
                    delta[u] = (1 + dependency) / sigma[u]
                }
                if endpoints { total[s] += Double(order.count - 1) }
            }
            for i in 0..<n { result[i] += total[i] }
        }
        if !g.isDirected { for i in 0..<n { result[i] *= 0.5 } }
        return result
    }

    /// A seeded graph of one of several shapes, many with pendants and more than one part.
    static func graph(_ seed: Int) throws -> Network {
        var rng = SeededGenerator(seed: UInt64(seed))
        let n = Int.random(in: 1...60, using: &rng)
        let directed = seed % 2 == 0
        var s: [Int32] = [], t: [Int32] = []
        func tie(_ a: Int, _ b: Int) { if a != b { s.append(Int32(a)); t.append(Int32(b)) } }
        switch seed % 5 {
        case 0: for v in 1..<max(1, n) { tie(Int.random(in: 0..<v, using: &rng), v) }         // a tree
        case 1: for v in 1..<max(1, n) { tie(0, v) }                                          // a star
        case 2: for v in 1..<max(1, n) { tie(v - 1, v) }                                      // a path
        default:                                                                              // a core with pendants
            let core = max(1, n / 3)
            for _ in 0..<(2 * core) { tie(Int.random(in: 0..<core, using: &rng), Int.random(in: 0..<core, using: &rng)) }
            for v in core..<n where Int.random(in: 0..<4, using: &rng) > 0 { tie(Int.random(in: 0..<v, using: &rng), v) }
        }
        if directed { for i in s.indices where Bool.random(using: &rng) { swap(&s[i], &t[i]) } }
        return try Network(nodeCount: n, sources: s, targets: t, directed: directed, parallel: .max)
    }

    @Test func sameBitsAsPlainBrandes() throws {
        for seed in 0..<240 {
            let g = try Self.graph(seed)
            for endpoints in [false, true] {
                let expected = Self.plain(g, endpoints: endpoints)
                for threads in [1, 2] {
                    let got = g.betweenness(endpoints: endpoints, normalized: false, threads: threads)
                    #expect(got == expected, "seed \(seed), endpoints \(endpoints), \(threads) threads")
                }
            }
        }
    }
}
