import Dispatch
import Synchronization
import Testing
@testable import NetworkAnalysis

/// `_Team` runs each block of each step exactly once, on any number of threads, also when
/// teams are nested inside other parallel work (the caller never waits for a helper to start).
@Suite struct TeamTests {
    /// Per-block counters, each written only by the thread that runs the block.
    final class Counts: @unchecked Sendable {
        let slots: UnsafeMutableBufferPointer<Int>
        init(_ n: Int) { slots = .allocate(capacity: n); slots.initialize(repeating: 0) }
        deinit { slots.deallocate() }
    }

    @Test(arguments: [1, 2, 3, 5]) func everyBlockOnceEachStep(_ threads: Int) {
        var rng = SeededGenerator(seed: UInt64(threads) &* 31)
        let counts = Counts(300)
        Parallel.withTeam(threads: threads) { team in
            #expect(team.threads == threads)
            for step in 0..<3_000 {
                let blocks = Int.random(in: 0..<300, using: &rng)
                team.run(blocks: blocks) { b in counts.slots[b] += 1 }
                // Every block of this step ran once, and none beyond it.
                for b in 0..<300 {
                    let expected = b < blocks ? 1 : 0
                    if counts.slots[b] != expected {
                        Issue.record("step \(step), block \(b) of \(blocks) ran \(counts.slots[b]) times")
                        return
                    }
                    counts.slots[b] = 0
                }
            }
        }
    }

    @Test func nestedInsideParallelWork() {
        // Four teams of three threads inside a parallel loop of four blocks: more threads than
        // cores, helpers that may start late; each team's sums must still be complete.
        let totals = Counts(4)
        Parallel.forEachBlock(count: 4, blocks: 4, threads: 4) { range in
            for outer in range {
                let parts = Counts(64)
                Parallel.withTeam(threads: 3) { team in
                    for _ in 0..<200 { team.run(blocks: 64) { b in parts.slots[b] += b } }
                }
                totals.slots[outer] = parts.slots.reduce(0, +)
            }
        }
        for outer in 0..<4 { #expect(totals.slots[outer] == 200 * (0..<64).reduce(0, +)) }
    }

    @Test func balancedRangesCoverTheRowsInOrder() {
        // A hub row heavier than a block, empty rows, and fewer rows than blocks.
        let cases: [[Int32]] = [[0, 1000, 1000, 1001, 1003, 1010], [0, 0, 0, 0], [0, 5], [0]]
        for offsets in cases {
            let count = offsets.count - 1
            for blocks in [1, 3, 64] {
                let ranges = offsets.withUnsafeBufferPointer { Parallel.balancedRanges(offsets: $0, count: count, blocks: blocks) }
                #expect(ranges.count == max(1, min(blocks, count)))
                #expect(ranges.first?.lowerBound == 0 && ranges.last?.upperBound == count)
                for (a, b) in zip(ranges, ranges.dropFirst()) { #expect(a.upperBound == b.lowerBound) }
            }
        }
    }
}
