import ActorGraphModel
import Foundation

/// Where each part of a graph was written: the position of every entry, field and list element
/// that the decoder read, keyed by ``/ActorGraphModel/GraphLocation``.
public struct SourceMap: Sendable {
    var positions = PositionTable()
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

/// Positions by ``/ActorGraphModel/GraphLocation``, as a dictionary would hold them, but with
/// each location packed into one integer (its case, index, field name as a number, element), so
/// that the million positions of a large file cost an integer hash each instead of hashing an
/// enum with a string. Locations that do not pack (huge indices, thousands of field names) are
/// kept as they are.
struct PositionTable: Sendable, Sequence {
    private var packed = PackedPositions()
    private var other: [GraphLocation: SourcePosition] = [:]
    /// Field names by number (from 1; 0 is no field).
    private var fieldNumbers: [String: UInt64] = [:]
    private var fieldNames: [String] = []

    private static let indexBits: UInt64 = 27, fieldBits: UInt64 = 12, elementBits: UInt64 = 22

    /// Room for `count` positions without growing.
    mutating func reserveCapacity(_ count: Int) { packed.reserveCapacity(count) }

    private static func parts(_ location: GraphLocation) -> (kind: UInt64, index: Int, field: String?, element: Int?) {
        switch location {
        case .graph(let f): return (0, 0, f, nil)
        case .source(let i, let f): return (1, i, f, nil)
        case .actorKind(let i, let f): return (2, i, f, nil)
        case .relationKind(let i, let f): return (3, i, f, nil)
        case .actor(let i, let f, let e): return (4, i, f, e)
        case .relation(let i, let f, let e): return (5, i, f, e)
        }
    }

    /// The packed key for a location whose field has `number`, or nil when it does not pack.
    private static func key(_ location: GraphLocation, field number: UInt64?) -> UInt64? {
        let (kind, index, _, element) = parts(location)
        guard let number, index >= 0, index < 1 << indexBits else { return nil }
        let e = element.map { $0 &+ 1 } ?? 0
        guard e >= 0, e < 1 << elementBits else { return nil }
        return kind << 61 | UInt64(index) << 34 | number << 22 | UInt64(e)
    }

    private func number(of field: String?) -> UInt64? {
        guard let field else { return 0 }
        if fieldNames.count <= 32 {
            // A few names (a file's fields): comparing beats hashing.
            let length = field.utf8.count
            for (k, name) in fieldNames.enumerated() where name.utf8.count == length && name == field { return UInt64(k + 1) }
            return nil
        }
        return fieldNumbers[field]
    }

    /// The field's number, given one if it is new and there is room.
    private mutating func internedNumber(of field: String?) -> UInt64? {
        guard let field else { return 0 }
        if let known = number(of: field) { return known }
        guard fieldNames.count + 1 < 1 << Self.fieldBits else { return nil }
        fieldNames.append(field)
        let number = UInt64(fieldNames.count)
        fieldNumbers[field] = number
        return number
    }

    subscript(location: GraphLocation) -> SourcePosition? {
        get {
            if let k = Self.key(location, field: number(of: Self.parts(location).field)) { return packed[k] }
            return other[location]
        }
        set {
            if let k = Self.key(location, field: internedNumber(of: Self.parts(location).field)) {
                packed[k] = newValue
            } else {
                other[location] = newValue
            }
        }
    }

    private func location(_ k: UInt64) -> GraphLocation {
        let index = Int(k >> 34 & (1 << Self.indexBits - 1))
        let number = Int(k >> 22 & (1 << Self.fieldBits - 1))
        let e = Int(k & (1 << Self.elementBits - 1))
        let field = number == 0 ? nil : fieldNames[number - 1]
        let element = e == 0 ? nil : e - 1
        switch k >> 61 {
        case 0: return .graph(field: field)
        case 1: return .source(index, field: field)
        case 2: return .actorKind(index, field: field)
        case 3: return .relationKind(index, field: field)
        case 4: return .actor(index, field: field, element: element)
        default: return .relation(index, field: field, element: element)
        }
    }

    /// Every location and its position, in no particular order.
    func makeIterator() -> AnyIterator<(key: GraphLocation, value: SourcePosition)> {
        var fromPacked = packed.entries.makeIterator()
        var fromOther = other.makeIterator()
        return AnyIterator {
            if let (k, p) = fromPacked.next() { return (location(k), p) }
            return fromOther.next()
        }
    }
}

/// A hash table from packed locations to positions: open addressing with linear probing and a
/// multiplicative hash, which for integer keys costs a fraction of `Dictionary`'s seeded hashing.
struct PackedPositions: Sendable {
    /// Key + 1 per slot (0: empty); a packed key never has all bits set, so + 1 never wraps.
    private var keys: [UInt64] = []
    private var values: [SourcePosition] = []
    private var count = 0
    private var shift: UInt64 = 64

    /// The first slot to probe. The positions of one entry (its index, a field, a few list
    /// elements) land in neighbouring slots, so that filling the table entry by entry stays in
    /// the cache; longer lists, and entries far apart, are spread by a multiplicative hash.
    private func slot(_ key: UInt64) -> Int {
        guard !keys.isEmpty else { return 0 }
        let element = key & (1 << 22 - 1)
        if element < 4 {
            let index = key >> 34 & (1 << 27 - 1), field = key >> 22 & (1 << 12 - 1), kind = key >> 61
            let near = index << 4 | (field &* 4 &+ element) & 15
            return Int(truncatingIfNeeded: (near &+ kind &* 0x9_E377) & UInt64(keys.count - 1))
        }
        return Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    /// Room for `n` entries at most half full.
    mutating func reserveCapacity(_ n: Int) {
        var size = 16
        while size < 2 * n { size <<= 1 }
        guard size > keys.count else { return }
        let old = entries
        keys = [UInt64](repeating: 0, count: size)
        values = [SourcePosition](repeating: SourcePosition(line: 0, column: 0), count: size)
        shift = UInt64(64 - size.trailingZeroBitCount)
        count = 0
        for (k, v) in old { self[k] = v }
    }

    subscript(key: UInt64) -> SourcePosition? {
        get {
            guard !keys.isEmpty else { return nil }
            let mask = keys.count - 1
            var s = slot(key)
            while keys[s] != 0 {
                if keys[s] == key &+ 1 { return values[s] }
                s = (s + 1) & mask
            }
            return nil
        }
        set {
            if keys.isEmpty || 2 * (count + 1) > keys.count { reserveCapacity(max(16, 2 * (count + 1))) }
            let mask = keys.count - 1
            var s = slot(key)
            while keys[s] != 0 && keys[s] != key &+ 1 { s = (s + 1) & mask }
            if let newValue {
                if keys[s] == 0 { count += 1 }
                keys[s] = key &+ 1
                values[s] = newValue
            } else if keys[s] != 0 {
                // Removal (not used by the readers): rebuild without the key.
                let rest = entries.filter { $0.0 != key }
                keys = []
                values = []
                count = 0
                reserveCapacity(rest.count)
                for (k, v) in rest { self[k] = v }
            }
        }
    }

    /// Every key and its position.
    var entries: [(UInt64, SourcePosition)] {
        var out: [(UInt64, SourcePosition)] = []
        out.reserveCapacity(count)
        for (s, k) in keys.enumerated() where k != 0 { out.append((k &- 1, values[s])) }
        return out
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
        sourceMap.positions.reserveCapacity(8 * items.count + 4 * graph.actors.count)
        for item in items {
            guard case .mapping(let pairs, let position) = item else {
                typeError(item, "a relation", expected: "a mapping such as { kind: conflict, between: [a, b] }")
                continue
            }
            let index = graph.relations.count
            let f = uniqueFields(pairs, known: GraphDecoder.relationKeys, context: "in this relation", strict: false)
            // The relation's positions, kept only when it is decoded (else the next relation,
            // which takes its index, would inherit them).
            var positions: [(GraphLocation, SourcePosition)] = []
            positions.reserveCapacity(f.count + 3)
            func record(_ location: GraphLocation, _ position: SourcePosition) { positions.append((location, position)) }
            for (name, field) in f { record(.relation(index, field: name, element: nil), field.value.position) }

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
                    record(.relation(index, field: "between", element: 0), ids[0].position)
                    record(.relation(index, field: "between", element: 1), ids[1].position)
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
                for (j, id) in ids.enumerated() where ids.count > 1 { record(.relation(index, field: "claimed-by", element: j), id.position) }
            }
            if let d = f["disputed-by"] {
                let ids = textList(d.value, "disputed-by")
                evidence.disputedBy = ids.map(\.text)
                for (j, id) in ids.enumerated() where ids.count > 1 { record(.relation(index, field: "disputed-by", element: j), id.position) }
            }
            if let c = f["cite"] {
                let cites = textList(c.value, "cite")
                evidence.citations = cites.map { Citation(text: $0.text) }
                for (j, item) in cites.enumerated() where cites.count > 1 { record(.relation(index, field: "cite", element: j), item.position) }
            }
            if let q = f["quote"] {
                let quotes = textList(q.value, "quote")
                evidence.quotes = quotes.map(\.text)
                for (j, item) in quotes.enumerated() where quotes.count > 1 { record(.relation(index, field: "quote", element: j), item.position) }
            }
            if let c = f["confidence"] { evidence.confidence = confidence(c.value) }
            let weight = f["weight"].flatMap { number($0.value, "weight") } ?? 1

            guard let kind, let source, let target else {
                continue   // reported above
            }
            graph.relations.append(Relation(
                id: f["id"].flatMap { text($0.value, "id") }, kind: kind, source: source, target: target,
                directed: directed, sign: f["sign"].flatMap { sign($0.value) }, weight: weight,
                since: f["since"].flatMap { date($0.value, "since") }, until: f["until"].flatMap { date($0.value, "until") },
                evidence: evidence, note: f["note"].flatMap { text($0.value, "note") },
                attributes: attributes(f, known: GraphDecoder.relationKeys)))
            for (location, p) in positions { sourceMap.record(location, p) }
            sourceMap.record(.relation(index, field: nil, element: nil), position)
        }
    }

    // MARK: Fields

    typealias Field = (key: ScalarNode, value: DocumentNode)

    /// A mapping's fields by key, in file order. An entry has a handful, so a search along them
    /// beats hashing; a mapping with many keys gets an index.
    struct Fields: Sequence {
        private var keys: [String] = []
        private var values: [Field] = []
        private var index: [String: Int]?

        init() {}

        var count: Int { keys.count }

        subscript(key: String) -> Field? {
            if let index { return index[key].map { values[$0] } }
            let length = key.utf8.count
            for k in keys.indices where keys[k].utf8.count == length && keys[k] == key { return values[k] }
            return nil
        }

        /// Adds a field whose key is not there yet.
        mutating func add(_ key: String, _ field: Field) {
            keys.append(key)
            values.append(field)
            if index != nil {
                index![key] = keys.count - 1
            } else if keys.count > 16 {
                index = Dictionary(keys.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
            }
        }

        func makeIterator() -> Zip2Sequence<[String], [Field]>.Iterator { zip(keys, values).makeIterator() }
    }

    /// The pairs of a mapping by key; reports duplicate keys, and unknown keys when `strict`
    /// (otherwise unknown keys are free attributes, with a warning when one looks like a typo).
    private mutating func uniqueFields(_ pairs: [Field], known: [String], context: @autoclosure () -> String, strict: Bool) -> Fields {
        var fields = Fields()
        for pair in pairs {
            let key = pair.key.text
            if let first = fields[key] {
                error(pair.key.position, "the key '\(key)' appears twice \(context()) (first at line \(first.key.position.line))",
                      fix: "keep one of them")
                continue
            }
            if !known.contains(key) {
                if strict {
                    error(pair.key.position, "unknown key '\(key)' \(context())",
                          fix: Suggest.didYouMean(key, among: known) ?? "the keys here are \(known.joined(separator: ", "))")
                    continue
                } else if let near = likelyTypo(key, of: known) {
                    warning(pair.key.position, "'\(key)' is kept as a free attribute, but looks like the field '\(near)'",
                            fix: "did you mean '\(near)'?")
                }
            }
            fields.add(key, pair)
        }
        return fields
    }

    /// ``likelyTypo(_:of:)``, remembered per key and list of known keys (a free attribute is
    /// written on every entry).
    private var typoMemo: [String: [String: String?]] = [:]

    private mutating func likelyTypo(_ key: String, of known: [String]) -> String? {
        let list = known.joined(separator: " ")
        if let memo = typoMemo[list]?[key] { return memo }
        let near = GraphDecoder.likelyTypo(key, of: known)
        typoMemo[list, default: [:]][key] = .some(near)
        return near
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

    private mutating func fieldsOfEntry(_ node: DocumentNode, known: [String], what: @autoclosure () -> String, strict: Bool) -> Fields {
        switch node {
        case .mapping(let pairs, _): return uniqueFields(pairs, known: known, context: "in \(what())", strict: strict)
        case .scalar(let s) where s.isNull: return Fields()
        default:
            typeError(node, what(), expected: "a mapping of its fields, e.g. { \(known.prefix(2).map { "\($0): …" }.joined(separator: ", ")) }")
            return Fields()
        }
    }

    private mutating func attributes(_ fields: Fields, known: [String]) -> [String: AttributeValue] {
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
