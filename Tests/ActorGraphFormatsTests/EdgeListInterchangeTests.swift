import ActorGraphFormats
import ActorGraphModel
import Foundation
import NetworkAnalysis
import Testing

/// Whitespace-separated edge lists (igraph's NCOL, networkx's `write_edgelist`) and networkx's
/// Pajek with vertex data: read through the same entry point as every format.
@Suite struct EdgeListInterchangeTests {
    static let interop = packageRoot.appendingPathComponent("Tests/ActorGraphFormatsTests/Fixtures/interop")

    static func read(_ text: String, _ file: String = "e.ncol") -> LoadedGraph {
        Interchange.read(data: Data(text.utf8), file: file, format: GraphFormat(path: file) ?? .csv)
    }

    @Test func whitespaceListsReadLikeTheirCSV() throws {
        let spaced = Self.read("# igraph NCOL\n  a   b  2 \n\nb\tc -1\n% comment\nc a\n")
        let csv = Self.read("a,b,2\nb,c,-1\nc,a\n", "e.csv")
        #expect(!spaced.hasErrors, "\(spaced.diagnostics)")
        #expect(spaced.graph == csv.graph)
        #expect(spaced.graph.relations.map(\.weight) == [2, 1, 1])
        #expect(spaced.graph.relations.map { spaced.graph.sign(of: $0) } == [.positive, .negative, .positive])
        for ext in ["ncol", "edges", "el", "txt"] { #expect(GraphFormat(path: "x.\(ext)") == .csv && GraphFormat.isWhitespaceEdgeList("x.\(ext)")) }
        #expect(!GraphFormat.isWhitespaceEdgeList("x.csv"))
    }

    /// Diagnostics point into the original text: the column of the bad word, not of the
    /// tab-separated text the reader sees.
    @Test func positionsAreThoseOfTheOriginal() throws {
        let g = Self.read("a b 1\n  c    d   x\ne\n")
        let errors = g.diagnostics.filter { $0.severity == .error }
        #expect(errors.map(\.position) == [SourcePosition(line: 2, column: 12), SourcePosition(line: 3, column: 2)], "\(errors)")
        #expect(errors.first?.message == "weight 'x' is not a number")
    }

    /// 2,000 damaged NCOL files: never a crash, the same diagnostics twice, every error inside the
    /// text, and what reads cleanly reads back the same from CSV.
    @Test func mutatedEdgeListsNeverCrash() throws {
        let base = try String(contentsOf: Self.interop.appendingPathComponent("ig-tribes.ncol"), encoding: .utf8)
        let lines = base.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var rng = SeededGenerator(seed: 31)
        var clean = 0
        for _ in 0..<2_000 {
            var l = lines
            let i = Int.random(in: 0..<l.count, using: &rng)
            switch Int.random(in: 0..<6, using: &rng) {
            case 0: l.remove(at: i)
            case 1: l.insert(l[i], at: i)
            case 2: l[i] += [" x", "\t", "  -", " 1 2 3", " \"", "#"].randomElement(using: &rng)!
            case 3: l[i] = l[i].replacingOccurrences(of: "1", with: ["0", "nan", "1e999", "-", "\u{0}", "é"].randomElement(using: &rng)!)
            case 4: l[i] = l[i].replacingOccurrences(of: " ", with: ["\t", "   ", ",", ""].randomElement(using: &rng)!)
            default: l[i] = String(l[i].prefix(Int.random(in: 0...l[i].count, using: &rng)))
            }
            let text = l.joined(separator: "\n")
            let a = Self.read(text), b = Self.read(text)
            #expect(a.diagnostics == b.diagnostics)
            for d in a.diagnostics {
                let line = d.position?.line ?? 1, column = d.position?.column ?? 1
                #expect(line >= 1 && line <= l.count, "\(d)")
                if line <= l.count { #expect(column >= 1 && column <= l[line - 1].count + 1, "\(d) in \(l[line - 1].debugDescription)") }
            }
            if !a.hasErrors {
                clean += 1
                let again = Interchange.read(data: Data(Interchange.write(a.graph, as: .csv).utf8), file: "r.csv", format: .csv)
                #expect(again.graph.relations == a.graph.relations)
            }
        }
        #expect(clean > 100)
    }

    /// networkx's Pajek: vertex data as attributes, coordinates and shapes dropped with one
    /// warning; 2,000 damaged copies never crash and report inside the text.
    @Test func networkxPajekVertexData() throws {
        let base = try String(contentsOf: Self.interop.appendingPathComponent("nx-karate.net"), encoding: .utf8)
        let g = PajekFormat.read(text: base, file: "k.net")
        #expect(!g.hasErrors)
        #expect(g.warnings.count == 1)
        #expect(g.graph.actors.first?.attributes == ["club": .string("Mr. Hi")])
        #expect(g.graph.actors.filter { $0.attributes["club"] == .string("Officer") }.count == 17)
        let lines = base.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var rng = SeededGenerator(seed: 32)
        for _ in 0..<2_000 {
            var l = lines
            let i = Int.random(in: 0..<l.count, using: &rng)
            switch Int.random(in: 0..<5, using: &rng) {
            case 0: l.remove(at: i)
            case 1: l.insert(l[i], at: i)
            case 2: l[i] += [" club", " ic Red", " \"x", " kind party", " 3"].randomElement(using: &rng)!
            case 3: l[i] = l[i].replacingOccurrences(of: "club", with: ["kind", "", "\"club", "ic"].randomElement(using: &rng)!)
            default: l[i] = String(l[i].prefix(Int.random(in: 0...l[i].count, using: &rng)))
            }
            let text = l.joined(separator: "\n")
            let a = PajekFormat.read(text: text, file: "m.net"), b = PajekFormat.read(text: text, file: "m.net")
            #expect(a.diagnostics == b.diagnostics)
            for d in a.diagnostics { #expect((d.position?.line ?? 1) <= l.count, "\(d)") }
        }
    }
}
