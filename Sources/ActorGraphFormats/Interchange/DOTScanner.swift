/// Where things are in DOT text: cgraph gives no positions, so the DOT reader scans the text
/// itself with a small, tolerant tokenizer and statement parser that follows cgraph's grammar.
///
/// Approximations (positions only; what the graph holds always comes from cgraph):
/// - a node's position is its first mention, as a node statement or an edge endpoint;
/// - an edge's position is its edge operator (`->`/`--`); an edge statement with a subgraph end
///   (`a -> {b c}`) gives every edge it expands to that operator's position, and each end the
///   position of that node's name in the statement;
/// - an attribute's position is its `name=` in the statement's attribute list, else in the last
///   `node [...]`/`edge [...]` default seen before, scopes of subgraphs ignored.
///
/// - Complexity: O(text length + edges × subgraph sizes).
final class DOTScanner {
    /// The deepest nesting of `{ }` accepted (subgraphs, and groups of edge ends, inside one
    /// another). Graphviz's parser is a yacc grammar whose stack gives out at a few thousand
    /// levels, and cgraph and the readers walk subgraphs recursively; a real graph needs a few.
    static let maximumDepth = 64

    /// Where the nesting of `{` first passes ``maximumDepth``, or nil. Knows what cgraph's lexer
    /// knows: braces inside quoted strings, HTML strings `<…>`, `//` and `/* */` comments and `#`
    /// lines do not count.
    ///
    /// - Complexity: O(text length), no allocation but the byte copy.
    static func nestingBeyondLimit(_ text: String) -> SourcePosition? {
        var text = text
        return text.withUTF8 { s -> SourcePosition? in
            let n = s.count
            var p = 0, line = 1, column = 1, depth = 0
            @inline(__always) func advance() {
                if s[p] == 0x0A { line += 1; column = 1 } else if s[p] & 0xC0 != 0x80 { column += 1 }
                p += 1
            }
            while p < n {
                let c = s[p]
                if c == 0x23, column == 1 { // # line
                    while p < n, s[p] != 0x0A { advance() }
                } else if c == 0x2F, p + 1 < n, s[p + 1] == 0x2F { // //
                    while p < n, s[p] != 0x0A { advance() }
                } else if c == 0x2F, p + 1 < n, s[p + 1] == 0x2A { // /* */
                    advance(); advance()
                    while p < n, !(s[p] == 0x2A && p + 1 < n && s[p + 1] == 0x2F) { advance() }
                    if p < n { advance(); advance() }
                } else if c == 0x22 { // "…", with \" and \\ escapes
                    advance()
                    while p < n, s[p] != 0x22 {
                        if s[p] == 0x5C, p + 1 < n { advance() }
                        advance()
                    }
                    if p < n { advance() }
                } else if c == 0x3C { // <…>, nested
                    var html = 0
                    repeat {
                        if s[p] == 0x3C { html += 1 } else if s[p] == 0x3E { html -= 1 }
                        advance()
                    } while p < n && html > 0
                } else {
                    if c == 0x7B {
                        depth += 1
                        if depth > maximumDepth { return SourcePosition(line: line, column: column) }
                    } else if c == 0x7D {
                        depth = max(0, depth - 1)
                    }
                    advance()
                }
            }
            return nil
        }
    }

    enum TokenKind { case id, quoted, html, punct, edgeOp }

    struct Token {
        var kind: TokenKind
        /// The value as cgraph reads it (quoted: unescaped; HTML: without the outer `<>`).
        var value: String
        var position: SourcePosition
        /// For an unquoted id, the keyword it is (lowercased), else "".
        var keyword: String = ""
        /// For punctuation, its byte.
        var byte: UInt8 = 0

        init(kind: TokenKind, value: String, position: SourcePosition) {
            self.kind = kind
            self.value = value
            self.position = position
            if kind == .id, value.utf8.count <= 8 {
                let lower = value.lowercased()
                if ["node", "edge", "graph", "digraph", "subgraph", "strict"].contains(lower) { keyword = lower }
            }
            if kind == .punct, value.utf8.count == 1 { byte = value.utf8.first ?? 0 }
        }
    }

    struct ScannedEdge {
        var tail: String, head: String
        var position: SourcePosition
        var tailPosition: SourcePosition, headPosition: SourcePosition
        /// Attribute name → position of `name=`, defaults first, then the statement's own.
        var keys: [String: SourcePosition]
    }

    private(set) var tokens: [Token] = []
    /// A quoted or HTML string that never closes, and which.
    private(set) var unterminated: (position: SourcePosition, html: Bool)?
    /// The first NUL character, which cgraph cannot read past.
    private(set) var nulPosition: SourcePosition?
    /// The `graph`/`digraph` keyword (or `strict`) of the first graph.
    private(set) var graphStart: SourcePosition?
    /// Where a second graph starts.
    private(set) var extraGraphStart: SourcePosition?
    /// The first token the statement parser did not expect.
    private(set) var unexpected: Token?
    private(set) var nodeFirst: [String: SourcePosition] = [:]
    private(set) var nodeKeys: [String: [String: SourcePosition]] = [:]
    /// The node defaults in force when each node was first mentioned.
    private(set) var nodeDefaultsAtFirst: [String: [String: SourcePosition]] = [:]
    private(set) var edges: [ScannedEdge] = []
    /// Root graph attributes (`graph [...]` and `a=b` statements at the top level).
    private(set) var graphKeys: [String: SourcePosition] = [:]
    /// Every `name=` position in attribute lists and `a=b` statements, in file order.
    private(set) var allKeys: [(name: String, position: SourcePosition)] = []
    /// The number of lines (line breaks + 1).
    private(set) var lineCount = 1

    private var nodeDefaults: [String: SourcePosition] = [:]
    private var edgeDefaults: [String: SourcePosition] = [:]
    private var subgraphMembers: [String: [(String, SourcePosition)]] = [:]
    /// Members of the subgraphs being parsed, innermost last.
    private var memberStack: [[(String, SourcePosition)]] = []
    private var i = 0
    /// How many `{ }` blocks the parser is inside.
    private var nesting = 0

    init(_ text: String) {
        lex(text)
        parseFile()
    }

    // MARK: Lexing

    private static func isIDByte(_ c: UInt8) -> Bool {
        (c >= 0x61 && c <= 0x7A) || (c >= 0x41 && c <= 0x5A) || c == 0x5F || c >= 0x80
    }

    private static func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }

    /// Tokens from the UTF-8 bytes; columns count Unicode scalars (bytes that do not continue one).
    private func lex(_ text: String) {
        let bytes = Array(text.utf8)
        bytes.withUnsafeBufferPointer { lex($0) }
    }

    private func lex(_ s: UnsafeBufferPointer<UInt8>) {
        let n = s.count
        var p = 0, line = 1, column = 1
        @inline(__always) func advance() {
            let c = s[p]
            if c == 0x0A { line += 1; column = 1 } else if c & 0xC0 != 0x80 { column += 1 }
            p += 1
        }
        func string(_ from: Int, _ to: Int) -> String { String(decoding: UnsafeBufferPointer(rebasing: s[from..<to]), as: UTF8.self) }
        while p < n {
            let c = s[p]
            if c == 0x20 || c == 0x09 || c == 0x0D || c == 0x0A || c == 0x0B || c == 0x0C { advance(); continue }
            let here = SourcePosition(line: line, column: column)
            if c == 0 {
                if nulPosition == nil { nulPosition = here }
                advance()
                continue
            }
            if c == 0x23, column == 1 { // # line
                while p < n, s[p] != 0x0A { advance() }
                continue
            }
            if c == 0x2F, p + 1 < n, s[p + 1] == 0x2F { // //
                while p < n, s[p] != 0x0A { advance() }
                continue
            }
            if c == 0x2F, p + 1 < n, s[p + 1] == 0x2A { // /* */
                advance(); advance()
                while p < n, !(s[p] == 0x2A && p + 1 < n && s[p + 1] == 0x2F) { advance() }
                if p < n { advance(); advance() }
                continue
            }
            if c == 0x2D, p + 1 < n, s[p + 1] == 0x3E || s[p + 1] == 0x2D { // -> --
                let op = s[p + 1] == 0x3E ? "->" : "--"
                advance(); advance()
                tokens.append(Token(kind: .edgeOp, value: op, position: here))
                continue
            }
            if Self.isDigit(c) || c == 0x2E || (c == 0x2D && p + 1 < n && (Self.isDigit(s[p + 1]) || s[p + 1] == 0x2E)) {
                let from = p
                if c == 0x2D { advance() }
                var seenDot = false
                while p < n, Self.isDigit(s[p]) || (s[p] == 0x2E && !seenDot) {
                    if s[p] == 0x2E { seenDot = true }
                    advance()
                }
                tokens.append(Token(kind: .id, value: string(from, p), position: here))
                continue
            }
            if Self.isIDByte(c) {
                let from = p
                while p < n, Self.isIDByte(s[p]) || Self.isDigit(s[p]) { advance() }
                tokens.append(Token(kind: .id, value: string(from, p), position: here))
                continue
            }
            if c == 0x22 { // "
                advance()
                var v: [UInt8] = []
                var closed = false
                while p < n {
                    let d = s[p]
                    if d == 0x22 { advance(); closed = true; break }
                    if d == 0x5C, p + 1 < n {
                        let e = s[p + 1]
                        if e == 0x22 { v.append(0x22); advance(); advance(); continue }
                        if e == 0x5C { v += [0x5C, 0x5C]; advance(); advance(); continue }
                        if e == 0x0A { advance(); advance(); continue }
                    }
                    v.append(d)
                    if d == 0x0A { line += 1; column = 1 } else if d & 0xC0 != 0x80 { column += 1 }
                    p += 1
                }
                if !closed { unterminated = (here, false); lineCount = line; return }
                tokens.append(Token(kind: .quoted, value: String(decoding: v, as: UTF8.self), position: here))
                continue
            }
            if c == 0x3C { // <
                advance()
                let from = p
                var depth = 1
                while p < n {
                    if s[p] == 0x3C { depth += 1 }
                    if s[p] == 0x3E {
                        depth -= 1
                        if depth == 0 { break }
                    }
                    advance()
                }
                if depth != 0 { unterminated = (here, true); lineCount = line; return }
                tokens.append(Token(kind: .html, value: string(from, p), position: here))
                advance()
                continue
            }
            let from = p
            advance()
            while p < n, s[p] & 0xC0 == 0x80 { advance() }
            tokens.append(Token(kind: .punct, value: string(from, p), position: here))
        }
        lineCount = line
    }

    // MARK: Parsing

    private var current: Token? { i < tokens.count ? tokens[i] : nil }

    private func isPunct(_ v: Unicode.Scalar, at k: Int? = nil) -> Bool {
        let k = k ?? i
        return k < tokens.count && tokens[k].byte == UInt8(truncatingIfNeeded: v.value)
    }

    private func isKeyword(_ word: String, at k: Int? = nil) -> Bool {
        let k = k ?? i
        return k < tokens.count && tokens[k].keyword == word
    }

    private func isAtom(at k: Int? = nil) -> Bool {
        let k = k ?? i
        guard k < tokens.count else { return false }
        switch tokens[k].kind {
        case .quoted, .html: return true
        case .id: return tokens[k].keyword.isEmpty
        default: return false
        }
    }

    private func skipUnexpected() {
        if unexpected == nil, let t = current { unexpected = t }
        i += 1
    }

    /// An atom with `+` concatenations of quoted strings.
    private func atom() -> String? {
        guard isAtom() else { return nil }
        var v = tokens[i].value
        i += 1
        while isPunct("+"), i + 1 < tokens.count, tokens[i + 1].kind == .quoted {
            v += tokens[i + 1].value
            i += 2
        }
        return v
    }

    private func parseFile() {
        while i < tokens.count {
            if graphStart != nil {
                extraGraphStart = tokens[i].position
                return
            }
            let start = tokens[i].position
            if isKeyword("strict") { i += 1 }
            guard isKeyword("graph") || isKeyword("digraph") else { skipUnexpected(); continue }
            graphStart = start
            i += 1
            _ = atom()
            guard isPunct("{") else { skipUnexpected(); continue }
            i += 1
            statements(depth: 0)
            if isPunct("}") { i += 1 }
        }
    }

    private func statements(depth: Int) {
        while i < tokens.count, !isPunct("}") {
            let before = i
            statement(depth: depth)
            while isPunct(";") || isPunct(",") { i += 1 }
            if i == before { skipUnexpected() }
        }
    }

    private func attributeLists() -> [String: SourcePosition] {
        var keys: [String: SourcePosition] = [:]
        while isPunct("[") {
            i += 1
            while i < tokens.count, !isPunct("]") {
                if isPunct(",") || isPunct(";") { i += 1; continue }
                guard let keyToken = current, isAtom() || keyToken.kind == .id else { skipUnexpected(); continue }
                let name: String
                if let a = atom() { name = a } else { name = keyToken.value; i += 1 }
                keys[name] = keyToken.position
                allKeys.append((name, keyToken.position))
                if isPunct("=") {
                    i += 1
                    if atom() == nil { if isKeyword("node") || isKeyword("edge") || isKeyword("graph") { i += 1 } }
                }
            }
            if isPunct("]") { i += 1 }
        }
        return keys
    }

    private func mention(_ name: String, at position: SourcePosition) {
        if nodeFirst[name] == nil {
            nodeFirst[name] = position
            nodeDefaultsAtFirst[name] = nodeDefaults
        }
        for k in memberStack.indices { memberStack[k].append((name, position)) }
    }

    /// An edge end: a node (with an optional port) or a subgraph; its nodes with positions.
    private func endpoint() -> [(String, SourcePosition)]? {
        if isKeyword("subgraph") || isPunct("{") {
            var name: String?
            if isKeyword("subgraph") {
                i += 1
                name = atom()
            }
            guard isPunct("{") else {
                return name.flatMap { subgraphMembers[$0] } ?? []
            }
            i += 1
            guard nesting < DOTScanner.maximumDepth else {
                // Deeper than any text the reader hands to cgraph: skip the block, unparsed.
                skipBlock()
                return []
            }
            nesting += 1
            defer { nesting -= 1 }
            memberStack.append([])
            statements(depth: 1)
            if isPunct("}") { i += 1 }
            let members = memberStack.removeLast()
            if let name { subgraphMembers[name, default: []] += members }
            return members
        }
        guard let position = current?.position, let name = atom() else { return nil }
        mention(name, at: position)
        // Ports: a:p or a:p:c.
        for _ in 0..<2 where isPunct(":") {
            i += 1
            _ = atom()
        }
        return [(name, position)]
    }

    /// Skips to just past the `}` that closes the block whose `{` was just read, iteratively.
    private func skipBlock() {
        if unexpected == nil, let t = current { unexpected = t }
        var open = 1
        while i < tokens.count, open > 0 {
            if isPunct("{") { open += 1 } else if isPunct("}") { open -= 1 }
            i += 1
        }
    }

    private func statement(depth: Int) {
        if isKeyword("graph") || isKeyword("node") || isKeyword("edge"), isPunct("[", at: i + 1) {
            let word = tokens[i].value.lowercased()
            i += 1
            let keys = attributeLists()
            switch word {
            case "node": nodeDefaults.merge(keys) { $1 }
            case "edge": edgeDefaults.merge(keys) { $1 }
            default: if depth == 0 { graphKeys.merge(keys) { $1 } }
            }
            return
        }
        if isAtom() || tokens[i].kind == .id, !isKeyword("subgraph"), isPunct("=", at: i + 1) {
            let key = tokens[i]
            i += 2
            _ = atom()
            allKeys.append((key.value, key.position))
            if depth == 0 { graphKeys[key.value] = key.position }
            return
        }
        guard var ends = endpoint() else { return }
        var ops: [(SourcePosition, [(String, SourcePosition)], [(String, SourcePosition)])] = []
        while i < tokens.count, tokens[i].kind == .edgeOp {
            let op = tokens[i].position
            i += 1
            guard let next = endpoint() else { skipUnexpected(); break }
            ops.append((op, ends, next))
            ends = next
        }
        let keys = attributeLists()
        if ops.isEmpty {
            for (name, _) in ends { nodeKeys[name, default: [:]].merge(keys) { $1 } }
            return
        }
        let merged = edgeDefaults.merging(keys) { $1 }
        for (op, tails, heads) in ops {
            for (t, tp) in tails {
                for (h, hp) in heads {
                    edges.append(ScannedEdge(tail: t, head: h, position: op, tailPosition: tp, headPosition: hp, keys: merged))
                }
            }
        }
    }

    // MARK: Look-ups

    /// The first token on `line` whose text is `text` (preferring the one the parser stopped
    /// at), for placing cgraph's "syntax error in line N near 'x'".
    func token(onLine line: Int, near text: String) -> SourcePosition? {
        if let u = unexpected, u.position.line == line, u.value == text || text.isEmpty { return u.position }
        if let t = tokens.first(where: { $0.position.line == line && $0.value == text }) { return t.position }
        if let t = tokens.first(where: { $0.position.line == line && !text.isEmpty && $0.value.hasPrefix(text) }) { return t.position }
        if let u = unexpected, u.position.line == line { return u.position }
        return tokens.first(where: { $0.position.line == line })?.position
    }
}
