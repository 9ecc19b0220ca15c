import Testing
import ActorGraphModel
import NetworkAnalysis
@testable import ActorGraphFormats

@Suite struct PajekFormatTests {
    /// What Pajek keeps: ids, relation kinds, effective signs, weights, directions.
    /// Unsigned kinds that are not built in come back positive (Pajek has no third sign).
    func skeleton(_ g: ActorGraph) -> [String] {
        let builtIn = Set(RelationKind.builtIns.map(\.id))
        return g.actors.map { "actor \($0.id)" } + g.relations.map {
            var sign = g.sign(of: $0)
            if sign == .unsigned, !builtIn.contains($0.kind) { sign = .positive }
            return "\($0.source) \($0.target) \($0.kind) \(sign) \($0.weight) \($0.directed)"
        }
    }

    @Test func roundTripOfExampleGraphs() throws {
        for path in try exampleGraphPaths() {
            let original = GraphFile.read(contentsOf: path).graph
            let text = PajekFormat.write(original)
            let back = PajekFormat.read(text: text, file: "x.net")
            #expect(!back.hasErrors, "\(path): \(back.diagnostics)")
            #expect(skeleton(back.graph) == skeleton(original), "\(path)")
            #expect(PajekFormat.write(back.graph) == text)
        }
    }

    @Test func readsNetworkxShape() {
        let text = "*vertices 3\r\n1 a 0.0 0.0 ellipse\r\n2 \"b c\" 0.0 0.0 ellipse\r\n3 d\r\n*arcs\r\n1 2 1.0 weight 1.0\r\n2 3 -2\r\n"
        let g = PajekFormat.read(text: text, file: "n.net")
        #expect(!g.hasErrors, "\(g.diagnostics)")
        #expect(g.graph.actors.map(\.id) == ["a", "b c", "d"])
        #expect(g.graph.relations.count == 2)
        #expect(g.graph.relations.last.map { g.graph.sign(of: $0) } == .negative)
        #expect(g.graph.relations.last?.weight == 2)
    }

    @Test func positionedErrors() {
        let g = PajekFormat.read(text: "*Vertices 2\n1 a\n*Edges\n1 5\n", file: "e.net")
        let e = g.diagnostics.first { $0.severity == .error }
        #expect(e?.position == SourcePosition(line: 4, column: 3))
        #expect(e?.message.contains("out of range") == true)
        let m = PajekFormat.read(text: "*Vertices 2\n*Matrix\n0 1\n", file: "m.net")
        #expect(m.diagnostics.first?.position == SourcePosition(line: 2, column: 1))
    }

    @Test func mutationsNeverCrash() throws {
        var rng = SeededGenerator(seed: 8)
        var count = 0
        for path in try exampleGraphPaths() {
            let text = PajekFormat.write(GraphFile.read(contentsOf: path).graph)
            var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            for _ in 0..<700 {
                var l = lines
                let i = Int.random(in: 0..<l.count, using: &rng)
                switch Int.random(in: 0..<5, using: &rng) {
                case 0: l.remove(at: i)
                case 1: l.insert(l[i], at: i)
                case 2: l[i] += " \"x"
                case 3: l[i] = l[i].replacingOccurrences(of: "1", with: ["99999999999999999999", "-0", "nan", "x"].randomElement(using: &rng)!)
                default: l[i] = String(l[i].prefix(Int.random(in: 0...max(0, l[i].count), using: &rng)))
                }
                let mutated = l.joined(separator: "\n")
                let a = PajekFormat.read(text: mutated, file: "m.net"), b = PajekFormat.read(text: mutated, file: "m.net")
                #expect(a.diagnostics == b.diagnostics)
                for d in a.diagnostics where d.severity == .error {
                    #expect((d.position?.line ?? 1) <= l.count + 1)
                }
                if !a.hasErrors {
                    let again = PajekFormat.read(text: PajekFormat.write(a.graph), file: "r.net")
                    #expect(skeleton(again.graph) == skeleton(a.graph))
                }
                count += 1
            }
            lines = []
        }
        #expect(count >= 2000)
    }
}
