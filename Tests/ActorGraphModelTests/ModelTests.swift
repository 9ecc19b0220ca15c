import Foundation
import Testing
@testable import ActorGraphModel

@Suite struct ModelTests {
    @Test func builtInKindsFollowTheDesign() {
        #expect(ActorKind.builtIns.map(\.id) == ["party", "faction", "gang", "person", "government", "security-force",
                                                 "neighborhood", "ethnic-group", "organization", "media"])
        let expected: [String: (Sign, Bool)] = [
            "coalition": (.positive, false), "alliance": (.positive, false), "patronage": (.positive, true),
            "membership": (.positive, true), "support": (.positive, true), "conflict": (.negative, false),
            "rivalry": (.negative, false), "opposition": (.negative, true), "stronghold": (.unsigned, true),
            "presence": (.unsigned, true),
        ]
        #expect(RelationKind.builtIns.count == expected.count)
        for kind in RelationKind.builtIns {
            #expect(expected[kind.id]?.0 == kind.sign, "\(kind.id)")
            #expect(expected[kind.id]?.1 == kind.directed, "\(kind.id)")
        }
    }

    @Test func declaredKindsMergeOverBuiltIns() {
        var g = ActorGraph()
        g.relationKindDeclarations = [
            RelationKindDeclaration(id: "conflict", style: RelationStyle(color: "#000000")),
            RelationKindDeclaration(id: "refuge", label: "Gives refuge", sign: .positive, directed: true),
        ]
        g.actorKindDeclarations = [ActorKindDeclaration(id: "family", label: "Family", style: ActorStyle(shape: "box"))]
        #expect(g.relationKind("conflict")?.sign == .negative)
        #expect(g.relationKind("conflict")?.style.color == "#000000")
        #expect(g.relationKind("refuge")?.directed == true)
        #expect(g.relationKind("refuge")?.label == "Gives refuge")
        #expect(g.relationKind("nope") == nil)
        #expect(g.actorKind("family")?.style.shape == "box")
        #expect(g.allRelationKinds.last?.id == "refuge")
        #expect(g.allActorKinds.count == ActorKind.builtIns.count + 1)
    }

    @Test func signComesFromTheKindUnlessOverridden() {
        let g = ActorGraph()
        #expect(g.sign(of: Relation(kind: "conflict", source: "a", target: "b", directed: false)) == .negative)
        #expect(g.sign(of: Relation(kind: "conflict", source: "a", target: "b", directed: false, sign: .positive)) == .positive)
        #expect(g.sign(of: Relation(kind: "stronghold", source: "a", target: "b", directed: true)) == .unsigned)
        #expect(Sign(text: "-") == .negative && Sign(text: "+") == .positive && Sign(text: "maybe") == nil)
    }

    @Test func citationsSplitSourceAndLocator() {
        #expect(Citation(text: "cable ¶3") == Citation(source: "cable", locator: "¶3"))
        #expect(Citation(text: "cable") == Citation(source: "cable"))
        #expect(Citation(text: "  padgett1993   p. 1275 ").locator == "p. 1275")
        #expect(Citation(source: "cable", locator: "¶3").description == "cable ¶3")
    }

    @Test func confidenceWordsMapToNumbers() {
        #expect(Confidence(word: "LOW") == .low)
        #expect(Confidence.low.numericValue < Confidence.medium.numericValue)
        #expect(Confidence.medium.numericValue < Confidence.high.numericValue)
        #expect(Confidence.value(0.9).description == "0.9")
    }

    @Test func editDistanceAndSuggestions() {
        #expect(Suggest.editDistance("", "") == 0)
        #expect(Suggest.editDistance("kitten", "sitting") == 3)
        #expect(Suggest.editDistance("a", "") == 1)
        #expect(Suggest.nearest("prty", among: ["party", "person"]) == "party")
        #expect(Suggest.nearest("PPP", among: ["mqm-a", "ppp"]) == "ppp")
        #expect(Suggest.nearest("zzzzzz", among: ["party"]) == nil)
        #expect(Suggest.nearest("x", among: []) == nil)
        // Short words: a changed letter is another word; a doubled or dropped one is a typo.
        #expect(Suggest.nearest("x", among: ["a", "b"]) == nil)
        #expect(Suggest.nearest("ab", among: ["ac", "xb"]) == nil)
        #expect(Suggest.nearest("bb", among: ["a", "b"]) == "b")
        #expect(Suggest.nearest("pp", among: ["ppp"]) == "ppp")
        #expect(Suggest.nearest("ab", among: ["abc"]) == "abc")
        // Up to five letters one edit, up to eight two.
        #expect(Suggest.nearest("ppx", among: ["ppp"]) == "ppp")
        #expect(Suggest.nearest("pxx", among: ["ppp"]) == nil)
        #expect(Suggest.nearest("conflkit", among: ["conflict"]) == "conflict")
    }

    @Test func attributeNumbersPrintWithoutNeedlessFractions() {
        #expect(AttributeValue.number(146).description == "146")
        #expect(AttributeValue.number(0.25).description == "0.25")
        #expect(AttributeValue.bool(true).description == "true")
    }
}

/// `Citation(text:)` splits plain text on its bytes; the split must be the one the Foundation
/// trimming it replaces gives, for every text (the bytes path declines what it cannot match).
@Suite struct CitationSplitTests {
    static func reference(_ text: String) -> (String, String?) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let space = trimmed.firstIndex(where: { $0 == " " || $0 == "\t" }) {
            let rest = trimmed[space...].trimmingCharacters(in: .whitespaces)
            return (String(trimmed[..<space]), rest.isEmpty ? nil : rest)
        }
        return (trimmed, nil)
    }

    @Test func bytesSplitAsFoundationTrims() {
        let pieces = [" ", "  ", "\t", "\u{A0}", "\u{3000}", "\u{2009}", "\u{85}", "\n", "\r\n", "\u{301}", "\u{200B}", "\u{200D}",
                      "s17", "lines", "194-194", "¶37", "p.", "é", "ß", "ʰ", "😀", "x", "\u{7F}", "\u{1}", "¡", "ˇ"]
        var state: UInt64 = 0xC17E
        func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(n))
        }
        for _ in 0..<20_000 {
            let text = (0..<next(7)).map { _ in pieces[next(pieces.count)] }.joined()
            let c = Citation(text: text)
            let (source, locator) = Self.reference(text)
            #expect(c.source == source && c.locator == locator, "\(text.debugDescription)")
            if c.source != source || c.locator != locator { break }
        }
    }
}
