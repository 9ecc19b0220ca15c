import Foundation

/// A part of a source text: a numbered paragraph, a run of lines, a page, or the whole text.
public struct Passage: Hashable, Sendable {
    /// How a cite names it: `¶3`, `lines 12–20`, `p. 2`, or `the whole text`.
    public var label: String
    /// Its characters, as offsets into ``SourceText/characters``.
    public var range: Range<Int>
    /// Its first and last line (from 1).
    public var lines: ClosedRange<Int>

    /// A passage with its label, characters and lines.
    public init(label: String, range: Range<Int>, lines: ClosedRange<Int>) {
        self.label = label
        self.range = range
        self.lines = lines
    }
}

/// Why a locator names no passage of a text.
public struct MissingPassage: Error, Hashable, Sendable {
    /// What the text has of the locator's kind: `¶1–¶9`, `lines 1–87`, `p. 1 only`, or a
    /// sentence when it has none (`no numbered paragraphs (lines starting "¶N" or "N.")`).
    public var available: String

    /// A missing passage, with what the text has instead.
    public init(available: String) { self.available = available }
}

/// The text of a source, with its lines, numbered paragraphs and pages, and a normalised form
/// in which quotes are searched.
///
/// **Paragraphs** are lines that start (after blanks) with `¶N` or with `N.` followed by a
/// blank: cables and reports number them so. When any line starts with `¶`, only those count.
/// Numbers must rise through the text (a `1.` of a later list is not paragraph 1 again). A
/// paragraph runs to the line before the next numbered one or before the first blank line,
/// whichever comes first. **Lines** are counted from 1 (LF, CRLF or CR). **Pages** are separated
/// by form feeds (U+000C).
///
/// **Normalisation.** Before comparing, text and quote are put in Unicode NFC, and then: every
/// run of whitespace and line breaks is one space; a hyphen that ends a line between two letters
/// may be present or absent (`Pash-⏎tun` matches `Pashtun` and `Pash-tun`); curly and angled
/// quotation marks are straight (`’` `‘` → `'`, `“` `”` `«` `»` → `"`); every dash and minus
/// (U+2010–U+2015, U+2212) is a hyphen, and a run of hyphens is one. Otherwise the comparison is
/// exact: letters, case, digits and punctuation must agree.
///
/// # Performance
/// Building one costs O(n) for n characters, keeping about 20 bytes per character. ``find(_:in:)``
/// is a direct scan, O(n·q) in the worst case and near O(n) on prose; ``closest(to:in:)`` is
/// approximate matching (Sellers), O(n·q) always, with q capped at 400 characters.
public struct SourceText: Sendable {
    /// The text, in NFC.
    public let text: String
    /// Its characters; passages and matches are ranges of offsets into this array.
    public let characters: [Character]
    /// The offset of the first character of each line.
    public let lineStarts: [Int]
    /// The numbered paragraphs, in order: number and character range.
    public let paragraphs: [(number: Int, range: Range<Int>)]
    /// The offset of the first character of each page (the first is 0).
    public let pageStarts: [Int]

    /// The normalised characters, as codes (``code(_:)``).
    let normalised: [UInt32]
    /// The offset in ``characters`` each normalised character comes from.
    let origin: [Int32]
    /// Whether each normalised character may be skipped (a hyphen at a line break).
    let optional: [Bool]
    /// Codes of the characters that are more than one Unicode scalar.
    let clusterCodes: [String: UInt32]

    /// Reads `text`: lines, paragraphs, pages, and the normalised form.
    ///
    /// - Complexity: O(n) for n characters.
    public init(_ text: String) {
        let nfc = text.precomposedStringWithCanonicalMapping
        self.text = nfc
        let chars = Array(nfc)
        characters = chars
        var starts = [0]
        var pages = [0]
        for (i, c) in chars.enumerated() {
            if c == "\n" || c == "\r\n" || c == "\r" { starts.append(i + 1) }
            if c == "\u{0C}" { pages.append(i + 1) }
        }
        if starts.count > 1 && starts.last == chars.count { starts.removeLast() } // a final newline ends the last line
        lineStarts = starts
        pageStarts = pages
        paragraphs = SourceText.numberedParagraphs(chars, lineStarts: starts)
        var clusters: [String: UInt32] = [:]
        let n = SourceText.normalise(chars, clusters: &clusters, addClusters: true)
        normalised = n.codes
        origin = n.origin
        optional = n.optional
        clusterCodes = clusters
    }

    // MARK: Lines, paragraphs, pages

    /// The number of lines.
    public var lineCount: Int { lineStarts.count }

    /// The line (from 1) holding the character at `offset`.
    ///
    /// - Complexity: O(log lines).
    public func line(at offset: Int) -> Int {
        var lo = 0, hi = lineStarts.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if lineStarts[mid] <= offset { lo = mid + 1 } else { hi = mid }
        }
        return max(1, lo)
    }

    /// The characters of line `k` (from 1), without its line break.
    public func lineRange(_ k: Int) -> Range<Int> {
        let start = lineStarts[k - 1]
        var end = k < lineStarts.count ? lineStarts[k] : characters.count
        while end > start, characters[end - 1].isNewline { end -= 1 }
        return start..<end
    }

    /// The whole text as a passage.
    public var whole: Passage {
        Passage(label: "the whole text", range: 0..<characters.count, lines: 1...max(1, lineCount))
    }

    /// The passage a locator names.
    ///
    /// - Throws: ``MissingPassage`` with what the text has, when it lacks the passage.
    /// - Complexity: O(log n) for lines, O(paragraphs) or O(pages) otherwise.
    public func passage(_ locator: Locator) throws(MissingPassage) -> Passage {
        switch locator {
        case .paragraphs(let r):
            var first: Range<Int>?, last: Range<Int>?
            for k in r {
                guard let p = paragraphs.first(where: { $0.number == k }) else { throw MissingPassage(available: availableParagraphs) }
                if first == nil { first = p.range }
                last = p.range
            }
            let range = first!.lowerBound..<last!.upperBound
            return Passage(label: locator.description, range: range, lines: lines(of: range))
        case .lines(let r):
            guard r.upperBound <= lineCount else { throw MissingPassage(available: lineCount == 1 ? "line 1 only" : "lines 1–\(lineCount)") }
            let range = lineStarts[r.lowerBound - 1]..<lineRange(r.upperBound).upperBound
            return Passage(label: locator.description, range: range, lines: r)
        case .pages(let r):
            guard r.upperBound <= pageStarts.count else {
                throw MissingPassage(available: pageStarts.count == 1 ? "p. 1 only (its text has no form-feed page breaks)" : "pp. 1–\(pageStarts.count)")
            }
            let start = pageStarts[r.lowerBound - 1]
            let end = r.upperBound < pageStarts.count ? pageStarts[r.upperBound] - 1 : characters.count
            return Passage(label: locator.description, range: start..<end, lines: lines(of: start..<end))
        }
    }

    /// The first and last line a range of characters touches.
    public func lines(of range: Range<Int>) -> ClosedRange<Int> {
        let first = line(at: range.lowerBound)
        return first...max(first, line(at: max(range.lowerBound, range.upperBound - 1)))
    }

    /// The paragraphs the text has, for messages: `¶1–¶9`, `¶1–¶4, ¶6`.
    public var availableParagraphs: String {
        if paragraphs.isEmpty { return "no numbered paragraphs (lines starting \"¶N\" or \"N.\")" }
        var runs: [ClosedRange<Int>] = []
        for p in paragraphs {
            if let last = runs.last, last.upperBound + 1 == p.number { runs[runs.count - 1] = last.lowerBound...p.number } else { runs.append(p.number...p.number) }
        }
        return runs.map { $0.count == 1 ? "¶\($0.lowerBound)" : "¶\($0.lowerBound)–¶\($0.upperBound)" }.joined(separator: ", ")
    }

    /// The label of the passage holding `range`, of the same kind as `locator` (a paragraph for
    /// `¶`, a page for `p.`, else lines): what an error names when a quote sits elsewhere.
    public func label(of range: Range<Int>, like locator: Locator?) -> String {
        let lines = lines(of: range)
        let lineLabel = lines.count == 1 ? "line \(lines.lowerBound)" : "lines \(lines.lowerBound)–\(lines.upperBound)"
        switch locator {
        case .paragraphs?:
            let holding = paragraphs.filter { $0.range.overlaps(range) }.map(\.number)
            guard let a = holding.first, let b = holding.last else { return "\(lineLabel), outside the numbered paragraphs" }
            return a == b ? "¶\(a)" : "¶\(a)–¶\(b)"
        case .pages?:
            var a = 0
            while a + 1 < pageStarts.count, pageStarts[a + 1] <= range.lowerBound { a += 1 }
            var b = a
            while b + 1 < pageStarts.count, pageStarts[b + 1] < range.upperBound { b += 1 }
            return a == b ? "p. \(a + 1)" : "pp. \(a + 1)–\(b + 1)"
        default:
            return lineLabel
        }
    }

    static func numberedParagraphs(_ chars: [Character], lineStarts: [Int]) -> [(number: Int, range: Range<Int>)] {
        // Each line: its first non-blank character, and whether it is blank.
        struct Mark { var line: Int; var number: Int; var pilcrow: Bool }
        var marks: [Mark] = []
        var blank = [Bool](repeating: true, count: lineStarts.count)
        for (k, start) in lineStarts.enumerated() {
            let end = k + 1 < lineStarts.count ? lineStarts[k + 1] : chars.count
            var i = start
            while i < end, chars[i].isWhitespace { i += 1 }
            if i == end { continue }
            blank[k] = false
            var pilcrow = false
            if chars[i] == "¶" {
                pilcrow = true
                i += 1
                while i < end, chars[i] == " " || chars[i] == "\t" { i += 1 }
            }
            var n = 0, digits = 0
            while i < end, chars[i].isASCII, let d = chars[i].wholeNumberValue, digits < 9 { n = n * 10 + d; digits += 1; i += 1 }
            guard digits > 0, n >= 1 else { continue }
            if pilcrow {
                if i < end, chars[i].isASCII, chars[i].isNumber { continue }
                marks.append(Mark(line: k, number: n, pilcrow: true))
            } else if i < end, chars[i] == ".", i + 1 == end || chars[i + 1].isWhitespace {
                marks.append(Mark(line: k, number: n, pilcrow: false))
            }
        }
        let usePilcrows = marks.contains { $0.pilcrow }
        var accepted: [Mark] = []
        for m in marks where m.pilcrow == usePilcrows && m.number > (accepted.last?.number ?? 0) { accepted.append(m) }
        var out: [(number: Int, range: Range<Int>)] = []
        for (j, m) in accepted.enumerated() {
            let next = j + 1 < accepted.count ? accepted[j + 1].line : lineStarts.count
            var last = m.line
            while last + 1 < next, !blank[last + 1] { last += 1 }
            var end = last + 1 < lineStarts.count ? lineStarts[last + 1] : chars.count
            while end > lineStarts[m.line], chars[end - 1].isNewline || chars[end - 1] == "\u{0C}" { end -= 1 }
            out.append((m.number, lineStarts[m.line]..<end))
        }
        return out
    }

    // MARK: Normalisation

    /// The code a normalised character compares by: its scalar, or for a character of several
    /// scalars a code above the Unicode range.
    static func code(_ c: Character, clusters: inout [String: UInt32], add: Bool) -> UInt32 {
        let scalars = c.unicodeScalars
        if scalars.count == 1 { return scalars.first!.value }
        let key = String(c)
        if let known = clusters[key] { return known }
        guard add else { return UInt32.max }
        let new = 0x11_0000 + UInt32(clusters.count)
        clusters[key] = new
        return new
    }

    static let space = UInt32(32), hyphen = UInt32(45), apostrophe = UInt32(39), doubleQuote = UInt32(34)

    /// The normalised form of `chars` (see the type's documentation).
    static func normalise(_ chars: [Character], clusters: inout [String: UInt32], addClusters: Bool)
        -> (codes: [UInt32], origin: [Int32], optional: [Bool]) {
        var codes: [UInt32] = [], origin: [Int32] = [], optional: [Bool] = []
        codes.reserveCapacity(chars.count)
        origin.reserveCapacity(chars.count)
        optional.reserveCapacity(chars.count)
        var lastIsLetter = false
        var i = 0
        let n = chars.count
        while i < n {
            let c = chars[i]
            if c.isWhitespace {
                var j = i
                while j < n, chars[j].isWhitespace { j += 1 }
                if codes.last != space { codes.append(space); origin.append(Int32(i)); optional.append(false) }
                lastIsLetter = false
                i = j
                continue
            }
            var code = SourceText.code(c, clusters: &clusters, add: addClusters)
            switch code {
            case 0x2018, 0x2019, 0x201A, 0x201B, 0x2032, 0x2039, 0x203A, 0x0060, 0x00B4: code = apostrophe
            case 0x201C, 0x201D, 0x201E, 0x201F, 0x2033, 0x00AB, 0x00BB: code = doubleQuote
            case 0x2010...0x2015, 0x2212, 0xFE58, 0xFE63, 0xFF0D: code = hyphen
            default: break
            }
            if code == hyphen {
                // A hyphen ending a line between two letters may be a word split by the layout.
                var j = i + 1, sawBreak = false
                while j < n, chars[j].isWhitespace { if chars[j].isNewline { sawBreak = true }; j += 1 }
                if sawBreak, lastIsLetter, j < n, chars[j].isLetter {
                    codes.append(hyphen); origin.append(Int32(i)); optional.append(true)
                    i = j
                    lastIsLetter = false
                    continue
                }
                if codes.last == hyphen, optional.last == false { i += 1; continue } // "--" is one dash
            }
            codes.append(code); origin.append(Int32(i)); optional.append(false)
            lastIsLetter = c.isLetter
            i += 1
        }
        return (codes, origin, optional)
    }

    /// A quote's normalised form: as the text's, without optional hyphens, trimmed.
    func normalisedQuote(_ quote: String) -> [UInt32] {
        var clusters = clusterCodes
        let n = SourceText.normalise(Array(quote.precomposedStringWithCanonicalMapping), clusters: &clusters, addClusters: false)
        var q: [UInt32] = []
        q.reserveCapacity(n.codes.count)
        for (k, c) in n.codes.enumerated() where !n.optional[k] { q.append(c) }
        while q.first == SourceText.space { q.removeFirst() }
        while q.last == SourceText.space { q.removeLast() }
        return q
    }

    /// The normalised indices of a range of characters.
    func normalisedRange(_ range: Range<Int>) -> Range<Int> {
        func firstAtOrAfter(_ offset: Int) -> Int {
            var lo = 0, hi = origin.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if Int(origin[mid]) < offset { lo = mid + 1 } else { hi = mid }
            }
            return lo
        }
        return firstAtOrAfter(range.lowerBound)..<firstAtOrAfter(range.upperBound)
    }

    /// The characters a range of normalised indices comes from.
    func characterRange(_ range: Range<Int>) -> Range<Int> {
        guard !range.isEmpty else { return range.lowerBound < origin.count ? Int(origin[range.lowerBound])..<Int(origin[range.lowerBound]) : characters.count..<characters.count }
        return Int(origin[range.lowerBound])..<(Int(origin[range.upperBound - 1]) + 1)
    }

    // MARK: Finding quotes

    /// Whether a quote is empty once normalised (only blanks).
    public func isBlank(_ quote: String) -> Bool { normalisedQuote(quote).isEmpty }

    /// Where `quote` first occurs within `range` (character offsets), after normalisation; nil
    /// when it does not, or when it is blank.
    ///
    /// - Complexity: O(n·q) in the worst case for n characters in `range` and q in the quote;
    ///   about O(n) on prose.
    public func find(_ quote: String, in range: Range<Int>) -> Range<Int>? {
        let q = normalisedQuote(quote)
        guard let first = q.first else { return nil }
        let window = normalisedRange(range)
        var s = window.lowerBound
        while s < window.upperBound {
            if normalised[s] == first {
                var i = s, k = 0
                while k < q.count, i < window.upperBound {
                    if normalised[i] == q[k] { i += 1; k += 1 } else if optional[i] { i += 1 } else { break }
                }
                if k == q.count { return characterRange(s..<i) }
            }
            s += 1
        }
        return nil
    }

    /// Every place `quote` occurs in the whole text (non-overlapping, in order).
    ///
    /// - Complexity: O(n·q) in the worst case.
    public func occurrences(of quote: String) -> [Range<Int>] {
        var out: [Range<Int>] = []
        var from = 0
        while from < characters.count, let r = find(quote, in: from..<characters.count) {
            out.append(r)
            from = max(r.upperBound, r.lowerBound + 1)
        }
        return out
    }

    /// The part of `range` nearest to `quote`: the substring with the fewest edits (insertions,
    /// deletions, substitutions of normalised characters) from the quote, widened to whole
    /// words, with that number of edits. Nil for a blank quote or an empty range.
    ///
    /// Sellers, P. H. "The theory and computation of evolutionary distances: pattern recognition."
    /// Journal of Algorithms 1(4):359–373, 1980.
    ///
    /// - Complexity: O(n·q) time, O(q) space, for n characters in `range` and q ≤ 400 in the quote.
    public func closest(to quote: String, in range: Range<Int>) -> (range: Range<Int>, edits: Int)? {
        let q = Array(normalisedQuote(quote).prefix(400))
        let window = normalisedRange(range)
        guard !q.isEmpty, !window.isEmpty else { return nil }
        let m = q.count
        var prevD = [Int32](unsafeUninitializedCapacity: m + 1) { b, n in for i in 0...m { b[i] = Int32(i) }; n = m + 1 }
        var prevS = [Int32](repeating: Int32(window.lowerBound), count: m + 1)
        var curD = [Int32](repeating: 0, count: m + 1)
        var curS = [Int32](repeating: 0, count: m + 1)
        var best: (d: Int32, start: Int32, end: Int32) = (.max, 0, 0)
        normalised.withUnsafeBufferPointer { text in
            q.withUnsafeBufferPointer { q in
                for j in window {
                    let t = text[j]
                    curD[0] = 0
                    curS[0] = Int32(j + 1)
                    for i in 1...m {
                        var d = prevD[i - 1] + (q[i - 1] == t ? 0 : 1)
                        var s = prevS[i - 1]
                        let up = curD[i - 1] + 1
                        if up < d { d = up; s = curS[i - 1] }
                        let left = prevD[i] + 1
                        if left < d { d = left; s = prevS[i] }
                        curD[i] = d
                        curS[i] = s
                    }
                    if curD[m] < best.d { best = (curD[m], curS[m], Int32(j + 1)) }
                    swap(&prevD, &curD)
                    swap(&prevS, &curS)
                }
            }
        }
        var r = characterRange(Int(best.start)..<Int(best.end))
        // Widen to whole words, within the range.
        while r.lowerBound > range.lowerBound, isWordCharacter(characters[r.lowerBound - 1]) { r = (r.lowerBound - 1)..<r.upperBound }
        while r.upperBound < range.upperBound, isWordCharacter(characters[r.upperBound]) { r = r.lowerBound..<(r.upperBound + 1) }
        while let c = r.first.map({ characters[$0] }), c.isWhitespace { r = (r.lowerBound + 1)..<r.upperBound }
        while r.upperBound > r.lowerBound, characters[r.upperBound - 1].isWhitespace { r = r.lowerBound..<(r.upperBound - 1) }
        return (r, Int(best.d))
    }

    private func isWordCharacter(_ c: Character) -> Bool { c.isLetter || c.isNumber }

    /// The characters of `range` with every run of whitespace as one space: how messages show
    /// a passage or a match in one line.
    public func oneLine(_ range: Range<Int>) -> String {
        var out = ""
        var lastSpace = false
        for c in characters[range] {
            if c.isWhitespace {
                if !lastSpace && !out.isEmpty { out.append(" ") }
                lastSpace = true
            } else {
                out.append(c)
                lastSpace = false
            }
        }
        if out.last == " " { out.removeLast() }
        return out
    }
}
