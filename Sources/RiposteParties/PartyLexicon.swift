import RiposteText
import RiposteSegment
import RiposteLexicon
import RiposteNormalize

/// The party lexicons of one language (Lexicons/<lang>/parties-*.tsv|txt, pronouns.tsv), read
/// once into hash tables keyed by folded token forms. A class: every document pass holds it, and a
/// struct of some thirty tables would be retained and released table by table for each document.
final class PartyLexicon {
    enum Gender: Character { case masculine = "m", feminine = "f", unknown = "-" }
    struct Title { let gender: Gender; let plural: Bool }
    enum OrgPosition: String { case head, suffix, any }
    struct OrgWord { let position: OrgPosition; let kind: PartyKind }
    enum NounUse: String { case party, both, anaphor, role, spokesperson }
    /// A class: candidates and match results pass nouns around, and a reference copies for one
    /// retain where a struct would retain each of its strings and arrays.
    final class Noun {
        let words: [String]
        /// `wordKey` of each word: matched against token keys without comparing strings.
        let wordKeys: [UInt64]
        let kind: PartyKind
        let plural: Bool
        let use: NounUse
        let gender: Gender
        /// Parties sharing a key are one party ("respondent government" and "government").
        let key: String
        /// `wordKey(key)`, and that of "^" + key (the party a capitalised "Court" speaks for).
        let keyHash: UInt64
        let capitalKeyHash: UInt64
        let needsCapital: Bool
        init(words: [String], kind: PartyKind, plural: Bool, use: NounUse, gender: Gender, key: String, needsCapital: Bool) {
            self.words = words; self.wordKeys = words.map(PartyLexicon.wordKey); self.kind = kind; self.plural = plural
            self.use = use; self.gender = gender; self.key = key; self.needsCapital = needsCapital
            keyHash = PartyLexicon.wordKey(key); capitalKeyHash = PartyLexicon.wordKey("^" + key)
        }
    }
    enum DeterminerType: String { case article, indefinite, demonstrative, possessive, quantifier }
    enum PronounRef: String { case person, any, nonperson, `self` }
    struct Pronoun { let gender: Gender; let plural: Bool; let refers: PronounRef }

    let titles: [String: Title]
    let particles: Set<String>
    let orgWords: [String: OrgWord]
    /// Noun phrases indexed by their first folded token, longest first.
    let nouns: [String: [Noun]]
    let determiners: [String: DeterminerType]
    let pronouns: [String: Pronoun]
    let impersonal: Set<String>
    let notPartyNames: Set<String>
    let notPartyWords: Set<String>
    let notPartyStarts: Set<String>
    let placePrepositions: Set<String>
    let targetPrepositions: Set<String>
    let conjunctions: Set<String>
    let impersonalComplements: Set<String>
    /// Copulas by first word ("serves as" → ["serves", "as"]).
    let copulas: [String: [[String]]]
    /// `copulas` by word keys.
    let copulaKeys: WordKeyMap<[[UInt64]]>
    /// Word keys (`wordKey` of the whole folded phrase) of `countries`, `notPartyNames` and
    /// `impersonalComplements`: probed with integer keys rather than by hashing strings.
    let countryKeys: WordKeySet
    let notPartyNameKeys: WordKeySet
    let impersonalComplementKeys: WordKeySet
    let adjectiveEndings: [String]
    let adjectiveEndingBytes: [[UInt8]]
    let adjectiveWords: Set<String>
    let countries: Set<String>
    let pseudonyms: Set<String>
    let stopwords: Set<String>
    let inflections: Inflections

    /// Everything the lexicons say about one folded word, so that the recogniser does one hash
    /// lookup per token and then reads fields.
    struct WordInfo {
        struct Flags: OptionSet {
            let rawValue: UInt16
            static let stopword = Flags(rawValue: 1 << 0)
            static let particle = Flags(rawValue: 1 << 1)
            static let placePreposition = Flags(rawValue: 1 << 2)
            static let targetPreposition = Flags(rawValue: 1 << 3)
            static let conjunction = Flags(rawValue: 1 << 4)
            static let notPartyStart = Flags(rawValue: 1 << 5)
            static let notPartyWord = Flags(rawValue: 1 << 6)
            static let impersonal = Flags(rawValue: 1 << 7)
        }
        var flags: Flags = []
        var title: Title?
        var org: OrgWord?
        var det: DeterminerType?
        var pronoun: Pronoun?
        /// Index in `nounLists` of the noun phrases that start with this word (-1: none). An index,
        /// not the array, so that WordInfo holds no reference and copies cost nothing.
        var nounList: Int32 = -1
        static let none = WordInfo()
    }
    /// Facts by `wordKey` of the folded word.
    let info: [UInt64: WordInfo]
    /// `info` in a table that does not hash its (already hashed) keys again.
    let infoTable: WordKeyMap<WordInfo>
    /// Two bits per key of `info` (a Bloom filter of 32 768 bits, in the first-level cache): most
    /// words of a text are in no party lexicon, and the filter turns them away without a probe.
    private let infoFilter: [UInt64]
    @inline(__always) private static func filterBits(_ key: UInt64) -> (Int, Int) {
        let m = key &* 0x9E37_79B9_7F4A_7C15
        return (Int(truncatingIfNeeded: m >> 49), Int(truncatingIfNeeded: (m >> 34) & 0x7FFF))
    }
    /// `infoTable[key]`, the filter asked first.
    @inline(__always) func wordInfo(_ key: UInt64) -> WordInfo? {
        let (a, b) = PartyLexicon.filterBits(key)
        guard infoFilter[a >> 6] & (1 << UInt64(a & 63)) != 0, infoFilter[b >> 6] & (1 << UInt64(b & 63)) != 0 else { return nil }
        return infoTable[key]
    }
    let nounLists: [[Noun]]

    /// A 64-bit FNV-1a key of a folded word: hashing and comparing an integer is much cheaper than a
    /// String, and with a few thousand lexicon words a collision is out of reach in practice.
    @inline(__always) static func wordKey(_ s: String) -> UInt64 { foldKey(s) }

    init(language: Language, lexicon: LanguageLexicon) {
        // Built in locals, stored once at the end: the tables are constants, so that reading them
        // (per word, per candidate) needs no run-time exclusivity check.
        var titles: [String: Title] = [:]
        var particles: Set<String> = []
        var orgWords: [String: OrgWord] = [:]
        var nouns: [String: [Noun]] = [:]
        var determiners: [String: DeterminerType] = [:]
        var pronouns: [String: Pronoun] = [:]
        var impersonal: Set<String> = []
        var notPartyNames: Set<String> = []
        var notPartyWords: Set<String> = []
        var notPartyStarts: Set<String> = []
        var placePrepositions: Set<String> = []
        var targetPrepositions: Set<String> = []
        var conjunctions: Set<String> = []
        var impersonalComplements: Set<String> = []
        var copulas: [String: [[String]]] = [:]
        var copulaKeys: WordKeyMap<[[UInt64]]> = WordKeyMap<[[UInt64]]>()
        var countryKeys: WordKeySet = WordKeySet()
        var notPartyNameKeys: WordKeySet = WordKeySet()
        var impersonalComplementKeys: WordKeySet = WordKeySet()
        var adjectiveEndings: [String] = []
        var adjectiveEndingBytes: [[UInt8]] = []
        var adjectiveWords: Set<String> = []
        var countries: Set<String> = []
        var pseudonyms: Set<String> = []
        var stopwords: Set<String> = []
        var info: [UInt64: WordInfo] = [:]
        var infoTable: WordKeyMap<WordInfo> = WordKeyMap<WordInfo>()
        var infoFilter: [UInt64] = [UInt64](repeating: 0, count: 512)
        var nounLists: [[Noun]] = []
        inflections = lexicon.inflections
        // Phrases in the files are cut into tokens the way the tokenizer cuts text, so that
        // "cour d'appel" matches the tokens "cour", "d'", "appel".
        let tokenizer = try? Tokenizer(data: SegmenterData(language: language, lexicon: lexicon))
        func words(_ phrase: String) -> [String] {
            if let tokenizer, let toks = try? tokenizer.tokenize(Array(phrase.utf8)), !toks.isEmpty {
                return toks.map(\.fold)
            }
            return phrase.split(separator: " ").map(String.init)
        }
        func gender(_ s: String) -> Gender { Gender(rawValue: s.first ?? "-") ?? .unknown }
        for r in lexicon.table("parties-titles") { titles[r[0]] = Title(gender: gender(r[1]), plural: r[2] == "p") }
        particles = lexicon.list("parties-particles")
        for r in lexicon.table("parties-org-words") {
            orgWords[r[0]] = OrgWord(position: OrgPosition(rawValue: r[1]) ?? .any, kind: PartyKind(rawValue: r[2]) ?? .organization)
        }
        for r in lexicon.table("parties-nouns") {
            let w = words(r[0])
            guard let first = w.first, let use = NounUse(rawValue: r[3]) else { continue }
            let n = Noun(words: w, kind: PartyKind(rawValue: r[1]) ?? .unknown, plural: r[2] == "p", use: use,
                         gender: gender(r[4]), key: r[5].isEmpty ? w.joined(separator: " ") : r[5],
                         needsCapital: r[6] == "cap")
            nouns[first, default: []].append(n)
        }
        for k in nouns.keys { nouns[k]!.sort { $0.words.count > $1.words.count } }
        for r in lexicon.table("parties-determiners") { determiners[r[0]] = DeterminerType(rawValue: r[1]) ?? .article }
        for r in lexicon.table("pronouns") {
            pronouns[r[0]] = Pronoun(gender: gender(r[1]), plural: r[2] == "p", refers: PronounRef(rawValue: r[3]) ?? .any)
        }
        impersonal = lexicon.list("parties-impersonal")
        for r in lexicon.table("parties-not-parties") {
            let key = words(r[0]).joined(separator: " ")
            switch r[1] {
            case "word": notPartyWords.insert(key)
            case "start": notPartyStarts.insert(key)
            default: notPartyNames.insert(key)
            }
        }
        placePrepositions = lexicon.list("parties-place-prepositions")
        targetPrepositions = lexicon.list("parties-target-prepositions")
        conjunctions = lexicon.list("parties-conjunctions")
        impersonalComplements = lexicon.list("parties-impersonal-complements")
        for c in lexicon.list("parties-copulas") {
            let ws = words(c)
            if let f = ws.first { copulas[f, default: []].append(ws) }
        }
        // Endings keep their accents ("-é" is not "-e"); whole words match folded.
        for a in lexicon.list("parties-adjectives", folded: false) {
            if a.hasPrefix("-") { adjectiveEndings.append(String(a.dropFirst())) } else { adjectiveWords.insert(Folding.fold(a)) }
        }
        adjectiveEndingBytes = adjectiveEndings.map { Array($0.utf8) }
        for c in lexicon.list("parties-countries") { countries.insert(words(c).joined(separator: " ")) }
        for p in lexicon.list("parties-pseudonyms") { pseudonyms.insert(words(p).joined(separator: " ")) }
        stopwords = lexicon.list("stopwords")

        let key = PartyLexicon.wordKey
        for (k, v) in titles { info[key(k), default: .none].title = v }
        for (k, v) in orgWords { info[key(k), default: .none].org = v }
        for (k, v) in determiners { info[key(k), default: .none].det = v }
        for (k, v) in pronouns { info[key(k), default: .none].pronoun = v }
        for (k, v) in nouns {
            info[key(k), default: .none].nounList = Int32(nounLists.count)
            nounLists.append(v)
        }
        let flagged: [(Set<String>, WordInfo.Flags)] = [
            (stopwords, .stopword), (particles, .particle), (placePrepositions, .placePreposition),
            (targetPrepositions, .targetPreposition), (conjunctions, .conjunction), (notPartyStarts, .notPartyStart),
            (notPartyWords, .notPartyWord), (impersonal, .impersonal),
        ]
        for (set, flag) in flagged { for k in set { info[key(k), default: .none].flags.insert(flag) } }
        infoTable = WordKeyMap(info)
        for k in info.keys {
            let (a, b) = PartyLexicon.filterBits(k)
            infoFilter[a >> 6] |= 1 << UInt64(a & 63)
            infoFilter[b >> 6] |= 1 << UInt64(b & 63)
        }
        for (f, list) in copulas { copulaKeys[key(f)] = list.map { $0.map(key) } }
        for c in countries { countryKeys.insert(key(c)) }
        for c in notPartyNames { notPartyNameKeys.insert(key(c)) }
        for c in impersonalComplements { impersonalComplementKeys.insert(key(c)) }
        self.titles = titles
        self.particles = particles
        self.orgWords = orgWords
        self.nouns = nouns
        self.determiners = determiners
        self.pronouns = pronouns
        self.impersonal = impersonal
        self.notPartyNames = notPartyNames
        self.notPartyWords = notPartyWords
        self.notPartyStarts = notPartyStarts
        self.placePrepositions = placePrepositions
        self.targetPrepositions = targetPrepositions
        self.conjunctions = conjunctions
        self.impersonalComplements = impersonalComplements
        self.copulas = copulas
        self.copulaKeys = copulaKeys
        self.countryKeys = countryKeys
        self.notPartyNameKeys = notPartyNameKeys
        self.impersonalComplementKeys = impersonalComplementKeys
        self.adjectiveEndings = adjectiveEndings
        self.adjectiveEndingBytes = adjectiveEndingBytes
        self.adjectiveWords = adjectiveWords
        self.countries = countries
        self.pseudonyms = pseudonyms
        self.stopwords = stopwords
        self.info = info
        self.infoTable = infoTable
        self.infoFilter = infoFilter
        self.nounLists = nounLists
    }

    /// True when a folded token is an inflected verb form (the next word after a subject).
    func isVerb(_ t: Token) -> Bool { !inflections.analyses(lower: t.lower, fold: t.fold).isEmpty }

    /// Looks like a French adjective (listed, or with an adjective ending). Endings are compared
    /// on UTF-8 bytes (accents kept: "-é" is not "-e").
    func looksAdjective(_ t: Token) -> Bool {
        if adjectiveWords.contains(t.fold) { return true }
        let word = Array(t.lower.utf8)
        for e in adjectiveEndingBytes where word.count > e.count + 2 && word.suffix(e.count).elementsEqual(e) { return true }
        return false
    }
}
