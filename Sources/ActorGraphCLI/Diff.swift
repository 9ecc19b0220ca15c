import ActorGraphAnalysis
import ActorGraphFormats
import ActorGraphModel
import ArgumentParser
import Foundation
import NetworkAnalysis

/// A date option's value.
struct DateArgument: ExpressibleByArgument, CustomStringConvertible {
    var date: PartialDate
    var description: String { date.description }
    init?(argument: String) {
        guard let d = PartialDate(argument) else { return nil }
        date = d
    }
    static var defaultCompletionKind: CompletionKind { .default }
}

/// The options of `diff` and `claims` that choose relations, without a date of their own.
struct ViewArguments: ParsableArguments {
    @Option(help: ArgumentHelp("Comma-separated relation kinds to keep (default: every signed kind).", valueName: "kinds"))
    var relations: String?

    @Flag(help: "Use relation weights (otherwise every relation weighs 1).")
    var weighted = false

    @Option(name: .customLong("min-confidence"), help: ArgumentHelp("Only relations with at least this confidence (0…1).", valueName: "x"))
    var minConfidence: Double?

    func validate() throws {
        if let minConfidence, !(0...1).contains(minConfidence) { throw ValidationError("--min-confidence must lie in 0…1") }
    }

    func options(at: PartialDate? = nil, claimant: String? = nil) -> ProjectionOptions {
        ProjectionOptions(relationKinds: relations.map { Set($0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }) },
                          weighted: weighted, at: at, claimant: claimant, minimumConfidence: minConfidence)
    }
}

extension ActorGraphCommand {
    /// `actorgraph diff FILE --from D1 --to D2`: what changed between two dates.
    struct Diff: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "What changed between two dates: relations that appeared, ended or flipped sign, and the change in frustration, blocs and fissures.",
            discussion: """
                A relation holds at a date when its span covers it: since and until are inclusive, \
                and a partial date stands for its whole period (until: 2010-01 holds through \
                January 31; --at 2010-01 takes relations that hold at some time in January). A \
                relation without since or until holds at every date. Blocs are the 2-bloc balance \
                partition (--k to change), compared by who shares a bloc with whom.
                """
        )

        @Argument(help: ArgumentHelp("The graph file, in any format actorgraph reads (native YAML/JSON, CSV, DOT, GraphML, GEXF, JSON node-link, Pajek; see 'actorgraph convert --help').", valueName: "file"))
        var file: String

        @Option(help: ArgumentHelp("The earlier date (YYYY, YYYY-MM or YYYY-MM-DD).", valueName: "date"))
        var from: DateArgument

        @Option(help: ArgumentHelp("The later date.", valueName: "date"))
        var to: DateArgument

        @Option(help: ArgumentHelp("A claimant's view at both dates.", valueName: "id"))
        var claimant: String?

        @OptionGroup var blocs: BlocArguments
        @OptionGroup var view: ViewArguments

        @Option(help: "Output format: table or json.")
        var format: AnalysisFormat = .table

        func run() throws {
            let display = ProgressDisplay.make("diff", quiet: blocs.quiet)
            let graph = try loadForCommand(file).graph
            let projection = view.options(claimant: claimant)
            let d = try analyse(file) {
                try graph.diff(from: from.date, to: to.date, projection: projection,
                               factions: FactionOptions(method: .balance, k: blocs.k, alpha: blocs.alpha),
                               fissures: FissureOptions(k: blocs.k, alpha: blocs.alpha), progress: display?.handler)
            }
            display?.finish()
            switch format {
            case .table, .csv: Output.print(table(d, graph: graph))
            case .json: try printJSON(d)
            }
        }

        static func optimality(_ r: BalanceSummary) -> String { r.optimal ? "proven optimal" : "lower bound \(reportNumber(r.lowerBound))" }

        func table(_ d: GraphDiff, graph: ActorGraph) -> String {
            var out = ["Changes in \(file) from \(d.from) to \(d.to)" + (claimant.map { ", as \($0) tells it" } ?? "")]
            out.append("")
            out.append("Relations that appeared (\(d.appeared.count))" + (d.appeared.isEmpty ? ": none" : ":"))
            out += d.appeared.map { "  + " + relationLine(graph, $0) }
            out.append("Relations that ended (\(d.ended.count))" + (d.ended.isEmpty ? ": none" : ":"))
            out += d.ended.map { "  − " + relationLine(graph, $0) }
            out.append("Pairs whose ties changed sign (\(d.flips.count))" + (d.flips.isEmpty ? ": none" : ":"))
            for f in d.flips {
                out.append("  \(f.a) – \(f.b): \(f.from) → \(f.to)")
                let new = f.relationsTo.filter { !f.relationsFrom.contains($0) }
                out += new.map { "    + " + relationLine(graph, $0) }
                out += f.relationsFrom.filter { !f.relationsTo.contains($0) }.map { "    − " + relationLine(graph, $0) }
            }
            out.append("")
            let (a, b) = (d.balanceFrom.frustration, d.balanceTo.frustration)
            out.append("Frustration index: \(reportNumber(a.error)) → \(reportNumber(b.error)) (\(Self.optimality(a)); \(Self.optimality(b)))")
            out.append("Unbalanced triangles: \(d.balanceFrom.census.unbalanced) → \(d.balanceTo.census.unbalanced); ambivalent: \(d.balanceFrom.census.ambivalent) → \(d.balanceTo.census.ambivalent)")
            out.append("")
            out.append("Blocs at \(d.from): " + d.factionsFrom.blocs.ids.map { "{" + $0.joined(separator: ", ") + "}" }.joined(separator: "  "))
            out.append("Blocs at \(d.to): " + d.factionsTo.blocs.ids.map { "{" + $0.joined(separator: ", ") + "}" }.joined(separator: "  "))
            out.append("Actors that changed bloc" + (d.crossings.isEmpty ? ": none" : ":"))
            for c in d.crossings {
                out.append("  from the bloc of \(c.fromBloc) to the bloc of \(c.toBloc): " + c.actors.ids.joined(separator: ", "))
            }
            if !d.entered.isEmpty { out.append("Actors with signed ties only at \(d.to): " + d.entered.ids.joined(separator: ", ")) }
            if !d.left.isEmpty { out.append("Actors with signed ties only at \(d.from): " + d.left.ids.joined(separator: ", ")) }
            out.append("")
            out.append("Fissures (coalition and alliance ties):" + (d.fissures.isEmpty ? " none" : ""))
            for f in d.fissures {
                func describe(_ x: Fissure?) -> String {
                    guard let x else { return "not holding" }
                    return String(format: "stress %.2f", x.score) + (x.split ? ", split" : ", together") + ", \(x.unbalancedCycles)/\(x.cycles) cycles unbalanced"
                        + (x.directNegative.isEmpty ? "" : ", \(x.directNegative.count) hostile relation(s)")
                }
                out.append("  \(graph.relationPhrase(f.relation)): \(describe(f.from)) → \(describe(f.to))")
                let newHostility = (f.to?.directNegative ?? []).filter { !(f.from?.directNegative ?? []).contains($0) }
                out += newHostility.map { "    + " + relationLine(graph, $0) }
            }
            return out.joined(separator: "\n")
        }

    }

    /// `actorgraph claims FILE`: who asserts what, what is contested, and each narrative's story.
    struct Claims: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Claims: who asserts and denies what, the contested relations, and the blocs, frustration and fissures of each narrative side by side.",
            discussion: """
                Narratives: the facts alone (relations no one claims), the facts plus each \
                claimant's claims (the --claimant view), and all claims together. A relation is \
                contested when someone disputes it (disputed-by) or when a single claimant asserts \
                it and nothing else, claimed or not, ties the same actors by the same kind. Blocs \
                are the 2-bloc balance partition, each named after its best-connected member so \
                the columns line up.
                """
        )

        @Argument(help: ArgumentHelp("The graph file, in any format actorgraph reads (native YAML/JSON, CSV, DOT, GraphML, GEXF, JSON node-link, Pajek; see 'actorgraph convert --help').", valueName: "file"))
        var file: String

        @Option(help: ArgumentHelp("Only relations that hold at this date.", valueName: "date"))
        var at: DateArgument?

        @OptionGroup var blocs: BlocArguments
        @OptionGroup var view: ViewArguments

        @Option(help: "Output format: table or json.")
        var format: AnalysisFormat = .table

        func run() throws {
            let display = ProgressDisplay.make("claims", quiet: blocs.quiet)
            let graph = try loadForCommand(file).graph
            let report = try analyse(file) {
                try graph.claims(projection: view.options(at: at?.date),
                                 factions: FactionOptions(method: .balance, k: blocs.k, alpha: blocs.alpha),
                                 fissures: FissureOptions(k: blocs.k, alpha: blocs.alpha), progress: display?.handler)
            }
            display?.finish()
            switch format {
            case .table, .csv: Output.print(table(report, graph: graph))
            case .json: try printJSON(report)
            }
        }

        func table(_ r: ClaimsReport, graph: ActorGraph) -> String {
            var out = ["Claims in \(file): \(r.claimants.count) claimant\(r.claimants.count == 1 ? "" : "s")" + (at.map { " [at \($0)]" } ?? "")]
            for c in r.claimants {
                out.append("")
                out.append("\(c.actor.id) (\(c.actor.name)): asserts \(c.claims.count), disputes \(c.denials.count)")
                out += c.claims.flatMap { ["  asserts  " + graph.relationPhrase($0) + "  " + graph.evidencePhrase($0)] + quoteLines(graph, $0, indent: "           ") }
                out += c.denials.flatMap { ["  disputes " + graph.relationPhrase($0) + "  " + graph.evidencePhrase($0)] + quoteLines(graph, $0, indent: "           ") }
            }
            out.append("")
            out.append("Contested relations (\(r.contested.count))" + (r.contested.isEmpty ? ": none" : ":"))
            out += r.contested.flatMap { ["  " + graph.relationPhrase($0.relation) + "  (" + $0.reasons.joined(separator: "; ") + ")"] + quoteLines(graph, $0.relation, indent: "    ") }
            out.append("")
            out.append("Narratives side by side (2-bloc balance partition; each actor's bloc named by its best-connected member):")
            var header = ["  actor"] + r.narratives.map(\.view.description)
            var rows: [[String]] = []
            // Each narrative's bloc names, indexed once (not per actor: quadratic on large graphs).
            let blocNames = r.narratives.map(\.blocName)
            for actor in graph.actors.map(\.id) where blocNames.contains(where: { $0[actor] != nil }) {
                rows.append(["  " + actor] + blocNames.map { $0[actor] ?? "–" })
            }
            rows.append(["  relations"] + r.narratives.map { "\($0.relations)" })
            rows.append(["  frustration"] + r.narratives.map { reportNumber($0.frustration.error) + ($0.frustration.optimal ? "" : "?") })
            rows.append(["  top fissure"] + r.narratives.map { n in
                n.fissures.fissures.first.map { "\($0.a)–\($0.b) " + String(format: "%.2f", $0.score) } ?? "–"
            })
            rows.append(["  coalition split"] + r.narratives.map { n in
                n.fissures.fissures.first.map { $0.split ? "yes" : "no" } ?? "–"
            })
            header[0] = "  actor"
            out += TextTable.lines([header] + rows)
            return out.joined(separator: "\n")
        }


    }
}
