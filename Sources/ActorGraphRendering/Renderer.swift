import ActorGraphModel
import Foundation

/// Draws actor graphs: DOT from ``DiagramDOT``, laid out and rendered by Graphviz.
public struct Renderer: Sendable {
    /// Where child-process renders run (`fdp`, `sfdp`, and any render with a time limit);
    /// nil renders everything in-process.
    public var subprocess: SubprocessRenderer?

    /// Creates a renderer; without a child-process renderer every render runs in-process.
    public init(subprocess: SubprocessRenderer? = nil) { self.subprocess = subprocess }

    /// Renders DOT text. In-process unless a time limit is set or the engine keeps state between
    /// calls (`fdp`, `sfdp`), and a child-process renderer is configured.
    public func render(dot: String, engine: LayoutEngine, format: OutputFormat, timeout: Double? = nil) throws -> Data {
        if let subprocess, timeout != nil || engine == .fdp || engine == .sfdp {
            // Unclustered fdp depends on heap addresses: two fresh processes must agree (see
            // renderAgreed). Clustered fdp differs run after run anyway; `render` warns about it.
            if engine == .fdp && !dot.contains("subgraph \"cluster_") {
                return try subprocess.renderAgreed(dot: dot, engine: engine, format: format, timeout: timeout)
            }
            return try subprocess.render(dot: dot, engine: engine, format: format, timeout: timeout)
        }
        return try Graphviz.render(dot: dot, engine: engine, format: format).data
    }

    /// Draws `graph`. With ``DiagramOptions/pinned`` positions, in-process with `nop2`.
    public func render(_ graph: ActorGraph, options: DiagramOptions, format: OutputFormat, timeout: Double? = nil) throws -> Data {
        if options.pinned != nil {
            return try Graphviz.renderPinned(dot: DiagramDOT.write(graph, options: options), format: format).data
        }
        return try render(dot: DiagramDOT.write(graph, options: options), engine: options.engine, format: format, timeout: timeout)
    }
}
