import ActorGraphModel
import Testing
@testable import ActorGraphFormats

/// Every validation error, at its exact line and column, in YAML and in JSON.
@Suite struct DiagnosticPositionTests {
    /// Reads `text` and returns its diagnostics as `line:column: severity: message`.
    func problems(_ text: String, syntax: NativeSyntax = .yaml) -> [String] {
        GraphFile.read(text: text, file: "f", syntax: syntax).diagnostics.map {
            "\($0.position.map(\.description) ?? "-"): \($0.severity.rawValue): \($0.message)"
        }
    }

    let head = """
        actorgraph: 1
        sources:
          cable: { title: Cable }
        actors:
          mqm-a: { name: MQM, kind: party, aliases: [MQM] }
          ppp: { kind: party }

        """

    @Test func unknownActorIsReportedAtTheIdWithASuggestion() throws {
        let text = head + "relations:\n  - { kind: conflict, between: [mqm-a, pp] }\n"
        let loaded = GraphFile.read(text: text, file: "k.yaml")
        let errors = loaded.diagnostics.filter { $0.severity == .error }
        let d = try #require(errors.first)
        #expect(errors.count == 1)
        #expect(d.description == "k.yaml:8:40: error: unknown actor 'pp' in 'between'; did you mean 'ppp'?")
    }

    @Test func eachRuleAtItsPlace() {
        let text = head + """
            relations:
              - { kind: patronage, between: [mqm-a, ppp] }
              - { kind: conflict, from: mqm-a, to: ppp }
              - { kind: conflict, between: [ppp, ppp] }
              - { kind: conflict, between: [ppp, mqm-a], since: 2010-02-30 }
              - { kind: conflict, between: [ppp, mqm-a], since: 2010-02, until: 2010-01 }
              - { kind: conflict, between: [ppp, mqm-a], confidence: 1.5 }
              - { kind: conflict, between: [ppp, mqm-a], claimed-by: sabzwari }
              - { kind: conflict, between: [ppp, mqm-a], cite: cabel ¶3 }
              - { kind: confict, between: [ppp, mqm-a] }
              - { kind: conflict, between: [ppp, mqm-a], weight: heavy }
              - { kind: conflict, between: [ppp, mqm-a], since: [2010] }
              - { kind: conflict, between: [ppp, mqm-a, x] }
            """
        #expect(problems(text) == [
            "8:33: error: 'patronage' is a directed kind, but this relation uses 'between'",
            "9:29: error: 'conflict' is an undirected kind, but this relation uses 'from'/'to'",
            "10:38: error: a relation of 'ppp' with itself (a self-loop)",
            "11:53: error: 'since': '2010-02-30' is not a calendar day: February 2010 has 28 days",
            "12:69: error: 'until: 2010-01' is before 'since: 2010-02'",
            "13:58: error: confidence 1.5 is outside 0…1",
            "14:58: error: unknown actor 'sabzwari' in 'claimed-by'",
            "15:52: error: unknown source 'cabel' in 'cite'",
            "16:13: error: unknown relation kind 'confict'",
            "17:54: error: 'weight' must be a number, not 'heavy'",
            "18:53: error: 'since' must be a date (YYYY, YYYY-MM or YYYY-MM-DD), but is a list",
            "19:32: error: 'between' lists 3 actors; it takes exactly two",
        ])
    }

    @Test func duplicatesPointAtTheSecondAndNameTheFirst() {
        let text = """
            actorgraph: 1
            actors:
              a: { kind: party }
              b: { kind: party }
              a: { kind: gang, kind: party }
            relations:
              - { kind: conflict, between: [a, b] }
            """
        #expect(problems(text) == [
            "5:3: error: duplicate actor id 'a' (first at line 3)",
            "5:20: error: the key 'kind' appears twice in actor 'a' (first at line 5)",
        ])
    }

    @Test func kindsSourcesAndTypes() {
        let text = """
            actorgraph: 1
            titel: x
            sources:
              cable: { title: C, date: 2010-13, auther: me }
            kinds:
              relations:
                refuge: { label: Refuge, directed: yes }
            actors:
              a: { kind: prty, aliases: { x: 1 } }
              b: { kind: person, club: [1, 2] }
              c: Carol
            relations:
              - { kind: refuge, from: a, to: b }
              - just text
            """
        #expect(problems(text) == [
            "2:1: error: unknown key 'titel' at the top level",
            "4:28: error: 'date': '2010-13' has month 13; months run from 01 to 12",
            "4:37: error: unknown key 'auther' in source 'cable'",
            "7:5: error: the new relation kind 'refuge' has no sign",
            "7:5: error: the new relation kind 'refuge' does not say whether it is directed",
            "7:40: error: 'directed' must be true or false, but is text",
            "9:14: error: unknown actor kind 'prty'",
            "9:29: error: 'aliases' must be text or a list of text, but is a mapping",
            "10:28: error: the attribute 'club' must be text, a number or true/false, but is a list",
            "11:6: error: actor 'c' must be a mapping of its fields, not text",
            "14:5: error: a relation must be a mapping such as { kind: conflict, between: [a, b] }, but is text",
        ])
    }

    @Test func versionsAndEmptyFiles() {
        #expect(problems("") == ["1:1: error: the file is empty"])
        #expect(problems("actors: {}\n") == ["1:1: error: not an ActorGraph file: the key 'actorgraph' (the format version) is missing"])
        #expect(problems("actorgraph: 2\nactors: {}\n")
                == ["1:13: error: this file uses format version 2, but this actorgraph reads version 1"])
        #expect(problems("actorgraph: one\n") == ["1:13: error: the format version must be a whole number"])
        #expect(problems("- a\n- b\n") == ["1:1: error: the file must be a mapping of keys (actorgraph, title, actors, relations…), not a list"])
    }

    @Test func brokenYAMLSyntaxHasAPosition() {
        let p = problems("actorgraph: 1\nactors:\n  a: { kind: party\nrelations: []\n")
        #expect(p.count == 1)
        #expect(p[0].hasPrefix("4:10: error: invalid YAML: did not find expected ',' or '}' (while parsing a flow mapping at 3:6)"))
        let tab = problems("actorgraph: 1\nactors:\n\ta: { kind: party }\n")
        #expect(tab.count == 1 && tab[0].hasPrefix("3:1: error: invalid YAML"))
    }

    @Test func invalidUTF8HasAPosition() {
        var bytes = Array("actorgraph: 1\nactors:\n  a: { kind: pa".utf8)
        bytes += [0xFF, 0xFE]
        let loaded = GraphFile.read(data: .init(bytes), file: "f.yaml")
        #expect(loaded.diagnostics.map(\.description) == ["f.yaml:3:16: error: the file is not valid UTF-8 text; save it as UTF-8"])
    }

    @Test func absurdNestingIsRefusedNotCrashed() {
        let deep = "actorgraph: 1\nactors: " + String(repeating: "[", count: 100_000) + "\n"
        let p = problems(deep)
        #expect(p.count == 1 && p[0].contains("nests deeper than"))
        let deepJSON = "{\"actorgraph\": 1, \"actors\": " + String(repeating: "[", count: 100_000)
        #expect(problems(deepJSON, syntax: .json).first?.contains("nesting deeper than") == true)
        let dashes = "actorgraph: 1\nactors:\n" + String(repeating: "- ", count: 50_000) + "x\n"
        #expect(problems(dashes).first?.contains("nests deeper than") == true)
    }

    @Test func aliasBombsAreRefusedButOrdinaryAliasesWork() throws {
        // The "billion laughs": nine levels of ten aliases each would compose 10⁹ values.
        var bomb = "actorgraph: 1\nx0: &x0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        for level in 1...9 {
            bomb += "x\(level): &x\(level) [" + Array(repeating: "*x\(level - 1)", count: 10).joined(separator: ", ") + "]\n"
        }
        let p = problems(bomb)
        #expect(p.count == 1, "\(p)")
        #expect(p.first?.contains("error: the YAML's aliases (*name) repeat anchored values") == true, "\(p)")

        // An anchor used a few times, as an analyst would for a repeated citation, is fine.
        let text = head + """
            relations:
              - { kind: conflict, between: [mqm-a, ppp], cite: &cable [cable] }
              - { kind: rivalry, between: [mqm-a, ppp], cite: *cable }

            """
        let loaded = GraphFile.read(text: text, file: "f")
        #expect(loaded.diagnostics.isEmpty, "\(loaded.diagnostics)")
        #expect(loaded.graph.relations.map { $0.evidence.citations.map(\.source) } == [["cable"], ["cable"]])
    }

    @Test func jsonErrorsArePositionedToo() {
        let text = """
            {
              "actorgraph": 1,
              "actors": {
                "a": {"kind": "party"},
                "b": {"kind": "party"}
              },
              "relations": [
                {"kind": "conflict", "between": ["a", "c"]}
              ]
            }
            """
        #expect(problems(text, syntax: .json) == [
            "5:5: warning: actor 'b' takes part in no relation (isolated)",
            "8:43: error: unknown actor 'c' in 'between'",
        ])
        #expect(problems("{\n  \"actorgraph\": 1,\n  \"actors\": {,}\n}", syntax: .json)
                == ["3:14: error: invalid JSON: expected a quoted key, found ','"])
        #expect(problems("{\"actorgraph\": 1, \"actors\": {}} x", syntax: .json)
                == ["1:33: error: invalid JSON: unexpected text after the end of the JSON value"])
        #expect(problems("{\"actorgraph\": \"1\", \"actors\": {}}", syntax: .json)
                == ["1:16: error: the format version must be a whole number"])
    }

    @Test func attributeTyposWarnButKeepTheValue() {
        let text = head + "relations:\n  - { kind: conflict, between: [mqm-a, ppp], cites: cable ¶3, claimed_by: ppp }\n"
        let loaded = GraphFile.read(text: text, file: "f")
        #expect(!loaded.hasErrors)
        #expect(loaded.warnings.map(\.message) == [
            "'cites' is kept as a free attribute, but looks like the field 'cite'",
            "'claimed_by' is kept as a free attribute, but looks like the field 'claimed-by'",
        ])
        #expect(loaded.graph.relations[0].attributes["cites"] == .string("cable ¶3"))
    }
}
