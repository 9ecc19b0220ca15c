import ActorGraphAnalysis
import ActorGraphModel
import NetworkAnalysis
import Testing

/// The reduced views `render` draws of a large graph, checked against independent, naive
/// computations on seeded random graphs: the top actors and the ego networks keep every relation
/// among their actors and no other; ego-network distances are those of a brute-force search; the
/// blockmodel's sums are the ties counted one by one.
@Suite struct ExcerptTests {
    static let kinds: [(String, Bool)] = [
        ("coalition", false), ("alliance", false), ("patronage", true), ("membership", true), ("support", true),
        ("conflict", false), ("rivalry", false), ("opposition", true), ("stronghold", true),
    ]

    /// A random graph of every built-in kind, parallel relations included; some actors isolated.
    static func randomGraph(seed: UInt64, actors n: Int, relations m: Int) -> ActorGraph {
        var rng = SeededGenerator(seed: seed)
        let actors = (0..<n).map { Actor(id: "a\($0)", name: "Actor \($0)", kind: $0 % 7 == 3 ? "neighborhood" : "party") }
        var relations: [Relation] = []
        while relations.count < m {
            let s = Int.random(in: 0..<n, using: &rng), t = Int.random(in: 0..<n, using: &rng)
            guard s != t else { continue }
            let (kind, directed) = kinds.randomElement(using: &rng)!
            relations.append(Relation(kind: kind, source: "a\(s)", target: "a\(t)", directed: directed))
        }
        return ActorGraph(title: "random \(seed)", actors: actors, relations: relations)
    }

    /// Every relation with both actors in `kept`, by position.
    static func inducedRelations(_ g: ActorGraph, _ kept: Set<String>) -> [Int] {
        g.relations.indices.filter { kept.contains(g.relations[$0].source) && kept.contains(g.relations[$0].target) }
    }

    static func checkExcerpt(_ x: GraphExcerpt, of g: ActorGraph, seed: UInt64) {
        let kept = Set(x.graph.actors.map(\.id))
        #expect(x.actorIndices.map { g.actors[$0].id } == x.graph.actors.map(\.id), "seed \(seed)")
        #expect(x.relationIndices == Self.inducedRelations(g, kept), "seed \(seed): every relation among the kept actors, and no other")
        #expect(x.graph.relations == x.relationIndices.map { g.relations[$0] }, "seed \(seed)")
        #expect(x.leftOutActors == g.actors.count - kept.count, "seed \(seed)")
        #expect(x.leftOutRelations == g.relations.count - x.relationIndices.count, "seed \(seed)")
    }

    /// PageRank by the textbook dense power iteration on positive relations, both directions,
    /// parallel relations once: the independent oracle for `prominence()`.
    static func densePageRank(_ g: ActorGraph) -> [Double] {
        let n = g.actors.count
        let index = g.actorIndex()
        var adjacent = [[Bool]](repeating: [Bool](repeating: false, count: n), count: n)
        for r in g.relations where g.sign(of: r) == .positive {
            let s = index[r.source]!, t = index[r.target]!
            adjacent[s][t] = true
            adjacent[t][s] = true
        }
        let degree = adjacent.map { $0.filter { $0 }.count }
        var x = [Double](repeating: 1 / Double(n), count: n)
        for _ in 0..<300 {
            let dangling = (0..<n).filter { degree[$0] == 0 }.reduce(0.0) { $0 + x[$1] }
            x = (0..<n).map { v in
                var flow = 0.0
                for u in 0..<n where adjacent[u][v] { flow += x[u] / Double(degree[u]) }
                return 0.85 * (flow + dangling / Double(n)) + 0.15 / Double(n)
            }
        }
        return x
    }

    @Test func prominenceIsPageRankOnThePositiveRelations() {
        for seed in UInt64(0)..<40 {
            let g = Self.randomGraph(seed: seed, actors: 3 + Int(seed % 25), relations: Int(seed % 60))
            let mine = g.prominence(), oracle = Self.densePageRank(g)
            #expect(mine.count == oracle.count)
            for (a, b) in zip(mine, oracle) { #expect(abs(a - b) < 1e-5, "seed \(seed): \(a) against \(b)") }
        }
    }

    @Test func negativeAndUnsignedRelationsDoNotMakeAnActorProminent() {
        var g = ActorGraph(actors: (0..<6).map { Actor(id: "a\($0)", kind: "party") })
        g.relations = [
            Relation(kind: "coalition", source: "a0", target: "a1", directed: false),
            Relation(kind: "coalition", source: "a0", target: "a2", directed: false),
            Relation(kind: "conflict", source: "a3", target: "a4", directed: false),
            Relation(kind: "conflict", source: "a3", target: "a5", directed: false),
            Relation(kind: "conflict", source: "a3", target: "a1", directed: false),
            Relation(kind: "stronghold", source: "a1", target: "a4", directed: true),
        ]
        let order = g.actorsByProminence().map { g.actors[$0].id }
        #expect(order.first == "a0")
        // a3 has three relations, all hostile: as low as the actors without a positive tie, and
        // first among them only because it has the most relations.
        #expect(Array(order.prefix(3)).sorted() == ["a0", "a1", "a2"])
        #expect(order[3] == "a3")
    }

    @Test(arguments: [0, 1, 2, 5, 20, 60])
    func topActorsKeepEveryRelationAmongThemAndNoOther(n: Int) {
        for seed in UInt64(0)..<30 {
            let g = Self.randomGraph(seed: seed, actors: 40, relations: 30 + Int(seed) * 4)
            let x = g.topActors(n)
            Self.checkExcerpt(x, of: g, seed: seed)
            let expected = Set(g.actorsByProminence().prefix(n).map { g.actors[$0].id })
            #expect(Set(x.graph.actors.map(\.id)) == expected, "seed \(seed)")
            #expect(x.graph.actors.count == min(n, 40))
        }
    }

    /// Distances by relaxing every relation until nothing changes: no queue, no adjacency lists.
    static func bruteForceDistances(_ g: ActorGraph, from focus: [String]) -> [String: Int] {
        var d: [String: Int] = [:]
        for id in focus { d[id] = 0 }
        var changed = true
        while changed {
            changed = false
            for r in g.relations {
                for (a, b) in [(r.source, r.target), (r.target, r.source)] {
                    if let da = d[a], (d[b] ?? .max) > da + 1 { d[b] = da + 1; changed = true }
                }
            }
        }
        return d
    }

    @Test func egoNetworksAreTheActorsWithinTheDepthOfABruteForceSearch() throws {
        for seed in UInt64(0)..<200 {
            let n = 5 + Int(seed % 40)
            let g = Self.randomGraph(seed: seed, actors: n, relations: Int(seed % 70))
            var rng = SeededGenerator(seed: seed &+ 1000)
            let focus = (0..<(1 + Int(seed % 3))).map { _ in "a\(Int.random(in: 0..<n, using: &rng))" }
            let all = Self.bruteForceDistances(g, from: focus)
            for depth in 0...3 {
                let x = try g.egoNetwork(around: focus, depth: depth)
                let expected = all.filter { $0.value <= depth }
                #expect(x.distance == expected, "seed \(seed), depth \(depth)")
                #expect(Set(x.graph.actors.map(\.id)) == Set(expected.keys), "seed \(seed), depth \(depth)")
                #expect(x.reached == expected.count)
                Self.checkExcerpt(x, of: g, seed: seed)
            }
        }
    }

    @Test func aLimitedEgoNetworkKeepsTheNearestAndStaysWithinTheLimits() throws {
        for seed in UInt64(0)..<100 {
            let g = Self.randomGraph(seed: seed, actors: 60, relations: 150)
            let focus = ["a\(seed % 60)"]
            let all = Self.bruteForceDistances(g, from: focus).filter { $0.value <= 2 }
            let actorLimit = 1 + Int(seed % 25), relationLimit = Int(seed % 40)
            let x = try g.egoNetwork(around: focus, depth: 2, limit: actorLimit, relationLimit: relationLimit)
            Self.checkExcerpt(x, of: g, seed: seed)
            #expect(x.graph.actors.contains { $0.id == focus[0] }, "the focus actor is always kept")
            #expect(x.graph.actors.count <= actorLimit, "seed \(seed)")
            #expect(x.relationIndices.count <= relationLimit || x.graph.actors.count == 1, "seed \(seed)")
            #expect(x.reached == all.count)
            // Nearest first: nobody left out is nearer than someone kept.
            let keptFarthest = x.distance.values.max() ?? 0
            for (id, d) in all where x.distance[id] == nil { #expect(d >= keptFarthest, "seed \(seed): \(id) at \(d) left out") }
            for (id, d) in x.distance { #expect(all[id] == d) }
        }
    }

    @Test func anUnknownFocusActorIsAnErrorWithASuggestion() {
        let g = ActorGraph(actors: [Actor(id: "mqm-a", name: "Muttahida Qaumi Movement", kind: "party"), Actor(id: "ppp", kind: "party")])
        #expect(throws: ExcerptError.unknownActor(id: "mqma", suggestion: "did you mean 'mqm-a'?")) {
            try g.egoNetwork(around: ["ppp", "mqma"], depth: 1)
        }
        #expect(throws: ExcerptError.unknownActor(id: "zzzzzz", suggestion: nil)) {
            try g.egoNetwork(around: ["zzzzzz"], depth: 1)
        }
    }

    /// The sums depend on the blocs, not on how they were found: balance by relocation (the
    /// exact search is another suite's business, and slow in a debug build) and Louvain.
    @Test(arguments: [FactionMethod.balance, .louvain])
    func blockmodelSumsAreTheMemberTies(method: FactionMethod) throws {
        for seed in UInt64(0)..<60 {
            let g = Self.randomGraph(seed: seed, actors: 8 + Int(seed % 30), relations: 10 + Int(seed) * 2)
            let search = BalanceSearchOptions(restarts: 4, exactNodeLimit: 0)
            let report = try g.factions(FactionOptions(method: method, k: 2 + Int(seed % 3), search: search))
            let model = try #require(report.blockmodel)
            #expect(model.blocs.map(\.members) == report.blocs.map { $0.map(\.id) })
            // Count every signed relation by hand, by the blocs of its two actors.
            var blocOf: [String: Int] = [:]
            for (b, members) in report.blocs.enumerated() { for actor in members { blocOf[actor.id] = b } }
            var inside: [Int: (Double, Double)] = [:], between: [[Int]: (Double, Double)] = [:]
            var signed = 0
            for r in g.relations where g.sign(of: r) != .unsigned {
                signed += 1
                let a = try #require(blocOf[r.source]), b = try #require(blocOf[r.target])
                let positive = g.sign(of: r) == .positive
                if a == b {
                    var s = inside[a] ?? (0, 0)
                    if positive { s.0 += 1 } else { s.1 += 1 }
                    inside[a] = s
                } else {
                    var s = between[[min(a, b), max(a, b)]] ?? (0, 0)
                    if positive { s.0 += 1 } else { s.1 += 1 }
                    between[[min(a, b), max(a, b)]] = s
                }
            }
            #expect(model.ties == signed)
            for (b, bloc) in model.blocs.enumerated() {
                #expect(bloc.positiveInside == (inside[b]?.0 ?? 0) && bloc.negativeInside == (inside[b]?.1 ?? 0), "seed \(seed), bloc \(b)")
                #expect(bloc.leading.count == min(3, bloc.members.count) && bloc.leading.allSatisfy(bloc.members.contains))
            }
            #expect(model.links.map { [$0.a, $0.b] } == between.keys.sorted { $0.lexicographicallyPrecedes($1) }, "seed \(seed)")
            for link in model.links {
                #expect(link.a < link.b)
                #expect(link.positive == between[[link.a, link.b]]!.0 && link.negative == between[[link.a, link.b]]!.1, "seed \(seed)")
            }
            let total = model.blocs.reduce(0) { $0 + $1.positiveInside + $1.negativeInside } + model.links.reduce(0) { $0 + $1.positive + $1.negative }
            #expect(total == Double(signed), "seed \(seed): every signed relation counted once")
            #expect(Set(model.unattached) == Set(g.actors.map(\.id)).subtracting(blocOf.keys))
        }
    }
}
