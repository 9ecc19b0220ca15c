import ActorGraphModel
import Foundation

/// Pajek `.net` networks: read and write.
///
/// Reading: `*Network name` (title), `*Vertices N` with lines `i "label" …` (the label becomes the
/// actor id when labels are unique; otherwise the vertex number is the id and the label the name;
/// unlisted vertices get their number; after the label, coordinates, a shape and Pajek's drawing
/// parameters are dropped with one warning, and other `key value` pairs, as networkx writes node
/// data, are attributes), `*Arcs`/`*Edges` lines `i j [w] [l "kind"] …`,
/// `*Arcslist`/`*Edgeslist`. A negative weight is a negative tie of weight |w|. `*Matrix` is
/// reported as unsupported. Comments start with `%`; keywords are case-insensitive.
///
/// Writing keeps ids, relation kinds, signs (as the weight's sign), weights and directions only.
public enum PajekFormat {
    /// Reads Pajek text.
    /// - Complexity: O(n) in the text's length, plus building.
    public static func read(text: String, file: String) -> LoadedGraph {
        var builder = ImportBuilder(file: file)
        builder.createsMissingActors = false
        enum Section { case none, vertices, arcs, edges, arcslist, edgeslist, skip }
        var section = Section.none
        var vertexCount = 0
        /// The `*Vertices` line's count: where vertices that no line lists are placed.
        var verticesPosition = SourcePosition(line: 1, column: 1)
        var labels: [Int: (String, SourcePosition)] = [:]
        var warnedVertexExtras = false
        var vertexAttributes: [Int: [String: (AttributeValue, SourcePosition)]] = [:]
        struct RawEdge { var a: Int; var b: Int; var w: Double; var kind: String?; var directed: Bool; var pos: SourcePosition }
        var raw: [RawEdge] = []
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
        for (n, lineSub) in lines.enumerated() {
            let line = String(lineSub).trimmingCharacters(in: CharacterSet(charactersIn: "\r"))
            let tokens = tokenize(line)
            guard let first = tokens.first, !first.text.hasPrefix("%") || first.quoted else { continue }
            func pos(_ t: Token) -> SourcePosition { SourcePosition(line: n + 1, column: t.column) }
            if first.text.hasPrefix("*") && !first.quoted {
                let key = first.text.lowercased()
                switch key {
                case "*network":
                    builder.title = tokens.dropFirst().map(\.text).joined(separator: " ")
                    section = .none
                case "*vertices":
                    guard tokens.count >= 2, let c = Int(tokens[1].text), c >= 0, c <= 10_000_000 else {
                        builder.error(pos(tokens.count >= 2 ? tokens[1] : first), "'*Vertices' needs a vertex count", fix: "write '*Vertices N'")
                        section = .skip; continue
                    }
                    vertexCount = c; section = .vertices
                    verticesPosition = pos(tokens[1])
                case "*arcs": section = .arcs
                case "*edges": section = .edges
                case "*arcslist": section = .arcslist
                case "*edgeslist": section = .edgeslist
                case "*matrix":
                    builder.error(pos(first), "'*Matrix' sections are not supported", fix: "export the network with *Arcs/*Edges")
                    section = .skip
                default:
                    builder.warning(pos(first), "section '\(first.text)' is ignored")
                    section = .skip
                }
                continue
            }
            func vertex(_ t: Token) -> Int? {
                guard let v = Int(t.text) else {
                    builder.error(pos(t), "'\(t.text)' is not a vertex number", fix: "use a number from 1 to \(vertexCount)"); return nil
                }
                guard v >= 1, v <= vertexCount else {
                    builder.error(pos(t), "vertex \(v) is out of range 1…\(vertexCount)", fix: "use a number from 1 to \(vertexCount)"); return nil
                }
                return v
            }
            switch section {
            case .none:
                builder.error(pos(first), "line outside any section", fix: "start with '*Vertices N'")
            case .skip: continue
            case .vertices:
                guard let v = vertex(first) else { continue }
                if labels[v] != nil { builder.error(pos(first), "vertex \(v) is listed twice"); continue }
                let label = tokens.count >= 2 ? tokens[1].text : String(v)
                labels[v] = (label, pos(first))
                // After the label: up to three coordinates and a shape (drawing), then `key value`
                // pairs: Pajek's drawing parameters (ic, bc, …) are dropped, anything else (what
                // networkx writes for node data) is an attribute.
                var i = 2
                var drawing: Token?
                while i < tokens.count, i < 5, !tokens[i].quoted, Double(tokens[i].text) != nil { drawing = drawing ?? tokens[i]; i += 1 }
                if i < tokens.count, !tokens[i].quoted, vertexShapes.contains(tokens[i].text.lowercased()) { drawing = drawing ?? tokens[i]; i += 1 }
                var attributes: [String: (AttributeValue, SourcePosition)] = [:]
                while i < tokens.count {
                    let key = tokens[i]
                    guard i + 1 < tokens.count else {
                        builder.warning(pos(key), "'\(key.text)' has no value, so it is not kept", fix: "write vertex data as 'key value' pairs")
                        break
                    }
                    let value = tokens[i + 1]
                    if !key.quoted, vertexDrawingKeys.contains(key.text.lowercased()) {
                        drawing = drawing ?? key
                    } else if attributes[key.text] != nil || key.text.isEmpty {
                        builder.warning(pos(key), "vertex data '\(key.text)' is given twice or has no name; the first is kept")
                    } else {
                        attributes[key.text] = (value.quoted ? .string(value.text) : inferredAttribute(value.text), pos(key))
                    }
                    i += 2
                }
                if !attributes.isEmpty { vertexAttributes[v] = attributes }
                if let drawing, !warnedVertexExtras {
                    // One warning: networkx writes coordinates and a shape on every vertex line.
                    warnedVertexExtras = true
                    builder.warning(pos(drawing), "vertex coordinates, shapes and colours are drawing, not data: not kept (this line and any others)")
                }
            case .arcs, .edges:
                guard tokens.count >= 2 else { builder.error(pos(first), "an edge line needs two vertex numbers"); continue }
                let a = vertex(tokens[0]), b = vertex(tokens[1])
                var w = 1.0
                var kind: String?
                var i = 2
                if tokens.count > 2, !tokens[2].quoted, let x = Double(tokens[2].text) {
                    guard x.isFinite, x != 0 else { builder.error(pos(tokens[2]), "weight '\(tokens[2].text)' must be a finite non-zero number"); continue }
                    w = x; i = 3
                }
                while i + 1 < tokens.count {
                    if tokens[i].text.lowercased() == "l" && !tokens[i].quoted { kind = tokens[i + 1].text }
                    else { builder.warning(pos(tokens[i]), "edge attribute '\(tokens[i].text)' is not kept") }
                    i += 2
                }
                if let a, let b { raw.append(RawEdge(a: a, b: b, w: w, kind: kind, directed: section == .arcs, pos: pos(first))) }
            case .arcslist, .edgeslist:
                guard let a = vertex(first) else { continue }
                for t in tokens.dropFirst() {
                    if let b = vertex(t) { raw.append(RawEdge(a: a, b: b, w: 1, kind: nil, directed: section == .arcslist, pos: pos(t))) }
                }
            }
        }
        let unique = Set(labels.values.map(\.0)).count == labels.count
            && !labels.contains { v, l in Int(l.0).map { $0 != v && $0 >= 1 && $0 <= vertexCount && labels[$0] == nil } ?? false }
        func id(_ v: Int) -> String { unique ? (labels[v]?.0 ?? String(v)) : String(v) }
        if vertexCount > 0 {
            for v in 1...vertexCount {
                let label = labels[v]
                var actor = Actor(id: id(v), kind: "")
                if !unique, let label, label.0 != String(v) { actor.name = label.0 }
                var node = ImportedNode(actor: actor, position: label?.1 ?? verticesPosition)
                // Native names (kind, name, role, note, aliases) fill the fields, as in GraphML.
                let fields = (vertexAttributes[v] ?? [:]).sorted { $0.key < $1.key }
                    .map { TypedField(name: $0.key, value: $0.value.0, position: $0.value.1) }
                FieldMapping.apply(fields, to: &node, declared: Set(fields.map(\.name)), labelIsName: false, builder: &builder)
                builder.nodes.append(node)
            }
        }
        for e in raw {
            let rel = Relation(kind: e.kind ?? "", source: id(e.a), target: id(e.b), directed: e.directed, weight: e.w)
            builder.edges.append(ImportedEdge(relation: rel, position: e.pos))
        }
        return builder.build()
    }

    /// Writes Pajek text: `*Network`, `*Vertices`, then `*Arcs` (directed) and `*Edges`.
    /// - Complexity: O(actors + relations).
    public static func write(_ graph: ActorGraph) -> String {
        var out = ""
        if let title = graph.title { out += "*Network \(quote(title))\n" }
        out += "*Vertices \(graph.actors.count)\n"
        var index: [String: Int] = [:]
        for (k, a) in graph.actors.enumerated() { index[a.id] = k + 1; out += "\(k + 1) \(quote(a.id))\n" }
        // Relations in graph order; a new `*Arcs`/`*Edges` header whenever the direction changes.
        var current: Bool?
        for r in graph.relations {
            guard let a = index[r.source], let b = index[r.target] else { continue }
            if current != r.directed { out += r.directed ? "*Arcs\n" : "*Edges\n"; current = r.directed }
            let w = graph.sign(of: r) == .negative ? -r.weight : r.weight
            out += "\(a) \(b) \(AttributeValue.format(w)) l \(quote(r.kind))\n"
        }
        return out
    }

    struct Token { var text: String; var column: Int; var quoted: Bool }

    /// Pajek's vertex shapes, written after the coordinates.
    static let vertexShapes: Set<String> = ["ellipse", "box", "diamond", "triangle", "cross", "empty", "man", "woman"]
    /// Pajek's vertex drawing parameters (colours, sizes, label placement, fonts).
    static let vertexDrawingKeys: Set<String> = ["ic", "bc", "bw", "x_fact", "y_fact", "s_size", "phi", "r", "q", "lc", "la", "lr",
                                                 "lphi", "fos", "font"]

    static func quote(_ s: String) -> String {
        "\"" + s.replacingOccurrences(of: "\"", with: "'") + "\""
    }

    static func tokenize(_ line: String) -> [Token] {
        var tokens: [Token] = []
        let chars = Array(line)
        var i = 0
        while i < chars.count {
            if chars[i] == " " || chars[i] == "\t" { i += 1; continue }
            let start = i
            if chars[i] == "\"" {
                i += 1
                var s = ""
                while i < chars.count, chars[i] != "\"" { s.append(chars[i]); i += 1 }
                i += 1
                tokens.append(Token(text: s, column: start + 1, quoted: true))
            } else {
                var s = ""
                while i < chars.count, chars[i] != " ", chars[i] != "\t" { s.append(chars[i]); i += 1 }
                tokens.append(Token(text: s, column: start + 1, quoted: false))
            }
        }
        return tokens
    }
}
