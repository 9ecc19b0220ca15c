import Foundation
import Testing

/// `actorgraph brokers` and `actorgraph patronage` as a user runs them.
@Suite struct BrokerCommandTests {
    typealias E2E = EndToEndTests

    static func graph(_ name: String) -> String { E2E.packageRoot.appendingPathComponent("graphs/\(name)").path }

    @Test func theMediciBrokerFlorence() throws {
        let dir = try E2E.temporaryDirectory()
        defer { E2E.remove(dir) }
        let run = try E2E.run(["brokers", Self.graph("florentine-families.yaml"), "--k", "1"], in: dir)
        #expect(run.status == 0, "\(run)")
        let lines = E2E.lines(run.stdout)
        #expect(lines.contains { $0.hasPrefix("  to fragment the network: medici;") }, "\(run)")
        let holes = try #require(lines.firstIndex { $0.hasPrefix("Structural holes") })
        #expect(lines[holes + 2].contains(" medici "), "least constrained: \(lines[holes + 2])")
        let roles = try #require(lines.firstIndex { $0.hasPrefix("Brokerage roles") })
        #expect(lines[roles + 2].contains(" medici "), "most brokerage: \(lines[roles + 2])")
        let csv = try E2E.run(["brokers", Self.graph("florentine-families.yaml"), "--format", "csv"], in: dir)
        #expect(csv.status == 0 && E2E.lines(csv.stdout).count == 17, "\(csv)")
        let json = try E2E.run(["brokers", Self.graph("florentine-families.yaml"), "--format", "json", "--groups", "kind"], in: dir)
        #expect(json.status == 0, "\(json)")
        #expect(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) is [String: Any])
    }

    /// A patronage cycle no top reaches leaves its members' levels undefined (NaN from Levine's
    /// equations): the table lists them under "–" and the JSON has null, where the table used to
    /// trap on the NaN key (found on the 20,000-actor benchmark graph).
    @Test func patronageCycleWithoutATopHasUndefinedLevels() throws {
        let dir = try E2E.temporaryDirectory()
        defer { E2E.remove(dir) }
        try E2E.write("""
            actorgraph: 1
            actors:
              a: { kind: person }
              b: { kind: person }
              x: { kind: person }
              y: { kind: person }
              z: { kind: person }
            relations:
              - { kind: patronage, from: a, to: b }
              - { kind: patronage, from: x, to: y }
              - { kind: patronage, from: y, to: x }
              - { kind: patronage, from: y, to: z }

            """, to: dir.appendingPathComponent("g.yaml"))
        let run = try E2E.run(["patronage", "g.yaml"], in: dir)
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout.contains("  level 1: a") && run.stdout.contains("  level 2: b"), "\(run)")
        #expect(run.stdout.contains("  level –: x, y, z"), "\(run)")
        let json = try E2E.run(["patronage", "g.yaml", "--format", "json"], in: dir)
        #expect(json.status == 0, "\(json)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let levels = try #require(object["levels"] as? [[String: Any]])
        let undefined = levels.filter { $0["level"] is NSNull }.compactMap { ($0["actor"] as? [String: Any])?["id"] as? String }
        #expect(undefined.sorted() == ["x", "y", "z"], "\(levels)")
    }

    @Test func karachiPatronageAndBrokers() throws {
        let dir = try E2E.temporaryDirectory()
        defer { E2E.remove(dir) }
        let patronage = try E2E.run(["patronage", Self.graph("karachi-2010.yaml")], in: dir)
        #expect(patronage.status == 0, "\(patronage)")
        #expect(patronage.stdout.contains("  dakai (Rehman Dakai): 2 below, 1 step deep; clients gabol, rafiq-engineer"), "\(patronage)")
        #expect(patronage.stdout.contains("claimed by sabzwari"), "the claim behind it is named")
        let brokers = try E2E.run(["brokers", Self.graph("karachi-2010.yaml")], in: dir)
        #expect(brokers.status == 0, "\(brokers)")
        #expect(brokers.stdout.contains("Brokers between hostile blocs"), "\(brokers)")
        let bad = try E2E.run(["brokers", Self.graph("karachi-2010.yaml"), "--groups", "astrology"], in: dir)
        #expect(bad.status == 2, "\(bad)")
    }

    @Test func brokersAndKeyPlayersAreDrawn() throws {
        let dir = try E2E.temporaryDirectory()
        defer { E2E.remove(dir) }
        for choice in ["brokers", "key-players"] {
            let run = try E2E.run(["export", Self.graph("florentine-families.yaml"), "--highlight", choice], in: dir)
            #expect(run.status == 0, "\(run)")
            #expect(run.stdout.contains(choice == "brokers" ? "BROKER:" : "KEY PLAYER:"), "\(choice)")
            #expect(run.stdout.contains("\"medici\" [") && run.stdout.contains("penwidth=3.5"), "\(choice)")
        }
    }
}
