import ActorGraphAnalysis
import ActorGraphModel
import ActorGraphRendering
import ArgumentParser
import Foundation

/// `--collapse` values: the blocs of a faction analysis.
struct CollapseArgument: ExpressibleByArgument, CustomStringConvertible {
    /// nil: the default method of `actorgraph factions`.
    var method: FactionMethod?
    var description: String { method.map { "factions:\($0.rawValue)" } ?? "factions" }
    init?(argument: String) {
        if argument == "factions" { return }
        guard argument.hasPrefix("factions:"),
              let m = FactionMethod(rawValue: String(argument.dropFirst("factions:".count))) else { return nil }
        method = m
    }
    static var allValueStrings: [String] {
        ["factions", "factions:METHOD (\(FactionMethod.allCases.map(\.rawValue).joined(separator: ", ")))"]
    }
}

/// The views of a graph too large to draw whole: `--top`, `--focus` / `--depth`, `--collapse`,
/// and `--force` to draw it whole anyway.
struct LargeGraphArguments: ParsableArguments {
    @Option(help: ArgumentHelp("Draw only the N most prominent actors and every relation among them. Prominence: PageRank (α 0.85) on the relations of positive sign, read in both directions; ties go to the actor with more relations. With --focus: at most N actors of the neighbourhood, the nearest first.", valueName: "n"))
    var top: Int?

    @Option(help: ArgumentHelp("Draw the neighbourhood of these actors (ids, comma-separated): the actors at most --depth steps away and every relation among them. A step follows any relation, of any kind and sign, in either direction.", valueName: "ids"))
    var focus: String?

    @Option(help: ArgumentHelp("With --focus: how many steps (default 1; 0 draws the focus actors alone).", valueName: "k"))
    var depth: Int?

    @Option(help: ArgumentHelp("Draw one node per bloc of 'actorgraph factions' (its defaults; factions:METHOD picks the method), sized by its members, and the summed positive and negative ties between blocs: the blockmodel image.", valueName: "factions"))
    var collapse: CollapseArgument?

    @Flag(help: "Draw the whole graph even when it has more than \(Legibility.maxActors) actors or \(Legibility.maxRelations) relations, beyond which Graphviz's picture is a hairball and its layout may take minutes.")
    var force = false

    /// Whether a reduced view is asked for.
    var reduces: Bool { top != nil || focus != nil || collapse != nil }

    /// The focus actor ids.
    var focusIDs: [String] {
        (focus ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    func validate() throws {
        if let top, top < 1 { throw ValidationError("--top must be at least 1") }
        if let depth, depth < 0 { throw ValidationError("--depth must not be negative") }
        if depth != nil && focus == nil { throw ValidationError("--depth goes with --focus ACTOR[,ACTOR…]") }
        if focus != nil && focusIDs.isEmpty { throw ValidationError("--focus needs at least one actor id (e.g. --focus mqm-a or --focus mqm-a,ppp)") }
        if collapse != nil && (top != nil || focus != nil) {
            throw ValidationError("--collapse draws the blocs, not actors: it does not combine with --top or --focus")
        }
    }

    /// The message when a graph is too large to draw whole.
    static func refusal(file: String, actors: Int, relations: Int, what: String) -> String {
        "\(file): \(count(actors)) actors and \(count(relations)) relations\(what) are too many to draw legibly "
            + "(the limit is \(Legibility.maxActors) actors and \(Legibility.maxRelations) relations). Draw a part of it instead:\n"
            + "  --top 50                     the 50 most prominent actors and the relations among them\n"
            + "  --focus ACTOR --depth 1      an actor's neighbourhood (several: --focus A,B)\n"
            + "  --collapse factions          one node per bloc, with the ties between blocs (the blockmodel image)\n"
            + "or give --force to draw it whole anyway (a hairball, and the layout may take minutes)."
    }

    /// A count with thousands separators: 20,000.
    static func count(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = n < 0 ? "-" : ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return out
    }

    /// The actors and relations a full diagram would draw, counted without any analysis: with
    /// `signedOnly` (factions or fissures), the signed relations and the actors they touch; at
    /// one date, the relations that hold then.
    static func drawnSize(_ graph: ActorGraph, signedOnly: Bool, at date: PartialDate?) -> (actors: Int, relations: Int) {
        guard signedOnly else {
            return (graph.actors.count, date.map { d in graph.relations.lazy.filter { $0.holds(at: d) }.count } ?? graph.relations.count)
        }
        let index = graph.actorIndex()
        var touched = [Bool](repeating: false, count: graph.actors.count)
        var relations = 0
        for r in graph.relations where graph.sign(of: r) != .unsigned {
            guard let s = index[r.source], let t = index[r.target], s != t else { continue }
            touched[s] = true
            touched[t] = true
            if date.map({ r.holds(at: $0) }) ?? true { relations += 1 }
        }
        return (touched.lazy.filter { $0 }.count, relations)
    }

    /// `--top` and `--focus`: the excerpt of `graph` (the graph `prepare` made), with the
    /// options carried over to it and a caption line that says what was left out.
    func reduce(_ graph: ActorGraph, options: DiagramOptions, engine: LayoutEngine?, file: String) throws -> (ActorGraph, DiagramOptions) {
        let excerpt: GraphExcerpt
        var note: String
        if focus != nil {
            let k = depth ?? 1
            do {
                excerpt = try graph.egoNetwork(around: focusIDs, depth: k, limit: top ?? (force ? nil : Legibility.maxActors),
                                               relationLimit: force ? nil : Legibility.maxRelations)
            } catch let error as ExcerptError {
                Output.error("\(file): \(error)")
                throw ExitCode(ExitStatus.dataError)
            }
            let names = focusIDs.map { graph.displayName($0) }
            let whom = names.count <= 3 ? names.joined(separator: ", ") : names.prefix(3).joined(separator: ", ") + " and \(names.count - 3) more"
            note = k == 0 ? "Shown: \(whom)" : "Shown: \(whom) and the actors within \(k) step\(k == 1 ? "" : "s") (any relation, either direction)"
            if excerpt.reached > excerpt.actorIndices.count {
                var caps: [String] = []
                if let cap = top ?? (force ? nil : Legibility.maxActors) { caps.append("\(Self.count(cap)) actors") }
                if !force { caps.append("\(Self.count(Legibility.maxRelations)) relations") }
                note += ": \(Self.count(excerpt.reached)) actors, of which the \(Self.count(excerpt.actorIndices.count)) nearest are drawn "
                    + "(by step, then PageRank on positive ties; at most \(caps.joined(separator: " and ")))"
            }
            note += "; the \(Self.count(excerpt.relationIndices.count)) relations among them."
        } else {
            let n = top ?? Legibility.maxActors
            excerpt = graph.topActors(n)
            note = "Shown: the \(Self.count(excerpt.actorIndices.count)) most prominent actors (PageRank on positive ties) and the \(Self.count(excerpt.relationIndices.count)) relations among them."
        }
        note += " Left out: \(Self.count(excerpt.leftOutActors)) actor\(excerpt.leftOutActors == 1 ? "" : "s") and \(Self.count(excerpt.leftOutRelations)) relation\(excerpt.leftOutRelations == 1 ? "" : "s")."
        var options = options
        var position: [Int: Int] = [:]
        for (new, old) in excerpt.relationIndices.enumerated() { position[old] = new }
        options.highlights = Dictionary(uniqueKeysWithValues: options.highlights.compactMap { old, text in position[old].map { ($0, text) } })
        if case .custom(let grouping) = options.clusters {
            let kept = Set(excerpt.graph.actors.map(\.id))
            options.clusters = .custom(ActorGrouping(groups: grouping.groups.compactMap { group in
                let members = group.members.filter { kept.contains($0) }
                return members.isEmpty ? nil : ActorGrouping.Group(key: group.key, label: group.label, members: members)
            }))
        }
        if focus != nil {
            for id in focusIDs where options.actorHighlights[id] == nil { options.actorHighlights[id] = "FOCUS" }
            note += " Thick outline, FOCUS: the actors the view is centred on."
        }
        options.legendNotes.insert(note, at: 0)
        options.engine = engine ?? LayoutEngine.preferred(for: excerpt.graph, clustered: options.clusters != .none)
        return (excerpt.graph, options)
    }

    /// `--collapse factions`: the blockmodel image of the graph's factions (as `actorgraph factions`
    /// computes them with its defaults, or with the method asked for).
    func blockDiagram(_ graph: ActorGraph, file: String) throws -> BlockDiagram {
        let method = collapse?.method
        let report = try analyse(file) { try graph.factions(FactionOptions(method: method)) }
        guard let model = report.blockmodel else { preconditionFailure("a computed faction report carries its ties") }
        let blocks = model.blocs.enumerated().map { b, bloc in
            BlockDiagram.Block(title: "Bloc \(b + 1)", members: bloc.members.count, names: bloc.leading.map { graph.displayName($0) },
                               positiveInside: bloc.positiveInside, negativeInside: bloc.negativeInside)
        }
        let links = model.links.map { BlockDiagram.Link(a: $0.a, b: $0.b, positive: $0.positive, negative: $0.negative) }
        let quality = report.quality.first.map { " (\($0.name) = \(reportNumber($0.value))\(report.optimal == true ? ", proven optimal" : ""))" } ?? ""
        let attached = model.blocs.reduce(0) { $0 + $1.members.count }
        var notes = ["Blockmodel image of the \(model.blocs.count) blocs of the \(ActorGraphCommand.Factions.heading(report, alpha: 0.5))\(quality); 'actorgraph factions' lists their members."]
        let unsignedRelations = graph.relations.count - model.ties
        var counted = "Counted: the \(Self.count(model.ties)) signed relations among \(Self.count(attached)) actors, one tie each."
        if unsignedRelations > 0 || !model.unattached.isEmpty {
            counted += " Left out: \(Self.count(unsignedRelations)) unsigned relation\(unsignedRelations == 1 ? "" : "s") and \(Self.count(model.unattached.count)) actor\(model.unattached.count == 1 ? "" : "s") without a signed relation."
        }
        notes.append(counted)
        notes += report.notes.map { "Note: \($0)." }
        return BlockDiagram(title: graph.title, blocks: blocks, links: links, notes: notes)
    }
}

extension ActorGraphCommand.Render {
    /// Refuses a graph too large to draw whole (exit 1), unless a reduced view or --force.
    func refuseIfTooLarge(_ graph: ActorGraph) throws {
        guard !views.reduces, !views.force else { return }
        let signedOnly = diagram.cluster.factions != nil || diagram.highlight == .fissures
        let single = isSeries ? nil : try at.flatMap { try SnapshotDates.parse($0).first }
        let size = LargeGraphArguments.drawnSize(graph, signedOnly: signedOnly, at: single)
        guard !Legibility.isLegible(actors: size.actors, relations: size.relations) else { return }
        let what = signedOnly ? " with signed relations" : single.map { " (relations holding at \($0))" } ?? ""
        Output.error(LargeGraphArguments.refusal(file: file, actors: size.actors, relations: size.relations, what: what))
        throw ExitCode(ExitStatus.failure)
    }

    /// `--collapse factions`: draws the blockmodel image.
    func runCollapse(_ graph: ActorGraph) throws {
        var graph = graph
        if let at, let date = try SnapshotDates.parse(at).first { graph = graph.snapshot(at: date) }
        var block = try views.blockDiagram(graph, file: file)
        if let at { block.notes.insert("As of \(at): the relations that hold then.", at: 0) }
        let dot = BlockDiagramDOT.write(block, theme: diagram.theme.theme, legend: !diagram.noLegend)
        let chosen = format ?? OutputFormat(path: output)!
        let renderer = Renderer(subprocess: SubprocessRenderer(executable: SubprocessRenderer.currentExecutable))
        let data: Data
        do {
            data = try renderer.render(dot: dot, engine: diagram.engine ?? BlockDiagramDOT.engine(for: block), format: chosen, timeout: timeout)
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
