import Foundation
import Testing

/// The documentation holds to the code: every public symbol of the library modules has a DocC
/// comment, the README's links and performance tables agree with the files and articles they
/// point to, and the articles' `<doc:…>` links name articles that exist.
///
/// `make docs` (DocC, warnings as errors) checks the symbol links and the catalogs themselves;
/// these tests are the fast part, read from the sources without building them.
@Suite struct DocumentationTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static let libraryModules = ["ActorGraphModel", "ActorGraphFormats", "ActorGraphAnalysis",
                                 "ActorGraphRendering", "ActorGraphBriefing", "NetworkAnalysis", "ActorGraphKit"]
    static let articles = root.appendingPathComponent("Sources/ActorGraphKit/ActorGraphKit.docc")

    static func text(_ relative: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(relative), encoding: .utf8)
    }

    static func swiftFiles(in module: String) -> [URL] {
        let dir = root.appendingPathComponent("Sources/\(module)")
        guard let walker = FileManager.default.enumerator(at: dir, includingPropertiesForKeys: nil) else { return [] }
        return walker.compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" }
            .sorted { $0.path < $1.path }
    }

    /// Every `public` or `open` declaration, and every `case` of a public enum, in the library
    /// modules has a `///` comment right above it (attributes may sit in between). Extensions are
    /// exempt (their members carry their own comments), and so are ``standardWitnesses``.
    @Test func everyPublicSymbolIsDocumented() throws {
        var missing: [String] = []
        for module in Self.libraryModules {
            for file in Self.swiftFiles(in: module) {
                let lines = try String(contentsOf: file, encoding: .utf8).components(separatedBy: "\n")
                let relative = file.path.replacingOccurrences(of: Self.root.path + "/", with: "")
                for index in Self.undocumentedPublicDeclarations(lines) {
                    missing.append("\(relative):\(index + 1): \(lines[index].trimmingCharacters(in: .whitespaces))")
                }
            }
        }
        #expect(missing.isEmpty, "public symbols without a /// comment (\(missing.count)):\n\(missing.joined(separator: "\n"))")
    }

    /// The scanner itself, on a small text: what it flags and what it lets through.
    @Test func theScannerFlagsWhatItShould() {
        let source = """
            /// Documented.
            public struct A {
                public var undocumented: Int
                /// Documented.
                @inlinable public func f() {}
                var internalOne: Int
                public init() { undocumented = 0 }
                public static func == (a: A, b: A) -> Bool { true }
            }
            public enum E {
                /// Documented.
                case a
                case b, c
                /// Documented.
                public var x: Int {
                    switch self { case .a: 1
                    case .b, .c: 2 }
                }
            }
            enum Internal {
                case d
            }
            extension A {
                /// Documented.
                public func g() {}
                public func h() {}
            }
            let s = "public var inAString"
            """
        let lines = source.components(separatedBy: "\n")
        let flagged = Self.undocumentedPublicDeclarations(lines).map { lines[$0].trimmingCharacters(in: .whitespaces) }
        #expect(flagged == ["public var undocumented: Int", "public init() { undocumented = 0 }",
                            "public enum E {", "case b, c", "public func h() {}"])
    }

    /// Implementations of the standard library's protocol requirements (`Codable`, `Equatable`,
    /// `Hashable`, `Comparable`, `CustomStringConvertible`): DocC shows the protocol's own
    /// documentation for them, so a comment is welcome but not required.
    static let standardWitnesses = [
        "public init(from decoder:", "public func encode(to encoder:", "public static func == (",
        "public static func < (", "public func hash(into ", "public var description: String {",
    ]

    /// The indices of the lines that declare a public symbol without a doc comment above.
    static func undocumentedPublicDeclarations(_ lines: [String]) -> [Int] {
        var result: [Int] = []
        // The brace depth at which each open public enum's cases sit.
        var publicEnumBodies: [Int] = []
        var depth = 0
        for (index, raw) in lines.enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            let code = stripStringsAndComments(line)
            let declaration = dropAttributes(code)
            let isPublic = declaration.hasPrefix("public ") || declaration.hasPrefix("open ")
            let isExtensionOrImport = isPublic && {
                let rest = declaration.drop { $0 != " " }.drop { $0 == " " }
                return rest.hasPrefix("extension ") || rest.hasPrefix("import ")
            }()
            let isEnumCase = publicEnumBodies.last == depth && declaration.hasPrefix("case ")
            let isWitness = standardWitnesses.contains { declaration.hasPrefix($0) }
            if (isPublic && !isExtensionOrImport && !isWitness) || isEnumCase {
                if !hasDocComment(above: index, in: lines) { result.append(index) }
            }
            let opens = code.filter { $0 == "{" }.count, closes = code.filter { $0 == "}" }.count
            if isPublic, declaration.range(of: #"\benum\s"#, options: .regularExpression) != nil, opens > closes {
                publicEnumBodies.append(depth + 1)
            }
            depth += opens - closes
            while let last = publicEnumBodies.last, depth < last { publicEnumBodies.removeLast() }
        }
        return result
    }

    /// Whether a `///` line (or the end of a `/** */` comment) is right above `index`, skipping
    /// attribute lines such as `@inlinable`.
    static func hasDocComment(above index: Int, in lines: [String]) -> Bool {
        var i = index - 1
        while i >= 0 {
            let line = lines[i].trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("///") || line.hasSuffix("*/") { return true }
            if line.hasPrefix("@") { i -= 1; continue }
            return false
        }
        return false
    }

    /// `line` without its string literals' contents and without a trailing `//` comment, so that
    /// braces and keywords in text are not counted.
    static func stripStringsAndComments(_ line: String) -> String {
        var out = ""
        var inString = false
        var previous: Character = " "
        var iterator = line.makeIterator()
        while let c = iterator.next() {
            if inString {
                if c == "\"" && previous != "\\" { inString = false; out.append(c) }
                previous = previous == "\\" && c == "\\" ? " " : c
                continue
            }
            if c == "\"" { inString = true; out.append(c); previous = c; continue }
            if c == "/" && previous == "/" { out.removeLast(); break }
            out.append(c)
            previous = c
        }
        return out.trimmingCharacters(in: .whitespaces)
    }

    /// A declaration without its leading attributes (`@inlinable`, `@discardableResult`, …).
    static func dropAttributes(_ code: String) -> String {
        var rest = Substring(code)
        while rest.hasPrefix("@") {
            var end = rest.firstIndex(of: " ") ?? rest.endIndex
            if let paren = rest.firstIndex(of: "("), paren < end, let close = rest.firstIndex(of: ")") {
                end = rest.index(after: close)
            }
            rest = rest[end...].drop { $0 == " " }
        }
        return String(rest)
    }

    /// Every relative link in the README names a file or folder that exists.
    @Test func readmeLinksResolve() throws {
        let readme = try Self.text("README.md")
        let links = readme.matches(of: /\]\(([^)#]+)(#[^)]*)?\)/).map { String($0.output.1) }
            .filter { !$0.hasPrefix("http") }
        #expect(!links.isEmpty)
        for link in links {
            #expect(FileManager.default.fileExists(atPath: Self.root.appendingPathComponent(link).path), "README links to \(link)")
        }
    }

    /// Every `<doc:Name>` in the ActorGraphKit articles names an article of the catalog.
    @Test func articleLinksNameArticles() throws {
        let files = try FileManager.default.contentsOfDirectory(at: Self.articles, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "md" }
        let names = Set(files.map { $0.deletingPathExtension().lastPathComponent })
        for file in files {
            let text = try String(contentsOf: file, encoding: .utf8)
            #expect(text.hasPrefix("# "), "\(file.lastPathComponent) starts with its title")
            for match in text.matches(of: /<doc:([A-Za-z0-9_-]+)>/) {
                #expect(names.contains(String(match.output.1)), "\(file.lastPathComponent) links to <doc:\(match.output.1)>")
            }
        }
    }

    /// Every row of the README's Performance tables is a row of the Performance article (the README
    /// shows a selection), so the numbers cannot drift apart: update both.
    @Test func readmePerformanceTablesMatchTheArticle() throws {
        func tableRows(_ text: Substring) -> [String] {
            text.split(separator: "\n").map(String.init).filter { $0.hasPrefix("|") }
        }
        let readme = try Self.text("README.md")
        let start = try #require(readme.range(of: "\n## Performance\n"))
        let end = readme[start.upperBound...].range(of: "\n## ")?.lowerBound ?? readme.endIndex
        let readmeRows = tableRows(readme[start.upperBound..<end])
        let article = try Self.text("Sources/ActorGraphKit/ActorGraphKit.docc/Performance.md")
        #expect(!readmeRows.isEmpty)
        let articleRows = Set(tableRows(article[...]))
        let missing = readmeRows.filter { !articleRows.contains($0) }
        #expect(missing.isEmpty, "README.md's performance rows that Performance.md does not hold: \(missing.prefix(3))")
    }
}
