import ActorGraphModel

/// A line and column in a file, both counted from 1; columns count Unicode scalars (characters
/// for nearly all text), as editors and libyaml do.
public struct SourcePosition: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public static func < (a: SourcePosition, b: SourcePosition) -> Bool {
        (a.line, a.column) < (b.line, b.column)
    }

    /// `line:column`.
    public var description: String { "\(line):\(column)" }
}

/// A problem in an input file, printed the way compilers do:
/// `graphs/k.yaml:12:27: error: unknown actor 'pp' in 'between'; did you mean 'ppp'?`
public struct Diagnostic: Hashable, Sendable, CustomStringConvertible, Error {
    /// The file's path as the user gave it.
    public var file: String
    /// Where, when the problem has a place in the file.
    public var position: SourcePosition?
    public var severity: Severity
    /// What is wrong.
    public var message: String
    /// How to fix it.
    public var fix: String?

    public init(file: String, position: SourcePosition?, severity: Severity, message: String, fix: String? = nil) {
        self.file = file
        self.position = position
        self.severity = severity
        self.message = message
        self.fix = fix
    }

    /// `file:line:column: severity: message; fix`.
    public var description: String {
        let place = position.map { "\(file):\($0.line):\($0.column)" } ?? file
        return "\(place): \(severity.rawValue): \(message)" + (fix.map { "; \($0)" } ?? "")
    }
}

/// Thrown when a file cannot be used: it holds at least one error. Carries every diagnostic,
/// warnings included, in file order.
public struct InvalidInput: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]

    public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }

    /// Every diagnostic, one per line.
    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
