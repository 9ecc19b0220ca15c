import ActorGraphAnalysis
import ActorGraphModel
import ActorGraphRendering
import NetworkAnalysis
import Foundation

/// What the briefing page is drawn with.
public struct BriefingOptions: Sendable {
    /// The page title; nil uses the graph's title.
    public var title: String?
    /// The diagram's theme.
    public var theme: Theme
    /// The date the page opens at; nil opens with every date.
    public var openAt: PartialDate?
    /// The layout engine; nil chooses by size (``/ActorGraphRendering/LayoutEngine/preferred(for:clustered:)``).
    public var engine: LayoutEngine?
    /// Who wrote the page, for its footer.
    public var generator: String
    /// Told which analysis runs and how far it is (from worker threads); nil: no reports.
    public var progress: AnalysisProgressHandler?

    /// Options; every one has the command line's default.
    public init(title: String? = nil, theme: Theme = .default, openAt: PartialDate? = nil, engine: LayoutEngine? = nil,
                generator: String = "actorgraph", progress: AnalysisProgressHandler? = nil) {
        self.title = title
        self.theme = theme
        self.openAt = openAt
        self.engine = engine
        self.generator = generator
        self.progress = progress
    }
}

/// The interactive briefing: one self-contained HTML page with the diagram, every relation's
/// evidence a click away, a date control, a claimant control, and the fissures, factions and
/// brokers panels.
///
/// The page holds everything inline — the diagram as SVG, its CSS, its script, and the data as
/// one JSON value (``BriefingData``) — and loads nothing: a Content-Security-Policy forbids any
/// request, so it works from `file://` with no network. Its markup contract, which tests and
/// users who script the page rely on:
///
/// - every actor's element in the diagram has `data-actor="ID"`;
/// - every relation's element has `data-relation="KEY"`: the relation's `id`, else `relation-N`,
///   N its 0-based index in the file;
/// - the details panel is `[data-panel=details]`, the fissures panel `[data-panel=fissures]`
///   (also `[data-panel=factions]`, `[data-panel=brokers]`, `[data-panel=sources]`);
/// - the date control is `[data-control=date]`, an input whose value is an ISO date (`YYYY`,
///   `YYYY-MM` or `YYYY-MM-DD`), or empty for every date;
/// - the claimant control is `select[data-control=claimant]`, with the options `all`, `facts`
///   and one per claimant id.
///
/// State lives in the DOM: `<body data-date="…" data-claimant="…">`, and a relation hidden by
/// the controls carries `data-hidden="true"`.
public enum Briefing {
    /// The page for `graph`: the analyses (``BriefingData/init(graph:title:openAt:generator:progress:)``),
    /// the diagram rendered by Graphviz with the theme and engine of `options`, and the page.
    ///
    /// - Parameters:
    ///   - graph: The graph to brief.
    ///   - options: The analyses' options, the theme and the engine, and the page's title.
    ///   - renderer: Renders the diagram; give one with a child-process renderer to run
    ///     `fdp` and `sfdp` out of process, as the command line does.
    /// - Throws: ``/ActorGraphAnalysis/ProjectionError`` from the analyses;
    ///   ``/ActorGraphRendering/GraphvizError`` when Graphviz fails.
    /// - Complexity: that of the analyses (see ``BriefingData``) and of the layout.
    public static func page(_ graph: ActorGraph, options: BriefingOptions = BriefingOptions(),
                            renderer: Renderer = Renderer()) throws -> String {
        var drawn = graph
        if let title = options.title { drawn.title = title }
        let data = try BriefingData(graph: graph, title: options.title, openAt: options.openAt, generator: options.generator,
                                    progress: options.progress)
        let diagram = DiagramOptions(theme: options.theme,
                                     engine: options.engine ?? LayoutEngine.preferred(for: graph, clustered: false))
        options.progress?(AnalysisProgress(step: "layout (\(diagram.engine.rawValue))", done: 0, total: 1))
        let svg = try renderer.render(drawn, options: diagram, format: .svg)
        return page(data: data, svg: BriefingSVG.annotate(String(decoding: svg, as: UTF8.self), graph: graph))
    }

    /// The page from its data and the annotated diagram (``BriefingSVG/annotate(_:graph:)``).
    ///
    /// - Complexity: O(size of the data and the SVG).
    public static func page(data: BriefingData, svg: String) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = (try? encoder.encode(data)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        // "<" only occurs inside JSON strings, where \u003c means the same: no "</script>" can end
        // the element early.
        let safeJSON = json.replacingOccurrences(of: "<", with: "\\u003c")
        return BriefingPage.fill(BriefingPage.template, [
            "TITLE": BriefingSVG.escape(data.title), "STYLE": BriefingPage.style, "SCRIPT": BriefingPage.script,
            "GENERATOR": BriefingSVG.escape(data.generator), "DESCRIPTION": BriefingSVG.escape(data.description ?? ""),
            "SVG": svg, "DATA": safeJSON,
        ])
    }
}
