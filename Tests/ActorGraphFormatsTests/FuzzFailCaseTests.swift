import ActorGraphFormats
import Foundation
import Testing

/// Every input that ever crashed a reader or broke one of its promises, kept in
/// FuzzTesting/FailCases/<reader>/ (`make fuzz` adds what libFuzzer finds; the deep-nesting inputs
/// that crashed the DOT reader are there too), replayed through the same checks the fuzzing
/// harnesses make (`FuzzReader`, shared with FuzzTesting/ through a symbolic link).
@Suite struct FuzzFailCaseTests {
    static let root = packageRoot.appendingPathComponent("FuzzTesting/FailCases")

    /// (reader, file) for every fail case.
    static func cases() throws -> [(FuzzReader, URL)] {
        var out: [(FuzzReader, URL)] = []
        let fm = FileManager.default
        for folder in try fm.contentsOfDirectory(atPath: root.path).sorted() {
            let dir = root.appendingPathComponent(folder)
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: dir.path, isDirectory: &isDirectory), isDirectory.boolValue else { continue }
            guard let reader = FuzzReader(rawValue: folder) else {
                Issue.record("FuzzTesting/FailCases/\(folder) names no reader (\(FuzzReader.allCases.map(\.rawValue)))")
                continue
            }
            for name in try fm.contentsOfDirectory(atPath: dir.path).sorted() where !name.hasPrefix(".") {
                out.append((reader, dir.appendingPathComponent(name)))
            }
        }
        return out
    }

    @Test func everyFailCaseIsReadAndKeepsTheReadersPromises() throws {
        let cases = try FuzzFailCaseTests.cases()
        #expect(cases.count >= 2, "the fail cases are found")
        for (reader, url) in cases {
            let problems = reader.problems(try Data(contentsOf: url))
            #expect(problems.isEmpty, "\(reader.rawValue)/\(url.lastPathComponent): \(problems.joined(separator: " | "))")
        }
    }
}
