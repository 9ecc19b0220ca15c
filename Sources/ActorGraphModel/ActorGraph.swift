/// An actor relationship graph: the document an analyst writes.
///
/// Holds actors and the typed, signed relations between them, the sources they cite, and the
/// kinds the file declares. It is a plain value: reading a file gives one, the validator checks
/// one (``validate()``), and the writers turn one back into text.
///
/// Order is kept as written: ``actors`` and ``relations`` are arrays, so that a graph written
/// back out diffs cleanly against its source.
public struct ActorGraph: Hashable, Sendable {
    /// The format version this library reads and writes.
    public static let formatVersion = 1

    /// A one-line title for captions.
    public var title: String?
    /// Free text.
    public var description: String?
    /// The documents relations cite.
    public var sources: [Source]
    /// Actor kinds the file declares or restyles.
    public var actorKindDeclarations: [ActorKindDeclaration]
    /// Relation kinds the file declares or restyles.
    public var relationKindDeclarations: [RelationKindDeclaration]
    /// The actors, in file order.
    public var actors: [Actor]
    /// The relations, in file order.
    public var relations: [Relation]

    /// Creates a graph from its parts, in the order files list them. Call ``validate()`` to check
    /// it as a file would be checked.
    ///
    /// - Complexity: O(1); the arrays are stored as given.
    public init(title: String? = nil, description: String? = nil, sources: [Source] = [],
                actorKindDeclarations: [ActorKindDeclaration] = [],
                relationKindDeclarations: [RelationKindDeclaration] = [],
                actors: [Actor] = [], relations: [Relation] = []) {
        self.title = title
        self.description = description
        self.sources = sources
        self.actorKindDeclarations = actorKindDeclarations
        self.relationKindDeclarations = relationKindDeclarations
        self.actors = actors
        self.relations = relations
    }

    /// Position of each actor id in ``actors`` (the first, if an id is repeated).
    ///
    /// - Complexity: O(actors) to build; build it once per batch of look-ups.
    public func actorIndex() -> [String: Int] {
        var index: [String: Int] = [:]
        index.reserveCapacity(actors.count)
        for (i, a) in actors.enumerated() where index[a.id] == nil { index[a.id] = i }
        return index
    }

    /// The actor kind with this id: a declaration merged over the built-in, or the built-in.
    ///
    /// - Complexity: O(declared + built-in kinds).
    public func actorKind(_ id: String) -> ActorKind? {
        let declared = actorKindDeclarations.first { $0.id == id }
        if var kind = ActorKind.builtIn(id) {
            if let declared {
                kind.label = declared.label ?? kind.label
                kind.style = kind.style.overridden(by: declared.style)
            }
            return kind
        }
        guard let declared else { return nil }
        return ActorKind(id: id, label: declared.label ?? id, style: declared.style)
    }

    /// The relation kind with this id: a declaration merged over the built-in, or the built-in.
    /// A declared kind lacking `sign` or `directed` is resolved as unsigned or undirected (the
    /// validator reports the omission).
    ///
    /// - Complexity: O(declared + built-in kinds).
    public func relationKind(_ id: String) -> RelationKind? {
        let declared = relationKindDeclarations.first { $0.id == id }
        if var kind = RelationKind.builtIn(id) {
            if let declared {
                kind.label = declared.label ?? kind.label
                kind.style = kind.style.overridden(by: declared.style)
            }
            return kind
        }
        guard let declared else { return nil }
        return RelationKind(id: id, label: declared.label ?? id, sign: declared.sign ?? .unsigned,
                            directed: declared.directed ?? false, style: declared.style)
    }

    /// Every actor kind a file may use: the built-ins, then the declared new ones.
    public var allActorKinds: [ActorKind] {
        ActorKind.builtIns.map { actorKind($0.id)! }
            + actorKindDeclarations.filter { ActorKind.builtIn($0.id) == nil }.compactMap { actorKind($0.id) }
    }

    /// Every relation kind a file may use: the built-ins, then the declared new ones.
    public var allRelationKinds: [RelationKind] {
        RelationKind.builtIns.map { relationKind($0.id)! }
            + relationKindDeclarations.filter { RelationKind.builtIn($0.id) == nil }.compactMap { relationKind($0.id) }
    }

    /// The relation's sign: its override, else its kind's (unsigned for an unknown kind).
    public func sign(of relation: Relation) -> Sign {
        relation.signOverride ?? relationKind(relation.kind)?.sign ?? .unsigned
    }

    /// The relations that hold at `date` (see ``Relation/holds(at:)``).
    public func snapshot(at date: PartialDate) -> ActorGraph {
        var copy = self
        copy.relations = relations.filter { $0.holds(at: date) }
        return copy
    }
}
