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

    @Test func featureFactsReadTheInflectionFeatures() {
        let expected: [(String, UInt32)] = [
            ("pp", TokenFacts.pp), ("ppr", TokenFacts.pprGer), ("ger", TokenFacts.pprGer), ("inf", TokenFacts.inf),
            ("cond.pres.3s", TokenFacts.cond), ("cond.pres.2p", TokenFacts.cond | TokenFacts.allSecond),
            ("ind.fut.1p", TokenFacts.indFut), ("ind.futx", TokenFacts.indFut), ("ind.pres.2s", TokenFacts.allSecond),
            ("imp.pres.2p", TokenFacts.allSecond), ("p", 0), ("ppp", 0), ("cond", 0), ("ind.fu", 0), (".2s", TokenFacts.allSecond),
            ("2s", 0), ("", 0), ("pé", 0), ("cond.é.2p", TokenFacts.cond | TokenFacts.allSecond),
        ]
        for (f, v) in expected { #expect(SentenceContext.featureFacts(f) == v, "\(f)") }
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
