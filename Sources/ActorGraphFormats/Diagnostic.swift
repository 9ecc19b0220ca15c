import ActorGraphModel

/// A line and column in a file, both counted from 1; columns count Unicode scalars (characters
/// for nearly all text), as editors and libyaml do.
public struct SourcePosition: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The line, from 1.
    public var line: Int
    /// The column, from 1, in Unicode scalars.
    public var column: Int

    /// Creates a position; both count from 1.
    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    /// Orders positions as they occur in the file: by line, then column.
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
    /// Whether it is an error (the file cannot be used) or a warning.
    public var severity: Severity
    /// What is wrong.
    public var message: String
    /// How to fix it.
    public var fix: String?

    /// Creates a diagnostic. `message` says what is wrong, `fix` how to fix it; ``description``
    /// joins them after `file:line:column: severity:`.
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
    /// Every diagnostic, errors and warnings, in file order.
    public var diagnostics: [Diagnostic]

    /// Creates the error from a reader's diagnostics; at least one should be an error.
    public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }

    /// Every diagnostic, one per line.
    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
