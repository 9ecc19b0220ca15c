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
    /// - Complexity: O(text length).
    static func nestingBeyondLimit(_ text: String) -> SourcePosition? {
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
        func isBreak(_ c: Unicode.Scalar) -> Bool {
            c == " " || c == "\t" || c == "\r" || c == "," || c == "[" || c == "]" || c == "{" || c == "}"
        }
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            line += 1
            let scalars = Array(rawLine.unicodeScalars)
            var i = 0
            while i < scalars.count, scalars[i] == " " { i += 1 }
            if i == scalars.count || scalars[i] == "#" { continue }
            let dashLine = i + 1 < scalars.count && scalars[i] == "-" && scalars[i + 1] == " "
            if flowDepth == 0 {
                while let last = indents.last, last >= i { indents.removeLast() }
                indents.append(i)
                // Block collections with an anchor end at a line indented less, or as much
                // when it is not the next item of a compact list under a key.
                while let a = open.last, a.flowDepth == nil, i < a.indent || (i == a.indent && (a.dashLine || !dashLine)) {
                    close()
                }
            }
            var inline = 0
            var j = i
            while j + 1 < scalars.count, (scalars[j] == "-" || scalars[j] == "?"), scalars[j + 1] == " " {
                inline += 1
                j += 2
                while j < scalars.count, scalars[j] == " " { j += 1 }
            }
            var quote: Unicode.Scalar?
            while j < scalars.count {
                let c = scalars[j]
                var extra = 0
                var at = j
                if let q = quote {
                    if c == "\\" && q == "\"" { j += 1 } else if c == q { quote = nil }
                } else if c == "\"" || c == "'" {
                    if j == 0 || [" ", "[", "{", ",", ":"].contains(scalars[j - 1]) { quote = c }
                } else if c == "#" && j > 0 && scalars[j - 1] == " " {
                    break
                } else if c == "[" || c == "{" {
                    flowDepth += 1
                } else if c == "]" || c == "}" {
                    flowDepth = max(0, flowDepth - 1)
                    while let a = open.last, let f = a.flowDepth, flowDepth <= f { close() }
                } else if c == "&" || c == "*", j == 0 || [" ", "[", "{", ",", ":", "-", "?"].contains(scalars[j - 1]) {
                    at = j
                    var k = j + 1
                    while k < scalars.count, !isBreak(scalars[k]) { k += 1 }
                    let name = String(String.UnicodeScalarView(scalars[(j + 1)..<k]))
                    let depth = indents.count + inline + flowDepth
                    if c == "*" {
                        extra = anchored[name] ?? 0
                    } else {
                        // What follows the anchor (after spaces and a tag): a flow collection,
                        // nothing (a block collection below), or a scalar (which adds nothing).
                        var m = k
                        while m < scalars.count, scalars[m] == " " { m += 1 }
                        if m < scalars.count, scalars[m] == "!" {
                            while m < scalars.count, scalars[m] != " " { m += 1 }
                            while m < scalars.count, scalars[m] == " " { m += 1 }
                        }
                        if m < scalars.count, scalars[m] == "[" || scalars[m] == "{" {
                            open.append(OpenAnchor(name: name, depth: depth, flowDepth: flowDepth, indent: i, dashLine: dashLine, deepest: depth))
                        } else if m == scalars.count || scalars[m] == "#" || scalars[m] == "\r" {
                            if flowDepth == 0 {
                                open.append(OpenAnchor(name: name, depth: depth, flowDepth: nil, indent: i, dashLine: dashLine, deepest: depth))
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
                    return SourcePosition(line: line, column: at + 1)
                }
                j += 1
            }
            let estimate = indents.count + inline + flowDepth
            if !open.isEmpty { open[open.count - 1].deepest = max(open[open.count - 1].deepest, estimate) }
            if estimate > maximumDepth {
                return SourcePosition(line: line, column: i + 1)
            }
        }
        return nil
    }
}
