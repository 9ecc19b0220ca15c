import ActorGraphFormats
import ActorGraphModel
import ActorGraphRendering
import ArgumentParser
import Foundation

extension LayoutEngine: ExpressibleByArgument {}
extension OutputFormat: ExpressibleByArgument {}

/// `--theme` values.
struct ThemeArgument: ExpressibleByArgument, CustomStringConvertible {
    var theme: Theme
    var description: String { theme.name }
    init?(argument: String) {
        guard let t = Theme.named(argument) else { return nil }
        theme = t
    }
    static var allValueStrings: [String] { Theme.all.map(\.name) }
    static var defaultCompletionKind: CompletionKind { .list(allValueStrings) }
}

/// `--cluster` values.
struct ClusterArgument: ExpressibleByArgument, CustomStringConvertible {
    var rule: ClusterRule
    var description: String { rule.description }
    init?(argument: String) {
        guard let r = ClusterRule(argument: argument) else { return nil }
        rule = r
    }
    static var allValueStrings: [String] { ["kind", "attribute:NAME", "none"] }
}

/// Options shared by the commands that draw a graph.
struct DiagramArguments: ParsableArguments {
    @Option(help: "Layout engine. Default: by size: fdp up to 150 actors, neato to 1,000, sfdp beyond; with clusters, dot up to 100 actors, fdp beyond.")
    var engine: LayoutEngine?

    @Option(help: "Theme: default (colour-blind-safe colour), print (greyscale: shapes and line styles carry the meaning), or slide (large type).")
    var theme: ThemeArgument = ThemeArgument(argument: "default")!

    @Option(help: "Group actors into clusters: kind, attribute:NAME (e.g. attribute:club), or none.")
    var cluster: ClusterArgument = ClusterArgument(argument: "none")!

    @Flag(help: "Leave out the legend and caption.")
    var noLegend = false

    func options(for graph: ActorGraph) -> DiagramOptions {
        let clustered = cluster.rule != .none
        return DiagramOptions(theme: theme.theme, clusters: cluster.rule,
                              engine: engine ?? LayoutEngine.preferred(for: graph, clustered: clustered),
                              legend: !noLegend)
    }
}

extension ActorGraphCommand {
    /// `actorgraph render FILE -o OUT`: a diagram through Graphviz.
    struct Render: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Draw a graph as SVG, PNG, PDF or laid-out DOT, with a legend and a caption.",
            discussion: """
                Graphviz runs in this process (libgvc). fdp and sfdp, which keep state between \
                calls, and any render with --timeout run in a child process, so that output is \
                deterministic and a slow layout can be stopped. One exception: Graphviz 2.43's \
                fdp lays clusters out differently from run to run (a warning says so; dot does \
                not). The output file is written atomically: a failed render leaves no file \
                behind.
                """
        )

        @Argument(help: ArgumentHelp("The graph file.", valueName: "file"))
        var file: String

        @Option(name: .shortAndLong, help: ArgumentHelp("The output file; its extension picks the format (.svg, .png, .pdf, .dot, .xdot, .json).", valueName: "out"))
        var output: String

        @Option(help: "Output format, when the extension does not say.")
        var format: OutputFormat?

        @Option(help: ArgumentHelp("Stop the layout after this many seconds.", valueName: "seconds"))
        var timeout: Double?

        @OptionGroup var diagram: DiagramArguments

        func validate() throws {
            if format == nil && OutputFormat(path: output) == nil {
                throw ValidationError("cannot tell the format from '\(output)'; use an extension (\(OutputFormat.allCases.map { ".\($0.rawValue)" }.joined(separator: ", "))) or --format")
            }
            if let timeout, !(timeout > 0) { throw ValidationError("--timeout must be a positive number of seconds") }
        }

        func run() throws {
            let loaded = try loadForCommand(file)
            let options = diagram.options(for: loaded.graph)
            if !options.engine.isDeterministic(clustered: options.clusters != .none) {
                Output.error("\(file): warning: Graphviz's \(options.engine) lays clusters out differently from run to run; use --engine dot for the same diagram every time")
            }
            let chosen = format ?? OutputFormat(path: output)!
            let renderer = Renderer(subprocess: SubprocessRenderer(executable: SubprocessRenderer.currentExecutable))
            let data: Data
            do {
                data = try renderer.render(loaded.graph, options: options, format: chosen, timeout: timeout)
            } catch {
                Output.error("\(file): \(error)")
                throw ExitCode(ExitStatus.failure)
            }
            do {
                try AtomicFile.write(data, to: output)
            } catch {
                Output.error("\(output): cannot write: \(error.localizedDescription)")
                throw ExitCode(ExitStatus.failure)
            }
        }
    }

    /// `actorgraph export FILE --format dot`: DOT for hand editing.
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Export a graph as clean DOT (no layout), for editing by hand.",
            discussion: """
                The DOT is deterministic: one statement per line, clusters first, relations in file \
                order, actors under their own ids, every style written out. Writes to standard \
                output, or atomically to -o FILE.
                """
        )

        enum ExportFormat: String, ExpressibleByArgument, CaseIterable { case dot }

        @Argument(help: ArgumentHelp("The graph file.", valueName: "file"))
        var file: String

        @Option(help: "Export format: dot.")
        var format: ExportFormat = .dot

        @Option(name: .shortAndLong, help: "Write to this file instead of standard output.")
        var output: String?

        @OptionGroup var diagram: DiagramArguments

        func run() throws {
            let loaded = try loadForCommand(file)
            let text = DiagramDOT.write(loaded.graph, options: diagram.options(for: loaded.graph))
            if let output {
                do { try AtomicFile.write(Data(text.utf8), to: output) } catch {
                    Output.error("\(output): cannot write: \(error.localizedDescription)")
                    throw ExitCode(ExitStatus.failure)
                }
            } else {
                FileHandle.standardOutput.write(Data(text.utf8))
            }
        }
    }

    /// The child-process side of ``SubprocessRenderer``: renders a DOT file into a file.
    struct RenderDOTWorker: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "_render-dot", shouldDisplay: false)

        @Argument var input: String
        @Argument var output: String
        @Argument var errors: String
        @Option var engine: LayoutEngine
        @Option var format: OutputFormat

        func run() throws {
            do {
                let text = try String(contentsOfFile: input, encoding: .utf8)
                let result = try Graphviz.render(dot: text, engine: engine, format: format)
                try result.data.write(to: URL(fileURLWithPath: output))
            } catch let e as GraphvizError {
                try? Data("\(e.stage)\t\(e.message)".utf8).write(to: URL(fileURLWithPath: errors))
                throw ExitCode(ExitStatus.failure)
            } catch {
                try? Data("\(error)".utf8).write(to: URL(fileURLWithPath: errors))
                throw ExitCode(ExitStatus.failure)
            }
        }
    }
}
