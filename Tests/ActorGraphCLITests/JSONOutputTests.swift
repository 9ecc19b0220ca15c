import ActorGraphAnalysis
import ActorGraphFormats
import ActorGraphModel
import Foundation
import Testing

/// Every command's `--format json` on every example graph: it parses, and every reference to an
/// actor carries both its id and its name (issue 15, item 7).
@Suite struct JSONOutputTests {
    typealias E2E = EndToEndTests

    static let graphs = ["karachi-2010.yaml", "florentine-families.yaml", "karate-club.yaml"]

    /// The command lines with JSON output, for a graph whose first positive relation kind is `positive`.
    static func commands(_ file: String, positive: String) -> [[String]] {
        [
            ["summary", file],
            ["centrality", file, "--measure", "degree,positive-degree,net-degree,pn"],
            ["factions", file],
            ["factions", file, "--method", "louvain"],
            ["balance", file],
            ["fissures", file, "--kinds", positive],
            ["brokers", file],
            ["patronage", file, "--kinds", positive],
            ["diff", file, "--from", "2009-12-31", "--to", "2010-01-11"],
            ["claims", file],
            ["robustness", file, "--kinds", positive],
        ].map { $0 + ["--format", "json"] }
    }

    /// Walks `value`, and records every place that names an actor without both its id and its
    /// name: a string equal to an actor id anywhere but the `id` of an object whose `name` is the
    /// actor's, and an object key equal to an actor id.
    static func violations(_ value: Any, names: [String: String], path: String = "$") -> [String] {
        var found: [String] = []
        if let object = value as? [String: Any] {
            let id = object["id"] as? String
            if let id, let name = names[id] {
                if object["name"] as? String != name { found.append("\(path): actor '\(id)' without its name") }
            }
            for (key, child) in object {
                if names[key] != nil { found.append("\(path): actor '\(key)' as a key") }
                if key == "id" && id != nil { continue }
                found += violations(child, names: names, path: "\(path).\(key)")
            }
        } else if let array = value as? [Any] {
            for (i, child) in array.enumerated() { found += violations(child, names: names, path: "\(path)[\(i)]") }
        } else if let string = value as? String, names[string] != nil {
            found.append("\(path): actor '\(string)' as a bare string")
        }
        return found
    }

    @Test(arguments: graphs) func everyActorReferenceHasIdAndName(_ name: String) throws {
        let dir = try E2E.temporaryDirectory()
        defer { E2E.remove(dir) }
        let file = E2E.packageRoot.appendingPathComponent("graphs/\(name)").path
        let graph = GraphFile.read(contentsOf: file).graph
        let names = Dictionary(graph.actors.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        let positive = try #require(graph.relations.first { graph.sign(of: $0) == .positive }?.kind)
        var checked = 0, named = 0
        for command in Self.commands(file, positive: positive) {
            let run = try E2E.run(command, in: dir)
            #expect(run.status == 0, "\(command): \(run.stderr)")
            guard run.status == 0 else { continue }
            let object = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8))
            let bad = Self.violations(object, names: names)
            #expect(bad.isEmpty, "\(command[0]) on \(name): \(bad.prefix(5))")
            if run.stdout.contains("\"name\"") { named += 1 }
            checked += 1
        }
        #expect(checked == Self.commands(file, positive: positive).count)
        #expect(named >= 6, "most reports name actors: the check is not vacuous")
    }

    /// The violation finder itself: bare ids, ids without names and ids as keys are caught.
    @Test func theCheckCatchesEachKindOfViolation() {
        let names = ["a": "Alpha", "b": "Beta"]
        #expect(Self.violations(["actor": ["id": "a", "name": "Alpha"]], names: names).isEmpty)
        #expect(Self.violations(["actors": ["a"]], names: names).count == 1)
        #expect(Self.violations(["actor": ["id": "b"]], names: names).count == 1)
        #expect(Self.violations(["stability": ["a": 1]], names: names).count == 1)
        #expect(Self.violations(["note": "a and b"], names: names).isEmpty, "prose is not a reference")
    }

    /// The JSON is the library's report encoded by ``ReportJSON``: the same bytes, run after run.
    @Test func jsonIsTheReportEncoded() throws {
        let dir = try E2E.temporaryDirectory()
        defer { E2E.remove(dir) }
        let file = E2E.packageRoot.appendingPathComponent("graphs/karachi-2010.yaml").path
        let first = try E2E.run(["fissures", file, "--format", "json"], in: dir)
        let second = try E2E.run(["fissures", file, "--format", "json"], in: dir)
        #expect(first.status == 0 && first.stdout == second.stdout)
        let graph = GraphFile.read(contentsOf: file).graph
        var options = FissureOptions()
        options.pathLimit = 5
        #expect(first.stdout == (try ReportJSON.string(graph.fissures(options))) + "\n")
        let decoded = try ReportJSON.decoder().decode(FissureReport.self, from: Data(first.stdout.utf8))
        #expect(decoded == (try graph.fissures(options)))
    }
}

/// What `make install` puts beside the command: completions for bash, zsh and fish from
/// ArgumentParser, naming every subcommand and its options.
@Suite struct CompletionTests {
    typealias E2E = EndToEndTests

    @Test(arguments: ["bash", "zsh", "fish"]) func completionScripts(_ shell: String) throws {
        let dir = try E2E.temporaryDirectory()
        defer { E2E.remove(dir) }
        let run = try E2E.run(["--generate-completion-script", shell], in: dir)
        #expect(run.status == 0, "\(run)")
        for word in ["schema", "fissures", "render", "format", "min-confidence"] {
            #expect(run.stdout.contains(word), "\(shell): \(word)")
        }
        #expect(!run.stdout.contains("_render-dot"), "\(shell): the internal worker is not offered")
    }
}
