import Foundation

/// The package's root folder, found from this file's path.
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

/// The example graphs shipped in graphs/.
func exampleGraphPaths() throws -> [String] {
    let dir = packageRoot.appendingPathComponent("graphs")
    return try FileManager.default.contentsOfDirectory(atPath: dir.path)
        .filter { $0.hasSuffix(".yaml") }.sorted().map { dir.appendingPathComponent($0).path }
}
