/// The value of a free attribute on an actor or a relation: a string, a number or a truth value.
///
/// Attributes carry what the format has no field for (`club: Officer`, `wealth: 146`), and can
/// drive grouping and styling (`--cluster attribute:club`).
public enum AttributeValue: Hashable, Sendable, CustomStringConvertible {
    /// Text (`club: Officer`).
    case string(String)
    /// A number (`wealth: 146`, `founded: 1984`).
    case number(Double)
    /// A truth value (`true` or `false`).
    case bool(Bool)

    /// The value as text: numbers without a trailing `.0` when integral.
    public var description: String {
        switch self {
        case .string(let s): return s
        case .bool(let b): return b ? "true" : "false"
        case .number(let x): return AttributeValue.format(x)
        }
    }

    /// Formats a number the way the writers do: integers without a fraction, others in the
    /// shortest form that reads back to the same `Double`.
    public static func format(_ x: Double) -> String {
        if x.isFinite, x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
        return String(x)
    }
}
