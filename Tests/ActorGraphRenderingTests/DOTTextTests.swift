import Testing
@testable import ActorGraphRendering

@Suite struct DOTTextTests {
    @Test func htmlEscapesMarkupAndControls() {
        #expect(DOTText.html("a & b <c> \"d\" 'e'") == "a &amp; b &lt;c&gt; &quot;d&quot; &#39;e&#39;")
        #expect(DOTText.html("one\ntwo") == "one<BR/>two")
        #expect(DOTText.html("bell\u{7}") == "bell\u{FFFD}")
        #expect(DOTText.html("پاکستان 👩🏽‍⚖️") == "پاکستان 👩🏽‍⚖️")
    }

    @Test func wrapsAtSpacesAndSplitsLongWords() {
        #expect(DOTText.wrap("Muttahida Qaumi Movement (Altaf)", width: 22) == ["Muttahida Qaumi", "Movement (Altaf)"])
        #expect(DOTText.wrap("", width: 10).isEmpty)
        #expect(DOTText.wrap(String(repeating: "x", count: 25), width: 10) == ["xxxxxxxxxx", "xxxxxxxxxx", "xxxxx"])
        #expect(DOTText.wrap("John A. (administrator/president)", width: 22) == ["John A.", "(administrator/president)"])
        let long = DOTText.wrap(String(repeating: "word ", count: 100), width: 10, maxLines: 2)
        #expect(long.count == 2 && long[1].hasSuffix("…"))
    }

    @Test func escStringsKeepBackslashesLiteral() {
        // Graphviz 2.43 expands escapes in tooltips twice: a literal backslash is written as four.
        #expect(DOTText.escString(#"a\N"b"#) == #""a\\\\N\"b""#)
        // Entities pass through Graphviz's SVG writer as they are: `&`, `<`, `>` are written as entities.
        #expect(DOTText.escString("a&amp; <b>") == #""a&amp;amp; &lt;b&gt;""#)
        #expect(DOTText.escString("x\ny") == #""x\ny""#)
    }

    @Test func quotedIsOnlyForSafeText() {
        #expect(DOTText.isSafeQuoted("mqm-a"))
        #expect(DOTText.isSafeQuoted("say \"hi\""))
        #expect(!DOTText.isSafeQuoted("ends\\"))
        #expect(!DOTText.isSafeQuoted("a\\\"b"))
        #expect(!DOTText.isSafeQuoted("line\nbreak"))
        #expect(DOTText.quoted("say \"hi\"") == #""say \"hi\"""#)
    }
}
