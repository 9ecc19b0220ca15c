import CGraphviz
import Foundation

/// The one process-wide lock around Graphviz (cgraph and gvc).
///
/// Graphviz keeps global state (the lexer, the error callback, the error count, the id
/// discipline) and is not thread-safe: two threads inside it at once crash the process. Every use
/// of Graphviz in this package, reading DOT here and laying out and rendering in
/// ActorGraphRendering, runs inside ``withLock(_:)``, so callers may use either from any thread.
public enum GraphvizLock {
    private static let lock = NSLock()

    /// Runs `body` while holding the lock. Not reentrant: `body` must not call it again.
    ///
    /// - Complexity: that of `body`, after waiting for any other holder.
    public static func withLock<T>(_ body: () throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }
}

/// A DOT graph as cgraph read it: names and attribute values, in cgraph's order.
package struct CGraphDocument: Sendable {
    /// One node, edge or (sub)graph's attributes: every attribute the graph declares for its
    /// kind of object, set or not (unset ones are empty), and which values are HTML strings.
    package struct Attributes: Sendable {
        package var values: [String: String] = [:]
        package var html: Set<String> = []
    }

    package struct Node: Sendable {
        package var name: String
        package var attributes: Attributes
    }

    package struct Edge: Sendable {
        package var tail: String
        package var head: String
        /// cgraph's sequence number: the order edges were created in, that is file order.
        package var sequence: Int
        package var attributes: Attributes
    }

    package struct Subgraph: Sendable {
        package var name: String
        package var attributes: Attributes
        /// The member nodes' names, in node order.
        package var nodes: [String]
        package var children: [Subgraph]
    }

    package var name: String
    package var directed: Bool
    package var strict: Bool
    package var attributes: Attributes
    /// Nodes in cgraph's order (creation order: first mention in the file).
    package var nodes: [Node]
    /// Edges in cgraph's iteration order: by tail node, then each node's out-edges. Sort by
    /// ``Edge/sequence`` for file order.
    package var edges: [Edge]
    package var subgraphs: [Subgraph]
    /// Graphs after the first that draining the lexer found. On Debian's 2.43 this stays 0 even
    /// when the text holds more (the leftover is dropped), so the DOT reader also checks the text.
    package var extraGraphs: Int
    /// Warnings cgraph gave while reading.
    package var warnings: [String]
}

/// Messages from cgraph's error callback, and the parse failure they make.
package struct CGraphMessages: Sendable, Error {
    package var errors: [String] = []
    package var warnings: [String] = []
    package var all: [String] = []
    /// The level of the message whose pieces are arriving.
    var levelIsWarning = false

    package init() {}

    /// All messages joined, or `fallback` when there are none.
    package func text(or fallback: String) -> String {
        let joined = all.joined(separator: " ").trimmingCharacters(in: .whitespacesAndNewlines)
        return joined.isEmpty ? fallback : joined
    }
}

/// cgraph, for the readers and the renderer. Every function here must be called while holding
/// ``GraphvizLock``.
///
/// The library facts this accounts for (see `Tools/graphviz-facts/`):
/// - `agerrors()` is a sticky maximum, so `agreseterrors()` runs before each parse.
/// - Messages go to a callback installed with `agseterrf`, never to standard error.
/// - `agmemread` parses only the first graph of a string and keeps the rest in the lexer's
///   global buffer, where the next call would find it; the leftover is drained after each read.
/// - cgraph's default object ids are heap addresses; `actorgraph_install_deterministic_ids`
///   (CGraphviz's shim.h) numbers objects in order of appearance instead, before any graph opens.
package enum CGraph {
    nonisolated(unsafe) private static var prepared = false

    /// Messages captured since the last ``resetMessages()``.
    package static var messages: CGraphMessages {
        get { capturedMessages }
        set { capturedMessages = newValue }
    }

    /// Installs the id discipline (once, before any graph) and the error capture.
    package static func prepare() {
        guard !prepared else { return }
        prepared = true
        actorgraph_install_deterministic_ids()
        installErrorCapture()
    }

    /// (Re)installs the message callback and the warning level.
    package static func installErrorCapture() {
        agseterrf(captureMessage)
        _ = agseterr(AGWARN)
    }

    package static func resetMessages() { capturedMessages = CGraphMessages() }

    /// Parses the first graph of `text`, leaving the lexer clean for the next read.
    ///
    /// - Returns: the graph (close it with `agclose`) and the number of further graphs in the
    ///   text, which are read and dropped.
    /// - Throws: ``CGraphMessages`` holding cgraph's messages when the text does not parse.
    package static func read(_ text: String) throws(CGraphMessages) -> (graph: UnsafeMutablePointer<Agraph_t>, extraGraphs: Int) {
        prepare()
        resetMessages()
        agreseterrors()
        let graph = text.withCString { agmemread($0) }
        let extra = drainLexer()
        let errorLevel = agerrors()
        resetLexerState(htmlOpenings: text.utf8.reduce(0) { $0 + ($1 == 0x3C ? 1 : 0) })
        guard let graph, errorLevel < Int32(AGERR.rawValue) || capturedMessages.errors.isEmpty else {
            if let graph { agclose(graph) }
            throw capturedMessages
        }
        return (graph, extra)
    }

    /// Reads whatever a previous read left in the lexer's buffer, so that the next read starts
    /// clean; returns how many graphs it found.
    @discardableResult
    package static func drainLexer() -> Int {
        let saved = capturedMessages
        var count = 0
        for _ in 0..<10_000 {
            guard let extra = agmemread("") else { break }
            agclose(extra)
            count += 1
        }
        capturedMessages = saved
        return count
    }

    /// Brings cgraph's lexer back to its initial state after a read.
    ///
    /// The flex lexer's start condition is global and survives reads: a text that ends inside a
    /// comment, a quoted string or an HTML string (the parser's error recovery reads to the end)
    /// leaves the lexer there, and the next read, of any text, starts inside that string (found
    /// by fuzzing: `A "` read twice gave two different syntax errors). A probe, `digraph{}`, reads
    /// as a graph only from the initial state; until it does, the closers are fed one at a time
    /// (each ends its own state and is swallowed as text by the others): `*/` a comment, `"` a
    /// quoted string, `>` one level of an HTML string, at most `htmlOpenings` + 1 of them.
    ///
    /// - Complexity: one tiny read when the lexer is already in its initial state.
    package static func resetLexerState(htmlOpenings: Int) {
        let saved = capturedMessages
        defer { capturedMessages = saved }
        func probe() -> Bool {
            guard let g = agmemread("digraph{}") else { return false }
            agclose(g)
            return true
        }
        func feed(_ text: String) {
            if let g = agmemread(text) { agclose(g) }
        }
        if probe() { return }
        feed("*/")
        if probe() { return }
        feed("\"")
        if probe() { return }
        for _ in 0...max(0, htmlOpenings) {
            feed(">")
            if probe() { return }
        }
    }

    /// Every attribute cgraph declares for objects of `kind` in `graph`, with `object`'s values.
    package static func attributes(of object: UnsafeMutableRawPointer, kind: Int32,
                                   in graph: UnsafeMutablePointer<Agraph_t>) -> CGraphDocument.Attributes {
        var out = CGraphDocument.Attributes()
        var symbol = agnxtattr(graph, kind, nil)
        while let s = symbol {
            if let value = agxget(object, s) {
                let name = String(cString: s.pointee.name)
                out.values[name] = String(cString: value)
                if value.pointee != 0, aghtmlstr(value) != 0 { out.html.insert(name) }
            }
            symbol = agnxtattr(graph, kind, s)
        }
        return out
    }

    /// The name of a node, edge or graph.
    package static func name(_ object: UnsafeMutableRawPointer) -> String {
        agnameof(object).map { String(cString: $0) } ?? ""
    }

    /// Everything in `graph`, as Swift values.
    ///
    /// - Complexity: O((nodes + edges + subgraph memberships) × declared attributes).
    package static func document(_ graph: UnsafeMutablePointer<Agraph_t>, extraGraphs: Int = 0) -> CGraphDocument {
        var nodes: [CGraphDocument.Node] = []
        var edges: [CGraphDocument.Edge] = []
        var node = agfstnode(graph)
        while let n = node {
            nodes.append(.init(name: name(UnsafeMutableRawPointer(n)),
                               attributes: attributes(of: UnsafeMutableRawPointer(n), kind: Int32(AGNODE), in: graph)))
            node = agnxtnode(graph, n)
        }
        node = agfstnode(graph)
        while let n = node {
            let tail = name(UnsafeMutableRawPointer(n))
            var edge = agfstout(graph, n)
            while let e = edge {
                // An out-edge's `node` is its head (cgraph's AGHEAD macro); its tail is `n`.
                let head = name(UnsafeMutableRawPointer(e.pointee.node))
                edges.append(.init(tail: tail, head: head, sequence: Int(e.pointee.base.tag.seq),
                                   attributes: attributes(of: UnsafeMutableRawPointer(e), kind: Int32(AGEDGE), in: graph)))
                edge = agnxtout(graph, e)
            }
            node = agnxtnode(graph, n)
        }
        func subgraphs(of parent: UnsafeMutablePointer<Agraph_t>) -> [CGraphDocument.Subgraph] {
            var out: [CGraphDocument.Subgraph] = []
            var sub = agfstsubg(parent)
            while let s = sub {
                var members: [String] = []
                var m = agfstnode(s)
                while let n = m {
                    members.append(name(UnsafeMutableRawPointer(n)))
                    m = agnxtnode(s, n)
                }
                out.append(.init(name: name(UnsafeMutableRawPointer(s)),
                                 attributes: attributes(of: UnsafeMutableRawPointer(s), kind: Int32(AGRAPH), in: graph),
                                 nodes: members, children: subgraphs(of: s)))
                sub = agnxtsubg(s)
            }
            return out
        }
        return CGraphDocument(
            name: name(UnsafeMutableRawPointer(graph)), directed: agisdirected(graph) != 0, strict: agisstrict(graph) != 0,
            attributes: attributes(of: UnsafeMutableRawPointer(graph), kind: Int32(AGRAPH), in: graph),
            nodes: nodes, edges: edges, subgraphs: subgraphs(of: graph), extraGraphs: extraGraphs,
            warnings: capturedMessages.warnings)
    }

    /// Parses DOT text into a ``CGraphDocument``, taking ``GraphvizLock`` itself.
    ///
    /// - Throws: ``CGraphMessages`` when cgraph cannot parse the text.
    package static func parse(_ text: String) throws(CGraphMessages) -> CGraphDocument {
        let result: Result<CGraphDocument, CGraphMessages> = GraphvizLock.withLock {
            do throws(CGraphMessages) {
                let (graph, extra) = try read(text)
                defer { agclose(graph) }
                return .success(document(graph, extraGraphs: extra))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }
}

/// Messages from Graphviz's error callback, collected while the lock is held.
nonisolated(unsafe) private var capturedMessages = CGraphMessages()

/// Graphviz calls this for each piece of message text. A message arrives in pieces: its level
/// (`"Warning"` or `"Error"`), then `": "`, then the text; the level decides where the text goes.
private let captureMessage: agusererrf = { message in
    guard let message else { return 0 }
    let text = String(cString: message)
    capturedMessages.all.append(text)
    let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
    let lower = trimmed.lowercased()
    if lower == "warning" || lower == "error" || lower == "warning:" || lower == "error:" {
        capturedMessages.levelIsWarning = lower.hasPrefix("warning")
        return 0
    }
    if trimmed.isEmpty || trimmed == ":" { return 0 }
    if lower.hasPrefix("warning:") { capturedMessages.levelIsWarning = true }
    if lower.hasPrefix("error:") { capturedMessages.levelIsWarning = false }
    if capturedMessages.levelIsWarning {
        capturedMessages.warnings.append(trimmed)
    } else {
        capturedMessages.errors.append(trimmed)
    }
    if text.hasSuffix("\n") { capturedMessages.levelIsWarning = false }
    return 0
}
