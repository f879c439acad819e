import Testing
import Riposte

/// The tokens' original characters, in order, are exactly the input's non-space characters:
/// nothing dropped, nothing duplicated, nothing invented (spaCy's `text_with_ws` check, adapted).
func nonSpaceScalars(_ s: Substring) -> [Unicode.Scalar] { s.unicodeScalars.filter { !$0.properties.isWhitespace } }

func expectRoundTrip(_ input: String, _ language: Language, sourceLocation: SourceLocation = #_sourceLocation) {
    let text = Seg.run(input, language)
    let original = Array(input.utf8)
    var fromTokens: [Unicode.Scalar] = []
    var lastEnd = 0
    var ordered = true
    for t in text.tokens {
        let o = text.originalSpan(t.span)
        if o.start < lastEnd || o.isEmpty { ordered = false }
        lastEnd = o.end
        fromTokens += nonSpaceScalars(Substring(original.string(o)))
    }
    #expect(ordered, "token spans overlap or are empty", sourceLocation: sourceLocation)
    let expected = nonSpaceScalars(Substring(input))
    var firstDiff = 0
    while firstDiff < min(fromTokens.count, expected.count), fromTokens[firstDiff] == expected[firstDiff] { firstDiff += 1 }
    var context = String.UnicodeScalarView()
    context.append(contentsOf: expected[max(0, firstDiff - 20) ..< min(expected.count, firstDiff + 20)])
    #expect(fromTokens.count == expected.count && firstDiff == expected.count,
            "token characters differ from the input at non-space character \(firstDiff): …\(String(context))…", sourceLocation: sourceLocation)
    // Sentences cover the tokens in order, without gaps.
    var next = 0
    for s in text.sentences { #expect(s.tokens.lowerBound == next, sourceLocation: sourceLocation); next = s.tokens.upperBound }
    #expect(next == text.tokens.count, sourceLocation: sourceLocation)
}

@Test func roundTripOnTrickyStrings() {
    expectRoundTrip("L’État\u{00A0}: 1\u{202F}000 € — qu’il « vienne » ! a-t-il dit… d’ac-\ncord ; soft\u{00AD}hyphen e\u{0301}te\u{0301}\r\nfin", .fr)
    expectRoundTrip("Don't!! :-) http://x.org/a_(b) e-mail: a.b@c.com #tag @user 18 U.S.C. § 1836(b)(1)...", .en)
    expectRoundTrip("'''\"\"« »—–-‐…¿¡$$$ 3,4 -5 +6 n° 7 °C 1er 2e", .fr)
    expectRoundTrip("", .en)
    expectRoundTrip(" \n\n ", .fr)
}

@Test func roundTripOnTheSeedArticleAndTreebankText() throws {
    let seed = try #require(Seg.corpus("scale-mercor-ling.fr.txt"))
    expectRoundTrip(seed, .fr)
    for (file, language) in [("ud/fr_gsd-ud-dev.conllu", Language.fr), ("ud/en_ewt-ud-dev.conllu", .en)] {
        let conllu = try #require(Seg.corpus(file))
        expectRoundTrip(Treebank(conllu: conllu).rawText, language)
    }
}
