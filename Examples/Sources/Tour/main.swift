// The library in a dozen lines: load a graph, build one in code, score fissures, write SVG.
// Run from the repository: `swift run --package-path Examples Tour` (or `make examples`).
import ActorGraphKit
import Foundation

let karachi = try ActorGraph(contentsOf: "graphs/karachi-2010.yaml")
let trio = ActorGraph(
    actors: [Actor(id: "a", name: "Alpha", kind: "party"), Actor(id: "b", name: "Beta", kind: "party"),
             Actor(id: "c", name: "Gamma", kind: "person")],
    relations: [Relation(kind: "coalition", between: "a", "b"), Relation(kind: "conflict", between: "a", "c"),
                Relation(kind: "patronage", from: "c", to: "b")])
let top = try karachi.fissures().fissures[0]
print("most stressed tie: \(top.a.name) – \(top.b.name), stress \(top.score)")
try trio.render(as: .svg).write(to: URL(fileURLWithPath: CommandLine.arguments.dropFirst().first ?? "trio.svg"))
