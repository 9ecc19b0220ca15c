/// Which modularity is optimised or measured.
///
/// Both read the network as undirected: a directed network's u→v and v→u ties are one pair,
/// their weights summed (positive and negative apart). Weights are used when the network has
/// them (1 otherwise).
public enum ModularityObjective: String, Sendable, Hashable, CaseIterable {
    /// Newman–Girvan modularity on the positive ties; negative ties are ignored, and the number
    /// of pairs ignored is reported (``CommunityResult/ignoredNegativeTies``).
    ///
    /// Q = (1 / 2m) Σ_ij [A_ij − γ k_i k_j / 2m] δ(c_i, c_j), where A_ij is the summed positive
    /// weight between i and j, k_i = Σ_j A_ij and 2m = Σ_i k_i. Equivalently
    /// Q = Σ_c [L_c / m − γ (d_c / 2m)²], with L_c the weight of the pairs inside community c
    /// and d_c the summed strengths of its nodes: networkx's `modularity(G, communities,
    /// resolution=γ)` on the undirected weighted graph.
    ///
    /// Newman, M. E. J. & Girvan, M. "Finding and evaluating community structure in networks."
    /// Physical Review E 69, 026113 (2004). Resolution: Reichardt, J. & Bornholdt, S.
    /// "Statistical mechanics of community detection." Physical Review E 74, 016110 (2006).
    case positiveTies
    /// Signed modularity: positive ties attract, negative ties repel.
    ///
    /// With A⁺ and A⁻ the summed positive and negative weights (both ≥ 0), k⁺_i = Σ_j A⁺_ij,
    /// k⁻_i = Σ_j A⁻_ij, 2w⁺ = Σ_i k⁺_i and 2w⁻ = Σ_i k⁻_i,
    ///
    /// Q = (2w⁺ Q⁺ − 2w⁻ Q⁻) / (2w⁺ + 2w⁻)
    ///   = 1 / (2w⁺ + 2w⁻) Σ_ij [(A⁺_ij − γ k⁺_i k⁺_j / 2w⁺) − (A⁻_ij − γ k⁻_i k⁻_j / 2w⁻)] δ(c_i, c_j),
    ///
    /// where Q⁺ and Q⁻ are the modularities of the positive and the negative ties alone (a
    /// term whose total weight is 0 is left out). Without negative ties it is ``positiveTies``.
    ///
    /// Gómez, S., Jensen, P. & Arenas, A. "Analysis of community structure in networks of
    /// correlated data." Physical Review E 80, 016114 (2009).
    case signed
}

/// A partition into communities found by ``Network/louvain(resolution:seed:objective:)`` or
/// ``Network/leiden(resolution:seed:objective:randomness:)``.
public struct CommunityResult: Sendable, Equatable {
    /// The communities, canonically numbered (in order of their smallest node).
    public var partition: Partition
    /// The modularity of `partition`, under the objective and resolution used.
    public var modularity: Double
    /// The modularity optimised.
    public var objective: ModularityObjective
    /// The resolution γ used.
    public var resolution: Double
    /// The aggregation levels performed (graphs of communities built), over all iterations.
    public var levels: Int
    /// The unordered pairs with a negative tie that ``ModularityObjective/positiveTies``
    /// ignored (0 for ``ModularityObjective/signed``).
    public var ignoredNegativeTies: Int

    /// Creates a result from its parts (Louvain and Leiden build it).
    public init(partition: Partition, modularity: Double, objective: ModularityObjective, resolution: Double,
                levels: Int, ignoredNegativeTies: Int) {
        self.partition = partition
        self.modularity = modularity
        self.objective = objective
        self.resolution = resolution
        self.levels = levels
        self.ignoredNegativeTies = ignoredNegativeTies
    }
}

extension Network {
    /// The modularity of `partition`.
    ///
    /// The network is read as undirected: the weights of u→v and v→u are summed into one pair
    /// (so a directed network gives networkx's undirected `modularity` on its symmetrised
    /// graph, not networkx's directed variant). Weighted when the network has weights. For
    /// ``ModularityObjective/positiveTies``,
    ///
    /// Q = Σ_c [L_c / m − γ (d_c / 2m)²],
    ///
    /// with m the total positive weight, L_c the positive weight inside community c and d_c the
    /// summed strengths of c's nodes, exactly networkx's `modularity(G, communities,
    /// resolution=γ)`; negative ties are ignored. For ``ModularityObjective/signed`` it is the
    /// signed modularity of Gómez, Jensen & Arenas (2009) given there. A network without
    /// ties has modularity 0 (networkx raises `ZeroDivisionError`, igraph returns NaN).
    /// γ > 1 favours smaller communities, γ < 1 larger ones.
    ///
    /// - Parameters:
    ///   - partition: One group per node (`partition.membership.count == nodeCount`).
    ///   - resolution: γ ≥ 0, the weight of the null model.
    ///   - objective: The modularity to compute.
    /// - Returns: Q, in [−1, 1] for γ = 1 (−1/2 ≤ Q < 1 without negative ties).
    /// - Complexity: O(V + E) time and space.
    public func modularity(_ partition: Partition, resolution: Double = 1,
                           objective: ModularityObjective = .positiveTies) -> Double {
        precondition(partition.membership.count == nodeCount,
                     "the partition has \(partition.membership.count) nodes; the network has \(nodeCount)")
        precondition(resolution >= 0 && resolution.isFinite, "the resolution must be finite and ≥ 0, not \(resolution)")
        let graph = _CommunityGraph(self, objective: objective)
        return graph.modularity(partition.membership, communityCount: partition.count, resolution: resolution)
    }
}
