import Foundation

/// Plain edge lists: `source target [weight] [sign]` per line, separated by commas, tabs or
/// spaces, with an optional header line and `#` comments. Ids are integers (node `i` is id `i`,
/// and every id up to the largest is a node) or, as soon as one id is not a non-negative
/// integer, strings, numbered in order of first appearance. A sign is `1`/`+1`/`+`/`-1`/`-`
/// (absent: positive); a weight is a non-zero number (absent: 1), a negative one giving a negative
/// tie of its size (as igraph's NCOL and Pajek write signed ties), times the sign column's sign. Self-loops are skipped and
/// counted; parallel edges are merged by ``Network/ParallelEdges/sum``.
public struct EdgeList: Sendable {
    /// The network read.
    public var network: Network
    /// The id of each node.
    public var labels: [String]
    /// How many self-loops were skipped.
    public var skippedSelfLoops: Int
    /// How many edge lines were read.
    public var lines: Int
    /// The same ties as a ``SignedNetwork`` (direction dropped, each pair's positive and negative
    /// weight kept apart), when asked for with `signedPairs`.
    public var signedNetwork: SignedNetwork?

    /// A malformed line: `file:line: reason`.
    public struct ReadError: Error, Equatable, Sendable, CustomStringConvertible {
        /// The file, as given.
        public var file: String
        /// The line, from 1.
        public var line: Int
        /// What is wrong with it.
        public var reason: String
        /// `file:line: reason`.
        public var description: String { "\(file):\(line): \(reason)" }
    }

    /// Reads an edge list file.
    ///
    /// - Complexity: O(bytes + V + E), one pass over the bytes.
    public static func read(contentsOf path: String, directed: Bool = true, signedPairs: Bool = false) throws -> EdgeList {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ReadError(file: path, line: 0, reason: "cannot read the file; check the path and its permissions")
        }
        return try parse(data, file: path, directed: directed, signedPairs: signedPairs)
    }

    /// Parses edge list bytes; `file` names them in errors.
    public static func parse(_ data: Data, file: String, directed: Bool = true, signedPairs: Bool = false) throws -> EdgeList {
        try data.withUnsafeBytes { raw in
            var parser = Parser(bytes: raw.bindMemory(to: UInt8.self), file: file)
            return try parser.run(directed: directed, signedPairs: signedPairs)
        }
    }
}

/// The byte-level parser: the only place edge lists touch raw memory.
private struct Parser {
    let bytes: UnsafeBufferPointer<UInt8>
    let file: String

    var sources: [Int32] = []
    var targets: [Int32] = []
    var weights: [Double] = []
    var signs: [Int8] = []
    var hasWeights = false
    var hasSigns = false
    var loops = 0
    // String ids, once one id is not an integer.
    var names: [String] = []
    var index: [String: Int32] = [:]
    var integerIDs = true

    init(bytes: UnsafeBufferPointer<UInt8>, file: String) {
        self.bytes = bytes
        self.file = file
    }

    func fail(_ line: Int, _ reason: String) -> EdgeList.ReadError {
        EdgeList.ReadError(file: file, line: line, reason: reason)
    }

    func text(_ r: Range<Int>) -> String { String(decoding: UnsafeBufferPointer(rebasing: bytes[r]), as: UTF8.self) }

    /// A non-negative integer, or nil.
    func integer(_ r: Range<Int>) -> Int64? {
        guard !r.isEmpty, r.count <= 18 else { return nil }
        var v: Int64 = 0
        for i in r {
            let c = bytes[i]
            guard c >= 48 && c <= 57 else { return nil }
            v = v * 10 + Int64(c - 48)
        }
        return v
    }

    func number(_ r: Range<Int>) -> Double? {
        if let i = integer(r) { return Double(i) }
        return Double(text(r))
    }

    func sign(_ r: Range<Int>) -> Int8? {
        switch text(r) {
        case "1", "+1", "+", "positive": return 1
        case "-1", "-", "−", "negative": return -1
        case "0": return 1
        default: return nil
        }
    }

    mutating func run(directed: Bool, signedPairs: Bool) throws -> EdgeList {
        var line = 0
        var at = 0
        var fields: [Range<Int>] = []
        var edgeLines = 0
        var firstDataLine = true
        let n = bytes.count
        while at < n {
            line += 1
            var end = at
            while end < n && bytes[end] != 10 { end += 1 }
            var stop = end
            if stop > at && bytes[stop - 1] == 13 { stop -= 1 }
            // Split on commas, tabs and spaces; stop at a comment.
            fields.removeAll(keepingCapacity: true)
            var i = at
            while i < stop {
                let c = bytes[i]
                if c == 35 { break } // '#'
                if c == 32 || c == 9 || c == 44 { i += 1; continue }
                var j = i
                while j < stop { let d = bytes[j]; if d == 32 || d == 9 || d == 44 || d == 35 { break }; j += 1 }
                fields.append(i..<j)
                i = j
            }
            at = end + 1
            if fields.isEmpty { continue }
            if fields.count < 2 {
                throw fail(line, "a line needs at least a source and a target; write 'source target [weight] [sign]'")
            }
            if fields.count > 4 {
                throw fail(line, "\(fields.count) fields; a line holds at most 'source target weight sign'")
            }
            // A header: the first data line, when its optional columns are not numbers or its
            // columns are the usual names.
            if firstDataLine {
                firstDataLine = false
                let lower = fields.map { text($0).lowercased() }
                let headerWords: Set<String> = ["source", "target", "from", "to", "src", "dst", "weight", "sign", "u", "v"]
                if headerWords.contains(lower[0]) && headerWords.contains(lower[1]) { continue }
            }
            edgeLines += 1
            var w: Double
            var s: Int8 = 1
            if fields.count >= 3 {
                guard let x = number(fields[2]), x != 0, x.isFinite else {
                    throw fail(line, "weight '\(text(fields[2]))' is not a positive number")
                }
                // A negative weight is a negative tie of that size (igraph's NCOL, Pajek).
                w = abs(x)
                if x < 0 { s = -1; hasSigns = true }
                if w != 1 { hasWeights = true }
            } else {
                w = 1
            }
            if fields.count == 4 {
                guard let x = sign(fields[3]) else {
                    throw fail(line, "sign '\(text(fields[3]))' is not 1, +1, -1, + or -")
                }
                s *= x
                if s < 0 { hasSigns = true }
            }
            let a = fields[0], b = fields[1]
            if a.count == b.count, zip(a, b).allSatisfy({ bytes[$0] == bytes[$1] }) {
                loops += 1
                continue
            }
            if integerIDs, let x = integer(a), let y = integer(b), x < Int64(Int32.max), y < Int64(Int32.max) {
                sources.append(Int32(x)); targets.append(Int32(y))
            } else {
                if integerIDs { switchToStringIDs() }
                sources.append(intern(text(a))); targets.append(intern(text(b)))
            }
            weights.append(w); signs.append(s)
        }
        let nodeCount: Int
        let labels: [String]
        if integerIDs {
            let top = Int(max(sources.max() ?? -1, targets.max() ?? -1))
            nodeCount = Int(top + 1)
            labels = (0..<nodeCount).map(String.init)
        } else {
            nodeCount = names.count
            labels = names
        }
        let network: Network
        do {
            network = try Network(nodeCount: nodeCount, sources: sources, targets: targets,
                                  weights: hasWeights ? weights : nil, signs: hasSigns ? signs : nil, directed: directed)
        } catch {
            throw fail(line, "\(error)")
        }
        var signed: SignedNetwork?
        if signedPairs {
            do {
                signed = try SignedNetwork(nodeCount: nodeCount, sources: sources, targets: targets,
                                           weights: hasWeights ? weights : nil, signs: hasSigns ? signs : nil)
            } catch {
                throw fail(line, "\(error)")
            }
        }
        return EdgeList(network: network, labels: labels, skippedSelfLoops: loops, lines: edgeLines, signedNetwork: signed)
    }

    /// Integer ids so far become strings, in order of first appearance.
    mutating func switchToStringIDs() {
        integerIDs = false
        let old = zip(sources, targets).flatMap { [$0.0, $0.1] }
        sources.removeAll(keepingCapacity: true); targets.removeAll(keepingCapacity: true)
        for (k, id) in old.enumerated() {
            let v = intern(String(id))
            if k % 2 == 0 { sources.append(v) } else { targets.append(v) }
        }
    }

    mutating func intern(_ name: String) -> Int32 {
        if let i = index[name] { return i }
        let i = Int32(names.count)
        names.append(name)
        index[name] = i
        return i
    }
}
