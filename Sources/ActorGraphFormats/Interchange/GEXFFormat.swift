import ActorGraphModel
import Foundation

/// GEXF, Gephi's format: writes 1.3, reads 1.1draft, 1.2draft and 1.3.
///
/// Reading:
/// - `<meta>`: `<title>` and `<description>` give the graph's title and description.
/// - `<attributes class="node|edge">` declare attribute ids, titles and types; `<default>`s
///   apply. Values go by title: the native field names (and `description` for `note`, `relation`
///   for `kind`) fill the fields, anything else becomes a free attribute of the declared type
///   (numbers, truth values, text); a value not of its type is an error at the `<attvalue>`.
/// - A node's `id` is the actor id, its `label` the name (unless a `name` value is given).
/// - An edge's `id` is the relation id unless a value `id` is given or it looks made up by a tool
///   (`0`, `12`, `e0`); `label` (or the 1.3 `kind`) is the kind when no `kind` value is given;
///   `weight` the weight; `type` (`directed`, `undirected`, `mutual` = undirected) or the
///   graph's `defaultedgetype` the direction; the edge's `start`/`end` or first `<spell>` give
///   `since`/`until` when no `since`/`until` value is given (a date's first 10 characters, when
///   they form a date); a boolean value `directed` (what the writer adds to graphs with both
///   directions) the direction.
/// - `viz:` colours, positions, sizes, shapes and thicknesses are ignored with one warning; so are
///   node time spans, hierarchies (`pid`, `<parents>`) and time-varying attribute values (the
///   first value is kept).
///
/// What GEXF cannot hold (it has no place for graph-level data besides `<meta>`): a source's
/// details (a cited source comes back with its id as title; an uncited one is lost) and kind
/// declarations (labels, styles, unused kinds; a kind comes back declared by its first use, with
/// that relation's sign and direction).
public enum GEXFFormat {
    static let namespace = "http://gexf.net/1.3"
    static let vizNamespace = "http://gexf.net/1.3/viz"

    /// Reads GEXF into a validated graph.
    ///
    /// - Parameters:
    ///   - data: The file's bytes (UTF-8).
    ///   - file: The name diagnostics print.
    /// - Returns: The graph and every diagnostic, positioned at the element at fault.
    /// - Complexity: O(size of the file) plus validation.
    public static func read(data: Data, file: String) -> LoadedGraph {
        let root: XMLTreeElement
        switch XMLTree.parse(data: data, file: file, format: "GEXF", hint: "every <node>, <edge> and <attvalues>") {
        case .failure(let d): return ImportBuilder.failure(d)
        case .success(let r): root = r
        }
        var reader = Reader(builder: ImportBuilder(file: file))
        reader.read(root)
        return reader.builder.build()
    }

    private struct Attribute {
        var id: String
        var title: String
        var type: DeclaredType
        var defaultValue: AttributeValue?
        var position: SourcePosition
    }

    private struct Reader {
        var builder: ImportBuilder
        var vizWarned = false
        var ignoredWarned: Set<String> = []

        mutating func warnOnce(_ what: String, _ position: SourcePosition, _ message: String) {
            guard ignoredWarned.insert(what).inserted else { return }
            builder.warning(position, message)
        }

        mutating func warnViz(_ position: SourcePosition) {
            guard !vizWarned else { return }
            vizWarned = true
            builder.warning(position, "GEXF visual data (viz: colours, positions, sizes, shapes) are ignored")
        }

        mutating func read(_ root: XMLTreeElement) {
            guard root.localName == "gexf" else {
                builder.error(root.position, "this is not GEXF: the root element is <\(root.name)>, not <gexf>",
                              fix: "export the graph as GEXF, or pick the reader for this format")
                return
            }
            if let meta = root.children("meta").first {
                for m in meta.children {
                    switch m.localName {
                    case "title": builder.title = m.text
                    case "description": builder.description = m.text
                    case "creator":
                        // Our own colours come from the theme, which the next render applies
                        // again: nothing is lost, so nothing to warn about.
                        if m.text == "ActorGraph" { vizWarned = true }
                    default: break // keywords: about the file, not the graph
                    }
                }
            }
            let graphs = root.children("graph")
            guard let graph = graphs.first else {
                builder.error(root.position, "the GEXF file holds no <graph>", fix: "export the graph again")
                return
            }
            for extra in graphs.dropFirst() {
                builder.error(extra.position, "a second <graph>: ActorGraph reads one graph per file", fix: "split the file")
            }
            readGraph(graph)
        }

        mutating func readAttributes(_ e: XMLTreeElement, into table: inout [String: Attribute]) {
            for a in e.children("attribute") {
                guard let id = a.attributes["id"] else {
                    builder.error(a.position, "an <attribute> without an id", fix: "give it an id=\"…\"")
                    continue
                }
                if let first = table[id] {
                    builder.error(a.position(of: "id"), "attribute id '\(id)' is declared twice (first at line \(first.position.line))",
                                  fix: "give each attribute its own id")
                    continue
                }
                let typeName = a.attributes["type"] ?? "string"
                var type = DeclaredType.string
                if let t = DeclaredType(xmlName: typeName) { type = t } else {
                    builder.error(a.position(of: "type"), "attribute '\(id)' has the unknown type '\(typeName)'",
                                  fix: "use string, integer, long, float, double or boolean")
                }
                var attribute = Attribute(id: id, title: a.attributes["title"] ?? id, type: type, position: a.position)
                if let d = a.children("default").first {
                    if let v = type.value(d.text) { attribute.defaultValue = v } else {
                        builder.error(d.position, "the default '\(d.text)' of attribute '\(attribute.title)' is not \(type.word)",
                                      fix: "write a value of the attribute's type")
                    }
                }
                table[id] = attribute
            }
        }

        mutating func readGraph(_ graph: XMLTreeElement) {
            var nodeAttributes: [String: Attribute] = [:], edgeAttributes: [String: Attribute] = [:]
            for a in graph.children("attributes") {
                switch a.attributes["class"] ?? "" {
                case "node": readAttributes(a, into: &nodeAttributes)
                case "edge": readAttributes(a, into: &edgeAttributes)
                default:
                    builder.warning(a.position, "attributes of class '\(a.attributes["class"] ?? "")' are ignored")
                }
            }
            var defaultDirected = false
            let defaultType = graph.attributes["defaultedgetype"] ?? "undirected"
            switch defaultType {
            case "directed": defaultDirected = true
            case "undirected", "mutual", "mixed": defaultDirected = false
            default:
                builder.error(graph.position(of: "defaultedgetype"), "defaultedgetype '\(defaultType)' is not directed, undirected or mutual",
                              fix: "write defaultedgetype=\"directed\" or \"undirected\"")
            }
            let nodeTitles = Set(nodeAttributes.values.map(\.title))
            let edgeTitles = Set(edgeAttributes.values.map(\.title))
            for child in graph.children {
                switch child.localName {
                case "attributes": continue
                case "nodes":
                    for n in child.children {
                        if n.localName == "node" { readNode(n, attributes: nodeAttributes, declared: nodeTitles) } else {
                            builder.warning(n.position, "<\(n.name)> inside <nodes> is ignored")
                        }
                    }
                case "edges":
                    for e in child.children {
                        if e.localName == "edge" {
                            readEdge(e, attributes: edgeAttributes, declared: edgeTitles, defaultDirected: defaultDirected)
                        } else {
                            builder.warning(e.position, "<\(e.name)> inside <edges> is ignored")
                        }
                    }
                default:
                    builder.warning(child.position, "<\(child.name)> inside <graph> is ignored")
                }
            }
        }

        /// The typed values of an element's `<attvalues>`, then the defaults it does not override.
        mutating func values(_ e: XMLTreeElement, attributes: [String: Attribute]) -> [TypedField] {
            var out: [TypedField] = []
            var used = Set<String>()
            for group in e.children("attvalues") {
                for v in group.children("attvalue") {
                    let ref = v.attributes["for"] ?? v.attributes["id"] ?? ""
                    guard let a = attributes[ref] else {
                        builder.error(v.position, "attvalue for '\(ref)', which no <attribute> declares",
                                      fix: "declare it under <attributes class=\"\(e.localName)\">")
                        continue
                    }
                    if used.contains(ref) {
                        warnOnce("dynamic", v.position, "an attribute with several values over time keeps its first value")
                        continue
                    }
                    used.insert(ref)
                    let text = v.attributes["value"] ?? ""
                    guard let value = a.type.value(text) else {
                        builder.error(v.position(of: "value"), "'\(text.prefix(80))' is not \(a.type.word), as attribute '\(a.title)' (line \(a.position.line)) declares",
                                      fix: "write a value of the attribute's type, or declare it as string")
                        continue
                    }
                    out.append(TypedField(name: a.title, value: value, position: v.position))
                }
            }
            for a in attributes.values.sorted(by: { $0.position != $1.position ? $0.position < $1.position : $0.id < $1.id }) where !used.contains(a.id) {
                if let d = a.defaultValue { out.append(TypedField(name: a.title, value: d, position: e.position)) }
            }
            return out
        }

        mutating func noteIgnored(_ e: XMLTreeElement) {
            for c in e.children where c.isPrefixed { warnViz(c.position) }
        }

        mutating func readNode(_ e: XMLTreeElement, attributes: [String: Attribute], declared: Set<String>) {
            guard let id = e.attributes["id"] else {
                builder.error(e.position, "a <node> without an id", fix: "give every node an id=\"…\"")
                return
            }
            noteIgnored(e)
            if e.children("nodes").first != nil {
                builder.error(e.position, "nested nodes (a hierarchy) are not supported", fix: "flatten the graph")
            }
            if e.attributes["pid"] != nil || e.children("parents").first != nil {
                warnOnce("hierarchy", e.position, "node hierarchies (pid, parents) are ignored")
            }
            if e.attributes["start"] != nil || e.attributes["end"] != nil || e.children("spells").first != nil {
                warnOnce("node-time", e.position, "node time spans are ignored: in ActorGraph only relations have dates")
            }
            var node = ImportedNode(actor: Actor(id: id, kind: ""), position: e.position)
            if let label = e.attributes["label"] {
                node.actor.name = label
                node.fields["name"] = e.position(of: "label")
            }
            let fields = values(e, attributes: attributes)
            FieldMapping.apply(fields, to: &node, declared: declared, labelIsName: false, builder: &builder)
            builder.nodes.append(node)
        }

        /// A GEXF time as a partial date: `2009-06-01`, `2009-06-01T12:00:00` → 2009-06-01.
        static func date(_ text: String) -> PartialDate? {
            if let d = PartialDate(text) { return d }
            return text.count > 10 ? PartialDate(String(text.prefix(10))) : nil
        }

        mutating func readEdge(_ e: XMLTreeElement, attributes: [String: Attribute], declared: Set<String>, defaultDirected: Bool) {
            let source = e.attributes["source"], target = e.attributes["target"]
            if source == nil || target == nil {
                builder.error(e.position, "an <edge> without a \(source == nil ? "source" : "target")",
                              fix: "give every edge source=\"…\" and target=\"…\" node ids")
                return
            }
            noteIgnored(e)
            var directed = defaultDirected
            if let t = e.attributes["type"] {
                switch t {
                case "directed": directed = true
                case "undirected", "mutual": directed = false
                default:
                    builder.error(e.position(of: "type"), "edge type '\(t)' is not directed, undirected or mutual",
                                  fix: "write type=\"directed\" or \"undirected\"")
                }
            }
            var edge = ImportedEdge(relation: Relation(kind: "", source: source ?? "", target: target ?? "", directed: directed),
                                    position: e.position,
                                    fields: ["source": e.position(of: "source"), "target": e.position(of: "target")])
            if let id = e.attributes["id"], !FieldMapping.looksGenerated(id) {
                edge.relation.id = id
                edge.fields["id"] = e.position(of: "id")
            }
            if let w = e.attributes["weight"] {
                if let x = Double(w.trimmingCharacters(in: .whitespaces)), x.isFinite {
                    edge.relation.weight = x
                    edge.fields["weight"] = e.position(of: "weight")
                } else {
                    builder.error(e.position(of: "weight"), "weight '\(w)' is not a number", fix: "write a positive number such as 1 or 2.5")
                }
            }
            if let kind = e.attributes["kind"] ?? e.attributes["label"] {
                edge.relation.kind = kind
                edge.fields["kind"] = e.position(of: e.attributes["kind"] != nil ? "kind" : "label")
            }
            // Time: the edge's start/end, else its first spell.
            var start = e.attributes["start"], end = e.attributes["end"]
            var timePosition = e.position
            if start == nil, end == nil, let spells = e.children("spells").first {
                let all = spells.children("spell")
                if let first = all.first {
                    start = first.attributes["start"]
                    end = first.attributes["end"]
                    timePosition = first.position
                }
                if all.count > 1 {
                    warnOnce("spells", all[1].position, "a relation has one time span: only the first <spell> of an edge is kept")
                }
            }
            var fields = values(e, attributes: attributes)
            // A `directed` value (what we write for graphs with both directions, since networkx
            // refuses per-edge types) sets the direction.
            if let k = fields.firstIndex(where: { $0.name == "directed" }) {
                switch fields[k].value {
                case .bool(let b): edge.relation.directed = b; fields.remove(at: k)
                case .string(let t) where t == "true" || t == "false": edge.relation.directed = t == "true"; fields.remove(at: k)
                default: break
                }
            }
            var extra: [TypedField] = []
            if let start {
                if let d = Self.date(start) { edge.relation.since = d; edge.fields["since"] = timePosition } else {
                    extra.append(TypedField(name: "start", value: .string(start), position: timePosition))
                }
            }
            if let end {
                if let d = Self.date(end) { edge.relation.until = d; edge.fields["until"] = timePosition } else {
                    extra.append(TypedField(name: "end", value: .string(end), position: timePosition))
                }
            }
            FieldMapping.apply(extra + fields, to: &edge, declared: declared, labelIsKind: false, builder: &builder)
            builder.edges.append(edge)
        }
    }

    // MARK: Writing

    /// Writes GEXF 1.3 for Gephi (and networkx's `read_gexf(…, version="1.3")`).
    ///
    /// `<meta>` holds the creator (`ActorGraph`), the title and the description (no modification
    /// date, so the bytes are deterministic). The graph's `defaultedgetype` is `directed` when any
    /// relation is; when relations of both directions occur, each edge carries a boolean value
    /// `directed` instead of its own `type` (networkx refuses per-edge types; Gephi then draws
    /// every edge with an arrow, and the value gives the direction back). `mode="dynamic"
    /// timeformat="date"` when any relation has a date. Node attributes: `kind`, `aliases`,
    /// `role`, `note`, then free attributes by name (one column per type in use: `string`,
    /// `double`, `boolean`); nodes carry `label` = name and a `viz:color` from
    /// `style.actorColors`. Edge attributes: `id` (for made-up-looking relation ids only: the
    /// edge's `id` is the relation's), `kind`, `sign` (always: the relation's effective sign, so
    /// that undeclared kinds come back with their sign), `since`, `until` (the exact partial
    /// dates), `cite`, `claimed-by`, `disputed-by`, `confidence`, `note`, then free attributes;
    /// edges carry `label` = kind, `weight`, `start`/`end` (the dates widened to whole days, for
    /// Gephi's timeline: since 2009-06 → 2009-06-01, until 2010-01 → 2010-01-31) and a
    /// `viz:color` from `style.relationColors`. Lists are joined by `|`.
    ///
    /// - Complexity: O(actors + relations + attributes), plus sorting attribute names.
    public static func write(_ graph: ActorGraph, style: ExportStyle = ExportStyle()) -> String {
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<gexf xmlns=\"\(namespace)\" xmlns:viz=\"\(vizNamespace)\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
            + "xsi:schemaLocation=\"\(namespace) \(namespace)/gexf.xsd\" version=\"1.3\">\n"
        out += "  <meta>\n    <creator>ActorGraph</creator>\n"
        if let t = graph.title { out += "    <title>\(XMLTree.escapeText(t))</title>\n" }
        if let d = graph.description { out += "    <description>\(XMLTree.escapeText(d))</description>\n" }
        out += "  </meta>\n"
        let actors = graph.actors, relations = graph.relations
        let anyDirected = relations.contains { $0.directed }
        let mixed = anyDirected && relations.contains { !$0.directed }
        let dynamic = relations.contains { $0.since != nil || $0.until != nil }
        out += "  <graph defaultedgetype=\"\(anyDirected ? "directed" : "undirected")\" mode=\"\(dynamic ? "dynamic" : "static")\""
            + (dynamic ? " timeformat=\"date\"" : "") + ">\n"

        var next = 0
        var declarations = ""
        func attribute(_ title: String, _ type: String) -> String {
            let id = "\(next)"
            next += 1
            declarations += "      <attribute id=\"\(id)\" title=\"\(XMLTree.escapeAttribute(title))\" type=\"\(type)\"/>\n"
            return id
        }
        func typeName(_ t: DeclaredType) -> String { t == .string ? "string" : (t == .real ? "double" : "boolean") }
        func flush(_ cls: String) {
            guard !declarations.isEmpty else { return }
            out += "    <attributes class=\"\(cls)\">\n" + declarations + "    </attributes>\n"
            declarations = ""
        }

        let actorAttributeNames = Set(actors.flatMap(\.attributes.keys))
        let nKind = attribute("kind", "string")
        let nAliases = actors.contains { !$0.aliases.isEmpty } ? attribute("aliases", "string") : nil
        let nRole = actors.contains { $0.role != nil } ? attribute("role", "string") : nil
        let nNote = actors.contains { $0.note != nil } || actorAttributeNames.contains("description") ? attribute("note", "string") : nil
        let nName = actorAttributeNames.contains("label") ? attribute("name", "string") : nil
        let nColumns = FieldMapping.attributeColumns(actors.map(\.attributes)).map { ($0, attribute($0.name, typeName($0.type))) }
        flush("node")

        let relationAttributeNames = Set(relations.flatMap(\.attributes.keys))
        let elementIDs = FieldMapping.elementIDs(relations)
        let eDirected = mixed ? attribute("directed", "boolean") : nil
        let eID = relations.contains { $0.id.map(FieldMapping.looksGenerated) == true } ? attribute("id", "string") : nil
        let eKind = attribute("kind", "string")
        let eSign = attribute("sign", "string")
        let eSince = relations.contains { $0.since != nil } ? attribute("since", "string") : nil
        let eUntil = relations.contains { $0.until != nil } ? attribute("until", "string") : nil
        let eCite = relations.contains { !$0.evidence.citations.isEmpty } ? attribute("cite", "string") : nil
        let eQuote = relations.contains { !$0.evidence.quotes.isEmpty } ? attribute("quote", "string") : nil
        let eClaimed = relations.contains { !$0.evidence.claimedBy.isEmpty } ? attribute("claimed-by", "string") : nil
        let eDisputed = relations.contains { !$0.evidence.disputedBy.isEmpty } ? attribute("disputed-by", "string") : nil
        let eConfidence = relations.contains { $0.evidence.confidence != nil } ? attribute("confidence", "string") : nil
        let eNote = relations.contains { $0.note != nil } || relationAttributeNames.contains("description") ? attribute("note", "string") : nil
        let eColumns = FieldMapping.attributeColumns(relations.map(\.attributes)).map { ($0, attribute($0.name, typeName($0.type))) }
        flush("edge")

        var values: [(String, String)] = []
        func value(_ id: String?, _ text: String?) {
            guard let id, let text else { return }
            values.append((id, text))
        }
        func flushValues(_ indent: String) {
            guard !values.isEmpty else { return }
            out += "\(indent)<attvalues>\n"
            for (id, text) in values {
                out += "\(indent)  <attvalue for=\"\(id)\" value=\"\(XMLTree.escapeAttribute(text))\"/>\n"
            }
            out += "\(indent)</attvalues>\n"
            values = []
        }
        func color(_ hex: String?, _ indent: String) {
            guard let hex, let (r, g, b) = rgb(hex) else { return }
            out += "\(indent)<viz:color r=\"\(r)\" g=\"\(g)\" b=\"\(b)\"/>\n"
        }

        out += "    <nodes>\n"
        for a in actors {
            out += "      <node id=\"\(XMLTree.escapeAttribute(a.id))\" label=\"\(XMLTree.escapeAttribute(a.name))\">\n"
            value(nKind, a.kind)
            value(nAliases, a.aliases.isEmpty ? nil : FlatList.join(a.aliases))
            value(nRole, a.role)
            value(nNote, a.note)
            value(nName, a.name)
            for (column, id) in nColumns {
                if let v = a.attributes[column.name], FieldMapping.matches(v, column.type) { value(id, v.description) }
            }
            flushValues("        ")
            color(style.actorColors[a.id], "        ")
            out += "      </node>\n"
        }
        out += "    </nodes>\n    <edges>\n"
        for (j, r) in relations.enumerated() {
            var tag = "      <edge id=\"\(XMLTree.escapeAttribute(elementIDs[j]))\" source=\"\(XMLTree.escapeAttribute(r.source))\" target=\"\(XMLTree.escapeAttribute(r.target))\""
            tag += " label=\"\(XMLTree.escapeAttribute(r.kind))\" weight=\"\(AttributeValue.format(r.weight))\""
            if let s = r.since { tag += " start=\"\(s.firstDay)\"" }
            if let u = r.until { tag += " end=\"\(u.lastDay)\"" }
            out += tag + ">\n"
            value(eDirected, r.directed ? "true" : "false")
            value(eID, r.id.flatMap { FieldMapping.looksGenerated($0) ? $0 : nil })
            value(eKind, r.kind)
            value(eSign, graph.sign(of: r).rawValue)
            value(eSince, r.since?.description)
            value(eUntil, r.until?.description)
            value(eCite, r.evidence.citations.isEmpty ? nil : FlatList.join(r.evidence.citations.map(\.description)))
            value(eQuote, r.evidence.quotes.isEmpty ? nil : FlatList.join(r.evidence.quotes))
            value(eClaimed, r.evidence.claimedBy.isEmpty ? nil : FlatList.join(r.evidence.claimedBy))
            value(eDisputed, r.evidence.disputedBy.isEmpty ? nil : FlatList.join(r.evidence.disputedBy))
            value(eConfidence, r.evidence.confidence?.description)
            value(eNote, r.note)
            for (column, id) in eColumns {
                if let v = r.attributes[column.name], FieldMapping.matches(v, column.type) { value(id, v.description) }
            }
            flushValues("        ")
            color(j < style.relationColors.count ? style.relationColors[j] : nil, "        ")
            out += "      </edge>\n"
        }
        out += "    </edges>\n  </graph>\n</gexf>\n"
        return out
    }

    /// `#rrggbb` (or `rrggbb`) as three integers, or nil.
    static func rgb(_ hex: String) -> (Int, Int, Int)? {
        var h = Substring(hex)
        if h.hasPrefix("#") { h = h.dropFirst() }
        guard h.count == 6, let v = Int(h, radix: 16) else { return nil }
        return ((v >> 16) & 0xFF, (v >> 8) & 0xFF, v & 0xFF)
    }
}
