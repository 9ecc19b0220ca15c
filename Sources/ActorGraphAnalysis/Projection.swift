import ActorGraphModel
import NetworkAnalysis

/// What to project a graph onto a ``/NetworkAnalysis/Network`` with.
public struct ProjectionOptions: Sendable, Hashable {
    /// The relation kinds to keep; nil keeps every signed kind (positive or negative).
    public var relationKinds: Set<String>?
    /// Whether the network is undirected: every relation counts both ways. Otherwise directed
    /// relations keep their direction and undirected ones count both ways.
    public var symmetrize: Bool
    /// Whether relation weights become edge weights; otherwise every edge weighs 1.
    public var weighted: Bool
    /// Keep only relations whose span holds at this date.
    public var at: PartialDate?
    /// Keep unclaimed relations and those claimed by this actor (a claimant's view).
    public var claimant: String?
    /// Keep only unclaimed relations: what the sources report as fact, no one's claim.
    public var unclaimedOnly: Bool = false
    /// Keep only relations with at least this confidence (relations without one count as 1).
    public var minimumConfidence: Double?

    /// Creates options; the defaults are the CLI's: every signed kind, direction kept, weights
    /// ignored, every date, every claimant and confidence.
    public init(relationKinds: Set<String>? = nil, symmetrize: Bool = false, weighted: Bool = false,
                at: PartialDate? = nil, claimant: String? = nil, minimumConfidence: Double? = nil) {
        self.relationKinds = relationKinds
        self.symmetrize = symmetrize
        self.weighted = weighted
        self.at = at
        self.claimant = claimant
        self.minimumConfidence = minimumConfidence
    }
}

/// An actor graph projected onto a ``/NetworkAnalysis/Network``, with the map back to actors and relations.
public struct Projection: Sendable {
    /// The network: node i is `actorIDs[i]`.
    public var network: Network
    /// The actor id of each node, in the graph's actor order.
    public var actorIDs: [String]
    /// The indices (into the graph's relations) of the relations kept.
    public var relations: [Int]
    /// Pairs joined by both a positive and a negative relation: their ties are combined by
    /// summing signed weights, which hides the ambivalence, so it is reported here.
    public var ambivalentPairs: [(String, String)]
    /// Whether the network is directed.
    public var isDirected: Bool { network.isDirected }
}

/// Why a projection is impossible.
public struct ProjectionError: Error, Sendable, CustomStringConvertible {
    /// What is wrong (an unknown kind or claimant, a network that cannot be built), and what to
    /// write instead when that is clear.
    public var message: String
    /// The message.
    public var description: String { message }
}

extension ActorGraph {
    /// Projects the graph onto a network: the relations `options` keeps, with parallel relations
    /// between one pair combined (signed weights summed) and ambivalent pairs reported. A
    /// directed relation of a kept kind keeps its direction unless `symmetrize`; the network is
    /// directed when any kept relation is and `symmetrize` is off.
    ///
    /// Unsigned relations count as positive ties.
    ///
    /// - Throws: ``ProjectionError`` for an unknown kind or claimant.
    /// - Complexity: O(actors + relations).
    public func project(_ options: ProjectionOptions = ProjectionOptions()) throws -> Projection {
        let index = actorIndex()
        let kept = try _keptRelations(options, index: index)
        let directed = !options.symmetrize && kept.contains { relations[$0].directed }
        var sources: [Int32] = [], targets: [Int32] = [], weights: [Double] = [], signs: [Int8] = []
        var signsByPair: [Int64: (positive: Bool, negative: Bool)] = [:]
        for i in kept {
            let r = relations[i]
            var s = Int32(index[r.source]!), t = Int32(index[r.target]!)
            let sign: Int8 = self.sign(of: r) == .negative ? -1 : 1
            let w = options.weighted ? r.weight : 1
            if directed && r.directed {
                sources.append(s); targets.append(t); weights.append(w); signs.append(sign)
            } else if directed {
                sources += [s, t]; targets += [t, s]; weights += [w, w]; signs += [sign, sign]
            } else {
                if s > t { swap(&s, &t) }
                sources.append(s); targets.append(t); weights.append(w); signs.append(sign)
            }
            let (a, b) = s < t ? (s, t) : (t, s)
            let key = Int64(a) << 32 | Int64(b)
            var seen = signsByPair[key] ?? (false, false)
            if sign < 0 { seen.negative = true } else { seen.positive = true }
            signsByPair[key] = seen
        }
        let network: Network
        do {
            network = try Network(nodeCount: actors.count, sources: sources, targets: targets, weights: weights,
                                  signs: signs, directed: directed)
        } catch {
            throw ProjectionError(message: "cannot build the network: \(error)")
        }
        let ambivalent = signsByPair.filter { $0.value.positive && $0.value.negative }.keys.sorted()
            .map { (actors[Int($0 >> 32)].id, actors[Int($0 & 0xffff_ffff)].id) }
        return Projection(network: network, actorIDs: actors.map(\.id), relations: kept, ambivalentPairs: ambivalent)
    }

    /// The relations `options` keeps (graph indices, file order), without building a network.
    ///
    /// - Throws: ``ProjectionError`` for an unknown kind or claimant.
    func _keptRelations(_ options: ProjectionOptions, index: [String: Int]) throws -> [Int] {
        if let kinds = options.relationKinds {
            let known = Set(allRelationKinds.map(\.id))
            for k in kinds.sorted() where !known.contains(k) {
                throw ProjectionError(message: "unknown relation kind '\(k)'; this graph has \(known.sorted().joined(separator: ", "))")
            }
        }
        if let claimant = options.claimant, index[claimant] == nil {
            throw ProjectionError(message: "unknown claimant '\(claimant)'; give the id of an actor of the graph")
        }
        var kept: [Int] = []
        for (i, r) in relations.enumerated() {
            if let kinds = options.relationKinds {
                if !kinds.contains(r.kind) { continue }
            } else if sign(of: r) == .unsigned {
                continue
            }
            if let at = options.at, !r.holds(at: at) { continue }
            if let claimant = options.claimant, !r.evidence.claimedBy.isEmpty, !r.evidence.claimedBy.contains(claimant) { continue }
            if options.unclaimedOnly && !r.evidence.claimedBy.isEmpty { continue }
            if let minimum = options.minimumConfidence, (r.evidence.confidence?.numericValue ?? 1) < minimum { continue }
            guard index[r.source] != nil, index[r.target] != nil, r.source != r.target else { continue }
            kept.append(i)
        }
        return kept
    }
}
