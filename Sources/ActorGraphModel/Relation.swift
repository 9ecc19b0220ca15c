import Foundation

/// How sure the analyst is that a relation holds: a word, or a probability-like number in 0…1.
///
/// The words map to numbers for filtering (`--min-confidence`): low = 0.25, medium = 0.5,
/// high = 0.75. A relation without a confidence is not filtered out by any threshold.
public enum Confidence: Hashable, Sendable, CustomStringConvertible {
    /// A word: low (0.25), medium (0.5) or high (0.75) for thresholds.
    case low, medium, high
    /// A number the file gives directly. Valid values lie in 0…1; the validator reports others.
    case value(Double)

    /// The number used for thresholds.
    public var numericValue: Double {
        switch self {
        case .low: return 0.25
        case .medium: return 0.5
        case .high: return 0.75
        case .value(let x): return x
        }
    }

    /// Reads `low`, `medium`, `high`.
    public init?(word: String) {
        switch word.lowercased() {
        case "low": self = .low
        case "medium": self = .medium
        case "high": self = .high
        default: return nil
        }
    }

    /// `low`, `medium`, `high`, or the number.
    public var description: String {
        switch self {
        case .low: return "low"
        case .medium: return "medium"
        case .high: return "high"
        case .value(let x): return AttributeValue.format(x)
        }
    }
}

/// A pointer into a source: the source's id and, optionally, where in it (`cable ¶3`).
public struct Citation: Hashable, Sendable, CustomStringConvertible {
    /// The id of a ``Source`` of the graph.
    public var source: String
    /// A paragraph, page or timestamp: free text.
    public var locator: String?

    /// A citation. Whitespace around the locator is dropped, and an empty locator is none, since
    /// files write a citation as one line of text (`source locator`).
    public init(source: String, locator: String? = nil) {
        self.source = source
        let trimmed = locator?.trimmingCharacters(in: .whitespaces)
        self.locator = trimmed?.isEmpty == false ? trimmed : nil
    }

    /// Splits `"cable ¶3"` into the source id (`cable`) and the locator (`¶3`).
    public init(text: String) {
        if let (source, locator) = Citation.split(plain: text) {
            self.source = source
            self.locator = locator
            return
        }
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let space = trimmed.firstIndex(where: { $0 == " " || $0 == "\t" }) {
            source = String(trimmed[..<space])
            let rest = trimmed[space...].trimmingCharacters(in: .whitespaces)
            locator = rest.isEmpty ? nil : rest
        } else {
            source = trimmed
            locator = nil
        }
    }

    /// ``init(text:)`` on the bytes, for text where that gives the same split: printable
    /// characters below U+0300 (no controls, tabs or no-break spaces), so that the only
    /// whitespace is the space and every character is one Unicode scalar. Nil for other text.
    private static func split(plain text: String) -> (String, String?)? {
        var text = text
        return text.withUTF8 { b -> (String, String?)? in
            var k = 0
            while k < b.count {
                let c = b[k]
                if c < 0x20 || c == 0x7F { return nil }
                if c >= 0x80 {
                    // Two-byte characters U+00A1…U+02FF only.
                    guard c >= 0xC2, c <= 0xCB, k + 1 < b.count else { return nil }
                    if c == 0xC2 && b[k + 1] <= 0xA0 { return nil }
                    k += 2
                    continue
                }
                k += 1
            }
            var start = 0, end = b.count
            while start < end, b[start] == 0x20 { start += 1 }
            while end > start, b[end - 1] == 0x20 { end -= 1 }
            func string(_ from: Int, _ to: Int) -> String { String(decoding: UnsafeBufferPointer(rebasing: b[from..<to]), as: UTF8.self) }
            guard let space = b[start..<end].firstIndex(of: 0x20) else { return (string(start, end), nil) }
            var rest = space
            while rest < end, b[rest] == 0x20 { rest += 1 }
            return (string(start, space), string(rest, end))
        }
    }

    /// `source locator`, as files write it.
    public var description: String { locator.map { "\(source) \($0)" } ?? source }
}

/// Where a relation comes from: the documents, who asserts it, who denies it, and how sure we are.
///
/// A relation with no `claimedBy` is the source's (or the analyst's) own finding: reported fact.
public struct Evidence: Hashable, Sendable {
    /// The documents and places in them that report the relation.
    public var citations: [Citation]
    /// The actors who assert the relation (`claimed-by`).
    public var claimedBy: [String]
    /// The actors who deny it (`disputed-by`).
    public var disputedBy: [String]
    /// How sure the analyst is.
    public var confidence: Confidence?
    /// The source's own words the relation rests on (`quote:`), each to be found in one of the
    /// cited passages (see ``SourceText/find(_:in:)``).
    public var quotes: [String]

    /// Creates evidence; every part is optional, and empty evidence means the source's own finding
    /// with no citation.
    public init(citations: [Citation] = [], claimedBy: [String] = [], disputedBy: [String] = [],
                confidence: Confidence? = nil, quotes: [String] = []) {
        self.citations = citations
        self.claimedBy = claimedBy
        self.disputedBy = disputedBy
        self.confidence = confidence
        self.quotes = quotes
    }

    /// Whether nothing is recorded.
    public var isEmpty: Bool { citations.isEmpty && claimedBy.isEmpty && disputedBy.isEmpty && confidence == nil && quotes.isEmpty }
}

/// A typed tie between two actors, with its time span and evidence.
///
/// Undirected kinds join a pair (`between: [a, b]`); directed kinds point from `source` to
/// `target` (`from: patron, to: client`). ``directed`` records which notation the relation
/// uses, and the validator checks that it matches the kind.
public struct Relation: Hashable, Sendable {
    /// An optional id, unique within the graph, for referring to the relation.
    public var id: String?
    /// The relation kind's id.
    public var kind: String
    /// The first actor of `between`, or `from`.
    public var source: String
    /// The second actor of `between`, or `to`.
    public var target: String
    /// Whether written with `from`/`to` (true) or `between` (false).
    public var directed: Bool
    /// A sign that overrides the kind's.
    public var signOverride: Sign?
    /// Intensity: a positive number, 1 unless given.
    public var weight: Double
    /// When the relation began to hold (inclusive, from the first day of the period).
    public var since: PartialDate?
    /// When it last held (inclusive, through the last day of the period).
    public var until: PartialDate?
    /// Sources, claimants, confidence.
    public var evidence: Evidence
    /// Free text.
    public var note: String?
    /// Free attributes.
    public var attributes: [String: AttributeValue]

    /// Creates a relation between `source` and `target` (for an undirected kind, the two ends in
    /// file order). `directed` must agree with the kind's direction: ``ActorGraph/validate()``
    /// reports a mismatch, as it does for unknown actors and kinds. `sign` overrides the kind's sign
    /// for this relation only; `weight` is an intensity greater than 0.
    public init(id: String? = nil, kind: String, source: String, target: String, directed: Bool,
                sign: Sign? = nil, weight: Double = 1, since: PartialDate? = nil, until: PartialDate? = nil,
                evidence: Evidence = Evidence(), note: String? = nil, attributes: [String: AttributeValue] = [:]) {
        self.id = id
        self.kind = kind
        self.source = source
        self.target = target
        self.directed = directed
        self.signOverride = sign
        self.weight = weight
        self.since = since
        self.until = until
        self.evidence = evidence
        self.note = note
        self.attributes = attributes
    }

    /// Whether the relation holds at `date`: its span overlaps the period `date` names.
    ///
    /// Spans are inclusive at both ends and partial dates stand for whole periods, so a relation
    /// with `until: 2010-01` holds at `2010-01-31`, and one with `since: 2010` holds at `2010-12`.
    ///
    /// - Complexity: O(1).
    public func holds(at date: PartialDate) -> Bool {
        if let since, since.ordinalOfFirstDay > date.ordinalOfLastDay { return false }
        if let until, until.ordinalOfLastDay < date.ordinalOfFirstDay { return false }
        return true
    }
}

extension Relation {
    /// A directed relation from `source` to `target`, as `from:`/`to:` write it in the file:
    /// `Relation(kind: "patronage", from: "dakai", to: "gabol")`. The kind must be directed
    /// (``ActorGraph/validate()`` reports a mismatch); every other field has its default.
    public init(id: String? = nil, kind: String, from source: String, to target: String, sign: Sign? = nil,
                weight: Double = 1, since: PartialDate? = nil, until: PartialDate? = nil, evidence: Evidence = Evidence(),
                note: String? = nil, attributes: [String: AttributeValue] = [:]) {
        self.init(id: id, kind: kind, source: source, target: target, directed: true, sign: sign, weight: weight,
                  since: since, until: until, evidence: evidence, note: note, attributes: attributes)
    }

    /// An undirected relation between two actors, as `between: [a, b]` writes it in the file:
    /// `Relation(kind: "coalition", between: "mqm-a", "ppp")`. The kind must be undirected
    /// (``ActorGraph/validate()`` reports a mismatch); every other field has its default.
    public init(id: String? = nil, kind: String, between a: String, _ b: String, sign: Sign? = nil,
                weight: Double = 1, since: PartialDate? = nil, until: PartialDate? = nil, evidence: Evidence = Evidence(),
                note: String? = nil, attributes: [String: AttributeValue] = [:]) {
        self.init(id: id, kind: kind, source: a, target: b, directed: false, sign: sign, weight: weight,
                  since: since, until: until, evidence: evidence, note: note, attributes: attributes)
    }
}
