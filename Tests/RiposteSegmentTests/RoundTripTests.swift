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
    let same = fromTokens.count == expected.count && firstDiff == expected.count
    #expect(same, "token characters differ from the input at non-space character \(firstDiff): …\(String(context))… in \(input.debugDescription.prefix(300))",
            sourceLocation: sourceLocation)
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

/// Deterministic mixes of the characters the rules react to: no crash, no lost or invented
/// character, whatever the combination.
@Test func roundTripOnGeneratedMixtures() {
    let pieces = ["l'", "’", "a-t-il", "-", "--", ".", "...", "?!", "«", "»", "\"", "'", "(", ")", "1", "000", " ", "\u{00A0}", "\n",
                  "\n\n", "\r\n", ",", "3,5", "%", "§", "n°", "°C", "M.", "U.S.", "http://a.b/c", "x@y.fr", "@h", "#t", ":)", "e\u{0301}",
                  "\u{00AD}", "juris-\nprudence", "Ét", "don't", "s'", "AUTRE(S)", "b/c", "km/h", "23h30", "J.-C.", "etc.", "Inc.", "=====", "É"]
    var state: UInt64 = 0x9E3779B97F4A7C15
    func next(_ n: Int) -> Int {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return Int((state >> 33) % UInt64(n))
    }
    for round in 0 ..< 300 {
        var s = ""
        for _ in 0 ..< 1 + next(25) { s += pieces[next(pieces.count)] }
        expectRoundTrip(s, round % 2 == 0 ? .fr : .en)
    }
}
