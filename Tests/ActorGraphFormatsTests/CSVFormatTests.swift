import ActorGraphModel
import Foundation
import NetworkAnalysis
import Testing
@testable import ActorGraphFormats

/// CSV interchange: round trips of the example graphs, known answers for the shapes Gephi,
/// Kumu, spreadsheets and bare edge lists have, positioned errors in both files, and a seeded
/// mutation test.
@Suite struct CSVFormatTests {
    static func read(_ edges: String, nodes: String? = nil, edgesFile: String = "e.csv", nodesFile: String = "n.csv") -> LoadedGraph {
        CSVFormat.read(edges: Data(edges.utf8), edgesFile: edgesFile, nodes: nodes.map { Data($0.utf8) }, nodesFile: nodes == nil ? nil : nodesFile)
    }

    static func errors(_ loaded: LoadedGraph) -> [Diagnostic] { loaded.diagnostics.filter { $0.severity == .error } }

    // MARK: Round trips

    /// What CSV keeps of `g`: the Interchange article's "loses" column, applied.
    static func normalized(_ g: ActorGraph) -> ActorGraph {
        var out = ActorGraph()
        func attributes(_ a: [String: AttributeValue]) -> [String: AttributeValue] {
            var o: [String: AttributeValue] = [:]
            for (k, v) in a {
                let text = v.description
                if text.isEmpty { continue }
                o[k] = inferredAttribute(text)
            }
            return o
        }
        func list(_ items: [String]) -> [String] { FlatList.split(FlatList.join(items)) }
        let builtInActorKinds = Set(ActorKind.builtIns.map(\.id))
        var actorKinds = Set<String>()
        for var a in g.actors {
            if a.kind.isEmpty { a.kind = "actor" }
            if !builtInActorKinds.contains(a.kind), actorKinds.insert(a.kind).inserted {
                out.actorKindDeclarations.append(ActorKindDeclaration(id: a.kind, label: a.kind == "actor" ? "Actor" : nil))
            }
            if a.name.isEmpty { a.name = a.id }
            if a.role?.isEmpty == true { a.role = nil }
            if a.note?.isEmpty == true { a.note = nil }
            a.aliases = list(a.aliases)
            a.attributes = attributes(a.attributes)
            out.actors.append(a)
        }
        let builtInRelationKinds = Set(RelationKind.builtIns.map(\.id))
        var firstSign: [String: Sign] = [:]
        var sources = Set<String>()
        for var r in g.relations {
            let sign = g.sign(of: r)
            if !builtInRelationKinds.contains(r.kind) {
                if let s = firstSign[r.kind] {
                    r.signOverride = sign == s ? nil : sign
                } else {
                    firstSign[r.kind] = sign
                    r.signOverride = nil
                    let label: String? = r.kind == "tie" ? "Tie" : r.kind == "negative-tie" ? "Negative tie" : nil
                    out.relationKindDeclarations.append(RelationKindDeclaration(id: r.kind, label: label, sign: sign, directed: r.directed))
                }
            }
            if r.id?.isEmpty == true { r.id = nil }
            if r.note?.isEmpty == true { r.note = nil }
            r.evidence.claimedBy = list(r.evidence.claimedBy)
            r.evidence.disputedBy = list(r.evidence.disputedBy)
            r.evidence.citations = list(r.evidence.citations.map(\.description)).map { Citation(text: $0) }
            for c in r.evidence.citations where sources.insert(c.source).inserted {
                out.sources.append(Source(id: c.source, title: c.source))
            }
            r.attributes = attributes(r.attributes)
            out.relations.append(r)
        }
        return out
    }

    @Test(arguments: try exampleGraphPaths())
    func exampleGraphsRoundTrip(_ path: String) throws {
        let original = GraphFile.read(contentsOf: path)
        #expect(!original.hasErrors)
        let expected = Self.normalized(original.graph)
        for delimiter: Character in [",", "\t", ";"] {
            let (nodes, edges) = CSVFormat.write(original.graph, delimiter: delimiter)
            let back = Self.read(edges, nodes: nodes)
            #expect(Self.errors(back).isEmpty, "\(Self.errors(back).prefix(3))")
            #expect(back.graph.actors == expected.actors, "\(path) actors (delimiter \(delimiter))")
            #expect(back.graph.relations == expected.relations, "\(path) relations")
            #expect(back.graph.sources == expected.sources)
            #expect(back.graph.actorKindDeclarations == expected.actorKindDeclarations)
            #expect(back.graph.relationKindDeclarations == expected.relationKindDeclarations)
            #expect(back.graph == expected, "\(MutationTests.firstDifference(expected, back.graph))")
            // Writing what was read gives the same bytes.
            let again = CSVFormat.write(back.graph, delimiter: delimiter)
            #expect(again.nodes == nodes && again.edges == edges)
        }
        // The edges alone: actors come from the edges, in order of appearance.
        let (_, edges) = CSVFormat.write(original.graph)
        let alone = Self.read(edges)
        #expect(Self.errors(alone).isEmpty)
        #expect(alone.graph.relations == expected.relations)
    }

    @Test func adversarialTextRoundTrips() {
        var actors: [Actor] = []
        var relations: [Relation] = []
        for (i, s) in RoundTripTests.adversarial.enumerated() where !s.isEmpty {
            actors.append(Actor(id: "id-\(i)-" + s, name: s, kind: "person", aliases: [s.replacingOccurrences(of: "|", with: "/")],
                                role: s, note: s, attributes: ["attr \(s)": .string(s), "n": .number(Double(i) / 7)]))
            if actors.count > 1 {
                relations.append(Relation(kind: "conflict", source: actors[actors.count - 2].id, target: actors[actors.count - 1].id,
                                          directed: false, note: s, attributes: ["v \(s)": .string(s)]))
            }
        }
        let g = ActorGraph(actors: actors, relations: relations)
        for delimiter: Character in [",", "\t", ";"] {
            let (nodes, edges) = CSVFormat.write(g, delimiter: delimiter)
            let back = Self.read(edges, nodes: nodes)
            #expect(Self.errors(back).isEmpty, "\(Self.errors(back).prefix(3).map(\.description))")
            let expected = Self.normalized(g)
            for (a, b) in zip(back.graph.actors, expected.actors) where a != b {
                Issue.record("actor \(b.id.debugDescription) came back as \(a)")
            }
            for (a, b) in zip(back.graph.relations, expected.relations) where a != b {
                Issue.record("relation \(b.source.debugDescription) came back as \(a)")
            }
            #expect(back.graph.actors.count == expected.actors.count && back.graph.relations.count == expected.relations.count)
        }
    }

    /// Attribute names that are column names or aliases stay attributes (renamed only where the
    /// native format has a key of that name).
    @Test func attributesNamedLikeColumnsStayAttributes() {
        let g = ActorGraph(actors: [
            Actor(id: "a", kind: "person", attributes: ["label": .string("L"), "description": .string("D"), "id": .number(5)]),
            Actor(id: "b", kind: "person"),
        ], relations: [
            Relation(kind: "conflict", source: "a", target: "b", directed: false,
                     attributes: ["value": .number(3), "directed": .string("maybe"), "from": .string("x"), "Type": .string("Directed"), "source": .string("s")]),
        ])
        let (nodes, edges) = CSVFormat.write(g)
        let back = Self.read(edges, nodes: nodes)
        #expect(Self.errors(back).isEmpty, "\(back.diagnostics)")
        #expect(back.graph.actors == Self.normalized(g).actors)
        // `from` is a key of the native format, which cannot carry an attribute of that name: it
        // comes back as `from-2`, with a warning at its column.
        var expected = Self.normalized(g).relations
        expected[0].attributes["from-2"] = expected[0].attributes.removeValue(forKey: "from")
        #expect(back.graph.relations == expected)
        #expect(back.diagnostics.contains { $0.severity == .warning && $0.message.contains("read as the attribute 'from-2'") })
    }

    // MARK: Known answers

    @Test func gephiExport() {
        let nodes = "Id,Label,timeset,club\n1,Mr Hi,,Officer\n2,John A,,Mr Hi\n3,Three,,\n"
        let edges = "Source,Target,Type,Id,Label,timeset,Weight\n1,2,Undirected,0,,,1.0\n2,3,Undirected,1,friend,,2.5\n"
        let loaded = Self.read(edges, nodes: nodes)
        #expect(Self.errors(loaded).isEmpty, "\(loaded.diagnostics)")
        let g = loaded.graph
        #expect(g.actors.map(\.id) == ["1", "2", "3"])
        #expect(g.actors[0].name == "Mr Hi" && g.actors[0].kind == "actor" && g.actors[0].attributes == ["club": .string("Officer")])
        #expect(g.actors[2].attributes.isEmpty)
        #expect(g.relations.count == 2)
        #expect(g.relations[0] == Relation(id: "0", kind: "tie", source: "1", target: "2", directed: false))
        #expect(g.relations[1] == Relation(id: "1", kind: "tie", source: "2", target: "3", directed: false, weight: 2.5,
                                           attributes: ["Label": .string("friend")]))
        #expect(g.relationKindDeclarations == [RelationKindDeclaration(id: "tie", label: "Tie", sign: .positive, directed: false)])
        // Directed Gephi edges.
        let directed = Self.read("Source,Target,Type\n1,2,Directed\n")
        #expect(directed.graph.relations.first?.directed == true)
        #expect(directed.graph.actors.map(\.id) == ["1", "2"])
    }

    @Test func kumuExport() {
        let elements = "Label,Type,Description,Tags\nMQM,party,Muttahida Qaumi Movement,urban|karachi\nPPP,party,,\nLyari gangs,gang,,\n"
        let connections = "From,To,Type,Strength\nMQM,PPP,coalition,3\nPPP,Lyari gangs,patronage,\n"
        let loaded = Self.read(connections, nodes: elements)
        #expect(Self.errors(loaded).isEmpty, "\(loaded.diagnostics)")
        let g = loaded.graph
        #expect(g.actors.map(\.id) == ["MQM", "PPP", "Lyari gangs"])
        #expect(g.actors[0].name == "MQM" && g.actors[0].kind == "party" && g.actors[0].note == "Muttahida Qaumi Movement")
        #expect(g.actors[0].attributes == ["Tags": .string("urban|karachi")])
        #expect(g.relations[0].kind == "coalition" && g.relations[0].attributes == ["Strength": .number(3)] && !g.relations[0].directed)
        #expect(g.relations[1].kind == "patronage" && g.relations[1].directed)
    }

    @Test func semicolonTabAndQuoting() {
        let semi = Self.read("source;target;weight;note\na;b;2.5;\"x; y\"\n")
        #expect(Self.errors(semi).isEmpty)
        #expect(semi.graph.relations.first?.weight == 2.5 && semi.graph.relations.first?.note == "x; y")
        let tab = Self.read("Source\tTarget\tkind\nMQM Haqiqi\tMQM\tconflict\n")
        #expect(Self.errors(tab).isEmpty)
        #expect(tab.graph.relations.first?.source == "MQM Haqiqi" && tab.graph.relations.first?.kind == "conflict")
        // A byte-order mark, CRLF, a quoted line break and doubled quotes, blank lines, spaces.
        let quoted = Self.read("\u{FEFF}from,to,note\r\n\r\n\"a, inc\" , b ,\"line1\r\nline2 \"\"q\"\"\"\r\n")
        #expect(Self.errors(quoted).isEmpty, "\(quoted.diagnostics)")
        #expect(quoted.graph.relations.first?.source == "a, inc" && quoted.graph.relations.first?.target == "b")
        #expect(quoted.graph.relations.first?.note == "line1\r\nline2 \"q\"")
    }

    @Test func bareEdgeLists() {
        let two = Self.read("a,b\nb,c\n\n")
        #expect(Self.errors(two).isEmpty)
        #expect(two.graph.actors.map(\.id) == ["a", "b", "c"])
        #expect(two.graph.relations.map(\.kind) == ["tie", "tie"] && two.graph.relations.allSatisfy { !$0.directed })
        let signed = Self.read("1\t2\t3\n2\t3\t-2\n3\t1\t1\t-1\n")
        #expect(Self.errors(signed).isEmpty, "\(signed.diagnostics)")
        #expect(signed.graph.relations.map(\.kind) == ["tie", "negative-tie", "negative-tie"])
        #expect(signed.graph.relations.map(\.weight) == [3, 2, 1])
        // Every field of a full header.
        let full = Self.read("""
            id,source,target,kind,directed,sign,weight,since,until,confidence,claimed-by,disputed-by,cite,note,extra
            r1,a,b,feud,false,negative,2,2009,2010-01-07,0.5,a,b,cable ¶3|memo,n,true
            r2,b,c,feud,false,,,,,high,,,,,
            """)
        #expect(Self.errors(full).isEmpty, "\(full.diagnostics)")
        let r = full.graph.relations[0]
        #expect(r.id == "r1" && r.kind == "feud" && r.signOverride == nil && r.weight == 2)
        #expect(r.since == PartialDate("2009") && r.until == PartialDate("2010-01-07"))
        #expect(r.evidence == Evidence(citations: [Citation(source: "cable", locator: "¶3"), Citation(source: "memo")],
                                       claimedBy: ["a"], disputedBy: ["b"], confidence: .value(0.5)))
        #expect(r.note == "n" && r.attributes == ["extra": .bool(true)])
        #expect(full.graph.relationKindDeclarations == [RelationKindDeclaration(id: "feud", sign: .negative, directed: false)])
        #expect(full.graph.sources.map(\.id) == ["cable", "memo"])
        #expect(full.graph.relations[1].evidence.confidence == .high)
    }

    @Test func nodesPaths() {
        #expect(CSVFormat.nodesPath(forEdges: "data/karachi.edges.csv") == "data/karachi.nodes.csv")
        #expect(CSVFormat.nodesPath(forEdges: "edges.tsv") == "nodes.tsv")
        #expect(CSVFormat.nodesPath(forEdges: "x/Edges.csv") == "x/Nodes.csv")
        #expect(CSVFormat.nodesPath(forEdges: "karachi.csv") == "karachi.nodes.csv")
        #expect(CSVFormat.nodesPath(forEdges: "/tmp/list") == "/tmp/list.nodes")
        #expect(CSVFormat.nodesPath(forEdges: "edges/edges_2010.csv") == "edges/nodes_2010.csv")
    }

    @Test func plainEdgeLists() {
        func plain(_ s: String) -> Bool { CSVFormat.isPlainEdgeList(Data(s.utf8)) }
        #expect(plain("a,b\nb,c\n"))
        #expect(plain("source,target,weight\na,b,2\n"))
        #expect(plain("from\tto\na\tb\n"))
        #expect(plain("1 2\n") == false) // one cell: spaces are not a CSV delimiter
        #expect(plain("u,v,weight,sign\n1,2,1,-1\n"))
        #expect(!plain("source,target,kind\na,b,alliance\n"))
        #expect(!plain("target,source\na,b\n"))
        #expect(!plain("a;b\n"))
        #expect(!plain("\"a\",b\n"))
        #expect(!plain("a b,c\n"))
        #expect(!plain("a,b,heavy\n"))
        #expect(!plain(""))
    }

    // MARK: Positioned errors

    static func expectError(_ loaded: LoadedGraph, file: String = "e.csv", at line: Int, _ column: Int, _ substance: String,
                            sourceLocation: SourceLocation = #_sourceLocation) {
        let hit = loaded.diagnostics.first { $0.severity == .error && $0.message.contains(substance) }
        #expect(hit != nil, "no error containing '\(substance)' in \(loaded.diagnostics.map(\.description))", sourceLocation: sourceLocation)
        #expect(hit?.position == SourcePosition(line: line, column: column), "\(hit?.description ?? "")", sourceLocation: sourceLocation)
        #expect(hit?.file == file, sourceLocation: sourceLocation)
    }

    @Test func errorsInTheEdgesFile() {
        Self.expectError(Self.read("source,target,weight\na,b,heavy\n"), at: 2, 5, "weight 'heavy' is not a number")
        Self.expectError(Self.read("source,target,since\na,b,2010\nb,c,2010-13\n"), at: 3, 5, "month 13")
        Self.expectError(Self.read("source,target\na,b,c\n"), at: 2, 5, "this row has 3 cells")
        Self.expectError(Self.read("source,target\na\n"), at: 2, 2, "no target")
        Self.expectError(Self.read("source,target,note\na,b,\"open\nc,d\n"), at: 2, 5, "never closed")
        Self.expectError(Self.read("source,target,note\na,b,\"x\"y\n"), at: 2, 8, "after the closing quote")
        Self.expectError(Self.read("source,target,sign\né,b,maybe\n"), at: 2, 5, "'maybe' is not a sign")
        Self.expectError(Self.read("source,target,confidence\na,b,sure\n"), at: 2, 5, "confidence 'sure'")
        Self.expectError(Self.read("source,target,directed\na,b,perhaps\n"), at: 2, 5, "not true or false")
        Self.expectError(Self.read("source,target\na,a\n"), at: 2, 3, "self-loop")
        Self.expectError(Self.read("source,target,weight\na,b,-1\nb,c,0\n"), at: 3, 5, "weight 0 is not a positive number")
        Self.expectError(Self.read("a,b,c,d,e\n"), at: 1, 9, "without a header")
        Self.expectError(Self.read("sourse,target,kind\na,b,alliance\n"), at: 1, 1, "no 'source' column")
        Self.expectError(Self.read("id,name,kind\na,A,party\n"), at: 1, 1, "looks like a nodes file")
        Self.expectError(Self.read(""), at: 1, 1, "empty")
        var bad = Data("source,target\na,b\nc,".utf8)
        bad.append(contentsOf: [0xC3, 0x28])
        Self.expectError(CSVFormat.read(edges: bad, edgesFile: "e.csv", nodes: nil, nodesFile: nil), at: 3, 3, "not valid UTF-8")
        // Problems are all reported, in order.
        let many = Self.read("source,target,weight\na,b,x\nb,c,y\nc,d,2\n")
        #expect(Self.errors(many).map { $0.position?.line } == [2, 3])
    }

    @Test func errorsInTheNodesFileAndAcrossFiles() {
        let nodes = "id,name,kind\nmqm,MQM,party\nppp,PPP,party\nmqm,again,party\n"
        // An unknown actor in row 3 of the edges file: at its target cell, with a suggestion.
        let unknown = Self.read("source,target,kind\nmqm,ppp,coalition\nppp,mqq,conflict\n", nodes: nodes)
        Self.expectError(unknown, at: 3, 5, "unknown actor 'mqq'")
        #expect(unknown.diagnostics.first { $0.message.contains("mqq") }?.fix?.contains("did you mean 'mqm'") == true)
        // The duplicate id is the nodes file's, at its id cell, and comes first.
        Self.expectError(unknown, file: "n.csv", at: 4, 1, "duplicate actor id 'mqm'")
        #expect(unknown.diagnostics.first?.file == "n.csv")
        // Syntax errors in the nodes file name it.
        Self.expectError(Self.read("source,target\na,b\n", nodes: "id,name\na,\"A\nb,B\n"), file: "n.csv", at: 2, 3, "never closed")
        Self.expectError(Self.read("source,target\na,b\n", nodes: "id,name\na,A,extra\nb,B\n"), file: "n.csv", at: 2, 5, "this row has 3 cells")
        Self.expectError(Self.read("source,target\na,b\n", nodes: "ident,nom\na,A\n"), file: "n.csv", at: 1, 1, "header with an 'id' column")
        Self.expectError(Self.read("source,target\na,b\n", nodes: "source,target\na,b\n"), file: "n.csv", at: 1, 1, "looks like an edges file")
        Self.expectError(Self.read("source,target\na,b\n", nodes: "id,name\na,A\n,B\n"), file: "n.csv", at: 3, 1, "no actor id")
        // A kind typo in the nodes file: a warning there.
        let typo = Self.read("source,target\na,b\n", nodes: "id,kind\na,partty\nb,party\n")
        #expect(typo.diagnostics.contains { $0.file == "n.csv" && $0.position == SourcePosition(line: 2, column: 3) && $0.message.contains("partty") })
    }

    @Test func diagnosticsAreCapped() {
        let rows = (0..<250).map { "a\($0),b\($0),x" }.joined(separator: "\n")
        let loaded = Self.read("source,target,weight\n" + rows)
        #expect(loaded.diagnostics.count == CSVFormat.diagnosticLimit + 1)
        #expect(loaded.diagnostics.last?.message.contains("150 more errors") == true)
        #expect(loaded.diagnostics.last?.position == SourcePosition(line: 102, column: 11))
    }

    /// The fast path for large imports (actors resolved by the reader, repeats found on the
    /// second core) gives exactly the issues of the plain validator, in the same order.
    @Test func resolvedValidationMatchesThePlainOne() {
        var rng = SeededGenerator(seed: 42)
        let actors = (0..<2_000).map { Actor(id: "a\($0)", kind: $0 % 7 == 0 ? "gang" : "party") }
        var relations: [Relation] = []
        for i in 0..<120_000 {
            let s = rng.below(2_100), t = rng.below(2_100) // some unknown, some self-loops
            var r = Relation(kind: ["alliance", "conflict", "support", "nope"][rng.below(4)], source: "a\(s)", target: "a\(t)",
                             directed: rng.below(2) == 0, weight: Double(1 + rng.below(3)))
            if i % 1_000 == 7 { r.weight = -1 }
            relations.append(r)
            if rng.below(50) == 0 { relations.append(r) } // an exact repeat
        }
        let g = ActorGraph(actors: actors, relations: relations)
        let index = g.actorIndex()
        let ends = (sources: relations.map { Int32(index[$0.source] ?? -1) }, targets: relations.map { Int32(index[$0.target] ?? -1) })
        let plain = g.validate()
        let fast = g.validate(resolvedEnds: ends)
        #expect(plain.count > 1_000 && plain.contains { $0.message.contains("repeats an earlier one") })
        #expect(fast == plain)
    }

    /// A large file read in two halves on two cores gives what one pass gives.
    @Test func twoHalvesReadAsOne() {
        var rng = SeededGenerator(seed: 7)
        var text = "source,target,kind,weight,claimed-by,note\n"
        for i in 0..<60_000 {
            let s = rng.below(30_000), t = rng.below(30_000)
            let weight = i % 9_000 == 5 ? "heavy" : String(1 + rng.below(4))
            let claimant = rng.below(10) == 0 ? "c\(rng.below(40_000))" : ""
            text += i % 13_000 == 3 ? "x\(s),,tie\n" : "a\(s),a\(t),\(["tie", "alliance", "feud"][rng.below(3)]),\(weight),\(claimant),n\n"
        }
        let data = Data(text.utf8)
        let split = CSVFormat.read(edges: data, edgesFile: "e.csv", nodes: nil, nodesFile: nil, splitBytes: 1 << 16)
        let whole = CSVFormat.read(edges: data, edgesFile: "e.csv", nodes: nil, nodesFile: nil, splitBytes: .max)
        #expect(!whole.diagnostics.isEmpty && whole.graph.relations.count > 50_000)
        #expect(split.diagnostics == whole.diagnostics)
        #expect(split.graph == whole.graph)
        #expect(split.graph.actors.map(\.id) == whole.graph.actors.map(\.id))
    }

    // MARK: Mutations

    struct Base {
        var name: String
        var nodes: [UInt8]
        var edges: [UInt8]
    }

    static let bases: [Base] = {
        var out: [Base] = []
        for path in (try? exampleGraphPaths()) ?? [] {
            let g = GraphFile.read(contentsOf: path).graph
            for (k, d) in [",", "\t", ";"].enumerated() {
                let (n, e) = CSVFormat.write(g, delimiter: Character(d))
                out.append(Base(name: (path as NSString).lastPathComponent + "#\(k)", nodes: Array(n.utf8), edges: Array(e.utf8)))
            }
        }
        return out
    }()

    enum Damage: CaseIterable { case deleteLine, duplicateLine, swapLines, truncate, insertBytes, replaceCell, swapCells, flipByte }

    static let junk: [[UInt8]] = MutationKind.junk + [[0x2C], [0x3B], [0x09], [0x22], [0x22, 0x22], [0x7C], Array("\",\"".utf8)]
    static let cellValues = ["", "-1", "0", "nan", "1e999", "-0", "\"", "\"\"", "x|y|", "true", "2010-02-30", "low", "negative",
                             "+", "unknown-actor", String(repeating: "long ", count: 300), "directed", "Undirected", " ", "a,b"]

    static func damage(_ bytes: inout [UInt8], _ kind: Damage, _ rng: inout SeededGenerator) -> String {
        var lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
        func join() { bytes = Array(lines.joined(separator: [0x0A])) }
        switch kind {
        case .deleteLine:
            let i = rng.below(lines.count); lines.remove(at: i); join(); return "delete line \(i + 1)"
        case .duplicateLine:
            let i = rng.below(lines.count); lines.insert(lines[i], at: i); join(); return "duplicate line \(i + 1)"
        case .swapLines:
            let i = rng.below(lines.count), j = rng.below(lines.count); lines.swapAt(i, j); join(); return "swap lines \(i + 1), \(j + 1)"
        case .truncate:
            let n = rng.below(bytes.count + 1); bytes.removeSubrange(n...); return "truncate to \(n)"
        case .insertBytes:
            let at = rng.below(bytes.count + 1)
            var inserted: [UInt8] = []
            for _ in 0..<(1 + rng.below(4)) { inserted += junk[rng.below(junk.count)] }
            bytes.insert(contentsOf: inserted, at: at)
            return "insert \(inserted) at \(at)"
        case .replaceCell, .swapCells:
            let i = rng.below(lines.count)
            var cells = lines[i].split(separator: 0x2C, omittingEmptySubsequences: false).map(Array.init)
            if kind == .replaceCell {
                let k = rng.below(cells.count)
                cells[k] = Array(cellValues[rng.below(cellValues.count)].utf8)
            } else if cells.count > 1 {
                let k = rng.below(cells.count - 1); cells.swapAt(k, k + 1)
            }
            lines[i] = Array(cells.joined(separator: [0x2C]))
            join()
            return "\(kind) on line \(i + 1)"
        case .flipByte:
            guard !bytes.isEmpty else { return "nothing" }
            let at = rng.below(bytes.count)
            bytes[at] = rng.below(2) == 0 ? UInt8(0x20 + rng.below(0x5F)) : bytes[at] ^ (1 << UInt8(rng.below(8)))
            return "flip byte \(at)"
        }
    }

    static func lineCount(_ bytes: [UInt8]) -> Int { bytes.reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) } }

    @Test(arguments: Damage.allCases)
    func mutatedFilesAreReportedWithPositions(_ kind: Damage) {
        var failures: [String] = []
        var clean = 0
        for seed in 0..<256 {
            var rng = SeededGenerator(seed: 0xC5F_0000 &+ UInt64(seed) &* 977 &+ UInt64(Damage.allCases.firstIndex(of: kind)!))
            let base = Self.bases[seed % Self.bases.count]
            var nodes = base.nodes, edges = base.edges
            // Mostly the edges file; every fourth variant damages the nodes file; every third reads the edges alone.
            let what = seed % 4 == 3 ? Self.damage(&nodes, kind, &rng) : Self.damage(&edges, kind, &rng)
            let withNodes = seed % 3 != 0
            let label = "seed \(seed) \(base.name) \(seed % 4 == 3 ? "nodes" : "edges"): \(what)"
            func read() -> LoadedGraph {
                CSVFormat.read(edges: Data(edges), edgesFile: "e.csv", nodes: withNodes ? Data(nodes) : nil, nodesFile: withNodes ? "n.csv" : nil)
            }
            let first = read()
            if seed % 4 == 0, read().diagnostics != first.diagnostics { failures.append("\(label): not deterministic") }
            for d in first.diagnostics where d.severity == .error {
                guard let p = d.position else { failures.append("\(label): no position: \(d)"); continue }
                let limit = d.file == "n.csv" ? Self.lineCount(nodes) : Self.lineCount(edges)
                if p.line < 1 || p.column < 1 || p.line > limit { failures.append("\(label): position beyond the file: \(d)") }
            }
            if first.hasErrors { continue }
            clean += 1
            let (n, e) = CSVFormat.write(first.graph)
            let again = Self.read(e, nodes: n)
            if again.hasErrors {
                failures.append("\(label): the rewrite does not read back: \(Self.errors(again).prefix(2).map(\.description))")
            } else if again.graph != first.graph {
                failures.append("\(label): the rewrite reads back differently: \(MutationTests.firstDifference(first.graph, again.graph))")
            }
        }
        #expect(failures.isEmpty, "\(failures.count) failures; first: \(failures.prefix(8).joined(separator: "\n"))")
        print("CSV mutations \(kind): 256 variants, \(clean) read cleanly and round-tripped")
    }

    // MARK: Columns named like native fields

    /// A column that repeats a native field, or is named like one the file cannot carry, becomes
    /// an attribute with a free name (`kind-2`), with a positioned warning: the native rewrite has
    /// each key once and reads back the same graph (the fuzzer's finding, FuzzTesting/FailCases/csv/).
    @Test(arguments: [
        ("source,target,kind,x,kind\na,b,ally,1,foe\n", 5, "kind-2", "foe"),
        ("source,target,from\na,b,c\n", 3, "from-2", "c"),
        ("source,target,between,between-2\na,b,c,d\n", 3, "between-3", "c"),
        ("from,to,source\na,b,c\n", 1, "from-2", "a"),
    ])
    func columnNamedLikeANativeFieldBecomesAFreeAttribute(csv: String, column: Int, attribute: String, value: String) throws {
        let loaded = Self.read(csv)
        #expect(!loaded.hasErrors, "\(loaded.diagnostics)")
        let warning = try #require(loaded.diagnostics.first { $0.severity == .warning && $0.message.contains("'\(attribute)'") })
        #expect(warning.position == SourcePosition(line: 1, column: csv.split(separator: "\n")[0].split(separator: ",", omittingEmptySubsequences: false)
            .prefix(column - 1).reduce(1) { $0 + $1.count + 1 }))
        let relation = try #require(loaded.graph.relations.first)
        #expect(relation.attributes[attribute]?.description == value)
        for syntax in [NativeSyntax.yaml, .json] {
            let text = GraphWriter.write(loaded.graph, as: syntax)
            let again = GraphFile.read(data: Data(text.utf8), file: "g", syntax: syntax)
            #expect(!again.hasErrors, "\(syntax): \(again.diagnostics)")
            #expect(again.graph.relations.map(\.attributes) == loaded.graph.relations.map(\.attributes))
        }
    }

    /// A repeat in another case keeps its name (the native keys are lowercase) but is still named.
    @Test func repeatInAnotherCaseIsKeptWithAWarning() {
        let loaded = Self.read("source,target,kind,Kind\na,b,ally,foe\n")
        #expect(loaded.graph.relations.first?.attributes["Kind"]?.description == "foe")
        #expect(loaded.diagnostics.contains { $0.severity == .warning && $0.message.contains("column 4 ('Kind')") })
    }

    /// The nodes file: a second `name` column is the attribute `name-2`.
    @Test func nodesColumnNamedLikeANativeField() {
        let loaded = Self.read("source,target\na,b\n", nodes: "id,name,kind,name\na,A,party,Alpha\nb,B,party,Beta\n")
        #expect(!loaded.hasErrors, "\(loaded.diagnostics)")
        #expect(loaded.graph.actors.first?.attributes["name-2"]?.description == "Alpha")
        #expect(loaded.diagnostics.contains { $0.file == "n.csv" && $0.position == SourcePosition(line: 1, column: 14) })
    }
}
