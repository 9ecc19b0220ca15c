import ActorGraphModel
import Foundation

extension CSVFormat {
    /// The nodes file and the edges file, with the delimiter given (comma by default; tab and
    /// semicolon read back too).
    ///
    /// Columns: see ``CSVFormat``. Cells are quoted only when they must be (a delimiter, a quote,
    /// a line break, or spaces at either end). The `directed` column is written when some
    /// relation's kind is not built in; a relation of such a kind also gets its sign, so that the
    /// kind comes back with its sign and direction. A column a free attribute's name would be
    /// read as (an alias such as `value` or `description`) is always written, so the attribute
    /// stays an attribute. Both texts end with a line break.
    ///
    /// - Complexity: O(actors + relations + their attributes · log attributes).
    public static func write(_ graph: ActorGraph, delimiter: Character = ",") -> (nodes: String, edges: String) {
        var out = CSVTextWriter(delimiter: delimiter)

        // Nodes.
        var nodeAttributeSet = Set<String>()
        for a in graph.actors where !a.attributes.isEmpty { nodeAttributeSet.formUnion(a.attributes.keys) }
        let nodeAttributes = nodeAttributeSet.sorted()
        let nodeFieldsNamed = Set(nodeAttributes.compactMap { CSVColumns.nodeColumn(CSVColumns.key($0))?.slot })
        let hasAliases = graph.actors.contains { !$0.aliases.isEmpty } || nodeFieldsNamed.contains(.aliases)
        let hasRole = graph.actors.contains { $0.role?.isEmpty == false } || nodeFieldsNamed.contains(.role)
        let hasNote = graph.actors.contains { $0.note?.isEmpty == false } || nodeFieldsNamed.contains(.note)
        var header = ["id", "name", "kind"]
        if hasAliases { header.append("aliases") }
        if hasRole { header.append("role") }
        if hasNote { header.append("note") }
        out.row(header + nodeAttributes)
        for a in graph.actors {
            var cells = [a.id, a.name, a.kind]
            if hasAliases { cells.append(FlatList.join(a.aliases)) }
            if hasRole { cells.append(a.role ?? "") }
            if hasNote { cells.append(a.note ?? "") }
            for name in nodeAttributes { cells.append(a.attributes[name]?.description ?? "") }
            out.row(cells)
        }
        let nodes = out.take()

        // Edges.
        var edgeAttributeSet = Set<String>()
        for r in graph.relations where !r.attributes.isEmpty { edgeAttributeSet.formUnion(r.attributes.keys) }
        let edgeAttributes = edgeAttributeSet.sorted()
        let edgeFieldsNamed = Set(edgeAttributes.compactMap { CSVColumns.edgeColumn(CSVColumns.key($0))?.slot })
        let rels = graph.relations
        func needs(_ column: CSVColumn, _ test: (Relation) -> Bool) -> Bool {
            edgeFieldsNamed.contains(column) || rels.contains(where: test)
        }
        let builtIn = Set(RelationKind.builtIns.map(\.id))
        var kindSigns: [String: Sign] = [:]
        for k in graph.allRelationKinds { kindSigns[k.id] = k.sign }
        let hasID = needs(.id) { $0.id != nil }
        let hasDirected = needs(.directed) { !builtIn.contains($0.kind) }
        let hasSign = needs(.sign) { $0.signOverride != nil || !builtIn.contains($0.kind) }
        let hasWeight = needs(.weight) { $0.weight != 1 }
        let hasSince = needs(.since) { $0.since != nil }
        let hasUntil = needs(.until) { $0.until != nil }
        let hasConfidence = needs(.confidence) { $0.evidence.confidence != nil }
        let hasClaimed = needs(.claimedBy) { !$0.evidence.claimedBy.isEmpty }
        let hasDisputed = needs(.disputedBy) { !$0.evidence.disputedBy.isEmpty }
        let hasCite = needs(.cite) { !$0.evidence.citations.isEmpty }
        let hasQuote = needs(.quote) { !$0.evidence.quotes.isEmpty }
        let hasEdgeNote = needs(.note) { $0.note?.isEmpty == false }
        header = []
        if hasID { header.append("id") }
        header += ["source", "target", "kind"]
        if hasDirected { header.append("directed") }
        if hasSign { header.append("sign") }
        if hasWeight { header.append("weight") }
        if hasSince { header.append("since") }
        if hasUntil { header.append("until") }
        if hasConfidence { header.append("confidence") }
        if hasClaimed { header.append("claimed-by") }
        if hasDisputed { header.append("disputed-by") }
        if hasCite { header.append("cite") }
        if hasQuote { header.append("quote") }
        if hasEdgeNote { header.append("note") }
        out.reserve(rels.count * 48)
        out.row(header + edgeAttributes)
        var cells: [String] = []
        for r in rels {
            cells.removeAll(keepingCapacity: true)
            if hasID { cells.append(r.id ?? "") }
            cells.append(r.source)
            cells.append(r.target)
            cells.append(r.kind)
            if hasDirected { cells.append(r.directed ? "true" : "false") }
            if hasSign {
                let sign = r.signOverride ?? (builtIn.contains(r.kind) ? nil : kindSigns[r.kind] ?? .unsigned)
                cells.append(sign?.rawValue ?? "")
            }
            if hasWeight { cells.append(r.weight == 1 ? "" : AttributeValue.format(r.weight)) }
            if hasSince { cells.append(r.since?.description ?? "") }
            if hasUntil { cells.append(r.until?.description ?? "") }
            if hasConfidence { cells.append(r.evidence.confidence?.description ?? "") }
            if hasClaimed { cells.append(FlatList.join(r.evidence.claimedBy)) }
            if hasDisputed { cells.append(FlatList.join(r.evidence.disputedBy)) }
            if hasCite { cells.append(FlatList.join(r.evidence.citations.map(\.description))) }
            if hasQuote { cells.append(FlatList.join(r.evidence.quotes)) }
            if hasEdgeNote { cells.append(r.note ?? "") }
            for name in edgeAttributes { cells.append(r.attributes[name]?.description ?? "") }
            out.row(cells)
        }
        return (nodes, out.take())
    }
}

/// Builds CSV text row by row, quoting only when needed.
struct CSVTextWriter {
    let delimiter: Character
    private let delimiterBytes: [UInt8]
    private let delimiterByte: UInt8
    private var bytes: [UInt8] = []

    init(delimiter: Character) {
        self.delimiter = delimiter
        delimiterBytes = Array(String(delimiter).utf8)
        delimiterByte = delimiter.asciiValue ?? 44
    }

    mutating func reserve(_ n: Int) { bytes.reserveCapacity(n) }

    /// Whether a cell must be quoted to read back as itself: a delimiter, a quote, a line break,
    /// or a space or tab at either end.
    static func needsQuotes(_ cell: UnsafeBufferPointer<UInt8>, delimiter: UInt8) -> Bool {
        guard let first = cell.first, let last = cell.last else { return false }
        if first == 32 || first == 9 || last == 32 || last == 9 { return true }
        for b in cell where b == delimiter || b == 34 || b == 10 || b == 13 { return true }
        return false
    }

    mutating func row(_ cells: [String]) {
        for k in cells.indices {
            if k > 0 { bytes.append(contentsOf: delimiterBytes) }
            var c = cells[k]
            c.withUTF8 { u in
                if Self.needsQuotes(u, delimiter: delimiterByte) {
                    bytes.append(34)
                    for b in u {
                        bytes.append(b)
                        if b == 34 { bytes.append(34) }
                    }
                    bytes.append(34)
                } else {
                    bytes.append(contentsOf: u)
                }
            }
        }
        bytes.append(10)
    }

    mutating func take() -> String {
        defer { bytes = [] }
        return String(decoding: bytes, as: UTF8.self)
    }
}
