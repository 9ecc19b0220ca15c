/// A fast reader for the plain subset of YAML that graph files are written in, giving the same
/// ``DocumentNode`` (texts, quoting and positions) that composing with libyaml gives, or nil
/// for anything outside the subset, which ``YAMLDocumentReader`` then composes with libyaml.
///
/// The subset: block mappings of one-line keys, block sequences of one-line items, flow
/// mappings and sequences opened and closed on one line, plain scalars on one line, and
/// single- and double-quoted scalars on one line (every escape libyaml knows). Anything else
/// (anchors, aliases, tags, block scalars, empty values, multi-line scalars, tabs, carriage
/// returns, document markers, characters libyaml refuses or reads as line breaks, and every
/// error) leaves the subset, so every diagnostic still comes from libyaml.
///
/// It scans the UTF-8 bytes directly: on a 12 MB file of 100,000 relations it takes a fraction
/// of a second, where composing with libyaml and Yams takes seconds.
///
/// - Complexity: O(text length).
enum PlainYAMLReader {
    /// The deepest nesting the subset takes (a graph file needs four levels).
    static let maximumDepth = 16

    /// The document, or nil when the text leaves the subset.
    static func read(_ text: String) -> DocumentNode? {
        var text = text
        return text.withUTF8 { bytes -> DocumentNode? in
            guard acceptsEveryCharacter(bytes) else { return nil }
            var scanner = PlainYAMLScanner(bytes)
            return try? scanner.document()
        }
    }

    /// Whether every character is one the subset takes: no control characters but line feeds
    /// (so no tabs and no carriage returns), none of the characters libyaml reads as line breaks
    /// (U+0085, U+2028, U+2029) or refuses (C1 controls, U+FEFF, U+FFFE, U+FFFF), nothing beyond
    /// U+FFFF, and no line starting a document marker (`---`, `...`).
    static func acceptsEveryCharacter(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = b.count
        var k = 0
        var lineStart = true
        while k < n {
            let c = b[k]
            if c < 0x80 {
                if c < 0x20 {
                    if c != 0x0A { return false }
                    lineStart = true
                    k += 1
                    continue
                }
                if c == 0x7F { return false }
                if lineStart, c == 0x2D || c == 0x2E, k + 2 < n, b[k + 1] == c, b[k + 2] == c { return false }
                lineStart = false
                k += 1
                continue
            }
            lineStart = false
            switch c {
            case 0xC2:
                if k + 1 >= n || b[k + 1] < 0xA0 { return false }   // C1 controls and U+0085
                k += 2
            case 0xC3...0xDF:
                k += 2
            case 0xE2:
                if k + 2 < n, b[k + 1] == 0x80, b[k + 2] == 0xA8 || b[k + 2] == 0xA9 { return false }   // U+2028, U+2029
                k += 3
            case 0xEF:
                if k + 2 < n, b[k + 1] == 0xBB, b[k + 2] == 0xBF { return false }   // U+FEFF
                if k + 2 < n, b[k + 1] == 0xBF, b[k + 2] == 0xBE || b[k + 2] == 0xBF { return false }   // U+FFFE, U+FFFF
                k += 3
            case 0xE0...0xEF:
                k += 3
            default:
                return false   // four-byte characters, and anything not a lead byte
            }
        }
        return true
    }
}

/// Outside the subset: the caller composes with libyaml instead.
struct OutsidePlainYAML: Error {}

/// The scanner behind ``PlainYAMLReader``. Flow collections never span lines, so line breaks are
/// consumed only between block entries.
struct PlainYAMLScanner {
    typealias Failure = OutsidePlainYAML
    private let b: UnsafeBufferPointer<UInt8>
    private let n: Int
    private var i = 0
    private var line = 1
    private var lineStart = 0
    /// The indentation of the line whose first character `i` is at (after ``skipBlankLines()``).
    private var indent = 0
    /// A column already counted on this line: byte offset and column there.
    private var countedByte = 0
    private var countedColumn = 1

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        b = bytes
        n = bytes.count
    }

    private static let space: UInt8 = 0x20, lf: UInt8 = 0x0A, hash: UInt8 = 0x23, colon: UInt8 = 0x3A
    private static let dash: UInt8 = 0x2D, comma: UInt8 = 0x2C, dquote: UInt8 = 0x22, squote: UInt8 = 0x27
    private static let lbracket: UInt8 = 0x5B, rbracket: UInt8 = 0x5D, lbrace: UInt8 = 0x7B, rbrace: UInt8 = 0x7D

    mutating func document() throws(Failure) -> DocumentNode {
        skipBlankLines()
        guard i < n, indent == 0 else { throw Failure() }
        let root = try blockMapping(indent: 0, depth: 1)
        guard i >= n else { throw Failure() }
        return root
    }

    // MARK: Positions

    /// Line and column (in Unicode scalars, from 1) of byte `at` on the current line.
    private mutating func position(_ at: Int) -> SourcePosition {
        if countedByte < lineStart || countedByte > at {
            countedByte = lineStart
            countedColumn = 1
        }
        var column = countedColumn
        var k = countedByte
        while k < at {
            if b[k] & 0xC0 != 0x80 { column += 1 }
            k += 1
        }
        countedByte = at
        countedColumn = column
        return SourcePosition(line: line, column: column)
    }

    // MARK: Lines

    /// From the start of a line: skips blank and comment-only lines, and stops at the first
    /// character of the next line with content (setting ``indent``), or at the end.
    private mutating func skipBlankLines() {
        while i < n {
            var k = i
            while k < n, b[k] == Self.space { k += 1 }
            if k == n { i = n; return }
            if b[k] == Self.lf || b[k] == Self.hash {
                while k < n, b[k] != Self.lf { k += 1 }
                if k == n { i = n; return }
                i = k + 1
                line += 1
                lineStart = i
                continue
            }
            indent = k - i
            i = k
            return
        }
    }

    /// After a value: spaces, then the end of the line (or a comment after a space); moves to
    /// the next line with content.
    private mutating func endLine() throws(Failure) {
        let before = i
        while i < n, b[i] == Self.space { i += 1 }
        if i < n, b[i] == Self.hash {
            guard i > before else { throw Failure() }
            while i < n, b[i] != Self.lf { i += 1 }
        }
        if i < n {
            guard b[i] == Self.lf else { throw Failure() }
            i += 1
            line += 1
            lineStart = i
        }
        skipBlankLines()
    }

    private mutating func skipSpaces() {
        while i < n, b[i] == Self.space { i += 1 }
    }

    private func atLineEnd() -> Bool {
        i >= n || b[i] == Self.lf || (b[i] == Self.hash && i > 0 && b[i - 1] == Self.space)
    }

    // MARK: Block collections

    private mutating func blockMapping(indent own: Int, depth: Int) throws(Failure) -> DocumentNode {
        guard depth <= PlainYAMLReader.maximumDepth else { throw Failure() }
        let start = position(i)
        var pairs: [(key: ScalarNode, value: DocumentNode)] = []
        while true {
            if b[i] == Self.dash, i + 1 >= n || b[i + 1] == Self.space || b[i + 1] == Self.lf { throw Failure() }
            let keyStart = i
            let key = try scalar(flow: false)
            if i - keyStart > 1000 { throw Failure() }   // libyaml takes simple keys of up to 1024 characters
            // A simple key: ':' right after it, then a space or the end of the line.
            guard i < n, b[i] == Self.colon, i + 1 >= n || b[i + 1] == Self.space || b[i + 1] == Self.lf else { throw Failure() }
            if !key.quoted && key.text == "<<" { throw Failure() }
            i += 1
            skipSpaces()
            let value: DocumentNode
            if atLineEnd() {
                try endLine()
                // An empty value, or a collection indented under the key.
                guard i < n, indent > own else { throw Failure() }
                if b[i] == Self.dash, i + 1 < n, b[i + 1] == Self.space {
                    value = try blockSequence(indent: indent, depth: depth + 1)
                } else {
                    value = try blockMapping(indent: indent, depth: depth + 1)
                }
            } else {
                value = try inline(depth: depth + 1)
                try endLine()
            }
            pairs.append((key, value))
            if i >= n || indent < own { return .mapping(pairs, start) }
            guard indent == own else { throw Failure() }
        }
    }

    private mutating func blockSequence(indent own: Int, depth: Int) throws(Failure) -> DocumentNode {
        guard depth <= PlainYAMLReader.maximumDepth else { throw Failure() }
        let start = position(i)
        var items: [DocumentNode] = []
        while true {
            guard b[i] == Self.dash, i + 1 < n, b[i + 1] == Self.space else { throw Failure() }
            i += 2
            skipSpaces()
            if atLineEnd() { throw Failure() }
            items.append(try inline(depth: depth + 1))
            try endLine()
            if i >= n || indent < own { return .sequence(items, start) }
            guard indent == own else { throw Failure() }
        }
    }

    // MARK: Values on one line

    /// A flow collection or a scalar, in block context.
    private mutating func inline(depth: Int) throws(Failure) -> DocumentNode {
        guard depth <= PlainYAMLReader.maximumDepth else { throw Failure() }
        switch b[i] {
        case Self.lbrace: return try flowMapping(depth: depth)
        case Self.lbracket: return try flowSequence(depth: depth)
        default: return .scalar(try scalar(flow: false))
        }
    }

    private mutating func flowNode(depth: Int) throws(Failure) -> DocumentNode {
        guard depth <= PlainYAMLReader.maximumDepth, i < n else { throw Failure() }
        switch b[i] {
        case Self.lbrace: return try flowMapping(depth: depth)
        case Self.lbracket: return try flowSequence(depth: depth)
        default: return .scalar(try scalar(flow: true))
        }
    }

    private mutating func flowMapping(depth: Int) throws(Failure) -> DocumentNode {
        let start = position(i)
        i += 1
        skipSpaces()
        var pairs: [(key: ScalarNode, value: DocumentNode)] = []
        if i < n, b[i] == Self.rbrace {
            i += 1
            return .mapping(pairs, start)
        }
        while true {
            guard i < n else { throw Failure() }
            let keyStart = i
            let key = try scalar(flow: true)
            if i - keyStart > 1000 { throw Failure() }
            guard i + 1 < n, b[i] == Self.colon, b[i + 1] == Self.space else { throw Failure() }
            if !key.quoted && key.text == "<<" { throw Failure() }
            i += 1
            skipSpaces()
            guard i < n, b[i] != Self.comma, b[i] != Self.rbrace, b[i] != Self.lf, b[i] != Self.hash else { throw Failure() }
            let value = try flowNode(depth: depth + 1)
            pairs.append((key, value))
            skipSpaces()
            guard i < n else { throw Failure() }
            if b[i] == Self.rbrace {
                i += 1
                return .mapping(pairs, start)
            }
            guard b[i] == Self.comma else { throw Failure() }
            i += 1
            skipSpaces()
            guard i < n, b[i] != Self.rbrace else { throw Failure() }   // a trailing comma: leave it to libyaml
        }
    }

    private mutating func flowSequence(depth: Int) throws(Failure) -> DocumentNode {
        let start = position(i)
        i += 1
        skipSpaces()
        var items: [DocumentNode] = []
        if i < n, b[i] == Self.rbracket {
            i += 1
            return .sequence(items, start)
        }
        while true {
            guard i < n, b[i] != Self.comma, b[i] != Self.lf, b[i] != Self.hash else { throw Failure() }
            items.append(try flowNode(depth: depth + 1))
            skipSpaces()
            guard i < n else { throw Failure() }
            if b[i] == Self.rbracket {
                i += 1
                return .sequence(items, start)
            }
            guard b[i] == Self.comma else { throw Failure() }
            i += 1
            skipSpaces()
            guard i < n, b[i] != Self.rbracket else { throw Failure() }
        }
    }

    // MARK: Scalars

    /// A scalar on one line; `i` ends just after it (after the closing quote, or after the last
    /// character of a plain scalar, before any trailing spaces).
    private mutating func scalar(flow: Bool) throws(Failure) -> ScalarNode {
        guard i < n else { throw Failure() }
        switch b[i] {
        case Self.dquote: return try doubleQuoted()
        case Self.squote: return try singleQuoted()
        default: return try plain(flow: flow)
        }
    }

    private mutating func plain(flow: Bool) throws(Failure) -> ScalarNode {
        let start = i
        let first = b[i]
        switch first {
        case Self.space, Self.lf, Self.hash, Self.comma, Self.lbracket, Self.rbracket, Self.lbrace, Self.rbrace,
             0x26, 0x2A, 0x21, 0x7C, 0x3E, Self.squote, Self.dquote, 0x25, 0x40, 0x60, 0x3F, Self.colon:
            throw Failure()   // & * ! | > % @ ` ? : and the rest start no plain scalar here
        case Self.dash:
            // '-' starts a plain scalar when a letter, digit or '.' follows ('-1', '-x').
            guard i + 1 < n else { throw Failure() }
            let next = b[i + 1]
            guard (next >= 0x30 && next <= 0x39) || (next >= 0x41 && next <= 0x5A) || (next >= 0x61 && next <= 0x7A) || next == 0x2E else {
                throw Failure()
            }
        default: break
        }
        var end = i
        while i < n {
            let c = b[i]
            if c == Self.lf { break }
            if c == Self.space { i += 1; continue }
            if c == Self.hash && b[i - 1] == Self.space { break }
            if c == Self.colon {
                if i + 1 >= n || b[i + 1] == Self.space || b[i + 1] == Self.lf { break }
                if flow { throw Failure() }   // 'a:b' in a flow collection: libyaml versions differ
            }
            if flow && (c == Self.comma || c == Self.lbracket || c == Self.rbracket || c == Self.lbrace || c == Self.rbrace) { break }
            i += 1
            end = i
        }
        i = end
        let text = String(decoding: UnsafeBufferPointer(rebasing: b[start..<end]), as: UTF8.self)
        return ScalarNode(text: text, quoted: false, position: position(start))
    }

    private mutating func singleQuoted() throws(Failure) -> ScalarNode {
        let start = i
        i += 1
        var segment = i
        var bytes: [UInt8]?
        while true {
            guard i < n, b[i] != Self.lf else { throw Failure() }
            if b[i] == Self.squote {
                if i + 1 < n, b[i + 1] == Self.squote {
                    // '' is one quote.
                    bytes = (bytes ?? []) + UnsafeBufferPointer(rebasing: b[segment...i])
                    i += 2
                    segment = i
                    continue
                }
                break
            }
            i += 1
        }
        let text: String
        if var bytes {
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: b[segment..<i]))
            text = String(decoding: bytes, as: UTF8.self)
        } else {
            text = String(decoding: UnsafeBufferPointer(rebasing: b[segment..<i]), as: UTF8.self)
        }
        i += 1
        return ScalarNode(text: text, quoted: true, position: position(start))
    }

    private mutating func doubleQuoted() throws(Failure) -> ScalarNode {
        let start = i
        i += 1
        var segment = i
        var bytes: [UInt8]?
        while true {
            guard i < n, b[i] != Self.lf else { throw Failure() }
            let c = b[i]
            if c == Self.dquote { break }
            if c != 0x5C { i += 1; continue }
            // An escape.
            var out = bytes ?? []
            out.append(contentsOf: UnsafeBufferPointer(rebasing: b[segment..<i]))
            guard i + 1 < n else { throw Failure() }
            let e = b[i + 1]
            i += 2
            var hexDigits = 0
            switch e {
            case 0x30: out.append(0x00)              // 0
            case 0x61: out.append(0x07)              // a
            case 0x62: out.append(0x08)              // b
            case 0x74: out.append(0x09)              // t
            case 0x6E: out.append(0x0A)              // n
            case 0x76: out.append(0x0B)              // v
            case 0x66: out.append(0x0C)              // f
            case 0x72: out.append(0x0D)              // r
            case 0x65: out.append(0x1B)              // e
            case 0x20, 0x22, 0x2F, 0x5C: out.append(e)   // space " / \
            case 0x4E: out += [0xC2, 0x85]           // N
            case 0x5F: out += [0xC2, 0xA0]           // _
            case 0x4C: out += [0xE2, 0x80, 0xA8]     // L
            case 0x50: out += [0xE2, 0x80, 0xA9]     // P
            case 0x78: hexDigits = 2                 // x
            case 0x75: hexDigits = 4                 // u
            case 0x55: hexDigits = 8                 // U
            default: throw Failure()
            }
            if hexDigits > 0 {
                var value: UInt32 = 0
                for _ in 0..<hexDigits {
                    guard i < n else { throw Failure() }
                    let h = b[i]
                    let digit: UInt32
                    switch h {
                    case 0x30...0x39: digit = UInt32(h - 0x30)
                    case 0x41...0x46: digit = UInt32(h - 0x41 + 10)
                    case 0x61...0x66: digit = UInt32(h - 0x61 + 10)
                    default: throw Failure()
                    }
                    value = value << 4 + digit
                    i += 1
                }
                guard let scalar = Unicode.Scalar(value) else { throw Failure() }
                out.append(contentsOf: UTF8.encode(scalar)!)
            }
            bytes = out
            segment = i
        }
        let text: String
        if var bytes {
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: b[segment..<i]))
            text = String(decoding: bytes, as: UTF8.self)
        } else {
            text = String(decoding: UnsafeBufferPointer(rebasing: b[segment..<i]), as: UTF8.self)
        }
        i += 1
        return ScalarNode(text: text, quoted: true, position: position(start))
    }
}
