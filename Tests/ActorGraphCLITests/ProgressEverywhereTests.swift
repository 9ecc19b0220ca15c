import Foundation
import Testing

/// Every command that can run long shows progress on a terminal (the step, n of N and the
/// elapsed time), nothing when standard error is not a terminal, and nothing with --quiet.
/// `ACTORGRAPH_TEST_PROGRESS_AFTER=0` makes the display start at once instead of after half a
/// second, so that the small example graph suffices.
@Suite(.serialized) struct ProgressEverywhereTests {
    typealias E = EndToEndTests

    static let karachi = "graphs/karachi-2010.yaml"

    /// The command lines, and the step each must show while it reads the graph.
    static let commands: [[String]] = [
        ["check", karachi],
        ["summary", karachi],
        ["factions", karachi],
        ["balance", karachi],
        ["centrality", "graphs/florentine-families.yaml"],
        ["brokers", karachi],
        ["patronage", karachi],
        ["render", karachi, "-o", "OUT/k.svg"],
        ["convert", karachi, "OUT/k.graphml"],
        ["format", karachi, "-o", "OUT/k.yaml"],
        ["report", karachi, "-o", "OUT/k.html"],
        ["evidence", karachi],
        ["sources", karachi],
    ]

    /// Runs `arguments` under `script`, which gives it a terminal; returns what the terminal saw.
    static func onTerminal(_ arguments: [String], in dir: URL) throws -> String {
        let binary = try E.executable().path
        let args = arguments.map { "'\($0.replacingOccurrences(of: "OUT/", with: dir.path + "/"))'" }.joined(separator: " ")
        let command = "cd '\(E.packageRoot.path)' && ACTORGRAPH_TEST_PROGRESS_AFTER=0 '\(binary)' \(args) > /dev/null"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        process.arguments = ["-qec", command, "/dev/null"]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(arguments): status \(process.terminationStatus)")
        return String(decoding: data, as: UTF8.self)
    }

    @Test(arguments: commands)
    func showsTheStepOnATerminal(_ arguments: [String]) throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/script") else { return }
        let dir = try E.temporaryDirectory()
        defer { E.remove(dir) }
        let shown = try Self.onTerminal(arguments, in: dir)
        let name = (arguments[1] as NSString).lastPathComponent
        #expect(shown.contains("actorgraph \(arguments[0]): reading \(name) 0 of 1, "), "\(shown.debugDescription)")
        #expect(shown.contains(" s"), "the elapsed time")
        #expect(shown.contains("\r\u{1B}[K"), "the line is cleared")
        let quiet = try Self.onTerminal(arguments + [arguments[0] == "check" ? "-q" : "--quiet"], in: dir)
        #expect(!quiet.contains("actorgraph \(arguments[0]): "), "--quiet: \(quiet.debugDescription)")
    }

    @Test func silentWhenStandardErrorIsNotATerminal() throws {
        let dir = try E.temporaryDirectory()
        defer { E.remove(dir) }
        for arguments in Self.commands {
            let run = try E.run(arguments.map { $0.replacingOccurrences(of: "OUT/", with: dir.path + "/") }, in: E.packageRoot)
            #expect(run.status == 0, "\(arguments): \(run.stderr)")
            #expect(!run.stderr.contains("actorgraph \(arguments[0]): ") && !run.stderr.contains("\u{1B}[K"), "\(arguments): \(run.stderr.debugDescription)")
        }
    }
}
