import ActorGraphAnalysis
import ActorGraphFormats
import ActorGraphModel
import Foundation
import Testing

/// Every report is Codable: encoded by ``ReportJSON`` and decoded back, it is the same value, and
/// encoding it again gives the same bytes.
@Suite struct ReportCodingTests {
    typealias F = FactionTests

    static func roundTrip<T: Codable & Equatable>(_ report: T) throws {
        let data = try ReportJSON.encoder().encode(report)
        let back = try ReportJSON.decoder().decode(T.self, from: data)
        #expect(back == report, "\(T.self)")
        #expect(try ReportJSON.encoder().encode(back) == data, "\(T.self): the same bytes again")
    }

    @Test(arguments: ["karachi-2010.yaml", "florentine-families.yaml", "karate-club.yaml"])
    func everyReportSurvivesJSON(_ name: String) throws {
        let g = try F.bundled(name)
        let positive = try #require(g.relations.first { g.sign(of: $0) == .positive }?.kind)
        try Self.roundTrip(GraphSummary(g))
        try Self.roundTrip(try g.factions())
        try Self.roundTrip(try g.factions(FactionOptions(method: .louvain)))
        try Self.roundTrip(try g.balance())
        try Self.roundTrip(try g.fissures(FissureOptions(kinds: [positive])))
        try Self.roundTrip(try g.brokers())
        try Self.roundTrip(try g.patronage(PatronageOptions(kinds: [positive])))
        try Self.roundTrip(try g.diff(from: PartialDate("2009-12-31")!, to: PartialDate("2010-01-11")!))
        try Self.roundTrip(try g.claims())
        try Self.roundTrip(try g.robustness(RobustnessOptions(fissures: FissureOptions(kinds: [positive]))))
    }

    /// A decoded report carries what the encoded one did: names, bloc look-ups, cited relations.
    @Test func decodedReportsAnswerLikeFreshOnes() throws {
        let g = try F.bundled("karachi-2010.yaml")
        let fresh = try g.factions()
        let decoded = try ReportJSON.decoder().decode(FactionReport.self, from: try ReportJSON.encoder().encode(fresh))
        #expect(decoded.bloc == fresh.bloc && !decoded.bloc.isEmpty)
        #expect(decoded.blocs.flatMap { $0 }.contains(ActorRef(id: "mqm-a", name: "Muttahida Qaumi Movement (Altaf)")))
        let fissures = try g.fissures()
        let top = try #require(fissures.fissures.first)
        let cited = try #require(fissures.citedRelations.first { $0.index == top.relation })
        #expect(cited.id == "ruling-coalition" && cited.source.name == "Muttahida Qaumi Movement (Altaf)" && cited.sign == "positive")
        #expect(Set(fissures.citedRelations.map(\.index)) == Set(fissures.fissures.flatMap(\.relationsNamed)))
    }
}
