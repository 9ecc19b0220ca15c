// swift-tools-version:6.0
import PackageDescription

// Module layout (see README "Architecture"):
//   ActorGraphModel   the document: actors, relations, kinds, evidence, dates, validation types
//   ActorGraphFormats readers and writers (native YAML / JSON; CSV, DOT via cgraph, GraphML, GEXF,
//                     JSON node-link, Pajek), positioned diagnostics
//   ActorGraphRendering theme → DOT, legend, clusters; Graphviz in-process (CGraphviz)
//   ActorGraphCLI     the `actorgraph` commands, as a library so tests can call them
//   actorgraph        the thin executable
//   NetworkAnalysis   compact CSR networks and the algorithms; never imports ActorGraphModel
//   ActorGraphAnalysis projections and the actor-level reports (factions, fissures, claims, brokers)
//   ActorGraphBriefing the interactive briefing: one self-contained HTML page
//   ActorGraphKit     the umbrella product: re-exports all of the above
let package = Package(
    name: "ActorGraph",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "ActorGraphModel", targets: ["ActorGraphModel"]),
        .library(name: "ActorGraphFormats", targets: ["ActorGraphFormats"]),
        .library(name: "ActorGraphRendering", targets: ["ActorGraphRendering"]),
        .library(name: "NetworkAnalysis", targets: ["NetworkAnalysis"]),
        .library(name: "ActorGraphAnalysis", targets: ["ActorGraphAnalysis"]),
        .library(name: "ActorGraphBriefing", targets: ["ActorGraphBriefing"]),
        // The front door: one import for the model, formats, analyses, rendering and NetworkAnalysis.
        .library(name: "ActorGraphKit", targets: ["ActorGraphKit"]),
        .executable(name: "actorgraph", targets: ["actorgraph"]),
    ],
    dependencies: [
        // Yams 5 keeps every pair of a mapping (6.x rejects duplicate keys wholesale), which lets
        // the validator report each duplicate id at its own line and column.
        .package(url: "https://github.com/jpsim/Yams.git", .upToNextMinor(from: "5.0.1")),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.5.0"),
        // `make docs`: the DocC catalogs as a static site.
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
    ],
    targets: [
        .target(name: "ActorGraphModel"),
        // The analysis core: CSR networks and algorithms. It must never import actor types.
        .target(name: "NetworkAnalysis"),
        // Actor graphs onto networks (projections), and analyses that report in actors' terms.
        .target(name: "ActorGraphAnalysis", dependencies: ["ActorGraphModel", "NetworkAnalysis"]),
        .target(
            name: "ActorGraphFormats",
            dependencies: ["ActorGraphModel", "CGraphviz", .product(name: "Yams", package: "Yams")]
        ),
        // Graphviz, linked in-process: libgvc + libcgraph (apt: libgraphviz-dev).
        .systemLibrary(
            name: "CGraphviz",
            pkgConfig: "libgvc",
            providers: [.apt(["libgraphviz-dev"])]
        ),
        .target(name: "ActorGraphRendering", dependencies: ["ActorGraphModel", "ActorGraphFormats", "CGraphviz"]),
        // The interactive briefing: one self-contained HTML page (diagram, evidence, controls, panels).
        .target(name: "ActorGraphBriefing", dependencies: ["ActorGraphModel", "ActorGraphAnalysis", "ActorGraphRendering", "NetworkAnalysis"]),
        // The umbrella: `import ActorGraphKit` re-exports every public module.
        .target(
            name: "ActorGraphKit",
            dependencies: ["ActorGraphModel", "ActorGraphFormats", "ActorGraphAnalysis", "ActorGraphRendering", "ActorGraphBriefing", "NetworkAnalysis"]
        ),
        .target(
            name: "ActorGraphCLI",
            dependencies: [
                "ActorGraphModel", "ActorGraphFormats", "ActorGraphRendering", "ActorGraphAnalysis", "ActorGraphBriefing", "NetworkAnalysis",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "actorgraph", dependencies: ["ActorGraphCLI"]),
        // `make bench`: in-process rendering against spawning the dot command.
        .executableTarget(
            name: "RenderBenchmark",
            dependencies: ["ActorGraphRendering", "ActorGraphModel", "NetworkAnalysis"],
            path: "Benchmarks/RenderBenchmark"
        ),
        // `make bench`: the analysis core on the standard graphs, beside the peers.
        .executableTarget(name: "AnalysisBenchmark", dependencies: ["NetworkAnalysis"], path: "Benchmarks/AnalysisBenchmark"),
        // `make bench`: CSV import and export of a 5M-edge file, beside the peers' readers.
        .executableTarget(
            name: "ImportBenchmark",
            dependencies: ["ActorGraphFormats", "ActorGraphModel", "NetworkAnalysis"],
            path: "Benchmarks/ImportBenchmark"
        ),
        // `make bench-actors`: seeded synthetic actor graphs in the native format (every kind, dates, claims).
        .executableTarget(name: "ActorGraphGenerator", path: "Benchmarks/ActorGraphGenerator"),
        .testTarget(name: "ActorGraphModelTests", dependencies: ["ActorGraphModel"]),
        // The front door, used as a Swift program uses it: `import ActorGraphKit` only.
        .testTarget(name: "ActorGraphKitTests", dependencies: ["ActorGraphKit"]),
        .testTarget(name: "NetworkAnalysisTests", dependencies: ["NetworkAnalysis"], exclude: ["Fixtures"]),
        .testTarget(name: "ActorGraphAnalysisTests", dependencies: ["ActorGraphAnalysis", "ActorGraphFormats", "ActorGraphModel", "NetworkAnalysis"]),
        .testTarget(
            name: "ActorGraphFormatsTests",
            dependencies: ["ActorGraphFormats", "ActorGraphModel", "NetworkAnalysis"],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "ActorGraphRenderingTests",
            dependencies: ["ActorGraphRendering", "ActorGraphFormats", "ActorGraphModel", "NetworkAnalysis"]
        ),
        // The documentation holds to the code: doc comments on every public symbol, the README's
        // links and tables against the articles (`make docs` checks the catalogs themselves).
        .testTarget(name: "DocumentationTests"),
        .testTarget(
            name: "ActorGraphBriefingTests",
            dependencies: ["ActorGraphBriefing", "ActorGraphAnalysis", "ActorGraphFormats", "ActorGraphModel", "ActorGraphRendering"]
        ),
        .testTarget(
            name: "ActorGraphCLITests",
            dependencies: ["ActorGraphCLI", "ActorGraphAnalysis", "ActorGraphFormats", "ActorGraphModel"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
