import ActorGraphModel
import Foundation

/// GraphML, as networkx, igraph, yEd and Gephi write it.
///
/// Reading:
/// - A `<node>`'s `id` is the actor id. Its data go by their key's `attr.name` (or the key id
///   when the key has none): `name` (or `label`, when no key is named `name`), `kind`, `aliases`
///   (joined by `|`), `role`, `note` (or `description`, when no key is named `note`) fill the
///   actor's fields; anything else is a free attribute of the key's type. `type` is *not* read
///   as the kind (igraph uses it for bipartite graphs): it stays an attribute.
/// - An `<edge>`'s data fill `id`, `kind` (or `relation`; or a `label`/`Edge Label`, or yEd's
///   edge label, when no key is named `kind` or `relation`), `sign`, `weight`, `since`, `until`,
///   `cite`, `claimed-by`, `disputed-by` (lists joined by `|`), `confidence`, `note` (or
///   `description`); anything else is an attribute. The edge element's own `id` becomes the
///   relation id unless a data `id` is given or it looks made up by a tool (`0`, `12`, `e0`).
/// - Typed keys: `int`/`long`/`float`/`double` give numbers, `boolean` truth values, `string`
///   text; a value not of its key's type is an error at the `<data>`. `<default>`s apply.
/// - The graph's `edgedefault` gives each edge's direction; an edge's `directed` overrides it;
///   a known kind's direction wins (see `ImportBuilder`).
/// - Graph data: `title` (or `name`/`label`), `description`, and `actorgraph` (native JSON with
///   sources and kind declarations, as this writer puts it). Other graph data are reported and
///   not kept.
/// - yEd: a node's `<y:NodeLabel>` text is its name when no name is given, an edge's
///   `<y:EdgeLabel>` text its kind when no kind is given; shapes, geometry and colours are
///   ignored with one warning. Gephi's `r`, `g`, `b`, `x`, `y`, `size` keys are ordinary data and
///   become number attributes.
/// - Hyperedges and nested graphs are errors; ports are ignored with a warning.
///
/// Writing gives a file every GraphML reader takes (see ``write(_:)``); reading it back gives the
/// same graph: GraphML loses nothing.
public enum GraphMLFormat {
    static let namespace = "http://graphml.graphdrawing.org/xmlns"

    /// Reads GraphML into a validated graph.
    ///
    /// - Parameters:
    ///   - data: The file's bytes (UTF-8).
    ///   - file: The name diagnostics print.
    /// - Returns: The graph and every diagnostic, positioned at the element or `<data>` at fault.
    /// - Complexity: O(size of the file) plus validation.
    public static func read(data: Data, file: String) -> LoadedGraph {
        let root: XMLTreeElement
        switch XMLTree.parse(data: data, file: file, format: "GraphML", hint: "every <node>, <edge> and <data>") {
        case .failure(let d): return ImportBuilder.failure(d)
        case .success(let r): root = r
        }
        var reader = Reader(builder: ImportBuilder(file: file))
        reader.read(root)
        return reader.builder.build()
    }

    private struct Key {
        var id: String
        var domain: String
        var name: String
        var type: DeclaredType
        var yfiles: String?
        var defaultValue: AttributeValue?
        var position: SourcePosition
    }

    private struct Reader {
        var builder: ImportBuilder
        var keys: [String: Key] = [:]
        var graphicsWarned = false
        var portsWarned = false

        mutating func warnGraphics(_ position: SourcePosition) {
            guard !graphicsWarned else { return }
            graphicsWarned = true
            builder.warning(position, "yEd graphics (shapes, geometry, colours) are ignored; node and edge labels are kept as names and kinds")
        }

        mutating func read(_ root: XMLTreeElement) {
            guard root.localName == "graphml" else {
                builder.error(root.position, "this is not GraphML: the root element is <\(root.name)>, not <graphml>",
                              fix: "export the graph as GraphML, or pick the reader for this format")
                return
            }
            for k in root.children("key") { readKey(k) }
            let graphs = root.children("graph")
            guard let graph = graphs.first else {
                builder.error(root.position, "the GraphML file holds no <graph>", fix: "export the graph again")
                return
            }
            for extra in graphs.dropFirst() {
                builder.error(extra.position, "a second <graph>: ActorGraph reads one graph per file",
                              fix: "split the file into one file per graph")
            }
            readGraph(graph)
            for child in root.children where !["key", "graph", "desc"].contains(child.localName) {
                if child.localName == "data", let key = keys[child.attributes["key"] ?? ""], key.yfiles != nil {
                    warnGraphics(child.position) // yEd's <y:Resources>
                } else {
                    builder.warning(child.position, "<\(child.name)> under <graphml> is ignored")
                }
            }
        }

        mutating func readKey(_ e: XMLTreeElement) {
            guard let id = e.attributes["id"] else {
                builder.error(e.position, "a <key> without an id", fix: "give the key an id=\"…\"")
                return
            }
            if let first = keys[id] {
                builder.error(e.position(of: "id"), "key '\(id)' is declared twice (first at line \(first.position.line))",
                              fix: "give each key its own id")
                return
            }
            let typeName = e.attributes["attr.type"] ?? "string"
            var type = DeclaredType.string
            if let t = DeclaredType(xmlName: typeName) { type = t } else {
                builder.error(e.position(of: "attr.type"), "key '\(id)' has the unknown type '\(typeName)'",
                              fix: "use boolean, int, long, float, double or string")
            }
            var key = Key(id: id, domain: e.attributes["for"] ?? "all", name: e.attributes["attr.name"] ?? id, type: type,
                          yfiles: e.attributes["yfiles.type"], position: e.position)
            if let d = e.children("default").first {
                if let v = type.value(d.text) { key.defaultValue = v } else {
                    builder.error(d.position, "the default '\(d.text)' of key '\(key.name)' is not \(type.word)",
                                  fix: "write a value of the key's attr.type")
                }
            }
            keys[id] = key
        }

        func keys(for domain: String) -> [Key] {
            keys.values.filter { $0.domain == domain || $0.domain == "all" }
                .sorted { $0.position != $1.position ? $0.position < $1.position : $0.id < $1.id }
        }

        mutating func readGraph(_ graph: XMLTreeElement) {
            let edgeDefault = graph.attributes["edgedefault"] ?? "undirected"
            var defaultDirected = false
            switch edgeDefault {
            case "directed": defaultDirected = true
            case "undirected": defaultDirected = false
            default:
                builder.error(graph.position(of: "edgedefault"), "edgedefault '\(edgeDefault)' is neither directed nor undirected",
                              fix: "write edgedefault=\"directed\" or \"undirected\"")
            }
            let nodeKeys = keys(for: "node"), edgeKeys = keys(for: "edge")
            let nodeNames = Set(nodeKeys.filter { $0.yfiles == nil }.map(\.name))
            let edgeNames = Set(edgeKeys.filter { $0.yfiles == nil }.map(\.name))
            var titleDeclared = false
            for k in keys(for: "graph") where k.name == "title" { titleDeclared = true }
            for child in graph.children {
                switch child.localName {
                case "node": readNode(child, keys: nodeKeys, declared: nodeNames)
                case "edge": readEdge(child, keys: edgeKeys, declared: edgeNames, defaultDirected: defaultDirected)
                case "data": readGraphData(child, titleDeclared: titleDeclared)
                case "desc":
                    if builder.description == nil { builder.description = child.text }
                case "hyperedge":
                    builder.error(child.position, "hyperedges are not supported: a relation joins two actors",
                                  fix: "replace the hyperedge by one edge per pair of its endpoints")
                default:
                    builder.warning(child.position, "<\(child.name)> inside <graph> is ignored")
                }
            }
        }

        mutating func readGraphData(_ e: XMLTreeElement, titleDeclared: Bool) {
            guard let keyID = e.attributes["key"], let key = keys[keyID] else {
                builder.warning(e.position, "graph data with the undeclared key '\(e.attributes["key"] ?? "")' is ignored")
                return
            }
            if key.yfiles != nil { warnGraphics(e.position); return }
            // yEd calls its graph key "Description".
            switch key.name == "Description" || key.name == "Title" ? key.name.lowercased() : key.name {
            case "title": builder.title = e.text
            case "name" where !titleDeclared, "label" where !titleDeclared: builder.title = e.text
            case "description": builder.description = e.text
            case "actorgraph": NativeMetadata.read(e.text, at: e.position, into: &builder)
            default:
                builder.warning(e.position, "graph data '\(key.name)' is not kept: an ActorGraph graph has only a title, a description, sources and kinds")
            }
        }

        /// The typed values of an element's `<data>`, then the defaults of keys it does not use.
        mutating func values(_ e: XMLTreeElement, keys domainKeys: [Key], yEdLabel: String,
                             label: inout String?) -> [TypedField] {
            var out: [TypedField] = []
            var used = Set<String>()
            for d in e.children {
                switch d.localName {
                case "data":
                    let keyID = d.attributes["key"] ?? ""
                    guard let key = keys[keyID] else {
                        builder.warning(d.position(of: "key"), "no <key> declares '\(keyID)'; its data are kept as a text attribute named '\(keyID)'",
                                        fix: "declare the key, with its attr.name and attr.type")
                        if !keyID.isEmpty { out.append(TypedField(name: keyID, value: .string(d.text), position: d.position)) }
                        continue
                    }
                    used.insert(keyID)
                    if key.yfiles != nil {
                        warnGraphics(d.position)
                        if label == nil, let text = XMLTreeSearch.firstText(in: d, local: yEdLabel) { label = text }
                        continue
                    }
                    guard let v = key.type.value(d.text) else {
                        builder.error(d.position, "'\(d.text.prefix(80))' is not \(key.type.word), as key '\(key.name)' (line \(key.position.line)) declares",
                                      fix: "write a value of the key's attr.type, or declare the key as string")
                        continue
                    }
                    out.append(TypedField(name: key.name, value: v, position: d.position))
                case "port":
                    if !portsWarned {
                        portsWarned = true
                        builder.warning(d.position, "ports are ignored: relations join actors, not their ports")
                    }
                case "graph":
                    builder.error(d.position, "nested graphs are not supported", fix: "flatten the graph (one level of nodes)")
                case "desc":
                    continue
                default:
                    builder.warning(d.position, "<\(d.name)> inside <\(e.name)> is ignored")
                }
            }
            for k in domainKeys where k.yfiles == nil && !used.contains(k.id) {
                if let v = k.defaultValue { out.append(TypedField(name: k.name, value: v, position: e.position)) }
            }
            return out
        }

        mutating func readNode(_ e: XMLTreeElement, keys: [Key], declared: Set<String>) {
            guard let id = e.attributes["id"] else {
                builder.error(e.position, "a <node> without an id", fix: "give every node an id=\"…\"")
                return
            }
            var label: String?
            let fields = values(e, keys: keys, yEdLabel: "NodeLabel", label: &label)
            var node = ImportedNode(actor: Actor(id: id, kind: ""), position: e.position)
            FieldMapping.apply(fields, to: &node, declared: declared, labelIsName: true, builder: &builder)
            if let label, !fields.contains(where: { FieldMapping.actorField($0.name, declared: declared, labelIsName: true) == "name" }) {
                node.actor.name = label
            }
            builder.nodes.append(node)
        }

        mutating func readEdge(_ e: XMLTreeElement, keys: [Key], declared: Set<String>, defaultDirected: Bool) {
            let source = e.attributes["source"], target = e.attributes["target"]
            if source == nil || target == nil {
                builder.error(e.position, "an <edge> without a \(source == nil ? "source" : "target")",
                              fix: "give every edge source=\"…\" and target=\"…\" node ids")
                return
            }
            var directed = defaultDirected
            if let d = e.attributes["directed"] {
                switch d {
                case "true": directed = true
                case "false": directed = false
                default:
                    builder.error(e.position(of: "directed"), "directed='\(d)' is neither true nor false", fix: "write directed=\"true\" or \"false\"")
                }
            }
            if e.attributes["sourceport"] != nil || e.attributes["targetport"] != nil, !portsWarned {
                portsWarned = true
                builder.warning(e.position, "ports are ignored: relations join actors, not their ports")
            }
            var label: String?
            let fields = values(e, keys: keys, yEdLabel: "EdgeLabel", label: &label)
            var edge = ImportedEdge(relation: Relation(kind: "", source: source ?? "", target: target ?? "", directed: directed),
                                    position: e.position,
                                    fields: ["source": e.position(of: "source"), "target": e.position(of: "target")])
            if let id = e.attributes["id"], !FieldMapping.looksGenerated(id) {
                edge.relation.id = id
                edge.fields["id"] = e.position(of: "id")
            }
            FieldMapping.apply(fields, to: &edge, declared: declared, labelIsKind: true, builder: &builder)
            if let label, !fields.contains(where: { FieldMapping.relationField($0.name, declared: declared, labelIsKind: true) == "kind" }) {
                edge.relation.kind = label
            }
            builder.edges.append(edge)
        }
    }

    // MARK: Writing

    /// Writes GraphML that networkx (`read_graphml`), igraph, Gephi and yEd read.
    ///
    /// One `<key>` per field and attribute in use (`d0`, `d1`, … in a fixed order): `title`,
    /// `description` and `actorgraph` (sources and kind declarations as native JSON) for the
    /// graph; `name` (always), `kind` (always), `aliases`, `role`, `note` for nodes; `id`, `kind`
    /// (always), `sign` (overrides only), `weight` (always, `double`), `since`, `until`, `cite`,
    /// `claimed-by`, `disputed-by`, `confidence`, `note` for edges; then the attributes by name,
    /// as `string`, `double` or `boolean` (an attribute used with several types gets one key per
    /// type, all with its name, which networkx reads as one attribute). Lists are joined by `|`.
    /// The graph is `edgedefault="directed"` when any relation is directed (the kinds, declared
    /// in `actorgraph`, give each relation's direction back; a per-edge `directed="false"` would
    /// make networkx reject the file). An edge's `id` is the relation's, else `e0`, `e1`, …;
    /// a relation id that looks made up (`e3`, `7`) is also written as data `id`.
    ///
    /// Text XML 1.0 cannot hold (control characters other than tab, LF and CR) is written as
    /// U+FFFD.
    ///
    /// - Complexity: O(actors + relations + attributes), plus sorting attribute names.
    public static func write(_ graph: ActorGraph) -> String {
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<graphml xmlns=\"\(namespace)\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
            + "xsi:schemaLocation=\"\(namespace) http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n"
        var next = 0
        func key(_ domain: String, _ name: String, _ type: String) -> String {
            let id = "d\(next)"
            next += 1
            out += "  <key id=\"\(id)\" for=\"\(domain)\" attr.name=\"\(XMLTree.escapeAttribute(name))\" attr.type=\"\(type)\"/>\n"
            return id
        }
        func typeName(_ t: DeclaredType) -> String { t == .string ? "string" : (t == .real ? "double" : "boolean") }

        // Graph keys.
        let metadata = NativeMetadata.json(graph)
        let titleKey = graph.title != nil ? key("graph", "title", "string") : nil
        let descriptionKey = graph.description != nil ? key("graph", "description", "string") : nil
        let metadataKey = metadata != nil ? key("graph", "actorgraph", "string") : nil

        // Node keys.
        let actors = graph.actors
        let actorAttributeNames = Set(actors.flatMap(\.attributes.keys))
        let nName = key("node", "name", "string")
        let nKind = key("node", "kind", "string")
        let nAliases = actors.contains { !$0.aliases.isEmpty } ? key("node", "aliases", "string") : nil
        let nRole = actors.contains { $0.role != nil } ? key("node", "role", "string") : nil
        let nNote = actors.contains { $0.note != nil } || actorAttributeNames.contains("description") ? key("node", "note", "string") : nil
        let nColumns = FieldMapping.attributeColumns(actors.map(\.attributes)).map { ($0, key("node", $0.name, typeName($0.type))) }

        // Edge keys.
        let relations = graph.relations
        let relationAttributeNames = Set(relations.flatMap(\.attributes.keys))
        let elementIDs = FieldMapping.elementIDs(relations)
        let eID = relations.contains { $0.id.map(FieldMapping.looksGenerated) == true } ? key("edge", "id", "string") : nil
        let eKind = key("edge", "kind", "string")
        let eSign = relations.contains { $0.signOverride != nil } ? key("edge", "sign", "string") : nil
        let eWeight = key("edge", "weight", "double")
        let eSince = relations.contains { $0.since != nil } ? key("edge", "since", "string") : nil
        let eUntil = relations.contains { $0.until != nil } ? key("edge", "until", "string") : nil
        let eCite = relations.contains { !$0.evidence.citations.isEmpty } ? key("edge", "cite", "string") : nil
        let eQuote = relations.contains { !$0.evidence.quotes.isEmpty } ? key("edge", "quote", "string") : nil
        let eClaimed = relations.contains { !$0.evidence.claimedBy.isEmpty } ? key("edge", "claimed-by", "string") : nil
        let eDisputed = relations.contains { !$0.evidence.disputedBy.isEmpty } ? key("edge", "disputed-by", "string") : nil
        let eConfidence = relations.contains { $0.evidence.confidence != nil } ? key("edge", "confidence", "string") : nil
        let eNote = relations.contains { $0.note != nil } || relationAttributeNames.contains("description") ? key("edge", "note", "string") : nil
        let eColumns = FieldMapping.attributeColumns(relations.map(\.attributes)).map { ($0, key("edge", $0.name, typeName($0.type))) }

        let anyDirected = relations.contains { $0.directed }
        out += "  <graph id=\"G\" edgedefault=\"\(anyDirected ? "directed" : "undirected")\">\n"
        func data(_ indent: String, _ key: String?, _ value: String?) {
            guard let key, let value else { return }
            out += "\(indent)<data key=\"\(key)\">\(XMLTree.escapeText(value))</data>\n"
        }
        data("    ", titleKey, graph.title)
        data("    ", descriptionKey, graph.description)
        data("    ", metadataKey, metadata.map { $0.hasSuffix("\n") ? String($0.dropLast()) : $0 })
        for a in actors {
            out += "    <node id=\"\(XMLTree.escapeAttribute(a.id))\">\n"
            data("      ", nName, a.name)
            data("      ", nKind, a.kind)
            data("      ", nAliases, a.aliases.isEmpty ? nil : FlatList.join(a.aliases))
            data("      ", nRole, a.role)
            data("      ", nNote, a.note)
            for (column, k) in nColumns {
                if let v = a.attributes[column.name], FieldMapping.matches(v, column.type) { data("      ", k, v.description) }
            }
            out += "    </node>\n"
        }
        for (j, r) in relations.enumerated() {
            out += "    <edge id=\"\(XMLTree.escapeAttribute(elementIDs[j]))\" source=\"\(XMLTree.escapeAttribute(r.source))\" target=\"\(XMLTree.escapeAttribute(r.target))\">\n"
            data("      ", eID, r.id.flatMap { FieldMapping.looksGenerated($0) ? $0 : nil })
            data("      ", eKind, r.kind)
            data("      ", eSign, r.signOverride?.rawValue)
            data("      ", eWeight, AttributeValue.format(r.weight))
            data("      ", eSince, r.since?.description)
            data("      ", eUntil, r.until?.description)
            data("      ", eCite, r.evidence.citations.isEmpty ? nil : FlatList.join(r.evidence.citations.map(\.description)))
            data("      ", eQuote, r.evidence.quotes.isEmpty ? nil : FlatList.join(r.evidence.quotes))
            data("      ", eClaimed, r.evidence.claimedBy.isEmpty ? nil : FlatList.join(r.evidence.claimedBy))
            data("      ", eDisputed, r.evidence.disputedBy.isEmpty ? nil : FlatList.join(r.evidence.disputedBy))
            data("      ", eConfidence, r.evidence.confidence?.description)
            data("      ", eNote, r.note)
            for (column, k) in eColumns {
                if let v = r.attributes[column.name], FieldMapping.matches(v, column.type) { data("      ", k, v.description) }
            }
            out += "    </edge>\n"
        }
        out += "  </graph>\n</graphml>\n"
        return out
    }
}

/// Depth-limited searches in an element tree (no recursion, so deep input cannot overflow).
enum XMLTreeSearch {
    /// The trimmed text of the first element named `local` under `root` with non-empty text.
    static func firstText(in root: XMLTreeElement, local: String) -> String? {
        var stack = [root]
        var visited = 0
        while let e = stack.popLast(), visited < 100_000 {
            visited += 1
            if e.localName == local {
                let t = e.text.trimmingCharacters(in: .whitespacesAndNewlines)
                if !t.isEmpty { return t }
            }
            stack.append(contentsOf: e.children.reversed())
        }
        return nil
    }
}
