import ActorGraphFormats
import ActorGraphModel
import ActorGraphRendering
import Foundation
import Testing

/// The diagram DOT (`actorgraph export`) reads back through the DOT reader: the same actors,
/// names, clusters and relations (ends and direction), the drawing attributes ignored with one
/// warning.
@Suite struct DiagramDOTReadBackTests {
    @Test(arguments: [ClusterRule.none, .kind])
    func exportedDiagramsReadBack(clusters: ClusterRule) throws {
        let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("graphs")
        let paths = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".yaml") }.sorted()
        for name in paths {
            let graph = GraphFile.read(contentsOf: dir.appendingPathComponent(name).path).graph
            let dot = DiagramDOT.write(graph, options: DiagramOptions(clusters: clusters, engine: .dot))
            let loaded = DOTFormat.read(text: dot, file: "export.dot")
            #expect(!loaded.hasErrors, "\(name): \(loaded.diagnostics.filter { $0.severity == .error }.map(\.description))")
            #expect(loaded.graph.actors.map(\.id).sorted() == graph.actors.map(\.id).sorted(), "\(name)")
            // Names come from the HTML labels; DiagramDOT cuts only very long names.
            let names = Dictionary(uniqueKeysWithValues: loaded.graph.actors.map { ($0.id, $0.name) })
            let same = graph.actors.filter { names[$0.id] == $0.name }.count
            #expect(same == graph.actors.count, "\(name): \(graph.actors.filter { names[$0.id] != $0.name }.map { ($0.name, names[$0.id] ?? "") })")
            #expect(loaded.graph.relations.map { [$0.source, $0.target] } == graph.relations.map { [$0.source, $0.target] }, "\(name)")
            if clusters == .kind {
                let kinds = Dictionary(uniqueKeysWithValues: graph.actors.map { ($0.id, graph.actorKind($0.kind)?.label ?? $0.kind) })
                #expect(loaded.graph.actors.allSatisfy { $0.attributes["cluster"]?.description == kinds[$0.id] }, "\(name)")
            }
            #expect(loaded.warnings.filter { $0.message.contains("drawing attributes") }.count == 1)
        }
    }
}
