import Testing
import ActorGraphModel
import NetworkAnalysis
@testable import ActorGraphFormats

@Suite struct NodeLinkFormatTests {
    @Test func roundTripOfExampleGraphs() throws {
        for path in try exampleGraphPaths() {
            let original = GraphFile.read(contentsOf: path).graph
            let text = NodeLinkFormat.write(original)
            let back = NodeLinkFormat.read(text: text, file: "x.json")
            #expect(!back.hasErrors, "\(path): \(back.diagnostics)")
            #expect(back.graph == original, "\(path)")
            #expect(NodeLinkFormat.write(back.graph) == text)
            #expect(NodeLinkFormat.looksLikeNodeLink(text))
        }
    }

    @Test func readsNetworkxAndD3Shapes() {
        let nx = """
        {"directed": false, "multigraph": false, "graph": {"name": "g"}, "nodes": [{"id": 1, "club": "Mr. Hi"}, {"id": 2}],
         "edges": [{"source": 1, "target": 2, "weight": 2.0, "key": 0}]}
        """
        let g = NodeLinkFormat.read(text: nx, file: "nx.json")
        #expect(!g.hasErrors, "\(g.diagnostics)")
        #expect(g.graph.title == "g")
        #expect(g.graph.actors.map(\.id) == ["1", "2"])
        #expect(g.graph.actors.first?.attributes["club"] == .string("Mr. Hi"))
        #expect(g.graph.relations.first?.weight == 2)
        #expect(g.graph.relations.first?.attributes.isEmpty == true)
        let d3 = #"{"nodes": [{"name": "a", "id": "a"}, {"id": "b"}], "links": [{"source": 0, "target": 1, "value": 3}]}"#
        let h = NodeLinkFormat.read(text: d3, file: "d3.json")
        #expect(!h.hasErrors, "\(h.diagnostics)")
        #expect(h.graph.relations.first.map { [$0.source, $0.target] } == ["a", "b"])
        #expect(h.graph.relations.first?.weight == 3)
    }

    @Test func positionedErrors() {
        let text = "{\"nodes\": [{\"id\": \"a\"}],\n \"links\": [{\"source\": \"a\", \"target\": 7}]}"
        let g = NodeLinkFormat.read(text: text, file: "e.json")
        let e = g.diagnostics.first { $0.severity == .error }
        #expect(e?.position == SourcePosition(line: 2, column: 38))
        #expect(e?.message.contains("out of range") == true)
        let w = NodeLinkFormat.read(text: "{\"nodes\": [],\n\"edges\": [{\"source\": 1, \"target\": 1, \"weight\": \"x\"}]}", file: "w.json")
        #expect(w.diagnostics.contains { $0.position?.line == 2 && $0.message.contains("weight") })
    }

    @Test func mutationsNeverCrash() throws {
        var rng = SeededGenerator(seed: 9)
        var count = 0
        for path in try exampleGraphPaths() {
            let text = NodeLinkFormat.write(GraphFile.read(contentsOf: path).graph)
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            for _ in 0..<700 {
                var l = lines
                let i = Int.random(in: 0..<l.count, using: &rng)
                switch Int.random(in: 0..<5, using: &rng) {
                case 0: l.remove(at: i)
                case 1: l.insert(l[i], at: i)
                case 2: l[i] += ["\"", "]", "{", ",", "x"].randomElement(using: &rng)!
                case 3: l[i] = l[i].replacingOccurrences(of: "1", with: ["1e400", "-5", "null", "true"].randomElement(using: &rng)!)
                default: l[i] = String(l[i].prefix(Int.random(in: 0...max(0, l[i].count), using: &rng)))
                }
                let mutated = l.joined(separator: "\n")
                let a = NodeLinkFormat.read(text: mutated, file: "m.json"), b = NodeLinkFormat.read(text: mutated, file: "m.json")
                #expect(a.diagnostics == b.diagnostics)
                for d in a.diagnostics where d.severity == .error {
                    #expect((d.position?.line ?? 1) <= l.count)
                }
                if !a.hasErrors {
                    let again = NodeLinkFormat.read(text: NodeLinkFormat.write(a.graph), file: "r.json")
                    #expect(again.graph == a.graph, "\(l[i])")
                }
                count += 1
            }
        }
        #expect(count >= 2000)
    }
}
