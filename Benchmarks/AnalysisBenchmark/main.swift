// Analysis benchmark: ActorGraph's NetworkAnalysis on the standard graphs that
// Benchmarks/peers/generate.py writes, timed like Benchmarks/peers/peers.py times the peers, with
// the records in the same JSON schema, so Benchmarks/peers/table.py can put the two side by side.
//
//   AnalysisBenchmark --dir .build-bench/graphs --graphs s1k,s20k,s200k --threads 2 --json OUT
//                     [--measures load,components,pagerank,eigenvector,betweenness,closeness,louvain,leiden]
//                     (also, ActorGraph only: edgebetweenness, and keyplayers on graphs of ≤ 5,000 nodes)
//                     [--communities-out DIR] [--values-out DIR]
//
// louvain / leiden run on the community view that peers.py gives the peers: negative edges
// dropped, the rest undirected with reciprocal weights summed (built before the clock starts).
// Their note carries "Q=<modularity>; communities=<count>"; --communities-out writes each
// membership (one community per line, node order) to DIR/GRAPH.MEASURE.txt for cross-checks;
// --values-out writes the betweenness values (one per line, node order, shortest round-trip
// decimals) to DIR/GRAPH.betweenness.txt, so two builds can be compared bit for bit.
import Foundation
import NetworkAnalysis

func say(_ line: String) { FileHandle.standardError.write(Data((line + "\n").utf8)) }

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

func median(_ xs: [Double]) -> Double { let s = xs.sorted(); return s[s.count / 2] }

var options: [String: String] = ["dir": ".build-bench/graphs", "graphs": "s1k,s20k,s200k", "threads": "2",
                                 "json": ".build-bench/actorgraph.json", "repeats": "3", "heavy-max-nodes": "20000",
                                 "measures": "load,components,pagerank,eigenvector,betweenness,closeness,louvain,leiden"]
var arguments = CommandLine.arguments.dropFirst()
while let flag = arguments.popFirst() {
    guard flag.hasPrefix("--"), let value = arguments.popFirst() else {
        say("usage: AnalysisBenchmark [--dir D] [--graphs s1k,s20k,...] [--threads N] [--json OUT] [--repeats R] [--measures a,b,...] [--communities-out DIR] [--values-out DIR]")
        exit(2)
    }
    options[String(flag.dropFirst(2))] = value
}
// The output folders are made up front (a missing one used to stop the run at its first write).
for key in ["communities-out", "values-out"] {
    guard let dir = options[key] else { continue }
    do {
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    } catch {
        say("--\(key) \(dir): cannot create the folder (\(error.localizedDescription)); give a writable path")
        exit(2)
    }
}
let threads = Int(options["threads"]!) ?? 2
let repeats = max(1, Int(options["repeats"]!) ?? 3)
let heavyMax = Int(options["heavy-max-nodes"]!) ?? 20000
let measures = Set(options["measures"]!.split(separator: ",").map(String.init))

struct Record: Encodable {
    var library = "actorgraph"
    var version = "main"
    var graph: String
    var measure: String
    var seconds: Double
    var threads: Int
    var note: String
    var memory_bytes_per_edge: Double?
    var runs: [Double]
    var nodes: Int
    var edges: Int
}

func top(_ values: [Double]) -> String {
    guard let best = values.indices.max(by: { values[$0] < values[$1] }) else { return "top=-" }
    return "top=\(best):\(String(format: "%.6g", values[best]))"
}

var records: [Record] = []
for name in options["graphs"]!.split(separator: ",").map(String.init) {
    let path = "\(options["dir"]!)/\(name).edges"
    guard FileManager.default.fileExists(atPath: path) else {
        say("\(path): missing; run Benchmarks/peers/generate.py first")
        exit(1)
    }
    // Load: file to a ready network (directed, weighted, signed), the median of the repeats.
    var list: EdgeList!
    var loadRuns: [Double] = []
    for _ in 0..<repeats { loadRuns.append(try seconds { list = try EdgeList.read(contentsOf: path) }) }
    let g = list.network
    let n = g.nodeCount, m = g.edgeCount
    let perEdge = Double(g.memoryBytes) / Double(m)
    func record(_ measure: String, _ runs: [Double], _ note: String, memory: Double? = nil) {
        let r = Record(graph: name, measure: measure, seconds: median(runs), threads: threads, note: note,
                       memory_bytes_per_edge: memory, runs: runs, nodes: n, edges: m)
        records.append(r)
        say(String(format: "%-6@ %-12@ %9.4f s  %@", name as NSString, measure as NSString, r.seconds, note as NSString))
    }
    record("load", loadRuns, "EdgeList.read (own parser); \(String(format: "%.1f", perEdge)) B/edge for the network", memory: perEdge)

    if measures.contains("louvain") || measures.contains("leiden") {
        // The community view, as peers.py's community_view: positive ties, undirected, weights summed.
        var s: [Int32] = [], t: [Int32] = [], w: [Double] = []
        for u in 0..<n {
            for e in Int(g.outOffsets[u])..<Int(g.outOffsets[u + 1]) where g.sign(e) > 0 {
                s.append(Int32(u)); t.append(g.targets[e]); w.append(g.weight(e))
            }
        }
        let view = try Network(nodeCount: n, sources: s, targets: t, weights: w, directed: false, parallel: .sum)
        for measure in ["louvain", "leiden"] where measures.contains(measure) {
            var result: CommunityResult!
            let runs = (0..<repeats).map { _ in
                seconds { result = measure == "louvain" ? view.louvain() : view.leiden() }
            }
            record(measure, runs, "\(measure)(resolution 1, seed 1), positive ties, undirected, weighted, Network.defaultThreads = \(Network.defaultThreads) threads; "
                   + "Q=\(String(format: "%.6f", result.modularity)); communities=\(result.partition.count); levels=\(result.levels)")
            if let dir = options["communities-out"] {
                let text = result.partition.membership.map { String($0) }.joined(separator: "\n") + "\n"
                try text.write(toFile: "\(dir)/\(name).\(measure).txt", atomically: true, encoding: .utf8)
            }
        }
    }

    if measures.contains("components") {
        var components = 0
        let componentRuns = (0..<repeats).map { _ in seconds { components = g.weakComponents().count } }
        record("components", componentRuns, "weak; components=\(components)")
    }

    if measures.contains("pagerank") {
        var pr: [Double] = []
        let prRuns = try (0..<repeats).map { _ in try seconds { pr = try g.pageRank(alpha: 0.85) } }
        record("pagerank", prRuns, "alpha 0.85, unweighted, within 1e-10 of the limit in L1 (the default); \(top(pr))")
    }

    if measures.contains("eigenvector") {
        // Eigenvector on the undirected view, as the peers compute it.
        var sources: [Int32] = [], targets: [Int32] = []
        sources.reserveCapacity(g.storedEdgeCount); targets.reserveCapacity(g.storedEdgeCount)
        for u in 0..<n { for v in g.successors(of: u) { sources.append(Int32(u)); targets.append(v) } }
        let undirected = try Network(nodeCount: n, sources: sources, targets: targets, directed: false)
        var ev: [Double] = []
        let evRuns = try (0..<repeats).map { _ in try seconds { ev = try undirected.eigenvector() } }
        record("eigenvector", evRuns, "undirected view, unweighted, Lanczos from the uniform vector, estimated distance <= 1e-10 (the default); \(top(ev))")
    }

    if n <= heavyMax {
        if measures.contains("betweenness") {
            var b: [Double] = []
            let bRuns = [seconds { b = g.betweenness(threads: threads) }]
            record("betweenness", bRuns, "exact, unweighted, directed, normalised; \(top(b))")
            if let dir = options["values-out"] {
                // Shortest round-trip decimals: equal files mean bit-identical values.
                let text = b.map { "\($0)" }.joined(separator: "\n") + "\n"
                try text.write(toFile: "\(dir)/\(name).betweenness.txt", atomically: true, encoding: .utf8)
            }
        }
        if measures.contains("edgebetweenness") {
            var b: [Double] = []
            let bRuns = [seconds { b = g.edgeBetweenness(threads: threads) }]
            record("edgebetweenness", bRuns, "exact, unweighted, directed, normalised, per edge; \(top(b))")
        }
        if measures.contains("closeness") {
            var c: [Double] = []
            let cRuns = [seconds { c = g.closeness(threads: threads) }]
            record("closeness", cRuns, "unweighted, Wasserman-Faust, incoming paths; \(top(c))")
        }
    }

    if measures.contains("keyplayers") && n <= 5000 {
        // Borgatti's KPP-Neg, k = 3, on the undirected unweighted view (as `actorgraph brokers --k 3`).
        let ties = g.undirectedView()
        var result: KeyPlayerResult!
        let runs = [seconds { result = ties.keyPlayersNegative(k: 3, seed: 1, threads: threads) }]
        record("keyplayers", runs, "KPP-Neg k=3, seed 1, 8 restarts, undirected view; set=\(result.nodes) DF=\(String(format: "%.9f", result.score))")
    }

    // Structural balance (Benchmarks/AnalysisBenchmark/BalanceMeasures.swift): --balance no skips it.
    if options["balance", default: "yes"] != "no" {
        for (measure, runs, note) in balanceMeasures(g, threads: threads, repeats: repeats) { record(measure, runs, note) }
    }
}

let encoder = JSONEncoder()
encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
try encoder.encode(records).write(to: URL(fileURLWithPath: options["json"]!))
say("wrote \(options["json"]!)")
