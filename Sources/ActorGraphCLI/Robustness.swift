import ActorGraphAnalysis
import ActorGraphFormats
import ActorGraphModel
import ArgumentParser
import Foundation

extension ActorGraphCommand {
    /// `actorgraph robustness FILE`: which conclusions rest on doubtful relations.
    struct Robustness: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Test the blocs and fissures against each doubtful relation: drop it, rerun, and say what changes.",
            discussion: """
                A relation is doubtful when its confidence is below --confidence-below (low = \
                0.25, medium = 0.5, high = 0.75), when exactly one actor claims it, or when some \
                actor disputes it. Each is dropped in turn (only that one), factions (same method \
                and seed) and fissures are rerun, and the results are compared with the full ones. \
                Blocs are compared up to relabelling, by who shares a bloc with whom. An actor's \
                stability is the Jaccard similarity of its bloc before and after, averaged over \
                drops (actors left without a tie by a drop are compared only with themselves); a \
                bloc's, its best Jaccard similarity with a bloc after the drop, averaged, and \
                whether it stays intact; a \
                fissure's, the share after which its verdict (split or not) is unchanged, not \
                counting the drop of the tie itself. Above 200 attached actors, with balance \
                factions and fissures on the same relations, 2 blocs and alpha 0.5 (the defaults), \
                each drop starts from the full partition instead of a fresh search: kept when it \
                frustrates the dropped relation, else improved by local search from the \
                relation's ends. The output then says so, with the certified bound.
                """
        )

        @Argument(help: ArgumentHelp("The graph file, in any format actorgraph reads (native YAML/JSON, CSV, DOT, GraphML, GEXF, JSON node-link, Pajek; see 'actorgraph convert --help').", valueName: "file"))
        var file: String

        @OptionGroup var split: SplitArguments

        @Option(help: ArgumentHelp("Comma-separated positive relation kinds scored as fissures.", valueName: "kinds"))
        var kinds: String = "coalition,alliance"

        @Option(name: .customLong("confidence-below"), help: ArgumentHelp("Test relations whose confidence is below this (0…1).", valueName: "x"))
        var confidenceBelow: Double = 0.5

        @OptionGroup var search: SearchArguments
        @OptionGroup var projection: ProjectionArguments

        @Option(help: "Output format: table, csv or json.")
        var format: AnalysisFormat = .table

        func validate() throws {
            if !(0...1).contains(confidenceBelow) { throw ValidationError("--confidence-below must lie in 0…1") }
        }

        func run() throws {
            let display = ProgressDisplay.make("robustness", quiet: split.blocs.quiet)
            let graph = try loadForCommand(file).graph
            let chosen = try relationKinds(kinds, of: graph, file: file)
            let factions = split.options(search: search, projection: projection)
            let fissures = FissureOptions(kinds: chosen, projection: projection.options(), k: split.blocs.k, alpha: split.blocs.alpha,
                                          search: search.options)
            let options = RobustnessOptions(factions: factions, fissures: fissures, confidenceBelow: confidenceBelow,
                                            progress: display?.handler)
            let report = try analyse(file) { try graph.robustness(options) }
            display?.finish()
            switch format {
            case .table: Output.print(Self.table(report, graph: graph, file: file, view: projection.view, alpha: split.blocs.alpha))
            case .csv: Output.print(Self.csv(report, graph: graph))
            case .json: try printJSON(report)
            }
        }

        static func percent(_ x: Double) -> String { String(format: "%.0f%%", x * 100) }
        static func fixed(_ x: Double) -> String { String(format: "%.2f", x) }

        static func table(_ report: RobustnessReport, graph: ActorGraph, file: String, view: String, alpha: Double) -> String {
            let n = report.fragile.count
            var title = "Robustness of \(file): \(Factions.heading(report.factions, alpha: alpha)), \(n) doubtful relation\(n == 1 ? "" : "s") dropped one at a time"
            if !view.isEmpty { title += " [\(view)]" }
            var out = [title, ""]
            for note in report.notes { out.append("Note: " + note) }
            if !report.notes.isEmpty { out.append("") }
            out.append("Blocs of the full analysis:")
            for (b, members) in report.factions.blocs.enumerated() {
                out.append("  Bloc \(b + 1): " + members.ids.joined(separator: ", ") + "  (stability \(fixed(report.blocStability[b])), intact after \(percent(report.blocSurvival[b])) of drops)")
            }
            out.append("")
            out.append("Doubtful relations and what dropping each changes:")
            if report.fragile.isEmpty { out.append("  none: every conclusion stands on confident, uncontested relations") }
            for (number, f) in report.fragile.enumerated() {
                out.append("\(String(format: "%2d", number + 1)). \(relationLine(graph, f.relation))")
                out += quoteLines(graph, f.relation, indent: "      ")
                out.append("    why doubtful: " + f.reasons.joined(separator: "; "))
                if f.changes.isEmpty { out.append("    dropped: nothing changes") }
                for c in f.changes { out.append("    dropped: " + c) }
            }
            out.append("")
            out.append("Membership stability (Jaccard similarity of the actor's bloc before and after, mean over drops; lowest first):")
            let actors = report.membershipStability.sorted { $0.value != $1.value ? $0.value < $1.value : $0.key < $1.key }
            // The drops each actor leaves its bloc in, by actor (one pass over the drops).
            var leaves: [String: [String]] = [:]
            for (number, f) in report.fragile.enumerated() {
                for id in Set(f.moved.ids) { leaves[id, default: []].append(String(number + 1)) }
            }
            out += TextTable.lines(actors.map { actor in
                let drops = leaves[actor.key] ?? []
                return ["  " + actor.key, fixed(actor.value), report.factions.bloc[actor.key].map { "bloc \($0 + 1)" } ?? "",
                        drops.isEmpty ? "" : "leaves its bloc in drop\(drops.count == 1 ? "" : "s") " + drops.joined(separator: ", ")]
            }, rightAligned: [1])
            out.append("")
            out.append("Fissure stability (share of the other drops after which the verdict stands):")
            if report.fissureStability.isEmpty { out.append("  no coalition or alliance tie is scored") }
            for s in report.fissureStability {
                let range = s.scoreRange.lowerBound == s.scoreRange.upperBound ? "" :
                    String(format: ", score %.2f…%.2f", s.scoreRange.lowerBound, s.scoreRange.upperBound)
                out += relationLines(graph, s.relation, indent: "  ")
                out.append("    \(s.split ? "split" : "not split"), score \(String(format: "%.2f", s.score)): verdict stands in \(percent(s.stability)) of \(s.drops) drop\(s.drops == 1 ? "" : "s")\(range)")
            }
            if let top = report.rankStability.top {
                var line = "Top fissure \(graph.relationPhrase(top)) stays top in \(percent(report.rankStability.stability)) of drops"
                if !report.rankStability.challengers.isEmpty {
                    line += "; replaced by " + report.rankStability.challengers.map { "\(graph.relationPhrase($0.relation)) (\($0.drops))" }.joined(separator: ", ")
                }
                out.append(line)
            }
            if !report.untested.isEmpty {
                out.append("")
                out.append("Not tested (doubtful, but outside the projection: dropping them changes nothing): "
                           + report.untested.map { graph.relationPhrase($0) }.joined(separator: "; "))
            }
            return out.joined(separator: "\n")
        }

        static func csv(_ report: RobustnessReport, graph: ActorGraph) -> String {
            var lines = ["section,subject,index,value,detail"]
            func row(_ cells: [String]) { lines.append(cells.map(TextTable.csv).joined(separator: ",")) }
            for f in report.fragile {
                row(["fragile", graph.relationPhrase(f.relation), "\(f.relation)", f.reasons.joined(separator: "; "), f.changes.joined(separator: "; ")])
            }
            for (id, s) in report.membershipStability.sorted(by: { $0.key < $1.key }) { row(["actor", id, "", "\(s)", ""]) }
            for (b, s) in report.blocStability.enumerated() {
                row(["bloc", "\(b + 1)", "", "\(s)", "survival \(report.blocSurvival[b]); " + report.factions.blocs[b].ids.joined(separator: " ")])
            }
            for s in report.fissureStability {
                row(["fissure", graph.relationPhrase(s.relation), "\(s.relation)", "\(s.stability)",
                     "split \(s.split), score \(s.score), range \(s.scoreRange.lowerBound)…\(s.scoreRange.upperBound)"])
            }
            return lines.joined(separator: "\n")
        }


    }
}
