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

    /// A Graphviz *escString* (tooltips, URLs), quoted: Graphviz expands `\N`, `\G`, `\n` and
    /// the like in these, so a literal backslash is written `\\` and a line break `\n`.
    public static func escString(_ s: String) -> String {
        var out = "\""
        for c in s.unicodeScalars {
            switch c {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            case "\r", "\t": out += " "
            default:
                if c.value < 0x20 || c.value == 0x7F { out += "\u{FFFD}" } else { out.unicodeScalars.append(c) }
            }
        }
        return out + "\""
    }

    /// Text for an HTML-like label: `&`, `<`, `>`, `"` and `'` as entities, line breaks as
    /// `<BR/>`, other control characters (which Graphviz's XML parser rejects) as U+FFFD.
    public static func html(_ s: String) -> String {
        var out = ""
        for c in s.unicodeScalars {
            switch c {
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
