import ActorGraphFormats
import ActorGraphModel
import ArgumentParser
import Foundation

extension ActorGraphCommand {
    /// `actorgraph format FILE`: the canonical form, YAML or JSON.
    struct Format: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "format",
            abstract: "Rewrite a graph in canonical form (stable order and layout), as YAML or JSON.",
            discussion: """
                Converts between the two syntaxes of the native format. Comments in a hand-written \
                file are not kept. Writes to standard output, or atomically to -o FILE (a temporary \
                file, then a rename), so a failed run never leaves a half-written file.
                """
        )

        @Argument(help: ArgumentHelp("The graph file, in any format actorgraph reads (native YAML/JSON, CSV, DOT, GraphML, GEXF, JSON node-link, Pajek; see 'actorgraph convert --help').", valueName: "file"))
        var file: String

        @Option(name: .customLong("to"), help: "Output syntax: yaml or json (default: from -o's extension, else yaml).")
        var syntax: NativeSyntax?

        @Option(name: .shortAndLong, help: "Write to this file instead of standard output.")
        var output: String?

        @Option(help: ArgumentHelp("Keep only the relations that hold at this date: a snapshot as a graph file of its own.", valueName: "date"))
        var at: DateArgument?

        func run() throws {
            let loaded = try loadForCommand(file)
            let chosen = syntax ?? output.flatMap { NativeSyntax(path: $0) } ?? .yaml
            let text = GraphWriter.write(at.map { loaded.graph.snapshot(at: $0.date) } ?? loaded.graph, as: chosen)
            if let output {
                do {
                    try AtomicFile.write(Data(text.utf8), to: output)
                } catch {
                    Output.error("\(output): cannot write: \(error)")
                    throw ExitCode(ExitStatus.failure)
                }
            } else {
                FileHandle.standardOutput.write(Data(text.utf8))
            }
        }
    }
}

extension NativeSyntax: ExpressibleByArgument {}
