import ActorGraphModel

/// The layout engines Graphviz offers.
public enum LayoutEngine: String, Sendable, CaseIterable, Hashable {
    /// Graphviz's engines: `dot` (layered, draws clusters), `neato` (stress majorisation), `fdp`
    /// (force-directed, draws clusters), `sfdp` (multilevel force-directed, for large graphs),
    /// `circo` (circular) and `twopi` (radial).
    case dot, neato, fdp, sfdp, circo, twopi

    /// Whether the engine draws `cluster` subgraphs (the others ignore them).
    public var drawsClusters: Bool { self == .dot || self == .fdp }

    /// The engine that gives the best diagram for `graph`.
    ///
    /// Without clusters: up to 1,000 actors, `neato` (stress majorisation, seeded): the same DOT
    /// gives the same layout in every process. `fdp` gives more compact pictures on the example
    /// graphs, but Graphviz 2.43's `fdp` places nodes differently from one process to the next
    /// (the `dot -Kfdp` command too: on the Karachi graph's two-step neighbourhood of Lyari, 5
    /// different layouts in 10 runs), so it is drawn only when asked for (``Renderer`` then
    /// takes a layout only when two processes agree). Beyond 1,000 actors, `sfdp` (multilevel),
    /// where the others take minutes.
    ///
    /// With clusters: `dot` up to 100 actors. It draws clusters as separate boxes and is
    /// deterministic; `neato` and `sfdp` ignore clusters (their boxes overlap), and `fdp` lays
    /// clusters out differently from one process to the next (see ``isDeterministic(clustered:)``).
    /// Beyond 100 actors `dot` risks running for minutes (52 s on 200 actors with long cycles, see
    /// Tools/graphviz-facts), so `fdp`.
    ///
    /// `fdp` and `sfdp` also differ between consecutive calls in one process, so ``Renderer``
    /// runs them in a child process.
    public static func preferred(for graph: ActorGraph, clustered: Bool) -> LayoutEngine {
        let n = graph.actors.count
        if clustered { return n <= 100 ? .dot : .fdp }
        if n <= 1000 { return .neato }
        return .sfdp
    }

    /// Whether the same DOT always gives the same bytes with this engine (rendered in a fresh
    /// process for `fdp` and `sfdp`). Graphviz 2.43's `fdp` does not when the graph has clusters:
    /// the `dot -Kfdp` command itself gives different layouts run after run on the same file.
    public func isDeterministic(clustered: Bool) -> Bool {
        !(self == .fdp && clustered)
    }
}

/// Options for drawing a graph.
public struct DiagramOptions: Sendable, Hashable {
    /// The look: shapes, colours, lines, fonts.
    public var theme: Theme
    /// Which groups of actors are drawn as boxes.
    public var clusters: ClusterRule
    /// The layout engine (``LayoutEngine/preferred(for:clustered:)`` picks one by size).
    public var engine: LayoutEngine
    /// Whether to append the legend and caption.
    public var legend: Bool
    /// Relations to emphasise, by index, with a note shown beside each (for fissures, brokers).
    public var highlights: [Int: String]
    /// Actors to emphasise, by id, with a note shown beside each (brokers, key players).
    public var actorHighlights: [String: String]
    /// Lines added to the legend: what the clusters and the highlighted relations mean.
    public var legendNotes: [String]
    /// dot only: ranks run left to right (the default, good for chains of patronage and
    /// command), or top to bottom, which sets clusters side by side (blocs facing each other).
    public var topToBottom: Bool
    /// Relations left out of the drawing, by index (a snapshot: those that do not hold at
    /// ``asOf``). Their kinds stay in the legend, so every frame of a series has the same legend.
    public var hiddenRelations: Set<Int> = []
    /// The date the diagram is a snapshot of; the caption says "as of DATE".
    public var asOf: PartialDate?
    /// Fixed node positions (a frame of a series): the actors are drawn where they are, with
    /// Graphviz's `nop2` layout (`neato -n2`), and only the edges are routed.
    public var pinned: PinnedLayout?
    /// Relations new in this frame of a series, by index: drawn thick, labelled NEW in bold.
    public var newRelations: Set<Int> = []

    /// Creates options; the defaults draw the default theme, no clusters, with `dot`, legend
    /// included and nothing highlighted.
    public init(theme: Theme = .default, clusters: ClusterRule = .none, engine: LayoutEngine = .dot,
                legend: Bool = true, highlights: [Int: String] = [:], legendNotes: [String] = [],
                topToBottom: Bool = false, actorHighlights: [String: String] = [:]) {
        self.theme = theme
        self.clusters = clusters
        self.engine = engine
        self.legend = legend
        self.highlights = highlights
        self.legendNotes = legendNotes
        self.topToBottom = topToBottom
        self.actorHighlights = actorHighlights
    }
}

/// Positions read back from a laid-out diagram, to draw other diagrams of the same actors with
/// every node in the same place.
public struct PinnedLayout: Sendable, Hashable {
    /// Node `id` attribute (`actor-N`) → `"x,y"` in points.
    public var positions: [String: String]
    /// Cluster name (`cluster_N`) → its bounding box `"llx,lly,urx,ury"` in points.
    public var clusterBoxes: [String: String]
    /// The laid-out drawing's bounding box; two invisible anchors pin its corners, so every
    /// frame has the same extent and Graphviz translates none of them differently.
    public var bounds: (Double, Double, Double, Double)?

    /// Creates a layout from positions read back from laid-out DOT.
    public init(positions: [String: String], clusterBoxes: [String: String] = [:], bounds: (Double, Double, Double, Double)? = nil) {
        self.positions = positions
        self.clusterBoxes = clusterBoxes
        self.bounds = bounds
    }

    /// Whether two layouts put every node, cluster and corner in the same place.
    public static func == (a: PinnedLayout, b: PinnedLayout) -> Bool {
        a.positions == b.positions && a.clusterBoxes == b.clusterBoxes
            && a.bounds.map { [$0.0, $0.1, $0.2, $0.3] } == b.bounds.map { [$0.0, $0.1, $0.2, $0.3] }
    }

    /// Hashes the positions, boxes and bounds that `==` compares.
    public func hash(into h: inout Hasher) {
        h.combine(positions)
        h.combine(clusterBoxes)
        h.combine(bounds.map { [$0.0, $0.1, $0.2, $0.3] })
    }
}

/// Writes an actor graph as DOT for a diagram: deterministic (the same graph and options give the
/// same bytes), readable (one statement per line, clusters first, then relations in file order),
/// with stable ids (an actor's DOT id is its own id; relations carry `id="relation-N"`, N their
/// index in the file).
public enum DiagramDOT {
    /// The DOT text.
    ///
    /// - Complexity: O(actors + relations + label text).
    public static func write(_ graph: ActorGraph, options: DiagramOptions = DiagramOptions()) -> String {
        let theme = options.theme
        let nodeIDs = nodeIdentifiers(graph)
        var out = "// \(oneLine(graph.title ?? "ActorGraph diagram")), drawn by actorgraph\n"
        out += "digraph \"actorgraph\" {\n"
        out += "  graph [\(graphAttributes(graph, options: options))];\n"
        out += "  node [fontname=\(q(theme.fontName)), fontsize=\(num(theme.fontSize)), fontcolor=\(q(theme.ink)), margin=\"0.12,0.06\", penwidth=1.2];\n"
        out += "  edge [fontname=\(q(theme.fontName)), fontsize=\(num(theme.captionFontSize)), fontcolor=\(q(theme.ink)), arrowsize=0.8];\n"

        let grouping = options.clusters.grouping(of: graph)
        let index = graph.actorIndex()
        var placed = Set<Int>()
        for (g, group) in grouping.groups.enumerated() {
            out += "\n  subgraph \(q("cluster_\(g)")) {\n"
            let box = options.pinned?.clusterBoxes["cluster_\(g)"].map { ", bb=\(q($0))" } ?? ""
            out += "    graph [label=\(DOTText.htmlLabel(bold(DOTText.html(group.label)))), labeljust=l, style=\"rounded,filled\", "
                + "fillcolor=\(q(theme.clusterFill)), color=\"#B0B0B0\", fontsize=\(num(theme.captionFontSize + 1)), margin=12\(box)];\n"
            for member in group.members {
                guard let i = index[member], !placed.contains(i) else { continue }
                placed.insert(i)
                out += "    " + node(graph, i, nodeIDs, theme, options.actorHighlights[graph.actors[i].id], options.pinned) + "\n"
            }
            out += "  }\n"
        }
        out += "\n"
        for i in graph.actors.indices where !placed.contains(i) && index[graph.actors[i].id] == i {
            out += "  " + node(graph, i, nodeIDs, theme, options.actorHighlights[graph.actors[i].id], options.pinned) + "\n"
        }
        if let (x0, y0, x1, y1) = options.pinned?.bounds {
            for (name, x, y) in [("actor-frame-ll", x0, y0), ("actor-frame-ur", x1, y1)] {
                out += "  \(q(name)) [shape=point, style=invis, width=0.01, height=0.01, label=\"\", pos=\(q("\(num(x)),\(num(y))!"))];\n"
            }
        }
        out += "\n"
        for (i, r) in graph.relations.enumerated() where !options.hiddenRelations.contains(i) {
            guard let s = index[r.source], let t = index[r.target] else { continue }
            out += "  \(nodeIDs[s]) -> \(nodeIDs[t]) [\(edgeAttributes(graph, i, theme, options.highlights[i], isNew: options.newRelations.contains(i), index: index))];\n"
        }
        if options.legend {
            out += "\n  // Caption and legend: the kinds this graph uses.\n"
            out += "  graph [labelloc=b, labeljust=l, label=\(DOTText.htmlLabel(Legend.html(graph, options: options)))];\n"
        }
        out += "}\n"
        return out
    }

    /// DOT node ids: the actor's own id, quoted, when cgraph reads it back unchanged; else
    /// `actor-N` by position. (cgraph reserves names that start with `%` for anonymous objects;
    /// an id with `<` could share a string-pool entry with an HTML label, see
    /// ``DOTText/htmlLabel(_:)``.)
    static func nodeIdentifiers(_ graph: ActorGraph) -> [String] {
        graph.actors.enumerated().map { i, a in
            DOTText.isSafeQuoted(a.id) && !a.id.isEmpty && !a.id.hasPrefix("actor-") && !a.id.hasPrefix("%") && !a.id.contains("<")
                ? q(a.id) : q("actor-\(i)")
        }
    }

    private static func graphAttributes(_ graph: ActorGraph, options: DiagramOptions) -> String {
        let theme = options.theme
        var attrs: [(String, String)] = [
            ("fontname", q(theme.fontName)), ("fontsize", num(theme.captionFontSize)), ("fontcolor", q(theme.ink)),
            ("bgcolor", q("#FFFFFF")), ("pad", q("0.3")), ("outputorder", "edgesfirst"),
        ]
        // Edges routed around nodes (splines=true) cost neato 95 s on 500 actors, straight ones
        // 1 s: beyond 150 actors, straight lines.
        let splines = graph.actors.count <= 150 ? "true" : "line"
        if options.pinned != nil {
            return (attrs + [("splines", splines)]).map { "\($0.0)=\($0.1)" }.joined(separator: ", ")
        }
        switch options.engine {
        case .dot:
            attrs += [("rankdir", options.topToBottom ? "TB" : "LR"), ("nodesep", "0.35"), ("ranksep", "0.9"), ("newrank", "true"), ("compound", "true")]
        case .neato:
            attrs += [("overlap", "false"), ("sep", q("+14")), ("splines", splines), ("mode", "major"), ("start", "1"), ("epsilon", "0.0001")]
        case .fdp:
            attrs += [("overlap", "false"), ("sep", q("+14")), ("splines", splines), ("start", "1"), ("K", "1.2")]
        case .sfdp:
            attrs += [("overlap", "prism"), ("splines", "false"), ("start", "1"), ("smoothing", "none")]
        case .circo:
            attrs += [("mindist", "1.1"), ("splines", "true")]
        case .twopi:
            attrs += [("overlap", "false"), ("ranksep", "1.4"), ("splines", "true")]
        }
        return attrs.map { "\($0.0)=\($0.1)" }.joined(separator: ", ")
    }

    private static func node(_ graph: ActorGraph, _ i: Int, _ ids: [String], _ theme: Theme, _ highlight: String?, _ pinned: PinnedLayout? = nil) -> String {
        let actor = graph.actors[i]
        let kind = graph.actorKind(actor.kind) ?? ActorKind(id: actor.kind, label: actor.kind)
        let look = theme.look(for: kind)
        let styles = ["filled"] + look.extraStyles
        let attrs: [(String, String)] = [
            ("id", q("actor-\(i)")), ("label", DOTText.htmlLabel(nodeLabel(actor, theme))), ("shape", q(look.shape)),
            ("style", q(styles.joined(separator: ","))), ("fillcolor", q(look.fill)), ("color", q(look.outline)),
            ("tooltip", DOTText.escString(nodeTooltip(actor, kind))),
        ] + (highlight.map { note in
            [("penwidth", "3.5"), ("color", q(theme.ink)),
             ("xlabel", DOTText.htmlLabel("<B>" + DOTText.wrap(note, width: 24, maxLines: 3).map(DOTText.html).joined(separator: "<BR/>") + "</B>"))]
        } ?? []) + (pinned?.positions["actor-\(i)"].map { [("pos", q("\($0)!"))] } ?? [])
        return "\(ids[i]) [" + attrs.map { "\($0.0)=\($0.1)" }.joined(separator: ", ") + "];"
    }

    /// An actor's HTML-like label: the name (wrapped), then the role in smaller grey type.
    static func nodeLabel(_ actor: Actor, _ theme: Theme) -> String {
        let width = theme.fontSize > 12 ? 18 : 22
        var label = DOTText.wrap(actor.name, width: width, maxLines: 4).map(DOTText.html).joined(separator: "<BR/>")
        if let role = actor.role, !role.isEmpty {
            let small = num((theme.fontSize * 0.8).rounded())
            let lines = DOTText.wrap(role, width: width + 6, maxLines: 2).map(DOTText.html).joined(separator: "<BR/>")
            label += "<BR/><FONT POINT-SIZE=\"\(small)\" COLOR=\"#555555\">\(lines)</FONT>"
        }
        return label
    }

    /// An actor's tooltip (shown on hover in SVG): name, kind, role, aliases, note.
    static func nodeTooltip(_ actor: Actor, _ kind: ActorKind) -> String {
        var tooltip = "\(actor.name) (\(kind.label))"
        if let role = actor.role { tooltip += "\n\(role)" }
        if !actor.aliases.isEmpty { tooltip += "\nalso: \(actor.aliases.joined(separator: ", "))" }
        if let note = actor.note { tooltip += "\n\(note)" }
        return tooltip
    }

    /// Whether a relation is contested or weakly supported: low confidence (below 0.5), disputed
    /// by someone, or asserted only by one claimant without a confidence of its own.
    public static func isContested(_ r: Relation) -> Bool {
        if !r.evidence.disputedBy.isEmpty { return true }
        if let c = r.evidence.confidence { return c.numericValue < 0.5 }
        return !r.evidence.claimedBy.isEmpty
    }

    private static func edgeAttributes(_ graph: ActorGraph, _ i: Int, _ theme: Theme, _ highlight: String?, isNew: Bool = false, index: [String: Int]) -> String {
        let r = graph.relations[i]
        let kind = graph.relationKind(r.kind) ?? RelationKind(id: r.kind, label: r.kind, sign: graph.sign(of: r), directed: r.directed)
        var look = theme.look(for: kind)
        let contested = isContested(r)
        var styles = [look.line.rawValue]
        if contested {
            look.color = Theme.fade(look.color, by: theme.contestedFade)
            if look.line == .solid || look.line == .bold { styles = ["dashed"] }
            if look.line == .dashed { styles = ["dotted"] }
        }
        let weightScale = min(2.5, 1 + 0.35 * max(0, r.weight - 1))
        var pen = look.penWidth * theme.penScale * weightScale * (contested ? 0.75 : 1)
        if highlight != nil || isNew { pen = max(pen * 1.6, 3.5 * theme.penScale) }
        var attrs: [(String, String)] = [("id", q("relation-\(i)")), ("color", q(look.color))]
        if styles != ["solid"] { attrs.append(("style", q(styles.joined(separator: ",")))) }
        attrs.append(("penwidth", num((pen * 100).rounded() / 100)))
        if r.directed {
            attrs.append(("arrowhead", q(look.arrowhead)))
        } else if let ends = look.undirectedEnds {
            attrs += [("dir", "both"), ("arrowhead", q(ends)), ("arrowtail", q(ends))]
        } else {
            attrs.append(("dir", "none"))
        }
        if isNew {
            let note = highlight.map { "<BR/>" + DOTText.wrap($0, width: 28, maxLines: 3).map(DOTText.html).joined(separator: "<BR/>") } ?? ""
            attrs += [("xlabel", DOTText.htmlLabel("<B>NEW</B>\(note)")), ("fontcolor", q(theme.ink)),
                      ("fontsize", num(theme.captionFontSize + 1))]
        } else if let highlight {
            attrs += [("xlabel", DOTText.htmlLabel(DOTText.wrap(highlight, width: 28, maxLines: 3).map(DOTText.html).joined(separator: "<BR/>"))),
                      ("fontcolor", q(look.color))]
        }
        attrs.append(("tooltip", DOTText.escString(relationTooltip(graph, r, kind, index: index))))
        return attrs.map { "\($0.0)=\($0.1)" }.joined(separator: ", ")
    }

    /// `index` is `graph.actorIndex()`, built once per diagram (building it per relation made
    /// writing a 20,000-actor diagram quadratic).
    static func relationTooltip(_ graph: ActorGraph, _ r: Relation, _ kind: RelationKind, index: [String: Int]? = nil) -> String {
        let index = index ?? graph.actorIndex()
        func name(_ id: String) -> String { index[id].map { graph.actors[$0].name } ?? id }
        var t = r.directed ? "\(name(r.source)) → \(name(r.target)): \(kind.label)" : "\(name(r.source)) – \(name(r.target)): \(kind.label)"
        if r.since != nil || r.until != nil {
            t += "\n" + (r.since.map { "since \($0)" } ?? "") + (r.since != nil && r.until != nil ? ", " : "") + (r.until.map { "until \($0)" } ?? "")
        }
        if !r.evidence.claimedBy.isEmpty { t += "\nclaimed by " + r.evidence.claimedBy.map(name).joined(separator: ", ") }
        if !r.evidence.disputedBy.isEmpty { t += "\ndisputed by " + r.evidence.disputedBy.map(name).joined(separator: ", ") }
        if let c = r.evidence.confidence { t += "\nconfidence: \(c)" }
        if !r.evidence.citations.isEmpty { t += "\n" + r.evidence.citations.map(\.description).joined(separator: "; ") }
        return t
    }

    static func q(_ s: String) -> String { DOTText.quoted(s) }

    static func num(_ x: Double) -> String { AttributeValue.format(x) }

    static func bold(_ html: String) -> String { "<B>\(html)</B>" }

    static func oneLine(_ s: String) -> String {
        String(s.unicodeScalars.map { $0.value < 0x20 ? " " : Character($0) })
    }
}
