import ActorGraphModel
import Foundation

/// CSV (and TSV) interchange: an edges file, with an optional nodes file, as spreadsheets,
/// Gephi, Kumu, networkx, igraph and pandas read and write them.
///
/// Reading:
/// - The delimiter is the most frequent of comma, tab and semicolon on the first line, outside
///   quotes (a tie gives a comma). Quoting follows RFC 4180 (`"a ""b"""`, quoted line breaks);
///   a UTF-8 byte-order mark is skipped, CRLF line ends are accepted, blank lines are skipped,
///   and spaces around an unquoted cell are dropped.
/// - The first line of the edges file is a header when it names a source and a target column
///   (`source`/`from`/`src`/`u`, `target`/`to`/`dst`/`v`, any case). Columns: `id`, `kind`
///   (`relation`), `sign`, `weight` (`value`), `since` (`start`), `until` (`end`), `cite`,
///   `claimed-by` (`claimed_by`, `claimant`), `disputed-by` (`disputed_by`), `confidence`, `note`,
///   `directed` (true/false), and Gephi's and Kumu's `Type`: `Directed`/`Undirected` give the
///   direction, any other value is the relation kind. Every other column is a free attribute
///   (numbers and `true`/`false` read as such; an empty cell means no attribute). Lists are split
///   on `|`. A native column name wins over an alias (`kind` over `type`); a column whose field
///   is already taken becomes an attribute, with a warning when it repeats a name exactly.
/// - Without a header, a line is `source,target[,weight[,sign]]`.
/// - An edge with neither a kind nor a direction column is an undirected `tie` (or
///   `negative-tie` when its sign or weight is negative); see `ImportBuilder`.
/// - The nodes file needs a header with `id` (`Id`); `name` (`label`), `kind` (`type`),
///   `aliases`, `role`, `note` (`description`) and attributes as above. Without an `id` column
///   (Kumu), the name column gives the id. Without a nodes file, actors are created from the
///   edges; with one, an edge naming an undeclared actor is an error.
/// - Every problem is reported with its file, line and column (the cell's first character), up
///   to ``diagnosticLimit`` of them plus one line saying how many more there are.
///
/// Writing gives a nodes file `id,name,kind,aliases,role,note,<attributes>` and an edges file
/// `id,source,target,kind,directed,sign,weight,since,until,confidence,claimed-by,disputed-by,
/// cite,note,<attributes>` (attributes sorted by name), leaving out columns that are empty in
/// every row, except `id,name,kind` and `source,target,kind`.
///
/// What CSV keeps and loses (the Interchange article's round-trip table): it keeps actors (all fields and
/// attributes) and relations (all fields and attributes); attribute types are inferred on
/// reading, so a text attribute that reads as a number or `true`/`false` comes back as one, and
/// empty texts (names, roles, notes, attributes) come back absent. It loses the title, the
/// description, source details (titles, dates, authors, URLs, notes: cited source ids stay and
/// come back declared with their id as title), and kind declarations (labels, styles, unused
/// kinds): declared kinds come back declared from their use, with the first edge's sign and
/// direction.
public enum CSVFormat {
    /// Diagnostics reported before the rest are summed up in one line.
    public static let diagnosticLimit = 100

    /// Reads a CSV edges file, with an optional nodes file.
    ///
    /// - Parameters:
    ///   - edges: The edges file's bytes (UTF-8).
    ///   - edgesFile: The name diagnostics give the edges file.
    ///   - nodes: The nodes file's bytes, or nil to create actors from the edges.
    ///   - nodesFile: The name diagnostics give the nodes file.
    /// - Returns: The graph, validated like a native file, with every diagnostic.
    /// - Complexity: O(bytes + nodes + edges) with one hash look-up per id cell, plus validation;
    ///   positions of problems are computed on demand, by re-reading their row.
    public static func read(edges: Data, edgesFile: String, nodes: Data?, nodesFile: String?) -> LoadedGraph {
        read(edges: edges, edgesFile: edgesFile, nodes: nodes, nodesFile: nodesFile, splitBytes: CSVReader.defaultSplitBytes)
    }

    /// ``read(edges:edgesFile:nodes:nodesFile:)``, reading edge files of at least `splitBytes`
    /// in two halves on two cores (tests compare both ways).
    static func read(edges: Data, edgesFile: String, nodes: Data?, nodesFile: String?, splitBytes: Int) -> LoadedGraph {
        var builder = ImportBuilder(file: edgesFile)
        let nodesName = nodesFile ?? nodesPath(forEdges: edgesFile)
        var reader = CSVReader()
        reader.splitBytes = splitBytes
        if let nodes {
            builder.nodesFile = nodesName
            guard reader.readNodes(nodes, file: nodesName, into: &builder) else {
                return capped(builder.build())
            }
        } else {
            builder.createsMissingActors = true
        }
        reader.readEdges(edges, file: edgesFile, into: &builder)
        builder.lazyPositions = reader.positions(edges: edges, nodes: nodes)
        return capped(builder.build())
    }

    /// At most ``diagnosticLimit`` diagnostics, then one saying how many more there are (an error
    /// when any of those is).
    static func capped(_ loaded: LoadedGraph) -> LoadedGraph {
        guard loaded.diagnostics.count > diagnosticLimit else { return loaded }
        var out = loaded
        let rest = loaded.diagnostics[diagnosticLimit...]
        let errors = rest.filter { $0.severity == .error }.count
        let warnings = rest.count - errors
        let first = rest.first!
        var what: [String] = []
        if errors > 0 { what.append("\(errors) more error\(errors == 1 ? "" : "s")") }
        if warnings > 0 { what.append("\(warnings) more warning\(warnings == 1 ? "" : "s")") }
        out.diagnostics = Array(loaded.diagnostics.prefix(diagnosticLimit))
        out.diagnostics.append(Diagnostic(file: first.file, position: first.position,
                                          severity: errors > 0 ? .error : .warning,
                                          message: "… and " + what.joined(separator: " and ") + " not shown, from here on",
                                          fix: "fix the ones above first"))
        return out
    }

    /// The nodes file that goes with an edges file: the last `edges` in the file name replaced by
    /// `nodes` (`karachi.edges.csv` → `karachi.nodes.csv`, `edges.tsv` → `nodes.tsv`, keeping
    /// its capitals), else `NAME.nodes.EXT` beside it (`karachi.csv` → `karachi.nodes.csv`).
    ///
    /// - Complexity: O(length of the path).
    public static func nodesPath(forEdges path: String) -> String {
        let url = path as NSString
        let name = url.lastPathComponent
        let dir = String(path.dropLast(name.count))
        if let r = name.range(of: "edges", options: [.backwards, .caseInsensitive]) {
            let found = name[r]
            let replacement = found == "EDGES" ? "NODES" : (found.first == "E" ? "Nodes" : "nodes")
            return dir + name.replacingCharacters(in: r, with: replacement)
        }
        let ext = (name as NSString).pathExtension
        if ext.isEmpty { return dir + name + ".nodes" }
        return dir + (name as NSString).deletingPathExtension + ".nodes." + ext
    }

    /// Whether the data is a plain edge list that the analysis commands' fast path
    /// (NetworkAnalysis `EdgeList`) reads the same way: no header, or a header with only
    /// source, target, weight and sign columns in that order (or their aliases); no quotes, no
    /// semicolons, no spaces or `#` inside cells; a number as the third cell and a sign as the
    /// fourth. Reads only the first two non-blank lines.
    ///
    /// - Complexity: O(length of those lines).
    public static func isPlainEdgeList(_ data: Data) -> Bool {
        data.withUnsafeBytes { raw -> Bool in
            let bytes = raw.bindMemory(to: UInt8.self)
            let origin = CSVBytes.bomLength(bytes)
            let delimiter = CSVBytes.detectDelimiter(bytes, from: origin)
            if delimiter == 59 { return false }
            var tokenizer = CSVTokenizer(bytes: bytes, delimiter: delimiter, origin: origin)
            var cells: [CSVCell] = []
            var checked = 0
            var first = true
            while checked < 2, let row = tokenizer.nextRow(&cells) {
                _ = row
                if cells.count == 1 && cells[0].isEmpty && !cells[0].quoted { continue }
                checked += 1
                guard (2...4).contains(cells.count), tokenizer.problems.isEmpty else { return false }
                var texts: [String] = []
                for c in cells {
                    if c.quoted || c.isEmpty { return false }
                    let t = tokenizer.text(c)
                    if t.contains(where: { $0 == " " || $0 == "\t" || $0 == "#" || $0 == "\"" || $0 == "," }) { return false }
                    texts.append(t)
                }
                if first {
                    first = false
                    let cols = texts.map { CSVColumns.edgeColumn(CSVColumns.key($0)) }
                    if cols.contains(where: { $0 != nil }) {
                        let wanted: [CSVColumn] = [.source, .target, .weight, .sign]
                        for (k, c) in cols.enumerated() where c != wanted[k] { return false }
                        continue
                    }
                }
                if texts.count >= 3 {
                    guard let w = Double(texts[2]), w > 0, w.isFinite else { return false }
                }
                if texts.count == 4, !["1", "+1", "+", "positive", "-1", "-", "−", "negative", "0"].contains(texts[3]) {
                    return false
                }
            }
            return checked > 0
        }
    }
}

/// A column of a CSV header, by the native field it fills.
enum CSVColumn: Hashable {
    case id, source, target, kind, gephiType, sign, weight, since, until, cite, quote, claimedBy, disputedBy,
         confidence, note, directed, name, aliases, role
    case attribute(String)

    /// The native field name (for positions).
    var field: String {
        switch self {
        case .id: return "id"
        case .source: return "source"
        case .target: return "target"
        case .kind, .gephiType: return "kind"
        case .sign: return "sign"
        case .weight: return "weight"
        case .since: return "since"
        case .until: return "until"
        case .cite: return "cite"
        case .quote: return "quote"
        case .claimedBy: return "claimed-by"
        case .disputedBy: return "disputed-by"
        case .confidence: return "confidence"
        case .note: return "note"
        case .directed: return "directed"
        case .name: return "name"
        case .aliases: return "aliases"
        case .role: return "role"
        case .attribute(let name): return name
        }
    }

    /// The field slot the column takes (Gephi's `Type` takes the kind's).
    var slot: CSVColumn { self == .gephiType ? .kind : self }
}

/// Header names and their aliases.
enum CSVColumns {
    static let edgeExact: [String: CSVColumn] = [
        "id": .id, "source": .source, "target": .target, "kind": .kind, "sign": .sign, "weight": .weight,
        "since": .since, "until": .until, "cite": .cite, "quote": .quote, "claimed-by": .claimedBy, "disputed-by": .disputedBy,
        "confidence": .confidence, "note": .note, "directed": .directed,
    ]
    static let edgeAliases: [String: CSVColumn] = [
        "from": .source, "src": .source, "u": .source, "to": .target, "dst": .target, "v": .target,
        "relation": .kind, "type": .gephiType, "value": .weight, "start": .since, "end": .until,
        "claimed_by": .claimedBy, "claimant": .claimedBy, "disputed_by": .disputedBy,
    ]
    static let nodeExact: [String: CSVColumn] = [
        "id": .id, "name": .name, "kind": .kind, "aliases": .aliases, "role": .role, "note": .note,
    ]
    static let nodeAliases: [String: CSVColumn] = ["label": .name, "type": .kind, "description": .note]

    /// A header cell as matched: trimmed, lowercased.
    static func key(_ text: String) -> String { text.trimmingCharacters(in: .whitespaces).lowercased() }

    static func edgeColumn(_ key: String) -> CSVColumn? { edgeExact[key] ?? edgeAliases[key] }
    static func nodeColumn(_ key: String) -> CSVColumn? { nodeExact[key] ?? nodeAliases[key] }

    /// The columns of a header: exact native names first, then aliases for fields still free;
    /// anything else is an attribute named by the header text.
    ///
    /// An attribute may not take the name of a native field (`reserved`: the native format's keys
    /// for the entry), or the graph's native file would carry that key twice and not read back: a
    /// second `kind` column, a `from` column beside `source`, or an edges column named `between`
    /// is read as the attribute `kind-2`, `from-2` or `between-2` (the first such name free in the
    /// header). `renamed` lists those columns and the ones that repeat a native name in another
    /// case (a second `Kind`, kept as the attribute `Kind`) with their attribute names, for a warning.
    static func resolve(_ texts: [String], exact: [String: CSVColumn], aliases: [String: CSVColumn],
                        reserved: [String]) -> (columns: [CSVColumn], renamed: [(column: Int, name: String)]) {
        var columns = texts.enumerated().map { CSVColumn.attribute($0.element.isEmpty ? "column\($0.offset + 1)" : $0.element) }
        var taken = Set<CSVColumn>()
        for (k, t) in texts.enumerated() {
            guard let c = exact[key(t)] else { continue }
            if taken.insert(c.slot).inserted { columns[k] = c }
        }
        for (k, t) in texts.enumerated() where exact[key(t)] == nil {
            guard let c = aliases[key(t)] else { continue }
            if taken.insert(c.slot).inserted { columns[k] = c }
        }
        let reservedNames = Set(reserved)
        var used = Set(texts)
        var renamed: [(column: Int, name: String)] = []
        for (k, c) in columns.enumerated() {
            guard case .attribute(let name) = c else { continue }
            let repeated = exact[key(texts[k])] != nil
            guard reservedNames.contains(name) else {
                if repeated { renamed.append((k, name)) }
                continue
            }
            var n = 2
            while used.contains("\(name)-\(n)") || reservedNames.contains("\(name)-\(n)") { n += 1 }
            let free = "\(name)-\(n)"
            used.insert(free)
            columns[k] = .attribute(free)
            renamed.append((k, free))
        }
        return (columns, renamed)
    }

    /// The warning for a column `resolve` renamed.
    static func renamedMessage(column k: Int, header: String, attribute: String) -> (message: String, fix: String) {
        ("column \(k + 1) ('\(header)') names a field that another column already gives, or that this file cannot carry; read as the attribute '\(attribute)'",
         "rename the column if '\(attribute)' is not the name you want")
    }
}
