import ActorGraphFormats
import ActorGraphModel
import Foundation
import Testing

/// Hostile nesting gives every reader one positioned error, never a stack overflow. Each of these
/// inputs crashed the process (SIGSEGV in a recursive walk or a recursive free) before the limits:
/// DOT in DOTScanner's statement parser, GraphML and GEXF in freeing the element tree, YAML in
/// converting a chain of aliases.
@Suite struct NestingDepthTests {
    /// The one diagnostic of reading `text` as `format` from `file`, printed.
    private func diagnostics(_ text: String, file: String, format: GraphFormat) -> [String] {
        Interchange.read(data: Data(text.utf8), file: file, format: format).diagnostics.map(\.description)
    }

    @Test func fiftyThousandNestedSubgraphsInDOT() {
        let n = 50_000
        let dot = "digraph {\n" + String(repeating: "subgraph {", count: n) + "a" + String(repeating: "}", count: n) + "\n}\n"
        let d = diagnostics(dot, file: "deep.dot", format: .dot)
        // The graph's own '{' is the first level, so the 64th subgraph's '{' (column 640) is the 65th.
        #expect(d == ["deep.dot:2:640: error: the DOT nests '{' deeper than 64 levels here (subgraphs or groups of edge ends inside one another); "
                      + "a graph needs only a few levels of subgraphs; check that every '{' is closed by a '}', and flatten the nesting"])
    }

    @Test func aHundredThousandNestedEdgeGroupsInDOT() {
        let n = 100_000
        let dot = "digraph {\n a -> " + String(repeating: "{", count: n) + "b" + String(repeating: "}", count: n) + "\n}\n"
        let d = diagnostics(dot, file: "deep.dot", format: .dot)
        #expect(d.count == 1 && d[0].hasPrefix("deep.dot:2:70: error: the DOT nests '{' deeper than 64 levels"))
        // With a NUL as well, the NUL is reported, found by the (bounded) scanner.
        let withNul = diagnostics(dot + "\0", file: "deep.dot", format: .dot)
        #expect(withNul == ["deep.dot:4:1: error: the file holds a NUL character, which DOT cannot hold; delete it"])
    }

    @Test func bracesInStringsCommentsAndHTMLDoNotCountInDOT() {
        let braces = String(repeating: "{", count: 200)
        let dot = """
            digraph {
              // \(braces)
              /* \(braces) */
            # \(braces)
              a [note="\(braces) \\" \(braces)", role=<<b>\(braces)</b>>]
              a -> { b -> { c } }
            }
            """
        let loaded = Interchange.read(data: Data(dot.utf8), file: "ok.dot", format: .dot)
        #expect(!loaded.hasErrors, "\(loaded.diagnostics.map(\.description))")
        #expect(loaded.graph.relations.count == 3)
        // Exactly at the limit reads; one more level is refused.
        let atLimit = "digraph {" + String(repeating: "{", count: 63) + "a" + String(repeating: "}", count: 63) + "}"
        #expect(!Interchange.read(data: Data(atLimit.utf8), file: "d.dot", format: .dot).hasErrors)
        let beyond = "digraph {" + String(repeating: "{", count: 64) + "a" + String(repeating: "}", count: 64) + "}"
        #expect(diagnostics(beyond, file: "d.dot", format: .dot).first?.hasPrefix("d.dot:1:73: error: the DOT nests") == true)
    }

    /// Not nesting, but the same stack: cgraph's grammar chains edges right-recursively, so a
    /// statement of some thousands of edges exhausts its parser's stack; the error says so.
    @Test func aVeryLongEdgeChainInDOT() {
        let dot = "digraph {\n" + (0..<5_000).map { "n\($0)" }.joined(separator: " -> ") + "\n}\n"
        let d = diagnostics(dot, file: "chain.dot", format: .dot)
        #expect(d.count == 1 && d[0].hasPrefix("chain.dot:2:") && d[0].contains("chains more nodes than its stack holds")
                && d[0].hasSuffix("split the chain 'a -> b -> c -> …' into several statements, e.g. one edge a line"), "\(d)")
        let fine = "digraph {\n" + (0..<1_000).map { "n\($0)" }.joined(separator: " -> ") + "\n}\n"
        let loaded = Interchange.read(data: Data(fine.utf8), file: "fine.dot", format: .dot)
        #expect(!loaded.hasErrors && loaded.graph.relations.count == 999)
    }

    @Test func aHundredThousandNestedElementsInGraphMLAndGEXF() {
        let n = 100_000
        let inner = String(repeating: "<x>", count: n) + String(repeating: "</x>", count: n)
        let graphml = "<?xml version=\"1.0\"?>\n<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n<graph edgedefault=\"directed\">"
            + inner + "</graph></graphml>\n"
        let g = diagnostics(graphml, file: "deep.graphml", format: .graphml)
        // graphml and graph are two levels; the 255th <x> is the 257th.
        #expect(g == ["deep.graphml:3:793: error: the GraphML nests elements deeper than 256 levels here; "
                      + "a GraphML file needs only a few levels; check that every element is closed (every <node>, <edge> and <data>)"])
        let gexf = "<?xml version=\"1.0\"?>\n<gexf xmlns=\"http://gexf.net/1.3\" version=\"1.3\">\n<graph>" + inner + "</graph></gexf>\n"
        let x = diagnostics(gexf, file: "deep.gexf", format: .gexf)
        #expect(x.count == 1 && x[0].hasPrefix("deep.gexf:3:770: error: the GEXF nests elements deeper than 256 levels here"))
    }

    @Test func anEarlierXMLErrorIsStillTheOneReported() {
        let graphml = "<graphml>\n<graph a=\"1\" a=\"2\">" + String(repeating: "<x>", count: 1_000) + "\n"
        let g = diagnostics(graphml, file: "e.graphml", format: .graphml)
        #expect(g.count == 1 && g[0].hasPrefix("e.graphml:2:") && g[0].contains("an attribute is given twice"))
    }

    @Test func aChainOfAliasesInYAML() {
        // Each anchored list holds an alias of the one before: two levels of text, 100,000 composed.
        var lines = ["x0: &a0 [1]"]
        for k in 1..<100_000 { lines.append("x\(k): &a\(k) [*a\(k - 1)]") }
        let loaded = GraphFile.read(data: Data(lines.joined(separator: "\n").utf8), file: "chain.yaml", syntax: .yaml)
        #expect(loaded.diagnostics.map(\.description) == [
            "chain.yaml:64:12: error: the YAML nests deeper than 64 levels here (aliases count as the values they repeat); "
            + "an ActorGraph file needs only a few levels (actors → id → fields); check the brackets and indentation"])
        // Block collections too.
        var block = ["a0: &a0\n  - 1"]
        for k in 1..<5_000 { block.append("a\(k): &a\(k)\n  - *a\(k - 1)") }
        let b = GraphFile.read(data: Data(block.joined(separator: "\n").utf8), file: "b.yaml", syntax: .yaml)
        #expect(b.diagnostics.count == 1 && b.diagnostics[0].description.contains("nests deeper than 64 levels"))
    }

    @Test func ordinaryAliasesStillRead() {
        let yaml = """
            actorgraph: 1
            sources:
              cable: { title: "A cable" }
            actors:
              a: { kind: party }
              b: { kind: party }
              c: { kind: party }
            relations:
              - between: [a, b]
                kind: alliance
                cite: &common
                  - cable 2010
                  - cable 2011
              - between: [b, c]
                kind: alliance
                cite: *common
            """
        let loaded = GraphFile.read(data: Data(yaml.utf8), file: "ok.yaml", syntax: .yaml)
        #expect(!loaded.hasErrors, "\(loaded.diagnostics.map(\.description))")
        #expect(loaded.graph.relations.map(\.evidence.citations.count) == [2, 2])
    }

    @Test func deepJSONAndNodeLink() {
        let deep = "{\"nodes\": " + String(repeating: "[", count: 100_000)
        let d = diagnostics(deep, file: "deep.node-link.json", format: .nodeLink)
        #expect(d == ["deep.node-link.json:1:74: error: invalid JSON: nesting deeper than 64 levels here; "
                      + "a graph file needs only a few levels; check that every '[' and '{' is closed where it should be"])
        let native = GraphFile.read(data: Data(("{\"actors\": " + String(repeating: "{\"a\": ", count: 100_000)).utf8),
                                    file: "deep.json", syntax: .json)
        #expect(native.diagnostics.count == 1 && native.diagnostics[0].description.hasPrefix("deep.json:1:"))
    }

    /// CSV, Pajek and whitespace edge lists have no nesting: brackets are text, read without
    /// recursion however many there are.
    @Test func flatFormatsTakeBracketsAsText() {
        let brackets = String(repeating: "{[<(", count: 25_000)
        let csv = Interchange.read(data: Data("source,target\na,\(brackets)\n".utf8), file: "f.csv", format: .csv)
        #expect(!csv.hasErrors && csv.graph.relations.count == 1)
        let ncol = Interchange.read(data: Data("a \(brackets)\n".utf8), file: "f.ncol", format: .csv)
        #expect(!ncol.hasErrors && ncol.graph.relations.count == 1)
        let pajek = Interchange.read(data: Data("*Vertices 2\n1 \"a\"\n2 \"\(brackets)\"\n*Arcs\n1 2 1\n".utf8), file: "f.net", format: .pajek)
        #expect(!pajek.hasErrors && pajek.graph.relations.count == 1)
    }
}
