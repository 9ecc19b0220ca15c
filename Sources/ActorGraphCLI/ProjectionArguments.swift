import ActorGraphAnalysis
import ActorGraphFormats
import ActorGraphModel
import ArgumentParser
import Foundation

/// The options that choose which relations an analysis reads (DESIGN §4, "Projection").
struct ProjectionArguments: ParsableArguments {
    @Option(help: ArgumentHelp("Comma-separated relation kinds to keep (default: every signed kind).", valueName: "kinds"))
    var relations: String?

    @Flag(help: "Use relation weights (otherwise every relation weighs 1).")
    var weighted = false

    @Option(help: ArgumentHelp("Only relations that hold at this date (YYYY, YYYY-MM or YYYY-MM-DD).", valueName: "date"))
    var at: String?

    @Option(help: ArgumentHelp("A claimant's view: unclaimed relations plus those this actor claims.", valueName: "id"))
    var claimant: String?

    @Option(name: .customLong("min-confidence"), help: ArgumentHelp("Only relations with at least this confidence (0…1; low 0.25, medium 0.5, high 0.75).", valueName: "x"))
    var minConfidence: Double?

    func validate() throws {
        if let minConfidence, !(0...1).contains(minConfidence) { throw ValidationError("--min-confidence must lie in 0…1") }
        if let at, PartialDate(at) == nil { throw ValidationError("--at '\(at)' is not a date; write YYYY, YYYY-MM or YYYY-MM-DD") }
    }

    /// Whether any option filters relations (an edge list has nothing to filter by).
    var filters: Bool { relations != nil || at != nil || claimant != nil || minConfidence != nil }

    func options(symmetrize: Bool = false) -> ProjectionOptions {
        ProjectionOptions(
            relationKinds: relations.map { Set($0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }) },
            symmetrize: symmetrize, weighted: weighted, at: at.flatMap { PartialDate($0) }, claimant: claimant,
            minimumConfidence: minConfidence)
    }

    /// A description of the view, for report headings: "at 2010-01-11, as sabzwari claims".
    var view: String {
        var parts: [String] = []
        if let relations { parts.append("relations \(relations)") }
        if let at { parts.append("at \(at)") }
        if let claimant { parts.append("as \(claimant) tells it") }
        if let minConfidence { parts.append("confidence ≥ \(reportNumber(minConfidence))") }
        if weighted { parts.append("weighted") }
        return parts.joined(separator: ", ")
    }
}

/// Output formats of the analysis reports.
enum AnalysisFormat: String, ExpressibleByArgument, CaseIterable { case table, csv, json }

/// Runs an analysis, turning a projection error into a positioned message and status 65.
func analyse<T>(_ file: String, _ body: () throws -> T) throws -> T {
    do { return try body() } catch let error as ProjectionError {
        Output.error("\(file): \(error)")
        throw ExitCode(ExitStatus.dataError)
    }
}

/// Plain-text tables: columns padded, numbers right-aligned, no trailing blanks.
enum TextTable {
    static func lines(_ rows: [[String]], rightAligned: Set<Int> = []) -> [String] {
        guard let width = rows.map(\.count).max() else { return [] }
        let widths = (0..<width).map { c in rows.map { c < $0.count ? $0[c].count : 0 }.max() ?? 0 }
        return rows.map { row in
            var line = ""
            for (c, cell) in row.enumerated() {
                let pad = String(repeating: " ", count: widths[c] - cell.count)
                line += rightAligned.contains(c) ? pad + cell : cell + pad
                if c < row.count - 1 { line += "  " }
            }
            while line.last == " " { line.removeLast() }
            return line
        }
    }

    /// A CSV field, quoted when it must be.
    static func csv(_ s: String) -> String {
        s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }
}

/// Prints a report as JSON: the value encoded by ``ReportJSON`` (sorted keys, stable layout).
func printJSON<T: Encodable>(_ report: T) throws {
    do {
        Output.write(line: try ReportJSON.encoder().encode(report))
    } catch {
        Output.error("cannot encode the report as JSON: \(error)")
        throw ExitCode(ExitStatus.failure)
    }
}

/// The relation's quotes (`quote:`), one line each after `indent`, for reports that list the
/// relation: the source's own words under the relation that rests on them.
func quoteLines(_ graph: ActorGraph, _ i: Int, indent: String) -> [String] {
    graph.relations[i].evidence.quotes.map { indent + "quote: \"" + $0.split(whereSeparator: \.isWhitespace).joined(separator: " ") + "\"" }
}

/// A relation line, then its quotes indented two more spaces.
func relationLines(_ graph: ActorGraph, _ i: Int, indent: String) -> [String] {
    [indent + relationLine(graph, i)] + quoteLines(graph, i, indent: indent + "  ")
}

/// A relation in one line for reports: `mqm-a –conflict– ppp  [fissure] since 2010-01-07; cable ¶3; …`.
func relationLine(_ graph: ActorGraph, _ i: Int) -> String {
    graph.relationPhrase(i) + "  " + graph.evidencePhrase(i)
}
