// The byte-level shortcuts of the clause analysis (ClauseFacts.swift) against the String
// operations they stand for: the keys of the marks, and the affix tests.
import Testing
@testable import RiposteRecords
import RiposteText

@Suite struct ClauseFactsTests {
    @Test func markKeysAreTheFoldKeysOfTheirWords() {
        #expect(MarkKey.closingGuillemet == foldKey("»"))
        #expect(MarkKey.closingQuote == foldKey("”"))
        #expect(MarkKey.emDash == foldKey("—"))
        #expect(MarkKey.enDash == foldKey("–"))
        #expect(MarkKey.t == foldKey("t"))
        for b: UInt8 in [0x3B, 0x3A, 0x2C, 0x2D, 0x28] { #expect(byteKey(b) == foldKey(String(UnicodeScalar(b)))) }
    }

    @Test func affixTestsAnswerAsHasSuffixAndHasPrefix() {
        let affixes = ["n't", "ment", "ly", "viol", "é", "dis", ""]
        let words = ["don't", "fermement", "strongly", "violation", "viol", "violé", "vio", "", "dismiss",
                     "café", "cafe\u{301}", "x\u{301}ment", "n't", "t", "ément", "disé", "ﬁly"]
        let list = AffixList(affixes)
        for w in words {
            #expect(list.anySuffix(of: w) == affixes.contains(where: w.hasSuffix), "suffix \(w)")
            #expect(list.anyPrefix(of: w) == affixes.contains(where: w.hasPrefix), "prefix \(w)")
            for a in affixes {
                let one = AffixList([a])
                #expect(one.anySuffix(of: w) == w.hasSuffix(a), "\(w) hasSuffix \(a)")
                #expect(one.anyPrefix(of: w) == w.hasPrefix(a), "\(w) hasPrefix \(a)")
            }
        }
    }

    @Test func featureFactsAnswerAsTheStringTests() {
        for f in ["pp", "ppr", "ger", "inf", "cond.pres.3s", "ind.fut.1p", "ind.futx", "ind.pres.2s", "imp.pres.2p",
                  "p", "ppp", "cond", "ind.fu", ".2s", "2s", "", "pé", "cond.é.2p"] {
            var v: UInt32 = 0
            if f == "pp" { v |= TokenFacts.pp }
            if f == "ppr" || f == "ger" { v |= TokenFacts.pprGer }
            if f == "inf" { v |= TokenFacts.inf }
            if f.hasPrefix("cond.") { v |= TokenFacts.cond }
            if f.hasPrefix("ind.fut") { v |= TokenFacts.indFut }
            if f.hasSuffix(".2s") || f.hasSuffix(".2p") { v |= TokenFacts.allSecond }
            #expect(SentenceContext.featureFacts(f) == v, "\(f)")
        }
    }

    @Test func wordCountsAndAppealEvidence() {
        for s in ["", " ", "a", "a b", " a  b c ", "porte-parole de la fédération"] {
            let expected = s.utf8.allSatisfy({ $0 < 0x80 }) ? s.split(separator: " ").count : nil
            #expect(asciiWordCount(s) == expected, "\(s)")
        }
        for e in ["en.filing.appeal", "rule.reported-allegation", "appe", "app", "APPEAL", "fr.appel"] {
            #expect(SentenceContext.mentionsAppeal(e) == e.contains("appe"), "\(e)")
        }
    }
}
