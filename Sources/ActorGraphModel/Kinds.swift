/// How the diagrams draw actors of one kind. Every field is optional: unset fields fall back to
/// the theme.
public struct ActorStyle: Hashable, Sendable {
    /// A Graphviz node shape (`box`, `ellipse`, `hexagon`, …), from ``GraphvizNames/shapes``.
    public var shape: String?
    /// The fill colour, `#rrggbb` or a Graphviz colour name.
    public var fill: String?
    /// The outline colour.
    public var color: String?

    /// Creates a style; unset fields fall back to the theme.
    public init(shape: String? = nil, fill: String? = nil, color: String? = nil) {
        self.shape = shape
        self.fill = fill
        self.color = color
    }

    /// Whether no field is set.
    public var isEmpty: Bool { shape == nil && fill == nil && color == nil }

    /// This style with the fields `other` sets taking precedence.
    public func overridden(by other: ActorStyle) -> ActorStyle {
        ActorStyle(shape: other.shape ?? shape, fill: other.fill ?? fill, color: other.color ?? color)
    }
}

/// The stroke of a relation's line in a diagram.
public enum LineStyle: String, Hashable, Sendable, CaseIterable {
    /// A continuous, dashed, dotted or heavy line (Graphviz's `style` of the same name).
    case solid, dashed, dotted, bold
}

/// How the diagrams draw relations of one kind. Every field is optional.
public struct RelationStyle: Hashable, Sendable {
    /// The line colour, `#rrggbb` or a Graphviz colour name.
    public var color: String?
    /// The stroke.
    public var line: LineStyle?
    /// A Graphviz arrowhead (`normal`, `vee`, `dot`, …) for directed kinds.
    public var arrowhead: String?

    /// Creates a style; unset fields fall back to the theme.
    public init(color: String? = nil, line: LineStyle? = nil, arrowhead: String? = nil) {
        self.color = color
        self.line = line
        self.arrowhead = arrowhead
    }

    /// Whether no field is set.
    public var isEmpty: Bool { color == nil && line == nil && arrowhead == nil }

    /// This style with the fields `other` sets taking precedence.
    public func overridden(by other: RelationStyle) -> RelationStyle {
        RelationStyle(color: other.color ?? color, line: other.line ?? line, arrowhead: other.arrowhead ?? arrowhead)
    }
}

/// A kind of actor: party, gang, person, … — built in, or declared by a file.
public struct ActorKind: Hashable, Sendable, Identifiable {
    /// The id used in files (`security-force`).
    public var id: String
    /// A human label for legends (`Security force`).
    public var label: String
    /// The kind's own style; the theme fills in the rest.
    public var style: ActorStyle
    /// Whether the kind is one of ``ActorKind/builtIns``.
    public var isBuiltIn: Bool

    /// Creates an actor kind. Files declare theirs under `kinds: actors:`.
    public init(id: String, label: String, style: ActorStyle = ActorStyle(), isBuiltIn: Bool = false) {
        self.id = id
        self.label = label
        self.style = style
        self.isBuiltIn = isBuiltIn
    }

    /// The built-in actor kinds, in the order legends list them.
    public static let builtIns: [ActorKind] = [
        ("party", "Party"), ("faction", "Faction"), ("gang", "Gang"), ("person", "Person"),
        ("government", "Government"), ("security-force", "Security force"),
        ("neighborhood", "Neighborhood"), ("ethnic-group", "Ethnic group"),
        ("organization", "Organization"), ("media", "Media"),
    ].map { ActorKind(id: $0.0, label: $0.1, isBuiltIn: true) }

    /// The built-in kind with this id.
    public static func builtIn(_ id: String) -> ActorKind? { builtIns.first { $0.id == id } }
}

/// A kind of relation, with its semantics: sign and direction.
public struct RelationKind: Hashable, Sendable, Identifiable {
    /// The id used in files (`patronage`).
    public var id: String
    /// A human label for legends (`Patronage`).
    public var label: String
    /// The sign every relation of this kind has unless it overrides it.
    public var sign: Sign
    /// Whether relations of this kind point from one actor to another (`from`/`to`) or join a
    /// pair (`between`).
    public var directed: Bool
    /// The kind's own style; the theme fills in the rest.
    public var style: RelationStyle
    /// Whether the kind is one of ``RelationKind/builtIns``.
    public var isBuiltIn: Bool

    /// Creates a relation kind with its sign and direction. Files declare theirs under
    /// `kinds: relations:`.
    public init(id: String, label: String, sign: Sign, directed: Bool,
                style: RelationStyle = RelationStyle(), isBuiltIn: Bool = false) {
        self.id = id
        self.label = label
        self.sign = sign
        self.directed = directed
        self.style = style
        self.isBuiltIn = isBuiltIn
    }

    /// The built-in relation kinds (DESIGN §3), in the order legends list them.
    public static let builtIns: [RelationKind] = [
        RelationKind(id: "coalition", label: "Coalition", sign: .positive, directed: false, isBuiltIn: true),
        RelationKind(id: "alliance", label: "Alliance", sign: .positive, directed: false, isBuiltIn: true),
        RelationKind(id: "patronage", label: "Patronage (patron → client)", sign: .positive, directed: true, isBuiltIn: true),
        RelationKind(id: "membership", label: "Membership (member → body)", sign: .positive, directed: true, isBuiltIn: true),
        RelationKind(id: "support", label: "Support", sign: .positive, directed: true, isBuiltIn: true),
        RelationKind(id: "conflict", label: "Conflict", sign: .negative, directed: false, isBuiltIn: true),
        RelationKind(id: "rivalry", label: "Rivalry", sign: .negative, directed: false, isBuiltIn: true),
        RelationKind(id: "opposition", label: "Opposition", sign: .negative, directed: true, isBuiltIn: true),
        RelationKind(id: "stronghold", label: "Stronghold (actor → place)", sign: .unsigned, directed: true, isBuiltIn: true),
        RelationKind(id: "presence", label: "Presence (actor → place)", sign: .unsigned, directed: true, isBuiltIn: true),
    ]

    /// The built-in kind with this id.
    public static func builtIn(_ id: String) -> RelationKind? { builtIns.first { $0.id == id } }
}

/// An actor kind as a file declares it under `kinds: actors:`: a new kind, or a restyled built-in.
public struct ActorKindDeclaration: Hashable, Sendable {
    /// The kind's id: a new one, or a built-in's to restyle it.
    public var id: String
    /// The label legends show; nil keeps the built-in's, or the id for a new kind.
    public var label: String?
    /// The declared style; unset fields fall back to the built-in's and then the theme.
    public var style: ActorStyle

    /// Creates a declaration as `kinds: actors:` gives it.
    public init(id: String, label: String? = nil, style: ActorStyle = ActorStyle()) {
        self.id = id
        self.label = label
        self.style = style
    }
}

/// A relation kind as a file declares it under `kinds: relations:`. A new kind must give `sign`
/// and `directed`; a built-in may only be relabelled and restyled.
public struct RelationKindDeclaration: Hashable, Sendable {
    /// The kind's id: a new one, or a built-in's to relabel and restyle it.
    public var id: String
    /// The label legends show; nil keeps the built-in's, or the id for a new kind.
    public var label: String?
    /// The sign of the kind's relations; required for a new kind; a built-in's may not change.
    public var sign: Sign?
    /// Whether the kind's relations use `from`/`to`; required for a new kind; a built-in's may not change.
    public var directed: Bool?
    /// The declared style; unset fields fall back to the built-in's and then the theme.
    public var style: RelationStyle

    /// Creates a declaration as `kinds: relations:` gives it. The validator checks that a new
    /// kind gives `sign` and `directed` and that a built-in does not change them.
    public init(id: String, label: String? = nil, sign: Sign? = nil, directed: Bool? = nil,
                style: RelationStyle = RelationStyle()) {
        self.id = id
        self.label = label
        self.sign = sign
        self.directed = directed
        self.style = style
    }
}

/// The names Graphviz accepts for styles, so that a typo in a file is caught when it is read
/// rather than when a diagram comes out wrong.
public enum GraphvizNames {
    /// Graphviz's node shapes (polygon-based and record-free).
    public static let shapes: [String] = [
        "box", "polygon", "ellipse", "oval", "circle", "point", "egg", "triangle", "plaintext", "plain",
        "diamond", "trapezium", "parallelogram", "house", "pentagon", "hexagon", "septagon", "octagon",
        "doublecircle", "doubleoctagon", "tripleoctagon", "invtriangle", "invtrapezium", "invhouse",
        "Mdiamond", "Msquare", "Mcircle", "rect", "rectangle", "square", "star", "none", "underline",
        "cylinder", "note", "tab", "folder", "box3d", "component", "promoter", "cds", "terminator",
        "utr", "primersite", "restrictionsite", "fivepoverhang", "threepoverhang", "noverhang",
        "assembly", "signature", "insulator", "ribosite", "rnastab", "proteasesite", "proteinstab",
        "rpromoter", "rarrow", "larrow", "lpromoter",
    ]

    /// Graphviz's arrowhead names (primitive shapes with their `o`/`l`/`r` modifiers, and the
    /// legacy aliases).
    public static let arrowheads: [String] = {
        let primitives = ["box", "crow", "curve", "icurve", "diamond", "dot", "inv", "none", "normal", "tee", "vee"]
        var names: [String] = []
        for p in primitives {
            for o in ["", "o"] where !(o == "o" && ["crow", "curve", "icurve", "none", "tee", "vee"].contains(p)) {
                for side in ["", "l", "r"] where !(side != "" && ["dot", "none"].contains(p)) {
                    names.append(o + side + p)
                }
            }
        }
        return names + ["ediamond", "open", "halfopen", "empty", "invempty", "invdot", "invodot"]
    }()

    /// Whether `text` is a colour Graphviz reads: `#rgb`, `#rrggbb`, `#rrggbbaa`, or a name of
    /// letters and digits (checked against Graphviz's tables when a diagram is drawn).
    public static func isColor(_ text: String) -> Bool {
        if text.hasPrefix("#") {
            let hex = text.dropFirst()
            return [3, 6, 8].contains(hex.count) && hex.allSatisfy(\.isHexDigit)
        }
        guard let first = text.first, first.isASCII, first.isLetter else { return false }
        return text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
    }
}
