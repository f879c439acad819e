// RiposteSegment: sentences and tokens.
// Requires: normalised UTF-8 (RiposteNormalize) and the language's lexicons (abbreviations,
// elisions). Provides: `[Token]` (ICU word boundaries refined by French elision, abbreviation and
// initials rules) and `[Sentence]` (rule-based, abbreviation-aware, line-aware).
import RiposteText
import RiposteICU
import RiposteNormalize
import RiposteLexicon

/// Language data the segmenter uses, read once from Lexicons/<lang>/.
public struct SegmenterData: Sendable {
    public let language: Language
    /// Folded abbreviations, with their final period ("m.", "art.", "u.s.c.").
    public let abbreviations: Set<String>
    /// Folded elided prefixes, apostrophe included ("l'", "qu'").
    public let elisions: Set<String>
    /// Folded words that contain an apostrophe but are not split ("aujourd'hui").
    public let elisionExceptions: Set<String>

    public init(language: Language, lexicon: LanguageLexicon) {
        self.language = language
        abbreviations = lexicon.list("abbreviations")
        elisions = lexicon.list("elisions")
        elisionExceptions = lexicon.list("elision-exceptions")
    }
}

/// Splits normalised UTF-8 into surface tokens. One instance per thread (holds an ICU iterator).
public final class Tokenizer {
    public let data: SegmenterData
    private let words: BreakIterator

    public init(data: SegmenterData) throws {
        self.data = data
        words = try BreakIterator(kind: .word, locale: data.language.rawValue)
    }

    private struct Piece { var start: Int; var end: Int; var status: WordStatus; var spaceBefore: Bool }

    public func tokenize(_ text: [UInt8]) throws -> [Token] {
        var pieces: [Piece] = []
        pieces.reserveCapacity(text.count / 5)
        var space = true
        try text.withUnsafeBufferPointer { buf in
            try words.forEachSegment(buf) { s, e, st in
                let b = buf[s]
                if b == 0x20 || b == 0x0A || b == 0x09 || b == 0x0D {
                    // ICU groups runs of white space into one segment.
                    space = true
                    return
                }
                pieces.append(Piece(start: s, end: e, status: st, spaceBefore: space))
                space = false
            }
        }
        var tokens: [Token] = []
        tokens.reserveCapacity(pieces.count)
        var i = 0
        while i < pieces.count {
            var p = pieces[i]
            // Initials and dotted abbreviations: "U.S.C.", "J.-C.", "M.", "art.".
            if p.status == .letter, i + 1 < pieces.count, isDot(text, pieces[i + 1]), !pieces[i + 1].spaceBefore {
                var j = i + 1
                var end = pieces[j].end
                // Extend over further letter+dot pairs glued together ("U.S.C.").
                while j + 2 < pieces.count, !pieces[j + 1].spaceBefore, !pieces[j + 2].spaceBefore,
                      pieces[j + 1].status == .letter, pieces[j + 1].end - pieces[j + 1].start <= 2,
                      isDot(text, pieces[j + 2]) {
                    j += 2; end = pieces[j].end
                }
                let candidate = ByteSpan(p.start, end)
                let key = Folding.keys(text[candidate.start ..< candidate.end]).fold
                let singleLetter = characterCount(text, p.start, p.end) == 1 && isUpperASCIIOrLetter(text, p.start)
                if data.abbreviations.contains(key) || j > i + 1 || singleLetter {
                    tokens.append(makeToken(text, candidate, .abbreviation, p.spaceBefore))
                    i = j + 1
                    continue
                }
            }
            // French elision: l'État → l' + État (unless listed as a whole word).
            if data.language == .fr, p.status == .letter, let apo = apostrophe(text, p) {
                let whole = Folding.keys(text[p.start ..< p.end]).fold
                if !data.elisionExceptions.contains(whole) {
                    let prefix = Folding.keys(text[p.start ..< apo + 1]).fold
                    if data.elisions.contains(prefix) {
                        tokens.append(makeToken(text, ByteSpan(p.start, apo + 1), .word, p.spaceBefore))
                        p.start = apo + 1
                        p.spaceBefore = false
                        if p.start >= p.end { i += 1; continue }
                        // The rest may itself hold an elision: "jusqu'à l'" is handled by the loop.
                        pieces[i] = p
                        continue
                    }
                }
            }
            tokens.append(makeToken(text, ByteSpan(p.start, p.end), kind(text, p), p.spaceBefore))
            i += 1
        }
        return tokens
    }

    private func isDot(_ t: [UInt8], _ p: Piece) -> Bool { p.end - p.start == 1 && t[p.start] == 0x2E }

    private func apostrophe(_ t: [UInt8], _ p: Piece) -> Int? {
        var k = p.start
        while k < p.end - 1 {
            if t[k] == 0x27 { return k }
            k += 1
        }
        return nil
    }

    private func kind(_ t: [UInt8], _ p: Piece) -> TokenKind {
        switch p.status {
        case .letter, .kana, .ideo: return .word
        case .number: return .number
        case .none:
            let b = t[p.start]
            if b == 0x22 || b == 0x27 { return .quote }
            if b < 0x80 { return (b >= 0x30 && b <= 0x39) ? .number : .punctuation }
            let (cp, _) = decode(t, p.start)
            switch cp {
            case 0xAB, 0xBB, 0x201C, 0x201D, 0x201E, 0x2018, 0x2039, 0x203A: return .quote
            case 0xA7, 0xB0, 0x20AC, 0x24, 0xA3, 0x25: return .symbol
            default: return Folding.isLetter(cp) ? .word : .punctuation
            }
        }
    }

    private func makeToken(_ t: [UInt8], _ span: ByteSpan, _ kind: TokenKind, _ spaceBefore: Bool) -> Token {
        let (lower, fold) = Folding.keys(t[span.start ..< span.end])
        let (cp, _) = decode(t, span.start)
        return Token(span: span, kind: kind, lower: lower, fold: fold,
                     isCapitalized: Folding.isUppercase(cp), spaceBefore: spaceBefore)
    }

    private func characterCount(_ t: [UInt8], _ s: Int, _ e: Int) -> Int {
        var n = 0
        for k in s ..< e where t[k] & 0xC0 != 0x80 { n += 1 }
        return n
    }

    private func isUpperASCIIOrLetter(_ t: [UInt8], _ s: Int) -> Bool {
        let (cp, _) = decode(t, s)
        return Folding.isUppercase(cp)
    }
}
