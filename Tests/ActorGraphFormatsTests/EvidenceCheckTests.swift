import ActorGraphModel
import Foundation
import Testing
@testable import ActorGraphFormats

/// Cites and quotes checked against source texts: every error at its exact line and column.
@Suite struct EvidenceCheckTests {
    static let cablePath = packageRoot.appendingPathComponent("graphs/sources/karachi-targeted-killings-escalate.txt").path

    /// A folder with the cable's text (as `cable.txt`) and `graph` (as `g.yaml`); returns the
    /// loaded graph. The folder is removed afterwards.
    static func load(_ graph: String, name: String = "g.yaml", text: String? = nil) throws -> LoadedGraph {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ag-evidence-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let cable = try text ?? String(contentsOfFile: cablePath, encoding: .utf8)
        try cable.write(to: dir.appendingPathComponent("cable.txt"), atomically: true, encoding: .utf8)
        try graph.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8)
        return GraphFile.read(contentsOf: dir.appendingPathComponent(name).path)
    }

    /// `line:column: severity: message` without the fix, file name dropped.
    static func problems(_ loaded: LoadedGraph) -> [String] {
        loaded.diagnostics.filter { !$0.message.contains("takes part in no relation") }
            .map { "\($0.position.map(\.description) ?? "-"): \($0.severity.rawValue): \($0.message)" }
    }

    static let head = """
        actorgraph: 1
        sources:
          cable: { title: Cable, text: cable.txt }
        actors:
          mqm-a: { kind: party }
          ppp: { kind: party }
          malik: { kind: person }
        relations:

        """

    @Test func correctQuotesAreVerifiedInEveryLocatorForm() throws {
        let loaded = try Self.load(Self.head + """
              - { kind: conflict, between: [mqm-a, ppp], cite: cable ¶5, quote: "seems to be a battle between MQM-A and PPP" }
              - { kind: coalition, between: [mqm-a, ppp], cite: "cable lines 86-87", quote: "coalition partners MQM-A and PPP" }
              - { kind: conflict, between: [ppp, malik], cite: cable p. 1, quote: "According to Malik, political parties are not involved" }
              - { kind: conflict, between: [mqm-a, malik], cite: cable, quote: ["Sherpao colony", "Rafiq  Engineer, PPP"] }
              - { kind: rivalry, between: [mqm-a, malik], cite: [cable ¶2, cable ¶3], quote: ["Muttahida Qaumi Movement (MQM-A) versus", "not MQM supports"] }
              - { kind: rivalry, between: [ppp, malik], cite: cable ¶2–¶3, quote: "152 deaths, according to the Ministry of Interior, but other estimates" }
            """)
        #expect(Self.problems(loaded) == [], "\(loaded.diagnostics)")
        #expect(loaded.evidence.quotesVerified == 8)
        #expect(loaded.evidence.citesResolved == 7)
        #expect(loaded.evidence.texts == 1)
        #expect(loaded.sourceTexts["cable"]?.paragraphs.count == 9)
    }

    @Test func aMisquoteIsAnErrorAtTheQuoteWithTheClosestWords() throws {
        let loaded = try Self.load(Self.head + """
              - { kind: conflict, between: [mqm-a, ppp], cite: cable ¶3, quote: "targeted only them and not MQM supporters" }
              - { kind: conflict, between: [mqm-a, ppp], cite: cable ¶3, quote: ["MQM threatened to leave", "the body of a beheaded MQM worker"] }
            """)
        #expect(Self.problems(loaded) == [
            "9:69: error: the quote \"targeted only them and not MQM supporters\" is not in cable ¶3 (lines 21–37); the closest words there are \"targeted only them and not MQM supports\" (lines 31–32)",
            "10:97: error: the quote \"the body of a beheaded MQM worker\" is not in cable ¶3 (lines 21–37); the closest words there are \"the body of a beheaded MQM-A worker\" (lines 23–24)",
        ])
        #expect(loaded.evidence.quotesVerified == 1)
        let d = try #require(loaded.diagnostics.first { $0.severity == .error })
        #expect(d.fix == "quote the text's exact words: only spacing, line breaks, hyphens at line ends, quote marks and dashes may differ")
    }

    @Test func aQuoteOfAnotherParagraphNamesThatParagraph() throws {
        let loaded = try Self.load(Self.head + """
              - { kind: conflict, between: [mqm-a, ppp], cite: [cable ¶3, cable ¶9], quote: "seems to be a battle between MQM-A and PPP" }
              - { kind: conflict, between: [mqm-a, ppp], cite: cable lines 1-3, quote: "seems to be a battle" }
              - { kind: conflict, between: [mqm-a, ppp], cite: cable ¶4, quote: "New Year, New Violence" }
            """)
        let problems = Self.problems(loaded)
        #expect(problems == [
            "9:81: error: the quote \"seems to be a battle between MQM-A and PPP\" is not in the cited cable ¶3 (lines 21–37) or cable ¶9 (lines 86–91) but in cable ¶5 (at lines 50–51)",
            "10:76: error: the quote \"seems to be a battle\" is not in the cited cable lines 1–3 but in cable line 50",
            "11:69: error: the quote \"New Year, New Violence\" is not in the cited cable ¶4 (lines 42–48) but in cable line 11, outside the numbered paragraphs",
        ])
        let errors = loaded.diagnostics.filter { $0.severity == .error }
        #expect(errors[0].fix == "cite 'cable ¶5', or quote words of the passage cited")
        #expect(errors[2].fix == "cite 'cable line 11', or quote words of the passage cited")
    }

    @Test func aPassageTheTextLacksIsAnErrorAtTheCiteNamingWhatItHas() throws {
        let loaded = try Self.load(Self.head + """
              - { kind: conflict, between: [mqm-a, ppp], cite: cable ¶12, quote: "anything at all" }
              - { kind: conflict, between: [mqm-a, ppp], cite: [cable ¶1, cable lines 90-95] }
              - { kind: conflict, between: [mqm-a, ppp], cite: cable p. 2 }
              - { kind: conflict, between: [mqm-a, ppp], cite: cable section 4, quote: "Sherpao colony" }
            """)
        #expect(Self.problems(loaded) == [
            "9:52: error: cable has no ¶12: cable has ¶1–¶9",
            "10:63: error: cable has no lines 90–95: cable has lines 1–92",
            "11:52: error: cable has no p. 2: cable has p. 1 only (its text has no form-feed page breaks)",
            "12:52: warning: 'section 4' is not a locator actorgraph resolves, so quotes are looked for in the whole text of 'cable'",
        ])
        #expect(loaded.evidence.quotesVerified == 1, "the quote after an unknown locator is looked for in the whole text")
    }

    @Test func aMissingTextIsAnErrorAtItsKey() throws {
        let text = Self.head.replacingOccurrences(of: "text: cable.txt", with: "text: nowhere/cable.txt")
            + "  - { kind: conflict, between: [mqm-a, ppp], cite: cable ¶3, quote: \"anything\" }\n"
        let loaded = try Self.load(text)
        #expect(Self.problems(loaded).count == 1, "\(loaded.diagnostics)")
        let d = try #require(loaded.diagnostics.first)
        #expect(d.position == SourcePosition(line: 3, column: 32))
        #expect(d.message.hasPrefix("cannot read the text of source 'cable' ("))
        #expect(d.message.hasSuffix("nowhere/cable.txt): no such file"))
        let notUTF8 = FileManager.default.temporaryDirectory.appendingPathComponent("ag-latin1-\(UUID().uuidString).txt")
        try Data([0x63, 0x61, 0x66, 0xE9]).write(to: notUTF8)
        defer { try? FileManager.default.removeItem(at: notUTF8) }
        let latin = try Self.load(Self.head.replacingOccurrences(of: "text: cable.txt", with: "text: \(notUTF8.path)"))
        #expect(latin.diagnostics.first?.message.hasSuffix("it is not UTF-8 text") == true)
    }

    @Test func quotesWithoutACheckableCite() throws {
        let loaded = try Self.load("""
            actorgraph: 1
            sources:
              cable: { title: Cable, text: cable.txt }
              memo: { title: Memo }
            actors:
              a: { kind: party }
              b: { kind: party }
            relations:
              - { kind: conflict, between: [a, b], quote: "Sherpao colony" }
              - { kind: conflict, between: [a, b], cite: memo 4, quote: "anything" }
              - { kind: conflict, between: [a, b], cite: cable ¶7, quote: ["Sherpao colony", "  "] }
            """)
        #expect(Self.problems(loaded) == [
            "9:47: error: this relation quotes a source but cites none, so nothing says where to look",
            "10:61: warning: this quote cannot be checked: source 'memo' has no text",
            "11:82: error: this quote is empty",
        ])
        #expect(loaded.evidence.quotesUnchecked == 1)
    }

    @Test func jsonGraphsAreCheckedToo() throws {
        let loaded = try Self.load("""
            {"actorgraph": 1, "sources": {"cable": {"title": "Cable", "text": "cable.txt"}},
             "actors": {"a": {"kind": "party"}, "b": {"kind": "party"}},
             "relations": [
              {"kind": "conflict", "between": ["a", "b"], "cite": "cable ¶6", "quote": "Dakai was killed by the police recently"},
              {"kind": "conflict", "between": ["a", "b"], "cite": "cable ¶6", "quote": ["MQM was targeted", "Dakai was killed by the army"]}
             ]}
            """, name: "g.json")
        #expect(Self.problems(loaded).map { $0.prefix(40) } == ["5:97: error: the quote \"Dakai was killed"])
        #expect(loaded.evidence.quotesVerified == 2)
    }

    /// 1,000 quotes cut from the cable and damaged at random (a letter changed, dropped or
    /// doubled, words swapped, a case flipped, line breaks and curly quotes added, a slice of
    /// another paragraph): each is either found, exactly when an independent search finds it,
    /// or an error at the quote's own line and column. Nothing crashes.
    @Test func thousandDamagedQuotesAreFoundOrPositionedErrors() throws {
        let cable = try String(contentsOfFile: Self.cablePath, encoding: .utf8)
        let text = SourceText(cable)
        var rng = SplitMix(seed: 2010)
        var relations: [String] = []
        var quotes: [(quote: String, paragraph: Int)] = []
        for n in 0..<1000 {
            let k = Int.random(in: 1...9, using: &rng)
            let range = text.paragraphs[k - 1].range
            let words = text.oneLine(range).split(separator: " ").map(String.init)
            let length = Int.random(in: 1...min(12, words.count), using: &rng)
            let start = Int.random(in: 0...(words.count - length), using: &rng)
            var quote = words[start..<(start + length)].joined(separator: " ")
            var cited = k
            switch n % 10 {
            case 0: break // intact
            case 1: // a letter changed
                var chars = Array(quote)
                let i = Int.random(in: 0..<chars.count, using: &rng)
                chars[i] = chars[i] == "x" ? "y" : "x"
                quote = String(chars)
            case 2: // a letter dropped
                var chars = Array(quote)
                chars.remove(at: Int.random(in: 0..<chars.count, using: &rng))
                quote = String(chars)
            case 3: // a letter doubled
                var chars = Array(quote)
                let i = Int.random(in: 0..<chars.count, using: &rng)
                chars.insert(chars[i], at: i)
                quote = String(chars)
            case 4: // two words swapped
                var w = quote.split(separator: " ").map(String.init)
                if w.count > 1 { w.swapAt(0, w.count - 1) }
                quote = w.joined(separator: " ")
            case 5: quote = quote.uppercased()
            case 6: quote = quote.replacingOccurrences(of: " ", with: "\n   ") // line breaks: still found
            case 7: quote = quote.replacingOccurrences(of: "'", with: "’").replacingOccurrences(of: "-", with: "–") // still found
            case 8: cited = k % 9 + 1 // the wrong paragraph
            default: quote = String(quote.shuffled(using: &rng))
            }
            quotes.append((quote, cited))
            relations.append("  - { kind: conflict, between: [mqm-a, ppp], cite: cable ¶\(cited), quote: \(YAMLEmitter.doubleQuoted(quote)) }")
        }
        let loaded = try Self.load(Self.head + relations.joined(separator: "\n") + "\n")
        let errors = loaded.diagnostics.filter { $0.severity == .error }
        // Warnings only for what the random draw makes legitimately odd: an idle actor, a repeated relation.
        #expect(loaded.diagnostics.filter { $0.severity == .warning && !$0.message.contains("isolated") && !$0.message.contains("repeats an earlier one") }.isEmpty)
        // Every error sits exactly at its relation's quote: line 9 + n, after "quote: ".
        var errorLines = Set<Int>()
        for d in errors {
            let p = try #require(d.position, "\(d)")
            let n = p.line - 9
            try #require(quotes.indices.contains(n), "\(d)")
            #expect(p.column == relations[n].range(of: "quote: ")!.upperBound.utf16Offset(in: relations[n]) + 1, "\(d)")
            #expect(d.message.hasPrefix("the quote ") || d.message == "this quote is empty", "\(d)")
            errorLines.insert(n)
        }
        #expect(errors.count == errorLines.count, "one error per damaged quote")
        // Found exactly when an independent search (whitespace and quotes normalised) finds it.
        func normal(_ s: String) -> String {
            s.replacingOccurrences(of: "’", with: "'").replacingOccurrences(of: "–", with: "-")
                .split(whereSeparator: \.isWhitespace).joined(separator: " ")
        }
        for (n, q) in quotes.enumerated() {
            let paragraph = text.oneLine(text.paragraphs[q.paragraph - 1].range)
            let expected = normal(paragraph).contains(normal(q.quote))
            #expect(errorLines.contains(n) != expected, "quote \(n): \(q.quote.debugDescription) in ¶\(q.paragraph)")
        }
        #expect(loaded.evidence.quotesVerified == 1000 - errors.count)
        #expect(loaded.evidence.quotesVerified >= 300, "the intact, re-broken and re-quoted ones at least")
    }
}
