/// A parsed YAML or JSON document, reduced to what the native format needs: scalars with their
/// text and whether they were quoted, mappings that keep every pair (duplicates included) in
/// order, sequences, and the position of each node.
///
/// Both readers produce it, so one decoder (and one set of error messages) serves both syntaxes.
indirect enum DocumentNode: Sendable {
    case scalar(ScalarNode)
    case mapping([(key: ScalarNode, value: DocumentNode)], SourcePosition)
    case sequence([DocumentNode], SourcePosition)

    var position: SourcePosition {
        switch self {
        case .scalar(let s): return s.position
        case .mapping(_, let p), .sequence(_, let p): return p
        }
    }

    /// What the node is, for "expected a list, found a mapping" messages.
    var shapeName: String {
        switch self {
        case .scalar(let s): return s.isNull ? "nothing" : "text"
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        }
    }
}

/// A scalar: its text, and whether it was written quoted (which makes `"3"` text, not a number).
struct ScalarNode: Sendable {
    var text: String
    var quoted: Bool
    var position: SourcePosition
    /// JSON's `null`, or YAML's empty value, `~` and `null` when unquoted.
    var isNull: Bool

    init(text: String, quoted: Bool, position: SourcePosition, isNull: Bool? = nil) {
        self.text = text
        self.quoted = quoted
        self.position = position
        self.isNull = isNull ?? (!quoted && ["", "~", "null", "Null", "NULL"].contains(text))
    }
}
