@testable import ActorGraphFormats
import ActorGraphModel
import Foundation
import NetworkAnalysis
import Testing

/// The byte-level YAML paths against what they replace: ``PlainYAMLReader`` must give exactly the
/// document libyaml composes (texts, quoting, positions) for every text it takes, and the
/// byte-level nesting estimate must give exactly the position the character-level scan gave.
@Suite struct PlainYAMLReaderTests {
    /// The first difference between two documents, or nil when they are the same.
    static func difference(_ a: DocumentNode?, _ b: DocumentNode?, at path: String = "$") -> String? {
        switch (a, b) {
        case (nil, nil): return nil
        case (nil, _), (_, nil): return "\(path): one side is empty"
        case (.scalar(let x)?, .scalar(let y)?):
            if x.text != y.text { return "\(path): text \(x.text.debugDescription) ≠ \(y.text.debugDescription)" }
            if x.quoted != y.quoted || x.isNull != y.isNull { return "\(path) '\(x.text)': quoting differs" }
            if x.position != y.position { return "\(path) '\(x.text)': position \(x.position) ≠ \(y.position)" }
            return nil
        case (.mapping(let x, let p)?, .mapping(let y, let q)?):
            if p != q { return "\(path): mapping position \(p) ≠ \(q)" }
            if x.count != y.count { return "\(path): \(x.count) ≠ \(y.count) pairs" }
            for (u, v) in zip(x, y) {
                if let d = difference(.scalar(u.key), .scalar(v.key), at: path + ".key") { return d }
                if let d = difference(u.value, v.value, at: path + "." + u.key.text) { return d }
            }
            return nil
        case (.sequence(let x, let p)?, .sequence(let y, let q)?):
            if p != q { return "\(path): sequence position \(p) ≠ \(q)" }
            if x.count != y.count { return "\(path): \(x.count) ≠ \(y.count) items" }
            for (k, (u, v)) in zip(x, y).enumerated() {
                if let d = difference(u, v, at: path + "[\(k)]") { return d }
            }
            return nil
        default: return "\(path): shapes differ"
        }
    }

    /// Whether the fast reader takes `text`, and if so, the first difference from libyaml's document.
    static func compare(_ text: String) -> (taken: Bool, difference: String?) {
        guard let fast = PlainYAMLReader.read(text) else { return (false, nil) }
        switch YAMLDocumentReader.composeWithLibyaml(text, file: "t.yaml") {
        case .success(let node): return (true, difference(fast, node))
        case .failure(let d): return (true, "libyaml refuses what the fast reader took: \(d)")
        }
    }

    static var root: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// The example graphs, the large one and the test fixtures: all in the subset, all identical.
    @Test func everyBundledGraphReadsAsLibyamlComposesIt() throws {
        var files = ["graphs", "graphs/large", "Tests/ActorGraphFormatsTests/Fixtures/split-karachi",
                     "Tests/ActorGraphFormatsTests/Fixtures/interchange"].flatMap { dir in
            ((try? FileManager.default.contentsOfDirectory(atPath: Self.root.appendingPathComponent(dir).path)) ?? [])
                .filter { $0.hasSuffix(".yaml") }.sorted().map { "\(dir)/\($0)" }
        }
        files.sort()
        #expect(files.count >= 10)
        for file in files {
            let text = try String(contentsOf: Self.root.appendingPathComponent(file), encoding: .utf8)
            let (taken, difference) = Self.compare(text)
            #expect(taken, "\(file) is outside the fast reader's subset")
            #expect(difference == nil, "\(file): \(difference ?? "")")
        }
    }

    /// Texts at the edges of the subset: escapes, quotes, comments, columns after multi-byte
    /// characters, empty collections; and texts just outside it, which must be left to libyaml.
    @Test func edgesOfTheSubset() {
        let inside = [
            "a: 1\n",
            "a: 1",
            "# c\n\n  # d\na: b # e\nc:   d   \n",
            "a:\n  b: { c: d, e: [f, g, \"h\"], 'i': 'j''k' }\n  l: []\n  m: {}\n",
            "a:\n  - x\n  - { y: z }\n  - [1, -2, -0.5]\nb: c\n",
            "é: ü ö\nñ: { ß: \"ä\", ø: [å, 'æ'] }\n",
            "a: \"\\0\\a\\b\\t\\n\\v\\f\\r\\e\\ \\\"\\/\\\\\\N\\_\\L\\P\\x41\\u00e9\\U0001F600\"\n",
            "url: https://example.org/a:b#c\nnote: a [b] {c} d, e\n",
            "a: ~\nb: null\nc: \"null\"\nd: ''\ne: \"\"\n",
            "a: x#y\nb: 'x # y'\n",
            "actors:\n  p: { name: \"Pakistan: Peoples\", kind: party, aliases: [PPP, 'P P P'] }\n",
            "a:\n    b:\n        - c\n        - d\n    e: f\ng: h\n",
            "a: b\n\n\n",
            "- a\n",
        ]
        for text in inside {
            let (taken, difference) = Self.compare(text)
            if text == "- a\n" {
                #expect(!taken, "a top-level list is left to libyaml")
            } else {
                #expect(taken, "\(text.debugDescription) should be in the subset")
            }
            #expect(difference == nil, "\(text.debugDescription): \(difference ?? "")")
        }
        let outside = [
            "a:\n", "a: &x 1\nb: *x\n", "a: !!str 1\n", "a: |\n  b\n", "a: >\n  b\n", "a: b\n  c\n",
            "a:\tb\n", "a: b\r\n", "---\na: b\n", "a: b\n...\n", "a: { b: c,\n  d: e }\n", "a: [b,\n c]\n",
            "a: { b }\n", "a: { b: }\n", "a: [b: c]\n", "a: { b: c, }\n", "a: \"b\n c\"\n", "a: 'b\n c'\n",
            "a: b: c\n", "a:\n- b\n", "<<: { a: b }\n", "a: \"\\q\"\n", "a: \"\\uD800\"\n", "? a\n: b\n",
            "a: b\u{85}c\n", "a: b\u{2028}c\n", "a: \u{FEFF}b\n", "a: 😀\n", "a: { b: c:d }\n", "a: -\n", "a: - b\n",
            "a: @b\n", "a: `b\n", "a: %b\n", "a: b\n c: d\n", "  a: b\nc: d\n", "a:\n  b: c\n d: e\n", "",
            "# only a comment\n", "a: \"b\"c\n", "a: 'b' c\n", "a: [b] c\n", "a: b\n- c\n",
        ]
        for text in outside {
            #expect(PlainYAMLReader.read(text) == nil, "\(text.debugDescription) should be left to libyaml")
        }
    }

    /// Every damaged variant of the mutation test that the fast reader takes composes identically
    /// with libyaml (the variants it leaves, libyaml reads, as before).
    @Test(arguments: MutationKind.allCases)
    func damagedVariantsReadAsLibyamlComposesThem(kind: MutationKind) throws {
        let bases = try MutationBase.shared.get().filter { $0.syntax == .yaml }
        var taken = 0
        var failures: [String] = []
        for seed in 0..<MutationTests.seedsPerKind {
            let v = MutationTests.variant(kind: kind, seed: seed, bases: bases)
            guard let text = String(validating: v.bytes, as: UTF8.self) else { continue }
            let (took, difference) = Self.compare(text)
            if took { taken += 1 }
            if let difference { failures.append("seed \(seed), \(v.base.name), \(v.damage): \(difference)") }
        }
        #expect(failures.isEmpty, "\(failures.prefix(8).joined(separator: "\n"))")
        #expect(taken > 0 || kind == .insertBytes, "no '\(kind)' variant was in the subset")
    }

    /// The byte-level nesting estimate against the character-level scan it replaced, on seeded
    /// random texts built from the characters the scan looks at (brackets, quotes, anchors,
    /// aliases, dashes, comments, CR LF, multi-byte characters) and on the examples.
    @Test func nestingEstimateMatchesTheCharacterScan() throws {
        var rng = SeededGenerator(seed: 0x4E57)
        let pieces = ["[", "]", "{", "}", "\"", "'", "\\", "&a ", "*a", "&b", "*b ", "- ", "? ", ": ", ", ", " #", "#",
                      "\n", "\r\n", "\r", " ", "  ", "    ", "x", "é", "😀", "!t ", "\t", "a", "-", "?"]
        for round in 0..<3000 {
            var text = ""
            let length = Int.random(in: 1...400, using: &rng)
            for _ in 0..<length { text += pieces[Int.random(in: 0..<pieces.count, using: &rng)] }
            if round % 3 == 0 { text = String(repeating: "[", count: Int.random(in: 55...70, using: &rng)) + text }
            if round % 5 == 0 {
                text = (0..<Int.random(in: 60...70, using: &rng)).map { String(repeating: " ", count: $0) + "k:" }.joined(separator: "\n") + text
            }
            let expected = OldNestingScan.estimate(text)
            let actual = YAMLDocumentReader.nestingBeyondLimit(text)
            #expect(actual == expected, "round \(round): \(text.debugDescription)")
            if actual != expected { break }
        }
        for file in ["graphs/karachi-2010.yaml", "graphs/large/synthetic-2000.yaml"] {
            let text = try String(contentsOf: Self.root.appendingPathComponent(file), encoding: .utf8)
            #expect(YAMLDocumentReader.nestingBeyondLimit(text) == nil && OldNestingScan.estimate(text) == nil)
        }
    }
}

/// The character-level nesting scan as it was before the byte-level one: the oracle.
private enum OldNestingScan {
    /// A collection with an anchor (`&name`) whose text the scan is inside.
    struct OpenAnchor {
        var name: String
        /// The estimated depth where the anchor stands.
        var depth: Int
        /// Flow: the flow depth before its `[`/`{`; it closes when the flow depth returns there.
        var flowDepth: Int?
        /// Block: its line's indentation, and whether that line opens with `- `.
        var indent: Int
        var dashLine: Bool
        /// The deepest estimate (aliases expanded) inside it so far.
        var deepest: Int
    }

    /// A conservative estimate of the nesting depth, as the document composes: flow brackets
    /// plus block indentation levels plus `- ` / `? ` indicators opening a line, plus, at an alias
    /// (`*name`), the depth of the anchored collection it repeats (so that a chain of anchors
    /// each holding an alias of the one before cannot compose to a depth its text does not show).
    /// Returns where the estimate first passes the limit, or nil.
    ///
    /// - Complexity: O(text length).
    static func estimate(_ text: String) -> SourcePosition? {
        var flowDepth = 0
        var indents: [Int] = []
        var line = 0
        var open: [OpenAnchor] = []
        /// Anchor → how many levels its value adds where an alias repeats it.
        var anchored: [String: Int] = [:]
        func close() {
            let a = open.removeLast()
            anchored[a.name] = max(0, a.deepest - a.depth)
            if !open.isEmpty { open[open.count - 1].deepest = max(open[open.count - 1].deepest, a.deepest) }
        }
        func isBreak(_ c: Unicode.Scalar) -> Bool {
            c == " " || c == "\t" || c == "\r" || c == "," || c == "[" || c == "]" || c == "{" || c == "}"
        }
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            line += 1
            let scalars = Array(rawLine.unicodeScalars)
            var i = 0
            while i < scalars.count, scalars[i] == " " { i += 1 }
            if i == scalars.count || scalars[i] == "#" { continue }
            let dashLine = i + 1 < scalars.count && scalars[i] == "-" && scalars[i + 1] == " "
            if flowDepth == 0 {
                while let last = indents.last, last >= i { indents.removeLast() }
                indents.append(i)
                // Block collections with an anchor end at a line indented less, or as much
                // when it is not the next item of a compact list under a key.
                while let a = open.last, a.flowDepth == nil, i < a.indent || (i == a.indent && (a.dashLine || !dashLine)) {
                    close()
                }
            }
            var inline = 0
            var j = i
            while j + 1 < scalars.count, (scalars[j] == "-" || scalars[j] == "?"), scalars[j + 1] == " " {
                inline += 1
                j += 2
                while j < scalars.count, scalars[j] == " " { j += 1 }
            }
            var quote: Unicode.Scalar?
            while j < scalars.count {
                let c = scalars[j]
                var extra = 0
                var at = j
                if let q = quote {
                    if c == "\\" && q == "\"" { j += 1 } else if c == q { quote = nil }
                } else if c == "\"" || c == "'" {
                    if j == 0 || [" ", "[", "{", ",", ":"].contains(scalars[j - 1]) { quote = c }
                } else if c == "#" && j > 0 && scalars[j - 1] == " " {
                    break
                } else if c == "[" || c == "{" {
                    flowDepth += 1
                } else if c == "]" || c == "}" {
                    flowDepth = max(0, flowDepth - 1)
                    while let a = open.last, let f = a.flowDepth, flowDepth <= f { close() }
                } else if c == "&" || c == "*", j == 0 || [" ", "[", "{", ",", ":", "-", "?"].contains(scalars[j - 1]) {
                    at = j
                    var k = j + 1
                    while k < scalars.count, !isBreak(scalars[k]) { k += 1 }
                    let name = String(String.UnicodeScalarView(scalars[(j + 1)..<k]))
                    let depth = indents.count + inline + flowDepth
                    if c == "*" {
                        extra = anchored[name] ?? 0
                    } else {
                        // What follows the anchor (after spaces and a tag): a flow collection,
                        // nothing (a block collection below), or a scalar (which adds nothing).
                        var m = k
                        while m < scalars.count, scalars[m] == " " { m += 1 }
                        if m < scalars.count, scalars[m] == "!" {
                            while m < scalars.count, scalars[m] != " " { m += 1 }
                            while m < scalars.count, scalars[m] == " " { m += 1 }
                        }
                        if m < scalars.count, scalars[m] == "[" || scalars[m] == "{" {
                            open.append(OpenAnchor(name: name, depth: depth, flowDepth: flowDepth, indent: i, dashLine: dashLine, deepest: depth))
                        } else if m == scalars.count || scalars[m] == "#" || scalars[m] == "\r" {
                            if flowDepth == 0 {
                                open.append(OpenAnchor(name: name, depth: depth, flowDepth: nil, indent: i, dashLine: dashLine, deepest: depth))
                            }
                        } else {
                            anchored[name] = 0
                        }
                    }
                    j = k - 1
                }
                let estimate = indents.count + inline + flowDepth + extra
                if !open.isEmpty { open[open.count - 1].deepest = max(open[open.count - 1].deepest, estimate) }
                if estimate > YAMLDocumentReader.maximumDepth {
                    return SourcePosition(line: line, column: at + 1)
                }
                j += 1
            }
            let estimate = indents.count + inline + flowDepth
            if !open.isEmpty { open[open.count - 1].deepest = max(open[open.count - 1].deepest, estimate) }
            if estimate > YAMLDocumentReader.maximumDepth {
                return SourcePosition(line: line, column: i + 1)
            }
        }
        return nil
    }
}
