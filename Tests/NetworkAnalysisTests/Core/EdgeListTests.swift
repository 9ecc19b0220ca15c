import Foundation
import NetworkAnalysis
import Testing

/// Plain edge lists: separators, headers, ids, weights, signs, and positioned errors.
@Suite struct EdgeListTests {
    func parse(_ text: String, directed: Bool = true) throws -> EdgeList {
        try EdgeList.parse(Data(text.utf8), file: "e.csv", directed: directed)
    }

    @Test func integerIdsWithHeaderWeightsAndSigns() throws {
        let e = try parse("source,target,weight,sign\n0,1,2.5,1\n1,2,1,-1\n# a comment\n\n3\t0\t4\t+1\n")
        #expect(e.lines == 3)
        #expect(e.labels == ["0", "1", "2", "3"])
        #expect(e.network.nodeCount == 4 && e.network.edgeCount == 3)
        #expect(e.network.weights == [2.5, 1, 4])
        #expect(e.network.signs == [1, -1, 1])
    }

    @Test func stringIdsInOrderOfAppearance() throws {
        let e = try parse("mqm ppp\nppp 7\nmqm mqm\n", directed: false)
        #expect(e.labels == ["mqm", "ppp", "7"])
        #expect(e.skippedSelfLoops == 1)
        #expect(e.network.edgeCount == 2 && !e.network.isDirected)
        #expect(e.network.weights == nil && e.network.signs == nil)
    }

    @Test func integersThenAStringSwitchesEveryIdToStrings() throws {
        let e = try parse("5 9\n9 x\n")
        #expect(e.labels == ["5", "9", "x"])
        #expect(e.network.nodeCount == 3)
    }

    /// igraph's NCOL and Pajek sign a tie by its weight: -2 is a negative tie of weight 2; a
    /// sign column multiplies in.
    @Test func aNegativeWeightIsANegativeTieOfItsSize() throws {
        let e = try parse("a b -2\nb c 1.5\nc a -1 -1\n")
        #expect(e.network.weights == [2, 1.5, 1])
        #expect(e.network.signs == [-1, 1, 1])
    }

    @Test func parallelEdgesAreSummed() throws {
        let e = try parse("a b 1\na b 2\n")
        #expect(e.network.edgeCount == 1 && e.network.weights == [3])
        #expect(e.lines == 2)
    }

    @Test(arguments: [
        ("a\n", "e.csv:1: a line needs at least a source and a target"),
        ("a b\nc d 0\n", "e.csv:2: weight '0' is not a positive number"),
        ("a b\nc d x\n", "e.csv:2: weight 'x' is not a positive number"),
        ("a b 1 maybe\n", "e.csv:1: sign 'maybe' is not 1, +1, -1, + or -"),
        ("a b 1 1 extra\n", "e.csv:1: 5 fields; a line holds at most 'source target weight sign'"),
    ])
    func malformedLinesAreReportedWithTheirNumber(text: String, message: String) {
        do {
            _ = try parse(text)
            Issue.record("no error for \(text)")
        } catch {
            #expect("\(error)".hasPrefix(message), "\(error)")
        }
    }

    @Test func aMissingFileIsAnError() {
        #expect(throws: EdgeList.ReadError.self) { try EdgeList.read(contentsOf: "/no/such/file.csv") }
    }
}
