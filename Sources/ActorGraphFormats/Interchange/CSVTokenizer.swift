import Foundation

/// One cell of a CSV row, as byte offsets into the file.
struct CSVCell {
    /// The content: inside the quotes for a quoted cell, trimmed of spaces for a plain one.
    var start: Int
    var end: Int
    /// Where the cell's first character is (its opening quote, or its first non-blank byte).
    var first: Int
    /// Whether the cell was quoted; `escaped` when its content holds doubled quotes (`""`).
    var quoted: Bool
    var escaped: Bool

    var isEmpty: Bool { start >= end }
}

/// A row: where it starts (a line start) and on which line.
struct CSVRowStart {
    var offset: Int
    var line: Int
}

/// A syntax problem the tokenizer found, at a byte offset of a row.
struct CSVSyntaxProblem {
    enum Kind { case unterminatedQuote, textAfterQuote }
    var kind: Kind
    var offset: Int
    var line: Int
}

/// The byte-level CSV tokenizer (RFC 4180 quoting, CRLF or LF, a delimiter byte), used by the
/// reader and again, on demand, to find a cell's line and column.
struct CSVTokenizer {
    let bytes: UnsafeBufferPointer<UInt8>
    let delimiter: UInt8
    /// Where the text starts (after a byte-order mark).
    let origin: Int
    private(set) var at: Int
    private(set) var line = 1
    var problems: [CSVSyntaxProblem] = []

    init(bytes: UnsafeBufferPointer<UInt8>, delimiter: UInt8, origin: Int) {
        self.bytes = bytes
        self.delimiter = delimiter
        self.origin = origin
        self.at = origin
    }

    /// Starts over at `row` (to locate cells of a row read earlier).
    init(bytes: UnsafeBufferPointer<UInt8>, delimiter: UInt8, origin: Int, row: CSVRowStart) {
        self.init(bytes: bytes, delimiter: delimiter, origin: origin)
        at = row.offset
        line = row.line
    }

    var atEnd: Bool { at >= bytes.count }

    @inline(__always) private func isBlank(_ c: UInt8) -> Bool { c == 32 || (c == 9 && delimiter != 9) }

    /// Reads the next row into `cells` (cleared first); nil at the end of the file.
    ///
    /// - Complexity: O(bytes of the row).
    mutating func nextRow(_ cells: inout [CSVCell]) -> CSVRowStart? {
        cells.removeAll(keepingCapacity: true)
        let n = bytes.count
        guard at < n else { return nil }
        let row = CSVRowStart(offset: at, line: line)
        var i = at
        let d = delimiter
        while true {
            // One cell starting at i.
            while i < n && isBlank(bytes[i]) { i += 1 }
            if i < n && bytes[i] == 34 {
                let quote = i
                let quoteLine = line
                i += 1
                let start = i
                var escaped = false
                var closed = false
                while i < n {
                    let c = bytes[i]
                    if c == 34 {
                        if i + 1 < n && bytes[i + 1] == 34 { escaped = true; i += 2; continue }
                        closed = true
                        break
                    }
                    if c == 10 { line += 1 }
                    i += 1
                }
                if !closed {
                    // Unterminated: the cell runs to the end of the quote's line; go on after it.
                    problems.append(CSVSyntaxProblem(kind: .unterminatedQuote, offset: quote, line: quoteLine))
                    var e = start
                    while e < n && bytes[e] != 10 { e += 1 }
                    var stop = e
                    if stop > start && bytes[stop - 1] == 13 { stop -= 1 }
                    cells.append(CSVCell(start: start, end: stop, first: quote, quoted: true, escaped: false))
                    line = quoteLine + 1
                    at = e < n ? e + 1 : n
                    return row
                }
                let end = i
                i += 1 // past the closing quote
                while i < n && isBlank(bytes[i]) { i += 1 }
                if i < n && bytes[i] != d && bytes[i] != 10 && !(bytes[i] == 13 && (i + 1 >= n || bytes[i + 1] == 10)) {
                    problems.append(CSVSyntaxProblem(kind: .textAfterQuote, offset: i, line: line))
                    while i < n && bytes[i] != d && bytes[i] != 10 { i += 1 }
                }
                cells.append(CSVCell(start: start, end: end, first: quote, quoted: true, escaped: escaped))
            } else {
                let start = i
                while i < n {
                    let c = bytes[i]
                    if c == d || c == 10 { break }
                    i += 1
                }
                var end = i
                if end > start && bytes[end - 1] == 13 && (end == n || bytes[end] == 10) { end -= 1 }
                while end > start && isBlank(bytes[end - 1]) { end -= 1 }
                cells.append(CSVCell(start: start, end: end, first: start, quoted: false, escaped: false))
            }
            if i >= n { at = n; return row }
            if bytes[i] == d { i += 1; continue }
            // A line feed ends the row.
            line += 1
            at = i + 1
            return row
        }
    }

    /// The text of a cell (unescaping doubled quotes).
    func text(_ cell: CSVCell) -> String {
        let raw = UnsafeBufferPointer(rebasing: bytes[cell.start..<max(cell.start, cell.end)])
        if !cell.escaped { return String(decoding: raw, as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(raw.count)
        var k = 0
        while k < raw.count {
            out.append(raw[k])
            if raw[k] == 34 && k + 1 < raw.count && raw[k + 1] == 34 { k += 2 } else { k += 1 }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The line and column (in Unicode scalars, from 1) of byte `offset`, counted from `row`.
    ///
    /// - Complexity: O(offset − row.offset).
    func position(of offset: Int, from row: CSVRowStart) -> SourcePosition {
        var line = row.line
        var column = 1
        var k = row.offset
        let stop = min(offset, bytes.count)
        while k < stop {
            let c = bytes[k]
            if c == 10 { line += 1; column = 1 } else if c & 0xC0 != 0x80 { column += 1 }
            k += 1
        }
        return SourcePosition(line: line, column: column)
    }
}

/// CSV helpers that need no tokenizer state.
enum CSVBytes {
    /// The delimiter of the first non-blank line: the most frequent of comma, tab and semicolon outside
    /// quotes; a tie (or none) gives a comma.
    static func detectDelimiter(_ bytes: UnsafeBufferPointer<UInt8>, from origin: Int) -> UInt8 {
        var comma = 0, tab = 0, semicolon = 0
        var inQuotes = false, blank = true
        var i = origin
        while i < bytes.count {
            let c = bytes[i]
            if c != 32, c != 9, c != 13, c != 10 { blank = false }
            if c == 34 { inQuotes.toggle() } else if !inQuotes {
                if c == 10 {
                    if blank { comma = 0; tab = 0; semicolon = 0; i += 1; continue } // blank lines (and emptied comments) before the first row
                    break
                }
                if c == 44 { comma += 1 } else if c == 9 { tab += 1 } else if c == 59 { semicolon += 1 }
            }
            i += 1
        }
        if tab > comma && tab >= semicolon { return 9 }
        if semicolon > comma && semicolon > tab { return 59 }
        return 44
    }

    /// The number of line feeds, plus one.
    ///
    /// - Complexity: O(bytes), by `memchr`.
    static func lineCount(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        guard let base = bytes.baseAddress else { return 1 }
        var count = 1
        var p = UnsafeRawPointer(base)
        var left = bytes.count
        while left > 0, let hit = memchr(p, 10, left) {
            count += 1
            let next = UnsafeRawPointer(hit) + 1
            left -= next - p
            p = next
        }
        return count
    }

    /// Where a UTF-8 byte-order mark ends (0 when there is none).
    static func bomLength(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0
    }

    /// The offset of the first byte that is not valid UTF-8, or nil.
    ///
    /// - Complexity: O(bytes), eight ASCII bytes at a time.
    static func firstInvalidUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        let n = bytes.count
        guard let base = bytes.baseAddress else { return nil }
        var i = 0
        while i < n {
            if i + 8 <= n {
                let word = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                if word & 0x8080_8080_8080_8080 == 0 { i += 8; continue }
            }
            let c = bytes[i]
            if c < 0x80 { i += 1; continue }
            func cont(_ k: Int, _ lo: UInt8 = 0x80, _ hi: UInt8 = 0xBF) -> Bool {
                k < n && bytes[k] >= lo && bytes[k] <= hi
            }
            switch c {
            case 0xC2...0xDF:
                guard cont(i + 1) else { return i }
                i += 2
            case 0xE0...0xEF:
                let lo: UInt8 = c == 0xE0 ? 0xA0 : 0x80, hi: UInt8 = c == 0xED ? 0x9F : 0xBF
                guard cont(i + 1, lo, hi), cont(i + 2) else { return i }
                i += 3
            case 0xF0...0xF4:
                let lo: UInt8 = c == 0xF0 ? 0x90 : 0x80, hi: UInt8 = c == 0xF4 ? 0x8F : 0xBF
                guard cont(i + 1, lo, hi), cont(i + 2), cont(i + 3) else { return i }
                i += 4
            default:
                return i
            }
        }
        return nil
    }
}

/// Interns byte strings: each distinct text becomes one `String`, looked up by its bytes.
struct CSVInterner {
    private(set) var strings: [String] = []
    private var table: [UInt64]
    private var mask: Int

    init(capacity: Int = 16) {
        var size = 16
        while size * 5 < capacity * 8 { size <<= 1 }
        table = [UInt64](repeating: 0, count: size)
        mask = size - 1
        strings.reserveCapacity(capacity)
    }

    @inline(__always) static func hash(_ p: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325 ^ UInt64(p.count)
        var k = 0
        let n = p.count
        if let base = p.baseAddress {
            while k + 8 <= n {
                let w = UnsafeRawPointer(base + k).loadUnaligned(as: UInt64.self)
                h = (h ^ w) &* 0x9E37_79B9_7F4A_7C15
                h ^= h >> 29
                k += 8
            }
            var tail: UInt64 = 0
            var shift: UInt64 = 0
            while k < n { tail |= UInt64(base[k]) << shift; shift += 8; k += 1 }
            h = (h ^ tail) &* 0xBF58_476D_1CE4_E5B9
        }
        h ^= h >> 31
        return h
    }

    /// The index of the text with these bytes, adding it when new.
    mutating func intern(_ p: UnsafeBufferPointer<UInt8>) -> Int {
        let h = Self.hash(p)
        let tag = h >> 32 | 1 << 31 // never 0
        var slot = Int(truncatingIfNeeded: h) & mask
        while true {
            let e = table[slot]
            if e == 0 { break }
            if e >> 32 == tag {
                let idx = Int(e & 0xFFFF_FFFF)
                var s = strings[idx]
                let same = s.withUTF8 { $0.count == p.count && (p.count == 0 || memcmp($0.baseAddress!, p.baseAddress!, p.count) == 0) }
                if same { return idx }
            }
            slot = (slot + 1) & mask
        }
        let idx = strings.count
        strings.append(String(decoding: p, as: UTF8.self))
        table[slot] = tag << 32 | UInt64(idx)
        if strings.count * 8 > table.count * 5 { grow() } // at most 5/8 full
        return idx
    }

    private mutating func grow() {
        let size = table.count * 2
        var fresh = [UInt64](repeating: 0, count: size)
        let m = size - 1
        for idx in strings.indices {
            var s = strings[idx]
            let h = s.withUTF8 { Self.hash($0) }
            let tag = h >> 32 | 1 << 31
            var slot = Int(truncatingIfNeeded: h) & m
            while fresh[slot] != 0 { slot = (slot + 1) & m }
            fresh[slot] = tag << 32 | UInt64(idx)
        }
        table = fresh
        mask = m
    }
}
