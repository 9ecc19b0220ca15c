/// The sign of a tie: whether it binds actors together, sets them against each other, or neither.
public enum Sign: String, Hashable, Sendable, CaseIterable, Comparable {
    /// Cooperation: coalition, alliance, patronage, membership, support.
    case positive
    /// Hostility: conflict, rivalry, opposition.
    case negative
    /// Neither: presence in a place, a stronghold.
    case unsigned

    /// +1, −1 or 0.
    public var value: Int { self == .positive ? 1 : (self == .negative ? -1 : 0) }

    /// `+`, `−` or `0`, for compact tables.
    public var symbol: String { self == .positive ? "+" : (self == .negative ? "-" : "0") }

    /// Reads `positive`/`negative`/`unsigned`, or `+`, `-`, `0` and the words `none`/`neutral`.
    public init?(text: String) {
        switch text.lowercased() {
        case "positive", "+", "+1", "1": self = .positive
        case "negative", "-", "-1", "−": self = .negative
        case "unsigned", "0", "none", "neutral": self = .unsigned
        default: return nil
        }
    }

    /// Orders signs positive, negative, unsigned.
    public static func < (a: Sign, b: Sign) -> Bool { a.order < b.order }
    private var order: Int { self == .positive ? 0 : (self == .negative ? 1 : 2) }
}
