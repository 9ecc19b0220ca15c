import ActorGraphAnalysis
import ActorGraphBriefing
import ActorGraphModel
import ActorGraphRendering
import ArgumentParser
import Foundation

extension ActorGraphCommand {
    /// `actorgraph report FILE -o briefing.html`: the interactive briefing.
    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write an interactive briefing: one self-contained HTML page with the diagram, every relation's evidence, date and claimant controls, and the fissures, factions and brokers.",
            discussion: """
                The page holds everything inline (the diagram as SVG, its CSS, its script and its \
                data) and loads nothing, so it can be mailed and opened offline. Click an actor or \
                a relation (or Tab to it and press Enter) to see its evidence; the date control \
                hides the relations that do not hold then, without moving the layout; the claimant \
                control shows everything, the uncontested facts, or one claimant's account (the \
                facts plus its claims, as 'actorgraph claims' defines them). The panels hold \
                'actorgraph fissures', 'factions' and 'brokers' for the chosen account. The file \
                is written atomically.

                A graph of more than \(Legibility.maxActors) actors or \(Legibility.maxRelations) \
                relations is refused (exit status 1) before any analysis, as 'actorgraph render' \
                refuses it, with a message naming the reduced diagrams; --force writes the page \
                anyway.
                """
        )

        @Argument(help: ArgumentHelp("The graph file, in any format actorgraph reads.", valueName: "file"))
        var file: String

        @Option(name: .shortAndLong, help: ArgumentHelp("The HTML file to write.", valueName: "out"))
        var output: String

        @Option(help: ArgumentHelp("The date the page opens at (YYYY, YYYY-MM or YYYY-MM-DD); by default it opens with every date.", valueName: "date"))
        var at: String?

        @Option(help: ArgumentHelp("The page title (default: the graph's title).", valueName: "title"))
        var title: String?

        @Option(help: "The diagram's theme: default (colour-blind-safe colour), print (greyscale) or slide (large type).")
        var theme: ThemeArgument = ThemeArgument(argument: "default")!

        @Option(help: "Layout engine. Default: by size, as 'actorgraph render' chooses.")
        var engine: LayoutEngine?

        /// The message when a graph is too large for the page's diagram.
        static func refusal(file: String, actors: Int, relations: Int) -> String {
            let count = LargeGraphArguments.count
            return "\(file): \(count(actors)) actors and \(count(relations)) relations are too many for the briefing's diagram "
                + "(the limit is \(Legibility.maxActors) actors and \(Legibility.maxRelations) relations, as for 'actorgraph render'). Instead:\n"
                + "  actorgraph render \(file) --top 50 -o top.svg            the 50 most prominent actors\n"
                + "  actorgraph render \(file) --collapse factions -o blocs.svg  one node per bloc (the blockmodel image)\n"
                + "  actorgraph fissures / factions / brokers / claims \(file)   the analyses of the page's panels\n"
                + "or give --force to write the page anyway (a hairball diagram, and a large page)."
        }

        func validate() throws {
            if let at, try SnapshotDates.parse(at).count != 1 {
                throw ValidationError("--at: the page opens at one date; the date control steps through the others")
            }
        }

        @Flag(help: "Write the page even when the graph has more than \(Legibility.maxActors) actors or \(Legibility.maxRelations) relations, beyond which its diagram is a hairball, the layout may take minutes and the page grows with relations × dates.")
        var force = false

        @OptionGroup var progressOptions: ProgressArguments

        func run() throws {
            let display = ProgressDisplay.make("report", quiet: progressOptions.quiet)
            defer { display?.finish() }
            let graph = try loadForCommand(file).graph
            if !force, !Legibility.isLegible(actors: graph.actors.count, relations: graph.relations.count) {
                Output.error(Self.refusal(file: file, actors: graph.actors.count, relations: graph.relations.count))
                throw ExitCode(ExitStatus.failure)
            }
            let options = BriefingOptions(title: title, theme: theme.theme, openAt: try at.flatMap { try SnapshotDates.parse($0).first },
                                          engine: engine, generator: "actorgraph \(ActorGraphCommand.version)",
                                          progress: display?.handler)
            let renderer = Renderer(subprocess: SubprocessRenderer(executable: SubprocessRenderer.currentExecutable))
            let html: String
            do {
                html = try analyse(file) { try Briefing.page(graph, options: options, renderer: renderer) }
            } catch let error as ExitCode {
                throw error
            } catch {
                Output.error("\(file): \(error)")
                throw ExitCode(ExitStatus.failure)
            }
            do {
                try AtomicFile.write(Data(html.utf8), to: output)
            } catch {
                Output.error("\(output): cannot write: \(error.localizedDescription)")
                throw ExitCode(ExitStatus.failure)
            }
        }
    }
}
