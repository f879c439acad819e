// RiposteICU: thin, typed Swift wrappers over the system ICU C API.
// Requires: libicu (through CICU's version-independent shims). Provides: word and sentence
// boundaries over UTF-8 bytes, charset detection, and conversion of legacy encodings to UTF-8.
// CICU hides ICU's headers behind plain C types, so this module (and its clients) may import
// Foundation without the clash between the system ICU and Foundation's bundled copy.
internal import CICU

/// An ICU failure, with ICU's own error name (e.g. "U_INVALID_CHAR_FOUND").
public struct ICUError: Error, CustomStringConvertible, Sendable {
    public let code: Int32
    public let name: String
    public var description: String { "ICU error \(name) (\(code))" }
    init(_ status: Int32) {
        code = status
        name = String(cString: riposte_u_errorName(status))
    }
}

@inline(__always) private func failed(_ s: Int32) -> Bool { s > 0 }

/// The ICU version linked at run time, e.g. "72.1".
public func icuVersion() -> String {
    var info: (UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0)
    withUnsafeMutableBytes(of: &info) { raw in
        riposte_u_getVersion(raw.baseAddress!.assumingMemoryBound(to: UInt8.self))
    }
    return "\(info.0).\(info.1)"
}

/// The kind of a boundary ICU's word iterator reports for the segment that ends there.
/// The raw values are the codes `markSegments` writes.
public enum WordStatus: UInt8, Sendable {
    case none = 0, number, letter, kana, ideo
    init(_ raw: Int32) {
        switch raw {
        case 0 ..< 100: self = .none
        case 100 ..< 200: self = .number
        case 200 ..< 300: self = .letter
        case 300 ..< 400: self = .kana
        default: self = .ideo
        }
    }
}

/// A reusable ICU break iterator (word or sentence) over UTF-8 text.
/// Not thread-safe: make one per thread. Offsets are UTF-8 byte offsets into the buffer given.
public final class BreakIterator {
    public enum Kind: Sendable { case word, sentence }
    private let iterator: OpaquePointer
    public let kind: Kind
    /// A word iterator's memo of the segments of printable ASCII chunks (see `markSegments`).
    private let memo: OpaquePointer?

    public init(kind: Kind, locale: String) throws {
        var status: Int32 = 0
        let type: Int32 = kind == .word ? riposte_ubrk_word_type() : riposte_ubrk_sentence_type()
        guard let it = locale.withCString({ riposte_ubrk_open(type, $0, &status) }), !failed(status) else {
            throw ICUError(status)
        }
        iterator = it
        self.kind = kind
        memo = kind == .word ? riposte_word_memo_new() : nil
    }

    deinit {
        riposte_ubrk_close(iterator)
        if let memo { riposte_word_memo_free(memo) }
    }

    /// Points the iterator at `bytes` (valid UTF-8, read in place through a UTF-8 UText: no
    /// conversion to UTF-16) and calls `body` with it; the UText is closed afterwards.
    private func withText<R>(_ bytes: UnsafeBufferPointer<UInt8>, _ body: () throws -> R) throws -> R {
        var status: Int32 = 0
        let ut = bytes.baseAddress!.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
            riposte_utext_openUTF8($0, Int64(bytes.count), &status)
        }
        guard let ut, !failed(status) else { throw ICUError(status) }
        defer { _ = riposte_utext_close(ut) }
        riposte_ubrk_setUText(iterator, ut, &status)
        if failed(status) { throw ICUError(status) }
        return try body()
    }

    /// Calls `body(start, end, status)` for each segment of `bytes`, in order.
    /// The bytes must be valid UTF-8.
    public func forEachSegment(_ bytes: UnsafeBufferPointer<UInt8>, _ body: (Int, Int, WordStatus) -> Void) throws {
        guard bytes.baseAddress != nil, bytes.count > 0 else { return }
        try withText(bytes) {
            var start = Int(riposte_ubrk_first(iterator))
            while true {
                let end = Int(riposte_ubrk_next(iterator))
                if end < 0 { break }  // UBRK_DONE
                body(start, end, kind == .word ? WordStatus(riposte_ubrk_getRuleStatus(iterator)) : .none)
                start = end
            }
        }
    }

    /// Marks every byte of `bytes` with the segment it belongs to, for random access without a
    /// closure per segment: `marks[i]` is the `WordStatus` raw value of the segment holding byte
    /// i, plus `segmentStart` (0x80) when a segment starts at i. `marks` must hold
    /// `bytes.count + 1` bytes; the last one (the end of the text) is `segmentStart`.
    /// For a sentence iterator every status is `.none`: only the starts matter.
    ///
    /// A word iterator runs ICU only over the chunks of the text (runs of bytes other than space and
    /// line feed) it cannot mark directly (ASCII words, Latin words and numbers between marks) nor
    /// from its memo of printable ASCII chunks, each with its neighbours: such a chunk's marks
    /// depend on its bytes only (see `riposte_ubrk_mark_segments_memo`). `memoized: false` runs
    /// ICU over the whole text.
    public func markSegments(_ bytes: UnsafeBufferPointer<UInt8>, into marks: UnsafeMutableBufferPointer<UInt8>,
                             memoized: Bool = true) throws {
        precondition(marks.count >= bytes.count + 1, "marks must hold one byte more than the text")
        marks[bytes.count] = BreakIterator.segmentStart
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        if memoized, let memo {
            var status: Int32 = 0
            if riposte_ubrk_mark_segments_memo(iterator, memo, base, Int32(bytes.count), marks.baseAddress!, &status) == 0 { return }
            if failed(status) { throw ICUError(status) }
            // Out of memory for the compact text: the whole text, as below.
        }
        try withText(bytes) {
            riposte_ubrk_mark_segments(iterator, bytes.baseAddress!, marks.baseAddress!, kind == .word ? 1 : 0)
        }
    }

    /// The bit `markSegments` sets on the first byte of each segment.
    public static let segmentStart: UInt8 = 0x80

    /// Appends the boundaries (segment ends, the text's end included) of `bytes` to `out`.
    /// With `afterTerminatorOnly`, a sentence iterator keeps only the boundaries that follow a
    /// sentence terminator (. ? ! 。 ！ ？ । ؟ …, rule status UBRK_SENTENCE_TERM), not those made
    /// by a line or paragraph separator alone (UBRK_SENTENCE_SEP).
    public func appendBoundaries(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout [Int], afterTerminatorOnly: Bool = false) throws {
        guard bytes.baseAddress != nil, bytes.count > 0 else { return }
        let filter = afterTerminatorOnly && kind == .sentence
        try withText(bytes) {
            // The loop in C (one call per text); a text with more boundaries than the buffer
            // holds (a word iterator, a pathological text) takes the loop below.
            let capacity = bytes.count / 8 + 64
            let done = withUnsafeTemporaryAllocation(of: Int32.self, capacity: capacity) { buf -> Bool in
                let n = riposte_ubrk_term_boundaries(iterator, buf.baseAddress!, Int32(capacity), filter ? 1 : 0)
                guard n >= 0 else { return false }
                out.reserveCapacity(out.count + Int(n))
                for k in 0 ..< Int(n) { out.append(Int(buf[k])) }
                return true
            }
            if done { return }
            _ = riposte_ubrk_first(iterator)
            while true {
                let end = Int(riposte_ubrk_next(iterator))
                if end < 0 { break }  // UBRK_DONE
                // UBRK_SENTENCE_TERM is 0 ..< 100, UBRK_SENTENCE_SEP 100 ..< 200.
                if filter, riposte_ubrk_getRuleStatus(iterator) >= 100 { continue }
                out.append(end)
            }
        }
    }

    /// Appends the boundaries that follow a sentence terminator, exactly those of
    /// `appendBoundaries(bytes, to: &out, afterTerminatorOnly: true)`, but with the iterator run
    /// over small windows around the terminators rather than over the whole text (a third of the
    /// cost): see `riposte_sentence_term_boundaries` for why the windows see the same boundaries.
    /// A sentence iterator only.
    public func appendTerminatorBoundaries(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout [Int]) throws {
        precondition(kind == .sentence, "terminator boundaries need a sentence iterator")
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        var capacity = bytes.count / 8 + 64
        while true {
            var status: Int32 = 0
            let done = withUnsafeTemporaryAllocation(of: Int32.self, capacity: capacity) { buf -> Bool in
                let n = riposte_sentence_term_boundaries(iterator, base, Int32(bytes.count), buf.baseAddress!, Int32(capacity), &status)
                guard n >= 0 else { return false }
                out.reserveCapacity(out.count + Int(n))
                for k in 0 ..< Int(n) { out.append(Int(buf[k])) }
                return true
            }
            if failed(status) { throw ICUError(status) }
            if done { return }
            capacity = bytes.count + 1  // more than any text has
        }
    }

    /// All boundaries (segment ends) of `bytes`.
    public func boundaries(_ bytes: [UInt8]) throws -> [Int] {
        var out: [Int] = []
        try bytes.withUnsafeBufferPointer { try appendBoundaries($0, to: &out) }
        return out
    }
}

/// One guess of ICU's charset detector.
public struct CharsetGuess: Sendable, Hashable {
    public let name: String        // e.g. "UTF-8", "ISO-8859-1", "windows-1252"
    public let confidence: Int     // 0 ... 100
    public let language: String    // e.g. "fr", may be empty
    public init(name: String, confidence: Int, language: String) {
        self.name = name; self.confidence = confidence; self.language = language
    }
}

public enum Charset {
    /// ICU's guesses for `bytes`, best first. Only the first 64 KiB are examined.
    public static func detect(_ bytes: [UInt8], declared: String? = nil) throws -> [CharsetGuess] {
        var status: Int32 = 0
        guard let det = riposte_ucsdet_open(&status), !failed(status) else { throw ICUError(status) }
        defer { riposte_ucsdet_close(det) }
        let n = min(bytes.count, 1 << 16)
        return try bytes.withUnsafeBufferPointer { buf -> [CharsetGuess] in
            try buf.baseAddress!.withMemoryRebound(to: CChar.self, capacity: max(n, 1)) { p -> [CharsetGuess] in
                riposte_ucsdet_setText(det, p, Int32(n), &status)
                if failed(status) { throw ICUError(status) }
                if let declared {
                    declared.withCString { riposte_ucsdet_setDeclaredEncoding(det, $0, Int32(declared.utf8.count), &status) }
                }
                var found: Int32 = 0
                guard let matches = riposte_ucsdet_detectAll(det, &found, &status), !failed(status) else {
                    if failed(status) { throw ICUError(status) }
                    return []
                }
                var out: [CharsetGuess] = []
                for i in 0 ..< Int(found) {
                    guard let m = matches[i] else { continue }
                    var s: Int32 = 0
                    let name = String(cString: riposte_ucsdet_getName(m, &s))
                    let conf = Int(riposte_ucsdet_getConfidence(m, &s))
                    let lang = riposte_ucsdet_getLanguage(m, &s).map { String(cString: $0) } ?? ""
                    if !failed(s) { out.append(CharsetGuess(name: name, confidence: conf, language: lang)) }
                }
                return out
            }
        }
    }

    /// Converts `bytes` from the named encoding to UTF-8. Unmappable bytes become U+FFFD.
    public static func convertToUTF8(_ bytes: [UInt8], from encoding: String) throws -> [UInt8] {
        if bytes.isEmpty { return [] }
        var capacity = bytes.count * 3 + 16
        while true {
            var status: Int32 = 0
            var out = [UInt8](repeating: 0, count: capacity)
            let written = out.withUnsafeMutableBufferPointer { o in
                bytes.withUnsafeBufferPointer { i in
                    o.baseAddress!.withMemoryRebound(to: CChar.self, capacity: capacity) { op in
                        i.baseAddress!.withMemoryRebound(to: CChar.self, capacity: bytes.count) { ip in
                            riposte_ucnv_convert("UTF-8", encoding, op, Int32(capacity), ip, Int32(bytes.count), &status)
                        }
                    }
                }
            }
            if status == riposte_u_buffer_overflow_error() { capacity = Int(written) + 16; continue }
            if failed(status) { throw ICUError(status) }
            out.removeSubrange(Int(written)...)
            return out
        }
    }
}
