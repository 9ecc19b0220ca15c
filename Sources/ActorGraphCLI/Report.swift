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

        func validate() throws {
            if let at, try SnapshotDates.parse(at).count != 1 {
                throw ValidationError("--at: the page opens at one date; the date control steps through the others")
            }
        }

        @OptionGroup var progressOptions: ProgressArguments

        func run() throws {
            let display = ProgressDisplay.make("report", quiet: progressOptions.quiet)
            defer { display?.finish() }
            let graph = try loadForCommand(file).graph
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
