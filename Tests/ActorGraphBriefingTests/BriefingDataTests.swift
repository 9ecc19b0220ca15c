import ActorGraphAnalysis
@testable import ActorGraphBriefing
import ActorGraphFormats
import ActorGraphModel
import Foundation
import Testing

/// The data the briefing page embeds, checked against the model and the analyses it comes from,
/// and against hand-worked values of the Karachi graph.
@Suite struct BriefingDataTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func bundled(_ name: String) throws -> ActorGraph {
        let loaded = GraphFile.read(contentsOf: root.appendingPathComponent("graphs/\(name)").path)
        #expect(!loaded.hasErrors, "\(loaded.diagnostics)")
        return loaded.graph
    }

    static func graph(_ yaml: String) throws -> ActorGraph {
        let loaded = GraphFile.read(text: yaml, file: "test.yaml")
        #expect(!loaded.hasErrors, "\(loaded.diagnostics)")
        return loaded.graph
    }

    @Test func relationsMirrorTheFileWithTheirKeys() throws {
        let graph = try Self.bundled("karachi-2010.yaml")
        let data = try BriefingData(graph: graph)
        #expect(data.relations.count == graph.relations.count)
        for (i, (r, d)) in zip(graph.relations, data.relations).enumerated() {
            #expect(d.key == (r.id ?? "relation-\(i)"))
            #expect(d.index == i)
            #expect(d.source == r.source && d.target == r.target && d.kind == r.kind && d.directed == r.directed)
            #expect(d.cites.map(\.text) == r.evidence.citations.map(\.description))
            #expect(d.claimedBy == r.evidence.claimedBy && d.disputedBy == r.evidence.disputedBy)
            #expect(d.confidence == r.evidence.confidence?.description)
            #expect(d.note == r.note)
            #expect(d.since == r.since?.description && d.until == r.until?.description)
        }
        #expect(Set(data.relations.map(\.key)).count == data.relations.count, "keys are unique")
        let fissure = try #require(data.relations.first { $0.key == "fissure" })
        #expect(fissure.kindLabel == "Conflict" && fissure.sign == "negative")
        #expect(fissure.firstDay == "2010-01-07" && fissure.lastDay == nil)
        #expect(fissure.disputedBy == ["malik"] && fissure.contested)
        #expect(fissure.attributes["deaths"] == "47")
        // Partial dates become whole periods: since 2009-06 from June 1; until 2010-01-04 through that day.
        #expect(data.relations[0].firstDay == "2009-06-01")
        #expect(data.relations[3].firstDay == "2010-01-01" && data.relations[3].lastDay == "2010-01-04")
        let jurisdiction = try #require(data.relations.first { $0.kind == "jurisdiction" })
        #expect(jurisdiction.lastDay == "2009-12-31")
        #expect(data.relations.first { $0.kind == "command" && $0.source == "malik" }?.firstDay == "2010-01-01")
    }

    @Test func datesAndSnapshots() throws {
        let graph = try Self.bundled("karachi-2010.yaml")
        let data = try BriefingData(graph: graph)
        #expect(data.dates == ["2009-06", "2009-12-28", "2009-12-31", "2010-01", "2010-01-01", "2010-01-04", "2010-01-07",
                               "2010-01-10", "2010-01-11"])
        #expect(data.snapshots.map(\.date) == data.dates)
        let newYearsEve = try #require(data.snapshots.first { $0.date == "2009-12-31" })
        #expect(!newYearsEve.relations.contains("fissure"), "the January 7 conflict does not hold on New Year's Eve")
        #expect(newYearsEve.relations.contains("ruling-coalition") && newYearsEve.relations.contains("mqm-feud"))
        // An independent count: undated relations hold always; dated ones by their days.
        for snapshot in data.snapshots {
            let day = PartialDate(snapshot.date)!
            let (first, last) = (day.firstDay.description, day.lastDay.description)
            let expected = data.relations.filter { ($0.firstDay ?? "0000") <= last && ($0.lastDay ?? "9999") >= first }.map(\.key)
            #expect(snapshot.relations == expected, "\(snapshot.date)")
        }
        // --at adds its date and opens there.
        let opened = try BriefingData(graph: graph, openAt: PartialDate("2010-01-05"))
        #expect(opened.openAt == "2010-01-05" && opened.dates.contains("2010-01-05"))
        #expect(opened.dates == opened.dates.sorted { PartialDate($0)! < PartialDate($1)! })
    }

    @Test func claimantViewsAreTheClaimsNarratives() throws {
        let graph = try Self.bundled("karachi-2010.yaml")
        let data = try BriefingData(graph: graph)
        let claims = try graph.claims()
        #expect(data.views.map(\.id) == ["all", "facts", "lyari-protesters", "sabzwari", "rafiq-engineer"])
        #expect(data.claimants.map(\.id) == claims.claimants.map(\.actor.id))
        let byID = Dictionary(uniqueKeysWithValues: data.views.map { ($0.id, $0) })
        #expect(byID["all"]!.relations.count == graph.relations.count)
        let facts = Set(byID["facts"]!.relations)
        #expect(facts == Set(data.relations.filter { $0.claimedBy.isEmpty }.map(\.key)))
        let rafiq = Set(byID["rafiq-engineer"]!.relations)
        let sabzwari = Set(data.relations.filter { $0.claimedBy == ["sabzwari"] }.map(\.key))
        #expect(sabzwari.count == 9, "conflict, support, two attacks, two patronages, membership, refuge, opposition")
        #expect(rafiq.isDisjoint(with: sabzwari), "Rafiq Engineer's view hides Sabzwari's claims")
        #expect(rafiq == facts.union(data.relations.filter { $0.claimedBy.contains("rafiq-engineer") }.map(\.key)))
        // Each view's panels are the narrative's factions and fissures.
        for narrative in claims.narratives {
            let id: String
            switch narrative.view {
            case .everything: id = "all"
            case .facts: id = "facts"
            case .claimant(let c): id = c.id
            }
            let view = try #require(byID[id])
            #expect(view.factions.blocs == narrative.factions.blocs.map { $0.map(\.id) })
            #expect(view.factions.quality.map(\.value) == narrative.factions.quality.map(\.value))
            #expect(view.fissures.items.map(\.score) == narrative.fissures.fissures.map(\.score))
            #expect(view.fissures.frustration == narrative.frustration.error)
        }
    }

    @Test func fissuresAndFactionsAgreeWithTheCommands() throws {
        let graph = try Self.bundled("karachi-2010.yaml")
        let data = try BriefingData(graph: graph)
        let all = data.views[0]
        let fissures = try graph.fissures()
        let lead = try #require(all.fissures.items.first)
        #expect(lead.relation == "ruling-coalition" && lead.a == "mqm-a" && lead.b == "ppp")
        #expect(lead.score == fissures.fissures[0].score)
        #expect(abs(lead.score - 0.8333) < 1e-3, "split 1 + 5/6 cycles + 0.5 hostility + 1 drop, over 4")
        #expect(lead.split && lead.unbalancedCycles == 5 && lead.cycles == 6)
        #expect(lead.frustration == 4 && lead.frustrationWithout == 3)
        #expect(Set(lead.directNegative) == ["fissure", "relation-30"])
        #expect(lead.paths.count == fissures.fissures[0].paths.count)
        #expect(lead.paths.first?.actors == ["mqm-a", "dakai-gang", "ppp"])
        let factions = try graph.factions(FactionOptions(method: .balance))
        #expect(all.factions.method == "balance")
        #expect(all.factions.blocs == factions.blocs.map { $0.map(\.id) })
        #expect(all.factions.blocs.map(\.count) == [9, 14])
        #expect(all.factions.quality.map(\.name) == ["P", "lower bound"])
        #expect(all.factions.quality.map(\.value) == [2, 2] && all.factions.optimal == true)
        #expect(data.actors.first { $0.id == "ppp" }?.bloc == 2 && data.actors.first { $0.id == "mqm-a" }?.bloc == 1)
        #expect(data.actors.first { $0.id == "karachi" }?.bloc == nil, "no signed relation places Karachi")
    }

    /// The panels at each date are `claims --at` that date, one per distinct set of relations that
    /// hold; every date belongs to exactly one period.
    @Test func periodsAreTheClaimsAtEachDate() throws {
        let graph = try Self.bundled("karachi-2010.yaml")
        let data = try BriefingData(graph: graph)
        #expect(data.periodsLeftOut == nil)
        #expect(data.periods.flatMap(\.dates).sorted() == data.dates, "each date in one period")
        let snapshots = Dictionary(uniqueKeysWithValues: data.snapshots.map { ($0.date, $0.relations) })
        for period in data.periods {
            #expect(Set(period.dates.map { snapshots[$0]! }).count == 1, "one set of relations per period")
            let at = try #require(PartialDate(period.dates[0]))
            let claims = try graph.claims(projection: ProjectionOptions(at: at))
            #expect(period.views.count == claims.narratives.count)
            for (view, narrative) in zip(period.views, claims.narratives) {
                #expect(view.fissures.frustration == narrative.frustration.error)
                #expect(view.fissures.items.map(\.score) == narrative.fissures.fissures.map(\.score))
                #expect(view.factions.blocs == narrative.factions.blocs.map { $0.map(\.id) })
            }
        }
        #expect(Set(data.periods.map { Set(snapshots[$0.dates[0]]!) }).count == data.periods.count, "distinct sets")
        // Before the January 7 battle: frustration 2 and no `fissure` relation among the parts.
        let eve = try #require(data.periods.first { $0.dates.contains("2009-12-31") })
        let all = try #require(eve.views.first { $0.id == "all" })
        #expect(all.fissures.frustration == 2)
        #expect(!all.fissures.items.contains { $0.directNegative.contains("fissure") })
    }

    /// Past the budget, no per-date panels, and the page says why.
    @Test func periodsBeyondTheBudgetAreLeftOutWithAReason() throws {
        var yaml = "actorgraph: 1\nactors:\n"
        for i in 0..<60 { yaml += "  a\(i): { kind: party }\n" }
        yaml += "relations:\n"
        for i in 0..<400 {
            let kind = i % 3 == 0 ? "conflict" : "coalition"
            yaml += "  - { kind: \(kind), between: [a\(i % 60), a\((i * 7 + 1) % 60)], since: \(1900 + i) }\n"
        }
        let graph = try Self.graph(yaml)
        let data = try BriefingData(graph: graph)
        #expect(data.dates.count == 400 && data.periods.isEmpty)
        #expect(data.periodsLeftOut?.contains("fissures --at DATE") == true)
    }

    @Test func brokersAndCentrality() throws {
        let graph = try Self.bundled("karachi-2010.yaml")
        let data = try BriefingData(graph: graph)
        let report = try graph.brokers()
        let totals = data.brokers.top.map(\.total)
        #expect(totals == totals.sorted(by: >))
        #expect(data.brokers.top.first?.actor == "ppp" && data.brokers.top.first?.total == 9)
        for b in data.brokers.top {
            let i = report.actorIDs.firstIndex(of: b.actor)!
            #expect(b.total == report.roles.total[i])
            #expect(b.roles.values.reduce(0, +) == b.total)
        }
        #expect(data.brokers.keyPlayers == ["ppp", "federal-government"])
        // Degree and hostile ties, counted by hand from the relations.
        #expect(data.measures.map(\.id) == ["degree", "negative", "betweenness", "pagerank"])
        for (i, a) in graph.actors.enumerated() {
            var neighbours = Set<String>(), hostile = 0.0
            for r in graph.relations where r.source == a.id || r.target == a.id {
                neighbours.insert(r.source == a.id ? r.target : r.source)
                if graph.sign(of: r) == .negative { hostile += 1 }
            }
            #expect(data.actors[i].centrality[0].value == Double(neighbours.count), "\(a.id)")
            #expect(data.actors[i].centrality[1].value == hostile, "\(a.id)")
            #expect(data.actors[i].centrality.allSatisfy { $0.of == graph.actors.count && (1...graph.actors.count).contains($0.rank) })
            #expect(data.actors[i].relations == graph.relations.indices.filter {
                graph.relations[$0].source == a.id || graph.relations[$0].target == a.id
            }.map(graph.briefingKey))
        }
        let ppp = try #require(data.actors.first { $0.id == "ppp" })
        #expect(ppp.centrality[2].rank == 1 && ppp.centrality[3].rank == 1, "the PPP has the most betweenness and PageRank")
    }

    @Test func competitionRanks() {
        #expect(BriefingData.competitionRanks([]) == [])
        #expect(BriefingData.competitionRanks([5]) == [1])
        #expect(BriefingData.competitionRanks([3, 1, 3, 2]) == [1, 4, 1, 3])
        #expect(BriefingData.competitionRanks([0.1 + 0.2, 0.3, 0]) == [1, 1, 3])
    }

    @Test func encodesDeterministicallyAndRoundTrips() throws {
        let graph = try Self.bundled("karachi-2010.yaml")
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let first = try encoder.encode(try BriefingData(graph: graph))
        let second = try encoder.encode(try BriefingData(graph: graph))
        #expect(first == second)
        let decoded = try JSONDecoder().decode(BriefingData.self, from: first)
        #expect(decoded == (try BriefingData(graph: graph)))
    }

    @Test func edgeCases() throws {
        // No relations, no dates, no claims.
        let lonely = try Self.graph("actorgraph: 1\nactors:\n  a: { kind: person }\n")
        let data = try BriefingData(graph: lonely)
        #expect(data.dates.isEmpty && data.snapshots.isEmpty && data.relations.isEmpty)
        #expect(data.views.map(\.id) == ["all", "facts"])
        #expect(data.actors.map(\.id) == ["a"] && data.actors[0].bloc == nil)
        #expect(data.title == "ActorGraph briefing")
        // Other bundled graphs build too.
        for name in ["florentine-families.yaml", "karate-club.yaml"] {
            let g = try Self.bundled(name)
            let d = try BriefingData(graph: g, title: "T")
            #expect(d.title == "T" && d.actors.count == g.actors.count && d.relations.count == g.relations.count)
        }
    }
}
