import Foundation
import Yams

/// Reads YAML text into a ``DocumentNode`` through Yams (libyaml), turning libyaml's errors into
/// positioned diagnostics.
enum YAMLDocumentReader {
    /// The deepest nesting accepted. A graph file needs four levels; libyaml has no limit of its
    /// own and Yams composes recursively, so absurd nesting would otherwise exhaust the stack.
    static let maximumDepth = 64

    static func read(_ text: String, file: String) -> Result<DocumentNode?, Diagnostic> {
        if let position = nestingBeyondLimit(text) {
            return .failure(tooDeep(at: position, file: file))
        }
        // The plain subset graph files are written in reads without libyaml; anything else
        // (and every error) is composed by libyaml, which gives the diagnostics.
        if let node = PlainYAMLReader.read(text) { return .success(node) }
        return composeWithLibyaml(text, file: file)
    }

    /// Composes `text` with libyaml (through Yams): what ``read(_:file:)`` does for any text
    /// outside ``PlainYAMLReader``'s subset, after the nesting check.
    static func composeWithLibyaml(_ text: String, file: String) -> Result<DocumentNode?, Diagnostic> {
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            return .failure(diagnostic(for: error, text: text, file: file))
        } catch {
            return .failure(Diagnostic(file: file, position: nil, severity: .error, message: "cannot parse YAML: \(error)"))
        }
        guard let node else { return .success(nil) }
        var budget = nodeBudget(forTextOfLength: text.utf8.count)
        return convert(node, file: file, budget: &budget, depth: 0)
    }

    private static func tooDeep(at position: SourcePosition, file: String) -> Diagnostic {
        Diagnostic(file: file, position: position, severity: .error,
                   message: "the YAML nests deeper than \(maximumDepth) levels here (aliases count as the values they repeat)",
                   fix: "an ActorGraph file needs only a few levels (actors → id → fields); check the brackets and indentation")
    }

    /// How many values a text of `length` bytes may compose to. Without aliases every value takes
    /// at least one byte of its own, so the budget only bites when aliases (`*name`) repeat an
    /// anchored value so often that the document would grow exponentially (the "billion laughs").
    static func nodeBudget(forTextOfLength length: Int) -> Int { 2 * length + 1024 }

    private static func position(_ mark: Mark?) -> SourcePosition {
        SourcePosition(line: max(1, mark?.line ?? 1), column: max(1, mark?.column ?? 1))
    }

    private static func convert(_ node: Node, file: String, budget: inout Int, depth: Int) -> Result<DocumentNode?, Diagnostic> {
        if depth > maximumDepth {
            // The text's estimate (``nestingBeyondLimit(_:)``) missed it; still refuse.
            return .failure(tooDeep(at: position(node.mark), file: file))
        }
        budget -= 1
        if budget < 0 {
            return .failure(Diagnostic(file: file, position: position(node.mark), severity: .error,
                                       message: "the YAML's aliases (*name) repeat anchored values so often that the document grows far beyond the file's size",
                                       fix: "write the repeated values out, or use aliases only for values that do not themselves contain aliases"))
        }
        switch node {
        case .scalar(let s):
            return .success(.scalar(ScalarNode(text: s.string, quoted: s.style != .plain, position: position(s.mark))))
        case .sequence(let seq):
            var items: [DocumentNode] = []
            items.reserveCapacity(seq.count)
            for item in seq {
                switch convert(item, file: file, budget: &budget, depth: depth + 1) {
                case .success(let n): items.append(n!)
                case .failure(let d): return .failure(d)
                }
            }
            return .success(.sequence(items, position(seq.mark)))
        case .mapping(let map):
            var pairs: [(key: ScalarNode, value: DocumentNode)] = []
            pairs.reserveCapacity(map.count)
            for (k, v) in map {
                guard case .scalar(let key) = k else {
                    return .failure(Diagnostic(file: file, position: position(k.mark), severity: .error,
                                               message: "a mapping key must be plain text, not \(k.mapping != nil ? "a mapping" : "a list")",
                                               fix: "write 'key: value'"))
                }
                let keyNode = ScalarNode(text: key.string, quoted: key.style != .plain, position: position(key.mark))
                switch convert(v, file: file, budget: &budget, depth: depth + 1) {
                case .success(let n): pairs.append((keyNode, n!))
                case .failure(let d): return .failure(d)
                }
            }
            return .success(.mapping(pairs, position(map.mark)))
        }
    }

    private static func diagnostic(for error: YamlError, text: String, file: String) -> Diagnostic {
        func make(_ problem: String, _ mark: Mark, _ context: YamlError.Context?) -> Diagnostic {
            var message = "invalid YAML: \(problem)"
            if let context { message += " (\(context.text) at \(context.mark.line):\(context.mark.column))" }
            return Diagnostic(file: file, position: position(mark), severity: .error, message: message,
                              fix: hint(for: problem))
        }
        switch error {
        case .scanner(let context, let problem, let mark, _): return make(problem, mark, context)
        case .parser(let context, let problem, let mark, _): return make(problem, mark, context)
        case .composer(let context, let problem, let mark, _): return make(problem, mark, context)
        case .reader(let problem, let offset, _, _):
            let p = offset.map { characterPosition(in: text, offset: $0) }
            return Diagnostic(file: file, position: p, severity: .error, message: "cannot read the text: \(problem)",
                              fix: "save the file as UTF-8 text")
        default:
            return Diagnostic(file: file, position: nil, severity: .error, message: "invalid YAML: \(error)")
        }
    }

    private static func hint(for problem: String) -> String? {
        if problem.contains("mapping values are not allowed") {
            return "a value that contains ': ' must be quoted, e.g. role: \"Minister: Interior\""
        }
        if problem.contains("found character that cannot start any token") {
            return "quote the value (tabs cannot indent YAML; use spaces)"
        }
        if problem.contains("did not find expected ',' or ']'") || problem.contains("did not find expected ',' or '}'") {
            return "check that every [ and { is closed and items are separated by commas"
        }
        if problem.contains("did not find expected key") {
            return "check the indentation: entries of one mapping must line up"
        }
        return nil
    }

    /// The line and column of the `offset`-th character.
    static func characterPosition(in text: String, offset: Int) -> SourcePosition {
        var line = 1, column = 1
        for (i, ch) in text.enumerated() {
            if i >= offset { break }
            if ch == "\n" || ch == "\r\n" { line += 1; column = 1 } else { column += 1 }
        }
        return SourcePosition(line: line, column: column)
    }

    /// A collection with an anchor (`&name`) whose text the scan is inside.
    private struct OpenAnchor {
        var name: String
        /// The estimated depth where the anchor stands.
        var depth: Int
        /// Flow: the flow depth before its `[`/`{`; it closes when the flow depth returns there.
        var flowDepth: Int?
        /// Block: its line's indentation, and whether that line opens with `- `.
        var indent: Int
        var dashLine: Bool
        /// The deepest estimate (aliases expanded) inside it so far.
        var deepest: Int
    }

    /// A conservative estimate of the nesting depth, as the document composes: flow brackets
    /// plus block indentation levels plus `- ` / `? ` indicators opening a line, plus, at an alias
    /// (`*name`), the depth of the anchored collection it repeats (so that a chain of anchors
    /// each holding an alias of the one before cannot compose to a depth its text does not show).
    /// Returns where the estimate first passes the limit, or nil.
    ///
    /// Scans the UTF-8 bytes: every character it looks for is ASCII, so a multi-byte character is
    /// never mistaken for one; columns count Unicode scalars, as libyaml's do. Lines end at `\n`
    /// except in `\r\n`, which (as one `Character`) the scan has always kept inside the line.
    ///
    /// - Complexity: O(text length).
    static func nestingBeyondLimit(_ text: String) -> SourcePosition? {
        var text = text
        return text.withUTF8 { nestingBeyondLimit(bytes: $0) }
    }

    private static func nestingBeyondLimit(bytes b: UnsafeBufferPointer<UInt8>) -> SourcePosition? {
        let space: UInt8 = 0x20, dash: UInt8 = 0x2D, question: UInt8 = 0x3F, hash: UInt8 = 0x23
        let dquote: UInt8 = 0x22, squote: UInt8 = 0x27, backslash: UInt8 = 0x5C
        let lbracket: UInt8 = 0x5B, rbracket: UInt8 = 0x5D, lbrace: UInt8 = 0x7B, rbrace: UInt8 = 0x7D
        let comma: UInt8 = 0x2C, colon: UInt8 = 0x3A, cr: UInt8 = 0x0D, lf: UInt8 = 0x0A
        var flowDepth = 0
        var indents: [Int] = []
        var line = 0
        var open: [OpenAnchor] = []
        /// Anchor → how many levels its value adds where an alias repeats it.
        var anchored: [String: Int] = [:]
        func close() {
            let a = open.removeLast()
            anchored[a.name] = max(0, a.deepest - a.depth)
            if !open.isEmpty { open[open.count - 1].deepest = max(open[open.count - 1].deepest, a.deepest) }
        }
        func isBreak(_ c: UInt8) -> Bool {
            c == space || c == 0x09 || c == cr || c == comma || c == lbracket || c == rbracket || c == lbrace || c == rbrace
        }
        func opensQuote(_ p: UInt8) -> Bool {
            p == space || p == lbracket || p == lbrace || p == comma || p == colon
        }
        let n = b.count
        var s = 0
        while s <= n {
            var e = s
            while e < n && !(b[e] == lf && (e == 0 || b[e - 1] != cr)) { e += 1 }
            defer { s = e + 1 }
            line += 1
            /// The column of byte `at` of this line: Unicode scalars before it, plus one.
            func column(_ at: Int) -> Int {
                var c = 1
                for k in s..<at where b[k] & 0xC0 != 0x80 { c += 1 }
                return c
            }
            var i = s
            while i < e, b[i] == space { i += 1 }
            if i == e || b[i] == hash { continue }
            let indent = i - s
            let dashLine = i + 1 < e && b[i] == dash && b[i + 1] == space
            if flowDepth == 0 {
                while let last = indents.last, last >= indent { indents.removeLast() }
                indents.append(indent)
                // Block collections with an anchor end at a line indented less, or as much
                // when it is not the next item of a compact list under a key.
                while let a = open.last, a.flowDepth == nil, indent < a.indent || (indent == a.indent && (a.dashLine || !dashLine)) {
                    close()
                }
            }
            var inline = 0
            var j = i
            while j + 1 < e, b[j] == dash || b[j] == question, b[j + 1] == space {
                inline += 1
                j += 2
                while j < e, b[j] == space { j += 1 }
            }
            var quote: UInt8?
            while j < e {
                let c = b[j]
                var extra = 0
                var at = j
                let previous: UInt8? = j > s ? b[j - 1] : nil
                if let q = quote {
                    if c == backslash && q == dquote { j += 1 } else if c == q { quote = nil }
                } else if c == dquote || c == squote {
                    if previous == nil || opensQuote(previous!) { quote = c }
                } else if c == hash && previous == space {
                    break
                } else if c == lbracket || c == lbrace {
                    flowDepth += 1
                } else if c == rbracket || c == rbrace {
                    flowDepth = max(0, flowDepth - 1)
                    while let a = open.last, let f = a.flowDepth, flowDepth <= f { close() }
                } else if c == 0x26 || c == 0x2A, previous == nil || opensQuote(previous!) || previous == dash || previous == question {
                    at = j
                    var k = j + 1
                    while k < e, !isBreak(b[k]) { k += 1 }
                    let name = String(decoding: UnsafeBufferPointer(rebasing: b[(j + 1)..<k]), as: UTF8.self)
                    let depth = indents.count + inline + flowDepth
                    if c == 0x2A {
                        extra = anchored[name] ?? 0
                    } else {
                        // What follows the anchor (after spaces and a tag): a flow collection,
                        // nothing (a block collection below), or a scalar (which adds nothing).
                        var m = k
                        while m < e, b[m] == space { m += 1 }
                        if m < e, b[m] == 0x21 {
                            while m < e, b[m] != space { m += 1 }
                            while m < e, b[m] == space { m += 1 }
                        }
                        if m < e, b[m] == lbracket || b[m] == lbrace {
                            open.append(OpenAnchor(name: name, depth: depth, flowDepth: flowDepth, indent: indent, dashLine: dashLine, deepest: depth))
                        } else if m == e || b[m] == hash || b[m] == cr {
                            if flowDepth == 0 {
                                open.append(OpenAnchor(name: name, depth: depth, flowDepth: nil, indent: indent, dashLine: dashLine, deepest: depth))
                            }
                        } else {
                            anchored[name] = 0
                        }
                    }
                    j = k - 1
                }
                let estimate = indents.count + inline + flowDepth + extra
                if !open.isEmpty { open[open.count - 1].deepest = max(open[open.count - 1].deepest, estimate) }
                if estimate > maximumDepth {
                    return SourcePosition(line: line, column: column(at))
                }
                j += 1
            }
            let estimate = indents.count + inline + flowDepth
            if !open.isEmpty { open[open.count - 1].deepest = max(open[open.count - 1].deepest, estimate) }
            if estimate > maximumDepth {
                return SourcePosition(line: line, column: indent + 1)
            }
        }
        return nil
    }
}
