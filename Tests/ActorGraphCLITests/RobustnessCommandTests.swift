import Foundation
import Testing

/// `actorgraph robustness` as a user runs it.
@Suite struct RobustnessCommandTests {
    typealias E2E = EndToEndTests

    static func graph(_ name: String) -> String { E2E.packageRoot.appendingPathComponent("graphs/\(name)").path }

    @Test func karachiNamesEachDoubtfulRelationAndWhatItChanges() throws {
        let dir = try E2E.temporaryDirectory()
        defer { E2E.remove(dir) }
        let run = try E2E.run(["robustness", Self.graph("karachi-2010.yaml")], in: dir)
        #expect(run.status == 0, "\(run)")
        let lines = E2E.lines(run.stdout)
        #expect(lines.contains { $0.contains("14 doubtful relations dropped one at a time") }, "\(run)")
        #expect(lines.contains(" 3. mqm-a –conflict– ppp  cable ¶6; claimed by sabzwari; confidence low"), "\(run)")
        #expect(lines.contains("    why doubtful: low confidence; single claimant: sabzwari"), "\(run)")
        #expect(lines.contains("    dropped: federal-government, interior-ministry, malik, rangers and police leave bloc 1 for bloc 2"), "\(run)")
        #expect(!lines.contains { $0.contains("mohajir-community leaves bloc 1 for bloc 2") }, "a free pair swapping sides is no change")
        #expect(lines.contains { $0.contains("split, score 0.83: verdict stands in 100% of 14 drops") }, "\(run)")
        let csv = try E2E.run(["robustness", Self.graph("karachi-2010.yaml"), "--format", "csv"], in: dir)
        #expect(csv.status == 0 && E2E.lines(csv.stdout).first == "section,subject,index,value,detail", "\(csv)")
        let json = try E2E.run(["robustness", Self.graph("karachi-2010.yaml"), "--format", "json"], in: dir)
        #expect(json.status == 0, "\(json)")
        #expect(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) is [String: Any])
        let bad = try E2E.run(["robustness", Self.graph("karachi-2010.yaml"), "--confidence-below", "2"], in: dir)
        #expect(bad.status == 2, "\(bad)")
    }
}
