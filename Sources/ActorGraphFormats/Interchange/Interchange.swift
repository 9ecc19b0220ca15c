import ActorGraphModel
import Foundation

/// The file formats ActorGraph reads and writes.
///
/// The native format (YAML, or the same schema in JSON) carries everything. The interchange
/// formats carry what they can: ``Interchange/documentedLosses(_:)`` says exactly what, and the Interchange article's
/// round-trip table lists it.
public enum GraphFormat: String, CaseIterable, Sendable {
    /// The native format in YAML (`.yaml`, `.yml`).
    case yaml
    /// The native format in JSON (`.json`). Reading a `.json` file that holds node-link data
    /// reads it as ``nodeLink``.
    case json
    /// A CSV edges file, with an optional nodes file beside it (`.csv`, `.tsv`).
    case csv
    /// Graphviz DOT (`.dot`, `.gv`), read by Graphviz's own parser (cgraph).
    case dot
    /// GraphML (`.graphml`), as networkx, igraph, yEd and Gephi write it.
    case graphml
    /// GEXF 1.3 (`.gexf`), Gephi's format, with time spells.
    case gexf
    /// JSON node-link data (`.node-link.json`, or `.json` holding `nodes` and `links`/`edges`), as
    /// networkx's `node_link_data` and d3 write it.
    case nodeLink = "node-link"
    /// Pajek `.net`, signed by the sign of the weight.
    case pajek

    /// The format a path's extension names, or nil. `.json` is the native JSON syntax (reading
    /// sniffs node-link data); a name ending in `.node-link.json` or `.nodelink.json` is node-link.
    public init?(path: String) {
        let name = (path as NSString).lastPathComponent.lowercased()
        if name.hasSuffix(".node-link.json") || name.hasSuffix(".nodelink.json") {
            self = .nodeLink
            return
        }
        switch (name as NSString).pathExtension {
        case "yaml", "yml": self = .yaml
        case "json": self = .json
        case "csv", "tsv": self = .csv
        case _ where GraphFormat.whitespaceEdgeListExtensions.contains((name as NSString).pathExtension): self = .csv
        case "dot", "gv": self = .dot
        case "graphml": self = .graphml
        case "gexf": self = .gexf
        case "net", "pajek", "paj": self = .pajek
        default: return nil
        }
    }

    /// Extensions of whitespace-separated edge lists (`source target [weight [sign]]` per line, as
    /// igraph's NCOL and networkx's `write_edgelist` write them): read as headerless CSV, never
    /// written (write `.csv` or `.tsv`).
    public static let whitespaceEdgeListExtensions: Set<String> = ["ncol", "edges", "el", "txt"]

    /// Whether `path` names a whitespace-separated edge list (see ``whitespaceEdgeListExtensions``).
    public static func isWhitespaceEdgeList(_ path: String) -> Bool {
        whitespaceEdgeListExtensions.contains((path as NSString).pathExtension.lowercased())
    }

    /// The format's name for messages (`GraphML`, `Pajek .net`).
    public var displayName: String {
        switch self {
        case .yaml: return "ActorGraph YAML"
        case .json: return "ActorGraph JSON"
        case .csv: return "CSV"
        case .dot: return "DOT"
        case .graphml: return "GraphML"
        case .gexf: return "GEXF 1.3"
        case .nodeLink: return "JSON node-link"
        case .pajek: return "Pajek .net"
        }
    }

    /// Whether this is one of the native syntaxes.
    public var isNative: Bool { self == .yaml || self == .json }

    /// The format text content looks like, for files whose extension says nothing: XML roots
    /// (`<graphml`, `<gexf`), Pajek section headers, DOT's `graph`/`digraph`, JSON objects
    /// (node-link or native), else YAML.
    ///
    /// - Complexity: O(1): reads at most the first 4 KiB.
    public static func sniff(_ data: Data) -> GraphFormat {
        let head = String(decoding: data.prefix(4096), as: UTF8.self).lowercased()
        let trimmed = head.drop { $0.isWhitespace || $0 == "\u{FEFF}" }
        if head.contains("<graphml") { return .graphml }
        if head.contains("<gexf") { return .gexf }
        if trimmed.hasPrefix("*vertices") || trimmed.hasPrefix("*network") || trimmed.hasPrefix("%") && head.contains("*vertices") {
            return .pajek
        }
        for keyword in ["digraph", "graph", "strict"] where trimmed.hasPrefix(keyword) {
            let rest = trimmed.dropFirst(keyword.count)
            if rest.first.map({ $0.isWhitespace || $0 == "{" }) == true { return .dot }
        }
        if trimmed.hasPrefix("/*") || trimmed.hasPrefix("//") { return .dot }
        if trimmed.hasPrefix("{") {
            return NodeLinkFormat.looksLikeNodeLink(String(decoding: data, as: UTF8.self)) ? .nodeLink : .json
        }
        if let firstLine = trimmed.split(separator: "\n").first, firstLine.contains(",") || firstLine.contains("\t") || firstLine.contains(";"),
           !firstLine.contains(":") {
            return .csv
        }
        return .yaml
    }
}

/// Reading and writing every format: the one entry point the commands use.
public enum Interchange {
    /// Reads a graph in any format. Never throws: an unreadable file gives a diagnostic.
    ///
    /// A folder is one graph: every native file in it (see ``GraphFolder``). A native file's
    /// cites and quotes are checked against its sources' texts (see ``EvidenceCheck``).
    ///
    /// - Parameters:
    ///   - path: The file, or a folder of native files. For CSV, the edges file.
    ///   - format: The format; nil to take it from the extension, else from the content.
    ///   - nodesFile: CSV only: the nodes file. Nil to use ``CSVFormat/nodesPath(forEdges:)``
    ///     when that file exists (edges only otherwise).
    /// - Complexity: O(size of the input) plus validation.
    public static func read(contentsOf path: String, format: GraphFormat? = nil, nodesFile: String? = nil) -> LoadedGraph {
        if format == nil || format?.isNative == true, GraphFolder.isFolder(path) { return GraphFolder.read(contentsOf: path) }
        let data: Data
        switch readData(path) {
        case .success(let d): data = d
        case .failure(let diagnostic): return LoadedGraph(graph: ActorGraph(), diagnostics: [diagnostic], sourceMap: SourceMap())
        }
        let chosen = format ?? GraphFormat(path: path) ?? GraphFormat.sniff(data)
        if chosen == .csv, GraphFormat.isWhitespaceEdgeList(path) {
            return CSVFormat.read(edges: tabSeparated(data), edgesFile: path, nodes: nil, nodesFile: nil)
        }
        if chosen == .csv {
            let nodesPath = nodesFile ?? companionNodesFile(forEdges: path)
            var nodes: Data?
            if let nodesPath {
                switch readData(nodesPath) {
                case .success(let d): nodes = d
                case .failure(let diagnostic): return LoadedGraph(graph: ActorGraph(), diagnostics: [diagnostic], sourceMap: SourceMap())
                }
            }
            return CSVFormat.read(edges: data, edgesFile: path, nodes: nodes, nodesFile: nodesPath)
        }
        var loaded = read(data: data, file: path, format: chosen)
        GraphFile.checkEvidence(&loaded, path: path)
        return loaded
    }

    /// Reads a graph from bytes in `format` (CSV: an edges file alone; a whitespace-separated edge
    /// list when `file` has one of ``GraphFormat/whitespaceEdgeListExtensions``).
    ///
    /// - Complexity: O(size of the input) plus validation.
    public static func read(data: Data, file: String, format: GraphFormat) -> LoadedGraph {
        switch format {
        case .yaml: return GraphFile.read(data: data, file: file, syntax: .yaml)
        case .json, .nodeLink:
            guard let text = text(data, file: file) else { return GraphFile.read(data: data, file: file, syntax: .json) }
            if format == .nodeLink || NodeLinkFormat.looksLikeNodeLink(text) {
                return NodeLinkFormat.read(text: text, file: file)
            }
            return GraphFile.read(text: text, file: file, syntax: .json)
        case .csv:
            let edges = GraphFormat.isWhitespaceEdgeList(file) ? tabSeparated(data) : data
            return CSVFormat.read(edges: edges, edgesFile: file, nodes: nil, nodesFile: nil)
        case .graphml: return GraphMLFormat.read(data: data, file: file)
        case .gexf: return GEXFFormat.read(data: data, file: file)
        case .dot, .pajek:
            guard let text = text(data, file: file) else { return GraphFile.read(data: data, file: file) }
            return format == .dot ? DOTFormat.read(text: text, file: file) : PajekFormat.read(text: text, file: file)
        }
    }

    /// The CSV nodes file that goes with an edges file, when it exists and is not the edges file.
    public static func companionNodesFile(forEdges path: String) -> String? {
        let candidate = CSVFormat.nodesPath(forEdges: path)
        guard candidate != path, FileManager.default.fileExists(atPath: candidate) else { return nil }
        return candidate
    }

    /// The files that writing `graph` to `path` in `format` produces: one, or two for CSV (the
    /// edges at `path`, the nodes at ``CSVFormat/nodesPath(forEdges:)``), with their text.
    ///
    /// - Parameters:
    ///   - graph: The graph to write.
    ///   - format: The format to write it in.
    ///   - path: Where the (first) file goes; it names the nodes file of CSV.
    ///   - style: Colours, for formats that carry them (GEXF).
    /// - Complexity: O(size of the output).
    public static func write(_ graph: ActorGraph, as format: GraphFormat, to path: String,
                             style: ExportStyle = ExportStyle()) -> [(path: String, text: String)] {
        switch format {
        case .csv:
            let delimiter: Character = (path as NSString).pathExtension.lowercased() == "tsv" ? "\t" : ","
            let files = CSVFormat.write(graph, delimiter: delimiter)
            return [(path, files.edges), (CSVFormat.nodesPath(forEdges: path), files.nodes)]
        default:
            return [(path, write(graph, as: format, style: style))]
        }
    }

    /// The graph as text in a single-file format (for CSV: the edges file alone; use
    /// ``write(_:as:to:style:)`` for both files).
    public static func write(_ graph: ActorGraph, as format: GraphFormat, style: ExportStyle = ExportStyle()) -> String {
        switch format {
        case .yaml: return GraphWriter.write(graph, as: .yaml)
        case .json: return GraphWriter.write(graph, as: .json)
        case .csv: return CSVFormat.write(graph).edges
        case .dot: return DOTFormat.write(graph)
        case .graphml: return GraphMLFormat.write(graph)
        case .gexf: return GEXFFormat.write(graph, style: style)
        case .nodeLink: return NodeLinkFormat.write(graph)
        case .pajek: return PajekFormat.write(graph)
        }
    }

    /// A whitespace-separated edge list as tab-separated CSV with every byte in its column, so
    /// that diagnostics point into the original: the first blank of each run between two words
    /// becomes a tab, the others stay spaces (which CSV drops around a cell); blanks at the
    /// start of a line become spaces, blanks at its end go, and comment lines (`#`, `%`) are
    /// emptied.
    ///
    /// - Complexity: O(bytes).
    static func tabSeparated(_ data: Data) -> Data {
        var out = [UInt8]()
        out.reserveCapacity(data.count)
        var line = [UInt8]()
        func flush() {
            var end = line.count
            while end > 0, line[end - 1] == 32 || line[end - 1] == 9 || line[end - 1] == 13 { end -= 1 }
            var start = 0
            while start < end, line[start] == 32 || line[start] == 9 { start += 1 }
            if start < end, line[start] == UInt8(ascii: "#") || line[start] == UInt8(ascii: "%") { end = 0; start = 0 }
            var inRun = false
            for k in 0..<end {
                let b = line[k]
                if b == 32 || b == 9 {
                    out.append(k >= start && !inRun ? 9 : 32)
                    inRun = true
                } else {
                    out.append(b)
                    inRun = false
                }
            }
        }
        for b in data {
            if b == 10 {
                flush()
                out.append(10)
                line.removeAll(keepingCapacity: true)
            } else {
                line.append(b)
            }
        }
        flush()
        return Data(out)
    }

    private static func text(_ data: Data, file: String) -> String? {
        guard var text = String(validating: data, as: UTF8.self) else { return nil }
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        return text
    }

    private static func readData(_ path: String) -> Result<Data, Diagnostic> {
        do {
            return .success(try Data(contentsOf: URL(fileURLWithPath: path)))
        } catch {
            var isDirectory: ObjCBool = false
            let reason: String
            if !FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) { reason = "no such file" } else if isDirectory.boolValue { reason = "it is a directory" } else { reason = "permission denied or unreadable" }
            return .failure(Diagnostic(file: path, position: nil, severity: .error, message: "cannot read the file: \(reason)",
                                       fix: "check the path"))
        }
    }
}
