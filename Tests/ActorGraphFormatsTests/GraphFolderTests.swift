import ActorGraphModel
import Foundation
import Testing
@testable import ActorGraphFormats

/// A folder as one graph: files in name order, references across files, ids declared twice.
@Suite struct GraphFolderTests {
    static let splitKarachi = packageRoot.appendingPathComponent("Tests/ActorGraphFormatsTests/Fixtures/split-karachi").path

    /// A fresh folder holding `files` (name → text); removed by the caller.
    static func folder(_ files: [String: String]) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ag-folder-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        for (name, text) in files { try text.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        return dir
    }

    /// The Karachi graph split over six files reads back as the one-file graph, quotes checked.
    @Test func splitKarachiIsTheKarachiGraph() throws {
        let whole = GraphFile.read(contentsOf: packageRoot.appendingPathComponent("graphs/karachi-2010.yaml").path)
        let split = Interchange.read(contentsOf: Self.splitKarachi)
        #expect(!split.hasErrors, "\(split.diagnostics)")
        #expect(split.diagnostics.isEmpty, "\(split.diagnostics)")
        var expected = whole.graph
        expected.sources[0].text = "../../../../graphs/sources/karachi-targeted-killings-escalate.txt"
        #expect(split.graph == expected)
        #expect(split.evidence == whole.evidence)
        #expect(split.parts.map { ($0.file as NSString).lastPathComponent }
                == ["00-cable.yaml", "10-actors.yaml", "20-violence.yaml", "30-lyari.yaml", "40-mqm-account.yaml", "50-ppp-account.yaml"])
        #expect(split.parts.map(\.graph.relations.count) == [0, 0, 21, 8, 18, 7])
        #expect(split.parts[5].graph.actors.map(\.id) == ["ppp"])
        // Positions stay each file's own: the relation 'fissure' is on line 11 of 20-violence.yaml.
        let fissure = try #require(split.graph.relations.firstIndex { $0.id == "fissure" })
        #expect(split.sourceMap.file(of: .relation(fissure, field: "kind", element: nil)) == Self.splitKarachi + "/20-violence.yaml")
        #expect(split.sourceMap.position(of: .relation(fissure, field: nil, element: nil))?.line == 11)
    }

    @Test func relationsNameActorsOfOtherFilesAndErrorsKeepTheirFiles() throws {
        let dir = try Self.folder([
            "b-relations.yaml": "actorgraph: 1\nrelations:\n  - { kind: conflict, between: [mqm-a, pp] }\n  - { kind: coalition, between: [mqm-a, ppp] }\n",
            "a-actors.yaml": "actorgraph: 1\nactors:\n  mqm-a: { kind: party }\n  ppp: { kind: party }\n  lonely: { kind: prty }\n",
            "notes.txt": "not a graph file",
            ".hidden.yaml": "not: read",
        ])
        defer { try? FileManager.default.removeItem(at: dir) }
        let loaded = GraphFolder.read(contentsOf: dir.path)
        #expect(loaded.diagnostics.filter { $0.severity == .error }.map(\.description) == [
            "\(dir.path)/a-actors.yaml:5:19: error: unknown actor kind 'prty'; did you mean 'party'?",
            "\(dir.path)/b-relations.yaml:3:40: error: unknown actor 'pp' in 'between'; did you mean 'ppp'?",
        ])
        #expect(loaded.graph.actors.count == 3)
        #expect(loaded.graph.relations.count == 2)
    }

    @Test func anIdDeclaredTwiceMustAgreeFieldByField() throws {
        let dir = try Self.folder([
            "1.yaml": """
                actorgraph: 1
                title: Karachi
                sources:
                  cable: { title: Cable, date: 2010-01 }
                actors:
                  ppp: { name: Pakistan Peoples Party, kind: party }
                  mqm-a: { kind: party }
                relations:
                  - { id: pact, kind: coalition, between: [mqm-a, ppp] }

                """,
            "2.yaml": """
                actorgraph: 1
                title: Karachi, 2010
                sources:
                  cable: { title: Cable, date: 2010-02 }
                actors:
                  ppp: { name: PPP, kind: party, role: ruling party }
                  mqm-a: { kind: party }
                relations:
                  - { id: pact, kind: coalition, between: [mqm-a, ppp], since: 2008 }

                """,
        ])
        defer { try? FileManager.default.removeItem(at: dir) }
        let loaded = GraphFolder.read(contentsOf: dir.path)
        let one = "\(dir.path)/1.yaml", two = "\(dir.path)/2.yaml"
        #expect(loaded.diagnostics.map(\.description) == [
            "\(two):2:8: error: the title is declared in two files that disagree on 'title': 'Karachi, 2010' here, 'Karachi' at \(one):2:8; an id declared twice must agree field by field: make the two the same, or keep one declaration",
            "\(two):4:32: error: source 'cable' is declared in two files that disagree on 'date': '2010-02' here, '2010-01' at \(one):4:32; an id declared twice must agree field by field: make the two the same, or keep one declaration",
            "\(two):6:16: error: actor 'ppp' is declared in two files that disagree on 'name': 'PPP' here, 'Pakistan Peoples Party' at \(one):6:16; an id declared twice must agree field by field: make the two the same, or keep one declaration",
            "\(two):6:40: error: actor 'ppp' is declared in two files that disagree on 'role': 'ruling party' here, none at \(one):6:3; an id declared twice must agree field by field: make the two the same, or keep one declaration",
            "\(two):9:64: error: relation 'pact' is declared in two files that disagree on 'since': '2008' here, none at \(one):9:5; an id declared twice must agree field by field: make the two the same, or keep one declaration",
        ])
        // The first declarations stand; the agreeing 'mqm-a' is one actor.
        #expect(loaded.graph.actors.map(\.id) == ["ppp", "mqm-a"])
        #expect(loaded.graph.actors[0].name == "Pakistan Peoples Party")
        #expect(loaded.graph.relations.count == 1)
    }

    @Test func duplicatesWithinOneFileAreStillDuplicates() throws {
        let dir = try Self.folder([
            "a.yaml": "actorgraph: 1\nactors:\n  ppp: { kind: party }\n",
            "b.yaml": "actorgraph: 1\nactors:\n  x: { kind: party }\n  x: { kind: party }\nrelations:\n  - { kind: conflict, between: [x, ppp] }\n",
        ])
        defer { try? FileManager.default.removeItem(at: dir) }
        let loaded = GraphFolder.read(contentsOf: dir.path)
        #expect(loaded.diagnostics.map(\.description) == [
            "\(dir.path)/b.yaml:4:3: error: duplicate actor id 'x' (first at \(dir.path)/b.yaml:3:3); ids must be unique: rename one of the two, or merge them",
        ])
    }

    @Test func anEmptyFolderOrABrokenFileIsAnError() throws {
        let empty = try Self.folder([:])
        defer { try? FileManager.default.removeItem(at: empty) }
        #expect(GraphFolder.read(contentsOf: empty.path).diagnostics.map(\.message) == ["the folder holds no graph files (.yaml, .yml or .json)"])
        let broken = try Self.folder(["a.yaml": "actorgraph: 1\nactors: { a: { kind: party }\n", "b.json": "{\"actorgraph\": 1, \"actors\": {\"b\": {\"kind\": \"party\"}}}"])
        defer { try? FileManager.default.removeItem(at: broken) }
        let loaded = GraphFolder.read(contentsOf: broken.path)
        #expect(loaded.hasErrors)
        #expect(loaded.diagnostics.first?.file == broken.path + "/a.yaml")
        #expect(loaded.graph.actors.map(\.id) == ["b"], "the other files are still read")
    }
}
