import RiposteText
import RiposteLexicon
import RiposteNormalize

/// Marks sentences that are not the article: a "Lire aussi :" / "Read more:" heading and the list
/// items or short lines that follow it, bylines, share prompts. Line openings come from
/// Lexicons/<lang>/boilerplate.tsv (folded prefixes; a trailing ` …` means the block continues
/// with the following list items).
public struct BoilerplateMarker: Sendable {
    private let blockHeads: [String]
    private let lineHeads: [String]

    public init(lexicon: LanguageLexicon) {
        var block: [String] = [], line: [String] = []
        for row in lexicon.table("boilerplate") {
            let key = Folding.fold(row[0])
            if row[1] == "block" { block.append(key) } else { line.append(key) }
        }
        blockHeads = block
        lineHeads = line
    }

    /// Flags boilerplate sentences; returns how many.
    public func mark(_ text: inout SegmentedText) -> Int {
        var sentences = text.sentences
        var inBlock = false
        var marked = 0
        for i in sentences.indices {
            let s = sentences[i]
            let first = foldedPrefix(text, s, 4)
            if blockHeads.contains(where: { first.hasPrefix($0) }) {
                inBlock = true
                sentences[i].isBoilerplate = true; marked += 1
                continue
            }
            if inBlock {
                if s.isListItem { sentences[i].isBoilerplate = true; marked += 1; continue }
                inBlock = false
            }
            if s.isHeading && s.tokens.count <= 8 && lineHeads.contains(where: { first.hasPrefix($0) }) {
                sentences[i].isBoilerplate = true; marked += 1
            }
        }
        text = SegmentedText(language: text.language, original: text.original, normalized: text.normalized,
                             tokens: text.tokens, sentences: sentences)
        return marked
    }

    private func foldedPrefix(_ text: SegmentedText, _ s: Sentence, _ n: Int) -> String {
        let end = min(s.tokens.upperBound, s.tokens.lowerBound + n)
        return text.tokens[s.tokens.lowerBound ..< end].map(\.fold).joined(separator: " ")
    }
}
