import CUTF8Proc
import RiposteText

/// Case and accent folding for lexicon keys: "Démenti" → lower "démenti", fold "dementi";
/// "Œuvre" → "oeuvre"; typographic apostrophes → '.
public enum Folding {
    /// Lower case (accents kept) and folded (accents stripped) forms of a token's bytes.
    public static func keys<C: Collection>(_ bytes: C) -> (lower: String, fold: String) where C.Element == UInt8 {
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
        var lowerBytes = mapUTF8(bytes, options: UTF8PROC_STABLE.rawValue | UTF8PROC_COMPOSE.rawValue | UTF8PROC_CASEFOLD.rawValue) ?? Array(bytes)
        var foldBytes = mapUTF8(lowerBytes, options: UTF8PROC_STABLE.rawValue | UTF8PROC_COMPOSE.rawValue | UTF8PROC_STRIPMARK.rawValue | UTF8PROC_COMPAT.rawValue) ?? lowerBytes
        // ’ (E2 80 99) and ʼ (CA BC) → '; œ (C5 93) → oe and æ (C3 A6) → ae in the folded key.
        lowerBytes = replacingApostrophes(lowerBytes)
        foldBytes = replacingLigatures(replacingApostrophes(foldBytes))
        return (String(decoding: lowerBytes, as: UTF8.self), String(decoding: foldBytes, as: UTF8.self))
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
    public static func fold(_ s: String) -> String { keys(Array(s.utf8)).fold }
    public static func lower(_ s: String) -> String { keys(Array(s.utf8)).lower }

    /// True if the code point is an upper-case or title-case letter.
    public static func isUppercase(_ cp: UInt32) -> Bool {
        let c = utf8proc_category(Int32(bitPattern: cp))
        return c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT
    }
    /// True if the code point is a letter.
    public static func isLetter(_ cp: UInt32) -> Bool {
        let c = utf8proc_category(Int32(bitPattern: cp)).rawValue
        return c >= UTF8PROC_CATEGORY_LU.rawValue && c <= UTF8PROC_CATEGORY_LO.rawValue
    }
    /// True for combining marks.
    public static func isMark(_ cp: UInt32) -> Bool {
        let c = utf8proc_category(Int32(bitPattern: cp)).rawValue
        return c >= UTF8PROC_CATEGORY_MN.rawValue && c <= UTF8PROC_CATEGORY_ME.rawValue
    }
}
