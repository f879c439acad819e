import RiposteText
import RiposteNormalize
import RiposteLexicon
/// Guesses French or English from function words (Lexicons/<lang>/stopwords.txt).
public struct LanguageDetector: Sendable {
    private let stopwords: [Language: Set<String>]

    public init(lexicons: LexiconStore) {
        var s: [Language: Set<String>] = [:]
        for l in Language.allCases { s[l] = lexicons[l].list("stopwords") }
        stopwords = s
    }

    /// The most likely language of the first 20 KB and whether the margin is clear.
    public func detect(_ utf8: [UInt8]) -> (Language, Bool) {
        var counts: [Language: Int] = [:]
        var word: [UInt8] = []
        func flush() {
            guard !word.isEmpty, word.count <= 12 else { word.removeAll(keepingCapacity: true); return }
            let w = Folding.fold(String(decoding: word, as: UTF8.self))
            for (l, set) in stopwords where set.contains(w) { counts[l, default: 0] += 1 }
            word.removeAll(keepingCapacity: true)
        }
        for b in utf8.prefix(20_000) {
            // Letters (ASCII and any UTF-8 multibyte) make words; the rest separates them.
            if (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b >= 0x80 { word.append(b) } else { flush() }
        }
        flush()
        let fr = counts[.fr, default: 0], en = counts[.en, default: 0]
        let lang: Language = fr > en ? .fr : .en
        return (lang, max(fr, en) >= 3 && max(fr, en) >= 2 * min(fr, en))
    }
}
