// swift-tools-version:6.0
import PackageDescription

// A package outside ActorGraph that uses it as a library: `import ActorGraphKit` and nothing else.
// `make test` builds and runs it (`make examples`).
let package = Package(
    name: "ActorGraphExamples",
    platforms: [.macOS(.v13)],
    dependencies: [.package(name: "ActorGraph", path: "..")],
    targets: [
        .executableTarget(name: "Tour", dependencies: [.product(name: "ActorGraphKit", package: "ActorGraph")]),
    ],
    swiftLanguageModes: [.v6]
)
