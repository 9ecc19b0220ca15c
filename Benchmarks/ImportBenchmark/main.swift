// Import benchmark: CSVFormat reading and writing a large edge list (the researcher case: 5M edges
// `source,target,kind,sign,weight` with string ids, ~1M distinct actors), with records in the
// JSON schema of Benchmarks/peers/table.py so the peers' import times sit beside ours.
//
//   ImportBenchmark [--file .build-bench/import/edges-5m.csv] [--edges 5000000] [--actors 1000000]
//                   [--repeats 3] [--threads 2] [--json .build-bench/import-actorgraph.json]
//
// --threads only labels the records (the reader uses two threads for large files), so that
// Benchmarks/peers/table.py pairs them with the peers' records of the same run.
//
// The file is generated (seeded SplitMix64, so the same bytes every time) unless it exists with
// the size the manifest beside it records. Ids are `a<number>`; sources are uniform over the
// actors, targets skewed towards low numbers (u² · actors), as hubs are in real networks. Kinds:
// alliance, conflict, support, rivalry and tie (a kind that is not built in); every tenth edge
// has an explicit sign; weights 0.5 to 5 in steps of 0.5; no self-loops.
import ActorGraphFormats
import ActorGraphModel
import Foundation
import NetworkAnalysis

func say(_ line: String) { FileHandle.standardError.write(Data((line + "\n").utf8)) }

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

var options: [String: String] = ["file": ".build-bench/import/edges-5m.csv", "edges": "5000000", "actors": "1000000",
                                 "repeats": "3", "json": ".build-bench/import-actorgraph.json", "graph": "csv5m", "threads": "2"]
var arguments = CommandLine.arguments.dropFirst()
while let flag = arguments.popFirst() {
    guard flag.hasPrefix("--"), let value = arguments.popFirst() else {
        say("usage: ImportBenchmark [--file F] [--edges N] [--actors N] [--repeats R] [--threads T] [--json OUT] [--graph NAME]")
        exit(2)
    }
    options[String(flag.dropFirst(2))] = value
}
let path = options["file"]!
let edgeCount = Int(options["edges"]!) ?? 5_000_000
let actorCount = Int(options["actors"]!) ?? 1_000_000
let repeats = max(1, Int(options["repeats"]!) ?? 3)
let graphName = options["graph"]!

/// The CSV text, deterministic for (edges, actors).
func generate(edges: Int, actors: Int) -> Data {
    var rng = SeededGenerator(seed: 0xC5_0000 &+ UInt64(edges) &* 31 &+ UInt64(actors))
    func unit() -> Double { Double(rng.next() >> 11) / Double(1 << 53) }
    let kinds = ["alliance", "conflict", "support", "rivalry", "tie"]
    var out = [UInt8]()
    out.reserveCapacity(edges * 40)
    out += Array("source,target,kind,sign,weight\n".utf8)
    func number(_ x: Int) { out += Array(String(x).utf8) }
    for _ in 0..<edges {
        let s = Int(unit() * Double(actors))
        var t = Int(unit() * unit() * Double(actors))
        if t == s { t = (s + 1) % actors }
        out.append(UInt8(ascii: "a")); number(s); out.append(44)
        out.append(UInt8(ascii: "a")); number(t); out.append(44)
        let kind = Int(rng.next() % 5)
        out += Array(kinds[kind].utf8); out.append(44)
        if rng.next() % 10 == 0 { out += Array((rng.next() % 2 == 0 ? "positive" : "negative").utf8) }
        out.append(44)
        let w = 1 + Int(rng.next() % 10)
        number(w / 2); if w % 2 == 1 { out += Array(".5".utf8) }
        out.append(10)
    }
    return Data(out)
}

let manifest = path + ".manifest"
let want = "\(edgeCount) \(actorCount)"
let fm = FileManager.default
if (try? String(contentsOfFile: manifest, encoding: .utf8)) != want || !fm.fileExists(atPath: path) {
    say("generating \(path): \(edgeCount) edges, \(actorCount) actors")
    try fm.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    let data = generate(edges: edgeCount, actors: actorCount)
    try data.write(to: URL(fileURLWithPath: path))
    try want.write(toFile: manifest, atomically: true, encoding: .utf8)
}

struct Record: Encodable {
    var library = "actorgraph"
    var version = "main"
    var graph: String
    var measure: String
    var seconds: Double
    var threads: Int
    var note: String
    var memory_bytes_per_edge: Double? = nil
    var runs: [Double]
    var nodes: Int
    var edges: Int
}

func median(_ xs: [Double]) -> Double { let s = xs.sorted(); return s[s.count / 2] }

let data = try Data(contentsOf: URL(fileURLWithPath: path))
say("read \(path): \(data.count) bytes")
var readRuns: [Double] = []
var loaded: LoadedGraph?
for _ in 0..<repeats {
    loaded = nil
    let t = seconds { loaded = CSVFormat.read(edges: data, edgesFile: path, nodes: nil, nodesFile: nil) }
    readRuns.append(t)
    say(String(format: "  CSVFormat.read: %.3f s", t))
}
let graph = loaded!.graph
let errors = loaded!.diagnostics.filter { $0.severity == .error }
if !errors.isEmpty { say("errors: \(errors.prefix(3).map(\.description))"); exit(1) }
say("  \(graph.actors.count) actors, \(graph.relations.count) relations, \(loaded!.diagnostics.count) warnings")
var writeRuns: [Double] = []
var bytes = 0
for _ in 0..<repeats {
    let t = seconds { let (n, e) = CSVFormat.write(graph); bytes = n.utf8.count + e.utf8.count }
    writeRuns.append(t)
    say(String(format: "  CSVFormat.write: %.3f s (%d bytes)", t, bytes))
}
let threads = Int(options["threads"]!) ?? 2
let records = [
    Record(graph: graphName, measure: "csv import", seconds: median(readRuns), threads: threads,
           note: "CSVFormat.read: bytes → validated LoadedGraph (actors created from the edges); two halves of the file on two threads, exact repeats checked on the second; median of \(repeats)",
           runs: readRuns, nodes: graph.actors.count, edges: graph.relations.count),
    Record(graph: graphName, measure: "csv export", seconds: median(writeRuns), threads: threads,
           note: "CSVFormat.write: graph → nodes and edges text (one thread); median of \(repeats)",
           runs: writeRuns, nodes: graph.actors.count, edges: graph.relations.count),
]
let encoder = JSONEncoder()
encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
try encoder.encode(records).write(to: URL(fileURLWithPath: options["json"]!))
say("wrote \(options["json"]!)")
