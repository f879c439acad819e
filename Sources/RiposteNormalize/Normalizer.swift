// RiposteNormalize: canonical text for analysis, and the way back to the original.
// Requires: valid UTF-8 (ingest guarantees it). Provides: `NormalizedText` (NFC via utf8proc;
// NBSP, narrow NBSP and other spaces → U+0020; ’ ʼ → '; soft hyphens, zero-width characters and
// BOMs removed; CR LF → LF; line-break hyphenation "juris-\nprudence" joined) with an `OffsetMap`
// from every normalised byte back to the original bytes (stored as pieces, not per byte), and `Folding` (case and accent folding)
// for lexicon keys.
import CUTF8Proc
import RiposteText

/// Maps UTF-8 byte offsets of normalised text back to UTF-8 byte offsets of the original.
/// Stored as pieces, not per byte: runs copied unchanged map by a constant shift, and each replaced
/// character maps as a whole to the original characters it came from. Characters dropped by
/// normalisation (soft hyphens, "-\n" of a joined word) belong to the piece before them.
public struct OffsetMap: Sendable {
    struct Piece: Sendable {
        var normStart: Int32
        var origStart: Int32
        var origEnd: Int32
        var identity: Bool
    }
    /// nil when the normalised text is byte-identical to the original.
    let pieces: [Piece]?
    /// `piece(b << bucketBits)` for every b up to the last normalised byte's: the piece holding a
    /// byte lies between those of its bucket's start and the next bucket's, so a lookup searches
    /// a few pieces (the output converts every span it writes), not all of them.
    let buckets: [Int32]
    static let bucketBits = 8
    let normalizedCount: Int
    public let originalCount: Int

    public var isIdentity: Bool { pieces == nil }

    init(identityOf count: Int) { pieces = nil; buckets = []; normalizedCount = count; originalCount = count }
    init(pieces: [Piece], normalizedCount: Int, originalCount: Int) {
        self.pieces = pieces; self.normalizedCount = normalizedCount; self.originalCount = originalCount
        // One sweep: bucket b gets the last piece starting at or before b << bucketBits (or 0).
        let count = Swift.max(normalizedCount - 1, 0) >> OffsetMap.bucketBits + 1
        var buckets = [Int32](repeating: 0, count: count)
        var p = 0
        for b in 0 ..< count {
            let k = b << OffsetMap.bucketBits
            while p + 1 < pieces.count, Int(pieces[p + 1].normStart) <= k { p += 1 }
            buckets[b] = Int32(p)
        }
        self.buckets = buckets
    }

    /// The original span of normalised span `s`.
    public func original(_ s: ByteSpan) -> ByteSpan {
        guard let pieces else { return s }
        let a = s.start >= normalizedCount ? originalCount : start(Swift.max(0, s.start), pieces)
        if s.end <= s.start { return ByteSpan(a, a) }
        let b = s.end - 1 >= normalizedCount ? originalCount : end(s.end - 1, pieces)
        return ByteSpan(a, Swift.max(a, b))
    }

    /// The piece holding normalised byte k.
    private func piece(_ k: Int, _ pieces: [Piece]) -> Int {
        // The answer is the last piece starting at or before k (or 0): between those of k's bucket
        // and of the next one (the count is non-decreasing in k).
        let b = k >> OffsetMap.bucketBits
        var lo = 0, hi = pieces.count - 1
        if b < buckets.count {
            lo = Int(buckets[b])
            if b + 1 < buckets.count { hi = Int(buckets[b + 1]) }
        } else if !buckets.isEmpty {
            lo = Int(buckets[buckets.count - 1])
        }
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if Int(pieces[mid].normStart) <= k { lo = mid } else { hi = mid - 1 }
        }
        return lo
    }
    private func start(_ k: Int, _ pieces: [Piece]) -> Int {
        let p = pieces[piece(k, pieces)]
        return p.identity ? Int(p.origStart) + (k - Int(p.normStart)) : Int(p.origStart)
    }
    private func end(_ k: Int, _ pieces: [Piece]) -> Int {
        let i = piece(k, pieces)
        let p = pieces[i]
        let last = (i + 1 < pieces.count ? Int(pieces[i + 1].normStart) : normalizedCount) - 1
        return p.identity && k < last ? Int(p.origStart) + (k - Int(p.normStart)) + 1 : Int(p.origEnd)
    }
}

/// Accumulates normalised bytes and the pieces of their offset map.
struct MapBuilder {
    var out: [UInt8] = []
    var pieces: [OffsetMap.Piece] = []
    var runStart = 0  // original offset where the pending unchanged run starts

    /// Copies the unchanged original bytes runStart ..< upTo.
    mutating func flush(_ original: [UInt8], upTo: Int) {
        guard upTo > runStart else { return }
        pieces.append(.init(normStart: Int32(out.count), origStart: Int32(runStart), origEnd: Int32(upTo), identity: true))
        out.append(contentsOf: original[runStart ..< upTo])
        runStart = upTo
    }
    /// Original bytes from ..< to become `bytes`.
    mutating func replace(_ original: [UInt8], _ from: Int, _ to: Int, with bytes: [UInt8]) {
        flush(original, upTo: from)
        pieces.append(.init(normStart: Int32(out.count), origStart: Int32(from), origEnd: Int32(to), identity: false))
        out.append(contentsOf: bytes)
        runStart = to
    }
    /// Whether the character before original offset i (pending or already written) is visible.
    func lastIsVisible(_ original: [UInt8], before i: Int) -> Bool {
        let b: UInt8
        if i > runStart { b = original[i - 1] } else if let last = out.last { b = last } else { return false }
        return b != 0x20 && b != 0x0A && b != 0x09
    }

    /// Original bytes from ..< to are dropped; the character before them absorbs them.
    mutating func drop(_ original: [UInt8], _ from: Int, _ to: Int) {
        flush(original, upTo: from)
        if !pieces.isEmpty { pieces[pieces.count - 1].origEnd = Swift.max(pieces[pieces.count - 1].origEnd, Int32(to)) }
        runStart = to
    }
}

/// Text ready for segmentation, with its map to the original.
public struct NormalizedText: Sendable {
    public let bytes: [UInt8]
    public let map: OffsetMap
}

public struct NormalizationOptions: Sendable, Hashable {
    /// Join words hyphenated across a line break ("juris-\nprudence" → "jurisprudence").
    public var joinLineBreakHyphenation = true
    public init(joinLineBreakHyphenation: Bool = true) { self.joinLineBreakHyphenation = joinLineBreakHyphenation }
}

public enum Normalizer {
    /// Normalises valid UTF-8 `original`.
    public static func normalize(_ original: [UInt8], options: NormalizationOptions = .init()) -> NormalizedText {
        if !needsWork(original) {
            return NormalizedText(bytes: original, map: OffsetMap(identityOf: original.count))
        }
        var m = MapBuilder()
        m.out.reserveCapacity(original.count)
        let n = original.count
        var i = 0
        while i < n {
            // Plain ASCII (printable but the hyphen, tab, line feed) followed by ASCII is copied as
            // it is: skip such runs over the raw bytes (no bounds check per byte). The last byte
            // of a run, whose successor may be a combining mark, takes the path below.
            let run = original.withUnsafeBufferPointer { p -> Int in
                var k = i
                // Eight bytes at a time while none is non-ASCII, a control, DEL or '-' (tab and line
                // feed, rarer, leave it to the byte loop) and the byte after them is ASCII.
                if k + 9 <= n {
                    let raw = UnsafeRawPointer(p.baseAddress!)
                    repeat {
                        let x = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: k, as: UInt64.self))
                        let bad = nonPlainASCIIBytes(x)
                        // To the byte before the first offending one (whose successor may not be
                        // ASCII): the bytes up to there pass the test below.
                        guard bad == 0 else { k += Swift.max((bad.trailingZeroBitCount >> 3) - 1, 0); break }
                        guard p[k + 8] < 0x80 else { k += 7; break }
                        k += 8
                    } while k + 9 <= n
                }
                while k + 1 < n {
                    let c = p[k]
                    guard (c >= 0x20 && c < 0x7F && c != 0x2D) || c == 0x0A || c == 0x09, p[k + 1] < 0x80 else { break }
                    k += 1
                }
                return k
            }
            if run > i { i = run; continue }
            let b = original[i]
            if b < 0x80 {
                if b >= 0x20 && b != 0x7F && b != 0x2D || b == 0x0A || b == 0x09 {
                    // An ASCII letter followed by combining marks ("e\u{301}"): compose it with NFC.
                    if i + 1 < n, original[i + 1] >= 0x80 {
                        let clusterEnd = combiningEnd(original, i + 1)
                        if clusterEnd > i + 1 {
                            m.replace(original, i, clusterEnd, with: nfc(original[i ..< clusterEnd]))
                            i = clusterEnd
                            continue
                        }
                    }
                    i += 1
                    continue
                }
                if b == 0x0D {  // CR LF → LF, lone CR → LF
                    let to = (i + 1 < n && original[i + 1] == 0x0A) ? i + 2 : i + 1
                    m.replace(original, i, to, with: [0x0A]); i = to; continue
                }
                if b == 0x2D {
                    if options.joinLineBreakHyphenation, let after = hyphenationJoin(original, i) {
                        // Drop "-\n" (and indentation) between two lower-case letters.
                        m.drop(original, i, after); i = after; continue
                    }
                    i += 1
                    continue
                }
                // Other control characters and DEL → space.
                m.replace(original, i, i + 1, with: [0x20]); i += 1
                continue
            }
            let (cp, len) = decode(original, i)
            // A base character followed by combining marks: compose the cluster with NFC.
            let clusterEnd = combiningEnd(original, i + len)
            if clusterEnd > i + len {
                m.replace(original, i, clusterEnd, with: nfc(original[i ..< clusterEnd]))
                i = clusterEnd
                continue
            }
            switch cp {
            case 0x00A0, 0x202F, 0x2007, 0x2000 ... 0x200A, 0x205F, 0x3000, 0x1680:
                m.replace(original, i, i + len, with: [0x20])
            case 0x2028, 0x2029, 0x0085:
                m.replace(original, i, i + len, with: [0x0A])
            case 0x00AD, 0x200B, 0xFEFF, 0x2060, 0x180E:
                // Invisible: drop it, and let the previous character's span absorb it. After a
                // space or at the start there is no character to absorb it: keep it, so that no
                // original character is lost from the tokens.
                if m.lastIsVisible(original, before: i) { m.drop(original, i, i + len) }
            case 0x2019, 0x02BC:
                m.replace(original, i, i + len, with: [0x27])
            case 0x80 ... 0x9F:
                m.replace(original, i, i + len, with: [0x20])
            default:
                break
            }
            i += len
        }
        m.flush(original, upTo: n)
        return NormalizedText(bytes: m.out, map: OffsetMap(pieces: m.pieces, normalizedCount: m.out.count, originalCount: n))
    }

    /// The end of the run of combining marks (canonical combining class > 0) starting at `i`.
    static func combiningEnd(_ s: [UInt8], _ i: Int) -> Int {
        var k = i
        while k < s.count, s[k] >= 0x80 {
            let (c, l) = decode(s, k)
            if utf8proc_get_property(Int32(bitPattern: c)).pointee.combining_class == 0 { break }
            k += l
        }
        return k
    }

    /// True when some byte sequence of `s` is changed by normalisation.
    static func needsWork(_ s: [UInt8]) -> Bool {
        for b in s where b >= 0x80 || (b < 0x20 && b != 0x0A && b != 0x09) || b == 0x7F { return true }
        // Hyphenation across line breaks is rare: look for "-\n".
        var prev: UInt8 = 0
        for b in s { if b == 0x0A && prev == 0x2D { return true }; prev = b }
        return false
    }

    /// If `s[i]` is a hyphen ending a line and joining two lower-case word halves, the index just
    /// past the line break and indentation.
    static func hyphenationJoin(_ s: [UInt8], _ i: Int) -> Int? {
        guard i > 0, i + 2 < s.count, s[i + 1] == 0x0A else { return nil }
        guard isLowerLetterEnding(s, at: i) else { return nil }
        var j = i + 2
        while j < s.count, s[j] == 0x20 || s[j] == 0x09 { j += 1 }
        guard j < s.count, s[j] != 0x0A else { return nil }
        let (cp, _) = decode(s, j)
        guard isLowercaseLetter(cp) else { return nil }
        return j
    }

    static func isLowerLetterEnding(_ s: [UInt8], at i: Int) -> Bool {
        var k = i - 1
        while k > 0, s[k] & 0xC0 == 0x80 { k -= 1 }
        let (cp, _) = decode(s, k)
        return isLowercaseLetter(cp)
    }

    static func isLowercaseLetter(_ cp: UInt32) -> Bool {
        utf8proc_category(Int32(bitPattern: cp)) == UTF8PROC_CATEGORY_LL
    }

    static func nfc(_ s: ArraySlice<UInt8>) -> [UInt8] {
        mapUTF8(s, options: UTF8PROC_STABLE.rawValue | UTF8PROC_COMPOSE.rawValue) ?? Array(s)
    }
}

/// The high bit of the bytes of x (little-endian) that are not in 0x20 ..< 0x7F or are '-': each
/// test below flags the lowest offending byte exactly (a borrow runs only above a byte that
/// offends), so none is missed and the lowest flag is exact; flags above it may be spurious.
@inline(__always) func nonPlainASCIIBytes(_ x: UInt64) -> UInt64 {
    let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
    @inline(__always) func zeroBytes(_ v: UInt64) -> UInt64 { (v &- ones) & ~v & highs }
    let below20 = (x &- 0x20 &* ones) & ~x & highs
    return (x & highs) | below20 | zeroBytes(x ^ (0x7F &* ones)) | zeroBytes(x ^ (0x2D &* ones))
}

/// Decodes the code point at `i` of valid UTF-8 `s` and its length in bytes.
@inline(__always) public func decode(_ s: [UInt8], _ i: Int) -> (UInt32, Int) {
    let b0 = UInt32(s[i])
    if b0 < 0x80 { return (b0, 1) }
    let n = s.count
    if b0 >= 0xF0, i + 3 < n {
        return (((b0 & 0x07) << 18) | ((UInt32(s[i + 1]) & 0x3F) << 12) | ((UInt32(s[i + 2]) & 0x3F) << 6) | (UInt32(s[i + 3]) & 0x3F), 4)
    }
    if b0 >= 0xE0, i + 2 < n {
        return (((b0 & 0x0F) << 12) | ((UInt32(s[i + 1]) & 0x3F) << 6) | (UInt32(s[i + 2]) & 0x3F), 3)
    }
    if b0 >= 0xC0, i + 1 < n {
        return (((b0 & 0x1F) << 6) | (UInt32(s[i + 1]) & 0x3F), 2)
    }
    return (0xFFFD, 1)
}

/// Runs utf8proc_map over UTF-8 bytes; nil if utf8proc reports an error.
func mapUTF8(_ s: some Collection<UInt8>, options: UInt32) -> [UInt8]? {
    let bytes = Array(s)
    var result: UnsafeMutablePointer<UInt8>? = nil
    let len = bytes.withUnsafeBufferPointer { buf in
        utf8proc_map(buf.baseAddress, buf.count, &result, utf8proc_option_t(rawValue: options))
    }
    guard len >= 0, let result else { return nil }
    defer { free(result) }
    return Array(UnsafeBufferPointer(start: result, count: len))
}
