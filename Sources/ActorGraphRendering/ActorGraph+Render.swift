import ActorGraphModel
import Foundation

extension ActorGraph {
    /// Draws the graph as `actorgraph render` does, in-process with Graphviz: SVG, PNG, PDF, or
    /// DOT with the layout's positions (`.dot`; ``DiagramDOT/write(_:options:)`` gives the DOT
    /// before layout).
    ///
    /// ```swift
    /// let svg = try graph.render(as: .svg)
    /// let print = try graph.render(as: .pdf, options: DiagramOptions(theme: .print, clusters: .kind))
    /// ```
    ///
    /// - Parameters:
    ///   - format: The output format.
    ///   - options: Theme, clusters, engine, legend and highlights; nil takes the command's
    ///     defaults: the default theme, a legend, and the engine ``LayoutEngine/preferred(for:clustered:)``
    ///     picks for the graph's size.
    /// - Returns: The file's bytes. The same graph and options give the same bytes.
    /// - Throws: ``GraphvizError`` when Graphviz cannot lay out or render the graph.
    /// - Complexity: that of the layout engine (`dot` is roughly quadratic in the worst case).
    public func render(as format: OutputFormat, options: DiagramOptions? = nil) throws -> Data {
        let chosen = options ?? DiagramOptions(engine: LayoutEngine.preferred(for: self, clustered: false))
        return try Renderer().render(self, options: chosen, format: format)
    }
}
