import ActorGraphModel
import NetworkAnalysis

/// What `patronage` reads.
public struct PatronageOptions: Sendable {
    /// The directed relation kinds that run from patron to client (default: patronage).
    public var kinds: Set<String>
    /// Dates, claimants and confidence (its `relationKinds` is replaced by `kinds`).
    public var projection: ProjectionOptions
    /// Chains listed at most (all are counted).
    public var chainLimit: Int

    /// Creates options; by default the `patronage` relations at every date and of every claimant,
    /// with at most `chainLimit` chains listed.
    public init(kinds: Set<String> = ["patronage"], projection: ProjectionOptions = ProjectionOptions(), chainLimit: Int = 50) {
        self.kinds = kinds
        self.projection = projection
        self.chainLimit = chainLimit
    }
}

/// The patronage structure of a graph: pyramids, chains, levels, and the rivalries they cross.
public struct PatronageReport: Sendable, Codable, Equatable {
    /// A patron no one patronizes, with everything below it.
    public struct Pyramid: Sendable, Hashable, Codable {
        /// The top patron.
        public var top: ActorRef
        /// Direct clients, in graph order.
        public var clients: [ActorRef]
        /// Every actor below the top, at any depth, in graph order.
        public var below: [ActorRef]
        /// The longest chain down from the top, in steps.
        public var depth: Int
    }
    /// A client with two or more patrons.
    public struct SharedClient: Sendable, Hashable, Codable {
        /// The client, and its patrons in graph order.
        public var client: ActorRef
        /// Its patrons, in graph order.
        public var patrons: [ActorRef]
        /// Negative relations between any two of those patrons (graph indices): their rivalry.
        public var rivalry: [Int]
    }
    /// A patron two of whose clients are hostile to each other.
    public struct ConflictedPatron: Sendable, Hashable, Codable {
        /// The patron.
        public var patron: ActorRef
        /// The two hostile clients, in graph order.
        public var clients: [ActorRef]
        /// The negative relations between the two clients (graph indices).
        public var relations: [Int]
    }

    /// The patronage relations read (graph indices).
    public var relations: [Int]
    /// Chains patron → client → sub-client … from a top to an actor with no client, as relation
    /// indices, longest first; at most `chainLimit`, chosen among the first 10 × `chainLimit`
    /// found in depth-first order (``chainCount`` counts all).
    public var chains: [[Int]]
    /// Every chain found, listed or not.
    public var chainCount: Int
    /// Levine's (1980) trophic level of each actor in the patronage network (tops 1, their
    /// clients 2, …; the mean over an actor's patrons plus one), and the hierarchy's depth.
    public var levels: [Level]
    /// The highest finite trophic level: 2 when patrons have clients, 3 when clients have their own,
    /// and so on.
    public var depth: Double
    /// MacKay, Johnson & Sansom's (2020) trophic incoherence: 0 for a perfect hierarchy.
    public var incoherence: Double
    /// Each top with everyone below it, largest first.
    public var pyramids: [Pyramid]
    /// Clients of two or more patrons.
    public var sharedClients: [SharedClient]
    /// Patrons two of whose clients are hostile to each other.
    public var conflictedPatrons: [ConflictedPatron]
    /// Directed relations of the kinds that point the other way (a patron without direction).
    public var notes: [String]
    /// The relations the report names (read, chains, rivalries, hostile clients), each once, in graph order.
    public var citedRelations: [RelationRef]

    /// An actor's trophic level: 1 for a top, its patrons' mean plus one below; infinite (null
    /// in JSON) when a cycle of patronage leaves it undefined.
    public struct Level: Sendable, Hashable, Codable {
        /// The actor.
        public var actor: ActorRef
        /// Its trophic level.
        public var level: Double

        /// Creates a level.
        public init(actor: ActorRef, level: Double) {
            self.actor = actor
            self.level = level
        }

        enum CodingKeys: String, CodingKey { case actor, level }
        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            actor = try c.decode(ActorRef.self, forKey: .actor)
            level = try c.decodeNumber(forKey: .level, absent: .infinity)
        }
        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(actor, forKey: .actor)
            try c.encodeNumber(level, forKey: .level)
        }
    }

    /// The level of each actor by id.
    public var levelByID: [String: Double] { Dictionary(levels.map { ($0.actor.id, $0.level) }, uniquingKeysWith: { a, _ in a }) }
}

extension ActorGraph {
    /// Reads the patronage relations (`options.kinds`, directed patron → client) and reports:
    /// the pyramids (tops: patrons no one patronizes, with all below them), the chains from a top
    /// down to an actor with no client, Levine's trophic levels and the depth of the hierarchy,
    /// the clients shared by several patrons (and whether those patrons are rivals: joined by a
    /// negative relation), and the patrons whose clients are hostile to each other. The negative
    /// relations come from every negative kind under the same dates, claimant and confidence.
    ///
    /// - Throws: ``ProjectionError`` for an unknown kind or claimant.
    /// - Complexity: O(V + E) for the structure; chains are enumerated by depth-first search
    ///   (exponential in the worst case, bounded by `chainLimit` listed).
    public func patronage(_ options: PatronageOptions = PatronageOptions()) throws -> PatronageReport {
        var p = options.projection
        p.relationKinds = options.kinds
        let kept = try project(p).relations
        var notes: [String] = []
        let index = actorIndex()
        var patronRelations: [Int] = []
        for i in kept {
            if relations[i].directed { patronRelations.append(i) } else {
                notes.append("\(relationPhrase(i)) has no direction: it cannot say who is the patron, and is left out")
            }
        }
        // Negative relations among the same view, for rivalries.
        var n = options.projection
        n.relationKinds = nil
        let negatives = try project(n).relations.filter { sign(of: relations[$0]) == .negative }
        var hostile: [Int64: [Int]] = [:]
        func key(_ a: Int, _ b: Int) -> Int64 { a < b ? Int64(a) << 32 | Int64(b) : Int64(b) << 32 | Int64(a) }
        for i in negatives {
            hostile[key(index[relations[i].source]!, index[relations[i].target]!), default: []].append(i)
        }
        // Adjacency patron → (client, relation).
        let count = actors.count
        var clientsOf = [[(client: Int, relation: Int)]](repeating: [], count: count)
        var patronsOf = [[Int]](repeating: [], count: count)
        for i in patronRelations {
            let a = index[relations[i].source]!, b = index[relations[i].target]!
            if !clientsOf[a].contains(where: { $0.client == b }) { clientsOf[a].append((b, i)) }
            if !patronsOf[b].contains(a) { patronsOf[b].append(a) }
        }
        let involved = (0..<count).filter { !clientsOf[$0].isEmpty || !patronsOf[$0].isEmpty }
        let tops = involved.filter { patronsOf[$0].isEmpty }
        // Levels and incoherence on the patronage network.
        let network = try Network(nodeCount: count, sources: patronRelations.map { Int32(index[relations[$0].source]!) },
                                  targets: patronRelations.map { Int32(index[relations[$0].target]!) }, directed: true)
        let trophic = network.trophicLevels()
        let names = ReportReferences(self)
        // NaN (no finite solution: a cycle of patronage upstream) is reported as infinite, as
        // ``PatronageReport/Level`` documents.
        let levels = involved.map { PatronageReport.Level(actor: names.actor(actors[$0].id), level: trophic[$0].isNaN ? .infinity : trophic[$0]) }
        let depth = involved.map { trophic[$0] }.filter(\.isFinite).max() ?? 0
        let incoherence = involved.isEmpty ? 0 : network.improvedTrophicLevels().incoherence
        // Chains: depth-first from each top; a cycle ends a chain.
        var chains: [[Int]] = []
        var chainCount = 0
        var onPath = [Bool](repeating: false, count: count)
        func walk(_ v: Int, _ path: inout [Int]) {
            let next = clientsOf[v].filter { !onPath[$0.client] }
            if next.isEmpty {
                if path.count >= 2 {
                    chainCount += 1
                    if chains.count < 10 * options.chainLimit { chains.append(path) }
                }
                return
            }
            onPath[v] = true
            for (client, relation) in next {
                path.append(relation)
                walk(client, &path)
                path.removeLast()
            }
            onPath[v] = false
        }
        for top in tops {
            var path: [Int] = []
            walk(top, &path)
        }
        chains.sort { $0.count != $1.count ? $0.count > $1.count : $0.lexicographicallyPrecedes($1) }
        chains = Array(chains.prefix(options.chainLimit))
        // Pyramids.
        var pyramids: [PatronageReport.Pyramid] = []
        for top in tops {
            var below = Set<Int>(), frontier = [top], steps = 0
            var seen: Set<Int> = [top]
            while !frontier.isEmpty {
                var next: [Int] = []
                for v in frontier { for (c, _) in clientsOf[v] where !seen.contains(c) { seen.insert(c); below.insert(c); next.append(c) } }
                if !next.isEmpty { steps += 1 }
                frontier = next
            }
            pyramids.append(.init(top: names.actor(actors[top].id), clients: clientsOf[top].map(\.client).sorted().map { names.actor(actors[$0].id) },
                                  below: below.sorted().map { names.actor(actors[$0].id) }, depth: steps))
        }
        pyramids.sort { $0.below.count != $1.below.count ? $0.below.count > $1.below.count : $0.top.id < $1.top.id }
        // Shared clients and conflicted patrons.
        var shared: [PatronageReport.SharedClient] = []
        for c in involved where patronsOf[c].count >= 2 {
            let ps = patronsOf[c].sorted()
            var rivalry: [Int] = []
            for x in 0..<ps.count { for y in (x + 1)..<ps.count { rivalry += hostile[key(ps[x], ps[y])] ?? [] } }
            shared.append(.init(client: names.actor(actors[c].id), patrons: ps.map { names.actor(actors[$0].id) }, rivalry: rivalry.sorted()))
        }
        shared.sort { ($0.rivalry.isEmpty ? 1 : 0, $0.client.id) < ($1.rivalry.isEmpty ? 1 : 0, $1.client.id) }
        var conflicted: [PatronageReport.ConflictedPatron] = []
        for v in involved where clientsOf[v].count >= 2 {
            let cs = clientsOf[v].map(\.client).sorted()
            for x in 0..<cs.count {
                for y in (x + 1)..<cs.count {
                    if let rs = hostile[key(cs[x], cs[y])] {
                        conflicted.append(.init(patron: names.actor(actors[v].id), clients: [names.actor(actors[cs[x]].id), names.actor(actors[cs[y]].id)],
                                               relations: rs.sorted()))
                    }
                }
            }
        }
        return PatronageReport(relations: patronRelations, chains: chains, chainCount: chainCount, levels: levels, depth: depth,
                               incoherence: incoherence, pyramids: pyramids, sharedClients: shared,
                               conflictedPatrons: conflicted, notes: notes,
                               citedRelations: names.relations(patronRelations + chains.flatMap { $0 } + shared.flatMap(\.rivalry)
                                                               + conflicted.flatMap(\.relations)))
    }
}
