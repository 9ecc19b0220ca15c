import Foundation
import Testing

/// `actorgraph render` and `actorgraph export`, run as a user runs them: the committed diagrams
/// are reproduced byte for byte, PDFs are valid, failures leave no file behind, and bad choices
/// are usage errors that list the good ones.
@Suite struct RenderCommandTests {
    typealias E2E = EndToEndTests

    /// `graphs/render-options`: NAME → the options `make graphs` passes for it.
    static func renderOptions() throws -> [String: [String]] {
        let text = try String(contentsOf: E2E.packageRoot.appendingPathComponent("graphs/render-options"), encoding: .utf8)
        var options: [String: [String]] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let words = line.split(separator: " ").map(String.init)
            if let name = words.first { options[name] = Array(words.dropFirst()) }
        }
        return options
    }

    /// The example graphs `make graphs` renders: graphs/*.yaml and graphs/large/*.yaml, by name.
    static func exampleGraphNames() throws -> [String] {
        try exampleGraphPaths().keys.sorted()
    }

    /// NAME → the example graph's path relative to the package root.
    static func exampleGraphPaths() throws -> [String: String] {
        var paths: [String: String] = [:]
        for folder in ["graphs", "graphs/large"] {
            let names = try FileManager.default.contentsOfDirectory(atPath: E2E.packageRoot.appendingPathComponent(folder).path)
            for file in names where file.hasSuffix(".yaml") { paths[String(file.dropLast(5))] = "\(folder)/\(file)" }
        }
        return paths
    }

    /// NAME, or NAME@VARIANT for a variant `graphs/render-options` lists (rendered to NAME-VARIANT).
    @Test(arguments: ["florentine-families", "karachi-2010", "karate-club", "karachi-2010@fissures",
                      "synthetic-2000", "synthetic-2000@focus", "synthetic-2000@collapse"])
    func renderingReproducesTheCommittedSVG(entry: String) throws {
        let base = String(entry.split(separator: "@")[0])
        let name = entry.replacingOccurrences(of: "@", with: "-")
        let relative = try #require(try Self.exampleGraphPaths()[base], "graphs/\(base).yaml is gone; update this test")
        let dir = try E2E.temporaryDirectory()
        defer { E2E.remove(dir) }
        let graph = E2E.packageRoot.appendingPathComponent(relative).path
        let options = try Self.renderOptions()[entry] ?? []
        #expect(!entry.contains("@") || !options.isEmpty, "graphs/render-options has no line for \(entry)")
        let run = try E2E.run(["render", graph, "-o", "out.svg"] + options, in: dir)
        #expect(run.status == 0, "\(run)")
        let rendered = try Data(contentsOf: dir.appendingPathComponent("out.svg"))
        let committed = try Data(contentsOf: E2E.packageRoot.appendingPathComponent("graphs/rendered/\(name).svg"))
        if rendered != committed {
            let a = String(decoding: rendered, as: UTF8.self).split(separator: "\n")
            let b = String(decoding: committed, as: UTF8.self).split(separator: "\n")
            let first = zip(a, b).enumerated().first { $0.element.0 != $0.element.1 }
            Issue.record("""
                graphs/rendered/\(name).svg is not what 'actorgraph render' gives now \
                (\(rendered.count) bytes against \(committed.count)); first difference at line \
                \((first?.offset ?? min(a.count, b.count)) + 1):
                  now:       \(first.map { String($0.element.0.prefix(200)) } ?? "(end)")
                  committed: \(first.map { String($0.element.1.prefix(200)) } ?? "(end)")
                Run 'make graphs' if the change is intended. Fonts matter: 'make deps' installs DejaVu Sans.
                """)
        }
    }

    /// The graph list in the test above matches graphs/ and graphs/rendered/.
    @Test func everyExampleGraphHasCommittedRenderings() throws {
        let names = try Self.exampleGraphNames()
        #expect(names == ["florentine-families", "karachi-2010", "karate-club", "synthetic-2000"])
        for name in names {
            for ext in ["svg", "png"] {
                let path = E2E.packageRoot.appendingPathComponent("graphs/rendered/\(name).\(ext)").path
                #expect(FileManager.default.fileExists(atPath: path), "\(path) is missing; run 'make graphs'")
            }
        }
    }

    @Test func printThemePDFIsValid() throws {
        let dir = try E2E.temporaryDirectory()
        defer { E2E.remove(dir) }
        let graph = E2E.packageRoot.appendingPathComponent("graphs/karachi-2010.yaml").path
        let run = try E2E.run(["render", graph, "-o", "k.pdf", "--theme", "print"], in: dir)
        #expect(run.status == 0, "\(run)")
        #expect(run.stderr == "")
        let pdf = try Data(contentsOf: dir.appendingPathComponent("k.pdf"))
        let text = String(decoding: pdf, as: UTF8.self)
        #expect(pdf.starts(with: Data("%PDF-1.".utf8)), "PDF header")
        #expect(text.hasSuffix("%%EOF\n") || text.hasSuffix("%%EOF"), "PDF trailer")
        #expect(text.contains("/Type /Page") || text.contains("/Type/Page"), "at least one page")
        #expect(text.contains("startxref"), "cross-reference table")
        // The xref offset points at the cross-reference table (or stream).
        if let range = text.range(of: "startxref\n", options: .backwards),
           let offset = Int(text[range.upperBound...].prefix { $0.isNumber }) {
            let bytes = Array(pdf)
            #expect(offset < bytes.count)
            let at = String(decoding: bytes[offset..<min(bytes.count, offset + 20)], as: UTF8.self)
            #expect(at.hasPrefix("xref") || at.contains(" obj"), "startxref points at \(at)")
        } else {
            Issue.record("no startxref offset")
        }
        // The fonts are embedded, so the PDF looks the same everywhere.
        #expect(text.contains("/FontFile"), "embedded font")
    }

    @Test func aFailedRenderLeavesNoFileAndKeepsAnOldOne() throws {
        let dir = try E2E.temporaryDirectory()
        defer { E2E.remove(dir) }
        // A graph big enough that no layout finishes in a millisecond.
        var yaml = "actorgraph: 1\nactors:\n"
        for i in 0..<400 { yaml += "  a\(i): { kind: party }\n" }
        yaml += "relations:\n"
        for i in 0..<400 {
            for step in [1, 7, 31] { yaml += "  - { kind: rivalry, between: [a\(i), a\((i + step) % 400)] }\n" }
        }
        try E2E.write(yaml, to: dir.appendingPathComponent("big.yaml"))

        let run = try E2E.run(["render", "big.yaml", "-o", "out.svg", "--engine", "dot", "--timeout", "0.001", "--force"], in: dir)
        #expect(run.status == 1, "\(run)")
        #expect(run.stderr.hasPrefix("big.yaml: "), "\(run)")
        #expect(run.stderr.contains("0.001"), "the message names the time limit: \(run)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["big.yaml"],
                "no output and no temporary file")

        try E2E.write("old\n", to: dir.appendingPathComponent("out.svg"))
        let again = try E2E.run(["render", "big.yaml", "-o", "out.svg", "--engine", "dot", "--timeout", "0.001", "--force"], in: dir)
        #expect(again.status == 1, "\(again)")
        #expect(try String(contentsOf: dir.appendingPathComponent("out.svg"), encoding: .utf8) == "old\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == ["big.yaml", "out.svg"])
    }

    @Test func anUnwritableOutputIsAnErrorNotACrash() throws {
        let dir = try E2E.temporaryDirectory()
        defer { E2E.remove(dir) }
        let graph = E2E.packageRoot.appendingPathComponent("graphs/karachi-2010.yaml").path
        let run = try E2E.run(["render", graph, "-o", "no/such/dir/out.svg"], in: dir)
        #expect(run.status == 1, "\(run)")
        #expect(run.stderr.hasPrefix("no/such/dir/out.svg: cannot write"), "\(run)")
    }

    @Test(arguments: [
        (["--engine", "spring"], ["dot", "neato", "fdp", "sfdp", "circo", "twopi"]),
        (["--theme", "dark"], ["default", "print", "slide"]),
        (["--format", "gif"], ["svg", "pdf", "png", "dot", "xdot", "json"]),
        (["--cluster", "faction"], ["kind", "attribute:NAME", "none"]),
    ])
    func badChoicesAreUsageErrorsListingTheChoices(arguments: [String], choices: [String]) throws {
        let dir = try E2E.temporaryDirectory()
        defer { E2E.remove(dir) }
        let graph = E2E.packageRoot.appendingPathComponent("graphs/karachi-2010.yaml").path
        let run = try E2E.run(["render", graph, "-o", "out.svg"] + arguments, in: dir)
        #expect(run.status == 2, "\(run)")
        for choice in choices { #expect(run.stderr.contains(choice), "'\(choice)' in \(run)") }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
    }

    @Test func anOutputWithoutAKnownExtensionNeedsFormat() throws {
        let dir = try E2E.temporaryDirectory()
        defer { E2E.remove(dir) }
        let graph = E2E.packageRoot.appendingPathComponent("graphs/karachi-2010.yaml").path
        let run = try E2E.run(["render", graph, "-o", "diagram"], in: dir)
        #expect(run.status == 2, "\(run)")
        #expect(run.stderr.contains("--format"), "\(run)")
        let ok = try E2E.run(["render", graph, "-o", "diagram", "--format", "svg"], in: dir)
        #expect(ok.status == 0, "\(ok)")
        let svg = try String(contentsOf: dir.appendingPathComponent("diagram"), encoding: .utf8)
        #expect(svg.contains("<svg"))
    }

    @Test func exportIsDeterministicAndGraphvizReadsIt() throws {
        let dir = try E2E.temporaryDirectory()
        defer { E2E.remove(dir) }
        let graph = E2E.packageRoot.appendingPathComponent("graphs/karachi-2010.yaml").path
        let first = try E2E.run(["export", graph, "--format", "dot"], in: dir)
        let second = try E2E.run(["export", graph, "-o", "k.dot"], in: dir)
        #expect(first.status == 0 && second.status == 0, "\(first) \(second)")
        let written = try String(contentsOf: dir.appendingPathComponent("k.dot"), encoding: .utf8)
        #expect(first.stdout == written, "stdout and -o give the same DOT")
        #expect(first.stdout.contains("\ndigraph \"actorgraph\" {\n"))
        // No layout in the export: no positions.
        #expect(!first.stdout.contains("pos="))
        // The exported DOT is what a user edits and feeds to Graphviz's own command.
        let dot = Process()
        dot.executableURL = URL(fileURLWithPath: "/usr/bin/dot")
        dot.arguments = ["-Kneato", "-Tsvg", "-o", dir.appendingPathComponent("k.svg").path, dir.appendingPathComponent("k.dot").path]
        dot.standardError = FileHandle.nullDevice
        try dot.run()
        dot.waitUntilExit()
        #expect(dot.terminationStatus == 0, "/usr/bin/dot rejected the exported DOT")
        let svg = try String(contentsOf: dir.appendingPathComponent("k.svg"), encoding: .utf8)
        #expect(svg.contains("<svg"))
    }
}
