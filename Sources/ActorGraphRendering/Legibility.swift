import ActorGraphModel

/// How large a diagram Graphviz draws legibly and in reasonable time.
///
/// Beyond these limits `actorgraph render` refuses (unless `--force`) and offers reduced views
/// instead: the most prominent actors, an ego network, or the blockmodel image. The limits were
/// measured on this project's synthetic actor graphs and its example graphs (see the
/// `LargeGraphs` article: layout times per engine, and edge crossings per relation): past them,
/// every engine's picture is a hairball (far more crossings per relation than the examples'),
/// and the force-directed engines with routed edges take tens of seconds.
public enum Legibility {
    /// The most actors a full diagram draws.
    public static let maxActors = 100
    /// The most relations a full diagram draws.
    public static let maxRelations = 200

    /// Whether a diagram of this many actors and relations is drawn.
    ///
    /// - Complexity: O(1).
    public static func isLegible(actors: Int, relations: Int) -> Bool {
        actors <= maxActors && relations <= maxRelations
    }
}
