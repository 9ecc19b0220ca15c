import ActorGraphModel
import Foundation

/// One node as a foreign reader found it: the native actor fields, plus where they were written.
struct ImportedNode {
    /// The actor. An empty `kind` means the input gives none (the builder picks `actor`).
    var actor: Actor
    /// Where the node's entry starts.
    var position: SourcePosition?
    /// Where each field was written, by native field name (`name`, `kind`, `aliases`, `role`,
    /// `note`, or an attribute's name). Empty for readers that resolve positions lazily.
    var fields: [String: SourcePosition] = [:]

    init(actor: Actor, position: SourcePosition? = nil, fields: [String: SourcePosition] = [:]) {
        self.actor = actor
        self.position = position
        self.fields = fields
    }
}

/// One edge as a foreign reader found it.
struct ImportedEdge {
    /// The relation. An empty `kind` means the input gives none (the builder picks `tie` or
    /// `negative-tie` by sign). `signOverride` holds the sign the input gives, if any, even when it
    /// equals the kind's (the builder drops it then). A negative `weight` with no sign given
    /// means a negative tie of weight |w|, as in Pajek and signed networkx graphs.
    /// `directed` is what the input says; for a known kind the kind's direction wins.
    var relation: Relation
    /// Where the edge's entry starts.
    var position: SourcePosition?
    /// Where each field was written, by native field name: `source`, `target`, `id`, `kind`,
    /// `sign`, `weight`, `since`, `until`, `confidence`, `claimed-by`, `disputed-by`, `cite`,
    /// `note`, or an attribute's name.
    var fields: [String: SourcePosition] = [:]

    init(relation: Relation, position: SourcePosition? = nil, fields: [String: SourcePosition] = [:]) {
        self.relation = relation
        self.position = position
        self.fields = fields
    }
}

/// Turns what a foreign reader found (nodes, edges, metadata, syntax diagnostics) into a native
/// graph, then validates it the way ``GraphFile`` validates a native file, so every format gives
/// the same checks and the same positioned messages.
///
/// Rules (the Interchange article states them for users):
/// - A node without a kind is an `actor` (a kind the builder declares). A kind that is neither
///   built in nor declared is declared, with a warning when it is one typo away from a known kind.
/// - An edge without a kind is a `tie` (positive) or, when its sign or weight is negative, a
///   `negative-tie`; both are declared with the input's direction. Other undeclared relation kinds
///   are declared with the sign and direction of their first edge; later edges that differ keep
///   their sign as an override.
/// - A known kind's direction wins over the input's (a DOT `->` on a coalition is just syntax).
/// - Actors an edge names but no node declares are created (kind `actor`) when the reader allows
///   it (``createsMissingActors``: edge-only inputs); otherwise the validator reports them.
/// - A cited source that no one declares is declared with its id as title.
///
/// - Complexity: O(nodes + edges) with hashing, plus validation.
struct ImportBuilder {
    /// The file diagnostics name.
    let file: String
    /// The file the nodes came from, when it is not ``file`` (CSV's nodes file): diagnostics at
    /// actors read from nodes name it, and come before the others.
    var nodesFile: String?
    var title: String?
    var description: String?
    var sources: [Source] = []
    var actorKindDeclarations: [ActorKindDeclaration] = []
    var relationKindDeclarations: [RelationKindDeclaration] = []
    var nodes: [ImportedNode] = []
    var edges: [ImportedEdge] = []
    /// Relations of a reader that stores no positions per edge (CSV, which finds them on demand
    /// through ``lazyPositions``): used instead of ``edges``, and turned into the graph's
    /// relations in place, without a copy (5M relations take about a gigabyte).
    var relations: [Relation] = []
    /// Syntax and field errors the reader found, in any order.
    var diagnostics: [Diagnostic] = []
    /// Whether edges may name actors no node declares (they are created).
    var createsMissingActors = false
    /// Positions a reader can compute on demand instead of storing one per field (CSV): called
    /// for locations the stored positions do not cover, with the node or edge index.
    var lazyPositions: (@Sendable (ImportLocation) -> SourcePosition?)?

    /// Set by a reader that resolved the actors itself (CSV), to save hash look-ups on large
    /// inputs; the result is the same as without it.
    /// - `edgeActors`: with ``createsMissingActors`` and no nodes, the ids the edges name (source,
    ///   target, claimed-by, disputed-by, non-empty) in order of first mention, each with the
    ///   edge and field that first names it: the actors ``build()`` creates.
    /// - `resolvedEnds`: per edge, the index among the graph's actors of its source and target
    ///   (-1 for an id no actor has).
    var edgeActors: [(id: String, edge: Int, field: String)]?
    var resolvedEnds: (sources: [Int32], targets: [Int32])?

    /// A node or edge of the input, and optionally a native field name.
    enum ImportLocation: Hashable, Sendable {
        case node(Int, field: String?)
        case edge(Int, field: String?)
    }

    /// The kind given to nodes without one.
    static let defaultActorKind = "actor"
    /// The kinds given to edges without one, by sign.
    static let defaultPositiveKind = "tie", defaultNegativeKind = "negative-tie"

    init(file: String) { self.file = file }

    mutating func error(_ position: SourcePosition?, _ message: String, fix: String? = nil) {
        diagnostics.append(Diagnostic(file: file, position: position, severity: .error, message: message, fix: fix))
    }

    mutating func warning(_ position: SourcePosition?, _ message: String, fix: String? = nil) {
        diagnostics.append(Diagnostic(file: file, position: position, severity: .warning, message: message, fix: fix))
    }

    /// Whether any diagnostic so far is an error.
    var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    /// A loaded graph holding only `diagnostic` (a file that cannot be parsed at all).
    static func failure(_ diagnostic: Diagnostic) -> LoadedGraph {
        LoadedGraph(graph: ActorGraph(), diagnostics: [diagnostic], sourceMap: SourceMap())
    }

    /// The native graph, validated, with every diagnostic sorted by position.
    mutating func build() -> LoadedGraph {
        var diagnostics = self.diagnostics
        var graph = ActorGraph(title: title, description: description, sources: sources,
                               actorKindDeclarations: actorKindDeclarations,
                               relationKindDeclarations: relationKindDeclarations)
        // Where each actor and relation came from, for positions.
        var actorOrigin: [ImportLocation] = []
        actorOrigin.reserveCapacity(nodes.count)
        graph.actors.reserveCapacity(nodes.count)

        // Actor kinds: declare what is missing.
        var knownActorKinds = Set(ActorKind.builtIns.map(\.id)).union(actorKindDeclarations.map(\.id))
        let suggestionKinds = ActorKind.builtIns.map(\.id) + actorKindDeclarations.map(\.id)
        func declareActorKind(_ kind: String, at position: SourcePosition?, fromNode: Bool = false) {
            guard !knownActorKinds.contains(kind) else { return }
            knownActorKinds.insert(kind)
            graph.actorKindDeclarations.append(ActorKindDeclaration(id: kind, label: kind == Self.defaultActorKind ? "Actor" : nil))
            if kind != Self.defaultActorKind, let near = Suggest.nearest(kind, among: suggestionKinds) {
                diagnostics.append(Diagnostic(file: fromNode ? nodesFile ?? file : file, position: position, severity: .warning,
                                              message: "actor kind '\(kind)' is not built in; declared as a new kind",
                                              fix: "did you mean '\(near)'?"))
            }
        }
        var ids = Set<String>()
        ids.reserveCapacity(nodes.count)
        for (k, node) in nodes.enumerated() {
            var actor = node.actor
            if actor.kind.isEmpty { actor.kind = Self.defaultActorKind }
            declareActorKind(actor.kind, at: node.fields["kind"] ?? node.position
                                ?? (nodesFile != nil ? lazyPositions?(.node(k, field: "kind")) : nil), fromNode: true)
            ids.insert(actor.id)
            graph.actors.append(actor)
            actorOrigin.append(.node(k, field: nil))
        }
        let premade = createsMissingActors && nodes.isEmpty ? edgeActors : nil
        if let premade {
            // The reader listed the actors the edges create, in the order ensureActor would.
            if !premade.isEmpty { declareActorKind(Self.defaultActorKind, at: nil) }
            graph.actors.reserveCapacity(premade.count)
            actorOrigin.reserveCapacity(premade.count)
            for a in premade {
                graph.actors.append(Actor(id: a.id, kind: Self.defaultActorKind))
                actorOrigin.append(.edge(a.edge, field: a.field))
            }
        }
        func ensureActor(_ id: String, edge j: Int, field: String) {
            guard createsMissingActors, premade == nil, !id.isEmpty, !ids.contains(id) else { return }
            ids.insert(id)
            declareActorKind(Self.defaultActorKind, at: nil)
            graph.actors.append(Actor(id: id, kind: Self.defaultActorKind))
            actorOrigin.append(.edge(j, field: field))
        }

        // Relation kinds: declare what is missing, with the first edge's sign and direction.
        var kindSign: [String: Sign] = [:]
        var kindDirected: [String: Bool] = [:]
        for k in RelationKind.builtIns { kindSign[k.id] = k.sign; kindDirected[k.id] = k.directed }
        for d in relationKindDeclarations {
            if let s = d.sign { kindSign[d.id] = s } else if kindSign[d.id] == nil { kindSign[d.id] = .unsigned }
            if let dir = d.directed { kindDirected[d.id] = dir } else if kindDirected[d.id] == nil { kindDirected[d.id] = false }
        }
        var relations: [Relation] = []
        if edges.isEmpty { swap(&relations, &self.relations) } else { relations = edges.map(\.relation) }
        var lastKind: (id: String, sign: Sign, directed: Bool)?
        func complete(_ r: inout Relation, _ j: Int) {
            // A negative weight with no sign given is a negative tie.
            if r.weight < 0, r.signOverride == nil || r.signOverride == .negative {
                r.weight = -r.weight
                r.signOverride = .negative
            }
            if r.kind.isEmpty {
                r.kind = r.signOverride == .negative ? Self.defaultNegativeKind : Self.defaultPositiveKind
            }
            if let last = lastKind, last.id == r.kind {
                // The same kind as the previous edge (the common case): no look-ups.
                if r.signOverride == last.sign { r.signOverride = nil }
                r.directed = last.directed
                ensureActor(r.source, edge: j, field: "source")
                ensureActor(r.target, edge: j, field: "target")
                for c in r.evidence.claimedBy { ensureActor(c, edge: j, field: "claimed-by") }
                for c in r.evidence.disputedBy { ensureActor(c, edge: j, field: "disputed-by") }
                return
            }
            if let sign = kindSign[r.kind] {
                if r.signOverride == sign { r.signOverride = nil }
            } else {
                let sign = r.signOverride ?? .positive
                kindSign[r.kind] = sign
                kindDirected[r.kind] = r.directed
                r.signOverride = nil
                let label: String? = r.kind == Self.defaultPositiveKind ? "Tie"
                    : r.kind == Self.defaultNegativeKind ? "Negative tie" : nil
                graph.relationKindDeclarations.append(RelationKindDeclaration(id: r.kind, label: label, sign: sign, directed: r.directed))
            }
            if let directed = kindDirected[r.kind] { r.directed = directed }
            if let sign = kindSign[r.kind], let directed = kindDirected[r.kind] { lastKind = (r.kind, sign, directed) }
            ensureActor(r.source, edge: j, field: "source")
            ensureActor(r.target, edge: j, field: "target")
            for c in r.evidence.claimedBy { ensureActor(c, edge: j, field: "claimed-by") }
            for c in r.evidence.disputedBy { ensureActor(c, edge: j, field: "disputed-by") }
        }
        for j in relations.indices { complete(&relations[j], j) }
        graph.relations = relations
        relations = []

        // Sources cited but not declared.
        var sourceIDs = Set(graph.sources.map(\.id))
        for i in graph.relations.indices where !graph.relations[i].evidence.citations.isEmpty {
            for c in graph.relations[i].evidence.citations where !c.source.isEmpty && !sourceIDs.contains(c.source) {
                sourceIDs.insert(c.source)
                graph.sources.append(Source(id: c.source, title: c.source))
            }
        }

        let sourceMap = makeSourceMap(actorOrigin: actorOrigin, graph: graph)
        let decodedCleanly = !diagnostics.contains { $0.severity == .error }
        for issue in graph.validate(resolvedEnds: resolvedEnds) where decodedCleanly || issue.severity == .error {
            var issueFile = file
            if let nodesFile, case .actor(let i, _, _) = issue.location, i < actorOrigin.count, case .node = actorOrigin[i] {
                issueFile = nodesFile
            }
            diagnostics.append(GraphFile.diagnostic(for: issue, file: issueFile, sourceMap: sourceMap))
        }
        if let nodesFile {
            // The nodes file's diagnostics first, then the edges file's, each in file order.
            let sorted = GraphFile.sortedByPosition(diagnostics)
            let ordered = sorted.filter { $0.file == nodesFile && nodesFile != file } + sorted.filter { $0.file != nodesFile || nodesFile == file }
            return LoadedGraph(graph: graph, diagnostics: ordered, sourceMap: sourceMap)
        }
        return LoadedGraph(graph: graph, diagnostics: GraphFile.sortedByPosition(diagnostics), sourceMap: sourceMap)
    }

    /// Native field names a relation location may use, onto the reader's names.
    private static func edgeField(_ field: String?, element: Int?, directed: Bool) -> String? {
        switch field {
        case "from": return "source"
        case "to": return "target"
        case "between": return element == 1 ? "target" : (element == 0 ? "source" : nil)
        default: return field
        }
    }

    private func makeSourceMap(actorOrigin: [ImportLocation], graph: ActorGraph) -> SourceMap {
        var map = SourceMap()
        let nodes = self.nodes, edges = self.edges, lazy = self.lazyPositions
        // Small inputs: record every known position now. Large ones resolve on demand.
        let stored: @Sendable (ImportLocation) -> SourcePosition? = { location in
            switch location {
            case .node(let k, let field):
                guard k < nodes.count else { return nil }
                if let field { return nodes[k].fields[field] ?? lazy?(location) }
                return nodes[k].position ?? lazy?(location)
            case .edge(let j, let field):
                guard j < edges.count else { return lazy?(location) }
                if let field { return edges[j].fields[field] ?? lazy?(location) }
                return edges[j].position ?? lazy?(location)
            }
        }
        map.resolver = { location in
            switch location {
            case .graph: return nodes.first?.position ?? edges.first?.position ?? SourcePosition(line: 1, column: 1)
            case .actor(let i, let field, _):
                guard i < actorOrigin.count else { return nil }
                switch actorOrigin[i] {
                case .node(let k, _):
                    return field.flatMap { stored(.node(k, field: $0)) } ?? stored(.node(k, field: nil))
                case .edge(let j, let f):
                    return stored(.edge(j, field: f)) ?? stored(.edge(j, field: nil))
                }
            case .relation(let j, let field, let element):
                let f = ImportBuilder.edgeField(field, element: element, directed: true)
                return f.flatMap { stored(.edge(j, field: $0)) } ?? stored(.edge(j, field: nil))
            case .source, .actorKind, .relationKind:
                return nil
            }
        }
        return map
    }
}

/// The graph-level part of a native file (title, description, sources, kind declarations) as
/// native JSON, for formats that carry it in one field (GraphML graph data, node-link `graph`).
enum NativeMetadata {
    /// The metadata as one line of native JSON, or nil when the graph has none.
    static func json(_ graph: ActorGraph) -> String? {
        guard !graph.sources.isEmpty || !graph.actorKindDeclarations.isEmpty || !graph.relationKindDeclarations.isEmpty else {
            return nil
        }
        let meta = ActorGraph(sources: graph.sources, actorKindDeclarations: graph.actorKindDeclarations,
                              relationKindDeclarations: graph.relationKindDeclarations)
        return GraphWriter.write(meta, as: .json)
    }

    /// Reads metadata written by ``json(_:)`` into `builder`. Problems become one diagnostic at
    /// `position` (the field holding the text), quoting the inner message.
    static func read(_ text: String, at position: SourcePosition?, into builder: inout ImportBuilder) {
        var wrapped = text
        if !text.contains("\"actors\"") {
            // Tolerate metadata written without the empty sections.
            wrapped = text.trimmingCharacters(in: .whitespacesAndNewlines)
            if wrapped.hasSuffix("}") { wrapped.removeLast(); wrapped += ", \"actors\": {}, \"relations\": []}" }
        }
        let loaded = GraphFile.read(text: wrapped, file: builder.file, syntax: .json)
        if let e = loaded.diagnostics.first(where: { $0.severity == .error }) {
            builder.error(position, "the ActorGraph metadata (sources and kinds) is not valid: \(e.message)",
                          fix: e.fix ?? "rewrite it with 'actorgraph convert', or delete the field")
            return
        }
        builder.sources = loaded.graph.sources
        builder.actorKindDeclarations = loaded.graph.actorKindDeclarations
        builder.relationKindDeclarations = loaded.graph.relationKindDeclarations
    }
}

/// Colours for formats that carry them (GEXF `viz:color`), computed from a theme by the caller.
public struct ExportStyle: Sendable {
    /// `#rrggbb` fill colour per actor id.
    public var actorColors: [String: String]
    /// `#rrggbb` colour per relation index (position in the graph's relations).
    public var relationColors: [String]

    /// Creates a style; an actor or relation without a colour is written without one.
    public init(actorColors: [String: String] = [:], relationColors: [String] = []) {
        self.actorColors = actorColors
        self.relationColors = relationColors
    }
}

/// Flat formats (CSV, GraphML, GEXF, DOT) write a list (aliases, cite, claimed-by, disputed-by)
/// as one text joined by `|`, as Kumu does, and split it back, trimming spaces.
enum FlatList {
    static let separator: Character = "|"

    static func join(_ items: [String]) -> String { items.joined(separator: "|") }

    static func split(_ text: String) -> [String] {
        text.split(separator: separator, omittingEmptySubsequences: true)
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
    }
}

/// Reads a flat text value as an attribute: a number when it reads as one, `true`/`false` as a
/// truth value, else text. Used by formats without types (CSV, DOT, Pajek).
func inferredAttribute(_ text: String) -> AttributeValue {
    if text == "true" { return .bool(true) }
    if text == "false" { return .bool(false) }
    if let x = Double(text), x.isFinite, !text.hasPrefix("+"), !text.hasPrefix("."),
       !(text.hasPrefix("0") && text.count > 1 && !text.hasPrefix("0.")),
       !(text.hasPrefix("-0") && text.count > 2 && !text.hasPrefix("-0.")) {
        return .number(x)
    }
    return .string(text)
}
