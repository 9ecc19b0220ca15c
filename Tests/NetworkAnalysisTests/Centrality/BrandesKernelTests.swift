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
