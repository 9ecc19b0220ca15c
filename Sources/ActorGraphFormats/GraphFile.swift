import ActorGraphModel
import Foundation

/// The two syntaxes of the native format: the same schema in YAML or in JSON.
public enum NativeSyntax: String, Sendable, CaseIterable {
    /// YAML (`.yaml`, `.yml`) or JSON (`.json`).
    case yaml, json

    /// The syntax a path's extension names (`.json` → JSON, `.yaml`/`.yml` → YAML), or nil.
    public init?(path: String) {
        switch (path as NSString).pathExtension.lowercased() {
        case "json": self = .json
        case "yaml", "yml": self = .yaml
        default: return nil
        }
    }
}

/// A graph read from a file, with everything the reader and the validator found.
public struct LoadedGraph: Sendable {
    /// The graph. When ``hasErrors``, it holds what could be read and must not be trusted.
    public var graph: ActorGraph
    /// Every error and warning, in file order.
    public var diagnostics: [Diagnostic]
    /// Where each entry and field was written.
    public var sourceMap: SourceMap

    /// Whether any diagnostic is an error.
    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
    /// The warnings alone.
    public var warnings: [Diagnostic] { diagnostics.filter { $0.severity == .warning } }
}

/// Reads and writes graph files in the native format.
public enum GraphFile {
    /// Reads, decodes and validates a file. Never throws: an unreadable file gives a diagnostic.
    ///
    /// - Parameter path: The file; its extension picks the syntax (else the content does).
    /// - Complexity: O(size of the file) plus validation (see ``/ActorGraphModel/ActorGraph/validate()``).
    public static func read(contentsOf path: String) -> LoadedGraph {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            let reason = (error as NSError).localizedFailureReason ?? describeFileError(path)
            return LoadedGraph(graph: ActorGraph(), diagnostics: [Diagnostic(
                file: path, position: nil, severity: .error, message: "cannot read the file: \(reason)",
                fix: "check the path")], sourceMap: SourceMap())
        }
        return read(data: data, file: path, syntax: NativeSyntax(path: path))
    }

    /// Reads, decodes and validates a file's contents.
    ///
    /// - Parameters:
    ///   - data: The bytes, UTF-8 (a byte-order mark is skipped).
    ///   - file: The name diagnostics print.
    ///   - syntax: YAML or JSON; nil to decide from the first character (`{` is JSON).
    public static func read(data: Data, file: String, syntax: NativeSyntax? = nil) -> LoadedGraph {
        guard var text = String(validating: data, as: UTF8.self) else {
            return LoadedGraph(graph: ActorGraph(), diagnostics: [Diagnostic(
                file: file, position: invalidUTF8Position(data), severity: .error,
                message: "the file is not valid UTF-8 text", fix: "save it as UTF-8")], sourceMap: SourceMap())
        }
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        return read(text: text, file: file, syntax: syntax)
    }

    /// Reads, decodes and validates text in the native format.
    public static func read(text: String, file: String, syntax: NativeSyntax? = nil) -> LoadedGraph {
        let chosen = syntax ?? (text.first(where: { !$0.isWhitespace }) == "{" ? .json : .yaml)
        let parsed = chosen == .json ? JSONDocumentReader.read(text, file: file) : YAMLDocumentReader.read(text, file: file)
        switch parsed {
        case .failure(let diagnostic):
            return LoadedGraph(graph: ActorGraph(), diagnostics: [diagnostic], sourceMap: SourceMap())
        case .success(let root):
            var decoder = GraphDecoder(file: file)
            let graph = decoder.decode(root)
            var diagnostics = decoder.diagnostics
            let decodedCleanly = !diagnostics.contains { $0.severity == .error }
            // Validate even a partly decoded graph, so that one pass reports every error; its
            // warnings wait until the file decodes cleanly, since a dropped field or relation
            // would make them misleading (an actor looks isolated, two relations look repeated).
            for issue in graph.validate() where decodedCleanly || issue.severity == .error {
                diagnostics.append(diagnostic(for: issue, file: file, sourceMap: decoder.sourceMap))
            }
            return LoadedGraph(graph: graph, diagnostics: sortedByPosition(diagnostics), sourceMap: decoder.sourceMap)
        }
    }

    /// Reads a file and throws unless it is free of errors.
    ///
    /// - Throws: ``InvalidInput`` with every diagnostic, when any is an error.
    public static func load(contentsOf path: String) throws -> LoadedGraph {
        let loaded = read(contentsOf: path)
        if loaded.hasErrors { throw InvalidInput(loaded.diagnostics) }
        return loaded
    }

    /// Turns a validator issue into a positioned diagnostic.
    public static func diagnostic(for issue: GraphIssue, file: String, sourceMap: SourceMap) -> Diagnostic {
        var message = issue.message
        if let related = issue.related, let p = sourceMap.position(of: related) {
            message += " (first at line \(p.line))"
        }
        return Diagnostic(file: file, position: sourceMap.position(of: issue.location), severity: issue.severity,
                          message: message, fix: issue.fix)
    }

    static func sortedByPosition(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        diagnostics.enumerated().sorted { a, b in
            let pa = a.element.position ?? SourcePosition(line: 0, column: 0)
            let pb = b.element.position ?? SourcePosition(line: 0, column: 0)
            return pa != pb ? pa < pb : a.offset < b.offset
        }.map(\.element)
    }

    static func invalidUTF8Position(_ data: Data) -> SourcePosition {
        var line = 1, column = 1
        var it = data.makeIterator()
        var decoder = UTF8()
        loop: while true {
            switch decoder.decode(&it) {
            case .scalarValue(let s):
                if s == "\n" { line += 1; column = 1 } else { column += 1 }
            case .emptyInput, .error: break loop
            }
        }
        return SourcePosition(line: line, column: column)
    }

    private static func describeFileError(_ path: String) -> String {
        var isDirectory: ObjCBool = false
        if !FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) { return "no such file" }
        if isDirectory.boolValue { return "it is a directory" }
        return "permission denied or unreadable"
    }
}
