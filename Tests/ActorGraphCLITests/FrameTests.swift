import Foundation
import Testing

/// `render --at`: snapshots and frame series with pinned node positions.
@Suite struct FrameTests {
    typealias E2E = EndToEndTests

    /// relation-0 starts on 2010-01-05; relation-1 ends with January 2010 (a partial date: the
    /// whole month); relation-2 runs from 2010 (the whole year) to 2010-01-10; relation-3 always.
    static let graph = """
        actorgraph: 1
        title: Frames test
        actors:
          a: { name: Alpha, kind: party }
          b: { name: Beta, kind: party }
          c: { name: Gamma, kind: party }
          d: { name: Delta, kind: party }
        relations:
          - { kind: conflict, between: [a, b], since: 2010-01-05 }
          - { kind: coalition, between: [b, c], until: 2010-01 }
          - { kind: conflict, between: [c, d], since: 2010, until: 2010-01-10 }
          - { kind: coalition, between: [a, d] }

        """

    static let dates = ["2010-01-04", "2010-01-05", "2010-02-01"]
    static let names = ["01-2010-01-04", "02-2010-01-05", "03-2010-02-01"]

    static func setUp() throws -> URL {
        let dir = try E2E.temporaryDirectory()
        try E2E.write(graph, to: dir.appendingPathComponent("g.yaml"))
        return dir
    }

    /// The file's text, with Graphviz's SVG escape for '-' undone.
    static func read(_ url: URL) throws -> String {
        try String(contentsOf: url, encoding: .utf8).replacingOccurrences(of: "&#45;", with: "-")
    }

    /// `actor-N` → the position Graphviz laid it out at, from laid-out DOT (`pos`).
    static func dotPositions(_ text: String) -> [String: String] {
        matches(text, #"id="?(actor-\d+)"?,[^\]]*?pos="([^"]+)""#)
    }

    /// `actor-N` → the position of its label text in the SVG.
    static func svgPositions(_ text: String) -> [String: String] {
        matches(text, #"<g id="(actor-\d+)" class="node">[\s\S]*?<text [^>]*?x="([^"]+)" y="([^"]+)""#)
    }

    static func matches(_ text: String, _ pattern: String) -> [String: String] {
        let regex = try! NSRegularExpression(pattern: pattern)
        let ns = text as NSString
        var out: [String: String] = [:]
        for m in regex.matches(in: text, range: NSRange(location: 0, length: ns.length)) {
            let rest = (2..<m.numberOfRanges).map { ns.substring(with: m.range(at: $0)) }
            out[ns.substring(with: m.range(at: 1))] = rest.joined(separator: ",")
        }
        return out
    }

    /// The SVG group of relation N, or nil when the frame does not draw it.
    static func edgeGroup(_ svg: String, _ n: Int) -> String? {
        guard let start = svg.range(of: "<g id=\"relation-\(n)\" class=\"edge\">") else { return nil }
        let end = svg.range(of: "</g>\n<!--", range: start.upperBound..<svg.endIndex)?.lowerBound ?? svg.endIndex
        return String(svg[start.lowerBound..<end])
    }

    @Test func framesKeepEveryNodeWhereTheLaidOutDOTPutsIt() throws {
        let dir = try Self.setUp()
        defer { E2E.remove(dir) }
        let run = try E2E.run(["render", "g.yaml", "--at", Self.dates.joined(separator: ","), "-o", "frames/", "--format", "dot"], in: dir)
        #expect(run.status == 0, "\(run)")
        let positions = try Self.names.map { try Self.dotPositions(Self.read(dir.appendingPathComponent("frames/\($0).dot"))) }
        #expect(positions[0].count == 4, "\(positions[0])")
        for p in positions.dropFirst() { #expect(p == positions[0]) }
    }

    @Test func svgFramesDrawNodesInTheSamePlaceAndMarkNewRelations() throws {
        let dir = try Self.setUp()
        defer { E2E.remove(dir) }
        let run = try E2E.run(["render", "g.yaml", "--at", Self.dates.joined(separator: ","), "-o", "out/frames/"], in: dir)
        #expect(run.status == 0, "\(run)")
        let svgs = try Self.names.map { try Self.read(dir.appendingPathComponent("out/frames/\($0).svg")) }
        let positions = svgs.map(Self.svgPositions)
        #expect(positions[0].count == 4, "\(positions[0])")
        for p in positions.dropFirst() { #expect(p == positions[0]) }
        for (svg, date) in zip(svgs, Self.dates) { #expect(svg.contains("As of \(date)")) }

        // 2010-01-04: relation-0 has not started; nothing is new in the first frame.
        #expect(Self.edgeGroup(svgs[0], 0) == nil)
        for n in 1...3 { #expect(Self.edgeGroup(svgs[0], n)?.contains("NEW") == false) }
        // 2010-01-05: relation-0 starts, and is the one marked NEW.
        #expect(Self.edgeGroup(svgs[1], 0)?.contains(">NEW<") == true)
        for n in 1...3 { #expect(Self.edgeGroup(svgs[1], n)?.contains("NEW") == false) }
        // 2010-02-01: relation-1 (until 2010-01) and relation-2 (until 2010-01-10) are over.
        #expect(Self.edgeGroup(svgs[2], 0)?.contains("NEW") == false)
        #expect(Self.edgeGroup(svgs[2], 1) == nil)
        #expect(Self.edgeGroup(svgs[2], 2) == nil)
        #expect(Self.edgeGroup(svgs[2], 3) != nil)

        let index = try Self.read(dir.appendingPathComponent("out/frames/index.html"))
        for name in Self.names { #expect(index.contains("src=\"\(name).svg\"")) }
        for date in Self.dates { #expect(index.contains("As of \(date)")) }
        #expect(!index.contains("http"))
    }

    @Test func snapshotIncludesRelationsAtTheEdgesOfTheirSpans() throws {
        let dir = try Self.setUp()
        defer { E2E.remove(dir) }
        func shown(_ date: String) throws -> [Int] {
            let run = try E2E.run(["export", "g.yaml", "--at", date], in: dir)
            #expect(run.status == 0, "\(run)")
            #expect(run.stdout.contains("As of \(date)"))
            return (0...3).filter { run.stdout.contains("id=\"relation-\($0)\"") }
        }
        #expect(try shown("2010-01-04") == [1, 2, 3])
        #expect(try shown("2010-01-05") == [0, 1, 2, 3])   // since is inclusive
        #expect(try shown("2010-01-10") == [0, 1, 2, 3])   // until is inclusive
        #expect(try shown("2010-01-11") == [0, 1, 3])
        #expect(try shown("2010-01-31") == [0, 1, 3])      // until 2010-01: the whole month
        #expect(try shown("2010-02-01") == [0, 3])
        #expect(try shown("2009") == [1, 3])              // a year overlaps open-started spans
        #expect(try shown("2010") == [0, 1, 2, 3])        // a whole year overlaps every span in it

        let render = try E2E.run(["render", "g.yaml", "--at", "2010-02-01", "-o", "one.svg"], in: dir)
        #expect(render.status == 0, "\(render)")
        let svg = try Self.read(dir.appendingPathComponent("one.svg"))
        #expect(svg.contains("As of 2010-02-01"))
        #expect(Self.svgPositions(svg).count == 4, "every actor is kept")
        #expect(Self.edgeGroup(svg, 1) == nil && Self.edgeGroup(svg, 3) != nil)
    }

    @Test func theSameCommandGivesTheSameBytes() throws {
        let dir = try Self.setUp()
        defer { E2E.remove(dir) }
        let karachi = E2E.packageRoot.appendingPathComponent("graphs/karachi-2010.yaml").path
        for out in ["a/", "b/"] {
            let run = try E2E.run(["render", karachi, "--at", "2009-12-31,2010-01-05,2010-01-11", "-o", out], in: dir)
            #expect(run.status == 0, "\(run)")
        }
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("a").path).sorted()
        #expect(files == ["01-2009-12-31.svg", "02-2010-01-05.svg", "03-2010-01-11.svg", "index.html"])
        for f in files {
            let a = try Data(contentsOf: dir.appendingPathComponent("a/\(f)")), b = try Data(contentsOf: dir.appendingPathComponent("b/\(f)"))
            if a != b {
                // Say where, so a rare difference can be diagnosed from the log alone.
                let la = String(decoding: a, as: UTF8.self).split(separator: "\n"), lb = String(decoding: b, as: UTF8.self).split(separator: "\n")
                let first = zip(la, lb).enumerated().first { $0.element.0 != $0.element.1 }
                Issue.record("""
                    \(f) differs between two identical runs (\(a.count) against \(b.count) bytes), first at line \((first?.offset ?? min(la.count, lb.count)) + 1):
                      a: \(first.map { String($0.element.0.prefix(300)) } ?? "(end)")
                      b: \(first.map { String($0.element.1.prefix(300)) } ?? "(end)")
                    """)
            }
        }
    }

    @Test func badDatesAreUsageErrorsAndUnwritableDirectoriesFailures() throws {
        let dir = try Self.setUp()
        defer { E2E.remove(dir) }
        for bad in ["2010-13", "2010-01-05,yesterday", "2010-02,2010-01"] {
            let run = try E2E.run(["render", "g.yaml", "--at", bad, "-o", "frames/"], in: dir)
            #expect(run.status == 2, "\(run)")
            #expect(run.stderr.contains("--at"), "\(run)")
        }
        let file = try E2E.run(["render", "g.yaml", "--at", "2010,2011", "-o", "frames.svg"], in: dir)
        #expect(file.status == 2 && file.stderr.contains("names a directory"), "\(file)")
        let format = try E2E.run(["render", "g.yaml", "--at", "2010-1-5", "-o", "x.svg"], in: dir)
        #expect(format.status == 2 && format.stderr.contains("YYYY, YYYY-MM or YYYY-MM-DD"), "\(format)")
        try E2E.write("not a directory\n", to: dir.appendingPathComponent("file"))
        let run = try E2E.run(["render", "g.yaml", "--at", "2010,2011", "-o", "file/frames/"], in: dir)
        #expect(run.status == 1, "\(run)")
        #expect(run.stderr.contains("file/frames/: cannot create the directory"), "\(run)")
        let export = try E2E.run(["export", "g.yaml", "--at", "2010,2011"], in: dir)
        #expect(export.status == 2, "\(export)")
    }
}
