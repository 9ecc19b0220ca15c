import ActorGraphCLI
import ActorGraphFormats
import ActorGraphModel
import Foundation
import Testing

/// End-to-end tests: run the built `actorgraph` executable as a user would, and compare whole
/// outputs and exit statuses. `swift build --build-tests` builds the executable.
@Suite struct EndToEndTests {
    /// What `check` adds for the Karachi graph: its quotes, found in the cable's text.
    static let karachiEvidence = "; 77 quotes verified, 68 cites resolved in 1 source text"

    // MARK: check

    @Test func checkPrintsOneOkLineForAValidGraph() throws {
        let graph = try Self.exampleGraph("karachi-2010.yaml")
        let run = try Self.run(["check", "graphs/karachi-2010.yaml"], in: Self.packageRoot)
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout == "graphs/karachi-2010.yaml: ok: \(graph.actors.count) actors, \(graph.relations.count) relations, 0 warnings\(Self.karachiEvidence)\n")
        #expect(run.stderr == "")
    }

    @Test func checkOfAllThreeGraphsReportsTheIsolatedFlorentineFamily() throws {
        let names = ["florentine-families.yaml", "karachi-2010.yaml", "karate-club.yaml"]
        let run = try Self.run(["check"] + names.map { "graphs/\($0)" }, in: Self.packageRoot)
        #expect(run.status == 0, "\(run)")
        let lines = Self.lines(run.stdout)
        for name in names {
            let graph = try Self.exampleGraph(name)
            let warnings = name.hasPrefix("florentine") ? "1 warning" : "0 warnings"
            let evidence = name.hasPrefix("karachi") ? Self.karachiEvidence : ""
            #expect(lines.contains("graphs/\(name): ok: \(graph.actors.count) actors, \(graph.relations.count) relations, \(warnings)\(evidence)"),
                    "\(run)")
        }
        let warnings = lines.filter { $0.contains(": warning: ") }
        try #require(warnings.count == 1, "\(run)")
        // Pucci is declared on its own line, at column 3 (two spaces of indentation).
        let florentine = try String(contentsOf: Self.packageRoot.appendingPathComponent("graphs/florentine-families.yaml"), encoding: .utf8)
        let pucciLine = try #require(Self.lines(florentine).firstIndex { $0.hasPrefix("  pucci:") }) + 1
        #expect(warnings[0].hasPrefix("graphs/florentine-families.yaml:\(pucciLine):3: warning: actor 'pucci'"), "\(warnings[0])")
        #expect(warnings[0].contains("isolated"))
        #expect(Self.matches(warnings[0], #"^graphs/florentine-families\.yaml:[0-9]+:[0-9]+: warning: "#))
    }

    @Test func unknownActorIsReportedAtItsLineAndColumnWithASuggestion() throws {
        let dir = try Self.temporaryDirectory()
        defer { Self.remove(dir) }
        // Line 7 is "    between: [mqm-a, pp]": four spaces, "between: " (9 characters) puts '[' at
        // column 14, "mqm-a, " (7 characters) takes columns 15–21, so 'pp' starts at column 22.
        try Self.write("""
            actorgraph: 1
            actors:
              mqm-a: { name: MQM, kind: party }
              ppp: { name: PPP, kind: party }
            relations:
              - kind: conflict
                between: [mqm-a, pp]

            """, to: dir.appendingPathComponent("unknown.yaml"))
        let run = try Self.run(["check", "unknown.yaml"], in: dir)
        #expect(run.status == 65, "\(run)")
        let line = try #require(Self.lines(run.stdout).first { $0.contains("unknown actor 'pp'") }, "\(run)")
        #expect(line.hasPrefix("unknown.yaml:7:22: error: unknown actor 'pp'"), "\(line)")
        #expect(line.contains("did you mean 'ppp'?"), "\(line)")
        #expect(Self.lines(run.stdout).last?.hasPrefix("unknown.yaml: 1 error") == true, "\(run)")
    }

    @Test func everyErrorOfAFileIsReportedInLineOrder() throws {
        let dir = try Self.temporaryDirectory()
        defer { Self.remove(dir) }
        try Self.write("""
            actorgraph: 1
            actors:
              a: { kind: party }
              b: { kind: partyy }
              c: { kind: party }
            relations:
              - { kind: conflict, between: [a, zz] }
              - { kind: conflict, between: [a, b], weight: heavy }
              - { kind: nonsense, between: [b, c] }

            """, to: dir.appendingPathComponent("several.yaml"))
        let run = try Self.run(["check", "several.yaml"], in: dir)
        #expect(run.status == 65, "\(run)")
        let errors = Self.lines(run.stdout).filter { $0.contains(": error: ") }
        #expect(errors.count == 4, "\(run)")
        let errorLines = errors.compactMap { Self.lineNumber(of: $0, file: "several.yaml") }
        #expect(errorLines == [4, 7, 8, 9], "\(errors)")
        #expect(errors.allSatisfy { Self.matches($0, #"^several\.yaml:[0-9]+:[0-9]+: error: "#) }, "\(errors)")
        #expect(errors.count == 4 && errors[0].contains("'partyy'") && errors[1].contains("'zz'")
                && errors[2].contains("weight") && errors[3].contains("'nonsense'"), "\(errors)")
        #expect(Self.lines(run.stdout).last?.hasPrefix("several.yaml: 4 errors") == true, "\(run)")

        // The same file gives the same report in another process (hash seeds differ per process).
        let again = try Self.run(["check", "several.yaml"], in: dir)
        #expect(again == run)
    }

    @Test func strictTurnsWarningsIntoFailure() throws {
        let dir = try Self.temporaryDirectory()
        defer { Self.remove(dir) }
        try Self.write("""
            actorgraph: 1
            actors:
              a: { kind: party }
              b: { kind: party }
              c: { kind: party }
            relations:
              - { kind: conflict, between: [a, b] }

            """, to: dir.appendingPathComponent("warnings.yaml"))
        let lenient = try Self.run(["check", "warnings.yaml"], in: dir)
        #expect(lenient.status == 0, "\(lenient)")
        #expect(lenient.stdout.hasPrefix("warnings.yaml:5:3: warning: actor 'c'"), "\(lenient)")
        #expect(Self.lines(lenient.stdout).last == "warnings.yaml: ok: 3 actors, 1 relation, 1 warning")

        let strict = try Self.run(["check", "--strict", "warnings.yaml"], in: dir)
        #expect(strict.status == 65, "\(strict)")
        #expect(strict.stdout == lenient.stdout, "--strict changes the status, not the report")
    }

    @Test func quietPrintsOnlyTheProblems() throws {
        let dir = try Self.temporaryDirectory()
        defer { Self.remove(dir) }
        try Self.write("""
            actorgraph: 1
            actors:
              a: { kind: party }
              b: { kind: party }
              c: { kind: party }
            relations:
              - { kind: conflict, between: [a, b] }
              - { kind: conflict, between: [a, d] }

            """, to: dir.appendingPathComponent("bad.yaml"))
        let quiet = try Self.run(["check", "--quiet", "bad.yaml"], in: dir)
        let loud = try Self.run(["check", "bad.yaml"], in: dir)
        #expect(quiet.status == 65 && loud.status == 65)
        #expect(Self.lines(loud.stdout).last?.hasPrefix("bad.yaml: 1 error") == true, "\(loud)")
        #expect(Self.lines(quiet.stdout) == Self.lines(loud.stdout).dropLast(), "\(quiet)")
        #expect(!quiet.stdout.contains("bad.yaml: 1 error"))

        let karachi = try Self.run(["check", "-q", "graphs/karachi-2010.yaml"], in: Self.packageRoot)
        #expect(karachi.status == 0, "\(karachi)")
        #expect(karachi.stdout == "", "a clean file prints nothing with --quiet")
    }

    @Test func aMissingFileIsBadInput() throws {
        let dir = try Self.temporaryDirectory()
        defer { Self.remove(dir) }
        let check = try Self.run(["check", "missing.yaml"], in: dir)
        #expect(check.status == 65, "\(check)")
        #expect(check.stdout.hasPrefix("missing.yaml: error: cannot read the file"), "\(check)")
        let summary = try Self.run(["summary", "missing.yaml"], in: dir)
        #expect(summary.status == 65, "\(summary)")
        #expect(summary.stdout == "")
        #expect(summary.stderr.contains("cannot read the file"), "\(summary)")
    }

    // MARK: summary

    @Test func summaryAsJSONDescribesTheGraph() throws {
        let graph = try Self.exampleGraph("karachi-2010.yaml")
        let run = try Self.run(["summary", "graphs/karachi-2010.yaml", "--format", "json"], in: Self.packageRoot)
        #expect(run.status == 0, "\(run)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any], "\(run.stdout)")
        #expect(Set(object.keys) == ["title", "actors", "relations", "actorKinds", "relationKinds", "positive", "negative",
                                     "unsigned", "components", "largestComponent", "isolated", "claimants", "sources", "dateRange"])
        #expect(object["title"] as? String == graph.title)
        let actors = try #require(object["actors"] as? Int)
        let relations = try #require(object["relations"] as? Int)
        #expect(actors == graph.actors.count)
        #expect(relations == graph.relations.count)
        let positive = try #require(object["positive"] as? Int)
        let negative = try #require(object["negative"] as? Int)
        let unsigned = try #require(object["unsigned"] as? Int)
        #expect(positive + negative + unsigned == relations)
        #expect(positive > 0 && negative > 0, "the Karachi graph has ties of both signs")
        let actorKinds = Dictionary(uniqueKeysWithValues: try #require(object["actorKinds"] as? [[String: Any]]).map { ($0["kind"] as! String, $0["count"] as! Int) })
        #expect(actorKinds.values.reduce(0, +) == actors)
        #expect(Set(actorKinds.keys) == Set(graph.actors.map(\.kind)))
        let relationKinds = Dictionary(uniqueKeysWithValues: try #require(object["relationKinds"] as? [[String: Any]]).map { ($0["kind"] as! String, $0["count"] as! Int) })
        #expect(relationKinds.values.reduce(0, +) == relations)
        let components = try #require(object["components"] as? Int)
        let largest = try #require(object["largestComponent"] as? Int)
        let isolated = try #require(object["isolated"] as? Int)
        #expect(components >= 1 && largest >= 1 && largest <= actors && isolated >= 0 && isolated < actors)
        #expect(largest + (components - 1) <= actors, "the other components have at least one actor each")
        let claimants = try #require(object["claimants"] as? [[String: String]]).compactMap { $0["id"] }
        #expect(claimants == claimants.sorted())
        #expect(claimants.count >= 3)
        #expect(Set(claimants).isSubset(of: graph.actors.map(\.id)))
        #expect(object["sources"] as? [String] == ["cable"])
        let dates = try #require(object["dateRange"] as? [String: String])
        #expect(Set(dates.keys) == ["from", "to"])
        let from = try #require(dates["from"].flatMap { PartialDate($0) }, "\(dates)")
        let to = try #require(dates["to"].flatMap { PartialDate($0) }, "\(dates)")
        #expect(from <= to)
    }

    @Test func summaryAsATable() throws {
        let graph = try Self.exampleGraph("karachi-2010.yaml")
        let run = try Self.run(["summary", "graphs/karachi-2010.yaml"], in: Self.packageRoot)
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout.hasPrefix("title"), "\(run)")
        let actorsLine = try #require(Self.lines(run.stdout).first { $0.hasPrefix("actors") }, "\(run)")
        #expect(actorsLine.contains(" \(graph.actors.count)"), "\(actorsLine)")
        #expect(run.stderr == "")
    }

    @Test func summaryOfAnInvalidFilePrintsOnlyErrors() throws {
        let dir = try Self.temporaryDirectory()
        defer { Self.remove(dir) }
        try Self.write("""
            actorgraph: 1
            actors:
              a: { kind: party }
              b: { kind: party }
            relations:
              - { kind: conflict, between: [a, x] }

            """, to: dir.appendingPathComponent("invalid.yaml"))
        let run = try Self.run(["summary", "invalid.yaml", "--format", "json"], in: dir)
        #expect(run.status == 65, "\(run)")
        #expect(run.stdout == "")
        #expect(run.stderr.contains("invalid.yaml:6:"), "\(run)")
        #expect(Self.lines(run.stderr).contains { $0.hasPrefix("invalid.yaml:6:") && $0.contains(": error: unknown actor 'x'") }, "\(run)")
    }

    // MARK: Usage

    @Test func usageErrorsExitWithTwo() throws {
        let file = "graphs/karachi-2010.yaml"
        let unknown = try Self.run(["frobnicate", file], in: Self.packageRoot)
        #expect(unknown.status == 2, "\(unknown)")
        #expect(unknown.stdout == "")
        #expect(!unknown.stderr.isEmpty)

        let xml = try Self.run(["summary", file, "--format", "xml"], in: Self.packageRoot)
        #expect(xml.status == 2, "\(xml)")
        #expect(xml.stdout == "")
        #expect(xml.stderr.contains("'table'") && xml.stderr.contains("'json'"), "\(xml)")

        for command in [["check"], ["summary"], ["format"]] {
            let missing = try Self.run(command, in: Self.packageRoot)
            #expect(missing.status == 2, "\(missing)")
            #expect(missing.stdout == "")
            #expect(missing.stderr.contains("Missing"), "\(missing)")
        }
        let badOption = try Self.run(["check", "--no-such-flag", file], in: Self.packageRoot)
        #expect(badOption.status == 2, "\(badOption)")
    }

    @Test func helpAndVersion() throws {
        let root = try Self.run(["--help"], in: Self.packageRoot)
        #expect(root.status == 0, "\(root)")
        let subcommands = try #require(root.stdout.range(of: "SUBCOMMANDS:"), "\(root)")
        let listed = Self.lines(String(root.stdout[subcommands.upperBound...]))
            .compactMap { $0.split(separator: " ").first.map(String.init) }
        for name in ["check", "summary", "format"] {
            #expect(listed.contains(name), "\(name) in \(root.stdout)")
            let help = try Self.run([name, "--help"], in: Self.packageRoot)
            #expect(help.status == 0, "\(help)")
            #expect(help.stdout.contains("USAGE: actorgraph \(name)"), "\(help)")
        }
        let version = try Self.run(["--version"], in: Self.packageRoot)
        #expect(version.status == 0, "\(version)")
        #expect(Self.matches(version.stdout, #"^[0-9]+\.[0-9]+\.[0-9]+\n$"#), "\(version)")
        #expect(version.stdout == ActorGraphCommand.version + "\n")
    }

    // MARK: format

    @Test func formatToJSONReadsBack() throws {
        let graph = try Self.exampleGraph("karachi-2010.yaml")
        let dir = try Self.temporaryDirectory()
        defer { Self.remove(dir) }
        let karachi = Self.packageRoot.appendingPathComponent("graphs/karachi-2010.yaml").path
        let run = try Self.run(["format", karachi, "--to", "json"], in: dir)
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout.hasPrefix("{"))
        #expect((try? JSONSerialization.jsonObject(with: Data(run.stdout.utf8))) is [String: Any], "the output is JSON")
        try Self.write(run.stdout, to: dir.appendingPathComponent("karachi.json"))
        let check = try Self.run(["check", "karachi.json"], in: dir)
        #expect(check.status == 0, "\(check)")
        #expect(check.stdout == "karachi.json: ok: \(graph.actors.count) actors, \(graph.relations.count) relations, 0 warnings\(Self.karachiEvidence)\n")
        // The same graph, but for the cable's path, which now leads from the folder the JSON was written in.
        let back = GraphFile.read(contentsOf: dir.appendingPathComponent("karachi.json").path)
        #expect(back.sourceTexts["cable"]?.text == (try String(contentsOf: Self.packageRoot.appendingPathComponent("graphs/sources/karachi-targeted-killings-escalate.txt"), encoding: .utf8)))
        var expected = graph
        expected.sources[0].text = back.graph.sources[0].text
        #expect(back.graph == expected)
    }

    @Test func formatWritesTheOutputFile() throws {
        let graph = try Self.exampleGraph("karachi-2010.yaml")
        let dir = try Self.temporaryDirectory()
        defer { Self.remove(dir) }
        let karachi = Self.packageRoot.appendingPathComponent("graphs/karachi-2010.yaml").path
        let run = try Self.run(["format", karachi, "-o", "out.yaml"], in: dir)
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout == "")
        let written = try String(contentsOf: dir.appendingPathComponent("out.yaml"), encoding: .utf8)
        let toStdout = try Self.run(["format", karachi], in: dir)
        #expect(written == toStdout.stdout, "-o writes what standard output would show")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["out.yaml"], "no temporary file is left")
        let check = try Self.run(["check", "out.yaml"], in: dir)
        #expect(check.stdout == "out.yaml: ok: \(graph.actors.count) actors, \(graph.relations.count) relations, 0 warnings\(Self.karachiEvidence)\n")

        // -o with a .json name picks JSON.
        let json = try Self.run(["format", karachi, "-o", "out.json"], in: dir)
        #expect(json.status == 0, "\(json)")
        let jsonText = try String(contentsOf: dir.appendingPathComponent("out.json"), encoding: .utf8)
        #expect(jsonText == (try Self.run(["format", karachi, "--to", "json"], in: dir)).stdout)
    }

    @Test(arguments: ["florentine-families.yaml", "karachi-2010.yaml", "karate-club.yaml"])
    func formatIsByteIdenticalAcrossRuns(name: String) throws {
        let path = "graphs/\(name)"
        for syntax in ["yaml", "json"] {
            let first = try Self.run(["format", path, "--to", syntax], in: Self.packageRoot)
            let second = try Self.run(["format", path, "--to", syntax], in: Self.packageRoot)
            #expect(first.status == 0, "\(first)")
            #expect(!first.stdout.isEmpty)
            #expect(first.stdout == second.stdout, "\(name) as \(syntax)")
        }
    }

    @Test func formatOfAnInvalidFileWritesNothing() throws {
        let dir = try Self.temporaryDirectory()
        defer { Self.remove(dir) }
        try Self.write("""
            actorgraph: 1
            actors:
              a: { kind: party }
            relations:
              - { kind: conflict, between: [a, b] }

            """, to: dir.appendingPathComponent("invalid.yaml"))
        let run = try Self.run(["format", "invalid.yaml", "-o", "out.yaml"], in: dir)
        #expect(run.status == 65, "\(run)")
        #expect(run.stdout == "")
        #expect(run.stderr.contains("invalid.yaml:5:"), "\(run)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["invalid.yaml"],
                "no output file and no leftover temporary file")

        // An existing output file is left as it was.
        try Self.write("keep me\n", to: dir.appendingPathComponent("out.yaml"))
        let again = try Self.run(["format", "invalid.yaml", "-o", "out.yaml"], in: dir)
        #expect(again.status == 65, "\(again)")
        #expect(try String(contentsOf: dir.appendingPathComponent("out.yaml"), encoding: .utf8) == "keep me\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == ["invalid.yaml", "out.yaml"])
    }

    // MARK: Running the executable

    /// What a run printed and how it ended.
    struct Run: Equatable, CustomStringConvertible {
        var status: Int32
        var stdout: String
        var stderr: String

        var description: String { "exit \(status)\n--- stdout:\n\(stdout)--- stderr:\n\(stderr)---" }
    }

    /// The package root: three levels up from this file (Tests/ActorGraphCLITests/EndToEndTests.swift).
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The built `actorgraph`: beside the test bundle, else in the package's .build/debug.
    static func executable() throws -> URL {
        var candidates: [URL] = []
        if let main = Bundle.main.executableURL { candidates.append(main.deletingLastPathComponent()) }
        if let first = CommandLine.arguments.first { candidates.append(URL(fileURLWithPath: first).deletingLastPathComponent()) }
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            candidates.append(bundle.bundleURL.deletingLastPathComponent())
        }
        candidates.append(packageRoot.appendingPathComponent(".build/debug"))
        let found = candidates.map { $0.appendingPathComponent("actorgraph") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
        return try #require(found, """
            the actorgraph executable was not found in \(candidates.map(\.path)); \
            build it first with 'swift build --build-tests'
            """)
    }

    /// Runs `actorgraph arguments` in `directory`, collecting its output through files (pipes could
    /// fill up and block a large output).
    static func run(_ arguments: [String], in directory: URL) throws -> Run {
        let outputs = try temporaryDirectory()
        defer { remove(outputs) }
        let out = outputs.appendingPathComponent("stdout"), err = outputs.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        let outHandle = try FileHandle(forWritingTo: out), errHandle = try FileHandle(forWritingTo: err)
        let process = Process()
        process.executableURL = try executable()
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = outHandle
        process.standardError = errHandle
        try process.run()
        process.waitUntilExit()
        try outHandle.close()
        try errHandle.close()
        #expect(process.terminationReason == .exit, "actorgraph \(arguments) crashed (signal \(process.terminationStatus))")
        return Run(status: process.terminationStatus,
                   stdout: String(decoding: try Data(contentsOf: out), as: UTF8.self),
                   stderr: String(decoding: try Data(contentsOf: err), as: UTF8.self))
    }

    // MARK: Helpers

    /// An example graph, read in-process; it must be free of errors.
    static func exampleGraph(_ name: String) throws -> ActorGraph {
        let loaded = GraphFile.read(contentsOf: packageRoot.appendingPathComponent("graphs/\(name)").path)
        try #require(!loaded.hasErrors, "\(loaded.diagnostics.map(\.description))")
        return loaded.graph
    }

    /// A fresh, empty directory; remove it with ``remove(_:)``.
    static func temporaryDirectory() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("actorgraph-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    static func remove(_ dir: URL) { try? FileManager.default.removeItem(at: dir) }

    static func write(_ text: String, to url: URL) throws {
        try Data(text.utf8).write(to: url)
    }

    /// The lines of `text`, without the empty piece after a final newline.
    static func lines(_ text: String) -> [String] {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        return lines
    }

    /// The LINE of a `file:LINE:COLUMN: …` diagnostic.
    static func lineNumber(of diagnostic: String, file: String) -> Int? {
        guard diagnostic.hasPrefix(file + ":") else { return nil }
        return diagnostic.dropFirst(file.count + 1).split(separator: ":").first.flatMap { Int($0) }
    }

    static func matches(_ text: String, _ pattern: String) -> Bool {
        text.range(of: pattern, options: .regularExpression) != nil
    }
}
