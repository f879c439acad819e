// RiposteText: the value types every stage shares.
// Requires: nothing. Provides: Language, byte spans, tokens, sentences, diagnostics, and the
// conversion from UTF-8 byte offsets to Unicode code point offsets that the JSON contract uses.

/// A language Riposte analyses.
public enum Language: String, Sendable, Hashable, CaseIterable, Codable {
    case fr, en
}

/// A half-open range of UTF-8 byte offsets, `start ..< end`.
public struct ByteSpan: Hashable, Sendable, Comparable {
    public var start: Int
    public var end: Int
    @inlinable public init(_ start: Int, _ end: Int) { self.start = start; self.end = end }
    @inlinable public var length: Int { end - start }
    @inlinable public var isEmpty: Bool { end <= start }
    @inlinable public func contains(_ other: ByteSpan) -> Bool { start <= other.start && other.end <= end }
    @inlinable public func overlaps(_ other: ByteSpan) -> Bool { start < other.end && other.start < end }
    @inlinable public static func < (a: ByteSpan, b: ByteSpan) -> Bool {
        a.start != b.start ? a.start < b.start : a.end < b.end
    }
    @inlinable public func union(_ o: ByteSpan) -> ByteSpan { ByteSpan(Swift.min(start, o.start), Swift.max(end, o.end)) }
}

/// A non-fatal finding about a document (encoding guessed, boilerplate skipped, text truncated…).
public struct Diagnostic: Hashable, Sendable, Codable {
    public var code: String
    public var message: String
    public init(code: String, message: String) { self.code = code; self.message = message }
}

/// What a token is, as far as the segmenter can tell without syntax.
public enum TokenKind: UInt8, Sendable, Hashable {
    case word, number, punctuation, symbol, url, email, handle, legalReference, abbreviation, quote
}

/// One surface token. Offsets are UTF-8 byte offsets into the NORMALISED text
/// (see `AnalyzedText.normalizedSpan` / `originalSpan`).
public struct Token: Sendable, Hashable {
    public var span: ByteSpan
    public var kind: TokenKind
    /// Lower-cased form (accents kept), with typographic apostrophes unified to '.
    public var lower: String
    /// `lower` without diacritics: the key lexicons are matched on.
    public var fold: String { didSet { key = foldKey(fold) } }
    /// `foldKey(fold)`, computed once per token: hash tables keyed by folded words probe with it
    /// instead of hashing the String again at every lookup.
    public private(set) var key: UInt64
    /// First letter is upper case.
    public var isCapitalized: Bool
    /// A space (or line break) precedes the token in the text.
    public var spaceBefore: Bool
    public init(span: ByteSpan, kind: TokenKind, lower: String, fold: String, isCapitalized: Bool, spaceBefore: Bool) {
        self.span = span; self.kind = kind; self.lower = lower; self.fold = fold; self.key = foldKey(fold)
        self.isCapitalized = isCapitalized; self.spaceBefore = spaceBefore
    }
    /// The same, with `key` already computed by the caller: it must equal `foldKey(fold)` (the
    /// tokenizer hashes the folded bytes while it writes them, rather than the String again).
    public init(span: ByteSpan, kind: TokenKind, lower: String, fold: String, key: UInt64,
                isCapitalized: Bool, spaceBefore: Bool) {
        self.span = span; self.kind = kind; self.lower = lower; self.fold = fold; self.key = key
        self.isCapitalized = isCapitalized; self.spaceBefore = spaceBefore
    }
}

/// 64-bit FNV-1a of a word's UTF-8 bytes: the key of `Token.key` and of the tables keyed by folded
/// words (a Swift Dictionary<String, …> would hash every lookup again through SipHash).
@inline(__always) public func foldKey(_ s: String) -> UInt64 {
    // Over the contiguous bytes when the string has them (native and small strings do):
    // iterating the UTF8View pays String.Index arithmetic per byte.
    if let h = s.utf8.withContiguousStorageIfAvailable({ buf -> UInt64 in foldKey(buf) }) { return h }
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for b in s.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
    return h
}

/// `foldKey` of UTF-8 bytes.
@inline(__always) public func foldKey(_ buf: UnsafeBufferPointer<UInt8>) -> UInt64 {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for b in buf { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
    return h
}

/// One sentence: its span (normalised bytes) and the range of its tokens in the token array.
public struct Sentence: Sendable, Hashable {
    public var span: ByteSpan
    public var tokens: Range<Int>
    /// Index of the paragraph (block separated by line breaks) the sentence belongs to.
    public var paragraph: Int
    /// A line without final punctuation standing alone (a heading, a title).
    public var isHeading: Bool
    /// A line that starts with a list marker ("- ", "• ", "1)").
    public var isListItem: Bool
    /// Inside a block the pipeline does not analyse ("Lire aussi :" lists, bylines).
    public var isBoilerplate: Bool
    public init(span: ByteSpan, tokens: Range<Int>, paragraph: Int = 0, isHeading: Bool = false,
                isListItem: Bool = false, isBoilerplate: Bool = false) {
        self.span = span; self.tokens = tokens; self.paragraph = paragraph
        self.isHeading = isHeading; self.isListItem = isListItem; self.isBoilerplate = isBoilerplate
    }
}

/// Converts UTF-8 byte offsets of a text to Unicode code point offsets.
/// Built once per document in O(n/8); each lookup is O(1) (ASCII text needs no table at all).
/// Non-ASCII text keeps the code points before every 16th byte and counts the rest of the way in
/// the bytes at lookup: a document asks for a few hundred offsets, and a table entry per byte
/// cost more to write than all the lookups.
public struct CodePointIndex: Sendable {
    private let blocks: [Int32]?  // blocks[k] = code points before byte 16k (k in 0...count/16)
    private let bytes: [UInt8]
    public let byteCount: Int
    public let codePointCount: Int

    public init(utf8 bytes: [UInt8]) {
        byteCount = bytes.count
        let (t, n) = bytes.withUnsafeBufferPointer { buf -> ([Int32]?, Int) in
            let count = buf.count
            // ASCII test eight bytes at a time.
            var i = 0
            if let base = buf.baseAddress {
                let raw = UnsafeRawPointer(base)
                while i + 8 <= count, raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 { i += 8 }
            }
            while i < count, buf[i] < 0x80 { i += 1 }
            if i == count { return (nil, count) }
            var total = 0
            let t = [Int32](unsafeUninitializedCapacity: count / 16 + 1) { out, initialized in
                var k = 0
                while k + 16 <= count {
                    out[k >> 4] = Int32(truncatingIfNeeded: total)
                    total += CodePointIndex.leads(buf, k, k + 16)
                    k += 16
                }
                out[k >> 4] = Int32(truncatingIfNeeded: total)
                total += CodePointIndex.leads(buf, k, count)
                initialized = count / 16 + 1
            }
            return (t, total)
        }
        blocks = t
        self.bytes = t == nil ? [] : bytes
        codePointCount = n
    }

    /// The number of bytes in `a ..< b` that begin a character (not continuation bytes 10xxxxxx).
    @inline(__always) static func leads(_ buf: UnsafeBufferPointer<UInt8>, _ a: Int, _ b: Int) -> Int {
        var k = a, n = 0
        if let base = buf.baseAddress {
            let raw = UnsafeRawPointer(base)
            while k + 8 <= b {
                let w = raw.loadUnaligned(fromByteOffset: k, as: UInt64.self)
                // Bit 7 set and bit 6 clear in a byte: a continuation byte.
                let cont = w & ~(w << 1) & 0x8080_8080_8080_8080
                n += 8 - cont.nonzeroBitCount
                k += 8
            }
        }
        while k < b { if buf[k] & 0xC0 != 0x80 { n += 1 }; k += 1 }
        return n
    }

    /// The code point offset of byte offset `b` (which must fall on a character boundary).
    @inlinable public func codePoint(atByte b: Int) -> Int { _lookup(b) }

    public func _lookup(_ b: Int) -> Int {
        guard let blocks else { return b }
        let c = Swift.max(0, Swift.min(b, byteCount))
        let start = c & ~15
        return Int(blocks[c >> 4]) + bytes.withUnsafeBufferPointer { CodePointIndex.leads($0, start, c) }
    }
}

public extension Array where Element == UInt8 {
    /// The text of a byte span as a String (invalid sequences repaired).
    func string(_ span: ByteSpan) -> String {
        let lo = Swift.max(0, Swift.min(span.start, count)), hi = Swift.max(lo, Swift.min(span.end, count))
        return String(decoding: self[lo ..< hi], as: UTF8.self)
    }
}

/// True for UTF-8 bytes that begin a character.
@inlinable public func isUTF8Lead(_ b: UInt8) -> Bool { b & 0xC0 != 0x80 }

/// Whether one of the eight bytes of `w` is one a JSON string cannot hold as it is: a quote, a
/// backslash or a control character below 0x20 (SWAR: a zero byte of w ^ repeated c, or a byte
/// below 0x20, sets its high bit). Shared by the JSON Lines reader and the JSON writer, which
/// skip eight plain bytes at a time.
@inlinable @inline(__always) public func hasJSONSpecialByte(_ w: UInt64) -> Bool {
    let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
    let quote = w ^ (ones &* 0x22), backslash = w ^ (ones &* 0x5C)
    let zeroInQuote = (quote &- ones) & ~quote & highs
    let zeroInBackslash = (backslash &- ones) & ~backslash & highs
    let control = (w &- ones &* 0x20) & ~w & highs
    return zeroInQuote | zeroInBackslash | control != 0
}

/// The length (2, 3 or 4) of the well-formed UTF-8 sequence whose lead byte `b[i]` is not ASCII,
/// or 0 when it is ill-formed: a stray continuation byte, an overlong form, a surrogate, a code
/// point above U+10FFFF or a truncated sequence. The one check behind the ingest validators and
/// the JSON writer's.
@inlinable @inline(__always) public func utf8SequenceLength(_ b: UnsafeBufferPointer<UInt8>, at i: Int) -> Int {
    let n = b.count, c = b[i]
    @inline(__always) func cont(_ k: Int) -> Bool { k < n && b[k] & 0xC0 == 0x80 }
    if c < 0xC2 || c > 0xF4 { return 0 }
    if c < 0xE0 { return cont(i + 1) ? 2 : 0 }
    if c < 0xF0 {
        guard cont(i + 1), cont(i + 2) else { return 0 }
        let c1 = b[i + 1]
        if (c == 0xE0 && c1 < 0xA0) || (c == 0xED && c1 >= 0xA0) { return 0 }  // overlong, surrogate
        return 3
    }
    guard cont(i + 1), cont(i + 2), cont(i + 3) else { return 0 }
    let c1 = b[i + 1]
    if (c == 0xF0 && c1 < 0x90) || (c == 0xF4 && c1 >= 0x90) { return 0 }  // overlong, above U+10FFFF
    return 4
}

/// Index of the first byte of `b` where UTF-8 is ill-formed, or nil. Runs of ASCII are skipped
/// eight bytes at a time: every document goes through here at least once.
public func firstInvalidUTF8(_ b: UnsafeBufferPointer<UInt8>) -> Int? {
    guard let base = b.baseAddress else { return nil }
    let raw = UnsafeRawPointer(base)
    let n = b.count
    var i = 0
    while i < n {
        while i + 8 <= n, raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 { i += 8 }
        if i >= n { break }
        if b[i] < 0x80 { i += 1; continue }
        let len = utf8SequenceLength(b, at: i)
        if len == 0 { return i }
        i += len
    }
    return nil
}
