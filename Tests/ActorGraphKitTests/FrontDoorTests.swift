import ActorGraphKit
import Foundation
import Testing

/// The library as a Swift program uses it: `import ActorGraphKit` alone (no other module, no
/// internal access).
@Suite struct FrontDoorTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static func path(_ name: String) -> String { root.appendingPathComponent("graphs/\(name)").path }

    @Test func loadsEveryExampleGraph() throws {
        let karachi = try ActorGraph(contentsOf: Self.path("karachi-2010.yaml"))
        #expect(karachi.actors.count == 28 && karachi.relations.count == 54)
        #expect(try ActorGraph(contentsOf: Self.path("karate-club.yaml")).actors.count == 34)
    }

    /// Other formats through the same door: the CSV edge list `convert` writes reads back.
    @Test func loadsOtherFormats() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("frontdoor-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("pairs.csv")
        try "source,target,sign\na,b,+\nb,c,-\n".write(to: file, atomically: true, encoding: .utf8)
        let graph = try ActorGraph(contentsOf: file.path)
        #expect(graph.actors.map(\.id) == ["a", "b", "c"] && graph.relations.count == 2)
    }

    /// A bad file throws, and the error lists every problem at its file:line:column.
    @Test func aBadFileThrowsWithPositions() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("frontdoor-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("bad.yaml").path
        try """
            actorgraph: 1
            actors:
              ppp: { name: Pakistan Peoples Party, kind: party }
              mqm-a: { name: MQM-A, kind: party }
            relations:
              - { kind: coalition, between: [mqm-a, pp] }
              - { kind: patronage, between: [ppp, mqm-a] }
            """.write(toFile: file, atomically: true, encoding: .utf8)
        do {
            _ = try ActorGraph(contentsOf: file)
            Issue.record("a bad file must throw")
        } catch let error as InvalidInput {
            let text = "\(error)"
            #expect(text.contains("\(file):6:"), "\(text)")
            #expect(text.contains("unknown actor 'pp'"), "\(text)")
            #expect(text.contains("\(file):7:"), "the direction error is listed too: \(text)")
            #expect(error.diagnostics.allSatisfy { $0.position != nil })
        }
        #expect(throws: InvalidInput.self) { try ActorGraph(contentsOf: dir.appendingPathComponent("missing.yaml").path) }
    }

    static func threeActors() -> ActorGraph {
        ActorGraph(
            actors: [Actor(id: "a", name: "Alpha", kind: "party"), Actor(id: "b", name: "Beta", kind: "party"),
                     Actor(id: "c", name: "Gamma", kind: "person")],
            relations: [Relation(kind: "coalition", between: "a", "b"), Relation(kind: "conflict", between: "a", "c"),
                        Relation(kind: "patronage", from: "c", to: "b", since: PartialDate("2010-01"))])
    }

    @Test func buildsAGraphInCode() throws {
        let graph = Self.threeActors()
        #expect(graph.validate().isEmpty)
        #expect(graph.relations[0].directed == false && graph.relations[2].directed == true)
        // The direction still has to agree with the kind.
        var wrong = graph
        wrong.relations.append(Relation(kind: "coalition", from: "a", to: "c"))
        wrong.relations.append(Relation(kind: "patronage", between: "a", "b"))
        #expect(wrong.validate().count == 2, "\(wrong.validate())")
    }

    /// The analyses keep their names and the command's defaults.
    @Test func analysesWithTheCommandsDefaults() throws {
        let graph = try ActorGraph(contentsOf: Self.path("karachi-2010.yaml"))
        let fissures = try graph.fissures()
        #expect(fissures.fissures.first?.a.name == "Muttahida Qaumi Movement (Altaf)")
        #expect(try graph.factions().blocs.count == 2)
        #expect(!(try graph.claims().narratives.isEmpty))
        #expect(try graph.brokers().actors.count == 28)
        #expect(try graph.robustness().factions.blocs.count == 2)
        let diff = try graph.diff(from: PartialDate("2009-12-31")!, to: PartialDate("2010-01-11")!)
        #expect(!diff.appeared.isEmpty)
        let florentine = try ActorGraph(contentsOf: Self.path("florentine-families.yaml"))
        let centrality = try florentine.centrality()
        #expect(centrality.measures == [.degree, .betweenness, .closeness, .pagerank])
        #expect(centrality.actors.first?.actor.id == "medici")
        // Negative ties refuse path-based measures, as the command does.
        #expect(throws: ProjectionError.self) { try graph.centrality([.betweenness]) }
        #expect(try graph.centrality([.netDegree]).actors.count == 28)
    }

    @Test func rendersToEveryFormat() throws {
        let graph = Self.threeActors()
        let svg = String(decoding: try graph.render(as: .svg), as: UTF8.self)
        #expect(svg.contains("<svg") && svg.contains("Alpha"))
        #expect(try graph.render(as: .svg) == (try graph.render(as: .svg)), "deterministic")
        #expect(try graph.render(as: .png).starts(with: [0x89, 0x50, 0x4E, 0x47]))
        #expect(try graph.render(as: .pdf).starts(with: Array("%PDF".utf8)))
        let dot = String(decoding: try graph.render(as: .dot), as: UTF8.self)
        #expect(dot.contains("pos=") && dot.contains("Gamma"))
        let clustered = String(decoding: try graph.render(as: .svg, options: DiagramOptions(theme: .print, clusters: .kind, engine: .dot)), as: UTF8.self)
        #expect(clustered.contains("cluster"))
    }
}
