/// How far a long analysis has got: the step it is on and how many of the step's items are done.
///
/// Long analyses take an optional handler and call it from the thread doing the work (possibly
/// several threads at once, so the handler must be thread-safe). The handler only observes: the
/// results do not depend on whether there is one. Handlers are called at most a few hundred
/// times per step, so a handler may print without slowing the work.
public struct AnalysisProgress: Sendable, Hashable {
    /// What is being done, in a few words: "frustration without each tie", "narratives".
    public var step: String
    /// Items of the step finished so far.
    public var done: Int
    /// Items of the step in all.
    public var total: Int

    /// A report that `done` of the step's `total` items are finished.
    public init(step: String, done: Int, total: Int) {
        self.step = step; self.done = done; self.total = total
    }
}

/// Receives ``AnalysisProgress`` reports; called from worker threads.
public typealias AnalysisProgressHandler = @Sendable (AnalysisProgress) -> Void

/// Counts finished items across threads and reports about every half percent (and the last).
public final class AnalysisProgressCounter: @unchecked Sendable {
    private let handler: AnalysisProgressHandler?
    private let step: String
    private let total: Int
    private let stride: Int
    private let done: _AtomicCounter

    /// Reports 0 of `total` at once when there is a handler.
    public init(_ handler: AnalysisProgressHandler?, step: String, total: Int) {
        self.handler = handler; self.step = step; self.total = total
        stride = max(1, total / 200)
        done = _AtomicCounter()
        handler?(AnalysisProgress(step: step, done: 0, total: total))
    }

    /// One more item finished.
    public func tick() {
        guard let handler else { return }
        let n = done.increment()
        if n % stride == 0 || n == total { handler(AnalysisProgress(step: step, done: n, total: total)) }
    }
}

import Synchronization

final class _AtomicCounter: Sendable {
    private let value = Atomic<Int>(0)
    /// Adds one and returns the new value.
    func increment() -> Int { value.add(1, ordering: .relaxed).newValue }
}
