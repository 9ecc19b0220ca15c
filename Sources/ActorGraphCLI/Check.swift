import ActorGraphFormats
import ActorGraphModel
import ArgumentParser
import Foundation

extension ActorGraphCommand {
    /// `actorgraph check FILE…`: every error and warning, compiler style.
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check graph files and report every error and warning.",
            discussion: """
                Prints each problem as FILE:LINE:COLUMN: error|warning: what is wrong; how to fix it. \
                All problems are reported, not just the first. Then one line per file with its counts, \
                and how many quotes were found in the passages they cite (sources with 'text:'). \
                A folder is one graph: every .yaml, .yml and .json file in it, by name.

                Exit status: 0 when no file has an error (warnings allowed), 65 when any has one \
                (or any warning, with --strict).
                """
        )

        @Argument(help: ArgumentHelp("The graph files to check: native .yaml/.yml/.json, or .csv (with NAME.nodes.csv beside it, if any), .dot/.gv, .graphml, .gexf, .node-link.json, .net.", valueName: "file"))
        var files: [String]

        @Flag(help: "Treat warnings as errors.")
        var strict = false

        @Flag(name: .shortAndLong, help: "Print only the problems, not the per-file summary line.")
        var quiet = false

        @Option(help: ArgumentHelp("Also say how many relations hold at this date (spans inclusive; partial dates whole periods).", valueName: "date"))
        var at: DateArgument?

        /// `; 77 quotes verified, 63 cites resolved in 1 source text`, or nothing when no source has a text.
        static func evidenceLine(_ e: EvidenceSummary) -> String {
            guard e.texts > 0 || e.quotesUnchecked > 0 else { return "" }
            var line = "; \(plural(e.quotesVerified, "quote")) verified, \(plural(e.citesResolved, "cite")) resolved in \(plural(e.texts, "source text"))"
            if e.quotesUnchecked > 0 { line += ", \(e.quotesUnchecked) unchecked (no text)" }
            return line
        }

        func run() throws {
            var failed = false
            let display = ProgressDisplay.make("check", quiet: quiet)
            for (i, file) in files.enumerated() {
                display?.step("reading \((file as NSString).lastPathComponent)", i, of: files.count)
                let loaded = Interchange.read(contentsOf: file)
                for d in loaded.diagnostics { Output.print(d.description) }
                let errors = loaded.diagnostics.filter { $0.severity == .error }.count
                let warnings = loaded.diagnostics.count - errors
                if errors > 0 || (strict && warnings > 0) { failed = true }
                if !quiet {
                    if errors > 0 {
                        Output.print("\(file): \(plural(errors, "error")), \(plural(warnings, "warning"))")
                    } else {
                        let g = loaded.graph
                        Output.print("\(file): ok: \(plural(g.actors.count, "actor")), \(plural(g.relations.count, "relation")), \(plural(warnings, "warning"))"
                                     + (at.map { ", \(g.snapshot(at: $0.date).relations.count) holding at \($0)" } ?? "")
                                     + Self.evidenceLine(loaded.evidence))
                    }
                }
            }
            if failed { throw ExitCode(ExitStatus.dataError) }
        }
    }
}

func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
