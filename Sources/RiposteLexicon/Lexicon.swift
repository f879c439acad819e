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
    private var byForm: [String: [Analysis]] = [:]
    private var byFoldedForm: [String: [Analysis]] = [:]
    private var formsByLemma: [String: Set<String>] = [:]

    public init(rows: [LexiconRow] = []) {
        for r in rows where r.fields.count >= 3 {
            let a = Analysis(lemma: r[1], features: r[2])
            byForm[r[0], default: []].append(a)
            byFoldedForm[Folding.fold(r[0]), default: []].append(a)
            formsByLemma[r[1], default: []].insert(r[0])
        }
    }
    /// Analyses of a lower-case form; falls back to the accent-folded form ("DEMENTI" → démenti).
    public func analyses(lower: String, fold: String) -> [Analysis] {
        if let a = byForm[lower] { return a }
        return byFoldedForm[fold] ?? []
    }
    public func lemmas(lower: String, fold: String) -> Set<String> { Set(analyses(lower: lower, fold: fold).map(\.lemma)) }
    /// Every form of a lemma (the lemma itself included).
    public func forms(of lemma: String) -> Set<String> { formsByLemma[lemma, default: []].union([lemma]) }
    public var isEmpty: Bool { byForm.isEmpty }
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
            inflections = Inflections(rows: try LanguageLexicon.readTSV(path: inflPath))
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
