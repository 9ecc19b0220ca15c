import ActorGraphModel
import Foundation

/// One file of a graph read from a folder: its path and what it declares.
public struct GraphPart: Sendable {
    /// The file's path (the folder's path joined with the file's name).
    public var file: String
    /// What the file declares, as decoded on its own.
    public var graph: ActorGraph
}

/// A folder as one graph: every native file in it (`.yaml`, `.yml`, `.json`), sorted by name.
///
/// - Sources, kinds and actors may be declared in any file, and a relation may name an actor
///   declared in another file. Each file starts with `actorgraph: 1` and may leave out `actors:`.
/// - An id declared in two files (an actor, a source, a kind, a relation with an `id`) must
///   agree field by field; the second copy is then dropped. A field that differs is an error at
///   the second copy's field that names the first copy's `file:line:column`. The title and the
///   description, when given in several files, must agree likewise.
/// - Diagnostics name each file with its own lines and columns, in the files' order.
/// - Cites and quotes are checked against the sources' texts, relative to the folder.
public enum GraphFolder {
    /// Whether `path` names a folder.
    public static func isFolder(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    /// The native graph files of a folder, sorted by name (byte order), as paths. Hidden files
    /// and node-link files (`.node-link.json`) are left out; subfolders are not read.
    public static func files(in folder: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { name in
            guard !name.hasPrefix("."), let format = GraphFormat(path: name), format.isNative else { return false }
            return !isFolder((folder as NSString).appendingPathComponent(name))
        }
        .sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        .map { (folder as NSString).appendingPathComponent($0) }
    }

    /// Reads every native file of `folder` as one graph, validates it and checks its evidence.
    /// Never throws: problems are diagnostics. ``LoadedGraph/parts`` holds each file's own part.
    ///
    /// - Complexity: O(total size of the files) plus validation and the evidence check.
    public static func read(contentsOf folder: String) -> LoadedGraph {
        let paths = files(in: folder)
        guard !paths.isEmpty else {
            return LoadedGraph(graph: ActorGraph(), diagnostics: [Diagnostic(
                file: folder, position: nil, severity: .error, message: "the folder holds no graph files (.yaml, .yml or .json)",
                fix: "put the graph's native files in it, each starting with 'actorgraph: \(ActorGraph.formatVersion)'")], sourceMap: SourceMap())
        }
        var diagnostics: [Diagnostic] = []
        var parts: [GraphPart] = []
        var maps: [SourceMap] = []
        for path in paths {
            var decoded: (ActorGraph, SourceMap)?
            switch readText(path) {
            case .failure(let d): diagnostics.append(d)
            case .success(let text):
                let syntax = NativeSyntax(path: path) ?? .yaml
                switch syntax == .json ? JSONDocumentReader.read(text, file: path) : YAMLDocumentReader.read(text, file: path) {
                case .failure(let d): diagnostics.append(d)
                case .success(let root):
                    var decoder = GraphDecoder(file: path)
                    decoder.partOfFolder = true
                    let graph = decoder.decode(root)
                    diagnostics += decoder.diagnostics
                    decoded = (graph, decoder.sourceMap)
                }
            }
            parts.append(GraphPart(file: path, graph: decoded?.0 ?? ActorGraph()))
            maps.append(decoded?.1 ?? SourceMap())
        }
        var merger = Merger(parts: parts, maps: maps)
        merger.merge()
        diagnostics += merger.diagnostics
        var sourceMap = merger.sourceMap
        for (k, path) in paths.enumerated() { sourceMap.fileOrder[path] = k }
        let decodedCleanly = !diagnostics.contains { $0.severity == .error }
        for issue in merger.graph.validate() where decodedCleanly || issue.severity == .error {
            diagnostics.append(GraphFile.diagnostic(for: issue, file: paths[0], sourceMap: sourceMap))
        }
        var loaded = LoadedGraph(graph: merger.graph, diagnostics: GraphFile.sortedByPosition(diagnostics, fileOrder: sourceMap.fileOrder),
                                 sourceMap: sourceMap)
        loaded.parts = parts
        loaded.isNative = true
        EvidenceCheck.apply(to: &loaded, file: paths[0]) { _ in folder }
        return loaded
    }

    private static func readText(_ path: String) -> Result<String, Diagnostic> {
        guard let data = FileManager.default.contents(atPath: path) else {
            return .failure(Diagnostic(file: path, position: nil, severity: .error, message: "cannot read the file: permission denied or unreadable",
                                       fix: "check the file's permissions"))
        }
        guard var text = String(validating: data, as: UTF8.self) else {
            return .failure(Diagnostic(file: path, position: GraphFile.invalidUTF8Position(data), severity: .error,
                                       message: "the file is not valid UTF-8 text", fix: "save it as UTF-8"))
        }
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        return .success(text)
    }
}

/// Merges the parts of a folder into one graph and one source map.
private struct Merger {
    let parts: [GraphPart]
    let maps: [SourceMap]
    var graph = ActorGraph()
    var sourceMap = SourceMap()
    var diagnostics: [Diagnostic] = []

    init(parts: [GraphPart], maps: [SourceMap]) {
        self.parts = parts
        self.maps = maps
    }

    /// Where an entry was first declared: its file's index and its index there.
    struct Origin { var part: Int; var index: Int }

    mutating func merge() {
        var titleFrom: Int?, descriptionFrom: Int?
        for (k, part) in parts.enumerated() {
            let g = part.graph
            if let t = g.title {
                if let first = titleFrom {
                    if parts[first].graph.title != t { clash("the title", field: "title", first: first, .graph(field: "title"), second: k, .graph(field: "title"), parts[first].graph.title, t) }
                } else {
                    titleFrom = k
                    graph.title = t
                    carry(k, .graph(field: "title"), to: .graph(field: "title"))
                }
            }
            if let d = g.description {
                if let first = descriptionFrom {
                    if parts[first].graph.description != d { clash("the description", field: "description", first: first, .graph(field: "description"), second: k, .graph(field: "description"), parts[first].graph.description, d) }
                } else {
                    descriptionFrom = k
                    graph.description = d
                    carry(k, .graph(field: "description"), to: .graph(field: "description"))
                }
            }
            if k == 0 { carry(0, .graph(field: nil), to: .graph(field: nil)) }
        }

        var sources: [String: Origin] = [:]
        var actorKinds: [String: Origin] = [:]
        var relationKinds: [String: Origin] = [:]
        var actors: [String: Origin] = [:]
        var relationIDs: [String: Origin] = [:]
        for (k, part) in parts.enumerated() {
            let g = part.graph
            for (i, s) in g.sources.enumerated() {
                if let first = sources[s.id], first.part != k {
                    compare("source '\(s.id)'", sourceFields(parts[first.part].graph.sources[first.index]), sourceFields(s),
                            first: first.part, { .source(first.index, field: $0) }, second: k, { .source(i, field: $0) })
                    continue
                }
                if sources[s.id] == nil { sources[s.id] = Origin(part: k, index: i) }
                adopt(k, .source(i, field: nil), index: graph.sources.count)
                graph.sources.append(s)
            }
            for (i, d) in g.actorKindDeclarations.enumerated() {
                if let first = actorKinds[d.id], first.part != k {
                    compare("actor kind '\(d.id)'", actorKindFields(parts[first.part].graph.actorKindDeclarations[first.index]), actorKindFields(d),
                            first: first.part, { .actorKind(first.index, field: $0) }, second: k, { .actorKind(i, field: $0) })
                    continue
                }
                if actorKinds[d.id] == nil { actorKinds[d.id] = Origin(part: k, index: i) }
                adopt(k, .actorKind(i, field: nil), index: graph.actorKindDeclarations.count)
                graph.actorKindDeclarations.append(d)
            }
            for (i, d) in g.relationKindDeclarations.enumerated() {
                if let first = relationKinds[d.id], first.part != k {
                    compare("relation kind '\(d.id)'", relationKindFields(parts[first.part].graph.relationKindDeclarations[first.index]), relationKindFields(d),
                            first: first.part, { .relationKind(first.index, field: $0) }, second: k, { .relationKind(i, field: $0) })
                    continue
                }
                if relationKinds[d.id] == nil { relationKinds[d.id] = Origin(part: k, index: i) }
                adopt(k, .relationKind(i, field: nil), index: graph.relationKindDeclarations.count)
                graph.relationKindDeclarations.append(d)
            }
            for (i, a) in g.actors.enumerated() {
                if let first = actors[a.id], first.part != k {
                    compare("actor '\(a.id)'", actorFields(parts[first.part].graph.actors[first.index]), actorFields(a),
                            first: first.part, { .actor(first.index, field: $0, element: nil) }, second: k, { .actor(i, field: $0, element: nil) })
                    continue
                }
                if actors[a.id] == nil { actors[a.id] = Origin(part: k, index: i) }
                adopt(k, .actor(i, field: nil, element: nil), index: graph.actors.count)
                graph.actors.append(a)
            }
            for (i, r) in g.relations.enumerated() {
                if let id = r.id, let first = relationIDs[id], first.part != k {
                    compare("relation '\(id)'", relationFields(parts[first.part].graph.relations[first.index]), relationFields(r),
                            first: first.part, { .relation(first.index, field: $0, element: nil) }, second: k, { .relation(i, field: $0, element: nil) })
                    continue
                }
                if let id = r.id, relationIDs[id] == nil { relationIDs[id] = Origin(part: k, index: i) }
                adopt(k, .relation(i, field: nil, element: nil), index: graph.relations.count)
                graph.relations.append(r)
            }
        }
    }

    /// Each part's positions grouped by entry.
    private lazy var byEntry: [[GraphLocation: [(GraphLocation, SourcePosition)]]] = maps.map { map in
        var out: [GraphLocation: [(GraphLocation, SourcePosition)]] = [:]
        for (location, position) in map.positions { out[location.entry, default: []].append((location, position)) }
        return out
    }

    /// Copies the positions of the entry `entry` of part `k` to the merged entry at `index`,
    /// and records its file.
    private mutating func adopt(_ k: Int, _ entry: GraphLocation, index: Int) {
        let target = entry.moved(to: index)
        sourceMap.entryFiles[target] = parts[k].file
        for (location, position) in byEntry[k][entry] ?? [] {
            sourceMap.positions[location.moved(to: index)] = position
        }
    }

    private mutating func carry(_ k: Int, _ location: GraphLocation, to merged: GraphLocation) {
        if let p = maps[k].positions[location] { sourceMap.positions[merged] = p }
        sourceMap.entryFiles[merged.entry] = parts[k].file
    }

    private func place(_ k: Int, _ location: GraphLocation) -> String {
        let p = maps[k].position(of: location) ?? SourcePosition(line: 1, column: 1)
        return "\(parts[k].file):\(p.line):\(p.column)"
    }

    /// Reports each field whose value differs between two declarations of one id.
    private mutating func compare(_ what: String, _ a: [(String, String?)], _ b: [(String, String?)],
                                  first: Int, _ firstLocation: (String?) -> GraphLocation,
                                  second: Int, _ secondLocation: (String?) -> GraphLocation) {
        let before = Dictionary(a, uniquingKeysWith: { x, _ in x })
        let after = Dictionary(b, uniquingKeysWith: { x, _ in x })
        var names = a.map(\.0)
        for (name, _) in b where !names.contains(name) { names.append(name) }
        for name in names {
            let x = before[name] ?? nil, y = after[name] ?? nil
            guard x != y else { continue }
            clash(what, field: name, first: first, firstLocation(name), second: second, secondLocation(y == nil ? nil : name), x, y)
        }
    }

    private mutating func clash(_ what: String, field: String, first: Int, _ firstLocation: GraphLocation,
                                second: Int, _ secondLocation: GraphLocation, _ x: String?, _ y: String?) {
        func shown(_ v: String?) -> String { v.map { "'\($0)'" } ?? "none" }
        let position = maps[second].position(of: secondLocation)
        diagnostics.append(Diagnostic(
            file: parts[second].file, position: position, severity: .error,
            message: "\(what) is declared in two files that disagree on '\(field)': \(shown(y)) here, \(shown(x)) at \(place(first, firstLocation))",
            fix: "an id declared twice must agree field by field: make the two the same, or keep one declaration"))
    }

    // MARK: Fields, for comparing

    private func sourceFields(_ s: Source) -> [(String, String?)] {
        [("title", s.title), ("date", s.date?.description), ("author", s.author), ("url", s.url), ("text", s.text), ("note", s.note)]
    }

    private func actorKindFields(_ d: ActorKindDeclaration) -> [(String, String?)] {
        [("label", d.label), ("shape", d.style.shape), ("fill", d.style.fill), ("color", d.style.color)]
    }

    private func relationKindFields(_ d: RelationKindDeclaration) -> [(String, String?)] {
        [("label", d.label), ("sign", d.sign?.rawValue), ("directed", d.directed.map { $0 ? "true" : "false" }),
         ("color", d.style.color), ("line", d.style.line?.rawValue), ("arrowhead", d.style.arrowhead)]
    }

    private func actorFields(_ a: Actor) -> [(String, String?)] {
        [("name", a.name), ("kind", a.kind), ("aliases", a.aliases.isEmpty ? nil : a.aliases.joined(separator: ", ")),
         ("role", a.role), ("note", a.note)] + a.attributes.keys.sorted().map { ($0, a.attributes[$0]!.description) }
    }

    private func relationFields(_ r: Relation) -> [(String, String?)] {
        func list(_ xs: [String]) -> String? { xs.isEmpty ? nil : xs.joined(separator: ", ") }
        var out: [(String, String?)] = [("kind", r.kind)]
        if r.directed { out += [("from", r.source), ("to", r.target)] } else { out.append(("between", "\(r.source), \(r.target)")) }
        out += [("since", r.since?.description), ("until", r.until?.description), ("sign", r.signOverride?.rawValue),
                ("weight", AttributeValue.format(r.weight)), ("confidence", r.evidence.confidence?.description),
                ("claimed-by", list(r.evidence.claimedBy)), ("disputed-by", list(r.evidence.disputedBy)),
                ("cite", list(r.evidence.citations.map(\.description))), ("quote", list(r.evidence.quotes)), ("note", r.note)]
        return out + r.attributes.keys.sorted().map { ($0, r.attributes[$0]!.description) }
    }
}

private extension GraphLocation {
    /// The same field and element of the entry at `index` (of the same section).
    func moved(to index: Int) -> GraphLocation {
        switch self {
        case .graph: return self
        case .source(_, let f): return .source(index, field: f)
        case .actorKind(_, let f): return .actorKind(index, field: f)
        case .relationKind(_, let f): return .relationKind(index, field: f)
        case .actor(_, let f, let e): return .actor(index, field: f, element: e)
        case .relation(_, let f, let e): return .relation(index, field: f, element: e)
        }
    }
}
