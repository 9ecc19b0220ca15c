import Foundation
import Testing

/// `actorgraph centrality` as a user runs it.
@Suite struct CentralityCommandTests {
    typealias E2E = EndToEndTests

    static func graph(_ name: String) -> String { E2E.packageRoot.appendingPathComponent("graphs/\(name)").path }

    @Test func theMediciBrokerFlorence() throws {
        let dir = try E2E.temporaryDirectory()
        defer { E2E.remove(dir) }
        let run = try E2E.run(["centrality", Self.graph("florentine-families.yaml"), "--measure", "betweenness", "--top", "3"], in: dir)
        #expect(run.status == 0, "\(run)")
        let lines = E2E.lines(run.stdout)
        #expect(lines.count == 4, "\(run)")
        #expect(lines.first == "rank  actor      betweenness")
        #expect(lines.dropFirst().first?.hasPrefix("   1  Medici ") == true, "\(run)")
    }

    @Test func csvAndJSONCarryIdsAndEveryMeasure() throws {
        let dir = try E2E.temporaryDirectory()
        defer { E2E.remove(dir) }
        let csv = try E2E.run(["centrality", Self.graph("karate-club.yaml"), "--measure", "degree,pagerank", "--format", "csv"], in: dir)
        #expect(csv.status == 0, "\(csv)")
        let rows = E2E.lines(csv.stdout)
        #expect(rows.first == "id,name,degree,pagerank")
        #expect(rows.count == 35)
        #expect(rows[1].hasPrefix("m34,John A. (administrator/president),17.0,"), "highest degree first: \(rows[1])")
        let json = try E2E.run(["centrality", Self.graph("karate-club.yaml"), "--measure", "all", "--format", "json", "--top", "2"], in: dir)
        #expect(json.status == 0, "\(json)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let actors = try #require(object["actors"] as? [[String: Any]])
        #expect(actors.count == 2)
        #expect(Set(actors[0].keys) == Set(["id", "name", "degree", "in-degree", "out-degree", "strength", "positive-degree",
                                            "negative-degree", "net-degree", "betweenness", "closeness", "harmonic",
                                            "eigenvector", "pagerank", "katz", "hubs", "authorities", "pn"]))
    }

    @Test func negativeTiesAreRefusedWithAWayOut() throws {
        let dir = try E2E.temporaryDirectory()
        defer { E2E.remove(dir) }
        let run = try E2E.run(["centrality", Self.graph("karachi-2010.yaml"), "--measure", "betweenness"], in: dir)
        #expect(run.status == 65, "\(run)")
        #expect(run.stdout == "")
        #expect(run.stderr.contains("betweenness is not defined on negative ties"), "\(run)")
        #expect(run.stderr.contains("--relations "), "\(run)")
        let signed = try E2E.run(["centrality", Self.graph("karachi-2010.yaml"), "--measure", "net-degree,pn", "--top", "1"], in: dir)
        #expect(signed.status == 0, "\(signed)")
        let positive = try E2E.run(["centrality", Self.graph("karachi-2010.yaml"), "--measure", "betweenness",
                                    "--relations", "coalition,patronage,support"], in: dir)
        #expect(positive.status == 0, "\(positive)")
    }

    @Test func plainEdgeListsWork() throws {
        let dir = try E2E.temporaryDirectory()
        defer { E2E.remove(dir) }
        try E2E.write("source,target,weight\na,b,1\nb,c,2\nc,a,1\nc,d,5\n", to: dir.appendingPathComponent("e.csv"))
        let run = try E2E.run(["centrality", "e.csv", "--measure", "degree,betweenness", "--format", "csv"], in: dir)
        #expect(run.status == 0, "\(run)")
        #expect(E2E.lines(run.stdout) == ["id,name,degree,betweenness", "c,c,3.0,0.5", "a,a,2.0,0.16666666666666666",
                                          "b,b,2.0,0.3333333333333333", "d,d,1.0,0.0"], "\(run)")
        try E2E.write("a b\nc\n", to: dir.appendingPathComponent("bad.txt"))
        let bad = try E2E.run(["centrality", "bad.txt"], in: dir)
        #expect(bad.status == 65, "\(bad)")
        #expect(bad.stderr.hasPrefix("bad.txt:2: a line needs at least a source and a target"), "\(bad)")
    }

    /// `--tolerance` reaches the iterative measures; the default is within 1e-10 of the limit.
    @Test func toleranceControlsTheIterativeMeasures() throws {
        let dir = try E2E.temporaryDirectory()
        defer { E2E.remove(dir) }
        func values(_ extra: [String]) throws -> [Double] {
            let run = try E2E.run(["centrality", Self.graph("karate-club.yaml"), "--measure", "pagerank,eigenvector,katz,hubs",
                                   "--format", "csv"] + extra, in: dir)
            #expect(run.status == 0, "\(run)")
            return E2E.lines(run.stdout).dropFirst().sorted().flatMap { $0.split(separator: ",").suffix(4).compactMap { Double($0) } }
        }
        let loose = try values(["--tolerance", "1e-3"])
        let standard = try values([])
        let tight = try values(["--tolerance", "1e-14"])
        #expect(standard.count == 34 * 4 && tight.count == standard.count && loose.count == standard.count)
        #expect(zip(standard, tight).allSatisfy { abs($0 - $1) <= 1e-10 }, "the default is within 1e-10")
        #expect(zip(loose, tight).contains { abs($0 - $1) > 1e-6 }, "a loose tolerance stops earlier")
        let zero = try E2E.run(["centrality", Self.graph("karate-club.yaml"), "--tolerance", "0"], in: dir)
        #expect(zero.status == 2 && zero.stderr.contains("--tolerance must be a positive number"), "\(zero)")
    }

    @Test func badArgumentsAreUsageErrors() throws {
        let dir = try E2E.temporaryDirectory()
        defer { E2E.remove(dir) }
        let unknown = try E2E.run(["centrality", Self.graph("karate-club.yaml"), "--measure", "fame"], in: dir)
        #expect(unknown.status == 2 && unknown.stderr.contains("unknown measure 'fame'"), "\(unknown)")
        let kind = try E2E.run(["centrality", Self.graph("karate-club.yaml"), "--relations", "friendshp"], in: dir)
        #expect(kind.status == 65 && kind.stderr.contains("unknown relation kind 'friendshp'"), "\(kind)")
    }
}
