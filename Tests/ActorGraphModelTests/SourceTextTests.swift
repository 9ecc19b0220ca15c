import ActorGraphModel
import Foundation
import Testing

/// Locators, passages and quote matching on source texts, against hand-worked cases and a
/// brute-force oracle.
@Suite struct SourceTextTests {
    static let cable = """
        SUBJECT: TEST CABLE

        ¶1. (SBU) Summary:  Since June 2009, politically motivated targeted
        killings have been the norm.  End summary.

        ---------
        Heading
        ---------
        ¶2.  (SBU) Protestors took to the streets saying the crackdown
        targeted only them and not MQM
        supports.  They demanded opera-
        tions elsewhere.
        ¶3. (C) "Karachi's heart" -- a battle – between parties.
        """

    // MARK: Locators

    @Test func locatorsReadEveryForm() {
        #expect(Locator("¶3") == .paragraphs(3...3))
        #expect(Locator("¶ 3") == .paragraphs(3...3))
        #expect(Locator("¶2-3") == .paragraphs(2...3))
        #expect(Locator("¶2–¶3") == .paragraphs(2...3))
        #expect(Locator("para 4") == .paragraphs(4...4))
        #expect(Locator("paragraphs 4 - 6") == .paragraphs(4...6))
        #expect(Locator("lines 12-20") == .lines(12...20))
        #expect(Locator("line 7") == .lines(7...7))
        #expect(Locator("Lines 3–4") == .lines(3...4))
        #expect(Locator("p. 2") == .pages(2...2))
        #expect(Locator("p 2") == .pages(2...2))
        #expect(Locator("pp. 2-3") == .pages(2...3))
        #expect(Locator("page 9") == .pages(9...9))
        for bad in ["", "¶", "¶0", "¶3-2", "lines 5-", "chapter 2", "3:20", "¶3a", "lines 1-2-3", "p. two"] {
            #expect(Locator(bad) == nil, "\(bad)")
        }
        #expect(Locator.paragraphs(2...3).description == "¶2–¶3")
        #expect(Locator.lines(4...4).description == "line 4")
        #expect(Locator.pages(1...2).description == "pp. 1–2")
    }

    // MARK: Passages

    @Test func pilcrowParagraphsEndAtABlankLineOrTheNextMark() throws {
        let text = SourceText(Self.cable)
        #expect(text.paragraphs.map(\.number) == [1, 2, 3])
        let p1 = try text.passage(.paragraphs(1...1))
        #expect(p1.lines == 3...4)
        #expect(text.oneLine(p1.range) == "¶1. (SBU) Summary: Since June 2009, politically motivated targeted killings have been the norm. End summary.")
        let p2 = try text.passage(.paragraphs(2...2))
        #expect(p2.lines == 9...12, "the heading before it is not part of ¶1 or ¶2")
        #expect(try text.passage(.paragraphs(2...3)).lines == 9...13)
        #expect(text.availableParagraphs == "¶1–¶3")
        #expect(throws: MissingPassage(available: "¶1–¶3")) { try text.passage(.paragraphs(4...4)) }
        #expect(throws: MissingPassage(available: "¶1–¶3")) { try text.passage(.paragraphs(3...4)) }
    }

    @Test func dottedNumbersCountWhenNoLineHasAPilcrow() throws {
        let text = SourceText("Report\n\n1. First point\ngoes on.\n2. Second.\n\n3.5 is not a mark\n1. a later list is not ¶1 again\n4. Fourth\n")
        #expect(text.paragraphs.map(\.number) == [1, 2, 4])
        #expect(text.oneLine(try text.passage(.paragraphs(1...1)).range) == "1. First point goes on.")
        #expect(text.oneLine(try text.passage(.paragraphs(4...4)).range) == "4. Fourth")
        #expect(text.availableParagraphs == "¶1–¶2, ¶4")
        #expect(SourceText("no numbers here\n").availableParagraphs.hasPrefix("no numbered paragraphs"))
        // With a pilcrow anywhere, dotted numbers do not count.
        #expect(SourceText("1. one\n¶2 two\n3. three\n").paragraphs.map(\.number) == [2])
    }

    @Test func linesAndPages() throws {
        let text = SourceText("a\r\nb\nc\rd\n")
        #expect(text.lineCount == 4)
        #expect(text.oneLine(try text.passage(.lines(2...3)).range) == "b c")
        #expect(throws: MissingPassage(available: "lines 1–4")) { try text.passage(.lines(4...5)) }
        let paged = SourceText("page one\n\u{0C}page two\nmore\n\u{0C}page three")
        #expect(paged.pageStarts.count == 3)
        #expect(paged.oneLine(try paged.passage(.pages(2...2)).range) == "page two more")
        #expect(paged.oneLine(try paged.passage(.pages(2...3)).range) == "page two more \u{0C}page three".replacingOccurrences(of: " \u{0C}", with: " "))
        #expect(throws: MissingPassage(available: "pp. 1–3")) { try paged.passage(.pages(4...4)) }
        let single = SourceText("one page")
        #expect(try single.passage(.pages(1...1)).range == 0..<8)
        #expect(throws: MissingPassage(available: "p. 1 only (its text has no form-feed page breaks)")) { try single.passage(.pages(2...2)) }
    }

    // MARK: Normalisation

    @Test func lineBreaksDoubleSpacesQuotesDashesAndHyphenationAreNormalised() throws {
        let text = SourceText(Self.cable)
        let whole = text.whole.range
        #expect(text.find("targeted only them and not MQM supports", in: whole) != nil, "line breaks")
        #expect(text.find("Summary: Since June 2009", in: whole) != nil, "double spaces")
        #expect(text.find("Summary:   Since\tJune\n2009", in: whole) != nil, "the quote's own blanks")
        #expect(text.find("demanded operations elsewhere", in: whole) != nil, "hyphenation across a line break")
        #expect(text.find("demanded opera-tions elsewhere", in: whole) != nil, "the hyphen kept")
        #expect(text.find("“Karachi’s heart”", in: whole) != nil, "curly quotes")
        #expect(text.find("\"Karachi's heart\" — a battle - between", in: whole) != nil, "dashes")
        #expect(text.find("  targeted only them  ", in: whole) != nil, "blanks around the quote")
        // Otherwise exact.
        #expect(text.find("targeted only them and not MQM supporters", in: whole) == nil)
        #expect(text.find("Targeted only them", in: whole) == nil, "case")
        #expect(text.find("targeted onlythem", in: whole) == nil, "a missing space")
        #expect(text.find("Karachis heart", in: whole) == nil, "a missing apostrophe")
        #expect(text.find("   ", in: whole) == nil, "a blank quote matches nothing")
        // NFC: a decomposed é matches a precomposed one.
        let accents = SourceText("the caf\u{E9} on the corner")
        #expect(accents.find("cafe\u{301} on", in: accents.whole.range) != nil)
    }

    @Test func findIsLimitedToThePassage() throws {
        let text = SourceText(Self.cable)
        let p1 = try text.passage(.paragraphs(1...1)), p2 = try text.passage(.paragraphs(2...2))
        #expect(text.find("Protestors took to the streets", in: p1.range) == nil)
        let hit = try #require(text.find("Protestors took to the streets", in: p2.range))
        #expect(text.label(of: hit, like: .paragraphs(1...1)) == "¶2")
        #expect(text.label(of: hit, like: .lines(1...1)) == "line 9")
        #expect(text.label(of: text.find("Heading", in: text.whole.range)!, like: .paragraphs(1...1)) == "line 7, outside the numbered paragraphs")
        #expect(String(text.characters[hit]) == "Protestors took to the streets")
    }

    @Test func closestWordsForAMisquote() throws {
        let text = SourceText(Self.cable)
        let p2 = try text.passage(.paragraphs(2...2))
        let near = try #require(text.closest(to: "targeted only them and not MQM supporters", in: p2.range))
        #expect(text.oneLine(near.range) == "targeted only them and not MQM supports")
        #expect(near.edits == 2)
        #expect(text.closest(to: "", in: p2.range) == nil)
    }

    // MARK: Against a brute-force oracle

    /// An independent normaliser: regular-expression-like rewriting on plain Swift strings.
    static func oracleNormal(_ s: String, dropLineHyphens: Bool) -> String {
        var t = s.precomposedStringWithCanonicalMapping
        for (a, b) in [("’", "'"), ("‘", "'"), ("“", "\""), ("”", "\""), ("–", "-"), ("—", "-")] { t = t.replacingOccurrences(of: a, with: b) }
        var out = ""
        let chars = Array(t)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if dropLineHyphens, c == "-", i > 0, chars[i - 1].isLetter {
                var j = i + 1, sawBreak = false
                while j < chars.count, chars[j].isWhitespace { if chars[j].isNewline { sawBreak = true }; j += 1 }
                if sawBreak, j < chars.count, chars[j].isLetter { i = j; continue }
            }
            if c.isWhitespace {
                if out.last != " " { out.append(" ") }
            } else if c == "-", out.last == "-" {
                // a run of dashes is one
            } else {
                out.append(c)
            }
            i += 1
        }
        return out.trimmingCharacters(in: .whitespaces)
    }

    /// Random texts over a small alphabet (so that matches happen), random substrings and near
    /// misses: `find` agrees with the oracle on whether the quote occurs, in every case without
    /// a hyphen at a line end (where the oracle would need both readings).
    @Test(arguments: 0..<40) func findAgreesWithTheOracle(seed: UInt64) {
        var rng = SplitMix(seed: seed)
        let alphabet: [Character] = ["a", "b", " ", " ", "\n", "’", "'", "–", "-", "c"]
        for _ in 0..<25 {
            let text = String((0..<Int.random(in: 5...60, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! })
            let source = SourceText(text)
            let quote = String((0..<Int.random(in: 1...6, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! })
            let q = Self.oracleNormal(quote, dropLineHyphens: false)
            func hasLineHyphen(_ s: String) -> Bool {
                let squeezed = s.replacingOccurrences(of: " ", with: "")
                return squeezed.contains("-\n") || squeezed.contains("–\n")
            }
            guard !hasLineHyphen(text), !hasLineHyphen(quote), !q.isEmpty else { continue }
            let expected = (" " + Self.oracleNormal(text, dropLineHyphens: false) + " ").contains(q)
            #expect((source.find(quote, in: source.whole.range) != nil) == expected, "text \(text.debugDescription), quote \(quote.debugDescription)")
        }
    }
}

/// A small seeded generator (SplitMix64), so the sweeps are the same on every run.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed &+ 0x9E37_79B9_7F4A_7C15 }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
