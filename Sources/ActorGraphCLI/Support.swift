import ActorGraphFormats
import ActorGraphModel
import Foundation

/// Writes files atomically: into a temporary file beside the target, then a rename, so readers
/// see the old file or the whole new one, never half of it.
enum AtomicFile {
    static func write(_ data: Data, to path: String) throws {
        try write([(path, data)])
    }

    /// Writes several files that belong together (a CSV nodes file and edges file): every
    /// temporary file is written first, and only when all are complete are they renamed into
    /// place, so a failure (a full disk, a missing folder) leaves none of them half-written.
    static func write(_ files: [(path: String, data: Data)]) throws {
        var temporaries: [(URL, URL)] = []
        // An interrupt (Ctrl-C) while these are written removes them (see Interrupt).
        var slots: [Int?] = []
        defer { slots.forEach(Interrupt.release) }
        do {
            for (path, data) in files {
                let url = URL(fileURLWithPath: path)
                let temporary = url.deletingLastPathComponent()
                    .appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
                temporaries.append((temporary, url))
                slots.append(Interrupt.track(temporary.path))
                try data.write(to: temporary)
            }
            // Tests hold the temporaries in place to interrupt the write (ProgressCommandTests).
            if let pause = ProcessInfo.processInfo.environment["ACTORGRAPH_TEST_PAUSE_BEFORE_RENAME"], let seconds = Double(pause) {
                Thread.sleep(forTimeInterval: seconds)
            }
            for (temporary, url) in temporaries where rename(temporary.path, url.path) != 0 {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path])
            }
        } catch {
            for (temporary, _) in temporaries { try? FileManager.default.removeItem(at: temporary) }
            throw error
        }
    }
}

/// `graph`, read from `input` (a file or a folder), with its sources' relative `text` paths
/// rewritten for a file written at `output`, or for standard output (nil or `-`) read from the
/// current folder.
func rebasedForOutput(_ graph: ActorGraph, input: String, output: String?) -> ActorGraph {
    let inputDirectory = GraphFolder.isFolder(input) ? input : (input as NSString).deletingLastPathComponent
    let outputDirectory = output.flatMap { $0 == "-" ? nil : ($0 as NSString).deletingLastPathComponent } ?? FileManager.default.currentDirectoryPath
    return GraphFile.rebasingSourceTexts(graph, from: inputDirectory, to: outputDirectory)
}
