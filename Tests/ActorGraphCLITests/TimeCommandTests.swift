import Foundation
import Testing

/// `actorgraph diff` and `actorgraph claims` as a user runs them on the cable.
@Suite struct TimeCommandTests {
    typealias E2E = EndToEndTests

    static let karachi = E2E.packageRoot.appendingPathComponent("graphs/karachi-2010.yaml").path

    @Test func diffTellsWhatChangedByJanuaryEleventh() throws {
        let dir = try E2E.temporaryDirectory()
        defer { E2E.remove(dir) }
        let run = try E2E.run(["diff", Self.karachi, "--from", "2009-12-31", "--to", "2010-01-11"], in: dir)
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout.contains("  + mqm-a –conflict– ppp  [fissure] since 2010-01-07"), "\(run)")
        #expect(run.stdout.contains("Frustration index: 2 → 4"), "\(run)")
        #expect(run.stdout.contains("  from the bloc of ppp to the bloc of mqm-a: federal-government, interior-ministry, malik"), "\(run)")
        let json = try E2E.run(["diff", Self.karachi, "--from", "2009-12-31", "--to", "2010-01-11", "--format", "json"], in: dir)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect((object["appeared"] as? [Any])?.count == 7)
        let bad = try E2E.run(["diff", Self.karachi, "--from", "2010-13", "--to", "2010-01-11"], in: dir)
        #expect(bad.status == 2 && bad.stderr.contains("--from"), "\(bad)")
    }

    @Test func claimsSetTheNarrativesSideBySide() throws {
        let dir = try E2E.temporaryDirectory()
        defer { E2E.remove(dir) }
        let run = try E2E.run(["claims", Self.karachi], in: dir)
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout.contains("mqm-a –conflict– ppp  (disputed by malik)"), "\(run)")
        #expect(run.stdout.contains("dakai –patronage→ gabol  (asserted by sabzwari only)"), "\(run)")
        let split = try #require(E2E.lines(run.stdout).first { $0.hasPrefix("  coalition split") })
        #expect(split.split(separator: " ", omittingEmptySubsequences: true).dropFirst(2) == ["no", "no", "yes", "no", "yes"], "\(split)")
    }

    /// `check --at` counts what holds; `format --at` writes the snapshot as a valid graph file.
    @Test func checkAndFormatTakeADate() throws {
        let dir = try E2E.temporaryDirectory()
        defer { E2E.remove(dir) }
        let check = try E2E.run(["check", Self.karachi, "--at", "2010-01-08"], in: dir)
        #expect(check.status == 0 && check.stdout.hasSuffix("0 warnings, 48 holding at 2010-01-08\(E2E.karachiEvidence)\n"), "\(check)")
        let format = try E2E.run(["format", Self.karachi, "--at", "2010-01-08", "-o", "jan8.yaml"], in: dir)
        #expect(format.status == 0, "\(format)")
        let again = try E2E.run(["check", "jan8.yaml"], in: dir)
        #expect(again.status == 0 && again.stdout.contains("ok: 28 actors, 48 relations"), "\(again)")
    }
}
