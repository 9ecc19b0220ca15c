import ActorGraphModel
import Foundation

/// Where each part of a graph was written: the position of every entry, field and list element
/// that the decoder read, keyed by ``/ActorGraphModel/GraphLocation``.
public struct SourceMap: Sendable {
    var positions: [GraphLocation: SourcePosition] = [:]
    /// Positions computed on demand, for readers that do not store one per field (interchange
    /// formats, large CSV files); consulted when `positions` has nothing.
    var resolver: (@Sendable (GraphLocation) -> SourcePosition?)?
    /// For a graph read from several files (a folder): the file each entry was written in,
    /// keyed by the entry's location, and the files' order.
    var entryFiles: [GraphLocation: String] = [:]
    /// The rank of each file of a folder graph, for sorting diagnostics.
    public internal(set) var fileOrder: [String: Int] = [:]

    /// An empty map: every position is unknown.
    public init() {}

    /// The file `location`'s entry was written in, for a graph read from several files; nil
    /// for a graph read from one file.
    public func file(of location: GraphLocation) -> String? {
        entryFiles.isEmpty ? nil : entryFiles[location.entry] ?? entryFiles[.graph(field: nil)]
    }

    /// The best position for `location`: the exact element, else its field, else its entry.
    public func position(of location: GraphLocation) -> SourcePosition? {
        positions[location] ?? positions[location.withoutElement] ?? positions[location.entry] ?? resolver?(location)
    }

    mutating func record(_ location: GraphLocation, _ position: SourcePosition) {
        positions[location] = position
    }
}

/// Decodes the native format (version 1) from a document tree: the schema lives here, and
/// every type mistake becomes a diagnostic at the value's position. Decoding never stops at the
/// first problem.
struct GraphDecoder {
    let file: String
    /// Whether the file is one of a folder's: then it may leave out 'actors:'.
    var partOfFolder = false
    private(set) var diagnostics: [Diagnostic] = []
    private(set) var sourceMap = SourceMap()
    private var graph = ActorGraph()

    static let topLevelKeys = ["actorgraph", "title", "description", "sources", "kinds", "actors", "relations"]
    static let sourceKeys = ["title", "date", "author", "url", "text", "note"]
    static let actorKindKeys = ["label", "shape", "fill", "color"]
    static let relationKindKeys = ["label", "sign", "directed", "color", "line", "arrowhead"]
    static let actorKeys = ["name", "kind", "aliases", "role", "note"]
    static let relationKeys = ["id", "kind", "between", "from", "to", "since", "until", "sign", "weight",
                               "confidence", "claimed-by", "disputed-by", "cite", "quote", "note"]

    init(file: String) { self.file = file }

    /// Decodes `root`, returning the graph (possibly partial, when there are errors).
    mutating func decode(_ root: DocumentNode?) -> ActorGraph {
        guard let root else {
            error(SourcePosition(line: 1, column: 1), "the file is empty",
                  fix: "start with 'actorgraph: \(ActorGraph.formatVersion)', then 'actors:' and 'relations:'")
            return graph
        }
        guard case .mapping(let pairs, _) = root else {
            error(root.position, "the file must be a mapping of keys (actorgraph, title, actors, relations…), not \(root.shapeName)",
                  fix: "start with 'actorgraph: \(ActorGraph.formatVersion)'")
            return graph
        }
        let fields = uniqueFields(pairs, known: GraphDecoder.topLevelKeys, context: "at the top level", strict: true)
        guard let version = fields["actorgraph"] else {
            error(root.position, "not an ActorGraph file: the key 'actorgraph' (the format version) is missing",
                  fix: "add 'actorgraph: \(ActorGraph.formatVersion)' as the first line")
            return graph
        }
        guard case .scalar(let v) = version.value, !v.quoted, let n = Int(v.text) else {
            error(version.value.position, "the format version must be a whole number",
                  fix: "write 'actorgraph: \(ActorGraph.formatVersion)'")
            return graph
        }
        guard n == ActorGraph.formatVersion else {
            if n > ActorGraph.formatVersion {
                error(v.position, "this file uses format version \(n), but this actorgraph reads version \(ActorGraph.formatVersion)",
                      fix: "upgrade actorgraph to read it")
            } else {
                error(v.position, "there is no format version \(n); versions start at 1",
                      fix: "write 'actorgraph: \(ActorGraph.formatVersion)'")
            }
            return graph
        }
        sourceMap.record(.graph(field: nil), root.position)
        for name in ["title", "description"] { if let f = fields[name] { sourceMap.record(.graph(field: name), f.value.position) } }
        graph.title = fields["title"].flatMap { text($0.value, "title") }
        graph.description = fields["description"].flatMap { text($0.value, "description") }
        if let s = fields["sources"] { decodeSources(s.value) }
        if let k = fields["kinds"] { decodeKinds(k.value) }
        if let a = fields["actors"] { decodeActors(a.value) } else if !partOfFolder {
            error(root.position, "the file has no 'actors:' section", fix: "add 'actors:' with one entry per actor")
        }
        if let r = fields["relations"] { decodeRelations(r.value) }
        return graph
    }

    // MARK: Sections

    private mutating func decodeSources(_ node: DocumentNode) {
        guard let entries = mappingEntries(node, "sources", example: "sources: { cable: { title: \"…\", date: 2010-01 } }") else { return }
        for (key, value) in entries {
            let index = graph.sources.count
            sourceMap.record(.source(index, field: nil), key.position)
            let f = fieldsOfEntry(value, known: GraphDecoder.sourceKeys, what: "source '\(key.text)'", strict: true)
            for (name, field) in f { sourceMap.record(.source(index, field: name), field.value.position) }
            let title = f["title"].flatMap { text($0.value, "title") }
            if title == nil && f["title"] == nil {
                error(key.position, "source '\(key.text)' has no title", fix: "add 'title: \"…\"'")
            }
            graph.sources.append(Source(
                id: key.text, title: title ?? key.text,
                date: f["date"].flatMap { date($0.value, "date") },
                author: f["author"].flatMap { text($0.value, "author") },
                url: f["url"].flatMap { text($0.value, "url") },
                text: f["text"].flatMap { text($0.value, "text") },
                note: f["note"].flatMap { text($0.value, "note") }))
        }
    }

    private mutating func decodeKinds(_ node: DocumentNode) {
        guard case .mapping(let pairs, _) = node else {
            typeError(node, "'kinds'", expected: "a mapping with 'actors:' and/or 'relations:'")
            return
        }
        let sections = uniqueFields(pairs, known: ["actors", "relations"], context: "under 'kinds'", strict: true)
        if let actors = sections["actors"], let entries = mappingEntries(actors.value, "kinds: actors", example: "militia: { label: Militia, shape: hexagon }") {
            for (key, value) in entries {
                let index = graph.actorKindDeclarations.count
                sourceMap.record(.actorKind(index, field: nil), key.position)
                let f = fieldsOfEntry(value, known: GraphDecoder.actorKindKeys, what: "actor kind '\(key.text)'", strict: true)
                for (name, field) in f { sourceMap.record(.actorKind(index, field: name), field.value.position) }
                graph.actorKindDeclarations.append(ActorKindDeclaration(
                    id: key.text, label: f["label"].flatMap { text($0.value, "label") },
                    style: ActorStyle(shape: f["shape"].flatMap { text($0.value, "shape") },
                                      fill: f["fill"].flatMap { text($0.value, "fill") },
                                      color: f["color"].flatMap { text($0.value, "color") })))
            }
        }
        if let relations = sections["relations"], let entries = mappingEntries(relations.value, "kinds: relations", example: "refuge: { sign: positive, directed: true }") {
            for (key, value) in entries {
                let index = graph.relationKindDeclarations.count
                sourceMap.record(.relationKind(index, field: nil), key.position)
                let f = fieldsOfEntry(value, known: GraphDecoder.relationKindKeys, what: "relation kind '\(key.text)'", strict: true)
                for (name, field) in f { sourceMap.record(.relationKind(index, field: name), field.value.position) }
                graph.relationKindDeclarations.append(RelationKindDeclaration(
                    id: key.text, label: f["label"].flatMap { text($0.value, "label") },
                    sign: f["sign"].flatMap { sign($0.value) },
                    directed: f["directed"].flatMap { bool($0.value, "directed") },
                    style: RelationStyle(color: f["color"].flatMap { text($0.value, "color") },
                                         line: f["line"].flatMap { lineStyle($0.value) },
                                         arrowhead: f["arrowhead"].flatMap { text($0.value, "arrowhead") })))
            }
        }
    }

    private mutating func decodeActors(_ node: DocumentNode) {
        guard let entries = mappingEntries(node, "actors", example: "ppp: { name: Pakistan Peoples Party, kind: party }") else { return }
        for (key, value) in entries {
            let index = graph.actors.count
            sourceMap.record(.actor(index, field: nil, element: nil), key.position)
            if case .scalar(let s) = value, !s.isNull {
                error(s.position, "actor '\(key.text)' must be a mapping of its fields, not text",
                      fix: "write '\(key.text): { name: \(s.text), kind: … }'")
                continue
            }
            let f = fieldsOfEntry(value, known: GraphDecoder.actorKeys, what: "actor '\(key.text)'", strict: false)
            for (name, field) in f { sourceMap.record(.actor(index, field: name, element: nil), field.value.position) }
            var aliases: [String] = []
            if let a = f["aliases"] {
                for (j, item) in textList(a.value, "aliases").enumerated() {
                    aliases.append(item.text)
                    sourceMap.record(.actor(index, field: "aliases", element: j), item.position)
                }
            }
            let kind = f["kind"].flatMap { text($0.value, "kind") }
            if f["kind"] == nil {
                error(key.position, "actor '\(key.text)' has no kind",
                      fix: "add 'kind: …' (\(ActorKind.builtIns.map(\.id).joined(separator: ", ")), or a declared kind)")
            }
            graph.actors.append(Actor(
                id: key.text, name: f["name"].flatMap { text($0.value, "name") }, kind: kind ?? "",
                aliases: aliases, role: f["role"].flatMap { text($0.value, "role") },
                note: f["note"].flatMap { text($0.value, "note") },
                attributes: attributes(f, known: GraphDecoder.actorKeys)))
        }
    }

    private mutating func decodeRelations(_ node: DocumentNode) {
        guard case .sequence(let items, _) = node else {
            if case .scalar(let s) = node, s.isNull { return }
            typeError(node, "'relations'", expected: "a list, one '- { kind: …, between: [a, b] }' per relation")
            return
        }
        for item in items {
            guard case .mapping(let pairs, let position) = item else {
                typeError(item, "a relation", expected: "a mapping such as { kind: conflict, between: [a, b] }")
                continue
            }
            let index = graph.relations.count
            let f = uniqueFields(pairs, known: GraphDecoder.relationKeys, context: "in this relation", strict: false)
            for (name, field) in f { sourceMap.record(.relation(index, field: name, element: nil), field.value.position) }

            let kind = f["kind"].flatMap { text($0.value, "kind") }
            if f["kind"] == nil {
                error(position, "this relation has no kind", fix: "add 'kind: …' (coalition, conflict, patronage, …)")
            }
            var source: String?, target: String?, directed = false
            if let between = f["between"] {
                if f["from"] != nil || f["to"] != nil {
                    error(between.key.position, "this relation has both 'between' and 'from'/'to'",
                          fix: "use 'between: [a, b]' for undirected kinds, 'from:'/'to:' for directed ones")
                }
                let ids = textList(between.value, "between")
                if ids.count == 2 {
                    (source, target) = (ids[0].text, ids[1].text)
                    sourceMap.record(.relation(index, field: "between", element: 0), ids[0].position)
                    sourceMap.record(.relation(index, field: "between", element: 1), ids[1].position)
                } else if case .sequence = between.value {
                    error(between.value.position, "'between' lists \(ids.count) actor\(ids.count == 1 ? "" : "s"); it takes exactly two",
                          fix: "write one relation per pair: 'between: [a, b]'")
                } else if case .scalar(let s) = between.value, !s.isNull {
                    error(s.position, "'between' must be a list of two actor ids, not '\(s.text)'",
                          fix: "write 'between: [a, b]'")
                }
                // (other shapes were reported by textList)
            } else if f["from"] != nil || f["to"] != nil {
                directed = true
                source = f["from"].flatMap { text($0.value, "from") }
                target = f["to"].flatMap { text($0.value, "to") }
                if f["from"] == nil { error(position, "this relation has 'to' but no 'from'", fix: "add 'from: …'") }
                if f["to"] == nil { error(position, "this relation has 'from' but no 'to'", fix: "add 'to: …'") }
            } else {
                error(position, "this relation names no actors",
                      fix: "add 'between: [a, b]' (undirected kinds) or 'from: a, to: b' (directed kinds)")
            }
            var evidence = Evidence()
            if let c = f["claimed-by"] {
                let ids = textList(c.value, "claimed-by")
                evidence.claimedBy = ids.map(\.text)
                for (j, id) in ids.enumerated() where ids.count > 1 { sourceMap.record(.relation(index, field: "claimed-by", element: j), id.position) }
            }
            if let d = f["disputed-by"] {
                let ids = textList(d.value, "disputed-by")
                evidence.disputedBy = ids.map(\.text)
                for (j, id) in ids.enumerated() where ids.count > 1 { sourceMap.record(.relation(index, field: "disputed-by", element: j), id.position) }
            }
            if let c = f["cite"] {
                let cites = textList(c.value, "cite")
                evidence.citations = cites.map { Citation(text: $0.text) }
                for (j, item) in cites.enumerated() where cites.count > 1 { sourceMap.record(.relation(index, field: "cite", element: j), item.position) }
            }
            if let q = f["quote"] {
                let quotes = textList(q.value, "quote")
                evidence.quotes = quotes.map(\.text)
                for (j, item) in quotes.enumerated() where quotes.count > 1 { sourceMap.record(.relation(index, field: "quote", element: j), item.position) }
            }
            if let c = f["confidence"] { evidence.confidence = confidence(c.value) }
            let weight = f["weight"].flatMap { number($0.value, "weight") } ?? 1

            guard let kind, let source, let target else {
                // Reported above; forget the positions so the next relation does not inherit them.
                sourceMap.positions = sourceMap.positions.filter {
                    if case .relation(index, _, _) = $0.key { return false } else { return true }
                }
                continue
            }
            graph.relations.append(Relation(
                id: f["id"].flatMap { text($0.value, "id") }, kind: kind, source: source, target: target,
                directed: directed, sign: f["sign"].flatMap { sign($0.value) }, weight: weight,
                since: f["since"].flatMap { date($0.value, "since") }, until: f["until"].flatMap { date($0.value, "until") },
                evidence: evidence, note: f["note"].flatMap { text($0.value, "note") },
                attributes: attributes(f, known: GraphDecoder.relationKeys)))
            sourceMap.record(.relation(index, field: nil, element: nil), position)
        }
    }

    // MARK: Fields

    typealias Field = (key: ScalarNode, value: DocumentNode)

    /// The pairs of a mapping by key; reports duplicate keys, and unknown keys when `strict`
    /// (otherwise unknown keys are free attributes, with a warning when one looks like a typo).
    private mutating func uniqueFields(_ pairs: [Field], known: [String], context: String, strict: Bool) -> [String: Field] {
        var fields: [String: Field] = [:]
        for pair in pairs {
            let key = pair.key.text
            if let first = fields[key] {
                error(pair.key.position, "the key '\(key)' appears twice \(context) (first at line \(first.key.position.line))",
                      fix: "keep one of them")
                continue
            }
            if !known.contains(key) {
                if strict {
                    error(pair.key.position, "unknown key '\(key)' \(context)",
                          fix: Suggest.didYouMean(key, among: known) ?? "the keys here are \(known.joined(separator: ", "))")
                    continue
                } else if let near = GraphDecoder.likelyTypo(key, of: known) {
                    warning(pair.key.position, "'\(key)' is kept as a free attribute, but looks like the field '\(near)'",
                            fix: "did you mean '\(near)'?")
                }
            }
            fields[key] = pair
        }
        return fields
    }

    private mutating func mappingEntries(_ node: DocumentNode, _ section: String, example: String) -> [Field]? {
        switch node {
        case .mapping(let pairs, _): return pairs
        case .scalar(let s) where s.isNull: return []
        default:
            typeError(node, "'\(section)'", expected: "a mapping of id → fields, e.g. \(example)")
            return nil
        }
    }

    private mutating func fieldsOfEntry(_ node: DocumentNode, known: [String], what: String, strict: Bool) -> [String: Field] {
        switch node {
        case .mapping(let pairs, _): return uniqueFields(pairs, known: known, context: "in \(what)", strict: strict)
        case .scalar(let s) where s.isNull: return [:]
        default:
            typeError(node, what, expected: "a mapping of its fields, e.g. { \(known.prefix(2).map { "\($0): …" }.joined(separator: ", ")) }")
            return [:]
        }
    }

    private mutating func attributes(_ fields: [String: Field], known: [String]) -> [String: AttributeValue] {
        var out: [String: AttributeValue] = [:]
        for (key, field) in fields where !known.contains(key) {
            guard case .scalar(let s) = field.value else {
                typeError(field.value, "the attribute '\(key)'", expected: "text, a number or true/false")
                continue
            }
            if s.isNull {
                error(s.position, "the attribute '\(key)' has no value", fix: "give it a value, or delete it")
            } else if s.quoted {
                out[key] = .string(s.text)
            } else if let b = GraphDecoder.boolValue(s.text) {
                out[key] = .bool(b)
            } else if let x = GraphDecoder.numberValue(s.text) {
                out[key] = .number(x)
            } else {
                out[key] = .string(s.text)
            }
        }
        return out
    }

    // MARK: Values

    private mutating func text(_ node: DocumentNode, _ field: String) -> String? {
        guard case .scalar(let s) = node, !s.isNull else {
            typeError(node, "'\(field)'", expected: "text")
            return nil
        }
        return s.text
    }

    private mutating func textList(_ node: DocumentNode, _ field: String) -> [ScalarNode] {
        switch node {
        case .scalar(let s) where !s.isNull:
            return [s]
        case .sequence(let items, _):
            var out: [ScalarNode] = []
            for item in items {
                if case .scalar(let s) = item, !s.isNull { out.append(s) } else { typeError(item, "an item of '\(field)'", expected: "text") }
            }
            return out
        default:
            typeError(node, "'\(field)'", expected: "text or a list of text")
            return []
        }
    }

    private mutating func number(_ node: DocumentNode, _ field: String) -> Double? {
        guard case .scalar(let s) = node, !s.isNull else {
            typeError(node, "'\(field)'", expected: "a number")
            return nil
        }
        guard let x = GraphDecoder.numberValue(s.text) else {
            error(s.position, "'\(field)' must be a number, not '\(s.text)'", fix: "write e.g. '\(field): 2'")
            return nil
        }
        if s.quoted { error(s.position, "'\(field)' is a number written as quoted text", fix: "remove the quotes") }
        return x
    }

    private mutating func bool(_ node: DocumentNode, _ field: String) -> Bool? {
        guard case .scalar(let s) = node, !s.quoted, let b = GraphDecoder.boolValue(s.text) else {
            typeError(node, "'\(field)'", expected: "true or false")
            return nil
        }
        return b
    }

    private mutating func date(_ node: DocumentNode, _ field: String) -> PartialDate? {
        guard case .scalar(let s) = node, !s.isNull else {
            typeError(node, "'\(field)'", expected: "a date (YYYY, YYYY-MM or YYYY-MM-DD)")
            return nil
        }
        switch PartialDate.parse(s.text) {
        case .success(let d): return d
        case .failure(let why):
            error(s.position, "'\(field)': " + why.message)
            return nil
        }
    }

    private mutating func sign(_ node: DocumentNode) -> Sign? {
        guard case .scalar(let s) = node, let sign = Sign(text: s.text) else {
            typeError(node, "'sign'", expected: "positive, negative or unsigned")
            return nil
        }
        return sign
    }

    private mutating func lineStyle(_ node: DocumentNode) -> LineStyle? {
        guard case .scalar(let s) = node, let style = LineStyle(rawValue: s.text) else {
            let choices = LineStyle.allCases.map(\.rawValue)
            if case .scalar(let s) = node, let near = Suggest.nearest(s.text, among: choices) {
                error(s.position, "unknown line style '\(s.text)'", fix: "did you mean '\(near)'?")
            } else {
                typeError(node, "'line'", expected: choices.joined(separator: ", "))
            }
            return nil
        }
        return style
    }

    private mutating func confidence(_ node: DocumentNode) -> Confidence? {
        guard case .scalar(let s) = node, !s.isNull else {
            typeError(node, "'confidence'", expected: "low, medium, high or a number from 0 to 1")
            return nil
        }
        if let word = Confidence(word: s.text) { return word }
        if !s.quoted, let x = GraphDecoder.numberValue(s.text) { return .value(x) }
        error(s.position, "confidence '\(s.text)' is neither a level nor a number",
              fix: Suggest.didYouMean(s.text, among: ["low", "medium", "high"]) ?? "write low, medium, high or a number from 0 to 1")
        return nil
    }

    /// The known key that `key` was probably meant to be: the same letters once case, `-` and `_`
    /// are ignored (`claimed_by`, `claimedBy`), or one edit away for keys of four letters or more
    /// (`cites`, `confidance`). Looser matches would flag real attributes (`role` is not `note`).
    static func likelyTypo(_ key: String, of known: [String]) -> String? {
        func normal(_ s: String) -> String { s.lowercased().filter { $0 != "-" && $0 != "_" } }
        if let same = known.first(where: { normal($0) == normal(key) }) { return same }
        guard key.count >= 4 else { return nil }
        return known.first { Suggest.editDistance(key.lowercased(), $0, limit: 1) <= 1 }
    }

    static func boolValue(_ text: String) -> Bool? {
        switch text {
        case "true", "True", "TRUE": return true
        case "false", "False", "FALSE": return false
        default: return nil
        }
    }

    /// A finite decimal number (`3`, `-0.5`, `1e3`); not `nan`, `inf`, hex or YAML's `.inf`.
    static func numberValue(_ text: String) -> Double? {
        guard let first = text.first, first.isNumber || first == "-" || first == "+" || first == ".",
              text.allSatisfy({ $0.isASCII && ($0.isNumber || "+-.eE".contains($0)) }),
              let x = Double(text), x.isFinite else { return nil }
        return x
    }

    // MARK: Reporting

    private mutating func error(_ position: SourcePosition, _ message: String, fix: String? = nil) {
        diagnostics.append(Diagnostic(file: file, position: position, severity: .error, message: message, fix: fix))
    }

    private mutating func warning(_ position: SourcePosition, _ message: String, fix: String? = nil) {
        diagnostics.append(Diagnostic(file: file, position: position, severity: .warning, message: message, fix: fix))
    }

    private mutating func typeError(_ node: DocumentNode, _ what: String, expected: String) {
        error(node.position, "\(what) must be \(expected), but is \(node.shapeName)")
    }
}
