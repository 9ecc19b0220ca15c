import ActorGraphModel

extension ActorGraph {
    /// Reads a graph from a file in any format `actorgraph` reads: the native YAML or JSON, CSV
    /// edge lists (with `NAME.nodes.csv` beside them), DOT, GraphML, GEXF, JSON node-link, Pajek,
    /// and whitespace edge lists. The format comes from the extension, else from the content
    /// (see ``Interchange/read(contentsOf:format:nodesFile:)``, the loader the command uses). The
    /// graph is validated: unknown actors and kinds, directions that disagree with their kind,
    /// impossible dates.
    ///
    /// ```swift
    /// let graph = try ActorGraph(contentsOf: "graphs/karachi-2010.yaml")
    /// ```
    ///
    /// - Parameter path: The file.
    /// - Throws: ``InvalidInput`` when the file has an error (or cannot be read); its
    ///   description lists every diagnostic, one per line, as `file:line:column: error: what is
    ///   wrong; how to fix it`. Warnings alone do not throw.
    /// - Complexity: O(size of the file) plus validation.
    public init(contentsOf path: String) throws {
        let loaded = Interchange.read(contentsOf: path)
        if loaded.hasErrors { throw InvalidInput(loaded.diagnostics) }
        self = loaded.graph
    }
}
