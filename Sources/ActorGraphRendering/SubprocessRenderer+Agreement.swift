import Dispatch
import Foundation

extension SubprocessRenderer {
    /// Renders with `fdp` in fresh processes until two layouts agree, and returns that one.
    ///
    /// Graphviz 2.43's `fdp` orients the edges of its derived graph by comparing node *pointers*
    /// (`deriveGraph()` in `lib/fdpgen/layout.c`), so its layout depends on where the heap put
    /// the nodes, and that moves between processes with pango's font-loading threads and expat's
    /// random hash salt (`Tools/graphviz-facts`, fact 6). Measured on the Karachi graph: the same
    /// DOT gave a different layout in about 1 fresh process of 150 (2 of 231, and 1 of 300 in a
    /// plain C program through libgvc), with identical node sizes: the fonts were the same, the
    /// positions were not. That was the frame-series flake: two runs of one command, once in a
    /// while, drew different pictures.
    ///
    /// Two renders run side by side; when they agree (nearly always), that is the answer. When
    /// they differ, a third decides: the layout that two of three processes give. Three different
    /// layouts are an error, never a silent choice.
    ///
    /// - Complexity: two child-process renders, sometimes three.
    public func renderAgreed(dot: String, engine: LayoutEngine, format: OutputFormat, timeout: Double?) throws -> Data {
        try Self.agreed(comparing: format == .pdf ? Self.withoutPDFDates : { $0 }) { _ in
            try render(dot: dot, engine: engine, format: format, timeout: timeout)
        }
    }

    /// A PDF without cairo's `/CreationDate (D:…)`, which differs from second to second.
    static func withoutPDFDates(_ data: Data) -> Data {
        let marker = Array("/CreationDate (".utf8)
        let bytes = [UInt8](data)
        guard let start = bytes.indices.first(where: { bytes[$0...].starts(with: marker) }),
              let end = bytes[start...].firstIndex(of: UInt8(ascii: ")")) else { return data }
        return Data(bytes[..<start] + bytes[(end + 1)...])
    }

    /// The voting itself: `attempt(k)` for k = 0 and 1 side by side, then k = 2 when they differ;
    /// results are compared through `key`.
    static func agreed(comparing key: (Data) -> Data = { $0 }, _ attempt: @Sendable (Int) throws -> Data) throws -> Data {
        let results = _Results()
        DispatchQueue.concurrentPerform(iterations: 2) { k in
            results.set(k, Result { try attempt(k) })
        }
        let first = try results.get(0).get(), second = try results.get(1).get()
        if key(first) == key(second) { return first }
        let third = try attempt(2)
        if key(third) == key(first) || key(third) == key(second) { return third }
        throw GraphvizError(stage: "layout", message: """
            fdp gave three different layouts of the same graph in three fresh processes (Graphviz 2.43's fdp \
            depends on heap addresses), so no layout can be trusted to be reproducible; draw it with --engine neato or dot
            """)
    }

    private final class _Results: @unchecked Sendable {
        private let lock = NSLock()
        private var values: [Int: Result<Data, Error>] = [:]
        func set(_ k: Int, _ r: Result<Data, Error>) { lock.lock(); values[k] = r; lock.unlock() }
        func get(_ k: Int) -> Result<Data, Error> { lock.lock(); defer { lock.unlock() }; return values[k]! }
    }
}
