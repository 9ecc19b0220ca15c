import Dispatch
import NetworkAnalysis

/// `transform` applied to each index of `indices` on up to `threads` threads, in index order.
/// Each index is computed on its own, so the result is the same on one thread or many.
func _parallelMap<T>(_ indices: Range<Int>, threads: Int, _ transform: @Sendable (Int) throws -> T) rethrows -> [T] {
    let count = indices.count
    if count == 0 { return [] }
    let workers = max(1, min(threads, count))
    if workers == 1 { return try indices.map(transform) }
    let slots = _Slots<T>(count: count)
    DispatchQueue.concurrentPerform(iterations: workers) { w in
        var i = w
        while i < count {
            do { slots.set(i, .success(try transform(indices.lowerBound + i))) } catch { slots.set(i, .failure(error)) }
            i += workers
        }
    }
    return try (0..<count).map { try slots.get($0).get() }
}

/// One result slot per index, each written by exactly one thread before any is read.
private final class _Slots<T>: @unchecked Sendable {
    private let storage: UnsafeMutableBufferPointer<Result<T, any Error>?>
    init(count: Int) {
        storage = .allocate(capacity: count)
        storage.initialize(repeating: nil)
    }
    deinit { storage.deinitialize(); storage.deallocate() }
    func set(_ i: Int, _ value: Result<T, any Error>) { storage[i] = value }
    func get(_ i: Int) -> Result<T, any Error> { storage[i]! }
}
