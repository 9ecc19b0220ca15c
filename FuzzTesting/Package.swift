// swift-tools-version:6.0
import PackageDescription

// Coverage-guided fuzzing of every reader with libFuzzer (`make fuzz` at the root builds and runs
// it). A package of its own, so the root package's dependencies stay as they are: it depends on
// the root package by path. Each harness is an executable whose `LLVMFuzzerTestOneInput` reads
// one input with one reader; built with `--sanitize=fuzzer`, libFuzzer supplies `main`.
let readers = ["YAML", "JSON", "CSV", "DOT", "GraphML", "GEXF", "NodeLink", "Pajek", "EdgeList"]

let package = Package(
    name: "ActorGraphFuzzTesting",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "ActorGraph", path: ".."),
    ],
    targets: [
        .target(
            name: "FuzzCommon",
            dependencies: [
                .product(name: "ActorGraphFormats", package: "ActorGraph"),
                .product(name: "ActorGraphModel", package: "ActorGraph"),
            ]
        ),
    ] + readers.map { .executableTarget(name: "Fuzz\($0)", dependencies: ["FuzzCommon"]) },
    swiftLanguageModes: [.v6]
)
