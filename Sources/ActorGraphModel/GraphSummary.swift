/// What a graph holds, at a glance: counts by kind and sign, components, claimants, sources and
/// the dates its relations span.
public struct GraphSummary: Hashable, Sendable {
    /// The graph's title, if any.
    public var title: String?
    /// The number of actors.
    public var actors: Int
    /// The number of relations.
    public var relations: Int
    /// Actor kind id → number of actors, in the order kinds are listed (built-ins, then declared).
    public var actorKinds: [(kind: String, count: Int)]
    /// Relation kind id → number of relations, in the same order.
    public var relationKinds: [(kind: String, count: Int)]
    /// Relations by sign.
    public var positive: Int, negative: Int, unsigned: Int
    /// Connected components, ties taken as undirected (an isolated actor is one component).
    public var components: Int
    /// The size of the largest component.
    public var largestComponent: Int
    /// Actors who take part in no relation.
    public var isolated: Int
    /// The actors named by `claimed-by` (sorted by id).
    public var claimants: [ActorRef]
    /// The ids of the sources (in file order).
    public var sources: [String]
    /// The earliest and latest date the relations' `since`/`until` name: a `since` counts from
    /// its first day, an `until` through its last.
    public var dateRange: (from: PartialDate, to: PartialDate)?

    /// Summarises `graph`. Unknown kinds and ids (in a graph that did not validate) are counted
    /// under their own names and ignored for components.
    ///
    /// - Complexity: O(A + R·α(A)) for A actors and R relations (union–find).
    public init(_ graph: ActorGraph) {
        title = graph.title
        actors = graph.actors.count
        relations = graph.relations.count
        actorKinds = GraphSummary.count(graph.actors.map(\.kind), order: graph.allActorKinds.map(\.id))
        relationKinds = GraphSummary.count(graph.relations.map(\.kind), order: graph.allRelationKinds.map(\.id))
        var signs: [Sign: Int] = [:]
        for r in graph.relations { signs[graph.sign(of: r), default: 0] += 1 }
        positive = signs[.positive] ?? 0
        negative = signs[.negative] ?? 0
        unsigned = signs[.unsigned] ?? 0

        let index = graph.actorIndex()
        var parent = Array(0..<graph.actors.count)
        var touched = [Bool](repeating: false, count: graph.actors.count)
        func find(_ x: Int) -> Int {
            var x = x
            while parent[x] != x { parent[x] = parent[parent[x]]; x = parent[x] }
            return x
        }
        for r in graph.relations {
            guard let a = index[r.source], let b = index[r.target], a != b else { continue }
            touched[a] = true
            touched[b] = true
            let (ra, rb) = (find(a), find(b))
            if ra != rb { parent[max(ra, rb)] = min(ra, rb) }
        }
        var sizes: [Int: Int] = [:]
        for (i, a) in graph.actors.enumerated() where index[a.id] == i { sizes[find(i), default: 0] += 1 }
        components = sizes.count
        largestComponent = sizes.values.max() ?? 0
        isolated = graph.actors.indices.filter { !touched[$0] && index[graph.actors[$0].id] == $0 }.count

        claimants = Array(Set(graph.relations.flatMap(\.evidence.claimedBy))).sorted()
            .map { ActorRef(id: $0, name: index[$0].map { graph.actors[$0].name } ?? $0) }
        sources = graph.sources.map(\.id)
        // A `since` marks where a span starts (its first day counts), an `until` where one ends
        // (its last day counts): `since: 2010-01` does not stretch the range to January 31.
        let starts = graph.relations.compactMap(\.since).map { ($0, $0.ordinalOfFirstDay) }
        let ends = graph.relations.compactMap(\.until).map { ($0, $0.ordinalOfLastDay) }
        let all = starts + ends
        if let lo = all.min(by: { ($0.1, $0.0.precision) < ($1.1, $1.0.precision) }),
           let hi = all.max(by: { ($0.1, $0.0.precision) < ($1.1, $1.0.precision) }) {
            dateRange = (lo.0, hi.0)
        }
    }

    private static func count(_ values: [String], order: [String]) -> [(kind: String, count: Int)] {
        var counts: [String: Int] = [:]
        for v in values { counts[v, default: 0] += 1 }
        let known = order.filter { counts[$0] != nil }
        let unknown = counts.keys.filter { !order.contains($0) }.sorted()
        return (known + unknown).map { ($0, counts[$0]!) }
    }

    public static func == (a: GraphSummary, b: GraphSummary) -> Bool {
        a.title == b.title && a.actors == b.actors && a.relations == b.relations
            && a.actorKinds.elementsEqual(b.actorKinds, by: { $0 == $1 })
            && a.relationKinds.elementsEqual(b.relationKinds, by: { $0 == $1 })
            && a.positive == b.positive && a.negative == b.negative && a.unsigned == b.unsigned
            && a.components == b.components && a.largestComponent == b.largestComponent
            && a.isolated == b.isolated && a.claimants == b.claimants && a.sources == b.sources
            && a.dateRange?.from == b.dateRange?.from && a.dateRange?.to == b.dateRange?.to
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(actors)
        hasher.combine(relations)
        hasher.combine(components)
    }
}
