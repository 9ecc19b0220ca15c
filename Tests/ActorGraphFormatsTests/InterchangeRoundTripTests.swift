import ActorGraphFormats
import ActorGraphModel
import Foundation
import Testing

/// Native → each interchange format → native, against the round-trip table of the Interchange
/// article (`Sources/ActorGraphKit/ActorGraphKit.docc/Interchange.md`).
@Suite struct InterchangeRoundTripTests {
    static let formats: [GraphFormat] = [.csv, .dot, .graphml, .gexf, .nodeLink, .pajek]

    static let everyFieldPath = packageRoot
        .appendingPathComponent("Tests/ActorGraphFormatsTests/Fixtures/interchange/every-field.yaml").path

    /// Writes `graph` in `format` into a fresh folder, reads it back with the same entry point
    /// the commands use, and returns what came back.
    static func roundTrip(_ graph: ActorGraph, _ format: GraphFormat) throws -> LoadedGraph {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ag-rt-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let ext: String
        switch format {
        case .nodeLink: ext = "node-link.json"
        case .pajek: ext = "net"
        default: ext = format.rawValue
        }
        let path = dir.appendingPathComponent("graph.\(ext)").path
        let files = Interchange.write(graph, as: format, to: path)
        #expect(files.count == (format == .csv ? 2 : 1))
        for f in files { try Data(f.text.utf8).write(to: URL(fileURLWithPath: f.path)) }
        #expect(GraphFormat(path: path) == format)
        return Interchange.read(contentsOf: path)
    }

    static func load(_ path: String) throws -> ActorGraph {
        let loaded = Interchange.read(contentsOf: path)
        try #require(!loaded.hasErrors, "\(loaded.diagnostics)")
        return loaded.graph
    }

    /// The graph that uses every field loses exactly the documented set: nothing the format
    /// can carry goes missing, and the table does not claim a loss that does not happen.
    @Test(arguments: formats)
    func everyFieldGraphLosesExactlyTheDocumentedFields(_ format: GraphFormat) throws {
        let original = try Self.load(Self.everyFieldPath)
        let back = try Self.roundTrip(original, format)
        #expect(!back.hasErrors, "\(back.diagnostics)")
        let lost = Interchange.losses(from: original, to: back.graph)
        #expect(Set(lost.keys) == Interchange.documentedLosses(format),
                "\(format): lost \(Interchange.describe(lost)); documented \(Interchange.documentedLosses(format).sorted().map(\.rawValue))")
        #expect(lost[.actorsOrRelations] == nil)
    }

    /// Every example graph (Karachi included) loses nothing beyond the table, never an actor or
    /// a relation, and a second round trip loses nothing more (the format's reading is stable).
    @Test(arguments: try exampleGraphPaths().flatMap { path in formats.map { (path, $0) } })
    func exampleGraphsLoseNoMoreThanTheTableSays(_ path: String, _ format: GraphFormat) throws {
        let original = try Self.load(path)
        let back = try Self.roundTrip(original, format)
        #expect(!back.hasErrors, "\(back.diagnostics)")
        #expect(back.graph.actors.count == original.actors.count)
        #expect(back.graph.relations.count == original.relations.count)
        let lost = Interchange.losses(from: original, to: back.graph)
        let undocumented = Set(lost.keys).subtracting(Interchange.documentedLosses(format))
        #expect(undocumented.isEmpty, "\((path as NSString).lastPathComponent) → \(format): \(Interchange.describe(lost))")
        let again = try Self.roundTrip(back.graph, format)
        #expect(Interchange.losses(from: back.graph, to: again.graph).isEmpty)
    }

    /// What the Karachi graph loses, measure by measure: the numbers `actorgraph convert` prints.
    @Test func karachiLossesAreTheOnesTheReadmeShows() throws {
        let original = try Self.load(packageRoot.appendingPathComponent("graphs/karachi-2010.yaml").path)
        var seen: [GraphFormat: [GraphLoss: Int]] = [:]
        for format in Self.formats { seen[format] = Interchange.losses(from: original, to: try Self.roundTrip(original, format).graph) }
        #expect(seen[.graphml] == [:])
        #expect(seen[.nodeLink] == [:])
        #expect(seen[.dot] == [:]) // Karachi has no text attribute that reads as a number
        #expect(seen[.gexf] == [.sourceDetails: 1, .kindDeclarations: 10])
        #expect(seen[.csv] == [.title: 1, .description: 1, .sourceDetails: 1, .kindDeclarations: 10])
        // Pajek: 13 relations of unsigned kinds come back positive; every relation has a confidence.
        #expect(seen[.pajek]?[.signs] == 13)
        #expect(seen[.pajek]?[.confidence] == 54)
        #expect(seen[.pajek]?[.actorNames] == 28)
        #expect(seen[.pajek]?[.title] == nil)
        #expect(seen[.pajek]?[.directions] == nil)
        #expect(seen[.pajek]?[.weights] == nil)
        #expect(seen[.pajek]?[.relationKinds] == nil)
    }

    /// The Interchange article's round-trip table (between its markers) lists, for each format,
    /// exactly ``Interchange/documentedLosses(_:)``.
    @Test func articleTableMatchesTheDocumentedLosses() throws {
        let article = packageRoot.appendingPathComponent("Sources/ActorGraphKit/ActorGraphKit.docc/Interchange.md")
        let readme = try String(contentsOf: article, encoding: .utf8)
        let begin = try #require(readme.range(of: "<!-- round-trip table: begin -->"))
        let end = try #require(readme.range(of: "<!-- round-trip table: end -->"))
        let rows = readme[begin.upperBound..<end.lowerBound].split(separator: "\n")
            .filter { $0.hasPrefix("| ") && !$0.hasPrefix("| format") }
        var found: [String: Set<String>] = [:]
        for row in rows {
            let cells = row.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            // | format | extensions | loses |
            try #require(cells.count >= 4, "row: \(row)")
            let loses = cells[cells.count - 2]
            // The names are in backticks (one, `dates (since, until)`, holds a comma).
            let names = loses == "nothing" ? [] : loses.split(separator: "`", omittingEmptySubsequences: false).enumerated().filter { $0.offset % 2 == 1 }.map { String($0.element) }
            #expect(loses == "nothing" || loses == names.map { "`\($0)`" }.joined(separator: ", "), "row: \(row)")
            found[cells[1]] = Set(names)
        }
        for format in Self.formats {
            let want = Set(Interchange.documentedLosses(format).map(\.rawValue))
            #expect(found[format.displayName] == want, "Interchange.md row for \(format.displayName)")
        }
        #expect(found.count == Self.formats.count)
    }
}
