import ActorGraphModel

/// The caption and legend drawn under every diagram, as one HTML-like label: the title, the date
/// range and the sources, then a swatch for each actor kind and a line sample for each relation
/// kind that the graph actually uses — and nothing else.
public enum Legend {
    /// The actor kinds and relation kinds present, in legend order (built-ins first, then declared).
    public static func kindsPresent(in graph: ActorGraph) -> (actors: [ActorKind], relations: [RelationKind]) {
        let usedActors = Set(graph.actors.map(\.kind))
        let usedRelations = Set(graph.relations.map(\.kind))
        return (graph.allActorKinds.filter { usedActors.contains($0.id) },
                graph.allRelationKinds.filter { usedRelations.contains($0.id) })
    }

    /// The label's HTML (without the enclosing `<` `>`).
    public static func html(_ graph: ActorGraph, options: DiagramOptions) -> String {
        let theme = options.theme
        let (actorKinds, relationKinds) = kindsPresent(in: graph)
        let size = DiagramDOT.num(theme.captionFontSize)
        var rows: [String] = []
        if let title = graph.title {
            rows.append("<TR><TD ALIGN=\"LEFT\" COLSPAN=\"2\"><FONT POINT-SIZE=\"\(DiagramDOT.num(theme.titleFontSize))\"><B>\(DOTText.html(title))</B></FONT></TD></TR>")
        }
        var facts: [String] = []
        let summary = GraphSummary(graph)
        if let asOf = options.asOf {
            let shown = graph.relations.indices.filter { !options.hiddenRelations.contains($0) }.count
            facts.append("As of \(asOf)")
            facts.append("\(graph.actors.count) actors, \(shown) of \(graph.relations.count) relations hold at that date")
        } else {
            if let range = summary.dateRange { facts.append("\(range.from) to \(range.to)") }
            facts.append("\(graph.actors.count) actors, \(graph.relations.count) relations")
        }
        if !graph.sources.isEmpty {
            let sources = graph.sources.map { s in s.title + (s.date.map { " (\($0))" } ?? "") }
            facts.append("Source\(sources.count == 1 ? "" : "s"): " + sources.joined(separator: "; "))
        }
        for line in DOTText.wrap(facts.joined(separator: " · "), width: 110, maxLines: 3) {
            rows.append("<TR><TD ALIGN=\"LEFT\" COLSPAN=\"2\">\(DOTText.html(line))</TD></TR>")
        }
        var actorCells: [String] = []
        for kind in actorKinds {
            let look = theme.look(for: kind)
            actorCells.append("<TD BGCOLOR=\"\(look.fill)\" BORDER=\"1\" COLOR=\"\(look.outline)\" ALIGN=\"LEFT\">"
                + "\(glyph(forShape: look.shape)) \(DOTText.html(kind.label))</TD>")
        }
        var relationCells: [String] = []
        for kind in relationKinds {
            let look = theme.look(for: kind)
            let sample = lineSample(look, directed: kind.directed)
            let firstColor = look.color.split(separator: ":").first.map(String.init) ?? look.color
            relationCells.append("<TD ALIGN=\"LEFT\"><FONT COLOR=\"\(firstColor)\">\(sample)</FONT> \(DOTText.html(kind.label))</TD>")
        }
        let contestedNote = "<TD ALIGN=\"LEFT\"><FONT COLOR=\"#999999\">╌╌╌</FONT> contested, claimed by one side, or low confidence</TD>"
        rows.append("<TR><TD ALIGN=\"LEFT\" COLSPAN=\"2\">\(table(actorCells, columns: 5, spacing: 4))</TD></TR>")
        let anyContested = graph.relations.contains(where: DiagramDOT.isContested)
        rows.append("<TR><TD ALIGN=\"LEFT\" COLSPAN=\"2\">\(table(relationCells + (anyContested ? [contestedNote] : []), columns: 4, spacing: 2))</TD></TR>")
        for note in options.legendNotes {
            for line in DOTText.wrap(note, width: 110, maxLines: 4) {
                rows.append("<TR><TD ALIGN=\"LEFT\" COLSPAN=\"2\">\(DOTText.html(line))</TD></TR>")
            }
        }
        return "<FONT POINT-SIZE=\"\(size)\"><TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"2\" CELLPADDING=\"2\">"
            + rows.joined() + "</TABLE></FONT>"
    }

    private static func table(_ cells: [String], columns: Int, spacing: Int) -> String {
        guard !cells.isEmpty else { return "" }
        var rows: [String] = []
        var i = 0
        while i < cells.count {
            rows.append("<TR>" + cells[i..<min(cells.count, i + columns)].joined() + "</TR>")
            i += columns
        }
        return "<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"\(spacing)\" CELLPADDING=\"3\">" + rows.joined() + "</TABLE>"
    }

    /// A character that looks like the node shape (DejaVu Sans has all of these).
    static func glyph(forShape shape: String) -> String {
        switch shape {
        case "box", "rect", "rectangle", "component", "box3d", "tab", "folder", "note": return "▭"
        case "ellipse", "oval", "circle", "doublecircle", "Mcircle": return "◯"
        case "hexagon": return "⬡"
        case "pentagon": return "⬠"
        case "house": return "⌂"
        case "diamond", "Mdiamond": return "◇"
        case "parallelogram": return "▱"
        case "square", "Msquare": return "□"
        case "octagon", "doubleoctagon", "tripleoctagon": return "⬡"
        case "egg": return "◯"
        default: return "▭"
        }
    }

    /// A few characters drawing the relation's line style and head.
    static func lineSample(_ look: Theme.RelationLook, directed: Bool) -> String {
        let doubled = look.color.split(separator: ":").count >= 3
        let stroke: String
        switch look.line {
        case .solid: stroke = doubled ? "═══" : "───"
        case .bold: stroke = "━━━"
        case .dashed: stroke = "╌╌╌"
        case .dotted: stroke = "┈┈┈"
        }
        if directed { return stroke + arrowGlyph(look.arrowhead) }
        if let ends = look.undirectedEnds, ends == "tee" { return "├" + stroke + "┤" }
        return stroke
    }

    static func arrowGlyph(_ arrow: String) -> String {
        switch arrow {
        case "normal", "inv": return "▶"
        case "empty", "onormal", "invempty": return "▷"
        case "vee", "open", "halfopen": return "›"
        case "tee": return "┤"
        case "dot": return "●"
        case "odot": return "○"
        case "diamond": return "◆"
        case "odiamond", "ediamond": return "◇"
        case "none": return ""
        default: return "▶"
        }
    }
}
