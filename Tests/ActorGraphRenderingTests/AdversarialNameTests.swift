import ActorGraphModel
import Foundation
import FoundationXML
import NetworkAnalysis
import Testing
@testable import ActorGraphRendering

/// Names reach the reader exactly: in SVG tooltips, in the drawn labels, and in laid-out DOT,
/// whatever the actors are called (Graphviz escapes such as `\N`, text equal to an attribute value
/// such as `b`, entities such as `&amp;`).
@Suite(.serialized) struct AdversarialNameTests {
    /// The SVG's `<g id=…>` groups: id → (tooltip, the drawn text lines).
    static func svgGroups(_ data: Data) throws -> [String: (title: String?, texts: [String])] {
        let document = try XMLDocument(data: data)
        var out: [String: (String?, [String])] = [:]
        for g in try document.nodes(forXPath: "//*[local-name()='g']") {
            guard let id = try g.nodes(forXPath: "@id").first?.stringValue,
                  ["node", "edge", "cluster"].contains(try g.nodes(forXPath: "@class").first?.stringValue ?? "") else { continue }
            let title = try g.nodes(forXPath: ".//*[local-name()='a']/@*[local-name()='title']").first?.stringValue
            let texts = try g.nodes(forXPath: ".//*[local-name()='text']").compactMap(\.stringValue)
            out[id] = (title, texts)
        }
        return out
    }

    static func graph(names: [String], title: String = "t") -> ActorGraph {
        let actors = names.enumerated().map { i, n in Actor(id: "a\(i)", name: n, kind: "party") }
        let relations = (1..<max(1, actors.count)).map { i in
            Relation(kind: i % 2 == 0 ? "coalition" : "conflict", source: actors[i - 1].id, target: actors[i].id, directed: false)
        }
        return ActorGraph(title: title, actors: actors, relations: relations)
    }

    /// The reported case: `left \N right` showed as `left l right` in its tooltip and label.
    @Test func graphvizEscapesInNamesAreShownLiterally() throws {
        let names = [#"left \N right"#, #"\G\E\T\H\L"#, #"end\"#, #"\\N"#, "a &amp; b", "x <B>y</B>", "&#92;"]
        let graph = Self.graph(names: names, title: #"title \G"#)
        for engine in [LayoutEngine.dot, .neato] {
            let svg = try Graphviz.render(dot: DiagramDOT.write(graph, options: DiagramOptions(engine: engine)), engine: engine, format: .svg)
            let groups = try Self.svgGroups(svg.data)
            for (i, actor) in graph.actors.enumerated() {
                let group = try #require(groups["actor-\(i)"], "\(engine): actor-\(i) in \(groups.keys.sorted())")
                let kind = graph.actorKind(actor.kind)!
                #expect(group.title == DiagramDOT.nodeTooltip(actor, kind), "\(engine): tooltip of \(actor.name.debugDescription)")
                #expect(group.texts.joined(separator: " ") == DOTText.wrap(actor.name, width: 22).joined(separator: " "),
                        "\(engine): label of \(actor.name.debugDescription)")
            }
            for (i, relation) in graph.relations.enumerated() {
                let group = try #require(groups["relation-\(i)"])
                let kind = graph.relationKind(relation.kind)!
                #expect(group.title == DiagramDOT.relationTooltip(graph, relation, kind), "\(engine): relation-\(i)")
            }
            let text = String(decoding: svg.data, as: UTF8.self)
            #expect(text.contains(#">title \G<"#), "the caption's title")
        }
    }

    /// The reported case: with an actor named `b`, laid-out DOT said `labelloc=<b>`, because
    /// cgraph's string pool shared the text between the HTML label `<b>` and the plain value.
    @Test(arguments: [LayoutEngine.dot, .neato, .fdp])
    func plainValuesStayPlainInLaidOutDOT(_ engine: LayoutEngine) throws {
        // Names equal to attribute values the DOT uses (labelloc=b, labeljust=l, shape=box, ids).
        let names = ["b", "l", "box", "a1", "filled,rounded", "actorgraph", "LR", "true", "cluster_0"]
        var graph = Self.graph(names: names)
        graph.actors[3].id = "b"
        graph.relations = graph.relations.map { r in
            var r = r
            if r.source == "a3" { r.source = "b" }
            if r.target == "a3" { r.target = "b" }
            return r
        }
        let options = DiagramOptions(clusters: engine.drawsClusters ? .kind : .none, engine: engine)
        let laidOut = String(decoding: try Graphviz.render(dot: DiagramDOT.write(graph, options: options), engine: engine, format: .dot).data,
                             as: UTF8.self)
        #expect(!laidOut.contains("labelloc=<"), "\(engine): \(laidOut.prefix(400))")
        #expect(!laidOut.contains("labeljust=<"))
        #expect(!laidOut.contains("shape=<"))
        let parsed = try Graphviz.parse(dot: laidOut)
        #expect(parsed.attributes["labelloc"] == "b")
        // Node names come back as the ids we wrote, never as HTML.
        let ids = DiagramDOT.nodeIdentifiers(graph).map { String($0.dropFirst().dropLast()) }
        #expect(Set(parsed.nodes.keys) == Set(ids), "\(engine)")
        for line in laidOut.split(separator: "\n") where line.hasPrefix("\t<") {
            Issue.record("\(engine): a node name written as HTML: \(line.prefix(200))")
        }
        for (i, actor) in graph.actors.enumerated() {
            let node = try #require(parsed.nodes[ids[i]])
            #expect(node["label"] == "<FONT>" + DiagramDOT.nodeLabel(actor, .default) + "</FONT>", "\(engine): \(actor.name)")
        }
    }

    /// Random names built from hostile pieces survive into the SVG's tooltips and ids, and into
    /// the laid-out DOT (read back by Graphviz's own parser).
    @Test func adversarialNamesSurviveIntoTooltipsIdsAndLaidOutDOT() throws {
        for seed in UInt64(0)..<24 {
            var rng = SeededGenerator(seed: seed)
            var actors: [Actor] = []
            for i in 0..<6 {
                actors.append(Actor(id: i % 2 == 0 ? adversarialName(&rng) + "\(i)" : "a\(i)", name: adversarialName(&rng),
                                    kind: "party", role: Bool.random(using: &rng) ? adversarialName(&rng) : nil,
                                    note: adversarialName(&rng)))
            }
            let relations = (1..<actors.count).map { i in
                Relation(kind: "conflict", source: actors[i - 1].id, target: actors[i].id, directed: false,
                         evidence: Evidence(citations: [Citation(source: "s", locator: adversarialName(&rng))]))
            }
            let graph = ActorGraph(title: adversarialName(&rng), sources: [Source(id: "s", title: adversarialName(&rng))],
                                   actors: actors, relations: relations)
            let dot = DiagramDOT.write(graph, options: DiagramOptions(engine: .neato))
            let groups = try Self.svgGroups(try Graphviz.render(dot: dot, engine: .neato, format: .svg).data)
            for (i, actor) in actors.enumerated() {
                let group = try #require(groups["actor-\(i)"], "seed \(seed): actor-\(i)")
                #expect(group.title.map(Self.spaces) == Self.shown(DiagramDOT.nodeTooltip(actor, graph.actorKind("party")!)), "seed \(seed) actor \(i)")
            }
            for (i, r) in relations.enumerated() {
                let group = try #require(groups["relation-\(i)"], "seed \(seed): relation-\(i)")
                #expect(group.title.map(Self.spaces) == Self.shown(DiagramDOT.relationTooltip(graph, r, graph.relationKind("conflict")!)),
                        "seed \(seed) relation \(i)")
            }
            let laidOut = try Graphviz.render(dot: dot, engine: .neato, format: .dot).data
            let reparsed = try Graphviz.parse(dot: String(decoding: laidOut, as: UTF8.self))
            let original = try Graphviz.parse(dot: dot)
            #expect(Set(reparsed.nodes.keys) == Set(original.nodes.keys), "seed \(seed)")
            for (name, attributes) in original.nodes {
                for key in ["label", "tooltip", "id"] {
                    #expect(reparsed.nodes[name]?[key] == attributes[key], "seed \(seed): \(key) of \(name.debugDescription)")
                }
            }
            #expect(reparsed.attributes["labelloc"] == "b")
        }
    }

    /// Graphviz's SVG writer keeps a run of spaces visible by writing every space after a space as
    /// U+00A0 (`&#160;`); a viewer shows the same text.
    static func spaces(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        var previous: Unicode.Scalar?
        for c in s.unicodeScalars {
            out.append(c == "\u{A0}" && previous == " " ? " " : c)
            previous = out.last
        }
        return String(out)
    }

    /// What SVG can show of a text: tabs and carriage returns become spaces, other control
    /// characters U+FFFD; XML 1.0 has no way to carry them.
    static func shown(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        for c in s.unicodeScalars {
            if c == "\r" || c == "\t" { out.append(" ") } else if c == "\n" || (c.value >= 0x20 && c.value != 0x7F) {
                out.append(c)
            } else { out.append("\u{FFFD}") }
        }
        return String(out)
    }
}
