import ActorGraphModel
import NetworkAnalysis

/// What `fissures` scores and how.
public struct FissureOptions: Sendable {
    /// The positive relation kinds whose ties are scored (default: coalition and alliance).
    public var kinds: Set<String>
    /// Which relations make up the signed network around them (default: every signed kind).
    public var projection: ProjectionOptions
    /// Blocs of the balance partition that gives the verdict.
    public var k: Int
    /// The balance partition's α (see ``/NetworkAnalysis/SignedNetwork/balancePartition(k:alpha:options:)``).
    public var alpha: Double
    /// Search options for the partition and the frustration index.
    public var search: BalanceSearchOptions
    /// Unbalanced cycles listed per fissure (all are counted).
    public var pathLimit: Int
    /// Cycles examined per tie at most (a hub pair in a large network has millions).
    public var cycleBudget: Int
    /// Told how far the analysis has got (from worker threads); nil: no reports.
    public var progress: AnalysisProgressHandler?

    /// Creates options; by default coalition and alliance ties are scored against the 2-bloc balance
    /// partition (α = 0.5) of every signed relation, with at most `pathLimit` cycles listed and
    /// `cycleBudget` examined per tie.
    public init(kinds: Set<String> = ["coalition", "alliance"], projection: ProjectionOptions = ProjectionOptions(),
                k: Int = 2, alpha: Double = 0.5, search: BalanceSearchOptions = BalanceSearchOptions(),
                pathLimit: Int = 8, cycleBudget: Int = 1_000_000, progress: AnalysisProgressHandler? = nil) {
        self.kinds = kinds
        self.projection = projection
        self.k = k
        self.alpha = alpha
        self.search = search
        self.pathLimit = pathLimit
        self.cycleBudget = cycleBudget
        self.progress = progress
    }
}

/// A triangle or 4-cycle closed by a scored tie: the path from one end of the tie to the other.
public struct EvidencePath: Sendable, Hashable, Codable {
    /// The actors along the path, from the tie's first end to its second.
    public var actors: [ActorRef]
    /// For each step, the relations (graph indices) that give it the sign in ``signs``.
    public var steps: [[Int]]
    /// The sign of each step (+1 or −1). An ambivalent pair appears once per sign.
    public var signs: [Int8]
    /// Whether the cycle (path plus the positive tie) is unbalanced: an odd number of negative steps.
    public var unbalanced: Bool
    /// The weakest step's confidence (each step: its best-supported relation; 0.5 when unstated).
    public var confidence: Double
}

/// One positive coalition or alliance tie, scored for stress, with its evidence.
public struct Fissure: Sendable, Hashable, Codable {
    /// The blocs of a tie's two ends (numbered from 0).
    public struct Blocs: Sendable, Hashable, Codable {
        /// The bloc of the tie's first end and of its second.
        public var a: Int, b: Int
        /// Creates the pair.
        public init(a: Int, b: Int) { self.a = a; self.b = b }
    }

    /// The relation scored (graph index).
    public var relation: Int
    /// Its ends, as in the file.
    public var a: ActorRef, b: ActorRef
    /// The stress score in 0…1: the mean of ``splitScore``, ``cycleShare``, ``ambivalence`` and
    /// ``dropShare``. Each part is reported, so the score explains itself.
    public var score: Double
    /// (1) Whether the best balance partition puts a and b in different blocs.
    public var split: Bool
    /// The blocs of a and b in that partition (numbered from 0).
    public var blocs: Blocs
    /// (2) Unbalanced triangles and 4-cycles through the tie, over all of them (0 when none).
    public var cycleShare: Double
    /// The number of unbalanced cycles, and of all cycles, examined.
    public var unbalancedCycles: Int, cycles: Int
    /// Whether the cycle budget ran out (the counts are then of the cycles examined).
    public var cyclesTruncated: Bool
    /// The unbalanced cycles, best-evidenced first, at most `pathLimit` of them.
    public var paths: [EvidencePath]
    /// (3) Negative relations directly between a and b (graph indices).
    public var directNegative: [Int]
    /// The negative share of the pair's weight: q / (p + q).
    public var ambivalence: Double
    /// (4) The frustration index with and without this relation, and whether both are proven optimal.
    public var frustration: Double, frustrationWithout: Double, frustrationExact: Bool
    /// How much the frustration falls when the relation is dropped, over the relation's weight (0…1).
    public var dropShare: Double

    /// 1 when split, else 0.
    public var splitScore: Double { split ? 1 : 0 }

    /// Every relation the fissure names: the tie, the direct hostility, the cycles' steps.
    public var relationsNamed: [Int] { [relation] + directNegative + paths.flatMap { $0.steps.flatMap { $0 } } }
}

/// The ranked fissures of a graph, with the balance analysis they rest on.
public struct FissureReport: Sendable, Codable, Equatable {
    /// Most stressed first; ties by the number of unbalanced cycles, then file order.
    public var fissures: [Fissure] {
        didSet {
            let named = Set(fissures.flatMap(\.relationsNamed))     // once, not per cited relation
            citedRelations = citedRelations.filter { named.contains($0.index) }
        }
    }
    /// The balance partition behind the verdicts (k blocs).
    public var partition: BalanceSummary
    /// The frustration index of the whole network.
    public var frustration: BalanceSummary
    /// Relations of the chosen kinds that are not scored, and why (negative, a self-tie, not kept).
    public var notes: [String]
    /// Every relation the fissures name, each once, in graph order.
    public var citedRelations: [RelationRef]
    /// The signed ties the analysis used (working state for the analyses built on this one).
    @NotEncoded var ties: SignedTies?
}

extension ActorGraph {
    /// Scores every positive tie of `options.kinds` for the stress the rest of the network puts
    /// on it (DESIGN §4, "coalition fissures"), and collects the evidence:
    ///
    /// 1. the verdict of the best k-bloc balance partition (Doreian & Mrvar 1996): are a and b
    ///    in different blocs;
    /// 2. the triangles a–x–b and 4-cycles a–x–y–b closed by the tie, and which of them are
    ///    unbalanced (an odd number of negative steps; Cartwright & Harary 1956). A pair joined
    ///    by both a positive and a negative relation is a step of either sign, so it is counted
    ///    once per sign;
    /// 3. negative relations directly between a and b (ambivalence);
    /// 4. the frustration index (Aref, Mason & Wilson 2020) with and without the relation: it
    ///    falls by the relation's weight exactly when some optimal partition frustrates the tie.
    ///
    /// Score = (split + unbalanced share of cycles + negative share of the pair's weight + fall
    /// in frustration / the relation's weight) / 4, each part in 0…1.
    ///
    /// - Complexity: two frustration-index searches per scored tie (exact by branch and bound on
    ///   small networks), plus O(deg(a) · deg(x) · log deg) per tie for the cycles.
    public func fissures(_ options: FissureOptions = FissureOptions()) throws -> FissureReport {
        try fissures(options, ties: signedTies(options.projection), frustration: nil)
    }

    /// ``fissures(_:)`` on ties already projected, reusing `frustration` (the frustration index of
    /// `ties.network` with `options.search`) and `partition` (its k-bloc balance partition with
    /// `options.alpha`) when the caller has them. With two blocs and α = 0.5 the frustration
    /// index is read off the partition (``/NetworkAnalysis/SignedNetwork/frustrationIndex(fromBalance:)``).
    ///
    /// `evidence`: when given, the evidence paths of the `evidence` most stressed fissures only
    /// (the others are counted, not listed): the cycles are first counted for every tie, then
    /// searched again for those few.
    func fissures(_ options: FissureOptions, ties: SignedTies, frustration known: BalanceResult?,
                  partition knownPartition: BalanceResult? = nil, evidence: Int? = nil) throws -> FissureReport {
        let net = ties.network
        let k = max(1, min(options.k, ties.actorIDs.count))
        options.progress?(AnalysisProgress(step: "balance partition", done: 0, total: 2))
        let partition = knownPartition ?? net.balancePartition(k: k, alpha: options.alpha, options: options.search)
        options.progress?(AnalysisProgress(step: "frustration index", done: 1, total: 2))
        let frustration = known ?? net.frustrationIndex(fromBalance: partition) ?? net.frustrationIndex(options: options.search)
        var notes: [String] = []
        var scored: [(relation: Int, position: Int)] = []
        let names = ReportReferences(self)
        let keptPositions = Dictionary(uniqueKeysWithValues: ties.relations.enumerated().map { ($1, $0) })
        for (i, r) in relations.enumerated() where options.kinds.contains(r.kind) {
            guard let position = keptPositions[i] else {
                notes.append("\(relationPhrase(i)) is not in the projection (its date, claimant or confidence is filtered out)")
                continue
            }
            guard ties.signs[position] > 0 else {
                notes.append("\(relationPhrase(i)) is negative: only positive ties are scored")
                continue
            }
            scored.append((i, position))
        }
        // The frustration without each scored tie, from the one search above (see
        // SignedNetwork.frustrationWithout): derived where the partition frustrates the tie.
        let drops = net.frustrationWithout(scored.map { (ties.ends[$0.position].u, ties.ends[$0.position].v, ties.weights[$0.position]) },
                                           base: frustration, options: options.search, progress: options.progress)
        let searched = drops.filter { $0.method == "local search" }.count
        if searched > 0 {
            notes.append("frustration without a tie: \(drops.count - searched) derived exactly from the partition, \(searched) by local search from it (an upper bound; the certified lower bound is the index's bound less the tie's weight)")
        }
        let counter = AnalysisProgressCounter(options.progress, step: "cycles through each tie", total: scored.count)
        let scoredTies = scored
        let counting = { var o = options; if evidence != nil { o.pathLimit = 0 }; return o }()
        // Each pair's best-supported relation of each sign (its confidence; 0.5 when unstated), per stored edge.
        var confidencePositive = [Double](repeating: 0, count: net.neighbors.count)
        var confidenceNegative = [Double](repeating: 0, count: net.neighbors.count)
        for (position, i) in ties.relations.enumerated() {
            let (a, b) = (Int(ties.ends[position].u), Int(ties.ends[position].v))
            let c = relations[i].evidence.confidence?.numericValue ?? 0.5
            for e in [net.edge(a, b)!, net.edge(b, a)!] {
                if ties.signs[position] > 0 { confidencePositive[e] = max(confidencePositive[e], c) }
                else { confidenceNegative[e] = max(confidenceNegative[e], c) }
            }
        }
        let confidence = (positive: confidencePositive, negative: confidenceNegative)
        // In blocks, each with its own scratch for the cycle search.
        let block = 64
        var fissures = _parallelMap(0..<((scoredTies.count + block - 1) / block), threads: options.search.threads) { chunk -> [Fissure] in
          var mark = [Int32](repeating: 0, count: ties.actorIDs.count)
          return (chunk * block..<min(scoredTies.count, (chunk + 1) * block)).map { n -> Fissure in
            let (i, position) = scoredTies[n]
            let r = self.relations[i]
            let (a, b) = (ties.node[r.source]!, ties.node[r.target]!)
            let (u, v) = (Int32(a), Int32(b))
            var f = Fissure(relation: i, a: names.actor(r.source), b: names.actor(r.target), score: 0, split: false, blocs: .init(a: 0, b: 0),
                            cycleShare: 0, unbalancedCycles: 0, cycles: 0, cyclesTruncated: false, paths: [],
                            directNegative: [], ambivalence: 0, frustration: frustration.error,
                            frustrationWithout: frustration.error, frustrationExact: false, dropShare: 0)
            let blocA = Int(partition.partition.membership[a]), blocB = Int(partition.partition.membership[b])
            f.split = blocA != blocB
            f.blocs = .init(a: blocA, b: blocB)
            self.cycles(through: u, v, ties: ties, options: counting, names: names, confidencePositive: confidence.positive,
                        confidenceNegative: confidence.negative, mark: &mark, into: &f)
            f.directNegative = ties.ties(u, v).filter { ties.signs[$0] < 0 }.map { ties.relations[$0] }
            if let e = net.edge(a, b), net.positive[e] + net.negative[e] > 0 {
                f.ambivalence = net.negative[e] / (net.positive[e] + net.negative[e])
            }
            let without = drops[n]
            f.frustrationWithout = without.value
            f.frustrationExact = frustration.optimal && without.exact
            f.dropShare = min(1, max(0, (frustration.error - without.value) / ties.weights[position]))
            f.score = (f.splitScore + f.cycleShare + f.ambivalence + f.dropShare) / 4
            counter.tick()
            return f
          }
        }.flatMap { $0 }
        fissures.sort { x, y in
            if x.score != y.score { return x.score > y.score }
            if x.unbalancedCycles != y.unbalancedCycles { return x.unbalancedCycles > y.unbalancedCycles }
            return x.relation < y.relation
        }
        if let evidence, options.pathLimit > 0 {
            // The paths of the most stressed: the same search again, now keeping the evidence.
            let listed = min(evidence, fissures.count)
            var mark = [Int32](repeating: 0, count: ties.actorIDs.count)
            for n in 0..<listed {
                let r = relations[fissures[n].relation]
                var f = fissures[n]
                cycles(through: Int32(ties.node[r.source]!), Int32(ties.node[r.target]!), ties: ties, options: options, names: names,
                       confidencePositive: confidence.positive, confidenceNegative: confidence.negative, mark: &mark, into: &f)
                fissures[n].paths = f.paths
            }
        }
        return FissureReport(fissures: fissures, partition: BalanceSummary(partition), frustration: BalanceSummary(frustration),
                             notes: notes, citedRelations: names.relations(fissures.flatMap(\.relationsNamed)), ties: ties)
    }

    /// Counts the triangles and 4-cycles the positive tie u–v closes, and keeps the best-evidenced
    /// unbalanced ones. `mark` is scratch of one slot per node, all 0, left so.
    ///
    /// Counting reads the signs present on each pair off the network (positive weight: a positive
    /// relation; negative weight: a negative one): a path of steps with pᵢ, nᵢ ∈ {0, 1} signs
    /// present is Π(pᵢ + nᵢ) cycles, of which (Π(pᵢ + nᵢ) − Π(pᵢ − nᵢ)) / 2 have an odd number of
    /// negative steps. Only unbalanced cycles among the first 10 000 found are candidate
    /// evidence, and only those that could enter the best `pathLimit` are built.
    func cycles(through u: Int32, _ v: Int32, ties: SignedTies, options: FissureOptions, names: ReportReferences,
                confidencePositive: [Double], confidenceNegative: [Double], mark: inout [Int32], into f: inout Fissure) {
        let net = ties.network
        let offsets = net.offsets, neighbors = net.neighbors, positive = net.positive, negative = net.negative
        // mark[y] = 1 + the edge v–y, for v's neighbours.
        for e in Int(offsets[Int(v)])..<Int(offsets[Int(v) + 1]) { mark[Int(neighbors[e])] = Int32(e + 1) }
        defer { for e in Int(offsets[Int(v)])..<Int(offsets[Int(v) + 1]) { mark[Int(neighbors[e])] = 0 } }
        /// The signs present on a pair, each with its relations and best confidence.
        func classes(_ x: Int32, _ y: Int32) -> [(sign: Int8, relations: [Int], confidence: Double)] {
            var out: [(Int8, [Int], Double)] = []
            for s: Int8 in [1, -1] {
                let rs = ties.ties(x, y).filter { ties.signs[$0] == s }.map { ties.relations[$0] }
                if rs.isEmpty { continue }
                let c = rs.map { relations[$0].evidence.confidence?.numericValue ?? 0.5 }.max()!
                out.append((s, rs, c))
            }
            return out
        }
        /// A candidate: its nodes, each step's class, the enumeration order (the last tie-break).
        struct Candidate { var path: EvidencePath; var order: Int }
        func precedes(_ p: Candidate, _ q: Candidate) -> Bool {
            if p.path.actors.count != q.path.actors.count { return p.path.actors.count < q.path.actors.count }
            if p.path.confidence != q.path.confidence { return p.path.confidence > q.path.confidence }
            if p.path.actors != q.path.actors { return p.path.actors.ids.lexicographicallyPrecedes(q.path.actors.ids) }
            return p.order < q.order
        }
        var best: [Candidate] = []     // sorted by `precedes`, at most pathLimit
        var candidates = 0, examined = 0, unbalanced = 0
        let limit = options.pathLimit
        func record(_ nodes: [Int32], _ edges: [Int]) {
            var all = 1, alternating = 1
            for e in edges {
                let p = positive[e] > 0 ? 1 : 0, n = negative[e] > 0 ? 1 : 0
                all *= p + n; alternating *= p - n
            }
            let odd = (all - alternating) / 2
            examined += all
            unbalanced += odd
            guard odd > 0, candidates < 10_000, limit > 0 else { candidates += odd; return }
            // Longer than a full list's worst: none of its cycles can enter.
            if best.count == limit, let worst = best.last, worst.path.actors.count < nodes.count { candidates += odd; return }
            // The choices of a sign per step, in order (positive first, the first step slowest),
            // read off the edges; a cycle is built only when it may enter the list.
            var signChoices: [[Int8]] = [[]]
            for e in edges {
                var here: [Int8] = []
                if positive[e] > 0 { here.append(1) }
                if negative[e] > 0 { here.append(-1) }
                signChoices = signChoices.flatMap { prefix in here.map { prefix + [$0] } }
            }
            var steps: [[(sign: Int8, relations: [Int], confidence: Double)]]?
            for choice in signChoices where choice.reduce(Int8(1), *) < 0 {
                guard candidates < 10_000 else { break }
                candidates += 1
                var confidence = 1.0
                for (s, sign) in choice.enumerated() {
                    confidence = min(confidence, sign > 0 ? confidencePositive[edges[s]] : confidenceNegative[edges[s]])
                }
                if best.count == limit, let worst = best.last, worst.path.actors.count == nodes.count,
                   worst.path.confidence > confidence { continue }
                if steps == nil { steps = (0..<(nodes.count - 1)).map { classes(nodes[$0], nodes[$0 + 1]) } }
                let chosen = choice.enumerated().map { s, sign in steps![s].first { $0.sign == sign }! }
                let c = Candidate(path: EvidencePath(actors: nodes.map { names.actor(ties.actorIDs[Int($0)]) },
                                                     steps: chosen.map(\.relations), signs: choice, unbalanced: true,
                                                     confidence: confidence),
                                  order: candidates - 1)
                if best.count == limit, !precedes(c, best[limit - 1]) { continue }
                let at = best.firstIndex { precedes(c, $0) } ?? best.count
                best.insert(c, at: at)
                if best.count > limit { best.removeLast() }
            }
        }
        outer: for ex in Int(offsets[Int(u)])..<Int(offsets[Int(u) + 1]) {
            let x = neighbors[ex]
            guard x != v else { continue }
            if mark[Int(x)] > 0 { record([u, x, v], [ex, Int(mark[Int(x)]) - 1]) }
            for ey in Int(offsets[Int(x)])..<Int(offsets[Int(x) + 1]) {
                let y = neighbors[ey]
                guard y != u && y != v else { continue }
                if mark[Int(y)] > 0 { record([u, x, y, v], [ex, ey, Int(mark[Int(y)]) - 1]) }
                if examined >= options.cycleBudget { f.cyclesTruncated = true; break outer }
            }
        }
        f.cycles = examined
        f.unbalancedCycles = unbalanced
        f.cycleShare = examined == 0 ? 0 : Double(unbalanced) / Double(examined)
        f.paths = best.map(\.path)
    }
}
