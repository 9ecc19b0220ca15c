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

        /// Describes a network.
        public init(nodes: Int, edges: Int, directed: Bool, weighted: Bool) {
            self.nodes = nodes
            self.edges = edges
            self.directed = directed
            self.weighted = weighted
        }
    }

    /// One actor and its score under each measure of ``CentralityReport/measures``.
    public struct Row: Sendable, Equatable {
        /// The actor (or node).
        public var actor: ActorRef
        /// Parallel to the report's measures.
        public var scores: [Double]

        /// Creates a row; `scores` is parallel to the report's measures, NaN where undefined.
        public init(actor: ActorRef, scores: [Double]) {
            self.actor = actor
            self.scores = scores
        }

        public static func == (a: Row, b: Row) -> Bool {
            a.actor == b.actor && a.scores.count == b.scores.count
                && zip(a.scores, b.scores).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) }
        }
    }

    /// The network the scores were computed on.
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
    /// Degree (in plus out when directed), in-degree, out-degree, and strength (the summed weights).
    case degree, inDegree = "in-degree", outDegree = "out-degree", strength
    /// Counts of positive and of negative ties, and their difference.
    case positiveDegree = "positive-degree", negativeDegree = "negative-degree", netDegree = "net-degree"
    /// The path-based and spectral measures, normalised as networkx does, and PN centrality (Everett
    /// & Borgatti 2014) for signed ties; see `Network`'s methods of the same names.
    case betweenness, closeness, harmonic, eigenvector, pagerank, katz, hubs, authorities, pn

    /// Whether negative ties make the measure meaningless (it would read them as positive).
    public var refusesNegativeTies: Bool {
        switch self {
        case .betweenness, .closeness, .harmonic, .eigenvector, .pagerank, .katz, .hubs, .authorities: return true
        default: return false
        }
    }
}

extension Network {
    /// The scores of one measure, as `actorgraph centrality` computes them (normalised as
    /// networkx; path-based measures read a weight as strength, distance 1/weight).
    ///
    /// - Parameters:
    ///   - measure: The measure.
    ///   - weighted: Whether a tie's weight counts (as strength; distance 1/weight on paths).
    ///   - tolerance: How close the iterative measures (eigenvector, pagerank, katz, hubs,
    ///     authorities) get to their fixed point: the iteration stops when an upper bound of the
    ///     L1 distance to the limit is below it (`actorgraph centrality --tolerance`).
    ///   - maxIterations: The iterative measures give up after this many steps.
    /// - Throws: ``/NetworkAnalysis/ConvergenceError`` when an iterative measure does not converge,
    ///   ``/NetworkAnalysis/CentralityError`` when `pn` meets a network it is not defined on.
    /// - Complexity: that of the measure: O(m) for degrees, O(n·m) (unweighted) or
    ///   O(n·m + n² log n) (weighted) for betweenness, closeness and harmonic (Brandes 2001),
    ///   O(iterations · m) for the spectral ones.
    public func centrality(_ measure: CentralityMeasure, weighted: Bool, tolerance: Double = 1e-10,
                           maxIterations: Int = 100_000) throws -> [Double] {
        switch measure {
        case .degree: return degree()
        case .inDegree: return inDegree()
        case .outDegree: return outDegree()
        case .strength: return strength()
        case .positiveDegree: return signedDegree().positive
        case .negativeDegree: return signedDegree().negative
        case .netDegree: return signedDegree().net
        case .betweenness: return betweenness(weighted: weighted)
        case .closeness: return closeness(weighted: weighted)
        case .harmonic: return harmonic(weighted: weighted)
        case .eigenvector: return try eigenvector(weighted: weighted, tolerance: tolerance, maxIterations: maxIterations)
        case .pagerank: return try pageRank(weighted: weighted, tolerance: tolerance, maxIterations: maxIterations)
        case .katz: return try katz(weighted: weighted, tolerance: tolerance, maxIterations: maxIterations)
        case .hubs: return try hits(weighted: weighted, tolerance: tolerance, maxIterations: maxIterations).hubs
        case .authorities: return try hits(weighted: weighted, tolerance: tolerance, maxIterations: maxIterations).authorities
        case .pn: return try pn()
        }
    }
}

extension ActorGraph {
    /// Centrality of every actor, ranked by the first measure (highest first, ties by id), as
    /// `actorgraph centrality` computes it: the projection keeps every signed relation kind by
    /// default, direction kept, weights ignored unless `projection.weighted`.
    ///
    /// ```swift
    /// let report = try graph.centrality([.betweenness, .pagerank], projection: ProjectionOptions(relationKinds: ["coalition", "support"]))
    /// for row in report.actors.prefix(3) { print(row.actor.name, row.scores) }
    /// ```
    ///
    /// - Parameters:
    ///   - measures: The measures, in order (default: the command's degree, betweenness,
    ///     closeness, pagerank).
    ///   - projection: Which relations count (``ProjectionOptions``); `symmetrize` drops direction.
    ///   - top: Keep only the first `top` actors of the ranking.
    ///   - tolerance: How close the iterative measures get to their fixed point
    ///     (see ``NetworkAnalysis/Network/centrality(_:weighted:tolerance:maxIterations:)``).
    /// - Throws: ``ProjectionError`` for an unknown kind or claimant, or when a measure that
    ///   negative ties make meaningless (``CentralityMeasure/refusesNegativeTies``) meets them;
    ///   ``/NetworkAnalysis/ConvergenceError`` when an iterative measure does not converge.
    /// - Complexity: that of the measures (see ``NetworkAnalysis/Network/centrality(_:weighted:tolerance:maxIterations:)``).
    public func centrality(_ measures: [CentralityMeasure] = [.degree, .betweenness, .closeness, .pagerank],
                           projection: ProjectionOptions = ProjectionOptions(), top: Int? = nil,
                           tolerance: Double = 1e-10) throws -> CentralityReport {
        let projected = try project(projection)
        let g = projected.network
        if g.hasNegativeEdges, let refused = measures.first(where: \.refusesNegativeTies) {
            throw ProjectionError(message: "\(refused.rawValue) is not defined on negative ties; keep positive kinds in projection.relationKinds, or use positive-degree, negative-degree, net-degree or pn")
        }
        let names = Dictionary(actors.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        let columns = try measures.map { ($0, try g.centrality($0, weighted: projection.weighted, tolerance: tolerance)) }
        return CentralityReport(network: .init(nodes: g.nodeCount, edges: g.edgeCount, directed: g.isDirected, weighted: projection.weighted),
                                ids: projected.actorIDs, names: names, columns: columns, top: top)
    }
}
