import Foundation
import Testing

/// `actorgraph factions`, `balance` and `fissures` as a user runs them on the bundled graphs.
@Suite struct FactionCommandTests {
    typealias E2E = EndToEndTests

    static func graph(_ name: String) -> String { E2E.packageRoot.appendingPathComponent("graphs/\(name)").path }

    @Test func fissuresNameTheRulingCoalitionWithCitedEvidence() throws {
        let dir = try E2E.temporaryDirectory()
        defer { E2E.remove(dir) }
        let run = try E2E.run(["fissures", Self.graph("karachi-2010.yaml")], in: dir)
        #expect(run.status == 0, "\(run)")
        let lines = E2E.lines(run.stdout)
        let first = try #require(lines.firstIndex { $0.hasPrefix("1. ") })
        #expect(lines[first].hasPrefix("1. mqm-a –coalition– ppp   stress "), "\(lines[first])")
        let block = lines[first...].joined(separator: "\n")
        #expect(block.contains("[ruling-coalition] cable ¶1, cable ¶3, cable ¶9; confidence high"))
        #expect(block.contains("(1) balance: split"))
        #expect(block.contains("claimed by sabzwari"), "the MQM's account is named")
        #expect(block.contains("mqm-a –conflict– ppp  [fissure] since 2010-01-07; cable ¶3, cable ¶5, cable ¶9; disputed by malik"))
        #expect(block.contains("(4) frustration: 4 → 3 without this tie"))
        // JSON carries the same, machine-readably.
        let json = try E2E.run(["fissures", Self.graph("karachi-2010.yaml"), "--format", "json"], in: dir)
        #expect(json.status == 0, "\(json)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let fissures = try #require(object["fissures"] as? [[String: Any]])
        // Rows refer to relations by index; the report cites each once, with its ends and evidence.
        let index = try #require(fissures.first?["relation"] as? Int)
        let cited = try #require(object["citedRelations"] as? [[String: Any]])
        let relation = try #require(cited.first { $0["index"] as? Int == index })
        #expect(relation["id"] as? String == "ruling-coalition")
        #expect((relation["source"] as? [String: Any])?["name"] as? String == "Muttahida Qaumi Movement (Altaf)")
        #expect(relation["cite"] as? [String] == ["cable ¶1", "cable ¶3", "cable ¶9"])
        #expect(fissures.first?["split"] as? Bool == true)
    }

    @Test func factionsAndBalanceOfKarachi() throws {
        let dir = try E2E.temporaryDirectory()
        defer { E2E.remove(dir) }
        let run = try E2E.run(["factions", Self.graph("karachi-2010.yaml")], in: dir)
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout.hasPrefix("Factions of "), "\(run)")
        #expect(run.stdout.contains("balance partition into 2 blocs (Doreian–Mrvar, α = 0.5), proven optimal"), "\(run)")
        let csv = try E2E.run(["factions", Self.graph("karachi-2010.yaml"), "--format", "csv"], in: dir)
        let bloc = Dictionary(uniqueKeysWithValues: E2E.lines(csv.stdout).dropFirst().map { line -> (String, String) in
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            return (String(fields[0]), String(fields.last!))
        })
        #expect(bloc["mqm-a"] != bloc["ppp"])
        #expect(bloc["karachi"] == "", "unattached actors have no bloc")
        let balance = try E2E.run(["balance", Self.graph("karachi-2010.yaml")], in: dir)
        #expect(balance.status == 0, "\(balance)")
        #expect(balance.stdout.contains("Frustration index: 4, proven optimal"), "\(balance)")
        #expect(balance.stdout.contains("Frustrated relations (4):"), "\(balance)")
    }

    @Test func claimantViewsChangeTheStory() throws {
        let dir = try E2E.temporaryDirectory()
        defer { E2E.remove(dir) }
        // Rafiq Engineer (PPP) says nothing of Dakai's gang: without Sabzwari's claims fewer cycles stress the coalition.
        let all = try E2E.run(["fissures", Self.graph("karachi-2010.yaml"), "--format", "csv"], in: dir)
        let ppp = try E2E.run(["fissures", Self.graph("karachi-2010.yaml"), "--format", "csv", "--claimant", "rafiq-engineer"], in: dir)
        #expect(all.status == 0 && ppp.status == 0, "\(all) \(ppp)")
        let column = { (run: E2E.Run) -> Int in Int(E2E.lines(run.stdout)[1].split(separator: ",")[8])! }
        #expect(column(ppp) < column(all), "unbalanced cycles: \(ppp.stdout) against \(all.stdout)")
    }

    @Test func badChoicesAreUsageOrDataErrors() throws {
        let dir = try E2E.temporaryDirectory()
        defer { E2E.remove(dir) }
        let method = try E2E.run(["factions", Self.graph("karachi-2010.yaml"), "--method", "astrology"], in: dir)
        #expect(method.status == 2, "\(method)")
        #expect(method.stderr.contains("girvan-newman"), "lists the choices: \(method)")
        let alpha = try E2E.run(["factions", Self.graph("karachi-2010.yaml"), "--alpha", "1.5"], in: dir)
        #expect(alpha.status == 2 && alpha.stderr.contains("--alpha"), "\(alpha)")
        let kind = try E2E.run(["fissures", Self.graph("karachi-2010.yaml"), "--kinds", "friendship"], in: dir)
        #expect(kind.status == 65 && kind.stderr.contains("unknown relation kind 'friendship'"), "\(kind)")
        let claimant = try E2E.run(["balance", Self.graph("karachi-2010.yaml"), "--claimant", "nobody"], in: dir)
        #expect(claimant.status == 65 && claimant.stderr.contains("unknown claimant 'nobody'"), "\(claimant)")
        #expect(claimant.stdout == "")
    }

    @Test func theKarateClubSplitsIntoItsTwoClubs() throws {
        let dir = try E2E.temporaryDirectory()
        defer { E2E.remove(dir) }
        for method in ["spectral", "girvan-newman", "balance"] {
            let run = try E2E.run(["factions", Self.graph("karate-club.yaml"), "--method", method, "--k", "2", "--format", "json"], in: dir)
            #expect(run.status == 0, "\(run)")
            let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
            let blocs = try #require(object["blocs"] as? [[[String: String]]]).map { $0.compactMap { $0["id"] } }
            #expect(blocs.count == 2, "\(method)")
            if method != "balance" {
                // Members m1 (Mr. Hi) and m34 (the administrator) lead the two clubs.
                #expect(blocs.first { $0.contains("m1") }?.contains("m34") == false, "\(method): \(blocs)")
            }
        }
    }

    /// Two camps, friends inside and enemies across, as a plain edge list: balanced, split exactly.
    @Test func edgeListsAreSplitToo() throws {
        let dir = try E2E.temporaryDirectory()
        defer { E2E.remove(dir) }
        let lines = ["source,target,weight,sign", "a,b,1,1", "b,c,1,1", "a,c,1,1", "x,y,1,1", "y,z,1,1",
                     "a,x,1,-1", "c,z,2,-1", "b,y,1,-1"]
        try E2E.write(lines.joined(separator: "\n") + "\n", to: dir.appendingPathComponent("camps.csv"))
        let balance = try E2E.run(["balance", "camps.csv"], in: dir)
        #expect(balance.status == 0, "\(balance)")
        #expect(balance.stdout.contains("Frustration index: 0, proven optimal"), "\(balance)")
        for method in ["balance", "spectral", "leiden"] {
            let run = try E2E.run(["factions", "camps.csv", "--method", method, "--format", "csv"] + (method == "leiden" ? ["--signed"] : []), in: dir)
            #expect(run.status == 0, "\(run)")
            let bloc = Dictionary(uniqueKeysWithValues: E2E.lines(run.stdout).dropFirst().map { line -> (String, String) in
                let f = line.split(separator: ","); return (String(f[0]), String(f[1]))
            })
            #expect(bloc["a"] == bloc["b"] && bloc["b"] == bloc["c"] && bloc["x"] == bloc["y"] && bloc["y"] == bloc["z"], "\(method): \(bloc)")
            #expect(bloc["a"] != bloc["x"], "\(method): \(bloc)")
        }
        let filtered = try E2E.run(["factions", "camps.csv", "--at", "2010"], in: dir)
        #expect(filtered.status == 2 && filtered.stderr.contains("need a graph file"), "\(filtered)")
        try E2E.write("a b\nb\n", to: dir.appendingPathComponent("bad.txt"))
        let bad = try E2E.run(["balance", "bad.txt"], in: dir)
        #expect(bad.status == 65 && bad.stderr.hasPrefix("bad.txt:2: "), "\(bad)")
    }
}
