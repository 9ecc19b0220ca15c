import ActorGraphModel
import NetworkAnalysis

/// How `brokers` groups actors for the Gould–Fernandez roles.
public enum BrokerGrouping: Sendable, Hashable, CustomStringConvertible {
    /// One group per actor kind.
    case kind
    /// One group per value of a free attribute (actors without it form one group, "(none)").
    case attribute(String)
    /// The blocs of `factions` (its default method when nil); unattached actors form one group.
    case factions(FactionMethod?)

    /// Parses `kind`, `attribute:NAME`, `factions` or `factions:METHOD`.
    public init?(argument: String) {
        if argument == "kind" { self = .kind; return }
        if argument == "factions" { self = .factions(nil); return }
        if argument.hasPrefix("factions:") {
            guard let m = FactionMethod(rawValue: String(argument.dropFirst("factions:".count))) else { return nil }
            self = .factions(m); return
        }
        guard argument.hasPrefix("attribute:"), argument.count > "attribute:".count else { return nil }
        self = .attribute(String(argument.dropFirst("attribute:".count)))
    }

    public var description: String {
        switch self {
        case .kind: return "kind"
        case .attribute(let name): return "attribute:\(name)"
        case .factions(let m): return m.map { "factions:\($0.rawValue)" } ?? "factions"
        }
    }
}

/// What `brokers` computes.
public struct BrokerOptions: Sendable {
    public var grouping: BrokerGrouping
    /// Which relations count (only the positive ones carry brokerage; see ``ActorGraphModel/ActorGraph/brokers(_:)``).
    public var projection: ProjectionOptions
    /// Key-player set size.
    public var k: Int
    /// KPP-Pos reach radius (steps).
    public var m: Int
    /// Seed of the randomised searches (factions, key players).
    public var seed: UInt64

    public init(grouping: BrokerGrouping = .factions(nil), projection: ProjectionOptions = ProjectionOptions(), k: Int = 2,
                m: Int = 1, seed: UInt64 = 1) {
        self.grouping = grouping
        self.projection = projection
        self.k = k
        self.m = m
        self.seed = seed
    }
}

/// An actor with positive ties into two blocs that are hostile to each other (negative weight
/// between them).
public struct SignedBroker: Sendable {
    public var actor: String
    /// The share of the shortest positive-tie paths between members of mutually hostile blocs
    /// that pass through the actor, each bloc pair weighted by its share of the negative weight
    /// between blocs (0…1).
    public var score: Double
    /// The actor's own bloc (numbered from 0), or nil.
    public var bloc: Int
    /// The actor's positive relations, by the bloc of the other end (graph indices).
    public var tiesByBloc: [Int: [Int]]
}

/// Who brokers, and how: Gould–Fernandez roles, Burt's structural holes, Borgatti's key players,
/// and brokers between hostile blocs.
public struct BrokerReport: Sendable {
    /// All actors, in graph order (node i of every vector below).
    public var actorIDs: [String]
    /// The group of each actor and the groups' labels.
    public var group: [Int32]
    public var groupLabels: [String]
    public var roles: BrokerageRoles
    public var holes: StructuralHoles
    public var keyNegative: KeyPlayerResult
    public var keyPositive: KeyPlayerResult
    /// Ranked, most hostile traffic first; empty without negative ties.
    public var signedBrokers: [SignedBroker]
    /// The blocs behind ``signedBrokers`` (actor ids), when negative ties exist.
    public var hostileBlocs: [[String]]
    /// The number of positive relations read, and of negative ones left out of the brokerage.
    public var positiveRelations: Int, negativeRelations: Int
    public var notes: [String]
}

extension ActorGraph {
    /// The brokerage analysis of the positive relations `options.projection` keeps (every actor a
    /// node, direction kept; an undirected relation counts both ways):
    ///
    /// - Gould & Fernandez (1989) roles given `options.grouping` (``/NetworkAnalysis/Network/brokerageRoles(groups:)``);
    /// - Burt's (1992) constraint, effective size, efficiency and hierarchy;
    /// - Borgatti's (2006) key players on the undirected view: KPP-Neg (the `k` actors whose
    ///   removal fragments the network most) and KPP-Pos (the `k` that reach most others within `m` steps);
    /// - signed brokers: with negative ties, the 2-bloc balance partition (Doreian & Mrvar 1996)
    ///   gives hostile blocs, and each actor's score is the share of shortest positive-tie paths
    ///   between members of mutually hostile blocs that pass through it (Brandes' accumulation
    ///   restricted to those pairs), each bloc pair weighted by its share of the negative weight
    ///   between blocs.
    ///
    /// Negative relations carry no mediation and are left out of the roles, holes and key players.
    ///
    /// - Throws: ``ProjectionError`` for an unknown kind or claimant.
    /// - Complexity: key players dominate: O(restarts · swaps · n · (n + m)) heuristically, or
    ///   C(n, k) · n · (n + m) when exhaustive.
    public func brokers(_ options: BrokerOptions = BrokerOptions()) throws -> BrokerReport {
        let kept = try project(options.projection).relations
        let index = actorIndex()
        var notes: [String] = []
        var s: [Int32] = [], t: [Int32] = [], w: [Double] = []
        var negatives = 0, positives = 0
        var directed = false
        for i in kept {
            let r = relations[i]
            if sign(of: r) == .negative { negatives += 1; continue }
            positives += 1
            let a = Int32(index[r.source]!), b = Int32(index[r.target]!)
            let weight = options.projection.weighted ? r.weight : 1
            s.append(a); t.append(b); w.append(weight)
            if r.directed { directed = true } else { s.append(b); t.append(a); w.append(weight) }
        }
        // Both directions of an undirected relation are stored as two arcs of a directed network.
        let network = try Network(nodeCount: actors.count, sources: s, targets: t, weights: w, directed: true)
        if negatives > 0 {
            notes.append("\(negatives) negative relation(s) carry no brokerage and were left out of roles, structural holes and key players; they define the hostile blocs below")
        }
        if !directed && positives > 0 {
            notes.append("every kept relation is undirected: each counts both ways, so itinerant and coordinator paths appear in both directions")
        }
        // Groups.
        var group = [Int32](repeating: 0, count: actors.count)
        var labels: [String] = []
        func label(_ name: String) -> Int32 {
            if let g = labels.firstIndex(of: name) { return Int32(g) }
            labels.append(name)
            return Int32(labels.count - 1)
        }
        switch options.grouping {
        case .kind:
            for (i, a) in actors.enumerated() { group[i] = label(a.kind) }
        case .attribute(let name):
            for (i, a) in actors.enumerated() { group[i] = label(a.attributes[name]?.description ?? "(none)") }
        case .factions(let method):
            var f = FactionOptions(method: method, seed: options.seed, projection: options.projection)
            f.search.seed = options.seed
            let report = try factions(f)
            for b in report.blocs.indices { _ = label("bloc \(b + 1)") }
            for (i, a) in actors.enumerated() { group[i] = report.bloc[a.id].map(Int32.init) ?? label("unattached") }
            notes.append("groups: the \(report.blocs.count) blocs of 'actorgraph factions'"
                         + (method.map { " --method \($0.rawValue)" } ?? "") + " (\(report.method.rawValue))")
        }
        let roles = network.brokerageRoles(groups: group)
        let holes = network.structuralHoles(weighted: options.projection.weighted)
        let undirected = network.undirectedView()
        let k = max(1, min(options.k, max(1, actors.count - 1)))
        let keyNegative = undirected.keyPlayersNegative(k: k, seed: options.seed)
        let keyPositive = undirected.keyPlayersPositive(k: k, m: max(1, options.m), seed: options.seed)
        var signedBrokers: [SignedBroker] = []
        var hostileBlocs: [[String]] = []
        if negatives > 0 {
            (signedBrokers, hostileBlocs) = try hostileTraffic(options)
        }
        return BrokerReport(actorIDs: actors.map(\.id), group: group, groupLabels: labels, roles: roles, holes: holes,
                            keyNegative: keyNegative, keyPositive: keyPositive, signedBrokers: signedBrokers,
                            hostileBlocs: hostileBlocs, positiveRelations: positives, negativeRelations: negatives, notes: notes)
    }

    /// Signed brokers: see ``brokers(_:)``.
    private func hostileTraffic(_ options: BrokerOptions) throws -> ([SignedBroker], [[String]]) {
        let ties = try signedTies(options.projection)
        let n = ties.actorIDs.count
        guard n >= 2 else { return ([], []) }
        var search = BalanceSearchOptions()
        search.seed = options.seed
        let partition = ties.network.balancePartition(k: 2, alpha: 0.5, options: search).partition
        let bloc = partition.membership
        let blocs = partition.count
        // Hostility between blocs: their negative weight, as shares of the total between blocs.
        var hostility = [Double](repeating: 0, count: blocs * blocs)
        for (position, e) in ties.ends.enumerated() where ties.signs[position] < 0 {
            let (a, b) = (Int(bloc[Int(e.u)]), Int(bloc[Int(e.v)]))
            if a != b { hostility[a * blocs + b] += ties.weights[position]; hostility[b * blocs + a] += ties.weights[position] }
        }
        let totalHostility = hostility.reduce(0, +) / 2
        guard totalHostility > 0 else { return ([], partition.groups.map { $0.map { ties.actorIDs[Int($0)] } }) }
        // Positive undirected adjacency.
        var adjacency = [[Int32]](repeating: [], count: n)
        var tiesByNode = [[Int]](repeating: [], count: n)
        for (position, e) in ties.ends.enumerated() where ties.signs[position] > 0 {
            if !adjacency[Int(e.u)].contains(e.v) { adjacency[Int(e.u)].append(e.v); adjacency[Int(e.v)].append(e.u) }
            tiesByNode[Int(e.u)].append(position); tiesByNode[Int(e.v)].append(position)
        }
        // Brandes' accumulation with targets weighted by hostility to the source's bloc.
        var score = [Double](repeating: 0, count: n)
        var pairWeight = 0.0
        var sigma = [Double](repeating: 0, count: n), delta = [Double](repeating: 0, count: n)
        var distance = [Int](repeating: -1, count: n)
        var order: [Int] = []
        for source in 0..<n {
            let sb = Int(bloc[source])
            for v in 0..<n { sigma[v] = 0; delta[v] = 0; distance[v] = -1 }
            order.removeAll(keepingCapacity: true)
            sigma[source] = 1; distance[source] = 0
            var queue = [source], head = 0
            while head < queue.count {
                let v = queue[head]; head += 1
                order.append(v)
                for x in adjacency[v] {
                    let u = Int(x)
                    if distance[u] < 0 { distance[u] = distance[v] + 1; queue.append(u) }
                    if distance[u] == distance[v] + 1 { sigma[u] += sigma[v] }
                }
            }
            for v in order.reversed() {
                let target = v == source ? 0 : hostility[sb * blocs + Int(bloc[v])] / totalHostility
                for x in adjacency[v] {
                    let u = Int(x)
                    if distance[u] == distance[v] - 1 { delta[u] += sigma[u] / sigma[v] * (target + delta[v]) }
                }
                if v != source { score[v] += delta[v] }
            }
            for v in 0..<n where v != source { pairWeight += hostility[sb * blocs + Int(bloc[v])] / totalHostility }
        }
        var brokers: [SignedBroker] = []
        for v in 0..<n where score[v] > 0 {
            var byBloc: [Int: [Int]] = [:]
            for position in tiesByNode[v] {
                let e = ties.ends[position]
                let other = Int(e.u) == v ? e.v : e.u
                byBloc[Int(bloc[Int(other)]), default: []].append(ties.relations[position])
            }
            // Only actors with positive ties into two mutually hostile blocs broker between them.
            let touched = byBloc.keys.sorted()
            let straddles = touched.contains { a in touched.contains { b in a < b && hostility[a * blocs + b] > 0 } }
            guard straddles else { continue }
            brokers.append(SignedBroker(actor: ties.actorIDs[v], score: pairWeight > 0 ? score[v] / pairWeight : 0,
                                        bloc: Int(bloc[v]), tiesByBloc: byBloc))
        }
        brokers.sort { $0.score != $1.score ? $0.score > $1.score : $0.actor < $1.actor }
        return (brokers, partition.groups.map { $0.map { ties.actorIDs[Int($0)] } })
    }
}
