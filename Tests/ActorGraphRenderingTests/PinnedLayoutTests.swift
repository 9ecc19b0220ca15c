@testable import ActorGraphRendering
import Foundation
import Testing

/// Graphviz's `nop2` layout, used for frame series, in-process.
@Suite struct PinnedLayoutTests {
    static let free = """
        digraph g { a -> b; b -> c; c -> a; c -> d; }
        """

    static let pinned = """
        digraph g { a [pos="0,0!"]; b [pos="200,100!"]; c [pos="100,300!"]; a -> b; b -> c; }
        """

    @Test func pinnedNodesStayWhereTheyAre() throws {
        let out = String(decoding: try Graphviz.renderPinned(dot: Self.pinned, format: .dot).data, as: UTF8.self)
        let parsed = try Graphviz.parse(dot: out)
        // nop2 translates the drawing so that its box starts at 0,0: differences are kept.
        let xy = try ["a", "b", "c"].map { name in
            try #require(parsed.nodes[name]?["pos"]).split(separator: ",").map { Double($0)! }
        }
        #expect(xy[1][0] - xy[0][0] == 200 && xy[1][1] - xy[0][1] == 100)
        #expect(xy[2][0] - xy[0][0] == 100 && xy[2][1] - xy[0][1] == 300)
    }

    /// Compared as layouts (every node's and edge's `pos`), not bytes: Graphviz 2.43's shared
    /// string pool sometimes writes a name read earlier in the process as `<a>` rather than `a`
    /// (an HTML-string flag on the interned name), whatever the layout engine.
    @Test func aPinnedRenderLeavesLaterNeatoAndDotLayoutsAlone() throws {
        func layouts() throws -> [[String]] {
            try [LayoutEngine.neato, .dot].map { engine in
                let out = String(decoding: try Graphviz.render(dot: Self.free, engine: engine, format: .dot).data, as: UTF8.self)
                let parsed = try Graphviz.parse(dot: out)
                return parsed.nodes.keys.sorted().map { "\($0) \(parsed.nodes[$0]?["pos"] ?? "")" }
                    + parsed.edges.map { "\($0.tail)->\($0.head) \($0.attributes["pos"] ?? "")" }
            }
        }
        let before = try layouts()
        _ = try Graphviz.renderPinned(dot: Self.pinned, format: .svg)
        let after = try layouts()
        #expect(before == after)
        #expect(before[0].count == 8)
    }
}
