import ActorGraphModel
import Foundation
import Testing
@testable import ActorGraphFormats

@Suite struct RoundTripTests {
    @Test(arguments: try exampleGraphPaths())
    func exampleGraphsRoundTripThroughYAMLAndJSON(_ path: String) throws {
        let original = GraphFile.read(contentsOf: path)
        #expect(!original.hasErrors, "\(original.diagnostics)")
        let g = original.graph
        #expect(!g.actors.isEmpty && !g.relations.isEmpty)
        for syntax in NativeSyntax.allCases {
            let text = GraphWriter.write(g, as: syntax)
            let back = GraphFile.read(text: text, file: "roundtrip.\(syntax.rawValue)", syntax: syntax)
            #expect(!back.hasErrors, "\(back.diagnostics)")
            #expect(back.graph == g, "\(syntax) round trip of \(path)")
            // Canonical: writing what was read back gives the same bytes.
            #expect(GraphWriter.write(back.graph, as: syntax) == text)
        }
        // YAML → JSON → YAML.
        let json = GraphWriter.write(g, as: .json)
        let fromJSON = GraphFile.read(text: json, file: "x.json", syntax: .json).graph
        #expect(GraphWriter.write(fromJSON, as: .yaml) == GraphWriter.write(g, as: .yaml))
    }

    @Test func ourJSONIsJSONForFoundationToo() throws {
        for path in try exampleGraphPaths() {
            let g = GraphFile.read(contentsOf: path).graph
            let json = GraphWriter.write(g, as: .json)
            let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
            let actors = object?["actors"] as? [String: Any]
            #expect(actors?.count == g.actors.count)
            #expect((object?["relations"] as? [Any])?.count == g.relations.count)
        }
    }

    /// Names that break naive writers: YAML indicators, look-alike numbers and booleans, quotes,
    /// control characters, other scripts, emoji, a 10,000-character name.
    static let adversarial: [String] = [
        "", " ", "plain", "- dash", "-", "?", ":", "a: b", "a #b", "a#b", "#hash", "[x]", "{y}", "a, b", "x]", "&anchor",
        "*alias", "!tag", "|", ">", "'single'", "\"double\"", "back\\slash", "%percent", "@at", "`tick`",
        "yes", "No", "on", "OFF", "y", "n", "true", "False", "null", "~", "NULL", ".inf", "-.inf", ".nan",
        "123", "-4", "0x1F", "0o17", "1e3", "1_000", "12:30", "2010-01-07", "3.14", "+1", "<<", "=",
        "line\nbreak", "tab\there", "cr\rhere", "nul\u{0}x", "bell\u{7}", "del\u{7F}", "\u{85}nel", "\u{2028}ls",
        "bom\u{FEFF}", "zwj\u{200D}joined", "rtl\u{200F}mark", "trailing ", " leading",
        "متحدہ قومی موومنٹ", "پاکستان پیپلز پارٹی", "Ελληνικά", "日本語", "👩🏽‍⚖️ judge", "e\u{301}",
        "¶3", "<b>&amp;</b>", String(repeating: "ن", count: 10_000),
    ]

    @Test func adversarialTextRoundTrips() throws {
        var actors: [Actor] = []
        var relations: [Relation] = []
        for (i, s) in Self.adversarial.enumerated() {
            let id = s.isEmpty ? "empty" : s
            actors.append(Actor(id: "id-\(i)-" + id, name: s, kind: "person", aliases: [s, s + "!"],
                                role: s, note: s, attributes: ["attr \(s)": .string(s), "n": .number(Double(i) / 7)]))
            if i > 0 {
                relations.append(Relation(kind: "conflict", source: actors[i - 1].id, target: actors[i].id, directed: false,
                                          evidence: Evidence(citations: [Citation(source: "src", locator: s.isEmpty ? nil : s)]),
                                          note: s))
            }
        }
        let g = ActorGraph(title: Self.adversarial.joined(separator: "|"), description: "multi\nline",
                           sources: [Source(id: "src", title: "T: \"quoted\"")], actors: actors, relations: relations)
        for syntax in NativeSyntax.allCases {
            let text = GraphWriter.write(g, as: syntax)
            let back = GraphFile.read(text: text, file: "adv", syntax: syntax)
            let errors = back.diagnostics.filter { $0.severity == .error }
            #expect(errors.isEmpty, "\(syntax): \(errors.prefix(3).map { String($0.description.prefix(300)) })")
            #expect(back.graph.actors.count == g.actors.count)
            for (a, b) in zip(back.graph.actors, g.actors) where a != b {
                Issue.record("\(syntax): actor \(b.id.debugDescription) came back as \(a.id.debugDescription) name \(a.name.debugDescription)")
            }
            #expect(back.graph.relations.count == g.relations.count)
            for (a, b) in zip(back.graph.relations, g.relations) where a != b {
                Issue.record("\(syntax): relation \(b.source.debugDescription)–\(b.target.debugDescription) changed")
            }
            #expect(back.graph.title == g.title)
            #expect(back.graph.description == g.description)
        }
    }

    @Test func writerOmitsDefaultsAndKeepsOrder() {
        let g = ActorGraph(actors: [Actor(id: "b", kind: "party"), Actor(id: "a", name: "A A", kind: "party")],
                           relations: [Relation(kind: "patronage", source: "a", target: "b", directed: true, weight: 2.5,
                                                since: PartialDate("2009"), evidence: Evidence(claimedBy: ["b"], confidence: .low))])
        #expect(GraphWriter.write(g, as: .yaml) == """
            actorgraph: 1
            actors:
              b: { kind: party }
              a: { name: A A, kind: party }
            relations:
              - { kind: patronage, from: a, to: b, since: 2009, weight: 2.5, confidence: low, claimed-by: b }

            """)
        #expect(GraphWriter.write(g, as: .json) == """
            {
              "actorgraph": 1,
              "actors": {
                "b": {"kind": "party"},
                "a": {"name": "A A", "kind": "party"}
              },
              "relations": [
                {"kind": "patronage", "from": "a", "to": "b", "since": "2009", "weight": 2.5, "confidence": "low", "claimed-by": "b"}
              ]
            }

            """)
    }
}
