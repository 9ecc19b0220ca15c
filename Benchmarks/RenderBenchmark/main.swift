// Render benchmark: Graphviz in-process (libgvc through ActorGraphRendering) against spawning
// the `dot` command, on the same 500-actor DOT, for each engine the renderer would pick at this size.
// Prints a table of median times and the ratio spawn / in-process (> 1: in-process is faster).
import ActorGraphModel
import ActorGraphRendering
import Foundation
import NetworkAnalysis


/// A 500-actor graph in five blocs: mostly coalitions inside a bloc, conflicts between blocs,
/// patronage from a few patrons per bloc; about 2 relations per actor.
func syntheticGraph(actors n: Int, seed: UInt64) -> ActorGraph {
    var rng = SeededGenerator(seed: seed)
    let kinds = ["party", "faction", "gang", "person", "government", "security-force", "neighborhood"]
    let actors = (0..<n).map { i in
        Actor(id: "a\(i)", name: "Actor \(i) of bloc \(i % 5)", kind: kinds[Int.random(in: 0..<kinds.count, using: &rng)])
    }
    var relations: [Relation] = []
    for i in 1..<n {
        let j = Int.random(in: 0..<i, using: &rng)
        relations.append(Relation(kind: i % 5 == j % 5 ? "coalition" : "conflict", source: "a\(j)", target: "a\(i)", directed: false))
    }
    for _ in 0..<(n / 2) {
        let a = Int.random(in: 0..<n, using: &rng), b = Int.random(in: 0..<n, using: &rng)
        if a != b { relations.append(Relation(kind: "patronage", source: "a\(a)", target: "a\(b)", directed: true)) }
    }
    return ActorGraph(title: "Synthetic \(n)-actor graph", actors: actors, relations: relations)
}

/// Prints a line at once (print() buffers when stdout is a pipe).
func say(_ line: String) { FileHandle.standardOutput.write(Data((line + "\n").utf8)) }

func median(_ xs: [Double]) -> Double { let s = xs.sorted(); return s[s.count / 2] }

func time(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

/// Runs a command with posix_spawn (Foundation.Process adds tens of milliseconds on Linux, which
/// would flatter the in-process side) and waits for it.
func spawn(_ path: String, _ arguments: [String]) throws {
    let argv = ([path] + arguments).map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
    var pid: pid_t = 0
    guard posix_spawn(&pid, path, nil, nil, argv, environ) == 0 else { throw CocoaError(.executableLoad) }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
    guard status == 0 else { throw CocoaError(.executableLoad) }
}

let dotCommand = ["/usr/bin/dot", "/usr/local/bin/dot"].first { FileManager.default.isExecutableFile(atPath: $0) }
guard let dotCommand else {
    say("render-bench: the dot command is missing (apt-get install graphviz)")
    exit(1)
}
let repeats = Int(ProcessInfo.processInfo.environment["BENCH_REPEATS"] ?? "") ?? 3
let graph = syntheticGraph(actors: 500, seed: 1)
let input = FileManager.default.temporaryDirectory.appendingPathComponent("actorgraph-bench-500.dot")
say("Render benchmark: \(graph.actors.count) actors, \(graph.relations.count) relations, SVG, median of \(repeats) runs")
say("engine   in-process   spawn dot   spawn/in-process (> 1: in-process is faster)")
// The engines the renderer picks for 500 actors (neato; sfdp beyond 1,000; fdp with clusters).
// Not dot: on this graph's long cycles it runs for many minutes either way.
for engine in [LayoutEngine.neato, .sfdp, .fdp] {
    let dot = DiagramDOT.write(graph, options: DiagramOptions(engine: engine))
    try Data(dot.utf8).write(to: input)
    _ = try Graphviz.render(dot: dot, engine: engine, format: .svg) // warm-up: plugin loading, fonts
    var inProcess: [Double] = [], spawned: [Double] = []
    for _ in 0..<repeats {
        inProcess.append(try time { _ = try Graphviz.render(dot: dot, engine: engine, format: .svg) })
        spawned.append(try time { try spawn(dotCommand, ["-K\(engine.rawValue)", "-Tsvg", input.path, "-o", "/dev/null"]) })
    }
    let (a, b) = (median(inProcess), median(spawned))
    func pad(_ text: String, _ width: Int) -> String { String(repeating: " ", count: max(0, width - text.count)) + text }
    say(engine.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0)
          + pad(String(format: "%.3f s", a), 11) + pad(String(format: "%.3f s", b), 12) + pad(String(format: "%.2f×", b / a), 10))
}
try? FileManager.default.removeItem(at: input)
