import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// A small element tree read with Foundation's `XMLParser` (libxml2 on Linux), with the source
/// position of every start tag and of each of its attributes, for the GraphML and GEXF readers.
///
/// Safety: a `<!DOCTYPE …>` is blanked out before parsing (same line breaks, so positions stay
/// right), so no DTD is loaded and no entity is declared; so are processing instructions other
/// than the XML declaration (Foundation's parser crashes on `<?pi?>`); with `shouldResolveExternalEntities`
/// off, nothing is fetched and entity expansion cannot blow up. A reference to any entity but the
/// five predefined ones is then an error.
final class XMLTreeElement {
    /// The name as written, with its prefix (`y:ShapeNode`).
    let name: String
    /// The name without its prefix (`ShapeNode`).
    let localName: String
    /// Whether the name has a namespace prefix.
    var isPrefixed: Bool { localName.count != name.count }
    /// Attributes by name as written.
    let attributes: [String: String]
    /// Where the start tag begins (its `<`).
    let position: SourcePosition
    /// Where each attribute's name begins, when known.
    let attributePositions: [String: SourcePosition]
    /// The child elements, in order.
    var children: [XMLTreeElement] = []
    /// The character data directly inside, concatenated (text and CDATA).
    var text = ""

    init(name: String, attributes: [String: String], position: SourcePosition, attributePositions: [String: SourcePosition]) {
        self.name = name
        self.localName = name.split(separator: ":", maxSplits: 1).last.map(String.init) ?? name
        self.attributes = attributes
        self.position = position
        self.attributePositions = attributePositions
    }

    /// The position of attribute `name`, or of the start tag.
    func position(of attribute: String) -> SourcePosition { attributePositions[attribute] ?? position }

    /// The children with this local name.
    func children(_ local: String) -> [XMLTreeElement] { children.filter { $0.localName == local } }
}

enum XMLTree {
    /// The deepest nesting of elements accepted: libxml2's own default limit, which Foundation's
    /// push parser does not apply (it reads 100,000 levels). The tree is freed recursively, so
    /// without a limit absurd nesting exhausts the stack; GraphML and GEXF need fewer than 20.
    static let maximumDepth = 256

    /// Parses `data` into its root element, or one positioned diagnostic saying why it cannot.
    ///
    /// - Complexity: O(size of the input).
    static func parse(data: Data, file: String, format: String, hint: String) -> Result<XMLTreeElement, Diagnostic> {
        var bytes = [UInt8](data)
        guard String(validating: bytes, as: UTF8.self) != nil else {
            return .failure(Diagnostic(file: file, position: GraphFile.invalidUTF8Position(data), severity: .error,
                                       message: "the file is not valid UTF-8 text", fix: "save it as UTF-8"))
        }
        let scan = StartTagScanner.scan(&bytes)
        if bytes.allSatisfy({ [0x20, 0x09, 0x0A, 0x0D].contains($0) }) {
            return .failure(Diagnostic(file: file, position: SourcePosition(line: 1, column: 1), severity: .error,
                                       message: "the file is empty", fix: "export the graph as \(format) again"))
        }
        let builder = TreeBuilder(tags: scan.tags)
        let parser = XMLParser(data: Data(bytes))
        parser.shouldResolveExternalEntities = false
        parser.shouldProcessNamespaces = false
        parser.shouldReportNamespacePrefixes = false
        parser.delegate = builder
        builder.parser = parser
        _ = parser.parse()
        let lines = scan.lineCount
        func clamp(_ line: Int, _ column: Int) -> SourcePosition {
            let l = min(max(line, 1), lines)
            return SourcePosition(line: l, column: max(column, 1))
        }
        if let deep = builder.tooDeep {
            return .failure(Diagnostic(file: file, position: clamp(deep.line, deep.column), severity: .error,
                                       message: "the \(format) nests elements deeper than \(maximumDepth) levels here",
                                       fix: "a \(format) file needs only a few levels; check that every element is closed (\(hint))"))
        }
        if let first = builder.firstError ?? parser.parserError.map({ error in
            TreeBuilder.ParseError(code: (error as NSError).code, line: parser.lineNumber, column: parser.columnNumber,
                                   open: builder.stack.last.map { "<\($0.name)> (opened at line \($0.position.line))" })
        }) {
            // The first error libxml2 reports (it goes on after some, and the last is often just
            // "the document ended early").
            let code = first.code
            let position = clamp(first.line, first.column)
            let open = first.open
            let (message, fix) = describe(code: code, open: open, hint: hint)
            return .failure(Diagnostic(file: file, position: position, severity: .error,
                                       message: "the XML is not well-formed: \(message)", fix: fix))
        }
        guard let root = builder.root else {
            return .failure(Diagnostic(file: file, position: SourcePosition(line: 1, column: 1), severity: .error,
                                       message: "the file holds no XML element", fix: "export the graph as \(format) again"))
        }
        return .success(root)
    }

    /// A human message and a fix for a libxml2 error code (Foundation passes libxml2's codes on).
    static func describe(code: Int, open: String?, hint: String) -> (String, String) {
        let closeHint = "check that every element is closed (\(hint))"
        switch code {
        case 4: return ("the document is empty", "export the graph again")
        case 5: return ("an element is not closed, or there is text after the root element" + (open.map { ": \($0) is still open" } ?? ""), closeHint)
        case 9: return ("a character that XML does not allow (a control character?)", "remove it, or write it as a character reference")
        case 23: return ("an entity reference lacks its ';'", "write '&amp;' for a literal '&'")
        case 24, 26, 27, 28: return ("a reference to an undeclared entity (only &amp; &lt; &gt; &quot; &apos; exist here)", "write '&amp;' for a literal '&'")
        case 38: return ("a '<' inside an attribute value", "write '&lt;' for a literal '<'")
        case 39, 40, 41, 43, 44: return ("an attribute value is not quoted or not closed", "write attributes as name=\"value\"")
        case 42: return ("an attribute is given twice in one tag", "keep one of them")
        case 45: return ("a comment is not closed", "end it with '-->'")
        case 63: return ("a CDATA section is not closed", "end it with ']]>'")
        case 64: return ("an XML declaration '<?xml …?>' that is not at the very start", "move it to the first line or delete it")
        case 68: return ("a tag without a name", "write '&lt;' for a literal '<'")
        case 73: return ("a tag is not closed with '>'", closeHint)
        case 74, 76: return ("tag mismatch" + (open.map { ": \($0) is closed by another tag" } ?? ""), closeHint)
        case 200, 201, 202: return ("a namespace prefix that is not declared" + (open.map { " (inside \($0))" } ?? ""), "declare it on the root element, e.g. xmlns:y=\"…\"")
        case 77: return ("an element is not closed" + (open.map { ": \($0)" } ?? ""), closeHint)
        default: return ("libxml2 error \(code)" + (open.map { " inside \($0)" } ?? ""), closeHint)
        }
    }

    // MARK: Writing

    /// `text` escaped for element content: `&`, `<`, `>`, and CR (which parsers would turn into LF).
    /// Characters XML 1.0 cannot hold (control characters other than tab, LF and CR; U+FFFE,
    /// U+FFFF) become U+FFFD.
    static func escapeText(_ text: String) -> String { escape(text, attribute: false) }

    /// `text` escaped for a double-quoted attribute value: also `"`, tab, LF and CR (which
    /// attribute normalisation would turn into spaces).
    static func escapeAttribute(_ text: String) -> String { escape(text, attribute: true) }

    private static func escape(_ text: String, attribute: Bool) -> String {
        var out = ""
        out.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        for s in text.unicodeScalars {
            switch s {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"" where attribute: out += "&quot;"
            case "\r": out += "&#13;"
            case "\n" where attribute: out += "&#10;"
            case "\t" where attribute: out += "&#9;"
            case "\t", "\n": out.unicodeScalars.append(s)
            default:
                if s.value < 0x20 || s.value == 0xFFFE || s.value == 0xFFFF {
                    out.unicodeScalars.append("\u{FFFD}")
                } else {
                    out.unicodeScalars.append(s)
                }
            }
        }
        return out
    }

    /// Whether XML 1.0 can hold `text` unchanged (see ``escapeText(_:)``).
    static func isRepresentable(_ text: String) -> Bool {
        !text.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\t" && $0 != "\n" && $0 != "\r") || $0.value == 0xFFFE || $0.value == 0xFFFF }
    }
}

/// Builds the tree from parser events, taking positions from the scan when it agrees.
private final class TreeBuilder: NSObject, XMLParserDelegate {
    let tags: [StartTagScanner.Tag]
    var next = 0
    var inSync = true
    var root: XMLTreeElement?
    var stack: [XMLTreeElement] = []
    weak var parser: XMLParser?

    init(tags: [StartTagScanner.Tag]) { self.tags = tags }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName: String?, attributes: [String: String] = [:]) {
        var position = SourcePosition(line: max(parser.lineNumber, 1), column: max(parser.columnNumber, 1))
        var attributePositions: [String: SourcePosition] = [:]
        if inSync, next < tags.count, tags[next].name == elementName {
            position = tags[next].position
            attributePositions = tags[next].attributes
            next += 1
        } else {
            inSync = false
        }
        if stack.count >= XMLTree.maximumDepth {
            // An error libxml2 reported before (it recovers and goes on) stays the one reported.
            if firstError == nil, tooDeep == nil { tooDeep = position }
            aborted = true
            parser.abortParsing()
            return
        }
        let element = XMLTreeElement(name: elementName, attributes: attributes, position: position,
                                     attributePositions: attributePositions)
        if let parent = stack.last { parent.children.append(element) } else if root == nil { root = element }
        stack.append(element)
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
        if !aborted, !stack.isEmpty { stack.removeLast() }
    }

    struct ParseError {
        var code: Int, line: Int, column: Int
        var open: String?
    }
    var firstError: ParseError?
    /// The start tag that nests deeper than ``XMLTree/maximumDepth``; parsing stops there.
    var tooDeep: SourcePosition?
    var aborted = false

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) {
        guard firstError == nil else { return }
        firstError = ParseError(code: (parseError as NSError).code, line: parser.lineNumber, column: parser.columnNumber,
                                open: stack.last.map { "<\($0.name)> (opened at line \($0.position.line))" })
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        stack.last?.text += string
    }

    func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
        stack.last?.text += String(decoding: CDATABlock, as: UTF8.self)
    }
}

/// A light scan of the bytes for start tags (name, position, attribute positions), skipping
/// comments, CDATA, processing instructions and the DOCTYPE, which it blanks out (keeping line
/// breaks, so positions stay right), as it does processing instructions other than the XML
/// declaration.
///
/// Two passes over raw bytes: the first finds tags and attributes by byte offset, the second turns
/// the offsets (found in increasing order) into lines and columns (columns count scalars).
enum StartTagScanner {
    struct Tag {
        var name: String
        var position: SourcePosition
        var attributes: [String: SourcePosition]
    }

    struct Result {
        var tags: [Tag]
        var lineCount: Int
    }

    private struct RawTag {
        var offset: Int
        var name: Range<Int>
        var attributes: [(offset: Int, name: Range<Int>)]
    }

    @inline(__always) private static func isNameByte(_ b: UInt8) -> Bool {
        !(b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == 0x2F || b == 0x3E || b == 0x3D || b == 0x3C
          || b == 0x22 || b == 0x27)
    }

    @inline(__always) private static func has(_ p: UnsafeMutableBufferPointer<UInt8>, _ i: Int, _ pattern: StaticString) -> Bool {
        let n = pattern.utf8CodeUnitCount
        guard i + n <= p.count else { return false }
        let q = pattern.utf8Start
        for k in 0..<n where p[i + k] != q[k] { return false }
        return true
    }

    /// Index just past the first `end` at or after `i` (or the end of the buffer).
    private static func skip(_ p: UnsafeMutableBufferPointer<UInt8>, from i: Int, until end: StaticString) -> Int {
        var j = i
        let first = end.utf8Start[0]
        while j < p.count {
            if p[j] == first, has(p, j, end) { return j + end.utf8CodeUnitCount }
            j += 1
        }
        return p.count
    }

    private static func blank(_ p: UnsafeMutableBufferPointer<UInt8>, _ range: Range<Int>) {
        for k in range where p[k] != 0x0A && p[k] != 0x0D { p[k] = 0x20 }
    }

    static func scan(_ bytes: inout [UInt8]) -> Result {
        var raw: [RawTag] = []
        bytes.withUnsafeMutableBufferPointer { p in
            let n = p.count
            var i = 0
            while i < n {
                guard p[i] == 0x3C else { i += 1; continue }
                if has(p, i, "<!--") { i = skip(p, from: i + 4, until: "-->"); continue }
                if has(p, i, "<![CDATA[") { i = skip(p, from: i + 9, until: "]]>"); continue }
                if has(p, i, "<?") {
                    // Foundation's XMLParser crashes on a processing instruction without data
                    // (`<?pi?>`); none carries graph data: keep only the XML declaration.
                    let start = i
                    i = skip(p, from: i + 2, until: "?>")
                    // The declaration: `<?xml` and a blank at the very start (after a BOM), with no
                    // other `<` before its `?>` (else libxml2 ends it elsewhere and may still meet a
                    // `<?pi?>` inside; fuzzing found both `<?pi?>` first and a declaration left open
                    // until a later `?>`, each of which crashed Foundation).
                    let atStart = start == 0 || (start == 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF)
                    let isDeclaration = atStart && has(p, start, "<?xml") && start + 5 < i
                        && [0x20, 0x09, 0x0A, 0x0D].contains(p[start + 5])
                        && !(start + 1..<i).contains { p[$0] == 0x3C }
                    if !isDeclaration { blank(p, start..<i) }
                    continue
                }
                if has(p, i, "<!") {
                    // DOCTYPE (with an internal subset) or another declaration.
                    let start = i
                    var depth = 0
                    var quote: UInt8 = 0
                    while i < n {
                        let b = p[i]
                        i += 1
                        if quote != 0 {
                            if b == quote { quote = 0 }
                        } else if b == 0x22 || b == 0x27 {
                            quote = b
                        } else if b == 0x5B {
                            depth += 1
                        } else if b == 0x5D {
                            depth -= 1
                        } else if b == 0x3E, depth <= 0 {
                            break
                        }
                    }
                    blank(p, start..<i)
                    continue
                }
                if has(p, i, "</") { i += 2; continue }
                // A start tag.
                let offset = i
                i += 1
                let nameStart = i
                while i < n, isNameByte(p[i]) { i += 1 }
                var tag = RawTag(offset: offset, name: nameStart..<i, attributes: [])
                while i < n, p[i] != 0x3E, p[i] != 0x3C {
                    let b = p[i]
                    if b == 0x22 || b == 0x27 {
                        i += 1
                        while i < n, p[i] != b, p[i] != 0x3C { i += 1 }
                        if i < n, p[i] == b { i += 1 }
                        continue
                    }
                    if isNameByte(b) {
                        let s = i
                        while i < n, isNameByte(p[i]) { i += 1 }
                        tag.attributes.append((s, s..<i))
                        continue
                    }
                    i += 1
                }
                raw.append(tag)
            }
        }
        // Offsets to positions, in one pass.
        var offsets: [Int] = []
        offsets.reserveCapacity(raw.count * 3)
        for t in raw {
            offsets.append(t.offset)
            for a in t.attributes { offsets.append(a.offset) }
        }
        var positions: [SourcePosition] = []
        positions.reserveCapacity(offsets.count)
        var line = 1
        bytes.withUnsafeBufferPointer { p in
            var column = 1, k = 0
            let n = p.count
            for i in 0..<n {
                while k < offsets.count, offsets[k] == i {
                    positions.append(SourcePosition(line: line, column: column))
                    k += 1
                }
                let b = p[i]
                if b == 0x0A {
                    line += 1; column = 1
                } else if b == 0x0D {
                    if i + 1 < n, p[i + 1] == 0x0A { } else { line += 1; column = 1 }
                } else if b & 0xC0 != 0x80 {
                    column += 1
                }
            }
            while k < offsets.count { positions.append(SourcePosition(line: line, column: column)); k += 1 }
        }
        var tags: [Tag] = []
        tags.reserveCapacity(raw.count)
        var k = 0
        for t in raw {
            let position = positions[k]
            k += 1
            var attributes: [String: SourcePosition] = [:]
            for a in t.attributes {
                let name = String(decoding: bytes[a.name], as: UTF8.self)
                if attributes[name] == nil { attributes[name] = positions[k] }
                k += 1
            }
            tags.append(Tag(name: String(decoding: bytes[t.name], as: UTF8.self), position: position, attributes: attributes))
        }
        return Result(tags: tags, lineCount: line)
    }
}
