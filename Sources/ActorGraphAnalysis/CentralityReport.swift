import ActorGraphModel
import NetworkAnalysis

/// Centrality scores of actors (or of the nodes of a plain edge list), ranked: what
/// `actorgraph centrality` prints.
///
/// In JSON each row is flat: `{"id", "name", "<measure>": value, …}`, a measure's value null
/// where it is undefined.
public struct CentralityReport: Codable, Sendable, Equatable {
    /// The network the scores were computed on.
    public struct NetworkInfo: Codable, Sendable, Hashable {
        /// Nodes and edges (an undirected edge counts once).
        public var nodes: Int, edges: Int
        /// Whether the edges have a direction, and whether weights were read.
        public var directed: Bool, weighted: Bool

        public init(nodes: Int, edges: Int, directed: Bool, weighted: Bool) {
            self.nodes = nodes
            self.edges = edges
            self.directed = directed
            self.weighted = weighted
        }
    }

    /// One actor and its score under each measure of ``CentralityReport/measures``.
    public struct Row: Sendable, Equatable {
        public var actor: ActorRef
        /// Parallel to the report's measures.
        public var scores: [Double]

        public init(actor: ActorRef, scores: [Double]) {
            self.actor = actor
            self.scores = scores
        }

        public static func == (a: Row, b: Row) -> Bool {
            a.actor == b.actor && a.scores.count == b.scores.count
                && zip(a.scores, b.scores).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) }
        }
    }

    public var network: NetworkInfo
    /// The measures, in the order asked for (the ranking is by the first).
    public var measures: [CentralityMeasure]
    /// Ranked by the first measure, highest first; ties by id.
    public var actors: [Row]

    /// Ranks `ids` (node i is `ids[i]`, named by `names` or by its id) by the first of `columns`
    /// (one score vector per measure), highest first, ties by id, keeping the first `top`.
    public init(network: NetworkInfo, ids: [String], names: [String: String], columns: [(CentralityMeasure, [Double])], top: Int? = nil) {
        self.network = network
        measures = columns.map(\.0)
        var order = Array(ids.indices)
        let first = columns.first?.1 ?? []
        order.sort { a, b in
            if !first.isEmpty, first[a] != first[b] { return first[a] > first[b] }
            return ids[a] < ids[b]
        }
        if let top { order = Array(order.prefix(top)) }
        actors = order.map { i in Row(actor: ActorRef(id: ids[i], name: names[ids[i]] ?? ids[i]), scores: columns.map { $0.1[i] }) }
    }

    enum CodingKeys: String, CodingKey { case network, measures, actors }

    /// A row's keys: id, name and the measures' names.
    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        network = try c.decode(NetworkInfo.self, forKey: .network)
        measures = try c.decode([CentralityMeasure].self, forKey: .measures)
        var rows = try c.nestedUnkeyedContainer(forKey: .actors)
        var out: [Row] = []
        // Each row's measure keys are those of `measures`.
        while !rows.isAtEnd {
            let row = try rows.nestedContainer(keyedBy: Key.self)
            let actor = ActorRef(id: try row.decode(String.self, forKey: .init(stringValue: "id")),
                                 name: try row.decode(String.self, forKey: .init(stringValue: "name")))
            out.append(Row(actor: actor, scores: try measures.map {
                try row.decodeIfPresent(Double.self, forKey: .init(stringValue: $0.rawValue)) ?? .nan
            }))
        }
        actors = out
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(network, forKey: .network)
        try c.encode(measures, forKey: .measures)
        var rows = c.nestedUnkeyedContainer(forKey: .actors)
        for row in actors {
            var r = rows.nestedContainer(keyedBy: Key.self)
            try r.encode(row.actor.id, forKey: .init(stringValue: "id"))
            try r.encode(row.actor.name, forKey: .init(stringValue: "name"))
            for (m, x) in zip(measures, row.scores) { try r.encodeNumber(x, forKey: .init(stringValue: m.rawValue)) }
        }
    }
}

/// The measures `actorgraph centrality` computes.
public enum CentralityMeasure: String, CaseIterable, Sendable, Codable {
    case degree, inDegree = "in-degree", outDegree = "out-degree", strength
    case positiveDegree = "positive-degree", negativeDegree = "negative-degree", netDegree = "net-degree"
    case betweenness, closeness, harmonic, eigenvector, pagerank, katz, hubs, authorities, pn

    /// Whether negative ties make the measure meaningless (it would read them as positive).
    public var refusesNegativeTies: Bool {
        switch self {
        case .betweenness, .closeness, .harmonic, .eigenvector, .pagerank, .katz, .hubs, .authorities: return true
        default: return false
        }
    }
}
