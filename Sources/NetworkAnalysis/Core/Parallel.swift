import Dispatch
import Synchronization

extension Network {
    /// The thread count the parallel measures use unless told otherwise: the online CPU cores.
    public static var defaultThreads: Int { Parallel.defaultThreads }
}

/// Runs work over `0..<count` items split into fixed blocks, on up to `threads` threads.
///
/// The blocks do not depend on the thread count, and results are combined block by block in
/// block order, so a floating-point reduction gives the same bits on 1 thread or 16.
enum Parallel {
    /// The number of CPU cores to use by default.
    static var defaultThreads: Int { max(1, System.activeProcessorCount) }

    /// Calls `body(range)` for each block of `0..<count`, on up to `threads` threads.
    static func forEachBlock(count: Int, blocks: Int, threads: Int, _ body: @Sendable (Range<Int>) -> Void) {
        let blockCount = max(1, min(blocks, count))
        let size = (count + blockCount - 1) / max(1, blockCount)
        let ranges = (0..<blockCount).map { b in min(count, b * size)..<min(count, (b + 1) * size) }
        let next = Atomic<Int>(0)
        let workers = max(1, min(threads, blockCount))
        if workers == 1 {
            for r in ranges { body(r) }
            return
        }
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while true {
                let b = next.add(1, ordering: .relaxed).oldValue
                if b >= ranges.count { break }
                body(ranges[b])
            }
        }
    }
}

/// A team of threads kept for one computation, so that a loop of short parallel steps (an
/// iterative solver's matrix–vector product, say, 50 to 250 of them) pays one thread start
/// instead of a thread wake-up per step: between steps the helpers spin, then yield, then nap.
///
/// ``run(blocks:_:)`` calls `body(b)` once for each block `b` in `0..<blocks` and returns when
/// all are done. Blocks are handed out one at a time, so which thread runs a block varies, but
/// a body that writes only its block's rows and per-block slots gives the same bits on any
/// number of threads. The calling thread works too, and never waits for a helper to start, so
/// a team cannot deadlock when the system runs its helpers late (or never).
final class _Team: @unchecked Sendable {
    /// The threads working on each step, the caller's included.
    let threads: Int
    /// (generation << 32) | (block count << 16) | next block: a helper claims block `next` of
    /// the current step only while its generation matches, so a late helper cannot run a block
    /// of the wrong step.
    private let ticket = Atomic<UInt64>(0)
    /// Blocks of the current step that have finished.
    private let finished = Atomic<Int>(0)
    /// The current step's generation; negative once the team is dismissed.
    private let generation = Atomic<Int>(0)
    /// The current step's body. Written only while no block of a step is outstanding.
    private var body: ((Int) -> Void)?

    init(threads: Int) { self.threads = max(1, threads) }

    /// Calls `body(b)` for every `b` in `0..<blocks` (at most 65,535), on the team's threads.
    func run(blocks: Int, _ body: @escaping (Int) -> Void) {
        precondition(blocks < 65_536, "a team step has at most 65,535 blocks")
        if threads == 1 || blocks <= 1 {
            for b in 0..<blocks { body(b) }
            return
        }
        self.body = body
        finished.store(0, ordering: .relaxed)
        let g = generation.load(ordering: .relaxed) + 1
        ticket.store(UInt64(g) << 32 | UInt64(blocks) << 16, ordering: .releasing)
        generation.store(g, ordering: .releasing)
        work(generation: g)
        var spins = 0
        while finished.load(ordering: .acquiring) < blocks {
            spins += 1
            if spins > 64 { sched_yield() }
        }
        self.body = nil
    }

    /// Claims and runs blocks of step `g` until none is left.
    private func work(generation g: Int) {
        while true {
            let t = ticket.load(ordering: .acquiring)
            guard Int(t >> 32) == g else { return }
            let count = Int((t >> 16) & 0xFFFF), next = Int(t & 0xFFFF)
            guard next < count else { return }
            if ticket.compareExchange(expected: t, desired: t + 1, ordering: .acquiringAndReleasing).exchanged {
                body!(next)
                finished.add(1, ordering: .releasing)
            }
        }
    }

    /// A helper's loop: wait for a step (spin, then yield, then nap), work on it, repeat.
    fileprivate func help() {
        var seen = 0
        while true {
            var g = generation.load(ordering: .acquiring)
            var spins = 0
            while g == seen {
                spins += 1
                if spins > 20_000 { usleep(50) } else if spins > 64 { sched_yield() }
                g = generation.load(ordering: .acquiring)
            }
            if g < 0 { return }
            seen = g
            work(generation: g)
        }
    }

    /// Sends the helpers home.
    fileprivate func dismiss() { generation.store(-1, ordering: .releasing) }
}

extension Parallel {
    /// Runs `body` with a ``_Team`` of `threads` threads (the caller and `threads - 1` helpers),
    /// dismissed when `body` returns.
    static func withTeam<T>(threads: Int, _ body: (_Team) throws -> T) rethrows -> T {
        let team = _Team(threads: threads)
        for _ in 1..<max(1, team.threads) {
            DispatchQueue.global().async { team.help() }
        }
        defer { team.dismiss() }
        return try body(team)
    }

    /// `0..<count` in `blocks` consecutive ranges of about equal weight, where item `i` weighs
    /// `offsets[i + 1] - offsets[i] + 1` (a CSR row: its entries, plus one for the row itself).
    /// Depends only on the offsets and `blocks`, never on the thread count.
    static func balancedRanges(offsets: UnsafeBufferPointer<Int32>, count: Int, blocks: Int) -> [Range<Int>] {
        let blockCount = max(1, min(blocks, count))
        let total = Int(offsets[count]) + count
        var ranges: [Range<Int>] = []
        ranges.reserveCapacity(blockCount)
        var start = 0
        for b in 1...blockCount {
            if b == blockCount { ranges.append(start..<count); break }
            let goal = total * b / blockCount
            var end = start
            while end < count && Int(offsets[end + 1]) + end + 1 <= goal { end += 1 }
            ranges.append(start..<end)
            start = end
        }
        return ranges
    }
}

/// Per-block result arrays (doubles or integers), written by one thread each and read after all
/// are done. The only unsafe memory in the parallel algorithms lives here.
final class BlockBuffers<Element: AdditiveArithmetic>: @unchecked Sendable {
    let blockCount: Int
    let length: Int
    private let storage: UnsafeMutableBufferPointer<Element>

    init(blocks: Int, length: Int) {
        blockCount = blocks
        self.length = length
        storage = .allocate(capacity: max(1, blocks * length))
        storage.initialize(repeating: .zero)
    }

    deinit { storage.deallocate() }

    /// Block `b`'s array. Only the thread working on block `b` may touch it until the work ends.
    func block(_ b: Int) -> UnsafeMutableBufferPointer<Element> {
        UnsafeMutableBufferPointer(rebasing: storage[(b * length)..<((b + 1) * length)])
    }

    /// The element-wise sum of the blocks, added in block order.
    func sum() -> [Element] {
        var total = [Element](repeating: .zero, count: length)
        for b in 0..<blockCount {
            let part = block(b)
            for i in 0..<length { total[i] += part[i] }
        }
        return total
    }
}

/// One result slot per item, each written by exactly one thread.
final class SlotBuffer: @unchecked Sendable {
    private let storage: UnsafeMutableBufferPointer<Double>
    init(count: Int) {
        storage = .allocate(capacity: max(1, count))
        storage.initialize(repeating: 0)
    }
    deinit { storage.deallocate() }
    func set(_ i: Int, _ value: Double) { storage[i] = value }
    func array(count: Int) -> [Double] { Array(storage[0..<count]) }
}

/// The number of processors, without Foundation.
enum System {
    static var activeProcessorCount: Int {
        #if canImport(Glibc)
        return Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))
        #else
        return 2
        #endif
    }
}

#if canImport(Glibc)
import Glibc
#endif
