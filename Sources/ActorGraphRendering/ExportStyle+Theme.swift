import ActorGraphFormats
import ActorGraphModel

extension ExportStyle {
    /// The colours a theme gives each actor and relation, for formats that carry colours (GEXF's
    /// `viz:color`, which Gephi shows): an actor's fill (its outline when the fill is white or
    /// nearly, which would vanish on Gephi's white canvas), a relation's line colour. Colours
    /// the file declares win where the theme allows file colours, as in diagrams.
    ///
    /// - Complexity: O(actors + relations) look-ups, each O(kinds).
    public init(theme: Theme, graph: ActorGraph) {
        var actorLooks: [String: String] = [:]
        var actorColors: [String: String] = [:]
        for actor in graph.actors {
            if let cached = actorLooks[actor.kind] {
                actorColors[actor.id] = cached
                continue
            }
            let look = graph.actorKind(actor.kind).map { theme.look(for: $0) } ?? theme.defaultActor
            let color = Self.isNearlyWhite(look.fill) ? look.outline : look.fill
            actorLooks[actor.kind] = color
            actorColors[actor.id] = color
        }
        var relationLooks: [String: String] = [:]
        let relationColors = graph.relations.map { relation -> String in
            if let cached = relationLooks[relation.kind] { return cached }
            let color = graph.relationKind(relation.kind).map { theme.look(for: $0).color } ?? theme.defaultRelation.color
            relationLooks[relation.kind] = color
            return color
        }
        self.init(actorColors: actorColors, relationColors: relationColors)
    }

    /// Whether `#rrggbb` is white or nearly (every channel above 0xF0).
    static func isNearlyWhite(_ color: String) -> Bool {
        guard color.hasPrefix("#"), color.count == 7, let value = UInt32(color.dropFirst(), radix: 16) else {
            return color.lowercased() == "white"
        }
        return (value >> 16) & 0xFF > 0xF0 && (value >> 8) & 0xFF > 0xF0 && value & 0xFF > 0xF0
    }
}
