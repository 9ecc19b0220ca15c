import ActorGraphFormats
import ActorGraphModel
import Foundation
import NetworkAnalysis
import Testing

/// A seeded mutation test of the readers: thousands of damaged copies of the example graphs (in
/// YAML, and in the JSON form GraphWriter gives them) must each be read without a crash, every
/// diagnostic must have a usable position, reading must be deterministic, and whatever reads
/// without errors must survive a write and a re-read unchanged.
///
/// Everything is derived from the seed, so a failure names its seed, base file and damage, and
/// `MutationTests.variant(kind:seed:bases:)` rebuilds the exact bytes.
@Suite struct MutationTests {
    /// Variants per damage kind; 8 kinds × 256 = 2,048 variants in all.
    static let seedsPerKind = 256

    // MARK: The tests

    /// The example files themselves read cleanly in both syntaxes (the mutations start from them).
    @Test func baseDocumentsReadWithoutErrors() throws {
        let bases = try MutationBase.shared.get()
        #expect(bases.count >= 6, "the three example graphs, each as YAML and as JSON")
        for base in bases {
            let loaded = GraphFile.read(data: Data(base.bytes), file: base.name, syntax: base.syntax)
            #expect(!loaded.hasErrors, "\(base.name): \(loaded.diagnostics.map(\.description))")
            #expect(!loaded.graph.relations.isEmpty, "\(base.name) has relations")
            #expect(MutationBase.relationEntryCount(base.bytes, syntax: base.syntax) == loaded.graph.relations.count,
                    "the relation-entry heuristic counts \(base.name) correctly")
            for syntax in NativeSyntax.allCases {
                let again = GraphFile.read(text: GraphWriter.write(loaded.graph, as: syntax), file: "rewritten", syntax: syntax)
                #expect(!again.hasErrors && again.graph == loaded.graph, "\(base.name) survives a \(syntax.rawValue) round trip")
            }
        }
    }

    @Test(arguments: MutationKind.allCases)
    func damagedFilesAreReportedWithPositions(kind: MutationKind) throws {
        let bases = try MutationBase.shared.get()
        let clock = ContinuousClock()
        let start = clock.now
        var tally = MutationTally()
        var failures: [String] = []
        for seed in 0..<MutationTests.seedsPerKind {
            let v = MutationTests.variant(kind: kind, seed: seed, bases: bases)
            let problems = MutationTests.problems(in: v, seed: seed, tally: &tally)
            if !problems.isEmpty {
                failures.append("seed \(seed), \(kind), \(v.base.name): \(v.damage): " + problems.joined(separator: " | "))
            }
        }
        let elapsed = clock.now - start
        print("MutationTests \(kind): \(MutationTests.seedsPerKind) variants, \(tally.withErrors) with errors, "
              + "\(tally.clean) clean (\(tally.countsChecked) relation counts checked, \(tally.roundTrips) round trips), "
              + "\(tally.determinismChecks) read twice, in \(elapsed)")
        #expect(failures.isEmpty, """
            \(failures.count) of \(MutationTests.seedsPerKind) '\(kind)' variants misbehaved; \
            rebuild one with MutationTests.variant(kind: .\(kind), seed: N, bases: MutationBase.all()). First ones:
            \(failures.prefix(12).joined(separator: "\n"))
            """)
    }

    // MARK: The checks on one variant

    /// Every fourth variant is read twice to check that reading is deterministic (a full second
    /// read of all of them would double the run time).
    static let determinismStride = 4

    /// Everything wrong with how `v` is read, as readable lines; empty when all is well.
    static func problems(in v: MutationVariant, seed: Int, tally: inout MutationTally) -> [String] {
        var out: [String] = []
        let file = v.base.name
        let data = Data(v.bytes)
        let first = GraphFile.read(data: data, file: file, syntax: v.base.syntax)

        // Determinism: the same bytes give the same diagnostics and the same graph.
        if seed % determinismStride == 0 {
            tally.determinismChecks += 1
            let second = GraphFile.read(data: data, file: file, syntax: v.base.syntax)
            if first.diagnostics != second.diagnostics {
                out.append("not deterministic: \(first.diagnostics.map(\.description)) vs \(second.diagnostics.map(\.description))")
            }
            if first.graph != second.graph { out.append("not deterministic: two reads gave different graphs") }
        }

        // Every diagnostic is placed inside the file and printed compiler-style.
        let lineLimit = MutationBase.lineCount(v.bytes) + 1
        for d in first.diagnostics {
            guard let p = d.position else {
                out.append("no position: \(d.description)")
                continue
            }
            if p.line < 1 || p.column < 1 { out.append("position below 1:1: \(d.description)") }
            if p.line > lineLimit { out.append("line \(p.line) beyond the \(lineLimit - 1) lines of the variant: \(d.description)") }
            let prefix = "\(file):\(p.line):\(p.column): \(d.severity.rawValue): "
            if !d.description.hasPrefix(prefix) { out.append("description does not start with '\(prefix)': \(d.description)") }
        }
        if first.hasErrors {
            tally.withErrors += 1
            return out
        }
        tally.clean += 1

        // No errors: the graph holds one relation per relation entry of the variant …
        if let expected = MutationBase.relationEntryCount(v.bytes, syntax: v.base.syntax) {
            tally.countsChecked += 1
            if expected != first.graph.relations.count {
                out.append("read \(first.graph.relations.count) relations, but the variant has \(expected) relation entries")
            }
        }
        // … and it survives writing and reading back (in one syntax, alternating; a graph already
        // round-tripped, such as the unchanged base graph, is not written again).
        let syntax: NativeSyntax = seed % 2 == 0 ? .yaml : .json
        if tally.roundTripped.insert(RoundTripKey(graph: first.graph, syntax: syntax)).inserted {
            tally.roundTrips += 1
            let text = GraphWriter.write(first.graph, as: syntax)
            let again = GraphFile.read(text: text, file: "rewritten.\(syntax.rawValue)", syntax: syntax)
            if again.hasErrors {
                out.append("the \(syntax.rawValue) rewrite does not read back: \(again.diagnostics.filter { $0.severity == .error }.map(\.description))")
            } else if again.graph != first.graph {
                out.append("the \(syntax.rawValue) rewrite reads back as a different graph: \(MutationTests.firstDifference(first.graph, again.graph))")
            }
        }
        return out
    }

    /// A short account of where two graphs differ, for failure messages.
    static func firstDifference(_ a: ActorGraph, _ b: ActorGraph) -> String {
        if a.title != b.title { return "title \(String(reflecting: a.title)) vs \(String(reflecting: b.title))" }
        if a.description != b.description { return "description differs" }
        if a.sources != b.sources { return "sources \(a.sources) vs \(b.sources)" }
        if a.actorKindDeclarations != b.actorKindDeclarations { return "actor kinds \(a.actorKindDeclarations) vs \(b.actorKindDeclarations)" }
        if a.relationKindDeclarations != b.relationKindDeclarations { return "relation kinds \(a.relationKindDeclarations) vs \(b.relationKindDeclarations)" }
        if a.actors.count != b.actors.count { return "\(a.actors.count) vs \(b.actors.count) actors" }
        for (x, y) in zip(a.actors, b.actors) where x != y { return "actor \(x) vs \(y)" }
        if a.relations.count != b.relations.count { return "\(a.relations.count) vs \(b.relations.count) relations" }
        for (x, y) in zip(a.relations, b.relations) where x != y { return "relation \(x) vs \(y)" }
        return "?"
    }

    // MARK: Making variants

    /// The damaged variant for `kind` and `seed`: the base file is picked by the seed, the damage
    /// by a SplitMix64 generator seeded from both.
    static func variant(kind: MutationKind, seed: Int, bases: [MutationBase]) -> MutationVariant {
        let base = bases[seed % bases.count]
        var rng = SeededGenerator(seed: 0x5EED_0000 &+ UInt64(seed) &* 0x1_0000 &+ UInt64(MutationKind.allCases.firstIndex(of: kind)!))
        var bytes = base.bytes
        let damage = kind.apply(to: &bytes, syntax: base.syntax, rng: &rng)
        return MutationVariant(base: base, bytes: bytes, damage: damage)
    }
}

// MARK: - Inputs

/// One example file in one syntax: the starting point of the mutations.
struct MutationBase: Sendable {
    var name: String
    var syntax: NativeSyntax
    var bytes: [UInt8]

    /// The bases, read once for all the tests.
    static let shared = Result { try all() }

    /// graphs/*.yaml, sorted, each as written and as GraphWriter's JSON.
    static func all() throws -> [MutationBase] {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let dir = root.appendingPathComponent("graphs")
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".yaml") }.sorted()
        var out: [MutationBase] = []
        for name in names {
            let data = try Data(contentsOf: dir.appendingPathComponent(name))
            out.append(MutationBase(name: "graphs/\(name)", syntax: .yaml, bytes: Array(data)))
            let loaded = GraphFile.read(data: data, file: name, syntax: .yaml)
            let json = GraphWriter.write(loaded.graph, as: .json)
            out.append(MutationBase(name: "graphs/" + name.replacingOccurrences(of: ".yaml", with: ".json"),
                                    syntax: .json, bytes: Array(json.utf8)))
        }
        return out
    }

    /// The number of lines, counting every kind of line break either reader might count (LF,
    /// CR, CRLF, and YAML 1.1's NEL, LS and PS), so that it bounds any reported line.
    static func lineCount(_ bytes: [UInt8]) -> Int { FuzzReader.lineCount(Data(bytes)) }

    /// The number of relation entries in a file laid out like the examples (one relation per line,
    /// `  - { … }` in YAML, `    { … }` in JSON, under a single `relations:` header), or nil when
    /// the layout is not recognisable (then the count is not checked).
    static func relationEntryCount(_ bytes: [UInt8], syntax: NativeSyntax) -> Int? {
        guard let text = String(validating: bytes, as: UTF8.self) else { return nil }
        // Only plain LF line breaks: anything else makes "a line" ambiguous.
        if text.unicodeScalars.contains(where: { ["\r", "\u{85}", "\u{2028}", "\u{2029}"].contains($0) }) { return nil }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let header = syntax == .yaml ? "relations:" : "  \"relations\": ["
        let headers = lines.indices.filter { lines[$0] == header }
        guard headers.count == 1 else { return nil }
        let body = lines[(headers[0] + 1)...]
        if syntax == .yaml {
            // Every line after the header is a relation entry, a comment or blank.
            var count = 0
            for line in body {
                let trimmed = line.drop { $0 == " " }
                if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
                guard line.hasPrefix("  - {"), line.hasSuffix("}") else { return nil }
                count += 1
            }
            return count
        } else {
            var count = 0
            for line in body {
                if line == "  ]" || line == "}" || line.isEmpty { continue }
                guard line.hasPrefix("    {"), line.hasSuffix("}") || line.hasSuffix("},") else { return nil }
                count += 1
            }
            return count
        }
    }
}

/// What one test case saw, for its summary line.
struct MutationTally {
    var withErrors = 0, clean = 0, countsChecked = 0, roundTrips = 0, determinismChecks = 0
    var roundTripped: Set<RoundTripKey> = []
}

struct RoundTripKey: Hashable {
    var graph: ActorGraph
    var syntax: NativeSyntax
}

/// A damaged copy of a base file.
struct MutationVariant: Sendable {
    var base: MutationBase
    var bytes: [UInt8]
    /// What was done, e.g. "delete line 12".
    var damage: String
}

// MARK: - Damage

/// The kinds of damage.
enum MutationKind: String, CaseIterable, Sendable, CustomStringConvertible {
    case deleteLine, duplicateLine, swapLines, truncate, insertBytes, wrongType, indentation, flipCharacter

    var description: String { rawValue }

    /// Damages `bytes` and says how.
    func apply(to bytes: inout [UInt8], syntax: NativeSyntax, rng: inout SeededGenerator) -> String {
        switch self {
        case .deleteLine:
            var lines = MutationKind.lines(bytes)
            let i = rng.below(lines.count)
            lines.remove(at: i)
            bytes = MutationKind.join(lines)
            return "delete line \(i + 1)"
        case .duplicateLine:
            var lines = MutationKind.lines(bytes)
            let i = rng.below(lines.count)
            lines.insert(lines[i], at: i + 1)
            bytes = MutationKind.join(lines)
            return "duplicate line \(i + 1)"
        case .swapLines:
            var lines = MutationKind.lines(bytes)
            let i = rng.below(lines.count)
            var j = rng.below(lines.count - 1)
            if j >= i { j += 1 }
            lines.swapAt(i, j)
            bytes = MutationKind.join(lines)
            return "swap lines \(i + 1) and \(j + 1)"
        case .truncate:
            let n = rng.below(bytes.count)
            bytes.removeSubrange(n...)
            return "truncate to \(n) bytes"
        case .insertBytes:
            let at = rng.below(bytes.count + 1)
            var inserted: [UInt8] = []
            for _ in 0..<(1 + rng.below(6)) { inserted += MutationKind.junk[rng.below(MutationKind.junk.count)] }
            bytes.insert(contentsOf: inserted, at: at)
            return "insert \(MutationKind.hex(inserted)) at byte \(at) (line \(MutationBase.lineCount(Array(bytes[..<at]))))"
        case .wrongType:
            let spans = MutationKind.valueSpans(bytes, syntax: syntax)
            guard !spans.isEmpty else { return "no value to replace" }
            let span = spans[rng.below(spans.count)]
            let choices = syntax == .yaml ? MutationKind.wrongYAMLValues : MutationKind.wrongJSONValues
            let replacement = choices[rng.below(choices.count)]
            let old = String(decoding: bytes[span], as: UTF8.self)
            bytes.replaceSubrange(span, with: Array(replacement.utf8))
            return "replace the value '\(old.prefix(40))' at byte \(span.lowerBound) (line \(MutationBase.lineCount(Array(bytes[..<span.lowerBound])))) with '\(replacement.prefix(40))'"
        case .indentation:
            var lines = MutationKind.lines(bytes)
            let candidates = lines.indices.filter { !lines[$0].isEmpty }
            let i = candidates.isEmpty ? 0 : candidates[rng.below(candidates.count)]
            let leading = lines[i].prefix { $0 == 0x20 }.count
            let how: String
            switch rng.below(4) {
            case 0:
                let k = 1 + rng.below(4)
                lines[i].insert(contentsOf: [UInt8](repeating: 0x20, count: k), at: 0)
                how = "indent by \(k) more spaces"
            case 1:
                let k = min(leading, 1 + rng.below(4))
                lines[i].removeFirst(k)
                how = "indent by \(k) fewer spaces"
            case 2:
                lines[i].removeFirst(leading)
                how = "remove the indentation"
            default:
                lines[i].replaceSubrange(0..<leading, with: [0x09])
                how = "indent with a tab instead of \(leading) spaces"
            }
            bytes = MutationKind.join(lines)
            return "line \(i + 1): \(how)"
        case .flipCharacter:
            guard !bytes.isEmpty else { return "nothing to flip" }
            let at = rng.below(bytes.count)
            let old = bytes[at]
            if rng.below(2) == 0 {
                bytes[at] = UInt8(0x20 + rng.below(0x5F))
            } else {
                bytes[at] ^= UInt8(1) << UInt8(rng.below(8))
            }
            return "byte \(at) (line \(MutationBase.lineCount(Array(bytes[..<at])))): \(MutationKind.hex([old])) → \(MutationKind.hex([bytes[at]]))"
        }
    }

    /// Pieces of junk to insert: invalid UTF-8, control characters, YAML indicators, odd but valid
    /// characters.
    static let junk: [[UInt8]] = {
        let bytes: [[UInt8]] = [
            [0xFF], [0xFE], [0xC3], [0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82],
            [0x00], [0x09], [0x0D], [0x0A], [0x0D, 0x0A], [0x1B], [0x7F], [0x20], [0x20, 0x20],
        ]
        let indicators: [[UInt8]] = "{[:#\"'&*!|>%@}],-?`\\".utf8.map { [$0] }
        let texts: [String] = ["\u{85}", "\u{2028}", "\u{FEFF}", "é", "¶", "👩‍👩‍👧", ": ", " #", "- ", "\\u00"]
        return bytes + indicators + texts.map { Array($0.utf8) }
    }()

    static let longString = String(repeating: "very long string ", count: 600)
    static let wrongYAMLValues = ["[1, 2]", "{a: 1}", "42", "-3.5e2", "", "~", "null", "true", "\"\"", "[]", "{}",
                                  "\"\(longString)\"", longString]
    static let wrongJSONValues = ["[1, 2]", "{\"a\": 1}", "42", "-3.5e2", "\"\"", "null", "true", "[]", "{}",
                                  "\"\(longString)\"", ""]

    static func lines(_ bytes: [UInt8]) -> [[UInt8]] {
        bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
    }

    static func join(_ lines: [[UInt8]]) -> [UInt8] {
        Array(lines.joined(separator: [0x0A]))
    }

    static func hex(_ bytes: [UInt8]) -> String {
        "[" + bytes.map { String(format: "0x%02X", $0) }.joined(separator: " ") + "]"
    }

    /// The byte ranges of values written after `key: ` (YAML) or `"key": ` (JSON), found by a
    /// rough scan that skips quoted text: a quoted string, a bracketed list or mapping, or plain
    /// text up to the next `,`, `}`, `]` or line end.
    static func valueSpans(_ bytes: [UInt8], syntax: NativeSyntax) -> [Range<Int>] {
        var spans: [Range<Int>] = []
        var i = 0
        var quote: UInt8?
        func startsScalar(_ j: Int) -> Bool { j == 0 || [0x20, 0x5B, 0x7B, 0x2C, 0x3A, 0x0A].contains(bytes[j - 1]) }
        while i < bytes.count {
            let c = bytes[i]
            if let q = quote {
                if c == 0x5C, q == 0x22 { i += 2; continue }
                if c == q || c == 0x0A { quote = nil }
                i += 1
                continue
            }
            if c == 0x23, i == 0 || bytes[i - 1] == 0x20 || bytes[i - 1] == 0x0A, syntax == .yaml {
                while i < bytes.count, bytes[i] != 0x0A { i += 1 } // a comment
                continue
            }
            if (c == 0x22 || c == 0x27), startsScalar(i) { quote = c; i += 1; continue }
            if c == 0x3A, i + 1 < bytes.count, bytes[i + 1] == 0x20 {
                var s = i + 1
                while s < bytes.count, bytes[s] == 0x20 { s += 1 }
                let e = valueEnd(bytes, from: s)
                if e > s { spans.append(s..<e) }
            }
            i += 1
        }
        return spans
    }

    private static func valueEnd(_ bytes: [UInt8], from s: Int) -> Int {
        guard s < bytes.count else { return s }
        var j = s
        switch bytes[s] {
        case 0x22, 0x27:
            let q = bytes[s]
            j += 1
            while j < bytes.count, bytes[j] != q, bytes[j] != 0x0A {
                if bytes[j] == 0x5C, q == 0x22 { j += 1 }
                j += 1
            }
            return min(bytes.count, j + 1)
        case 0x5B, 0x7B:
            var depth = 0
            var quote: UInt8?
            while j < bytes.count, bytes[j] != 0x0A {
                let c = bytes[j]
                if let q = quote {
                    if c == 0x5C, q == 0x22 { j += 1 } else if c == q { quote = nil }
                } else if c == 0x22 || c == 0x27, [0x20, 0x5B, 0x7B, 0x2C].contains(bytes[j - 1]) || j == s {
                    quote = c
                } else if c == 0x5B || c == 0x7B {
                    depth += 1
                } else if c == 0x5D || c == 0x7D {
                    depth -= 1
                    if depth == 0 { return j + 1 }
                }
                j += 1
            }
            return j
        default:
            while j < bytes.count, ![0x2C, 0x7D, 0x5D, 0x0A].contains(bytes[j]) { j += 1 }
            return j
        }
    }
}

// MARK: - Randomness

extension SeededGenerator {
    /// A number in 0..<n (n > 0), by multiply-and-shift; the tiny bias does not matter here.
    mutating func below(_ n: Int) -> Int {
        precondition(n > 0)
        return Int(truncatingIfNeeded: next().multipliedFullWidth(by: UInt64(n)).high)
    }
}

