import ActorGraphFormats
import ActorGraphModel
import ArgumentParser
import Foundation

/// Output formats of the reporting commands.
enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json
}

/// Loads a graph in any format (``Interchange``) for a command: prints warnings to stderr, and on
/// errors prints them all and exits with status 65.
func loadForCommand(_ path: String) throws -> LoadedGraph {
    ProgressDisplay.current?.step("reading \((path as NSString).lastPathComponent)")
    let loaded = Interchange.read(contentsOf: path)
    for d in loaded.diagnostics where loaded.hasErrors || d.severity == .warning {
        Output.error(d.description)
    }
    if loaded.hasErrors {
        Output.error("\(path): not loaded; run 'actorgraph check \(path)' after fixing the errors above")
        throw ExitCode(ExitStatus.dataError)
    }
    return loaded
}

extension ActorGraphCommand {
    /// `actorgraph summary FILE`: what a graph holds at a glance.
    struct Summary: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show what a graph holds: actors and relations by kind and sign, components, claimants, sources, dates.",
            discussion: """
                Warnings go to standard error. A file with errors is not summarised: its errors are \
                printed and the exit status is 65.

                The JSON object has the keys title, actors, relations, actorKinds and relationKinds \
                ([{kind, count}]), positive, negative, unsigned, components, largestComponent, \
                isolated, claimants ([{id, name}]), sources and dateRange ({from, to}, or null when \
                no relation is dated); see the JSONOutput article.
                """
        )

        @Argument(help: ArgumentHelp("The graph file, in any format actorgraph reads (native YAML/JSON, CSV, DOT, GraphML, GEXF, JSON node-link, Pajek; see 'actorgraph convert --help').", valueName: "file"))
        var file: String

        @Option(help: "Output format: \(ReportFormat.allCases.map(\.rawValue).joined(separator: ", ")).")
        var format: ReportFormat = .table

        @Option(help: ArgumentHelp("Summarise the relations that hold at this date (YYYY, YYYY-MM or YYYY-MM-DD; spans are inclusive, partial dates whole periods).", valueName: "date"))
        var at: DateArgument?

        @OptionGroup var progressOptions: ProgressArguments

        func run() throws {
            let display = ProgressDisplay.make("summary", quiet: progressOptions.quiet)
            let loaded = try loadForCommand(file)
            display?.step("summarising")
            let graph = at.map { loaded.graph.snapshot(at: $0.date) } ?? loaded.graph
            let summary = GraphSummary(graph)
            switch format {
            case .json: try printJSON(summary)
            case .table:
                if let at { Output.print("as of \(at): \(graph.relations.count) of \(loaded.graph.relations.count) relations hold") }
                Output.print(SummaryReport.table(summary, graph: graph))
            }
        }
    }
}

/// The text rendering of a ``GraphSummary``.
enum SummaryReport {
    static func table(_ s: GraphSummary, graph: ActorGraph) -> String {
        func kinds(_ list: [(kind: String, count: Int)]) -> String {
            list.map { "\($0.kind) \($0.count)" }.joined(separator: ", ")
        }
        var rows: [(String, String)] = [
            ("actors", "\(s.actors)" + (s.actorKinds.isEmpty ? "" : "  (\(kinds(s.actorKinds)))")),
            ("relations", "\(s.relations)" + (s.relationKinds.isEmpty ? "" : "  (\(kinds(s.relationKinds)))")),
            ("signs", "\(s.positive) positive, \(s.negative) negative, \(s.unsigned) unsigned"),
            ("components", "\(s.components)" + (s.actors > 0 ? "  (largest \(s.largestComponent) actors, \(s.isolated) isolated)" : "")),
            ("claimants", s.claimants.isEmpty ? "none" : s.claimants.ids.joined(separator: ", ")),
            ("sources", s.sources.isEmpty ? "none" : s.sources.joined(separator: ", ")),
            ("dates", s.dateRange.map { "\($0.from) to \($0.to)" } ?? "none given"),
        ]
        if let title = s.title { rows.insert(("title", title), at: 0) }
        let width = rows.map(\.0.count).max() ?? 0
        return rows.map { $0.0.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + $0.1 }
            .joined(separator: "\n")
    }
}
