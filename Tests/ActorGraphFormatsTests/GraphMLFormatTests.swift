import ActorGraphModel
import Foundation
import NetworkAnalysis
import Testing
@testable import ActorGraphFormats

@Suite struct GraphMLFormatTests {
    // MARK: Round trips

    @Test(arguments: try exampleGraphPaths())
    func exampleGraphsRoundTripExactly(_ path: String) throws {
        let original = GraphFile.read(contentsOf: path)
        #expect(!original.hasErrors)
        let text = GraphMLFormat.write(original.graph)
        #expect(text.hasSuffix("</graphml>\n"))
        let back = GraphMLFormat.read(data: Data(text.utf8), file: "x.graphml")
        #expect(!back.hasErrors, "\(back.diagnostics.prefix(5).map(\.description))")
        #expect(back.warnings.map(\.message) == original.warnings.map(\.message), "no warnings beyond the original's")
        // GraphML loses nothing.
        #expect(back.graph == original.graph, "\(MutationTests.firstDifference(original.graph, back.graph))")
        // Deterministic and canonical.
        #expect(GraphMLFormat.write(back.graph) == text)
    }

    @Test func adversarialTextRoundTrips() throws {
        // Everything XML 1.0 can hold comes back unchanged, including CR, tabs, '<', '&', quotes.
        let texts = RoundTripTests.adversarial.filter { XMLTree.isRepresentable($0) }
        #expect(texts.count >= RoundTripTests.adversarial.count - 4)
        let g = XMLTestGraphs.adversarial(texts)
        let back = GraphMLFormat.read(data: Data(GraphMLFormat.write(g).utf8), file: "adv.graphml")
        #expect(!back.hasErrors, "\(back.diagnostics.filter { $0.severity == .error }.prefix(3).map { String($0.description.prefix(300)) })")
        #expect(back.graph == g, "\(MutationTests.firstDifference(g, back.graph))")
        // Control characters XML cannot hold become U+FFFD.
        let ctl = ActorGraph(actors: [Actor(id: "a", name: "nul\u{0}bell\u{7}", kind: "person")])
        let ctlBack = GraphMLFormat.read(data: Data(GraphMLFormat.write(ctl).utf8), file: "ctl.graphml")
        #expect(ctlBack.graph.actors.first?.name == "nul\u{FFFD}bell\u{FFFD}")
    }

    @Test func mixedAttributeTypesKeepTheirTypes() throws {
        let g = ActorGraph(actors: [
            Actor(id: "a", kind: "person", attributes: ["x": .number(1), "description": .string("d")]),
            Actor(id: "b", kind: "person", attributes: ["x": .string("one")]),
            Actor(id: "c", kind: "person", attributes: ["x": .bool(true)]),
        ], relations: [
            Relation(id: "e1", kind: "conflict", source: "a", target: "b", directed: false, attributes: ["label": .string("l"), "relation": .number(2)]),
            Relation(kind: "conflict", source: "b", target: "c", directed: false, sign: .positive, weight: 2.5),
        ])
        let text = GraphMLFormat.write(g)
        #expect(text.components(separatedBy: "attr.name=\"x\"").count == 4, "one key per type in use")
        let back = GraphMLFormat.read(data: Data(text.utf8), file: "m.graphml")
        #expect(!back.hasErrors, "\(back.diagnostics)")
        #expect(back.graph == g, "\(MutationTests.firstDifference(g, back.graph))")
    }

    @Test func karachiLoadsInNetworkxShape() throws {
        // What networkx needs: one edgedefault, no per-edge directed flags, typed keys.
        let g = GraphFile.read(contentsOf: packageRoot.appendingPathComponent("graphs/karachi-2010.yaml").path).graph
        let text = GraphMLFormat.write(g)
        #expect(text.contains("<graph id=\"G\" edgedefault=\"directed\">"))
        #expect(!text.contains("directed=\"false\""))
        #expect(text.components(separatedBy: "<node ").count - 1 == g.actors.count)
        #expect(text.components(separatedBy: "<edge ").count - 1 == g.relations.count)
        #expect(text.contains("attr.name=\"weight\" attr.type=\"double\""))
        #expect(text.contains("<edge id=\"mqm-feud\""))
    }

    // MARK: Known answers: files in the shape the tools write

    @Test func readsNetworkxOutput() throws {
        let loaded = read(XMLTestFiles.networkx)
        #expect(!loaded.hasErrors, "\(loaded.diagnostics)")
        let g = loaded.graph
        #expect(g.title == "Toy")
        #expect(g.actors.map(\.id) == ["0", "1"])
        #expect(g.actors[0].name == "Alice" && g.actors[0].kind == "actor")
        #expect(g.actors[0].attributes == ["age": .number(34), "club": .string("Officer")], "the <default> applies")
        #expect(g.actors[1].name == "1" && g.actors[1].attributes == ["club": .string("Mr. Hi")])
        #expect(g.relations.count == 2)
        #expect(g.relations[0].kind == "alliance" && g.relations[0].weight == 2.5 && g.relations[0].id == nil && !g.relations[0].directed)
        #expect(g.relations[1].kind == "negative-tie" && g.relations[1].weight == 1, "a negative weight is a negative tie")
        #expect(g.relations[1].id == nil, "networkx's multigraph keys are not relation ids")
    }

    @Test func readsIgraphOutput() throws {
        let loaded = read(XMLTestFiles.igraph)
        #expect(!loaded.hasErrors, "\(loaded.diagnostics)")
        let g = loaded.graph
        #expect(g.title == "igraph toy")
        #expect(g.actors.map(\.id) == ["n0", "n1", "n2"])
        #expect(g.actors.map(\.name) == ["mqm", "ppp", "n2"])
        #expect(g.actors[1].attributes["type"] == .bool(true), "igraph's vertex type stays an attribute")
        #expect(g.relations.map(\.kind) == ["tie", "tie"])
        #expect(g.relations.allSatisfy { $0.directed })
        #expect(g.relations[0].weight == 3 && g.relations[0].source == "n0" && g.relations[0].target == "n1")
    }

    @Test func readsYEdOutput() throws {
        let loaded = read(XMLTestFiles.yEd)
        #expect(!loaded.hasErrors, "\(loaded.diagnostics)")
        let g = loaded.graph
        #expect(g.actors.map(\.name) == ["PPP", "MQM", "n2"])
        #expect(g.actors[0].note == "Party of the people", "yEd's description key")
        #expect(g.relations.map(\.kind) == ["conflict", "tie"], "an edge label is the kind")
        #expect(g.relations[0].id == nil && !g.relations[0].directed, "the built-in kind's direction wins")
        let graphics = loaded.warnings.filter { $0.message.contains("yEd graphics") }
        #expect(graphics.count == 1, "one warning for all graphics: \(loaded.warnings)")
        #expect(graphics.first?.position?.line == 16, "at the first graphics <data>")
        #expect(g.description == "Drawn in yEd")
    }

    @Test func readsGephiOutput() throws {
        let loaded = read(XMLTestFiles.gephiGraphML)
        #expect(!loaded.hasErrors, "\(loaded.diagnostics)")
        let g = loaded.graph
        #expect(g.actors.map(\.name) == ["Medici", "Strozzi"])
        #expect(g.actors[0].attributes == ["r": .number(153), "g": .number(0), "b": .number(255), "x": .number(-12.5),
                                           "y": .number(3), "size": .number(10), "Modularity Class": .number(1)])
        #expect(g.relations.count == 1)
        #expect(g.relations[0].kind == "marriage" && g.relations[0].weight == 2 && !g.relations[0].directed)
        #expect(g.relationKindDeclarations.first { $0.id == "marriage" }?.directed == false)
    }

    @Test func perEdgeDirectedOverridesTheDefault() throws {
        let loaded = read("""
            <graphml xmlns="http://graphml.graphdrawing.org/xmlns">
              <key id="k" for="edge" attr.name="relation" attr.type="string"/>
              <graph edgedefault="undirected">
                <node id="a"/><node id="b"/>
                <edge source="a" target="b" directed="true" id="ab"><data key="k">funds</data></edge>
              </graph>
            </graphml>
            """)
        #expect(!loaded.hasErrors, "\(loaded.diagnostics)")
        #expect(loaded.graph.relations.first?.directed == true)
        #expect(loaded.graph.relations.first?.kind == "funds", "relation is the kind")
        #expect(loaded.graph.relations.first?.id == "ab")
    }

    // MARK: Positioned errors

    @Test func brokenFilesAreReportedAtTheirPlace() throws {
        func only(_ text: String) -> Diagnostic? {
            let l = read(text)
            return l.diagnostics.first { $0.severity == .error }
        }
        let head = "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n"
        // Not well-formed: the node is never closed.
        var d = only(head + "  <graph edgedefault=\"undirected\">\n    <node id=\"a\">\n  </graph>\n</graphml>\n")
        #expect(d?.message.contains("not well-formed") == true && d?.message.contains("tag mismatch") == true, "\(String(describing: d))")
        #expect(d?.message.contains("<node> (opened at line 3)") == true)
        #expect(d?.position?.line == 4, "\(String(describing: d))")
        // A value not of its key's type, at its <data>.
        d = only(head + "  <key id=\"d0\" for=\"node\" attr.name=\"age\" attr.type=\"int\"/>\n  <graph edgedefault=\"undirected\">\n    <node id=\"a\">  <data key=\"d0\">thirty</data></node>\n  </graph>\n</graphml>\n")
        #expect(d?.position == SourcePosition(line: 4, column: 20), "\(String(describing: d))")
        #expect(d?.message.contains("'thirty' is not an integer") == true)
        // A bad date.
        d = only(head + "  <key id=\"s\" for=\"edge\" attr.name=\"since\" attr.type=\"string\"/>\n  <graph edgedefault=\"undirected\">\n    <node id=\"a\"/><node id=\"b\"/>\n    <edge source=\"a\" target=\"b\"><data key=\"s\">2009-13</data></edge>\n  </graph>\n</graphml>\n")
        #expect(d?.position == SourcePosition(line: 5, column: 33), "\(String(describing: d))")
        #expect(d?.message.contains("month 13") == true)
        // A hyperedge.
        d = only(head + "  <graph edgedefault=\"undirected\">\n    <node id=\"a\"/>\n    <hyperedge><endpoint node=\"a\"/></hyperedge>\n  </graph>\n</graphml>\n")
        #expect(d?.position == SourcePosition(line: 4, column: 5) && d?.message.contains("hyperedges") == true, "\(String(describing: d))")
        // An edge to a node no one declares: the validator, at the target attribute.
        d = only(head + "  <graph edgedefault=\"undirected\">\n    <node id=\"a\"/>\n    <edge source=\"a\"  target=\"zz\"/>\n  </graph>\n</graphml>\n")
        #expect(d?.position == SourcePosition(line: 4, column: 23), "\(String(describing: d))")
        #expect(d?.message.contains("zz") == true)
        // An edge without a target.
        d = only(head + "  <graph edgedefault=\"undirected\">\n    <node id=\"a\"/>\n    <edge source=\"a\"/>\n  </graph>\n</graphml>\n")
        #expect(d?.position == SourcePosition(line: 4, column: 5) && d?.message.contains("without a target") == true)
        // Not GraphML at all.
        d = only("<gexf>\n</gexf>\n")
        #expect(d?.position == SourcePosition(line: 1, column: 1) && d?.message.contains("not GraphML") == true)
        // Not UTF-8.
        d = GraphMLFormat.read(data: Data([0x3C, 0x61, 0x3E, 0x0A, 0xFF, 0x3C, 0x2F, 0x61, 0x3E]), file: "b").diagnostics.first
        #expect(d?.position == SourcePosition(line: 2, column: 1) && d?.message.contains("UTF-8") == true)
        // Empty.
        d = only("  \n")
        #expect(d?.position == SourcePosition(line: 1, column: 1) && d?.message.contains("empty") == true)
        // Several field errors are all reported.
        let many = read(head + "  <key id=\"w\" for=\"edge\" attr.name=\"weight\" attr.type=\"string\"/>\n  <graph edgedefault=\"undirected\">\n    <node id=\"a\"/><node id=\"b\"/>\n    <edge source=\"a\" target=\"b\"><data key=\"w\">heavy</data></edge>\n    <edge source=\"b\" target=\"a\"><data key=\"w\">light</data></edge>\n  </graph>\n</graphml>\n")
        #expect(many.diagnostics.filter { $0.severity == .error && $0.message.contains("weight") }.map { $0.position?.line } == [5, 6])
    }

    @Test func hostileInputNeitherHangsNorFetches() throws {
        let clock = ContinuousClock()
        let start = clock.now
        // Billion laughs: the DOCTYPE is blanked out, so the entity is undeclared.
        var laughs = "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n <!ENTITY lol \"lol\">\n"
        for i in 1...9 { laughs += " <!ENTITY lol\(i) \"" + String(repeating: "&lol\(i == 1 ? "" : String(i - 1));", count: 10) + "\">\n" }
        laughs += "]>\n<graphml><graph edgedefault=\"undirected\"><node id=\"&lol9;\"/></graph></graphml>\n"
        var d = read(laughs).diagnostics.first
        #expect(d?.severity == .error && d?.message.contains("undeclared entity") == true, "\(String(describing: d))")
        #expect(d?.position?.line == 14, "\(String(describing: d))")
        // An external entity: not fetched.
        d = read("<?xml version=\"1.0\"?>\n<!DOCTYPE g [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n<graphml><graph edgedefault=\"undirected\"><node id=\"&x;\"/></graph></graphml>\n").diagnostics.first
        #expect(d?.severity == .error && d?.message.contains("entity") == true)
        // A DOCTYPE without entities is harmless.
        let dtd = read("<?xml version=\"1.0\"?>\n<!DOCTYPE graphml SYSTEM \"http://graphml.graphdrawing.org/dtds/graphml.dtd\">\n<graphml><graph edgedefault=\"undirected\"><node id=\"a\"/></graph></graphml>\n")
        #expect(!dtd.hasErrors && dtd.graph.actors.map(\.id) == ["a"], "\(dtd.diagnostics)")
        // Deep nesting.
        let deep = "<graphml>" + String(repeating: "<x>", count: 5000) + String(repeating: "</x>", count: 5000) + "</graphml>"
        #expect(read(deep).hasErrors)
        #expect(clock.now - start < .seconds(10))
    }

    func read(_ text: String) -> LoadedGraph { GraphMLFormat.read(data: Data(text.utf8), file: "t.graphml") }

    // MARK: Mutations

    @Test(arguments: XMLMutationKind.allCases)
    func damagedFilesAreReportedWithPositions(kind: XMLMutationKind) throws {
        let bases = try XMLMutation.bases { GraphMLFormat.write($0) }
        let report = XMLMutation.run(kind: kind, bases: bases, read: { GraphMLFormat.read(data: $0, file: $1) },
                                     write: { GraphMLFormat.write($0) })
        print("GraphMLFormatTests \(kind): \(report.summary)")
        #expect(report.failures.isEmpty, "\(report.failures.count) failures; first ones:\n\(report.failures.prefix(8).joined(separator: "\n"))")
    }
}

// MARK: - Shared test material for the XML formats

enum XMLTestGraphs {
    /// A graph whose every text field holds one of `texts`.
    static func adversarial(_ texts: [String]) -> ActorGraph {
        var actors: [Actor] = []
        var relations: [Relation] = []
        for (i, s) in texts.enumerated() {
            actors.append(Actor(id: "id-\(i)-" + s, name: s, kind: "person", aliases: s.contains("|") || s.trimmingCharacters(in: .whitespaces) != s || s.isEmpty ? [] : [s],
                                role: s, note: s, attributes: ["attr \(s)": .string(s), "n": .number(Double(i) / 7)]))
            if i > 0 {
                relations.append(Relation(kind: "conflict", source: actors[i - 1].id, target: actors[i].id, directed: false,
                                          evidence: Evidence(citations: [Citation(source: "src")]), note: s,
                                          attributes: ["a": .string(s)]))
            }
        }
        return ActorGraph(title: texts.joined(separator: "|"), description: "multi\nline\r\nand CR",
                          sources: [Source(id: "src", title: "T: \"quoted\" <&>")], actors: actors, relations: relations)
    }
}

enum XMLTestFiles {
    static let networkx = """
        <?xml version='1.0' encoding='utf-8'?>
        <graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">
          <key id="d5" for="edge" attr.name="weight" attr.type="double" />
          <key id="d4" for="edge" attr.name="kind" attr.type="string" />
          <key id="d3" for="node" attr.name="club" attr.type="string">
            <default>Officer</default>
          </key>
          <key id="d2" for="node" attr.name="age" attr.type="long" />
          <key id="d1" for="node" attr.name="name" attr.type="string" />
          <key id="d0" for="graph" attr.name="name" attr.type="string" />
          <graph edgedefault="undirected">
            <node id="0">
              <data key="d1">Alice</data>
              <data key="d2">34</data>
            </node>
            <node id="1">
              <data key="d3">Mr. Hi</data>
            </node>
            <edge source="0" target="1" id="0">
              <data key="d4">alliance</data>
              <data key="d5">2.5</data>
            </edge>
            <edge source="0" target="1" id="1">
              <data key="d5">-1.0</data>
            </edge>
            <data key="d0">Toy</data>
          </graph>
        </graphml>

        """

    static let igraph = """
        <?xml version="1.0" encoding="UTF-8"?>
        <graphml xmlns="http://graphml.graphdrawing.org/xmlns"
                 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                 xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns
                 http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">
        <!-- Created by igraph -->
          <key id="g_name" for="graph" attr.name="name" attr.type="string"/>
          <key id="v_name" for="node" attr.name="name" attr.type="string"/>
          <key id="v_type" for="node" attr.name="type" attr.type="boolean"/>
          <key id="e_weight" for="edge" attr.name="weight" attr.type="double"/>
          <graph id="G" edgedefault="directed">
            <data key="g_name">igraph toy</data>
            <node id="n0">
              <data key="v_name">mqm</data>
              <data key="v_type">false</data>
            </node>
            <node id="n1">
              <data key="v_name">ppp</data>
              <data key="v_type">true</data>
            </node>
            <node id="n2">
            </node>
            <edge source="n0" target="n1">
              <data key="e_weight">3</data>
            </edge>
            <edge source="n1" target="n2">
            </edge>
          </graph>
        </graphml>

        """

    static let yEd = """
        <?xml version="1.0" encoding="UTF-8" standalone="no"?>
        <graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:java="http://www.yworks.com/xml/yfiles-common/1.0/java" xmlns:sys="http://www.yworks.com/xml/yfiles-common/markup/primitives/2.0" xmlns:x="http://www.yworks.com/xml/yfiles-common/markup/2.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:y="http://www.yworks.com/xml/graphml" xmlns:yed="http://www.yworks.com/xml/yed/3" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://www.yworks.com/xml/schema/graphml/1.1/ygraphml.xsd">
          <!--Created by yEd 3.23.2-->
          <key attr.name="Description" attr.type="string" for="graph" id="d0"/>
          <key for="port" id="d1" yfiles.type="portgraphics"/>
          <key attr.name="url" attr.type="string" for="node" id="d4"/>
          <key attr.name="description" attr.type="string" for="node" id="d5"/>
          <key for="node" id="d6" yfiles.type="nodegraphics"/>
          <key for="graphml" id="d7" yfiles.type="resources"/>
          <key attr.name="description" attr.type="string" for="edge" id="d9"/>
          <key for="edge" id="d10" yfiles.type="edgegraphics"/>
          <graph edgedefault="directed" id="G">
            <data key="d0">Drawn in yEd</data>
            <node id="n0">
              <data key="d5"><![CDATA[Party of the people]]></data>
              <data key="d6">
                <y:ShapeNode>
                  <y:Geometry height="30.0" width="30.0" x="0.0" y="0.0"/>
                  <y:Fill color="#FFCC00" transparent="false"/>
                  <y:BorderStyle color="#000000" raised="false" type="line" width="1.0"/>
                  <y:NodeLabel alignment="center" autoSizePolicy="content" fontFamily="Dialog" fontSize="12" visible="true">PPP<y:LabelModel><y:SmartNodeLabelModel distance="4.0"/></y:LabelModel><y:ModelParameter><y:SmartNodeLabelModelParameter labelRatioX="0.0" labelRatioY="0.0" nodeRatioX="0.0" nodeRatioY="0.0" offsetX="0.0" offsetY="0.0" upX="0.0" upY="-1.0"/></y:ModelParameter></y:NodeLabel>
                  <y:Shape type="rectangle"/>
                </y:ShapeNode>
              </data>
            </node>
            <node id="n1">
              <data key="d6">
                <y:ShapeNode>
                  <y:NodeLabel>MQM</y:NodeLabel>
                </y:ShapeNode>
              </data>
            </node>
            <node id="n2">
              <data key="d6">
                <y:ShapeNode>
                  <y:NodeLabel/>
                </y:ShapeNode>
              </data>
            </node>
            <edge id="e0" source="n0" target="n1">
              <data key="d10">
                <y:PolyLineEdge>
                  <y:Path sx="0.0" sy="0.0" tx="0.0" ty="0.0"/>
                  <y:LineStyle color="#000000" type="line" width="1.0"/>
                  <y:Arrows source="none" target="standard"/>
                  <y:EdgeLabel alignment="center" distance="2.0">conflict</y:EdgeLabel>
                </y:PolyLineEdge>
              </data>
            </edge>
            <edge id="e1" source="n1" target="n2">
              <data key="d10">
                <y:PolyLineEdge>
                  <y:Arrows source="none" target="standard"/>
                </y:PolyLineEdge>
              </data>
            </edge>
          </graph>
          <data key="d7">
            <y:Resources/>
          </data>
        </graphml>

        """

    static let gephiGraphML = """
        <?xml version="1.0" encoding="UTF-8"?><graphml xmlns="http://graphml.graphdrawing.org/xmlns">
        <key attr.name="label" attr.type="string" for="node" id="label"/>
        <key attr.name="Edge Label" attr.type="string" for="edge" id="edgelabel"/>
        <key attr.name="weight" attr.type="double" for="edge" id="weight"/>
        <key attr.name="r" attr.type="int" for="node" id="r"/>
        <key attr.name="g" attr.type="int" for="node" id="g"/>
        <key attr.name="b" attr.type="int" for="node" id="b"/>
        <key attr.name="x" attr.type="float" for="node" id="x"/>
        <key attr.name="y" attr.type="float" for="node" id="y"/>
        <key attr.name="size" attr.type="float" for="node" id="size"/>
        <key attr.name="Modularity Class" attr.type="int" for="node" id="modularity_class"/>
        <graph edgedefault="undirected">
        <node id="0">
        <data key="label">Medici</data>
        <data key="size">10.0</data>
        <data key="modularity_class">1</data>
        <data key="r">153</data>
        <data key="g">0</data>
        <data key="b">255</data>
        <data key="x">-12.5</data>
        <data key="y">3.0</data>
        </node>
        <node id="1">
        <data key="label">Strozzi</data>
        </node>
        <edge id="0" source="0" target="1">
        <data key="edgelabel">marriage</data>
        <data key="weight">2.0</data>
        </edge>
        </graph>
        </graphml>

        """
}

// MARK: - Seeded mutations of XML files

enum XMLMutationKind: String, CaseIterable, Sendable, CustomStringConvertible {
    case deleteLine, duplicateLine, swapLines, truncate, insertJunk, replaceNumber, swapValues, flipCharacter
    var description: String { rawValue }
}

struct XMLMutationBase: Sendable {
    var name: String
    var bytes: [UInt8]
}

struct XMLMutationReport {
    var failures: [String] = []
    var withErrors = 0, clean = 0, roundTrips = 0, determinism = 0
    var elapsed: Duration = .zero
    var summary: String {
        "\(withErrors + clean) variants, \(withErrors) with errors, \(clean) clean (\(roundTrips) round trips), \(determinism) read twice, in \(elapsed)"
    }
}

enum XMLMutation {
    /// Variants per damage kind: 8 kinds × 250 = 2,000 per format.
    static let seedsPerKind = 250
    /// Set XML_MUTATION_TRACE=1 to print each variant before it is read (to find a crash).
    static let trace = ProcessInfo.processInfo.environment["XML_MUTATION_TRACE"] != nil

    /// The example graphs in the format, written by `write`.
    static func bases(_ write: (ActorGraph) -> String) throws -> [XMLMutationBase] {
        try exampleGraphPaths().map { path in
            let g = GraphFile.read(contentsOf: path).graph
            return XMLMutationBase(name: (path as NSString).lastPathComponent, bytes: Array(write(g).utf8))
        }
    }

    static func run(kind: XMLMutationKind, bases: [XMLMutationBase], read: (Data, String) -> LoadedGraph,
                    write: (ActorGraph) -> String) -> XMLMutationReport {
        var report = XMLMutationReport()
        let clock = ContinuousClock()
        let start = clock.now
        var roundTripped = Set<ActorGraph>()
        for seed in 0..<seedsPerKind {
            let base = bases[seed % bases.count]
            var rng = SeededGenerator(seed: 0x0C0F_FEE0 &+ UInt64(seed) &* 0x1_0000 &+ UInt64(XMLMutationKind.allCases.firstIndex(of: kind)!))
            var bytes = base.bytes
            let damage = apply(kind, to: &bytes, rng: &rng)
            let tag = "seed \(seed) \(kind) \(base.name) (\(damage))"
            let data = Data(bytes)
            if trace { FileHandle.standardError.write(Data("\(tag)\n".utf8)) }
            let first = read(data, base.name)
            if seed % 4 == 0 {
                report.determinism += 1
                let second = read(data, base.name)
                if first.diagnostics != second.diagnostics || first.graph != second.graph { report.failures.append("\(tag): not deterministic") }
            }
            let lines = MutationBase.lineCount(bytes)
            for d in first.diagnostics {
                guard let p = d.position else { report.failures.append("\(tag): no position: \(d)"); continue }
                if p.line < 1 || p.column < 1 || p.line > lines { report.failures.append("\(tag): position \(p) outside the \(lines) lines: \(d)") }
            }
            if first.hasErrors { report.withErrors += 1; continue }
            report.clean += 1
            guard roundTripped.insert(first.graph).inserted else { continue }
            report.roundTrips += 1
            let again = read(Data(write(first.graph).utf8), "rewritten")
            if again.hasErrors {
                report.failures.append("\(tag): the rewrite does not read back: \(again.diagnostics.filter { $0.severity == .error }.prefix(2))")
            } else if again.graph != first.graph {
                report.failures.append("\(tag): the rewrite reads back differently: \(MutationTests.firstDifference(first.graph, again.graph))")
            }
        }
        report.elapsed = clock.now - start
        return report
    }

    static let junk: [[UInt8]] = {
        let bytes: [[UInt8]] = [[0xFF], [0xC3], [0xED, 0xA0, 0x80], [0x00], [0x09], [0x0D], [0x0A], [0x1B], [0x7F]]
        let texts = ["<", ">", "&", "\"", "'", "</", "<node id=\"x\">", "</node>", "<edge source=\"a\" target=\"b\"/>",
                     "&amp;", "&#0;", "&#x1F600;", "&undefined;", "<![CDATA[", "]]>", "<!--", "-->", "<?pi?>", "=",
                     "<!DOCTYPE x [<!ENTITY e \"ee\">]>", "é", "👩‍👩‍👧", "\u{FEFF}", "<data key=\"zz\">1</data>",
                     "<hyperedge/>", "<graph edgedefault=\"directed\"/>", "<port name=\"p\"/>"]
        return bytes + texts.map { Array($0.utf8) }
    }()

    static let numbers = ["1e999", "-1", "-0", "NaN", "nan", "inf", "99999999999999999999999", "0", "", "1.5", "2009-13", "x"]

    static func apply(_ kind: XMLMutationKind, to bytes: inout [UInt8], rng: inout SeededGenerator) -> String {
        func lines() -> [[UInt8]] { bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init) }
        func join(_ l: [[UInt8]]) { bytes = Array(l.joined(separator: [0x0A])) }
        switch kind {
        case .deleteLine:
            var l = lines(); let i = rng.below(l.count); l.remove(at: i); join(l)
            return "delete line \(i + 1)"
        case .duplicateLine:
            var l = lines(); let i = rng.below(l.count); l.insert(l[i], at: i + 1); join(l)
            return "duplicate line \(i + 1)"
        case .swapLines:
            var l = lines(); let i = rng.below(l.count); var j = rng.below(l.count - 1); if j >= i { j += 1 }
            l.swapAt(i, j); join(l)
            return "swap lines \(i + 1) and \(j + 1)"
        case .truncate:
            let n = rng.below(bytes.count); bytes.removeSubrange(n...)
            return "truncate to \(n) bytes"
        case .insertJunk:
            let at = rng.below(bytes.count + 1)
            var inserted: [UInt8] = []
            for _ in 0..<(1 + rng.below(3)) { inserted += junk[rng.below(junk.count)] }
            bytes.insert(contentsOf: inserted, at: at)
            return "insert \(String(decoding: inserted, as: UTF8.self).debugDescription) at byte \(at)"
        case .replaceNumber:
            // A run of digits (in a value, an id, a date) becomes something odd.
            var runs: [Range<Int>] = []
            var i = 0
            while i < bytes.count {
                if bytes[i] >= 0x30 && bytes[i] <= 0x39 {
                    let s = i
                    while i < bytes.count, (bytes[i] >= 0x30 && bytes[i] <= 0x39) || bytes[i] == 0x2E { i += 1 }
                    runs.append(s..<i)
                } else { i += 1 }
            }
            guard !runs.isEmpty else { return "no number" }
            let r = runs[rng.below(runs.count)]
            let with = numbers[rng.below(numbers.count)]
            bytes.replaceSubrange(r, with: Array(with.utf8))
            return "replace the number at byte \(r.lowerBound) by '\(with)'"
        case .swapValues:
            // Two quoted attribute values or two element texts trade places.
            var spans: [Range<Int>] = []
            var i = 0
            while i < bytes.count {
                if bytes[i] == 0x22 {
                    let s = i + 1; i += 1
                    while i < bytes.count, bytes[i] != 0x22 { i += 1 }
                    if i < bytes.count { spans.append(s..<i) }
                } else if bytes[i] == 0x3E, i + 1 < bytes.count, bytes[i + 1] != 0x0A, bytes[i + 1] != 0x3C {
                    let s = i + 1; i += 1
                    while i < bytes.count, bytes[i] != 0x3C { i += 1 }
                    spans.append(s..<i)
                    continue
                }
                i += 1
            }
            guard spans.count >= 2 else { return "no values" }
            var a = spans[rng.below(spans.count)], b = spans[rng.below(spans.count)]
            if a.lowerBound > b.lowerBound { swap(&a, &b) }
            guard a.upperBound <= b.lowerBound else { return "same value" }
            let va = Array(bytes[a]), vb = Array(bytes[b])
            bytes.replaceSubrange(b, with: va)
            bytes.replaceSubrange(a, with: vb)
            return "swap the values at bytes \(a.lowerBound) and \(b.lowerBound)"
        case .flipCharacter:
            let at = rng.below(bytes.count)
            if rng.below(2) == 0 { bytes[at] = UInt8(0x20 + rng.below(0x5F)) } else { bytes[at] ^= UInt8(1) << UInt8(rng.below(8)) }
            return "flip byte \(at)"
        }
    }
}
