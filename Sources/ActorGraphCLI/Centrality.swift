import ActorGraphAnalysis
import ActorGraphFormats
import ActorGraphModel
import ArgumentParser
import Foundation
import NetworkAnalysis

extension ActorGraphCommand {
    /// `actorgraph centrality FILE`: who matters, and how.
    struct Centrality: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Centrality of every actor: degree, betweenness, closeness, eigenvector, PageRank and more.",
            discussion: """
                The graph is projected onto a network first: by default every signed relation kind, \
                direction kept, weights ignored. Normalisation follows networkx. Path-based measures \
                read a weight as strength (distance 1/weight). Measures that negative ties would make \
                meaningless refuse them: choose positive kinds with --relations, or use the signed \
                measures (positive-degree, negative-degree, net-degree, pn).
                """
        )

        @Argument(help: ArgumentHelp("The graph file in any format actorgraph reads, or a plain edge list read by the fast path: .txt, .edges, or a .csv/.tsv with only source, target, weight and sign columns ('source target [weight] [sign]' per line).", valueName: "file"))
        var file: String

        @Option(help: ArgumentHelp("Comma-separated measures, or all: \(CentralityMeasure.allCases.map(\.rawValue).joined(separator: ", ")).", valueName: "measures"))
        var measure: String = "degree,betweenness,closeness,pagerank"

        @Flag(help: "Treat every relation as undirected.")
        var undirected = false

        @OptionGroup var projection: ProjectionArguments
        @OptionGroup var progressOptions: ProgressArguments

        @Option(help: ArgumentHelp("Show only the first N actors of the ranking.", valueName: "n"))
        var top: Int?

        @Option(help: "Output format: table, csv or json.")
        var format: ReportFormatCentrality = .table

        @Option(help: ArgumentHelp("How close the iterative measures (eigenvector, pagerank, katz, hubs, authorities) get to their exact values: the L1 distance for pagerank (guaranteed) and katz (guaranteed when alpha times the largest out-degree is below 1, else estimated), the change and the estimated distance for the others.", valueName: "tol"))
        var tolerance: Double = 1e-10

        enum ReportFormatCentrality: String, ExpressibleByArgument, CaseIterable { case table, csv, json }

        func measures() throws -> [CentralityMeasure] {
            if measure == "all" { return CentralityMeasure.allCases }
            return try measure.split(separator: ",").map { word in
                let w = word.trimmingCharacters(in: .whitespaces)
                guard let m = CentralityMeasure(rawValue: w) else {
                    throw ValidationError("unknown measure '\(w)'; choose from \(CentralityMeasure.allCases.map(\.rawValue).joined(separator: ", ")), or all")
                }
                return m
            }
        }

        func validate() throws {
            _ = try measures()
            if let top, top < 1 { throw ValidationError("--top must be at least 1") }
            if !(tolerance > 0 && tolerance.isFinite) {
                throw ValidationError("--tolerance must be a positive number, such as 1e-10, not \(tolerance)")
            }
        }

        /// Whether `file` is a plain edge list, read by the fast path (NetworkAnalysis `EdgeList`)
        /// rather than as a graph: `.txt`, `.edges`, `.el`, `.ncol` always; `.csv`/`.tsv` when they hold
        /// only source, target, weight and sign columns and no nodes file lies beside them (a CSV
        /// with kinds, dates or evidence columns, or with a nodes file, is read as a graph).
        static func isEdgeList(_ file: String) -> Bool {
            let ext = (file as NSString).pathExtension.lowercased()
            if GraphFormat.isWhitespaceEdgeList(file) { return true }
            guard ["csv", "tsv"].contains(ext), GraphFormat(path: file) == .csv,
                  Interchange.companionNodesFile(forEdges: file) == nil else { return false }
            guard let handle = FileHandle(forReadingAtPath: file) else { return true }
            defer { try? handle.close() }
            let head = (try? handle.read(upToCount: 65_536)) ?? Data()
            return CSVFormat.isPlainEdgeList(head)
        }

        func run() throws {
            let display = ProgressDisplay.make("centrality", quiet: progressOptions.quiet)
            let chosen = try measures()
            let g: Network
            let ids: [String]
            var names: [String: String] = [:]
            /// Where the negative ties come from, and how to leave them out.
            let negativeTies: String
            if Self.isEdgeList(file) {
                if projection.filters {
                    Output.error("\(file): an edge list has no relation kinds, dates, claims or confidence; --relations, --at, --claimant and --min-confidence need a graph file")
                    throw ExitCode(ExitStatus.usage)
                }
                let list: EdgeList
                do { list = try EdgeList.read(contentsOf: file, directed: !undirected) } catch {
                    Output.error("\(error)")
                    throw ExitCode(ExitStatus.dataError)
                }
                if list.skippedSelfLoops > 0 {
                    Output.error("\(file): note: \(list.skippedSelfLoops) self-loop(s) skipped")
                }
                g = list.network
                ids = list.labels
                negativeTies = "this edge list has some; drop the negative lines"
            } else {
                let loaded = try loadForCommand(file)
                let graph = loaded.graph
                let options = projection.options(symmetrize: undirected)
                let projected = try analyse(file) { try graph.project(options) }
                g = projected.network
                let kept = projected.relations.map { graph.relations[$0] }
                let negativeKinds = Set(kept.filter { graph.sign(of: $0) == .negative }.map(\.kind)).sorted()
                let positiveKinds = Set(kept.filter { graph.sign(of: $0) != .negative }.map(\.kind)).sorted()
                negativeTies = "this projection has some (\(negativeKinds.joined(separator: ", "))); keep positive kinds with --relations \(positiveKinds.joined(separator: ","))"
                for (a, b) in projected.ambivalentPairs {
                    Output.error("\(file): note: '\(a)' and '\(b)' are joined by both positive and negative relations (ambivalent); their ties are summed into one net tie, none when they cancel")
                }
                names = Dictionary(uniqueKeysWithValues: graph.actors.map { ($0.id, $0.name) })
                ids = projected.actorIDs
            }
            if g.hasNegativeEdges, let refused = chosen.first(where: \.refusesNegativeTies) {
                Output.error("\(file): \(refused.rawValue) is not defined on negative ties, and \(negativeTies), or use positive-degree, negative-degree, net-degree or pn")
                throw ExitCode(ExitStatus.dataError)
            }
            var columns: [(CentralityMeasure, [Double])] = []
            do {
                // The measures that can fail (an iteration that does not converge, pn on a
                // network it is not defined on) run first, so that a refusal comes before the
                // minutes betweenness may take; the columns keep the order asked for.
                func mayFail(_ m: CentralityMeasure) -> Bool {
                    [.eigenvector, .pagerank, .katz, .hubs, .authorities, .pn].contains(m)
                }
                let order = chosen.indices.filter { mayFail(chosen[$0]) } + chosen.indices.filter { !mayFail(chosen[$0]) }
                var computed = [[Double]?](repeating: nil, count: chosen.count)
                for (step, i) in order.enumerated() {
                    let m = chosen[i]
                    display?.step("measures (\(m.rawValue))", step, of: chosen.count)
                    computed[i] = try g.centrality(m, weighted: projection.weighted, tolerance: tolerance)
                }
                columns = chosen.indices.map { (chosen[$0], computed[$0]!) }
            } catch {
                Output.error("\(file): \(error)")
                throw ExitCode(ExitStatus.failure)
            }
            let report = CentralityReport(
                network: .init(nodes: g.nodeCount, edges: g.edgeCount, directed: g.isDirected, weighted: projection.weighted),
                ids: ids, names: names, columns: columns, top: top)
            switch format {
            case .table: printTable(report)
            case .csv: printCSV(report)
            case .json: try printJSON(report)
            }
        }

        static func number(_ x: Double) -> String {
            if x == x.rounded(), abs(x) < 1e15 { return String(Int(x)) }
            return String(format: "%.6f", x)
        }

        func printTable(_ report: CentralityReport) {
            let header = ["rank", "actor"] + report.measures.map(\.rawValue)
            var rows = [header]
            for (rank, row) in report.actors.enumerated() {
                rows.append(["\(rank + 1)", row.actor.name] + row.scores.map(Self.number))
            }
            let right = Set(header.indices).subtracting([1])
            for line in TextTable.lines(rows, rightAligned: right) { Output.print(line) }
        }

        func printCSV(_ report: CentralityReport) {
            let field = TextTable.csv
            Output.print((["id", "name"] + report.measures.map(\.rawValue)).joined(separator: ","))
            for row in report.actors {
                Output.print(([field(row.actor.id), field(row.actor.name)] + row.scores.map { "\($0)" }).joined(separator: ","))
            }
        }
    }
}
