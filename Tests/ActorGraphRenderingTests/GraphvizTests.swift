import ActorGraphFormats
import ActorGraphModel
import Foundation
import FoundationXML
import NetworkAnalysis
import Testing
@testable import ActorGraphRendering

/// Text that breaks naive DOT writers.
let adversarialPieces = [
    "\"", "\\", "\\\"", "\\N", "\\G", "\\n", "<", ">", "&", "&amp;", "<B>", "]]>", "'", "{", "}", ";", ",", "=", "--", "->",
    "\n", "\r\n", "\t", "\u{7}", "#", "//", "/*", "*/", "متحدہ قومی موومنٹ", "ایم کیو ایم", "Ελληνικά", "日本語",
    "👩🏽‍⚖️", "🇵🇰", "e\u{301}", "\u{200F}", "¶3", " ", "  ", "node", "graph", "edge", "strict", "%1",
]

func adversarialName(_ rng: inout SeededGenerator) -> String {
    (0..<Int.random(in: 1...5, using: &rng)).map { _ in adversarialPieces.randomElement(using: &rng)! }.joined()
}

let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

@Suite(.serialized) struct GraphvizTests {
    /// Graphviz's own parser reads back exactly the ids, labels and tooltips we wrote.
    @Test func adversarialNamesRoundTripThroughGraphvizsParser() throws {
        for seed in UInt64(0)..<60 {
            var rng = SeededGenerator(seed: seed)
            var actors: [Actor] = []
            for i in 0..<8 {
                let name = i == 7 && seed % 10 == 0 ? String(repeating: "ن", count: 10_000) : adversarialName(&rng)
                actors.append(Actor(id: i % 2 == 0 ? adversarialName(&rng) + "\(i)" : "a\(i)", name: name,
                                    kind: ActorKind.builtIns.randomElement(using: &rng)!.id,
                                    role: Bool.random(using: &rng) ? adversarialName(&rng) : nil,
                                    note: adversarialName(&rng)))
            }
            let relations = (1..<actors.count).map { i in
                Relation(kind: "conflict", source: actors[i - 1].id, target: actors[i].id, directed: false,
                         evidence: Evidence(citations: [Citation(source: "s", locator: adversarialName(&rng))]))
            }
            let graph = ActorGraph(title: adversarialName(&rng), sources: [Source(id: "s", title: adversarialName(&rng))],
                                   actors: actors, relations: relations)
            let dot = DiagramDOT.write(graph)
            let parsed = try Graphviz.parse(dot: dot)
            #expect(parsed.name == "actorgraph")
            let ids = DiagramDOT.nodeIdentifiers(graph)
            #expect(parsed.nodes.count == actors.count, "seed \(seed)")
            for (i, actor) in actors.enumerated() {
                let id = String(ids[i].dropFirst().dropLast()).replacingOccurrences(of: "\\\"", with: "\"")
                let node = try #require(parsed.nodes[id], "seed \(seed): node \(id.debugDescription) missing")
                let kind = graph.actorKind(actor.kind)!
                #expect(node["label"].map { "<\($0)>" } == DOTText.htmlLabel(DiagramDOT.nodeLabel(actor, .default)), "seed \(seed) actor \(i)")
                // What the tooltip shows is checked in AdversarialNameTests; here, that cgraph
                // reads back the very string we wrote.
                #expect(node["tooltip"].map { "\"" + $0.replacingOccurrences(of: "\"", with: "\\\"") + "\"" }
                        == DOTText.escString(DiagramDOT.nodeTooltip(actor, kind)), "seed \(seed) tooltip \(i)")
                #expect(node["id"] == "actor-\(i)")
            }
            #expect(parsed.edges.count == relations.count, "seed \(seed)")
            let relationIDs = Set(parsed.edges.compactMap { $0.attributes["id"] })
            #expect(relationIDs == Set(relations.indices.map { "relation-\($0)" }), "seed \(seed)")
        }
    }

    @Test func malformedDOTCarriesGraphvizsMessage() {
        #expect {
            try Graphviz.render(dot: "digraph g { a -> ; }", engine: .dot, format: .svg)
        } throws: { error in
            guard let e = error as? GraphvizError else { return false }
            return e.stage == "parse" && e.message.contains("syntax error")
        }
        // The failed parse leaves nothing behind for the next one.
        let ok = try? Graphviz.render(dot: "digraph h { x -> y }", engine: .dot, format: .svg)
        #expect(ok.map { String(decoding: $0.data, as: UTF8.self).contains("<title>h</title>") } == true)
    }

    @Test func aSecondGraphInTheTextDoesNotLeakIntoTheNextRead() throws {
        let first = try Graphviz.parse(dot: "digraph a { x } digraph b { y }")
        #expect(first.name == "a")
        let next = try Graphviz.parse(dot: "digraph c { z }")
        #expect(next.name == "c")
        #expect(next.nodes.keys.sorted() == ["z"])
    }

    /// Every actor and every relation is in the SVG, found by parsing it as XML.
    @Test(arguments: ["karachi-2010", "florentine-families", "karate-club"])
    func everyActorAndRelationIsInTheSVG(_ name: String) throws {
        let graph = GraphFile.read(contentsOf: packageRoot.appendingPathComponent("graphs/\(name).yaml").path).graph
        let svg = try Graphviz.render(dot: DiagramDOT.write(graph, options: DiagramOptions(engine: .dot)), engine: .dot, format: .svg).data
        let document = try XMLDocument(data: svg)
        let ids = Set(try document.nodes(forXPath: "//*[local-name()='g']/@id").compactMap(\.stringValue))
        for i in graph.actors.indices { #expect(ids.contains("actor-\(i)"), "\(name): actor \(graph.actors[i].id)") }
        for i in graph.relations.indices { #expect(ids.contains("relation-\(i)"), "\(name): relation \(i)") }
        let texts = try document.nodes(forXPath: "//*[local-name()='text']").compactMap(\.stringValue)
        let allText = texts.joined(separator: " ")
        for actor in graph.actors {
            let firstLine = DOTText.wrap(actor.name, width: 22)[0]
            #expect(allText.contains(firstLine), "\(name): label of \(actor.id)")
        }
        if let title = graph.title { #expect(texts.contains(title), "\(name): caption title") }
    }

    /// The legend lists exactly the kinds the graph uses.
    @Test func legendListsExactlyTheKindsPresent() throws {
        let graph = ActorGraph(title: "T", actors: [Actor(id: "a", kind: "party"), Actor(id: "b", kind: "gang")],
                               relations: [Relation(kind: "conflict", source: "a", target: "b", directed: false)])
        let (actorKinds, relationKinds) = Legend.kindsPresent(in: graph)
        #expect(actorKinds.map(\.id) == ["party", "gang"])
        #expect(relationKinds.map(\.id) == ["conflict"])
        let svg = try Graphviz.render(dot: DiagramDOT.write(graph), engine: .dot, format: .svg).data
        let texts = try XMLDocument(data: svg).nodes(forXPath: "//*[local-name()='text']").compactMap(\.stringValue)
        let legend = texts.filter { !$0.isEmpty }
        for label in ["Party", "Gang", "Conflict"] {
            #expect(legend.contains { $0.hasSuffix(" " + label) || $0 == label }, "\(label) missing from \(legend)")
        }
        for absent in ActorKind.builtIns.map(\.label) + RelationKind.builtIns.map(\.label)
        where !["Party", "Gang", "Conflict"].contains(absent) {
            #expect(!legend.contains { $0.hasSuffix(" " + absent) }, "\(absent) should not be in the legend")
        }
        #expect(!legend.contains { $0.contains("contested") }, "no contested relation, so no contested entry")
    }

    /// 100 renders from concurrent tasks all finish, each with its own correct output.
    @Test func concurrentRendersAreSerialisedAndCorrect() async throws {
        let results = try await withThrowingTaskGroup(of: (Int, String).self) { group in
            for i in 0..<100 {
                group.addTask {
                    let dot = "digraph g\(i) { a\(i) -> b\(i) [label=\"edge \(i)\"] }"
                    let svg = try Graphviz.render(dot: dot, engine: i % 2 == 0 ? .dot : .neato, format: .svg).data
                    return (i, String(decoding: svg, as: UTF8.self))
                }
            }
            var out: [Int: String] = [:]
            for try await (i, svg) in group { out[i] = svg }
            return out
        }
        #expect(results.count == 100)
        for (i, svg) in results {
            #expect(svg.contains("<title>g\(i)</title>") && svg.contains(">edge \(i)<"), "render \(i)")
        }
    }

    @Test func renderingIsDeterministicInProcessForDot() throws {
        let graph = GraphFile.read(contentsOf: packageRoot.appendingPathComponent("graphs/karachi-2010.yaml").path).graph
        let dot = DiagramDOT.write(graph, options: DiagramOptions(engine: .dot))
        let a = try Graphviz.render(dot: dot, engine: .dot, format: .svg).data
        let b = try Graphviz.render(dot: dot, engine: .dot, format: .svg).data
        #expect(a == b)
        #expect(DiagramDOT.write(graph) == DiagramDOT.write(graph))
    }

    /// cgraph's default ids are heap addresses and clusters are ordered by id: without the
    /// discipline in CGraphviz's shim.h, repeated in-process renders of a clustered graph change
    /// the SVG's order (neato) and even the layout (dot).
    @Test(arguments: [LayoutEngine.dot, .neato])
    func clusteredRendersAreDeterministicInProcess(engine: LayoutEngine) throws {
        let graph = GraphFile.read(contentsOf: packageRoot.appendingPathComponent("graphs/karachi-2010.yaml").path).graph
        let dot = DiagramDOT.write(graph, options: DiagramOptions(clusters: .kind, engine: engine))
        let first = try Graphviz.render(dot: dot, engine: engine, format: .svg).data
        for _ in 0..<5 {
            _ = try Graphviz.render(dot: "digraph other { x -> y; subgraph cluster_z { z } }", engine: engine, format: .svg)
            #expect(try Graphviz.render(dot: dot, engine: engine, format: .svg).data == first)
        }
    }

    @Test func warningsAreCapturedWhole() throws {
        let result = try Graphviz.render(dot: "digraph g { a [color=notacolour]; a -> b }", engine: .dot, format: .svg)
        #expect(result.warnings.contains { $0.contains("notacolour") }, "\(result.warnings)")
        #expect(!result.warnings.contains("Warning"), "\(result.warnings)")
    }

    @Test(arguments: [OutputFormat.svg, .png, .pdf, .dot, .xdot, .json])
    func everyFormatRenders(_ format: OutputFormat) throws {
        let data = try Graphviz.render(dot: "digraph g { a -> b }", engine: .dot, format: format).data
        #expect(!data.isEmpty)
        switch format {
        case .png: #expect(data.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        case .pdf: #expect(data.starts(with: Array("%PDF".utf8)))
        case .svg: #expect(String(decoding: data, as: UTF8.self).contains("<svg"))
        default: break
        }
    }
}
