import ActorGraphAnalysis
import ActorGraphModel
import Foundation
import NetworkAnalysis
import Testing

/// The reports that repeat a search per tie, per drop, per claimant or per date: the parallel
/// runs give the same reports as sequential ones, and progress only observes.
@Suite struct ScaleTests {
    /// A seeded actor graph like the benchmark's (Benchmarks/ActorGraphGenerator), small: two
    /// camps of blocs, coalitions inside, conflicts across, noise, claims, denials, dates and
    /// confidences.
    static func synthetic(actors n: Int, relations m: Int, seed: UInt64) throws -> ActorGraph {
        var rng = SeededGenerator(seed: seed)
        var yaml = "actorgraph: 1\nactors:\n"
        for i in 0..<n { yaml += "  a\(i): { kind: \(i % 7 == 0 ? "person" : "party") }\n" }
        yaml += "relations:\n"
        let claimants = ["a0", "a7", "a14"]
        var seen = Set<String>()
        var count = 0
        while count < m {
            let u = Int.random(in: 0..<n, using: &rng), v = Int.random(in: 0..<n, using: &rng)
            guard u != v else { continue }
            let sameBloc = u % 4 == v % 4, sameCamp = u % 2 == v % 2
            var positive = sameBloc || (sameCamp && Bool.random(using: &rng))
            if Double.random(in: 0..<1, using: &rng) < 0.15 { positive.toggle() }
            let kind = positive ? ["coalition", "alliance", "support"].randomElement(using: &rng)! : "conflict"
            let key = "\(kind) \(min(u, v)) \(max(u, v))"
            guard seen.insert(key).inserted else { continue }
            var fields = kind == "support" ? ["kind: support", "from: a\(u)", "to: a\(v)"] : ["kind: \(kind)", "between: [a\(u), a\(v)]"]
            if Double.random(in: 0..<1, using: &rng) < 0.4 { fields.append("since: \(2000 + Int.random(in: 0..<20, using: &rng))") }
            let claimant = claimants.randomElement(using: &rng)!
            if Double.random(in: 0..<1, using: &rng) < 0.2, claimant != "a\(u)", claimant != "a\(v)" { fields.append("claimed-by: \(claimant)") }
            else if Double.random(in: 0..<1, using: &rng) < 0.1, claimant != "a\(u)", claimant != "a\(v)" { fields.append("disputed-by: \(claimant)") }
            if Double.random(in: 0..<1, using: &rng) < 0.3 { fields.append("confidence: \(["low", "medium", "high"].randomElement(using: &rng)!)") }
            yaml += "  - { " + fields.joined(separator: ", ") + " }\n"
            count += 1
        }
        return try FactionTests.graph(yaml)
    }

    static func search(threads: Int) -> BalanceSearchOptions {
        var s = BalanceSearchOptions()
        s.threads = threads
        s.restarts = 8
        return s
    }

    /// Everything a fissure report says, as text, so two reports compare whole.
    static func describe(_ r: FissureReport) -> String {
        var out = "F \(r.frustration.error) \(r.frustration.lowerBound) P \(r.partition.error) \(r.partition.negativeInside) \(r.partition.positiveBetween)\n"
        for f in r.fissures {
            out += "\(f.relation) \(f.score) \(f.split) \(f.blocs) \(f.cycleShare) \(f.unbalancedCycles)/\(f.cycles) "
            out += "\(f.ambivalence) \(f.frustrationWithout) \(f.frustrationExact) \(f.dropShare) \(f.paths.map(\.actors))\n"
        }
        return out + r.notes.joined(separator: "\n")
    }

    @Test(arguments: [(40, 150, UInt64(1)), (300, 1200, UInt64(2))])
    func fissuresParallelEqualSequential(n: Int, m: Int, seed: UInt64) throws {
        let g = try Self.synthetic(actors: n, relations: m, seed: seed)
        let one = try g.fissures(FissureOptions(search: Self.search(threads: 1)))
        let two = try g.fissures(FissureOptions(search: Self.search(threads: 2)))
        #expect(!one.fissures.isEmpty)
        #expect(Self.describe(one) == Self.describe(two))
    }

    @Test func claimsParallelEqualSequential() throws {
        let g = try Self.synthetic(actors: 120, relations: 400, seed: 3)
        func run(_ threads: Int) throws -> String {
            let s = Self.search(threads: threads)
            let r = try g.claims(factions: FactionOptions(method: .balance, search: s), fissures: FissureOptions(search: s))
            return r.narratives.map { "\($0.view) \($0.relations) \($0.factions.blocs) \($0.blocNames)\n" + Self.describe($0.fissures) }
                .joined(separator: "\n")
        }
        let sequential = try run(1)
        #expect(sequential.contains("as a0 tells it"))
        #expect(sequential == (try run(2)))
    }

    /// Above 200 actors the claimants' narratives start from the facts' partition: the same
    /// report on one thread and two, each narrative's frustration read off its partition (twice
    /// its error at α = 0.5), the facts' lower bound kept, and the notes say so.
    @Test func warmStartedClaimsParallelEqualSequential() throws {
        let g = try Self.synthetic(actors: 300, relations: 1200, seed: 7)
        func run(_ threads: Int) throws -> ClaimsReport {
            let s = Self.search(threads: threads)
            return try g.claims(factions: FactionOptions(method: .balance, search: s), fissures: FissureOptions(search: s))
        }
        let one = try run(1), two = try run(2)
        func text(_ r: ClaimsReport) -> String {
            r.narratives.map { "\($0.view) \($0.relations) \($0.factions.blocs) \($0.factions.notes) \($0.blocNames)\n" + Self.describe($0.fissures) }
                .joined(separator: "\n")
        }
        #expect(text(one) == text(two))
        let facts = one.narratives[0]
        for n in one.narratives {
            #expect(abs(n.frustration.error - 2 * n.factions.quality[0].value) < 1e-9, "\(n.view)")
            #expect(n.fissures.fissures.dropFirst(ClaimsReport.narrativeEvidence).allSatisfy { $0.paths.isEmpty })
            guard case .claimant = n.view else { continue }
            #expect(n.factions.notes.contains { $0.hasPrefix("searched from the facts' partition") }, "\(n.view)")
            #expect(n.factions.quality[1].value == facts.factions.quality[1].value)
        }
    }

    @Test func diffParallelEqualsSequential() throws {
        let g = try Self.synthetic(actors: 120, relations: 400, seed: 4)
        func run(_ threads: Int) throws -> String {
            let s = Self.search(threads: threads)
            let d = try g.diff(from: PartialDate("2005")!, to: PartialDate("2015")!,
                               factions: FactionOptions(method: .balance, search: s), fissures: FissureOptions(search: s))
            return "\(d.appeared) \(d.ended) \(d.flips.map { "\($0.a) \($0.b) \($0.from) \($0.to)" }) \(d.crossings.map { "\($0.actors) \($0.fromBloc) \($0.toBloc)" }) "
                + "\(d.balanceFrom.frustration.error) \(d.balanceTo.frustration.error) \(d.factionsFrom.blocs) \(d.factionsTo.blocs) "
                + "\(d.fissures.map { "\($0.relation) \(String(describing: $0.from?.score)) \(String(describing: $0.to?.score))" })"
        }
        #expect((try run(1)) == (try run(2)))
    }

    @Test func robustnessParallelEqualsSequential() throws {
        let g = try Self.synthetic(actors: 30, relations: 80, seed: 5)
        func run(_ threads: Int) throws -> String {
            let s = Self.search(threads: threads)
            let r = try g.robustness(RobustnessOptions(factions: FactionOptions(search: s), fissures: FissureOptions(search: s),
                                                       threads: threads))
            return "\(r.fragile.map { "\($0.relation) \($0.reasons) \($0.changes) \($0.moved) \($0.partition)" }) \(r.untested) "
                + "\(r.membershipStability.sorted { $0.key < $1.key }) \(r.blocStability) \(r.blocSurvival) "
                + "\(r.fissureStability.map { "\($0.relation) \($0.stability) \($0.scoreRange)" }) \(r.rankStability.stability)"
        }
        let sequential = try run(1)
        #expect(sequential.count > 100)
        #expect(sequential == (try run(2)))
    }

    /// A progress handler sees each step end at its total and changes nothing.
    @Test func progressObservesOnly() throws {
        let g = try Self.synthetic(actors: 120, relations: 400, seed: 6)
        let log = Reports()
        var options = FissureOptions(search: Self.search(threads: 2))
        let quiet = try g.fissures(options)
        options.progress = { log.add($0) }
        let reported = try g.fissures(options)
        #expect(Self.describe(quiet) == Self.describe(reported))
        let steps = Set(log.all.map(\.step))
        #expect(steps.contains("frustration without each tie") && steps.contains("cycles through each tie"))
        for step in steps where step != "balance partition" && step != "frustration index" {
            let last = log.all.filter { $0.step == step }.map(\.done).max()
            #expect(last == log.all.first { $0.step == step }?.total, "\(step)")
        }
        let claimsLog = Reports()
        _ = try g.claims(progress: { claimsLog.add($0) })
        #expect(claimsLog.all.contains { $0.step == "narratives" && $0.done == $0.total })
    }
}

/// Progress reports collected from worker threads.
final class Reports: @unchecked Sendable {
    private let lock = NSLock()
    private var reports: [AnalysisProgress] = []
    func add(_ p: AnalysisProgress) { lock.lock(); reports.append(p); lock.unlock() }
    var all: [AnalysisProgress] { lock.lock(); defer { lock.unlock() }; return reports }
}
