import ActorGraphModel
import Foundation

/// JSON node-link data (networkx `node_link_data`, d3 force layouts): read and write.
///
/// Nodes: `id`, `name`/`label`, `kind`, `aliases`, `role`, `note`, other keys → attributes.
/// Edges (`edges` or `links`): `source`, `target` (ids, or d3 v3 indices when no node has that
/// id), `id`, `kind`/`relation`/`type`, `sign`, `weight`/`value`, `since`, `until`, `cite`,
/// `claimed-by`, `disputed-by`, `confidence`, `note`, other keys → attributes. The networkx
/// multigraph `key` is bookkeeping and is ignored. Graph: `title`/`name`, `description`,
/// `actorgraph` (native JSON metadata: sources and kind declarations).
public enum NodeLinkFormat {
    /// Reads node-link JSON.
    /// - Complexity: O(n) in the text's length, plus building.
    public static func read(text: String, file: String) -> LoadedGraph {
        var builder = ImportBuilder(file: file)
        let root: DocumentNode
        switch JSONDocumentReader.read(text, file: file) {
        case .failure(let d): return ImportBuilder.failure(d)
        case .success(nil):
            return ImportBuilder.failure(Diagnostic(file: file, position: SourcePosition(line: 1, column: 1), severity: .error,
                                                    message: "the file is empty", fix: "write a node-link object"))
        case .success(let node?): root = node
        }
        guard case .mapping(let top, let topPos) = root else {
            builder.error(root.position, "node-link data must be a JSON object", fix: "write {\"nodes\": [...], \"links\": [...]}")
            return builder.build()
        }
        var directed = false
        var nodesNode: DocumentNode?, edgesNode: DocumentNode?
        for (k, v) in top {
            switch k.text {
            case "directed": if case .scalar(let s) = v { directed = s.text == "true" }
            case "multigraph": break
            case "nodes": nodesNode = v
            case "edges", "links": edgesNode = v
            case "graph":
                guard case .mapping(let g, _) = v else { builder.warning(v.position, "'graph' is not an object; ignored"); continue }
                for (gk, gv) in g {
                    switch gk.text {
                    case "title", "name": builder.title = scalarText(gv)
                    case "description": builder.description = scalarText(gv)
                    case "actorgraph": NativeMetadata.read(jsonText(gv), at: gv.position, into: &builder)
                    default: builder.warning(gk.position, "graph attribute '\(gk.text)' is not kept")
                    }
                }
            default: builder.warning(k.position, "top-level key '\(k.text)' is ignored")
            }
        }
        guard case .sequence(let nodes, _)? = nodesNode else {
            builder.error(nodesNode?.position ?? topPos, "'nodes' must be a list", fix: "add \"nodes\": [...]")
            return builder.build()
        }
        var ids: [String] = []
        for n in nodes {
            guard case .mapping(let fields, let p) = n else { builder.error(n.position, "a node must be an object"); continue }
            var actor = Actor(id: "", kind: "")
            var have = false
            var name: String?
            var positions: [String: SourcePosition] = [:]
            for (k, v) in fields {
                positions[k.text] = v.position
                switch k.text {
                case "id": if let t = scalarText(v) { actor.id = t; have = true }
                case "name", "label": name = scalarText(v)
                case "kind": actor.kind = scalarText(v) ?? ""
                case "aliases": actor.aliases = list(v)
                case "role": actor.role = scalarText(v)
                case "note": actor.note = scalarText(v)
                default: if let a = attribute(v, &builder) { actor.attributes[k.text] = a }
                }
            }
            if !have { builder.error(p, "a node needs an 'id'", fix: "add \"id\": ..."); continue }
            actor.name = name ?? actor.id
            ids.append(actor.id)
            builder.nodes.append(ImportedNode(actor: actor, position: p, fields: positions))
        }
        let idSet = Set(ids)
        guard case .sequence(let edges, _)? = edgesNode else {
            if let e = edgesNode { builder.error(e.position, "'edges' must be a list") }
            return builder.build()
        }
        for e in edges {
            guard case .mapping(let fields, let p) = e else { builder.error(e.position, "an edge must be an object"); continue }
            var r = Relation(kind: "", source: "", target: "", directed: directed)
            var positions: [String: SourcePosition] = [:]
            var ok = true
            func endpoint(_ v: DocumentNode) -> String {
                guard case .scalar(let s) = v, !s.isNull else { builder.error(v.position, "an endpoint must be an id"); ok = false; return "" }
                let t = canonicalNumber(s)
                if !s.quoted, !idSet.contains(t), let i = Int(t) {
                    guard i >= 0, i < ids.count else { builder.error(s.position, "node index \(i) is out of range 0…\(ids.count - 1)"); ok = false; return "" }
                    return ids[i]
                }
                return t
            }
            for (k, v) in fields {
                positions[k.text] = v.position
                switch k.text {
                case "source": r.source = endpoint(v)
                case "target": r.target = endpoint(v)
                case "key": break
                case "id": r.id = scalarText(v)
                case "kind", "relation", "type": r.kind = scalarText(v) ?? ""
                case "sign":
                    guard let t = scalarText(v), let s = Sign(text: t) else { builder.error(v.position, "sign must be positive, negative or unsigned"); continue }
                    r.signOverride = s
                case "weight", "value":
                    guard let t = scalarText(v), let w = Double(t), w.isFinite, w != 0 else { builder.error(v.position, "weight must be a finite non-zero number"); continue }
                    r.weight = w
                case "since", "until":
                    guard let t = scalarText(v), let d = PartialDate(t) else { builder.error(v.position, "'\(k.text)' must be a date like 2009-06"); continue }
                    if k.text == "since" { r.since = d } else { r.until = d }
                case "cite": r.evidence.citations = list(v).map { Citation(text: $0) }
                case "quote": r.evidence.quotes = list(v)
                case "claimed-by": r.evidence.claimedBy = list(v)
                case "disputed-by": r.evidence.disputedBy = list(v)
                case "confidence":
                    guard let t = scalarText(v) else { continue }
                    if let c = Confidence(word: t) { r.evidence.confidence = c }
                    else if let x = Double(t), x >= 0, x <= 1 { r.evidence.confidence = .value(x) }
                    else { builder.error(v.position, "confidence must be low, medium, high or a number from 0 to 1") }
                case "note": r.note = scalarText(v)
                default: if let a = attribute(v, &builder) { r.attributes[k.text] = a }
                }
            }
            if ok { builder.edges.append(ImportedEdge(relation: r, position: p, fields: positions)) }
        }
        return builder.build()
    }

    /// Writes networkx-compatible node-link JSON, one node or edge per line.
    /// - Complexity: O(actors + relations + attributes).
    public static func write(_ graph: ActorGraph) -> String {
        let s = JSONText.string
        func value(_ a: AttributeValue) -> String {
            switch a {
            case .string(let t): return s(t)
            case .bool(let b): return b ? "true" : "false"
            case .number(let x): return x.isFinite ? AttributeValue.format(x) : s(AttributeValue.format(x))
            }
        }
        func array(_ xs: [String]) -> String { "[" + xs.map(s).joined(separator: ", ") + "]" }
        var graphFields: [String] = []
        if let t = graph.title { graphFields.append("\"title\": \(s(t))") }
        if let d = graph.description { graphFields.append("\"description\": \(s(d))") }
        if let m = NativeMetadata.json(graph) {
            graphFields.append("\"actorgraph\": " + m.trimmingCharacters(in: .whitespacesAndNewlines).replacingOccurrences(of: "\n", with: " "))
        }
        var out = "{\n  \"directed\": \(graph.relations.contains { $0.directed } ? "true" : "false"),\n  \"multigraph\": true,\n"
        out += "  \"graph\": {" + graphFields.joined(separator: ", ") + "},\n  \"nodes\": [\n"
        out += graph.actors.map { a in
            var f = ["\"id\": \(s(a.id))", "\"kind\": \(s(a.kind))"]
            if a.name != a.id { let n = a.name; f.append("\"name\": \(s(n))") }
            if !a.aliases.isEmpty { f.append("\"aliases\": \(array(a.aliases))") }
            if let r = a.role { f.append("\"role\": \(s(r))") }
            if let n = a.note { f.append("\"note\": \(s(n))") }
            for k in a.attributes.keys.sorted() { f.append("\(s(k)): \(value(a.attributes[k]!))") }
            return "    {" + f.joined(separator: ", ") + "}"
        }.joined(separator: ",\n")
        out += "\n  ],\n  \"edges\": [\n"
        out += graph.relations.map { r in
            var f = ["\"source\": \(s(r.source))", "\"target\": \(s(r.target))", "\"kind\": \(s(r.kind))"]
            if let id = r.id { f.append("\"id\": \(s(id))") }
            if let sign = r.signOverride { f.append("\"sign\": \(s(sign.rawValue))") }
            f.append("\"weight\": \(AttributeValue.format(r.weight))")
            if let d = r.since { f.append("\"since\": \(s(d.description))") }
            if let d = r.until { f.append("\"until\": \(s(d.description))") }
            if !r.evidence.citations.isEmpty { f.append("\"cite\": \(array(r.evidence.citations.map(\.description)))") }
            if !r.evidence.quotes.isEmpty { f.append("\"quote\": \(array(r.evidence.quotes))") }
            if !r.evidence.claimedBy.isEmpty { f.append("\"claimed-by\": \(array(r.evidence.claimedBy))") }
            if !r.evidence.disputedBy.isEmpty { f.append("\"disputed-by\": \(array(r.evidence.disputedBy))") }
            if let c = r.evidence.confidence { f.append("\"confidence\": \(s(c.description))") }
            if let n = r.note { f.append("\"note\": \(s(n))") }
            for k in r.attributes.keys.sorted() { f.append("\(s(k)): \(value(r.attributes[k]!))") }
            return "    {" + f.joined(separator: ", ") + "}"
        }.joined(separator: ",\n")
        out += "\n  ]\n}\n"
        return out.replacingOccurrences(of: "[\n\n  ]", with: "[]")
    }

    /// Whether JSON text looks like node-link data: a top-level object with `nodes` and `links`
    /// or `edges`, and no `actorgraph` key.
    /// - Complexity: O(n) in the text's length.
    public static func looksLikeNodeLink(_ text: String) -> Bool {
        guard case .success(let root?) = JSONDocumentReader.read(text, file: ""), case .mapping(let top, _) = root else { return false }
        let keys = Set(top.map(\.key.text))
        return keys.contains("nodes") && (keys.contains("links") || keys.contains("edges")) && !keys.contains("actorgraph")
    }

    static func canonicalNumber(_ s: ScalarNode) -> String {
        if !s.quoted, let x = Double(s.text) { return AttributeValue.format(x) }
        return s.text
    }

    static func scalarText(_ v: DocumentNode) -> String? {
        guard case .scalar(let s) = v, !s.isNull else { return nil }
        return canonicalNumber(s)
    }

    static func list(_ v: DocumentNode) -> [String] {
        switch v {
        case .sequence(let xs, _): return xs.compactMap(scalarText)
        case .scalar(let s): return s.isNull ? [] : FlatList.split(s.text)
        case .mapping: return []
        }
    }

    static func attribute(_ v: DocumentNode, _ builder: inout ImportBuilder) -> AttributeValue? {
        switch v {
        case .scalar(let s):
            if s.isNull { return nil }
            if s.quoted { return .string(s.text) }
            if s.text == "true" || s.text == "false" { return .bool(s.text == "true") }
            if let x = Double(s.text) {
                if x.isFinite { return .number(x) }
                builder.warning(s.position, "number '\(s.text)' is out of range; kept as text")
            }
            return .string(s.text)
        default:
            builder.warning(v.position, "a nested value is kept as its JSON text")
            return .string(jsonText(v))
        }
    }

    static func jsonText(_ v: DocumentNode) -> String {
        switch v {
        case .scalar(let s): return s.isNull ? "null" : (s.quoted ? JSONText.string(s.text) : s.text)
        case .sequence(let xs, _): return "[" + xs.map(jsonText).joined(separator: ", ") + "]"
        case .mapping(let kv, _): return "{" + kv.map { JSONText.string($0.key.text) + ": " + jsonText($0.value) }.joined(separator: ", ") + "}"
        }
    }
}
