import Foundation
import ActorGraphModel
import NetworkAnalysis

/// How `factions` splits a graph into blocs.
public enum FactionMethod: String, CaseIterable, Sendable, Codable {
    /// Doreian–Mrvar balance partition of the signed ties into k blocs.
    case balance
    /// Louvain modularity maximisation (Blondel et al. 2008).
    case louvain
    /// Leiden modularity maximisation (Traag, Waltman & van Eck 2019).
    case leiden
    /// Recursive spectral bisection: Fiedler vector, or the signed Laplacian (Kunegis et al. 2010).
    case spectral
    /// Girvan–Newman's divisive dendrogram, cut at k (Girvan & Newman 2002).
    case girvanNewman = "girvan-newman"
}

/// What `factions` does.
public struct FactionOptions: Sendable {
    /// The method; nil chooses `balance` when the ties include negative ones, else `louvain`.
    public var method: FactionMethod?
    /// Blocs for balance, spectral and Girvan–Newman (modularity methods choose their own number).
    public var k: Int
    /// Balance: the weight of negative ties inside blocs against positive ties between them.
    public var alpha: Double
    /// Seed of the randomised methods (Louvain, Leiden, balance's relocation restarts).
    public var seed: UInt64
    /// Modularity resolution γ.
    public var resolution: Double
    /// Louvain/Leiden: optimise signed modularity (Gómez, Jensen & Arenas 2009) instead of
    /// modularity on the positive ties.
    public var signedModularity: Bool
    /// Which relations count.
    public var projection: ProjectionOptions
    /// Balance search limits.
    public var search: BalanceSearchOptions

    /// Creates options; the defaults are the CLI's: the method chosen by the graph (balance with
    /// negative ties, Louvain without), 2 blocs, α = 0.5, seed 1, resolution 1.
    public init(method: FactionMethod? = nil, k: Int = 2, alpha: Double = 0.5, seed: UInt64 = 1, resolution: Double = 1,
                signedModularity: Bool = false, projection: ProjectionOptions = ProjectionOptions(),
                search: BalanceSearchOptions = BalanceSearchOptions()) {
        self.method = method
        self.k = k
        self.alpha = alpha
        self.seed = seed
        self.resolution = resolution
        self.signedModularity = signedModularity
        self.projection = projection
        self.search = search
    }
}

/// The blocs a graph splits into, with the quality of the split and the ties that defy it.
public struct FactionReport: Sendable, Codable, Equatable {
    /// A number that says how good the split is.
    public struct Quality: Sendable, Hashable, Codable {
        /// What is measured: "P", "lower bound", "modularity" …
        public var name: String
        /// Its value (null in JSON when undefined).
        public var value: Double
        /// What it means, in words.
        public var note: String

        /// Creates a quality figure.
        public init(name: String, value: Double, note: String) {
            self.name = name
            self.value = value
            self.note = note
        }

        enum CodingKeys: String, CodingKey { case name, value, note }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            name = try c.decode(String.self, forKey: .name)
            value = try c.decodeNumber(forKey: .value)
            note = try c.decode(String.self, forKey: .note)
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(name, forKey: .name)
            try c.encodeNumber(value, forKey: .value)
            try c.encode(note, forKey: .note)
        }
    }

    /// The method used.
    public var method: FactionMethod
    /// Each bloc's members, blocs numbered (from 0) in order of their first member in the file.
    public var blocs: [[ActorRef]]
    /// Actors no kept relation touches: no evidence places them.
    public var unattached: [ActorRef]
    /// The measures of the split (P, its lower bound, modularity, eigenvalue ...).
    public var quality: [Quality]
    /// Whether the split is proven optimal (balance); nil for the heuristics.
    public var optimal: Bool?
    /// Positive relations between blocs (graph indices, file order).
    public var positiveBetween: [Int]
    /// Negative relations inside blocs (graph indices, file order).
    public var negativeInside: [Int]
    /// What the reader must know: ties the method ignored, the search used.
    public var notes: [String]
    /// The relations listed above (``positiveBetween``, ``negativeInside``), each once, in graph order.
    public var citedRelations: [RelationRef]
    /// The bloc of each attached actor, by id (not encoded: ``blocs`` says the same).
    public var bloc: [String: Int] = [:]
    /// The ties analysed (working state for the analyses built on this one).
    @NotEncoded var ties: SignedTies?

    /// The relations the split read (graph indices, file order); nil in a decoded report.
    public var keptRelations: [Int]? { ties?.relations }

    enum CodingKeys: String, CodingKey {
        case method, blocs, unattached, quality, optimal, positiveBetween, negativeInside, notes, citedRelations
    }

    init(method: FactionMethod, blocs: [[ActorRef]], unattached: [ActorRef], quality: [Quality], optimal: Bool?,
         positiveBetween: [Int], negativeInside: [Int], notes: [String], citedRelations: [RelationRef], ties: SignedTies?) {
        self.method = method
        self.blocs = blocs
        self.unattached = unattached
        self.quality = quality
        self.optimal = optimal
        self.positiveBetween = positiveBetween
        self.negativeInside = negativeInside
        self.notes = notes
        self.citedRelations = citedRelations
        self.ties = ties
        for (b, members) in blocs.enumerated() { for m in members { bloc[m.id] = b } }
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(method: try c.decode(FactionMethod.self, forKey: .method), blocs: try c.decode([[ActorRef]].self, forKey: .blocs),
                  unattached: try c.decode([ActorRef].self, forKey: .unattached), quality: try c.decode([Quality].self, forKey: .quality),
                  optimal: try c.decodeIfPresent(Bool.self, forKey: .optimal),
                  positiveBetween: try c.decode([Int].self, forKey: .positiveBetween),
                  negativeInside: try c.decode([Int].self, forKey: .negativeInside), notes: try c.decode([String].self, forKey: .notes),
                  citedRelations: try c.decode([RelationRef].self, forKey: .citedRelations), ties: nil)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(method, forKey: .method)
        try c.encode(blocs, forKey: .blocs)
        try c.encode(unattached, forKey: .unattached)
        try c.encode(quality, forKey: .quality)
        try c.encode(optimal, forKey: .optimal)
        try c.encode(positiveBetween, forKey: .positiveBetween)
        try c.encode(negativeInside, forKey: .negativeInside)
        try c.encode(notes, forKey: .notes)
        try c.encode(citedRelations, forKey: .citedRelations)
    }

    public static func == (a: FactionReport, b: FactionReport) -> Bool {
        a.method == b.method && a.blocs == b.blocs && a.unattached == b.unattached && a.optimal == b.optimal
            && a.quality.count == b.quality.count
            && zip(a.quality, b.quality).allSatisfy { $0.name == $1.name && $0.note == $1.note && ($0.value == $1.value || ($0.value.isNaN && $1.value.isNaN)) }
            && a.positiveBetween == b.positiveBetween && a.negativeInside == b.negativeInside && a.notes == b.notes
            && a.citedRelations == b.citedRelations
    }
}

/// A split of a signed network into blocs, with its quality: what `factions` computes before it
/// maps nodes back to actors. Edge lists use it directly.
public struct FactionSplit: Sendable {
    /// The method that made the split.
    public var method: FactionMethod
    /// The blocs, one label per node.
    public var partition: Partition
    /// How good the split is (P and its lower bound, or modularity).
    public var quality: [FactionReport.Quality]
    /// Whether the split is proven optimal; nil when the method proves nothing.
    public var optimal: Bool?
    /// What the method left out or assumed, in words.
    public var notes: [String]
}

extension SignedNetwork {
    /// Splits the network into blocs by `options.method` (its `projection` is not used here).
    /// `negativeTies` counts the negative ties for the notes, `unit` names them ("relation").
    ///
    /// Methods undefined on negative ties (Louvain and Leiden without signed modularity,
    /// Girvan–Newman) run on the positive ties and say so in the notes.
    ///
    /// - Complexity: that of the method (see each in `NetworkAnalysis`).
    public func factions(_ options: FactionOptions, negativeTies: Int, unit: String = "tie") -> FactionSplit {
        _factions(options, negativeTies: negativeTies, unit: unit, balance: nil)
    }

    /// ``factions(_:negativeTies:unit:)`` with the balance partition already found (`balance`,
    /// used when the method is balance): the analyses that need one partition twice search once.
    func _factions(_ options: FactionOptions, negativeTies: Int, unit: String, balance known: BalanceResult?) -> FactionSplit {
        let method = options.method ?? (negativeTies > 0 ? .balance : .louvain)
        let k = max(1, min(options.k, nodeCount))
        var quality: [FactionReport.Quality] = []
        var notes: [String] = []
        var optimal: Bool?
        let partition: Partition
        if options.k > nodeCount && nodeCount > 0 && (method == .balance || method == .spectral || method == .girvanNewman) {
            notes.append("\(options.k) blocs asked for, but only \(nodeCount) nodes have signed ties: at most \(nodeCount) blocs")
        }
        func ignoredNegatives(_ what: String) {
            if negativeTies > 0 {
                notes.append("\(what) is defined on positive ties only: the \(negativeTies) negative \(unit)(s) were left out of the split (they are still checked against it)")
            }
        }
        func cancelled(_ leftOut: Int) {
            if leftOut > 0 { notes.append("\(leftOut) pair(s) whose positive and negative ties cancel exactly were left out") }
        }
        switch method {
        case .spectral where k < 2, .girvanNewman where k < 2:
            // One bloc asked for (or one node): nothing to split.
            partition = Partition(labels: [Int32](repeating: 0, count: nodeCount))
        case .balance:
            let result = known ?? balancePartition(k: k, alpha: options.alpha, options: options.search)
            partition = result.partition
            optimal = result.optimal
            quality.append(.init(name: "P", value: result.error,
                                 note: "α·N + (1−α)·Pb with α = \(reportNumber(options.alpha)): N = \(reportNumber(result.negativeInside)) negative inside, Pb = \(reportNumber(result.positiveBetween)) positive between"))
            quality.append(.init(name: "lower bound", value: result.lowerBound,
                                 note: result.optimalityPhrase))
        case .louvain, .leiden:
            let signed = options.signedModularity
            let (network, leftOut) = combined(positiveOnly: !signed)
            let objective: ModularityObjective = signed ? .signed : .positiveTies
            let result = method == .louvain
                ? network.louvain(resolution: options.resolution, seed: options.seed, objective: objective)
                : network.leiden(resolution: options.resolution, seed: options.seed, objective: objective)
            partition = result.partition
            quality.append(.init(name: signed ? "signed modularity" : "modularity", value: result.modularity,
                                 note: "resolution \(reportNumber(options.resolution)), seed \(options.seed)"
                                    + (signed ? " (Gómez, Jensen & Arenas 2009)" : "")))
            if signed { cancelled(leftOut) } else { ignoredNegatives("Modularity (without --signed)") }
        case .spectral:
            let (network, leftOut) = combined(positiveOnly: false)
            let result = network.spectralBisection(k: k)
            partition = result.partition
            quality.append(.init(name: result.signedLaplacian ? "signed Laplacian eigenvalue" : "Fiedler value",
                                 value: result.eigenvalue,
                                 note: result.signedLaplacian ? "smallest eigenvalue of the first split; 0 when that part is perfectly balanced" : "algebraic connectivity of the first split"))
            cancelled(leftOut)
            if !result.converged {
                notes.append("the eigensolver stopped at its iteration limit before converging (long chains make the smallest eigenvalues crowd together): the split is that of the best vector found and may be unbalanced; try balance or leiden")
            }
        case .girvanNewman:
            let result = combined(positiveOnly: true).network.girvanNewman(k: k)
            partition = result.partition
            quality.append(.init(name: "edges removed", value: Double(result.removals.count), note: "highest edge betweenness first"))
            ignoredNegatives("Girvan–Newman")
        }
        let modularityShown = (method == .louvain || method == .leiden) && !options.signedModularity
        if method != .balance && !modularityShown {
            quality.append(.init(name: "modularity (positive ties)", value: combined(positiveOnly: true).network.modularity(partition),
                                 note: "Newman–Girvan, resolution 1"))
        }
        if method != .balance && negativeTies > 0 {
            let cost = balanceCost(partition.membership, alpha: 0.5)
            quality.append(.init(name: "frustration", value: cost.negativeInside + cost.positiveBetween,
                                 note: "negative weight inside blocs plus positive weight between them"))
        }
        return FactionSplit(method: method, partition: partition, quality: quality, optimal: optimal, notes: notes)
    }
}

extension ActorGraph {
    /// Splits the graph's signed ties into blocs by `options.method` (see
    /// ``NetworkAnalysis/SignedNetwork/factions(_:negativeTies:unit:)``) and reports the blocs,
    /// the quality of the split, and the relations that cross (positive between blocs) or
    /// violate (negative inside) it.
    ///
    /// - Throws: ``ProjectionError`` for an unknown kind or claimant.
    /// - Complexity: that of the method (see each in `NetworkAnalysis`).
    public func factions(_ options: FactionOptions = FactionOptions()) throws -> FactionReport {
        try factions(options, ties: signedTies(options.projection), balance: nil)
    }

    /// ``factions(_:)`` on ties already projected, with the balance partition already found when
    /// the caller has it (`balance`; used only by the balance method).
    func factions(_ options: FactionOptions, ties: SignedTies, balance: BalanceResult?) throws -> FactionReport {
        let split = ties.network._factions(options, negativeTies: ties.signs.filter { $0 < 0 }.count, unit: "relation",
                                           balance: balance)
        let partition = split.partition
        var positiveBetween: [Int] = [], negativeInside: [Int] = []
        for (position, i) in ties.relations.enumerated() {
            let e = ties.ends[position]
            let same = partition.membership[Int(e.u)] == partition.membership[Int(e.v)]
            if ties.signs[position] < 0 && same { negativeInside.append(i) }
            if ties.signs[position] > 0 && !same { positiveBetween.append(i) }
        }
        let names = ReportReferences(self)
        let blocs = partition.groups.map { $0.map { names.actor(ties.actorIDs[Int($0)]) } }
        return FactionReport(method: split.method, blocs: blocs, unattached: names.actors(ties.unattached), quality: split.quality,
                             optimal: split.optimal, positiveBetween: positiveBetween, negativeInside: negativeInside,
                             notes: split.notes, citedRelations: names.relations(positiveBetween + negativeInside), ties: ties)
    }
}

extension FactionReport {
    /// Of `movers` (actors placed both before and in this report, in another bloc than before),
    /// those whose whole connected part of this report's signed network moved with them: a part
    /// with no signed tie to the rest may sit in either bloc, so its swapping sides is a tie
    /// between equally good partitions, not a change. `placedBefore` says who had a bloc before.
    func movedTogetherWithTheirPart(_ movers: Set<String>, placedBefore: (String) -> Bool) -> Set<String> {
        guard let ties else { return [] }
        var root = Array(0..<ties.actorIDs.count)
        func find(_ x: Int) -> Int {
            var x = x
            while root[x] != x { root[x] = root[root[x]]; x = root[x] }
            return x
        }
        for e in ties.ends { root[find(Int(e.u))] = find(Int(e.v)) }
        var anchored = Set<Int>()
        for (v, id) in ties.actorIDs.enumerated() where placedBefore(id) && !movers.contains(id) { anchored.insert(find(v)) }
        return Set(movers.filter { id in ties.node[id].map { !anchored.contains(find($0)) } ?? false })
    }
}

extension BalanceResult {
    /// How the result was found and whether it is proven optimal, in words; when it is not, what
    /// the certified lower bound says.
    public var optimalityPhrase: String { BalanceSummary.optimalityPhrase(optimal: optimal, method: method) }
}

/// A number for reports: integers without a fraction, others to 6 significant digits.
public func reportNumber(_ x: Double) -> String {
    if x == x.rounded(), abs(x) < 1e15 { return String(Int(x)) }
    var s = String(x)
    if let r = Double(String(format: "%.6g", x)) { s = String(r) }
    return s
}

extension FactionReport {
    /// The report of a split of a network whose nodes are not actors of a graph (a plain edge
    /// list): node i is named `labels[i]` (id and name alike); no relations are cited.
    public init(split: FactionSplit, labels: [String]) {
        let blocs = split.partition.groups.map { $0.map { ActorRef(id: labels[Int($0)], name: labels[Int($0)]) } }
        self.init(method: split.method, blocs: blocs, unattached: [], quality: split.quality, optimal: split.optimal,
                  positiveBetween: [], negativeInside: [], notes: split.notes, citedRelations: [], ties: nil)
    }
}
