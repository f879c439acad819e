// RiposteSegment: sentences and tokens.
// Requires: normalised UTF-8 (RiposteNormalize), ICU's word and sentence break iterators over
// that UTF-8 (RiposteICU) and the language's segmentation lexicons (abbreviations, elisions,
// hyphen clitics and prefixes, units, emoticons). Provides: `[Token]` (surface tokens as
// Universal Dependencies defines them: ICU's word segments, merged or split by rules in one pass
// over the bytes) and `[Sentence]` (ICU's sentence boundaries accepted or vetoed by
// abbreviation-, quote- and line-aware rules, plus the boundaries only the rules see).
import RiposteText
import RiposteNormalize
import RiposteLexicon
import RiposteICU

/// Language data the segmenter uses, read once from Lexicons/<lang>/.
public struct SegmenterData: Sendable {
    public let language: Language
    /// Folded abbreviations, with their final period ("m.", "art.", "u.s.c.").
    public let abbreviations: Set<String>
    /// Abbreviations that may also end a sentence ("etc.").
    public let sentenceFinalAbbreviations: Set<String>
    /// Single letters that are words, not initials, before a period ("I").
    public let nonInitials: Set<String>
    /// Folded elided prefixes, apostrophe included ("l'", "qu'").
    public let elisions: Set<String>
    /// Folded words that contain an apostrophe but are not split ("aujourd'hui").
    public let elisionExceptions: Set<String>
    /// Folded pronouns split off a verb with their hyphen ("il" in "dit-il").
    public let hyphenClitics: Set<String>
    /// Folded hyphenated words kept whole although they end like a clitic ("celui-ci").
    public let hyphenExceptions: Set<String>
    /// Folded prefixes that keep their hyphen and the following word in one token ("non-").
    /// When empty, every hyphen between letters is kept inside the token (French).
    public let hyphenPrefixes: Set<String>
    /// Units split from a number glued to them ("23h", "375mm"). Case-sensitive.
    public let units: Set<String>
    /// Emoticons (":-)"), one token each.
    public let emoticons: Set<String>
    /// Folded words written with a slash that stay one token ("km/h"); besides single letters ("b/c").
    public let slashWords: Set<String>
    /// Abbreviations that keep their period when they end a sentence ("Inc."); others give it up
    /// as a token of its own, as UD does ("etc" + ".").
    public let periodKeepingAbbreviations: Set<String>

    public init(language: Language, lexicon: LanguageLexicon) {
        self.language = language
        abbreviations = lexicon.list("abbreviations")
        sentenceFinalAbbreviations = lexicon.list("sentence-final-abbreviations")
        nonInitials = lexicon.list("non-initials")
        elisions = lexicon.list("elisions")
        elisionExceptions = lexicon.list("elision-exceptions")
        hyphenClitics = lexicon.list("hyphen-clitics")
        hyphenExceptions = lexicon.list("hyphen-exceptions")
        hyphenPrefixes = lexicon.list("hyphen-prefixes")
        units = lexicon.list("units", folded: false)
        emoticons = lexicon.list("emoticons", folded: false)
        slashWords = lexicon.list("slash-words")
        periodKeepingAbbreviations = lexicon.list("period-keeping-abbreviations")
    }

    /// French number groups separated by a space ("80 000") form one token.
    var groupsDigitsWithSpaces: Bool { language == .fr }
}

/// Splits normalised UTF-8 into surface tokens.
/// ICU's word break iterator runs once over the UTF-8 bytes (no conversion to UTF-16) and marks
/// every byte with its word segment and the segment's status (letter, number, kana, ideograph or
/// none). That marking is the base segmentation: it says which characters belong to words and
/// numbers, in any script, and where two words touch without a space (Chinese, Japanese, Thai
/// dictionary words). One left-to-right pass over the bytes then applies the rules that merge or
/// split ICU's segments the way Universal Dependencies tokenises (URLs, e-mails, elisions,
/// clitics, abbreviations, legal references, number groups, units…). No regular expressions and
/// no per-character allocation; lexicon keys are built only where a rule needs one.
/// Not thread-safe (it owns an ICU iterator): one per thread.
public final class Tokenizer {
    public let data: SegmenterData
    private let maxEmoticon: Int
    private let words: BreakIterator
    private let keyCache: KeyCache
    private let abbreviationKeys: FoldFilter

    public init(data: SegmenterData) throws {
        self.data = data
        maxEmoticon = data.emoticons.map(\.utf8.count).max() ?? 0
        words = try BreakIterator(kind: .word, locale: data.language.rawValue)
        keyCache = KeyCache()
        abbreviationKeys = FoldFilter(data.abbreviations)
    }

    /// ICU's word segments of `text`, one mark per byte (see `BreakIterator.markSegments`).
    public func wordMarks(_ text: [UInt8]) throws -> [UInt8] {
        // Not zero-filled first: the segments tile the text, so ICU's loop writes every byte.
        try [UInt8](unsafeUninitializedCapacity: text.count + 1) { marks, count in
            try text.withUnsafeBufferPointer { try words.markSegments($0, into: marks) }
            count = text.count + 1
        }
    }

    public func tokenize(_ text: [UInt8]) throws -> [Token] {
        let marks = try wordMarks(text)
        return text.withUnsafeBufferPointer { buf in
            marks.withUnsafeBufferPointer { wb in
                var tokens: [Token] = []
                tokens.reserveCapacity(buf.count / 4 + 16)  // about one token per 5 bytes: no regrowth
                withUnsafeMutablePointer(to: &tokens) { out in
                    Scan(t: buf, wb: wb, data: data, maxEmoticon: maxEmoticon, out: out, cache: keyCache.entries,
                         abbreviationKeys: abbreviationKeys).run()
                }
                return tokens
            }
        }
    }
}

// MARK: - Keys of short tokens

/// The keys (lower, fold, `foldKey` of fold) of recent short tokens, by their bytes, lowered when
/// they are all ASCII (then lower = fold): most tokens are frequent words, and a hit costs two
/// 8-byte loads and compares where building the Strings (UTF-8 validation included) and hashing
/// byte by byte cost ten times more (and an accented word, the Latin-1 folding besides).
/// Direct-mapped; an entry holds the bytes themselves, so a hit is exact (lowered ASCII bytes
/// and bytes with a non-ASCII one cannot be equal).
final class KeyCache {
    /// 64 bytes: with the table aligned to 64, a lookup touches one cache line.
    struct Entry {
        var lo: UInt64 = 0, hi: UInt64 = 0
        var length = -1  // no token has it: the entry is empty
        var key: UInt64 = 0
        var lower = "", fold = ""
    }
    static let bits = 12
    let entries: UnsafeMutablePointer<Entry>
    init() {
        let raw = UnsafeMutableRawPointer.allocate(byteCount: MemoryLayout<Entry>.stride << KeyCache.bits, alignment: 64)
        entries = raw.bindMemory(to: Entry.self, capacity: 1 << KeyCache.bits)
        entries.initialize(repeating: Entry(), count: 1 << KeyCache.bits)
    }
    deinit {
        entries.deinitialize(count: 1 << KeyCache.bits)
        UnsafeMutableRawPointer(entries).deallocate()
    }
}

// MARK: - Character classes

enum CharClass { case space, letter, digit, other }

@inline(__always) func isSpaceByte(_ b: UInt8) -> Bool { b == 0x20 || b == 0x0A || b == 0x09 || b == 0x0D || b == 0x0B || b == 0x0C }

/// Non-ASCII spaces the normaliser turns into plain ones (kept for text tokenised unnormalised).
@inline(__always) func isWideSpace(_ c: UInt32) -> Bool {
    c == 0xA0 || c == 0x2028 || c == 0x2029 || c == 0x85 || (c >= 0x2000 && c <= 0x200A) || c == 0x202F || c == 0x3000
}

/// Superscript digits and vulgar fractions: ICU leaves them out of words (Word_Break=Other), but
/// glued to a word or number they belong to it ("m²", "1½"), as in the treebanks.
@inline(__always) func isGluedNumeral(_ c: UInt32) -> Bool {
    c == 0xBC || c == 0xBD || c == 0xBE || c == 0xB2 || c == 0xB3 || c == 0xB9
}

/// Katakana (and its prolonged sound mark): a run of it is one loanword, as in the treebanks
/// ("ドードリオ"), where ICU's dictionary would cut an unknown one into pieces.
@inline(__always) func isKatakana(_ c: UInt32) -> Bool {
    (c >= 0x30A1 && c <= 0x30FA) || c == 0x30FC || (c >= 0x31F0 && c <= 0x31FF) || (c >= 0xFF66 && c <= 0xFF9D)
}

/// Typographic single quotes: ICU lets them inside a word as apostrophes (MidNumLet), but the
/// normaliser has already made the apostrophe ASCII, so one left here is a quote ("l‘État" is
/// mistyped, ‘rock’ is quoted): it separates words, as the ASCII apostrophe's rules cannot apply.
@inline(__always) func isSingleQuote(_ c: UInt32) -> Bool { c == 0x2018 || c == 0x2019 }

/// The eight ASCII bytes of `x` with A–Z lowered (each byte below 0x80): a byte's high bit is set
/// by adding 0x3F when it is ≥ 0x41 and by adding 0x25 when it is ≥ 0x5B; A–Z have the first and
/// not the second, and get 0x20.
@inline(__always) func lowerASCIIWord(_ x: UInt64) -> UInt64 {
    let geA = x &+ 0x3F3F_3F3F_3F3F_3F3F
    let geZ1 = x &+ 0x2525_2525_2525_2525
    return x | ((geA & ~geZ1 & 0x8080_8080_8080_8080) >> 2)
}

/// The high bit of each byte of x (little-endian) that is not an ASCII letter: with the byte's
/// low seven bits lowered (| 0x20), adding 0x1F carries into the high bit from 'a' on and adding
/// 0x05 from '{' on; no byte's sum overflows into the next, so each byte is tested exactly.
@inline(__always) func nonLetterBytes(_ x: UInt64) -> UInt64 {
    let y = (x | 0x2020_2020_2020_2020) & 0x7F7F_7F7F_7F7F_7F7F
    let letter = (y &+ 0x1F1F_1F1F_1F1F_1F1F) & ~(y &+ 0x0505_0505_0505_0505) & ~x & 0x8080_8080_8080_8080
    return ~letter & 0x8080_8080_8080_8080
}

/// The scanner's state over one text.
struct Scan {
    let t: UnsafeBufferPointer<UInt8>
    /// ICU's word segments, one byte per text byte (and one for the end): `WordStatus` raw value of
    /// the segment holding the byte, plus `start` on a segment's first byte.
    let wb: UnsafeBufferPointer<UInt8>
    let data: SegmenterData
    let maxEmoticon: Int
    /// The tokens, written through a pointer: the scanner itself is immutable, so calling one of
    /// its methods never copies it (a mutating scanner was copied, 150 bytes, before each call
    /// of a non-mutating helper).
    let out: UnsafeMutablePointer<[Token]>
    /// The tokenizer's `KeyCache` entries.
    let cache: UnsafeMutablePointer<KeyCache.Entry>
    /// The keys of `data.abbreviations`.
    let abbreviationKeys: FoldFilter
    var tokens: [Token] {
        @inline(__always) get { out.pointee }
        @inline(__always) nonmutating _modify { yield &out.pointee }
    }

    static let start = BreakIterator.segmentStart
    static let statusBits: UInt8 = 0x7F
    static let numberStatus = WordStatus.number.rawValue

    init(t: UnsafeBufferPointer<UInt8>, wb: UnsafeBufferPointer<UInt8>, data: SegmenterData, maxEmoticon: Int,
         out: UnsafeMutablePointer<[Token]>, cache: UnsafeMutablePointer<KeyCache.Entry>, abbreviationKeys: FoldFilter) {
        self.t = t; self.wb = wb; self.data = data; self.maxEmoticon = maxEmoticon; self.out = out; self.cache = cache
        self.abbreviationKeys = abbreviationKeys
    }

    /// Whether byte i lies in one of ICU's word segments (letters, numbers, kana, ideographs).
    @inline(__always) func inICUWord(_ i: Int) -> Bool { wb[i] & Scan.statusBits != 0 }
    /// Whether ICU separates two words that touch at byte i with no space or punctuation between
    /// them: dictionary words of Chinese, Japanese, Thai…, or a change of script ("東京Tower").
    @inline(__always) func icuSplitsWordsAt(_ i: Int) -> Bool {
        wb[i] & Scan.start != 0 && wb[i] & Scan.statusBits != 0 && i > 0 && wb[i - 1] & Scan.statusBits != 0
    }

    var n: Int { t.count }

    /// Code point at i and its byte length.
    @inline(__always) func cp(_ i: Int) -> (UInt32, Int) {
        let b0 = UInt32(t[i])
        if b0 < 0x80 { return (b0, 1) }
        if b0 >= 0xF0, i + 3 < n {
            return (((b0 & 0x07) << 18) | ((UInt32(t[i + 1]) & 0x3F) << 12) | ((UInt32(t[i + 2]) & 0x3F) << 6) | (UInt32(t[i + 3]) & 0x3F), 4)
        }
        if b0 >= 0xE0, i + 2 < n { return (((b0 & 0x0F) << 12) | ((UInt32(t[i + 1]) & 0x3F) << 6) | (UInt32(t[i + 2]) & 0x3F), 3) }
        if b0 >= 0xC0, i + 1 < n { return (((b0 & 0x1F) << 6) | (UInt32(t[i + 1]) & 0x3F), 2) }
        return (0xFFFD, 1)
    }

    @inline(__always) func cls(_ i: Int) -> CharClass {
        guard i >= 0, i < n else { return .space }
        let b = t[i]
        if b < 0x80 {
            if b >= 0x61 && b <= 0x7A || b >= 0x41 && b <= 0x5A { return .letter }
            if b >= 0x30 && b <= 0x39 { return .digit }
            return isSpaceByte(b) ? .space : .other
        }
        return wideClass(i)
    }

    /// A non-ASCII character is a word character when ICU put it in a word segment: letters and
    /// numbers of any script with their combining marks (a decomposed accent stays in its word).
    /// Such characters are all `.letter` here; `word` tells numbers from words by ICU's status.
    @inline(__always) func wideClass(_ i: Int) -> CharClass {
        let (c, _) = cp(i)
        if isWideSpace(c) { return .space }
        if (inICUWord(i) && !isSingleQuote(c)) || isGluedNumeral(c) { return .letter }
        return .other
    }

    @inline(__always) func isAlnum(_ i: Int) -> Bool { let c = cls(i); return c == .letter || c == .digit }
    @inline(__always) func isDigit(_ i: Int) -> Bool { i >= 0 && i < n && t[i] >= 0x30 && t[i] <= 0x39 }
    @inline(__always) func byte(_ i: Int) -> UInt8 { i >= 0 && i < n ? t[i] : 0x20 }
    /// Start of the character that ends just before byte i.
    @inline(__always) func prevStart(_ i: Int) -> Int {
        var k = i - 1
        while k > 0, t[k] & 0xC0 == 0x80 { k -= 1 }
        return k
    }
    @inline(__always) func classBefore(_ i: Int) -> CharClass { i <= 0 ? .space : cls(prevStart(i)) }

    @inline(__always) func fold(_ a: Int, _ b: Int) -> String { Folding.keys(UnsafeBufferPointer(rebasing: t[a ..< b])).fold }
    func raw(_ a: Int, _ b: Int) -> String { String(decoding: UnsafeBufferPointer(rebasing: t[a ..< b]), as: UTF8.self) }

    func emit(_ a: Int, _ b: Int, _ kind: TokenKind) {
        guard b > a else { return }
        tokens.append(makeToken(a, b, kind, spaceBefore: a == 0 || isSpaceByte(t[a - 1])))
    }

    func makeToken(_ a: Int, _ b: Int, _ kind: TokenKind, spaceBefore: Bool) -> Token {
        let length = b - a
        if length <= 16 {
            let (lo, hi, ascii) = cacheBytes(a, length)
            // Hashing the two words picks the entry; the entry's own bytes decide.
            let mix = (lo &* 0x9E37_79B9_7F4A_7C15) ^ (hi &* 0xC2B2_AE3D_27D4_EB4F) ^ UInt64(length)
            let entry = cache + Int(truncatingIfNeeded: mix >> UInt64(64 - KeyCache.bits))
            if entry.pointee.lo != lo || entry.pointee.hi != hi || entry.pointee.length != length {
                let (lower, fold, key) = Folding.keysAndKey(UnsafeBufferPointer(rebasing: t[a ..< b]))
                entry.pointee.lo = lo; entry.pointee.hi = hi; entry.pointee.length = length
                entry.pointee.key = key; entry.pointee.lower = lower; entry.pointee.fold = fold
            }
            let first = t[a]
            let capitalized = ascii || first < 0x80 ? first >= 0x41 && first <= 0x5A : Folding.isUppercase(cp(a).0)
            return Token(span: ByteSpan(a, b), kind: kind, lower: entry.pointee.lower, fold: entry.pointee.fold,
                         key: entry.pointee.key, isCapitalized: capitalized, spaceBefore: spaceBefore)
        }
        let (lower, fold, key) = Folding.keysAndKey(UnsafeBufferPointer(rebasing: t[a ..< b]))
        let (c, _) = cp(a)
        return Token(span: ByteSpan(a, b), kind: kind, lower: lower, fold: fold, key: key,
                     isCapitalized: Folding.isUppercase(c), spaceBefore: spaceBefore)
    }

    /// Bytes [a, a + length) (length ≤ 16), little-endian in two words (zero-padded), lowered
    /// when they are all ASCII (and whether they are). Whole words are loaded where the text has
    /// 16 bytes from a.
    @inline(__always) func cacheBytes(_ a: Int, _ length: Int) -> (UInt64, UInt64, Bool) {
        var lo: UInt64 = 0, hi: UInt64 = 0
        if a + 16 <= n {
            let raw = UnsafeRawPointer(t.baseAddress! + a)
            lo = UInt64(littleEndian: raw.loadUnaligned(as: UInt64.self))
            hi = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
            // Keep the token's bytes only (shifts by 64 give 0 in Swift's masking-free << / >>).
            if length < 8 { lo &= (1 << UInt64(length * 8)) &- 1; hi = 0 } else if length < 16 { hi &= (1 << UInt64((length - 8) * 8)) &- 1 }
        } else {
            for k in 0 ..< length {
                let v = UInt64(t[a + k]) << UInt64((k & 7) * 8)
                if k < 8 { lo |= v } else { hi |= v }
            }
        }
        guard (lo | hi) & 0x8080_8080_8080_8080 == 0 else { return (lo, hi, false) }
        return (lowerASCIIWord(lo), lowerASCIIWord(hi), true)
    }

    // MARK: - Main loop

    func run() {
        var p = 0
        while p < n {
            if isSpaceByte(t[p]) { p += 1; continue }
            if t[p] >= 0x80, cls(p) == .space { p += cp(p).1; continue }
            var chunkEnd = asciiLettersEnd(p)
            let lettersEnd = chunkEnd
            var hasAt = false, hasURL = false
            while chunkEnd < n, !isSpaceByte(t[chunkEnd]) {
                let b = t[chunkEnd]
                if b == 0x40 { hasAt = true }
                if b == 0x3A || b == 0x2E { hasURL = true }  // "://" or "www."
                chunkEnd += 1
            }
            // The commonest chunks, ASCII letters between spaces, alone or before one comma,
            // semicolon, colon, closing bracket, ? ! or ", are that word and that mark: ICU keeps
            // ASCII letters in one segment (WB5) and the mark in its own, and no rule of `chunk`,
            // `word`, `finishWord` or `punctuation` applies to them (no address, hashtag,
            // apostrophe, hyphen, period or digit; 'x' and 'X' may start an emoticon, "xD", and
            // take the general path).
            if lettersEnd > p, p == 0 || isSpaceByte(t[p - 1]), t[p] | 0x20 != 0x78 {
                if lettersEnd == chunkEnd {
                    emit(p, chunkEnd, .word)
                    p = chunkEnd
                    continue
                }
                if chunkEnd == lettersEnd + 1, let kind = plainMarkKind(t[lettersEnd]) {
                    emit(p, lettersEnd, .word)
                    emit(lettersEnd, chunkEnd, kind)
                    p = chunkEnd
                    continue
                }
            }
            p = chunk(p, chunkEnd, hasAt: hasAt, maybeURL: hasURL)
        }
    }

    /// The end of the run of ASCII letters at p: eight bytes at a time (most chunks are words),
    /// each byte tested exactly (see `nonLetterBytes`), then byte by byte.
    @inline(__always) func asciiLettersEnd(_ p: Int) -> Int {
        var i = p
        if i + 8 <= n {
            let base = UnsafeRawPointer(t.baseAddress!)
            repeat {
                let stop = nonLetterBytes(UInt64(littleEndian: base.loadUnaligned(fromByteOffset: i, as: UInt64.self)))
                if stop != 0 { return i + stop.trailingZeroBitCount >> 3 }
                i += 8
            } while i + 8 <= n
        }
        while i < n, (t[i] | 0x20) &- 0x61 < 26 { i += 1 }
        return i
    }

    /// The kind `punctuation` gives one of , ; : ) ? ! " standing alone after a word; nil for
    /// other bytes.
    @inline(__always) func plainMarkKind(_ b: UInt8) -> TokenKind? {
        switch b {
        case 0x2C, 0x3B, 0x3A, 0x29, 0x3F, 0x21: return .punctuation
        case 0x22: return .quote
        default: return nil
        }
    }

    /// Tokenises the non-space run [start, end); returns where it stopped (end or further).
    func chunk(_ start: Int, _ end: Int, hasAt: Bool, maybeURL: Bool) -> Int {
        var p = start
        while p < end {
            if t[p] >= 0x80, cls(p) == .space { p += cp(p).1; continue }
            let before = classBefore(p)
            let atBoundary = before != .letter && before != .digit
            if atBoundary {
                // The first byte is tested here, before calling the scanners: most words start
                // neither an address nor an emoticon.
                if maybeURL, mayStartURL(t[p]), let e = url(p, end) { emit(p, e, .url); p = e; continue }
                if hasAt, let (e, kind) = emailOrHandle(p, end) { emit(p, e, kind); p = e; continue }
                if p == start || before == .other, mayStartEmoticon(t[p]), let e = emoticon(p, end) { emit(p, e, .symbol); p = e; continue }
            }
            let c = cls(p)
            if atBoundary, t[p] == 0x23, cls(p + 1) == .letter {  // "#hashtag"
                var e = p + 1
                while e < end, isAlnum(e) || t[e] == 0x5F { e += t[e] >= 0x80 ? cp(e).1 : 1 }
                emit(p, e, .handle); p = e; continue
            }
            if c == .letter || c == .digit {
                p = word(p, end)
            } else {
                p = punctuation(p, end, atChunkStart: p == start || isOpener(prevStart(p)))
            }
        }
        // A rule may have consumed past the chunk ("80 000" spans a space).
        return p
    }

    // MARK: - URLs, e-mails, handles, emoticons

    func hasPrefixCI(_ p: Int, _ end: Int, _ s: StaticString) -> Bool {
        let len = s.utf8CodeUnitCount
        guard p + len <= end else { return false }
        let base = s.utf8Start
        for k in 0 ..< len where t[p + k] | 0x20 != base[k] | 0x20 { return false }
        return true
    }

    /// The first letter of "http://", "https://", "ftp://" or "www.", in either case.
    @inline(__always) func mayStartURL(_ b: UInt8) -> Bool { let l = b | 0x20; return l == 0x68 || l == 0x66 || l == 0x77 }
    /// The first byte of an emoticon, as `emoticon` tests it.
    @inline(__always) func mayStartEmoticon(_ b: UInt8) -> Bool {
        b == 0x3A || b == 0x3B || b == 0x3C || b == 0x5E || b == 0x78 || b == 0x58 || b == 0x3D
    }

    /// A URL at p: scheme or "www.", then everything up to the space, less trailing punctuation.
    func url(_ p: Int, _ end: Int) -> Int? {
        guard hasPrefixCI(p, end, "http://") || hasPrefixCI(p, end, "https://") || hasPrefixCI(p, end, "ftp://")
            || hasPrefixCI(p, end, "www.") else { return nil }
        var e = p
        var parens = 0
        while e < end {
            let b = t[e]
            if b == 0x3C || b == 0x3E || b == 0x22 { break }  // < > "
            if b == 0x28 { parens += 1 }
            if b == 0x29 { if parens == 0 { break }; parens -= 1 }
            if b >= 0x80 {
                let (c, l) = cp(e)
                if c == 0xAB || c == 0xBB || c == 0x201C || c == 0x201D { break }
                e += l; continue
            }
            e += 1
        }
        // Trailing sentence punctuation belongs to the sentence, except an ellipsis glued to a
        // truncated address ("…/some-techniques-to-...").
        while e > p {
            let b = t[e - 1]
            if b == 0x2E, e - 3 > p, t[e - 2] == 0x2E, t[e - 3] == 0x2E { break }
            if b == 0x2E || b == 0x2C || b == 0x3B || b == 0x3A || b == 0x21 || b == 0x3F || b == 0x27 { e -= 1; continue }
            break
        }
        return e > p + 4 ? e : nil
    }

    @inline(__always) func isEmailChar(_ i: Int) -> Bool {
        let b = t[i]
        return isAlnum(i) || b == 0x2E || b == 0x5F || b == 0x25 || b == 0x2B || b == 0x2D
    }

    /// "name@domain.tld" (local part may hold dots, "franz371...@gmail.com") or "@handle".
    func emailOrHandle(_ p: Int, _ end: Int) -> (Int, TokenKind)? {
        var e = p
        while e < end, t[e] != 0x40, isEmailChar(e) { e += t[e] >= 0x80 ? cp(e).1 : 1 }
        guard e < end, t[e] == 0x40, e + 1 < end, isAlnum(e + 1) else { return nil }
        let isHandle = e == p
        if !isHandle, !isAlnum(p) { return nil }
        e += 1
        while e < end, isEmailChar(e) { e += t[e] >= 0x80 ? cp(e).1 : 1 }
        while e > p, t[e - 1] == 0x2E || t[e - 1] == 0x2D { e -= 1 }
        return (e, isHandle ? .handle : .email)
    }

    func emoticon(_ p: Int, _ end: Int) -> Int? {
        guard maxEmoticon > 0 else { return nil }
        let b = t[p]
        guard b == 0x3A || b == 0x3B || b == 0x3C || b == 0x5E || b == 0x78 || b == 0x58 || b == 0x3D else { return nil }
        var len = min(maxEmoticon, end - p)
        while len >= 2 {
            if data.emoticons.contains(raw(p, p + len)), p + len >= end || !isAlnum(p + len) { return p + len }
            len -= 1
        }
        return nil
    }

    // MARK: - Words

    /// Scans a word or number starting at p and emits its token(s); returns the end.
    func word(_ p: Int, _ end: Int) -> Int {
        var e = p
        var hyphens = false, dots = false, apostrophe = -1
        var letters = false, digits = false
        var segmentStart = p
        scan: while e < end {
            if e > p, icuSplitsWordsAt(e), !(isKatakana(cp(e).0) && isKatakana(cp(prevStart(e)).0)) { break }
            let b = t[e]
            if b >= 0x80 {
                let (cc, l) = cp(e)
                if isWideSpace(cc) { break }
                // ICU's word segments give the extent of words and numbers in every script.
                if inICUWord(e), !isSingleQuote(cc) {
                    if wb[e] & Scan.statusBits == Scan.numberStatus { digits = true } else { letters = true }
                    e += l; continue
                }
                if isGluedNumeral(cc) { letters = true; e += l; continue }
                // "n°": the abbreviation of numéro / numero.
                if cc == 0xB0, e - p == 1, t[p] | 0x20 == 0x6E { e += l; emit(p, e, .legalReference); return e }
                break
            }
            if b >= 0x61 && b <= 0x7A || b >= 0x41 && b <= 0x5A {
                letters = true; e += 1
                // The rest of a run of ASCII letters inside one ICU segment, in a tight loop: for
                // them the checks above all pass (no segment start, so no ICU split).
                while e < end, (t[e] | 0x20) >= 0x61, (t[e] | 0x20) <= 0x7A, wb[e] & Scan.start == 0 { e += 1 }
                continue
            }
            if b >= 0x30 && b <= 0x39 {
                digits = true; e += 1
                while e < end, t[e] >= 0x30, t[e] <= 0x39, wb[e] & Scan.start == 0 { e += 1 }
                continue
            }
            if isSpaceByte(b) { break }
            let prevDigit = isDigit(e - 1)
            switch b {
            case 0x2E:  // .  inside domains, decimals, initials: "rec.arts", "4.6", "U.S"
                if isAlnum(e + 1) { dots = true; e += 1; segmentStart = e; continue }
                // "J.-C.": an initial, a period and a hyphenated initial.
                if byte(e + 1) == 0x2D, cls(e + 2) == .letter, e - segmentStart == 1 { dots = true; hyphens = true; e += 2; segmentStart = e; continue }
                break scan
            case 0x2C, 0x3A:  // , :  between digits: "14,3", "5,000", "08:02"
                if prevDigit && isDigit(e + 1) { e += 1; continue }
                break scan
            case 0x2F:  // /  between digits: "08/16/2000", "1/10"; "b/c", "w/o"; listed "km/h"
                if prevDigit && isDigit(e + 1) { e += 1; continue }
                // "w/" (with): a listed word ending in its slash.
                if e + 1 >= end || !isAlnum(e + 1), data.slashWords.contains(fold(p, e + 1)) { e += 1; break scan }
                if cls(e + 1) == .letter {
                    var k = e + 1
                    while k < end, cls(k) == .letter { k += t[k] >= 0x80 ? cp(k).1 : 1 }
                    let single = e - segmentStart == 1 && k - (e + 1) == 1
                    if (single && p == segmentStart) || data.slashWords.contains(fold(p, k)) { e = k; continue }
                }
                break scan
            case 0x2D:  // -
                guard isAlnum(e + 1) else { break scan }
                if prevDigit && isDigit(e + 1) { hyphens = true; e += 1; segmentStart = e; continue }
                if data.hyphenPrefixes.isEmpty || data.hyphenPrefixes.contains(fold(segmentStart, e)) {
                    hyphens = true; e += 1; segmentStart = e; continue
                }
                break scan
            case 0x27:  // '
                if isAlnum(e + 1) {
                    if apostrophe < 0 { apostrophe = e }
                    e += 1; continue
                }
                // English plural possessive: "soldiers'".
                if data.language == .en, t[e - 1] | 0x20 == 0x73, !(p > 0 && t[p - 1] == 0x27) { e += 1; break scan }
                break scan
            case 0x5F:  // _  "Lisa_coverletter"
                if isAlnum(e + 1) { e += 1; continue }
                break scan
            case 0x26:  // &  "AT&T", "R&D"
                if cls(e - 1) == .letter, t[e - 1] < 0x5B, byte(e + 1) >= 0x41, byte(e + 1) <= 0x5A { e += 1; continue }
                break scan
            case 0x28:  // (  "AUTRE(S)": an optional plural ending in brackets
                if cls(e - 1) == .letter, cls(e + 1) == .letter {
                    var k = e + 1
                    while k < end, k - e <= 3, cls(k) == .letter { k += 1 }
                    if k < end, t[k] == 0x29, k + 1 >= end || !isAlnum(k + 1) { e = k + 1; break scan }
                }
                break scan
            default:
                break scan
            }
        }
        return finishWord(p, e, end, hyphens: hyphens, dots: dots, apostrophe: apostrophe, letters: letters, digits: digits)
    }

    func finishWord(_ p: Int, _ e0: Int, _ end: Int, hyphens: Bool, dots: Bool, apostrophe: Int,
                             letters: Bool, digits: Bool) -> Int {
        var e = e0
        // French elision: l'État → l' + État, jusqu' à → jusqu' + à (unless listed whole).
        if !data.elisions.isEmpty, letters {
            var a = apostrophe
            if a < 0, e < end, t[e] == 0x27 { a = e }
            if a > p, cls(a - 1) == .letter {
                let prefix = fold(p, a + 1)
                if data.elisions.contains(prefix) && !data.elisionExceptions.contains(fold(p, e)) {
                    let wholeWord = wordEnd(p, e)
                    if wholeWord == e || !data.elisionExceptions.contains(fold(p, wholeWord)) {
                        emit(p, a + 1, .word)
                        if a + 1 >= e { return a + 1 }
                        return word(a + 1, end)
                    }
                }
            }
        }
        // French inversion: "a-t-il" → a + -t-il, "dit-elle" → dit + -elle.
        if hyphens, !data.hyphenClitics.isEmpty, letters, let split = cliticSplit(p, e) {
            emitPlain(p, split, letters: letters, digits: digits, dots: dots)
            var k = split
            while k < e {
                let next = nextCliticStart(k, e)
                emit(k, next, .word)
                k = next
            }
            return e
        }
        // A final period: abbreviations ("art.", "Inc."), initials ("J.", "J.-C."), dotted acronyms ("U.S.").
        if e < end, t[e] == 0x2E, letters, takesPeriod(p, e, dots: dots) {
            e += 1
            emit(p, e, .abbreviation)
            return e
        }
        // A number glued to a unit: "23h" → 23 h, "20h30" → 20 h 30, "375mm" → 375 mm.
        if digits, letters, !hyphens, apostrophe < 0, let (u0, u1) = unitSplit(p, e) {
            emit(p, u0, .number); emit(u0, u1, .word)
            if u1 < e { emit(u1, e, .number) }
            return e
        }
        // French number groups: "80 000", "1 000 000", "2 500,5".
        if data.groupsDigitsWithSpaces, digits, !letters, e - p <= 3, !dots, !hyphens, allDigits(p, e) {
            var k = e
            while k + 4 <= n, t[k] == 0x20, allDigits(k + 1, k + 4), k + 4 == n || !isAlnum(k + 4) { k += 4 }
            if k > e {
                if k + 1 < n, t[k] == 0x2C, isDigit(k + 1) { k += 1; while isDigit(k) { k += 1 } }
                emit(p, k, .number)
                return k
            }
        }
        emitPlain(p, e, letters: letters, digits: digits, dots: dots)
        return e
    }

    func emitPlain(_ p: Int, _ e: Int, letters: Bool, digits: Bool, dots: Bool) {
        emit(p, e, letters ? .word : .number)
    }

    func allDigits(_ a: Int, _ b: Int) -> Bool {
        guard b <= n else { return false }
        for k in a ..< b where !isDigit(k) { return false }
        return true
    }

    /// End of the letters-and-apostrophes word starting at p (for "aujourd'hui" inside "aujourd'hui-même").
    func wordEnd(_ p: Int, _ e: Int) -> Int {
        var k = p
        while k < e, cls(k) == .letter || t[k] == 0x27 { k += t[k] >= 0x80 ? cp(k).1 : 1 }
        return k
    }

    /// Where the trailing clitics of a hyphenated French word start, if any.
    func cliticSplit(_ p: Int, _ e: Int) -> Int? {
        if data.hyphenExceptions.contains(fold(p, e)) { return nil }
        var split: Int? = nil
        var end = e
        while true {
            guard let h = lastHyphen(p, end), h > p else { break }
            let part = fold(h + 1, end)
            guard data.hyphenClitics.contains(part) else { break }
            // "-t-il": the euphonic t belongs to the clitic.
            var s = h
            if let h2 = lastHyphen(p, h), h2 > p, h - h2 == 2, t[h2 + 1] | 0x20 == 0x74 { s = h2 }
            if !allLetters(p, s) { break }
            split = s
            end = s
        }
        guard let s = split else { return nil }
        // The host must be a word, not a clitic or a hyphenated name ("Jean-Je" is not a verb).
        if s - p < 1 || data.hyphenExceptions.contains(fold(p, e)) { return nil }
        return s
    }

    func nextCliticStart(_ k: Int, _ e: Int) -> Int {
        // k is at a hyphen; the clitic runs to the next hyphen that does not follow a euphonic t.
        var j = k + 1
        if j + 1 < e, t[j] | 0x20 == 0x74, t[j + 1] == 0x2D { j += 2 }
        while j < e, t[j] != 0x2D { j += 1 }
        return j
    }

    func lastHyphen(_ p: Int, _ e: Int) -> Int? {
        var k = e - 1
        while k > p { if t[k] == 0x2D { return k }; k -= 1 }
        return nil
    }

    func allLetters(_ a: Int, _ b: Int) -> Bool {
        var k = a
        while k < b {
            if cls(k) != .letter && t[k] != 0x2D && t[k] != 0x27 { return false }
            k += t[k] >= 0x80 ? cp(k).1 : 1
        }
        return true
    }

    /// `foldKey` of the folded bytes [a, b) when they are ASCII (folding lowers them, nothing
    /// else), nil otherwise.
    func asciiFoldKey(_ a: Int, _ b: Int) -> UInt64? {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for k in a ..< b {
            let c = t[k]
            if c >= 0x80 { return nil }
            h = (h ^ UInt64(c >= 0x41 && c <= 0x5A ? c | 0x20 : c)) &* 0x100_0000_01b3
        }
        return h
    }

    /// Whether the period after word [p, e) is part of it.
    func takesPeriod(_ p: Int, _ e: Int, dots: Bool) -> Bool {
        // Most words before a period are not abbreviations: for an ASCII word, the filter of the
        // abbreviations' keys says so from its folded bytes' key, without building the String.
        let maybeListed = asciiFoldKey(p, e + 1).map { abbreviationKeys.mayContain($0) } ?? true
        if maybeListed, data.abbreviations.contains(fold(p, e + 1)) { return true }
        // Dotted acronyms and initials: every segment one to three letters ("U.S.", "a.m.", "J.-C.").
        if dots {
            var k = p, seg = 0
            while k < e {
                let b = t[k]
                if b == 0x2E || b == 0x2D { if seg == 0 && b == 0x2E { return false }; seg = 0; k += 1; continue }
                if cls(k) != .letter { return false }
                seg += 1
                if seg > 2 { return false }
                k += b >= 0x80 ? cp(k).1 : 1
            }
            return true
        }
        // A single capital letter is an initial ("J. Smith"), unless the language says it is a word.
        let (c, l) = cp(p)
        if p + l == e, Folding.isUppercase(c), !data.nonInitials.contains(String(fold(p, e + 1).dropLast())) {
            return true
        }
        return false
    }

    /// A number followed by a unit (and possibly minutes): the unit's bounds.
    func unitSplit(_ p: Int, _ e: Int) -> (Int, Int)? {
        guard isDigit(p), !data.units.isEmpty else { return nil }
        var k = p
        // The number may hold decimal and time separators: "4.6GB", "10:30am".
        while k < e, isDigit(k) || ((t[k] == 0x2E || t[k] == 0x2C || t[k] == 0x3A) && isDigit(k - 1) && isDigit(k + 1)) { k += 1 }
        let u0 = k
        while k < e, cls(k) == .letter { k += t[k] >= 0x80 ? cp(k).1 : 1 }
        let u1 = k
        guard u1 > u0 else { return nil }
        while k < e, isDigit(k) { k += 1 }
        guard k == e else { return nil }
        return data.units.contains(raw(u0, u1)) ? (u0, u1) : nil
    }

    // MARK: - Punctuation and symbols

    func isOpener(_ i: Int) -> Bool {
        guard i >= 0, i < n else { return true }
        let b = t[i]
        if b == 0x28 || b == 0x5B || b == 0x7B || b == 0x22 || b == 0x27 || b == 0x2F { return true }
        if b >= 0x80 { let c = cp(i).0; return c == 0xAB || c == 0x201C || c == 0x2018 || c == 0x201E }
        return false
    }

    func punctuation(_ p: Int, _ end: Int, atChunkStart: Bool) -> Int {
        let b = t[p]
        // A signed number: "-0,8", "+14" (not after a word: "1990-2000" is handled as a word).
        if (b == 0x2D || b == 0x2B), atChunkStart, isDigit(p + 1) {
            let before = tokens.count
            let e = word(p + 1, end)
            if tokens.count > before, tokens[before].kind == .number {
                let sign = tokens[before].spaceBefore
                tokens[before] = makeToken(p, tokens[before].span.end, .number, spaceBefore: sign)
            } else {
                tokens.insert(makeToken(p, p + 1, .punctuation, spaceBefore: p == 0 || isSpaceByte(t[p - 1])), at: before)
                if tokens.count > before + 1 { tokens[before + 1].spaceBefore = false }
            }
            return e
        }
        // Runs of sentence punctuation: "...", "?!", "!!!", "..?".
        if b == 0x2E || b == 0x21 || b == 0x3F {
            var e = p + 1
            while e < end, t[e] == 0x2E || t[e] == 0x21 || t[e] == 0x3F {
                // "?..." is a question mark and an ellipsis; "?!", "!!", "..?" stay one token.
                if t[e] == 0x2E, t[e - 1] != 0x2E, e + 1 < end, t[e + 1] == 0x2E { break }
                e += 1
            }
            emit(p, e, .punctuation)
            return e
        }
        // Runs of one repeated symbol ("--", "***", "$$$", "<<", "==----").
        if isRepeatable(b) {
            var e = p + 1
            while e < end, t[e] == b || (isRule(b) && isRule(t[e])) { e += 1 }
            emit(p, e, b == 0x2D && e - p <= 2 ? .punctuation : .symbol)
            return e
        }
        let (c, l) = cp(p)
        // "°C", "°F".
        if c == 0xB0, p + l < end, t[p + l] == 0x43 || t[p + l] == 0x46, cls(p + l + 1) != .letter {
            emit(p, p + l + 1, .symbol)
            return p + l + 1
        }
        var e = p + l
        // "§§ 209-213": the plural section sign is one token.
        if c == 0xA7 { while e + 1 < end, t[e] == 0xC2, t[e + 1] == 0xA7 { e += 2 } }
        // The rest of ICU's segment: a character's combining marks, an emoji with its modifiers or
        // joined sequence, a flag's two regional indicators. (Not inside an ICU word that a rule
        // split, "1;2": its other characters are tokens of their own.)
        if !inICUWord(p) { while e < end, wb[e] & Scan.start == 0 { e += 1 } }
        emit(p, e, kindOf(c, at: p))
        return e
    }


    func isRepeatable(_ b: UInt8) -> Bool {
        switch b {
        case 0x2D, 0x3D, 0x2A, 0x5F, 0x2B, 0x7E, 0x23, 0x3C, 0x3E, 0x24, 0x5C, 0x7C, 0x5E, 0x2F: return true
        default: return false
        }
    }
    func isRule(_ b: UInt8) -> Bool { b == 0x2D || b == 0x3D }

    func kindOf(_ c: UInt32, at p: Int) -> TokenKind {
        switch c {
        case 0x22, 0x27, 0xAB, 0xBB, 0x201C, 0x201D, 0x201E, 0x2018, 0x2019, 0x2039, 0x203A, 0x60: return .quote
        case 0xA7, 0xB6: return .legalReference
        case 0x24, 0x25, 0x26, 0x2B, 0x3C, 0x3D, 0x3E, 0x40, 0x23, 0x5E, 0x7C, 0x7E, 0xA2 ... 0xA5, 0xA9, 0xAE, 0xB0, 0xB1, 0xD7, 0xF7,
             0x2030, 0x20A0 ... 0x20CF, 0x2100 ... 0x214F, 0x2190 ... 0x21FF, 0x2200 ... 0x22FF:
            return .symbol
        default:
            return cls(p) == .letter ? .word : .punctuation
        }
    }
}
