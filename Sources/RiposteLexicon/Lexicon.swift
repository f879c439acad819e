// RiposteLexicon: language data, loaded from the Lexicons/ directory (never hard-coded in Swift).
// Requires: a Lexicons/ directory (found through RIPOSTE_LEXICONS, next to the executable, or in
// the source checkout). Provides: `LexiconStore` (word lists, TSV tables and verb inflections per
// language), loaded once and shared read-only by every thread.
import Foundation
import RiposteText
import RiposteNormalize

public enum LexiconError: Error, CustomStringConvertible {
    case directoryNotFound([String])
    case unreadable(String)
    public var description: String {
        switch self {
        case .directoryNotFound(let tried): return "Lexicons directory not found (tried: \(tried.joined(separator: ", "))); set RIPOSTE_LEXICONS"
        case .unreadable(let path): return "cannot read lexicon file \(path)"
        }
    }
}

/// One row of a tab-separated lexicon file (comments and blank lines skipped).
public struct LexiconRow: Sendable {
    public let fields: [String]
    public let file: String
    public let line: Int
    public subscript(_ i: Int) -> String { i < fields.count ? fields[i] : "" }
}

/// Inflected verb forms: form (lower case, accents kept) → (lemma, features).
public struct Inflections: Sendable {
    public struct Analysis: Sendable, Hashable {
        public let lemma: String
        public let features: String
    }
    /// form → analyses, and accent-folded form → analyses (see `FormTable`).
    private let byForm: FormTable
    private let byFoldedForm: FormTable
    /// lemma → its forms in file order (a Set is made only when `forms(of:)` asks: hashing every
    /// form into a Set per lemma was a third of the table's start-up cost).
    private var formsByLemma: [String: [String]] = [:]

    public init(rows: [LexiconRow] = []) {
        var b = Loader(expected: rows.count)
        for r in rows where r.fields.count >= 3 { b.add(form: r[0], lemma: r[1], features: r[2]) }
        self.init(b)
    }

    /// The inflections of a TSV file's bytes, as `init(rows: LanguageLexicon.parseTSV(bytes))`
    /// gives them, without an array of fields per row (tens of thousands of rows at start-up).
    init(tsv bytes: [UInt8]) {
        var lines = 1
        for c in bytes where c == 0x0A { lines += 1 }
        var b = Loader(expected: lines)
        let n = bytes.count
        @inline(__always) func isBlank(_ c: UInt8) -> Bool { c == 0x20 || c == 0x0D }
        var i = 0
        while i < n {
            var end = i
            while end < n, bytes[end] != 0x0A { end += 1 }
            var a = i
            while a < end, isBlank(bytes[a]) || bytes[a] == 0x09 { a += 1 }
            if a < end, bytes[a] != 0x23 {  // not blank, not a # comment
                // The first three fields, trimmed; a row needs all three.
                var fields: (String, String, String) = ("", "", "")
                var count = 0
                var f = i
                while true {
                    var e = f
                    while e < end, bytes[e] != 0x09 { e += 1 }
                    if count < 3 {
                        var lo = f, hi = e
                        while lo < hi, isBlank(bytes[lo]) { lo += 1 }
                        while hi > lo, isBlank(bytes[hi - 1]) { hi -= 1 }
                        let field = String(decoding: bytes[lo ..< hi], as: UTF8.self)
                        switch count { case 0: fields.0 = field; case 1: fields.1 = field; default: fields.2 = field }
                    }
                    count += 1
                    if e >= end || count >= 3 { break }
                    f = e + 1
                }
                if count >= 3 { b.add(form: fields.0, lemma: fields.1, features: fields.2) }
            }
            i = end + 1
        }
        self.init(b)
    }

    /// Gathers the rows of the inflection tables.
    struct Loader {
        var forms: FormTable.Builder, folded: FormTable.Builder
        var formsByLemma: [String: [String]] = [:]
        // The rows of one lemma follow each other: its forms are gathered, then stored at once.
        var lemma: String? = nil
        var run: [String] = []
        init(expected: Int) { forms = FormTable.Builder(expected: expected); folded = FormTable.Builder(expected: expected) }
        mutating func add(form: String, lemma l: String, features: String) {
            let a = Analysis(lemma: l, features: features)
            forms.add(form, a)
            folded.add(Folding.fold(form), a)
            if let p = lemma, p != l { formsByLemma[p, default: []].append(contentsOf: run); run.removeAll(keepingCapacity: true) }
            lemma = l
            run.append(form)
        }
    }

    private init(_ loader: Loader) {
        var b = loader
        if let l = b.lemma { b.formsByLemma[l, default: []].append(contentsOf: b.run) }
        formsByLemma = b.formsByLemma
        byForm = FormTable(b.forms)
        byFoldedForm = FormTable(b.folded)
    }
    /// Analyses of a lower-case form; falls back to the accent-folded form ("DEMENTI" → démenti).
    public func analyses(lower: String, fold: String) -> [Analysis] {
        if let e = byForm.find(lower) { return byForm.analyses[e] }
        if let e = byFoldedForm.find(fold) { return byFoldedForm.analyses[e] }
        return []
    }
    public func lemmas(lower: String, fold: String) -> Set<String> { Set(analyses(lower: lower, fold: fold).map(\.lemma)) }
    /// Every form of a lemma (the lemma itself included).
    public func forms(of lemma: String) -> Set<String> { Set(formsByLemma[lemma, default: []]).union([lemma]) }
    public var isEmpty: Bool { byForm.analyses.isEmpty }
}

/// A read-only map from word forms to their analyses with exactly the semantics of a
/// Dictionary<String, [Analysis]> (String equality is canonical equivalence), probed with the
/// UTF-8 bytes of the key: FNV-1a hash, open addressing, byte comparison on a hash hit.
/// `analyses` is called for many tokens, and a Dictionary lookup hashes the String through
/// SipHash every time; building the Dictionaries also cost much of the start-up.
/// Byte equality is String equality between strings in NFC, and a string whose code points all
/// lie below U+0300 (lead bytes below 0xCC: no combining mark, nothing NFC changes) is in NFC.
/// Such "simple" keys live in the byte table. A lookup with any other key goes through a
/// Dictionary of every key, built on first need; if the lexicon itself has other keys (none
/// today), every key goes through that Dictionary when the table is built, so entries merge as
/// the Dictionary would merge them.
final class FormTable: @unchecked Sendable {
    /// One word per slot, so that a probe touches one cache line: the hash's high 32 bits, then
    /// the entry + 1 (0: empty slot).
    private let slots: [UInt64]
    /// Two bits per simple key (a Bloom filter small enough to stay in cache): most lookups are
    /// of words that are not verb forms, and the filter turns them away without touching `slots`.
    private let filter: [UInt64]
    private let starts: [Int32]
    private let pool: [UInt8]
    private let mask: Int
    private let keys: [String]
    let analyses: [[Inflections.Analysis]]
    /// Some key is not simple: a simple lookup that misses the byte table asks the Dictionary too.
    private let hasOther: Bool
    /// Every key → its entry, for lookups with keys that are not simple.
    private var index: [String: Int32]?
    private let lock = NSLock()

    struct Builder {
        var slots: [UInt64]
        var filter = [UInt64](repeating: 0, count: FormTable.filterWords)
        var starts: [Int32] = [0]
        var pool: [UInt8] = []
        var keys: [String] = []
        var analyses: [[Inflections.Analysis]] = []
        /// Set once a key that is not simple is added.
        var index: [String: Int32]? = nil

        /// Sized for `expected` keys (no rehashing while the lexicon is read).
        init(expected: Int = 0) {
            var cap = 64
            while cap < expected * 2 { cap *= 2 }
            slots = [UInt64](repeating: 0, count: cap)
            keys.reserveCapacity(expected)
            analyses.reserveCapacity(expected)
        }

        /// The key's bytes, reused from key to key (no Array per key).
        var bytes: [UInt8] = []

        mutating func add(_ key: String, _ a: Inflections.Analysis) {
            bytes.removeAll(keepingCapacity: true)
            bytes.append(contentsOf: key.utf8)
            let simple = FormTable.isSimple(bytes)
            if !simple, index == nil {
                var d: [String: Int32] = [:]
                for (e, k) in keys.enumerated() { d[k] = Int32(e) }
                index = d
            }
            if index != nil {
                if let e = index![key] { analyses[Int(e)].append(a); return }
                index![key] = Int32(keys.count)
            }
            if simple {
                let h = bytes.withUnsafeBufferPointer { foldKey($0) }
                var i = FormTable.slot(h, slots.count - 1)
                while slots[i] != 0 {
                    let e = FormTable.entry(slots[i])
                    if FormTable.tag(slots[i]) == FormTable.tag(h), pool[Int(starts[e]) ..< Int(starts[e + 1])].elementsEqual(bytes) {
                        analyses[e].append(a); return
                    }
                    i = (i + 1) & (slots.count - 1)
                }
                slots[i] = FormTable.tag(h) << 32 | UInt64(keys.count + 1)
                let (b1, b2) = FormTable.filterBits(h)
                filter[b1 >> 6] |= 1 << UInt64(b1 & 63)
                filter[b2 >> 6] |= 1 << UInt64(b2 & 63)
                pool.append(contentsOf: bytes)
            }
            starts.append(Int32(pool.count))
            keys.append(key)
            analyses.append([a])
            if keys.count * 2 > slots.count { grow() }
        }

        mutating func grow() {
            let cap = slots.count * 2
            var s = [UInt64](repeating: 0, count: cap)
            for (e, k) in keys.enumerated() where FormTable.isSimple(Array(k.utf8)) {
                let h = foldKey(k)
                var j = FormTable.slot(h, cap - 1)
                while s[j] != 0 { j = (j + 1) & (cap - 1) }
                s[j] = FormTable.tag(h) << 32 | UInt64(e + 1)
            }
            slots = s
        }
    }

    init(_ b: Builder) {
        filter = b.filter; slots = b.slots; starts = b.starts; pool = b.pool; mask = b.slots.count - 1
        keys = b.keys; analyses = b.analyses; index = b.index; hasOther = b.index != nil
    }

    @inline(__always) static func slot(_ h: UInt64, _ mask: Int) -> Int { Int(truncatingIfNeeded: h ^ (h >> 29)) & mask }
    @inline(__always) static func tag(_ h: UInt64) -> UInt64 { h >> 32 }
    static let filterWords = 1 << 13  // 2^19 bits, 64 KiB
    /// Both bits of a key in one 64-byte block of the filter (a blocked Bloom filter): a lookup
    /// touches one cache line, where two independent bits cost two misses (the filter is larger
    /// than L1).
    @inline(__always) static func filterBits(_ h: UInt64) -> (Int, Int) {
        let block = Int(truncatingIfNeeded: h >> 13) & (filterWords / 8 - 1)
        return (block << 9 | Int(truncatingIfNeeded: h >> 40) & 511, block << 9 | Int(truncatingIfNeeded: h >> 49) & 511)
    }
    @inline(__always) static func entry(_ slot: UInt64) -> Int { Int(slot & 0xFFFF_FFFF) - 1 }

    @inline(__always) static func isSimple(_ b: [UInt8]) -> Bool {
        for c in b where c >= 0xCC { return false }
        return true
    }

    private enum Probe { case found(Int), missing, notSimple }

    /// Whether every character of `buf` from U+0300 up lies in General Punctuation (U+2000–U+206F:
    /// dashes, ellipsis, quotes, bullets) or is a currency sign (U+20A0–U+20BF: €). Such a
    /// character has no combining class, composes with nothing and decomposes canonically only to
    /// another of the block (U+2000, U+2001), so the NFC form of the key keeps it and is not
    /// simple: no simple key is canonically equal to it. The tokens "–", "…", "€" need not go
    /// through the Dictionary (built at the first of them).
    static func onlyGeneralPunctuation(_ buf: UnsafeBufferPointer<UInt8>) -> Bool {
        var k = 0
        let n = buf.count
        while k < n {
            let b = buf[k]
            if b < 0xCC { k += 1; continue }
            guard b == 0xE2, k + 2 < n,
                  buf[k + 1] == 0x80 || (buf[k + 1] == 0x81 && buf[k + 2] < 0xB0) || (buf[k + 1] == 0x82 && buf[k + 2] >= 0xA0)
            else { return false }
            k += 3
        }
        return true
    }

    /// The entry of `key`: the one a Dictionary of the same keys finds.
    @inline(__always) func find(_ key: String) -> Int? {
        if analyses.isEmpty { return nil }
        let probe = key.utf8.withContiguousStorageIfAvailable { buf -> Probe in
            var high: UInt8 = 0
            var h: UInt64 = 0xcbf2_9ce4_8422_2325
            for b in buf { h = (h ^ UInt64(b)) &* 0x100_0000_01b3; high = Swift.max(high, b) }
            if high >= 0xCC { return FormTable.onlyGeneralPunctuation(buf) ? .missing : .notSimple }
            let (b1, b2) = FormTable.filterBits(h)
            if filter[b1 >> 6] & (1 << UInt64(b1 & 63)) == 0 || filter[b2 >> 6] & (1 << UInt64(b2 & 63)) == 0 { return .missing }
            var i = FormTable.slot(h, mask)
            let tag = FormTable.tag(h)
            while true {
                let s = slots[i]
                if s == 0 { return .missing }
                if FormTable.tag(s) == tag {
                    let e = FormTable.entry(s)
                    let a = Int(starts[e]), b = Int(starts[e + 1])
                    if b - a == buf.count, pool.withUnsafeBufferPointer({ p in
                        buf.count == 0 || memcmp(p.baseAddress! + a, buf.baseAddress!, buf.count) == 0
                    }) { return .found(e) }
                }
                i = (i + 1) & mask
            }
        } ?? .notSimple
        switch probe {
        case .found(let e): return e
        case .missing: return hasOther ? dictionaryFind(key) : nil
        case .notSimple: return dictionaryFind(key)
        }
    }

    private func dictionaryFind(_ key: String) -> Int? {
        lock.lock(); defer { lock.unlock() }
        if index == nil {
            var d: [String: Int32] = [:]
            d.reserveCapacity(keys.count)
            for (e, k) in keys.enumerated() { d[k] = Int32(e) }
            index = d
        }
        return index![key].map(Int.init)
    }
}

/// All lexicon data of one language.
public final class LanguageLexicon: @unchecked Sendable {
    public let language: Language
    public let directory: URL
    public let inflections: Inflections
    private var lists: [String: Set<String>] = [:]
    private var tables: [String: [LexiconRow]] = [:]
    private let lock = NSLock()

    init(language: Language, directory: URL) throws {
        self.language = language
        self.directory = directory
        let inflPath = directory.appendingPathComponent("inflections.tsv").path
        if FileManager.default.fileExists(atPath: inflPath) {
            guard let data = FileManager.default.contents(atPath: inflPath) else { throw LexiconError.unreadable(inflPath) }
            inflections = Inflections(tsv: [UInt8](data))
        } else {
            inflections = Inflections()
        }
    }

    /// A word list (`NAME.txt`, one entry per line, `#` comments), as folded keys unless `folded` is false.
    public func list(_ name: String, folded: Bool = true) -> Set<String> {
        let key = "\(name)|\(folded)"
        lock.lock(); defer { lock.unlock() }
        if let l = lists[key] { return l }
        let path = directory.appendingPathComponent("\(name).txt").path
        var set = Set<String>()
        if let rows = try? LanguageLexicon.readTSV(path: path) {
            for r in rows { set.insert(folded ? Folding.fold(r[0]) : r[0]) }
        }
        lists[key] = set
        return set
    }

    /// The rows of `NAME.tsv` (empty if the file is absent).
    public func table(_ name: String) -> [LexiconRow] {
        lock.lock(); defer { lock.unlock() }
        if let t = tables[name] { return t }
        let path = directory.appendingPathComponent("\(name).tsv").path
        let rows = (try? LanguageLexicon.readTSV(path: path)) ?? []
        tables[name] = rows
        return rows
    }

    /// Reads a UTF-8 tab-separated file; `#` starts a comment line; fields are trimmed of spaces.
    /// Parsed as bytes: the inflection tables have tens of thousands of lines and are read at start-up.
    public static func readTSV(path: String) throws -> [LexiconRow] {
        guard let data = FileManager.default.contents(atPath: path) else { throw LexiconError.unreadable(path) }
        return parseTSV([UInt8](data), file: path)
    }

    static func parseTSV(_ bytes: [UInt8], file: String) -> [LexiconRow] {
        var rows: [LexiconRow] = []
        var lineNo = 0
        var i = 0
        let n = bytes.count
        @inline(__always) func isBlank(_ b: UInt8) -> Bool { b == 0x20 || b == 0x0D }
        while i < n {
            lineNo += 1
            var end = i
            while end < n, bytes[end] != 0x0A { end += 1 }
            var a = i
            while a < end, isBlank(bytes[a]) || bytes[a] == 0x09 { a += 1 }
            if a < end, bytes[a] != 0x23 {  // not blank, not a # comment
                var fields: [String] = []
                var f = i
                while true {
                    var e = f
                    while e < end, bytes[e] != 0x09 { e += 1 }
                    var lo = f, hi = e
                    while lo < hi, isBlank(bytes[lo]) { lo += 1 }
                    while hi > lo, isBlank(bytes[hi - 1]) { hi -= 1 }
                    fields.append(String(decoding: bytes[lo ..< hi], as: UTF8.self))
                    if e >= end { break }
                    f = e + 1
                }
                rows.append(LexiconRow(fields: fields, file: file, line: lineNo))
            }
            i = end + 1
        }
        return rows
    }
}

/// The lexicons of every language, located once per process.
public final class LexiconStore: @unchecked Sendable {
    public let root: URL
    private let languages: [Language: LanguageLexicon]

    public init(root: URL) throws {
        self.root = root
        var l: [Language: LanguageLexicon] = [:]
        for lang in Language.allCases {
            l[lang] = try LanguageLexicon(language: lang, directory: root.appendingPathComponent(lang.rawValue))
        }
        languages = l
    }

    public subscript(_ lang: Language) -> LanguageLexicon { languages[lang]! }

    /// Finds Lexicons/: $RIPOSTE_LEXICONS, then beside the executable (and ../share/riposte),
    /// then the source checkout this module was compiled from.
    public static func locate() throws -> URL {
        var candidates: [String] = []
        if let env = ProcessInfo.processInfo.environment["RIPOSTE_LEXICONS"], !env.isEmpty { candidates.append(env) }
        let exe = URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath().deletingLastPathComponent()
        candidates.append(exe.appendingPathComponent("Lexicons").path)
        candidates.append(exe.appendingPathComponent("../share/riposte/Lexicons").standardized.path)
        let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        candidates.append(source.appendingPathComponent("Lexicons").path)
        for c in candidates {
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: c + "/fr", isDirectory: &isDir), isDir.boolValue {
                return URL(fileURLWithPath: c)
            }
        }
        throw LexiconError.directoryNotFound(candidates)
    }

    nonisolated(unsafe) private static var cached: LexiconStore?
    private static let cacheLock = NSLock()

    /// The process-wide store (located and loaded on first use).
    public static func shared() throws -> LexiconStore {
        cacheLock.lock(); defer { cacheLock.unlock() }
        if let c = cached { return c }
        let s = try LexiconStore(root: try locate())
        cached = s
        return s
    }
}
