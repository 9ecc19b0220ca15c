import ActorGraphAnalysis
import ActorGraphFormats
import ActorGraphModel
import ArgumentParser
import Foundation

/// Table or JSON: the two outputs of the evidence commands.
enum EvidenceFormat: String, ExpressibleByArgument, CaseIterable { case table, json }


extension ActorGraphCommand {
    /// `actorgraph evidence FILE`: each relation with the passages it cites and its quotes.
    struct EvidenceCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "evidence",
            abstract: "Show each relation's evidence: the cited passages with the quoted words marked, claimants, disputes, confidence, dates and note.",
            discussion: """
                For each relation (or the one --relation names, or those --actor takes part in, \
                claims or disputes): its cites, each followed by the passage it names in the \
                source's text (sources with 'text:'), whole lines as in the source, with the \
                relation's quotes in bold on a terminal and between «…» otherwise; then who claims \
                and who disputes it, its confidence, its dates and its note.

                The JSON object has 'relations': index, id, kind, from and to ({id, name}), \
                directed, phrase, cites ({cite, source, locator, passage, firstLine, lastLine, \
                segments: [{text, quoted}]}), quotes, unplacedQuotes, claimedBy and disputedBy \
                ([{id, name}]), confidence, since, until, note.
                """
        )

        @Argument(help: ArgumentHelp("The graph file or folder.", valueName: "file"))
        var file: String

        @Option(help: ArgumentHelp("Only the relation with this id (or relation-N, the N-th from 0).", valueName: "id"))
        var relation: String?

        @Option(help: ArgumentHelp("Only the relations this actor takes part in, claims or disputes.", valueName: "id"))
        var actor: String?

        @Option(help: "Output format: table or json.")
        var format: EvidenceFormat = .table

        func validate() throws {
            if relation != nil && actor != nil { throw ValidationError("give --relation or --actor, not both") }
        }

        @OptionGroup var progressOptions: ProgressArguments

        func run() throws {
            let display = ProgressDisplay.make("evidence", quiet: progressOptions.quiet)
            let loaded = try loadForCommand(file)
            let graph = loaded.graph
            var chosen: [Int]?
            if let relation {
                if let i = graph.relations.firstIndex(where: { $0.id == relation }) {
                    chosen = [i]
                } else if relation.hasPrefix("relation-"), let i = Int(relation.dropFirst("relation-".count)), graph.relations.indices.contains(i) {
                    chosen = [i]
                } else {
                    let ids = graph.relations.compactMap(\.id)
                    Output.error("\(file): no relation has the id '\(relation)'; "
                                 + (Suggest.didYouMean(relation, among: ids) ?? (ids.isEmpty ? "no relation has an id; use relation-N" : "the ids are \(ids.joined(separator: ", "))")))
                    throw ExitCode(ExitStatus.dataError)
                }
            } else if let actor {
                guard graph.actors.contains(where: { $0.id == actor }) else {
                    Output.error("\(file): unknown actor '\(actor)'" + (Suggest.didYouMean(actor, among: graph.actors.map(\.id)).map { "; \($0)" } ?? ""))
                    throw ExitCode(ExitStatus.dataError)
                }
                chosen = graph.relations.indices.filter { i in
                    let r = graph.relations[i]
                    return r.source == actor || r.target == actor || r.evidence.claimedBy.contains(actor) || r.evidence.disputedBy.contains(actor)
                }
            }
            display?.step("quotes against the source texts")
            let report = graph.evidenceReport(texts: loaded.sourceTexts, relations: chosen)
            switch format {
            case .json: try printJSON(report)
            case .table: Output.print(Self.table(report, bold: isatty(1) != 0))
            }
        }

        /// The report as text. Quoted words are bold (`bold`) or between «…».
        static func table(_ report: EvidenceReport, bold: Bool) -> String {
            var out: [String] = []
            if report.relations.isEmpty { out.append("No relation.") }
            for (n, r) in report.relations.enumerated() {
                if n > 0 { out.append("") }
                out.append((r.id.map { "[\($0)] " } ?? "[relation-\(r.index)] ") + r.phrase + "   (\(r.from.name) and \(r.to.name))")
                if r.cites.isEmpty { out.append("  no cite") }
                for c in r.cites {
                    guard let passage = c.passage, let first = c.firstLine, let last = c.lastLine else {
                        out.append("  \(c.cite)" + (c.segments.isEmpty ? "  (no text to show)" : ""))
                        continue
                    }
                    let named = c.locator.flatMap(Locator.init)?.description
                    let place = passage.hasPrefix("line") || passage == named ? "" : "\(passage), "
                    out.append("  \(c.cite)  (\(place)\(first == last ? "line \(first)" : "lines \(first)–\(last)")):")
                    out += passageLines(c.segments, bold: bold).map { "    │ " + $0 }
                }
                for q in r.unplacedQuotes { out.append("  quote (no text to place it in): \"\(q)\"") }
                if !r.claimedBy.isEmpty { out.append("  claimed by: " + r.claimedBy.map(named).joined(separator: ", ")) }
                if !r.disputedBy.isEmpty { out.append("  disputed by: " + r.disputedBy.map(named).joined(separator: ", ")) }
                var facts: [String] = []
                if let c = r.confidence { facts.append("confidence \(c)") }
                if let s = r.since { facts.append("since \(s)") }
                if let u = r.until { facts.append("until \(u)") }
                if !facts.isEmpty { out.append("  " + facts.joined(separator: "; ")) }
                if let note = r.note { out.append("  note: " + note) }
            }
            return out.joined(separator: "\n")
        }

        static func named(_ a: ActorRef) -> String { a.name == a.id ? a.id : "\(a.name) (\(a.id))" }

        /// The passage's lines, quoted pieces marked on each line they cross.
        static func passageLines(_ segments: [PassageSegment], bold: Bool) -> [String] {
            let (open, close) = bold ? ("\u{1B}[1m", "\u{1B}[22m") : ("«", "»")
            var lines: [String] = [""]
            for s in segments {
                let parts = s.text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" })
                for (k, part) in parts.enumerated() {
                    if k > 0 { lines.append("") }
                    var piece = String(part)
                    while piece.last?.isWhitespace == true, k + 1 < parts.count { piece.removeLast() }
                    guard s.quoted else { lines[lines.count - 1] += piece; continue }
                    // Mark the words on this line; blanks that start a continued line stay outside.
                    let lead = piece.prefix { $0.isWhitespace }
                    let body = piece.dropFirst(lead.count)
                    if body.isEmpty { lines[lines.count - 1] += piece; continue }
                    if bold || (k == 0 && k + 1 == parts.count) {
                        lines[lines.count - 1] += lead + open + body + close
                    } else {
                        lines[lines.count - 1] += lead + (k == 0 ? open : "") + body + (k + 1 == parts.count ? close : "")
                    }
                }
            }
            return lines.map { line in
                var l = line
                while l.last?.isWhitespace == true { l.removeLast() }
                return l
            }
        }
    }

    /// `actorgraph sources FILE`: what each source contributes, and what no relation cites.
    struct SourcesCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "sources",
            abstract: "Show, per source, which passages relations cite and how often, and which passages none cites.",
            discussion: """
                With a text ('text:'), passages are the text's numbered paragraphs (else its \
                form-feed pages); a relation cites one when one of its cites names a passage \
                that overlaps it. Without a text, the locators as written are counted.

                The JSON object has 'sources': id, title, text, lines, relations, quotes, \
                passages ([{passage, firstLine, lastLine, relations, quotes}]), uncited and \
                unlocated (relations citing the whole source).
                """
        )

        @Argument(help: ArgumentHelp("The graph file or folder.", valueName: "file"))
        var file: String

        @Option(help: "Output format: table or json.")
        var format: EvidenceFormat = .table

        @OptionGroup var progressOptions: ProgressArguments

        func run() throws {
            let display = ProgressDisplay.make("sources", quiet: progressOptions.quiet)
            let loaded = try loadForCommand(file)
            display?.step("passages cited in the source texts")
            let coverage = loaded.graph.sourceCoverage(texts: loaded.sourceTexts)
            switch format {
            case .json: try printJSON(coverage)
            case .table: Output.print(Self.table(coverage))
            }
        }

        static func table(_ coverage: SourceCoverage) -> String {
            var out: [String] = []
            if coverage.sources.isEmpty { out.append("No source.") }
            for (n, s) in coverage.sources.enumerated() {
                if n > 0 { out.append("") }
                var head = "\(s.id): \(s.title)"
                if let text = s.text { head += "  (text: \(text)\(s.lines.map { ", \(plural($0, "line"))" } ?? ""))" } else { head += "  (no text)" }
                out.append(head)
                out.append("  cited by \(plural(s.relations, "relation"))" + (s.text != nil ? ", \(plural(s.quotes, "quote")) found in it" : ""))
                let rows = s.passages.map { p -> [String] in
                    let lines = p.firstLine.map { f in p.lastLine.map { $0 == f ? "line \(f)" : "lines \(f)–\($0)" } ?? "" } ?? ""
                    return ["  " + p.passage, lines, p.relations.isEmpty ? "not cited" : plural(p.relations.count, "relation"),
                            p.quotes > 0 ? plural(p.quotes, "quote") : ""]
                }
                out += TextTable.lines(rows)
                if s.text != nil, !s.passages.isEmpty {
                    out.append("  not cited: " + (s.uncited.isEmpty ? "none" : s.uncited.joined(separator: ", ")))
                }
                if !s.unlocated.isEmpty { out.append("  citing the whole source: \(plural(s.unlocated.count, "relation"))") }
            }
            return out.joined(separator: "\n")
        }
    }
}
