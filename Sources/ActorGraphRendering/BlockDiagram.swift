import ActorGraphModel

/// A blockmodel image to draw: one node per bloc, sized by its members, and between two blocs an
/// edge for their positive ties and one for their negative ties, as thick as their sum.
///
/// The analysis that makes the blocs fills it in (`actorgraph render --collapse factions`);
/// ``BlockDiagramDOT`` writes its DOT.
public struct BlockDiagram: Sendable, Hashable {
    /// One bloc.
    public struct Block: Sendable, Hashable {
        /// "Bloc 1".
        public var title: String
        /// How many actors it holds.
        public var members: Int
        /// A few members' names, the most connected first.
        public var names: [String]
        /// The summed positive ties between two of its members.
        public var positiveInside: Double
        /// The summed negative ties between two of its members.
        public var negativeInside: Double

        /// A bloc with its title, size, a few names and its inside sums.
        public init(title: String, members: Int, names: [String], positiveInside: Double, negativeInside: Double) {
            self.title = title
            self.members = members
            self.names = names
            self.positiveInside = positiveInside
            self.negativeInside = negativeInside
        }
    }

    /// The ties between two blocs.
    public struct Link: Sendable, Hashable {
        /// One bloc: its position in ``BlockDiagram/blocks``.
        public var a: Int
        /// The other bloc: its position in ``BlockDiagram/blocks``.
        public var b: Int
        /// The summed positive ties between them.
        public var positive: Double
        /// The summed negative ties between them.
        public var negative: Double

        /// The ties between blocs `a` and `b`.
        public init(a: Int, b: Int, positive: Double, negative: Double) {
            self.a = a
            self.b = b
            self.positive = positive
            self.negative = negative
        }
    }

    /// The caption's first line.
    public var title: String?
    /// The blocs, in drawing order.
    public var blocks: [Block]
    /// The pairs of blocs with ties between them.
    public var links: [Link]
    /// Caption lines under the title: what the blocs are, what was left out.
    public var notes: [String]

    /// A diagram of these blocs and links, captioned by the title and notes.
    public init(title: String?, blocks: [Block], links: [Link], notes: [String] = []) {
        self.title = title
        self.blocks = blocks
        self.links = links
        self.notes = notes
    }
}

/// Writes a ``BlockDiagram`` as DOT.
///
/// Each bloc is a circle whose area is proportional to its members (the largest 2.6 inches
/// across; a small bloc is never drawn smaller than its label), labelled with its title, its
/// member count, up to three names and its inside ties. Each pair of blocs with ties gets a
/// positive edge (the theme's coalition look) and a negative edge (its conflict look), each
/// labelled with its sum and as thick as the sum (1 to 9 points, linear in the sum over the
/// largest). Deterministic: blocks and links in the given order.
public enum BlockDiagramDOT {
    /// The engine the DOT is written for: `dot` for two or three blocs (side by side), `neato`
    /// beyond. (Graphviz 2.43's `circo` and `fdp` corrupt their heap on these diagrams.)
    public static func engine(for diagram: BlockDiagram) -> LayoutEngine {
        diagram.blocks.count <= 3 ? .dot : .neato
    }

    /// The DOT text.
    ///
    /// - Complexity: O(blocks + links).
    public static func write(_ diagram: BlockDiagram, theme: Theme = .default, legend: Bool = true) -> String {
        let q = DOTText.quoted
        let num = DiagramDOT.num
        let positive = theme.look(for: RelationKind.builtIn("coalition")!)
        let negative = theme.look(for: RelationKind.builtIn("conflict")!)
        let largestBloc = Double(diagram.blocks.map(\.members).max() ?? 1)
        let largestSum = max(1, diagram.links.map { max($0.positive, $0.negative) }.max() ?? 1)
        let engine = engine(for: diagram)
        var out = "// \(DiagramDOT.oneLine(diagram.title ?? "Blockmodel")), blockmodel image drawn by actorgraph\n"
        out += "digraph \"actorgraph\" {\n"
        var graphAttributes: [(String, String)] = [
            ("fontname", q(theme.fontName)), ("fontsize", num(theme.captionFontSize)), ("fontcolor", q(theme.ink)),
            ("bgcolor", q("#FFFFFF")), ("pad", q("0.3")), ("outputorder", "edgesfirst"),
        ]
        if engine == .dot {
            graphAttributes += [("rankdir", "LR"), ("ranksep", "2.2"), ("nodesep", "0.6")]
        } else {
            graphAttributes += [("overlap", "false"), ("sep", q("+24")), ("splines", "true"), ("start", "1"), ("mode", "major")]
        }
        out += "  graph [" + graphAttributes.map { "\($0.0)=\($0.1)" }.joined(separator: ", ") + "];\n"
        out += "  node [fontname=\(q(theme.fontName)), fontsize=\(num(theme.fontSize)), fontcolor=\(q(theme.ink)), "
            + "shape=circle, style=filled, fillcolor=\(q(theme.clusterFill == "#FFFFFF" ? "#F0F0F0" : "#EAF2F8")), color=\(q(theme.ink)), penwidth=1.4, margin=\"0.04,0.04\"];\n"
        out += "  edge [fontname=\(q(theme.fontName)), fontsize=\(num(theme.captionFontSize + 1)), dir=none];\n\n"
        for (b, block) in diagram.blocks.enumerated() {
            let diameter = 2.6 * (Double(block.members) / largestBloc).squareRoot()
            let small = num((theme.fontSize * 0.85).rounded())
            var label = "<B>\(DOTText.html(block.title))</B><BR/>\(count(block.members)) actor\(block.members == 1 ? "" : "s")"
            let names = block.names.prefix(3).map { DOTText.wrap($0, width: 24, maxLines: 1)[0] }
            if !names.isEmpty {
                let more = block.members - names.count
                label += "<BR/><FONT POINT-SIZE=\"\(small)\">" + names.map(DOTText.html).joined(separator: "<BR/>")
                    + (more > 0 ? "<BR/>and \(count(more)) more" : "") + "</FONT>"
            }
            label += "<BR/><FONT POINT-SIZE=\"\(small)\">inside: <FONT COLOR=\(q(firstColor(positive)))>+\(count(block.positiveInside))</FONT>"
                + " <FONT COLOR=\(q(firstColor(negative)))>−\(count(block.negativeInside))</FONT></FONT>"
            let tooltip = "\(block.title): \(block.members) actors; inside: \(count(block.positiveInside)) positive, \(count(block.negativeInside)) negative ties"
            out += "  \(q("bloc-\(b + 1)")) [id=\(q("bloc-\(b + 1)")), label=<\(label)>, width=\(num((diameter * 100).rounded() / 100)), "
                + "tooltip=\(DOTText.escString(tooltip))];\n"
        }
        out += "\n"
        for link in diagram.links {
            for (sum, look, sign) in [(link.positive, positive, "+"), (link.negative, negative, "−")] where sum > 0 {
                let pen = 1 + 8 * sum / largestSum
                var attrs: [(String, String)] = [
                    ("id", q("ties-\(link.a + 1)-\(link.b + 1)-\(sign == "+" ? "positive" : "negative")")),
                    ("color", q(look.color)), ("penwidth", num((pen * theme.penScale * 10).rounded() / 10)),
                    ("label", "<<FONT COLOR=\(q(firstColor(look)))><B>\(sign)\(count(sum))</B></FONT>>"),
                    ("tooltip", DOTText.escString("\(diagram.blocks[link.a].title) – \(diagram.blocks[link.b].title): \(count(sum)) \(sign == "+" ? "positive" : "negative") ties")),
                ]
                if look.line == .dashed || look.line == .dotted { attrs.append(("style", q(look.line.rawValue))) }
                if let ends = look.undirectedEnds { attrs += [("dir", "both"), ("arrowhead", q(ends)), ("arrowtail", q(ends))] }
                out += "  \(q("bloc-\(link.a + 1)")) -> \(q("bloc-\(link.b + 1)")) [" + attrs.map { "\($0.0)=\($0.1)" }.joined(separator: ", ") + "];\n"
            }
        }
        if legend {
            out += "\n  // Caption and legend.\n"
            out += "  graph [labelloc=b, labeljust=l, label=<\(legendHTML(diagram, theme: theme, positive: positive, negative: negative))>];\n"
        }
        out += "}\n"
        return out
    }

    static func legendHTML(_ diagram: BlockDiagram, theme: Theme, positive: Theme.RelationLook, negative: Theme.RelationLook) -> String {
        var rows: [String] = []
        if let title = diagram.title {
            rows.append("<TR><TD ALIGN=\"LEFT\"><FONT POINT-SIZE=\"\(DiagramDOT.num(theme.titleFontSize))\"><B>\(DOTText.html(title))</B></FONT></TD></TR>")
        }
        for note in diagram.notes {
            for line in DOTText.wrap(note, width: 100, maxLines: 4) {
                rows.append("<TR><TD ALIGN=\"LEFT\">\(DOTText.html(line))</TD></TR>")
            }
        }
        let pos = "<FONT COLOR=\"\(firstColor(positive))\">\(Legend.lineSample(positive, directed: false))</FONT> positive ties between two blocs, labelled with their number"
        let neg = "<FONT COLOR=\"\(firstColor(negative))\">\(Legend.lineSample(negative, directed: false))</FONT> negative ties between two blocs; the more ties, the thicker the line"
        rows.append("<TR><TD ALIGN=\"LEFT\">◯ a bloc, its area proportional to its members; inside: the positive and negative ties among its members</TD></TR>")
        rows.append("<TR><TD ALIGN=\"LEFT\">\(pos)</TD></TR>")
        rows.append("<TR><TD ALIGN=\"LEFT\">\(neg)</TD></TR>")
        return "<FONT POINT-SIZE=\"\(DiagramDOT.num(theme.captionFontSize))\"><TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"2\" CELLPADDING=\"2\">"
            + rows.joined() + "</TABLE></FONT>"
    }

    static func firstColor(_ look: Theme.RelationLook) -> String {
        look.color.split(separator: ":").first.map(String.init) ?? look.color
    }

    /// A sum as a whole number with thousands separators when it is one, else with two decimals.
    static func count(_ x: Double) -> String {
        guard x == x.rounded(), abs(x) < 1e15 else { return DiagramDOT.num((x * 100).rounded() / 100) }
        return count(Int(x))
    }

    static func count(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return (n < 0 ? "-" : "") + out
    }
}
