import ActorGraphFormats
import ArgumentParser
import Foundation

extension ActorGraphCommand {
    /// `actorgraph schema`: the JSON Schema of the native format, for editors.
    struct Schema: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print a JSON Schema (draft 2020-12) of the native format, so that editors validate and complete graph files.",
            discussion: """
                Save it beside your graphs (actorgraph schema -o actorgraph.schema.json) and start a \
                YAML file with the line
                  # yaml-language-server: $schema=actorgraph.schema.json
                The YAML language server (VS Code's YAML extension, and other editors) then checks \
                keys and values as you type and offers the fields. Unknown keys are errors where \
                the format rejects them (the top level, kinds, sources); on actors and relations \
                they are free attributes, and only keys that look like a misspelt field are flagged.
                """
        )

        @Option(name: .shortAndLong, help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file"))
        var output: String?

        func run() throws {
            let text = GraphSchema.text + "\n"
            guard let output else { return Output.print(text) }
            do { try AtomicFile.write(Data(text.utf8), to: output) } catch {
                Output.error("\(output): cannot write: \(error)")
                throw ExitCode(ExitStatus.failure)
            }
        }
    }
}
