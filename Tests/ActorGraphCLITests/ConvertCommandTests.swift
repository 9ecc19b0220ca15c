import ActorGraphFormats
import ActorGraphModel
import Foundation
import Testing

/// `actorgraph convert`, and the other commands on files in the interchange formats, run as a
/// user would (the built executable).
@Suite struct ConvertCommandTests {
    typealias E = EndToEndTests

    static let karachi = "graphs/karachi-2010.yaml"

    /// Every output format, by extension: the file is written, its report line is exact, and
    /// `check` reads the result back with the same counts.
    @Test(arguments: ["k.csv", "k.tsv", "k.dot", "k.gv", "k.graphml", "k.gexf", "k.node-link.json", "k.net", "k.yaml", "k.json"])
    func convertsKarachiToEveryFormatByExtension(_ name: String) throws {
        let dir = try E.temporaryDirectory()
        defer { E.remove(dir) }
        let out = dir.appendingPathComponent(name).path
        let run = try E.run(["convert", Self.karachi, out], in: E.packageRoot)
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout == "")
        let format = try #require(GraphFormat(path: name))
        let lines = E.lines(run.stderr)
        let written = format == .csv ? "\(out) and \(CSVFormat.nodesPath(forEdges: out))" : out
        #expect(lines.first == "wrote \(written) (\(format.displayName)): 28 actors, 54 relations", "\(run)")
        // The loss line lists what the Interchange article's table says for this format (no line when nothing).
        let documented = Interchange.documentedLosses(format)
        if [.graphml, .nodeLink, .dot, .yaml, .json].contains(format) {
            #expect(lines.count == 1, "\(run)")
        } else {
            #expect(lines.count == 2 && lines[1].hasPrefix("\(format.displayName) does not carry: "), "\(run)")
            #expect(documented.contains(.sourceDetails) == lines[1].contains("details of 1 source"))
        }
        let check = try E.run(["check", out], in: E.packageRoot)
        #expect(check.status == 0, "\(check)")
        // The native files keep the cable's text, its path rewritten for their folder, and check the quotes.
        let evidence = format.isNative ? E.karachiEvidence : ""
        #expect(check.stdout.hasSuffix("ok: 28 actors, 54 relations, \(format == .pajek ? "1 warning" : "0 warnings")\(evidence)\n"), "\(check)")
    }

    /// `--to` overrides the extension, `-` writes to standard output, `-q` drops the loss line, and
    /// the same input gives the same bytes.
    @Test func toStandardOutputIsDeterministicAndQuiet() throws {
        let first = try E.run(["convert", Self.karachi, "-", "--to", "gexf", "-q"], in: E.packageRoot)
        let second = try E.run(["convert", Self.karachi, "-", "--to", "gexf", "-q"], in: E.packageRoot)
        #expect(first.status == 0, "\(first)")
        #expect(first.stdout.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<gexf xmlns=\"http://gexf.net/1.3\""))
        #expect(first.stdout == second.stdout)
        #expect(first.stderr == "")
        let csv = try E.run(["convert", Self.karachi, "-", "--to", "csv"], in: E.packageRoot)
        #expect(csv.status == 2, "\(csv)")
        #expect(csv.stderr.contains("CSV writes two files"))
        let unknown = try E.run(["convert", Self.karachi, "out.xyz"], in: E.packageRoot)
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("cannot tell the output format from 'out.xyz'"))
        let ncol = try E.run(["convert", Self.karachi, "out.ncol"], in: E.packageRoot)
        #expect(ncol.status == 2)
        #expect(ncol.stderr.contains("read, not written"))
    }

    /// A chain through every format that keeps everything comes back byte-identical as YAML.
    @Test func losslessChainReturnsTheSameYAML() throws {
        let dir = try E.temporaryDirectory()
        defer { E.remove(dir) }
        var current = Self.karachi
        for name in ["a.graphml", "b.node-link.json", "c.dot", "d.graphml", "e.yaml"] {
            let out = dir.appendingPathComponent(name).path
            let run = try E.run(["convert", current, out], in: E.packageRoot)
            #expect(run.status == 0, "\(run)")
            #expect(E.lines(run.stderr).count == 1, "\(name): \(run.stderr)")
            current = out
        }
        // Standard output gives the cable's path from the current folder, as the files in `dir` do.
        let canonical = try E.run(["convert", E.packageRoot.appendingPathComponent(Self.karachi).path, "-", "--to", "yaml"], in: dir)
        #expect(try String(contentsOfFile: current, encoding: .utf8) == canonical.stdout)
    }

    /// Bad input: positioned errors, status 65, and no output file (an old one is left as it was).
    @Test func badInputWritesNothing() throws {
        let dir = try E.temporaryDirectory()
        defer { E.remove(dir) }
        let csv = "source,target,kind,weight,since\nppp,mqm-a,coalition,1,2008-02\nmqm-a,mqm-h,conflict,two,2009-06\nlyari,ppp,stronghold,1,2010-13\n"
        try csv.write(to: dir.appendingPathComponent("ties.csv"), atomically: true, encoding: .utf8)
        try "old".write(to: dir.appendingPathComponent("old.graphml"), atomically: true, encoding: .utf8)
        let run = try E.run(["convert", "ties.csv", "old.graphml"], in: dir)
        #expect(run.status == 65, "\(run)")
        #expect(E.lines(run.stderr) == [
            "ties.csv:3:22: error: weight 'two' is not a number; write a positive number such as 2 or 0.5",
            "ties.csv:4:24: error: '2010-13' has month 13; months run from 01 to 12; dates are partial ISO dates: 2009, 2009-06 or 2010-01-07",
            "ties.csv: not converted; run 'actorgraph check ties.csv' after fixing the errors above",
        ])
        #expect(try String(contentsOf: dir.appendingPathComponent("old.graphml"), encoding: .utf8) == "old")
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
        #expect(files == ["old.graphml", "ties.csv"])
    }

    /// CSV with a nodes file beside it; `--nodes` names another; the analysis commands read it.
    @Test func csvWithNodesFileFeedsTheAnalysisCommands() throws {
        let dir = try E.temporaryDirectory()
        defer { E.remove(dir) }
        let nodes = "id,name,kind\nppp,Pakistan Peoples Party,party\nmqm-a,MQM (Altaf),party\nmqm-h,MQM (Haqiqi),faction\nlyari,Lyari,neighborhood\n"
        let edges = "source,target,kind,cite,confidence\nppp,mqm-a,coalition,cable ¶9,high\nppp,mqm-a,conflict,cable ¶5,medium\nmqm-a,mqm-h,conflict,cable ¶2,medium\nppp,lyari,stronghold,cable ¶3,high\n"
        try nodes.write(to: dir.appendingPathComponent("parties.csv"), atomically: true, encoding: .utf8)
        try edges.write(to: dir.appendingPathComponent("ties.csv"), atomically: true, encoding: .utf8)
        // Not the companion name: without --nodes, the actors come from the edges (kind actor).
        let bare = try E.run(["summary", "ties.csv"], in: dir)
        #expect(bare.status == 0, "\(bare)")
        #expect(bare.stdout.contains("actors      4  (actor 4)"), "\(bare)")
        let dir2 = dir.appendingPathComponent("out.yaml").path
        let withNodes = try E.run(["convert", "ties.csv", dir2, "--nodes", "parties.csv"], in: dir)
        #expect(withNodes.status == 0, "\(withNodes)")
        let graph = try #require(Interchange.read(contentsOf: dir2).graph as ActorGraph?)
        #expect(graph.actors.map(\.name) == ["Pakistan Peoples Party", "MQM (Altaf)", "MQM (Haqiqi)", "Lyari"])
        #expect(graph.relations.map(\.kind) == ["coalition", "conflict", "conflict", "stronghold"])
        #expect(graph.relations[0].evidence.citations.map(\.description) == ["cable ¶9"])
        // The companion name is found by itself.
        try FileManager.default.moveItem(at: dir.appendingPathComponent("parties.csv"), to: dir.appendingPathComponent("ties.nodes.csv"))
        let fissures = try E.run(["fissures", "ties.csv"], in: dir)
        #expect(fissures.status == 0, "\(fissures)")
        #expect(fissures.stdout.contains("ppp"), "\(fissures)")
        #expect(fissures.stdout.contains("cable ¶9"), "\(fissures)")
    }

    /// The analysis commands on networkx's and igraph's files.
    @Test func analysisCommandsReadForeignFiles() throws {
        let fixtures = E.packageRoot.appendingPathComponent("Tests/ActorGraphFormatsTests/Fixtures/interop")
        let balance = try E.run(["balance", "nx-tribes.graphml"], in: fixtures)
        #expect(balance.status == 0, "\(balance)")
        #expect(balance.stdout.hasPrefix("Balance of nx-tribes.graphml: 16 actors, 58 signed relations (29 positive, 29 negative)"), "\(balance)")
        // Read's tribes: the 2-bloc frustration index is 7 (Doreian and Mrvar 1996; the pip
        // networkx/igraph fixtures carry the same 58 ties).
        #expect(balance.stdout.contains("Frustration index: 7, proven optimal"), "\(balance)")
        for file in ["ig-tribes.ncol", "nx-tribes.net", "nx-tribes.json", "ig-tribes.graphml"] {
            let run = try E.run(["balance", file], in: fixtures)
            #expect(run.status == 0, "\(file): \(run)")
            #expect(run.stdout.contains("Frustration index: 7, proven optimal"), "\(file): \(run)")
        }
        let summary = try E.run(["summary", "ig-zachary.dot"], in: fixtures)
        #expect(summary.status == 0, "\(summary)")
        #expect(summary.stdout.contains("actors      34"), "\(summary)")
        #expect(summary.stdout.contains("relations   78"), "\(summary)")
        let factions = try E.run(["factions", "nx-karate.graphml", "--method", "louvain"], in: fixtures)
        #expect(factions.status == 0, "\(factions)")
    }
}
