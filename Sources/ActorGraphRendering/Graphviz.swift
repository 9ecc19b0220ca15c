import CGraphviz
import Foundation
import Synchronization

/// Output formats Graphviz renders to.
public enum OutputFormat: String, Sendable, CaseIterable, Hashable {
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

    public var description: String { "Graphviz \(stage) failed: \(message)" }
}

/// Graphviz, linked in-process (libgvc and libcgraph 2.43).
///
/// Graphviz keeps global state and is not thread-safe: two threads inside it at once crash the
/// process. Every call therefore goes through one process-wide gate (a mutex), so callers may
/// render from any thread or task; the renders themselves run one at a time. The library facts
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
        try gate.withLock { state in
            try state.render(text, engine: engine.rawValue, format: format.graphvizName)
        }
    }

    /// Renders DOT whose nodes all carry `pos` (in points): Graphviz's `nop2` layout, the
    /// in-process form of `neato -n2`, keeps every node where it is and routes the edges.
    /// Clusters with a `bb` are drawn there.
    public static func renderPinned(dot text: String, format: OutputFormat) throws -> RenderResult {
        try gate.withLock { state in
            try state.render(text, engine: "nop2", format: format.graphvizName)
        }
    }

    /// Parses DOT text with cgraph and returns every node's and edge's attributes, as Graphviz
    /// read them: for checking that what we write reads back exactly.
    public static func parse(dot text: String) throws -> ParsedGraph {
        try gate.withLock { state in try state.parse(text) }
    }

    /// A graph as cgraph read it.
    public struct ParsedGraph: Sendable {
        /// The graph's name.
        public var name: String
        /// Node name → attribute → value, for every attribute the graph declares for nodes.
        public var nodes: [String: [String: String]]
        /// Edges in file order: tail, head and attributes.
        public var edges: [(tail: String, head: String, attributes: [String: String])]
        /// The root graph's attributes (`bb` after a layout).
        public var attributes: [String: String] = [:]
        /// Subgraph name → attributes, for the root's subgraphs and theirs (clusters' `bb`).
        public var subgraphs: [String: [String: String]] = [:]
    }

    private static let gate = Mutex(State())

    /// The state behind the gate. Only reached while holding it.
    private struct State: ~Copyable {
        var context: OpaquePointer?

        mutating func ensureContext() -> OpaquePointer? {
            if context == nil {
                actorgraph_install_deterministic_ids()
                context = gvContext()
                agseterrf(captureMessage)
                _ = agseterr(AGWARN)
            }
            return context
        }

        mutating func read(_ text: String) throws -> UnsafeMutablePointer<Agraph_t> {
            _ = ensureContext()
            captured.reset()
            agreseterrors()
            let graph = text.withCString { agmemread($0) }
            drainLexer()
            guard let graph, agerrors() < Int32(AGERR.rawValue) || captured.errors.isEmpty else {
                if let graph { agclose(graph) }
                throw GraphvizError(stage: "parse", message: captured.text(or: "the DOT text does not parse"))
            }
            return graph
        }

        mutating func render(_ text: String, engine: String, format: String) throws -> RenderResult {
            let graph = try read(text)
            defer { agclose(graph) }
            let gvc = ensureContext()
            captured.reset()
            agreseterrors()
            guard gvLayout(gvc, graph, engine) == 0 else {
                throw GraphvizError(stage: "layout", message: captured.text(or: "layout with \(engine) failed"))
            }
            defer { gvFreeLayout(gvc, graph) }
            var buffer: UnsafeMutablePointer<CChar>?
            var length: UInt32 = 0
            guard gvRenderData(gvc, graph, format, &buffer, &length) == 0, let buffer else {
                throw GraphvizError(stage: "render", message: captured.text(or: "rendering \(format) failed"))
            }
            defer { gvFreeRenderData(buffer) }
            let data = Data(bytes: buffer, count: Int(length))
            return RenderResult(data: data, warnings: captured.warnings)
        }

        mutating func parse(_ text: String) throws -> ParsedGraph {
            let graph = try read(text)
            defer { agclose(graph) }
            func attributes(_ object: UnsafeMutableRawPointer, kind: Int32) -> [String: String] {
                var out: [String: String] = [:]
                var symbol = agnxtattr(graph, kind, nil)
                while let s = symbol {
                    if let value = agxget(object, s) { out[String(cString: s.pointee.name)] = String(cString: value) }
                    symbol = agnxtattr(graph, kind, s)
                }
                return out
            }
            var nodes: [String: [String: String]] = [:]
            var edges: [(String, String, [String: String])] = []
            var node = agfstnode(graph)
            while let n = node {
                let name = String(cString: agnameof(UnsafeMutableRawPointer(n)))
                nodes[name] = attributes(UnsafeMutableRawPointer(n), kind: Int32(AGNODE))
                node = agnxtnode(graph, n)
            }
            node = agfstnode(graph)
            while let n = node {
                var edge = agfstout(graph, n)
                while let e = edge {
                    // An out-edge's `node` is its head (cgraph's AGHEAD macro); its tail is `n`.
                    let tail = String(cString: agnameof(UnsafeMutableRawPointer(n)))
                    let head = String(cString: agnameof(UnsafeMutableRawPointer(e.pointee.node)))
                    edges.append((tail, head, attributes(UnsafeMutableRawPointer(e), kind: Int32(AGEDGE))))
                    edge = agnxtout(graph, e)
                }
                node = agnxtnode(graph, n)
            }
            var subgraphs: [String: [String: String]] = [:]
            func collect(_ parent: UnsafeMutablePointer<Agraph_t>) {
                var sub = agfstsubg(parent)
                while let s = sub {
                    subgraphs[String(cString: agnameof(UnsafeMutableRawPointer(s)))] = attributes(UnsafeMutableRawPointer(s), kind: Int32(AGRAPH))
                    collect(s)
                    sub = agnxtsubg(s)
                }
            }
            collect(graph)
            return ParsedGraph(name: String(cString: agnameof(UnsafeMutableRawPointer(graph))), nodes: nodes,
                               edges: edges, attributes: attributes(UnsafeMutableRawPointer(graph), kind: Int32(AGRAPH)),
                               subgraphs: subgraphs)
        }

        /// Reads whatever a previous read left in the lexer's buffer, so that the next
        /// read starts clean.
        func drainLexer() {
            let saved = captured
            for _ in 0..<10_000 {
                guard let extra = agmemread("") else { break }
                agclose(extra)
            }
            captured = saved
        }
    }
}

/// Messages from Graphviz's error callback, collected while the gate is held.
nonisolated(unsafe) private var captured = CapturedMessages()

private struct CapturedMessages {
    var errors: [String] = []
    var warnings: [String] = []
    var all: [String] = []
    /// The level of the message whose pieces are arriving.
    var levelIsWarning = false

    mutating func reset() { self = CapturedMessages() }

    func text(or fallback: String) -> String {
        let joined = all.joined(separator: " ").trimmingCharacters(in: .whitespacesAndNewlines)
        return joined.isEmpty ? fallback : joined
    }
}

/// Graphviz calls this for each piece of message text. A message arrives in pieces: its level
/// (`"Warning"` or `"Error"`), then `": "`, then the text; the level decides where the text goes.
private let captureMessage: agusererrf = { message in
    guard let message else { return 0 }
    let text = String(cString: message)
    captured.all.append(text)
    let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
    let lower = trimmed.lowercased()
    if lower == "warning" || lower == "error" || lower == "warning:" || lower == "error:" {
        captured.levelIsWarning = lower.hasPrefix("warning")
        return 0
    }
    if trimmed.isEmpty || trimmed == ":" { return 0 }
    if lower.hasPrefix("warning:") { captured.levelIsWarning = true }
    if lower.hasPrefix("error:") { captured.levelIsWarning = false }
    if captured.levelIsWarning {
        captured.warnings.append(trimmed)
    } else {
        captured.errors.append(trimmed)
    }
    if text.hasSuffix("\n") { captured.levelIsWarning = false }
    return 0
}
