import ActorGraphModel
import Foundation
import Testing
@testable import ActorGraphFormats

/// Our GraphML, GEXF and node-link files, read by the real networkx
/// (`Tools/interop/networkx_summary.py`): the same nodes, edges, direction, and every field and
/// attribute, as each writer's documentation says it encodes them. `make test` provides networkx
/// (`Tools/interop/python-with-networkx.sh`, passed as ACTORGRAPH_PYTHON).
@Suite(.serialized) struct NetworkxReadsOursTests {
    static let formats: [GraphFormat] = [.graphml, .gexf, .nodeLink]

    static func graphs() throws -> [String] {
        try exampleGraphPaths() + [packageRoot.appendingPathComponent("Tests/ActorGraphFormatsTests/Fixtures/interchange/every-field.yaml").path]
    }

    /// A JSON value as networkx's summary prints it, numbers as Double (networkx gives 146 or
    /// 146.0 depending on the format's typing; the value is what matters).
    indirect enum Value: Decodable, Hashable, CustomStringConvertible {
        case string(String), number(Double), bool(Bool), array([Value]), object([String: Value]), null

        init(from decoder: Decoder) throws {
            let c = try decoder.singleValueContainer()
            if c.decodeNil() { self = .null } else if let b = try? c.decode(Bool.self) { self = .bool(b) }
            else if let x = try? c.decode(Double.self) { self = .number(x) }
            else if let s = try? c.decode(String.self) { self = .string(s) }
            else if let a = try? c.decode([Value].self) { self = .array(a) }
            else { self = .object(try c.decode([String: Value].self)) }
        }

        var description: String {
            switch self {
            case .string(let s): return s.debugDescription
            case .number(let x): return "\(x)"
            case .bool(let b): return "\(b)"
            case .array(let a): return "[" + a.map(\.description).joined(separator: ", ") + "]"
            case .object(let o): return "{" + o.keys.sorted().map { "\($0.debugDescription): \(o[$0]!)" }.joined(separator: ", ") + "}"
            case .null: return "null"
            }
        }
    }

    struct Summary: Decodable {
        var directed: Bool
        var multigraph: Bool
        var nodes: Int
        var edges: Int
        var graph: [String: Value]
        var node_attributes: [String: [String: Value]]
        var edge_attributes: [[Value]]
    }

    static let python: String = ProcessInfo.processInfo.environment["ACTORGRAPH_PYTHON"] ?? "python3"

    /// Runs the summary script on `path` with the test Python.
    static func summarize(_ path: String) throws -> Summary {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [python, packageRoot.appendingPathComponent("Tools/interop/networkx_summary.py").path, path]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let errors = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, """
            networkx could not read \(path) (\(python), status \(process.terminationStatus)): \(errors)
            If networkx is missing: run make test (it installs networkx), or pip install networkx.
            """)
        return try JSONDecoder().decode(Summary.self, from: data)
    }

    // MARK: What each writer promises

    static func value(_ v: AttributeValue) -> Value {
        switch v {
        case .string(let s): return .string(s)
        case .number(let x): return .number(x)
        case .bool(let b): return .bool(b)
        }
    }

    static func list(_ items: [String], _ format: GraphFormat) -> Value {
        format == .nodeLink ? .array(items.map { .string($0) }) : .string(items.joined(separator: "|"))
    }

    static func expectedNode(_ a: Actor, _ format: GraphFormat) -> [String: Value] {
        var out = a.attributes.mapValues(value)
        out[format == .gexf ? "label" : "name"] = .string(a.name)
        out["kind"] = .string(a.kind)
        if !a.aliases.isEmpty { out["aliases"] = list(a.aliases, format) }
        if let role = a.role { out["role"] = .string(role) }
        if let note = a.note { out["note"] = .string(note) }
        return out
    }

    static func expectedEdge(_ r: Relation, elementID: String, in g: ActorGraph, mixed: Bool, multigraph: Bool,
                             _ format: GraphFormat) -> [String: Value] {
        var out = r.attributes.mapValues(value)
        out["kind"] = .string(r.kind)
        out["weight"] = .number(r.weight)
        switch format {
        case .gexf:
            out["sign"] = .string(g.sign(of: r).rawValue) // always: the effective sign
            out["label"] = .string(r.kind)
            out["id"] = .string(elementID)
            if mixed { out["directed"] = .bool(r.directed) }
            if let s = r.since { out["start"] = .string(s.firstDay.description) }
            if let u = r.until { out["end"] = .string(u.lastDay.description) }
        case .graphml:
            if let s = r.signOverride { out["sign"] = .string(s.rawValue) }
            // networkx keeps the edge element's id as data, except in a multigraph (the key).
            if !multigraph { out["id"] = .string(elementID) }
        default:
            if let s = r.signOverride { out["sign"] = .string(s.rawValue) }
            if let id = r.id { out["id"] = .string(id) }
        }
        if let s = r.since { out["since"] = .string(s.description) }
        if let u = r.until { out["until"] = .string(u.description) }
        if !r.evidence.citations.isEmpty { out["cite"] = list(r.evidence.citations.map(\.description), format) }
        if !r.evidence.quotes.isEmpty { out["quote"] = list(r.evidence.quotes, format) }
        if !r.evidence.claimedBy.isEmpty { out["claimed-by"] = list(r.evidence.claimedBy, format) }
        if !r.evidence.disputedBy.isEmpty { out["disputed-by"] = list(r.evidence.disputedBy, format) }
        if let c = r.evidence.confidence { out["confidence"] = .string(c.description) }
        if let note = r.note { out["note"] = .string(note) }
        return out
    }

    /// An edge as comparable text: its ends (in order for a directed graph, sorted otherwise)
    /// and its attributes.
    static func edgeKey(_ u: String, _ v: String, _ attributes: [String: Value], directed: Bool) -> String {
        let (a, b) = directed || u <= v ? (u, v) : (v, u)
        return "\(a) -> \(b) \(Value.object(attributes))"
    }

    @Test(arguments: try graphs().flatMap { path in formats.map { (path, $0) } })
    func networkxReadsWhatWeWrote(_ path: String, _ format: GraphFormat) throws {
        let loaded = Interchange.read(contentsOf: path)
        try #require(!loaded.hasErrors)
        let g = loaded.graph
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ag-nx-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent(format == .nodeLink ? "g.node-link.json" : "g.\(format.rawValue)").path
        try Data(Interchange.write(g, as: format).utf8).write(to: URL(fileURLWithPath: file))
        let name = "\((path as NSString).lastPathComponent) as \(format.displayName)"

        let s = try Self.summarize(file)
        let anyDirected = g.relations.contains(where: \.directed)
        #expect(s.nodes == g.actors.count, "\(name): nodes")
        #expect(s.edges == g.relations.count, "\(name): edges")
        #expect(s.directed == anyDirected, "\(name): directed")
        #expect(Set(s.node_attributes.keys) == Set(g.actors.map(\.id)), "\(name): node ids")

        // Graph data: the title and description where the format has a place for them.
        if format != .gexf {
            #expect(s.graph["title"] == g.title.map { .string($0) }, "\(name): title")
            #expect(s.graph["description"] == g.description.map { .string($0) }, "\(name): description")
        }

        for a in g.actors {
            let got = s.node_attributes[a.id] ?? [:]
            #expect(got == Self.expectedNode(a, format), "\(name): node \(a.id): networkx \(Value.object(got)), ours \(Value.object(Self.expectedNode(a, format)))")
        }

        let mixed = anyDirected && g.relations.contains { !$0.directed }
        let ids = FieldMapping.elementIDs(g.relations)
        let expected = g.relations.enumerated().map { j, r in
            Self.edgeKey(r.source, r.target, Self.expectedEdge(r, elementID: ids[j], in: g, mixed: mixed, multigraph: s.multigraph, format), directed: s.directed)
        }.sorted()
        let got = try s.edge_attributes.map { e -> String in
            try #require(e.count == 3)
            guard case .string(let u) = e[0], case .string(let v) = e[1], case .object(let attributes) = e[2] else {
                Issue.record("\(name): unexpected edge entry \(e)")
                return ""
            }
            return Self.edgeKey(u, v, attributes, directed: s.directed)
        }.sorted()
        #expect(got.count == expected.count)
        for (x, y) in zip(got, expected) where x != y {
            Issue.record("\(name): networkx read\n  \(x)\nwe wrote\n  \(y)")
            break
        }
    }
}
