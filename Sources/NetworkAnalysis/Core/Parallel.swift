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
