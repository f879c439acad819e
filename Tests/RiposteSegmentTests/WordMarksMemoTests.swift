import Foundation
import Testing
import Riposte
import RiposteICU

/// The word segments a word iterator marks from its memo of printable ASCII chunks (what the
/// tokenizer uses) must be those of ICU's pass over the whole text, byte for byte: on real text
/// of both languages, several times over (so that the memo answers), and on random mixtures.
private func compareMarks(_ text: [UInt8], _ memoized: BreakIterator, _ whole: BreakIterator, _ label: String) throws {
    var a = [UInt8](repeating: 0, count: text.count + 1), b = a
    try text.withUnsafeBufferPointer { buf in
        try a.withUnsafeMutableBufferPointer { try memoized.markSegments(buf, into: $0) }
        try b.withUnsafeMutableBufferPointer { try whole.markSegments(buf, into: $0, memoized: false) }
    }
    if a != b {
        let k = (0 ..< a.count).first { a[$0] != b[$0] }!
        let from = max(0, k - 30), to = min(text.count, k + 30)
        Issue.record("\(label): byte \(k) marked \(String(a[k], radix: 16)) from the memo, \(String(b[k], radix: 16)) by the whole pass, in \(String(decoding: text[from ..< to], as: UTF8.self).debugDescription)")
    }
}

@Test func wordMarksFromTheMemoMatchTheWholeTextOnCorpora() throws {
    var texts: [(String, [UInt8])] = []
    if let jsonl = Seg.corpus("documents.jsonl") {
        for (n, line) in jsonl.split(separator: "\n").enumerated() {
            guard let obj = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                  let text = obj["text"] as? String else { continue }
            texts.append(("documents.jsonl:\(n + 1)", Array(text.utf8)))
        }
    }
    for file in ["ud/fr_gsd-ud-dev.conllu", "ud/fr_sequoia-ud-dev.conllu", "ud/en_ewt-ud-dev.conllu",
                 "scale-mercor-ling.fr.txt", "en/echr-carvalho-1.txt"] {
        // The treebanks whole, CoNLL-U syntax included: tabs, digits and punctuation in every order.
        if let text = Seg.corpus(file) { texts.append((file, Array(text.utf8))) }
    }
    #expect(texts.count > 100, "the corpora were not found")
    for locale in ["fr", "en"] {
        let memoized = try BreakIterator(kind: .word, locale: locale), whole = try BreakIterator(kind: .word, locale: locale)
        for _ in 0 ..< 2 {
            for (label, text) in texts { try compareMarks(text, memoized, whole, "\(locale) \(label)") }
        }
    }
}

@Test func wordMarksFromTheMemoMatchTheWholeTextOnRandomText() throws {
    // Every Word_Break class of ASCII (letters, digits, MidLetter ':', MidNum ', ;', MidNumLet
    // '.', quotes, ExtendNumLet '_', spaces, CR, LF, tab, VT) and non-ASCII neighbours that join
    // or split: combining marks (WB4), wide spaces (WB3d), ZWJ and emoji, regional indicators,
    // Katakana, Han, Thai (dictionary), Hebrew letters, NBSP, superscripts.
    let pieces = ["a", "b", "Z", "word", "it's", "U.S.", "e.g.", "1", "42", "3.5", "1,000", "a1", "1a", "x_y",
                  ".", ",", ";", ":", "'", "\"", "_", "__", "-", "(", ")", "!", "?", "@", "#", "$", "%", "&", "*",
                  "/", "\\", "<", ">", "=", "+", "[", "]", "{", "}", "|", "~", "^", "`",
                  " ", " ", " ", "  ", "\n", "\n\n", "\r\n", "\r", "\t", "\u{0B}", "\u{0C}",
                  "\u{0301}", "é", "e\u{0301}", "\u{00A0}", "\u{3000}", "\u{2003}", "\u{200D}", "\u{00AD}", "\u{200B}",
                  "😀", "👍🏽", "👨\u{200D}👩", "🇫🇷", "🇫", "カタカナ", "ー", "日本語", "中", "ภาษาไทย", "עברית", "ש\"ב",
                  "²", "½", "«", "»", "’", "“", "”", "…", "–", "°",
                  // Latin letters with apostrophes, as French elisions put them ("l'État").
                  "l'", "d'", "qu'", "État", "été", "déjà", "aujourd'hui", "Œuvre", "œ", "ç", "ÿ", "ß", "Ø",
                  "×", "÷", "ª", "µ", "º", "''", "é'", "'é",
                  // Punctuation of Latin text next to words and numbers.
                  "§", "§§", "¶", "„", "—", "•", "€", "“Yes”", "«\u{00A0}", "\u{2019}s", "©", "™", "‘"]
    var rng = SplitMix64(seed: 0xC0FF_EE20_26)
    let memoized = try BreakIterator(kind: .word, locale: "fr"), whole = try BreakIterator(kind: .word, locale: "fr")
    for round in 0 ..< 20000 {
        var s = ""
        for _ in 0 ..< Int(rng.next() % 30) + 1 { s += pieces[Int(rng.next() % UInt64(pieces.count))] }
        try compareMarks(Array(s.utf8), memoized, whole, "random text \(round)")
    }
}
