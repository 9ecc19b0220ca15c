import ActorGraphAnalysis
import ActorGraphFormats
import ActorGraphModel
import ArgumentParser
import Foundation
import NetworkAnalysis

extension FactionMethod: ExpressibleByArgument {}

/// Options of the balance search shared by factions, balance and fissures.
struct SearchArguments: ParsableArguments {
    @Option(help: ArgumentHelp("Seed of the randomised searches (same seed, same answer).", valueName: "n"))
    var seed: UInt64 = 1

    @Option(help: ArgumentHelp("Balance: relocation restarts when the network is too large to solve exactly.", valueName: "n"))
    var restarts: Int = 32

    @Option(name: .customLong("exact-limit"), help: ArgumentHelp("Balance: solve exactly (branch and bound) up to this many actors.", valueName: "n"))
    var exactLimit: Int = 60

    @Option(name: .customLong("exact-budget"), help: ArgumentHelp("Balance: search nodes the exact search may visit before it settles for the best partition found and a certified lower bound (5 million take a few seconds).", valueName: "n"))
    var exactBudget: Int = 5_000_000

    func validate() throws {
        if exactBudget < 0 { throw ValidationError("--exact-budget must not be negative") }
        if restarts < 1 { throw ValidationError("--restarts must be at least 1") }
        if exactLimit < 0 { throw ValidationError("--exact-limit must not be negative") }
    }

    var options: BalanceSearchOptions {
        var o = BalanceSearchOptions()
        o.seed = seed
        o.restarts = restarts
        o.exactNodeLimit = exactLimit
        o.exactBudget = exactBudget
        return o
    }
}

/// Reads an edge list for the faction and balance commands: direction dropped, each pair's
/// positive and negative weight kept apart. The projection options need a graph file.
func readSignedEdgeList(_ file: String, projection: ProjectionArguments) throws -> EdgeList {
    if projection.filters {
        Output.error("\(file): an edge list has no relation kinds, dates, claims or confidence; --relations, --at, --claimant and --min-confidence need a graph file")
        throw ExitCode(ExitStatus.usage)
    }
    let list: EdgeList
    do { list = try EdgeList.read(contentsOf: file, directed: false, signedPairs: true) } catch {
        Output.error("\(error)")
        throw ExitCode(ExitStatus.dataError)
    }
    if list.skippedSelfLoops > 0 { Output.error("\(file): note: \(list.skippedSelfLoops) self-loop(s) skipped") }
    return list
}

/// The number of blocs and the balance partition's α (factions, fissures).
struct BlocArguments: ParsableArguments {
    @Option(help: ArgumentHelp("Blocs: for balance, spectral and girvan-newman splits, and the balance partition behind fissures.", valueName: "n"))
    var k: Int = 2

    @Option(help: ArgumentHelp("Balance: weight of negative ties inside blocs (0 < α < 1; positive ties between blocs weigh 1 − α).", valueName: "a"))
    var alpha: Double = 0.5

    @Flag(help: "Show no progress (progress shows on standard error only when it is a terminal).")
    var quiet = false

    func validate() throws {
        if k < 1 { throw ValidationError("--k must be at least 1") }
        if !(alpha > 0 && alpha < 1) { throw ValidationError("--alpha must lie strictly between 0 and 1") }
    }
}

/// How `factions` (and `robustness`) split: the method and its parameters.
struct SplitArguments: ParsableArguments {
    @Option(help: "Method: balance, louvain, leiden, spectral or girvan-newman.")
    var method: FactionMethod?

    @OptionGroup var blocs: BlocArguments

    @Option(help: ArgumentHelp("Louvain and Leiden: modularity resolution (above 1, more and smaller blocs).", valueName: "γ"))
    var resolution: Double = 1

    @Flag(help: "Louvain and Leiden: signed modularity (Gómez, Jensen & Arenas 2009): negative ties push blocs apart.")
    var signed = false

    func validate() throws {
        if !(resolution > 0 && resolution.isFinite) { throw ValidationError("--resolution must be a positive number") }
    }

    func options(search: SearchArguments, projection: ProjectionArguments) -> FactionOptions {
        FactionOptions(method: method, k: blocs.k, alpha: blocs.alpha, seed: search.seed, resolution: resolution,
                       signedModularity: signed, projection: projection.options(), search: search.options)
    }
}

/// The relation kinds of a `--kinds` list, each checked against the graph.
func relationKinds(_ list: String, of graph: ActorGraph, file: String) throws -> Set<String> {
    let chosen = Set(list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
    let known = Set(graph.allRelationKinds.map(\.id))
    for kind in chosen.sorted() where !known.contains(kind) {
        Output.error("\(file): unknown relation kind '\(kind)' in --kinds; this graph has \(known.sorted().joined(separator: ", "))")
        throw ExitCode(ExitStatus.dataError)
    }
    return chosen
}

extension ActorGraphCommand {
    /// `actorgraph factions FILE`: the blocs a network splits into.
    struct Factions: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Split the actors into blocs (factions), with the quality of the split and the ties that defy it.",
            discussion: """
                Methods: balance (default when negative ties exist): the partition into --k blocs \
                that minimises P = α·N + (1−α)·Pb, N the negative weight inside blocs and Pb the \
                positive weight between them (Doreian & Mrvar 1996), solved exactly with a proof of \
                optimality on small graphs, by seeded relocation with a certified lower bound on \
                large ones. louvain / leiden (default without negative ties): modularity on the \
                positive ties, or signed modularity with --signed. spectral: recursive bisection by \
                the Fiedler vector, or by the signed Laplacian when negative ties exist. \
                girvan-newman: remove the tie of highest edge betweenness until --k blocs remain.

                Relations are read as undirected ties, one per relation: a pair joined by a \
                coalition and a conflict keeps both. Actors without a kept relation are listed \
                as unattached. Methods defined on positive ties only say so.
                """
        )

        @Argument(help: ArgumentHelp("The graph file in any format actorgraph reads, or a plain edge list read by the fast path: .txt, .edges, or a .csv/.tsv with only source, target, weight and sign columns ('source target [weight] [sign]' per line).", valueName: "file"))
        var file: String

        @OptionGroup var split: SplitArguments
        @OptionGroup var search: SearchArguments
        @OptionGroup var projection: ProjectionArguments

        @Option(help: "Output format: table, csv or json.")
        var format: AnalysisFormat = .table

        var alpha: Double { split.blocs.alpha }

        var options: FactionOptions { split.options(search: search, projection: projection) }

        func run() throws {
            if Centrality.isEdgeList(file) { return try runOnEdgeList() }
            let display = ProgressDisplay.make("factions", quiet: split.blocs.quiet)
            let graph = try loadForCommand(file).graph
            display?.step("splitting into blocs")
            let report = try analyse(file) { try graph.factions(options) }
            switch format {
            case .table: Output.print(Self.table(report, graph: graph, file: file, view: projection.view, alpha: alpha))
            case .csv:
                var lines = ["id,name,bloc"]
                for (b, members) in report.blocs.enumerated() {
                    for a in members { lines.append("\(TextTable.csv(a.id)),\(TextTable.csv(a.name)),\(b + 1)") }
                }
                for a in report.unattached { lines.append("\(TextTable.csv(a.id)),\(TextTable.csv(a.name)),") }
                Output.print(lines.joined(separator: "\n"))
            case .json: try printJSON(report)
            }
        }

        /// An edge list: the split of its nodes, with sizes; CSV gives every node's bloc.
        func runOnEdgeList() throws {
            let list = try readSignedEdgeList(file, projection: projection)
            let net = list.signedNetwork!
            let split = net.factions(options, negativeTies: net.negativePairCount, unit: "pair")
            let groups = split.partition.groups
            switch format {
            case .table:
                var out = ["Factions of \(file): \(Self.heading(method: split.method, blocs: groups.count, alpha: alpha))"
                           + (split.optimal.map { $0 ? ", proven optimal" : ", best found (not proven optimal)" } ?? "")]
                out.append("  \(net.nodeCount) nodes, \(net.pairCount) pairs (\(net.negativePairCount) with negative ties)")
                out.append("")
                out += TextTable.lines(split.quality.map { ["  " + $0.name, reportNumber($0.value), $0.note] }, rightAligned: [1])
                out.append("")
                let shown = 20
                for (b, members) in groups.enumerated().prefix(shown) {
                    let names = members.prefix(8).map { list.labels[Int($0)] }.joined(separator: ", ")
                    out.append("Bloc \(b + 1) (\(members.count) node\(members.count == 1 ? "" : "s")): \(names)\(members.count > 8 ? ", …" : "")")
                }
                if groups.count > shown { out.append("… and \(groups.count - shown) more blocs (--format csv lists every node's bloc)") }
                out += split.notes.map { "Note: " + $0 }
                Output.print(out.joined(separator: "\n"))
            case .csv:
                var text = "id,bloc\n"
                for (i, label) in list.labels.enumerated() { text += "\(TextTable.csv(label)),\(split.partition.membership[i] + 1)\n" }
                Output.print(text)
            case .json:
                try printJSON(FactionReport(split: split, labels: list.labels))
            }
        }

        static func heading(_ report: FactionReport, alpha: Double) -> String {
            heading(method: report.method, blocs: report.blocs.count, alpha: alpha)
        }

        static func heading(method: FactionMethod, blocs n: Int, alpha: Double) -> String {
            switch method {
            case .balance: return "balance partition into \(n) bloc\(n == 1 ? "" : "s") (Doreian–Mrvar, α = \(reportNumber(alpha)))"
            case .louvain: return "Louvain, \(n) bloc\(n == 1 ? "" : "s")"
            case .leiden: return "Leiden, \(n) bloc\(n == 1 ? "" : "s")"
            case .spectral: return "spectral bisection, \(n) bloc\(n == 1 ? "" : "s")"
            case .girvanNewman: return "Girvan–Newman, \(n) bloc\(n == 1 ? "" : "s")"
            }
        }

        static func table(_ report: FactionReport, graph: ActorGraph, file: String, view: String, alpha: Double) -> String {
            var out: [String] = []
            var title = "Factions of \(file): \(heading(report, alpha: alpha))"
            if let optimal = report.optimal { title += optimal ? ", proven optimal" : ", best found (not proven optimal)" }
            if !view.isEmpty { title += " [\(view)]" }
            out.append(title)
            out.append("")
            out += TextTable.lines(report.quality.map { ["  " + $0.name, reportNumber($0.value), $0.note] }, rightAligned: [1])
            for (b, members) in report.blocs.enumerated() {
                out.append("")
                out.append("Bloc \(b + 1) (\(members.count) actor\(members.count == 1 ? "" : "s")):")
                out += TextTable.lines(members.map { ["  " + $0.id, $0.name] })
            }
            if !report.unattached.isEmpty {
                out.append("")
                out.append("Unattached (no kept relation; \(report.unattached.count)): " + report.unattached.ids.joined(separator: ", "))
            }
            out.append("")
            out.append("Positive ties between blocs (\(report.positiveBetween.count))" + (report.positiveBetween.isEmpty ? ": none" : ":"))
            out += report.positiveBetween.map { "  " + bracketed(report, graph, $0) }
            out.append("Negative ties inside blocs (\(report.negativeInside.count))" + (report.negativeInside.isEmpty ? ": none" : ":"))
            out += report.negativeInside.map { "  " + bracketed(report, graph, $0) }
            if !report.notes.isEmpty {
                out.append("")
                out += report.notes.map { "Note: " + $0 }
            }
            return out.joined(separator: "\n")
        }

        /// A relation with the blocs of its ends: `mqm-a (1) –coalition– ppp (2)  evidence`.
        static func bracketed(_ report: FactionReport, _ graph: ActorGraph, _ i: Int) -> String {
            let r = graph.relations[i]
            let a = report.bloc[r.source].map { " (\($0 + 1))" } ?? "", b = report.bloc[r.target].map { " (\($0 + 1))" } ?? ""
            let link = r.directed ? "–\(r.kind)→" : "–\(r.kind)–"
            return "\(r.source)\(a) \(link) \(r.target)\(b)  \(graph.evidencePhrase(i))"
        }

    }

    /// `actorgraph balance FILE`: how far the network is from structural balance.
    struct Balance: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Structural balance: the triangle census, and the frustration index with its bounds and the frustrated relations.",
            discussion: """
                Triangles: strongly balanced (+++ or +−−; Cartwright & Harary 1956), weakly \
                balanced (−−−: clusterable, Davis 1967), unbalanced (++−), or ambivalent (a side \
                with both a positive and a negative relation). The frustration index (line index of \
                balance; Aref, Mason & Wilson 2020) is the least weight of relations whose removal \
                leaves the network balanced: the best split into two sides, counting negative \
                relations within a side and positive relations across. It is exact, with a proof, \
                on small networks; on large ones the best split found is an upper bound and \
                edge-disjoint unbalanced cycles give a certified lower bound.
                """
        )

        @Argument(help: ArgumentHelp("The graph file in any format actorgraph reads, or a plain edge list read by the fast path: .txt, .edges, or a .csv/.tsv with only source, target, weight and sign columns ('source target [weight] [sign]' per line).", valueName: "file"))
        var file: String

        @Option(name: .customLong("triangles"), help: ArgumentHelp("List at most this many triangles.", valueName: "n"))
        var triangleLimit: Int = 50

        @OptionGroup var search: SearchArguments
        @OptionGroup var projection: ProjectionArguments
        @OptionGroup var progressOptions: ProgressArguments

        @Option(help: "Output format: table, csv (the frustrated relations) or json.")
        var format: AnalysisFormat = .table

        func validate() throws {
            if triangleLimit < 0 { throw ValidationError("--triangles must not be negative") }
        }

        func run() throws {
            if Centrality.isEdgeList(file) { return try runOnEdgeList() }
            let display = ProgressDisplay.make("balance", quiet: progressOptions.quiet)
            let graph = try loadForCommand(file).graph
            display?.step("balance partition and frustration index")
            let report = try analyse(file) {
                try graph.balance(projection.options(), search: search.options, triangleLimit: max(triangleLimit, 10_000))
            }
            switch format {
            case .table: Output.print(table(report, graph: graph))
            case .csv:
                var lines = ["index,id,kind,source,target,sign,frustrated as"]
                for i in report.frustratedRelations {
                    let r = graph.relations[i]
                    let sign = graph.sign(of: r) == .negative ? "negative" : "positive"
                    lines.append(["\(i)", r.id ?? "", r.kind, r.source, r.target, sign,
                                  sign == "negative" ? "negative inside a side" : "positive across the sides"].map(TextTable.csv).joined(separator: ","))
                }
                Output.print(lines.joined(separator: "\n"))
            case .json:
                var report = report
                report.triangles = Array(report.triangles.prefix(triangleLimit))
                try printJSON(report)
            }
        }

        /// An edge list: the census counts, the frustration index and its bounds; CSV lists the
        /// frustrated pairs.
        func runOnEdgeList() throws {
            let list = try readSignedEdgeList(file, projection: projection)
            let net = list.signedNetwork!
            let c = net.triangleCensus(listLimit: 0)
            let f = net.frustrationIndex(options: search.options)
            switch format {
            case .table:
                var out = ["Balance of \(file): \(net.nodeCount) nodes, \(net.pairCount) pairs (\(net.negativePairCount) with negative ties)", ""]
                out.append("Triangles: \(c.total)")
                out += TextTable.lines([
                    ["  strongly balanced", "\(c.strongBalanced)"], ["  weakly balanced", "\(c.weakBalanced)"],
                    ["  unbalanced", "\(c.unbalanced)"], ["  ambivalent", "\(c.ambivalent)"],
                ], rightAligned: [1])
                out.append("")
                out.append("Frustration index: \(reportNumber(f.error)), " + (f.optimal ? f.optimalityPhrase : "best found by \(f.method)"))
                out.append("  certified lower bound \(reportNumber(f.lowerBound)); the optimum lies in [\(reportNumber(f.lowerBound)), \(reportNumber(f.error))]")
                out.append("  frustrated pairs: \(f.frustrated.count) (--format csv lists them)")
                Output.print(out.joined(separator: "\n"))
            case .csv:
                var text = "source,target,frustrated as,weight\n"
                for t in f.frustrated {
                    text += "\(TextTable.csv(list.labels[Int(t.u)])),\(TextTable.csv(list.labels[Int(t.v)])),"
                        + (t.negativeInside ? "negative inside a side" : "positive across the sides") + ",\(t.weight)\n"
                }
                Output.print(text)
            case .json:
                try printJSON(EdgeListBalance(nodes: net.nodeCount, pairs: net.pairCount, negativePairs: net.negativePairCount,
                                              census: TriangleCounts(c), frustration: BalanceSummary(f),
                                              frustratedPairs: f.frustrated.count))
            }
        }

        func table(_ report: BalanceReport, graph: ActorGraph) -> String {
            let c = report.census, f = report.frustration
            let positive = report.positiveRelations, negative = report.negativeRelations
            var out: [String] = []
            out.append("Balance of \(file): \(report.actorCount) actors, \(positive + negative) signed relations (\(positive) positive, \(negative) negative)"
                       + (projection.view.isEmpty ? "" : " [\(projection.view)]"))
            out.append("")
            out.append("Triangles: \(c.total)")
            out += TextTable.lines([
                ["  strongly balanced", "\(c.strongBalanced)", "+++ or +−− (Cartwright–Harary)"],
                ["  weakly balanced", "\(c.weakBalanced)", "−−− (clusterable, Davis)"],
                ["  unbalanced", "\(c.unbalanced)", "++−"],
                ["  ambivalent", "\(c.ambivalent)", "a side with both + and − relations"],
            ], rightAligned: [1])
            out.append("")
            let total = report.totalWeight
            let status = f.optimal ? f.optimalityPhrase : "best found by \(f.method); certified lower bound \(reportNumber(f.lowerBound))"
            out.append("Frustration index: \(reportNumber(f.error)), \(status)")
            if total > 0 {
                out.append("  balance 1 − F/(W/2) = \(reportNumber(1 - f.error / (total / 2))) (W = \(reportNumber(total)), the total weight; 1 is perfectly balanced)")
            }
            for (s, side) in report.sides.enumerated() {
                out.append("  side \(s + 1) (\(side.count)): " + side.ids.joined(separator: ", "))
            }
            out.append("")
            out.append("Frustrated relations (\(report.frustratedRelations.count))" + (report.frustratedRelations.isEmpty ? ": none" : ":"))
            out += report.frustratedRelations.map { i in
                let negative = graph.sign(of: graph.relations[i]) == .negative
                return "  " + relationLine(graph, i) + (negative ? "  (negative, same side)" : "  (positive, across)")
            }
            let shown = report.triangles.filter { $0.kind == .unbalanced || $0.kind == .ambivalent }.prefix(triangleLimit)
            if !shown.isEmpty {
                out.append("")
                let all = c.unbalanced + c.ambivalent
                out.append("Unbalanced and ambivalent triangles" + (shown.count < all ? " (first \(shown.count) of \(all))" : "") + ":")
                for t in shown {
                    out.append("  \(t.actors.ids.joined(separator: ", ")): \(t.kind == .unbalanced ? "unbalanced" : "ambivalent")")
                    out += t.relations.map { "    " + relationLine(graph, $0) }
                }
            }
            return out.joined(separator: "\n")
        }

    }

    /// `actorgraph fissures FILE`: the coalition ties under the most stress, with evidence.
    struct Fissures: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Rank coalition and alliance ties by the stress the rest of the network puts on them, with cited evidence.",
            discussion: """
                For each positive tie of the chosen kinds (a, b): (1) does the best --k-bloc \
                balance partition put a and b in different blocs; (2) which triangles and 4-cycles \
                through the tie are unbalanced (an odd number of negative steps); (3) are a and b \
                also joined by a negative relation; (4) how far does the frustration index fall \
                when the tie is dropped. The stress score is the mean of four parts in 0…1: split \
                (1 or 0), the unbalanced share of those cycles, the negative share of the pair's \
                weight, and the fall in frustration over the tie's weight. Every relation named \
                comes with its citations, claimants and confidence.
                """
        )

        @Argument(help: ArgumentHelp("The graph file, in any format actorgraph reads (native YAML/JSON, CSV, DOT, GraphML, GEXF, JSON node-link, Pajek; see 'actorgraph convert --help').", valueName: "file"))
        var file: String

        @Option(help: ArgumentHelp("Comma-separated positive relation kinds to score.", valueName: "kinds"))
        var kinds: String = "coalition,alliance"

        @OptionGroup var blocs: BlocArguments

        @Option(help: ArgumentHelp("Unbalanced cycles listed per tie (all are counted).", valueName: "n"))
        var paths: Int = 5

        @Option(help: ArgumentHelp("Show only the N most stressed ties.", valueName: "n"))
        var top: Int?

        @OptionGroup var search: SearchArguments
        @OptionGroup var projection: ProjectionArguments

        @Option(help: "Output format: table, csv or json.")
        var format: AnalysisFormat = .table

        var k: Int { blocs.k }
        var alpha: Double { blocs.alpha }

        func validate() throws {
            if paths < 0 { throw ValidationError("--paths must not be negative") }
            if let top, top < 1 { throw ValidationError("--top must be at least 1") }
        }

        func run() throws {
            let display = ProgressDisplay.make("fissures", quiet: blocs.quiet)
            let graph = try loadForCommand(file).graph
            let chosen = try relationKinds(kinds, of: graph, file: file)
            let options = FissureOptions(kinds: chosen, projection: projection.options(), k: k, alpha: alpha,
                                         search: search.options, pathLimit: paths, progress: display?.handler)
            var report = try analyse(file) { try graph.fissures(options) }
            display?.finish()
            if let top { report.fissures = Array(report.fissures.prefix(top)) }
            switch format {
            case .table: Output.print(Self.table(report, graph: graph, file: file, kinds: kinds, view: projection.view, k: k))
            case .csv:
                var lines = ["rank,index,id,a,b,score,split,cycle_share,unbalanced_cycles,cycles,ambivalence,frustration,frustration_without,drop_share"]
                for (rank, f) in report.fissures.enumerated() {
                    lines.append(["\(rank + 1)", "\(f.relation)", graph.relations[f.relation].id ?? "", f.a.id, f.b.id, "\(f.score)", "\(f.split)",
                                  "\(f.cycleShare)", "\(f.unbalancedCycles)", "\(f.cycles)", "\(f.ambivalence)", "\(f.frustration)",
                                  "\(f.frustrationWithout)", "\(f.dropShare)"].map(TextTable.csv).joined(separator: ","))
                }
                Output.print(lines.joined(separator: "\n"))
            case .json: try printJSON(report)
            }
        }

        /// A path in words: `mqm-a —(−attack)— dakai —(+patronage)— gabol —(+membership)— ppp`:
        /// each step's sign and the kinds of its relations of that sign.
        static func pathPhrase(_ p: EvidencePath, graph: ActorGraph) -> String {
            var s = p.actors[0].id
            for (i, step) in p.steps.enumerated() {
                let kinds = Array(Set(step.map { graph.relations[$0].kind })).sorted().joined(separator: "/")
                s += " —(\(p.signs[i] < 0 ? "−" : "+")\(kinds))— \(p.actors[i + 1])"
            }
            return s
        }

        static func table(_ report: FissureReport, graph: ActorGraph, file: String, kinds: String, view: String, k: Int) -> String {
            var out: [String] = []
            let f = report.frustration
            out.append("Fissures of \(file): \(kinds) ties, ranked by stress" + (view.isEmpty ? "" : " [\(view)]"))
            out.append("Frustration index \(reportNumber(f.error))" + (f.optimal ? " (proven optimal)" : " (best found; lower bound \(reportNumber(f.lowerBound)))")
                       + "; \(k)-bloc balance partition P = \(reportNumber(report.partition.error))" + (report.partition.optimal ? " (proven optimal)" : ""))
            if report.fissures.isEmpty { out.append(""); out.append("No positive \(kinds) tie to score.") }
            for (rank, x) in report.fissures.enumerated() {
                out.append("")
                out.append("\(rank + 1). \(graph.relationPhrase(x.relation))   stress \(String(format: "%.2f", x.score))")
                out.append("   \(x.a.name) and \(x.b.name); \(graph.evidencePhrase(x.relation))")
                out += quoteLines(graph, x.relation, indent: "     ")
                out.append("   (1) balance: " + (x.split
                    ? "split: the best \(k)-bloc partition puts \(x.a) in bloc \(x.blocs.a + 1) and \(x.b) in bloc \(x.blocs.b + 1)"
                    : "together in bloc \(x.blocs.a + 1) of the best \(k)-bloc partition"))
                var cycles = "   (2) cycles: \(x.unbalancedCycles) of \(x.cycles) triangles and 4-cycles through the tie are unbalanced"
                if x.cyclesTruncated { cycles += " (cycle budget reached: counts are partial)" }
                out.append(cycles + (x.paths.isEmpty ? "" : ":"))
                for p in x.paths {
                    out.append("       " + pathPhrase(p, graph: graph))
                    for step in p.steps { out += step.flatMap { relationLines(graph, $0, indent: "         ") } }
                }
                if x.unbalancedCycles > x.paths.count && !x.paths.isEmpty {
                    out.append("       … \(x.unbalancedCycles - x.paths.count) more (--paths N lists more)")
                }
                out.append("   (3) direct hostility: " + (x.directNegative.isEmpty ? "none" : "\(x.directNegative.count) negative relation(s) between them (negative share of the pair's weight \(String(format: "%.2f", x.ambivalence))):"))
                out += x.directNegative.flatMap { relationLines(graph, $0, indent: "       ") }
                let exact = x.frustrationExact ? "" : " (heuristic values)"
                out.append("   (4) frustration: \(reportNumber(x.frustration)) → \(reportNumber(x.frustrationWithout)) without this tie"
                           + " (falls by \(String(format: "%.0f", x.dropShare * 100))% of the tie's weight)\(exact)")
            }
            if !report.notes.isEmpty {
                out.append("")
                out += report.notes.map { "Note: " + $0 }
            }
            return out.joined(separator: "\n")
        }

    }

}

/// What `balance --format json` prints for a plain edge list: the network's size, the triangle
/// counts, the frustration index and the number of frustrated pairs (--format csv lists them).
struct EdgeListBalance: Codable {
    var nodes: Int, pairs: Int, negativePairs: Int
    var census: TriangleCounts
    var frustration: BalanceSummary
    var frustratedPairs: Int
}
