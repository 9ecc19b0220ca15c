import ActorGraphModel
import Foundation
import NetworkAnalysis

/// The signed ties of an actor graph as the faction, balance and fissure analyses read them.
///
/// Every relation the projection keeps is one tie, direction dropped (blocs and balance are about
/// who stands with whom, not who acts on whom). Its sign is the relation's (unsigned kinds, when
/// chosen with `relationKinds`, count as positive), its weight 1 or the relation's weight. Ties of
/// one pair are not netted: a pair joined by a coalition and a conflict keeps both (see
/// ``NetworkAnalysis/SignedNetwork``), so ambivalence stays visible to balance.
///
/// Nodes are the actors with at least one kept tie, in the graph's actor order; the others are
/// listed in ``unattached`` (no signed evidence places them in any bloc).
public struct SignedTies: Sendable {
    /// The actor id of node i.
    public var actorIDs: [String]
    /// Actors without a kept tie, in graph order.
    public var unattached: [String]
    /// The kept relations (indices into the graph's relations), in file order.
    public var relations: [Int]
    /// The two nodes of each kept relation (parallel to ``relations``), smaller first.
    public var ends: [(u: Int32, v: Int32)]
    /// The sign of each kept relation: +1 or −1.
    public var signs: [Int8]
    /// The weight of each kept relation (1 unless the projection is weighted).
    public var weights: [Double]
    /// The pairs' positive and negative weights.
    public var network: SignedNetwork
    /// The positions (into ``relations``) of the ties of each pair, keyed by ``key(_:_:)``.
    public var pairTies: [Int64: [Int]]
    /// The node of each actor id that has one.
    public var node: [String: Int]

    /// The key of the unordered pair {u, v}.
    public static func key(_ u: Int32, _ v: Int32) -> Int64 {
        u < v ? Int64(u) << 32 | Int64(v) : Int64(v) << 32 | Int64(u)
    }

    /// The positions of the ties between `u` and `v` (empty when none).
    public func ties(_ u: Int32, _ v: Int32) -> [Int] { pairTies[Self.key(u, v)] ?? [] }

    /// The same ties without the tie at `position` (for "what if this relation did not hold").
    public func network(dropping position: Int) -> SignedNetwork {
        var s: [Int32] = [], t: [Int32] = [], w: [Double] = [], g: [Int8] = []
        for i in ends.indices where i != position {
            s.append(ends[i].u); t.append(ends[i].v); w.append(weights[i]); g.append(signs[i])
        }
        // Cannot fail: the same valid ties, one fewer.
        return try! SignedNetwork(nodeCount: actorIDs.count, sources: s, targets: t, weights: w, signs: g)
    }
}

extension ActorGraph {
    /// The signed ties `options` keeps (its `symmetrize` is ignored: ties are undirected here).
    ///
    /// - Throws: ``ProjectionError`` for an unknown kind or claimant.
    /// - Complexity: O(actors + relations).
    public func signedTies(_ options: ProjectionOptions) throws -> SignedTies {
        var options = options
        options.symmetrize = true
        let index = actorIndex()
        let kept = try _keptRelations(options, index: index)
        var used = [Bool](repeating: false, count: actors.count)
        for i in kept {
            used[index[relations[i].source]!] = true
            used[index[relations[i].target]!] = true
        }
        var node: [String: Int] = [:]
        var ids: [String] = [], unattached: [String] = []
        for (i, actor) in actors.enumerated() where index[actor.id] == i {
            if used[i] { node[actor.id] = ids.count; ids.append(actor.id) } else { unattached.append(actor.id) }
        }
        var ends: [(u: Int32, v: Int32)] = [], signs: [Int8] = [], weights: [Double] = []
        var pairTies: [Int64: [Int]] = [:]
        for (position, i) in kept.enumerated() {
            let r = relations[i]
            let a = Int32(node[r.source]!), b = Int32(node[r.target]!)
            ends.append((min(a, b), max(a, b)))
            signs.append(sign(of: r) == .negative ? -1 : 1)
            weights.append(options.weighted ? r.weight : 1)
            pairTies[SignedTies.key(a, b), default: []].append(position)
        }
        let network = try SignedNetwork(nodeCount: ids.count, sources: ends.map(\.u), targets: ends.map(\.v),
                                        weights: weights, signs: signs)
        return SignedTies(actorIDs: ids, unattached: unattached, relations: kept, ends: ends, signs: signs,
                          weights: weights, network: network, pairTies: pairTies, node: node)
    }

    /// A short, readable name for an actor: its id (what the analyst typed), or the id itself
    /// when unknown.
    ///
    /// - Complexity: O(1) on average: the id index is built once per actor list and cached
    ///   (a report names thousands of actors).
    public func displayName(_ id: String) -> String {
        _NameCache.shared.lock.lock()
        defer { _NameCache.shared.lock.unlock() }
        let cache = _NameCache.shared
        // Equal arrays sharing storage compare in O(1); another graph rebuilds the index.
        if cache.actors != actors {
            cache.actors = actors
            cache.index = actorIndex()
        }
        guard let i = cache.index[id] else { return id }
        return actors[i].name
    }

    /// The relation in words, for evidence listings: `mqm-a –conflict– ppp` for an undirected
    /// relation, `dakai –patronage→ gabol` for a directed one.
    public func relationPhrase(_ i: Int) -> String {
        let r = relations[i]
        return r.directed ? "\(r.source) –\(r.kind)→ \(r.target)" : "\(r.source) –\(r.kind)– \(r.target)"
    }

    /// The relation's evidence in words: id, span, citations, claimants, disputers, confidence.
    /// For example `[fissure] since 2010-01-07; cable ¶3, cable ¶5, cable ¶9; disputed by malik; confidence medium`.
    public func evidencePhrase(_ i: Int) -> String {
        let r = relations[i]
        var parts: [String] = []
        var span: [String] = []
        if let since = r.since { span.append("since \(since)") }
        if let until = r.until { span.append("until \(until)") }
        if !span.isEmpty { parts.append(span.joined(separator: " ")) }
        if !r.evidence.citations.isEmpty { parts.append(r.evidence.citations.map(\.description).joined(separator: ", ")) }
        if !r.evidence.claimedBy.isEmpty { parts.append("claimed by " + r.evidence.claimedBy.joined(separator: ", ")) }
        if !r.evidence.disputedBy.isEmpty { parts.append("disputed by " + r.evidence.disputedBy.joined(separator: ", ")) }
        if let c = r.evidence.confidence { parts.append("confidence \(c)") }
        if parts.isEmpty { parts.append("no citation") }
        return (r.id.map { "[\($0)] " } ?? "") + parts.joined(separator: "; ")
    }
}

/// The id index of the last actor list ``ActorGraph/displayName(_:)`` was asked about.
private final class _NameCache: @unchecked Sendable {
    static let shared = _NameCache()
    let lock = NSLock()
    var actors: [Actor] = []
    var index: [String: Int] = [:]
}
