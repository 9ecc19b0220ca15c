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
    /// The texts of the sources that have one (`text:`), by source id, as read when the graph
    /// was loaded from a native file or folder; empty otherwise.
    public var sourceTexts: [String: SourceText] = [:]
    /// What checking cites and quotes against those texts found.
    public var evidence = EvidenceSummary()
    /// Whether the graph was read from the native format (whose cites and quotes are checked
    /// against the source texts when read from a path).
    var isNative = false
    /// For a graph read from a folder, each file's own part, in the files' order; empty otherwise.
    public var parts: [GraphPart] = []

    /// Whether any diagnostic is an error.
    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
    /// The warnings alone.
    public var warnings: [Diagnostic] { diagnostics.filter { $0.severity == .warning } }
}

/// Reads and writes graph files in the native format.
public enum GraphFile {
    /// Reads, decodes and validates a file. Never throws: an unreadable file gives a diagnostic.
    /// Cites and quotes are checked against the sources' texts (``EvidenceCheck``). A folder is
    /// read as one graph (``GraphFolder``).
    ///
    /// - Parameter path: The file; its extension picks the syntax (else the content does).
    /// - Complexity: O(size of the file) plus validation (see ``/ActorGraphModel/ActorGraph/validate()``).
    public static func read(contentsOf path: String) -> LoadedGraph {
        if GraphFolder.isFolder(path) { return GraphFolder.read(contentsOf: path) }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            let reason = (error as NSError).localizedFailureReason ?? describeFileError(path)
            return LoadedGraph(graph: ActorGraph(), diagnostics: [Diagnostic(
                file: path, position: nil, severity: .error, message: "cannot read the file: \(reason)",
                fix: "check the path")], sourceMap: SourceMap())
        }
        var loaded = read(data: data, file: path, syntax: NativeSyntax(path: path))
        checkEvidence(&loaded, path: path)
        return loaded
    }

    /// Checks a native graph's cites and quotes against its source texts, which are relative
    /// to `path`'s folder (see ``EvidenceCheck``). Does nothing for other formats.
    static func checkEvidence(_ loaded: inout LoadedGraph, path: String) {
        guard loaded.isNative else { return }
        let directory = (path as NSString).deletingLastPathComponent
        EvidenceCheck.apply(to: &loaded, file: path) { _ in directory }
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
            var loaded = LoadedGraph(graph: graph, diagnostics: sortedByPosition(diagnostics), sourceMap: decoder.sourceMap)
            loaded.isNative = true
            return loaded
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

    /// The graph with each source's relative `text` path rewritten so that it names the same
    /// file from `outputDirectory` as it did from `inputDirectory`: what a writer must do when it
    /// puts a graph in another folder. Absolute paths, and graphs staying in their folder, are
    /// unchanged.
    ///
    /// - Complexity: O(sources · path length).
    public static func rebasingSourceTexts(_ graph: ActorGraph, from inputDirectory: String, to outputDirectory: String) -> ActorGraph {
        func components(_ directory: String) -> [String] {
            URL(fileURLWithPath: directory.isEmpty ? "." : directory, isDirectory: true).standardizedFileURL.pathComponents
        }
        let from = components(inputDirectory), to = components(outputDirectory)
        guard from != to, graph.sources.contains(where: { $0.text.map { !$0.hasPrefix("/") } == true }) else { return graph }
        var copy = graph
        for i in copy.sources.indices {
            guard let path = copy.sources[i].text, !path.hasPrefix("/") else { continue }
            let target = URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: inputDirectory.isEmpty ? "." : inputDirectory, isDirectory: true))
                .standardizedFileURL.pathComponents
            var common = 0
            while common < to.count, common < target.count - 1, to[common] == target[common] { common += 1 }
            let up = Array(repeating: "..", count: to.count - common)
            copy.sources[i].text = (up + target[common...]).joined(separator: "/")
        }
        return copy
    }

    /// Turns a validator issue into a positioned diagnostic.
    ///
    /// For a graph read from several files (a folder), the diagnostic names the file the entry
    /// was written in, and a related place is named as `file:line:column`.
    public static func diagnostic(for issue: GraphIssue, file: String, sourceMap: SourceMap) -> Diagnostic {
        var message = issue.message
        let here = sourceMap.file(of: issue.location) ?? file
        if let related = issue.related, let p = sourceMap.position(of: related) {
            if let there = sourceMap.file(of: related) {
                message += " (first at \(there):\(p.line):\(p.column))"
            } else {
                message += " (first at line \(p.line))"
            }
        }
        return Diagnostic(file: here, position: sourceMap.position(of: issue.location), severity: issue.severity,
                          message: message, fix: issue.fix)
    }

    /// Diagnostics in file order (`fileOrder` ranks the files of a folder), then by position.
    static func sortedByPosition(_ diagnostics: [Diagnostic], fileOrder: [String: Int] = [:]) -> [Diagnostic] {
        diagnostics.enumerated().sorted { a, b in
            let fa = fileOrder[a.element.file] ?? 0, fb = fileOrder[b.element.file] ?? 0
            if fa != fb { return fa < fb }
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
