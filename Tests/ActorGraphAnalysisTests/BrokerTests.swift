import ActorGraphAnalysis
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

extension BrokerReport {
    /// Constraint is undefined exactly for actors without ties.
    func constraintIsNaNOnlyForIsolates(_ g: ActorGraph) -> Bool {
        let tied = Set(g.relations.flatMap { [$0.source, $0.target] })
        return actorIDs.indices.allSatisfy { holes.constraint[$0].isNaN == !tied.contains(actorIDs[$0]) }
    }
}
