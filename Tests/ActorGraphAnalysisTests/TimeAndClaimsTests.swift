import ActorGraphAnalysis
import ActorGraphFormats
import ActorGraphModel
import Foundation
import NetworkAnalysis
import Testing

/// Snapshots, diffs and claims on hand-built cases with known answers, and on the cable's story.
@Suite struct TimeAndClaimsTests {
    typealias F = FactionTests

    /// a and b allied all along; c fights a from March 2010, and b backs c from June (so b and a
    /// end on opposite sides); d's alliance with a ends in April (until is inclusive: it holds on
    /// 2010-04-30). From 2010-02 to 2010-07: the c–a conflict and b–c alliance appear, a–d ends,
    /// and the a–b pair flips from + to ± when a–b conflict claimed by c appears in May.
    static let story = """
        actorgraph: 1
        actors:
          a: { kind: party }
          b: { kind: party }
          c: { kind: gang }
          d: { kind: faction }
        relations:
          - { kind: alliance, between: [a, b], id: ab }
          - { kind: conflict, between: [c, a], since: 2010-03 }
          - { kind: alliance, between: [b, c], since: 2010-06-01 }
          - { kind: alliance, between: [a, d], until: 2010-04 }
          - { kind: conflict, between: [a, b], since: 2010-05, claimed-by: [c] }
          - { kind: alliance, between: [b, d], disputed-by: [a] }
        """

    @Test func snapshotBoundariesAreInclusiveAndPartialDatesArePeriods() throws {
        let g = try F.graph(Self.story)
        func kept(_ date: String) throws -> [Int] { try g.project(ProjectionOptions(at: PartialDate(date)!)).relations }
        #expect(try kept("2010-02-28") == [0, 3, 5])
        #expect(try kept("2010-03-01") == [0, 1, 3, 5])
        #expect(try kept("2010-04-30") == [0, 1, 3, 5], "until 2010-04 holds through April 30")
        #expect(try kept("2010-05-01") == [0, 1, 4, 5])
        #expect(try kept("2010-05") == [0, 1, 4, 5], "a month: relations that hold at some time in it")
        #expect(try kept("2010-06") == [0, 1, 2, 4, 5])
        #expect(try kept("2010-04") == [0, 1, 3, 5])
    }

    @Test func diffOfTheStory() throws {
        let g = try F.graph(Self.story)
        let d = try g.diff(from: PartialDate("2010-02")!, to: PartialDate("2010-07")!)
        #expect(d.appeared == [1, 2, 4])
        #expect(d.ended == [3])
        #expect(d.flips.count == 1)
        #expect(d.flips.first.map { ($0.a.id, $0.b.id, $0.from, $0.to) } ?? ("", "", "", "") == ("a", "b", "+", "±"))
        #expect(d.balanceFrom.frustration.error == 0)
        // July: a–b alliance and conflict, c–a conflict, b–c and b–d alliances. {a} against
        // {b, c, d} frustrates only the a–b alliance: 1. (Together, a and b frustrate their conflict
        // and a–c's: 2.)
        #expect(d.balanceTo.frustration.error == 1 && d.balanceTo.frustration.optimal)
        let ab = try #require(d.fissures.first { $0.relation == 0 })
        #expect(ab.to?.split == true && ab.to?.directNegative == [4])
        #expect(d.entered.ids == ["c"] && d.left.isEmpty, "c has no signed tie in February")
    }

    @Test func claimsOfTheStory() throws {
        let g = try F.graph(Self.story)
        let r = try g.claims()
        #expect(r.claimants.map(\.actor.id) == ["c", "a"])
        #expect(r.claimants[0].claims == [4] && r.claimants[1].denials == [5])
        #expect(r.contested.map(\.relation) == [4, 5])
        #expect(r.contested[0].reasons == ["asserted by c only"])
        #expect(r.contested[1].reasons == ["disputed by a"])
        #expect(r.narratives.map(\.view.description) == ["facts only", "as c tells it", "all claims"])
        #expect(r.narratives[0].relations == 5 && r.narratives[1].relations == 6 && r.narratives[2].relations == 6)
    }

    /// The cable: by Dec 31 the MQM-A and PPP are already joined by Sabzwari's charge; by Jan 11
    /// the Jan 7 conflict has come, the Interior Minister's police and the Rangers are in, and
    /// the federal side ends up with the MQM-A.
    @Test func karachiFromNewYearsEveToJanuaryEleventh() throws {
        let g = try F.bundled("karachi-2010.yaml")
        let d = try g.diff(from: PartialDate("2009-12-31")!, to: PartialDate("2010-01-11")!)
        let appeared = Set(d.appeared.compactMap { g.relations[$0].id })
        #expect(appeared.contains("fissure"))
        #expect(d.ended.isEmpty, "the only relation that ends, the local government's jurisdiction, is unsigned")
        #expect(d.balanceTo.frustration.error > d.balanceFrom.frustration.error)
        let crossing = try #require(d.crossings.first)
        #expect(crossing.fromBloc.id == "ppp" && crossing.toBloc.id == "mqm-a")
        #expect(Set(crossing.actors.ids) == ["federal-government", "interior-ministry", "malik"])
        #expect(d.crossings.count == 1, "the Mohajir–Pashtun pair may swap sides freely: not a crossing")
    }

    /// The MQM's account splits the coalition; the PPP's and the facts alone do not.
    @Test func karachiNarratives() throws {
        let g = try F.bundled("karachi-2010.yaml")
        let r = try g.claims()
        func split(_ view: String) -> Bool? {
            r.narratives.first { $0.view.description == view }?.fissures.fissures.first?.split
        }
        #expect(split("as sabzwari tells it") == true)
        #expect(split("as rafiq-engineer tells it") == false)
        #expect(split("facts only") == false)
        #expect(r.contested.contains { g.relations[$0.relation].id == "fissure" && $0.reasons == ["disputed by malik"] })
    }
}
