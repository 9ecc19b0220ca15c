import ActorGraphModel
import Foundation

/// A series of snapshots of one graph at several dates, drawn with the same node positions so
/// that they can be flipped through without nodes jumping (DESIGN §5).
///
/// How: the union of the frames (every relation that holds at one of the dates, every actor) is
/// laid out once, with the engine and options of an ordinary render, to laid-out DOT; the node
/// positions (`pos`), cluster boxes and bounding box are read back from it with cgraph; each
/// frame is then written with `pos="x,y!"` on every node and `bb` on every cluster, and drawn
/// with Graphviz's `nop2` layout (`neato -n2`), which keeps the nodes and routes the edges.
public enum FrameSeries {
    /// One frame: its date, its file name and the options to draw it with.
    public struct Frame: Sendable {
        /// The snapshot's date: the frame draws the relations that hold then.
        public var date: PartialDate
        /// The frame's file name in the output folder (`01-2009-12-31.svg`).
        public var fileName: String
        /// The options to draw the frame with: pinned positions, hidden and new relations, its caption.
        public var options: DiagramOptions
        /// Indices of the relations that hold at this date and not at the previous one.
        public var newRelations: [Int]
    }

    /// `NN-DATE.EXT`, numbered from 01 (wider numbers beyond 99 frames).
    public static func fileName(_ k: Int, of count: Int, date: PartialDate, format: OutputFormat) -> String {
        let width = max(2, String(count).count)
        let number = String(k + 1)
        return String(repeating: "0", count: width - number.count) + number + "-\(date).\(format.rawValue)"
    }

    /// The options for one snapshot: relations that do not hold at `date` hidden, caption dated.
    public static func snapshot(_ graph: ActorGraph, options: DiagramOptions, at date: PartialDate) -> DiagramOptions {
        var o = options
        o.asOf = date
        o.hiddenRelations = Set(graph.relations.indices.filter { !graph.relations[$0].holds(at: date) })
        return o
    }

    /// Lays out the union of the frames once and reads the positions back.
    ///
    /// - Complexity: one Graphviz layout of the union (the engine's cost), plus O(actors +
    ///   relations) to read the positions.
    public static func pin(_ graph: ActorGraph, options: DiagramOptions, dates: [PartialDate],
                           renderer: Renderer, timeout: Double? = nil) throws -> PinnedLayout {
        var union = options
        union.asOf = dates.first
        union.hiddenRelations = Set(graph.relations.indices.filter { i in !dates.contains { graph.relations[i].holds(at: $0) } })
        union.legendNotes += [newNote(previous: dates.first)]
        let laidOut = try renderer.render(dot: DiagramDOT.write(graph, options: union), engine: options.engine,
                                          format: .dot, timeout: timeout)
        let parsed = try Graphviz.parse(dot: String(decoding: laidOut, as: UTF8.self))
        var positions: [String: String] = [:]
        for (_, attributes) in parsed.nodes {
            if let id = attributes["id"], let pos = attributes["pos"], !pos.isEmpty {
                positions[id] = pos.hasSuffix("!") ? String(pos.dropLast()) : pos
            }
        }
        var boxes: [String: String] = [:]
        for (name, attributes) in parsed.subgraphs where name.hasPrefix("cluster_") {
            if let bb = attributes["bb"], !bb.isEmpty { boxes[name] = bb }
        }
        var bounds: (Double, Double, Double, Double)?
        if let bb = parsed.attributes["bb"] {
            let v = bb.split(separator: ",").compactMap { Double($0) }
            // A margin for edges routed outside the union's box and for NEW labels.
            // The union's box includes its caption and legend, at the bottom (labelloc=b): without
            // them, or each frame would add its own below the union's.
            let label = (Double(parsed.attributes["lheight"] ?? "") ?? 0) * 72
            if v.count == 4 { bounds = (v[0] - 24, v[1] + label - 24, v[2] + 24, v[3] + 24) }
        }
        return PinnedLayout(positions: positions, clusterBoxes: boxes, bounds: bounds)
    }

    /// The legend line for the NEW marks.
    static func newNote(previous: PartialDate?) -> String {
        "━━━ thick, labelled NEW in bold: a relation that holds at this date but did not at the previous frame's date"
            + (previous.map { " (\($0))" } ?? " (the first frame has no previous date and marks none)") + "."
    }

    /// The frames: one per date, positions pinned, new relations thick and labelled NEW.
    ///
    /// - Complexity: O(dates · relations); each frame is then drawn by Graphviz's `nop2`, which
    ///   routes edges only.
    public static func frames(_ graph: ActorGraph, options: DiagramOptions, dates: [PartialDate],
                              pinned: PinnedLayout, format: OutputFormat) -> [Frame] {
        dates.enumerated().map { k, date in
            var o = snapshot(graph, options: options, at: date)
            o.pinned = pinned
            let previous = k > 0 ? dates[k - 1] : nil
            var new: [Int] = []
            if let previous {
                new = graph.relations.indices.filter { graph.relations[$0].holds(at: date) && !graph.relations[$0].holds(at: previous) }
            }
            o.newRelations = Set(new)
            o.legendNotes += [newNote(previous: previous)]
            return Frame(date: date, fileName: fileName(k, of: dates.count, date: date, format: format), options: o, newRelations: new)
        }
    }

    /// A self-contained page that steps through the frames: buttons and the arrow keys, the
    /// date in the heading; images referenced relatively (no network, no libraries).
    public static func indexHTML(title: String, frames: [Frame], format: OutputFormat) -> String {
        func esc(_ s: String) -> String {
            s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
                .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
        }
        let image = format == .svg || format == .png
        var out = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <title>\(esc(title))</title>
            <style>
            body { font-family: sans-serif; margin: 1em; }
            .frame { display: none; }
            .frame.shown { display: block; }
            .frame img { max-width: 100%; height: auto; }
            nav button { font-size: 1em; margin-right: 0.5em; }
            </style>
            </head>
            <body>
            <h1>\(esc(title))</h1>
            <nav><button id="prev" type="button">◀ previous</button><button id="next" type="button">next ▶</button> <span id="where"></span></nav>
            <ol id="frames">

            """
        for (k, f) in frames.enumerated() {
            let body = image ? "<img src=\"\(esc(f.fileName))\" alt=\"as of \(f.date)\">" : "<a href=\"\(esc(f.fileName))\">\(esc(f.fileName))</a>"
            out += "<li class=\"frame\(k == 0 ? " shown" : "")\" data-date=\"\(f.date)\"><h2>As of \(f.date)</h2>"
                + "<p>" + (k == 0 ? "The first frame." : "\(f.newRelations.count) new relation\(f.newRelations.count == 1 ? "" : "s") since \(frames[k - 1].date).") + "</p>\(body)</li>\n"
        }
        out += """
            </ol>
            <script>
            var frames = document.querySelectorAll(".frame"), at = 0;
            function show(k) {
              at = Math.max(0, Math.min(frames.length - 1, k));
              frames.forEach(function (f, i) { f.classList.toggle("shown", i === at); });
              document.getElementById("where").textContent = (at + 1) + " of " + frames.length + ": as of " + frames[at].dataset.date;
            }
            document.getElementById("prev").onclick = function () { show(at - 1); };
            document.getElementById("next").onclick = function () { show(at + 1); };
            document.addEventListener("keydown", function (e) {
              if (e.key === "ArrowLeft") show(at - 1);
              if (e.key === "ArrowRight") show(at + 1);
            });
            show(0);
            </script>
            </body>
            </html>

            """
        return out
    }
}
