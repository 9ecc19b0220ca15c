import ActorGraphFormats
import ActorGraphModel
import Foundation

/// One reader under test: how an input reaches it, and the checks made on what it returns.
///
/// The checks are the readers' promises beyond not crashing, each cheap enough to run on every
/// input:
/// 1. reading the same bytes twice gives the same diagnostics and the same graph;
/// 2. every diagnostic has a position inside the input (line 1 to the line count + 1, column ≥ 1)
///    and prints as `file:line:column: severity: …`;
/// 3. a graph read without errors, written in the native JSON syntax, reads back without errors
///    as the same graph (the native format carries everything any reader produces).
///
/// A broken promise stops the process with `fatalError` and a message saying which, so libFuzzer
/// saves the input as a crash.
public enum FuzzReader: String, CaseIterable, Sendable {
    case yaml, json, csv, dot, graphml, gexf, nodeLink = "node-link", pajek, edgeList = "edge-list"

    /// The name diagnostics print; its extension picks the reader where that matters (edge lists).
    public var file: String {
        switch self {
        case .yaml: return "fuzz.yaml"
        case .json: return "fuzz.json"
        case .csv: return "fuzz.csv"
        case .dot: return "fuzz.dot"
        case .graphml: return "fuzz.graphml"
        case .gexf: return "fuzz.gexf"
        case .nodeLink: return "fuzz.node-link.json"
        case .pajek: return "fuzz.net"
        case .edgeList: return "fuzz.ncol"
        }
    }

    /// Reads `data` with this reader, the way `actorgraph` reads a file of its kind.
    public func read(_ data: Data) -> LoadedGraph {
        switch self {
        case .yaml: return GraphFile.read(data: data, file: file, syntax: .yaml)
        case .json: return GraphFile.read(data: data, file: file, syntax: .json)
        case .csv, .edgeList: return Interchange.read(data: data, file: file, format: .csv)
        case .dot: return Interchange.read(data: data, file: file, format: .dot)
        case .graphml: return Interchange.read(data: data, file: file, format: .graphml)
        case .gexf: return Interchange.read(data: data, file: file, format: .gexf)
        case .nodeLink: return Interchange.read(data: data, file: file, format: .nodeLink)
        case .pajek: return Interchange.read(data: data, file: file, format: .pajek)
        }
    }

    /// Every broken promise for `data`, as readable lines; empty when all is well.
    public func problems(_ data: Data) -> [String] {
        var out: [String] = []
        let first = read(data)
        let second = read(data)
        if first.diagnostics != second.diagnostics {
            out.append("reading twice gave different diagnostics: \(first.diagnostics.map(\.description)) vs \(second.diagnostics.map(\.description))")
        }
        if first.graph != second.graph { out.append("reading twice gave different graphs") }
        let lineLimit = FuzzReader.lineCount(data) + 1
        for d in first.diagnostics {
            guard let p = d.position else {
                out.append("a diagnostic without a position: \(d.description)")
                continue
            }
            if p.line < 1 || p.column < 1 || p.line > lineLimit {
                out.append("position \(p) outside the input's \(lineLimit - 1) lines: \(d.description)")
            }
            let prefix = "\(file):\(p.line):\(p.column): \(d.severity.rawValue): "
            if !d.description.hasPrefix(prefix) { out.append("does not print as '\(prefix)…': \(d.description)") }
        }
        if !first.hasErrors {
            let text = GraphWriter.write(first.graph, as: .json)
            let again = GraphFile.read(text: text, file: "rewritten.json", syntax: .json)
            if again.hasErrors {
                out.append("the native JSON rewrite does not read back: \(again.diagnostics.filter { $0.severity == .error }.map(\.description))")
            } else if again.graph != first.graph {
                out.append("the native JSON rewrite reads back as a different graph")
            }
        }
        return out
    }

    /// Runs the checks on one libFuzzer input and stops the process when one fails.
    public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
        let data = Data(bytes: start, count: count)
        let problems = problems(data)
        if !problems.isEmpty {
            fatalError("\(rawValue) reader: " + problems.joined(separator: "\n"))
        }
        return 0
    }

    /// Lines, counting every line break any reader might count (LF, CR, CRLF, NEL, LS, PS), so
    /// that it bounds every reported line.
    public static func lineCount(_ data: Data) -> Int {
        let bytes = [UInt8](data)
        var breaks = 0
        var i = 0
        while i < bytes.count {
            switch bytes[i] {
            case 0x0A: breaks += 1
            case 0x0D: if i + 1 >= bytes.count || bytes[i + 1] != 0x0A { breaks += 1 }
            case 0xC2: if i + 1 < bytes.count, bytes[i + 1] == 0x85 { breaks += 1 }
            case 0xE2: if i + 2 < bytes.count, bytes[i + 1] == 0x80, bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9 { breaks += 1 }
            default: break
            }
            i += 1
        }
        return breaks + 1
    }
}
