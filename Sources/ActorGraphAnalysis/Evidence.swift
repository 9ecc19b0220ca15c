import ActorGraphModel

/// A piece of a cited passage: plain text, or words a quote of the relation picks out.
public struct PassageSegment: Codable, Hashable, Sendable {
    /// The text, as in the source (line breaks kept).
    public var text: String
    /// Whether one of the relation's quotes covers it.
    public var quoted: Bool
}

/// One cite of a relation, with the passage it names when the source has a text.
public struct CitedPassage: Codable, Hashable, Sendable {
    /// The cite as written: `cable ¶3`.
    public var cite: String
    /// The source's id.
    public var source: String
    /// The locator as written, if any.
    public var locator: String?
    /// The passage's label (`¶3`, `lines 4–9`, `the whole text`); nil when the source has no text
    /// or the locator names nothing in it.
    public var passage: String?
    /// The passage's first line.
    public var firstLine: Int?
    /// The passage's last line.
    public var lastLine: Int?
    /// The passage, in pieces, quoted words marked; empty without a text.
    public var segments: [PassageSegment]
}

/// A relation with everything that supports it.
public struct RelationEvidence: Codable, Hashable, Sendable {
    /// The relation's position in the graph's relations.
    public var index: Int
    /// Its id, when the file gives one.
    public var id: String?
    /// The relation kind.
    public var kind: String
    /// The first actor (`from`, or the first of `between`).
    public var from: ActorRef
    /// The second actor (`to`, or the second of `between`).
    public var to: ActorRef
    /// Whether it runs from `from` to `to`.
    public var directed: Bool
    /// `mqm-a –conflict– ppp`, `dakai –patronage→ gabol`.
    public var phrase: String
    /// Its cites, in order, each with its passage.
    public var cites: [CitedPassage]
    /// The quotes, as written.
    public var quotes: [String]
    /// Quotes found in none of the cited passages shown (their sources have no text).
    public var unplacedQuotes: [String]
    /// The actors who assert it.
    public var claimedBy: [ActorRef]
    /// The actors who deny it.
    public var disputedBy: [ActorRef]
    /// Its confidence as written, when given.
    public var confidence: String?
    /// The first date it holds, when given.
    public var since: String?
    /// The last date it holds, when given.
    public var until: String?
    /// Its note, when given.
    public var note: String?
}

/// What `actorgraph evidence` shows: relations with their cited passages and quotes.
public struct EvidenceReport: Codable, Hashable, Sendable {
    /// The relations shown, in graph order.
    public var relations: [RelationEvidence]
}

/// How one passage of a source is used.
public struct PassageUse: Codable, Hashable, Sendable {
    /// `¶3`, `p. 2`, or a locator as written.
    public var passage: String
    /// Its first line, when the source has a text.
    public var firstLine: Int?
    /// Its last line, when the source has a text.
    public var lastLine: Int?
    /// The relations citing it (their positions), in graph order.
    public var relations: [Int]
    /// How many quotes were found in it.
    public var quotes: Int
}

/// How one source is used: what is cited, how often, and what no relation cites.
public struct SourceUse: Codable, Hashable, Sendable {
    /// The source's id.
    public var id: String
    /// The source's title.
    public var title: String
    /// The text's path, as written.
    public var text: String?
    /// The text's line count, when it was read.
    public var lines: Int?
    /// The relations that cite the source.
    public var relations: Int
    /// Quotes found in the source's text.
    public var quotes: Int
    /// The text's passages (its numbered paragraphs, else its pages when it has several) with
    /// the relations citing each; without a text, the locators as written.
    public var passages: [PassageUse]
    /// Passages of the text that no relation cites: what an encoder may have missed.
    public var uncited: [String]
    /// Relations citing the whole source (no locator) or a locator that names no passage.
    public var unlocated: [Int]
}

/// What `actorgraph sources` shows.
public struct SourceCoverage: Codable, Hashable, Sendable {
    /// One entry per source, in file order.
    public var sources: [SourceUse]
}

extension ActorGraph {
    /// Each relation in `relations` (positions; all when nil) with its cited passages, the
    /// quotes highlighted in them, its claimants, disputers, confidence, dates and note.
    ///
    /// - Parameter texts: The sources' texts by source id (``ActorGraphFormats`` reads them).
    /// - Complexity: O(Σ passage length · quote length) over the relations' cites and quotes.
    public func evidenceReport(texts: [String: SourceText], relations chosen: [Int]? = nil) -> EvidenceReport {
        let refs = ReportReferences(self)
        var out: [RelationEvidence] = []
        for i in chosen ?? Array(relations.indices) {
            let r = relations[i]
            var cites: [CitedPassage] = []
            var placed = Set<Int>()
            for c in r.evidence.citations {
                var cited = CitedPassage(cite: c.description, source: c.source, locator: c.locator, passage: nil, firstLine: nil, lastLine: nil, segments: [])
                if let text = texts[c.source] {
                    let passage: Passage?
                    if let raw = c.locator {
                        passage = Locator(raw).flatMap { try? text.passage($0) } ?? (Locator(raw) == nil ? text.whole : nil)
                    } else {
                        passage = text.whole
                    }
                    if let passage {
                        // Whole lines, so that the passage reads as in the source.
                        let lines = passage.lines
                        let range = text.lineStarts[lines.lowerBound - 1]..<text.lineRange(lines.upperBound).upperBound
                        var marks: [Range<Int>] = []
                        for (k, q) in r.evidence.quotes.enumerated() {
                            if let hit = text.find(q, in: passage.range) { marks.append(hit); placed.insert(k) }
                        }
                        cited.passage = passage.label
                        cited.firstLine = lines.lowerBound
                        cited.lastLine = lines.upperBound
                        cited.segments = ActorGraph.segments(text, range, marks)
                    }
                }
                cites.append(cited)
            }
            out.append(RelationEvidence(
                index: i, id: r.id, kind: r.kind, from: refs.actor(r.source), to: refs.actor(r.target),
                directed: r.directed, phrase: relationPhrase(i), cites: cites, quotes: r.evidence.quotes,
                unplacedQuotes: r.evidence.quotes.enumerated().filter { !placed.contains($0.offset) }.map(\.element),
                claimedBy: refs.actors(r.evidence.claimedBy),
                disputedBy: refs.actors(r.evidence.disputedBy),
                confidence: r.evidence.confidence?.description, since: r.since?.description, until: r.until?.description, note: r.note))
        }
        return EvidenceReport(relations: out)
    }

    /// `range` of `text` cut into plain and quoted pieces (overlapping marks merged).
    static func segments(_ text: SourceText, _ range: Range<Int>, _ marks: [Range<Int>]) -> [PassageSegment] {
        var merged: [Range<Int>] = []
        let clipped = marks.map { max($0.lowerBound, range.lowerBound)..<max(max($0.lowerBound, range.lowerBound), min($0.upperBound, range.upperBound)) }
        for m in clipped.filter({ !$0.isEmpty }).sorted(by: { $0.lowerBound < $1.lowerBound }) {
            if let last = merged.last, m.lowerBound <= last.upperBound {
                merged[merged.count - 1] = last.lowerBound..<max(last.upperBound, m.upperBound)
            } else {
                merged.append(m)
            }
        }
        var out: [PassageSegment] = []
        var at = range.lowerBound
        for m in merged {
            if at < m.lowerBound { out.append(PassageSegment(text: String(text.characters[at..<m.lowerBound]), quoted: false)) }
            out.append(PassageSegment(text: String(text.characters[m]), quoted: true))
            at = m.upperBound
        }
        if at < range.upperBound { out.append(PassageSegment(text: String(text.characters[at..<range.upperBound]), quoted: false)) }
        return out
    }

    /// For each source: the passages cited and by how many relations, the quotes found, and
    /// the passages (numbered paragraphs, else pages) that no relation cites.
    ///
    /// A relation cites a paragraph or page when one of its cites names a passage that overlaps it.
    ///
    /// - Complexity: O(R·c·P) for R relations with c cites and P passages per text, plus the
    ///   quote searches.
    public func sourceCoverage(texts: [String: SourceText]) -> SourceCoverage {
        var uses: [SourceUse] = []
        for source in sources where !uses.contains(where: { $0.id == source.id }) {
            let text = texts[source.id]
            // The units of the text: numbered paragraphs, else pages.
            var units: [(label: String, range: Range<Int>)] = []
            if let text {
                if !text.paragraphs.isEmpty {
                    units = text.paragraphs.map { ("¶\($0.number)", $0.range) }
                } else if text.pageStarts.count > 1 {
                    units = text.pageStarts.indices.map { k in
                        let end = k + 1 < text.pageStarts.count ? text.pageStarts[k + 1] - 1 : text.characters.count
                        return ("p. \(k + 1)", text.pageStarts[k]..<end)
                    }
                }
            }
            var unitRelations = [Set<Int>](repeating: [], count: units.count)
            var unitQuotes = [Int](repeating: 0, count: units.count)
            var written: [String: (relations: Set<Int>, quotes: Int, lines: ClosedRange<Int>?)] = [:]
            var writtenOrder: [String] = []
            var citing = Set<Int>(), unlocated = Set<Int>()
            var quotes = 0
            for (i, r) in relations.enumerated() {
                let mine = r.evidence.citations.filter { $0.source == source.id }
                guard !mine.isEmpty else { continue }
                citing.insert(i)
                var passages: [Passage] = []
                for c in mine {
                    let label = c.locator.map { Locator($0)?.description ?? $0 } ?? "the whole text"
                    let passage = text.flatMap { t in c.locator.flatMap(Locator.init).flatMap { try? t.passage($0) } }
                    if let passage { passages.append(passage) }
                    if c.locator == nil || (text != nil && passage == nil) { unlocated.insert(i) }
                    if c.locator != nil, text == nil || passage != nil {
                        if written[label] == nil { writtenOrder.append(label); written[label] = ([], 0, passage?.lines) }
                        written[label]!.relations.insert(i)
                    }
                }
                if let text {
                    let searched = passages.isEmpty && mine.contains(where: { $0.locator == nil }) ? [text.whole] : passages
                    for q in r.evidence.quotes {
                        guard let hit = searched.lazy.compactMap({ text.find(q, in: $0.range) }).first else { continue }
                        quotes += 1
                        for (u, unit) in units.enumerated() where unit.range.overlaps(hit) { unitQuotes[u] += 1 }
                        for p in passages where p.range.overlaps(hit) { written[p.label]?.quotes += 1 }
                    }
                    for (u, unit) in units.enumerated() where passages.contains(where: { $0.range.overlaps(unit.range) }) {
                        unitRelations[u].insert(i)
                    }
                }
            }
            let passages: [PassageUse]
            if let text, !units.isEmpty {
                passages = units.enumerated().map { u, unit in
                    let lines = text.lines(of: unit.range)
                    return PassageUse(passage: unit.label, firstLine: lines.lowerBound, lastLine: lines.upperBound,
                                      relations: unitRelations[u].sorted(), quotes: unitQuotes[u])
                }
            } else {
                passages = writtenOrder.map { label in
                    let w = written[label]!
                    return PassageUse(passage: label, firstLine: w.lines?.lowerBound, lastLine: w.lines?.upperBound,
                                      relations: w.relations.sorted(), quotes: w.quotes)
                }
            }
            uses.append(SourceUse(
                id: source.id, title: source.title, text: source.text, lines: text?.lineCount, relations: citing.count, quotes: quotes,
                passages: passages, uncited: units.indices.filter { unitRelations[$0].isEmpty }.map { units[$0].label },
                unlocated: unlocated.sorted()))
        }
        return SourceCoverage(sources: uses)
    }
}
