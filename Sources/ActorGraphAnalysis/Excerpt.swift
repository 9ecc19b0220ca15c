import ActorGraphModel
import NetworkAnalysis

/// A part of a graph small enough to draw: some of its actors and every relation among them.
///
/// Made by ``ActorGraphModel/ActorGraph/topActors(_:)`` (the most prominent actors) and
/// ``ActorGraphModel/ActorGraph/egoNetwork(around:depth:limit:relationLimit:)`` (an actor's neighbourhood). A relation is kept
/// exactly when both its actors are: none is dropped between two kept actors, none is drawn to
/// an actor left out.
public struct GraphExcerpt: Sendable {
    /// The excerpt as a graph: the kept actors (in the original's order) and the relations among
    /// them (in file order), with the original's title, description, sources and declared kinds.
    public var graph: ActorGraph
    /// Positions of the kept actors in the original's ``/ActorGraphModel/ActorGraph/actors``, ascending.
    public var actorIndices: [Int]
    /// Positions of the kept relations in the original's ``/ActorGraphModel/ActorGraph/relations``, ascending.
    public var relationIndices: [Int]
    /// How many actors the original has.
    public var originalActors: Int
    /// How many relations the original has.
    public var originalRelations: Int
    /// Ego networks: the number of steps from the nearest focus actor to each kept actor.
    public var distance: [String: Int] = [:]
    /// Ego networks: how many actors lie within the depth, before any limit.
    public var reached: Int = 0

    /// Actors of the original left out.
    public var leftOutActors: Int { originalActors - actorIndices.count }
    /// Relations of the original left out (those with at least one actor left out).
    public var leftOutRelations: Int { originalRelations - relationIndices.count }
}

/// Why an excerpt cannot be made.
public enum ExcerptError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A focus actor the graph does not have, with the nearest id as a suggestion.
    case unknownActor(id: String, suggestion: String?)

    /// The message, with the suggestion.
    public var description: String {
        switch self {
        case .unknownActor(let id, let suggestion):
            return "unknown actor '\(id)' in --focus; " + (suggestion ?? "give actor ids as the graph file spells them ('actorgraph centrality FILE' lists them)")
        }
    }
}

extension ActorGraph {
    /// The actors and every relation among them.
    ///
    /// - Parameter kept: Positions in ``/ActorGraphModel/ActorGraph/actors``, in any order, duplicates allowed.
    /// - Complexity: O(actors + relations).
    public func excerpt(keeping kept: some Sequence<Int>) -> GraphExcerpt {
        var keep = [Bool](repeating: false, count: actors.count)
        for i in kept { keep[i] = true }
        let index = actorIndex()
        let actorIndices = actors.indices.filter { keep[$0] }
        var relationIndices: [Int] = []
        for (i, r) in relations.enumerated() {
            guard let s = index[r.source], let t = index[r.target], keep[s], keep[t] else { continue }
            relationIndices.append(i)
        }
        var graph = self
        graph.actors = actorIndices.map { actors[$0] }
        graph.relations = relationIndices.map { relations[$0] }
        return GraphExcerpt(graph: graph, actorIndices: actorIndices, relationIndices: relationIndices,
                            originalActors: actors.count, originalRelations: relations.count)
    }

    /// How prominent each actor is, for ``topActors(_:)``: PageRank (α = 0.85, as networkx) on
    /// the relations of positive sign, each read in both directions (undirected) and unweighted;
    /// parallel relations of one pair count once. Negative and unsigned relations do not count:
    /// an actor does not matter more for being attacked, nor a place for being someone's
    /// stronghold. Actors without a positive relation share the floor value (1 − α)/n.
    ///
    /// - Returns: One score per actor, in ``/ActorGraphModel/ActorGraph/actors`` order, summing to 1.
    /// - Complexity: O((actors + relations) · iterations); at most 100 iterations.
    ///
    /// Page, L., Brin, S., Motwani, R. and Winograd, T. "The PageRank Citation Ranking: Bringing
    /// Order to the Web." Stanford InfoLab technical report 1999-66, 1999.
    public func prominence() -> [Double] {
        guard !actors.isEmpty else { return [] }
        let index = actorIndex()
        var sources: [Int32] = [], targets: [Int32] = []
        for r in relations where sign(of: r) == .positive {
            guard let s = index[r.source], let t = index[r.target], s != t else { continue }
            sources.append(Int32(min(s, t)))
            targets.append(Int32(max(s, t)))
        }
        guard let network = try? Network(nodeCount: actors.count, sources: sources, targets: targets, directed: false,
                                          parallel: .max),
              let rank = try? network.pageRank() else {
            // Unreachable for an undirected network (the power iteration contracts by α per
            // step); the degree is the fallback that keeps the order meaningful.
            var degree = [Double](repeating: 0, count: actors.count)
            for (s, t) in zip(sources, targets) { degree[Int(s)] += 1; degree[Int(t)] += 1 }
            return degree
        }
        return rank
    }

    /// The actors in order of ``prominence()``, highest first; ties go to the actor with more
    /// relations of any kind, then to the earlier in the file.
    ///
    /// - Complexity: O((actors + relations) · iterations + actors · log(actors)).
    public func actorsByProminence() -> [Int] {
        let score = prominence()
        let index = actorIndex()
        var degree = [Int](repeating: 0, count: actors.count)
        for r in relations {
            if let s = index[r.source] { degree[s] += 1 }
            if let t = index[r.target] { degree[t] += 1 }
        }
        return actors.indices.sorted { a, b in
            if score[a] != score[b] { return score[a] > score[b] }
            if degree[a] != degree[b] { return degree[a] > degree[b] }
            return a < b
        }
    }

    /// The `n` most prominent actors (see ``prominence()`` and ``actorsByProminence()``) and every
    /// relation among them, of any kind.
    ///
    /// - Complexity: that of ``actorsByProminence()``.
    public func topActors(_ n: Int) -> GraphExcerpt {
        precondition(n >= 0, "the number of actors must not be negative")
        return excerpt(keeping: actorsByProminence().prefix(n))
    }

    /// The ego network of `focus`: the actors at most `depth` steps from any of them and every
    /// relation among those actors.
    ///
    /// A step follows any relation, whatever its kind or sign, in either direction: a client is
    /// one step from its patron and the patron one step from the client. (Direction is a
    /// property of the story, not of who is near whom.) Depth 0 is the focus actors alone, with
    /// the relations among them.
    ///
    /// With `limit` or `relationLimit`, when the whole neighbourhood is larger, the nearest
    /// actors are kept: in order of step, then ``prominence()``, then file order, the longest
    /// run of that order with at most `limit` actors and `relationLimit` relations among them.
    /// The focus actors are always kept. ``GraphExcerpt/reached`` says how many actors lie within the depth.
    ///
    /// - Throws: ``ExcerptError/unknownActor(id:suggestion:)`` for an id the graph does not have.
    /// - Complexity: O(actors + relations) for the breadth-first search, plus ``prominence()``
    ///   when a limit cuts.
    public func egoNetwork(around focus: [String], depth: Int, limit: Int? = nil, relationLimit: Int? = nil) throws -> GraphExcerpt {
        precondition(depth >= 0, "the depth must not be negative")
        let index = actorIndex()
        var starts: [Int] = []
        for id in focus {
            guard let i = index[id] else {
                throw ExcerptError.unknownActor(id: id, suggestion: Suggest.actor(id, candidates: Suggest.actorCandidates(actors)))
            }
            if !starts.contains(i) { starts.append(i) }
        }
        // Adjacency in CSR form, both directions; a relation between two actors appears once
        // in each one's list, so parallel relations count separately.
        var offsets = [Int](repeating: 0, count: actors.count + 1)
        var ends: [(Int, Int)] = []
        ends.reserveCapacity(relations.count)
        for r in relations {
            guard let s = index[r.source], let t = index[r.target] else { continue }
            ends.append((s, t))
            offsets[s + 1] += 1
            if s != t { offsets[t + 1] += 1 }
        }
        for i in 0..<actors.count { offsets[i + 1] += offsets[i] }
        var fill = offsets
        var neighbours = [Int32](repeating: 0, count: offsets[actors.count])
        for (s, t) in ends {
            neighbours[fill[s]] = Int32(t); fill[s] += 1
            if s != t { neighbours[fill[t]] = Int32(s); fill[t] += 1 }
        }
        var distance = [Int](repeating: -1, count: actors.count)
        var order: [Int] = []
        for s in starts {
            distance[s] = 0
            order.append(s)
        }
        var head = 0
        while head < order.count {
            let u = order[head]
            head += 1
            guard distance[u] < depth else { continue }
            for k in offsets[u]..<offsets[u + 1] {
                let v = Int(neighbours[k])
                if distance[v] < 0 {
                    distance[v] = distance[u] + 1
                    order.append(v)
                }
            }
        }
        var kept = order
        let actorCap = limit ?? .max
        let relationCap = relationLimit ?? .max
        if order.count > actorCap || (relationLimit != nil && ends.count > relationCap) {
            let score = prominence()
            let ranked = order.sorted { a, b in
                if distance[a] != distance[b] { return distance[a] < distance[b] }
                if score[a] != score[b] { return score[a] > score[b] }
                return a < b
            }
            // Take actors in rank order while they fit; the relations an actor brings are those
            // to actors already taken.
            var taken = [Bool](repeating: false, count: actors.count)
            var relationCount = 0
            kept = []
            for v in ranked {
                var brings = 0
                for k in offsets[v]..<offsets[v + 1] where taken[Int(neighbours[k])] { brings += 1 }
                let isFocus = distance[v] == 0
                if !isFocus && (kept.count >= actorCap || relationCount + brings > relationCap) { break }
                taken[v] = true
                kept.append(v)
                relationCount += brings
            }
        }
        var result = excerpt(keeping: kept)
        result.reached = order.count
        for i in kept { result.distance[actors[i].id] = distance[i] }
        return result
    }
}
