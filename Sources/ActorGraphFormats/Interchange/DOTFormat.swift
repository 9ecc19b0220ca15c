import ActorGraphModel
import Foundation

/// Graphviz DOT: read with Graphviz's own parser (cgraph), written as a *data* DOT that people
/// can edit by hand, that Graphviz draws, and that reads back to the same graph. (The styled
/// diagram DOT is `actorgraph export`'s; this reader reads that too.)
///
/// Reading:
/// - `digraph` edges are directed, `graph` edges undirected; in a `digraph`, an edge with
///   `dir=none` or `dir=both` is undirected (`dir=back` is drawing only: the edge still runs
///   tail → head). A known kind's direction wins anyway.
/// - A node's name is its DOT id (the actor id). `name` gives the actor's name; else a `label`:
///   a plain label with Graphviz's escapes read (`\N` is the node id, `\G` the graph name, `\n`,
///   `\l`, `\r` break lines, `\\` is a backslash; lines are joined by one space); an HTML label
///   gives its text before the first `<FONT>`, `<TABLE>` cell end, `<HR>` or `<IMG>` (the name,
///   in `actorgraph export`'s diagrams, whose `<FONT>` part is the role), tags stripped, `<BR/>`
///   as a line break, entities decoded, lines joined by one space.
/// - Nodes: `kind` (or `type`), `aliases`, `role`, `note`; edges: `kind` (or `relation`, `type`),
///   `sign`, `weight` (our weight: Graphviz's layout weight reads as the tie's intensity), `id`,
///   `since`, `until`, `confidence`, `cite`, `claimed-by`, `disputed-by`, `note`; lists are
///   joined by `|`. The graph's plain `label` (or `title`) is the title, `comment` (or
///   `description`) the description, and `actorgraph` the native metadata (sources, kinds).
/// - Graphviz's drawing attributes (`shape`, `color`, `pos`, `tooltip`, `id` on nodes, an edge
///   `id` of the form `relation-N` on the N-th edge, as diagrams write, …: a fixed list of
///   Graphviz's attribute names) are not data: they are ignored, with one warning naming them.
///   Edge `label` and node or edge `comment` are kept as free attributes; every other
///   attribute is a free attribute, its value a number or `true`/`false` when it reads as one.
///   An attribute named `data-X`, where X is one of the names above, is the free attribute X.
/// - A node in `subgraph cluster_X { label="…" }` gets the attribute `cluster`: the cluster's
///   own label (a label equal to the enclosing graph's is taken as inherited), else its name
///   without the `cluster` prefix and a following `_`; the innermost cluster wins, and a node's
///   own `cluster` attribute wins over both.
/// - An attribute set to the empty string is absent (cgraph does not tell them apart).
/// - Actors are in order of first appearance, relations in file order (cgraph's).
/// - HTML-string values (`<…>`) of data attributes are read as text with their entities decoded.
///
/// Positions: cgraph gives none, so a small tokenizer finds them (see `DOTScanner`): a node's
/// first mention, an edge's operator, an attribute's `name=`. cgraph's syntax errors give a line
/// and the token near which it failed: the column is that token's on that line.
public enum DOTFormat {
    /// Reads DOT text into a native graph, validated like a native file.
    ///
    /// - Parameters:
    ///   - text: DOT text (the first graph is read; later ones are reported and ignored).
    ///   - file: The name diagnostics print.
    /// - Complexity: O(text length + nodes × declared node attributes + edges × declared edge
    ///   attributes), plus validation; cgraph's parse runs under ``GraphvizLock``.
    public static func read(text: String, file: String) -> LoadedGraph {
        if text.utf8.contains(0) {
            let scan = DOTScanner(text)
            return ImportBuilder.failure(Diagnostic(file: file, position: scan.nulPosition ?? SourcePosition(line: 1, column: 1),
                                                    severity: .error, message: "the file holds a NUL character, which DOT cannot hold",
                                                    fix: "delete it"))
        }
        let document: CGraphDocument
        do {
            document = try CGraph.parse(text)
        } catch {
            return LoadedGraph(graph: ActorGraph(), diagnostics: syntaxDiagnostics(error, scan: DOTScanner(text), file: file),
                               sourceMap: SourceMap())
        }
        let positions = DOTPositions(text: text, document: document)
        var reader = Reader(document: document, positions: positions, builder: ImportBuilder(file: file))
        reader.read()
        reader.builder.lazyPositions = { positions.resolve($0) }
        return reader.builder.build()
    }

    /// Diagnostics for a text cgraph cannot parse.
    private static func syntaxDiagnostics(_ messages: CGraphMessages, scan: DOTScanner, file: String) -> [Diagnostic] {
        var out: [Diagnostic] = []
        let texts = messages.errors.isEmpty ? [messages.text(or: "")] : messages.errors
        for raw in texts {
            let message = raw.replacingOccurrences(of: "\n", with: " ").trimmingCharacters(in: .whitespaces)
            if message.isEmpty {
                out.append(Diagnostic(file: file, position: SourcePosition(line: 1, column: 1), severity: .error,
                                      message: "the file holds no DOT graph",
                                      fix: "write a graph: 'digraph { a -> b }' or 'graph { a -- b }'"))
                continue
            }
            let line = min(max(1, Self.number(after: "line ", in: message) ?? 1), scan.lineCount)
            if message.contains("scanning a quoted string") || message.contains("scanning a HTML string"),
               let (position, html) = scan.unterminated {
                out.append(Diagnostic(file: file, position: position, severity: .error,
                                      message: html ? "an HTML string '<…>' that starts here never closes (its '<' and '>' do not balance)"
                                                    : "a quoted string that starts here never closes",
                                      fix: html ? "balance the '<' and '>', or quote the text with \"…\"" : "close it with \""))
                continue
            }
            var near = ""
            if let r = message.range(of: "near '"), let end = message[r.upperBound...].lastIndex(of: "'") {
                near = String(message[r.upperBound..<end])
            }
            let position = scan.token(onLine: line, near: near) ?? SourcePosition(line: line, column: 1)
            var fix = "check this statement and the one before: a missing ';', ']', '}' or '=', or a name with spaces or dashes that needs quotes"
            if near == "->" { fix = "an undirected 'graph' joins nodes with '--'; for arrows, write 'digraph'" }
            if near == "--" { fix = "a 'digraph' joins nodes with '->'; for undirected edges, write 'graph' or add dir=none" }
            let what = near.isEmpty ? "a DOT syntax error" : "a DOT syntax error near '\(near)'"
            out.append(Diagnostic(file: file, position: position, severity: .error,
                                  message: "\(what) (Graphviz: \(message))", fix: fix))
        }
        return GraphFile.sortedByPosition(out)
    }

    /// How many times `graph`/`digraph` followed by an optional name and `{` appears (a cheap
    /// over-count: comments and strings are not skipped), to scan for a second graph only when
    /// there may be one.
    static func graphHeaderCount(_ text: String) -> Int {
        let s = Array(text.utf8)
        func isWord(_ c: UInt8) -> Bool { (c >= 0x61 && c <= 0x7A) || (c >= 0x41 && c <= 0x5A) || (c >= 0x30 && c <= 0x39) || c == 0x5F || c >= 0x80 }
        func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D }
        var count = 0
        var p = 0
        while p + 5 <= s.count {
            guard s[p] | 0x20 == 0x67, s[p + 1] | 0x20 == 0x72, s[p + 2] | 0x20 == 0x61, s[p + 3] | 0x20 == 0x70, s[p + 4] | 0x20 == 0x68 else {
                p += 1
                continue
            }
            var b = p
            if b >= 2, s[b - 2] | 0x20 == 0x64, s[b - 1] | 0x20 == 0x69 { b -= 2 }
            p += 5
            if b > 0, isWord(s[b - 1]) { continue }
            var q = p
            while q < s.count, isSpace(s[q]) { q += 1 }
            if q < s.count, s[q] == 0x22 {
                q += 1
                while q < s.count, s[q] != 0x22 { q += s[q] == 0x5C ? 2 : 1 }
                q += 1
            } else {
                while q < s.count, isWord(s[q]) { q += 1 }
            }
            while q < s.count, isSpace(s[q]) { q += 1 }
            if q < s.count, s[q] == 0x7B { count += 1 }
        }
        return count
    }

    static func number(after prefix: String, in text: String) -> Int? {
        guard let r = text.range(of: prefix) else { return nil }
        let digits = text[r.upperBound...].prefix { $0.isASCII && $0.isNumber }.prefix(9)
        return Int(digits)
    }

    // MARK: Attribute names

    /// Graphviz's attribute names (graphviz.org/doc/info/attrs.html), and its drawing output.
    static let graphvizAttributes: Set<String> = [
        "_background", "area", "arrowhead", "arrowsize", "arrowtail", "bb", "beautify", "bgcolor", "center", "charset",
        "class", "cluster", "clusterrank", "color", "colorscheme", "comment", "compound", "concentrate", "constraint",
        "Damping", "decorate", "defaultdist", "dim", "dimen", "dir", "diredgeconstraints", "distortion", "dpi",
        "edgehref", "edgetarget", "edgetooltip", "edgeURL", "epsilon", "esep", "fillcolor", "fixedsize", "fontcolor",
        "fontname", "fontnames", "fontpath", "fontsize", "forcelabels", "gradientangle", "group", "head_lp", "headclip",
        "headhref", "headlabel", "headport", "headtarget", "headtooltip", "headURL", "height", "href", "id", "image",
        "imagepath", "imagepos", "imagescale", "inputscale", "K", "label", "label_scheme", "labelangle", "labeldistance",
        "labelfloat", "labelfontcolor", "labelfontname", "labelfontsize", "labelhref", "labeljust", "labelloc",
        "labeltarget", "labeltooltip", "labelURL", "landscape", "layer", "layerlistsep", "layers", "layerselect",
        "layersep", "layout", "len", "levels", "levelsgap", "lhead", "lheight", "linelength", "lp", "ltail", "lwidth",
        "margin", "maxiter", "mclimit", "mindist", "minlen", "mode", "model", "newrank", "nodesep", "nojustify",
        "normalize", "notranslate", "nslimit", "nslimit1", "oneblock", "ordering", "orientation", "outputorder",
        "overlap", "overlap_scaling", "overlap_shrink", "pack", "packmode", "pad", "page", "pagedir", "pencolor",
        "penwidth", "peripheries", "pin", "pos", "quadtree", "quantum", "radius", "rank", "rankdir", "ranksep", "ratio",
        "rects", "regular", "remincross", "repulsiveforce", "resolution", "root", "rotate", "rotation", "samehead",
        "sametail", "samplepoints", "scale", "searchsize", "sep", "shape", "shapefile", "showboxes", "sides", "size",
        "skew", "smoothing", "sortv", "splines", "start", "style", "stylesheet", "tailclip", "tailhref", "taillabel",
        "tailport", "tailtarget", "tailtooltip", "tailURL", "target", "TBbalance", "tooltip", "truecolor", "URL",
        "vertices", "viewport", "voro_margin", "weight", "width", "xdotversion", "xlabel", "xlp", "z",
        "_draw_", "_ldraw_", "_hdraw_", "_tdraw_", "_hldraw_", "_tldraw_", "_gvid",
    ]

    /// Graphviz's names that are data on nodes / edges.
    static let nodeDataNames: Set<String> = ["label", "comment", "cluster"]
    static let edgeDataNames: Set<String> = ["label", "comment", "weight", "id"]
    /// Attribute names the reader maps onto native fields (or cgraph consumes: an edge `key`).
    static let nodeFields: Set<String> = ["name", "label", "kind", "type", "aliases", "role", "note", "key"]
    static let edgeFields: Set<String> = ["kind", "relation", "type", "sign", "weight", "id", "since", "until",
                                          "confidence", "cite", "quote", "claimed-by", "disputed-by", "note", "dir", "key"]

    static func isDrawing(_ name: String, node: Bool) -> Bool {
        graphvizAttributes.contains(name) && !(node ? nodeDataNames : edgeDataNames).contains(name)
    }

    /// Whether a free attribute named `name` must be written `data-name` to read back as itself.
    static func needsPrefix(_ name: String, node: Bool) -> Bool {
        if isDrawing(name, node: node) || (node ? nodeFields : edgeFields).contains(name) { return true }
        if name.hasPrefix("data-") { return needsPrefix(String(name.dropFirst(5)), node: node) }
        return false
    }

    /// The free attribute a DOT attribute name stands for.
    static func attributeName(_ dotName: String, node: Bool) -> String {
        if dotName.hasPrefix("data-"), needsPrefix(String(dotName.dropFirst(5)), node: node) { return String(dotName.dropFirst(5)) }
        return dotName
    }

    // MARK: Text

    /// A plain Graphviz label as text (see the type's notes).
    static func labelText(_ raw: String, object: String, graph: String) -> String {
        var lines: [String] = [""]
        var it = raw.unicodeScalars.makeIterator()
        while let c = it.next() {
            if c == "\n" { lines.append(""); continue }
            guard c == "\\" else { lines[lines.count - 1].unicodeScalars.append(c); continue }
            guard let e = it.next() else { lines[lines.count - 1] += "\\"; break }
            switch e {
            case "n", "l", "r": lines.append("")
            case "N": lines[lines.count - 1] += object
            case "G": lines[lines.count - 1] += graph
            case "\n": lines.append("")
            default: lines[lines.count - 1].unicodeScalars.append(e)
            }
        }
        return lines.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.joined(separator: " ")
    }

    /// An HTML label's name (see the type's notes).
    static func htmlLabelText(_ raw: String) -> String {
        var text = ""
        let s = Array(raw.unicodeScalars)
        var p = 0
        scan: while p < s.count {
            if s[p] == "<" {
                var q = p + 1
                while q < s.count, s[q] != ">" { q += 1 }
                let tag = String(String.UnicodeScalarView(s[(p + 1)..<min(q, s.count)])).lowercased()
                let name = tag.drop { $0 == "/" }.prefix { $0.isLetter }
                if name == "br" { text += "\n" }
                if ["font", "table", "tr", "td", "hr", "vr", "img"].contains(name),
                   !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                    break scan
                }
                p = q + 1
                continue
            }
            text.unicodeScalars.append(s[p])
            p += 1
        }
        return decodeEntities(text).split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }.joined(separator: " ")
    }

    static func decodeEntities(_ s: String) -> String {
        guard s.contains("&") else { return s }
        var out = ""
        var rest = Substring(s)
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            let after = rest[rest.index(after: amp)...]
            if let semi = after.prefix(12).firstIndex(of: ";") {
                let name = after[..<semi]
                var decoded: String?
                switch name {
                case "amp": decoded = "&"
                case "lt": decoded = "<"
                case "gt": decoded = ">"
                case "quot": decoded = "\""
                case "apos": decoded = "'"
                case "nbsp": decoded = "\u{A0}"
                default:
                    if name.hasPrefix("#x") || name.hasPrefix("#X") {
                        decoded = UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init).map { String($0) }
                    } else if name.hasPrefix("#") {
                        decoded = UInt32(name.dropFirst(1)).flatMap(Unicode.Scalar.init).map { String($0) }
                    }
                }
                if let decoded {
                    out += decoded
                    rest = after[after.index(after: semi)...]
                    continue
                }
            }
            out += "&"
            rest = after
        }
        return out + rest
    }

    // MARK: Writing

    /// Writes the graph as a data DOT: one node statement per actor and one edge statement per
    /// relation, in graph order, every native field as an attribute (lists joined by `|`), free
    /// attributes sorted by name, and the sources and kind declarations as native JSON in the
    /// graph attribute `actorgraph`. Graphviz draws it as it is.
    ///
    /// Values are double-quoted; a value cgraph cannot read back from quotes (a line break or
    /// other control character, a backslash before a quote or at the end) is written as an
    /// HTML string with entities, which the reader decodes.
    ///
    /// - Complexity: O(actors + relations + text).
    public static func write(_ graph: ActorGraph) -> String {
        var out = "digraph \"actorgraph\" {\n"
        var graphAttributes: [(String, String)] = []
        if let title = graph.title {
            graphAttributes.append(("label", displayLabel(title)))
            if labelText(rawLabel(title), object: "actorgraph", graph: "actorgraph") != title {
                graphAttributes.append(("title", value(title)))
            }
        }
        if let description = graph.description { graphAttributes.append(("comment", value(description))) }
        if let meta = NativeMetadata.json(graph) {
            let oneLine = meta.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
            graphAttributes.append(("actorgraph", value(oneLine)))
        }
        if !graphAttributes.isEmpty {
            out += "  graph [" + graphAttributes.map { "\(name($0.0))=\($0.1)" }.joined(separator: ", ") + "];\n"
        }
        for actor in graph.actors {
            var attrs: [(String, String)] = [("label", displayLabel(actor.name))]
            if labelText(rawLabel(actor.name), object: actor.id, graph: "actorgraph") != actor.name {
                attrs.append(("name", value(actor.name)))
            }
            attrs.append(("kind", value(actor.kind)))
            if !actor.aliases.isEmpty { attrs.append(("aliases", value(FlatList.join(actor.aliases)))) }
            if let role = actor.role { attrs.append(("role", value(role))) }
            if let note = actor.note { attrs.append(("note", value(note))) }
            attrs += freeAttributes(actor.attributes, node: true)
            out += "  \(id(actor.id)) [" + attrs.map { "\(name($0.0))=\($0.1)" }.joined(separator: ", ") + "];\n"
        }
        for (j, r) in graph.relations.enumerated() {
            var attrs: [(String, String)] = [("kind", value(r.kind))]
            if !r.directed { attrs.append(("dir", "none")) }
            if let id = r.id, id != "relation-\(j)" { attrs.append(("id", value(id))) }
            if let sign = r.signOverride { attrs.append(("sign", value(sign.rawValue))) }
            if r.weight != 1 { attrs.append(("weight", value(AttributeValue.format(r.weight)))) }
            if let since = r.since { attrs.append(("since", value(since.description))) }
            if let until = r.until { attrs.append(("until", value(until.description))) }
            if let c = r.evidence.confidence { attrs.append(("confidence", value(c.description))) }
            if !r.evidence.claimedBy.isEmpty { attrs.append(("claimed-by", value(FlatList.join(r.evidence.claimedBy)))) }
            if !r.evidence.disputedBy.isEmpty { attrs.append(("disputed-by", value(FlatList.join(r.evidence.disputedBy)))) }
            if !r.evidence.citations.isEmpty { attrs.append(("cite", value(FlatList.join(r.evidence.citations.map(\.description))))) }
            if !r.evidence.quotes.isEmpty { attrs.append(("quote", value(FlatList.join(r.evidence.quotes)))) }
            if let note = r.note { attrs.append(("note", value(note))) }
            attrs += freeAttributes(r.attributes, node: false)
            out += "  \(id(r.source)) -> \(id(r.target)) [" + attrs.map { "\(name($0.0))=\($0.1)" }.joined(separator: ", ") + "];\n"
        }
        return out + "}\n"
    }

    private static func freeAttributes(_ attributes: [String: AttributeValue], node: Bool) -> [(String, String)] {
        attributes.keys.sorted().map { key in
            let dotName = needsPrefix(key, node: node) ? "data-" + key : key
            return (dotName, value(attributes[key]!.description))
        }
    }

    /// Whether cgraph reads `"s"` (with `"` written `\"`) back as `s`; raw control characters
    /// (cgraph keeps them) only when `controls`.
    static func isQuotable(_ s: String, controls: Bool = false) -> Bool {
        var backslash = false
        for c in s.unicodeScalars {
            if c.value == 0 || (!controls && (c.value < 0x20 || c.value == 0x7F)) { return false }
            if backslash, c == "\n" { return false }
            if backslash {
                if c == "\"" { return false }
                backslash = false
            } else if c == "\\" {
                backslash = true
            }
        }
        return !backslash
    }

    /// A node id or attribute name: quoted, control characters raw (cgraph drops the HTML
    /// flag of names, so the HTML form would not read back).
    static func id(_ s: String) -> String {
        isQuotable(s, controls: true) ? "\"" + s.replacingOccurrences(of: "\"", with: "\\\"") + "\"" : value(s)
    }

    /// A DOT value: quoted, or an HTML string with entities when quotes cannot hold it.
    static func value(_ s: String) -> String {
        if isQuotable(s) { return "\"" + s.replacingOccurrences(of: "\"", with: "\\\"") + "\"" }
        var out = "<"
        for c in s.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            default:
                if c.value < 0x20 || c.value == 0x7F { out += "&#\(c.value);" } else { out.unicodeScalars.append(c) }
            }
        }
        return out + ">"
    }

    /// An attribute name: bare when DOT allows, else quoted.
    static func name(_ s: String) -> String {
        let bare = s.unicodeScalars.first.map { ($0 >= "a" && $0 <= "z") || ($0 >= "A" && $0 <= "Z") || $0 == "_" || $0.value >= 0x80 } == true
            && s.unicodeScalars.allSatisfy { ($0 >= "a" && $0 <= "z") || ($0 >= "A" && $0 <= "Z") || ($0 >= "0" && $0 <= "9") || $0 == "_" || $0.value >= 0x80 }
            && !["node", "edge", "graph", "digraph", "subgraph", "strict"].contains(s.lowercased())
        return bare ? s : id(s)
    }

    /// A label's text as cgraph holds it: backslashes doubled, line breaks as `\n`.
    static func rawLabel(_ s: String) -> String {
        var out = ""
        for c in s.unicodeScalars {
            switch c {
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            default: out.unicodeScalars.append(c.value < 0x20 || c.value == 0x7F ? " " : c)
            }
        }
        return out
    }

    private static func displayLabel(_ s: String) -> String {
        "\"" + rawLabel(s).replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}

/// Turns a ``CGraphDocument`` into an ``ImportBuilder``'s nodes and edges.
private struct Reader {
    let document: CGraphDocument
    let positions: DOTPositions
    var builder: ImportBuilder
    var scan: DOTScanner { positions.scan }
    var start: SourcePosition { positions.start }

    /// Drawing attributes ignored, and on how many objects.
    var drawing: Set<String> = []
    var drawingNodes = 0, drawingEdges = 0, drawingGraph = false
    var unkeptGraph: [String] = []

    mutating func read() {
        builder.createsMissingActors = false
        readGraph()
        let clusters = clusterLabels()
        readNodes(clusters: clusters)
        readEdges()
        if !drawing.isEmpty {
            var on: [String] = []
            if drawingNodes > 0 { on.append(drawingNodes == 1 ? "1 node" : "\(drawingNodes) nodes") }
            if drawingEdges > 0 { on.append(drawingEdges == 1 ? "1 edge" : "\(drawingEdges) edges") }
            if drawingGraph { on.append("the graph") }
            let first = scan.allKeys.first { drawing.contains($0.name) }?.position ?? start
            builder.warning(first, "Graphviz drawing attributes are not ActorGraph data and were ignored: "
                            + drawing.sorted().joined(separator: ", ") + " (on " + on.joined(separator: ", ") + ")",
                            fix: "nothing to do; to keep one as data, rename it (e.g. data-color)")
        }
        if !unkeptGraph.isEmpty {
            builder.warning(scan.graphKeys[unkeptGraph[0]] ?? start,
                            "graph attributes are not kept (an ActorGraph graph has only a title, a description and metadata): "
                            + unkeptGraph.joined(separator: ", "),
                            fix: "move what matters into the graph's comment (its description)")
        }
        for w in document.warnings {
            let line = min(max(1, DOTFormat.number(after: "line ", in: w) ?? start.line), scan.lineCount)
            builder.warning(SourcePosition(line: line, column: line == start.line ? start.column : 1), "Graphviz: \(w)")
        }
        if document.extraGraphs > 0 || (DOTFormat.graphHeaderCount(positions.text) > 1 && scan.extraGraphStart != nil) {
            builder.warning(scan.extraGraphStart ?? start, "the file holds more than one graph; only the first is read",
                            fix: "put each graph in a file of its own")
        }
    }

    private func text(_ attributes: CGraphDocument.Attributes, _ key: String) -> String? {
        guard let raw = attributes.values[key], !raw.isEmpty else { return nil }
        return attributes.html.contains(key) ? DOTFormat.decodeEntities(raw) : raw
    }

    mutating func readGraph() {
        let a = document.attributes
        for key in a.values.keys.sorted() where !(a.values[key] ?? "").isEmpty {
            switch key {
            case "label", "title", "comment", "description", "actorgraph": continue
            default:
                if DOTFormat.graphvizAttributes.contains(key) { drawing.insert(key); drawingGraph = true } else { unkeptGraph.append(key) }
            }
        }
        if let title = text(a, "title") {
            builder.title = title
        } else if let raw = a.values["label"], !raw.isEmpty {
            if a.html.contains("label") {
                drawing.insert("label")
                drawingGraph = true
            } else {
                let t = DOTFormat.labelText(raw, object: document.name, graph: document.name)
                if !t.isEmpty { builder.title = t }
            }
        }
        builder.description = text(a, "description") ?? text(a, "comment")
        if let meta = text(a, "actorgraph") {
            // Placed afterwards, so that a clean file is never scanned.
            let before = builder.diagnostics.count
            NativeMetadata.read(meta, at: nil, into: &builder)
            for k in before..<builder.diagnostics.count {
                builder.diagnostics[k].position = scan.graphKeys["actorgraph"] ?? start
            }
        }
    }

    /// Node name → cluster label, innermost cluster last.
    func clusterLabels() -> [String: String] {
        var out: [String: String] = [:]
        func walk(_ list: [CGraphDocument.Subgraph], parentLabel: String) {
            for s in list {
                let label = s.attributes.values["label"] ?? ""
                if s.name.hasPrefix("cluster") {
                    var value = ""
                    if !label.isEmpty, label != parentLabel {
                        value = s.attributes.html.contains("label") ? DOTFormat.htmlLabelText(label)
                            : DOTFormat.labelText(label, object: s.name, graph: document.name)
                    }
                    if value.isEmpty {
                        var n = s.name.dropFirst("cluster".count)
                        if n.hasPrefix("_") { n = n.dropFirst() }
                        value = n.isEmpty ? s.name : String(n)
                    }
                    for m in s.nodes { out[m] = value }
                }
                walk(s.children, parentLabel: label)
            }
        }
        walk(document.subgraphs, parentLabel: document.attributes.values["label"] ?? "")
        return out
    }

    mutating func readNodes(clusters: [String: String]) {
        for node in document.nodes {
            let a = node.attributes
            var keys: [String: String] = [:]
            var actor = Actor(id: node.name, kind: "")
            var usedDrawing = false
            var name: String?
            for key in a.values.keys.sorted() {
                guard let v = text(a, key) else { continue }
                switch key {
                case "name": name = v; keys["name"] = key
                case "label": continue
                case "kind": actor.kind = v; keys["kind"] = key
                case "aliases": actor.aliases = FlatList.split(v); keys["aliases"] = key
                case "role": actor.role = v; keys["role"] = key
                case "note": actor.note = v; keys["note"] = key
                case "type" where text(a, "kind") == nil: actor.kind = v; keys["kind"] = key
                default:
                    if DOTFormat.isDrawing(key, node: true) {
                        drawing.insert(key)
                        usedDrawing = true
                        continue
                    }
                    let attribute = DOTFormat.attributeName(key, node: true)
                    actor.attributes[attribute] = a.html.contains(key) ? .string(v) : inferredAttribute(v)
                    keys[attribute] = key
                }
            }
            if name == nil, let raw = a.values["label"], !raw.isEmpty, raw != "\\N" {
                let t = a.html.contains("label") ? DOTFormat.htmlLabelText(raw)
                    : DOTFormat.labelText(raw, object: node.name, graph: document.name)
                if !t.isEmpty { name = t; keys["name"] = "label" }
            }
            if let name { actor.name = name }
            if actor.attributes["cluster"] == nil, let c = clusters[node.name] {
                actor.attributes["cluster"] = .string(c)
            }
            if usedDrawing { drawingNodes += 1 }
            positions.nodeKeys.append(keys)
            // The builder places a new kind's warning at the stored position: store that one.
            var fields: [String: SourcePosition] = [:]
            if !actor.kind.isEmpty, ActorKind.builtIn(actor.kind) == nil,
               !builder.actorKindDeclarations.contains(where: { $0.id == actor.kind }) {
                fields["kind"] = positions.node(builder.nodes.count, key: keys["kind"])
            }
            builder.nodes.append(ImportedNode(actor: actor, fields: fields))
        }
    }

    mutating func readEdges() {
        let ordered = document.edges.sorted { $0.sequence < $1.sequence }
        positions.edges = ordered.map { ($0.tail, $0.head) }
        for (j, edge) in ordered.enumerated() {
            let a = edge.attributes
            var fields: [String: String] = [:]
            let dir = a.values["dir"] ?? ""
            var r = Relation(kind: "", source: edge.tail, target: edge.head,
                             directed: document.directed && dir != "none" && dir != "both")
            var usedDrawing = false
            for key in a.values.keys.sorted() {
                guard let v = text(a, key) else { continue }
                let p = key
                switch key {
                case "kind": r.kind = v; fields["kind"] = p
                case "relation", "type":
                    if text(a, "kind") == nil, key == "relation" || text(a, "relation") == nil {
                        r.kind = v; fields["kind"] = p
                    } else {
                        r.attributes[key] = inferredAttribute(v); fields[key] = p
                    }
                case "sign":
                    fields["sign"] = p
                    if let s = Sign(text: v) { r.signOverride = s } else {
                        builder.error(positions.edge(j, key: p), "'\(v)' is not a sign", fix: "write positive, negative or unsigned")
                    }
                case "weight":
                    fields["weight"] = p
                    if let w = Double(v.trimmingCharacters(in: .whitespaces)), w.isFinite { r.weight = w } else {
                        builder.error(positions.edge(j, key: p), "the weight '\(v)' is not a number", fix: "write a positive number such as 2 or 0.5")
                    }
                case "id":
                    if v == "relation-\(j)" { drawing.insert("id"); usedDrawing = true } else { r.id = v; fields["id"] = p }
                case "since", "until":
                    fields[key] = p
                    switch PartialDate.parse(v) {
                    case .success(let d): if key == "since" { r.since = d } else { r.until = d }
                    case .failure(let why): builder.error(positions.edge(j, key: p), "'\(key)': \(why.message)", fix: "write YYYY, YYYY-MM or YYYY-MM-DD")
                    }
                case "confidence":
                    fields["confidence"] = p
                    if let c = Confidence(word: v) {
                        r.evidence.confidence = c
                    } else if let x = Double(v), x.isFinite {
                        r.evidence.confidence = .value(x)
                    } else {
                        builder.error(positions.edge(j, key: p), "the confidence '\(v)' is neither low, medium, high nor a number",
                                      fix: "write low, medium, high or a number from 0 to 1")
                    }
                case "cite": r.evidence.citations = FlatList.split(v).map { Citation(text: $0) }; fields["cite"] = p
                case "quote": r.evidence.quotes = FlatList.split(v); fields["quote"] = p
                case "claimed-by": r.evidence.claimedBy = FlatList.split(v); fields["claimed-by"] = p
                case "disputed-by": r.evidence.disputedBy = FlatList.split(v); fields["disputed-by"] = p
                case "note": r.note = v; fields["note"] = p
                case "dir": continue
                default:
                    if DOTFormat.isDrawing(key, node: false) {
                        drawing.insert(key)
                        usedDrawing = true
                        continue
                    }
                    let attribute = DOTFormat.attributeName(key, node: false)
                    r.attributes[attribute] = a.html.contains(key) ? .string(v) : inferredAttribute(v)
                    fields[attribute] = p
                }
            }
            if usedDrawing { drawingEdges += 1 }
            positions.edgeKeys.append(fields)
            builder.edges.append(ImportedEdge(relation: r))
        }
    }
}

/// Positions for a DOT file read by cgraph, found by ``DOTScanner`` only when something asks
/// for one (a diagnostic): a clean file is never scanned.
final class DOTPositions: @unchecked Sendable {
    let text: String
    private let lock = NSLock()
    private var scanned: DOTScanner?
    private var matched: [DOTScanner.ScannedEdge?]?
    private let nodeNames: [String]
    private let directed: Bool
    /// Per node and edge (file order): native field → the DOT attribute that gave it.
    var nodeKeys: [[String: String]] = []
    var edgeKeys: [[String: String]] = []
    /// Edges in file order.
    var edges: [(tail: String, head: String)] = []

    init(text: String, document: CGraphDocument) {
        self.text = text
        nodeNames = document.nodes.map(\.name)
        directed = document.directed
    }

    /// The scan (made on first use).
    var scan: DOTScanner {
        lock.lock()
        defer { lock.unlock() }
        return scanLocked()
    }

    private func scanLocked() -> DOTScanner {
        if let scanned { return scanned }
        let s = DOTScanner(text)
        scanned = s
        return s
    }

    /// Where the graph starts.
    var start: SourcePosition { scan.graphStart ?? SourcePosition(line: 1, column: 1) }

    /// Each edge's scanned statement: scanned edges by (tail, head), consumed in file order.
    private func matchedLocked() -> [DOTScanner.ScannedEdge?] {
        if let matched { return matched }
        let scan = scanLocked()
        var queues: [String: [Int]] = [:]
        for (k, e) in scan.edges.enumerated() { queues[e.tail + "\u{0}" + e.head, default: []].append(k) }
        var next: [String: Int] = [:]
        var out: [DOTScanner.ScannedEdge?] = []
        out.reserveCapacity(edges.count)
        for (t, h) in edges {
            var found: DOTScanner.ScannedEdge?
            for key in directed ? [t + "\u{0}" + h] : [t + "\u{0}" + h, h + "\u{0}" + t] {
                guard let q = queues[key], !q.isEmpty else { continue }
                let n = next[key, default: 0]
                next[key] = n + 1
                found = scan.edges[q[min(n, q.count - 1)]]
                break
            }
            out.append(found)
        }
        matched = out
        return out
    }

    /// Node `k`'s first mention, or where its DOT attribute `key` was written.
    func node(_ k: Int, key: String? = nil) -> SourcePosition {
        lock.lock()
        defer { lock.unlock() }
        let scan = scanLocked()
        let start = scan.graphStart ?? SourcePosition(line: 1, column: 1)
        guard k >= 0, k < nodeNames.count else { return start }
        let name = nodeNames[k]
        let position = scan.nodeFirst[name] ?? start
        guard let key else { return position }
        return scan.nodeKeys[name]?[key] ?? scan.nodeDefaultsAtFirst[name]?[key] ?? position
    }

    /// Edge `j`'s operator, or where its DOT attribute `key` was written (`source`/`target`: its ends).
    func edge(_ j: Int, key: String? = nil) -> SourcePosition {
        lock.lock()
        defer { lock.unlock() }
        let scan = scanLocked()
        let all = matchedLocked()
        let start = scan.graphStart ?? SourcePosition(line: 1, column: 1)
        guard j >= 0, j < edges.count else { return start }
        let scanned = all[j]
        let position = scanned?.position ?? scan.nodeFirst[edges[j].tail] ?? start
        switch key {
        case nil: return position
        case "source"?: return scanned?.tailPosition ?? position
        case "target"?: return scanned?.headPosition ?? position
        case let key?: return scanned?.keys[key] ?? position
        }
    }

    /// The builder's locations, by native field.
    func resolve(_ location: ImportBuilder.ImportLocation) -> SourcePosition? {
        switch location {
        case .node(let k, let field):
            let key = field.flatMap { k < nodeKeys.count ? nodeKeys[k][$0] : nil }
            return node(k, key: key)
        case .edge(let j, let field):
            if field == "source" || field == "target" { return edge(j, key: field) }
            let key = field.flatMap { j < edgeKeys.count ? edgeKeys[j][$0] : nil }
            return edge(j, key: key)
        }
    }
}
