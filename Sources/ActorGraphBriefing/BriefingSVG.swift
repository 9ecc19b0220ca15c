import ActorGraphModel

/// Turns the render's Graphviz SVG into the page's inline diagram.
///
/// Graphviz writes every actor as `<g id="actor-N" class="node">` and every relation as
/// `<g id="relation-N" class="edge">` (the ids ``/ActorGraphRendering/DiagramDOT`` gives them,
/// N the index in the file). This adds the markup contract to those elements —
/// `data-actor="ID"` and `data-relation="KEY"` — with `role="button"` and an `aria-label`.
/// Actors are in the tab order (`tabindex="0"`); relations are focusable (`tabindex="-1"`) and
/// reached by keyboard through their actors' details, which list them as buttons, so that Tab
/// visits a few dozen actors rather than every line; drops the XML prolog, doctype and
/// comments, which do not belong inline; and replaces the fixed width and height with the
/// viewBox alone, so that the page can fit, pan and zoom the drawing.
public enum BriefingSVG {
    /// The annotated SVG element.
    ///
    /// - Complexity: O(SVG length).
    public static func annotate(_ svg: String, graph: ActorGraph) -> String {
        let index = graph.actorIndex()
        func name(_ id: String) -> String { index[id].map { graph.actors[$0].name } ?? id }
        // The searches are the standard library's, which walk from where they start: Foundation's
        // `range(of:)` on a substring bridges the whole rest of the text each time, which made
        // this quadratic (minutes for the SVG of 2,000 actors).
        var text = Substring(svg)
        // Drop everything before <svg (prolog, doctype, comments).
        if let start = text.firstRange(of: "<svg") { text = text[start.lowerBound...] }
        var out = ""
        out.reserveCapacity(svg.count + 64 * (graph.actors.count + graph.relations.count))
        var rest = text
        var first = true
        while let open = rest.firstIndex(of: "<") {
            out += rest[..<open]
            rest = rest[open...]
            if rest.hasPrefix("<!--") {
                guard let end = rest.firstRange(of: "-->") else { rest = ""; break }
                rest = rest[end.upperBound...]
                continue
            }
            guard let close = rest.firstIndex(of: ">") else { out += rest; rest = ""; break }
            var tag = String(rest[...close])
            rest = rest[rest.index(after: close)...]
            if first && tag.hasPrefix("<svg") {
                first = false
                tag = removingAttribute("width", from: tag)
                tag = removingAttribute("height", from: tag)
                tag = tag.replacingOccurrences(of: "<svg", with: "<svg role=\"img\" aria-labelledby=\"diagram-title\" preserveAspectRatio=\"xMidYMid meet\"", options: [], range: tag.range(of: "<svg"))
            } else if tag.hasPrefix("<g id=\"") {
                let id = attribute("id", in: tag).map(decodeEntities) ?? ""
                if id.hasPrefix("actor-"), attribute("class", in: tag) == "node", let i = Int(id.dropFirst("actor-".count)),
                   graph.actors.indices.contains(i) {
                    let a = graph.actors[i]
                    let kind = graph.actorKind(a.kind)?.label ?? a.kind
                    tag = inserting(" data-actor=\"\(escape(a.id))\" tabindex=\"0\" role=\"button\" aria-label=\"\(escape("\(a.name) (\(kind))"))\"", into: tag)
                } else if id.hasPrefix("relation-"), attribute("class", in: tag) == "edge",
                          let i = Int(id.dropFirst("relation-".count)), graph.relations.indices.contains(i) {
                    let r = graph.relations[i]
                    let kind = graph.relationKind(r.kind)?.label ?? r.kind
                    let label = "\(kind): \(name(r.source)) \(r.directed ? "→" : "–") \(name(r.target))"
                    tag = inserting(" data-relation=\"\(escape(graph.briefingKey(i)))\" tabindex=\"-1\" role=\"button\" aria-label=\"\(escape(label))\"", into: tag)
                }
            }
            out += tag
        }
        out += rest
        return out.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The value of `name="…"` in a start tag.
    static func attribute(_ name: String, in tag: String) -> String? {
        guard let r = tag.range(of: " \(name)=\"") else { return nil }
        let after = tag[r.upperBound...]
        guard let end = after.firstIndex(of: "\"") else { return nil }
        return String(after[..<end])
    }

    static func removingAttribute(_ name: String, from tag: String) -> String {
        guard let r = tag.range(of: " \(name)=\"") else { return tag }
        guard let end = tag[r.upperBound...].firstIndex(of: "\"") else { return tag }
        var copy = tag
        copy.removeSubrange(r.lowerBound...end)
        return copy
    }

    /// `attributes` added at the end of a start tag (before `>` or `/>`).
    static func inserting(_ attributes: String, into tag: String) -> String {
        var copy = tag
        let at = copy.hasSuffix("/>") ? copy.index(copy.endIndex, offsetBy: -2) : copy.index(before: copy.endIndex)
        copy.insert(contentsOf: attributes, at: at)
        return copy
    }

    /// Graphviz's numeric entities (`&#45;`) and the XML ones, decoded.
    static func decodeEntities(_ s: String) -> String {
        guard s.contains("&") else { return s }
        var out = ""
        var rest = Substring(s)
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            rest = rest[amp...]
            guard let semi = rest.firstIndex(of: ";") else { break }
            let entity = rest[rest.index(after: amp)..<semi]
            var decoded: String?
            switch entity {
            case "amp": decoded = "&"
            case "lt": decoded = "<"
            case "gt": decoded = ">"
            case "quot": decoded = "\""
            case "apos": decoded = "'"
            default:
                if entity.hasPrefix("#x"), let v = UInt32(entity.dropFirst(2), radix: 16), let u = Unicode.Scalar(v) { decoded = String(u) }
                else if entity.hasPrefix("#"), let v = UInt32(entity.dropFirst()), let u = Unicode.Scalar(v) { decoded = String(u) }
            }
            if let decoded {
                out += decoded
                rest = rest[rest.index(after: semi)...]
            } else {
                out += "&"
                rest = rest[rest.index(after: amp)...]
            }
        }
        return out + rest
    }

    /// Text escaped for an HTML or XML attribute value or element content.
    public static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.count)
        for c in s.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }
}
