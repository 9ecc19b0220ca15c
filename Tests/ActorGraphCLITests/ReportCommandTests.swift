import Foundation
import Testing

/// `actorgraph report`, run as a user runs it: the committed demo page is reproduced byte for
/// byte, and bad input, bad options and unwritable outputs fail with the right status and leave
/// no file behind. (The page itself is tested in a browser by Tests/Browser/briefing_test.py.)
@Suite struct ReportCommandTests {
    typealias E2E = EndToEndTests

    @Test func reproducesTheCommittedBriefing() throws {
        let dir = try E2E.temporaryDirectory()
        defer { E2E.remove(dir) }
        let graph = E2E.packageRoot.appendingPathComponent("graphs/karachi-2010.yaml").path
        let run = try E2E.run(["report", graph, "-o", "b.html"], in: dir)
        #expect(run.status == 0 && run.stdout.isEmpty && run.stderr.isEmpty, "\(run)")
        let written = try Data(contentsOf: dir.appendingPathComponent("b.html"))
        let committed = try Data(contentsOf: E2E.packageRoot.appendingPathComponent("graphs/rendered/karachi-2010-briefing.html"))
        #expect(written == committed, "the page differs from graphs/rendered/karachi-2010-briefing.html; run 'make demo' and look at it")
        #expect(written.count < 5_000_000)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0 != "b.html" }
        #expect(leftovers.isEmpty, "\(leftovers)")
    }

    @Test func optionsShapeThePage() throws {
        let dir = try E2E.temporaryDirectory()
        defer { E2E.remove(dir) }
        let graph = E2E.packageRoot.appendingPathComponent("graphs/karachi-2010.yaml").path
        let run = try E2E.run(["report", graph, "-o", "b.html", "--title", "A & B", "--at", "2010-01-08", "--theme", "print", "--engine", "dot"], in: dir)
        #expect(run.status == 0, "\(run)")
        let page = try String(contentsOf: dir.appendingPathComponent("b.html"), encoding: .utf8)
        #expect(page.contains("<title>A &amp; B</title>"))
        #expect(page.contains("\"openAt\":\"2010-01-08\""))
    }

    /// Past the legibility limits (101 actors here) the page is refused before any analysis, with
    /// the reduced diagrams named and no file written; --force writes it.
    @Test func aGraphTooLargeToDrawIsRefusedUnlessForced() throws {
        let dir = try E2E.temporaryDirectory()
        defer { E2E.remove(dir) }
        let lines = ["actorgraph: 1", "actors:"] + (0...100).map { "  p\($0): { kind: person }" }
            + ["relations:"] + (0..<100).map { "  - { kind: alliance, between: [p\($0), p\($0 + 1)] }" }
        try (lines.joined(separator: "\n") + "\n").write(to: dir.appendingPathComponent("big.yaml"), atomically: true, encoding: .utf8)
        let refused = try E2E.run(["report", "big.yaml", "-o", "b.html"], in: dir)
        #expect(refused.status == 1, "\(refused)")
        #expect(refused.stderr.contains("big.yaml: 101 actors and 100 relations are too many for the briefing's diagram"), "\(refused.stderr)")
        for hint in ["--top 50", "--collapse factions", "--force"] { #expect(refused.stderr.contains(hint), "\(hint)") }
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("b.html").path))
        let forced = try E2E.run(["report", "big.yaml", "-o", "b.html", "--force"], in: dir)
        #expect(forced.status == 0 && forced.stderr.isEmpty, "\(forced)")
        let page = try String(contentsOf: dir.appendingPathComponent("b.html"), encoding: .utf8)
        #expect(page.contains("data-actor=\"p100\""))
    }

    @Test func failuresLeaveNoFile() throws {
        let dir = try E2E.temporaryDirectory()
        defer { E2E.remove(dir) }
        let graph = E2E.packageRoot.appendingPathComponent("graphs/karachi-2010.yaml").path
        let badDate = try E2E.run(["report", graph, "-o", "b.html", "--at", "2010-13"], in: dir)
        #expect(badDate.status == 2 && badDate.stderr.contains("months run from 01 to 12"), "\(badDate)")
        let twoDates = try E2E.run(["report", graph, "-o", "b.html", "--at", "2009,2010"], in: dir)
        #expect(twoDates.status == 2 && twoDates.stderr.contains("one date"), "\(twoDates)")
        let badTheme = try E2E.run(["report", graph, "-o", "b.html", "--theme", "neon"], in: dir)
        #expect(badTheme.status == 2, "\(badTheme)")
        try "actorgraph: 1\nactors:\n  a: { kind: person }\nrelations:\n  - { kind: conflict, between: [a, nobody] }\n"
            .write(to: dir.appendingPathComponent("bad.yaml"), atomically: true, encoding: .utf8)
        let badGraph = try E2E.run(["report", "bad.yaml", "-o", "b.html"], in: dir)
        #expect(badGraph.status == 65 && badGraph.stderr.contains("bad.yaml:5:"), "\(badGraph)")
        let missingFolder = try E2E.run(["report", graph, "-o", "no/such/folder/b.html"], in: dir)
        #expect(missingFolder.status == 1 && missingFolder.stderr.contains("cannot write"), "\(missingFolder)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["bad.yaml"])
    }
}
