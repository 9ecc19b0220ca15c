import Foundation

/// An actor as a report names it: its id (what the file says) and its name (what a reader sees).
///
/// Every place a report refers to an actor holds one of these, so that a report encoded as JSON
/// reads on its own, without the graph beside it.
public struct ActorRef: Codable, Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The actor's id in the graph.
    public var id: String
    /// Its display name (the id itself for an actor the graph does not list, such as a
    /// claimant that is not an actor, or a node of a plain edge list).
    public var name: String

    /// An actor reference with this id and name.
    public init(id: String, name: String) {
        self.id = id
        self.name = name
    }

    /// The id.
    public var description: String { id }

    /// Ordered by id, then by name.
    public static func < (a: ActorRef, b: ActorRef) -> Bool { (a.id, a.name) < (b.id, b.name) }
}

extension Array where Element == ActorRef {
    /// The ids, in order.
    public var ids: [String] { map(\.id) }
}

extension Array where Element == [ActorRef] {
    /// The ids of each group, in order.
    public var ids: [[String]] { map { $0.map(\.id) } }
}

/// A partial date is written as in the file: `2010`, `2010-01` or `2010-01-07`.
extension PartialDate: Codable {
    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        let text = try c.decode(String.self)
        guard let date = PartialDate(text) else {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: "'\(text)' is not a date; write YYYY, YYYY-MM or YYYY-MM-DD")
        }
        self = date
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}

/// In JSON: the counts, `actorKinds` and `relationKinds` as lists of `{kind, count}` in the
/// kinds' order (built-ins, then declared), `claimants` as
/// `{id, name}`, and `dateRange` as `{from, to}` or null.
extension GraphSummary: Codable {
    enum CodingKeys: String, CodingKey {
        case title, actors, relations, actorKinds, relationKinds, positive, negative, unsigned
        case components, largestComponent, isolated, claimants, sources, dateRange
    }

    struct DateRange: Codable { var from: PartialDate, to: PartialDate }
    struct KindCount: Codable { var kind: String, count: Int }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        func kinds(_ key: CodingKeys) throws -> [(kind: String, count: Int)] {
            try c.decode([KindCount].self, forKey: key).map { ($0.kind, $0.count) }
        }
        title = try c.decodeIfPresent(String.self, forKey: .title)
        actors = try c.decode(Int.self, forKey: .actors)
        relations = try c.decode(Int.self, forKey: .relations)
        actorKinds = try kinds(.actorKinds)
        relationKinds = try kinds(.relationKinds)
        positive = try c.decode(Int.self, forKey: .positive)
        negative = try c.decode(Int.self, forKey: .negative)
        unsigned = try c.decode(Int.self, forKey: .unsigned)
        components = try c.decode(Int.self, forKey: .components)
        largestComponent = try c.decode(Int.self, forKey: .largestComponent)
        isolated = try c.decode(Int.self, forKey: .isolated)
        claimants = try c.decode([ActorRef].self, forKey: .claimants)
        sources = try c.decode([String].self, forKey: .sources)
        dateRange = try c.decodeIfPresent(DateRange.self, forKey: .dateRange).map { ($0.from, $0.to) }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(title, forKey: .title)
        try c.encode(actors, forKey: .actors)
        try c.encode(relations, forKey: .relations)
        try c.encode(actorKinds.map { KindCount(kind: $0.kind, count: $0.count) }, forKey: .actorKinds)
        try c.encode(relationKinds.map { KindCount(kind: $0.kind, count: $0.count) }, forKey: .relationKinds)
        try c.encode(positive, forKey: .positive)
        try c.encode(negative, forKey: .negative)
        try c.encode(unsigned, forKey: .unsigned)
        try c.encode(components, forKey: .components)
        try c.encode(largestComponent, forKey: .largestComponent)
        try c.encode(isolated, forKey: .isolated)
        try c.encode(claimants, forKey: .claimants)
        try c.encode(sources, forKey: .sources)
        try c.encode(dateRange.map { DateRange(from: $0.from, to: $0.to) }, forKey: .dateRange)
    }
}
