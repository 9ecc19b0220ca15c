@testable import ActorGraphAnalysis
import ActorGraphFormats
import ActorGraphModel
import Foundation
import NetworkAnalysis
import Testing

/// Brokers and patronage at the actor level: hand-built cases worked out in the comments, and the
/// bundled graphs read as their students read them.
@Suite struct BrokerTests {
    typealias F = FactionTests

    /// Padgett & Ansell (1993): the Medici rose by marrying and trading into families that were
    /// not tied to each other. Burt's constraint is lowest, and the effective size largest, for the
    /// Medici; removing them fragments the network most (Borgatti's KPP-Neg, k = 1).
    @Test func theMediciAreTheBrokersOfFlorence() throws {
        let g = try F.bundled("florentine-families.yaml")
        let report = try g.brokers(BrokerOptions(k: 1))
        let medici = try #require(report.actorIDs.firstIndex(of: "medici"))
        let constraint = report.holes.constraint
        for i in constraint.indices where i != medici && !constraint[i].isNaN {
            #expect(constraint[medici] < constraint[i], "\(report.actorIDs[i])")
            #expect(report.holes.effectiveSize[medici] > report.holes.effectiveSize[i], "\(report.actorIDs[i])")
        }
        #expect(report.keyNegative.nodes == [Int32(medici)] && report.keyNegative.optimal)
        #expect(report.keyPositive.nodes == [Int32(medici)], "the Medici reach most families in one step")
        let most = report.roles.total.indices.max { report.roles.total[$0] < report.roles.total[$1] }
        #expect(most == medici, "most brokerage between the blocs")
        #expect(report.signedBrokers.isEmpty, "no negative ties")
        #expect(report.constraintIsNaNOnlyForIsolates(g))
    }

    /// a → b → c and a → d, e → d: d is shared by a and e, who are at war (a –conflict– e); a's
    /// clients b and d are rivals (b –rivalry– d). Levels: a, e 1; b, d 2; c 3.
    static let patrons = """
        actorgraph: 1
        actors:
          a: { kind: person }
          b: { kind: person }
          c: { kind: person }
          d: { kind: person }
          e: { kind: person }
        relations:
          - { kind: patronage, from: a, to: b }
          - { kind: patronage, from: b, to: c }
          - { kind: patronage, from: a, to: d }
          - { kind: patronage, from: e, to: d }
          - { kind: conflict, between: [a, e], cite: memo ¶1 }
          - { kind: rivalry, between: [b, d] }
        sources:
          memo: { title: A memo }
        """

    @Test func patronageOfTheHandBuiltCase() throws {
        let g = try F.graph(Self.patrons)
        let r = try g.patronage()
        #expect(r.relations == [0, 1, 2, 3])
        #expect(r.levelByID == ["a": 1, "e": 1, "b": 2, "d": 2, "c": 3])
        #expect(r.depth == 3)
        #expect(r.pyramids.map(\.top.id) == ["a", "e"])
        #expect(r.pyramids[0].below.ids == ["b", "c", "d"] && r.pyramids[0].depth == 2 && r.pyramids[0].clients.ids == ["b", "d"])
        #expect(r.chainCount == 1 && r.chains == [[0, 1]])
        #expect(r.sharedClients.count == 1)
        #expect(r.sharedClients.first?.client.id == "d" && r.sharedClients.first?.patrons.ids == ["a", "e"] && r.sharedClients.first?.rivalry == [4])
        #expect(r.conflictedPatrons.count == 1)
        #expect(r.conflictedPatrons.first?.patron.id == "a" && r.conflictedPatrons.first?.relations == [5])
    }

    /// Sabzwari's charge (¶6): Rehman Dakai patronizes two ministers.
    @Test func karachiPatronage() throws {
        let g = try F.bundled("karachi-2010.yaml")
        let r = try g.patronage()
        #expect(r.pyramids.map(\.top.id) == ["dakai"])
        #expect(r.pyramids.first?.clients.ids == ["gabol", "rafiq-engineer"])
        let mqmView = try g.patronage(PatronageOptions(projection: ProjectionOptions(claimant: "rafiq-engineer")))
        #expect(mqmView.relations.isEmpty, "the PPP's minister makes no such claim")
    }

    /// The coalition partners, and the PPP men in federal office, carry the positive traffic
    /// between the two hostile blocs.
    @Test func karachiSignedBrokers() throws {
        let g = try F.bundled("karachi-2010.yaml")
        let r = try g.brokers()
        #expect(r.hostileBlocs.count == 2)
        let top = r.signedBrokers.prefix(4).map(\.actor.id)
        for id in ["mqm-a", "ppp"] { #expect(top.contains(id), "\(top)") }
        for s in r.signedBrokers { #expect(s.score > 0 && s.score <= 1) }
        #expect(r.negativeRelations > 0)
    }
}

extension BrokerTests {
    /// A seeded graph of `n` people with alliances (positive) and conflicts (negative).
    static func randomSigned(_ seed: UInt64, n: Int) throws -> ActorGraph {
        var rng = SeededGenerator(seed: seed)
        var lines = ["actorgraph: 1", "actors:"] + (0..<n).map { "  a\($0): { kind: person }" } + ["relations:"]
        var seen = Set<[Int]>()
        for _ in 0..<(2 * n) {
            let a = Int.random(in: 0..<n, using: &rng), b = Int.random(in: 0..<n, using: &rng)
            guard a != b, seen.insert([min(a, b), max(a, b)]).inserted else { continue }
            let kind = Int.random(in: 0..<4, using: &rng) == 0 ? "conflict" : "alliance"
            lines.append("  - { kind: \(kind), between: [a\(a), a\(b)] }")
        }
        return try F.graph(lines.joined(separator: "\n") + "\n")
    }

    /// Signed brokers against their definition, computed by brute force: with two hostile blocs,
    /// an actor's score is Σ σ_st(v)/σ_st over the ordered pairs (s, t) in different blocs, s, t ≠ v,
    /// divided by the number of such pairs; σ counts the shortest positive-tie paths, from all-pairs
    /// distances (σ_st(v) = σ_sv σ_vt when d(s, v) + d(v, t) = d(s, t)). Every listed broker has its
    /// brute-force score, and one thread gives the same report as two.
    @Test(arguments: 0..<60) func signedBrokersMatchTheirDefinition(_ seed: Int) throws {
        let g = try Self.randomSigned(UInt64(seed), n: 5 + seed % 9)
        let r = try g.brokers(BrokerOptions(threads: 2))
        #expect(try g.brokers(BrokerOptions(threads: 1)) == r, "threads")
        guard r.hostileBlocs.count == 2 else { return }
        var bloc: [String: Int] = [:]
        for (b, members) in r.hostileBlocs.enumerated() { for m in members { bloc[m.id] = b } }
        let ids = bloc.keys.sorted(), n = ids.count
        let index = Dictionary(uniqueKeysWithValues: ids.enumerated().map { ($1, $0) })
        let inf = Int.max / 4
        var d = [[Int]](repeating: [Int](repeating: inf, count: n), count: n)
        var sigma = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
        for i in 0..<n { d[i][i] = 0; sigma[i][i] = 1 }
        var adjacent = Set<[Int]>()
        for rel in g.relations where rel.kind == "alliance" {
            guard let a = index[rel.source], let b = index[rel.target] else { continue }
            adjacent.insert([a, b]); adjacent.insert([b, a])
        }
        // Breadth-first search from each actor: distances and shortest-path counts.
        for s in 0..<n {
            var frontier = [s]
            while !frontier.isEmpty {
                var next: [Int] = []
                for v in frontier {
                    for u in 0..<n where adjacent.contains([v, u]) {
                        if d[s][u] == inf { d[s][u] = d[s][v] + 1; next.append(u) }
                        if d[s][u] == d[s][v] + 1 { sigma[s][u] += sigma[s][v] }
                    }
                }
                frontier = next
            }
        }
        var pairs = 0.0
        for s in 0..<n { for t in 0..<n where s != t && bloc[ids[s]] != bloc[ids[t]] { pairs += 1 } }
        func brute(_ v: Int) -> Double {
            var sum = 0.0
            for s in 0..<n where s != v {
                for t in 0..<n where t != v && t != s && bloc[ids[s]] != bloc[ids[t]] && d[s][t] < inf {
                    if d[s][v] + d[v][t] == d[s][t] { sum += sigma[s][v] * sigma[v][t] / sigma[s][t] }
                }
            }
            return sum / pairs
        }
        for b in r.signedBrokers {
            let v = try #require(index[b.actor.id])
            #expect(abs(b.score - brute(v)) < 1e-12, "seed \(seed): \(b.actor.id) \(b.score) vs \(brute(v))")
            #expect(b.score > 0)
        }
    }

    /// Above 1,000 actors the key-player searches restart less: each restart is a full ascent.
    @Test func keyPlayerRestartsFallWithSize() {
        #expect(ActorGraph._keyPlayerRestarts(actors: 40) == 8)
        #expect(ActorGraph._keyPlayerRestarts(actors: 1_000) == 8)
        #expect(ActorGraph._keyPlayerRestarts(actors: 2_000) == 2)
        #expect(ActorGraph._keyPlayerRestarts(actors: 20_000) == 0)
    }
}

extension BrokerReport {
    /// Constraint is undefined exactly for actors without ties.
    func constraintIsNaNOnlyForIsolates(_ g: ActorGraph) -> Bool {
        let tied = Set(g.relations.flatMap { [$0.source, $0.target] })
        return actorIDs.indices.allSatisfy { holes.constraint[$0].isNaN == !tied.contains(actorIDs[$0]) }
    }
}
