// Byte-level string shortcuts of the records stage against the String operations they stand for.
import Testing
@testable import RiposteRecords
import RiposteText

@Suite struct ByteShortcutTests {
    @Test func apostropheSSuffixAnswersAsHasSuffix() {
        let words = ["government's", "'s", "s", "", "as", "it's", "dogs", "x's'", "é's", "日本's",
                     "\u{0600}'s", "a\u{0600}'s", "'S", "ʼs", "’s", "ab's\u{0301}", "courts"]
        for w in words {
            #expect(hasApostropheSSuffix(w) == w.hasSuffix("'s"), "\(w)")
        }
    }

    @Test func hashedStringMapKeepsOrReplaces() {
        var m = HashedStringMap<Int>(capacity: 2)
        for (i, w) in ["a", "b", "c", "d", "e", "a"].enumerated() { m.set(foldKey(w), w, i, keepExisting: true) }
        #expect(m.get(foldKey("a"), "a") == 0)
        #expect(m.get(foldKey("e"), "e") == 4)
        #expect(m.get(foldKey("z"), "z") == nil)
        m.set(foldKey("a"), "a", 9)
        #expect(m.get(foldKey("a"), "a") == 9)
        #expect(m.count == 5)
    }
}

@Suite struct LinkerShortcutTests {
    @Test func asciiContainsAnswersAsContains() {
        let hay = ["cue.fr.offer.propose", "cue.en.apology.sorry", "rule.submission-continues", "", ".offer.",
                   ".offer", "x.offer.y", "é.offer.", "cue.offre", "offer."]
        for h in hay {
            for n in [".offer.", ".apology."] {
                #expect(Linker.asciiContains(h, n) == h.contains(n), "\(h) \(n)")
            }
        }
    }
}
