import ActorGraphModel
import Foundation
import NetworkAnalysis
import Testing
@testable import ActorGraphFormats

@Suite struct GEXFFormatTests {
    /// `g` as GEXF gives it back: what the Interchange article's row says GEXF loses, erased. Sources become
    /// the cited ids, titled by their id; kind declarations become what the first use of each
    /// non-built-in kind says (the reader's rule); sign overrides are relative to those.
    static func erasingGEXFLosses(_ g: ActorGraph) -> ActorGraph {
        var out = g
        var sources: [Source] = []
        var seen = Set<String>()
        for r in g.relations {
            for c in r.evidence.citations where !c.source.isEmpty && seen.insert(c.source).inserted {
                sources.append(Source(id: c.source, title: c.source))
            }
        }
        out.sources = sources
        var actorKinds: [ActorKindDeclaration] = []
        var known = Set(ActorKind.builtIns.map(\.id))
        for a in g.actors where known.insert(a.kind).inserted {
            actorKinds.append(ActorKindDeclaration(id: a.kind, label: a.kind == "actor" ? "Actor" : nil))
        }
        out.actorKindDeclarations = actorKinds
        var relationKinds: [RelationKindDeclaration] = []
        var kindSign: [String: Sign] = [:]
        for k in RelationKind.builtIns { kindSign[k.id] = k.sign }
        out.relations = g.relations.map { r in
            var r = r
            let sign = g.sign(of: r)
            if kindSign[r.kind] == nil {
                kindSign[r.kind] = sign
                let label: String? = r.kind == "tie" ? "Tie" : (r.kind == "negative-tie" ? "Negative tie" : nil)
                relationKinds.append(RelationKindDeclaration(id: r.kind, label: label, sign: sign, directed: r.directed))
            }
            r.signOverride = sign == kindSign[r.kind] ? nil : sign
            return r
        }
        out.relationKindDeclarations = relationKinds
        return out
    }

    @Test(arguments: try exampleGraphPaths())
    func exampleGraphsRoundTripWithTheStatedLosses(_ path: String) throws {
        let original = GraphFile.read(contentsOf: path)
        #expect(!original.hasErrors)
        let style = ExportStyle(actorColors: Dictionary(uniqueKeysWithValues: original.graph.actors.map { ($0.id, "#1f77b4") }),
                                relationColors: original.graph.relations.map { _ in "#D62728" })
        let text = GEXFFormat.write(original.graph, style: style)
        #expect(text.hasSuffix("</gexf>\n"))
        #expect(text.contains("<viz:color r=\"31\" g=\"119\" b=\"180\"/>") && text.contains("<viz:color r=\"214\" g=\"39\" b=\"40\"/>"))
        let back = GEXFFormat.read(data: Data(text.utf8), file: "x.gexf")
        #expect(!back.hasErrors, "\(back.diagnostics.prefix(5).map(\.description))")
        #expect(!back.warnings.contains { $0.message.contains("viz") }, "our own colours (creator ActorGraph): no warning")
        let foreign = GEXFFormat.read(data: Data(text.replacingOccurrences(of: "<creator>ActorGraph</creator>", with: "<creator>Gephi 0.10</creator>").utf8),
                                      file: "x.gexf")
        #expect(foreign.warnings.filter { $0.message.contains("viz") }.count == 1, "another tool's colours: one warning")
        let expected = Self.erasingGEXFLosses(original.graph)
        #expect(back.graph == expected, "\(MutationTests.firstDifference(expected, back.graph))")
        #expect(GEXFFormat.write(back.graph, style: style) == text, "deterministic and canonical")
        // Without a style: no viz, and no warning.
        let plain = GEXFFormat.read(data: Data(GEXFFormat.write(original.graph).utf8), file: "x.gexf")
        #expect(plain.graph == expected && !plain.warnings.contains { $0.message.contains("viz") })
    }

    @Test func datesAreWidenedForTheTimelineAndKeptExactly() throws {
        let g = ActorGraph(actors: [Actor(id: "a", kind: "party"), Actor(id: "b", kind: "party")], relations: [
            Relation(kind: "conflict", source: "a", target: "b", directed: false, since: PartialDate("2009-06"), until: PartialDate("2010")),
            Relation(kind: "support", source: "a", target: "b", directed: true, until: PartialDate("2010-02")),
            Relation(id: "e7", kind: "coalition", source: "a", target: "b", directed: false),
        ])
        let text = GEXFFormat.write(g)
        #expect(text.contains("mode=\"dynamic\" timeformat=\"date\""))
        #expect(text.contains("start=\"2009-06-01\" end=\"2010-12-31\""))
        #expect(text.contains("end=\"2010-02-28\""))
        // Mixed: no per-edge type (networkx refuses it), a boolean value `directed` instead.
        #expect(text.contains("defaultedgetype=\"directed\""))
        #expect(!text.contains(" type=\"undirected\"") && !text.contains(" type=\"directed\""))
        #expect(text.contains("title=\"directed\" type=\"boolean\""))
        #expect(text.components(separatedBy: "\" value=\"false\"/>").count - 1 == 2)
        let back = GEXFFormat.read(data: Data(text.utf8), file: "d.gexf")
        #expect(!back.hasErrors, "\(back.diagnostics)")
        #expect(back.graph.relations == g.relations, "exact partial dates, and a made-up-looking id kept")
        #expect(!GEXFFormat.write(ActorGraph(actors: [Actor(id: "a", kind: "party")])).contains("dynamic"))
    }

    /// Gephi's mixed graphs: a per-edge `type` overrides `defaultedgetype`.
    @Test func perEdgeTypesOfOtherToolsAreRead() throws {
        let text = """
            <?xml version="1.0" encoding="UTF-8"?>
            <gexf xmlns="http://gexf.net/1.3" version="1.3"><graph defaultedgetype="directed">
            <nodes><node id="a" label="A"/><node id="b" label="B"/></nodes>
            <edges><edge id="0" source="a" target="b" label="ally" type="undirected"/><edge id="1" source="b" target="a" label="funds"/>
            <edge id="2" source="a" target="b" label="feud" type="mutual"/></edges></graph></gexf>
            """
        let back = GEXFFormat.read(data: Data(text.utf8), file: "m.gexf")
        #expect(!back.hasErrors, "\(back.diagnostics)")
        #expect(back.graph.relations.map(\.directed) == [false, true, false])
        #expect(back.graph.relations.map(\.kind) == ["ally", "funds", "feud"])
    }

    @Test func adversarialTextRoundTrips() throws {
        let texts = RoundTripTests.adversarial.filter { XMLTree.isRepresentable($0) }
        let g = XMLTestGraphs.adversarial(texts)
        let back = GEXFFormat.read(data: Data(GEXFFormat.write(g).utf8), file: "adv.gexf")
        #expect(!back.hasErrors, "\(back.diagnostics.filter { $0.severity == .error }.prefix(3).map { String($0.description.prefix(300)) })")
        var expected = Self.erasingGEXFLosses(g)
        expected.title = g.title
        #expect(back.graph == expected, "\(MutationTests.firstDifference(expected, back.graph))")
    }

    @Test func attributesNamedLikeFieldsAndMixedTypesComeBack() throws {
        let g = ActorGraph(actors: [
            Actor(id: "a", name: "A", kind: "person", attributes: ["label": .string("L"), "description": .string("d"), "x": .number(1)]),
            Actor(id: "b", kind: "person", attributes: ["x": .string("one")]),
            Actor(id: "c", kind: "person", attributes: ["x": .bool(false)]),
        ], relations: [
            Relation(id: "r1", kind: "conflict", source: "a", target: "b", directed: false,
                     attributes: ["label": .string("l"), "relation": .number(2), "description": .string("n"), "start": .string("s")]),
            Relation(kind: "conflict", source: "b", target: "c", directed: false, sign: .positive, weight: 2.5),
        ])
        let back = GEXFFormat.read(data: Data(GEXFFormat.write(g).utf8), file: "m.gexf")
        #expect(!back.hasErrors, "\(back.diagnostics)")
        let expected = Self.erasingGEXFLosses(g)
        #expect(back.graph == expected, "\(MutationTests.firstDifference(expected, back.graph))")
    }

    // MARK: Known answers

    @Test func readsNetworkx12DraftOutput() throws {
        let loaded = read(GEXFTestFiles.networkx12)
        #expect(!loaded.hasErrors, "\(loaded.diagnostics)")
        let g = loaded.graph
        #expect(g.actors.map(\.id) == ["mqm", "ppp"])
        #expect(g.actors.map(\.name) == ["MQM", "PPP"])
        #expect(g.actors[0].kind == "party" && g.actors[1].kind == "actor")
        #expect(g.actors[1].attributes == ["seats": .number(118)])
        let r = try #require(g.relations.first)
        #expect(r.kind == "support" && r.directed && r.weight == 2 && r.id == nil)
        #expect(r.since == PartialDate("2009-06-01") && r.until == PartialDate("2010-01-31"))
        #expect(r.evidence.confidence == .low)
        #expect(loaded.warnings.filter { $0.message.contains("viz") }.count == 1)
    }

    @Test func readsGephi13Output() throws {
        let loaded = read(GEXFTestFiles.gephi13)
        #expect(!loaded.hasErrors, "\(loaded.diagnostics)")
        let g = loaded.graph
        #expect(g.title == "Karachi" && g.description == "Gang war")
        #expect(g.actors.map(\.name) == ["Lyari", "PPP"])
        #expect(g.actors[0].attributes == ["population": .number(600000), "old": .bool(true), "Modularity Class": .number(0)])
        #expect(g.actors[1].attributes == ["old": .bool(false), "Modularity Class": .number(0)], "defaults apply")
        #expect(g.relations.count == 2)
        #expect(g.relations[0].kind == "stronghold" && g.relations[0].id == "s1" && g.relations[0].since == PartialDate("2008-01-01"))
        #expect(g.relations[0].until == nil)
        #expect(g.relations[1].kind == "tie" && g.relations[1].id == nil, "Gephi's numeric ids are not relation ids")
        #expect(g.relations[1].weight == 1.5 && !g.relations[1].directed)
    }

    // MARK: Positioned errors

    @Test func brokenFilesAreReportedAtTheirPlace() throws {
        func firstError(_ text: String) -> Diagnostic? { read(text).diagnostics.first { $0.severity == .error } }
        let head = "<gexf xmlns=\"http://gexf.net/1.3\" version=\"1.3\">\n"
        var d = firstError(head + "  <graph>\n    <nodes>\n      <node id=\"a\">\n    </nodes>\n  </graph>\n</gexf>\n")
        #expect(d?.message.contains("tag mismatch") == true && d?.message.contains("<node>") == true, "\(String(describing: d))")
        #expect(d?.position?.line == 5, "\(String(describing: d))")
        d = firstError(head + "  <graph>\n    <attributes class=\"node\"><attribute id=\"0\" title=\"n\" type=\"integer\"/></attributes>\n    <nodes>\n      <node id=\"a\"><attvalues><attvalue for=\"0\" value=\"many\"/></attvalues></node>\n    </nodes>\n  </graph>\n</gexf>\n")
        #expect(d?.position == SourcePosition(line: 5, column: 49), "\(String(describing: d))")
        #expect(d?.message.contains("'many' is not an integer") == true)
        d = firstError(head + "  <graph>\n    <nodes><node id=\"a\"/><node id=\"b\"/></nodes>\n    <edges>\n      <edge id=\"x\" source=\"a\" target=\"b\" weight=\"heavy\"/>\n    </edges>\n  </graph>\n</gexf>\n")
        #expect(d?.position == SourcePosition(line: 5, column: 42) && d?.message.contains("weight") == true, "\(String(describing: d))")
        d = firstError(head + "  <graph>\n    <nodes><node id=\"a\"><attvalues><attvalue for=\"9\" value=\"x\"/></attvalues></node></nodes>\n  </graph>\n</gexf>\n")
        #expect(d?.position == SourcePosition(line: 3, column: 36) && d?.message.contains("no <attribute> declares") == true, "\(String(describing: d))")
        d = firstError(head + "  <graph>\n    <nodes><node id=\"a\"/></nodes>\n    <edges><edge source=\"a\" target=\"b\"/></edges>\n  </graph>\n</gexf>\n")
        #expect(d?.position == SourcePosition(line: 4, column: 29) && d?.message.contains("'b'") == true, "\(String(describing: d))")
        d = firstError("<graphml/>\n")
        #expect(d?.message.contains("not GEXF") == true)
    }

    func read(_ text: String) -> LoadedGraph { GEXFFormat.read(data: Data(text.utf8), file: "t.gexf") }

    // MARK: Mutations

    @Test(arguments: XMLMutationKind.allCases)
    func damagedFilesAreReportedWithPositions(kind: XMLMutationKind) throws {
        let bases = try XMLMutation.bases { g in
            GEXFFormat.write(g, style: ExportStyle(actorColors: Dictionary(uniqueKeysWithValues: g.actors.prefix(3).map { ($0.id, "#336699") }),
                                                   relationColors: g.relations.prefix(3).map { _ in "#aa0000" }))
        }
        let report = XMLMutation.run(kind: kind, bases: bases, read: { GEXFFormat.read(data: $0, file: $1) },
                                     write: { GEXFFormat.write($0) })
        print("GEXFFormatTests \(kind): \(report.summary)")
        #expect(report.failures.isEmpty, "\(report.failures.count) failures; first ones:\n\(report.failures.prefix(8).joined(separator: "\n"))")
    }
}

enum GEXFTestFiles {
    /// networkx 3.6.1 `write_gexf(H, version="1.2draft")`, as written.
    static let networkx12 = """
        <?xml version='1.0' encoding='utf-8'?>
        <gexf xmlns:viz="http://www.gexf.net/1.2draft/viz" xmlns="http://www.gexf.net/1.2draft" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://www.gexf.net/1.2draft http://www.gexf.net/1.2draft/gexf.xsd" version="1.2">
          <meta lastmodifieddate="2026-11-28">
            <creator>NetworkX 3.6.1</creator>
          </meta>
          <graph defaultedgetype="directed" mode="dynamic" name="" timeformat="date">
            <attributes mode="static" class="edge">
              <attribute id="2" title="confidence" type="string" />
            </attributes>
            <attributes mode="static" class="node">
              <attribute id="0" title="kind" type="string" />
              <attribute id="1" title="seats" type="long" />
            </attributes>
            <nodes>
              <node id="mqm" label="MQM">
                <viz:color r="1" g="2" b="3" a="1.0" />
                <viz:size value="3.0" />
                <viz:position x="1.0" y="2.0" z="0.0" />
                <attvalues>
                  <attvalue for="0" value="party" />
                </attvalues>
              </node>
              <node id="ppp" label="PPP">
                <attvalues>
                  <attvalue for="1" value="118" />
                </attvalues>
              </node>
            </nodes>
            <edges>
              <edge source="mqm" target="ppp" id="0" label="support" weight="2.0" start="2009-06-01" end="2010-01-31">
                <attvalues>
                  <attvalue for="2" value="low" />
                </attvalues>
              </edge>
            </edges>
          </graph>
        </gexf>

        """

    /// In the shape Gephi 0.10 exports GEXF 1.3: spells, viz, typed attributes with defaults.
    static let gephi13 = """
        <?xml version='1.0' encoding='UTF-8'?>
        <gexf xmlns="http://gexf.net/1.3" version="1.3" xmlns:viz="http://gexf.net/1.3/viz" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd">
          <meta lastmodifieddate="2024-05-01">
            <creator>Gephi 0.10.1</creator>
            <title>Karachi</title>
            <description>Gang war</description>
          </meta>
          <graph defaultedgetype="undirected" mode="dynamic" timeformat="date">
            <attributes class="node" mode="static">
              <attribute id="population" title="population" type="integer"/>
              <attribute id="old" title="old" type="boolean">
                <default>false</default>
              </attribute>
              <attribute id="modularity_class" title="Modularity Class" type="integer"/>
            </attributes>
            <nodes>
              <node id="lyari" label="Lyari">
                <attvalues>
                  <attvalue for="population" value="600000"/>
                  <attvalue for="old" value="true"/>
                  <attvalue for="modularity_class" value="0"/>
                </attvalues>
                <viz:size value="10.0"/>
                <viz:position x="-29.5" y="12.25"/>
                <viz:color r="153" g="0" b="255"/>
              </node>
              <node id="ppp" label="PPP">
                <attvalues>
                  <attvalue for="modularity_class" value="0"/>
                </attvalues>
              </node>
            </nodes>
            <edges>
              <edge id="s1" source="ppp" target="lyari" type="directed" label="stronghold" weight="1.0">
                <spells>
                  <spell start="2008-01-01"/>
                </spells>
              </edge>
              <edge id="1" source="ppp" target="lyari" weight="1.5">
              </edge>
            </edges>
          </graph>
        </gexf>

        """
}
