@testable import ActorGraphAnalysis
import ActorGraphModel
import Foundation
@testable import NetworkAnalysis
import Testing

/// `robustness` above `incrementalNodes` attached actors: each drop derived from the full
/// partition, against the plain analysis rerun on the graph without the relation.
@Suite struct RobustnessIncrementalTests {
    /// Local searches everywhere (no exact search), one thread, the engine on every graph.
    static func options(threads: Int = 1, incrementalNodes: Int = 0) -> RobustnessOptions {
        var search = BalanceSearchOptions()
        search.exactNodeLimit = 0
        search.restarts = 8
        search.threads = threads
        return RobustnessOptions(factions: FactionOptions(search: search), fissures: FissureOptions(search: search),
                                 threads: threads, incrementalNodes: incrementalNodes)
    }

    /// 200 seeded small graphs, every doubtful relation dropped. For each drop the engine gives
    /// a partition of the graph without the relation; the plain fissure analysis of that graph on
    /// that partition (cycles, ambivalence, frustration without each tie by its local search) is
    /// recomputed from scratch, and every fissure's verdict, score and unbalanced cycles equal
    /// the engine's (those it reports as changed, the full analysis's for the others). The
    /// partition's error is what the engine says (recounted on the reduced graph), and the report
    /// carries the same partition. (TieDropsTests compares the partitions with the exact optimum.)
    @Test(arguments: 0..<200) func dropsEqualThePlainAnalysis(seed: Int) throws {
        let g = try ScaleTests.synthetic(actors: 22 + seed % 19, relations: 60 + seed % 41, seed: UInt64(seed) &+ 700)
        let options = Self.options()
        let ties = try g.signedTies(options.fissures.projection)
        let shared = try g._sharedAnalysis(factions: options.factions, fissures: options.fissures, ties: ties)
        let fullLabel = ties.actorIDs.map { Int32(shared.factions.bloc[$0]!) }
        let context = _DropContext(ties: ties, positions: Dictionary(uniqueKeysWithValues: ties.relations.enumerated().map { ($1, $0) }))
        guard let engine = try _RobustnessEngine(g, options: options, shared: shared, fissures: shared.fissures,
                                                 fullLabel: fullLabel, context: context) else {
            // One bloc cheaper than two, or a one-bloc partition: the drops are searched in full.
            #expect(shared.partition.partition.count < 2 || 2 * shared.partition.error > ties.network.totalNegative + 1e-9)
            return
        }
        let report = try g.robustness(options)
        #expect(!report.notes.isEmpty)
        let full = Dictionary(uniqueKeysWithValues: shared.fissures.fissures.map { ($0.relation, $0) })
        var scratch = engine.makeScratch()
        var checked = 0
        for f in report.fragile {
            guard let result = engine.drop(f.relation, scratch: &scratch) else {
                #expect(!f.partition.method.hasPrefix("kept") && !f.partition.method.hasPrefix("local"))
                continue
            }
            #expect(result.partition == f.partition)
            var h = g
            h.relations.remove(at: f.relation)
            let reduced = try h.signedTies(options.fissures.projection)
            let labels = result.labels ?? fullLabel
            let membership = reduced.actorIDs.map { labels[ties.node[$0]!] }
            #expect(membership.allSatisfy { $0 >= 0 })
            // The actors left without a tie are exactly those the engine unplaced.
            #expect(Set(ties.actorIDs.indices.filter { labels[$0] < 0 }.map { ties.actorIDs[$0] }) == Set(ties.actorIDs).subtracting(reduced.actorIDs))
            let partition = reduced.network._result(_BalanceFound(membership: membership, exact: false, lowerBound: 0, method: "engine"),
                                                    k: 2, alpha: 0.5, frustration: false)
            #expect(abs(partition.error - result.partition.error) <= 1e-9 * max(1, partition.error), "seed \(seed) drop \(f.relation)")
            #expect(result.partition.lowerBound <= result.partition.error + 1e-9)
            let frustration = try #require(reduced.network.frustrationIndex(fromBalance: partition))
            let plain = try h.fissures(options.fissures, ties: reduced, frustration: frustration, partition: partition)
            let changed = Dictionary(uniqueKeysWithValues: result.fissures.map { ($0.relation, $0) })
            #expect(plain.fissures.count == full.count - (full[f.relation] == nil ? 0 : 1))
            for p in plain.fissures {
                let relation = p.relation >= f.relation ? p.relation + 1 : p.relation
                let base = try #require(full[relation])
                let expected = changed[relation].map { ($0.split, $0.score, $0.unbalanced) } ?? (base.split, base.score, base.unbalancedCycles)
                #expect(p.split == expected.0 && p.unbalancedCycles == expected.2, "seed \(seed) drop \(f.relation) fissure \(relation)")
                #expect(abs(p.score - expected.1) <= 1e-9, "seed \(seed) drop \(f.relation) fissure \(relation): \(p.score) vs \(expected.1)")
                checked += 1
            }
        }
        if !report.fragile.isEmpty && !full.isEmpty { #expect(checked > 0) }
    }

    /// The engine's drops run on both threads: the report (and its JSON) is the same on one
    /// thread and two, on a graph above the default threshold of 200 attached actors.
    @Test func parallelEqualsSequential() throws {
        let g = try ScaleTests.synthetic(actors: 260, relations: 900, seed: 11)
        let one = try g.robustness(Self.options(threads: 1, incrementalNodes: 200))
        let two = try g.robustness(Self.options(threads: 2, incrementalNodes: 200))
        #expect(one.fragile.count > 100)
        #expect(one.notes.first?.hasPrefix("each drop starts from the full partition") == true)
        #expect(one.fragile.contains { !$0.changes.isEmpty })
        #expect(one == two)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        #expect(try encoder.encode(one) == encoder.encode(two))
    }

    /// Below the threshold every drop is searched afresh, as before: no note.
    @Test func smallGraphsSearchEachDropAfresh() throws {
        let g = try ScaleTests.synthetic(actors: 40, relations: 120, seed: 3)
        let report = try g.robustness(Self.options(threads: 1, incrementalNodes: 200))
        #expect(!report.fragile.isEmpty)
        #expect(report.notes.isEmpty)
        #expect(report.fragile.allSatisfy { !$0.partition.method.hasPrefix("kept") && !$0.partition.method.hasPrefix("local") })
    }
}
