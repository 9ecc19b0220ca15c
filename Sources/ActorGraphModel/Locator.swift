/// Where in a source a cite points, in a form that can be resolved against the source's text:
/// numbered paragraphs (`¶3`, `¶2–3`), lines (`lines 12-20`, `line 7`) or form-feed pages
/// (`p. 2`, `pp. 2-3`).
///
/// A cite's locator is free text (``Citation/locator``); ``init(_:)`` reads the forms above and
/// gives nil for anything else (a timestamp, a section title), which is then not resolved.
public enum Locator: Hashable, Sendable, CustomStringConvertible {
    /// Paragraphs numbered "¶N" or "N." at the start of a line, first to last.
    case paragraphs(ClosedRange<Int>)
    /// Lines of the text, counted from 1.
    case lines(ClosedRange<Int>)
    /// Pages, separated by form feeds (U+000C), counted from 1.
    case pages(ClosedRange<Int>)

    /// Reads `¶N`, `¶N-M` (or `¶N–¶M`, `para N`, `paragraph N`), `line N`, `lines A-B`,
    /// `p. N`, `pp. A-B` (or `page N`, `pages A-B`). Hyphens, en and em dashes separate a range;
    /// spacing and case do not matter. Nil for other text and for ranges that run backwards.
    ///
    /// - Complexity: O(length of the text).
    public init?(_ text: String) {
        let s = Array(text.lowercased())
        var i = 0
        func skipSpaces() { while i < s.count, s[i] == " " || s[i] == "\t" { i += 1 } }
        func number() -> Int? {
            var n = 0, digits = 0
            while i < s.count, let d = s[i].wholeNumberValue, s[i].isASCII {
                if digits > 9 { return nil }
                n = n * 10 + d
                digits += 1
                i += 1
            }
            return digits > 0 ? n : nil
        }
        skipSpaces()
        var prefix = ""
        while i < s.count, !(s[i].isASCII && s[i].isNumber) { prefix.append(s[i]); i += 1 }
        prefix = String(prefix.filter { $0 != " " && $0 != "\t" })
        let kind: Int
        switch prefix {
        case "¶", "¶¶", "para", "para.", "paras", "paras.", "paragraph", "paragraphs": kind = 0
        case "line", "lines", "l.", "ll.": kind = 1
        case "p", "p.", "pp", "pp.", "page", "pages": kind = 2
        default: return nil
        }
        guard let first = number(), first >= 1 else { return nil }
        var last = first
        skipSpaces()
        if i < s.count {
            guard s[i] == "-" || s[i] == "–" || s[i] == "—" else { return nil }
            i += 1
            skipSpaces()
            if kind == 0, i < s.count, s[i] == "¶" { i += 1; skipSpaces() }
            guard let second = number(), second >= first else { return nil }
            last = second
            skipSpaces()
            guard i == s.count else { return nil }
        }
        switch kind {
        case 0: self = .paragraphs(first...last)
        case 1: self = .lines(first...last)
        default: self = .pages(first...last)
        }
    }

    /// `¶3`, `¶2–¶3`, `line 7`, `lines 12–20`, `p. 2`, `pp. 2–3`.
    public var description: String {
        switch self {
        case .paragraphs(let r): return r.count == 1 ? "¶\(r.lowerBound)" : "¶\(r.lowerBound)–¶\(r.upperBound)"
        case .lines(let r): return r.count == 1 ? "line \(r.lowerBound)" : "lines \(r.lowerBound)–\(r.upperBound)"
        case .pages(let r): return r.count == 1 ? "p. \(r.lowerBound)" : "pp. \(r.lowerBound)–\(r.upperBound)"
        }
    }
}
