import ArgumentParser
import Foundation

/// The `actorgraph` command: parses the command line and runs a subcommand.
///
/// Exit status (DESIGN §6): 0 success, 1 failure, 2 usage error, 65 bad input data.
public struct ActorGraphCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "actorgraph",
        abstract: "Map, check and analyse actor relationship graphs: who patronizes whom, who fights whom.",
        discussion: """
            Graphs are written in the native YAML format (or the same schema in JSON): actors with \
            kinds, and typed, signed relations with their evidence (cite, claimed-by, confidence) \
            and time span (since, until). The format is described in the documentation (make docs), \
            article "The file format" (Sources/ActorGraphKit/ActorGraphKit.docc/FileFormat.md).

            Exit status: 0 success, 1 failure, 2 usage error, 65 bad input data.
            """,
        version: ActorGraphCommand.version,
        subcommands: [Check.self, Summary.self, Format.self, Convert.self, Render.self, Export.self, Centrality.self, Factions.self, Balance.self,
                      Fissures.self, Brokers.self, Patronage.self, Diff.self, Claims.self, Robustness.self, Report.self, Schema.self,
                      EvidenceCommand.self, SourcesCommand.self, RenderDOTWorker.self]
    )

    /// The toolkit's version.
    public static let version = "0.1.0"

    public init() {}

    /// Runs the command line `arguments` (without the program name) and returns the exit status.
    /// Messages go to standard output and standard error as the commands decide.
    public static func run(arguments: [String]) -> Int32 {
        do {
            var command = try parseAsRoot(arguments)
            defer { ProgressDisplay.stopForOutput() }
            try command.run()
            return 0
        } catch let exit as ExitCode {
            return exit.rawValue
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                print(fullMessage(for: error))
                return 0
            }
            let message = fullMessage(for: error)
            if code == .validationFailure {
                // ArgumentParser uses 64 (EX_USAGE); this tool's usage status is 2.
                Output.error(message.isEmpty ? "usage error; see 'actorgraph --help'" : message)
                return ExitStatus.usage
            }
            Output.error(message)
            return code.rawValue
        }
    }
}

/// The exit statuses the commands use.
public enum ExitStatus {
    public static let success: Int32 = 0
    public static let failure: Int32 = 1
    public static let usage: Int32 = 2
    /// EX_DATAERR: the input file is malformed or invalid.
    public static let dataError: Int32 = 65
}

/// Writing to standard output and standard error.
enum Output {
    static func error(_ text: String) {
        ProgressDisplay.current?.clearLine()
        FileHandle.standardError.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
    }

    /// A progress line on standard error, replaced by the next one (carriage return).
    static func progress(_ text: String) {
        FileHandle.standardError.write(Data(("\r\u{1B}[K" + text).utf8))
    }

    static func print(_ text: String) {
        ProgressDisplay.stopForOutput()
        FileHandle.standardOutput.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
    }

    /// Bytes already encoded (a JSON report) on standard output, then a newline: no copy
    /// through a String, which for a report of a large graph would double or treble its memory.
    static func write(line data: Data) {
        ProgressDisplay.stopForOutput()
        FileHandle.standardOutput.write(data)
        FileHandle.standardOutput.write(Data("\n".utf8))
    }
}
