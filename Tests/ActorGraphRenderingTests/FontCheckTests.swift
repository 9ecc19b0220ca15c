import Testing
@testable import ActorGraphRendering

/// Layout fails loudly when the theme's font does not resolve, instead of measuring another
/// font's text and drawing a different diagram.
@Suite(.serialized) struct FontCheckTests {
    @Test func theThemesFontResolvesToItself() throws {
        for theme in [Theme.default, .print, .slide] {
            #expect(FontCheck.resolvedFamily(theme.fontName) == theme.fontName, "\(theme.name)")
        }
    }

    @Test func aMissingFontStopsTheLayoutWithAMessage() throws {
        let dot = #"digraph g { graph [fontname="No Such Font ActorGraph"]; node [fontname="No Such Font ActorGraph"]; a -> b }"#
        #expect {
            try Graphviz.render(dot: dot, engine: .dot, format: .svg)
        } throws: { error in
            guard let e = error as? GraphvizError else { return false }
            return e.stage == "layout" && e.message.contains("\"No Such Font ActorGraph\" is not installed")
                && e.message.contains("fontconfig offers")
        }
        // A node default alone is checked too.
        #expect(throws: GraphvizError.self) {
            try Graphviz.render(dot: #"digraph g { node [fontname="No Such Font ActorGraph"]; a }"#, engine: .dot, format: .svg)
        }
        // The same graph with the theme's font renders.
        let good = dot.replacingOccurrences(of: "No Such Font ActorGraph", with: Theme.default.fontName)
        #expect(throws: Never.self) { try Graphviz.render(dot: good, engine: .dot, format: .svg) }
    }

    @Test func namesWithFontconfigSyntaxAreLookedUpLiterally() {
        // `-`, `:` and `,` are fontconfig pattern syntax; they must not turn the name into another query.
        #expect(FontCheck.resolvedFamily("DejaVu Sans:bold") != "DejaVu Sans:bold")
        #expect(throws: FontCheck.Failure.self) { try FontCheck.require(["DejaVu Sans,Serif"]) }
    }
}
