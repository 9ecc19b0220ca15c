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

/// A small seeded generator (SplitMix64), so the sweeps are the same on every run.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed &+ 0x9E37_79B9_7F4A_7C15 }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
