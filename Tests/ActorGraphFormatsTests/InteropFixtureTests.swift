import Foundation
import Testing
import ActorGraphFormats
import ActorGraphModel

/// Reads every file networkx and python-igraph wrote into Fixtures/interop/ (see
/// Tools/fixtures/make_interop_fixtures.py) with the public reader, and compares what it finds
/// with Fixtures/interop/expected.json, which the script derives from the in-memory graphs.
@Suite struct InteropFixtureTests {
    // MARK: expected.json

    /// A JSON scalar from expected.json: attribute values, weights.
    enum JSONScalar: Decodable, Equatable, CustomStringConvertible {
        case bool(Bool)
        case number(Double)
        case string(String)

        init(from decoder: Decoder) throws {
            let c = try decoder.singleValueContainer()
            // Bool first: JSONDecoder only decodes Bool from true/false.
            if let b = try? c.decode(Bool.self) {
                self = .bool(b)
            } else if let x = try? c.decode(Double.self) {
                self = .number(x)
            } else {
                self = .string(try c.decode(String.self))
            }
        }

        var description: String {
            switch self {
            case .bool(let b): return "bool(\(b))"
            case .number(let x): return "number(\(x))"
            case .string(let s): return "string(\(s.debugDescription))"
            }
        }
    }

    struct SampleActor: Decodable {
        var id: String
        var name: String
        var attributes: [String: JSONScalar]
    }

    struct SampleEdge: Decodable {
        var source: String
        var target: String
        var kind: String
        var sign: String
        var weight: Double
        var attributes: [String: JSONScalar]
    }

    struct FileExpectation: Decodable {
        var format: String
        var nodes: Int
        var edges: Int
        var directed: Bool
        var multigraph: Bool
        var positive: Int
        var negative: Int
        var positiveWeight: Double
        var negativeWeight: Double
        var actorIds: [String]
        var sampleActors: [SampleActor]
        var sampleEdges: [SampleEdge]
        var nodesFile: String?
        var quirks: [String]
    }

    struct Manifest: Decodable {
        var files: [String: FileExpectation]
        var rules: [String]
    }

    static let fixtureDir = packageRoot.appendingPathComponent("Tests/ActorGraphFormatsTests/Fixtures/interop")

    static func manifest() throws -> Manifest {
        let data = try Data(contentsOf: fixtureDir.appendingPathComponent("expected.json"))
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(Manifest.self, from: data)
    }

    /// The fixture names expected.json lists, sorted.
    static func fileNames() throws -> [String] {
        try manifest().files.keys.sorted()
    }

    // MARK: comparisons

    /// Whether a value the reader produced equals one expected.json gives: numbers numerically,
    /// bools as bools, strings as strings (no cross-type matches).
    static func matches(_ got: AttributeValue, _ want: JSONScalar) -> Bool {
        switch (got, want) {
        case (.string(let a), .string(let b)): return a == b
        case (.number(let a), .number(let b)): return a == b
        case (.bool(let a), .bool(let b)): return a == b
        default: return false
        }
    }

    static func describe(_ value: AttributeValue?) -> String {
        switch value {
        case nil: return "missing"
        case .string(let s): return "string(\(s.debugDescription))"
        case .number(let x): return "number(\(x))"
        case .bool(let b): return "bool(\(b))"
        }
    }

    /// The differences between a read attribute dictionary and the expected one, as text
    /// (empty when they agree: same keys, matching values).
    static func attributeDifferences(got: [String: AttributeValue], want: [String: JSONScalar]) -> [String] {
        var out: [String] = []
        for key in Set(got.keys).union(want.keys).sorted() {
            switch (got[key], want[key]) {
            case (let g?, let w?):
                if !matches(g, w) { out.append("\(key): expected \(w), got \(describe(g))") }
            case (nil, let w?):
                out.append("\(key): expected \(w), got missing")
            case (let g?, nil):
                out.append("\(key): not expected, got \(describe(g))")
            case (nil, nil):
                break
            }
        }
        return out
    }

    /// The differences between a relation and a sample edge, ignoring its ends and kind.
    static func edgeDifferences(_ r: Relation, in g: ActorGraph, _ e: SampleEdge) -> [String] {
        var out: [String] = []
        let sign = g.sign(of: r).rawValue
        if sign != e.sign { out.append("sign: expected \(e.sign), got \(sign)") }
        if r.weight != e.weight { out.append("weight: expected \(e.weight), got \(r.weight)") }
        out += attributeDifferences(got: withNativeFields(r, wanted: e.attributes), want: e.attributes).map { "attribute \($0)" }
        return out
    }

    /// The reader puts data named like a native field into that field (ActorGraph's mapping,
    /// the same in every format): to compare with a tool's view, where they are plain data,
    /// those fields are put back among the attributes, as text (the tools write them as text).
    static func withNativeFields(_ a: Actor, wanted: [String: JSONScalar]) -> [String: AttributeValue] {
        var out = a.attributes
        if wanted["kind"] != nil { out["kind"] = .string(a.kind) }
        if let role = a.role { out["role"] = .string(role) }
        if let note = a.note { out["note"] = .string(note) }
        return out
    }

    static func withNativeFields(_ r: Relation, wanted: [String: JSONScalar]) -> [String: AttributeValue] {
        var out = r.attributes
        if let since = r.since { out["since"] = .string(since.description) }
        if let until = r.until { out["until"] = .string(until.description) }
        if let note = r.note { out["note"] = .string(note) }
        if let id = r.id, wanted["id"] != nil { out["id"] = .string(id) }
        if !r.evidence.claimedBy.isEmpty { out["claimed-by"] = .string(r.evidence.claimedBy.joined(separator: "|")) }
        if !r.evidence.citations.isEmpty { out["cite"] = .string(r.evidence.citations.map(\.description).joined(separator: "|")) }
        if let c = r.evidence.confidence { out["confidence"] = .string(c.description) }
        return out
    }

    // MARK: tests

    /// The fixture folder holds exactly the files expected.json describes (plus the CSV nodes
    /// files and expected.json itself), and the manifest states its mapping rules.
    @Test func manifestCoversFixtureFolder() throws {
        let m = try Self.manifest()
        let onDisk = Set(try FileManager.default.contentsOfDirectory(atPath: Self.fixtureDir.path))
        let described = Set(m.files.keys).union(m.files.values.compactMap(\.nodesFile)).union(["expected.json"])
        #expect(onDisk == described,
                "on disk only: \(onDisk.subtracting(described).sorted()); in expected.json only: \(described.subtracting(onDisk).sorted())")
        #expect(m.files.count == 22)
        #expect(m.rules.contains("undirected files: a sample edge's source and target may be read in either order"))
        #expect(m.files.values.filter { $0.format == "csv" }.allSatisfy { $0.nodesFile != nil })
    }

    /// One fixture: read with the public reader, compared field by field with expected.json.
    @Test(arguments: try fileNames())
    func fixtureMatchesExpectations(_ name: String) throws {
        let expected = try #require(try Self.manifest().files[name])
        let path = Self.fixtureDir.appendingPathComponent(name).path

        // The extension names the format expected.json states (node-link .json files are sniffed;
        // ncol files are whitespace edge lists read as CSV).
        let byExtension = GraphFormat(path: path)
        switch expected.format {
        case "node-link": #expect(byExtension == .json || byExtension == .nodeLink, "\(name): \(String(describing: byExtension))")
        case "ncol": #expect(byExtension == .csv && GraphFormat.isWhitespaceEdgeList(path), "\(name): \(String(describing: byExtension))")
        default: #expect(byExtension?.rawValue == expected.format, "\(name): \(String(describing: byExtension))")
        }

        let nodesFile = expected.nodesFile.map { Self.fixtureDir.appendingPathComponent($0).path }
        let loaded = Interchange.read(contentsOf: path, nodesFile: nodesFile)
        #expect(!loaded.hasErrors, "\(name): errors: \(loaded.diagnostics.filter { $0.severity == .error })")
        let g = loaded.graph

        // Counts and actor ids, in file order.
        #expect(g.actors.count == expected.nodes, "\(name): actor count")
        #expect(g.relations.count == expected.edges, "\(name): relation count")
        #expect(g.actors.map(\.id) == expected.actorIds, "\(name): actor ids in order")

        // Sample actors: name and attributes.
        let actorsById = Dictionary(g.actors.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        for want in expected.sampleActors {
            guard let got = actorsById[want.id] else {
                Issue.record("\(name): actor \(want.id) missing")
                continue
            }
            #expect(got.name == want.name, "\(name): actor \(want.id) name")
            let diffs = Self.attributeDifferences(got: Self.withNativeFields(got, wanted: want.attributes), want: want.attributes)
            #expect(diffs.isEmpty, "\(name): actor \(want.id) attributes: \(diffs)")
        }

        // Sample edges: a relation with those ends (either order when undirected) and that kind,
        // with the expected sign, weight and attributes.
        for want in expected.sampleEdges {
            let label = "\(name): edge \(want.source) -> \(want.target) (\(want.kind))"
            let candidates = g.relations.filter { r in
                guard r.kind == want.kind else { return false }
                if r.source == want.source && r.target == want.target { return true }
                return !expected.directed && r.source == want.target && r.target == want.source
            }
            guard !candidates.isEmpty else {
                let sameEnds = g.relations.filter {
                    ($0.source == want.source && $0.target == want.target)
                        || (!expected.directed && $0.source == want.target && $0.target == want.source)
                }
                Issue.record("\(label): no such relation; relations with those ends have kinds \(sameEnds.map(\.kind))")
                continue
            }
            // Parallel relations may share ends and kind: one of them must match entirely.
            let differences = candidates.map { Self.edgeDifferences($0, in: g, want) }
            #expect(differences.contains { $0.isEmpty }, "\(label): \(differences.first ?? [])")
        }

        // Signs: counts and sums of |weight| (relation weights are |weight| by the rules).
        let positive = g.relations.filter { g.sign(of: $0) == .positive }
        let negative = g.relations.filter { g.sign(of: $0) == .negative }
        #expect(positive.count == expected.positive, "\(name): positive relations")
        #expect(negative.count == expected.negative, "\(name): negative relations")
        let positiveWeight = positive.reduce(0) { $0 + $1.weight }
        let negativeWeight = negative.reduce(0) { $0 + $1.weight }
        #expect(abs(positiveWeight - expected.positiveWeight) < 1e-9,
                "\(name): positive weight sum expected \(expected.positiveWeight), got \(positiveWeight)")
        #expect(abs(negativeWeight - expected.negativeWeight) < 1e-9,
                "\(name): negative weight sum expected \(expected.negativeWeight), got \(negativeWeight)")
        #expect(g.relations.allSatisfy { $0.weight >= 0 }, "\(name): weights are |weight|")

        // Directedness of every relation: the file's, except that a built-in kind keeps its own
        // (an `alliance` is undirected even in a directed file; ImportBuilder's rule).
        let builtIn = Dictionary(uniqueKeysWithValues: RelationKind.builtIns.map { ($0.id, $0.directed) })
        let wrongDirection = g.relations.filter { $0.directed != (builtIn[$0.kind] ?? expected.directed) }
        #expect(wrongDirection.isEmpty,
                "\(name): \(wrongDirection.count) relations with directed != \(expected.directed)")

        // Multigraphs: parallel relations (same ordered ends) are kept as separate relations.
        if expected.multigraph {
            let pairs = g.relations.map { "\($0.source)\u{0}\($0.target)" }
            #expect(Set(pairs).count < pairs.count, "\(name): parallel relations kept")
        }
    }
}
