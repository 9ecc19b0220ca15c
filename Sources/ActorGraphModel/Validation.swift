import Dispatch

/// Where in a graph a problem lies, by position in the graph's arrays and the file's key.
///
/// Readers that keep a source map (`SourceMap` in ActorGraphFormats) turn a location into a line and column.
public enum GraphLocation: Hashable, Sendable {
    /// The document as a whole, or a top-level key.
    case graph(field: String?)
    /// The source at this index of ``ActorGraph/sources``.
    case source(Int, field: String?)
    /// The declaration at this index of ``ActorGraph/actorKindDeclarations``.
    case actorKind(Int, field: String?)
    /// The declaration at this index of ``ActorGraph/relationKindDeclarations``.
    case relationKind(Int, field: String?)
    /// The actor at this index of ``ActorGraph/actors``; `element` indexes a list value.
    case actor(Int, field: String?, element: Int?)
    /// The relation at this index of ``ActorGraph/relations``; `element` indexes a list value
    /// (`between`'s two ids, `claimed-by`'s ids, `cite`'s entries).
    case relation(Int, field: String?, element: Int?)

    /// The same entry without a field: where the entry itself starts.
    public var entry: GraphLocation {
        switch self {
        case .graph: return .graph(field: nil)
        case .source(let i, _): return .source(i, field: nil)
        case .actorKind(let i, _): return .actorKind(i, field: nil)
        case .relationKind(let i, _): return .relationKind(i, field: nil)
        case .actor(let i, _, _): return .actor(i, field: nil, element: nil)
        case .relation(let i, _, _): return .relation(i, field: nil, element: nil)
        }
    }

    /// The same entry and field, without a list element.
    public var withoutElement: GraphLocation {
        switch self {
        case .actor(let i, let f, _): return .actor(i, field: f, element: nil)
        case .relation(let i, let f, _): return .relation(i, field: f, element: nil)
        default: return self
        }
    }
}

/// How bad a problem is. Errors make `actorgraph check` fail (exit 65); warnings do not.
public enum Severity: String, Hashable, Sendable, Comparable {
    /// An error makes the graph unusable; a warning points at something probably unintended.
    case error, warning

    /// Orders errors before warnings.
    public static func < (a: Severity, b: Severity) -> Bool { a == .error && b == .warning }
}

/// A problem the validator found in a graph.
public struct GraphIssue: Hashable, Sendable {
    /// Whether the problem is an error or a warning.
    public var severity: Severity
    /// Where the problem is: an entry and a field of the graph, which a reader's source map turns
    /// into a line and column.
    public var location: GraphLocation
    /// What is wrong.
    public var message: String
    /// How to fix it, when that is clear (`did you mean 'ppp'?`).
    public var fix: String?
    /// Another place the problem involves, such as the first definition of a duplicate id.
    public var related: GraphLocation?

    /// Creates an issue. `message` says what is wrong and `fix` how to fix it, both as the user
    /// will read them after `file:line:column: error:`.
    public init(_ severity: Severity, at location: GraphLocation, _ message: String, fix: String? = nil,
                related: GraphLocation? = nil) {
        self.severity = severity
        self.location = location
        self.message = message
        self.fix = fix
        self.related = related
    }
}

/// The result of a search that may run on another thread.
private final class RepeatsBox: @unchecked Sendable {
    var value: [(Int, Int)]?
}

extension ActorGraph {
    /// Each relation that repeats an earlier one exactly, with the first equal one, in order:
    /// what a `[Relation: Int]` of first indices finds, with an index table keyed by a hash of
    /// the relation's fields (its actors' positions standing for known ids) instead of hashing
    /// and storing whole relations; equal hashes are compared in full.
    ///
    /// - Complexity: O(R) expected.
    static func firstRepeats(_ relations: [Relation], ends: (Int) -> (Int?, Int?)) -> [(Int, Int)] {
        var out: [(Int, Int)] = []
        var tableSize = 16
        while tableSize * 2 < relations.count * 3 { tableSize <<= 1 } // at most 2/3 full
        let mask = tableSize - 1
        // Each slot: the relation's index + 1 in the low 32 bits, the hash's high bits above.
        var table = [UInt64](repeating: 0, count: tableSize)
        for (i, r) in relations.enumerated() {
            let (sourceIndex, targetIndex) = ends(i)
            var hasher = Hasher()
            if let k = sourceIndex { hasher.combine(k) } else { hasher.combine(r.source) }
            if let k = targetIndex { hasher.combine(k) } else { hasher.combine(r.target) }
            hasher.combine(r.kind)
            hasher.combine(r.directed)
            hasher.combine(r.weight)
            hasher.combine(r.since)
            hasher.combine(r.until)
            hasher.combine(r.id)
            let h = UInt64(bitPattern: Int64(hasher.finalize()))
            let tag = h & 0xFFFF_FFFF_0000_0000
            var slot = Int(truncatingIfNeeded: h) & mask
            while true {
                let e = table[slot]
                if e == 0 { table[slot] = tag | UInt64(i + 1); break }
                if e & 0xFFFF_FFFF_0000_0000 == tag {
                    let j = Int(e & 0xFFFF_FFFF) - 1
                    if relations[j] == r { out.append((i, j)); break }
                }
                slot = (slot + 1) & mask
            }
        }
        return out
    }

    /// Checks every rule of the format that a parsed graph can still break, and returns every
    /// problem, in file order: errors for what makes the graph wrong, warnings for what is
    /// suspicious (an isolated actor, a relation written twice).
    ///
    /// - Complexity: O(A + R·(c + k)) for A actors, R relations with c ids each, k declared kinds;
    ///   suggestions for unknown ids cost O(A·L²) each, for ids of length L.
    public func validate() -> [GraphIssue] { validate(resolvedEnds: nil) }

    /// ``validate()`` for a reader that already knows, for each relation, the index in
    /// ``actors`` of its source and target (the first actor with that id; -1 when none has it),
    /// which saves two hash look-ups per relation on large imports. The issues are the same.
    package func validate(resolvedEnds: (sources: [Int32], targets: [Int32])?) -> [GraphIssue] {
        var issues: [GraphIssue] = []
        let resolvedEnds = resolvedEnds.flatMap { $0.sources.count == relations.count && $0.targets.count == relations.count ? $0 : nil }
        // Exact repeats, found by ``firstRepeats``: for large resolved imports on the second core,
        // from the start, while this thread checks the rest; merged into the issues after each
        // relation's own.
        let repeatsBox = RepeatsBox()
        var waitForRepeats: DispatchGroup?
        if let ends = resolvedEnds, relations.count >= 100_000 {
            let group = DispatchGroup()
            let rels = relations
            DispatchQueue.global().async(group: group) {
                repeatsBox.value = ActorGraph.firstRepeats(rels) { i in
                    let s = Int(ends.sources[i]), t = Int(ends.targets[i])
                    return (s >= 0 ? s : nil, t >= 0 ? t : nil)
                }
            }
            waitForRepeats = group
        }
        let actorIDs = actorIndex()
        let sourceIDs = Dictionary(sources.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })

        // Sources.
        var seenSources: [String: Int] = [:]
        for (i, s) in sources.enumerated() {
            if let first = seenSources[s.id] {
                issues.append(GraphIssue(.error, at: .source(i, field: nil), "duplicate source id '\(s.id)'",
                                         fix: "give each source its own id", related: .source(first, field: nil)))
            } else { seenSources[s.id] = i }
        }

        // Declared kinds.
        var seenActorKinds: [String: Int] = [:]
        for (i, k) in actorKindDeclarations.enumerated() {
            if let first = seenActorKinds[k.id] {
                issues.append(GraphIssue(.error, at: .actorKind(i, field: nil), "actor kind '\(k.id)' is declared twice",
                                         fix: "merge the two declarations", related: .actorKind(first, field: nil)))
            } else { seenActorKinds[k.id] = i }
            if let shape = k.style.shape, !GraphvizNames.shapes.contains(shape) {
                issues.append(GraphIssue(.error, at: .actorKind(i, field: "shape"), "unknown shape '\(shape)'",
                                         fix: Suggest.didYouMean(shape, among: GraphvizNames.shapes)
                                            ?? "use a Graphviz shape such as box, ellipse, hexagon or octagon"))
            }
            for (field, color) in [("fill", k.style.fill), ("color", k.style.color)] {
                if let color, !GraphvizNames.isColor(color) {
                    issues.append(GraphIssue(.error, at: .actorKind(i, field: field), "'\(color)' is not a colour",
                                             fix: "write a colour as #rrggbb (e.g. #1f77b4) or a Graphviz colour name"))
                }
            }
        }
        var seenRelationKinds: [String: Int] = [:]
        for (i, k) in relationKindDeclarations.enumerated() {
            if let first = seenRelationKinds[k.id] {
                issues.append(GraphIssue(.error, at: .relationKind(i, field: nil), "relation kind '\(k.id)' is declared twice",
                                         fix: "merge the two declarations", related: .relationKind(first, field: nil)))
            } else { seenRelationKinds[k.id] = i }
            if let builtIn = RelationKind.builtIn(k.id) {
                if let sign = k.sign, sign != builtIn.sign {
                    issues.append(GraphIssue(.error, at: .relationKind(i, field: "sign"),
                        "the built-in kind '\(k.id)' is \(builtIn.sign.rawValue); a file may restyle it but not change its sign",
                        fix: "declare a new kind with its own id instead"))
                }
                if let directed = k.directed, directed != builtIn.directed {
                    issues.append(GraphIssue(.error, at: .relationKind(i, field: "directed"),
                        "the built-in kind '\(k.id)' is \(builtIn.directed ? "directed" : "undirected"); a file may restyle it but not change its direction",
                        fix: "declare a new kind with its own id instead"))
                }
            } else {
                if k.sign == nil {
                    issues.append(GraphIssue(.error, at: .relationKind(i, field: nil), "the new relation kind '\(k.id)' has no sign",
                                             fix: "add 'sign: positive', 'sign: negative' or 'sign: unsigned'"))
                }
                if k.directed == nil {
                    issues.append(GraphIssue(.error, at: .relationKind(i, field: nil), "the new relation kind '\(k.id)' does not say whether it is directed",
                                             fix: "add 'directed: true' (written from/to) or 'directed: false' (written between)"))
                }
            }
            if let arrow = k.style.arrowhead, !GraphvizNames.arrowheads.contains(arrow) {
                issues.append(GraphIssue(.error, at: .relationKind(i, field: "arrowhead"), "unknown arrowhead '\(arrow)'",
                                         fix: Suggest.didYouMean(arrow, among: GraphvizNames.arrowheads)
                                            ?? "use a Graphviz arrowhead such as normal, vee, dot, tee or none"))
            }
            if let color = k.style.color, !GraphvizNames.isColor(color) {
                issues.append(GraphIssue(.error, at: .relationKind(i, field: "color"), "'\(color)' is not a colour",
                                         fix: "write a colour as #rrggbb (e.g. #d62728) or a Graphviz colour name"))
            }
        }
        let actorKindIDs = allActorKinds.map(\.id)
        let relationKindIDs = allRelationKinds.map(\.id)

        // Actors.
        // Which actors take part in a relation: one bit each, so that on large graphs the
        // random updates stay in cache (a counter per actor missed it on every relation).
        var named = [UInt64](repeating: 0, count: (actors.count + 63) / 64)
        for (i, a) in actors.enumerated() {
            if a.id.isEmpty {
                issues.append(GraphIssue(.error, at: .actor(i, field: nil, element: nil), "an actor has an empty id",
                                         fix: "give it a short id such as 'ppp'"))
            } else if let first = actorIDs[a.id], first != i {
                issues.append(GraphIssue(.error, at: .actor(i, field: nil, element: nil), "duplicate actor id '\(a.id)'",
                                         fix: "ids must be unique: rename one of the two, or merge them",
                                         related: .actor(first, field: nil, element: nil)))
            }
            if actorKind(a.kind) == nil {
                issues.append(GraphIssue(.error, at: .actor(i, field: "kind", element: nil), "unknown actor kind '\(a.kind)'",
                                         fix: Suggest.didYouMean(a.kind, among: actorKindIDs)
                                            ?? "use one of \(actorKindIDs.joined(separator: ", ")), or declare it under 'kinds: actors:'"))
            }
        }

        // Relations. The candidates for suggestions are gathered only when an id is unknown.
        var actorCandidatesCache: [(text: String, id: String)]?
        var suggestionMemo: [String: String?] = [:] // the same unknown id gets the same suggestion
        func checkActorRef(_ id: String, _ location: GraphLocation, role: String) -> Bool {
            if actorIDs[id] != nil { return true }
            reportUnknownActor(id, location, role: role)
            return false
        }
        func reportUnknownActor(_ id: String, _ location: GraphLocation, role: String) {
            if actorCandidatesCache == nil { actorCandidatesCache = Suggest.actorCandidates(actors) }
            let suggestion: String?
            if let known = suggestionMemo[id] { suggestion = known } else {
                suggestion = Suggest.actor(id, candidates: actorCandidatesCache!)
                suggestionMemo[id] = .some(suggestion)
            }
            issues.append(GraphIssue(.error, at: location, "unknown actor '\(id)' in \(role)",
                                     fix: suggestion ?? "declare it under 'actors:'"))
        }
        // What each relation kind id resolves to, looked up once per kind.
        struct KindCheck { var directionUnknown: Bool; var kind: RelationKind? }
        var kindChecks: [String: KindCheck] = [:]
        func kindCheck(_ id: String) -> KindCheck {
            if let known = kindChecks[id] { return known }
            let directionUnknown = RelationKind.builtIn(id) == nil
                && relationKindDeclarations.first(where: { $0.id == id }).map { $0.directed == nil } == true
            let check = KindCheck(directionUnknown: directionUnknown, kind: relationKind(id))
            kindChecks[id] = check
            return check
        }
        var lastKind: (id: String, check: KindCheck)?
        var seenRelationIDs: [String: Int] = [:]
        // Exact repeats, when not already being found on the second core.
        if waitForRepeats == nil {
            repeatsBox.value = ActorGraph.firstRepeats(relations) { i in (actorIDs[relations[i].source], actorIDs[relations[i].target]) }
        }
        let relationIssuesStart = issues.count
        var issueOwner: [Int] = [] // the relation of each issue from here on
        for (i, r) in relations.enumerated() {
            if let rid = r.id {
                if let first = seenRelationIDs[rid] {
                    issues.append(GraphIssue(.error, at: .relation(i, field: "id", element: nil), "duplicate relation id '\(rid)'",
                                             fix: "relation ids must be unique", related: .relation(first, field: "id", element: nil)))
                } else { seenRelationIDs[rid] = i }
                // `relation-N` is the key a relation without an id goes by (the briefing's
                // data-relation, DOT's edge id, `evidence --relation`): another relation may not take it.
                if rid.hasPrefix("relation-"), let n = Int(rid.dropFirst("relation-".count)), n != i,
                   rid == "relation-\(n)", relations.indices.contains(n), relations[n].id == nil {
                    issues.append(GraphIssue(.warning, at: .relation(i, field: "id", element: nil),
                                             "relation id '\(rid)' is the key of relation \(n + 1), which has no id (the briefing, DOT and 'evidence --relation' call a relation without an id relation-N, N from 0)",
                                             fix: "choose another id, or give relation \(n + 1) an id", related: .relation(n, field: nil, element: nil)))
                }
            }
            let sourceIndex: Int?, targetIndex: Int?
            if let ends = resolvedEnds {
                let si = Int(ends.sources[i]), ti = Int(ends.targets[i])
                sourceIndex = si >= 0 ? si : nil
                targetIndex = ti >= 0 ? ti : nil
            } else {
                sourceIndex = actorIDs[r.source]
                targetIndex = actorIDs[r.target]
            }
            if sourceIndex == nil {
                reportUnknownActor(r.source, r.directed ? .relation(i, field: "from", element: nil) : .relation(i, field: "between", element: 0),
                                   role: r.directed ? "'from'" : "'between'")
            }
            if targetIndex == nil {
                reportUnknownActor(r.target, r.directed ? .relation(i, field: "to", element: nil) : .relation(i, field: "between", element: 1),
                                   role: r.directed ? "'to'" : "'between'")
            }
            if sourceIndex != nil && targetIndex != nil && r.source == r.target {
                issues.append(GraphIssue(.error, at: r.directed ? .relation(i, field: "to", element: nil) : .relation(i, field: "between", element: 1),
                                         "a relation of '\(r.source)' with itself (a self-loop)",
                                         fix: "a relation joins two different actors; check the ids"))
            }
            // An actor named by a relation is not isolated, even when the relation is broken.
            if let k = sourceIndex { named[k >> 6] |= 1 << UInt64(k & 63) }
            if let k = targetIndex { named[k >> 6] |= 1 << UInt64(k & 63) }
            let check: KindCheck
            if let last = lastKind, last.id == r.kind { check = last.check } else {
                check = kindCheck(r.kind)
                lastKind = (r.kind, check)
            }
            if check.directionUnknown {
                // The kind's declaration lacks 'directed', reported above; no direction to check against.
            } else if let kind = check.kind {
                if kind.directed && !r.directed {
                    issues.append(GraphIssue(.error, at: .relation(i, field: "between", element: nil),
                                             "'\(r.kind)' is a directed kind, but this relation uses 'between'",
                                             fix: "write 'from: \(r.source), to: \(r.target)' (\(Suggest.directionHint(kind)))"))
                } else if !kind.directed && r.directed {
                    issues.append(GraphIssue(.error, at: .relation(i, field: "from", element: nil),
                                             "'\(r.kind)' is an undirected kind, but this relation uses 'from'/'to'",
                                             fix: "write 'between: [\(r.source), \(r.target)]'"))
                }
            } else {
                issues.append(GraphIssue(.error, at: .relation(i, field: "kind", element: nil), "unknown relation kind '\(r.kind)'",
                                         fix: Suggest.didYouMean(r.kind, among: relationKindIDs)
                                            ?? "use one of \(relationKindIDs.joined(separator: ", ")), or declare it under 'kinds: relations:'"))
            }
            if !(r.weight.isFinite && r.weight > 0) {
                issues.append(GraphIssue(.error, at: .relation(i, field: "weight", element: nil),
                                         "weight \(AttributeValue.format(r.weight)) is not a positive number",
                                         fix: "weight is an intensity greater than 0; the sign comes from the kind (or 'sign:')"))
            }
            if let since = r.since, let until = r.until, until.ordinalOfLastDay < since.ordinalOfFirstDay {
                issues.append(GraphIssue(.error, at: .relation(i, field: "until", element: nil),
                                         "'until: \(until)' is before 'since: \(since)'",
                                         fix: "swap the two dates, or correct the one that is wrong"))
            }
            if case .value(let x) = r.evidence.confidence, !(x >= 0 && x <= 1) {
                issues.append(GraphIssue(.error, at: .relation(i, field: "confidence", element: nil),
                                         "confidence \(AttributeValue.format(x)) is outside 0…1",
                                         fix: "write a number from 0 to 1, or low, medium or high"))
            }
            for (j, c) in r.evidence.claimedBy.enumerated() {
                _ = checkActorRef(c, .relation(i, field: "claimed-by", element: r.evidence.claimedBy.count > 1 ? j : nil), role: "'claimed-by'")
            }
            for (j, c) in r.evidence.disputedBy.enumerated() {
                _ = checkActorRef(c, .relation(i, field: "disputed-by", element: r.evidence.disputedBy.count > 1 ? j : nil), role: "'disputed-by'")
                if r.evidence.claimedBy.contains(c) {
                    issues.append(GraphIssue(.error, at: .relation(i, field: "disputed-by", element: r.evidence.disputedBy.count > 1 ? j : nil),
                                             "'\(c)' both claims and disputes this relation",
                                             fix: "remove '\(c)' from 'claimed-by' or from 'disputed-by'"))
                }
            }
            for (j, c) in r.evidence.citations.enumerated() where sourceIDs[c.source] == nil {
                let location = GraphLocation.relation(i, field: "cite", element: r.evidence.citations.count > 1 ? j : nil)
                let fix: String
                if sources.isEmpty {
                    fix = "declare it under 'sources:', e.g. 'sources: { \(c.source): { title: \"…\" } }'; cite as 'SOURCE-ID LOCATOR'"
                } else {
                    fix = Suggest.didYouMean(c.source, among: sources.map(\.id))
                        ?? "cite as 'SOURCE-ID LOCATOR' with one of: \(sources.map(\.id).joined(separator: ", "))"
                }
                issues.append(GraphIssue(.error, at: location, "unknown source '\(c.source)' in 'cite'", fix: fix))
            }
            while issueOwner.count < issues.count - relationIssuesStart { issueOwner.append(i) }
        }
        waitForRepeats?.wait()
        if let repeats = repeatsBox.value, !repeats.isEmpty {
            let own = issues[relationIssuesStart...]
            issues.removeSubrange(relationIssuesStart...)
            var k = own.startIndex
            for (i, first) in repeats {
                while k < own.endIndex && issueOwner[k - own.startIndex] <= i { issues.append(own[k]); k += 1 }
                issues.append(GraphIssue(.warning, at: .relation(i, field: nil, element: nil), "this relation repeats an earlier one exactly",
                                         fix: "delete one copy, or add the evidence that tells them apart",
                                         related: .relation(first, field: nil, element: nil)))
            }
            issues.append(contentsOf: own[k...])
        }

        for (i, a) in actors.enumerated() where named[i >> 6] & (1 << UInt64(i & 63)) == 0 && actorIDs[a.id] == i {
            issues.append(GraphIssue(.warning, at: .actor(i, field: nil, element: nil),
                                     "actor '\(a.id)' takes part in no relation (isolated)",
                                     fix: "add its relations, or remove it if it is not part of this network"))
        }
        return issues
    }
}

/// Suggestions for misspelt ids and names.
public enum Suggest {
    /// `did you mean 'x'?` for the nearest candidate within a small edit distance, or nil.
    ///
    /// - Complexity: O(candidates · L²) for strings of length L.
    public static func didYouMean(_ word: String, among candidates: [String]) -> String? {
        nearest(word, among: candidates).map { "did you mean '\($0)'?" }
    }

    /// The candidate nearest to `word`: an exact case-insensitive match, else the smallest edit
    /// distance within a limit that grows with the word: 1 up to five letters, 2 up to eight,
    /// length / 3 beyond. Words of one or two letters match only with one letter more or less.
    /// Ties go to the earlier candidate.
    public static func nearest(_ word: String, among candidates: [String]) -> String? {
        let lower = word.lowercased()
        if let same = candidates.first(where: { $0.lowercased() == lower }) { return same }
        // In a word of one or two letters, a changed letter makes a different word, not a typo
        // ('x' is not 'a'); only a doubled or dropped letter counts ('bb' → 'b', 'pp' → 'ppp').
        if word.count < 3 {
            return candidates.first { c in
                let c = c.lowercased()
                return abs(c.count - lower.count) == 1 && (isSubsequence(lower, of: c) || isSubsequence(c, of: lower))
            }
        }
        let limit = word.count <= 5 ? 1 : word.count <= 8 ? 2 : word.count / 3
        var best: (String, Int)?
        for c in candidates {
            let d = editDistance(lower, c.lowercased(), limit: limit)
            if d <= limit, d < (best?.1 ?? .max) { best = (c, d) }
        }
        return best?.0
    }

    private static func isSubsequence(_ short: String, of long: String) -> Bool {
        var it = long.makeIterator()
        for ch in short {
            var found = false
            while let next = it.next() { if next == ch { found = true; break } }
            if !found { return false }
        }
        return true
    }

    /// The actor ids, aliases and names to match unknown actor references against.
    ///
    /// - Complexity: O(actors + aliases).
    public static func actorCandidates(_ actors: [Actor]) -> [(text: String, id: String)] {
        actors.map { ($0.id, $0.id) } + actors.flatMap { a in a.aliases.map { ($0, a.id) } }
            + actors.map { ($0.name, $0.id) }
    }

    /// A suggestion for an unknown actor reference: by id, alias or name.
    ///
    /// - Complexity: O(candidates · L²) for strings of length L.
    public static func actor(_ word: String, candidates: [(text: String, id: String)]) -> String? {
        guard let hit = nearest(word, among: candidates.map(\.text)),
              let pair = candidates.first(where: { $0.text == hit }) else { return nil }
        if pair.text == pair.id { return "did you mean '\(pair.id)'?" }
        return "did you mean '\(pair.id)' (\(pair.text))?"
    }

    static func directionHint(_ kind: RelationKind) -> String {
        switch kind.id {
        case "patronage": return "from the patron to the client"
        case "membership": return "from the member to the body"
        case "stronghold", "presence": return "from the actor to the place"
        default: return "from the actor the relation starts at"
        }
    }

    /// Levenshtein distance, giving up (returning limit + 1) once it must exceed `limit`.
    ///
    /// - Complexity: O(|a|·|b|) time, O(|b|) space.
    public static func editDistance(_ a: String, _ b: String, limit: Int = .max) -> Int {
        let a = Array(a), b = Array(b)
        if abs(a.count - b.count) > limit { return limit &+ 1 }
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            var rowMin = current[0]
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                rowMin = min(rowMin, current[j])
            }
            if rowMin > limit { return limit &+ 1 }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
