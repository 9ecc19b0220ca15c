/// A small JSON parser (RFC 8259) that keeps the line and column of every value and every
/// duplicate key, which Foundation's parser does not.
struct JSONDocumentReader {
    static let maximumDepth = 64

    private let scalars: [Unicode.Scalar]
    private let file: String
    private var index = 0
    private var line = 1
    private var column = 1
    private var depth = 0

    struct Failure: Error {
        var diagnostic: Diagnostic
    }

    static func read(_ text: String, file: String) -> Result<DocumentNode?, Diagnostic> {
        var reader = JSONDocumentReader(scalars: Array(text.unicodeScalars), file: file)
        do {
            reader.skipWhitespace()
            if reader.index == reader.scalars.count { return .success(nil) }
            let node = try reader.value()
            reader.skipWhitespace()
            if reader.index < reader.scalars.count {
                throw reader.failure("unexpected text after the end of the JSON value", fix: "a file holds one JSON object")
            }
            return .success(node)
        } catch let f as Failure {
            return .failure(f.diagnostic)
        } catch {
            return .failure(Diagnostic(file: file, position: nil, severity: .error, message: "invalid JSON"))
        }
    }

    private init(scalars: [Unicode.Scalar], file: String) {
        self.scalars = scalars
        self.file = file
    }

    private var here: SourcePosition { SourcePosition(line: line, column: column) }

    private func failure(_ message: String, fix: String? = nil, at position: SourcePosition? = nil) -> Failure {
        Failure(diagnostic: Diagnostic(file: file, position: position ?? here, severity: .error,
                                       message: "invalid JSON: " + message, fix: fix))
    }

    private func tooDeep() -> Failure {
        failure("nesting deeper than \(JSONDocumentReader.maximumDepth) levels here",
                fix: "a graph file needs only a few levels; check that every '[' and '{' is closed where it should be")
    }

    private var current: Unicode.Scalar? { index < scalars.count ? scalars[index] : nil }

    private mutating func advance() {
        if scalars[index] == "\n" { line += 1; column = 1 } else { column += 1 }
        index += 1
    }

    private mutating func skipWhitespace() {
        while let c = current, c == " " || c == "\t" || c == "\n" || c == "\r" { advance() }
    }

    private mutating func expect(_ c: Unicode.Scalar, _ what: String) throws {
        skipWhitespace()
        guard current == c else {
            throw failure("expected \(what), found \(describeCurrent())")
        }
        advance()
    }

    private func describeCurrent() -> String {
        guard let c = current else { return "the end of the file" }
        return "'\(Character(c))'"
    }

    private mutating func value() throws -> DocumentNode {
        skipWhitespace()
        let start = here
        guard let c = current else { throw failure("unexpected end of the file; a value is missing") }
        switch c {
        case "{":
            depth += 1
            defer { depth -= 1 }
            if depth > JSONDocumentReader.maximumDepth { throw tooDeep() }
            advance()
            var pairs: [(key: ScalarNode, value: DocumentNode)] = []
            skipWhitespace()
            if current == "}" { advance(); return .mapping(pairs, start) }
            while true {
                skipWhitespace()
                guard current == "\"" else {
                    throw failure("expected a quoted key, found \(describeCurrent())",
                                  fix: current == "}" ? "remove the comma before '}'" : "JSON keys are written in double quotes")
                }
                let keyStart = here
                let key = try string()
                try expect(":", "':' after the key")
                let v = try value()
                pairs.append((ScalarNode(text: key, quoted: true, position: keyStart), v))
                skipWhitespace()
                if current == "," { advance(); continue }
                if current == "}" { advance(); return .mapping(pairs, start) }
                throw failure("expected ',' or '}' after a value, found \(describeCurrent())")
            }
        case "[":
            depth += 1
            defer { depth -= 1 }
            if depth > JSONDocumentReader.maximumDepth { throw tooDeep() }
            advance()
            var items: [DocumentNode] = []
            skipWhitespace()
            if current == "]" { advance(); return .sequence(items, start) }
            while true {
                skipWhitespace()
                if current == "]" { throw failure("a value is missing before ']'", fix: "remove the trailing comma") }
                items.append(try value())
                skipWhitespace()
                if current == "," { advance(); continue }
                if current == "]" { advance(); return .sequence(items, start) }
                throw failure("expected ',' or ']' after a list item, found \(describeCurrent())")
            }
        case "\"":
            return .scalar(ScalarNode(text: try string(), quoted: true, position: start))
        case "t", "f", "n":
            var word = ""
            while let c = current, c.properties.isAlphabetic { word.unicodeScalars.append(c); advance() }
            switch word {
            case "true", "false": return .scalar(ScalarNode(text: word, quoted: false, position: start))
            case "null": return .scalar(ScalarNode(text: "", quoted: false, position: start, isNull: true))
            default: throw failure("unknown word '\(word)'", fix: "text must be in double quotes", at: start)
            }
        case "-", "0"..."9":
            var number = ""
            while let c = current, "+-0123456789.eE".unicodeScalars.contains(c) { number.unicodeScalars.append(c); advance() }
            guard JSONDocumentReader.isJSONNumber(number) else { throw failure("'\(number)' is not a number", at: start) }
            return .scalar(ScalarNode(text: number, quoted: false, position: start))
        default:
            throw failure("expected a value, found \(describeCurrent())",
                          fix: c == "'" ? "JSON strings use double quotes" : nil)
        }
    }

    private mutating func string() throws -> String {
        let start = here
        advance() // opening quote
        var out = String.UnicodeScalarView()
        while true {
            guard let c = current else { throw failure("the string that starts here is never closed", at: start) }
            if c == "\"" { advance(); return String(out) }
            if c == "\\" {
                advance()
                guard let e = current else { throw failure("the string that starts here is never closed", at: start) }
                advance()
                switch e {
                case "\"": out.append("\"")
                case "\\": out.append("\\")
                case "/": out.append("/")
                case "b": out.append("\u{08}")
                case "f": out.append("\u{0C}")
                case "n": out.append("\n")
                case "r": out.append("\r")
                case "t": out.append("\t")
                case "u":
                    var code = try hex4()
                    if (0xD800...0xDBFF).contains(code) {
                        guard current == "\\" else { throw failure("a lone UTF-16 surrogate in \\u escape") }
                        advance()
                        guard current == "u" else { throw failure("a lone UTF-16 surrogate in \\u escape") }
                        advance()
                        let low = try hex4()
                        guard (0xDC00...0xDFFF).contains(low) else { throw failure("an invalid UTF-16 surrogate pair") }
                        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                    }
                    guard let scalar = Unicode.Scalar(code) else { throw failure("\\u escape names no character") }
                    out.append(scalar)
                default:
                    throw failure("unknown escape '\\\(Character(e))'", fix: "write a backslash as \\\\")
                }
            } else if c.value < 0x20 {
                throw failure("a control character inside a string", fix: "write a line break as \\n and a tab as \\t")
            } else {
                out.append(c)
                advance()
            }
        }
    }

    private mutating func hex4() throws -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let c = current, let digit = Character(c).hexDigitValue else {
                throw failure("a \\u escape needs four hexadecimal digits")
            }
            value = value * 16 + UInt32(digit)
            advance()
        }
        return value
    }

    static func isJSONNumber(_ s: String) -> Bool {
        var it = Array(s.utf8)[...]
        if it.first == UInt8(ascii: "-") { it = it.dropFirst() }
        guard let first = it.first, (48...57).contains(first) else { return false }
        if first == 48 { it = it.dropFirst() } else { while let c = it.first, (48...57).contains(c) { it = it.dropFirst() } }
        if it.first == UInt8(ascii: ".") {
            it = it.dropFirst()
            guard let c = it.first, (48...57).contains(c) else { return false }
            while let c = it.first, (48...57).contains(c) { it = it.dropFirst() }
        }
        if let e = it.first, e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
            it = it.dropFirst()
            if let sign = it.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") { it = it.dropFirst() }
            guard let c = it.first, (48...57).contains(c) else { return false }
            while let c = it.first, (48...57).contains(c) { it = it.dropFirst() }
        }
        return it.isEmpty
    }
}
