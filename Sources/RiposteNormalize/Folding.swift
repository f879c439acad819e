import CUTF8Proc
import RiposteText

/// Case and accent folding for lexicon keys: "Démenti" → lower "démenti", fold "dementi";
/// "Œuvre" → "oeuvre"; typographic apostrophes → '.
public enum Folding {
    /// `keys` for a buffer (the tokenizer's case): a concrete entry point, so that the generic
    /// implementation is specialised inside this module rather than run generically.
    public static func keys(_ bytes: UnsafeBufferPointer<UInt8>) -> (lower: String, fold: String) {
        keysOf(bytes)
    }

    /// `keys` and `foldKey(fold)` of a token's bytes. A pure-ASCII token (most of them) is lowered,
    /// checked and hashed in one pass, and its one String serves as both keys.
    public static func keysAndKey(_ bytes: UnsafeBufferPointer<UInt8>) -> (lower: String, fold: String, key: UInt64) {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        var high: UInt8 = 0
        let s = String(unsafeUninitializedCapacity: bytes.count) { buf in
            // Local accumulators, stored once at the end: the captured variables live in memory,
            // and updating them per byte put a store and a load in the hash's dependency chain.
            var hh = h, hi: UInt8 = 0
            for k in 0 ..< bytes.count {
                let b = bytes[k]
                hi |= b
                let c = b >= 0x41 && b <= 0x5A ? b | 0x20 : b
                buf[k] = c
                hh = (hh ^ UInt64(c)) &* 0x100_0000_01b3
            }
            h = hh; high = hi
            // Non-ASCII: the bytes written are still valid UTF-8 (only ASCII letters changed),
            // but the keys come from the paths below.
            return high < 0x80 ? bytes.count : 0
        }
        if high < 0x80 { return (s, s, h) }
        if let fast = latinKeysAndKey(bytes) { return fast }
        let (lower, fold) = utf8procKeys(bytes)
        return (lower, fold, foldKey(fold))
    }

    /// Lower case (accents kept) and folded (accents stripped) forms of a token's bytes.
    public static func keys<C: Collection>(_ bytes: C) -> (lower: String, fold: String) where C.Element == UInt8 {
        keysOf(bytes)
    }

    static func keysOf<C: Collection>(_ bytes: C) -> (lower: String, fold: String) where C.Element == UInt8 {
        var ascii = true
        for b in bytes where b >= 0x80 { ascii = false; break }
        if ascii {
            // Built in place: no intermediate array (short keys are stored inline in the String).
            let s = String(unsafeUninitializedCapacity: bytes.count) { buf in
                var k = 0
                for b in bytes { buf[k] = b >= 0x41 && b <= 0x5A ? b | 0x20 : b; k += 1 }
                return k
            }
            return (s, s)
        }
        if let fast = latinKeys(bytes) { return fast }
        return utf8procKeys(bytes)
    }

    /// The general path: utf8proc case folding, then mark stripping and compatibility mapping.
    static func utf8procKeys<C: Collection>(_ bytes: C) -> (lower: String, fold: String) where C.Element == UInt8 {
        var lowerBytes = mapUTF8(bytes, options: UTF8PROC_STABLE.rawValue | UTF8PROC_COMPOSE.rawValue | UTF8PROC_CASEFOLD.rawValue) ?? Array(bytes)
        var foldBytes = mapUTF8(lowerBytes, options: UTF8PROC_STABLE.rawValue | UTF8PROC_COMPOSE.rawValue | UTF8PROC_STRIPMARK.rawValue | UTF8PROC_COMPAT.rawValue) ?? lowerBytes
        // ’ (E2 80 99) and ʼ (CA BC) → '; œ (C5 93) → oe and æ (C3 A6) → ae in the folded key.
        lowerBytes = replacingApostrophes(lowerBytes)
        foldBytes = replacingLigatures(replacingApostrophes(foldBytes))
        return (String(decoding: lowerBytes, as: UTF8.self), String(decoding: foldBytes, as: UTF8.self))
    }

    /// The keys of text whose only non-ASCII characters are common Latin-1 letters, French
    /// punctuation and symbols, computed without utf8proc; nil for anything else. Gives exactly
    /// what the utf8proc path gives for those characters.
    static func latinKeys<C: Collection>(_ bytes: C) -> (lower: String, fold: String)? where C.Element == UInt8 {
        guard let (lower, fold, _) = latinKeysAndKey(bytes) else { return nil }
        return (lower, fold)
    }

    /// `latinKeys` with `foldKey` of the folded bytes.
    static func latinKeysAndKey<C: Collection>(_ bytes: C) -> (lower: String, fold: String, key: UInt64)? where C.Element == UInt8 {
        let n = bytes.count
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 2 * n + 8) { buf -> (String, String, UInt64)? in
            let lower = UnsafeMutableBufferPointer(rebasing: buf[0 ..< n])
            let fold = UnsafeMutableBufferPointer(rebasing: buf[n ..< 2 * n + 8])
            var l = 0, f = 0
            var it = bytes.makeIterator()
            while let b = it.next() {
                if b < 0x80 {
                    let c = b >= 0x41 && b <= 0x5A ? b | 0x20 : b
                    lower[l] = c; l += 1; fold[f] = c; f += 1
                    continue
                }
                guard let b1 = it.next() else { return nil }
                switch b {
                case 0xC3:
                    var cp = 0xC0 + UInt32(b1 & 0x3F)
                    if cp == 0xD7 || cp == 0xDF || cp == 0xF7 { return nil }  // × ß ÷
                    if cp < 0xDF { cp += 0x20 }
                    lower[l] = 0xC3; lower[l + 1] = 0x80 | UInt8(cp & 0x3F); l += 2
                    let base: UInt8
                    switch cp {
                    case 0xE0 ... 0xE5: base = 0x61
                    case 0xE6: fold[f] = 0x61; f += 1; base = 0x65  // æ → ae
                    case 0xE7: base = 0x63
                    case 0xE8 ... 0xEB: base = 0x65
                    case 0xEC ... 0xEF: base = 0x69
                    case 0xF1: base = 0x6E
                    case 0xF2 ... 0xF6: base = 0x6F
                    case 0xF9 ... 0xFC: base = 0x75
                    case 0xFD, 0xFF: base = 0x79
                    default: return nil  // ð ø þ: no decomposition, leave them to utf8proc
                    }
                    fold[f] = base; f += 1
                case 0xC5 where b1 == 0x92 || b1 == 0x93:  // Œ œ
                    lower[l] = 0xC5; lower[l + 1] = 0x93; l += 2
                    fold[f] = 0x6F; fold[f + 1] = 0x65; f += 2
                case 0xC2 where b1 == 0xA7 || b1 == 0xAB || b1 == 0xBB || b1 == 0xB0:  // § « » °
                    lower[l] = b; lower[l + 1] = b1; l += 2
                    fold[f] = b; fold[f + 1] = b1; f += 2
                case 0xE2:
                    guard let b2 = it.next() else { return nil }
                    if b1 == 0x80, b2 == 0xA6 {  // … folds to "..." (compatibility decomposition)
                        lower[l] = b; lower[l + 1] = b1; lower[l + 2] = b2; l += 3
                        fold[f] = 0x2E; fold[f + 1] = 0x2E; fold[f + 2] = 0x2E; f += 3
                        continue
                    }
                    // – — ‘ “ ” • €: unchanged by case folding and compatibility mapping.
                    guard (b1 == 0x80 && [0x93, 0x94, 0x98, 0x9C, 0x9D, 0xA2].contains(b2)) || (b1 == 0x82 && b2 == 0xAC) else { return nil }
                    lower[l] = b; lower[l + 1] = b1; lower[l + 2] = b2; l += 3
                    fold[f] = b; fold[f + 1] = b1; fold[f + 2] = b2; f += 3
                default:
                    return nil
                }
            }
            let folded = UnsafeBufferPointer(rebasing: fold[0 ..< f])
            return (String(decoding: UnsafeBufferPointer(rebasing: lower[0 ..< l]), as: UTF8.self),
                    String(decoding: folded, as: UTF8.self), foldKey(folded))
        }
    }

    static func replacingApostrophes(_ b: [UInt8]) -> [UInt8] {
        guard b.contains(0xE2) || b.contains(0xCA) else { return b }
        var out: [UInt8] = []
        out.reserveCapacity(b.count)
        var i = 0
        while i < b.count {
            if b[i] == 0xE2, i + 2 < b.count, b[i + 1] == 0x80, b[i + 2] == 0x99 { out.append(0x27); i += 3; continue }
            if b[i] == 0xCA, i + 1 < b.count, b[i + 1] == 0xBC { out.append(0x27); i += 2; continue }
            out.append(b[i]); i += 1
        }
        return out
    }

    static func replacingLigatures(_ b: [UInt8]) -> [UInt8] {
        guard b.contains(0xC5) || b.contains(0xC3) else { return b }
        var out: [UInt8] = []
        out.reserveCapacity(b.count + 2)
        var i = 0
        while i < b.count {
            if b[i] == 0xC5, i + 1 < b.count, b[i + 1] == 0x93 { out.append(0x6F); out.append(0x65); i += 2; continue }
            if b[i] == 0xC3, i + 1 < b.count, b[i + 1] == 0xA6 { out.append(0x61); out.append(0x65); i += 2; continue }
            out.append(b[i]); i += 1
        }
        return out
    }

    /// The folded key of a string (for lexicon entries): lower case, no accents, ' apostrophes.
    /// Over the string's own UTF-8 (no Array copy of its bytes per call: the records stage folds
    /// words of every party name and sentence it looks at).
    public static func fold(_ s: String) -> String {
        var s = s
        return s.withUTF8 { keys($0).fold }
    }
    public static func lower(_ s: String) -> String {
        var s = s
        return s.withUTF8 { keys($0).lower }
    }

    /// True if the code point is an upper-case or title-case letter.
    public static func isUppercase(_ cp: UInt32) -> Bool {
        if cp < 0x80 { return cp >= 0x41 && cp <= 0x5A }  // utf8proc's answer, without the table lookup
        let c = utf8proc_category(Int32(bitPattern: cp))
        return c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT
    }
    /// True if the code point is a letter.
    public static func isLetter(_ cp: UInt32) -> Bool {
        if cp < 0x80 { return (cp | 0x20) >= 0x61 && (cp | 0x20) <= 0x7A }
        let c = utf8proc_category(Int32(bitPattern: cp)).rawValue
        return c >= UTF8PROC_CATEGORY_LU.rawValue && c <= UTF8PROC_CATEGORY_LO.rawValue
    }
    /// True for combining marks.
    public static func isMark(_ cp: UInt32) -> Bool {
        let c = utf8proc_category(Int32(bitPattern: cp)).rawValue
        return c >= UTF8PROC_CATEGORY_MN.rawValue && c <= UTF8PROC_CATEGORY_ME.rawValue
    }
}
