import ActorGraphFormats
import CGraphviz
import Foundation

/// Output formats Graphviz renders to.
public enum OutputFormat: String, Sendable, CaseIterable, Hashable {
    /// SVG, PNG (cairo) or PDF (cairo).
    case svg, png, pdf
    /// DOT with the layout's positions (`pos`, `bb`) added.
    case dot
    /// DOT with drawing operations (`_draw_`).
    case xdot
    /// The layout as JSON.
    case json

    /// The format a file name's extension names.
    public init?(path: String) {
        guard let dot = path.lastIndex(of: "."), !path[dot...].contains("/") else { return nil }
        self.init(rawValue: path[path.index(after: dot)...].lowercased())
    }

    /// The renderer name Graphviz knows it by. PNG goes through cairo, for antialiased text.
    var graphvizName: String {
        switch self {
        case .png: return "png:cairo"
        case .pdf: return "pdf:cairo"
        default: return rawValue
        }
    }
}

/// A failure reported by Graphviz, with its own message text.
public struct GraphvizError: Error, Sendable, CustomStringConvertible, Equatable {
    /// What was being done: `parse`, `layout`, `render`.
    public var stage: String
    /// Graphviz's messages, verbatim (several lines when it reported several).
    public var message: String

    /// `Graphviz STAGE failed: MESSAGE`.
    public var description: String { "Graphviz \(stage) failed: \(message)" }
}

/// Graphviz, linked in-process (libgvc and libcgraph 2.43).
///
/// Graphviz keeps global state and is not thread-safe: two threads inside it at once crash the
/// process. Every call therefore goes through one process-wide gate, ``/ActorGraphFormats/GraphvizLock`` (shared
/// with the DOT reader in ActorGraphFormats, which owns cgraph's parsing and error capture), so
/// callers may render from any thread or task; the renders themselves run one at a time. The library facts
/// this wrapper accounts for, each reproduced on Debian's 2.43 (see `Tools/graphviz-facts/`):
///
/// - One `GVC_t` context serves every render: a context per render leaks about 3.7 KB.
/// - `agerrors()` is a sticky maximum, so `agreseterrors()` runs before each parse.
/// - Messages go to a callback installed with `agseterrf`, never to standard error; they
///   become the text of a ``GraphvizError``, or ``RenderResult/warnings``.
/// - `agmemread` parses only the first graph of a string and keeps the rest in the lexer's
///   global buffer, where the next call would find it; the leftover is drained after each read.
/// - Graphs are always named (an unnamed one gets a process-wide counter as its SVG title).
/// - cgraph's default object ids are the addresses of the interned names, and clusters are kept
///   in id order, so cluster order (in the SVG, and in fdp's layout) changed with the heap.
///   Graphs are read through `actorgraph_read` (CGraphviz's shim.h), whose id discipline numbers
///   objects in order of appearance: the same text gives the same bytes in any process.
public enum Graphviz {
    /// The result of a render.
    public struct RenderResult: Sendable {
        /// The rendered bytes.
        public var data: Data
        /// Warnings Graphviz printed while laying out and rendering (unknown colours, fonts…).
        public var warnings: [String]
    }

    /// Renders DOT text with a layout engine into a format, in this process.
    ///
    /// - Throws: ``GraphvizError`` with Graphviz's message when the DOT does not parse, the layout
    ///   fails or the renderer is missing.
    /// - Complexity: that of the layout engine; `dot` is superlinear in edges and can take
    ///   minutes on large dense graphs — use ``LayoutEngine/preferred(for:clustered:)`` or a
    ///   child process with a timeout (``SubprocessRenderer``) for untrusted sizes.
    public static func render(dot text: String, engine: LayoutEngine, format: OutputFormat) throws -> RenderResult {
        try GraphvizLock.withLock {
            try State.render(text, engine: engine.rawValue, format: format.graphvizName)
        }
    }

    /// Renders DOT whose nodes all carry `pos` (in points): Graphviz's `nop2` layout, the
    /// in-process form of `neato -n2`, keeps every node where it is and routes the edges.
    /// Clusters with a `bb` are drawn there.
    public static func renderPinned(dot text: String, format: OutputFormat) throws -> RenderResult {
        try GraphvizLock.withLock {
            try State.render(text, engine: "nop2", format: format.graphvizName)
        }
    }

    /// Parses DOT text with cgraph and returns every node's and edge's attributes, as Graphviz
    /// read them: for checking that what we write reads back exactly.
    public static func parse(dot text: String) throws -> ParsedGraph {
        let document: CGraphDocument
        do {
            document = try CGraph.parse(text)
        } catch {
            throw GraphvizError(stage: "parse", message: error.text(or: "the DOT text does not parse"))
        }
        var nodes: [String: [String: String]] = [:]
        for n in document.nodes { nodes[n.name] = n.attributes.values }
        var subgraphs: [String: [String: String]] = [:]
        func collect(_ list: [CGraphDocument.Subgraph]) {
            for s in list {
                subgraphs[s.name] = s.attributes.values
                collect(s.children)
            }
        }
        collect(document.subgraphs)
        return ParsedGraph(name: document.name, nodes: nodes,
                           edges: document.edges.map { ($0.tail, $0.head, $0.attributes.values) },
                           attributes: document.attributes.values, subgraphs: subgraphs)
    }

    /// A graph as cgraph read it.
    public struct ParsedGraph: Sendable {
        /// The graph's name.
        public var name: String
        /// Node name → attribute → value, for every attribute the graph declares for nodes.
        public var nodes: [String: [String: String]]
        /// Edges in cgraph's order (by tail node): tail, head and attributes.
        public var edges: [(tail: String, head: String, attributes: [String: String])]
        /// The root graph's attributes (`bb` after a layout).
        public var attributes: [String: String] = [:]
        /// Subgraph name → attributes, for the root's subgraphs and theirs (clusters' `bb`).
        public var subgraphs: [String: [String: String]] = [:]
    }

    /// Whether Graphviz measures text with a real text-layout plugin (pango) in this process:
    /// without one it estimates widths from built-in tables, silently.
    nonisolated(unsafe) private static var hasTextLayout: Bool?

    /// The rendering context. Only reached while holding ``GraphvizLock`` (which cgraph's DOT
    /// reading in ActorGraphFormats shares).
    private enum State {
        nonisolated(unsafe) static var context: OpaquePointer?

        static func ensureContext() -> OpaquePointer? {
            CGraph.prepare()
            if context == nil {
                context = gvContext()
                CGraph.installErrorCapture()
            }
            return context
        }

        /// Layout must fail loudly, never change silently, when the fonts the DOT names are not
        /// the fonts Graphviz will measure (see ``FontCheck``): the graph's `fontname` and the node
        /// and edge defaults are checked with fontconfig, and the text-layout plugin must be loaded.
        static func requireTextMetrics(_ graph: UnsafeMutablePointer<Agraph_t>, _ gvc: OpaquePointer?) throws {
            var families: [String] = []
            // cgraph takes `char *` but does not write through it; the buffer outlives the calls.
            var name = Array("fontname".utf8CString)
            name.withUnsafeMutableBufferPointer { buffer in
                let fontname = buffer.baseAddress!
                if let value = agget(graph, fontname) { families.append(String(cString: value)) }
                for kind in [Int32(AGNODE), Int32(AGEDGE)] {
                    if let symbol = agattr(graph, kind, fontname, nil), let value = symbol.pointee.defval {
                        families.append(String(cString: value))
                    }
                }
            }
            families = families.filter { !$0.isEmpty }
            guard !families.isEmpty else { return }
            if Graphviz.hasTextLayout == nil {
                var count: Int32 = 0
                let list = gvPluginList(gvc, "textlayout", &count, nil)
                Graphviz.hasTextLayout = count > 0
                if let list {
                    for i in 0..<Int(count) { free(list[i]) }
                    free(list)
                }
            }
            guard Graphviz.hasTextLayout == true else {
                throw GraphvizError(stage: "layout", message: """
                    Graphviz has no text-layout plugin (libgvplugin_pango), so it would estimate text widths                     instead of measuring "\(families[0])": reinstall Graphviz's plugins (on Debian: apt-get install                     --reinstall libgvc6 graphviz) and check that `dot -v` lists textlayout:textlayout
                    """)
            }
            do {
                try FontCheck.require(families)
            } catch let failure as FontCheck.Failure {
                throw GraphvizError(stage: "layout", message: failure.description)
            }
        }

        static func read(_ text: String) throws -> UnsafeMutablePointer<Agraph_t> {
            _ = ensureContext()
            do {
                return try CGraph.read(text).graph
            } catch {
                throw GraphvizError(stage: "parse", message: error.text(or: "the DOT text does not parse"))
            }
        }

        static func render(_ text: String, engine: String, format: String) throws -> RenderResult {
            let graph = try read(text)
            defer { agclose(graph) }
            let gvc = ensureContext()
            try requireTextMetrics(graph, gvc)
            CGraph.resetMessages()
            agreseterrors()
            guard gvLayout(gvc, graph, engine) == 0 else {
                throw GraphvizError(stage: "layout", message: CGraph.messages.text(or: "layout with \(engine) failed"))
            }
            defer { gvFreeLayout(gvc, graph) }
            var buffer: UnsafeMutablePointer<CChar>?
            var length: UInt32 = 0
            guard gvRenderData(gvc, graph, format, &buffer, &length) == 0, let buffer else {
                throw GraphvizError(stage: "render", message: CGraph.messages.text(or: "rendering \(format) failed"))
            }
            defer { gvFreeRenderData(buffer) }
            let data = Data(bytes: buffer, count: Int(length))
            return RenderResult(data: data, warnings: CGraph.messages.warnings)
        }
    }
}
