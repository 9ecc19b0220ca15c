import ActorGraphModel
import Foundation

/// One value an XML format gives a node or an edge, by attribute name, with where it is written.
struct TypedField {
    var name: String
    var value: AttributeValue
    var position: SourcePosition
}

/// The value types of GraphML keys and GEXF attributes, reduced to what ActorGraph keeps.
enum DeclaredType: Equatable {
    case string, integer, real, boolean

    /// Reads a GraphML `attr.type` or a GEXF attribute `type`; nil for an unknown name.
    init?(xmlName: String) {
        switch xmlName.lowercased() {
        case "string", "anyuri", "char", "liststring", "listboolean", "listinteger", "listlong", "listfloat",
             "listdouble", "listbyte", "listshort", "listchar", "listbigdecimal", "listbiginteger", "liststr":
            self = .string
        case "int", "integer", "long", "short", "byte", "biginteger": self = .integer
        case "float", "double", "bigdecimal": self = .real
        case "boolean", "bool": self = .boolean
        default: return nil
        }
    }

    /// The name of the type as an error message says it.
    var word: String {
        switch self {
        case .string: return "text"
        case .integer: return "an integer"
        case .real: return "a number"
        case .boolean: return "true or false"
        }
    }

    /// `text` as a value of this type, or nil when it is not one. Numbers must be finite.
    func value(_ text: String) -> AttributeValue? {
        if self == .string { return .string(text) }
        let t = text.trimmingCharacters(in: .whitespacesAndNewlines)
        switch self {
        case .string: return .string(text)
        case .boolean:
            switch t.lowercased() {
            case "true", "1": return .bool(true)
            case "false", "0": return .bool(false)
            default: return nil
            }
        case .integer:
            var digits = Substring(t)
            if digits.first == "-" || digits.first == "+" { digits = digits.dropFirst() }
            guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }), let x = Double(t), x.isFinite else { return nil }
            return .number(x)
        case .real:
            guard !t.isEmpty, let x = Double(t), x.isFinite else { return nil }
            return .number(x)
        }
    }
}

/// Maps named values onto the native actor and relation fields, shared by GraphML and GEXF.
enum FieldMapping {
    /// Field names (and the aliases other tools use) that a node's values may fill.
    static let actorFields: Set<String> = ["name", "kind", "aliases", "role", "note"]
    static let relationFields: Set<String> = ["id", "kind", "sign", "weight", "since", "until", "cite", "quote", "claimed-by",
                                              "disputed-by", "confidence", "note"]

    /// The native field an input name stands for on a node, given the names the input declares
    /// for nodes (an alias only applies when the input does not declare the field itself).
    static func actorField(_ name: String, declared: Set<String>, labelIsName: Bool) -> String? {
        if actorFields.contains(name) { return name }
        if labelIsName, name == "label", !declared.contains("name") { return "name" }
        if name == "description", !declared.contains("note") { return "note" }
        return nil
    }

    /// The native field an input name stands for on an edge (see ``actorField(_:declared:labelIsName:)``).
    static func relationField(_ name: String, declared: Set<String>, labelIsKind: Bool) -> String? {
        if relationFields.contains(name) { return name }
        if name == "relation", !declared.contains("kind") { return "kind" }
        if labelIsKind, name == "label" || name == "Edge Label",
           !declared.contains("kind"), !declared.contains("relation") { return "kind" }
        if name == "description", !declared.contains("note") { return "note" }
        return nil
    }

    /// The text of a value for a text field: numbers without a trailing `.0`.
    static func text(_ v: AttributeValue) -> String { v.description }

    /// Fills `actor` from the values of one node.
    static func apply(_ fields: [TypedField], to node: inout ImportedNode, declared: Set<String>, labelIsName: Bool,
                      builder: inout ImportBuilder) {
        for f in fields {
            guard let field = actorField(f.name, declared: declared, labelIsName: labelIsName) else {
                node.actor.attributes[f.name] = f.value
                node.fields[f.name] = f.position
                continue
            }
            node.fields[field] = f.position
            let t = text(f.value)
            switch field {
            case "name": node.actor.name = t
            case "kind": node.actor.kind = t
            case "aliases": node.actor.aliases = FlatList.split(t)
            case "role": node.actor.role = t
            default: node.actor.note = t
            }
        }
    }

    /// Fills `edge` from the values of one edge; bad values become positioned errors.
    static func apply(_ fields: [TypedField], to edge: inout ImportedEdge, declared: Set<String>, labelIsKind: Bool,
                      builder: inout ImportBuilder) {
        var r = edge.relation
        for f in fields {
            guard let field = relationField(f.name, declared: declared, labelIsKind: labelIsKind) else {
                r.attributes[f.name] = f.value
                edge.fields[f.name] = f.position
                continue
            }
            edge.fields[field] = f.position
            let t = text(f.value)
            switch field {
            case "id": r.id = t
            case "kind": r.kind = t
            case "sign":
                if let s = Sign(text: t.trimmingCharacters(in: .whitespaces)) { r.signOverride = s } else {
                    builder.error(f.position, "sign '\(t)' is not a sign", fix: "write positive, negative or unsigned")
                }
            case "weight":
                var w: Double?
                switch f.value {
                case .number(let x): w = x
                case .string(let s): w = Double(s.trimmingCharacters(in: .whitespaces)).flatMap { $0.isFinite ? $0 : nil }
                case .bool: w = nil
                }
                if let w { r.weight = w } else {
                    builder.error(f.position, "weight '\(t)' is not a number", fix: "write a positive number such as 1 or 2.5")
                }
            case "since", "until":
                switch PartialDate.parse(t.trimmingCharacters(in: .whitespaces)) {
                case .success(let d): if field == "since" { r.since = d } else { r.until = d }
                case .failure(let why): builder.error(f.position, "\(field): \(why.message)")
                }
            case "cite": r.evidence.citations = FlatList.split(t).map { Citation(text: $0) }
            case "quote": r.evidence.quotes = FlatList.split(t)
            case "claimed-by": r.evidence.claimedBy = FlatList.split(t)
            case "disputed-by": r.evidence.disputedBy = FlatList.split(t)
            case "confidence":
                let c = t.trimmingCharacters(in: .whitespaces)
                if let word = Confidence(word: c) { r.evidence.confidence = word } else if let x = Double(c), x.isFinite {
                    r.evidence.confidence = .value(x)
                } else {
                    builder.error(f.position, "confidence '\(t)' is neither low, medium, high nor a number",
                                  fix: "write low, medium, high or a number from 0 to 1")
                }
            default: r.note = t
            }
        }
        edge.relation = r
    }

    /// Whether an edge id attribute was made up by a tool (`0`, `12`, `e0`, `ee3`) rather than
    /// given by the analyst: such ids are not taken as relation ids.
    static func looksGenerated(_ id: String) -> Bool {
        let digits = id.drop { $0 == "e" }
        return !digits.isEmpty && digits.allSatisfy { $0.isASCII && $0.isNumber }
    }

    /// The element ids a writer gives relations: the relation's id when it has one, else `e` and
    /// the index (with more `e`s in front if a relation id already takes that).
    static func elementIDs(_ relations: [Relation]) -> [String] {
        let taken = Set(relations.compactMap(\.id))
        return relations.enumerated().map { k, r in
            if let id = r.id { return id }
            var g = "e\(k)"
            while taken.contains(g) { g = "e" + g }
            return g
        }
    }

    /// An attribute's values sorted into one column per type in use: name, type, in name order,
    /// then string, number, bool.
    static func attributeColumns(_ maps: [[String: AttributeValue]]) -> [(name: String, type: DeclaredType)] {
        var types: [String: Set<Int>] = [:]
        for m in maps {
            for (k, v) in m {
                let t: Int
                switch v { case .string: t = 0; case .number: t = 1; case .bool: t = 2 }
                types[k, default: []].insert(t)
            }
        }
        var out: [(String, DeclaredType)] = []
        for name in types.keys.sorted() {
            for t in types[name]!.sorted() {
                out.append((name, t == 0 ? .string : (t == 1 ? .real : .boolean)))
            }
        }
        return out
    }

    /// Whether `value` belongs in the column of `type`.
    static func matches(_ value: AttributeValue, _ type: DeclaredType) -> Bool {
        switch (value, type) {
        case (.string, .string), (.number, .real), (.bool, .boolean): return true
        default: return false
        }
    }
}
