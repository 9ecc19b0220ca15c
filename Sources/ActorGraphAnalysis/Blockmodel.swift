import ActorGraphModel

/// The image of a faction split: the blocs, and the positive and negative ties summed inside each
/// bloc and between each pair of blocs.
///
/// In blockmodelling terms (Doreian, Batagelj & Ferligoj 2005), the reduced graph of the
/// partition: a signed graph's blocs and the ties that bind or oppose them. A good balance split
/// has heavy positive sums inside blocs and negative sums between them; positive ties between
/// blocs and negative ties inside are the frustration the split could not avoid.
///
/// Doreian, P., Batagelj, V. and Ferligoj, A. *Generalized Blockmodeling*. Cambridge
/// University Press, 2005.
public struct Blockmodel: Sendable, Hashable, Codable {
    /// One bloc.
    public struct Bloc: Sendable, Hashable, Codable {
        /// Its members (actor ids), in the faction report's order.
        public var members: [String]
        /// Up to three members with the most ties in the analysis (ties broken by the report's
        /// order): the names a caption can show.
        public var leading: [String]
        /// The summed weight of the positive ties between two members.
        public var positiveInside: Double
        /// The summed weight of the negative ties between two members.
        public var negativeInside: Double
    }

    /// The ties between two blocs.
    public struct Link: Sendable, Hashable, Codable {
        /// One bloc: its position in ``Blockmodel/blocs``, smaller than ``b``.
        public var a: Int
        /// The other bloc: its position in ``Blockmodel/blocs``.
        public var b: Int
        /// The summed weight of the positive ties with one end in each bloc.
        public var positive: Double
        /// The summed weight of the negative ties with one end in each bloc.
        public var negative: Double
    }

    /// The blocs, numbered as in the faction report.
    public var blocs: [Bloc]
    /// Every pair of blocs with at least one tie between them, ordered by (a, b).
    public var links: [Link]
    /// Actors with no tie the analysis read: in no bloc.
    public var unattached: [String]
    /// The number of ties (relations) summed.
    public var ties: Int
}

extension FactionReport {
    /// The blockmodel image of this split: every tie the analysis read is added, with the weight
    /// the analysis gave it (1 each unless the projection is weighted), to its bloc's inside sum
    /// or to its pair of blocs' link.
    ///
    /// Nil for a decoded report, which does not carry the ties.
    ///
    /// - Complexity: O(actors + ties + blocs · log(blocs)).
    public var blockmodel: Blockmodel? {
        guard let ties else { return nil }
        let blocs = self.blocs.map { $0.map(\.id) }
        var blocOf = [Int](repeating: -1, count: ties.actorIDs.count)
        for (b, members) in blocs.enumerated() {
            for id in members { if let v = ties.node[id] { blocOf[v] = b } }
        }
        var degree = [Int](repeating: 0, count: ties.actorIDs.count)
        var result = blocs.map { Blockmodel.Bloc(members: $0, leading: [], positiveInside: 0, negativeInside: 0) }
        var between: [Int64: (positive: Double, negative: Double)] = [:]
        for (position, e) in ties.ends.enumerated() {
            degree[Int(e.u)] += 1
            degree[Int(e.v)] += 1
            let a = blocOf[Int(e.u)], b = blocOf[Int(e.v)]
            guard a >= 0, b >= 0 else { continue }
            let w = ties.weights[position]
            let positive = ties.signs[position] > 0
            if a == b {
                if positive { result[a].positiveInside += w } else { result[a].negativeInside += w }
            } else {
                let key = Int64(min(a, b)) << 32 | Int64(max(a, b))
                var sums = between[key] ?? (0, 0)
                if positive { sums.positive += w } else { sums.negative += w }
                between[key] = sums
            }
        }
        for (b, members) in blocs.enumerated() {
            let ranked = members.enumerated().sorted { x, y in
                let dx = ties.node[x.element].map { degree[$0] } ?? 0
                let dy = ties.node[y.element].map { degree[$0] } ?? 0
                return dx != dy ? dx > dy : x.offset < y.offset
            }
            result[b].leading = ranked.prefix(3).map(\.element)
        }
        let links = between.keys.sorted().map { key in
            Blockmodel.Link(a: Int(key >> 32), b: Int(key & 0xffff_ffff),
                            positive: between[key]!.positive, negative: between[key]!.negative)
        }
        return Blockmodel(blocs: result, links: links, unattached: unattached.map(\.id), ties: ties.relations.count)
    }
}
