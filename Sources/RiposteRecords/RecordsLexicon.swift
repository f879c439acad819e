import Foundation
import RiposteText
import RiposteNormalize
import RiposteLexicon
import RiposteParties

/// The language data of the records stage, read once per language from Lexicons/<lang>/:
/// cues.tsv (cue patterns), records-words.tsv (word classes for clause structure),
/// records-party-heads.tsv (role nouns), records-wrongdoing.txt (accusation stems),
/// records-not-parties.txt, records-operative.txt, records-rule-words.tsv (the word, lemma and
/// ending lists of single rules).
public final class RecordsLexicon: @unchecked Sendable {
    public let language: Language
    public let cues: CueIndex
    /// Folded word → its classes ("aux", "prep", "det", …).
    private let classes: FoldMap<ClassBits>
    /// Class names the files use that `WordClass` does not know (they match nothing).
    public let unknownClasses: [String]
    /// Folded role noun → (role, kind).
    let heads: FoldMap<(role: String, kind: PartyKind)>
    /// What the records stage asks of every token, answered by one probe (`flags(_:)`).
    private let tokenFlags: FoldMap<TokenFlags>
    /// `classes`, `ruleClasses` and `tokenFlags` in one table: DocumentRun probes it once per
    /// token of a document and keeps the entry index (TokenWords), so that the rules' word tests
    /// read an array instead of probing a table each time.
    let words: FoldMap<WordInfo>
    /// The keys of the words whose entry has flags (TokenFlags): a token whose key this filter
    /// rules out has none but those of a possessive, found without probing `words` (DocumentRun
    /// and the noun phrase finder ask the flags of most tokens; few have any).
    let flagKeys: KeyFilter
    /// Per word class, a 256-bit filter of the keys of its words (records-words.tsv for
    /// `classFilters`, records-rule-words.tsv for `ruleFilters`), four words per class: a token
    /// whose key's bit is clear has not the class, and needs no entry to say so.
    let classFilters: UnsafeMutablePointer<UInt64>
    let ruleFilters: UnsafeMutablePointer<UInt64>
    /// The bit of a key in a class filter.
    @inline(__always) static func filterBit(_ k: UInt64) -> (word: Int, bit: UInt64) {
        let b = Int(truncatingIfNeeded: (k >> 20) & 255)
        return (b >> 6, 1 << UInt64(b & 63))
    }
    /// `words`' values in entry order, in a buffer this lexicon owns (TokenWords, which holds the
    /// lexicon, reads it without bounds checks or retains).
    let wordInfos: UnsafeMutablePointer<WordInfo>
    /// Per entry of `words`, `cues.anyRange` of its word packed as lower | upper << 32 (0: none):
    /// CueIndex.matches reads it by the entry TokenWords keeps for a cue's first token.
    let cueAnyByEntry: UnsafeMutablePointer<UInt64>
    /// `head(_:)` precomputed: the role nouns and their plurals ("applicants" → group).
    private let headOrPlural: FoldMap<(role: String, kind: PartyKind)>
    /// Folded subject pronoun → its first class among pron-person, pron-plural, pron-first, pron-thing.
    let pronounClass: FoldMap<String>
    /// Stopwords, classed words and cue openers: "known" words whatever their inflection.
    private let knownFolds: FoldSet
    private let wrongStems: [String]
    /// The ASCII stems by their first four bytes, read as a little-endian UInt32: an
    /// open-addressed table of (prefix, index in `wrongStemGroups`; -1: empty).
    private let wrongPrefixSlots: [(prefix: UInt32, group: Int32)]
    private let wrongPrefixMask: Int
    private let wrongStemGroups: [[String]]
    private let wrongExact: FoldSet
    /// The longest exact entry, in bytes: a longer word is none of them.
    private let wrongExactMaxBytes: Int
    let notParties: FoldSet
    let operative: [[String]]
    /// The `foldKey`s of `operative`'s words.
    let operativeKeys: [[UInt64]]
    /// The keys of their first words (a sentence opening with none of them is no marker); nil if
    /// a marker is empty (it matches every sentence).
    let operativeFirstKeys: [UInt64]?
    let stopwords: FoldSet
    let inflections: Inflections
    /// A superset of the keys under which `inflections` can answer a token (see `mayInflect`).
    private let inflectionKeys: KeyFilter
    /// The same for the rows whose features begin with one of `featureFilterPrefixes`, by prefix.
    private let featureKeys: [(prefix: String, keys: KeyFilter)]
    /// The feature prefixes the rules ask about per token ("cond." of every word of a sentence).
    static let featureFilterPrefixes = ["cond.", "pp", "ger", "inf"]
    /// Folded word → its rule-list classes (records-rule-words.tsv). Kept apart from `classes`:
    /// a word listed for one rule is neither "known" nor "classed".
    private let ruleClasses: FoldMap<ClassBits>
    /// Lists (entries as written: lemmas and endings keep their accents) read into arrays and sets once, for the per-token tests that use them.
    let participleEndings: [String]
    let adjectiveSuffixes: [String]
    let nationalitySuffixes: [String]
    let dismissLemmas: Set<String>
    /// Verb lemmas of single French judgment rules: a submission the court rejects ("soutient"),
    /// a judgment it confirms, a party it condemns.
    let submissionLemmas: Set<String>
    let confirmLemmas: Set<String>
    let condemnLemmas: Set<String>
    let modalLemmas: Set<String>
    let auxLemmas: Set<String>
    /// Folded forms of the `aux-lemma` lemmas: a token whose fold is not here has no auxiliary
    /// among its lemmas, so it needs no Inflections lookup to say so (its analyses come from its
    /// lower-case form or its fold, and both fold to a form listed here).
    let auxForms: FoldSet
    let adverbSuffixes: AffixList
    let dismissStems: AffixList
    let negSuffixes: AffixList
    /// name-link-pair entries split in two ("de la" → ("de", "la")).
    let nameLinkPairs: [(String, String)]
    let violationStems: AffixList
    let victimStems: AffixList
    let victimPredicates: AffixList
    /// "Court", "COURT" (court-noun, capitalised or in capitals) and "the", "The", "THE"
    /// (court-article, as written in a name).
    let courtNames: Set<String>
    let courtArticles: Set<String>

    public init(lexicon: LanguageLexicon) {
        language = lexicon.language
        inflections = lexicon.inflections
        let inflectionPath = lexicon.directory.appendingPathComponent("inflections.tsv").path
        let (all, byPrefix) = KeyFilter.forms(of: inflectionPath, featurePrefixes: RecordsLexicon.featureFilterPrefixes)
        inflectionKeys = all
        featureKeys = Array(zip(RecordsLexicon.featureFilterPrefixes, byPrefix)).map { (prefix: $0.0, keys: $0.1) }
        cues = CueIndex(rows: lexicon.table("cues"), lexicon: lexicon)
        var c: [String: Set<String>] = [:]
        for r in lexicon.table("records-words") where r.fields.count >= 2 {
            c[Folding.fold(r[0]), default: []].insert(r[1])
        }
        var unknown = Set<String>()
        func bits(_ names: Set<String>) -> ClassBits {
            var b = ClassBits()
            for n in names {
                if let w = WordClass(name: n) { b.insert(w) } else { unknown.insert(n) }
            }
            return b
        }
        let classBits = c.mapValues(bits)
        classes = FoldMap(classBits)
        var h: [String: (String, PartyKind)] = [:]
        for r in lexicon.table("records-party-heads") where r.fields.count >= 3 {
            h[Folding.fold(r[0])] = (r[1], PartyKind(rawValue: r[2]) ?? .unknown)
        }
        heads = FoldMap(h)
        var hp = h
        for (k, v) in h {
            let plural = k + "s"
            if h[plural] == nil, plural.count > 4 { hp[plural] = (v.0, .group) }
        }
        headOrPlural = FoldMap(hp)
        var pc: [String: String] = [:]
        for (k, v) in c {
            for p in ["pron-person", "pron-plural", "pron-first", "pron-thing"] where v.contains(p) { pc[k] = p; break }
        }
        pronounClass = FoldMap(pc)
        var tf: [String: TokenFlags] = [:]
        for (k, v) in h where v.0 != "other" && v.0 != "agent" { tf[k, default: []].insert(.caseHead) }
        for k in cues.firstKeys { tf[k, default: []].insert(.cueStart) }
        for k in pc.keys { tf[k, default: []].insert(.pronoun) }
        for k in hp.keys { tf[k, default: []].insert(.head) }
        tokenFlags = FoldMap(tf)
        var wi: [String: WordInfo] = [:]
        for (k, v) in tf { wi[k, default: WordInfo()].flags = v }
        var stems: [String] = [], exact = Set<String>()
        for w in lexicon.list("records-wrongdoing") {
            if w.count <= 3 { exact.insert(w) } else { stems.append(w) }
        }
        wrongStems = stems
        var groupOf: [UInt32: Int] = [:]
        var groups: [[String]] = []
        for st in stems where st.utf8.count >= 4 && st.utf8.allSatisfy({ $0 < 0x80 }) {
            let b = Array(st.utf8.prefix(4))
            let p = UInt32(b[0]) | UInt32(b[1]) << 8 | UInt32(b[2]) << 16 | UInt32(b[3]) << 24
            if let g = groupOf[p] { groups[g].append(st) } else { groupOf[p] = groups.count; groups.append([st]) }
        }
        var cap = 16
        while cap < groups.count * 3 { cap *= 2 }
        var slots = [(prefix: UInt32, group: Int32)](repeating: (0, -1), count: cap)
        for (p, g) in groupOf.sorted(by: { $0.value < $1.value }) {
            var i = RecordsLexicon.prefixSlot(p, cap - 1)
            while slots[i].group >= 0 { i = (i + 1) & (cap - 1) }
            slots[i] = (p, Int32(g))
        }
        wrongPrefixSlots = slots
        wrongPrefixMask = cap - 1
        wrongStemGroups = groups
        wrongExact = FoldSet(exact)
        wrongExactMaxBytes = exact.map(\.utf8.count).max() ?? 0
        notParties = FoldSet(lexicon.list("records-not-parties"))
        operative = lexicon.list("records-operative").map { $0.split(separator: " ").map(String.init) }
        operativeKeys = operative.map { $0.map(foldKey) }
        operativeFirstKeys = operativeKeys.contains(where: \.isEmpty) ? nil : operativeKeys.map { $0[0] }
        let stop = lexicon.list("stopwords")
        stopwords = FoldSet(stop)
        knownFolds = FoldSet(stop.union(c.keys).union(cues.firstKeys))
        var rc: [String: Set<String>] = [:], re: [String: [String]] = [:]
        for r in lexicon.table("records-rule-words") where r.fields.count >= 2 {
            rc[Folding.fold(r[0]), default: []].insert(r[1])
            re[r[1], default: []].append(r[0])
        }
        let ruleBits = rc.mapValues(bits)
        ruleClasses = FoldMap(ruleBits)
        for (k, v) in ruleBits {
            wi[k, default: WordInfo()].rules = v
            if v.contains(.courtSelf) { wi[k, default: WordInfo()].flags.insert(.courtSelf) }
        }
        for (k, v) in classBits { wi[k, default: WordInfo()].classes = v; wi[k, default: WordInfo()].classed = true }
        // The classed words first (function words: most tokens that hit the table are among
        // them), then the rule words, then the rest (cue forms, role nouns): the entries most
        // tokens read share cache lines.
        func rank(_ v: WordInfo) -> Int { v.classed ? 0 : !v.rules.isEmpty ? 1 : 2 }
        words = FoldMap(hashed: wi.map { (rank($0.value), foldKey($0.key), $0.key, $0.value) }
            .sorted { ($0.0, $0.1) != ($1.0, $1.1) ? ($0.0, $0.1) < ($1.0, $1.1) : $0.2 < $1.2 }
            .map { ($0.1, $0.2, $0.3) })
        let infos = words.values
        let filterWords = 4 * 256
        func filters(_ d: [String: ClassBits]) -> UnsafeMutablePointer<UInt64> {
            let f = UnsafeMutablePointer<UInt64>.allocate(capacity: filterWords)
            f.initialize(repeating: 0, count: filterWords)
            for (k, v) in d {
                let (w, bit) = RecordsLexicon.filterBit(foldKey(k))
                for c in WordClass.allCases where v.contains(c) { f[4 * Int(c.rawValue) + w] |= bit }
            }
            return f
        }
        classFilters = filters(classBits)
        ruleFilters = filters(ruleBits)
        flagKeys = KeyFilter(wi.compactMap { $0.value.flags.isEmpty ? nil : foldKey($0.key) })
        cueAnyByEntry = .allocate(capacity: max(infos.count, 1))
        cueAnyByEntry.initialize(repeating: 0, count: max(infos.count, 1))
        for (e, k) in words.keys.enumerated() {
            if let r = cues.anyRange(k) {
                cueAnyByEntry[e] = UInt64(UInt32(bitPattern: r.lowerBound)) | UInt64(UInt32(bitPattern: r.upperBound)) << 32
            }
        }
        wordInfos = .allocate(capacity: max(infos.count, 1))
        wordInfos.initialize(from: infos, count: infos.count)
        unknownClasses = unknown.sorted()
        participleEndings = re["participle-ending"] ?? []
        adjectiveSuffixes = re["adj-suffix"] ?? []
        nationalitySuffixes = re["nationality-suffix"] ?? []
        dismissLemmas = Set(re["dismiss-lemma"] ?? [])
        submissionLemmas = Set(re["submission-lemma"] ?? [])
        confirmLemmas = Set(re["confirm-lemma"] ?? [])
        condemnLemmas = Set(re["condemn-lemma"] ?? [])
        modalLemmas = Set(re["modal-lemma"] ?? [])
        auxLemmas = Set(re["aux-lemma"] ?? [])
        adverbSuffixes = AffixList(re["adverb-suffix"] ?? [])
        dismissStems = AffixList(re["dismiss-stem"] ?? [])
        negSuffixes = AffixList(re["neg-suffix"] ?? [])
        nameLinkPairs = (re["name-link-pair"] ?? []).compactMap { e in
            let w = e.split(separator: " ").map { Folding.fold(String($0)) }
            return w.count == 2 ? (w[0], w[1]) : nil
        }
        violationStems = AffixList(re["violation-stem"] ?? [])
        victimStems = AffixList(re["victim-stem"] ?? [])
        victimPredicates = AffixList(re["victim-predicate"] ?? [])
        func capitalised(_ w: String) -> String { w.prefix(1).uppercased() + w.dropFirst() }
        courtNames = Set((re["court-noun"] ?? []).flatMap { [capitalised($0), $0.uppercased()] })
        courtArticles = Set((re["court-article"] ?? []).flatMap { [$0, capitalised($0), $0.uppercased()] })
        var forms = Set<String>()
        for l in auxLemmas {
            for f in inflections.forms(of: l) { forms.insert(Folding.fold(f)) }
        }
        auxForms = FoldSet(forms)
    }

    deinit {
        cueAnyByEntry.deallocate()
        wordInfos.deallocate()
        classFilters.deallocate()
        ruleFilters.deallocate()
    }

    /// True when the folded word has the class `cls` in records-words.tsv.
    @inline(__always) func has(_ fold: String, _ cls: WordClass) -> Bool { classes[fold]?.contains(cls) ?? false }
    @inline(__always) func has(_ t: Token, _ cls: WordClass) -> Bool { classes[t]?.contains(cls) ?? false }

    /// True when the folded word is in the rule list `cls` of records-rule-words.tsv.
    @inline(__always) func listed(_ fold: String, _ cls: WordClass) -> Bool { ruleClasses[fold]?.contains(cls) ?? false }
    @inline(__always) func listed(_ t: Token, _ cls: WordClass) -> Bool { ruleClasses[t]?.contains(cls) ?? false }

    /// True when records-words.tsv gives the word any class.
    @inline(__always) func isClassed(_ t: Token) -> Bool { classes[t] != nil }

    /// The token's `TokenFlags` (`.computed` set).
    @inline(__always) func flags(_ t: Token) -> TokenFlags { flags(t, tokenFlags[t] ?? []) }

    /// The token's `TokenFlags` given what its fold's entry says (`tokenFlags[t] ?? []`).
    @inline(__always) func flags(_ t: Token, _ entry: TokenFlags) -> TokenFlags {
        var f = entry
        f.insert(.computed)
        // A possessive ("Government's") is a role noun by its base.
        if lastUTF8Byte(t.fold) == 0x73, hasApostropheSSuffix(t.fold), t.fold.count > 3 {
            if head(String(t.fold.dropLast(2))) != nil { f.insert(.head) } else { f.remove(.head) }
        }
        return f
    }

    /// The role noun a token names, if any (plural "applicants" falls back to "applicant").
    func head(_ fold: String) -> (role: String, kind: PartyKind)? {
        headOrPlural[fold]
    }
    func head(_ t: Token) -> (role: String, kind: PartyKind)? { headOrPlural[t] }
    /// `head(t) != nil` without copying the answer.
    @inline(__always) func isHead(_ t: Token) -> Bool { headOrPlural.contains(t) }

    func isWrongdoing(_ fold: String) -> Bool {
        if fold.utf8.count <= wrongExactMaxBytes, wrongExact.contains(fold) { return true }
        // An ASCII word can only start with an ASCII stem (folded forms are NFC), and a stem of
        // four letters or more shares the word's first four bytes: one table lookup, then the few
        // stems under that prefix.
        if fold.utf8.count >= 4 {
            // The ASCII test and the prefix, read from the string's bytes (nil: not ASCII).
            let prefix: UInt32?? = fold.utf8.withContiguousStorageIfAvailable { b -> UInt32? in
                var all: UInt8 = 0
                for x in b { all |= x }
                guard all < 0x80 else { return nil }
                return UInt32(b[0]) | UInt32(b[1]) << 8 | UInt32(b[2]) << 16 | UInt32(b[3]) << 24
            }
            switch prefix {
            case .some(.some(let p)):
                guard let g = wrongStemGroup(p) else { return false }
                for s in wrongStemGroups[g] where fold.hasPrefix(s) { return true }
                return false
            case .some(.none): break  // not ASCII
            case .none:
                if fold.utf8.allSatisfy({ $0 < 0x80 }) {
                    let b = Array(fold.utf8.prefix(4))
                    guard let g = wrongStemGroup(UInt32(b[0]) | UInt32(b[1]) << 8 | UInt32(b[2]) << 16 | UInt32(b[3]) << 24) else { return false }
                    for s in wrongStemGroups[g] where fold.hasPrefix(s) { return true }
                    return false
                }
            }
        }
        guard fold.count >= 4 else { return false }
        for s in wrongStems where fold.hasPrefix(s) { return true }
        return false
    }

    @inline(__always) private static func prefixSlot(_ p: UInt32, _ mask: Int) -> Int {
        Int(truncatingIfNeeded: (UInt64(p) &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
    }

    /// The group of ASCII stems that begin with the four bytes `p`.
    private func wrongStemGroup(_ p: UInt32) -> Int? {
        var i = RecordsLexicon.prefixSlot(p, wrongPrefixMask)
        while true {
            let s = wrongPrefixSlots[i]
            if s.group < 0 { return nil }
            if s.prefix == p { return Int(s.group) }
            i = (i + 1) & wrongPrefixMask
        }
    }

    /// `isWrongdoing(t.fold)`.
    @inline(__always) func isWrongdoing(_ t: Token) -> Bool { isWrongdoing(t.fold) }

    /// False when `inflections` has no analysis of the token (most tokens): its key is neither
    /// the fold nor the form of any inflection row. A hash hit may be a collision: then the
    /// tables answer.
    @inline(__always) func mayInflect(_ t: Token) -> Bool {
        if inflectionKeys.contains(t.key) { return true }
        // `analyses` looks the lower-case form up first: an accented form is keyed by its bytes.
        return t.lower != t.fold && inflectionKeys.contains(foldKey(t.lower))
    }

    /// `inflections.analyses` of a token.
    @inline(__always) func analyses(_ t: Token) -> [Inflections.Analysis] {
        mayInflect(t) ? inflections.analyses(lower: t.lower, fold: t.fold) : []
    }

    /// True when the word is a function word or a verb form: a capitalised sentence opener that
    /// is "known" is not a name.
    func isKnownWord(_ t: Token) -> Bool {
        if knownFolds.contains(t) { return true }
        return !analyses(t).isEmpty
    }

    /// A past participle: from the inflection lexicon, or (French verbs it does not list) from
    /// the ending ("remarqué", "agressée").
    func isPastParticiple(_ t: Token) -> Bool {
        let f = verbFeatures(t)
        if f.contains("pp") { return true }
        guard f.isEmpty, language == .fr, t.kind == .word, !t.isCapitalized, t.lower.count > 3 else { return false }
        for suf in participleEndings where t.lower.hasSuffix(suf) { return true }
        return false
    }

    func isVerbForm(_ t: Token) -> Bool { !analyses(t).isEmpty }

    /// Features of a verb form, e.g. "cond.pres.3s", "pp", "ppr", "ger".
    func verbFeatures(_ t: Token) -> [String] {
        guard mayInflect(t) else { return [] }
        return inflections.analyses(lower: t.lower, fold: t.fold).map(\.features)
    }
    /// `verbFeatures(t).contains { $0.hasPrefix(prefix) }`, answered without the tables for most
    /// tokens when `prefix` is one of `featureFilterPrefixes`.
    @inline(__always) func verbHas(_ t: Token, prefix: String) -> Bool {
        for f in featureKeys where f.prefix == prefix {
            if !(f.keys.contains(t.key) || (t.lower != t.fold && f.keys.contains(foldKey(t.lower)))) { return false }
            break
        }
        return verbFeatures(t).contains { $0.hasPrefix(prefix) }
    }

    /// `verbFeatures(t).contains(feature)` (a feature is a prefix of itself: same filters).
    @inline(__always) func verbHas(_ t: Token, feature: String) -> Bool {
        for f in featureKeys where feature.hasPrefix(f.prefix) {
            if !(f.keys.contains(t.key) || (t.lower != t.fold && f.keys.contains(foldKey(t.lower)))) { return false }
            break
        }
        return verbFeatures(t).contains(feature)
    }

    func lemmas(_ t: Token) -> Set<String> {
        guard mayInflect(t) else { return [] }
        return inflections.lemmas(lower: t.lower, fold: t.fold)
    }
}

/// A set of 64-bit word keys (`foldKey`) without the words: a negative answer is certain, a
/// positive one may be a collision. A blocked Bloom filter (three bits of one 64-bit word per
/// key, about 16 bits per key): small enough to stay in cache, where a table of the keys
/// themselves (tens of thousands of forms) would miss it at every probe.
struct KeyFilter: Sendable {
    private var words: [UInt64]
    private var mask: Int

    init(_ keys: [UInt64]) {
        var cap = 64
        while cap * 4 < keys.count { cap *= 2 }
        mask = cap - 1
        words = [UInt64](repeating: 0, count: cap)
        for k in keys {
            let (w, bits) = KeyFilter.probe(k, mask)
            words[w] |= bits
        }
    }

    /// The keys of the forms of inflections.tsv (first column): every form's bytes as written
    /// and folded, so that both lookups of `Inflections.analyses` (by lower-case form, then by
    /// folded form) are covered; and the same for the rows whose features (third column) begin
    /// with each of `featurePrefixes`. Comment lines add keys that match nothing: a superset is
    /// all a filter needs. No file: no keys (and `Inflections` is then empty too).
    static func forms(of path: String, featurePrefixes: [String]) -> (KeyFilter, [KeyFilter]) {
        let prefixes = featurePrefixes.map { Array($0.utf8) }
        var keys: [UInt64] = []
        var prefixKeys = [[UInt64]](repeating: [], count: prefixes.count)
        if let data = FileManager.default.contents(atPath: path) {
            [UInt8](data).withUnsafeBufferPointer { b in
                let n = b.count
                var i = 0
                while i < n {
                    var end = i
                    while end < n, b[end] != 0x0A { end += 1 }
                    // The first field, trimmed as `LanguageLexicon.parseTSV` trims it.
                    var e = i
                    while e < end, b[e] != 0x09 { e += 1 }
                    var lo = i, hi = e
                    while lo < hi, b[lo] == 0x20 || b[lo] == 0x0D { lo += 1 }
                    while hi > lo, b[hi - 1] == 0x20 || b[hi - 1] == 0x0D { hi -= 1 }
                    if lo < hi {
                        let field = UnsafeBufferPointer(rebasing: b[lo ..< hi])
                        var ascii = true
                        var upper = false
                        for x in field { if x >= 0x80 { ascii = false; break }; if x >= 0x41 && x <= 0x5A { upper = true } }
                        let raw = foldKey(field)
                        // Folding.fold(form), the key of `byFoldedForm` (the bytes themselves for
                        // lower-case ASCII).
                        let folded = !ascii || upper ? foldKey(Folding.keys(field).fold) : raw
                        keys.append(raw)
                        if folded != raw { keys.append(folded) }
                        // The third field (a row without one is no analysis), trimmed at its start.
                        var f3 = e + 1
                        while f3 < end, b[f3] != 0x09 { f3 += 1 }
                        var p = f3 + 1
                        while p < end, b[p] == 0x20 || b[p] == 0x0D { p += 1 }
                        if f3 < end {
                            for (k, prefix) in prefixes.enumerated()
                            where p + prefix.count <= end && prefix.indices.allSatisfy({ b[p + $0] == prefix[$0] }) {
                                prefixKeys[k].append(raw)
                                if folded != raw { prefixKeys[k].append(folded) }
                            }
                        }
                    }
                    i = end + 1
                }
            }
        }
        return (KeyFilter(keys), prefixKeys.map { KeyFilter($0) })
    }

    /// The word of a key and its three bits.
    @inline(__always) private static func probe(_ k: UInt64, _ mask: Int) -> (Int, UInt64) {
        let h = k &* 0x9E37_79B9_7F4A_7C15
        let bits: UInt64 = (1 << (h & 63)) | (1 << ((h >> 6) & 63)) | (1 << ((h >> 12) & 63))
        return (Int(truncatingIfNeeded: h >> 40) & mask, bits)
    }

    @inline(__always) func contains(_ k: UInt64) -> Bool {
        let (w, bits) = KeyFilter.probe(k, mask)
        return words.withUnsafeBufferPointer { $0[w] & bits == bits }
    }
}

/// A word's classes (records-words.tsv), rule lists (records-rule-words.tsv) and TokenFlags.
struct WordInfo: Sendable {
    var classes = ClassBits()
    var rules = ClassBits()
    var flags: TokenFlags = []
    /// In records-words.tsv (`isClassed`), even with classes `WordClass` does not know.
    var classed = false
}

/// Per token of a document, its entry in `RecordsLexicon.words` and its TokenFlags, each looked
/// up on first need and kept: `has(i, c)` is `lex.has(tokens[i], c)`, `listed(i, c)` is
/// `lex.listed(tokens[i], c)`, `flags(i)` is `lex.flags(tokens[i])`, read from arrays instead of
/// probing the tables per test (and only for the tokens some rule asks about).
final class TokenWords {
    let lex: RecordsLexicon
    let tokens: [Token]
    /// Per token: its entry, -1 for none, -2 when not looked up yet.
    private let entries: UnsafeMutablePointer<Int32>
    /// Per token: its flags once worked out (`.computed` set), `[]` before.
    private let flagBits: UnsafeMutablePointer<TokenFlags>
    let count: Int
    /// `lex.wordInfos`, `lex.classFilters`, `lex.ruleFilters` (valid while `lex` is held).
    private let infos: UnsafeMutablePointer<WordInfo>
    private let classFilters: UnsafeMutablePointer<UInt64>
    private let ruleFilters: UnsafeMutablePointer<UInt64>

    /// The normalised text the token spans point into.
    private let text: [UInt8]

    init(lex: RecordsLexicon, tokens: [Token], text: [UInt8]) {
        self.lex = lex
        self.tokens = tokens
        self.text = text
        infos = lex.wordInfos
        classFilters = lex.classFilters
        ruleFilters = lex.ruleFilters
        count = tokens.count
        let n = max(count, 1)
        entries = .allocate(capacity: n)
        entries.initialize(repeating: -2, count: n)
        flagBits = .allocate(capacity: n)
        flagBits.initialize(repeating: [], count: n)
    }

    deinit {
        entries.deallocate()
        flagBits.deallocate()
    }

    /// Token `i`'s entry in `lex.words` (-1: none), for `0 <= i < count`.
    @inline(__always) func entryIndex(_ i: Int) -> Int { entry(i) }

    /// Token `i`'s entry (-1: none), looked up the first time.
    @inline(__always) private func entry(_ i: Int) -> Int {
        let e = entries[i]
        if e != -2 { return Int(e) }
        let f = lex.words.entryIndex(tokens[i])
        entries[i] = Int32(truncatingIfNeeded: f)
        return f
    }

    /// `lex.flags(tokens[i])`, worked out the first time.
    @inline(__always) func flags(_ i: Int) -> TokenFlags {
        guard i >= 0 && i < count else { return lex.flags(tokens[i]) }
        let f = flagBits[i]
        if f.contains(.computed) { return f }
        var g: TokenFlags = []
        if lex.flagKeys.contains(tokens[i].key) {
            let e = entry(i)
            if e >= 0 { g = infos[e].flags }
        }
        // A possessive's `.head` needs its fold, which ends in "'s" only if the text ends in
        // "s", "S" or a non-ASCII byte: other tokens skip reading the String.
        let end = tokens[i].span.end
        if end > 0 && end <= text.count, case let b = text[end - 1], b != 0x73 && b != 0x53 && b < 0x80 {
            g.insert(.computed)
        } else {
            g = lex.flags(tokens[i], g)
        }
        flagBits[i] = g
        return g
    }

    @inline(__always) func has(_ i: Int, _ c: WordClass) -> Bool {
        guard i >= 0 && i < count else { return lex.has(tokens[i], c) }
        let (w, bit) = RecordsLexicon.filterBit(tokens[i].key)
        if classFilters[4 * Int(c.rawValue) + w] & bit == 0 { return false }
        let e = entry(i)
        return e >= 0 && infos[e].classes.contains(c)
    }

    @inline(__always) func listed(_ i: Int, _ c: WordClass) -> Bool {
        guard i >= 0 && i < count else { return lex.listed(tokens[i], c) }
        let (w, bit) = RecordsLexicon.filterBit(tokens[i].key)
        if ruleFilters[4 * Int(c.rawValue) + w] & bit == 0 { return false }
        let e = entry(i)
        return e >= 0 && infos[e].rules.contains(c)
    }

    /// `lex.isClassed(tokens[i])`.
    @inline(__always) func isClassed(_ i: Int) -> Bool {
        guard i >= 0 && i < count else { return lex.isClassed(tokens[i]) }
        let e = entry(i)
        return e >= 0 && infos[e].classed
    }
}

/// What a token is to the records stage, found once per token of a document (DocumentRun) with
/// one probe of the token's key, for the tests made of every token.
struct TokenFlags: OptionSet, Sendable {
    let rawValue: UInt8
    /// A role noun of a case (a role other than "other" and "agent": "applicant", "cour").
    static let caseHead = TokenFlags(rawValue: 1)
    /// A cue pattern may begin with it.
    static let cueStart = TokenFlags(rawValue: 2)
    /// A subject pronoun (RecordsLexicon.pronounClass).
    static let pronoun = TokenFlags(rawValue: 4)
    /// A role noun or its plural (`head(_:)`), a possessive by its base ("Government's").
    static let head = TokenFlags(rawValue: 8)
    /// In the rule list `court-self` ("this" of "this court"); set by the word table only
    /// (`TokenWords.lookUp`), for DocumentRun's list of them.
    static let courtSelf = TokenFlags(rawValue: 0x10)
    /// The flags were computed (a token outside every sentence has none).
    static let computed = TokenFlags(rawValue: 0x80)
}
