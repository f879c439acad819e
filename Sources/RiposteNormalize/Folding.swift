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
            var lower = [UInt8](); lower.reserveCapacity(bytes.count)
            for b in bytes { lower.append(b >= 0x41 && b <= 0x5A ? b | 0x20 : b) }
            let s = String(decoding: lower, as: UTF8.self)
            return (s, s)
        }
        let lowerBytes = mapUTF8(bytes, options: UTF8PROC_STABLE.rawValue | UTF8PROC_COMPOSE.rawValue | UTF8PROC_CASEFOLD.rawValue) ?? Array(bytes)
        let foldBytes = mapUTF8(lowerBytes, options: UTF8PROC_STABLE.rawValue | UTF8PROC_COMPOSE.rawValue | UTF8PROC_STRIPMARK.rawValue | UTF8PROC_COMPAT.rawValue) ?? lowerBytes
        var lower = String(decoding: lowerBytes, as: UTF8.self)
        var fold = String(decoding: foldBytes, as: UTF8.self)
        if lower.contains("’") || lower.contains("ʼ") {
            lower = lower.replacingAll("’", "'").replacingAll("ʼ", "'")
            fold = fold.replacingAll("’", "'").replacingAll("ʼ", "'")
        }
        if fold.contains("œ") || fold.contains("æ") { fold = fold.replacingAll("œ", "oe").replacingAll("æ", "ae") }
        return (lower, fold)
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

extension String {
    /// Replaces every occurrence of `a` with `b` (Foundation-free).
    func replacingAll(_ a: String, _ b: String) -> String {
        guard !a.isEmpty, contains(a) else { return self }
        var out = ""
        var rest = self[...]
        while let r = rest.range(of: a) {
            out += rest[rest.startIndex ..< r.lowerBound]
            out += b
            rest = rest[r.upperBound...]
        }
        out += rest
        return out
    }
}

extension Substring {
    func range(of needle: String) -> Range<Index>? {
        var i = startIndex
        while i < endIndex {
            if self[i...].hasPrefix(needle) { return i ..< index(i, offsetBy: needle.count) }
            i = index(after: i)
        }
        return nil
    }
}
