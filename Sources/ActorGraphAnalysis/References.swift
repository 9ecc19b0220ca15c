import Foundation
import ActorGraphModel
import NetworkAnalysis

/// A relation as a report cites it: its position in the graph, its kind, its ends (with their
/// names), its sign, and its evidence, so that a report encoded as JSON reads on its own.
///
/// Reports refer to relations by ``index`` (the position in ``/ActorGraphModel/ActorGraph/relations``) and list each
/// relation they cite once, in their `citedRelations`.
public struct RelationRef: Codable, Hashable, Sendable {
    /// The relation's position in the graph's relations (file order, from 0).
    public var index: Int
    /// Its id, when the file gives one.
    public var id: String?
    /// The relation kind.
    public var kind: String
    /// Its ends, as in the file (for an undirected relation the order carries no meaning).
    public var source: ActorRef, target: ActorRef
    /// Whether it runs from source to target.
    public var directed: Bool
    /// `positive`, `negative` or `unsigned`: the kind's sign or the relation's own.
    public var sign: String
    /// Its citations, as written: `cable ¶3`.
    public var cite: [String]
    /// The actors who claim it, and those who dispute it.
    public var claimedBy: [ActorRef], disputedBy: [ActorRef]
    /// Its confidence as written (`low`, `medium`, `high` or a number), when given.
    public var confidence: String?
    /// Its span (partial dates, inclusive), when given.
    public var since: String?, until: String?
    /// The source's words it rests on (`quote:`), when it has any.
    public var quotes: [String]? = nil
}

/// Names actors and cites relations of one graph for a report: builds the graph's actor index
/// once, so a report of any size names its actors in O(1) each.
public struct ReportReferences: Sendable {
    /// The graph the references are into.
    public let graph: ActorGraph
    private let index: [String: Int]

    /// References into `graph`.
    ///
    /// - Complexity: O(actors).
    public init(_ graph: ActorGraph) {
        self.graph = graph
        self.index = graph.actorIndex()
    }

    /// The actor with this id (named by its id when the graph does not list it).
    public func actor(_ id: String) -> ActorRef {
        ActorRef(id: id, name: index[id].map { graph.actors[$0].name } ?? id)
    }

    /// The actors with these ids, in order.
    public func actors(_ ids: [String]) -> [ActorRef] { ids.map(actor) }

    /// The relation at position `i`.
    public func relation(_ i: Int) -> RelationRef {
        let r = graph.relations[i]
        return RelationRef(index: i, id: r.id, kind: r.kind, source: actor(r.source), target: actor(r.target),
                           directed: r.directed, sign: graph.sign(of: r).rawValue,
                           cite: r.evidence.citations.map(\.description),
                           claimedBy: actors(r.evidence.claimedBy), disputedBy: actors(r.evidence.disputedBy),
                           confidence: r.evidence.confidence?.description,
                           since: r.since?.description, until: r.until?.description,
                           quotes: r.evidence.quotes.isEmpty ? nil : r.evidence.quotes)
    }

    /// The relations at these positions, each once, in graph order.
    public func relations<S: Sequence>(_ indices: S) -> [RelationRef] where S.Element == Int {
        Set(indices).sorted().map(relation)
    }
}

extension ActorGraph {
    /// The actor with this id as reports name it (see ``/ActorGraphModel/ActorRef``).
    ///
    /// - Complexity: O(actors); use ``ReportReferences`` for many look-ups.
    public func actorRef(_ id: String) -> ActorRef { ReportReferences(self).actor(id) }

    /// The relation at position `i` as reports cite it (see ``RelationRef``).
    ///
    /// - Complexity: O(actors); use ``ReportReferences`` for many look-ups.
    public func relationRef(_ i: Int) -> RelationRef { ReportReferences(self).relation(i) }
}

/// The outcome of a balance search (Doreian & Mrvar 1996; the frustration index of Aref, Mason &
/// Wilson 2020 when k = 2 and α = ½ count doubled), without the node-level partition: what a
/// report keeps of a ``NetworkAnalysis/BalanceResult``.
public struct BalanceSummary: Codable, Hashable, Sendable {
    /// Blocs asked for, and the weight α of negative ties inside blocs.
    public var k: Int, alpha: Double
    /// The negative weight inside blocs and the positive weight between them.
    public var negativeInside: Double, positiveBetween: Double
    /// The objective of the best partition found: α·N + (1−α)·Pb, or for the frustration index
    /// N + Pb.
    public var error: Double
    /// A certified lower bound on the optimum.
    public var lowerBound: Double
    /// Whether ``error`` is proven optimal.
    public var optimal: Bool
    /// How it was found: "exact (branch and bound)", "relocation, 32 restarts" …
    public var method: String

    /// The summary of `result`.
    public init(_ result: BalanceResult) {
        k = result.k
        alpha = result.alpha
        negativeInside = result.negativeInside
        positiveBetween = result.positiveBetween
        error = result.error
        lowerBound = result.lowerBound
        optimal = result.optimal
        method = result.method
    }

    /// How the result was found and whether it is proven optimal, in words; when it is not, what
    /// the certified lower bound says.
    public var optimalityPhrase: String { Self.optimalityPhrase(optimal: optimal, method: method) }

    static func optimalityPhrase(optimal: Bool, method: String) -> String {
        if !optimal { return "certified: no partition does better (found by \(method))" }
        if method.hasPrefix("relocation") { return "proven optimal: the best of \(method) meets the certified lower bound" }
        return "proven optimal (\(method))"
    }
}

/// The counts of a triangle census (Cartwright & Harary 1956; Davis 1967): what a report keeps
/// of a ``/NetworkAnalysis/TriangleCensus``.
public struct TriangleCounts: Codable, Hashable, Sendable {
    /// +++ or +−−.
    public var strongBalanced: Int
    /// −−− (clusterable).
    public var weakBalanced: Int
    /// ++−.
    public var unbalanced: Int
    /// A side with both a positive and a negative relation.
    public var ambivalent: Int
    /// All triangles.
    public var total: Int
    /// Whether the census listed fewer triangles than it counted.
    public var truncated: Bool

    /// The counts of `census`.
    public init(_ census: TriangleCensus) {
        strongBalanced = census.strongBalanced
        weakBalanced = census.weakBalanced
        unbalanced = census.unbalanced
        ambivalent = census.ambivalent
        total = census.total
        truncated = census.truncated
    }
}

/// Working state an analysis keeps for the analyses built on it: not part of the report's value.
/// It is not encoded, a decoded report has none, and two reports that differ only in it are equal.
@propertyWrapper
struct NotEncoded<Value: Sendable>: Sendable, Hashable {
    var wrappedValue: Value?
    init(wrappedValue: Value?) { self.wrappedValue = wrappedValue }
    static func == (_: Self, _: Self) -> Bool { true }
    func hash(into hasher: inout Hasher) {}
}

extension NotEncoded: Codable {
    init(from decoder: any Decoder) throws { wrappedValue = nil }
    func encode(to encoder: any Encoder) throws {}
}

extension KeyedEncodingContainer {
    /// Working state is not written at all (no key).
    mutating func encode<T>(_ value: NotEncoded<T>, forKey key: Key) throws {}
}

extension KeyedDecodingContainer {
    /// Working state is absent from JSON: decoded as none.
    func decode<T>(_ type: NotEncoded<T>.Type, forKey key: Key) throws -> NotEncoded<T> { NotEncoded(wrappedValue: nil) }
}

/// The JSON encoding of reports: `JSONEncoder` with sorted keys, pretty-printed, slashes not
/// escaped, and non-finite numbers (an undefined constraint, an unreachable level) as `null`
/// where the report marks them so, else as the strings `"nan"`, `"inf"`, `"-inf"`. The same value
/// gives the same bytes.
public enum ReportJSON {
    /// A fresh encoder with the reports' settings.
    public static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return encoder
    }

    /// A fresh decoder that reads what ``encoder()`` writes.
    public static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return decoder
    }

    /// `value` as JSON text (UTF-8), as the CLI prints it.
    public static func string<T: Encodable>(_ value: T) throws -> String {
        String(decoding: try encoder().encode(value), as: UTF8.self)
    }
}

extension KeyedEncodingContainer {
    /// A number, or null when it is not finite (NaN: undefined; ±∞: unreachable).
    mutating func encodeNumber(_ x: Double, forKey key: Key) throws {
        if x.isFinite { try encode(x, forKey: key) } else { try encodeNil(forKey: key) }
    }
}

extension KeyedDecodingContainer {
    /// A number written by ``KeyedEncodingContainer/encodeNumber(_:forKey:)``: null reads as `absent`.
    func decodeNumber(forKey key: Key, absent: Double = .nan) throws -> Double {
        try decodeIfPresent(Double.self, forKey: key) ?? absent
    }
}
