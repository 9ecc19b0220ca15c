import ActorGraphModel
import NetworkAnalysis

/// How far a graph's signed ties are from structural balance: the triangle census, the
/// frustration index with its bounds, and the relations that frustrate it.
public struct BalanceReport: Sendable, Codable, Equatable {
    /// A triangle of actors, classified.
    public struct Triangle: Sendable, Hashable, Codable {
        /// The three actors, in graph order.
        public var actors: [ActorRef]
        /// Its class: strongly balanced, weakly balanced, unbalanced or ambivalent.
        public var kind: TriangleCensus.Kind
        /// The relations on its three sides (graph indices).
        public var relations: [Int]
    }

    /// The census counts, and whether the list below is cut short.
    public var census: TriangleCounts
    /// The triangles listed (unbalanced and ambivalent first, then weakly, then strongly balanced).
    public var triangles: [Triangle] {
        didSet {
            let named = Set(frustratedRelations + triangles.flatMap(\.relations))
            citedRelations = citedRelations.filter { named.contains($0.index) }
        }
    }
    /// The frustration index (k = 2): the least weight of ties whose removal leaves the network
    /// balanced, with its certified lower bound and optimality.
    public var frustration: BalanceSummary
    /// The relations the best partition frustrates: negative ones inside a bloc and positive ones
    /// between the two blocs (graph indices, file order).
    public var frustratedRelations: [Int]
    /// The two sides of the best partition.
    public var sides: [[ActorRef]]
    /// The actors with a kept signed tie, and the signed relations kept: positive and negative.
    public var actorCount: Int, positiveRelations: Int, negativeRelations: Int
    /// The total weight of the kept relations (their number unless the projection is weighted).
    public var totalWeight: Double
    /// The relations listed above (frustrated ones, triangles' sides), each once, in graph order.
    public var citedRelations: [RelationRef]
    /// The ties analysed (working state for the analyses built on this one).
    @NotEncoded var ties: SignedTies?
}

extension ActorGraph {
    /// The balance analysis of the signed ties `projection` keeps.
    ///
    /// - Throws: ``ProjectionError`` for an unknown kind or claimant.
    /// - Complexity: the census O(m^1.5); the frustration index exact by branch and bound on
    ///   small networks, relocation with certified bounds on large ones.
    public func balance(_ projection: ProjectionOptions = ProjectionOptions(),
                        search: BalanceSearchOptions = BalanceSearchOptions(), triangleLimit: Int = 10_000) throws -> BalanceReport {
        let ties = try signedTies(projection)
        return balance(ties: ties, frustration: ties.network.frustrationIndex(options: search), triangleLimit: triangleLimit)
    }

    /// ``balance(_:search:triangleLimit:)`` of ties already projected, with their frustration index
    /// (shared with the fissures of the same ties by `diff`).
    func balance(ties: SignedTies, frustration: BalanceResult, triangleLimit: Int = 10_000) -> BalanceReport {
        let names = ReportReferences(self)
        let census = ties.network.triangleCensus(listLimit: triangleLimit)
        let order: [TriangleCensus.Kind] = [.unbalanced, .ambivalent, .weakBalanced, .strongBalanced]
        let triangles = census.triangles.sorted { x, y in
            let (i, j) = (order.firstIndex(of: x.kind)!, order.firstIndex(of: y.kind)!)
            return i != j ? i < j : (x.a, x.b, x.c) < (y.a, y.b, y.c)
        }.map { t -> BalanceReport.Triangle in
            let sides = [(t.a, t.b), (t.b, t.c), (t.a, t.c)].flatMap { ties.ties($0.0, $0.1).map { ties.relations[$0] } }
            return BalanceReport.Triangle(actors: [t.a, t.b, t.c].map { names.actor(ties.actorIDs[Int($0)]) }, kind: t.kind,
                                          relations: sides.sorted())
        }
        let side = frustration.partition.membership
        var frustrated: [Int] = []
        for (position, i) in ties.relations.enumerated() {
            let e = ties.ends[position]
            let same = side[Int(e.u)] == side[Int(e.v)]
            if (ties.signs[position] < 0) == same { frustrated.append(i) }
        }
        let sides = frustration.partition.groups.map { $0.map { names.actor(ties.actorIDs[Int($0)]) } }
        let positive = ties.signs.filter { $0 > 0 }.count
        return BalanceReport(census: TriangleCounts(census), triangles: triangles, frustration: BalanceSummary(frustration),
                             frustratedRelations: frustrated, sides: sides, actorCount: ties.actorIDs.count,
                             positiveRelations: positive, negativeRelations: ties.signs.count - positive,
                             totalWeight: ties.weights.reduce(0, +),
                             citedRelations: names.relations(frustrated + triangles.flatMap(\.relations)), ties: ties)
    }
}
