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
    /// The groups the Gould–Fernandez roles are counted against (default: the blocs of `factions`).
    public var grouping: BrokerGrouping
    /// Which relations count (only the positive ones carry brokerage; see ``ActorGraphModel/ActorGraph/brokers(_:)``).
    public var projection: ProjectionOptions
    /// Key-player set size.
    public var k: Int
    /// KPP-Pos reach radius (steps).
    public var m: Int
    /// Seed of the randomised searches (factions, key players).
    public var seed: UInt64
    /// Random restarts of each key-player search, besides the greedy start; nil: automatic, 8 up
    /// to 1,000 actors, fewer above (see ``ActorGraphModel/ActorGraph/brokers(_:)``).
    public var restarts: Int?
    /// Told what is being done (from worker threads); nil: no reports.
    public var progress: AnalysisProgressHandler?
    /// The threads the searches run on; the report does not depend on it.
    public var threads: Int

    /// Creates options; the defaults are the CLI's: groups from `factions`, every signed kind, key
    /// player sets of 2, reach within 1 step, seed 1.
    public init(grouping: BrokerGrouping = .factions(nil), projection: ProjectionOptions = ProjectionOptions(), k: Int = 2,
                m: Int = 1, seed: UInt64 = 1, restarts: Int? = nil, progress: AnalysisProgressHandler? = nil,
                threads: Int = Network.defaultThreads) {
        self.grouping = grouping
        self.projection = projection
        self.k = k
        self.m = m
        self.seed = seed
        self.restarts = restarts
        self.progress = progress
        self.threads = threads
    }
}

/// An actor with positive ties into two blocs that are hostile to each other (negative weight
/// between them).
public struct SignedBroker: Sendable, Hashable, Codable {
    /// The broker.
    public var actor: ActorRef
    /// The share of the shortest positive-tie paths between members of mutually hostile blocs
    /// that pass through the actor, each bloc pair weighted by its share of the negative weight
    /// between blocs (0…1).
    public var score: Double
    /// The actor's own bloc (numbered from 0), or nil.
    public var bloc: Int
    /// The actor's positive relations, by the bloc of the other end (graph indices).
    public var tiesByBloc: [Int: [Int]]

    /// Creates a signed broker.
    public init(actor: ActorRef, score: Double, bloc: Int, tiesByBloc: [Int: [Int]]) {
        self.actor = actor
        self.score = score
        self.bloc = bloc
        self.tiesByBloc = tiesByBloc
    }

    /// The relations into one bloc.
    struct BlocTies: Codable { var bloc: Int; var relations: [Int] }
    enum CodingKeys: String, CodingKey { case actor, score, bloc, tiesByBloc }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        actor = try c.decode(ActorRef.self, forKey: .actor)
        score = try c.decode(Double.self, forKey: .score)
        bloc = try c.decode(Int.self, forKey: .bloc)
        tiesByBloc = Dictionary(uniqueKeysWithValues: try c.decode([BlocTies].self, forKey: .tiesByBloc).map { ($0.bloc, $0.relations) })
    }

    /// `tiesByBloc` as a list `[{bloc, relations}]`, blocs in order.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(actor, forKey: .actor)
        try c.encode(score, forKey: .score)
        try c.encode(bloc, forKey: .bloc)
        try c.encode(tiesByBloc.sorted { $0.key < $1.key }.map { BlocTies(bloc: $0.key, relations: $0.value) }, forKey: .tiesByBloc)
    }
}

/// Who brokers, and how: Gould–Fernandez roles, Burt's structural holes, Borgatti's key players,
/// and brokers between hostile blocs.
public struct BrokerReport: Sendable, Equatable {
    /// All actors, in graph order (node i of every vector below).
    public var actors: [ActorRef]
    /// Their ids.
    public var actorIDs: [String] { actors.ids }
    /// The group of each actor and the groups' labels.
    public var group: [Int32]
    /// The label of each group (`bloc 1`, `party`, `club: Officer`), indexed by group.
    public var groupLabels: [String]
    /// Gould & Fernandez (1989) brokerage roles, with expected values and z-scores, indexed like
    /// ``actors``.
    public var roles: BrokerageRoles
    /// Burt's (1992) constraint, effective size, efficiency and hierarchy, indexed like ``actors``.
    public var holes: StructuralHoles
    /// Borgatti's (2006) KPP-Neg set: the actors whose removal fragments the network most.
    public var keyNegative: KeyPlayerResult
    /// Borgatti's (2006) KPP-Pos set: the actors that reach most others within `m` steps.
    public var keyPositive: KeyPlayerResult
    /// Ranked, most hostile traffic first; empty without negative ties.
    public var signedBrokers: [SignedBroker]
    /// The blocs behind ``signedBrokers``, when negative ties exist.
    public var hostileBlocs: [[ActorRef]]
    /// The number of positive relations read, and of negative ones left out of the brokerage.
    public var positiveRelations: Int, negativeRelations: Int
    /// What the reader must know: relations left out, the groups used.
    public var notes: [String]
    /// The relations the signed brokers' ties name, each once, in graph order.
    public var citedRelations: [RelationRef]
}

extension BrokerReport: Codable {
    /// One actor's row: its group, structural holes, brokerage and roles.
    struct Row: Codable {
        var id: String, name: String, group: String
        var constraint: Double, effectiveSize: Double, efficiency: Double, hierarchy: Double
        var brokerage: Double, brokerageExpected: Double, brokerageZ: Double
        var roles: [String: Role]

        struct Role: Codable {
            var count: Double, expected: Double, z: Double
            enum CodingKeys: String, CodingKey { case count, expected, z }
            init(count: Double, expected: Double, z: Double) { self.count = count; self.expected = expected; self.z = z }
            init(from decoder: any Decoder) throws {
                let c = try decoder.container(keyedBy: CodingKeys.self)
                count = try c.decodeNumber(forKey: .count)
                expected = try c.decodeNumber(forKey: .expected)
                z = try c.decodeNumber(forKey: .z)
            }
            func encode(to encoder: any Encoder) throws {
                var c = encoder.container(keyedBy: CodingKeys.self)
                try c.encodeNumber(count, forKey: .count)
                try c.encodeNumber(expected, forKey: .expected)
                try c.encodeNumber(z, forKey: .z)
            }
        }

        enum CodingKeys: String, CodingKey {
            case id, name, group, constraint, effectiveSize, efficiency, hierarchy, brokerage, brokerageExpected, brokerageZ, roles
        }
        init(id: String, name: String, group: String, constraint: Double, effectiveSize: Double, efficiency: Double,
             hierarchy: Double, brokerage: Double, brokerageExpected: Double, brokerageZ: Double, roles: [String: Role]) {
            self.id = id; self.name = name; self.group = group; self.constraint = constraint
            self.effectiveSize = effectiveSize; self.efficiency = efficiency; self.hierarchy = hierarchy
            self.brokerage = brokerage; self.brokerageExpected = brokerageExpected; self.brokerageZ = brokerageZ; self.roles = roles
        }
        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            id = try c.decode(String.self, forKey: .id)
            name = try c.decode(String.self, forKey: .name)
            group = try c.decode(String.self, forKey: .group)
            constraint = try c.decodeNumber(forKey: .constraint)
            effectiveSize = try c.decodeNumber(forKey: .effectiveSize)
            efficiency = try c.decodeNumber(forKey: .efficiency)
            hierarchy = try c.decodeNumber(forKey: .hierarchy)
            brokerage = try c.decodeNumber(forKey: .brokerage)
            brokerageExpected = try c.decodeNumber(forKey: .brokerageExpected)
            brokerageZ = try c.decodeNumber(forKey: .brokerageZ)
            roles = try c.decode([String: Role].self, forKey: .roles)
        }
        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(id, forKey: .id)
            try c.encode(name, forKey: .name)
            try c.encode(group, forKey: .group)
            try c.encodeNumber(constraint, forKey: .constraint)
            try c.encodeNumber(effectiveSize, forKey: .effectiveSize)
            try c.encodeNumber(efficiency, forKey: .efficiency)
            try c.encodeNumber(hierarchy, forKey: .hierarchy)
            try c.encodeNumber(brokerage, forKey: .brokerage)
            try c.encodeNumber(brokerageExpected, forKey: .brokerageExpected)
            try c.encodeNumber(brokerageZ, forKey: .brokerageZ)
            try c.encode(roles, forKey: .roles)
        }
    }

    /// A key-player set: the actors, the score with them removed (or reaching), and the baseline.
    struct KeyPlayers: Codable {
        var actors: [ActorRef], score: Double, baseline: Double, optimal: Bool, method: String
    }

    struct KeyPlayerPair: Codable { var fragmentation: KeyPlayers, reach: KeyPlayers }

    enum CodingKeys: String, CodingKey {
        case actors, groups, keyPlayers, signedBrokers, hostileBlocs, positiveRelations, negativeRelations, notes, citedRelations
    }

    /// Rows per actor (`actors`), the group labels (`groups`), the key players as actor lists,
    /// and the rest as stored.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        let roleNames = BrokerageRoles.Role.allCases.map(\.rawValue)
        let rows = actors.indices.map { i in
            Row(id: actors[i].id, name: actors[i].name, group: groupLabels[Int(group[i])],
                constraint: holes.constraint[i], effectiveSize: holes.effectiveSize[i], efficiency: holes.efficiency[i],
                hierarchy: holes.hierarchy[i], brokerage: roles.total[i], brokerageExpected: roles.expectedTotal[i],
                brokerageZ: roles.zTotal[i],
                roles: Dictionary(uniqueKeysWithValues: roleNames.indices.map {
                    (roleNames[$0], Row.Role(count: roles.counts[i][$0], expected: roles.expected[i][$0], z: roles.z[i][$0]))
                }))
        }
        func key(_ k: KeyPlayerResult) -> KeyPlayers {
            KeyPlayers(actors: k.nodes.map { actors[Int($0)] }, score: k.score, baseline: k.baseline, optimal: k.optimal, method: k.method)
        }
        try c.encode(rows, forKey: .actors)
        try c.encode(groupLabels, forKey: .groups)
        try c.encode(KeyPlayerPair(fragmentation: key(keyNegative), reach: key(keyPositive)), forKey: .keyPlayers)
        try c.encode(signedBrokers, forKey: .signedBrokers)
        try c.encode(hostileBlocs, forKey: .hostileBlocs)
        try c.encode(positiveRelations, forKey: .positiveRelations)
        try c.encode(negativeRelations, forKey: .negativeRelations)
        try c.encode(notes, forKey: .notes)
        try c.encode(citedRelations, forKey: .citedRelations)
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let rows = try c.decode([Row].self, forKey: .actors)
        let labels = try c.decode([String].self, forKey: .groups)
        groupLabels = labels
        actors = rows.map { ActorRef(id: $0.id, name: $0.name) }
        group = try rows.map { row in
            guard let g = labels.firstIndex(of: row.group) else {
                throw DecodingError.dataCorruptedError(forKey: .actors, in: c, debugDescription: "group '\(row.group)' is not among the groups")
            }
            return Int32(g)
        }
        let roleNames = BrokerageRoles.Role.allCases.map(\.rawValue)
        func role(_ row: Row, _ name: String) -> Row.Role { row.roles[name] ?? .init(count: .nan, expected: .nan, z: .nan) }
        var sizes = [Int](repeating: 0, count: labels.count)
        for g in group { sizes[Int(g)] += 1 }
        roles = BrokerageRoles(counts: rows.map { r in roleNames.map { role(r, $0).count } },
                               expected: rows.map { r in roleNames.map { role(r, $0).expected } },
                               z: rows.map { r in roleNames.map { role(r, $0).z } },
                               total: rows.map(\.brokerage), expectedTotal: rows.map(\.brokerageExpected), zTotal: rows.map(\.brokerageZ),
                               groupSizes: sizes)
        holes = StructuralHoles(constraint: rows.map(\.constraint), effectiveSize: rows.map(\.effectiveSize),
                                efficiency: rows.map(\.efficiency), hierarchy: rows.map(\.hierarchy))
        let position = Dictionary(rows.enumerated().map { ($1.id, Int32($0)) }, uniquingKeysWith: { a, _ in a })
        func result(_ k: KeyPlayers) -> KeyPlayerResult {
            KeyPlayerResult(nodes: k.actors.compactMap { position[$0.id] }, score: k.score, baseline: k.baseline, optimal: k.optimal, method: k.method)
        }
        let keys = try c.decode(KeyPlayerPair.self, forKey: .keyPlayers)
        keyNegative = result(keys.fragmentation)
        keyPositive = result(keys.reach)
        signedBrokers = try c.decode([SignedBroker].self, forKey: .signedBrokers)
        hostileBlocs = try c.decode([[ActorRef]].self, forKey: .hostileBlocs)
        positiveRelations = try c.decode(Int.self, forKey: .positiveRelations)
        negativeRelations = try c.decode(Int.self, forKey: .negativeRelations)
        notes = try c.decode([String].self, forKey: .notes)
        citedRelations = try c.decode([RelationRef].self, forKey: .citedRelations)
    }
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
    /// The key-player searches start from a greedy set and `options.restarts` seeded random sets;
    /// left nil, 8 up to 1,000 actors, 2 up to 5,000, none above (a note says so). The signed
    /// brokers' sources run in fixed blocks on `options.threads`, so the report is the same on any
    /// number of threads.
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
            options.progress?(AnalysisProgress(step: "factions (the groups)", done: 0, total: 1))
            var f = FactionOptions(method: method, seed: options.seed, projection: options.projection)
            f.search.seed = options.seed
            let report = try factions(f)
            for b in report.blocs.indices { _ = label("bloc \(b + 1)") }
            for (i, a) in actors.enumerated() { group[i] = report.bloc[a.id].map(Int32.init) ?? label("unattached") }
            notes.append("groups: the \(report.blocs.count) blocs of 'actorgraph factions'"
                         + (method.map { " --method \($0.rawValue)" } ?? "") + " (\(report.method.rawValue))")
        }
        options.progress?(AnalysisProgress(step: "brokerage roles and structural holes", done: 0, total: 1))
        let roles = network.brokerageRoles(groups: group)
        let holes = network.structuralHoles(weighted: options.projection.weighted)
        let undirected = network.undirectedView()
        let k = max(1, min(options.k, max(1, actors.count - 1)))
        let restarts = options.restarts ?? Self._keyPlayerRestarts(actors: actors.count)
        let keyNegative = undirected.keyPlayersNegative(k: k, seed: options.seed, restarts: restarts,
                                                        threads: options.threads, progress: options.progress)
        let keyPositive = undirected.keyPlayersPositive(k: k, m: max(1, options.m), seed: options.seed, restarts: restarts,
                                                        threads: options.threads, progress: options.progress)
        if options.restarts == nil, restarts < 8, !keyNegative.optimal || !keyPositive.optimal {
            notes.append("key players: greedy start and swaps with \(restarts == 0 ? "no" : String(restarts)) random restart\(restarts == 1 ? "" : "s") (8 up to 1,000 actors, 2 up to 5,000, none above: each restart is a full search of swaps); --restarts N asks for more")
        }
        var signedBrokers: [SignedBroker] = []
        var hostileBlocs: [[ActorRef]] = []
        let names = ReportReferences(self)
        if negatives > 0 {
            (signedBrokers, hostileBlocs) = try hostileTraffic(options, names: names)
        }
        return BrokerReport(actors: names.actors(actors.map(\.id)), group: group, groupLabels: labels, roles: roles, holes: holes,
                            keyNegative: keyNegative, keyPositive: keyPositive, signedBrokers: signedBrokers,
                            hostileBlocs: hostileBlocs, positiveRelations: positives, negativeRelations: negatives, notes: notes,
                            citedRelations: names.relations(signedBrokers.flatMap { $0.tiesByBloc.values.flatMap { $0 } }))
    }

    /// The random restarts of each key-player search when the options leave it open: 8 up to
    /// 1,000 actors, 2 up to 5,000, none above. A random start costs a full ascent of swaps, a
    /// few Brandes passes of O(n · m) each, while on large networks the greedy start's ascent is
    /// where the best set comes from (on the 2,000-actor benchmark graph 0, 2, 4 and 8 restarts
    /// give the same sets).
    static func _keyPlayerRestarts(actors: Int) -> Int {
        actors <= 1_000 ? 8 : actors <= 5_000 ? 2 : 0
    }

    /// Signed brokers: see ``brokers(_:)``.
    private func hostileTraffic(_ options: BrokerOptions, names: ReportReferences) throws -> ([SignedBroker], [[ActorRef]]) {
        let ties = try signedTies(options.projection)
        let n = ties.actorIDs.count
        guard n >= 2 else { return ([], []) }
        var search = BalanceSearchOptions()
        search.seed = options.seed
        options.progress?(AnalysisProgress(step: "hostile blocs", done: 0, total: 1))
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
        guard totalHostility > 0 else { return ([], partition.groups.map { $0.map { names.actor(ties.actorIDs[Int($0)]) } }) }
        // Positive undirected adjacency, as compressed rows (each neighbour once).
        var adjacency = [[Int32]](repeating: [], count: n)
        var tiesByNode = [[Int]](repeating: [], count: n)
        for (position, e) in ties.ends.enumerated() where ties.signs[position] > 0 {
            if !adjacency[Int(e.u)].contains(e.v) { adjacency[Int(e.u)].append(e.v); adjacency[Int(e.v)].append(e.u) }
            tiesByNode[Int(e.u)].append(position); tiesByNode[Int(e.v)].append(position)
        }
        var rows = [Int32](repeating: 0, count: n + 1)
        for v in 0..<n { rows[v + 1] = rows[v] + Int32(adjacency[v].count) }
        let offsets = rows
        let neighbours = adjacency.flatMap { $0 }
        adjacency = []
        let weightOf = hostility.map { $0 / totalHostility }
        let blocOf = bloc
        var sizes = [Int](repeating: 0, count: blocs)
        for v in 0..<n { sizes[Int(bloc[v])] += 1 }
        let blocSize = sizes
        // Brandes' accumulation with targets weighted by hostility to the source's bloc. The
        // sources run in 64 fixed blocks, each summed on its own and the blocks added in order,
        // so the scores are the same bits on one thread or many.
        let blockCount = min(64, n)
        let size = (n + blockCount - 1) / blockCount
        let counter = AnalysisProgressCounter(options.progress, step: "signed brokers", total: blockCount)
        @Sendable func block(_ b: Int) -> (score: [Double], pairs: Double) {
            var score = [Double](repeating: 0, count: n)
            var pairWeight = 0.0
            var sigma = [Double](repeating: 0, count: n), delta = [Double](repeating: 0, count: n)
            var distance = [Int32](repeating: -1, count: n)
            var order = [Int32](repeating: 0, count: n)
            for source in min(n, b * size)..<min(n, (b + 1) * size) {
                let sb = Int(blocOf[source])
                sigma[source] = 1; distance[source] = 0
                order[0] = Int32(source)
                var head = 0, tail = 1
                while head < tail {
                    let v = Int(order[head]); head += 1
                    let dv = distance[v]
                    for k in Int(offsets[v])..<Int(offsets[v + 1]) {
                        let u = Int(neighbours[k])
                        if distance[u] < 0 { distance[u] = dv + 1; order[tail] = Int32(u); tail += 1 }
                        if distance[u] == dv + 1 { sigma[u] += sigma[v] }
                    }
                }
                for i in stride(from: tail - 1, through: 1, by: -1) {
                    let v = Int(order[i])
                    let share = (weightOf[sb * blocs + Int(blocOf[v])] + delta[v]) / sigma[v]
                    let dv = distance[v]
                    for k in Int(offsets[v])..<Int(offsets[v + 1]) {
                        let u = Int(neighbours[k])
                        if distance[u] == dv - 1 { delta[u] += sigma[u] * share }
                    }
                    score[v] += delta[v]
                }
                for i in 0..<tail {
                    let v = Int(order[i])
                    sigma[v] = 0; delta[v] = 0; distance[v] = -1
                }
                // Every other actor is a target, reached or not (an unreached one has no path):
                // the weights of the source's bloc to each bloc, times the bloc sizes.
                for b in 0..<blocs { pairWeight += weightOf[sb * blocs + b] * Double(blocSize[b]) }
                pairWeight -= weightOf[sb * blocs + sb]
            }
            counter.tick()
            return (score, pairWeight)
        }
        // Eight blocks at a time, folded in block order as they come: memory for 8 partial
        // score vectors rather than 64, the same sums in the same order.
        var score = [Double](repeating: 0, count: n)
        var pairWeight = 0.0
        for first in stride(from: 0, to: blockCount, by: 8) {
            for part in _parallelMap(first..<min(blockCount, first + 8), threads: options.threads, block) {
                for v in 0..<n { score[v] += part.score[v] }
                pairWeight += part.pairs
            }
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
            brokers.append(SignedBroker(actor: names.actor(ties.actorIDs[v]), score: pairWeight > 0 ? score[v] / pairWeight : 0,
                                        bloc: Int(bloc[v]), tiesByBloc: byBloc))
        }
        brokers.sort { $0.score != $1.score ? $0.score > $1.score : $0.actor.id < $1.actor.id }
        return (brokers, partition.groups.map { $0.map { names.actor(ties.actorIDs[Int($0)]) } })
    }
}
