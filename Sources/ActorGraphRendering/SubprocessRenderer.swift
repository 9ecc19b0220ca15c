import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Renders in a child process: the `actorgraph` executable's hidden `_render-dot` command,
/// started with `posix_spawn`.
///
/// Two reasons to leave the process: a time limit (an in-process layout cannot be interrupted,
/// and `dot` can run for many minutes on a large graph with long cycles), and determinism
/// (Graphviz 2.43's `fdp` and `sfdp` keep state between calls, so a second in-process render of
/// the same graph differs from the first; a fresh process always gives the first).
public struct SubprocessRenderer: Sendable {
    /// The `actorgraph` executable that provides `_render-dot`.
    public var executable: String

    /// Creates a renderer that starts `executable _render-dot` for each render.
    public init(executable: String) { self.executable = executable }

    /// The running executable's path (Linux: `/proc/self/exe`).
    public static var currentExecutable: String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    }

    /// A render that ran out of time, or a child that failed.
    public enum Failure: Error, Sendable, CustomStringConvertible {
        /// The layout ran longer than the time limit and the child was stopped.
        case timedOut(seconds: Double)
        /// Graphviz failed in the child, with its message.
        case graphviz(GraphvizError)
        /// The child could not be started, or died without an answer.
        case spawn(String)

        /// What went wrong, and what to try instead.
        public var description: String {
            switch self {
            case .timedOut(let s):
                return "the layout took longer than \(AttributeValueFormat.seconds(s)) and was stopped; try --engine sfdp or neato for large graphs, or a longer --timeout"
            case .graphviz(let e): return e.description
            case .spawn(let why): return "cannot start the renderer: \(why)"
            }
        }
    }

    /// Renders `dot` in a child process, killing it after `timeout` seconds (nil: no limit).
    public func render(dot: String, engine: LayoutEngine, format: OutputFormat, timeout: Double?) throws -> Data {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("actorgraph-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let input = dir.appendingPathComponent("in.dot"), output = dir.appendingPathComponent("out"),
            errors = dir.appendingPathComponent("err")
        try Data(dot.utf8).write(to: input)
        let args = [executable, "_render-dot", input.path, output.path, errors.path,
                    "--engine", engine.rawValue, "--format", format.rawValue]
        let status = try run(args, timeout: timeout)
        if status == 0, let data = try? Data(contentsOf: output) { return data }
        let message = (try? String(contentsOf: errors, encoding: .utf8)) ?? ""
        let parts = message.split(separator: "\t", maxSplits: 1).map(String.init)
        if parts.count == 2 { throw Failure.graphviz(GraphvizError(stage: parts[0], message: parts[1])) }
        throw Failure.spawn("the renderer exited with status \(status)\(message.isEmpty ? "" : ": \(message)")")
    }

    private func run(_ args: [String], timeout: Double?) throws -> Int32 {
        var pid: pid_t = 0
        var cargs: [UnsafeMutablePointer<CChar>?] = args.map { strdup($0) } + [nil]
        defer { for p in cargs { free(p) } }
        let spawned = posix_spawn(&pid, args[0], nil, nil, &cargs, environ)
        guard spawned == 0 else { throw Failure.spawn(String(cString: strerror(spawned))) }
        let deadline = timeout.map { Date().addingTimeInterval($0) }
        var status: Int32 = 0
        var pause: UInt32 = 500
        while true {
            let r = waitpid(pid, &status, WNOHANG)
            if r == pid { break }
            if r < 0 && errno != EINTR { throw Failure.spawn("waitpid: \(String(cString: strerror(errno)))") }
            if let deadline, Date() >= deadline {
                kill(pid, SIGKILL)
                _ = waitpid(pid, &status, 0)
                throw Failure.timedOut(seconds: timeout!)
            }
            usleep(pause)
            pause = min(pause * 2, 20_000)
        }
        // WIFEXITED / WEXITSTATUS, which Swift does not import.
        return (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
    }
}

enum AttributeValueFormat {
    static func seconds(_ s: Double) -> String {
        s == s.rounded() ? "\(Int(s)) s" : "\(s) s"
    }
}
