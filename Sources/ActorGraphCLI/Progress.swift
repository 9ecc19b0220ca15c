import ActorGraphAnalysis
import ArgumentParser
import Foundation
import NetworkAnalysis

/// The library's progress reports, shown on standard error while a command works: the step, n of
/// N and the elapsed time, on one line that each report replaces. Shown only when standard error
/// is a terminal and `--quiet` is not given, and only once the work has run for half a second,
/// so quick commands and pipes see nothing. A step that reports nothing for a while (reading a
/// large file) still has its elapsed time brought up to date, four times a second.
final class ProgressDisplay: @unchecked Sendable {
    private let lock = NSLock()
    private let start = DispatchTime.now().uptimeNanoseconds
    private var lastShown: UInt64 = 0
    private var shown = false
    private var stopped = false
    private var last: AnalysisProgress?
    private var ticker: DispatchSourceTimer?
    private let command: String

    /// The display of the running command, if it shows one: `loadForCommand` reports reading the
    /// graph to it, and output to standard output stops it.
    nonisolated(unsafe) private(set) static var current: ProgressDisplay?

    private init(command: String) { self.command = command }

    /// How long the work runs before progress shows: half a second, or for tests
    /// `ACTORGRAPH_TEST_PROGRESS_AFTER` seconds.
    private static let delay: UInt64 = {
        if let text = ProcessInfo.processInfo.environment["ACTORGRAPH_TEST_PROGRESS_AFTER"], let s = Double(text), s >= 0 {
            return UInt64(s * 1e9)
        }
        return 500_000_000
    }()

    /// A display for `command`, or nil when standard error is not a terminal or `quiet` is set.
    static func make(_ command: String, quiet: Bool) -> ProgressDisplay? {
        guard !quiet, isatty(2) != 0 else { return nil }
        let display = ProgressDisplay(command: command)
        Interrupt.progressShown = true
        current?.finish()
        current = display
        let timer = DispatchSource.makeTimerSource(queue: DispatchQueue.global(qos: .utility))
        timer.schedule(deadline: .now() + .milliseconds(250), repeating: .milliseconds(250))
        timer.setEventHandler { [weak display] in display?.refresh() }
        display.ticker = timer
        timer.resume()
        return display
    }

    /// The handler to give the library.
    var handler: AnalysisProgressHandler { { [self] in show($0) } }

    /// Reports a step of the command's own: `done` of its `total` items.
    func step(_ step: String, _ done: Int = 0, of total: Int = 1) {
        show(AnalysisProgress(step: step, done: done, total: total))
    }

    func show(_ p: AnalysisProgress) {
        lock.lock(); defer { lock.unlock() }
        guard !stopped else { return }
        last = p
        draw(p, force: p.done == p.total)
    }

    /// Brings the elapsed time of the last report up to date.
    private func refresh() {
        lock.lock(); defer { lock.unlock() }
        guard !stopped, let last else { return }
        draw(last, force: true)
    }

    /// Draws `p` once half a second has passed, at most ten times a second (unless `force`).
    private func draw(_ p: AnalysisProgress, force: Bool) {
        let now = DispatchTime.now().uptimeNanoseconds
        let elapsed = now &- start
        guard elapsed > Self.delay else { return }
        guard now &- lastShown > 100_000_000 || force else { return }
        lastShown = now
        shown = true
        Output.progress("actorgraph \(command): \(p.step) \(p.done) of \(p.total), " + String(format: "%.1f s", Double(elapsed) / 1e9))
    }

    /// Clears the line for a message on standard error; the next report draws it again.
    func clearLine() {
        lock.lock(); defer { lock.unlock() }
        if shown { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        shown = false
    }

    /// Clears the progress line (before the report is printed) and shows no more.
    func finish() {
        lock.lock(); defer { lock.unlock() }
        if shown { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        shown = false
        stopped = true
        ticker?.cancel()
        ticker = nil
    }

    /// Clears and stops the running command's display: called before anything is written to
    /// standard output, so that the report never shares a line with progress.
    static func stopForOutput() { current?.finish() }
}

/// `--quiet` for commands that have no other use for it.
struct ProgressArguments: ParsableArguments {
    @Flag(help: "Show no progress (progress shows on standard error only when it is a terminal).")
    var quiet = false
}

/// Ctrl-C (SIGINT) and SIGTERM: remove the temporary files `AtomicFile` is writing, clear a
/// progress line, and exit with 130 (143 for SIGTERM), so no partial output file is left behind.
public enum Interrupt {
    /// At most this many temporary files are tracked at once (a CSV pair, a frame series' batch).
    static let capacity = 64
    /// The temporaries being written, as C strings the handler may unlink (async-signal-safe).
    nonisolated(unsafe) static let temporaries: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?> = {
        let slots = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: capacity)
        slots.initialize(repeating: nil, count: capacity)
        return slots
    }()
    nonisolated(unsafe) static var progressShown = false
    private static let lock = NSLock()

    /// Installs the handlers; the `actorgraph` executable calls it once at start.
    public static func install() {
        _ = temporaries   // allocated before any signal can arrive
        signal(SIGINT, { _ in Interrupt.handle(130) })
        signal(SIGTERM, { _ in Interrupt.handle(143) })
        // A parent may hand the signals down blocked (test runners do): Ctrl-C must still work.
        var unblock = sigset_t()
        sigemptyset(&unblock)
        sigaddset(&unblock, SIGINT)
        sigaddset(&unblock, SIGTERM)
        sigprocmask(SIG_UNBLOCK, &unblock, nil)
    }

    private static func handle(_ status: Int32) {
        for i in 0..<capacity { if let path = temporaries[i] { unlink(path) } }
        if progressShown {
            let clear: [UInt8] = [13, 27, 91, 75]   // "\r\u{1B}[K"
            _ = clear.withUnsafeBufferPointer { write(2, $0.baseAddress, $0.count) }
        }
        _exit(status)
    }

    /// Tracks a temporary file until `release` (false when all slots are taken: it is then not
    /// removed on an interrupt, as before).
    static func track(_ path: String) -> Int? {
        lock.lock(); defer { lock.unlock() }
        for i in 0..<capacity where temporaries[i] == nil {
            temporaries[i] = strdup(path)
            return i
        }
        return nil
    }

    static func release(_ slot: Int?) {
        guard let slot else { return }
        lock.lock(); defer { lock.unlock() }
        let p = temporaries[slot]
        temporaries[slot] = nil
        free(p)
    }
}
