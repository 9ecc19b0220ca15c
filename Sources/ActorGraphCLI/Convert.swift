import ActorGraphFormats
import ActorGraphModel
import ActorGraphRendering
import ArgumentParser
import Foundation

extension GraphFormat: ExpressibleByArgument {
    public init?(argument: String) {
        switch argument.lowercased() {
        case "yml": self = .yaml
        case "nodelink", "node-link", "node_link", "d3": self = .nodeLink
        case "net", "paj": self = .pajek
        case "gv": self = .dot
        case "tsv": self = .csv
        default: self.init(rawValue: argument.lowercased())
        }
    }

    public static var allValueStrings: [String] { allCases.map(\.rawValue) }
}

extension ActorGraphCommand {
    /// `actorgraph convert IN OUT`: any format to any format, saying what the target cannot carry.
    struct Convert: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Convert a graph between formats: native YAML/JSON, CSV, DOT, GraphML, GEXF, JSON node-link, Pajek.",
            discussion: """
                Formats come from the extensions: .yaml/.yml and .json (native; a .json file holding \
                node-link data is read as node-link), .csv/.tsv (an edges file; the nodes file \
                beside it is NAME.nodes.csv, or the name with 'edges' replaced by 'nodes'), \
                .dot/.gv (read by Graphviz's cgraph), .graphml, .gexf (GEXF 1.3, with time spells \
                and the theme's colours), .node-link.json (networkx node_link_data, d3), \
                .net (Pajek, signed by the weight's sign); whitespace edge lists (.ncol, .edges, .el, \
                .txt: 'source target [weight [sign]]', as igraph and networkx write them) are read \
                only. --from and --to override the extensions.

                An actor named only by a relation is created (kind 'actor'); a relation without a \
                kind is a 'tie', or a 'negative-tie' when its sign or weight is negative.

                After writing, the output is read back and compared with the input; what the \
                target format could not carry is listed on standard error (the Interchange article's \
                round-trip table says the same per format; -q skips this, which halves the time \
                on very large graphs). Files are written atomically: a \
                failed run leaves no half-written file. OUT '-' writes to standard output.

                Exit status: 0 written, 65 the input has errors, 1 the output cannot be written.
                """
        )

        @Argument(help: ArgumentHelp("The graph to read.", valueName: "in"))
        var input: String

        @Argument(help: ArgumentHelp("The file to write, or - for standard output.", valueName: "out"))
        var output: String

        @Option(help: ArgumentHelp("Input format (default: from the extension, else the content): \(GraphFormat.allValueStrings.joined(separator: ", ")).", valueName: "format"))
        var from: GraphFormat?

        @Option(help: ArgumentHelp("Output format (default: from the extension).", valueName: "format"))
        var to: GraphFormat?

        @Option(help: ArgumentHelp("CSV input: the nodes file (default: the one beside the edges file, if any).", valueName: "file"))
        var nodes: String?

        @Option(help: ArgumentHelp("Keep only the relations that hold at this date.", valueName: "date"))
        var at: DateArgument?

        @Option(help: "Theme for the colours GEXF carries: default, print or slide.")
        var theme: ThemeArgument = ThemeArgument(argument: "default")!

        @Flag(name: .shortAndLong, help: "Do not list what the output format loses.")
        var quiet = false

        func validate() throws {
            if to == nil, output == "-" {
                throw ValidationError("writing to standard output needs --to FORMAT")
            }
            if to == nil, GraphFormat(path: output) == nil {
                throw ValidationError("cannot tell the output format from '\(output)'; use an extension (.yaml, .json, .csv, .dot, .graphml, .gexf, .node-link.json, .net) or --to")
            }
            if output != "-", GraphFormat.isWhitespaceEdgeList(output) {
                throw ValidationError("'\(output)': whitespace-separated edge lists are read, not written (they cannot hold names, kinds or evidence); write .csv or .tsv")
            }
            if output == "-", to == .csv {
                throw ValidationError("CSV writes two files (nodes and edges); give an output file name, not -")
            }
        }

        func run() throws {
            let display = ProgressDisplay.make("convert", quiet: quiet)
            display?.step("reading \((input as NSString).lastPathComponent)")
            let loaded = Interchange.read(contentsOf: input, format: from, nodesFile: nodes)
            defer { display?.finish() }
            for d in loaded.diagnostics where loaded.hasErrors || d.severity == .warning { Output.error(d.description) }
            if loaded.hasErrors {
                Output.error("\(input): not converted; run 'actorgraph check \(input)' after fixing the errors above")
                throw ExitCode(ExitStatus.dataError)
            }
            let graph = rebasedForOutput(at.map { loaded.graph.snapshot(at: $0.date) } ?? loaded.graph, input: input, output: output)
            let format = to ?? GraphFormat(path: output)!
            let style = ExportStyle(theme: theme.theme, graph: graph)
            if output == "-" {
                ProgressDisplay.stopForOutput()
                FileHandle.standardOutput.write(Data(Interchange.write(graph, as: format, style: style).utf8))
            } else {
                let files = Interchange.write(graph, as: format, to: output, style: style)
                do { try AtomicFile.write(files.map { ($0.path, Data($0.text.utf8)) }) } catch {
                    Output.error("\(output): cannot write: \(error.localizedDescription)")
                    throw ExitCode(ExitStatus.failure)
                }
                if !quiet {
                    Output.error("wrote \(files.map(\.path).joined(separator: " and ")) (\(format.displayName)): \(plural(graph.actors.count, "actor")), \(plural(graph.relations.count, "relation"))")
                }
            }
            if !quiet { try reportLosses(graph, format: format) }
        }

        /// Reads what was written back and lists what the format did not carry.
        private func reportLosses(_ graph: ActorGraph, format: GraphFormat) throws {
            let readBack: LoadedGraph
            if output == "-" || format == .csv {
                let files = Interchange.write(graph, as: format, to: output == "-" ? "stdout" : output)
                if format == .csv {
                    readBack = CSVFormat.read(edges: Data(files[0].text.utf8), edgesFile: files[0].path,
                                              nodes: Data(files[1].text.utf8), nodesFile: files[1].path)
                } else {
                    readBack = Interchange.read(data: Data(files[0].text.utf8), file: "stdout", format: format)
                }
            } else {
                readBack = Interchange.read(contentsOf: output, format: format)
            }
            if readBack.hasErrors {
                Output.error("warning: the \(format.displayName) written does not read back cleanly (please report this):")
                for d in readBack.diagnostics.prefix(5) { Output.error("  \(d)") }
                return
            }
            let lost = Interchange.describe(Interchange.losses(from: graph, to: readBack.graph))
            if !lost.isEmpty {
                Output.error("\(format.displayName) does not carry: " + lost.joined(separator: "; "))
            }
        }
    }
}
