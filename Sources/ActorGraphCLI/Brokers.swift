import ActorGraphAnalysis
import ActorGraphFormats
import ActorGraphModel
import ArgumentParser
import Foundation
import NetworkAnalysis

/// `--groups` values.
struct GroupingArgument: ExpressibleByArgument, CustomStringConvertible {
    var grouping: BrokerGrouping
    var description: String { grouping.description }
    init?(argument: String) {
        guard let g = BrokerGrouping(argument: argument) else { return nil }
        grouping = g
    }
    static var allValueStrings: [String] { ["kind", "attribute:NAME", "factions", "factions:METHOD"] }
}

extension ActorGraphCommand {
    /// `actorgraph brokers FILE`: who brokers between groups, and whose removal fragments the network.
    struct Brokers: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Brokers: Gould–Fernandez roles, Burt's structural holes, Borgatti's key players, and brokers between hostile blocs.",
            discussion: """
                Brokerage runs over the positive relations (direction kept; an undirected relation \
                counts both ways); negative relations carry no mediation and define the hostile \
                blocs instead. Roles (Gould & Fernandez 1989) need groups: --groups factions (the \
                default: the blocs of 'actorgraph factions'), kind, or attribute:NAME; each count \
                comes with its expected value and z-score under random assignment of the groups, \
                as R's sna::brokerage. Structural holes (Burt 1992): constraint (low: a broker), \
                effective size, efficiency, hierarchy, as networkx. Key players (Borgatti 2006): \
                the --k actors whose removal fragments the network most (distance-weighted \
                fragmentation) and the --k that reach most others within --m steps; exhaustive \
                and proven on small graphs, greedy with swaps (seeded) beyond. Signed brokers: with \
                negative ties, the share of shortest positive paths between members of mutually \
                hostile blocs (the 2-bloc balance partition) that run through each actor.
                """
        )

        @Argument(help: ArgumentHelp("The graph file, in any format actorgraph reads (native YAML/JSON, CSV, DOT, GraphML, GEXF, JSON node-link, Pajek; see 'actorgraph convert --help').", valueName: "file"))
        var file: String

        @Option(help: ArgumentHelp("Groups for the brokerage roles: factions, factions:METHOD, kind or attribute:NAME.", valueName: "groups"))
        var groups: GroupingArgument = GroupingArgument(argument: "factions")!

        @Option(help: ArgumentHelp("Key-player set size.", valueName: "n"))
        var k: Int = 2

        @Option(help: ArgumentHelp("Key players by reach: within this many steps.", valueName: "n"))
        var m: Int = 1

        @Option(help: ArgumentHelp("Rows per table.", valueName: "n"))
        var top: Int = 10

        @Option(help: ArgumentHelp("Seed of the randomised searches.", valueName: "n"))
        var seed: UInt64 = 1

        @Option(help: ArgumentHelp("Random restarts of each key-player search besides the greedy start "
                                   + "(default: 8 up to 1,000 actors, 2 up to 5,000, none above).", valueName: "n"))
        var restarts: Int?

        @OptionGroup var projection: ProjectionArguments

        @Option(help: "Output format: table, csv or json.")
        var format: AnalysisFormat = .table

        func validate() throws {
            if k < 1 { throw ValidationError("--k must be at least 1") }
            if m < 1 { throw ValidationError("--m must be at least 1") }
            if top < 1 { throw ValidationError("--top must be at least 1") }
            if let restarts, restarts < 0 { throw ValidationError("--restarts must be at least 0") }
        }

        @OptionGroup var progressOptions: ProgressArguments

        func run() throws {
            let display = ProgressDisplay.make("brokers", quiet: progressOptions.quiet)
            let graph = try loadForCommand(file).graph
            let report = try analyse(file) {
                try graph.brokers(BrokerOptions(grouping: groups.grouping, projection: projection.options(), k: k, m: m, seed: seed,
                                                restarts: restarts, progress: display?.handler))
            }
            switch format {
            case .table: Output.print(table(report, graph: graph))
            case .csv: Output.print(csv(report, graph: graph))
            case .json: try printJSON(report)
            }
        }

        static func number(_ x: Double) -> String {
            if x.isNaN { return "–" }
            if x == x.rounded(), abs(x) < 1e15 { return String(Int(x)) }
            return String(format: "%.3f", x)
        }

        func table(_ r: BrokerReport, graph: ActorGraph) -> String {
            let n = r.actorIDs.count
            var out = ["Brokers of \(file): \(n) actors, \(r.positiveRelations) positive relations" + (projection.view.isEmpty ? "" : " [\(projection.view)]")]
            out += r.notes.map { "Note: " + $0 }
            func names(_ nodes: [Int32]) -> String { nodes.map { r.actorIDs[Int($0)] }.joined(separator: ", ") }
            out.append("")
            out.append("Key players (Borgatti 2006), k = \(r.keyNegative.nodes.count):")
            out.append("  to fragment the network: \(names(r.keyNegative.nodes)); removing them raises distance-weighted fragmentation from "
                       + "\(Self.number(r.keyNegative.baseline)) to \(Self.number(r.keyNegative.score)) (\(r.keyNegative.optimal ? "proven best: " : "")\(r.keyNegative.method))")
            out.append("  to reach the others within \(m) step\(m == 1 ? "" : "s"): \(names(r.keyPositive.nodes)); they reach "
                       + "\(String(format: "%.0f", r.keyPositive.score * 100))% of the others (\(r.keyPositive.optimal ? "proven best: " : "")\(r.keyPositive.method))")

            let order = (0..<n).filter { !r.holes.constraint[$0].isNaN }.sorted {
                r.holes.constraint[$0] != r.holes.constraint[$1] ? r.holes.constraint[$0] < r.holes.constraint[$1] : $0 < $1
            }
            out.append("")
            out.append("Structural holes (Burt 1992), least constrained first:")
            var rows = [["  rank", "actor", "constraint", "effective size", "efficiency", "hierarchy"]]
            for (rank, i) in order.prefix(top).enumerated() {
                rows.append(["  \(rank + 1)", r.actorIDs[i], Self.number(r.holes.constraint[i]), Self.number(r.holes.effectiveSize[i]),
                             Self.number(r.holes.efficiency[i]), Self.number(r.holes.hierarchy[i])])
            }
            out += TextTable.lines(rows, rightAligned: [0, 2, 3, 4, 5])

            let byTotal = (0..<n).filter { r.roles.total[$0] > 0 }.sorted {
                r.roles.total[$0] != r.roles.total[$1] ? r.roles.total[$0] > r.roles.total[$1] : $0 < $1
            }
            out.append("")
            out.append("Brokerage roles (Gould & Fernandez 1989), groups: \(groups); most brokerage first (z against random groups in brackets):")
            if byTotal.isEmpty { out.append("  nobody brokers: no open two-path a → v → b") }
            var roleRows = [["  rank", "actor", "group", "total"] + BrokerageRoles.Role.allCases.map(\.rawValue)]
            for (rank, i) in byTotal.prefix(top).enumerated() {
                func cell(_ c: Double, _ z: Double) -> String { z.isNaN ? Self.number(c) : "\(Self.number(c)) (\(String(format: "%+.1f", z)))" }
                roleRows.append(["  \(rank + 1)", r.actorIDs[i], r.groupLabels[Int(r.group[i])], cell(r.roles.total[i], r.roles.zTotal[i])]
                                + BrokerageRoles.Role.allCases.indices.map { cell(r.roles.counts[i][$0], r.roles.z[i][$0]) })
            }
            if !byTotal.isEmpty { out += TextTable.lines(roleRows, rightAligned: Set([0] + Array(3..<roleRows[0].count))) }

            if !r.signedBrokers.isEmpty {
                out.append("")
                out.append("Brokers between hostile blocs (the 2-bloc balance partition; share of the shortest positive paths between hostile members):")
                for (b, members) in r.hostileBlocs.enumerated() {
                    out.append("  bloc \(b + 1): " + members.ids.joined(separator: ", "))
                }
                for (rank, s) in r.signedBrokers.prefix(top).enumerated() {
                    out.append("  \(rank + 1). \(s.actor) (bloc \(s.bloc + 1))  \(String(format: "%.3f", s.score))")
                    for (b, rels) in s.tiesByBloc.sorted(by: { $0.key < $1.key }) {
                        out.append("       into bloc \(b + 1): " + rels.map { graph.relationPhrase($0) }.joined(separator: "; "))
                    }
                }
            }
            return out.joined(separator: "\n")
        }

        func csv(_ r: BrokerReport, graph: ActorGraph) -> String {
            let roles = BrokerageRoles.Role.allCases
            var header = ["id", "name", "group", "constraint", "effective_size", "efficiency", "hierarchy", "brokerage", "brokerage_z"]
            header += roles.flatMap { [$0.rawValue, "\($0.rawValue)_z"] }
            header += ["key_player_fragmentation", "key_player_reach", "hostile_traffic"]
            var lines = [header.joined(separator: ",")]
            let signed = Dictionary(uniqueKeysWithValues: r.signedBrokers.map { ($0.actor.id, $0.score) })
            for (i, id) in r.actorIDs.enumerated() {
                var row = [TextTable.csv(id), TextTable.csv(r.actors[i].name), TextTable.csv(r.groupLabels[Int(r.group[i])])]
                row += [r.holes.constraint[i], r.holes.effectiveSize[i], r.holes.efficiency[i], r.holes.hierarchy[i],
                        r.roles.total[i], r.roles.zTotal[i]].map { $0.isNaN ? "" : "\($0)" }
                for j in roles.indices { row += [r.roles.counts[i][j], r.roles.z[i][j]].map { $0.isNaN ? "" : "\($0)" } }
                row += ["\(r.keyNegative.nodes.contains(Int32(i)))", "\(r.keyPositive.nodes.contains(Int32(i)))", "\(signed[id] ?? 0)"]
                lines.append(row.joined(separator: ","))
            }
            return lines.joined(separator: "\n")
        }

    }

    /// `actorgraph patronage FILE`: pyramids, chains and the rivalries they cross.
    struct Patronage: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Patronage structure: pyramids and their tops, chains patron → client → sub-client, hierarchy depth, shared clients of rival patrons, patrons with clients at war.",
            discussion: """
                Reads the directed relations of --kinds (default: patronage) from patron to client. \
                Levels are Levine's trophic levels (tops 1, clients 2, …); the incoherence is \
                MacKay, Johnson & Sansom's (0 for a perfect hierarchy). Rivals are patrons joined by \
                any negative relation; hostile clients likewise.
                """
        )

        @Argument(help: ArgumentHelp("The graph file, in any format actorgraph reads (native YAML/JSON, CSV, DOT, GraphML, GEXF, JSON node-link, Pajek; see 'actorgraph convert --help').", valueName: "file"))
        var file: String

        @Option(help: ArgumentHelp("Comma-separated directed kinds that run from patron to client.", valueName: "kinds"))
        var kinds: String = "patronage"

        @Option(help: ArgumentHelp("Chains listed at most.", valueName: "n"))
        var chains: Int = 20

        @OptionGroup var projection: ProjectionArguments

        @Option(help: "Output format: table or json.")
        var format: AnalysisFormat = .table

        @OptionGroup var progressOptions: ProgressArguments

        func run() throws {
            let display = ProgressDisplay.make("patronage", quiet: progressOptions.quiet)
            if projection.relations != nil {
                Output.error("\(file): use --kinds to choose the patron → client kinds; --relations does not apply here")
                throw ExitCode(ExitStatus.usage)
            }
            let graph = try loadForCommand(file).graph
            let chosen = Set(kinds.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
            display?.step("patron → client chains")
            let report = try analyse(file) {
                try graph.patronage(PatronageOptions(kinds: chosen, projection: projection.options(), chainLimit: chains))
            }
            switch format {
            case .table, .csv: Output.print(table(report, graph: graph))
            case .json: try printJSON(report)
            }
        }

        func table(_ r: PatronageReport, graph: ActorGraph) -> String {
            var out = ["Patronage in \(file): \(r.relations.count) relation\(r.relations.count == 1 ? "" : "s") (\(kinds))" + (projection.view.isEmpty ? "" : " [\(projection.view)]")]
            out += r.notes.map { "Note: " + $0 }
            if r.relations.isEmpty { return out.joined(separator: "\n") }
            out.append("Hierarchy: \(reportNumber(r.depth)) levels deep (Levine's trophic levels); incoherence \(reportNumber(r.incoherence)) (0: a perfect hierarchy)")
            // Every level that is not finite is one row, "–" (a NaN key would never be found again).
            let byLevel = Dictionary(grouping: r.levels, by: { $0.level.isFinite ? $0.level : .infinity })
            for level in byLevel.keys.sorted() {
                let ids = (byLevel[level] ?? []).map(\.actor.id)
                out.append("  level \(level.isFinite ? reportNumber(level) : "–"): " + ids.joined(separator: ", "))
            }
            out.append("")
            out.append("Pyramids (\(r.pyramids.count)), largest first:")
            for p in r.pyramids {
                out.append("  \(p.top.id) (\(p.top.name)): \(p.below.count) below, \(p.depth) step\(p.depth == 1 ? "" : "s") deep; clients " + p.clients.ids.joined(separator: ", "))
            }
            out.append("")
            out.append("Chains of two steps or more (\(r.chains.count) of \(r.chainCount))" + (r.chainCount == 0 ? ": none" : ":"))
            for chain in r.chains {
                let first = graph.relations[chain[0]]
                out.append("  " + ([first.source] + chain.map { graph.relations[$0].target }).joined(separator: " → "))
            }
            out.append("")
            out.append("Clients shared by several patrons" + (r.sharedClients.isEmpty ? ": none" : ":"))
            for s in r.sharedClients {
                out.append("  \(s.client.id): patrons \(s.patrons.ids.joined(separator: ", "))" + (s.rivalry.isEmpty ? "" : ", who are rivals:"))
                out += s.rivalry.flatMap { relationLines(graph, $0, indent: "    ") }
            }
            out.append("Patrons whose clients are hostile to each other" + (r.conflictedPatrons.isEmpty ? ": none" : ":"))
            for c in r.conflictedPatrons {
                out.append("  \(c.patron.id): clients \(c.clients.ids.joined(separator: " and "))")
                out += c.relations.flatMap { relationLines(graph, $0, indent: "    ") }
            }
            out.append("")
            out.append("Relations read:")
            out += r.relations.flatMap { relationLines(graph, $0, indent: "  ") }
            return out.joined(separator: "\n")
        }


    }
}
