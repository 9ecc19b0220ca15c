import ActorGraphModel
import Foundation

/// What checking a graph's evidence against its source texts found.
public struct EvidenceSummary: Hashable, Sendable {
    /// Source texts read.
    public var texts = 0
    /// Cites of a source with a text whose locator named a passage the text has (or that cite the
    /// whole text).
    public var citesResolved = 0
    /// Quotes found in a cited passage.
    public var quotesVerified = 0
    /// Quotes that could not be checked because no cited source has a text.
    public var quotesUnchecked = 0

    /// Nothing checked yet.
    public init() {}
}

/// Checks cites and quotes against the sources' texts (`sources: ID: { text: PATH }`).
///
/// For each source with a `text`, the file is read (UTF-8, relative to the directory of the
/// graph file that declares the source); a missing or unreadable file is an error at `text`.
/// Each cite of such a source resolves its locator (``Locator``) against the text: a passage
/// the text lacks is an error at the cite that names what the text has (`cable has ¶1–¶9`); a
/// locator of another form is a warning, and quotes are then looked for in the whole text.
/// Each `quote` must occur, after normalisation (``SourceText``), in one of the relation's cited
/// passages. One that does not is an error at the quote: it names the passage that holds the
/// words when another does, else where it looked and the closest words there.
public enum EvidenceCheck {
    /// Texts longer than this (in characters) are not searched as a whole for the closest words
    /// to a misquote: only the cited passages are.
    public static let wholeTextSuggestionLimit = 50_000

    /// Reads the texts and checks every cite and quote of `loaded`, adding the diagnostics to it
    /// (in position order) and filling ``LoadedGraph/sourceTexts`` and ``LoadedGraph/evidence``.
    ///
    /// - Parameters:
    ///   - file: The file diagnostics name when the source map does not say (a single file).
    ///   - directory: The directory of the graph file a source is declared in, given the
    ///   source's index (texts are relative to it).
    /// - Complexity: O(size of the texts) to read them, plus O(n·q) per quote for n characters
    ///   in its cited passages and q in the quote; a misquote adds O(n·q) for the closest words.
    public static func apply(to loaded: inout LoadedGraph, file: String, directory: (Int) -> String) {
        let graph = loaded.graph
        guard graph.sources.contains(where: { $0.text != nil }) || graph.relations.contains(where: { !$0.evidence.quotes.isEmpty }) else { return }
        var issues: [GraphIssue] = []
        var summary = EvidenceSummary()
        var texts: [String: SourceText] = [:]
        var unreadable: Set<String> = []
        for (i, source) in graph.sources.enumerated() {
            guard let path = source.text, texts[source.id] == nil, !unreadable.contains(source.id) else { continue }
            let base = directory(i)
            let full = path.hasPrefix("/") ? path : (base.isEmpty ? path : (base as NSString).appendingPathComponent(path))
            switch readText(full) {
            case .success(let text):
                texts[source.id] = SourceText(text)
                summary.texts += 1
            case .failure(let reason):
                unreadable.insert(source.id)
                issues.append(GraphIssue(.error, at: .source(i, field: "text"), "cannot read the text of source '\(source.id)' (\(full)): \(reason)",
                                         fix: "the path is relative to the graph file's folder\(base.isEmpty ? "" : " (\(base))"); check it, or save the text there as UTF-8"))
            }
        }
        for (i, r) in graph.relations.enumerated() {
            var cited: [Cited] = []
            var unresolved = false
            var withoutText: [String] = []
            for (j, c) in r.evidence.citations.enumerated() {
                let location = GraphLocation.relation(i, field: "cite", element: r.evidence.citations.count > 1 ? j : nil)
                guard let text = texts[c.source] else {
                    if unreadable.contains(c.source) { unresolved = true } else if graph.sources.contains(where: { $0.id == c.source }) { withoutText.append(c.source) }
                    continue
                }
                guard let raw = c.locator else {
                    cited.append(Cited(source: c.source, text: text, passage: text.whole, locator: nil))
                    summary.citesResolved += 1
                    continue
                }
                guard let locator = Locator(raw) else {
                    issues.append(GraphIssue(.warning, at: location,
                        "'\(raw)' is not a locator actorgraph resolves, so quotes are looked for in the whole text of '\(c.source)'",
                        fix: "write ¶N (a numbered paragraph), lines A-B, or p. N (form-feed pages)"))
                    cited.append(Cited(source: c.source, text: text, passage: text.whole, locator: nil))
                    continue
                }
                do {
                    let passage = try text.passage(locator)
                    cited.append(Cited(source: c.source, text: text, passage: passage, locator: locator))
                    summary.citesResolved += 1
                } catch {
                    unresolved = true
                    issues.append(GraphIssue(.error, at: location, "\(c.source) has no \(locator): \(c.source) has \(error.available)",
                                             fix: "cite a passage the text has, or check the text file"))
                }
            }
            for (k, quote) in r.evidence.quotes.enumerated() {
                let location = GraphLocation.relation(i, field: "quote", element: r.evidence.quotes.count > 1 ? k : nil)
                if quote.allSatisfy(\.isWhitespace) {
                    issues.append(GraphIssue(.error, at: location, "this quote is empty", fix: "quote the source's words, or delete it"))
                    continue
                }
                if r.evidence.citations.isEmpty {
                    issues.append(GraphIssue(.error, at: location, "this relation quotes a source but cites none, so nothing says where to look",
                                             fix: "add 'cite: SOURCE ¶N' (a source with 'text:')"))
                    continue
                }
                if cited.isEmpty {
                    if !unresolved {
                        summary.quotesUnchecked += 1
                        let names = withoutText.map { "'\($0)'" }.joined(separator: ", ")
                        issues.append(GraphIssue(.warning, at: location,
                            names.isEmpty ? "this quote cannot be checked: no cited source has a text" : "this quote cannot be checked: \(withoutText.count == 1 ? "source" : "sources") \(names) \(withoutText.count == 1 ? "has" : "have") no text",
                            fix: "add 'text: PATH' (a plain-text copy of the source) to the source"))
                    }
                    continue
                }
                if cited.contains(where: { $0.text.find(quote, in: $0.passage.range) != nil }) {
                    summary.quotesVerified += 1
                    continue
                }
                let places = cited.map(describe).joined(separator: cited.count == 2 ? " or " : ", ")
                // Elsewhere in a cited source's text?
                var elsewhere: (source: String, label: String, lines: ClosedRange<Int>)?
                for c in cited {
                    if let hit = c.text.find(quote, in: c.text.whole.range) {
                        elsewhere = (c.source, c.text.label(of: hit, like: c.locator), c.text.lines(of: hit))
                        break
                    }
                }
                if let elsewhere {
                    let cite = elsewhere.label.contains("outside") ? "\(elsewhere.source) \(lineLabel(elsewhere.lines))" : "\(elsewhere.source) \(elsewhere.label)"
                    issues.append(GraphIssue(.error, at: location,
                        "the quote \(shown(quote)) is not in the cited \(places) but in \(elsewhere.source) \(elsewhere.label)\(elsewhere.label.hasPrefix("line") || elsewhere.label.contains("outside") ? "" : " (at \(lineLabel(elsewhere.lines)))")",
                        fix: "cite '\(cite)', or quote words of the passage cited"))
                    continue
                }
                // The closest words: in the cited passages, and in the whole text when it is short.
                var best: (source: String, text: SourceText, range: Range<Int>, edits: Int, locator: Locator?)?
                for c in cited {
                    if let near = c.text.closest(to: quote, in: c.passage.range), near.edits < (best?.edits ?? .max) {
                        best = (c.source, c.text, near.range, near.edits, c.locator)
                    }
                }
                var suggestion = ""
                if let best, !best.range.isEmpty {
                    let lines = best.text.lines(of: best.range)
                    suggestion = "; the closest words there are \(shown(best.text.oneLine(best.range), limit: 120)) (\(lineLabel(lines)))"
                    var seen: Set<String> = []
                    for c in cited where seen.insert(c.source).inserted && c.text.characters.count <= wholeTextSuggestionLimit {
                        if let near = c.text.closest(to: quote, in: c.text.whole.range), near.edits < best.edits, !near.range.isEmpty {
                            suggestion += "; closer still, in \(c.source) \(c.text.label(of: near.range, like: c.locator)): \(shown(c.text.oneLine(near.range), limit: 120))"
                            break
                        }
                    }
                }
                issues.append(GraphIssue(.error, at: location, "the quote \(shown(quote)) is not in \(places)\(suggestion)",
                                         fix: "quote the text's exact words: only spacing, line breaks, hyphens at line ends, quote marks and dashes may differ"))
            }
        }
        var diagnostics = loaded.diagnostics
        for issue in issues {
            diagnostics.append(GraphFile.diagnostic(for: issue, file: file, sourceMap: loaded.sourceMap))
        }
        loaded.diagnostics = GraphFile.sortedByPosition(diagnostics, fileOrder: loaded.sourceMap.fileOrder)
        loaded.sourceTexts = texts
        loaded.evidence = summary
    }

    /// A cited passage for a message: `cable ¶3 (lines 19–37)`, `cable lines 4–9`, `the whole text of cable`.
    fileprivate static func describe(_ c: Cited) -> String {
        guard let locator = c.locator else { return "the whole text of \(c.source)" }
        if case .lines = locator { return "\(c.source) \(locator)" }
        return "\(c.source) \(locator) (\(lineLabel(c.passage.lines)))"
    }

    static func lineLabel(_ lines: ClosedRange<Int>) -> String {
        lines.count == 1 ? "line \(lines.lowerBound)" : "lines \(lines.lowerBound)–\(lines.upperBound)"
    }

    /// A quote for a message: in double quotes, on one line, shortened in the middle when long.
    static func shown(_ text: String, limit: Int = 80) -> String {
        var one = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        if one.count > limit {
            one = String(one.prefix(limit * 2 / 3)) + " … " + String(one.suffix(limit / 3))
        }
        return "\"\(one)\""
    }

    /// The text of a file, or why it cannot be read.
    static func readText(_ path: String) -> Result<String, TextError> {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return .failure(TextError("no such file")) }
        if isDirectory.boolValue { return .failure(TextError("it is a folder")) }
        guard let data = FileManager.default.contents(atPath: path) else { return .failure(TextError("permission denied or unreadable")) }
        guard var text = String(validating: data, as: UTF8.self) else { return .failure(TextError("it is not UTF-8 text")) }
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        return .success(text)
    }

    struct TextError: Error, CustomStringConvertible {
        var description: String
        init(_ d: String) { description = d }
    }
}

/// A cite resolved against its source's text.
private struct Cited {
    var source: String
    var text: SourceText
    var passage: Passage
    var locator: Locator?
}
