// RiposteIngest: bytes in, valid UTF-8 out.
// Requires: raw bytes of a document (file, JSON Lines field, stdin). Provides: `DecodedText`
// (valid UTF-8 plus diagnostics such as the detected encoding) or an `IngestError` with a
// stable code. UTF-8 (with or without BOM), UTF-16/32 with BOM, and legacy 8-bit encodings
// detected by ICU's charset detector (Windows-1252 / ISO-8859-15 press archives).
import RiposteText
import RiposteICU

/// A document that cannot be processed, with a stable machine-readable code.
public struct IngestError: Error, Sendable, Hashable, CustomStringConvertible {
    public let code: String
    public let message: String
    public init(_ code: String, _ message: String) { self.code = code; self.message = message }
    public var description: String { "\(code): \(message)" }

    public static let empty = IngestError("empty", "the document has no text")
    public static func binary(_ why: String) -> IngestError { IngestError("binary", "the input looks binary, not text (\(why))") }
    public static func tooLarge(_ size: Int, _ limit: Int) -> IngestError {
        IngestError("too_large", "the document is \(size) bytes, over the limit of \(limit) bytes (--max-bytes)")
    }
    public static func invalidUTF8(_ offset: Int) -> IngestError {
        IngestError("invalid_utf8", "the text is not valid UTF-8 (first bad byte at offset \(offset))")
    }
}

public struct DecodedText: Sendable {
    public var utf8: [UInt8]
    public var encoding: String
    public var diagnostics: [Diagnostic]
}

public enum TextDecoding {
    /// Index of the first invalid UTF-8 byte, or nil if `bytes` is valid UTF-8.
    public static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int? {
        bytes.withUnsafeBufferPointer { firstInvalidUTF8($0) }
    }

    /// `firstInvalidUTF8` over a buffer (RiposteText's).
    public static func firstInvalidUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        RiposteText.firstInvalidUTF8(bytes)
    }

    /// Whether `bytes` holds a NUL byte, and `firstInvalidUTF8(bytes)`, in one pass: a JSON line is
    /// checked for both before it is parsed, and two passes read every byte twice.
    public static func nulAndFirstInvalidUTF8(_ bytes: [UInt8]) -> (nul: Bool, invalid: Int?) {
        bytes.withUnsafeBufferPointer { buf -> (nul: Bool, invalid: Int?) in
            guard let base = buf.baseAddress else { return (false, nil) }
            let raw = UnsafeRawPointer(base)
            let n = buf.count
            var nul = false
            var i = 0
            while i < n {
                // Eight ASCII bytes without a zero byte at a time.
                while i + 8 <= n {
                    let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                    if (w | ((w &- 0x0101_0101_0101_0101) & ~w)) & 0x8080_8080_8080_8080 != 0 { break }
                    i += 8
                }
                if i >= n { break }
                let b = buf[i]
                if b < 0x80 {
                    if b == 0 { nul = true }
                    i += 1
                    continue
                }
                let len = utf8SequenceLength(buf, at: i)
                if len == 0 {
                    // The rest is only searched for a NUL byte.
                    if !nul { nul = UnsafeBufferPointer(rebasing: buf[i...]).contains(0) }
                    return (nul, i)
                }
                i += len
            }
            return (nul, nil)
        }
    }

    /// Why `bytes` looks binary (NUL bytes, many control characters), or nil.
    public static func binaryReason(_ bytes: [UInt8]) -> String? {
        let count = Swift.min(bytes.count, 8192)
        var controls = 0
        let nul: Bool = bytes.withUnsafeBufferPointer { buf in
            guard let base = buf.baseAddress else { return false }
            let raw = UnsafeRawPointer(base)
            var i = 0
            while i < count {
                // Eight bytes at a time while none is below 0x20 (most text: no control byte at all).
                while i + 8 <= count {
                    let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                    if (w &- 0x2020_2020_2020_2020) & ~w & 0x8080_8080_8080_8080 != 0 { break }
                    i += 8
                }
                let end = Swift.min(i + 8, count)
                while i < end {
                    let b = buf[i]
                    if b == 0 { return true }
                    if b < 0x20 && b != 0x09 && b != 0x0A && b != 0x0D && b != 0x0C { controls += 1 }
                    i += 1
                }
            }
            return false
        }
        if nul { return "NUL byte" }
        if count >= 32 && controls * 10 > count { return "\(controls) control bytes in the first \(count)" }
        return nil
    }

    /// Decodes raw bytes. `strict` refuses anything but UTF-8 (used for JSON Lines strings, which
    /// are UTF-8 by definition); otherwise BOMs and legacy encodings are handled.
    /// `validUTF8`: the caller knows the bytes are valid UTF-8 (a JSON Lines string, checked with its
    /// line), so they are not checked again.
    public static func decode(_ bytes: [UInt8], strict: Bool = false, maxBytes: Int = .max, validUTF8: Bool = false) throws -> DecodedText {
        if bytes.count > maxBytes { throw IngestError.tooLarge(bytes.count, maxBytes) }
        if bytes.isEmpty { throw IngestError.empty }
        var diagnostics: [Diagnostic] = []
        // Byte order marks.
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            var rest = Array(bytes.dropFirst(3))
            if let bad = firstInvalidUTF8(rest) {
                if strict { throw IngestError.invalidUTF8(bad + 3) }
                rest = try convert(rest, from: "UTF-8")
                diagnostics.append(Diagnostic(code: "invalid_utf8_repaired", message: "invalid UTF-8 sequences replaced with U+FFFD"))
            }
            diagnostics.append(Diagnostic(code: "bom_removed", message: "UTF-8 byte order mark removed; offsets count from the character after it"))
            return try finish(DecodedText(utf8: rest, encoding: "UTF-8", diagnostics: diagnostics))
        }
        if !strict {
            for (bom, name) in [([0xFF, 0xFE, 0, 0] as [UInt8], "UTF-32LE"), ([0, 0, 0xFE, 0xFF], "UTF-32BE"),
                                ([0xFF, 0xFE], "UTF-16LE"), ([0xFE, 0xFF], "UTF-16BE")] where bytes.starts(with: bom) {
                let body = Array(bytes.dropFirst(bom.count))
                let utf8 = try convert(body, from: name)
                diagnostics.append(Diagnostic(code: "encoding", message: "decoded from \(name) (byte order mark)"))
                return try finish(DecodedText(utf8: utf8, encoding: name, diagnostics: diagnostics))
            }
        }
        if let reason = binaryReason(bytes) { throw IngestError.binary(reason) }
        if !validUTF8, let bad = firstInvalidUTF8(bytes) {
            if strict { throw IngestError.invalidUTF8(bad) }
            // Not UTF-8: ask ICU which legacy encoding it is.
            let guesses = (try? Charset.detect(bytes)) ?? []
            let (name, why) = legacyEncoding(bytes, guesses: guesses)
            let utf8 = try convert(bytes, from: name)
            diagnostics.append(Diagnostic(code: "encoding", message: "not UTF-8; decoded as \(name) (\(why))"))
            return try finish(DecodedText(utf8: utf8, encoding: name, diagnostics: diagnostics))
        }
        return try finish(DecodedText(utf8: bytes, encoding: "UTF-8", diagnostics: diagnostics))
    }

    /// The legacy encoding of non-UTF-8 `bytes`, and why. Riposte reads French and English, so a
    /// Western encoding wins whenever ICU lists one, or when ICU's best guess is weak or a Latin
    /// neighbour (on short texts ICU ranks ISO-8859-9 first for "Élève", GB18030 for "Ça").
    static func legacyEncoding(_ bytes: [UInt8], guesses: [CharsetGuess]) -> (String, String) {
        let western: Set<String> = ["ISO-8859-1", "windows-1252", "ISO-8859-15"]
        let neighbours: Set<String> = ["ISO-8859-2", "ISO-8859-9", "windows-1250", "windows-1254"]
        let best = guesses.first { !$0.name.hasPrefix("UTF") }
        // A strong guess of another script (Shift_JIS at 100) beats a weak Western one.
        let strongOther = best.map { $0.confidence >= 60 && !western.contains($0.name) && !neighbours.contains($0.name) } ?? false
        if let w = guesses.first(where: { western.contains($0.name) }), !(strongOther && w.confidence + 30 < best!.confidence) {
            return (legacyLatinName(bytes, guess: w.name), "ICU charset detector, confidence \(w.confidence)")
        }
        if let b = best, strongOther {
            return (b.name, "ICU charset detector, confidence \(b.confidence)")
        }
        let name = legacyLatinName(bytes, guess: "windows-1252")
        let note = best.map { "ICU's guess \($0.name), confidence \($0.confidence), is unlikely for French or English text" }
        return (name, note ?? "ICU charset detector had no guess")
    }

    /// ICU's detector cannot tell the Western 8-bit encodings apart (it says ISO-8859-1 for all);
    /// French archives use windows-1252 or ISO-8859-15, which differ where French needs them:
    /// windows-1252 puts ’ “ ” œ € … in 0x80–0x9F, ISO-8859-15 puts € œ Œ at 0xA4 0xBD 0xBC, where
    /// Latin-1/windows-1252 have ¤ ½ ¼, signs that never occur in running French text.
    static func legacyLatinName(_ bytes: [UInt8], guess: String) -> String {
        guard guess == "ISO-8859-1" || guess == "windows-1252" else { return guess }
        var c1 = false, latin9 = false
        for b in bytes {
            if b >= 0x80 && b <= 0x9F { c1 = true; break }
            if b == 0xA4 || b == 0xBC || b == 0xBD { latin9 = true }
        }
        return !c1 && latin9 ? "ISO-8859-15" : "windows-1252"
    }

    private static func finish(_ d: DecodedText) throws -> DecodedText {
        var onlySpace = true
        for b in d.utf8 where !(b == 0x20 || b == 0x0A || b == 0x09 || b == 0x0D) { onlySpace = false; break }
        if onlySpace { throw IngestError.empty }
        return d
    }

    private static func convert(_ bytes: [UInt8], from name: String) throws -> [UInt8] {
        do { return try Charset.convertToUTF8(bytes, from: name) }
        catch { throw IngestError("encoding_error", "cannot decode from \(name): \(error)") }
    }
}
