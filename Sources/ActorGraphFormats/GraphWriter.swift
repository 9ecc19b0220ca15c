import ActorGraphModel

/// Writes a graph in the native format, canonically: fixed key order, one actor or relation per
/// line, stable quoting. The same graph always gives the same bytes, so graphs under version
/// control diff cleanly, and reading the output gives back an equal graph.
///
/// Order of keys: `actorgraph`, `title`, `description`, `sources`, `kinds`, `actors`,
/// `relations`. Within an actor: name (omitted when equal to the id), kind, aliases, role, note,
/// then attributes by name. Within a relation: id, kind, between or from/to, since, until, sign,
/// weight (omitted when 1), confidence, claimed-by, disputed-by, cite, quote, note, then attributes.
/// Within a source: title, date, author, url, text, note.
/// Actors, relations and sources keep the graph's order.
public enum GraphWriter {
    /// The graph as canonical text in `syntax`, ending with a newline.
    ///
    /// - Complexity: O(size of the output).
    public static func write(_ graph: ActorGraph, as syntax: NativeSyntax) -> String {
        let doc = document(graph)
        return syntax == .yaml ? YAMLEmitter.emit(doc) : JSONEmitter.emit(doc)
    }

    // MARK: The document as ordered values

    static func document(_ g: ActorGraph) -> [(String, Value)] {
        var top: [(String, Value)] = [("actorgraph", .number(Double(ActorGraph.formatVersion)))]
        if let t = g.title { top.append(("title", .text(t))) }
        if let d = g.description { top.append(("description", .text(d))) }
        if !g.sources.isEmpty {
            top.append(("sources", .block(g.sources.map { s in
                var f: [(String, Value)] = [("title", .text(s.title))]
                if let d = s.date { f.append(("date", .date(d))) }
                if let a = s.author { f.append(("author", .text(a))) }
                if let u = s.url { f.append(("url", .text(u))) }
                if let t = s.text { f.append(("text", .text(t))) }
                if let n = s.note { f.append(("note", .text(n))) }
                return (s.id, .map(f))
            })))
        }
        if !g.actorKindDeclarations.isEmpty || !g.relationKindDeclarations.isEmpty {
            var kinds: [(String, Value)] = []
            if !g.actorKindDeclarations.isEmpty {
                kinds.append(("actors", .block(g.actorKindDeclarations.map { k in
                    var f: [(String, Value)] = []
                    if let l = k.label { f.append(("label", .text(l))) }
                    if let s = k.style.shape { f.append(("shape", .text(s))) }
                    if let s = k.style.fill { f.append(("fill", .text(s))) }
                    if let s = k.style.color { f.append(("color", .text(s))) }
                    return (k.id, .map(f))
                })))
            }
            if !g.relationKindDeclarations.isEmpty {
                kinds.append(("relations", .block(g.relationKindDeclarations.map { k in
                    var f: [(String, Value)] = []
                    if let l = k.label { f.append(("label", .text(l))) }
                    if let s = k.sign { f.append(("sign", .word(s.rawValue))) }
                    if let d = k.directed { f.append(("directed", .bool(d))) }
                    if let s = k.style.color { f.append(("color", .text(s))) }
                    if let s = k.style.line { f.append(("line", .word(s.rawValue))) }
                    if let s = k.style.arrowhead { f.append(("arrowhead", .text(s))) }
                    return (k.id, .map(f))
                })))
            }
            top.append(("kinds", .block(kinds)))
        }
        top.append(("actors", .block(g.actors.map { a in
            var f: [(String, Value)] = []
            if a.name != a.id { f.append(("name", .text(a.name))) }
            f.append(("kind", .text(a.kind)))
            if !a.aliases.isEmpty { f.append(("aliases", .list(a.aliases.map { .text($0) }))) }
            if let r = a.role { f.append(("role", .text(r))) }
            if let n = a.note { f.append(("note", .text(n))) }
            f += attributes(a.attributes)
            return (a.id, .map(f))
        })))
        top.append(("relations", .items(g.relations.map { r in
            var f: [(String, Value)] = []
            if let id = r.id { f.append(("id", .text(id))) }
            f.append(("kind", .text(r.kind)))
            if r.directed {
                f.append(("from", .text(r.source)))
                f.append(("to", .text(r.target)))
            } else {
                f.append(("between", .list([.text(r.source), .text(r.target)])))
            }
            if let d = r.since { f.append(("since", .date(d))) }
            if let d = r.until { f.append(("until", .date(d))) }
            if let s = r.signOverride { f.append(("sign", .word(s.rawValue))) }
            if r.weight != 1 { f.append(("weight", .number(r.weight))) }
            switch r.evidence.confidence {
            case .none: break
            case .value(let x)?: f.append(("confidence", .number(x)))
            case let c?: f.append(("confidence", .word(c.description)))
            }
            f += idList("claimed-by", r.evidence.claimedBy)
            f += idList("disputed-by", r.evidence.disputedBy)
            let cites = r.evidence.citations.map { Value.text($0.description) }
            if cites.count == 1 { f.append(("cite", cites[0])) } else if cites.count > 1 { f.append(("cite", .list(cites))) }
            let quotes = r.evidence.quotes.map { Value.text($0) }
            if quotes.count == 1 { f.append(("quote", quotes[0])) } else if quotes.count > 1 { f.append(("quote", .list(quotes))) }
            if let n = r.note { f.append(("note", .text(n))) }
            f += attributes(r.attributes)
            return .map(f)
        })))
        return top
    }

    private static func idList(_ key: String, _ ids: [String]) -> [(String, Value)] {
        switch ids.count {
        case 0: return []
        case 1: return [(key, .text(ids[0]))]
        default: return [(key, .list(ids.map { .text($0) }))]
        }
    }

    private static func attributes(_ a: [String: AttributeValue]) -> [(String, Value)] {
        a.keys.sorted().map { key in
            switch a[key]! {
            case .string(let s): return (key, .text(s))
            case .number(let x): return (key, .number(x))
            case .bool(let b): return (key, .bool(b))
            }
        }
    }

    /// A value to write. `block` and `items` lay out one entry per line; the rest are inline.
    indirect enum Value {
        case text(String)
        /// A keyword written bare in YAML (`positive`, `low`).
        case word(String)
        case number(Double)
        case bool(Bool)
        case date(PartialDate)
        case list([Value])
        case map([(String, Value)])
        case block([(String, Value)])
        case items([Value])
    }
}

/// Emits the canonical YAML layout.
enum YAMLEmitter {
    static func emit(_ doc: [(String, GraphWriter.Value)]) -> String {
        var out = ""
        block(doc, indent: 0, into: &out)
        return out
    }

    private static func block(_ pairs: [(String, GraphWriter.Value)], indent: Int, into out: inout String) {
        let pad = String(repeating: " ", count: indent)
        for (key, value) in pairs {
            let k = scalar(key)
            // libyaml limits implicit keys to 1024 characters; longer ones need an explicit '? '.
            let lead = k.unicodeScalars.count > simpleKeyLimit ? "\(pad)? \(k)\n\(pad):" : "\(pad)\(k):"
            switch value {
            case .block(let inner):
                if inner.isEmpty { out += "\(lead) {}\n" } else {
                    out += "\(lead)\n"
                    block(inner, indent: indent + 2, into: &out)
                }
            case .items(let items):
                if items.isEmpty { out += "\(lead) []\n" } else {
                    out += "\(lead)\n"
                    for item in items { out += "\(pad)  - \(inline(item))\n" }
                }
            default:
                out += "\(lead) \(inline(value))\n"
            }
        }
    }

    /// Keys longer than this are written as explicit keys (`? key`).
    static let simpleKeyLimit = 1000

    private static func flowKey(_ key: String) -> String {
        let k = scalar(key)
        return k.unicodeScalars.count > simpleKeyLimit ? "? \(k) :" : "\(k):"
    }

    private static func inline(_ value: GraphWriter.Value) -> String {
        switch value {
        case .text(let s): return scalar(s)
        case .word(let w): return w
        case .number(let x): return AttributeValue.format(x)
        case .bool(let b): return b ? "true" : "false"
        case .date(let d): return d.description
        case .list(let items): return "[" + items.map(inline).joined(separator: ", ") + "]"
        case .map(let pairs), .block(let pairs):
            return pairs.isEmpty ? "{}" : "{ " + pairs.map { "\(flowKey($0.0)) \(inline($0.1))" }.joined(separator: ", ") + " }"
        case .items(let items): return "[" + items.map(inline).joined(separator: ", ") + "]"
        }
    }

    /// Text as a plain scalar when YAML (1.1 or 1.2, in flow context) reads it back as the same
    /// string; otherwise double-quoted with escapes.
    static func scalar(_ s: String) -> String {
        isSafePlain(s) ? s : doubleQuoted(s)
    }

    static func isSafePlain(_ s: String) -> Bool {
        guard let first = s.unicodeScalars.first, let last = s.unicodeScalars.last else { return false }
        if first == " " || last == " " || last == ":" { return false }
        if "-?:,[]{}#&*!|>'\"%@`".unicodeScalars.contains(first) { return false }
        for c in s.unicodeScalars {
            if c.value < 0x20 || c.value == 0x7F || (0x80...0x9F).contains(c.value) || c.value == 0xFEFF
                || c.value == 0x2028 || c.value == 0x2029 || c.properties.generalCategory == .format && c.value != 0x200D {
                return false
            }
            if ",[]{}\"'\\".unicodeScalars.contains(c) { return false }
        }
        if s.contains(": ") || s.contains(" #") { return false }
        // Words and numbers YAML would read as something other than text.
        let lower = s.lowercased()
        if ["null", "~", "true", "false", "yes", "no", "on", "off", "y", "n", ".nan", ".inf", "-.inf", "+.inf", "<<", "="]
            .contains(lower) { return false }
        if s.allSatisfy({ $0.isASCII && ($0.isNumber || "+-._:eExXoObBabcdefABCDEF".contains($0)) }),
           s.contains(where: { $0.isNumber }) {
            return false // numbers, hex, octal, sexagesimal, dates, times: keep them text
        }
        return true
    }

    static func doubleQuoted(_ s: String) -> String {
        var out = "\""
        for c in s.unicodeScalars {
            switch c {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            case "\0": out += "\\0"
            default:
                if c.value < 0x20 || c.value == 0x7F || (0x80...0x9F).contains(c.value) || c.value == 0xFEFF
                    || c.value == 0x2028 || c.value == 0x2029 {
                    out += c.value <= 0xFF ? "\\x" + hex(c.value, 2) : "\\u" + hex(c.value, 4)
                } else {
                    out.unicodeScalars.append(c)
                }
            }
        }
        return out + "\""
    }

    static func hex(_ v: UInt32, _ width: Int) -> String {
        let h = String(v, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, width - h.count)) + h
    }
}

/// Emits the canonical JSON layout: the same shape, one actor or relation per line.
enum JSONEmitter {
    static func emit(_ doc: [(String, GraphWriter.Value)]) -> String {
        var out = "{\n"
        block(doc, indent: 2, into: &out)
        return out + "}\n"
    }

    private static func block(_ pairs: [(String, GraphWriter.Value)], indent: Int, into out: inout String) {
        let pad = String(repeating: " ", count: indent)
        for (n, (key, value)) in pairs.enumerated() {
            let comma = n + 1 < pairs.count ? "," : ""
            switch value {
            case .block(let inner) where !inner.isEmpty:
                out += "\(pad)\(string(key)): {\n"
                block(inner, indent: indent + 2, into: &out)
                out += "\(pad)}\(comma)\n"
            case .items(let items) where !items.isEmpty:
                out += "\(pad)\(string(key)): [\n"
                for (m, item) in items.enumerated() {
                    out += "\(pad)  \(inline(item))\(m + 1 < items.count ? "," : "")\n"
                }
                out += "\(pad)]\(comma)\n"
            default:
                out += "\(pad)\(string(key)): \(inline(value))\(comma)\n"
            }
        }
    }

    private static func inline(_ value: GraphWriter.Value) -> String {
        switch value {
        case .text(let s), .word(let s): return string(s)
        case .number(let x): return AttributeValue.format(x)
        case .bool(let b): return b ? "true" : "false"
        case .date(let d): return string(d.description)
        case .list(let items), .items(let items): return "[" + items.map(inline).joined(separator: ", ") + "]"
        case .map(let pairs), .block(let pairs):
            return "{" + pairs.map { "\(string($0.0)): \(inline($0.1))" }.joined(separator: ", ") + "}"
        }
    }

    static func string(_ s: String) -> String { JSONText.string(s) }
}

/// JSON string literals, escaped per RFC 8259 (and U+2028/U+2029, for JavaScript).
public enum JSONText {
    /// `s` as a quoted JSON string.
    public static func string(_ s: String) -> String {
        var out = "\""
        for c in s.unicodeScalars {
            switch c {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if c.value < 0x20 || c.value == 0x2028 || c.value == 0x2029 {
                    out += "\\u" + YAMLEmitter.hex(c.value, 4)
                } else {
                    out.unicodeScalars.append(c)
                }
            }
        }
        return out + "\""
    }
}
