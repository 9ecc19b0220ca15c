@testable import ActorGraphFormats
import ActorGraphModel
import Foundation
import NetworkAnalysis
import Testing

@Suite struct DOTFormatTests {
    // MARK: Round trips

    /// What DOT loses, erased: empty texts read as absent, list items are split on `|` and
    /// trimmed, text attributes that read as numbers or truth values become them, and a
    /// relation id `relation-N` on the N-th relation reads as a diagram's drawing id.
    static func normalised(_ graph: ActorGraph) -> ActorGraph {
        var g = graph
        func list(_ items: [String]) -> [String] {
            items.joined(separator: "|").split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        func attrs(_ a: [String: AttributeValue]) -> [String: AttributeValue] {
            var out: [String: AttributeValue] = [:]
            for (k, v) in a {
                if case .string(let s) = v {
                    if s.isEmpty { continue }
                    if s == "true" || s == "false" || Double(s) != nil { out[k] = readBack(s); continue }
                }
                out[k] = v
            }
            return out
        }
        for i in g.actors.indices {
            g.actors[i].aliases = list(g.actors[i].aliases)
            if g.actors[i].role?.isEmpty == true { g.actors[i].role = nil }
            if g.actors[i].note?.isEmpty == true { g.actors[i].note = nil }
            g.actors[i].attributes = attrs(g.actors[i].attributes)
        }
        for j in g.relations.indices {
            if g.relations[j].id == "relation-\(j)" { g.relations[j].id = nil }
            g.relations[j].evidence.claimedBy = list(g.relations[j].evidence.claimedBy)
            g.relations[j].evidence.disputedBy = list(g.relations[j].evidence.disputedBy)
            if g.relations[j].note?.isEmpty == true { g.relations[j].note = nil }
            g.relations[j].attributes = attrs(g.relations[j].attributes)
        }
        return g
    }

    /// A text attribute's value as DOT reads it back (through a one-node graph).
    static func readBack(_ s: String) -> AttributeValue {
        DOTFormat.read(text: "graph { a [x=\"\(s)\"] }", file: "t").graph.actors.first?.attributes["x"] ?? .string(s)
    }

    @Test func everyExampleGraphRoundTrips() throws {
        for path in try exampleGraphPaths() {
            let original = GraphFile.read(contentsOf: path)
            #expect(!original.hasErrors)
            let dot = DOTFormat.write(original.graph)
            #expect(dot.hasSuffix("}\n"))
            #expect(DOTFormat.write(original.graph) == dot, "deterministic")
            let back = DOTFormat.read(text: dot, file: "rt.dot")
            #expect(!back.hasErrors, "\(path): \(back.diagnostics.map(\.description))")
            #expect(back.diagnostics.isEmpty == original.diagnostics.isEmpty, "\(back.diagnostics.map(\.description))")
            #expect(back.graph == Self.normalised(original.graph),
                    "\(path): \(MutationTests.firstDifference(Self.normalised(original.graph), back.graph))")
        }
    }

    @Test func awkwardTextRoundTrips() {
        let graph = ActorGraph(
            title: "A \"quoted\" title\\with\nbreaks ",
            description: "line one\nline two \\\" end\\",
            actors: [
                Actor(id: "a b", name: "Name with \\N and \"quotes\"", kind: "party", aliases: ["x", "y z"],
                      role: "tab\there", note: "ends in a backslash\\",
                      attributes: ["color": .string("red"), "data-shape": .string("box"), "weight x": .number(2.5),
                                   "flag": .bool(true), "label": .string("L"), "type": .string("t"), "n": .number(-3)]),
                Actor(id: "ç-ü", name: "  spaced  ", kind: "person"),
            ],
            relations: [
                Relation(id: "r1", kind: "conflict", source: "a b", target: "ç-ü", directed: false, sign: .positive,
                         weight: 2.5, since: PartialDate("2009-06"), until: PartialDate("2010"),
                         evidence: Evidence(citations: [Citation(text: "src ¶1"), Citation(text: "src")], claimedBy: ["a b"],
                                            disputedBy: ["ç-ü"], confidence: .value(0.3)),
                         note: "a\nb", attributes: ["label": .string("edge label"), "id": .string("x"), "key": .number(1)]),
                Relation(id: "relation-1", kind: "patronage", source: "ç-ü", target: "a b", directed: true),
            ])
        let dot = DOTFormat.write(graph)
        let back = DOTFormat.read(text: dot, file: "t.dot")
        #expect(!back.hasErrors, "\(back.diagnostics.map(\.description))\n\(dot)")
        var expected = Self.normalised(graph)
        expected.sources = [Source(id: "src", title: "src")]
        #expect(back.graph.actors == expected.actors, "\(dot)")
        #expect(back.graph.relations == expected.relations, "\(dot)")
        #expect(back.graph.title == graph.title)
        #expect(back.graph.description == graph.description)
    }

    @Test func graphvizDrawsTheDataDOT() throws {
        let dotBinary = ["/usr/bin/dot", "/usr/local/bin/dot"].first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let dotBinary else { return }
        for path in try exampleGraphPaths() {
            let text = DOTFormat.write(GraphFile.read(contentsOf: path).graph)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: dotBinary)
            process.arguments = ["-Tsvg"]
            let input = Pipe(), output = Pipe(), error = Pipe()
            process.standardInput = input
            process.standardOutput = output
            process.standardError = error
            try process.run()
            input.fileHandleForWriting.write(Data(text.utf8))
            try input.fileHandleForWriting.close()
            let svg = output.fileHandleForReading.readDataToEndOfFile()
            let messages = String(decoding: error.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            #expect(process.terminationStatus == 0, "\(path): \(messages)")
            #expect(messages.isEmpty, "\(path): \(messages)")
            #expect(String(decoding: svg, as: UTF8.self).contains("<svg"))
        }
    }

    // MARK: Known answers

    @Test func handWrittenDigraphWithDefaultsClustersAndHTML() {
        let text = """
            /* a hand-written file */
            digraph G {
              label="Karachi\\nsketch"
              comment="who fights whom"
              node [kind=party, shape=box]
              mqm [label="MQM-A", aliases="MQM|MQM-A", wealth=10]
              ppp [label=<Pakistan Peoples<BR/>Party<BR/><FONT POINT-SIZE="8">coalition partner</FONT>>]
              subgraph cluster_gangs { label="Lyari gangs"; node [kind=gang]; dakai; rival }
              subgraph cluster_x { z [type=person] }
              mqm -> ppp [kind=coalition, dir=none, since="2009-06", confidence=medium, cite="cable ¶1|cable ¶2"]
              dakai -> {mqm ppp} [kind=attack, weight=2, color=red]
              rival -> dakai [dir=none, label="feud"]
            }
            """
        let loaded = DOTFormat.read(text: text, file: "k.dot")
        let g = loaded.graph
        #expect(!loaded.hasErrors, "\(loaded.diagnostics.map(\.description))")
        #expect(g.title == "Karachi sketch")
        #expect(g.description == "who fights whom")
        #expect(g.actors.map(\.id) == ["mqm", "ppp", "dakai", "rival", "z"])
        #expect(g.actors.map(\.name) == ["MQM-A", "Pakistan Peoples Party", "dakai", "rival", "z"])
        #expect(g.actors.map(\.kind) == ["party", "party", "gang", "gang", "party"])
        #expect(g.actors[4].attributes["type"] == .string("person"), "kind wins over type")
        #expect(g.actors[0].aliases == ["MQM", "MQM-A"])
        #expect(g.actors[0].attributes == ["wealth": .number(10)])
        #expect(g.actors[2].attributes["cluster"] == .string("Lyari gangs"))
        #expect(g.actors[4].attributes["cluster"] == .string("x"))
        #expect(g.relations.count == 4)
        #expect(g.relations[0].kind == "coalition" && !g.relations[0].directed)
        #expect(g.relations[0].since == PartialDate("2009-06"))
        #expect(g.relations[0].evidence.confidence == .medium)
        #expect(g.relations[0].evidence.citations == [Citation(source: "cable", locator: "¶1"), Citation(source: "cable", locator: "¶2")])
        #expect(g.relations[1].source == "dakai" && g.relations[1].target == "mqm" && g.relations[1].weight == 2)
        #expect(g.relations[2].source == "dakai" && g.relations[2].target == "ppp")
        #expect(g.relations[3].kind == "tie" && g.relations[3].attributes["label"] == .string("feud"))
        let warning = loaded.warnings.first { $0.message.contains("drawing attributes") }
        #expect(warning?.message.contains("color, shape") == true, "\(loaded.warnings.map(\.description))")
        #expect(warning?.message.contains("5 nodes, 2 edges") == true, "\(loaded.warnings.map(\.description))")
        #expect(warning?.position == SourcePosition(line: 5, column: 21))
    }

    @Test func strictUndirectedGraphMergesRepeatedEdges() {
        let loaded = DOTFormat.read(text: "strict graph { a -- b; b -- a; a -- b [kind=alliance]; c }\n", file: "s.dot")
        #expect(!loaded.hasErrors, "\(loaded.diagnostics.map(\.description))")
        #expect(loaded.graph.actors.map(\.id) == ["a", "b", "c"])
        #expect(loaded.graph.relations.count == 1)
        #expect(loaded.graph.relations.first?.kind == "alliance")
        #expect(loaded.graph.relations.first?.directed == false)
    }

    @Test func exportedDiagramDOTReads() throws {
        let path = packageRoot.appendingPathComponent("graphs/karachi-2010.yaml").path
        let original = GraphFile.read(contentsOf: path).graph
        // `actorgraph export` writes DiagramDOT; the test target does not link the renderer, so
        // a node and an edge as it writes them stand in.
        let text = """
            // Karachi, drawn by actorgraph
            digraph "actorgraph" {
              graph [fontname="DejaVu Sans", fontsize=9, overlap=false, sep="+14"];
              node [fontname="DejaVu Sans", fontsize=10, margin="0.12,0.06", penwidth=1.2];
              subgraph "cluster_0" {
                graph [label=<<B>Parties</B>>, labeljust=l, style="rounded,filled"];
                "mqm-a" [id="actor-0", label=<Muttahida Qaumi<BR/>Movement (Altaf)<BR/><FONT POINT-SIZE="8" COLOR="#555555">coalition partner of the PPP<BR/>(¶3, ¶9)</FONT>>, shape="box", tooltip="x\\ny"];
              }
              "dakai-gang" [id="actor-1", label=<Rehman Dakai&#39;s gang>, shape="hexagon"];
              "dakai-gang" -> "mqm-a" [id="relation-0", color="#b2182b", penwidth=2.4, arrowhead="normal", tooltip="t"];
              "mqm-a" -> "dakai-gang" [id="relation-1", dir=none];
              graph [labelloc=b, labeljust=l, label=<<TABLE><TR><TD>legend</TD></TR></TABLE>>];
            }
            """
        let loaded = DOTFormat.read(text: text, file: "export.dot")
        #expect(!loaded.hasErrors, "\(loaded.diagnostics.map(\.description))")
        #expect(loaded.graph.actors.map(\.name) == ["Muttahida Qaumi Movement (Altaf)", "Rehman Dakai's gang"])
        #expect(loaded.graph.actors[0].name == original.actors[0].name)
        #expect(loaded.graph.actors[0].attributes == ["cluster": .string("Parties")])
        #expect(loaded.graph.relations.map(\.id) == [nil, nil])
        #expect(loaded.graph.title == nil)
        #expect(loaded.warnings.contains { $0.message.contains("arrowhead, color, fontname, fontsize, id, label, labeljust") })
    }

    // MARK: Positioned errors

    static func errors(_ text: String) -> [Diagnostic] {
        DOTFormat.read(text: text, file: "e.dot").diagnostics.filter { $0.severity == .error }
    }

    @Test func syntaxErrorsHaveLineAndColumn() {
        var e = Self.errors("digraph G {\n  a -> b;\n  c [x=1 -> ];\n}\n")
        #expect(e.count == 1)
        #expect(e.first?.position == SourcePosition(line: 3, column: 10))
        #expect(e.first?.message.contains("near '->'") == true)
        e = Self.errors("graph G {\n  a -> b\n}\n")
        #expect(e.first?.position == SourcePosition(line: 2, column: 5))
        #expect(e.first?.fix?.contains("'--'") == true)
        e = Self.errors("digraph {\n  a [note=\"never closed];\n  b\n}\n")
        #expect(e.first?.position == SourcePosition(line: 2, column: 11))
        #expect(e.first?.message.contains("never closes") == true)
        e = Self.errors("digraph {\n  a [label=<x<b>y];\n}\n")
        #expect(e.first?.position == SourcePosition(line: 2, column: 12))
        e = Self.errors("   \n")
        #expect(e.first?.position == SourcePosition(line: 1, column: 1))
        #expect(e.first?.message.contains("no DOT graph") == true)
    }

    @Test func fieldErrorsPointAtTheAttribute() {
        let text = """
            digraph {
              a [kind=party]
              b [kind=partyy]
              a -> b [kind=support, since="2009-13"]
              b -> a [kind=support,
                      weight=heavy, sign=maybe, confidence=sure]
              a -> b -> a [kind=support, until="2001", since="2005"]
              c [aliases="x"]; c -> c [kind=support]
            }
            """
        let loaded = DOTFormat.read(text: text, file: "f.dot")
        let d = loaded.diagnostics
        func at(_ line: Int, _ column: Int, _ part: String) -> Bool {
            d.contains { $0.position == SourcePosition(line: line, column: column) && $0.message.contains(part) }
        }
        #expect(at(3, 6, "partyy"), "\(d.map(\.description))")
        #expect(at(4, 25, "month 13"), "\(d.map(\.description))")
        #expect(at(6, 11, "weight 'heavy'"), "\(d.map(\.description))")
        #expect(at(6, 25, "'maybe' is not a sign"), "\(d.map(\.description))")
        #expect(at(6, 37, "confidence 'sure'"), "\(d.map(\.description))")
        #expect(d.contains { $0.severity == .error && $0.position?.line == 8 }, "the self-loop: \(d.map(\.description))")
        #expect(d.allSatisfy { $0.position != nil })
    }

    @Test func secondGraphAndNULAreReported() {
        let two = DOTFormat.read(text: "digraph a { x -> y }\ndigraph b { z }\n", file: "t.dot")
        #expect(two.graph.actors.map(\.id) == ["x", "y"])
        #expect(two.warnings.contains { $0.position == SourcePosition(line: 2, column: 1) && $0.message.contains("only the first") })
        let nul = DOTFormat.read(text: "digraph a {\n x\u{0} -> y }\n", file: "t.dot")
        #expect(nul.diagnostics.first?.position == SourcePosition(line: 2, column: 3))
        // The next read starts clean.
        let next = DOTFormat.read(text: "digraph c { p -> q }", file: "t.dot")
        #expect(next.graph.actors.map(\.id) == ["p", "q"] && next.diagnostics.isEmpty)
    }

    /// cgraph is not thread-safe; reads from many tasks at once go through GraphvizLock.
    @Test func concurrentReadsAgree() async throws {
        let text = DOTFormat.write(GraphFile.read(contentsOf: try exampleGraphPaths()[0]).graph)
        let expected = DOTFormat.read(text: text, file: "c.dot").graph
        let results = await withTaskGroup(of: Bool.self) { group in
            for k in 0..<16 {
                group.addTask {
                    k % 2 == 0 ? DOTFormat.read(text: text, file: "c.dot").graph == expected
                        : DOTFormat.read(text: "digraph { a -> ; }", file: "c.dot").hasErrors
                }
            }
            return await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(results.allSatisfy { $0 })
    }

    // MARK: Mutations

    static let mutationCount = 2_048

    @Test func mutatedDOTNeverCrashesAndRoundTrips() throws {
        let bases = try exampleGraphPaths().map { DOTFormat.write(GraphFile.read(contentsOf: $0).graph) }
        let clock = ContinuousClock()
        let started = clock.now
        var failures: [String] = []
        var clean = 0, withErrors = 0
        var roundTripped = Set<ActorGraph>()
        for seed in 0..<Self.mutationCount {
            var rng = SeededGenerator(seed: 0xD07_0000 &+ UInt64(seed))
            let base = bases[seed % bases.count]
            let (text, damage) = Self.mutate(base, rng: &rng)
            let first = DOTFormat.read(text: text, file: "m.dot")
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false).count
                + text.unicodeScalars.filter { $0 == "\r" }.count
            var problems: [String] = []
            for d in first.diagnostics {
                guard let p = d.position else { problems.append("no position: \(d)"); continue }
                if p.line < 1 || p.column < 1 || p.line > lines { problems.append("position outside the file: \(d)") }
            }
            if seed % 8 == 0 {
                let second = DOTFormat.read(text: text, file: "m.dot")
                if second.diagnostics != first.diagnostics || second.graph != first.graph { problems.append("not deterministic") }
            }
            if first.hasErrors {
                withErrors += 1
            } else if roundTripped.insert(first.graph).inserted {
                clean += 1
                let again = DOTFormat.read(text: DOTFormat.write(first.graph), file: "again.dot")
                if again.hasErrors || again.graph != Self.normalised(first.graph) {
                    problems.append("rewrite differs: \(again.diagnostics.filter { $0.severity == .error }.map(\.description)) "
                                    + MutationTests.firstDifference(Self.normalised(first.graph), again.graph))
                }
            }
            if !problems.isEmpty { failures.append("seed \(seed) (\(damage)): " + problems.joined(separator: " | ")) }
        }
        print("DOTFormatTests: \(Self.mutationCount) mutated files, \(withErrors) with errors, \(clean) clean, in \(clock.now - started)")
        #expect(failures.isEmpty, "\(failures.count) failures; first: \(failures.prefix(8).joined(separator: "\n"))")
    }

    static let junk = ["\"", "<", ">", "{", "}", "[", "]", ";", ",", "=", "->", "--", "\\", "\n", "\r", "#", "//", "/*",
                       "*/", "+", ":", "é", "¶", "subgraph", "node", "strict", "\u{FEFF}", "&amp;", "<b>", "-1e999", "NaN",
                       "99999999999999999999", "-3", "cluster_x", "\\N"]
    static let values = ["\"\"", "\"-2\"", "\"0\"", "\"nan\"", "\"1e400\"", "\"2009-02-30\"", "\"low\"", "\"x|y\"",
                         "<a &amp; b>", "\"relation-3\"", "\"negative\"", "\"\\\"\"", "\"0001\"", "true"]

    static func mutate(_ base: String, rng: inout SeededGenerator) -> (String, String) {
        var lines = base.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var scalars = Array(base.unicodeScalars)
        switch rng.below(8) {
        case 0:
            let i = rng.below(lines.count)
            lines.remove(at: i)
            return (lines.joined(separator: "\n"), "delete line \(i + 1)")
        case 1:
            let i = rng.below(lines.count)
            lines.insert(lines[i], at: i)
            return (lines.joined(separator: "\n"), "duplicate line \(i + 1)")
        case 2:
            let i = rng.below(lines.count), j = rng.below(lines.count)
            lines.swapAt(i, j)
            return (lines.joined(separator: "\n"), "swap lines \(i + 1), \(j + 1)")
        case 3:
            let n = rng.below(scalars.count)
            return (String(String.UnicodeScalarView(scalars[..<n])), "truncate at \(n)")
        case 4, 5:
            let at = rng.below(scalars.count + 1)
            let piece = junk[rng.below(junk.count)]
            scalars.insert(contentsOf: piece.unicodeScalars, at: at)
            return (String(String.UnicodeScalarView(scalars)), "insert \(piece.debugDescription) at \(at)")
        case 6:
            // Replace an attribute value.
            var starts: [Int] = []
            for (k, c) in scalars.enumerated() where c == "=" { starts.append(k + 1) }
            guard !starts.isEmpty else { return (base, "none") }
            let s = starts[rng.below(starts.count)]
            var e = s
            if e < scalars.count, scalars[e] == "\"" {
                e += 1
                while e < scalars.count, scalars[e] != "\"" { e += scalars[e] == "\\" ? 2 : 1 }
                e = min(e + 1, scalars.count)
            } else {
                while e < scalars.count, scalars[e] != ",", scalars[e] != "]" { e += 1 }
            }
            let v = values[rng.below(values.count)]
            scalars.replaceSubrange(s..<e, with: v.unicodeScalars)
            return (String(String.UnicodeScalarView(scalars)), "value at \(s) → \(v)")
        default:
            let at = rng.below(scalars.count)
            scalars[at] = Unicode.Scalar(UInt8(0x20 + rng.below(0x5F)))
            return (String(String.UnicodeScalarView(scalars)), "flip at \(at)")
        }
    }
}

