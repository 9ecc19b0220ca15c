import ActorGraphFormats
import ActorGraphModel
import Foundation
import Testing

/// `actorgraph schema` against an independent validator: python's jsonschema (draft 2020-12),
/// installed by `make test` (Tools/interop/python-with-jsonschema.sh, passed as
/// ACTORGRAPH_SCHEMA_PYTHON). Every example graph validates; misspelt keys do not.
@Suite(.serialized) struct GraphSchemaTests {
    static let python: String = ProcessInfo.processInfo.environment["ACTORGRAPH_SCHEMA_PYTHON"] ?? "python3"

    /// jsonschema's verdict on each file: the errors, by file.
    static func validate(_ files: [String]) throws -> [String: [String]] {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("schema-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let schema = dir.appendingPathComponent("actorgraph.schema.json")
        try GraphSchema.text.write(to: schema, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [python, packageRoot.appendingPathComponent("Tools/schema/validate.py").path, schema.path] + files
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(python) validate.py: \(message) (make test installs jsonschema)")
        return try JSONDecoder().decode([String: [String]].self, from: data)
    }

    static func temporary(_ name: String, _ text: String) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("schema-case-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func everyExampleGraphValidates() throws {
        let files = try exampleGraphPaths() + [packageRoot.appendingPathComponent("Tests/ActorGraphFormatsTests/Fixtures/interchange/every-field.yaml").path]
        let verdict = try Self.validate(files)
        #expect(verdict.count == files.count)
        for (file, errors) in verdict { #expect(errors.isEmpty, "\(file): \(errors)") }
    }

    /// The JSON syntax of the format validates too (`actorgraph format --to json`).
    @Test func theJSONSyntaxValidates() throws {
        let graph = GraphFile.read(contentsOf: try exampleGraphPaths()[0]).graph
        let path = try Self.temporary("graph.json", GraphWriter.write(graph, as: .json))
        #expect(try Self.validate([path])[path] == [])
    }

    static let valid = """
        actorgraph: 1
        title: Test
        sources:
          cable: { title: "A cable", date: 2010-01 }
        kinds:
          relations:
            refuge: { sign: positive, directed: true, line: dashed }
        actors:
          a: { name: Alpha, kind: party, club: 3 }
          b: { name: Beta, kind: person }
        relations:
          - { kind: coalition, between: [a, b], since: 2010, until: 2010-01-07, confidence: high, cite: cable ¶1, claimed-by: a }
          - { kind: refuge, from: a, to: b, weight: 2, sign: "+", confidence: 0.4, accuser: someone }
        """

    /// Each case: a misspelt or unknown key, or a wrong value, that the decoder reports (error or
    /// typo warning), and the schema must reject.
    static let misspelt: [(String, String)] = [
        ("title: Test", "titel: Test"),
        ("kinds:", "kindz:"),
        ("refuge: { sign: positive, directed: true, line: dashed }", "refuge: { sign: positive, directed: true, lines: dashed }"),
        ("cable: { title: \"A cable\", date: 2010-01 }", "cable: { title: \"A cable\", dat: 2010-01 }"),
        ("a: { name: Alpha, kind: party, club: 3 }", "a: { name: Alpha, knd: party, club: 3 }"),
        ("a: { name: Alpha, kind: party, club: 3 }", "a: { name: Alpha, kind: party, Name: x }"),
        ("claimed-by: a }", "claimed_by: a }"),
        ("claimed-by: a }", "claimedBy: a }"),
        ("cite: cable ¶1", "cites: cable ¶1"),
        ("confidence: high", "confidance: high"),
        ("confidence: high", "confidence: certain"),
        ("since: 2010,", "since: 2010-1,"),
        ("between: [a, b]", "between: [a]"),
        ("between: [a, b]", "from: a, between: [a, b]"),
        ("weight: 2", "weight: 0"),
        ("actorgraph: 1", "actorgraph: 2"),
    ]

    @Test func misspeltKeysAndWrongValuesAreRejected() throws {
        let good = try Self.temporary("good.yaml", Self.valid)
        #expect(GraphFile.read(contentsOf: good).diagnostics.isEmpty, "\(GraphFile.read(contentsOf: good).diagnostics)")
        var files = [good]
        for (i, (from, to)) in Self.misspelt.enumerated() {
            #expect(Self.valid.contains(from), "\(from)")
            let text = Self.valid.replacingOccurrences(of: from, with: to)
            let path = try Self.temporary("bad\(i).yaml", text)
            // The decoder objects too: an error, or a warning that the key looks like a field.
            #expect(!GraphFile.read(contentsOf: path).diagnostics.isEmpty, "the decoder accepts \(to)")
            files.append(path)
        }
        let verdict = try Self.validate(files)
        #expect(verdict[good] == [], "\(verdict[good] ?? [])")
        for (i, (_, to)) in Self.misspelt.enumerated() {
            #expect(!(verdict[files[i + 1]] ?? []).isEmpty, "the schema accepts \(to)")
        }
    }

    /// Free attributes stay free: a key that is no field and no likely typo of one is accepted.
    @Test func freeAttributesAreAccepted() throws {
        let path = try Self.temporary("free.yaml", Self.valid.replacingOccurrences(of: "club: 3", with: "club: 3, founded: 1967, leader: someone, armed: true"))
        #expect(try Self.validate([path])[path] == [])
    }

    @Test func theSchemaIsStable() {
        #expect(GraphSchema.text == GraphSchema.text)
        #expect(GraphSchema.text.contains("\"$schema\" : \"https://json-schema.org/draft/2020-12/schema\""))
    }
}
