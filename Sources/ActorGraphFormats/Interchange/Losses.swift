import ActorGraphModel

/// Something of a native graph that a format may not carry.
///
/// ``Interchange/losses(from:to:)`` compares a graph with what a reader gives back from a written
/// file, field by field; ``Interchange/documentedLosses(_:)`` is what the Interchange article's round-trip
/// table promises, and a test holds the two equal on the example graphs.
public enum GraphLoss: String, CaseIterable, Sendable, Comparable {
    /// The graph's title; its description.
    case title, description
    /// Sources' titles, dates, authors, urls and notes, and sources no relation cites.
    case sourceDetails = "source details"
    /// Declared kinds' labels and styles (kinds themselves come back, declared from their use).
    case kindDeclarations = "kind declarations"
    /// Actors' display names.
    case actorNames = "actor names"
    /// Actors' kinds.
    case actorKinds = "actor kinds"
    /// Actors' aliases.
    case aliases
    /// Actors' roles.
    case roles
    /// Actors' notes.
    case actorNotes = "actor notes"
    /// Actors' free attributes.
    case actorAttributes = "actor attributes"
    /// Attribute values come back with the right text but another type (`"146"` → 146).
    case attributeTypes = "attribute types"
    /// Relations' ids.
    case relationIDs = "relation ids"
    /// Relations' kinds.
    case relationKinds = "relation kinds"
    /// Whether each relation is directed.
    case directions
    /// Relations' signs (Pajek: an unsigned relation comes back positive).
    case signs
    /// Relations' weights.
    case weights
    /// Relations' `since` and `until`.
    case dates = "dates (since, until)"
    /// Relations' citations (`cite`) and the quotes that go with them (`quote`).
    case citations
    /// Who claims each relation (`claimed-by`).
    case claimants = "claimed-by"
    /// Who disputes each relation (`disputed-by`).
    case disputants = "disputed-by"
    /// Relations' confidence.
    case confidence
    /// Relations' notes.
    case relationNotes = "relation notes"
    /// Relations' free attributes.
    case relationAttributes = "relation attributes"
    /// Actors or relations missing or added: never expected; a reader bug or a format limit.
    case actorsOrRelations = "actors or relations"

    /// Orders losses as `allCases` lists them: the graph's, the actors', then the relations'.
    public static func < (a: GraphLoss, b: GraphLoss) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

extension Interchange {
    /// What `readBack` (a graph read from a file written from `original`) lost, with how many
    /// entries each loss touches (actors, relations, sources or kinds).
    ///
    /// - Complexity: O(actors + relations), comparing field by field in order.
    public static func losses(from original: ActorGraph, to readBack: ActorGraph) -> [GraphLoss: Int] {
        var lost: [GraphLoss: Int] = [:]
        func note(_ loss: GraphLoss, _ n: Int = 1) { lost[loss, default: 0] += n }
        if original.title != readBack.title { note(.title) }
        if original.description != readBack.description { note(.description) }
        if original.sources != readBack.sources {
            let kept = Dictionary(readBack.sources.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            note(.sourceDetails, original.sources.filter { kept[$0.id] != $0 }.count)
        }
        if original.actorKindDeclarations != readBack.actorKindDeclarations
            || original.relationKindDeclarations != readBack.relationKindDeclarations {
            let a = Set(original.actorKindDeclarations).subtracting(readBack.actorKindDeclarations).count
            let r = Set(original.relationKindDeclarations).subtracting(readBack.relationKindDeclarations).count
            note(.kindDeclarations, max(1, a + r))
        }
        if original.actors.count != readBack.actors.count || original.relations.count != readBack.relations.count {
            note(.actorsOrRelations, abs(original.actors.count - readBack.actors.count) + abs(original.relations.count - readBack.relations.count))
        }
        for (a, b) in zip(original.actors, readBack.actors) {
            if a.id != b.id { note(.actorsOrRelations) }
            if a.name != b.name { note(.actorNames) }
            if a.kind != b.kind { note(.actorKinds) }
            if a.aliases != b.aliases { note(.aliases) }
            if a.role != b.role { note(.roles) }
            if a.note != b.note { note(.actorNotes) }
            if let loss = attributeLoss(a.attributes, b.attributes, otherwise: .actorAttributes) { note(loss) }
        }
        for (r, s) in zip(original.relations, readBack.relations) {
            if r.source != s.source || r.target != s.target {
                // Undirected relations may come back with their ends swapped only if nothing else
                // says which came first; that is still the same relation.
                if r.directed || s.directed || r.source != s.target || r.target != s.source { note(.actorsOrRelations) }
            }
            if r.id != s.id { note(.relationIDs) }
            if r.kind != s.kind { note(.relationKinds) }
            if r.directed != s.directed { note(.directions) }
            if original.sign(of: r) != readBack.sign(of: s) { note(.signs) }
            if r.weight != s.weight { note(.weights) }
            if r.since != s.since || r.until != s.until { note(.dates) }
            if r.evidence.citations != s.evidence.citations || r.evidence.quotes != s.evidence.quotes { note(.citations) }
            if r.evidence.claimedBy != s.evidence.claimedBy { note(.claimants) }
            if r.evidence.disputedBy != s.evidence.disputedBy { note(.disputants) }
            if r.evidence.confidence != s.evidence.confidence { note(.confidence) }
            if r.note != s.note { note(.relationNotes) }
            if let loss = attributeLoss(r.attributes, s.attributes, otherwise: .relationAttributes) { note(loss) }
        }
        return lost
    }

    private static func attributeLoss(_ a: [String: AttributeValue], _ b: [String: AttributeValue], otherwise: GraphLoss) -> GraphLoss? {
        if a == b { return nil }
        if a.count == b.count, a.allSatisfy({ key, value in b[key]?.description == value.description }) { return .attributeTypes }
        return otherwise
    }

    /// What `format` cannot carry, as the Interchange article's round-trip table says. Writing a graph in
    /// `format` and reading it back keeps everything else.
    ///
    /// Besides these, CSV and DOT give an empty text (a note `""`) back as absent and split a
    /// list item that contains `|`; DOT reads a relation id of the form `relation-N` on the
    /// N-th relation as no id.
    public static func documentedLosses(_ format: GraphFormat) -> Set<GraphLoss> {
        switch format {
        case .yaml, .json, .graphml, .nodeLink:
            return []
        case .dot:
            // DOT attribute values are untyped text: a text attribute that reads as a number or a
            // truth value comes back as one.
            return [.attributeTypes]
        case .csv:
            return [.title, .description, .sourceDetails, .kindDeclarations, .attributeTypes]
        case .gexf:
            return [.sourceDetails, .kindDeclarations]
        case .pajek:
            // Pajek's signs are the weights' signs: an unsigned relation comes back positive.
            return [.description, .sourceDetails, .kindDeclarations, .actorNames, .actorKinds, .aliases, .roles, .actorNotes,
                    .actorAttributes, .relationIDs, .signs, .dates, .citations, .claimants, .disputants, .confidence,
                    .relationNotes, .relationAttributes]
        }
    }

    /// One line per loss, for messages: `dates (since, until) of 20 relations`.
    public static func describe(_ losses: [GraphLoss: Int]) -> [String] {
        losses.keys.sorted().map { loss in
            let n = losses[loss]!
            switch loss {
            case .title, .description: return loss.rawValue
            case .sourceDetails: return "details of \(n) source\(n == 1 ? "" : "s")"
            case .kindDeclarations: return "labels and styles of declared kinds"
            case .actorNames, .actorKinds, .aliases, .roles, .actorNotes, .actorAttributes:
                return "\(loss.rawValue) (\(n) actor\(n == 1 ? "" : "s"))"
            case .attributeTypes: return "attribute types (\(n) entr\(n == 1 ? "y" : "ies"): text that reads as a number or truth value comes back as one)"
            case .actorsOrRelations: return "\(n) actors or relations (a reader limit: please report it)"
            default: return "\(loss.rawValue) (\(n) relation\(n == 1 ? "" : "s"))"
            }
        }
    }
}
