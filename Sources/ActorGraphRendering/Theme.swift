import ActorGraphModel

/// How a diagram looks: fonts, sizes, and a style for every actor and relation kind.
///
/// Three themes ship: ``default`` (colour, Okabe–Ito colour-blind-safe palette), ``print``
/// (greyscale: shapes, line styles and arrowheads carry every distinction) and ``slide`` (the
/// default palette with large type and heavy lines). A file's own kind styles (`kinds:`) override
/// the theme's, except in `print`, which keeps its greyscale.
public struct Theme: Sendable, Hashable {
    /// The name `--theme` takes.
    public var name: String
    /// The font every label uses. Named explicitly so that SVG coordinates do not depend on
    /// fontconfig's choice of default; `make deps` installs it (Debian: fonts-dejavu-core).
    public var fontName: String
    /// Node label size in points.
    public var fontSize: Double
    /// Caption and legend size in points.
    public var captionFontSize: Double
    /// Title size in points.
    public var titleFontSize: Double
    /// The line width multiplier for edges.
    public var penScale: Double
    /// Whether the file's declared colours may override the theme.
    public var allowsFileColors: Bool
    /// Fallback style for actor kinds the theme does not know (declared kinds).
    public var defaultActor: ActorLook
    /// Fallback style for relation kinds the theme does not know.
    public var defaultRelation: RelationLook
    /// Styles of the built-in actor kinds.
    public var actors: [String: ActorLook]
    /// Styles of the built-in relation kinds.
    public var relations: [String: RelationLook]
    /// The colour of contested and low-confidence ties' lines is mixed this far towards white.
    public var contestedFade: Double
    /// Text colour.
    public var ink: String
    /// Background of clusters.
    public var clusterFill: String

    /// An actor kind's look.
    public struct ActorLook: Sendable, Hashable {
        /// A Graphviz node shape.
        public var shape: String
        /// The fill colour.
        public var fill: String
        /// The outline colour.
        public var outline: String
        /// Extra Graphviz styles (`rounded`, `dashed`, `bold`).
        public var extraStyles: [String]

        /// Creates a look.
        public init(shape: String, fill: String, outline: String = "#333333", extraStyles: [String] = []) {
            self.shape = shape
            self.fill = fill
            self.outline = outline
            self.extraStyles = extraStyles
        }
    }

    /// A relation kind's look.
    public struct RelationLook: Sendable, Hashable {
        /// A colour, or a Graphviz colour list (`"black:white:black"` draws a double line).
        public var color: String
        /// The stroke.
        public var line: LineStyle
        /// The line width in points.
        public var penWidth: Double
        /// The arrowhead for directed kinds.
        public var arrowhead: String
        /// For undirected kinds: a head and tail drawn at both ends (`tee` for hostility in print),
        /// or nil for none.
        public var undirectedEnds: String?

        /// Creates a look.
        public init(color: String, line: LineStyle, penWidth: Double = 1.2, arrowhead: String = "normal",
                    undirectedEnds: String? = nil) {
            self.color = color
            self.line = line
            self.penWidth = penWidth
            self.arrowhead = arrowhead
            self.undirectedEnds = undirectedEnds
        }
    }

    /// The themes `--theme` accepts.
    public static let all: [Theme] = [.default, .print, .slide]

    /// The theme with this name.
    public static func named(_ name: String) -> Theme? { all.first { $0.name == name } }

    /// Okabe & Ito (2008), "Color Universal Design": distinguishable with every common form of
    /// colour blindness.
    public enum OkabeIto {
        /// The eight colours of the palette, and a neutral grey, as `#rrggbb`.
        public static let orange = "#E69F00", skyBlue = "#56B4E9", bluishGreen = "#009E73",
                          yellow = "#F0E442", blue = "#0072B2", vermillion = "#D55E00",
                          reddishPurple = "#CC79A7", grey = "#8C8C8C", black = "#000000"
    }

    /// Colour, for screens and documents.
    public static let `default` = Theme(
        name: "default", fontName: "DejaVu Sans", fontSize: 10, captionFontSize: 9, titleFontSize: 14,
        penScale: 1, allowsFileColors: true,
        defaultActor: ActorLook(shape: "box", fill: "#FFFFFF", extraStyles: ["rounded"]),
        defaultRelation: RelationLook(color: "#555555", line: .solid),
        actors: [
            "party": ActorLook(shape: "box", fill: "#CFE7F5", extraStyles: ["rounded"]),
            "faction": ActorLook(shape: "box", fill: "#E4DAF0", extraStyles: ["rounded", "dashed"]),
            "gang": ActorLook(shape: "hexagon", fill: "#F8DCC0"),
            "person": ActorLook(shape: "ellipse", fill: "#FFFFFF"),
            "government": ActorLook(shape: "box", fill: "#E3E3E3"),
            "security-force": ActorLook(shape: "pentagon", fill: "#D2E9D9"),
            "neighborhood": ActorLook(shape: "house", fill: "#FAF1C4"),
            "ethnic-group": ActorLook(shape: "oval", fill: "#F3DCEA", extraStyles: ["dashed"]),
            "organization": ActorLook(shape: "component", fill: "#EDEDF7"),
            "media": ActorLook(shape: "note", fill: "#F4F4F4"),
        ],
        relations: [
            "coalition": RelationLook(color: OkabeIto.bluishGreen, line: .solid, penWidth: 2.4),
            "alliance": RelationLook(color: OkabeIto.bluishGreen, line: .solid, penWidth: 1.6),
            "patronage": RelationLook(color: OkabeIto.blue, line: .dashed, penWidth: 1.6, arrowhead: "normal"),
            "membership": RelationLook(color: "#9A9A9A", line: .solid, penWidth: 1.0, arrowhead: "empty"),
            "support": RelationLook(color: OkabeIto.skyBlue, line: .solid, penWidth: 1.4, arrowhead: "vee"),
            "conflict": RelationLook(color: OkabeIto.vermillion, line: .bold, penWidth: 2.6),
            "rivalry": RelationLook(color: OkabeIto.vermillion, line: .dashed, penWidth: 1.6),
            "opposition": RelationLook(color: OkabeIto.reddishPurple, line: .solid, penWidth: 1.6, arrowhead: "tee"),
            "stronghold": RelationLook(color: OkabeIto.orange, line: .solid, penWidth: 1.6, arrowhead: "dot"),
            "presence": RelationLook(color: OkabeIto.orange, line: .dashed, penWidth: 1.0, arrowhead: "odot"),
        ],
        contestedFade: 0.45, ink: "#1A1A1A", clusterFill: "#F7F7F7")

    /// Greyscale: reads on a black-and-white page. Coalitions are double lines, hostility ends in
    /// bars, patronage is dashed with a solid arrow, membership has a hollow arrow, places are
    /// reached by dotted lines with a dot; contested and low-confidence ties are drawn in light grey.
    public static let print = Theme(
        name: "print", fontName: "DejaVu Sans", fontSize: 10, captionFontSize: 9, titleFontSize: 14,
        penScale: 1, allowsFileColors: false,
        defaultActor: ActorLook(shape: "box", fill: "#FFFFFF", outline: "#000000", extraStyles: ["rounded"]),
        defaultRelation: RelationLook(color: "#000000", line: .solid),
        actors: [
            "party": ActorLook(shape: "box", fill: "#D9D9D9", outline: "#000000", extraStyles: ["rounded"]),
            "faction": ActorLook(shape: "box", fill: "#FFFFFF", outline: "#000000", extraStyles: ["rounded", "dashed"]),
            "gang": ActorLook(shape: "hexagon", fill: "#BFBFBF", outline: "#000000"),
            "person": ActorLook(shape: "ellipse", fill: "#FFFFFF", outline: "#000000"),
            "government": ActorLook(shape: "box", fill: "#F0F0F0", outline: "#000000"),
            "security-force": ActorLook(shape: "pentagon", fill: "#E6E6E6", outline: "#000000"),
            "neighborhood": ActorLook(shape: "house", fill: "#FFFFFF", outline: "#000000"),
            "ethnic-group": ActorLook(shape: "oval", fill: "#F0F0F0", outline: "#000000", extraStyles: ["dashed"]),
            "organization": ActorLook(shape: "component", fill: "#FFFFFF", outline: "#000000"),
            "media": ActorLook(shape: "note", fill: "#FFFFFF", outline: "#000000"),
        ],
        relations: [
            "coalition": RelationLook(color: "#000000:#FFFFFF:#000000", line: .solid, penWidth: 1.4),
            "alliance": RelationLook(color: "#000000:#FFFFFF:#000000", line: .solid, penWidth: 0.9),
            "patronage": RelationLook(color: "#000000", line: .dashed, penWidth: 1.4, arrowhead: "normal"),
            "membership": RelationLook(color: "#595959", line: .solid, penWidth: 0.8, arrowhead: "empty"),
            "support": RelationLook(color: "#000000", line: .solid, penWidth: 1.0, arrowhead: "vee"),
            "conflict": RelationLook(color: "#000000", line: .bold, penWidth: 2.6, undirectedEnds: "tee"),
            "rivalry": RelationLook(color: "#000000", line: .dashed, penWidth: 1.4, undirectedEnds: "tee"),
            "opposition": RelationLook(color: "#000000", line: .solid, penWidth: 1.6, arrowhead: "tee"),
            "stronghold": RelationLook(color: "#000000", line: .dotted, penWidth: 1.6, arrowhead: "dot"),
            "presence": RelationLook(color: "#595959", line: .dotted, penWidth: 1.0, arrowhead: "odot"),
        ],
        contestedFade: 0.6, ink: "#000000", clusterFill: "#FFFFFF")

    /// The default palette, with type and lines sized for a projected slide.
    public static let slide: Theme = {
        var t = Theme.default
        t.name = "slide"
        t.fontSize = 18
        t.captionFontSize = 14
        t.titleFontSize = 24
        t.penScale = 1.7
        return t
    }()
}

extension Theme {
    /// The resolved look of an actor kind: the theme's, with the file's declared style on top.
    public func look(for kind: ActorKind) -> ActorLook {
        var look = actors[kind.id] ?? defaultActor
        if let shape = kind.style.shape { look.shape = shape }
        if allowsFileColors {
            if let fill = kind.style.fill { look.fill = fill }
            if let color = kind.style.color { look.outline = color }
        }
        return look
    }

    /// The resolved look of a relation kind: the theme's, with the file's declared style on top.
    public func look(for kind: RelationKind) -> RelationLook {
        var look = relations[kind.id] ?? fallbackRelation(sign: kind.sign)
        if let line = kind.style.line { look.line = line }
        if let arrow = kind.style.arrowhead { look.arrowhead = arrow }
        if allowsFileColors, let color = kind.style.color { look.color = color }
        return look
    }

    /// A declared kind without a style still says its sign: hostile kinds look hostile.
    private func fallbackRelation(sign: Sign) -> RelationLook {
        switch sign {
        case .positive: return RelationLook(color: allowsFileColors ? OkabeIto.bluishGreen : "#000000", line: .solid, penWidth: 1.2)
        case .negative: return RelationLook(color: allowsFileColors ? OkabeIto.vermillion : "#000000", line: .solid, penWidth: 1.4,
                                            arrowhead: "tee", undirectedEnds: allowsFileColors ? nil : "tee")
        case .unsigned: return RelationLook(color: allowsFileColors ? "#7F7F7F" : "#595959", line: .dashed, penWidth: 1.0, arrowhead: "vee")
        }
    }

    /// Mixes a `#rrggbb` colour towards white by `amount` (0…1); other colours pass through.
    public static func fade(_ color: String, by amount: Double) -> String {
        let parts = color.split(separator: ":").map { part -> String in
            guard part.count == 7, part.hasPrefix("#"), let v = Int(part.dropFirst(), radix: 16) else { return String(part) }
            let channels: [Int] = [(v >> 16) & 0xFF, (v >> 8) & 0xFF, v & 0xFF].map { (c: Int) -> Int in
                let x = Double(c)
                let mixed: Double = x + (255.0 - x) * amount
                return Int(mixed.rounded())
            }
            return "#" + channels.map { c in
                let h = String(c, radix: 16, uppercase: true)
                return h.count == 1 ? "0" + h : h
            }.joined()
        }
        return parts.joined(separator: ":")
    }
}
