import ActorGraphFormats
import Foundation
import Testing

/// `actorgraph evidence`, `actorgraph sources`, quotes in `check`, and folders, run as a user would.
@Suite struct EvidenceCommandTests {
    typealias E = EndToEndTests

    static let karachi = "graphs/karachi-2010.yaml"

    @Test func evidenceOfTheFissurePrintsParagraphsThreeFiveAndNineWithTheQuotedWords() throws {
        let run = try E.run(["evidence", Self.karachi, "--relation", "fissure"], in: E.packageRoot)
        #expect(run.status == 0, "\(run)")
        #expect(run.stderr == "")
        let lines = E.lines(run.stdout)
        #expect(lines.first == "[fissure] mqm-a –conflict– ppp   (Muttahida Qaumi Movement (Altaf) and Pakistan Peoples Party)")
        #expect(lines.filter { $0.hasPrefix("  cable ") } == ["  cable ¶3  (lines 21–37):", "  cable ¶5  (lines 50–56):", "  cable ¶9  (lines 86–91):"])
        // Piped: the quoted words between «…», each on the lines it spans.
        #expect(lines.contains("    │ were members of MQM-H.  Then, «on January 7, the body of a beheaded"))
        #expect(lines.contains("    │ MQM-A worker was found».  «This ignited four days of violence, centered"))
        #expect(lines.contains("    │ ¶5.  (C) While «this latest round of violence seems to be a battle"))
        #expect(lines.contains("    │ ¶9.  (C) «The recent uptick in violence between coalition partners"))
        #expect(lines.contains("    │ MQM-A and PPP» is a troubling sign for Karachi.  The longer the local"))
        #expect(lines.contains("  disputed by: Rehman Malik (malik)"))
        #expect(lines.contains("  confidence medium; since 2010-01-07"))
        #expect(lines.contains { $0.hasPrefix("  note: the consulate's assessment") })
        #expect(!run.stdout.contains("\u{1B}["), "no escape codes when piped")
    }

    @Test func evidenceAsJSONIsTheEncodedReport() throws {
        let run = try E.run(["evidence", Self.karachi, "--actor", "gabol", "--format", "json"], in: E.packageRoot)
        #expect(run.status == 0, "\(run)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let relations = try #require(object["relations"] as? [[String: Any]])
        #expect(relations.count == 3, "gabol: the patronage, and his two memberships")
        let first = relations[0]
        #expect((first["from"] as? [String: String]) == ["id": "dakai", "name": "Rehman Dakai"])
        #expect((first["to"] as? [String: String]) == ["id": "gabol", "name": "Nabil Gabol"])
        #expect((first["claimedBy"] as? [[String: String]]) == [["id": "sabzwari", "name": "Faisal Sabzwari"]])
        let cites = try #require(first["cites"] as? [[String: Any]])
        let segments = try #require(cites.first?["segments"] as? [[String: Any]])
        #expect(segments.filter { $0["quoted"] as? Bool == true }.map { $0["text"] as? String } == ["Rehman Dakai, who patronizes Federal Minister Nabil Gabol"])
        // Keys sorted, as JSONEncoder writes them.
        #expect(run.stdout.range(of: "\"cites\"")!.lowerBound < run.stdout.range(of: "\"claimedBy\"")!.lowerBound)
        let unknown = try E.run(["evidence", Self.karachi, "--relation", "fisure"], in: E.packageRoot)
        #expect(unknown.status == 65)
        #expect(unknown.stderr == "graphs/karachi-2010.yaml: no relation has the id 'fisure'; did you mean 'fissure'?\n")
    }

    @Test func sourcesListsTheCitedAndUncitedParagraphs() throws {
        let run = try E.run(["sources", Self.karachi], in: E.packageRoot)
        #expect(run.status == 0, "\(run)")
        let lines = E.lines(run.stdout)
        #expect(lines.first == "cable: KARACHI - TARGETED KILLINGS ESCALATE  (text: sources/karachi-targeted-killings-escalate.txt, 92 lines)")
        #expect(lines.contains("  cited by 53 relations, 77 quotes found in it"))
        #expect(lines.contains("  ¶3  lines 21–37  17 relations  19 quotes"))
        #expect(lines.last == "  not cited: none")
        let json = try E.run(["sources", Self.karachi, "--format", "json"], in: E.packageRoot)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let source = try #require((object["sources"] as? [[String: Any]])?.first)
        #expect(source["quotes"] as? Int == 77)
        #expect((source["passages"] as? [[String: Any]])?.count == 9)
        #expect((source["uncited"] as? [String]) == [])
    }

    /// A misquote, or a paragraph the cable lacks: positioned errors and status 65.
    @Test func aMisquoteOrAMissingParagraphFailsCheckWithStatus65() throws {
        let dir = try E.temporaryDirectory()
        defer { E.remove(dir) }
        let text = try String(contentsOf: E.packageRoot.appendingPathComponent(Self.karachi), encoding: .utf8)
            .replacingOccurrences(of: "not MQM supports\"", with: "not MQM supporters\"")
            .replacingOccurrences(of: "cite: cable ¶6, quote: \"Faisal Sabzwari", with: "cite: cable ¶10, quote: \"Faisal Sabzwari")
            .replacingOccurrences(of: "text: sources/", with: "text: \(E.packageRoot.path)/graphs/sources/")
        try E.write(text, to: dir.appendingPathComponent("k.yaml"))
        let run = try E.run(["check", "k.yaml"], in: dir)
        #expect(run.status == 65, "\(run)")
        let lines = E.lines(run.stdout)
        #expect(lines.count == 3, "\(run)")
        #expect(lines[0].hasPrefix("k.yaml:99:128: error: the quote \"saying the government crackdown targeted only them and not MQM supporters\" is not in cable ¶3 (lines 21–37); the closest words there are \"saying the government crackdown targeted only them and not MQM supports\" (lines 31–32)"), "\(lines[0])")
        #expect(lines[1] == "k.yaml:118:58: error: cable has no ¶10: cable has ¶1–¶9; cite a passage the text has, or check the text file")
        #expect(lines[2] == "k.yaml: 2 errors, 0 warnings")
        // Every other command refuses the graph the same way.
        #expect(try E.run(["evidence", "k.yaml"], in: dir).status == 65)
    }

    @Test func reportsPrintTheQuotesUnderTheRelationsTheyCite() throws {
        let run = try E.run(["fissures", Self.karachi, "--paths", "1"], in: E.packageRoot)
        #expect(run.status == 0, "\(run)")
        let lines = E.lines(run.stdout)
        let head = try #require(lines.firstIndex { $0.contains("[ruling-coalition]") })
        #expect(lines[head + 1] == "     quote: \"points to potential fissures in the ruling coalition\"")
        #expect(lines.contains("         quote: \"The recent uptick in violence between coalition partners MQM-A and PPP\""))
        let claims = try E.run(["claims", Self.karachi], in: E.packageRoot)
        #expect(claims.stdout.contains("  asserts  dakai –patronage→ gabol  cable ¶6; claimed by sabzwari; confidence low\n           quote: \"Rehman Dakai, who patronizes Federal Minister Nabil Gabol\"\n"), "\(claims)")
        let patronage = try E.run(["patronage", Self.karachi], in: E.packageRoot)
        #expect(patronage.stdout.contains("    quote: \"Rehman Dakai, who patronizes Federal Minister Nabil Gabol\""), "\(patronage)")
    }

    /// A folder of two files is one graph for every command; `format DIR -o DIR2` keeps the files.
    @Test func aFolderIsOneGraph() throws {
        let dir = try E.temporaryDirectory()
        defer { E.remove(dir) }
        let graph = dir.appendingPathComponent("graph")
        try FileManager.default.createDirectory(at: graph, withIntermediateDirectories: true)
        try E.write("actorgraph: 1\ntitle: Two files\nactors:\n  a: { kind: party }\n  b: { kind: party }\n", to: graph.appendingPathComponent("1-actors.yaml"))
        try E.write("actorgraph: 1\nactors:\n  c: { kind: gang }\nrelations:\n  - { kind: conflict, between: [a, c] }\n  - { kind: coalition, between: [a, b] }\n",
                    to: graph.appendingPathComponent("2-relations.yaml"))
        let summary = try E.run(["summary", "graph"], in: dir)
        #expect(summary.status == 0, "\(summary)")
        #expect(summary.stdout.contains("actors      3  (party 2, gang 1)\nrelations   2  (coalition 1, conflict 1)\n"), "\(summary)")
        let check = try E.run(["check", "graph"], in: dir)
        #expect(check.stdout == "graph: ok: 3 actors, 2 relations, 0 warnings\n", "\(check)")
        let format = try E.run(["format", "graph", "-o", "out"], in: dir)
        #expect(format.status == 0, "\(format)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("out").path).sorted() == ["1-actors.yaml", "2-relations.yaml"])
        #expect(try String(contentsOf: dir.appendingPathComponent("out/2-relations.yaml"), encoding: .utf8)
                == "actorgraph: 1\nactors:\n  c: { kind: gang }\nrelations:\n  - { kind: conflict, between: [a, c] }\n  - { kind: coalition, between: [a, b] }\n")
        #expect(try E.run(["check", "out"], in: dir).stdout == "out: ok: 3 actors, 2 relations, 0 warnings\n")
        let shown = try E.run(["format", "graph"], in: dir)
        #expect(shown.stdout.hasPrefix("==> 1-actors.yaml <==\nactorgraph: 1\ntitle: Two files\n"), "\(shown)")
        // The split Karachi fixture: every command reads it, quotes checked against the cable.
        let split = try E.run(["check", "Tests/ActorGraphFormatsTests/Fixtures/split-karachi"], in: E.packageRoot)
        #expect(split.stdout == "Tests/ActorGraphFormatsTests/Fixtures/split-karachi: ok: 28 actors, 54 relations, 0 warnings\(E.karachiEvidence)\n", "\(split)")
    }
}
