import Foundation
import Yams

/// Reads YAML text into a ``DocumentNode`` through Yams (libyaml), turning libyaml's errors into
/// positioned diagnostics.
enum YAMLDocumentReader {
    /// The deepest nesting accepted. A graph file needs four levels; libyaml has no limit of its
    /// own and Yams composes recursively, so absurd nesting would otherwise exhaust the stack.
    static let maximumDepth = 64

    static func read(_ text: String, file: String) -> Result<DocumentNode?, Diagnostic> {
        if let tooDeep = nestingBeyondLimit(text) {
            return .failure(Diagnostic(file: file, position: tooDeep, severity: .error,
                                       message: "the YAML nests deeper than \(maximumDepth) levels here",
                                       fix: "an ActorGraph file needs only a few levels (actors → id → fields); check the brackets and indentation"))
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
        return convert(node, file: file, budget: &budget)
    }

    /// How many values a text of `length` bytes may compose to. Without aliases every value takes
    /// at least one byte of its own, so the budget only bites when aliases (`*name`) repeat an
    /// anchored value so often that the document would grow exponentially (the "billion laughs").
    static func nodeBudget(forTextOfLength length: Int) -> Int { 2 * length + 1024 }

    private static func position(_ mark: Mark?) -> SourcePosition {
        SourcePosition(line: max(1, mark?.line ?? 1), column: max(1, mark?.column ?? 1))
    }

    private static func convert(_ node: Node, file: String, budget: inout Int) -> Result<DocumentNode?, Diagnostic> {
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
                switch convert(item, file: file, budget: &budget) {
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
                switch convert(v, file: file, budget: &budget) {
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

    /// A conservative estimate of the nesting depth: flow brackets plus block indentation levels
    /// plus `- ` / `? ` indicators opening a line. Returns where the estimate first passes the
    /// limit, or nil.
    static func nestingBeyondLimit(_ text: String) -> SourcePosition? {
        var flowDepth = 0
        var indents: [Int] = []
        var line = 0
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            line += 1
            let scalars = Array(rawLine.unicodeScalars)
            var i = 0
            while i < scalars.count, scalars[i] == " " { i += 1 }
            if i == scalars.count || scalars[i] == "#" { continue }
            if flowDepth == 0 {
                while let last = indents.last, last >= i { indents.removeLast() }
                indents.append(i)
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
                }
                if indents.count + inline + flowDepth > maximumDepth {
                    return SourcePosition(line: line, column: j + 1)
                }
                j += 1
            }
            if indents.count + inline + flowDepth > maximumDepth {
                return SourcePosition(line: line, column: i + 1)
            }
        }
        return nil
    }
}
