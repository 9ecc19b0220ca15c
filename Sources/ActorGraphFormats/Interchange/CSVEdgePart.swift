import ActorGraphModel
import Foundation

/// A run of edge rows (the whole edges file, or one half of it on its own core) read into
/// relations, with its own interned ids, to be merged by ``CSVReader``.
struct CSVEdgePart {
    let file: String
    let columns: [CSVColumn]
    let width: Int
    let hasHeader: Bool
    let sourceColumn: Int, targetColumn: Int
    /// Whether actors come from the edges (no nodes file): then `endSources`/`endTargets` hold
    /// this part's id numbers and `edgeActors` lists its ids in order of first mention (one per
    /// id number); else they hold actor indices, through `firstNode`.
    let fromEdges: Bool
    let nodeIDCount: Int
    let firstNode: [Int32]
    var ids: CSVInterner
    var kinds = CSVInterner()

    /// The relations read (positions are found on demand from `offsets` and `lines`).
    var edges: [Relation] = []
    var offsets: [Int] = []
    var lines: [Int32] = []
    var endSources: [Int32] = [], endTargets: [Int32] = []
    var edgeActors: [(id: String, edge: Int, field: String)] = []
    var diagnostics: [Diagnostic] = []
    /// Room to reserve (the first part keeps the second's rows too, after the merge).
    var reserve = 0

    init(file: String, columns: [CSVColumn], width: Int, hasHeader: Bool, sourceColumn: Int, targetColumn: Int,
         fromEdges: Bool, nodeIDCount: Int, firstNode: [Int32], ids: CSVInterner) {
        self.file = file
        self.columns = columns
        self.width = width
        self.hasHeader = hasHeader
        self.sourceColumn = sourceColumn
        self.targetColumn = targetColumn
        self.fromEdges = fromEdges
        self.nodeIDCount = nodeIDCount
        self.firstNode = firstNode
        self.ids = ids
    }

    /// Reads every row `tokenizer` gives (and first `pending`, already in `cells`).
    ///
    /// - Complexity: O(bytes) with one hash look-up per id cell.
    mutating func read(_ tokenizer: inout CSVTokenizer, pending: CSVRowStart?, cells: inout [CSVCell]) {
        let bytes = tokenizer.bytes
        let delimiter = tokenizer.delimiter
        let guess = max(reserve, 16, CSVBytes.lineCount(UnsafeBufferPointer(rebasing: bytes[min(tokenizer.at, bytes.count)...])))
        edges.reserveCapacity(guess)
        offsets.reserveCapacity(guess)
        lines.reserveCapacity(guess)
        endSources.reserveCapacity(guess)
        endTargets.reserveCapacity(guess)
        let headerHint = hasHeader ? "" : " (if the first line is a header, name its columns 'source' and 'target')"

        func error(_ row: CSVRowStart, _ offset: Int, _ message: String, _ fix: String) {
            diagnostics.append(Diagnostic(file: file, position: tokenizer.position(of: offset, from: row), severity: .error,
                                          message: message, fix: fix))
        }
        func internIndex(_ cell: CSVCell, _ table: inout CSVInterner) -> Int {
            if cell.escaped {
                var t = tokenizer.text(cell)
                return t.withUTF8 { table.intern($0) }
            }
            return table.intern(UnsafeBufferPointer(rebasing: bytes[cell.start..<cell.end]))
        }
        func resolve(_ k: Int) -> Int32 {
            if fromEdges { return Int32(clamping: k) }
            return k < nodeIDCount ? firstNode[k] : -1
        }
        func mention(_ k: Int, before: Int, field: String) {
            if fromEdges && ids.strings.count > before { edgeActors.append((ids.strings[k], edges.count, field)) }
        }

        var row = pending ?? CSVRowStart(offset: 0, line: 0)
        var hasPending = pending != nil
        while true {
            if !hasPending {
                guard let next = tokenizer.nextRow(&cells) else { break }
                row = next
                if CSVReader.isBlank(cells) { continue }
            }
            hasPending = false
            if cells.count > width {
                if hasHeader {
                    error(row, cells[width].first, "this row has \(cells.count) cells, but the header names \(width) columns",
                          "quote cells that contain '\(CSVReader.show(delimiter))', or add a name for the extra column to the header")
                } else {
                    error(row, cells[width].first, "a line without a header holds source,target[,weight[,sign]], but this one has \(cells.count) cells",
                          "add a header line naming the columns (source,target,kind,…), or quote cells that contain '\(CSVReader.show(delimiter))'")
                }
            }
            guard sourceColumn < cells.count, !cells[sourceColumn].isEmpty else {
                let at = sourceColumn < cells.count ? cells[sourceColumn].first : (cells.last?.end ?? row.offset)
                error(row, at, "this row has no source actor", "write the id of the relation's first actor in column \(sourceColumn + 1)")
                continue
            }
            guard targetColumn < cells.count, !cells[targetColumn].isEmpty else {
                let at = targetColumn < cells.count ? cells[targetColumn].first : (cells.last?.end ?? row.offset)
                error(row, at, "this row has no target actor", "write the id of the relation's second actor in column \(targetColumn + 1)")
                continue
            }
            var before = ids.strings.count
            let si = internIndex(cells[sourceColumn], &ids)
            mention(si, before: before, field: "source")
            before = ids.strings.count
            let ti = internIndex(cells[targetColumn], &ids)
            mention(ti, before: before, field: "target")
            var r = Relation(kind: "", source: ids.strings[si], target: ids.strings[ti], directed: false)
            var directedCell: Bool?
            for k in 0..<min(cells.count, width) where k != sourceColumn && k != targetColumn {
                let cell = cells[k]
                if cell.isEmpty { continue }
                switch columns[k] {
                case .kind:
                    let k = internIndex(cell, &kinds)
                    r.kind = kinds.strings[k]
                case .gephiType:
                    let k = internIndex(cell, &kinds)
                    let t = kinds.strings[k]
                    switch t.lowercased() {
                    case "directed": if directedCell == nil { r.directed = true }
                    case "undirected": if directedCell == nil { r.directed = false }
                    default: r.kind = t
                    }
                case .directed:
                    let t = tokenizer.text(cell)
                    switch t.lowercased() {
                    case "true", "yes", "1", "directed": directedCell = true; r.directed = true
                    case "false", "no", "0", "undirected": directedCell = false; r.directed = false
                    default: error(row, cell.first, "'\(t)' is not true or false", "write 'true' for a directed relation (source → target), 'false' for an undirected one")
                    }
                case .sign:
                    let t = tokenizer.text(cell)
                    if let s = Sign(text: t) { r.signOverride = s } else {
                        error(row, cell.first, "'\(t)' is not a sign", "write positive, negative or unsigned (or +, -, 0)" + headerHint)
                    }
                case .weight:
                    if let x = CSVReader.number(bytes, cell) ?? Double(tokenizer.text(cell)) { r.weight = x } else {
                        error(row, cell.first, "weight '\(tokenizer.text(cell))' is not a number", "write a positive number such as 2 or 0.5" + headerHint)
                    }
                case .id: r.id = tokenizer.text(cell)
                case .since, .until:
                    let t = tokenizer.text(cell)
                    switch PartialDate.parse(t) {
                    case .success(let date): if columns[k] == .since { r.since = date } else { r.until = date }
                    case .failure(let why): error(row, cell.first, why.message, "dates are partial ISO dates: 2009, 2009-06 or 2010-01-07")
                    }
                case .confidence:
                    let t = tokenizer.text(cell)
                    if let c = Confidence(word: t) { r.evidence.confidence = c } else if let x = Double(t) { r.evidence.confidence = .value(x) } else {
                        error(row, cell.first, "confidence '\(t)' is neither low, medium, high nor a number", "write low, medium, high, or a number from 0 to 1")
                    }
                case .cite: r.evidence.citations = FlatList.split(tokenizer.text(cell)).map { Citation(text: $0) }
                case .quote: r.evidence.quotes = FlatList.split(tokenizer.text(cell))
                case .claimedBy: r.evidence.claimedBy = FlatList.split(tokenizer.text(cell))
                case .disputedBy: r.evidence.disputedBy = FlatList.split(tokenizer.text(cell))
                case .note: r.note = tokenizer.text(cell)
                case .attribute(let name): r.attributes[name] = inferredAttribute(tokenizer.text(cell))
                case .source, .target, .name, .aliases, .role: break
                }
            }
            if fromEdges {
                // Claimants and disputants are actors too, named after the two ends.
                for var c in r.evidence.claimedBy {
                    let before = ids.strings.count
                    let k = c.withUTF8 { ids.intern($0) }
                    mention(k, before: before, field: "claimed-by")
                }
                for var c in r.evidence.disputedBy {
                    let before = ids.strings.count
                    let k = c.withUTF8 { ids.intern($0) }
                    mention(k, before: before, field: "disputed-by")
                }
            }
            endSources.append(resolve(si))
            endTargets.append(resolve(ti))
            edges.append(r)
            offsets.append(row.offset)
            lines.append(Int32(clamping: row.line))
        }
        diagnostics += CSVReader.diagnostics(for: tokenizer, file: file)
    }
}

/// One part and its tokenizer, for a worker thread.
final class CSVPartBox: @unchecked Sendable {
    var part: CSVEdgePart
    var tokenizer: CSVTokenizer
    let pending: CSVRowStart?
    var cells: [CSVCell]

    init(part: CSVEdgePart, tokenizer: CSVTokenizer, pending: CSVRowStart?, cells: [CSVCell]) {
        self.part = part
        self.tokenizer = tokenizer
        self.pending = pending
        self.cells = cells
    }

    func run() { part.read(&tokenizer, pending: pending, cells: &cells) }
}
