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
                file, then a rename), so a failed run never leaves a half-written file. Sources' \
                'text:' paths are rewritten to stay right from the output's folder.

                A folder is formatted file by file: every item stays in its own file. With -o \
                FOLDER (which may be the same folder) each file is written there, all or none; \
                otherwise each file is printed after a '==> NAME <==' line.
                """
        )

        @Argument(help: ArgumentHelp("The graph file or folder, in any format actorgraph reads (native YAML/JSON, CSV, DOT, GraphML, GEXF, JSON node-link, Pajek; see 'actorgraph convert --help').", valueName: "file"))
        var file: String

        @Option(name: .customLong("to"), help: "Output syntax: yaml or json (default: from -o's extension, else yaml).")
        var syntax: NativeSyntax?

        @Option(name: .shortAndLong, help: "Write to this file instead of standard output.")
        var output: String?

        @Option(help: ArgumentHelp("Keep only the relations that hold at this date: a snapshot as a graph file of its own.", valueName: "date"))
        var at: DateArgument?

        @OptionGroup var progressOptions: ProgressArguments

        func run() throws {
            let display = ProgressDisplay.make("format", quiet: progressOptions.quiet)
            let loaded = try loadForCommand(file)
            display?.step("writing")
            if !loaded.parts.isEmpty { return try formatFolder(loaded) }
            let chosen = syntax ?? output.flatMap { NativeSyntax(path: $0) } ?? .yaml
            let graph = rebasedForOutput(at.map { loaded.graph.snapshot(at: $0.date) } ?? loaded.graph, input: file, output: output)
            let text = GraphWriter.write(graph, as: chosen)
            if let output {
                do {
                    try AtomicFile.write(Data(text.utf8), to: output)
                } catch {
                    Output.error("\(output): cannot write: \(error)")
                    throw ExitCode(ExitStatus.failure)
                }
            } else {
                ProgressDisplay.stopForOutput()
                FileHandle.standardOutput.write(Data(text.utf8))
            }
        }

        /// A folder: every file keeps its own items. With -o FOLDER, one file each there (all
        /// written, or none); else each file's text after a `==> NAME <==` line.
        private func formatFolder(_ loaded: LoadedGraph) throws {
            var files: [(path: String, data: Data)] = []
            var shown: [String] = []
            for part in loaded.parts {
                var name = (part.file as NSString).lastPathComponent
                let chosen = syntax ?? NativeSyntax(path: name) ?? .yaml
                if syntax != nil { name = (name as NSString).deletingPathExtension + "." + chosen.rawValue }
                let path = output.map { ($0 as NSString).appendingPathComponent(name) }
                let graph = rebasedForOutput(at.map { part.graph.snapshot(at: $0.date) } ?? part.graph, input: file, output: path)
                let text = GraphWriter.write(graph, as: chosen)
                if let path { files.append((path, Data(text.utf8))) } else { shown.append("==> \(name) <==\n" + text) }
            }
            guard let output else {
                ProgressDisplay.stopForOutput()
                FileHandle.standardOutput.write(Data(shown.joined(separator: "\n").utf8))
                return
            }
            do {
                try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
                try AtomicFile.write(files)
            } catch {
                Output.error("\(output): cannot write: \(error)")
                throw ExitCode(ExitStatus.failure)
            }
        }
    }
}

extension NativeSyntax: ExpressibleByArgument {}
