import Foundation

/// Escaping for the three kinds of text a DOT file holds.
public enum DOTText {
    /// A double-quoted DOT string: `"` becomes `\"`, which cgraph reads back as `"`; cgraph keeps
    /// every other character, backslashes included, as it is. Only for text that passes
    /// ``isSafeQuoted(_:)``: ids and plain values that Graphviz does not expand further.
    public static func quoted(_ s: String) -> String {
        "\"" + s.replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    /// Whether `s` can be written with ``quoted(_:)`` and read back unchanged: it must not end
    /// in a backslash, have a backslash before a quote, or hold a line break or control character.
    public static func isSafeQuoted(_ s: String) -> Bool {
        var previous: Unicode.Scalar?
        for c in s.unicodeScalars {
            if c.value < 0x20 || c.value == 0x7F { return false }
            if c == "\"" && previous == "\\" { return false }
            previous = c
        }
        return previous != "\\"
    }

    /// A Graphviz *escString* for a tooltip, quoted, that Graphviz 2.43 shows exactly as `s`.
    ///
    /// Graphviz expands `\N`, `\G`, `\E`, `\T`, `\H`, `\L` and `\n` in tooltips, and 2.43 runs
    /// that expansion twice on the way to SVG, so a literal backslash is written as four
    /// (`\\\\`), which comes out as one. Its SVG writer copies anything that looks like an XML
    /// entity as it is, so `&`, `<` and `>` are written as entities, which every SVG viewer shows as
    /// the characters themselves; a line break is `\n`. Writing `<` as an entity also keeps every
    /// plain string in our DOT free of `<`, while every HTML-like label holds a tag (see
    /// ``htmlLabel(_:)``): cgraph's string pool shares one entry between equal texts, and an entry
    /// once read as HTML turns every equal plain value into HTML in laid-out DOT (`labelloc=<b>`).
    /// Tested for nodes, edges, clusters and the graph by `AdversarialNameTests`.
    public static func escString(_ s: String) -> String {
        var out = "\""
        for c in s.unicodeScalars {
            switch c {
            case "\\": out += "\\\\\\\\"
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            case "\r", "\t": out += " "
            default:
                if c.value < 0x20 || c.value == 0x7F { out += "\u{FFFD}" } else { out.unicodeScalars.append(c) }
            }
        }
        return out + "\""
    }

    /// Text for a Graphviz HTML-like label: `&`, `<`, `>`, `"` and `'` as entities, line breaks as
    /// `<BR/>`, other control characters (which Graphviz's XML parser rejects) as U+FFFD, and a
    /// backslash doubled: Graphviz 2.43 expands `\N`, `\G` and the like inside HTML-like labels
    /// too, and reads `\\` as one backslash. Not for web pages: this is Graphviz's dialect.
    public static func html(_ s: String) -> String {
        var out = ""
        for c in s.unicodeScalars {
            switch c {
            case "\\": out += "\\\\"
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\n": out += "<BR/>"
            case "\t": out += " "
            default:
                if c.value < 0x20 || c.value == 0x7F || c.value == 0xFFFE || c.value == 0xFFFF
                    || (0xD800...0xDFFF).contains(c.value) {
                    out += "\u{FFFD}"
                } else {
                    out.unicodeScalars.append(c)
                }
            }
        }
        return out
    }

    /// An HTML-like label value, `<…>`, for the HTML text `inner` (built with ``html(_:)``).
    ///
    /// Text without a tag is wrapped in `<FONT>…</FONT>`, which draws the same: cgraph's string
    /// pool keeps one entry for equal texts and marks the entry HTML when an HTML label is read
    /// first, so a bare label `<b>` made every plain `b` in the graph HTML as well (`labelloc=<b>`
    /// in laid-out DOT; node names with `fdp`). Every HTML label we write holds a `<` and no plain
    /// value does (``escString(_:)`` writes `<` as `&lt;`), so the two never share an entry.
    public static func htmlLabel(_ inner: String) -> String {
        inner.contains("<") ? "<" + inner + ">" : "<<FONT>" + inner + "</FONT>>"
    }

    /// Breaks text into lines of about `width` characters at spaces; a word longer than a third
    /// more than a line is split. At most `maxLines` lines; the last is cut with `…` when text remains.
    public static func wrap(_ text: String, width: Int, maxLines: Int = 4) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            var word = Substring(word)
            // A word somewhat longer than a line keeps its own line; only a much longer one is cut.
            while word.count > width + width / 3 {
                if !current.isEmpty { lines.append(current); current = "" }
                lines.append(String(word.prefix(width)))
                word = word.dropFirst(width)
            }
            if current.isEmpty { current = String(word) } else if current.count + 1 + word.count <= width {
                current += " " + word
            } else {
                lines.append(current)
                current = String(word)
            }
        }
        if !current.isEmpty { lines.append(current) }
        if lines.count > maxLines {
            lines = Array(lines.prefix(maxLines))
            lines[maxLines - 1] = String(lines[maxLines - 1].prefix(max(1, width - 1))) + "…"
        }
        return lines
    }
}
