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
    /// The first two bytes of every head (blockHeads and lineHeads; one for a one-byte head),
    /// when they are ASCII: a sentence whose first folded token starts with two other ASCII
    /// bytes cannot start with a head, and its folded prefix is not built (most sentences).
    /// Nil: no such shortcut.
    private let headStarts: [Bool]?
    private let oneByteHeads: [Bool]

    public init(lexicon: LanguageLexicon) {
        var block: [String] = [], line: [String] = []
        for row in lexicon.table("boilerplate") {
            let key = Folding.fold(row[0])
            if row[1] == "block" { block.append(key) } else { line.append(key) }
        }
        blockHeads = block
        lineHeads = line
        var starts = [Bool](repeating: false, count: 128 * 128)
        var single = [Bool](repeating: false, count: 128)
        var usable = true
        for h in block + line {
            let u = Array(h.utf8.prefix(2))
            guard !u.isEmpty, u.allSatisfy({ $0 < 0x80 }) else { usable = false; break }
            if u.count == 1 { single[Int(u[0])] = true } else { starts[Int(u[0]) * 128 + Int(u[1])] = true }
        }
        headStarts = usable ? starts : nil
        oneByteHeads = single
    }

    /// Whether no head can be a prefix of the sentence's folded prefix (`String.hasPrefix`).
    /// Exact: the folded prefix starts with the first token's fold; when its first two bytes are
    /// ASCII, its first two characters are those bytes' (a combining mark can only follow the
    /// second), and a head's first two characters are its first two ASCII bytes; characters with
    /// different ASCII bases are never equal. Anything else is not rejected.
    private func cannotMatch(_ text: SegmentedText, _ s: Sentence) -> Bool {
        guard let starts = headStarts, s.tokens.lowerBound < s.tokens.upperBound else { return false }
        return text.tokens[s.tokens.lowerBound].fold.utf8.withContiguousStorageIfAvailable { f -> Bool in
            guard f.count >= 2, f[0] < 0x80, f[1] < 0x80 else { return false }
            return !starts[Int(f[0]) * 128 + Int(f[1])] && !oneByteHeads[Int(f[0])]
        } ?? false
    }

    /// Flags boilerplate sentences; returns how many.
    public func mark(_ text: inout SegmentedText) -> Int {
        var sentences = text.sentences
        var inBlock = false
        var marked = 0
        for i in sentences.indices {
            let s = sentences[i]
            let skip = cannotMatch(text, s)
            let first = skip ? "" : foldedPrefix(text, s, 4)
            if !skip, blockHeads.contains(where: { first.hasPrefix($0) }) {
                inBlock = true
                sentences[i].isBoilerplate = true; marked += 1
                continue
            }
            if inBlock {
                if s.isListItem { sentences[i].isBoilerplate = true; marked += 1; continue }
                inBlock = false
            }
            if !skip, s.isHeading && s.tokens.count <= 8 && lineHeads.contains(where: { first.hasPrefix($0) }) {
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
