import ActorGraphAnalysis
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

/// `--cluster` values: a fixed rule, or the blocs of a faction analysis.
struct ClusterArgument: ExpressibleByArgument, CustomStringConvertible {
    /// `kind`, `attribute:NAME` or `none`.
    var rule: ClusterRule?
    /// `factions` (the default method) or `factions:METHOD`.
    var factions: FactionMethod??
    var description: String {
        if let factions { return factions.map { "factions:\($0.rawValue)" } ?? "factions" }
        return rule?.description ?? "none"
    }
    init?(argument: String) {
        if argument == "factions" {
            factions = .some(nil)
        } else if argument.hasPrefix("factions:") {
            guard let m = FactionMethod(rawValue: String(argument.dropFirst("factions:".count))) else { return nil }
            factions = .some(m)
        } else {
            guard let r = ClusterRule(argument: argument) else { return nil }
            rule = r
        }
    }
    static var allValueStrings: [String] {
        ["kind", "attribute:NAME", "factions", "factions:METHOD (\(FactionMethod.allCases.map(\.rawValue).joined(separator: ", ")))", "none"]
    }
}

/// `--highlight` values: relations to emphasise and annotate.
enum HighlightChoice: String, ExpressibleByArgument, CaseIterable {
    /// Coalition and alliance ties under stress, with their stress score.
    case fissures
    /// The three actors with the most Gould–Fernandez brokerage (groups: factions).
    case brokers
    /// Borgatti's KPP-Neg pair: the two actors whose removal fragments the network most.
    case keyPlayers = "key-players"
}

/// Options shared by the commands that draw a graph.
struct DiagramArguments: ParsableArguments {
    @Option(help: "Layout engine. Default: by size: neato up to 1,000 actors, sfdp beyond (fdp, more compact but not reproducible across processes, only when asked); with clusters, dot up to 100 actors, fdp beyond.")
    var engine: LayoutEngine?

    @Option(help: "Theme: default (colour-blind-safe colour), print (greyscale: shapes and line styles carry the meaning), or slide (large type).")
    var theme: ThemeArgument = ThemeArgument(argument: "default")!

    @Option(help: "Group actors into clusters: kind, attribute:NAME (e.g. attribute:club), factions (the blocs of 'actorgraph factions'; factions:METHOD picks the method: balance, louvain, leiden, spectral, girvan-newman), or none.")
    var cluster: ClusterArgument = ClusterArgument(argument: "none")!

    @Option(help: "Emphasise and annotate: fissures (coalition and alliance ties under stress, with their stress score), brokers (the three actors with the most Gould–Fernandez brokerage between factions), key-players (the two whose removal fragments the network most).")
    var highlight: HighlightChoice?

    @Flag(help: "Leave out the legend and caption.")
    var noLegend = false

    /// The graph to draw and the options to draw it with. Factions and fissures are computed
    /// here (every signed relation kind, unweighted, seed 1); the diagram then shows the actors
    /// and relations the analysis read, and the legend says what was left out.
    func prepare(_ graph: ActorGraph, file: String) throws -> (graph: ActorGraph, options: DiagramOptions) {
        var clusters = cluster.rule ?? .none
        var notes: [String] = []
        var shown = graph
        var newIndex: [Int: Int] = [:]
        let analysed = cluster.factions != nil || highlight == .fissures
        if analysed {
            let ties = try analyse(file) { try graph.signedTies(ProjectionOptions()) }
            shown.actors = graph.actors.filter { ties.node[$0.id] != nil }
            shown.relations = ties.relations.map { graph.relations[$0] }
            for (position, i) in ties.relations.enumerated() { newIndex[i] = position }
            let leftOutRelations = graph.relations.count - ties.relations.count
            if leftOutRelations > 0 || !ties.unattached.isEmpty {
                notes.append("Shown: the \(ties.relations.count) signed relations among \(ties.actorIDs.count) actors that the analysis reads; "
                             + "\(leftOutRelations) unsigned relation(s) and \(ties.unattached.count) actor(s) without a signed relation are left out (render without --cluster factions and --highlight to see them).")
            }
        }
        if let method = cluster.factions {
            let report = try analyse(file) { try graph.factions(FactionOptions(method: method)) }
            clusters = .custom(Self.grouping(report, graph: graph))
            let quality = report.quality.first.map { " (\($0.name) \(reportNumber($0.value))\(report.optimal == true ? ", proven optimal" : ""))" } ?? ""
            notes.append("Boxes: the \(report.blocs.count) blocs of the \(ActorGraphCommand.Factions.heading(report, alpha: 0.5))\(quality); 'actorgraph factions' lists them.")
        }
        var highlights: [Int: String] = [:]
        if highlight == .fissures {
            let report = try analyse(file) { try graph.fissures() }
            for f in report.fissures where f.score > 0 {
                var parts: [String] = []
                if f.split { parts.append("split by balance") }
                if f.unbalancedCycles > 0 { parts.append("\(f.unbalancedCycles)/\(f.cycles) cycles unbalanced") }
                if !f.directNegative.isEmpty { parts.append("also hostile") }
                if let i = newIndex[f.relation] {
                    highlights[i] = "FISSURE \(String(format: "%.2f", f.score)): " + parts.joined(separator: ", ")
                }
            }
            notes.append(highlights.isEmpty
                ? "No coalition or alliance tie is under stress ('actorgraph fissures' explains)."
                : "━━━ thick and labelled FISSURE: a coalition or alliance tie under stress, with its stress score (0 to 1) and why; 'actorgraph fissures' gives the evidence.")
        }
        var actorHighlights: [String: String] = [:]
        if highlight == .brokers || highlight == .keyPlayers {
            let report = try analyse(file) { try graph.brokers(BrokerOptions(k: 2)) }
            if highlight == .brokers {
                let order = report.actorIDs.indices.filter { report.roles.total[$0] > 0 }
                    .sorted { report.roles.total[$0] != report.roles.total[$1] ? report.roles.total[$0] > report.roles.total[$1] : $0 < $1 }
                for i in order.prefix(3) {
                    actorHighlights[report.actorIDs[i]] = "BROKER: \(Int(report.roles.total[i])) brokered paths"
                        + (report.holes.constraint[i].isNaN ? "" : String(format: ", constraint %.2f", report.holes.constraint[i]))
                }
                notes.append("Thick outline, BROKER: the actors with the most Gould–Fernandez brokerage between factions (open two-paths a → v → b they mediate), with Burt's constraint; 'actorgraph brokers' gives the roles.")
            } else {
                for v in report.keyNegative.nodes {
                    actorHighlights[report.actorIDs[Int(v)]] = String(format: "KEY PLAYER: removing the set raises fragmentation %.2f → %.2f",
                                                                      report.keyNegative.baseline, report.keyNegative.score)
                }
                notes.append("Thick outline, KEY PLAYER: the \(report.keyNegative.nodes.count) actors whose removal fragments the positive network most (Borgatti 2006, distance-weighted fragmentation); 'actorgraph brokers' gives the search.")
            }
        }
        let clustered = clusters != .none
        let options = DiagramOptions(theme: theme.theme, clusters: clusters,
                                     engine: engine ?? LayoutEngine.preferred(for: shown, clustered: clustered),
                                     legend: !noLegend, highlights: highlights, legendNotes: notes,
                                     topToBottom: cluster.factions != nil, actorHighlights: actorHighlights)
        return (shown, options)
    }

    /// Bloc clusters, each captioned by its best-connected member: "Bloc 1: MQM-A and 8 more".
    static func grouping(_ report: FactionReport, graph: ActorGraph) -> ActorGrouping {
        var degree: [String: Int] = [:]
        for i in report.keptRelations ?? [] {
            degree[graph.relations[i].source, default: 0] += 1
            degree[graph.relations[i].target, default: 0] += 1
        }
        return ActorGrouping(groups: report.blocs.ids.enumerated().map { b, members in
            let lead = members.max { (degree[$0] ?? 0, $1) < (degree[$1] ?? 0, $0) } ?? members[0]
            let more = members.count - 1
            let label = "Bloc \(b + 1): \(graph.displayName(lead))" + (more > 0 ? " and \(more) more" : "")
            return ActorGrouping.Group(key: "bloc-\(b + 1)", label: label, members: members)
        })
    }
}

/// `--at D1,D2,…`: the dates of snapshots, ascending.
enum SnapshotDates {
    static func parse(_ text: String) throws -> [PartialDate] {
        var dates: [PartialDate] = []
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            let item = part.trimmingCharacters(in: .whitespaces)
            switch PartialDate.parse(item) {
            case .success(let d): dates.append(d)
            case .failure(let why):
                throw ValidationError("--at: \(why.message); dates are YYYY, YYYY-MM or YYYY-MM-DD, several separated by commas (e.g. --at 2009-12-31,2010-01-05)")
            }
        }
        for (a, b) in zip(dates, dates.dropFirst()) where !(a < b) {
            throw ValidationError("--at: dates must be in ascending order, each once ('\(a)' then '\(b)')")
        }
        return dates
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

                --at DATE draws a snapshot: every actor, and the relations that hold at DATE \
                (spans inclusive at both ends; a partial date is its whole period), captioned \
                "As of DATE". --at D1,D2,… with -o DIR/ draws a frame series: DIR/NN-DATE.FORMAT \
                per date (--format, default svg) and DIR/index.html to step through them. The \
                union of the frames is laid out once and every frame drawn with the same node \
                positions (Graphviz's nop2, i.e. neato -n2); relations new since the previous \
                date are thick and labelled NEW.

                Large graphs: a diagram of more than \(Legibility.maxActors) actors or \
                \(Legibility.maxRelations) relations is refused (exit status 1) before any analysis \
                or layout, with a message naming the views below: beyond that Graphviz draws a \
                hairball, and its force-directed layouts take minutes. What is counted is what \
                would be drawn: with --cluster factions or --highlight fissures, the signed \
                relations and their actors; with one --at date, the relations that hold then. \
                --force draws it anyway. The reduced views always draw: --top N (the most \
                prominent actors), --focus IDS --depth K (a neighbourhood; beyond the limits, its \
                nearest actors), --collapse factions (the blockmodel image). --cluster and \
                --highlight are computed on the whole graph, and --top or --focus then keeps the \
                actors it draws. The caption says how many actors and relations were left out.
                """
        )

        @Argument(help: ArgumentHelp("The graph file, in any format actorgraph reads (native YAML/JSON, CSV, DOT, GraphML, GEXF, JSON node-link, Pajek; see 'actorgraph convert --help').", valueName: "file"))
        var file: String

        @Option(name: .shortAndLong, help: ArgumentHelp("The output file; its extension picks the format (.svg, .png, .pdf, .dot, .xdot, .json). With several --at dates, a directory (created if needed).", valueName: "out"))
        var output: String

        @Option(help: "Output format, when the extension does not say (frame series: default svg).")
        var format: OutputFormat?

        @Option(help: ArgumentHelp("Draw the graph as of DATE (YYYY, YYYY-MM or YYYY-MM-DD); several dates, ascending and comma-separated, draw a frame series into the -o directory.", valueName: "dates"))
        var at: String?

        @Option(help: ArgumentHelp("Stop the layout after this many seconds.", valueName: "seconds"))
        var timeout: Double?

        @OptionGroup var diagram: DiagramArguments

        @OptionGroup(title: "Large graphs") var views: LargeGraphArguments

        /// Whether the output is a frame series in a directory.
        var isSeries: Bool {
            guard let at else { return false }
            return at.contains(",") || output.hasSuffix("/")
        }

        func validate() throws {
            if let at { _ = try SnapshotDates.parse(at) }
            if views.collapse != nil {
                if diagram.cluster.rule != ClusterRule.none || diagram.cluster.factions != nil || diagram.highlight != nil {
                    throw ValidationError("--collapse draws one node per bloc: --cluster and --highlight, which draw actors, do not apply")
                }
                if isSeries { throw ValidationError("--collapse draws one date (--at DATE), not a series: each date has its own blocs") }
            }
            if isSeries {
                if !output.hasSuffix("/"), OutputFormat(path: output) != nil {
                    throw ValidationError("with several --at dates, -o names a directory for the frames (e.g. -o frames/), not '\(output)'; --format picks their format")
                }
                return try validateTimeout()
            }
            if format == nil && OutputFormat(path: output) == nil {
                throw ValidationError("cannot tell the format from '\(output)'; use an extension (\(OutputFormat.allCases.map { ".\($0.rawValue)" }.joined(separator: ", "))) or --format")
            }
            try validateTimeout()
        }

        func validateTimeout() throws {
            if let timeout, !(timeout > 0) { throw ValidationError("--timeout must be a positive number of seconds") }
        }

        @OptionGroup var progressOptions: ProgressArguments

        func run() throws {
            let display = ProgressDisplay.make("render", quiet: progressOptions.quiet)
            let loaded = try loadForCommand(file)
            if views.collapse != nil {
                display?.step("blocs and the blockmodel image")
                return try runCollapse(loaded.graph)
            }
            try refuseIfTooLarge(loaded.graph)
            display?.step("laying out and drawing")
            var (graph, options) = try diagram.prepare(loaded.graph, file: file)
            if views.top != nil || views.focus != nil {
                (graph, options) = try views.reduce(graph, options: options, engine: diagram.engine, file: file)
            }
            if isSeries {
                return try runSeries(graph, options: options)
            }
            if let at, let date = try SnapshotDates.parse(at).first {
                options = FrameSeries.snapshot(graph, options: options, at: date)
            }
            if !options.engine.isDeterministic(clustered: options.clusters != .none) {
                Output.error("\(file): warning: Graphviz's \(options.engine) lays clusters out differently from run to run; use --engine dot for the same diagram every time")
            }
            let chosen = format ?? OutputFormat(path: output)!
            let renderer = Renderer(subprocess: SubprocessRenderer(executable: SubprocessRenderer.currentExecutable))
            let data: Data
            do {
                data = try renderer.render(graph, options: options, format: chosen, timeout: timeout)
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
            abstract: "Export a graph as clean DOT (no layout), for editing by hand, or for another tool: GraphML, GEXF, JSON node-link, CSV, Pajek.",
            discussion: """
                The DOT is deterministic: one statement per line, clusters first, relations in file \
                order, actors under their own ids, every style written out. The other formats are \
                those of 'actorgraph convert' (GEXF with the theme's colours and time spells). Writes \
                to standard output, or atomically to -o FILE (CSV needs -o: it writes FILE and its \
                nodes file).
                """
        )

        enum ExportFormat: String, ExpressibleByArgument, CaseIterable {
            case dot, graphml, gexf, json, csv, pajek

            /// The interchange format, for all but the diagram DOT.
            var interchange: GraphFormat? {
                switch self {
                case .dot: return nil
                case .graphml: return .graphml
                case .gexf: return .gexf
                case .json: return .nodeLink
                case .csv: return .csv
                case .pajek: return .pajek
                }
            }
        }

        @Argument(help: ArgumentHelp("The graph file, in any format actorgraph reads.", valueName: "file"))
        var file: String

        @Option(help: "Export format: dot (the diagram's DOT, styled), graphml, gexf, json (node-link, for networkx and d3), csv, pajek.")
        var format: ExportFormat = .dot

        @Option(name: .shortAndLong, help: "Write to this file instead of standard output.")
        var output: String?

        @Option(help: ArgumentHelp("Export the graph as of DATE (YYYY, YYYY-MM or YYYY-MM-DD): every actor, the relations that hold then.", valueName: "date"))
        var at: String?

        @OptionGroup var diagram: DiagramArguments

        func validate() throws {
            if let at, try SnapshotDates.parse(at).count != 1 {
                throw ValidationError("--at: export writes one file, so one date; use 'actorgraph render --at D1,D2,… -o DIR/' for a series")
            }
            if format != .dot, diagram.cluster.rule != ClusterRule.none || diagram.cluster.factions != nil || diagram.highlight != nil || diagram.engine != nil {
                throw ValidationError("--cluster, --highlight and --engine shape the diagram's DOT; --format \(format.rawValue) exports the data (only --theme applies: GEXF's colours)")
            }
            if format == .csv, output == nil {
                throw ValidationError("--format csv writes two files (edges and nodes); give -o FILE.csv")
            }
        }

        @OptionGroup var progressOptions: ProgressArguments

        func run() throws {
            let display = ProgressDisplay.make("export", quiet: progressOptions.quiet)
            let loaded = try loadForCommand(file)
            display?.step("writing")
            let text: String
            if let target = format.interchange {
                var graph = rebasedForOutput(loaded.graph, input: file, output: output)
                if let at, let date = try SnapshotDates.parse(at).first { graph = graph.snapshot(at: date) }
                let style = ExportStyle(theme: diagram.theme.theme, graph: graph)
                if let output {
                    let files = Interchange.write(graph, as: target, to: output, style: style)
                    do { try AtomicFile.write(files.map { ($0.path, Data($0.text.utf8)) }) } catch {
                        Output.error("\(output): cannot write: \(error.localizedDescription)")
                        throw ExitCode(ExitStatus.failure)
                    }
                    return
                }
                text = Interchange.write(graph, as: target, style: style)
            } else {
                var prepared = try diagram.prepare(loaded.graph, file: file)
                if let at, let date = try SnapshotDates.parse(at).first {
                    prepared.options = FrameSeries.snapshot(prepared.graph, options: prepared.options, at: date)
                }
                text = DiagramDOT.write(prepared.graph, options: prepared.options)
            }
            if let output {
                do { try AtomicFile.write(Data(text.utf8), to: output) } catch {
                    Output.error("\(output): cannot write: \(error.localizedDescription)")
                    throw ExitCode(ExitStatus.failure)
                }
            } else {
                ProgressDisplay.stopForOutput()
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

extension ActorGraphCommand.Render {
    /// `--at D1,D2,… -o DIR/`: the frames, then index.html, each written atomically.
    func runSeries(_ graph: ActorGraph, options: DiagramOptions) throws {
        let dates = try SnapshotDates.parse(at ?? "")
        let chosen = format ?? .svg
        if options.clusters != .none && !options.engine.isDeterministic(clustered: true) {
            Output.error("\(file): warning: Graphviz's \(options.engine) lays clusters out differently from run to run; use --engine dot for the same frames every time")
        }
        let renderer = Renderer(subprocess: SubprocessRenderer(executable: SubprocessRenderer.currentExecutable))
        let frames: [FrameSeries.Frame]
        var images: [Data] = []
        do {
            let pinned = try FrameSeries.pin(graph, options: options, dates: dates, renderer: renderer, timeout: timeout)
            frames = FrameSeries.frames(graph, options: options, dates: dates, pinned: pinned, format: chosen)
            for frame in frames { images.append(try renderer.render(graph, options: frame.options, format: chosen)) }
        } catch {
            Output.error("\(file): \(error)")
            throw ExitCode(ExitStatus.failure)
        }
        let directory = URL(fileURLWithPath: output)
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            Output.error("\(output): cannot create the directory: \(error.localizedDescription)")
            throw ExitCode(ExitStatus.failure)
        }
        let title = graph.title ?? URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
        let html = FrameSeries.indexHTML(title: title, frames: frames, format: chosen)
        for (name, data) in zip(frames.map(\.fileName) + ["index.html"], images + [Data(html.utf8)]) {
            let path = directory.appendingPathComponent(name).path
            do { try AtomicFile.write(data, to: path) } catch {
                Output.error("\(path): cannot write: \(error.localizedDescription)")
                throw ExitCode(ExitStatus.failure)
            }
        }
    }
}
