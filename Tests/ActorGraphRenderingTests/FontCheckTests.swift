import Foundation
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

/// fdp's layout depends on heap addresses, so a layout is taken only when two fresh processes agree.
@Suite struct AgreedLayoutTests {
    final class Calls: @unchecked Sendable {
        let lock = NSLock()
        var count = 0
        func next() { lock.lock(); count += 1; lock.unlock() }
    }

    @Test func twoAgreeingRendersAreTheAnswer() throws {
        let calls = Calls()
        let data = try SubprocessRenderer.agreed { _ in calls.next(); return Data("a".utf8) }
        #expect(data == Data("a".utf8))
        #expect(calls.count == 2)
    }

    @Test func aThirdRenderDecidesADisagreement() throws {
        for odd in [0, 1] {
            let calls = Calls()
            let data = try SubprocessRenderer.agreed { k in
                calls.next()
                return Data((k == odd ? "rare" : "usual").utf8)
            }
            #expect(data == Data("usual".utf8), "odd one out: \(odd)")
            #expect(calls.count == 3)
        }
    }

    @Test func threeDifferentLayoutsAreAnError() {
        #expect {
            try SubprocessRenderer.agreed { k in Data("layout \(k)".utf8) }
        } throws: { error in
            (error as? GraphvizError)?.message.contains("three different layouts") == true
        }
    }

    @Test func pdfsAreComparedWithoutTheirCreationDate() throws {
        let a = Data("%PDF /CreationDate (D:20261205102839Z) rest".utf8), b = Data("%PDF /CreationDate (D:20261205102840Z) rest".utf8)
        #expect(SubprocessRenderer.withoutPDFDates(a) == SubprocessRenderer.withoutPDFDates(b))
        #expect(SubprocessRenderer.withoutPDFDates(a) == Data("%PDF  rest".utf8))
        let calls = Calls()
        let data = try SubprocessRenderer.agreed(comparing: SubprocessRenderer.withoutPDFDates) { k in calls.next(); return k == 0 ? a : b }
        #expect(data == a && calls.count == 2)
    }

    @Test func aFailedRenderIsReported() {
        struct Boom: Error {}
        #expect(throws: Boom.self) { try SubprocessRenderer.agreed { k in if k == 1 { throw Boom() }; return Data() } }
    }
}
