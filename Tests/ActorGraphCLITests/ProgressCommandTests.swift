import Foundation
import Testing

/// Progress on standard error (only on a terminal, never with --quiet), and Ctrl-C (a real
/// SIGINT to the child process) leaving no partial output file.
@Suite(.serialized) struct ProgressCommandTests {
    typealias E = EndToEndTests

    /// A seeded graph large enough for `claims` to run past the half second before progress shows.
    static func bigGraph(in dir: URL) throws -> String {
        var state: UInt64 = 42
        func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(n))
        }
        var yaml = "actorgraph: 1\nactors:\n"
        let n = 400
        for i in 0..<n { yaml += "  a\(i): { kind: party }\n" }
        yaml += "relations:\n"
        var seen = Set<String>()
        while seen.count < 1600 {
            let u = next(n), v = next(n)
            guard u != v else { continue }
            let positive = (u % 4 == v % 4) != (next(8) == 0)
            let kind = positive ? "coalition" : "conflict"
            guard seen.insert("\(kind) \(min(u, v)) \(max(u, v))").inserted else { continue }
            let claim = next(4) == 0 ? ", claimed-by: a\([1, 2, 3, 5].first { $0 != u && $0 != v }!)" : ""
            yaml += "  - { kind: \(kind), between: [a\(u), a\(v)]\(claim) }\n"
        }
        let path = dir.appendingPathComponent("big.yaml").path
        try yaml.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func silentWhenStandardErrorIsNotATerminal() throws {
        let dir = try E.temporaryDirectory()
        defer { E.remove(dir) }
        let graph = try Self.bigGraph(in: dir)
        let run = try E.run(["claims", graph], in: dir)
        #expect(run.status == 0, "\(run)")
        #expect(run.stderr.isEmpty, "\(run.stderr)")
        #expect(!run.stdout.contains("\u{1B}[K"))
    }

    /// On a terminal (`script` gives the child one), the step, n of N and the elapsed time; with
    /// --quiet nothing, even when the line would show at once. Skipped where `script` is missing.
    @Test func shownOnATerminalUnlessQuiet() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/script") else { return }
        let dir = try E.temporaryDirectory()
        defer { E.remove(dir) }
        let graph = try Self.bigGraph(in: dir)
        // The terminal run ProgressEverywhereTests uses (ACTORGRAPH_TEST_PROGRESS_AFTER=0: the line
        // shows at once, not after half a second; claims on this graph can finish sooner).
        func onTerminal(_ extra: [String]) throws -> String {
            try ProgressEverywhereTests.onTerminal(["claims", graph, "--format", "json"] + extra, in: dir)
        }
        let shown = try onTerminal([])
        #expect(shown.contains("actorgraph claims: narratives "), "\(shown.debugDescription)")
        #expect(shown.contains(" of ") && shown.contains(" s"))
        #expect(shown.hasSuffix("\r\u{1B}[K") || shown.contains("\r\u{1B}[K"), "the line is cleared at the end")
        let quiet = try onTerminal(["--quiet"])
        #expect(!quiet.contains("narratives"), "\(quiet.debugDescription)")
    }

    /// A real SIGINT while the output's temporary file is written (held there by a test-only
    /// pause): exit 130, and neither the output nor the temporary is left.
    @Test func interruptLeavesNoPartialFile() throws {
        let dir = try E.temporaryDirectory()
        defer { E.remove(dir) }
        let source = E.packageRoot.appendingPathComponent("graphs/karachi-2010.yaml").path
        let process = Process()
        process.executableURL = try E.executable()
        process.arguments = ["format", source, "-o", "out.yaml"]
        process.currentDirectoryURL = dir
        process.environment = ProcessInfo.processInfo.environment.merging(["ACTORGRAPH_TEST_PAUSE_BEFORE_RENAME": "60"]) { $1 }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        var sawTemporary = false
        for _ in 0..<600 {   // up to 60 s for a loaded machine
            let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
            if names.contains(where: { $0.hasPrefix(".out.yaml.") && $0.hasSuffix(".tmp") }) { sawTemporary = true; break }
            Thread.sleep(forTimeInterval: 0.1)
        }
        #expect(sawTemporary, "the temporary file never appeared")
        kill(process.processIdentifier, SIGINT)
        process.waitUntilExit()
        #expect(process.terminationReason == .exit && process.terminationStatus == 130,
                "status \(process.terminationStatus), reason \(process.terminationReason.rawValue)")
        let left = try FileManager.default.contentsOfDirectory(atPath: dir.path)
        #expect(left.isEmpty, "left behind: \(left)")
    }
}
