import Foundation
import Testing
import Riposte
import RiposteICU

/// The sentence boundaries after terminators found from windows around the terminators
/// (`appendTerminatorBoundaries`, what the segmenter uses) must be those of ICU's pass over the
/// whole text (`appendBoundaries(afterTerminatorOnly:)`): on real text of both languages and on
/// random mixtures of the characters the sentence rules look at.
private func compare(_ text: [UInt8], _ iterator: BreakIterator, _ label: String) throws {
    var whole: [Int] = [], windowed: [Int] = []
    try text.withUnsafeBufferPointer {
        try iterator.appendBoundaries($0, to: &whole, afterTerminatorOnly: true)
        try iterator.appendTerminatorBoundaries($0, to: &windowed)
    }
    if whole != windowed {
        let k = (0 ..< min(whole.count, windowed.count)).first { whole[$0] != windowed[$0] } ?? min(whole.count, windowed.count)
        let at = k < whole.count ? whole[k] : (k < windowed.count ? windowed[k] : 0)
        let from = max(0, at - 40), to = min(text.count, at + 40)
        Issue.record("\(label): \(whole.count) boundaries over the whole text, \(windowed.count) from windows; first difference near byte \(at): \(String(decoding: text[from ..< to], as: UTF8.self).debugDescription)")
    }
}

/// Each document's text (JSON Lines with a "text" field), each treebank's `# text` lines joined
/// into paragraphs by document, and the plain-text corpora.
private func corpusTexts() throws -> [(String, Language, [UInt8])] {
    var out: [(String, Language, [UInt8])] = []
    if let jsonl = Seg.corpus("documents.jsonl") {
        for (n, line) in jsonl.split(separator: "\n").enumerated() {
            guard let obj = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                  let text = obj["text"] as? String else { continue }
            out.append(("documents.jsonl:\(n + 1)", (obj["language"] as? String) == "en" ? .en : .fr, Array(text.utf8)))
        }
    }
    for (file, lang) in [("ud/fr_gsd-ud-dev.conllu", Language.fr), ("ud/fr_sequoia-ud-dev.conllu", .fr), ("ud/en_ewt-ud-dev.conllu", .en)] {
        guard let conllu = Seg.corpus(file) else { continue }
        var text = ""
        for line in conllu.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("# newdoc") || line.hasPrefix("# newpar") { text += "\n\n" }
            if line.hasPrefix("# text = ") { text += line.dropFirst(9) + " " }
        }
        out.append((file, lang, Array(text.utf8)))
    }
    for (file, lang) in [("scale-mercor-ling.fr.txt", Language.fr), ("en/echr-carvalho-1.txt", .en)] {
        if let text = Seg.corpus(file) { out.append((file, lang, Array(text.utf8))) }
    }
    return out
}

@Test func terminatorBoundariesFromWindowsMatchTheWholeTextOnCorpora() throws {
    let texts = try corpusTexts()
    #expect(texts.count > 100, "the corpora were not found")
    let iterators = [Language.fr: try BreakIterator(kind: .sentence, locale: "fr"),
                     .en: try BreakIterator(kind: .sentence, locale: "en")]
    for (label, lang, text) in texts { try compare(text, iterators[lang]!, label) }
}

@Test func terminatorBoundariesFromWindowsMatchTheWholeTextOnRandomText() throws {
    // Characters of every Sentence_Break class the rules name: terminators (ATerm, STerm, of
    // several scripts), closers, spaces, separators (LF, CR, U+2029, U+0085), Extend (combining
    // accent), Format (soft hyphen, zero-width joiner), SContinue, numbers, lower, upper, other letters.
    let pieces = [".", ".", ".", "!", "?", "…", "。", "！", "‥", "؟", "।", "\u{FF0E}",
                  ")", "»", "«", "\"", "'", "”", "“", "(", "]", "}",
                  " ", " ", " ", "\u{00A0}", "\t", "\n", "\n\n", "\r\n", "\r", "\u{2029}", "\u{0085}", "\u{2028}",
                  "\u{0301}", "\u{00AD}", "\u{200D}", ",", ";", ":", "-", "–",
                  "1", "42", "3.5", "a", "word", "été", "x", "A", "Word", "États", "M", "U.S.", "日本", "ก", "中",
                  "@", "#", "*", "😀", "e.g.", "etc."]
    var rng = SplitMix64(seed: 0x5EED_2026)
    let iterator = try BreakIterator(kind: .sentence, locale: "fr")
    for round in 0 ..< 20000 {
        var s = ""
        for _ in 0 ..< Int(rng.next() % 40) + 1 { s += pieces[Int(rng.next() % UInt64(pieces.count))] }
        try compare(Array(s.utf8), iterator, "random text \(round)")
    }
}
