import ActorGraphModel
import Foundation

/// A JSON Schema (draft 2020-12) of the native format, for editors: the YAML language server
/// validates and completes a file that starts with
/// `# yaml-language-server: $schema=actorgraph.schema.json`, and JSON editors read `"$schema"`.
///
/// The schema is built from the decoder's own key lists, so it names every key the decoder
/// accepts. Where the decoder rejects unknown keys (the top level, `kinds`, sources, kind
/// declarations) the schema says `additionalProperties: false`. Actors and relations take free
/// attributes (text, numbers, true/false), so there the schema rejects only the keys the decoder
/// flags as likely typos of a field: the same letters in another case or with `-`/`_`
/// (`claimed_by`, `claimedBy`), or one edit away from a field of four letters or more (`cites`,
/// `confidance`). Values follow YAML 1.2, as the language server reads them: a date is
/// `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (a year alone may be a number).
public enum GraphSchema {
    /// The schema as a JSON value (dictionaries, arrays, strings, numbers, booleans).
    public static var schema: [String: Any] {
        let text: [String: Any] = ["type": ["string", "number", "boolean"]]
        let ref = { (name: String) -> [String: Any] in ["$ref": "#/$defs/\(name)"] }
        let nullable = { (schema: [String: Any]) -> [String: Any] in ["anyOf": [schema, ["type": "null"]]] }
        func described(_ schema: [String: Any], _ description: String) -> [String: Any] {
            schema.merging(["description": description]) { a, _ in a }
        }
        /// `properties` for exactly the keys the decoder knows: a key the decoder accepts and this
        /// schema does not describe yet is taken as text, so the schema never rejects it.
        func covering(_ properties: [String: Any], _ known: [String]) -> [String: Any] {
            Dictionary(uniqueKeysWithValues: known.map { ($0, properties[$0] ?? ref("text")) })
        }
        func strictObject(_ properties: [String: Any], known: [String], required: [String] = []) -> [String: Any] {
            var o: [String: Any] = ["type": "object", "properties": covering(properties, known), "additionalProperties": false]
            if !required.isEmpty { o["required"] = required }
            return o
        }
        /// An object whose unknown keys are free attributes, except likely typos of `known`.
        func openObject(_ properties: [String: Any], known: [String], required: [String]) -> [String: Any] {
            ["type": "object", "properties": covering(properties, known), "required": required,
             "additionalProperties": ref("attribute"),
             "propertyNames": ["not": ["anyOf": known.compactMap(typoPattern).map { ["pattern": $0.pattern, "not": ["const": $0.key]] }]]]
        }
        let signWords = ["positive", "+", "+1", "1", "negative", "-", "-1", "−", "unsigned", "0", "none", "neutral"]
        let defs: [String: Any] = [
            "text": described(text, "Text (a number or true/false is read as its text)."),
            "textList": described(["anyOf": [ref("text"), ["type": "array", "items": ref("text")]]], "Text, or a list of text."),
            "date": described(["anyOf": [["type": "string", "pattern": "^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"],
                                         ["type": "integer", "minimum": 0, "maximum": 9999]]],
                              "A partial date: YYYY, YYYY-MM or YYYY-MM-DD (a year, a month or a day; spans are inclusive)."),
            "sign": described(["anyOf": [["type": "string", "pattern": "^(" + signWords.map(caseless).joined(separator: "|") + ")$"],
                                         ["enum": [1, -1, 0]]]],
                              "positive, negative or unsigned (also +, -, 0)."),
            "confidence": described(["anyOf": [["type": "string", "pattern": "^(" + ["low", "medium", "high"].map(caseless).joined(separator: "|") + ")$"],
                                               ["type": "number", "minimum": 0, "maximum": 1]]],
                                    "low (0.25), medium (0.5), high (0.75), or a number from 0 to 1."),
            "attribute": described(text, "A free attribute: text, a number or true/false."),
            "source": described(strictObject([
                "title": described(ref("text"), "The document's title."),
                "date": ref("date"), "author": ref("text"), "url": ref("text"), "note": ref("text"),
                "text": described(ref("text"), "A plain-text or Markdown copy of the source, as a path relative to the graph file: cites resolve ¶N, lines A-B and p. N against it, and quotes are checked in it."),
            ], known: GraphDecoder.sourceKeys, required: ["title"]), "A document the relations cite by its id."),
            "actorKind": described(strictObject([
                "label": ref("text"), "shape": described(ref("text"), "A Graphviz node shape."),
                "fill": described(ref("text"), "Fill colour."), "color": described(ref("text"), "Outline colour."),
            ], known: GraphDecoder.actorKindKeys), "An actor kind declared or restyled."),
            "relationKind": described(strictObject([
                "label": ref("text"), "sign": ref("sign"), "directed": ["type": "boolean"],
                "color": ref("text"), "line": ["enum": LineStyle.allCases.map(\.rawValue)], "arrowhead": ref("text"),
            ], known: GraphDecoder.relationKindKeys), "A relation kind declared or restyled."),
            "actor": described(openObject([
                "name": described(ref("text"), "The display name (default: the id)."),
                "kind": described(ref("text"), "A built-in kind (\(ActorKind.builtIns.map(\.id).joined(separator: ", "))) or one declared under kinds."),
                "aliases": described(ref("textList"), "Other names."),
                "role": ref("text"), "note": ref("text"),
            ], known: GraphDecoder.actorKeys, required: ["kind"]), "An actor, keyed by its id. Other keys are free attributes."),
            "relation": described(openObject([
                "id": described(ref("text"), "An id, for citing the relation."),
                "kind": described(ref("text"), "A built-in kind (\(RelationKind.builtIns.map(\.id).joined(separator: ", "))) or one declared under kinds."),
                "between": described(["type": "array", "items": ref("text"), "minItems": 2, "maxItems": 2],
                                     "The two actors of an undirected relation."),
                "from": described(ref("text"), "The actor a directed relation runs from."),
                "to": described(ref("text"), "The actor a directed relation runs to."),
                "since": described(ref("date"), "The first date it holds (inclusive)."),
                "until": described(ref("date"), "The last date it holds (inclusive)."),
                "sign": described(ref("sign"), "Overrides the kind's sign for this relation."),
                "weight": described(["type": "number", "exclusiveMinimum": 0], "Intensity (default 1)."),
                "confidence": ref("confidence"),
                "claimed-by": described(ref("textList"), "The actors who assert it."),
                "disputed-by": described(ref("textList"), "The actors who deny it."),
                "cite": described(ref("textList"), "Citations: a source id, then a locator (`cable ¶3`)."),
                "quote": described(ref("textList"), "The source's own words the relation rests on, each found in one of the cited passages (spacing, line breaks, hyphens at line ends, quote marks and dashes aside)."),
                "note": ref("text"),
            ], known: GraphDecoder.relationKeys, required: ["kind"]).merging([
                "oneOf": [["required": ["between"], "not": ["anyOf": [["required": ["from"]], ["required": ["to"]]]]],
                          ["required": ["from", "to"], "not": ["required": ["between"]]]],
            ]) { a, _ in a }, "A relation: 'between: [a, b]' (undirected kinds) or 'from:'/'to:' (directed kinds). Other keys are free attributes."),
        ]
        let properties: [String: Any] = [
            "actorgraph": described(["const": ActorGraph.formatVersion], "The format version."),
            "title": described(ref("text"), "A one-line title for captions."),
            "description": described(ref("text"), "Free text."),
            "sources": described(nullable(["type": "object", "additionalProperties": ref("source")]), "The documents relations cite, by id."),
            "kinds": described(strictObject([
                "actors": nullable(["type": "object", "additionalProperties": ref("actorKind")]),
                "relations": nullable(["type": "object", "additionalProperties": ref("relationKind")]),
            ], known: ["actors", "relations"]), "Actor and relation kinds declared or restyled."),
            "actors": described(nullable(["type": "object", "additionalProperties": ref("actor")]), "The actors, by id."),
            "relations": described(nullable(["type": "array", "items": ref("relation")]), "The relations."),
        ]
        return [
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": "urn:actorgraph:format:\(ActorGraph.formatVersion)",
            "title": "ActorGraph graph file, format version \(ActorGraph.formatVersion)",
            "description": "Actors with kinds, and typed, signed relations with their evidence and dates. Written by actorgraph schema.",
            "type": "object",
            "required": ["actorgraph"],
            "properties": covering(properties, GraphDecoder.topLevelKeys),
            "additionalProperties": false,
            "$defs": defs,
        ]
    }

    /// The schema as pretty-printed JSON text with sorted keys: the same bytes every time.
    public static var text: String {
        // Cannot fail: the value holds only JSON types.
        let data = try! JSONSerialization.data(withJSONObject: schema, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self)
    }

    /// `[pP][oO]…`: the word in any case (JSON Schema patterns have no case-insensitive flag).
    static func caseless(_ word: String) -> String {
        word.map { c -> String in
            let lower = c.lowercased(), upper = c.uppercased()
            if lower != upper { return "[\(lower)\(upper)]" }
            return NSRegularExpression.escapedPattern(for: String(c))
        }.joined()
    }

    /// A pattern matching the likely typos of `key` (``GraphDecoder/likelyTypo(_:of:)``): the same
    /// letters in any case with `-` or `_` anywhere between them; for keys of four letters or more,
    /// also one letter deleted, inserted or replaced. The key itself matches too: the schema
    /// excludes it with `not: {const: key}`.
    static func typoPattern(_ key: String) -> (key: String, pattern: String)? {
        let letters = Array(key.lowercased().filter { $0 != "-" && $0 != "_" })
        guard !letters.isEmpty else { return nil }
        func class_(_ c: Character) -> String { caseless(String(c)) }
        var alternatives = [letters.map(class_).joined(separator: "[-_]*")]
        if key.count >= 4 {
            let k = Array(key.lowercased())
            func escaped(_ cs: ArraySlice<Character>) -> String { NSRegularExpression.escapedPattern(for: String(cs)) }
            for i in k.indices {
                alternatives.append(escaped(k[..<i]) + escaped(k[(i + 1)...]))          // deleted
                alternatives.append(escaped(k[..<i]) + "." + escaped(k[(i + 1)...]))    // replaced
            }
            for i in 0...k.count { alternatives.append(escaped(k[..<i]) + "." + escaped(k[i...])) }  // inserted
        }
        return (key, "^(" + alternatives.joined(separator: "|") + ")$")
    }
}
