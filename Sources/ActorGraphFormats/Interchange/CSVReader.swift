import ActorGraphModel
import Foundation

/// Reads the two CSV files into an ``ImportBuilder``, remembering only where each row starts so
/// that positions can be computed later, on demand.
struct CSVReader {
    // Where each node's and edge's row starts, and each file's columns by native field name.
    var nodeOffsets: [Int] = [], nodeLines: [Int32] = []
    var edgeOffsets: [Int] = [], edgeLines: [Int32] = []
    var nodeColumns: [String: Int] = [:], edgeColumns: [String: Int] = [:]
    var nodeDelimiter: UInt8 = 44, edgeDelimiter: UInt8 = 44
    var nodeOrigin = 0, edgeOrigin = 0
    /// Which column holds the node id (`id`, else the name).
    var nodeIDColumn = 0

    // MARK: Nodes

    /// Reads the nodes file; false when it cannot be used at all.
    mutating func readNodes(_ data: Data, file: String, into builder: inout ImportBuilder) -> Bool {
        data.withUnsafeBytes { raw -> Bool in
            let bytes = raw.bindMemory(to: UInt8.self)
            func fail(_ p: SourcePosition, _ message: String, _ fix: String) -> Bool {
                builder.diagnostics.append(Diagnostic(file: file, position: p, severity: .error, message: message, fix: fix))
                return false
            }
            if let bad = CSVBytes.firstInvalidUTF8(bytes) {
                let t = CSVTokenizer(bytes: bytes, delimiter: 44, origin: 0)
                return fail(t.position(of: bad, from: CSVRowStart(offset: CSVBytes.bomLength(bytes), line: 1)),
                            "the nodes file is not valid UTF-8 text", "save it as UTF-8")
            }
            let origin = CSVBytes.bomLength(bytes)
            nodeOrigin = origin
            let delimiter = CSVBytes.detectDelimiter(bytes, from: origin)
            nodeDelimiter = delimiter
            var tokenizer = CSVTokenizer(bytes: bytes, delimiter: delimiter, origin: origin)
            var cells: [CSVCell] = []
            var header: CSVRowStart?
            while let row = tokenizer.nextRow(&cells) {
                if Self.isBlank(cells) { continue }
                header = row
                break
            }
            guard let headerRow = header else {
                return fail(SourcePosition(line: 1, column: 1), "the nodes file is empty",
                            "write a header line such as 'id,name,kind', then one actor per line")
            }
            let texts = cells.map { tokenizer.text($0) }
            let keys = texts.map(CSVColumns.key)
            let (resolved, renamed) = CSVColumns.resolve(texts, exact: CSVColumns.nodeExact, aliases: CSVColumns.nodeAliases,
                                                         reserved: GraphDecoder.actorKeys)
            let columns = resolved
            if !columns.contains(.id) {
                let hasEnds = keys.contains { CSVColumns.edgeColumn($0) == .source } && keys.contains { CSVColumns.edgeColumn($0) == .target }
                if hasEnds {
                    return fail(tokenizer.position(of: cells[0].first, from: headerRow),
                                "this looks like an edges file (it has source and target columns), not a nodes file",
                                "pass it as the edges file; the nodes file has an 'id' column")
                }
                if let k = columns.firstIndex(of: .name) {
                    // Kumu: the label is the id.
                    nodeIDColumn = k
                } else {
                    let near = texts.compactMap { Suggest.nearest($0, among: ["id"]) == nil ? nil : $0 }.first
                    return fail(tokenizer.position(of: cells[0].first, from: headerRow),
                                "the nodes file's first line must be a header with an 'id' column",
                                near.map { "did you mean 'id' for '\($0)'?" } ?? "start the file with a header such as 'id,name,kind'")
                }
            } else {
                nodeIDColumn = columns.firstIndex(of: .id)!
            }
            for (k, name) in renamed {
                let (message, fix) = CSVColumns.renamedMessage(column: k, header: texts[k], attribute: name)
                builder.diagnostics.append(Diagnostic(file: file, position: tokenizer.position(of: cells[k].first, from: headerRow),
                    severity: .warning, message: message, fix: fix))
            }
            for (k, c) in columns.enumerated() where nodeColumns[c.field] == nil { nodeColumns[c.field] = k }
            nodeColumns["id"] = nodeIDColumn
            let width = columns.count

            var rowsRead = 0
            while let row = tokenizer.nextRow(&cells) {
                if Self.isBlank(cells) { continue }
                rowsRead += 1
                func error(_ offset: Int, _ message: String, _ fix: String) {
                    builder.diagnostics.append(Diagnostic(file: file, position: tokenizer.position(of: offset, from: row),
                                                          severity: .error, message: message, fix: fix))
                }
                if cells.count > width {
                    error(cells[width].first, "this row has \(cells.count) cells, but the header names \(width) columns",
                          "quote cells that contain '\(Self.show(delimiter))', or add a name for the extra column to the header")
                }
                let idCell = nodeIDColumn < cells.count ? cells[nodeIDColumn] : nil
                guard let idCell, !idCell.isEmpty else {
                    let at = idCell?.first ?? cells.last.map { $0.end } ?? row.offset
                    error(at, "this row has no actor id (column \(nodeIDColumn + 1), '\(texts[nodeIDColumn])')",
                          "give every actor a short id such as 'ppp'")
                    continue
                }
                var actor = Actor(id: tokenizer.text(idCell), kind: "")
                for (k, cell) in cells.prefix(width).enumerated() where !cell.isEmpty && k != nodeIDColumn {
                    let text = tokenizer.text(cell)
                    switch columns[k] {
                    case .name: actor.name = text
                    case .kind: actor.kind = text
                    case .aliases: actor.aliases = FlatList.split(text)
                    case .role: actor.role = text
                    case .note: actor.note = text
                    case .attribute(let name): actor.attributes[name] = inferredAttribute(text)
                    default: break
                    }
                }
                builder.nodes.append(ImportedNode(actor: actor))
                nodeOffsets.append(row.offset)
                nodeLines.append(Int32(clamping: row.line))
            }
            report(tokenizer, file: file, rows: nil, into: &builder)
            return true
        }
    }

    // MARK: Edges

    mutating func readEdges(_ data: Data, file: String, into builder: inout ImportBuilder) {
        data.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            if let bad = CSVBytes.firstInvalidUTF8(bytes) {
                let t = CSVTokenizer(bytes: bytes, delimiter: 44, origin: 0)
                builder.error(t.position(of: bad, from: CSVRowStart(offset: CSVBytes.bomLength(bytes), line: 1)),
                              "the file is not valid UTF-8 text", fix: "save it as UTF-8")
                return
            }
            let origin = CSVBytes.bomLength(bytes)
            edgeOrigin = origin
            let delimiter = CSVBytes.detectDelimiter(bytes, from: origin)
            edgeDelimiter = delimiter
            var tokenizer = CSVTokenizer(bytes: bytes, delimiter: delimiter, origin: origin)
            var cells: [CSVCell] = []
            cells.reserveCapacity(16)

            // The first non-blank row: a header, or the first edge.
            var firstRow: CSVRowStart?
            while let row = tokenizer.nextRow(&cells) {
                if Self.isBlank(cells) { continue }
                firstRow = row
                break
            }
            guard let first = firstRow else {
                if builder.nodes.isEmpty {
                    builder.error(SourcePosition(line: 1, column: 1), "the edges file is empty",
                                  fix: "write one relation per line: source,target (a header line may name more columns)")
                }
                return
            }
            let texts = cells.map { tokenizer.text($0) }
            let keys = texts.map(CSVColumns.key)
            let columns: [CSVColumn]
            var hasHeader = true
            let ends = keys.map(CSVColumns.edgeColumn)
            let nativeNames: Set<String> = ["source", "target", "kind", "weight", "sign", "since", "until", "confidence",
                                            "claimed-by", "disputed-by", "cite", "quote", "directed"]
            let looksLikeNodes = keys.contains("id") && !ends.contains(.source) && !ends.contains(.target)
                && (keys.count == 1 || keys.contains { CSVColumns.nodeColumn($0) != nil && $0 != "id" })
            if looksLikeNodes {
                builder.error(tokenizer.position(of: cells[0].first, from: first),
                              "this looks like a nodes file (its header has 'id' but no 'source' and 'target' columns)",
                              fix: "pass the edges file (the one with source and target columns) as the edges file, and this one as its nodes file")
                return
            } else if ends.contains(.source) && ends.contains(.target) || keys.contains(where: nativeNames.contains) {
                let (resolved, renamed) = CSVColumns.resolve(texts, exact: CSVColumns.edgeExact, aliases: CSVColumns.edgeAliases,
                                                             reserved: GraphDecoder.relationKeys)
                columns = resolved
                for (k, name) in renamed {
                    let (message, fix) = CSVColumns.renamedMessage(column: k, header: texts[k], attribute: name)
                    builder.warning(tokenizer.position(of: cells[k].first, from: first), message, fix: fix)
                }
                var missing = false
                for needed in [CSVColumn.source, .target] where !columns.contains(needed) {
                    missing = true
                    let near = texts.first { Suggest.nearest($0, among: [needed.field]) != nil && CSVColumns.edgeColumn(CSVColumns.key($0)) == nil }
                    builder.error(tokenizer.position(of: cells[0].first, from: first),
                                  "the header has no '\(needed.field)' column",
                                  fix: near.map { "did you mean '\(needed.field)' for '\($0)'?" }
                                    ?? "name the columns of the two actors 'source' and 'target' (or 'from' and 'to')")
                }
                if missing { return }
            } else {
                hasHeader = false
                columns = [.source, .target, .weight, .sign]
            }
            for (k, c) in columns.enumerated() where edgeColumns[c.field] == nil { edgeColumns[c.field] = k }
            let width = hasHeader ? columns.count : 4
            let sourceColumn = columns.firstIndex(of: .source)!, targetColumn = columns.firstIndex(of: .target)!

            // Actors resolved here, so the builder and the validator need not look ids up again:
            // with a nodes file, each node id's first node; without, the actors in order of mention.
            let fromEdges = builder.nodes.isEmpty && builder.createsMissingActors
            var seed = CSVInterner(capacity: max(1 << 16, builder.nodes.count))
            var firstNode: [Int32] = []
            for (k, node) in builder.nodes.enumerated() {
                var id = node.actor.id
                let before = seed.strings.count
                _ = id.withUTF8 { seed.intern($0) }
                if seed.strings.count > before { firstNode.append(Int32(clamping: k)) }
            }
            func part() -> CSVEdgePart {
                CSVEdgePart(file: file, columns: columns, width: width, hasHeader: hasHeader, sourceColumn: sourceColumn,
                            targetColumn: targetColumn, fromEdges: fromEdges, nodeIDCount: seed.strings.count,
                            firstNode: firstNode, ids: seed)
            }
            let pendingRow: CSVRowStart? = hasHeader ? nil : first
            // Two halves on two cores when the rest of the file has no quotes (so every line feed
            // ends a row) and is large; the halves are merged as if read in one pass.
            let n = bytes.count, start = tokenizer.at, base = bytes.baseAddress
            var mid = -1
            if n - start >= splitBytes, let base, memchr(base + start, 34, n - start) == nil,
               let lf = memchr(base + start + (n - start) / 2, 10, n - start - (n - start) / 2) {
                mid = UnsafeRawPointer(lf) - UnsafeRawPointer(base) + 1
            }
            if mid > start && mid < n, let base {
                let lineAtMid = tokenizer.line + CSVBytes.lineCount(UnsafeBufferPointer(rebasing: bytes[start..<mid])) - 1
                let halves = [
                    CSVPartBox(part: part(), tokenizer: CSVTokenizer(bytes: UnsafeBufferPointer(start: base, count: mid), delimiter: delimiter,
                                                                     origin: origin, row: CSVRowStart(offset: start, line: tokenizer.line)),
                               pending: pendingRow, cells: cells),
                    CSVPartBox(part: part(), tokenizer: CSVTokenizer(bytes: bytes, delimiter: delimiter, origin: origin,
                                                                     row: CSVRowStart(offset: mid, line: lineAtMid)),
                               pending: nil, cells: []),
                ]
                halves[0].part.reserve = CSVBytes.lineCount(UnsafeBufferPointer(rebasing: bytes[start...]))
                DispatchQueue.concurrentPerform(iterations: 2) { k in halves[k].run() }
                merge(halves, fromEdges: fromEdges, into: &builder)
            } else {
                let box = CSVPartBox(part: part(), tokenizer: tokenizer, pending: pendingRow, cells: cells)
                box.run()
                merge([box], fromEdges: fromEdges, into: &builder)
            }
        }
    }

    /// Appends the parts' edges, diagnostics and resolved actors to `builder`, as one pass
    /// over the whole file would have: ids first named in a later part are numbered after the
    /// earlier parts' ones.
    private mutating func merge(_ parts: [CSVPartBox], fromEdges: Bool, into builder: inout ImportBuilder) {
        // The first part's arrays are moved, not copied (it reserved room for the rest).
        let first = parts[0]
        if builder.relations.isEmpty { swap(&builder.relations, &first.part.edges) } else { builder.relations += first.part.edges }
        swap(&edgeOffsets, &first.part.offsets)
        swap(&edgeLines, &first.part.lines)
        var endSources: [Int32] = [], endTargets: [Int32] = []
        swap(&endSources, &first.part.endSources)
        swap(&endTargets, &first.part.endTargets)
        builder.diagnostics += first.part.diagnostics
        var edgeActors = first.part.edgeActors
        var global = first.part.ids
        for box in parts.dropFirst() {
            let edgeBase = builder.relations.count
            Self.moveAppend(&box.part.edges, to: &builder.relations) // before `part` shares the array
            let part = box.part
            edgeOffsets.append(contentsOf: part.offsets)
            edgeLines.append(contentsOf: part.lines)
            builder.diagnostics.append(contentsOf: part.diagnostics)
            if !fromEdges {
                endSources.append(contentsOf: part.endSources)
                endTargets.append(contentsOf: part.endTargets)
                continue
            }
            // Number this part's ids after the ones already known.
            var map = [Int32](repeating: 0, count: part.ids.strings.count)
            for (k, var id) in part.ids.strings.enumerated() {
                let before = global.strings.count
                let g = id.withUTF8 { global.intern($0) }
                map[k] = Int32(clamping: g)
                if global.strings.count > before {
                    let first = part.edgeActors[k]
                    edgeActors.append((first.id, edgeBase + first.edge, first.field))
                }
            }
            for x in part.endSources { endSources.append(map[Int(x)]) }
            for x in part.endTargets { endTargets.append(map[Int(x)]) }
        }
        if fromEdges { builder.edgeActors = edgeActors }
        builder.resolvedEnds = (endSources, endTargets)
    }

    /// Appends `source`'s relations to `target` by moving them (no retain and release of every
    /// string, as `append(contentsOf:)` would do), leaving `source` empty.
    ///
    /// - Complexity: O(source.count), a memory copy per relation.
    static func moveAppend(_ source: inout [Relation], to target: inout [Relation]) {
        let placeholder = Relation(kind: "", source: "", target: "", directed: false)
        source.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            target.append(contentsOf: (0..<buffer.count).lazy.map { k -> Relation in
                let moved = (base + k).move()
                (base + k).initialize(to: placeholder) // so that releasing `source` releases nothing of `moved`
                return moved
            })
        }
        source = []
    }

    // MARK: Shared

    /// Edge files at least this large (after the header) are read in two halves on two cores.
    static let defaultSplitBytes = 1 << 22
    var splitBytes = CSVReader.defaultSplitBytes

    static func isBlank(_ cells: [CSVCell]) -> Bool { cells.count == 1 && cells[0].isEmpty && !cells[0].quoted }

    static func show(_ delimiter: UInt8) -> String { delimiter == 9 ? "\\t" : String(UnicodeScalar(delimiter)) }

    /// A plain decimal number (digits, an optional fraction), without making a String; nil for
    /// anything else (the caller falls back to `Double(text)`).
    @inline(__always) static func number(_ bytes: UnsafeBufferPointer<UInt8>, _ cell: CSVCell) -> Double? {
        var i = cell.start
        let end = cell.end
        guard end - i <= 15, i < end else { return nil }
        var mantissa: Int64 = 0
        var scale = 0
        var seenDot = false
        while i < end {
            let c = bytes[i]
            if c >= 48 && c <= 57 {
                mantissa = mantissa * 10 + Int64(c - 48)
                if seenDot { scale += 1 }
            } else if c == 46 && !seenDot && i > cell.start && i + 1 < end {
                seenDot = true
            } else {
                return nil
            }
            i += 1
        }
        if bytes[cell.start] == 48 && end - cell.start > 1 && bytes[cell.start + 1] != 46 { return nil }
        let powers: [Double] = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15]
        return Double(mantissa) / powers[scale]
    }

    /// The tokenizer's syntax problems, as diagnostics in `file`.
    private func report(_ tokenizer: CSVTokenizer, file: String, rows: Void?, into builder: inout ImportBuilder) {
        builder.diagnostics += Self.diagnostics(for: tokenizer, file: file)
    }

    /// The tokenizer's syntax problems, as diagnostics in `file`.
    static func diagnostics(for tokenizer: CSVTokenizer, file: String) -> [Diagnostic] {
        tokenizer.problems.map { p in
            // The problem's column, counted from the start of its line.
            var lineStart = p.offset
            while lineStart > tokenizer.origin && tokenizer.bytes[lineStart - 1] != 10 { lineStart -= 1 }
            let position = tokenizer.position(of: p.offset, from: CSVRowStart(offset: lineStart, line: p.line))
            let (message, fix): (String, String)
            switch p.kind {
            case .unterminatedQuote:
                (message, fix) = ("this quote is never closed", "close the quoted cell with '\"'; a quote inside a quoted cell is written twice (\"\")")
            case .textAfterQuote:
                (message, fix) = ("text after the closing quote of a cell", "a quote inside a quoted cell is written twice (\"\"); quote the whole cell")
            }
            return Diagnostic(file: file, position: position, severity: .error, message: message, fix: fix)
        }
    }

    /// Positions on demand: a node's or edge's row is read again to find a cell.
    func positions(edges: Data, nodes: Data?) -> @Sendable (ImportBuilder.ImportLocation) -> SourcePosition? {
        let edgeOffsets = edgeOffsets, edgeLines = edgeLines, nodeOffsets = nodeOffsets, nodeLines = nodeLines
        let edgeColumns = edgeColumns, nodeColumns = nodeColumns
        let edgeDelimiter = edgeDelimiter, nodeDelimiter = nodeDelimiter, edgeOrigin = edgeOrigin, nodeOrigin = nodeOrigin
        let nodeIDColumn = nodeIDColumn
        return { location in
            switch location {
            case .edge(let j, let field):
                guard j >= 0, j < edgeOffsets.count else { return nil }
                let row = CSVRowStart(offset: edgeOffsets[j], line: Int(edgeLines[j]))
                guard let field, let column = edgeColumns[field] else { return SourcePosition(line: row.line, column: 1) }
                return CSVReader.locate(edges, delimiter: edgeDelimiter, origin: edgeOrigin, row: row, column: column)
            case .node(let k, let field):
                guard let nodes, k >= 0, k < nodeOffsets.count else { return nil }
                let row = CSVRowStart(offset: nodeOffsets[k], line: Int(nodeLines[k]))
                let column = field.flatMap { nodeColumns[$0] } ?? nodeIDColumn
                return CSVReader.locate(nodes, delimiter: nodeDelimiter, origin: nodeOrigin, row: row, column: column)
            }
        }
    }

    /// The line and column of cell `column` of the row starting at `row` (its end when the row is
    /// shorter).
    static func locate(_ data: Data, delimiter: UInt8, origin: Int, row: CSVRowStart, column: Int) -> SourcePosition {
        data.withUnsafeBytes { raw in
            var tokenizer = CSVTokenizer(bytes: raw.bindMemory(to: UInt8.self), delimiter: delimiter, origin: origin, row: row)
            var cells: [CSVCell] = []
            _ = tokenizer.nextRow(&cells)
            let offset = column < cells.count ? cells[column].first : (cells.last?.end ?? row.offset)
            return tokenizer.position(of: offset, from: row)
        }
    }
}
