import ActorGraphFormats
import ActorGraphModel
import Foundation
import Testing

/// `render` on graphs too large to draw: the refusal and its message, `--force`, and the reduced
/// views `--top`, `--focus` and `--collapse factions`, read back from Graphviz's JSON output and
/// checked against the graph file: every relation among the drawn actors and no other, the
/// caption's counts, the blockmodel's sums. Nothing here is timed (`make bench-actors` times them).
@Suite struct LargeGraphRenderTests {
    typealias E2E = EndToEndTests

    /// A graph of `actors` actors and `relations` relations: positive ties inside four blocs,
    /// negative ones between them, every actor in a relation.
    static func yaml(actors: Int, relations: Int) -> String {
        var text = "actorgraph: 1\ntitle: Synthetic\nactors:\n"
        text.reserveCapacity(relations * 48)
        for i in 0..<actors { text += "  a\(i): { kind: party }\n" }
        text += "relations:\n"
        var state: UInt64 = 1
        func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(n))
        }
        for k in 0..<relations {
            let a = k < actors ? k : next(actors)
            var b = next(actors)
            if b == a { b = (a + 1) % actors }
            let kind = a % 4 == b % 4 ? "coalition" : "conflict"
            text += "  - { kind: \(kind), between: [a\(a), a\(b)] }\n"
        }
        return text
    }

    /// Graphviz's `-Tjson`: the nodes' names and labels, the edges as (tail name, head name, label).
    struct Drawing {
        var nodes: [String]
        var nodeLabels: [String]
        var edges: [(String, String, String)]
        var caption: String

        init(_ data: Data) throws {
            let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            let objects = (root["objects"] as? [[String: Any]]) ?? []
            nodes = objects.map { $0["name"] as? String ?? "" }
            nodeLabels = objects.map { Self.text($0["label"] as? String ?? "") }
            let edgeObjects = (root["edges"] as? [[String: Any]]) ?? []
            let names = nodes
            edges = edgeObjects.map { e in
                (names[e["tail"] as? Int ?? 0], names[e["head"] as? Int ?? 0], Self.text(e["label"] as? String ?? ""))
            }
            caption = Self.text(root["label"] as? String ?? "")
        }

        /// An HTML-like label as the words it draws: tags dropped, lines joined.
        static func text(_ html: String) -> String {
            html.replacingOccurrences(of: "<[^>]*>", with: " ", options: .regularExpression)
                .split(whereSeparator: \.isWhitespace).joined(separator: " ")
        }
    }

    static func draw(_ arguments: [String], in dir: URL) throws -> Drawing {
        let run = try E2E.run(["render"] + arguments + ["-o", "out.json"], in: dir)
        try #require(run.status == 0, "\(run)")
        return try Drawing(Data(contentsOf: dir.appendingPathComponent("out.json")))
    }

    /// The relations of `graph` with both actors in `actors`, as (source, target) pairs.
    static func relationsAmong(_ graph: ActorGraph, _ actors: Set<String>) -> [String] {
        graph.relations.filter { actors.contains($0.source) && actors.contains($0.target) }.map { "\($0.source)->\($0.target)" }.sorted()
    }

    @Test func aGraphOf20000ActorsIsRefusedWithTheViewsThatDrawIt() throws {
        let dir = try E2E.temporaryDirectory()
        defer { E2E.remove(dir) }
        try E2E.write(Self.yaml(actors: 20_000, relations: 100_000), to: dir.appendingPathComponent("big.yaml"))
        let run = try E2E.run(["render", "big.yaml", "-o", "out.svg"], in: dir)
        #expect(run.status == 1, "\(run.stderr)")
        #expect(run.stderr.contains("big.yaml: 20,000 actors and 100,000 relations are too many to draw legibly (the limit is 100 actors and 200 relations)"), "\(run.stderr)")
        for option in ["--top 50", "--focus ACTOR --depth 1", "--collapse factions", "--force"] {
            #expect(run.stderr.contains(option), "the message names \(option): \(run.stderr)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["big.yaml"], "no output file")

        // The analysed diagram counts what it would draw: the signed relations and their actors,
        // before any analysis runs.
        let analysed = try E2E.run(["render", "big.yaml", "-o", "out.svg", "--cluster", "factions", "--highlight", "fissures"], in: dir)
        #expect(analysed.status == 1, "\(analysed.stderr)")
        #expect(analysed.stderr.contains("big.yaml: 20,000 actors and 100,000 relations with signed relations are too many"), "\(analysed.stderr)")

        // --force passes the check and starts the layout, which --timeout stops at once.
        let forced = try E2E.run(["render", "big.yaml", "-o", "out.svg", "--force", "--timeout", "0.001"], in: dir)
        #expect(forced.status == 1, "\(forced.stderr)")
        #expect(!forced.stderr.contains("too many to draw"), "\(forced.stderr)")
        #expect(forced.stderr.contains("0.001"), "the layout was started and stopped by the time limit: \(forced.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["big.yaml"], "no output file")
    }

    @Test func forceDrawsAGraphBeyondTheLimit() throws {
        let dir = try E2E.temporaryDirectory()
        defer { E2E.remove(dir) }
        try E2E.write(Self.yaml(actors: 120, relations: 150), to: dir.appendingPathComponent("g.yaml"))
        let refused = try E2E.run(["render", "g.yaml", "-o", "out.json"], in: dir)
        #expect(refused.status == 1 && refused.stderr.contains("120 actors and 150 relations are too many"), "\(refused)")
        let drawing = try Self.draw(["g.yaml", "--force", "--engine", "sfdp"], in: dir)
        #expect(drawing.nodes.count == 120)
        #expect(drawing.edges.count == 150)
    }

    @Test func theTopViewDrawsTheMostProminentActorsAndEveryRelationAmongThem() throws {
        let dir = try E2E.temporaryDirectory()
        defer { E2E.remove(dir) }
        let file = E2E.packageRoot.appendingPathComponent("graphs/karachi-2010.yaml").path
        let graph = try E2E.exampleGraph("karachi-2010.yaml")
        let drawing = try Self.draw([file, "--top", "8"], in: dir)
        let kept = Set(drawing.nodes)
        #expect(kept.count == 8)
        #expect(drawing.edges.map { "\($0.0)->\($0.1)" }.sorted() == Self.relationsAmong(graph, kept))
        let leftOutRelations = graph.relations.count - drawing.edges.count
        #expect(drawing.caption.contains("Left out: \(graph.actors.count - 8) actors and \(leftOutRelations) relations."), "\(drawing.caption)")

        // The same eight as 'centrality --measure pagerank' on the positive kinds, undirected.
        let positive = graph.allRelationKinds.filter { $0.sign == .positive }.map(\.id).joined(separator: ",")
        let ranking = try E2E.run(["centrality", file, "--measure", "pagerank", "--relations", positive, "--undirected", "--format", "csv"], in: dir)
        try #require(ranking.status == 0, "\(ranking)")
        let rows = E2E.lines(ranking.stdout).dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let header = E2E.lines(ranking.stdout)[0].split(separator: ",").map(String.init)
        let idColumn = try #require(header.firstIndex(of: "id")), scoreColumn = try #require(header.firstIndex(of: "pagerank"))
        let score = Dictionary(uniqueKeysWithValues: rows.map { ($0[idColumn], Double($0[scoreColumn])!) })
        let lowestKept = try #require(kept.map { score[$0]! }.min())
        let highestLeftOut = try #require(score.filter { !kept.contains($0.key) }.map(\.value).max())
        #expect(lowestKept >= highestLeftOut - 1e-9, "every drawn actor ranks at least as high as every one left out")
    }

    @Test func theFocusViewDrawsTheNeighbourhoodAndEveryRelationAmongIt() throws {
        let dir = try E2E.temporaryDirectory()
        defer { E2E.remove(dir) }
        let file = E2E.packageRoot.appendingPathComponent("graphs/karachi-2010.yaml").path
        let graph = try E2E.exampleGraph("karachi-2010.yaml")
        for (focus, depth) in [(["dakai"], 1), (["dakai", "sabzwari"], 1), (["lyari"], 2), (["ppp"], 0)] {
            // Breadth-first, one frontier per step, either direction.
            var frontier = Set(focus), seen = Set(focus)
            for _ in 0..<depth {
                var next = Set<String>()
                for r in graph.relations {
                    if frontier.contains(r.source), !seen.contains(r.target) { next.insert(r.target) }
                    if frontier.contains(r.target), !seen.contains(r.source) { next.insert(r.source) }
                }
                seen.formUnion(next)
                frontier = next
            }
            let expected = seen
            let drawing = try Self.draw([file, "--focus", focus.joined(separator: ","), "--depth", String(depth)], in: dir)
            #expect(Set(drawing.nodes) == expected, "\(focus) depth \(depth)")
            #expect(drawing.edges.map { "\($0.0)->\($0.1)" }.sorted() == Self.relationsAmong(graph, expected), "\(focus) depth \(depth)")
            let leftOut = graph.relations.count - drawing.edges.count
            #expect(drawing.caption.contains("Left out: \(graph.actors.count - expected.count) actors and \(leftOut) relations."), "\(drawing.caption)")
        }
    }

    @Test func anUnknownFocusActorIsAnErrorWithASuggestion() throws {
        let dir = try E2E.temporaryDirectory()
        defer { E2E.remove(dir) }
        let file = E2E.packageRoot.appendingPathComponent("graphs/karachi-2010.yaml").path
        let run = try E2E.run(["render", file, "-o", "out.svg", "--focus", "ppp,MQM"], in: dir)
        #expect(run.status == 65, "\(run)")
        #expect(run.stderr == "\(file): unknown actor 'MQM' in --focus; did you mean 'mqm-a' (MQM)?\n", "\(run.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
    }

    @Test func theCollapsedViewCarriesTheSummedTiesOfTheBlocs() throws {
        let dir = try E2E.temporaryDirectory()
        defer { E2E.remove(dir) }
        let file = E2E.packageRoot.appendingPathComponent("graphs/karachi-2010.yaml").path
        let graph = try E2E.exampleGraph("karachi-2010.yaml")
        for method in ["factions", "factions:louvain"] {
            let drawing = try Self.draw([file, "--collapse", method], in: dir)
            let split = try E2E.run(["factions", file, "--format", "csv"] + (method == "factions" ? [] : ["--method", "louvain"]), in: dir)
            try #require(split.status == 0, "\(split)")
            var bloc: [String: Int] = [:]
            for line in E2E.lines(split.stdout).dropFirst() {
                let fields = line.split(separator: ",", omittingEmptySubsequences: false)
                if let b = Int(fields.last!) { bloc[String(fields[0])] = b }
            }
            let blocs = Set(bloc.values).count
            #expect(drawing.nodes == (1...blocs).map { "bloc-\($0)" })
            var positive: [String: Int] = [:], negative: [String: Int] = [:]
            for r in graph.relations where graph.sign(of: r) != .unsigned {
                let a = bloc[r.source]!, b = bloc[r.target]!
                let key = a == b ? "inside-\(a)" : "bloc-\(min(a, b))->bloc-\(max(a, b))"
                if graph.sign(of: r) == .positive { positive[key, default: 0] += 1 } else { negative[key, default: 0] += 1 }
            }
            var drawn: [String: Int] = [:]
            for (tail, head, label) in drawing.edges {
                let number = try #require(Int(label.filter(\.isNumber)), "\(label)")
                drawn["\(label.hasPrefix("+") ? "+" : "-")\(tail)->\(head)"] = number
            }
            var expected: [String: Int] = [:]
            for (key, n) in positive where !key.hasPrefix("inside") { expected["+" + key] = n }
            for (key, n) in negative where !key.hasPrefix("inside") { expected["-" + key] = n }
            #expect(drawn == expected, "\(method)")
            for b in 1...blocs {
                let label = drawing.nodeLabels[b - 1]
                #expect(label.hasSuffix("inside: +\(positive["inside-\(b)"] ?? 0) −\(negative["inside-\(b)"] ?? 0)"), "\(method) bloc \(b): \(label)")
                #expect(label.hasPrefix("Bloc \(b) \(bloc.values.filter { $0 == b }.count) actor"), "\(label)")
            }
        }
    }

    @Test(arguments: [
        (["--depth", "2"], "--depth goes with --focus"),
        (["--top", "0"], "--top must be at least 1"),
        (["--focus", "ppp", "--depth=-1"], "--depth must not be negative"),
        (["--collapse", "factions", "--cluster", "kind"], "--collapse draws one node per bloc"),
        (["--collapse", "factions", "--top", "5"], "does not combine with --top or --focus"),
        (["--collapse", "blocs"], "factions:METHOD"),
    ])
    func misusedViewOptionsAreUsageErrors(arguments: [String], message: String) throws {
        let dir = try E2E.temporaryDirectory()
        defer { E2E.remove(dir) }
        let file = E2E.packageRoot.appendingPathComponent("graphs/karachi-2010.yaml").path
        let run = try E2E.run(["render", file, "-o", "out.svg"] + arguments, in: dir)
        #expect(run.status == 2, "\(run)")
        #expect(run.stderr.contains(message), "\(run.stderr)")
    }

    @Test func theHelpExplainsTheViews() throws {
        let dir = try E2E.temporaryDirectory()
        defer { E2E.remove(dir) }
        let run = try E2E.run(["render", "--help"], in: dir)
        let help = run.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        for text in ["--top <n>", "--focus <ids>", "--depth <k>", "--collapse <factions>", "--force", "PageRank", "either direction", "100 actors or 200 relations"] {
            #expect(help.contains(text), "render --help mentions \(text)")
        }
    }
}
