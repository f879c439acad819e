import RiposteText
import RiposteSegment
import RiposteLexicon
import Synchronization

/// Finds the parties of a document: named persons and organisations (capitalised sequences with
/// titles, particles, initials, organisation words, acronyms, parenthetical definitions),
/// pseudonyms ("M. [P]", "X…", "Customer A"), institutions, courts and groups named by common
/// nouns ("the applicant", "la cour d'appel", "les témoins"), and the words that refer back to them
/// (surnames, short names, "l'entreprise", "son ex-employé", subject pronouns).
///
/// The work is linear in tokens: every decision is a hash lookup on `Token.fold`; names are indexed
/// by key, so an alias is matched in O(1) whatever the length of the document.
public final class PartyRecognizer {
    public let language: Language
    let lexicon: LanguageLexicon
    let lex: PartyLexicon

    public init(language: Language, lexicon: LanguageLexicon) {
        self.language = language
        self.lexicon = lexicon
        lex = PartyLexicon(language: language, lexicon: lexicon)
    }

    /// `DocumentPass.verbCache`, handed from one document to the next: a document asks about
    /// much the same words as the one before it, and the inflection tables are slow to ask.
    let verbCache = Mutex<WordKeyMap<Bool>?>(nil)

    public func recognize(_ text: SegmentedText) -> PartySet {
        var pass = DocumentPass(text: text, lex: lex, language: language)
        // Taken, not shared: a recogniser used by two threads at once gives the second an empty one.
        if let cache = verbCache.withLock({ c -> WordKeyMap<Bool>? in defer { c = nil }; return c }) { pass.verbCache = cache }
        let parties = pass.run()
        // Bounded: a very long run starts again rather than grow without end.
        if pass.verbCache.count < 1 << 18 { verbCache.withLock { $0 = pass.verbCache } }
        return parties
    }
}

/// One candidate mention found by the left-to-right scan.
struct Candidate {
    enum Source { case name, pseudonym, noun, alias }
    var source: Source
    var kind: PartyKind
    var strong: Bool
    var gender: PartyLexicon.Gender = .unknown
    var plural = false
    var possessive = false
    var descriptorPossessive = false
    var isTitled = false
    /// Whole mention (title or determiner included).
    var range: Range<Int>
    /// The name proper (no title, no determiner).
    var nameRange: Range<Int>
    /// A pseudonym's folded key (dots and ellipses left out, spaces trimmed), as an index in
    /// `DocumentPass.pseudonymKeys` (-1 for the others: their key is `foldKey(nameRange)`, only
    /// ever hashed or cut into words, so it is read from the tokens rather than built as a String).
    /// An index, not a String: a candidate holds no reference, so copying one is a plain copy.
    private(set) var pseudonymKey: Int32 = -1
    /// `wordKey` of the folded key of the name (`emptyKeyHash` when the sequence is not a party):
    /// the party tables are keyed by it.
    private(set) var keyHash: UInt64
    /// The sequence is not a party (its key is empty).
    var keyIsEmpty: Bool { keyHash == emptyKeyHash }
    /// Unowned: the nouns live in the lexicon, which outlives every candidate; a counted reference
    /// would be retained and released at each copy of a candidate.
    unowned(unsafe) var noun: PartyLexicon.Noun?
    unowned(unsafe) var descriptorNoun: PartyLexicon.Noun?
    /// Key (hashed) of the bare noun when an adjective or complement extends it ("gouvernement français").
    var headKey: UInt64?
    // The rest is stored in 32 bits (token and candidate indices), behind full-width accessors:
    // candidates are copied and scanned often, and half the size is half the memory traffic.
    private var words32: Int32, sentence32: Int32, party32: Int32 = -1, linkTo32: Int32 = -1, owner32: Int32 = -1
    private var descriptor32 = OptionalRange32(), role32 = OptionalRange32(), roleMention32 = OptionalRange32()
    private var complement32 = OptionalRange32()

    var words: Int { get { Int(words32) } set { words32 = Int32(newValue) } }
    var sentence: Int { get { Int(sentence32) } set { sentence32 = Int32(newValue) } }
    var party: Int { get { Int(party32) } set { party32 = Int32(newValue) } }
    /// For a parenthetical alias: the candidate it defines.
    var linkTo: Int? { get { linkTo32 < 0 ? nil : Int(linkTo32) } set { linkTo32 = newValue.map { Int32($0) } ?? -1 } }
    /// "the applicant's representative": the candidate naming the owner (the party acts for it).
    var owner: Int? { get { owner32 < 0 ? nil : Int(owner32) } set { owner32 = newValue.map { Int32($0) } ?? -1 } }
    /// A description before the name ("son ancien responsable commercial", "le constructeur").
    var descriptor: Range<Int>? { get { descriptor32.value } set { descriptor32.value = newValue } }
    /// A role in apposition after the name, with and without its determiner.
    var role: Range<Int>? { get { role32.value } set { role32.value = newValue } }
    var roleMention: Range<Int>? { get { roleMention32.value } set { roleMention32.value = newValue } }
    /// For a standalone spokesperson: the complement naming the organisation.
    var complement: Range<Int>? { get { complement32.value } set { complement32.value = newValue } }

    /// The key hash of `foldKey(nameRange)` (`DocumentPass.keyHash`).
    mutating func setKeyHash(_ h: UInt64) { pseudonymKey = -1; keyHash = h }

    /// `keyHash`: `DocumentPass.keyHash(nameRange)`, or `wordKey(pseudonymKey)` for a pseudonym.
    init(source: Source, range: Range<Int>, nameRange: Range<Int>, keyHash: UInt64, pseudonymKey: Int32 = -1, words: Int,
         kind: PartyKind, strong: Bool, sentence: Int) {
        self.source = source; self.range = range; self.nameRange = nameRange; self.pseudonymKey = pseudonymKey
        self.keyHash = keyHash
        words32 = Int32(words); self.kind = kind; self.strong = strong; sentence32 = Int32(sentence)
    }
}

/// An optional token range in two 32-bit bounds (a lower bound of -1 for none).
struct OptionalRange32 {
    var lower: Int32 = -1, upper: Int32 = -1
    var value: Range<Int>? {
        @inline(__always) get { lower < 0 ? nil : Int(lower) ..< Int(upper) }
        @inline(__always) set {
            if let r = newValue { lower = Int32(r.lowerBound); upper = Int32(r.upperBound) } else { lower = -1; upper = -1 }
        }
    }
}

/// Hashed keys the recogniser compares with (see `PartyLexicon.wordKey`).
let emptyKeyHash = PartyLexicon.wordKey("")
let weKeyHash = PartyLexicon.wordKey("we")

struct PronounEvent {
    var token: Int
    var sentence: Int
    var pronoun: PartyLexicon.Pronoun
    var initial: Bool
    var party = -1
}

/// A party being built.
struct PartyBuilder {
    var kind: PartyKind
    var plural: Bool
    var gender: PartyLexicon.Gender
    /// `wordKey` of the party's key.
    var key: UInt64
    var fromNoun: Bool
    var mentions: [(range: Range<Int>, nameRange: Range<Int>, sentence: Int, form: Mention.Form)] = []
    var role: String?
    /// Word keys of the role's words (a handful: a list beats a set).
    var roleWords: [UInt64] = []
    var affiliation: Int?
    var headKey: UInt64?
    /// Word keys of the nouns the text uses for this party ("ong", "constructeur", words of its
    /// name): a later "l'ONG" or "la fédération" goes to the party it already described.
    var nounWords: [UInt64] = []

    mutating func addNounWord(_ k: UInt64) { if !nounWords.contains(k) { nounWords.append(k) } }
    /// The space-separated words of a key, hashed from its bytes (no String per word).
    mutating func addNounWords(of key: String) {
        var h = FNV.basis, n = 0
        for b in key.utf8 {
            if b == 0x20 {
                if n > 0 { addNounWord(h) }
                h = FNV.basis; n = 0
            } else {
                h = FNV.add(h, b); n += 1
            }
        }
        if n > 0 { addNounWord(h) }
    }
}

/// The scan and naming of one document. A struct with mutating methods, not a class: its
/// candidates, builders and key maps, read and written per candidate, would as class properties
/// be checked for exclusive access at run time on every access. Being large, the pass is copied
/// (bitwise, some 470 bytes) to call a non-mutating method from a mutating one unless the call is
/// inlined: the helpers the scan calls again and again are therefore inlined or `mutating`
/// though they change nothing, and mutating methods use loops rather than closures that read
/// the pass (such a closure copies it, with a retain of every array).
struct DocumentPass {
    let text: SegmentedText
    let lex: PartyLexicon
    let language: Language
    let tokens: [Token]
    /// Token folds, an English genitive without its ending.
    let keys: Folds
    /// Per-token facts, each in a bit of one byte per token (`Fact`), read through views so that a
    /// document allocates and fills a few bytes per token rather than an array per fact.
    let facts: [UInt8]
    let cap: FactView
    let possessiveToken: FactView
    /// Tokens that can start nothing the scan looks for (not capitalised, not "[", no determiner,
    /// party noun or pronoun): most of the text, skipped at once.
    let inert: FactView
    let inQuote: FactView
    /// Lexicon facts about each token's word (one hash lookup per distinct word of the document).
    let w: InfoView
    /// Word key (`PartyLexicon.wordKey`) of each token's fold.
    let hashes: KeyView
    /// Index of the first word (or abbreviation) of each sentence.
    let firstWord: [Int]
    /// The distinct words of the document, and the index in it of each token's word.
    let words: DocumentWords
    let wordOf: [Int32]
    /// The byte of a one-byte token (punctuation: ",", "(", "["), else 0.
    let byte: [UInt8]
    /// `isVerb` by word (lower-case and folded forms), asked of the inflection tables once each.
    var verbCache = WordKeyMap<Bool>()
    var candidates: [Candidate] = []
    /// The keys of pseudonym candidates (`Candidate.pseudonymKey`).
    var pseudonymKeys: [String] = []
    var pronouns: [PronounEvent] = []
    var builders: [PartyBuilder] = []
    /// Parties by the key of their own name (and noun parties by their noun key).
    var partyOfKey = WordKeyMap<Int>()
    /// Parties by a shorter key (surname, first word, initials, parenthetical definition); a key
    /// claimed by two parties is ambiguous and dropped.
    var aliasOfKey = WordKeyMap<Int>()
    var ambiguousKeys = WordKeySet()
    /// End of the last capitalised sequence rejected as a law, a document or a place.
    var lastNonParty = 0

    /// Bits of `facts`; the last four only serve the quotation pass of `init`.
    enum Fact {
        static let cap: UInt8 = 1, possessive: UInt8 = 2, inert: UInt8 = 4, inQuote: UInt8 = 8
        static let word: UInt8 = 16, straightQuote: UInt8 = 32, openQuote: UInt8 = 64, closeQuote: UInt8 = 128
    }
    struct FactView {
        let facts: [UInt8]
        let bit: UInt8
        @inline(__always) subscript(_ i: Int) -> Bool { facts[i] & bit != 0 }
    }
    struct InfoView {
        let info: UnsafeMutablePointer<PartyLexicon.WordInfo>
        let wordOf: [Int32]
        @inline(__always) subscript(_ i: Int) -> PartyLexicon.WordInfo { info[Int(wordOf[i])] }
    }
    struct KeyView {
        let keys: UnsafeMutablePointer<UInt64>
        let wordOf: [Int32]
        @inline(__always) subscript(_ i: Int) -> UInt64 { keys[Int(wordOf[i])] }
    }

    /// Token folds as the recogniser matches them: an English genitive is looked up without its
    /// ending ("applicant's" as "applicant"). Only those few are stored apart.
    struct Folds {
        let tokens: [Token]
        let possessive: FactView
        let stripped: [Int: String]
        @inline(__always) subscript(_ i: Int) -> String { possessive[i] ? stripped[i]! : tokens[i].fold }
    }

    init(text: SegmentedText, lex: PartyLexicon, language: Language) {
        self.text = text
        self.lex = lex
        self.language = language
        let tokens = text.tokens
        self.tokens = tokens
        let n = tokens.count
        let bytes = text.text
        var facts: [UInt8] = [], byte: [UInt8] = []
        var stripped: [Int: String] = [:]
        // The quotation marks, in text order (a few per document).
        var quotes: [Int32] = []
        let words = DocumentWords(maximum: n)
        let english = language == .en
        // Filled through buffer pointers: per-token appends pay a uniqueness and capacity check each.
        // Allocated uninitialised: the loop writes every element of the three.
        let wordOf = [Int32](unsafeUninitializedCapacity: n) { wordP, wordCount in
        byte = [UInt8](unsafeUninitializedCapacity: n) { byteP, byteCount in
        facts = [UInt8](unsafeUninitializedCapacity: n) { factP, factCount in
        tokens.withUnsafeBufferPointer { tp in bytes.withUnsafeBufferPointer { bp in
            for i in 0 ..< n {
                let kind = tp[i].kind
                let capitalized = tp[i].isCapitalized
                let span = tp[i].span
                var h = tp[i].key
                var f: UInt8 = 0
                // English genitive: "applicant's" is looked up as "applicant". ASCII folds to itself
                // (lower-cased): only a token whose text ends in an apostrophe, a non-ASCII byte, or
                // s/S after an apostrophe or a non-ASCII byte can have a fold ending in ' or 's.
                if english, kind == .word, span.length > 1 {
                    let z = bp[span.end - 1], y = bp[span.end - 2]
                    if z == 0x27 || z == 0x60 || z >= 0x80 || (z == 0x73 || z == 0x53) && (y == 0x27 || y == 0x60 || y >= 0x80) {
                        var k = tp[i].fold
                        var c = 0, last: UInt8 = 0, before: UInt8 = 0
                        if let r = k.utf8.withContiguousStorageIfAvailable({ buf -> (Int, UInt8, UInt8) in
                            (buf.count, buf.count > 0 ? buf[buf.count - 1] : 0, buf.count > 1 ? buf[buf.count - 2] : 0)
                        }) {
                            (c, last, before) = r
                        } else {
                            for b in k.utf8 { before = last; last = b; c += 1 }
                        }
                        var poss = false
                        if c > 2, last == 0x73, before == 0x27 { k.removeLast(2); poss = true }
                        // Plural genitive: "Miles'", "defendants'".
                        else if c > 2, last == 0x27 { k.removeLast(1); poss = true }
                        if poss {
                            f |= Fact.possessive
                            h = PartyLexicon.wordKey(k)
                            stripped[i] = k
                        }
                    }
                }
                let isCap = capitalized && (kind == .word || kind == .abbreviation)
                if isCap { f |= Fact.cap }
                let b1: UInt8 = span.length == 1 ? bp[span.start] : 0
                byteP[i] = b1
                let d = words.index(h, lex)
                wordP[i] = Int32(d)
                if !isCap, b1 != 0x5B, words.startsNothing[d] { f |= Fact.inert }
                if kind == .word || kind == .abbreviation { f |= Fact.word }
                else if kind == .quote || kind == .punctuation || kind == .symbol {
                    // « » (C2 AB, C2 BB), “ ” (E2 80 9C, E2 80 9D), straight ".
                    let a = bp[span.start]
                    let z = bp[span.end - 1]
                    if a == 0x22 { f |= Fact.straightQuote }
                    else if span.length == 2, a == 0xC2 { f |= z == 0xAB ? Fact.openQuote : z == 0xBB ? Fact.closeQuote : 0 }
                    else if span.length == 3, a == 0xE2 { f |= z == 0x9C ? Fact.openQuote : z == 0x9D ? Fact.closeQuote : 0 }
                    if f & (Fact.straightQuote | Fact.openQuote | Fact.closeQuote) != 0 { quotes.append(Int32(i)) }
                }
                factP[i] = f
                if kind == .word {
                    if !capitalized { words.lowerSeen[d] = true }
                    else if span.length >= 2 {
                        // An all-capitals word: counted, a repeated acronym is an actor.
                        var upper = true
                        for b in bp[span.start ..< span.end] where b >= 0x61 && b <= 0x7A { upper = false; break }
                        if upper { words.acronyms[d] += 1 }
                    }
                }
            }
        } }
            factCount = n
        }
            byteCount = n
        }
            wordCount = n
        }
        var firstWord: [Int] = []
        firstWord.reserveCapacity(text.sentences.count)
        // Quotation depth: pronouns inside quotations speak for the quoted person, not the writer.
        // It changes only at quotation marks: each sentence is read from one mark to the next
        // (the tokens between two marks marked at once when quoted), not token by token. Marks
        // outside every sentence count for nothing; a new paragraph closes every quotation.
        var depth = 0
        var straight = false
        var paragraph = -1
        var q = 0
        facts.withUnsafeMutableBufferPointer { factP in
            for s in text.sentences {
                if s.paragraph != paragraph { paragraph = s.paragraph; depth = 0; straight = false }
                let lo = s.tokens.lowerBound, hi = s.tokens.upperBound
                var first = lo
                while first < hi, factP[first] & Fact.word == 0 { first += 1 }
                firstWord.append(first)
                while q < quotes.count, Int(quotes[q]) < lo { q += 1 }
                var k = lo
                while k < hi {
                    let p = q < quotes.count && Int(quotes[q]) < hi ? Int(quotes[q]) : hi
                    if depth > 0 || straight { for t in k ..< p { factP[t] |= Fact.inQuote } }
                    if p == hi { break }
                    let m = factP[p]
                    if m & Fact.straightQuote != 0 { straight.toggle() }
                    else if m & Fact.openQuote != 0 { depth += 1 }
                    else if m & Fact.closeQuote != 0 { depth = max(0, depth - 1) }
                    if depth > 0 || straight { factP[p] = m | Fact.inQuote }
                    q += 1
                    k = p + 1
                }
            }
        }
        self.facts = facts
        cap = FactView(facts: facts, bit: Fact.cap)
        possessiveToken = FactView(facts: facts, bit: Fact.possessive)
        inert = FactView(facts: facts, bit: Fact.inert)
        inQuote = FactView(facts: facts, bit: Fact.inQuote)
        keys = Folds(tokens: tokens, possessive: possessiveToken, stripped: stripped)
        w = InfoView(info: words.info, wordOf: wordOf)
        hashes = KeyView(keys: words.keys, wordOf: wordOf)
        self.byte = byte; self.words = words; self.wordOf = wordOf
        self.firstWord = firstWord
    }

    /// The token's word is written in lower case somewhere in the document ("plaintiffs" in lower
    /// case makes a sentence-initial "Plaintiffs" a common word).
    @inline(__always) func lowerSeen(_ i: Int) -> Bool { words.lowerSeen[Int(wordOf[i])] }
    /// How often the token's word occurs in capitals (an acronym used again and again is an actor).
    @inline(__always) func acronymCount(_ i: Int) -> Int { Int(words.acronyms[Int(wordOf[i])]) }

    // MARK: token helpers

    /// The lexicon's noun phrases starting at token `i`.
    @inline(__always) func nouns(_ i: Int) -> [PartyLexicon.Noun]? {
        let n = w[i].nounList
        return n >= 0 ? lex.nounLists[Int(n)] : nil
    }

    func span(_ r: Range<Int>) -> ByteSpan {
        var end = tokens[r.upperBound - 1].span.end
        if possessiveToken[r.upperBound - 1] {
            // Leave the genitive ending out of the mention: "applicant" in "applicant's".
            let t = tokens[r.upperBound - 1].span
            var b = t.end - 1
            while b > t.start, text.text[b] != 0x27, text.text[b] != 0x99 { b -= 1 }
            if text.text[b] == 0x99, b >= t.start + 2 { b -= 2 }
            if b > t.start { end = b }
        }
        return ByteSpan(tokens[r.lowerBound].span.start, end)
    }
    func surface(_ r: Range<Int>) -> String { text.string(span(r)) }
    /// Folded key of a token range: token folds, a space where the text has one, quotes left out.
    @inline(__always) func foldKey(_ r: Range<Int>) -> String {
        var out = ""
        for i in r where tokens[i].kind != .quote {
            if !out.isEmpty, tokens[i].spaceBefore { out += " " }
            out += keys[i]
        }
        return out
    }
    /// The bytes of `foldKey(r)`, one by one, without building the String. `any`: bytes of the key
    /// came before `r` (a space may then open it).
    @inline(__always) func forEachKeyByte(_ r: Range<Int>, any: Bool = false, _ body: (UInt8) -> Void) {
        var any = any
        for i in r where tokens[i].kind != .quote {
            if any, tokens[i].spaceBefore { body(0x20) }
            var fold = possessiveToken[i] ? keys.stripped[i]! : tokens[i].fold
            fold.withUTF8 { buf in
                if !buf.isEmpty { any = true }
                for b in buf { body(b) }
            }
        }
    }
    /// `PartyLexicon.wordKey(foldKey(r))`. FNV-1a runs byte by byte from its basis, so the state
    /// after the first token's fold is that fold's word key, known already (`hashes`): a one-word
    /// name costs no String access at all.
    @inline(__always) func keyHash(_ r: Range<Int>) -> UInt64 {
        var i = r.lowerBound
        while i < r.upperBound, tokens[i].kind == .quote { i += 1 }
        guard i < r.upperBound else { return FNV.basis }
        var h = hashes[i]
        // A genitive's stripped fold keeps at least one byte (see `init`).
        let any = possessiveToken[i] || !tokens[i].fold.isEmpty
        forEachKeyByte(i + 1 ..< r.upperBound, any: any) { h = FNV.add(h, $0) }
        return h
    }
    /// A pseudonym's candidate: its key given as a String (kept in `pseudonymKeys`).
    mutating func pseudonym(range: Range<Int>, nameRange: Range<Int>, key: String, kind: PartyKind, sentence: Int) -> Candidate {
        pseudonymKeys.append(key)
        return Candidate(source: .pseudonym, range: range, nameRange: nameRange, keyHash: PartyLexicon.wordKey(key),
                  pseudonymKey: Int32(pseudonymKeys.count - 1),
                  words: 1, kind: kind, strong: true, sentence: sentence)
    }
    func isPunct(_ i: Int) -> Bool {
        let k = tokens[i].kind
        return k == .punctuation || k == .quote || k == .symbol
    }
    @inline(__always) func isAllCaps(_ i: Int) -> Bool {
        guard cap[i] else { return false }
        let s = tokens[i].span
        var letters = 0
        var ascii = true
        for b in text.text[s.start ..< s.end] {
            if b >= 0x61 && b <= 0x7A { return false }
            if b >= 0x41 && b <= 0x5A { letters += 1 }
            if b >= 0x80 { ascii = false }
        }
        // ASCII without lower-case letters is its own upper case.
        return letters >= 2 && (ascii || text.string(s).uppercased() == text.string(s))
    }
    @inline(__always) func letterCount(_ i: Int) -> Int {
        var n = 0
        for b in text.text[tokens[i].span.start ..< tokens[i].span.end] where isUTF8Lead(b) && b != 0x2E { n += 1 }
        return n
    }
    /// `letterCount(i) == 1`, stopping at the second letter (asked of every capitalised word).
    @inline(__always) func hasOneLetter(_ i: Int) -> Bool {
        let sp = tokens[i].span
        // Two ASCII letters first (most capitalised words): two letters already.
        if sp.length >= 2 {
            let a = text.text[sp.start] | 0x20, b = text.text[sp.start + 1] | 0x20
            if a >= 0x61 && a <= 0x7A && b >= 0x61 && b <= 0x7A { return false }
        }
        var n = 0
        for b in text.text[sp.start ..< sp.end] where isUTF8Lead(b) && b != 0x2E {
            n += 1
            if n > 1 { return false }
        }
        return n == 1
    }
    /// The first word of its sentence (only punctuation, quotes, numbers or list marks before).
    /// `i` is a token of sentence `s` (every caller asks about a token of the sentence it reads).
    func isSentenceInitial(_ i: Int, sentence s: Int) -> Bool {
        i <= firstWord[s]
    }
    @inline(__always) func previousWord(_ i: Int, _ lo: Int) -> Int? {
        var j = i - 1
        while j >= lo, tokens[j].kind == .quote { j -= 1 }
        return j >= lo ? j : nil
    }

    // MARK: scan

    mutating func run() -> PartySet {
        // About one token in twenty is a candidate: reserved at once, a Candidate being large,
        // growing the array copies it again and again.
        candidates.reserveCapacity(tokens.count / 16 + 8)
        for (si, s) in text.sentences.enumerated() where !s.isBoilerplate {
            scan(sentence: si, s.tokens.lowerBound, s.tokens.upperBound)
        }
        assignNames()
        chronologicalPass()
        return build()
    }

    /// Longest noun phrase of the lexicon starting at `j`.
    mutating func matchNoun(_ j: Int, _ hi: Int) -> (PartyLexicon.Noun, Int)? {
        guard j < hi, let list = nouns(j) else { return nil }
        for n in list {
            let wk = n.wordKeys
            let end = j + wk.count
            if end > hi { continue }
            var ok = true
            for k in 0 ..< wk.count where hashes[j + k] != wk[k] { ok = false; break }
            if !ok { continue }
            if n.needsCapital, !cap[j] { continue }
            // "applicant's representative": a genitive before the end is not this noun.
            var genitive = false
            for k in j ..< end - 1 where possessiveToken[k] { genitive = true; break }
            if genitive { continue }
            return (n, end)
        }
        return nil
    }

    /// A lower-case word that can follow a French noun as its adjective ("gouvernement français").
    mutating func isAdjective(_ i: Int) -> Bool {
        guard language == .fr, tokens[i].kind == .word, !tokens[i].isCapitalized else { return false }
        let k = keys[i]
        let x = w[i]
        if x.flags.contains(.stopword) || x.flags.contains(.particle) || x.det != nil || x.nounList >= 0 { return false }
        if x.pronoun != nil || endsWithApostrophe(i) || isVerb(i) { return false }
        return k.count > 2 && lex.looksAdjective(tokens[i])
    }

    /// An inflected verb form. Articles and particles are not, even when their accent-free
    /// spelling is one ("du" is not "dû").
    mutating func isVerb(_ i: Int) -> Bool {
        guard w[i].det == nil && !w[i].flags.contains(.particle) else { return false }
        // Keyed by the token's bytes, which make its lower-case and folded forms.
        let span = tokens[i].span
        let k = text.text.withUnsafeBufferPointer { t in
            var k = FNV.basis
            for j in span.start ..< span.end { k = FNV.add(k, t[j]) }
            return k
        }
        // The answer for the same bytes, noted on the token's word: the document's own small table
        // before the large one shared by documents.
        let d = Int(wordOf[i])
        if words.verbKey[d] == k, words.verbAnswer[d] != 0 { return words.verbAnswer[d] == 2 }
        let v: Bool
        if let c = verbCache.find(k) { v = c } else {
            v = lex.isVerb(tokens[i])
            verbCache[k] = v
        }
        words.verbKey[d] = k
        words.verbAnswer[d] = v ? 2 : 1
        return v
    }

    /// `keys[i].hasSuffix("'")` without the String: an ASCII last byte folds to itself (lower-cased),
    /// so only a non-ASCII ending ("’") needs the folded form.
    @inline(__always) func endsWithApostrophe(_ i: Int) -> Bool {
        if possessiveToken[i] { return keys[i].hasSuffix("'") }
        let z = text.text[tokens[i].span.end - 1]
        if z < 0x80 { return z == 0x27 }
        return tokens[i].fold.hasSuffix("'")
    }

    /// A lower-case content word: not a function word, a verb form or a pronoun.
    mutating func isContentWord(_ i: Int) -> Bool {
        guard tokens[i].kind == .word, !tokens[i].isCapitalized else { return false }
        let k = keys[i]
        let x = w[i]
        if x.flags.contains(.stopword) || x.flags.contains(.particle) || x.det != nil || x.pronoun != nil { return false }
        return !isVerb(i) && k.count > 2 && !endsWithApostrophe(i)
    }

    /// Capitalised name starting at `i`: returns its end (exclusive).
    mutating func capSequence(_ i: Int, _ hi: Int) -> Int? {
        guard i < hi, cap[i] else { return nil }
        var j = i, end = i
        while j < hi {
            // A tab or a line break between two words ends the name (tables, headers).
            if j > i, brokenBefore(j) { break }
            // "Airbus A330", "Boeing 737": a model number is a product, not part of the maker's name.
            if j > i, hasDigit(j) { break }
            // "U.S. District Judge Lucy Koh": a title inside starts another name.
            if j > i, w[j].title != nil, letterCount(j) >= 2, j + 1 < hi, cap[j + 1] { break }
            if cap[j] {
                j += 1; end = j
                // Hyphenated names cut by the tokenizer: "May-her", "Jean-Pierre".
                while j + 1 < hi, byte[j] == 0x2D, !tokens[j].spaceBefore, !tokens[j + 1].spaceBefore, tokens[j + 1].kind == .word {
                    j += 2; end = j
                }
                if possessiveToken[end - 1] { break }
                continue
            }
            if j > i, w[j].flags.contains(.particle), !tokens[j].isCapitalized {
                var k = j + 1
                if k < hi, w[k].flags.contains(.particle), !tokens[k].isCapitalized { k += 1 }
                if k < hi, cap[k], !w[k].flags.contains(.stopword) || keys[k] == "la" { j = k; continue }
                break
            }
            // "MGM Development, Inc.": a comma before a company suffix.
            if byte[j] == 0x2C, j + 1 < hi, cap[j + 1], let o = w[j + 1].org, o.position == .suffix { j += 1; continue }
            break
        }
        // "France 24", "France 2": a short number glued to a one-word name belongs to it (a year
        // does not: four digits).
        if end == i + 1, end < hi, tokens[end].kind == .number, tokens[end].span.length <= 2, !brokenBefore(end) { end += 1 }
        return end > i ? end : nil
    }

    /// A token with a digit in it ("A330", "F-16").
    func hasDigit(_ j: Int) -> Bool {
        for b in text.text[tokens[j].span.start ..< tokens[j].span.end] where b >= 0x30 && b <= 0x39 { return true }
        return false
    }

    /// White space holding a tab or a line break right before token `j`.
    @inline(__always) func brokenBefore(_ j: Int) -> Bool {
        guard j > 0, tokens[j].spaceBefore else { return false }
        var b = tokens[j - 1].span.end
        while b < tokens[j].span.start {
            let c = text.text[b]
            if c == 0x09 || c == 0x0A || c == 0x0D { return true }
            b += 1
        }
        return false
    }

    /// "[P]", "[1]", "[Y]": a bracketed pseudonym; returns its end.
    mutating func bracketPseudonym(_ i: Int, _ hi: Int) -> Int? {
        guard i + 2 < hi, byte[i] == 0x5B else { return nil }
        var j = i + 1
        while j < hi, j <= i + 3, byte[j] != 0x5D {
            // One capital letter or a number: "[P]", "[1]" (not a citation mark like "[GC]").
            if !(cap[j] && letterCount(j) == 1) && tokens[j].kind != .number { return nil }
            if letterCount(j) > 3 { return nil }
            j += 1
        }
        return j < hi && byte[j] == 0x5D && j > i + 1 ? j + 1 : nil
    }

    /// A single capital letter used as a pseudonym ("X…", "Y.", "M. X"): returns its end,
    /// ellipsis included.
    @inline(__always) mutating func letterPseudonym(_ i: Int, _ hi: Int, titled: Bool) -> Int? {
        // Asked of every capitalised word: the common answer (not one letter) inlined at the call.
        guard i < hi, cap[i], hasOneLetter(i) else { return nil }
        return letterPseudonymEnd(i, hi, titled: titled)
    }
    /// `letterPseudonym` of a token known to be one capital letter.
    mutating func letterPseudonymEnd(_ i: Int, _ hi: Int, titled: Bool) -> Int? {
        if i + 1 < hi, cap[i + 1], !isPunct(i + 1) { return nil }  // an initial: "J. Smith"
        var end = i + 1
        var ellipsis = false
        while end < hi, byte[end] == 0x2E || keys[end] == "…" || keys[end] == "..." , end < i + 4 { end += 1; ellipsis = true }
        let letter = keys[i].hasSuffix(".") ? String(keys[i].dropLast()) : keys[i]
        if titled || ellipsis || (lex.pseudonyms.contains(letter) && tokens[i].kind == .abbreviation) { return end }
        return nil
    }

    mutating func scan(sentence si: Int, _ lo: Int, _ hi: Int) {
        var i = lo
        var suppressRolesUntil = -1
        // A name already taken as the subject of a description before it: (start, end, candidate).
        var taken: (Int, Int, Int)?
        while i < hi {
            if let t = taken, i == t.0 {
                taken = nil
                i = afterName(t.2, t.1, lo, hi, &suppressRolesUntil)
                continue
            }
            if inert[i] {
                // A run of inert tokens, up to a name taken ahead.
                let stop = taken.map { Swift.min($0.0, hi) } ?? hi
                i = inertRunEnd(from: i + 1, stop)
                continue
            }
            // Titles: "M. [P]", "Mme [Y]", "M. X…", "Mr John Smith", "M. le Procureur de la République".
            if cap[i], let title = w[i].title {
                var j = i + 1
                if j < hi, byte[j] == 0x2E, !tokens[j].spaceBefore { j += 1 }
                if let e = bracketPseudonym(j, hi) ?? letterPseudonym(j, hi, titled: true) {
                    let kx = foldKey(j ..< e).replacingOccurrences(of: ".", with: "").replacingOccurrences(of: "…", with: "")
                    var c = pseudonym(range: i ..< e, nameRange: j ..< e, key: kx.trimmingSpaces, kind: .person, sentence: si)
                    c.gender = title.gender; c.plural = title.plural; c.isTitled = true
                    candidates.append(c)
                    i = afterName(candidates.count - 1, e, lo, hi, &suppressRolesUntil)
                    continue
                }
                if let e = capSequence(j, hi) {
                    var c = nameCandidate(j ..< e, lo: lo, hi: hi, sentence: si)
                    c.range = i ..< e; c.kind = c.kind == .unknown || c.words == 1 ? .person : c.kind
                    if c.kind == .organization, c.words <= 3 { c.kind = .person }
                    c.gender = title.gender; c.plural = title.plural; c.strong = true; c.isTitled = true
                    if !c.keyIsEmpty {
                        candidates.append(c)
                        i = afterName(candidates.count - 1, e, lo, hi, &suppressRolesUntil)
                        continue
                    }
                }
                if j < hi, w[j].det == .article, let (noun, e) = matchNoun(j + 1, hi), noun.use != .anaphor {
                    let end = extendNoun(noun, e, hi)
                    var c = Candidate(source: .noun, range: i ..< end, nameRange: j + 1 ..< end, keyHash: keyHash(j + 1 ..< end), words: end - j - 1,
                                      kind: noun.kind, strong: true, sentence: si)
                    c.noun = noun; c.plural = noun.plural; c.gender = title.gender
                    if end > e { c.headKey = noun.keyHash }
                    candidates.append(c)
                    i = end
                    continue
                }
            }
            if let e = bracketPseudonym(i, hi), !(i + 1 ..< e - 1).allSatisfy({ tokens[$0].kind == .number }) {
                let c = pseudonym(range: i ..< e, nameRange: i ..< e, key: foldKey(i ..< e).trimmingSpaces, kind: .person, sentence: si)
                candidates.append(c)
                i = afterName(candidates.count - 1, e, lo, hi, &suppressRolesUntil)
                continue
            }
            // Determiner + noun: "the applicant", "la cour d'appel de Chambéry", "son ancien
            // responsable commercial Jean Martin", "l'association Direction aux Affaires Savoisiennes".
            // (Without a determiner or a lexicon noun here, `nounPhrase` finds nothing: not asked.)
            if w[i].det != nil || w[i].nounList >= 0, let r = nounPhrase(i, hi) {
                let (noun, ns, ne, det) = r
                let detType = det.flatMap { w[$0].det }
                let possessive = detType == .possessive
                // Followed by a name: the noun describes it ("la chaîne quatarie Al Jazeera").
                var at = ne
                while at < hi, at < ne + 2, isAdjective(at) { at += 1 }
                // "defendant, Michael L. Thompson,": the name in apposition to a party noun.
                if noun.kind == .person, noun.use == .party || noun.use == .both, detType != .indefinite,
                   ne + 1 < hi, byte[ne] == 0x2C, cap[ne + 1], w[ne + 1].title == nil, let e2 = capSequence(ne + 1, hi),
                   e2 == hi || tokens[e2].kind == .punctuation {
                    var c = nameCandidate(ne + 1 ..< e2, lo: lo, hi: hi, sentence: si)
                    if !c.keyIsEmpty, c.words >= 2, c.kind == .person {
                        c.strong = true
                        c.descriptor = (det ?? ns) ..< ne
                        c.descriptorNoun = noun
                        candidates.append(c)
                        i = afterName(candidates.count - 1, e2, lo, hi, &suppressRolesUntil)
                        continue
                    }
                }
                if noun.use != .party || noun.kind == .person || noun.kind == .group, at < hi,
                   let (nameEnd, isPseudo) = nameStart(at, hi) {
                    let ne = at
                    var c: Candidate
                    if isPseudo {
                        c = pseudonym(range: ne ..< nameEnd, nameRange: ne ..< nameEnd, key: foldKey(ne ..< nameEnd).trimmingSpaces,
                                      kind: noun.kind == .group ? .person : noun.kind, sentence: si)
                        if noun.kind == .organization || noun.kind == .institution {
                            // "la société [1]": the noun belongs to the name.
                            c.nameRange = ns ..< nameEnd
                            c.range = (det ?? ns) ..< nameEnd
                            candidates.append(c)
                            i = afterName(candidates.count - 1, nameEnd, lo, hi, &suppressRolesUntil)
                            continue
                        }
                    } else {
                        c = nameCandidate(ne ..< nameEnd, lo: lo, hi: hi, sentence: si)
                        if c.keyIsEmpty { i = nameEnd; continue }
                        c.strong = true
                        if noun.use == .role || noun.use == .spokesperson {
                            if c.kind == .unknown || c.words >= 2 && c.kind == .organization && !hasOrgWord(ne ..< nameEnd) { c.kind = .person }
                        } else if noun.kind != .person, noun.kind != .group, !hasOrgWord(ne ..< nameEnd) {
                            c.kind = noun.kind
                        }
                    }
                    c.descriptor = (det ?? ns) ..< ne
                    c.descriptorNoun = noun
                    c.descriptorPossessive = possessive
                    candidates.append(c)
                    i = afterName(candidates.count - 1, nameEnd, lo, hi, &suppressRolesUntil)
                    continue
                }
                if (noun.use == .role || noun.use == .spokesperson), ns < suppressRolesUntil { i = ne; continue }
                // "La correspondante de la chaîne France 24 en Egypte, Sonia Dridi, affirme": the
                // description before the name, in apposition.
                if noun.use == .role || noun.use == .spokesperson, det != nil, detType != .indefinite, taken == nil {
                    var k = ne
                    while k < hi, k < ne + 12, tokens[k].kind != .punctuation { k += 1 }
                    if k + 1 < hi, byte[k] == 0x2C, cap[k + 1], w[k + 1].title == nil, let e2 = capSequence(k + 1, hi),
                       e2 == hi || byte[e2] == 0x2C {
                        var c = nameCandidate(k + 1 ..< e2, lo: lo, hi: hi, sentence: si)
                        if !c.keyIsEmpty, c.words >= 2, c.kind == .person {
                            c.strong = true
                            c.descriptor = det! ..< k
                            c.descriptorNoun = noun
                            candidates.append(c)
                            taken = (k + 1, e2, candidates.count - 1)
                            i = ne
                            continue
                        }
                    }
                }
                // A description that refers back needs a definite determiner: "l'entreprise", not
                // "culture d'entreprise" nor "une société".
                if noun.use == .anaphor || noun.use == .role || noun.use == .both, det == nil || detType == .indefinite {
                    i = ne; continue
                }
                // "a State", "a court": any one, not a party.
                if detType == .indefinite, noun.kind == .institution || noun.kind == .court { i = ne; continue }
                let end = noun.use == .role || noun.use == .spokesperson ? ne : extendNoun(noun, ne, hi)
                var c = Candidate(source: .noun, range: (det ?? ns) ..< end, nameRange: ns ..< end, keyHash: keyHash(ns ..< end), words: end - ns,
                                  kind: noun.kind, strong: true, sentence: si)
                c.noun = noun; c.plural = noun.plural; c.gender = noun.gender; c.possessive = possessive
                if end > ne { c.headKey = noun.keyHash }
                if noun.use == .spokesperson, let ce = complementEnd(ne, hi) {
                    c.complement = ne ..< ce
                    c.nameRange = ns ..< ce
                    c.range = (det ?? ns) ..< ce
                    c.setKeyHash(keyHash(ns ..< ce))
                }
                candidates.append(c)
                i = possessed(candidates.count - 1, end, hi)
                continue
            }
            // Subject pronouns.
            if let p = w[i].pronoun, tokens[i].kind == .word {
                // "il apparaît que", "it is clear that" (never "he is").
                var impersonal = p.refers != .person && i + 1 < hi && w[i + 1].flags.contains(.impersonal)
                // "il est bon de rappeler", "it was clear that": copula, adjective, complement.
                if p.refers != .person, !impersonal, i + 3 < hi, let cops = lex.copulaKeys[hashes[i + 1]], cops.contains(where: { $0.count == 1 }),
                   tokens[i + 2].kind == .word, lex.impersonalComplementKeys.contains(hashes[i + 3]) {
                    impersonal = true
                }
                let quoted = inQuote[i]
                if !impersonal, !quoted {
                    pronouns.append(PronounEvent(token: i, sentence: si, pronoun: p, initial: isSentenceInitial(i, sentence: si)))
                }
                i += 1
                continue
            }
            if let e = letterPseudonym(i, hi, titled: false),
               previousWord(i, lo).map({ !w[$0].flags.contains(.placePreposition) }) ?? true {
                let kx = keys[i].hasSuffix(".") ? String(keys[i].dropLast()) : keys[i]
                candidates.append(pseudonym(range: i ..< e, nameRange: i ..< e, key: kx, kind: .person, sentence: si))
                i = afterName(candidates.count - 1, e, lo, hi, &suppressRolesUntil)
                continue
            }
            if var e = capSequence(i, hi) {
                // "Ligue arabe", "Cour pénale internationale": an organisation head and its adjectives.
                if e == i + 1, let o = w[i].org, o.position != .suffix {
                    while e < hi, e < i + 3, isAdjective(e) { e += 1 }
                }
                var c = nameCandidate(i ..< e, lo: lo, hi: hi, sentence: si)
                // "against Sri and CM": a name coordinated with a party is one too.
                if !c.strong, !c.keyIsEmpty, !candidates.isEmpty, candidates[candidates.count - 1].strong,
                   candidates[candidates.count - 1].sentence == si, c.range.lowerBound == candidates[candidates.count - 1].range.upperBound + 1,
                   w[candidates[candidates.count - 1].range.upperBound].flags.contains(.conjunction) {
                    c.strong = true
                }
                if !c.keyIsEmpty {
                    candidates.append(c)
                    i = afterName(candidates.count - 1, e, lo, hi, &suppressRolesUntil)
                } else {
                    i = e
                }
                continue
            }
            i += 1
        }
    }

    /// The first token from `i` on (before `stop`) that is not inert: most of the text, so read
    /// eight tokens' facts at a time.
    @inline(__always) func inertRunEnd(from i: Int, _ stop: Int) -> Int {
        facts.withUnsafeBufferPointer { f -> Int in
            guard let base = f.baseAddress else { return i }
            let raw = UnsafeRawPointer(base)
            let inertBits: UInt64 = 0x0101_0101_0101_0101 &* UInt64(Fact.inert)
            var j = i
            guard j < stop else { return j }
            // Eight facts at a time while they lie in the array (past `stop` too: the answer is cut
            // to it); the first byte without the bit ends the run (little-endian: the lowest).
            while j + 8 <= f.count {
                let m = ~UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: j, as: UInt64.self)) & inertBits
                if m != 0 { return Swift.min(j + m.trailingZeroBitCount >> 3, stop) }
                j += 8
                if j >= stop { return stop }
            }
            while j < stop, f[j] & Fact.inert != 0 { j += 1 }
            return j
        }
    }

    @inline(__always) func hasOrgWord(_ r: Range<Int>) -> Bool {
        guard r.count > 1 else { return false }
        for k in r where w[k].org != nil { return true }
        return false
    }

    /// Determiner(s), up to two modifiers, then a lexicon noun: (noun, noun start, noun end, determiner).
    mutating func nounPhrase(_ i: Int, _ hi: Int) -> (PartyLexicon.Noun, Int, Int, Int?)? {
        var j = i
        var det: Int?
        // Phrases that hold their determiner: "this court".
        if w[i].det != nil, w[i].nounList >= 0, let (n, e) = matchNoun(i, hi), n.words.count > 1 { return (n, i, e, nil) }
        if let d = w[i].det, !possessiveToken[i] {
            det = i; j = i + 1
            if d != .quantifier, j < hi, w[j].det == .quantifier { j += 1 }
        }
        if let (n, e) = matchNoun(j, hi) { return (n, j, e, det) }
        guard det != nil else { return nil }
        // Most determiners precede no party noun: leave at once unless one starts within reach.
        guard j + 1 < hi, nouns(j + 1) != nil || j + 2 < hi && nouns(j + 2) != nil else { return nil }
        // "son ancien responsable", "the former employee": modifiers between determiner and noun.
        var k = j
        // "the South Korean company": in English, capitalised modifiers before a noun that refers back.
        if language == .en, cap[j] {
            var m = j
            while m < hi, m < j + 3, cap[m], w[m].nounList < 0, w[m].title == nil { m += 1 }
            if m > j, m < hi, let (n, e) = matchNoun(m, hi), !cap[m] || m == j, n.use == .anaphor || n.use == .both || n.use == .role {
                return (n, j, e, det)
            }
        }
        while k < hi, k < j + 2, tokens[k].kind == .word, !tokens[k].isCapitalized, !w[k].flags.contains(.stopword),
              w[k].det == nil, !w[k].flags.contains(.particle), !w[k].flags.contains(.placePreposition),
              language != .fr || lex.looksAdjective(tokens[k]) {
            k += 1
            if let (n, e) = matchNoun(k, hi), n.use != .party || n.words.count > 1 || language == .fr { return (n, j, e, det) }
        }
        return nil
    }

    /// Where a name starts right after a noun: a capitalised sequence or a pseudonym. Returns its end.
    mutating func nameStart(_ j: Int, _ hi: Int) -> (Int, Bool)? {
        if let e = bracketPseudonym(j, hi) { return (e, true) }
        let articleName = language == .fr && w[j].det == .article && j + 1 < hi && cap[j + 1]
        guard cap[j], articleName || !w[j].flags.contains(.stopword) && w[j].det == nil, w[j].pronoun == nil,
              !w[j].flags.contains(.notPartyStart) else { return nil }
        if let e = letterPseudonym(j, hi, titled: false), lex.pseudonyms.contains(keys[j].replacingOccurrences(of: ".", with: "")) { return (e, true) }
        if let e = capSequence(j, hi) { return (e, false) }
        return nil
    }

    /// French adjective after the noun, and complements naming a place or another institution
    /// ("tribunal de grande instance de Bonneville", "procureur … près le tribunal …").
    mutating func extendNoun(_ noun: PartyLexicon.Noun, _ e: Int, _ hi: Int) -> Int {
        var end = e
        if noun.use != .role, noun.use != .anaphor, noun.words.count == 1 {
            while end < hi, end < e + 2, isAdjective(end), !(end + 1 < hi && byte[end + 1] == 0x2D) { end += 1 }
        }
        if noun.kind == .group, end < hi, w[end].flags.contains(.particle), language == .fr {
            // "opposants aux élections", "rebelles de Homs", "journalistes de France 24".
            var q = end + 1
            if q < hi, w[q].det == .article { q += 1 }
            if q < hi, let ce = capSequence(q, hi) { return ce < hi && tokens[ce].kind == .number ? ce + 1 : ce }
            if q < hi, isContentWord(q) { q += 1; if q < hi, isAdjective(q) { q += 1 }; return q }
            return end
        }
        guard noun.kind == .institution || noun.kind == .court || noun.words.count > 1 else { return end }
        var rounds = 0
        while rounds < 2, end < hi, let ce = complementEnd(end, hi, institutionsOnly: true) { end = ce; rounds += 1 }
        return end
    }

    /// "de Bonneville", "de l'Intérieur", "près le tribunal de grande instance", "of Armenia",
    /// "de la fédération": returns the end of the complement.
    mutating func complementEnd(_ p: Int, _ hi: Int, institutionsOnly: Bool = false) -> Int? {
        guard p < hi, w[p].flags.contains(.particle) || w[p].flags.contains(.placePreposition) && !institutionsOnly else { return nil }
        var q = p + 1
        if q < hi, w[q].flags.contains(.particle) { q += 1 }
        if q < hi, w[q].det == .article { q += 1 }
        if let (n, e) = matchNoun(q, hi), !institutionsOnly || (n.kind == .court || n.kind == .institution) && n.use != .anaphor {
            return institutionsOnly ? e : (capSequence(e, hi) ?? e)
        }
        if q < hi, cap[q], let e = capSequence(q, hi) {
            if w[q].flags.contains(.notPartyWord) { return nil }
            return e
        }
        return nil
    }

    /// Builds the candidate for a capitalised sequence: trims sentence openers, classifies it and
    /// weighs the evidence that it is a party. An empty key means "not a party".
    mutating func nameCandidate(_ r: Range<Int>, lo: Int, hi: Int, sentence si: Int) -> Candidate {
        var s = r.lowerBound
        let e = r.upperBound
        let initial = isSentenceInitial(s, sentence: si)
        let heading = text.sentences[si].isHeading
        while s < e {
            let x = w[s]
            let opener = x.flags.contains(.notPartyStart) || x.pronoun != nil || x.title != nil
            let function = x.flags.contains(.stopword) || x.det != nil
            // A capitalised article inside a sentence belongs to the name: "Le Figaro".
            let keepArticle = !initial && s == r.lowerBound && x.det == .article && s + 1 < e && language == .fr
            // A capitalised particle opening a name stays: "Al Jazeera", "Van Gogh".
            let particle = x.flags.contains(.particle) && !(cap[s] && s + 1 < e && cap[s + 1] && !initial)
            if (opener || function) && !keepArticle || particle || byte[s] == 0x2C || endsWithApostrophe(s) { s += 1; continue }
            if s == r.lowerBound, initial, e - s > 1 {
                // "Assassinat de X" in a heading, "A.  Applicability", a common word opening the sentence.
                if lowerSeen(s) && x.org == nil || tokens[s].kind == .abbreviation && letterCount(s) == 1
                    || heading && s + 1 < e && w[s + 1].flags.contains(.particle) || x.org == nil && isVerb(s) {
                    s += 1; continue
                }
            }
            break
        }
        // "ministre de la Justice Alberto Ruiz-Gallardón": the first word completes the role.
        if s + 2 < e, cap[s + 1], w[s].org == nil {
            var k = s - 1
            while k > lo, k > s - 3, w[k].flags.contains(.particle) || w[k].det != nil { k -= 1 }
            if k < s - 1, k >= lo, let roles = nouns(k), roles.contains(where: { $0.use == .role || $0.use == .spokesperson }) { s += 1 }
        }
        var c = Candidate(source: .name, range: s ..< e, nameRange: s ..< e, keyHash: emptyKeyHash, words: 0, kind: .unknown, strong: false, sentence: si)
        guard s < e else { return c }
        var words = 0
        // Hyphenated parts are one word: "May-her", "Jean-Marc".
        func glued(_ k: Int) -> Bool { byte[k] == 0x2D || k > s && byte[k - 1] == 0x2D && !tokens[k].spaceBefore }
        func isWord(_ k: Int) -> Bool { !glued(k) && (cap[k] || tokens[k].kind == .word && !w[k].flags.contains(.particle)) }
        var notPartyWord = false
        for k in s ..< e where isWord(k) {
            words += 1
            if w[k].flags.contains(.notPartyWord) { notPartyWord = true }
        }
        let nameKey = keyHash(s ..< e)
        if lex.notPartyNameKeys.contains(nameKey) { return c }
        if notPartyWord { lastNonParty = e; return c }
        // "Convention for the Protection of Human Rights and Fundamental Freedoms": the names that
        // continue a law's name (through particles, articles, conjunctions) are part of it.
        if lastNonParty > 0, lastNonParty <= s {
            var k = s - 1
            while k >= lastNonParty, k > s - 4, w[k].flags.contains(.particle) || w[k].det != nil || w[k].flags.contains(.conjunction) { k -= 1 }
            if k < lastNonParty { lastNonParty = e; return c }
        }
        // Citations and abbreviations ("Ill. App.", "West Supp.") and roman numerals are not names.
        let last = e - 1
        if tokens[last].kind == .abbreviation, letterCount(last) >= 2, w[last].org == nil { return c }
        // Roman numerals of numbered parts ("Count II", "Title VII"); "CM", "DC" are names.
        if e - s == 1, isAllCaps(s), keys[s].allSatisfy({ "ivxlcdm".contains($0) }), keys[s].contains(where: { "ivx".contains($0) }) { return c }
        if e - s == 1, tokens[s].kind == .abbreviation, letterCount(s) >= 2 { return c }
        // "Illinois Consumer Fraud and Deceptive Business Practices Act": joined to a law.
        if e + 1 < hi, w[e].flags.contains(.conjunction), let e2 = capSequence(e + 1, hi),
           (e + 1 ..< e2).contains(where: { w[$0].flags.contains(.notPartyWord) }) { return c }
        // "Inner City Problems (Special Measures) Act": the law's name goes on after a parenthesis.
        if e < hi, byte[e] == 0x28 {
            var close = e + 1
            while close < hi, close < e + 8, byte[close] != 0x29 { close += 1 }
            if close + 1 < hi, byte[close] == 0x29, let e2 = capSequence(close + 1, hi),
               (close + 1 ..< e2).contains(where: { w[$0].flags.contains(.notPartyWord) }) { return c }
        }
        let wordInitial = isSentenceInitial(s, sentence: si)
        let prev = previousWord(s, lo)
        let afterPlace = prev.map { w[$0].flags.contains(.placePreposition) } ?? false
        c.setKeyHash(nameKey)
        c.words = words
        // Classification.
        if words >= 2 {
            var n = 0
            for k in s ..< e where isWord(k) {
                if let o = w[k].org, o.position == .any || o.position == .head && n == 0 || o.position == .suffix && n == words - 1 {
                    c.kind = o.kind; break
                }
                n += 1
            }
        }
        let isCountry = lex.countryKeys.contains(nameKey)
        let acronym = words == 1 && isAllCaps(s) && letterCount(s) <= 6 && e - s == 1
        if c.kind == .unknown {
            if isCountry { c.kind = .institution }
            else if acronym { c.kind = .organization }
            else if words >= 2 {
                // A header in capitals ("MONICA GLISSON") is judged as if written normally.
                // Loops, not closures: a closure of a mutating method copies the pass.
                var shouting = true
                for k in s ..< e where !(!cap[k] || isAllCaps(k) || letterCount(k) <= 2) { shouting = false; break }
                var personLike = words <= 4
                if personLike {
                    for k in s ..< e where !(glued(k) || (cap[k] ? (shouting || !isAllCaps(k) || letterCount(k) <= 2) : !(tokens[k].kind == .word && !w[k].flags.contains(.particle)))) {
                        personLike = false; break
                    }
                }
                personLike = personLike && !(w[s].det != nil)
                c.kind = personLike ? .person : .organization
            }
        }
        // Evidence.
        let subjectSlot = wordInitial || prev.map { byte[$0] == 0x2C || w[$0].flags.contains(.conjunction) || w[$0].flags.contains(.stopword) && !w[$0].flags.contains(.particle) && w[$0].det == nil } ?? true
        var beforeVerb = false
        if e < hi, tokens[e].kind == .word, !tokens[e].isCapitalized {
            // "Acme affirme", "Martin s'est exprimé", "Acme n'a pas".
            if isVerb(e) { beforeVerb = true }
            else if endsWithApostrophe(e), e + 1 < hi, isVerb(e + 1) { beforeVerb = true }
        }
        if words >= 2 {
            c.strong = !afterPlace || c.kind != .unknown && c.kind != .person
        } else if isCountry {
            c.strong = !afterPlace
        } else if let p = prev, w[p].flags.contains(.targetPreposition) {
            c.strong = true
        } else if let p = prev, p > lo, w[p].flags.contains(.particle) || w[p].flags.contains(.placePreposition),
                  acronym && letterCount(s) <= 4 ? roleBefore(p, lo) : nouns(p - 1)?.contains(where: { $0.use == .role || $0.use == .spokesperson }) == true {
            // "cofondateur de Acme", "a spokesperson for Acme": the employer of a role.
            c.strong = true
            if c.kind == .unknown { c.kind = .organization }
        } else if acronym {
            let bracketed = s > lo && byte[s - 1] == 0x5B // "[GC]": a citation mark
            c.strong = !lowerSeen(s) && !heading && !bracketed && (subjectSlot && beforeVerb || acronymCount(s) >= 3)
        } else {
            if wordInitial, e - s == 1 && lowerSeen(s) || isVerb(s) { c.setKeyHash(emptyKeyHash); return c }
            c.strong = subjectSlot && beforeVerb && !afterPlace && !heading
        }
        return c
    }

    /// A role noun among the few lower-case words before `p` ("président du directoire de PSA",
    /// "cofondateur de Acme"): what follows `p` is the employer.
    mutating func roleBefore(_ p: Int, _ lo: Int) -> Bool {
        var k = p - 1
        while k >= lo, k >= p - 4, tokens[k].kind == .word, !tokens[k].isCapitalized || k == lo {
            if let roles = nouns(k), roles.contains(where: { $0.use == .role || $0.use == .spokesperson }) { return true }
            k -= 1
        }
        return false
    }

    /// "Google's spokesperson", "the applicant's representative": a person named by a role of an
    /// owner named just before — a party of its own, acting for the owner. Returns where the scan
    /// resumes.
    mutating func possessed(_ owner: Int, _ e: Int, _ hi: Int) -> Int {
        guard language == .en, e > 0, e < hi, possessiveToken[e - 1] else { return e }
        var k = e
        while k < hi, k < e + 2, w[k].nounList < 0, tokens[k].kind == .word, !tokens[k].isCapitalized, !w[k].flags.contains(.stopword) { k += 1 }
        guard let (n, ne) = matchNoun(k, hi), n.kind == .person || n.kind == .group, n.use != .anaphor else { return e }
        let o = candidates[owner]
        var c = Candidate(source: .noun, range: o.range.lowerBound ..< ne, nameRange: o.nameRange.lowerBound ..< ne,
                          keyHash: keyHash(o.nameRange.lowerBound ..< ne), words: ne - o.nameRange.lowerBound, kind: .person, strong: true,
                          sentence: o.sentence)
        c.noun = n; c.headKey = n.keyHash; c.gender = n.gender
        c.owner = owner
        c.role = e ..< ne
        candidates.append(c)
        return ne
    }

    /// After a name: a parenthetical definition "(MGM)", "(the Government)", or a role in apposition
    /// ", cofondateur de Acme,". Returns where the scan resumes.
    mutating func afterName(_ ci: Int, _ e: Int, _ lo: Int, _ hi: Int, _ suppress: inout Int) -> Int {
        if e > 0, possessiveToken[e - 1] {
            let next = possessed(ci, e, hi)
            // An owner with a spokesperson or lawyers is a party.
            if next > e, candidates[ci].source == .name { candidates[ci].strong = true }
            return next
        }
        var j = e
        if j < hi, byte[j] == 0x2C, j + 1 < hi, byte[j + 1] == 0x28 { j += 1 }
        if j < hi, byte[j] == 0x28, candidates[ci].kind != .person {
            var close = j + 1
            while close < hi, close <= j + 6, byte[close] != 0x29 { close += 1 }
            if close < hi, byte[close] == 0x29, close > j + 1 {
                var s = j + 1
                while s < close, tokens[s].kind == .quote || w[s].det == .article { s += 1 }
                var t = close
                while t > s, tokens[t - 1].kind == .quote { t -= 1 }
                if s < t, cap[s], !(s ..< t).contains(where: { tokens[$0].kind == .number }) {
                    var q = j + 1
                    while q < s, tokens[q].kind == .quote { q += 1 }
                    var c = Candidate(source: .alias, range: q ..< t, nameRange: s ..< t, keyHash: keyHash(s ..< t), words: t - s,
                                      kind: candidates[ci].kind, strong: true, sentence: candidates[ci].sentence)
                    c.linkTo = ci
                    candidates.append(c)
                    return close + 1
                }
            }
        }
        // Apposition: ", [det] [modifier] ROLE … ," (persons only: "Acme SA, son ex-employé et
        // Globex" is a list).
        if e < hi, byte[e] == 0x2C, candidates[ci].kind == .person || candidates[ci].kind == .unknown {
            var k = e + 1
            if k < hi, w[k].det != nil { k += 1 }
            let roleStart = k
            var noun: (PartyLexicon.Noun, Int)?
            while k < hi, k <= roleStart + 2 {
                if let m = matchNoun(k, hi), m.0.use == .role || m.0.use == .spokesperson { noun = m; break }
                if tokens[k].kind != .word || tokens[k].isCapitalized { break }
                k += 1
            }
            if noun != nil {
                var close = k + 1
                while close < hi, close < roleStart + 14, tokens[close].kind != .punctuation || byte[close] == 0x2D { close += 1 }
                if close <= hi, close < roleStart + 14 {
                    candidates[ci].role = roleStart ..< close
                    candidates[ci].roleMention = (e + 1) ..< close
                    suppress = close
                }
            }
        }
        // "X is the principal owner and executive officer of MGM", "X serves as chairman of Y".
        if e < hi, candidates[ci].kind == .person || candidates[ci].kind == .unknown, let copulas = lex.copulaKeys[hashes[e]] {
            for cop in copulas where e + cop.count < hi && (0 ..< cop.count).allSatisfy({ hashes[e + $0] == cop[$0] }) {
                var k = e + cop.count
                if k < hi, w[k].det != nil { k += 1 }
                let roleStart = k
                var found = false
                while k < hi, k <= roleStart + 2 {
                    if let m = matchNoun(k, hi), m.0.use == .role || m.0.use == .spokesperson { found = true; break }
                    if tokens[k].kind != .word || tokens[k].isCapitalized { break }
                    k += 1
                }
                guard found else { break }
                var close = k + 1
                while close < hi, close < roleStart + 14, tokens[close].kind != .punctuation || byte[close] == 0x2D { close += 1 }
                candidates[ci].role = roleStart ..< close
                suppress = close
                break
            }
        }
        return e
    }

    // MARK: names → parties

    mutating func newParty(_ ci: Int) -> Int {
        var b = PartyBuilder(kind: candidates[ci].kind, plural: candidates[ci].plural, gender: candidates[ci].gender,
                             key: candidates[ci].keyHash, fromNoun: candidates[ci].source == .noun)
        addNounWords(of: ci, to: &b)
        builders.append(b)
        return builders.count - 1
    }

    /// `b.addNounWords(of:)` the candidate's key.
    func addNounWords(of ci: Int, to b: inout PartyBuilder) {
        let pk = Int(candidates[ci].pseudonymKey)
        if pk >= 0 { b.addNounWords(of: pseudonymKeys[pk]); return }
        var h = FNV.basis, n = 0
        forEachKeyByte(candidates[ci].nameRange) { c in
            if c == 0x20 {
                if n > 0 { b.addNounWord(h) }
                h = FNV.basis; n = 0
            } else {
                h = FNV.add(h, c); n += 1
            }
        }
        if n > 0 { b.addNounWord(h) }
    }

    mutating func register(_ key: UInt64, _ p: Int) {
        guard key != emptyKeyHash, !ambiguousKeys.contains(key) else { return }
        if let q = partyOfKey[key], q != p { return }
        if let q = aliasOfKey[key], q != p { ambiguousKeys.insert(key); aliasOfKey[key] = nil; return }
        aliasOfKey[key] = p
    }
    func lookup(_ key: UInt64) -> Int? { partyOfKey[key] ?? aliasOfKey[key] }

    /// An organisation's key without its legal suffixes and commas ("fruitbelt" for "Fruitbelt,
    /// Inc."); other names keep their key.
    mutating func coreKey(_ ci: Int) -> UInt64 {
        guard candidates[ci].kind == .organization, candidates[ci].source == .name else { return candidates[ci].keyHash }
        let nameRange = candidates[ci].nameRange
        @inline(__always) func kept(_ k: Int) -> Bool {
            byte[k] != 0x2C && !(w[k].org?.position == .suffix && k != nameRange.lowerBound)
        }
        var keptCount = 0
        for k in nameRange where kept(k) { keptCount += 1 }
        guard keptCount > 0, keptCount < nameRange.count else { return candidates[ci].keyHash }
        // The kept folds joined as `foldKey` joins them, hashed as they come (no String).
        var h = FNV.basis, any = false
        for k in nameRange where kept(k) {
            if any, tokens[k].spaceBefore { h = FNV.add(h, 0x20) }
            var fold = keys[k]
            fold.withUTF8 { buf in
                if !buf.isEmpty { any = true }
                for b in buf { h = FNV.add(h, b) }
            }
        }
        return h
    }

    /// Shorter keys by which a named party can be mentioned again: a person's surname, the first
    /// word of an organisation's name, the initials of a name of three words or more.
    /// Each key goes to `body` in turn (no array per candidate).
    mutating func derivedKeys(_ ci: Int, _ body: (UInt64) -> Void) {
        let kind = candidates[ci].kind
        let nameRange = candidates[ci].nameRange
        // The capitalised words, counted without collecting them.
        var capCount = 0, firstCap = -1, lastCap = -1
        for k in nameRange where cap[k] {
            capCount += 1
            if firstCap < 0 { firstCap = k }
            lastCap = k
        }
        guard capCount >= 2 else { return }
        if kind == .person {
            var last = lastCap
            // Hyphenated surname: take the whole "May-her".
            var s = last
            while s >= 2, byte[s - 1] == 0x2D, !tokens[s].spaceBefore, cap[s - 2] || tokens[s - 2].kind == .word { s -= 2 }
            if s != last { body(keyHash(s ..< last + 1)) }
            if letterCount(last) > 1 { body(hashes[last]) }
            last = 0
        } else if kind == .organization || kind == .unknown {
            let f = firstCap
            if !lowerSeen(f), w[f].org == nil, !w[f].flags.contains(.stopword), letterCount(f) > 2 {
                body(hashes[f])
            }
        }
        if capCount >= 3 || kind != .person {
            var initials = ""
            var core = ""
            for k in nameRange where cap[k] {
                guard let ch = keys[k].first else { continue }
                initials.append(ch)
                if w[k].org?.position != .suffix || k == firstCap { core.append(ch) }
            }
            if initials.count >= 2 { body(PartyLexicon.wordKey(initials)) }
            if core.count >= 2, core != initials { body(PartyLexicon.wordKey(core)) }
        }
    }

    mutating func assignNames() {
        // At most one party per candidate, and a few from pronouns ("we"): never grown.
        builders.reserveCapacity(candidates.count + 2)
        // 1. Strong names of two words or more (and pseudonyms) found the parties.
        for ci in candidates.indices where candidates[ci].source != .noun && candidates[ci].source != .alias {
            guard candidates[ci].strong, candidates[ci].words >= 2 || candidates[ci].source == .pseudonym else { continue }
            let key = candidates[ci].keyHash
            // "Fruitbelt, Inc." and "Fruitbelt Incorporated" are one company: keyed without suffixes.
            let core = coreKey(ci)
            let p = partyOfKey[key] ?? partyOfKey[core] ?? newParty(ci)
            partyOfKey[key] = p
            if core != key, partyOfKey[core] == nil { partyOfKey[core] = p }
            candidates[ci].party = p
            absorb(ci, p)
        }
        var derived: [UInt64] = []
        // 2. Their surnames, short names and initials; the party noun that introduced them
        // ("defendant, Michael L. Thompson": later "defendant" is him, unless two are so named).
        for ci in candidates.indices where candidates[ci].party >= 0 && candidates[ci].source == .name {
            // Gathered, then registered: a closure changing the pass while `derivedKeys` reads it
            // would make the pass copy itself.
            derived.removeAll(keepingCapacity: true)
            derivedKeys(ci) { derived.append($0) }
            for k in derived where builders[candidates[ci].party].key != k { register(k, candidates[ci].party) }
            if let n = candidates[ci].descriptorNoun, n.use == .party || n.use == .both, n.kind == .person, !n.plural {
                register(n.keyHash, candidates[ci].party)
            }
        }
        // 3. Parenthetical definitions of those names; then strong single words; then the rest.
        linkAliases()
        for ci in candidates.indices where candidates[ci].party < 0 && candidates[ci].source == .name && candidates[ci].strong {
            let key = candidates[ci].keyHash
            let p = lookup(key) ?? newParty(ci)
            if lookup(key) == nil { partyOfKey[key] = p }
            candidates[ci].party = p
            absorb(ci, p)
        }
        linkAliases()
        for ci in candidates.indices where candidates[ci].party < 0 && candidates[ci].source == .name {
            if let p = lookup(candidates[ci].keyHash) { candidates[ci].party = p; absorb(ci, p) }
        }
    }

    mutating func linkAliases() {
        for ci in candidates.indices where candidates[ci].source == .alias && candidates[ci].party < 0 {
            guard let l = candidates[ci].linkTo, candidates[l].party >= 0 else { continue }
            let p = candidates[l].party
            candidates[ci].party = p
            register(candidates[ci].keyHash, p)
        }
    }

    /// Merges what a candidate tells about its party (kind, gender).
    mutating func absorb(_ ci: Int, _ p: Int) {
        let kind = candidates[ci].kind, isTitled = candidates[ci].isTitled, descriptorNoun = candidates[ci].descriptorNoun
        if builders[p].kind == .unknown || builders[p].kind == .person && kind != .person && kind != .unknown && !isTitled && descriptorNoun != nil {
            builders[p].kind = kind
        }
        if isTitled, builders[p].kind != .person { builders[p].kind = .person }
        if let n = descriptorNoun { for k in n.wordKeys { builders[p].addNounWord(k) } }
        if builders[p].gender == .unknown { builders[p].gender = candidates[ci].gender }
    }

    // MARK: descriptions and pronouns, in text order

    struct Recent { var party: Int; var token: Int; var sentence: Int; var end: Int = -1 }

    /// The latest mention satisfying `accept` in sentences `since` and later. Stops at the first
    /// older sentence, so a search costs what the window holds, not what the document holds.
    func latest(_ recent: [Recent], since: Int, _ accept: (Recent) -> Bool) -> Recent? {
        var k = recent.count - 1
        while k >= 0, recent[k].sentence >= since {
            if accept(recent[k]) { return recent[k] }
            k -= 1
        }
        return nil
    }

    func kindCompatible(_ want: PartyKind, _ have: PartyKind) -> Bool {
        switch want {
        case .organization: return have == .organization || have == .unknown
        case .institution: return have == .institution || have == .organization
        case .court: return have == .court
        case .person: return have == .person || have == .unknown
        case .group: return have == .group
        case .unknown: return true
        }
    }

    mutating func chronologicalPass() {
        enum Event { case cand(Int), pron(Int) }
        var events: [(Int, Int, Event)] = []  // (token, order, event)
        events.reserveCapacity(candidates.count + pronouns.count)
        // A name described before it ("son ancien responsable commercial X", "La correspondante …,
        // X,") takes its place at the description: it is what the sentence speaks of first.
        // (Fields are read in place: a Candidate is large, and copying one costs more than the test.)
        for ci in candidates.indices {
            let at = min(candidates[ci].nameRange.lowerBound, candidates[ci].descriptor?.lowerBound ?? .max)
            // The owner's role before the owner ("the applicant's representative argued": the
            // representative is the subject), aliases after what they define.
            events.append((at, candidates[ci].owner != nil ? -1 : candidates[ci].source == .alias ? 1 : 0, .cand(ci)))
        }
        for (pi, p) in pronouns.enumerated() { events.append((p.token, 0, .pron(pi))) }
        events.sort { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
        var recent: [Recent] = []
        recent.reserveCapacity(events.count)
        var subjectOf = SubjectTable(sentences: text.sentences.count)
        var pendingRoles: [(party: Int, range: Range<Int>)] = []
        var pendingSpokes: [(party: Int, range: Range<Int>)] = []

        func note(_ p: Int, _ token: Int, _ s: Int, end: Int = -1) {
            recent.append(Recent(party: p, token: token, sentence: s, end: end))
            if subjectOf[s] == nil { subjectOf[s] = p }
        }

        for (_, _, ev) in events {
            switch ev {
            case .cand(let ci):
                if candidates[ci].source == .noun, candidates[ci].party < 0 {
                    let p = resolveNoun(ci, recent: recent, subjectOf: subjectOf)
                    candidates[ci].party = p
                    if p >= 0, let n = candidates[ci].noun, n.use == .spokesperson, let comp = candidates[ci].complement {
                        pendingSpokes.append((p, comp))
                    }
                }
                let p = candidates[ci].party
                guard p >= 0 else { continue }
                let nameRange = candidates[ci].nameRange, sentence = candidates[ci].sentence
                // An organisation named inside another party's apposition is its affiliation.
                if !pendingRoles.isEmpty { pendingRoles.removeAll { $0.range.upperBound <= nameRange.lowerBound } }
                if !pendingSpokes.isEmpty { pendingSpokes.removeAll { $0.range.upperBound <= nameRange.lowerBound } }
                for (q, r) in pendingRoles where r.contains(nameRange.lowerBound) && q != p && builders[q].affiliation == nil {
                    if isEmployer(builders[p].kind) { builders[q].affiliation = p }
                }
                for (q, r) in pendingSpokes where r.contains(nameRange.lowerBound) && q != p && builders[q].affiliation == nil {
                    builders[q].affiliation = p
                }
                if let d = candidates[ci].descriptor, let n = candidates[ci].descriptorNoun {
                    if n.use == .role || n.use == .spokesperson || (n.use == .party && (n.kind == .person || n.kind == .group)) {
                        let roleStart = w[d.lowerBound].det != nil ? d.lowerBound + 1 : d.lowerBound
                        if builders[p].role == nil, roleStart < d.upperBound {
                            setRole(p, roleStart ..< d.upperBound)
                            if d.upperBound < nameRange.lowerBound { pendingRoles.append((p, roleStart ..< d.upperBound)) }
                        }
                        // "Samsung spokesman James Chung", "Google CEO Sundar Pichai": the name just
                        // before the role is the organisation.
                        if builders[p].affiliation == nil, let last = recent.last, last.end == d.lowerBound, last.party != p,
                           isEmployer(builders[last.party].kind) {
                            builders[p].affiliation = last.party
                        }
                        if candidates[ci].descriptorPossessive, builders[p].affiliation == nil {
                            // "son ancien responsable commercial X": the possessor is the subject so far.
                            if let owner = subjectOf[sentence] ?? latest(recent, since: sentence, { _ in true })?.party, owner != p {
                                builders[p].affiliation = owner
                            }
                        }
                    }
                }
                if let r = candidates[ci].role {
                    if builders[p].role == nil { setRole(p, r) }
                    pendingRoles.append((p, r))
                }
                note(p, nameRange.lowerBound, sentence, end: nameRange.upperBound)
            case .pron(let pi):
                let ev = pronouns[pi]
                if let p = resolvePronoun(ev, recent: recent, subjectOf: subjectOf) {
                    pronouns[pi].party = p
                    note(p, ev.token, ev.sentence)
                }
            }
        }
        // "Google's spokesperson" acts for Google.
        for ci in candidates.indices where candidates[ci].party >= 0 {
            guard let o = candidates[ci].owner else { continue }
            let op = candidates[o].party, cp = candidates[ci].party
            if op >= 0, op != cp, builders[cp].affiliation == nil { builders[cp].affiliation = op }
        }
    }

    /// A kind of party that can employ or be spoken for (organisation, institution, unknown).
    @inline(__always) func isEmployer(_ k: PartyKind) -> Bool { k == .organization || k == .institution || k == .unknown }

    /// The first party noted in each sentence (an array: sentence indices are small and dense).
    struct SubjectTable {
        private var table: [Int]
        init(sentences: Int) { table = [Int](repeating: -1, count: sentences) }
        subscript(_ s: Int) -> Int? {
            get { s >= 0 && s < table.count && table[s] >= 0 ? table[s] : nil }
            set { if s >= 0 && s < table.count { table[s] = newValue ?? -1 } }
        }
    }

    mutating func setRole(_ p: Int, _ r: Range<Int>) {
        builders[p].role = surface(r)
        for k in r where tokens[k].kind == .word && !builders[p].roleWords.contains(hashes[k]) { builders[p].roleWords.append(hashes[k]) }
    }

    mutating func resolveNoun(_ ci: Int, recent: [Recent], subjectOf: SubjectTable) -> Int {
        // The fields needed, read in place (a whole Candidate is large to copy).
        let c = NounQuery(noun: candidates[ci].noun, owner: candidates[ci].owner, sentence: candidates[ci].sentence,
                          keyHash: candidates[ci].keyHash, headKey: candidates[ci].headKey, possessive: candidates[ci].possessive,
                          range: candidates[ci].range, nameRange: candidates[ci].nameRange)
        guard let n = c.noun else { return -1 }
        if c.owner != nil { return nounParty(ci, n) }
        let window = c.sentence - 6
        if let p = aliasOfKey[c.keyHash] ?? (c.headKey != nil ? partyOfKey[c.keyHash] : nil) { return p }
        switch n.use {
        case .party, .spokesperson:
            // A bare noun after the same noun with an adjective: "le gouvernement" after
            // "le gouvernement français".
            if c.headKey == nil, let r = latest(recent, since: window, { builders[$0.party].headKey == n.keyHash }) {
                return r.party
            }
            return nounParty(ci, n)
        case .both:
            let head = n.wordKeys[language == .fr ? 0 : n.wordKeys.count - 1]
            // "the Court", "la Cour" with a capital: the court that speaks in the document (the
            // European Court, the cour d'appel) all through it; "the court" in lower case: the last
            // court named.
            let capitalKey = n.capitalKeyHash
            let capital = cap[c.nameRange.lowerBound] && !(isSentenceInitial(c.nameRange.lowerBound, sentence: c.sentence) && c.range == c.nameRange)
            if capital {
                if let p = partyOfKey[capitalKey] { return p }
                // A court named by a proper name, or by a noun with a place ("cour d'appel de
                // Chambéry"), not a bare "trial court".
                let p = latest(recent, since: 0, { r in
                    let q = r.party
                    return (!builders[q].fromNoun || builders[q].headKey != nil && builders[q].headKey != builders[q].key) && kindCompatible(n.kind, builders[q].kind) && builders[q].nounWords.contains(head)
                })?.party ?? nounParty(ci, n)
                partyOfKey[capitalKey] = p
                return p
            }
            let speaking = partyOfKey[capitalKey]
            // A court or a judge refers back only to one named with the same noun ("the court" →
            // "the circuit court", not "the State"); "la société", "l'association" to the last
            // organisation named.
            let sameNoun = n.kind != .organization
            if let r = latest(recent, since: window, { r in
                r.party != speaking && kindCompatible(n.kind, builders[r.party].kind)
                    && (!sameNoun || builders[r.party].nounWords.contains(head)) && !builders[r.party].plural
            }) { return r.party }
            return nounParty(ci, n)
        case .anaphor:
            // "le ministère de l'Intérieur": a complement makes the noun a name.
            if c.headKey != nil { return nounParty(ci, n) }
            let head = n.wordKeys[0]
            if let r = latest(recent, since: c.sentence - 10, { builders[$0.party].nounWords.contains(head)
                                            && kindCompatible(n.kind, builders[$0.party].kind) }) {
                return r.party
            }
            var owner: Int?
            if c.possessive, n.kind == .organization || n.kind == .institution,
               let o = subjectOf[c.sentence] ?? latest(recent, since: c.sentence, { _ in true })?.party {
                // "son entreprise": the company of the person speaking; "son rival": not the owner.
                if let a = builders[o].affiliation { return a }
                owner = o
            }
            if let r = latest(recent, since: window, { $0.party != owner && kindCompatible(n.kind, builders[$0.party].kind) && !builders[$0.party].plural }) {
                return r.party
            }
            return -1
        case .role:
            if c.possessive, let owner = latest(recent, since: c.sentence, { _ in true })?.party ?? subjectOf[c.sentence] {
                if let r = latest(recent, since: c.sentence - 20, { builders[$0.party].affiliation == owner && builders[$0.party].kind == .person }) { return r.party }
            }
            let w = c.noun!.wordKeys.last!
            if let r = latest(recent, since: c.sentence - 20, { builders[$0.party].roleWords.contains(w) }) { return r.party }
            return -1
        }
    }

    struct NounQuery {
        let noun: PartyLexicon.Noun?, owner: Int?, sentence: Int, keyHash: UInt64, headKey: UInt64?, possessive: Bool
        let range: Range<Int>, nameRange: Range<Int>
    }

    mutating func nounParty(_ ci: Int, _ n: PartyLexicon.Noun) -> Int {
        let headKey = candidates[ci].headKey
        let key = headKey != nil ? candidates[ci].keyHash : n.keyHash
        if let p = partyOfKey[key] { return p }
        var b = PartyBuilder(kind: n.kind, plural: n.plural, gender: n.gender, key: key, fromNoun: true)
        b.headKey = headKey ?? n.keyHash
        if headKey != nil { addNounWords(of: ci, to: &b) } else { b.addNounWords(of: n.key) }
        builders.append(b)
        partyOfKey[key] = builders.count - 1
        return builders.count - 1
    }

    mutating func resolvePronoun(_ ev: PronounEvent, recent: [Recent], subjectOf: SubjectTable) -> Int? {
        let pr = ev.pronoun
        if pr.refers == .self {
            let key = weKeyHash
            if let p = partyOfKey[key] { return p }
            builders.append(PartyBuilder(kind: .court, plural: false, gender: .unknown, key: key, fromNoun: true))
            partyOfKey[key] = builders.count - 1
            return builders.count - 1
        }
        func ok(_ p: Int, personsOnly: Bool) -> Bool {
            let (fromNoun, key, kind, plural, gender) = (builders[p].fromNoun, builders[p].key, builders[p].kind, builders[p].plural, builders[p].gender)
            if fromNoun, key == weKeyHash { return false }
            switch pr.refers {
            case .person: if kind != .person && kind != .unknown { return false }
            case .nonperson: if kind == .person || kind == .group || kind == .unknown { return false }
            default: break
            }
            // The strict pass: "il"/"elle" look for a person, "they"/"ils" for a group first.
            if personsOnly, pr.plural ? !plural : kind != .person { return false }
            if pr.plural {
                let collective = language == .en && (kind == .institution || kind == .organization)
                if !plural && !collective { return false }
            } else if plural { return false }
            if pr.gender != .unknown, gender != .unknown, gender != pr.gender { return false }
            return true
        }
        let passes: [Bool] = language == .fr && pr.refers == .any || pr.plural ? [true, false] : [false]
        if ev.initial {
            for s in [ev.sentence - 1, ev.sentence - 2] {
                if let p = subjectOf[s] {
                    if ok(p, personsOnly: false) { return p }
                    break
                }
            }
        }
        for personsOnly in passes {
            for r in recent.reversed() {
                if r.sentence < ev.sentence - 1 { break }
                if ok(r.party, personsOnly: personsOnly) { return r.party }
            }
        }
        return nil
    }

    // MARK: output

    mutating func build() -> PartySet {
        // The builders moved out, and the parties made by a method that does not change the pass:
        // its closures then read the pass where they would copy it in a mutating method.
        var builders: [PartyBuilder] = []
        swap(&builders, &self.builders)
        return makeParties(&builders)
    }

    func makeParties(_ builders: inout [PartyBuilder]) -> PartySet {
        // Gather mentions per party, counted first: each party's list is allocated once.
        var counts = [Int](repeating: 0, count: builders.count)
        for ci in candidates.indices where candidates[ci].party >= 0 {
            counts[candidates[ci].party] += 1 + (candidates[ci].descriptor != nil ? 1 : 0) + (candidates[ci].roleMention != nil ? 1 : 0)
        }
        for p in pronouns where p.party >= 0 { counts[p.party] += 1 }
        for i in builders.indices where counts[i] > 0 { builders[i].mentions.reserveCapacity(counts[i]) }
        for ci in candidates.indices where candidates[ci].party >= 0 {
            let cp = candidates[ci].party, source = candidates[ci].source, sentence = candidates[ci].sentence
            let form: Mention.Form = source == .noun ? (builders[cp].fromNoun ? .name : .description)
                : source == .alias ? .alias : .name
            builders[cp].mentions.append((candidates[ci].range, candidates[ci].nameRange, sentence, form))
            if let d = candidates[ci].descriptor { builders[cp].mentions.append((d, d, sentence, .description)) }
            if let r = candidates[ci].roleMention { builders[cp].mentions.append((r, candidates[ci].role ?? r, sentence, .description)) }
        }
        for p in pronouns where p.party >= 0 {
            builders[p.party].mentions.append((p.token ..< p.token + 1, p.token ..< p.token + 1, p.sentence, .pronoun))
        }
        // Order parties by first mention; drop those never mentioned.
        var order: [(Int, Int)] = []
        for i in builders.indices where !builders[i].mentions.isEmpty {
            var first = Int.max
            for m in builders[i].mentions where m.range.lowerBound < first { first = m.range.lowerBound }
            order.append((first, i))
        }
        order.sort { $0.0 < $1.0 }
        var newIndex = [Int](repeating: -1, count: builders.count)
        for (n, (_, i)) in order.enumerated() { newIndex[i] = n }
        var parties: [Party] = []
        parties.reserveCapacity(order.count)
        // The surfaces already taken for the party at hand: lists reused from party to party.
        var seen: [String] = []
        var seenBytes: [UInt64] = []
        let info = w
        for (_, i) in order {
            // Moved out (not copied): sorting a list the builder still shares would copy it.
            var b = builders[i]
            builders[i].mentions = []
            b.mentions.sort { $0.range.lowerBound != $1.range.lowerBound ? $0.range.lowerBound < $1.range.lowerBound : $0.range.count > $1.range.count }
            // Canonical name: the fullest named form.
            var best: Range<Int>?
            var bestRange: Range<Int>?
            func shouting(_ r: Range<Int>) -> Bool {
                for k in r where !(!cap[k] || isAllCaps(k) || letterCount(k) <= 1) { return false }
                return true
            }
            for m in b.mentions where m.form == .name {
                // The fullest form; written normally rather than in capitals when as full.
                if best == nil || m.nameRange.count > best!.count || m.nameRange.count == best!.count && shouting(best!) && !shouting(m.nameRange) {
                    best = m.nameRange; bestRange = m.range
                }
            }
            if best == nil, let m = b.mentions.first(where: { $0.form != .pronoun }) ?? b.mentions.first { best = m.nameRange; bestRange = m.range }
            var name = surface(best!)
            // A person known only by a surname or a pseudonym keeps the title: "Mme Dupont", "M. [P]".
            if b.kind == .person, best!.reduce(0, { $0 + (cap[$1] ? 1 : 0) }) <= 1,
               let titled = b.mentions.first(where: { $0.form == .name && $0.range.lowerBound < $0.nameRange.lowerBound && info[$0.range.lowerBound].title != nil }) {
                name = surface(titled.range)
            }
            // English common-noun parties keep their article: "the applicant", "the Government".
            if b.fromNoun, language == .en, let r = bestRange, r.lowerBound < best!.lowerBound, w[r.lowerBound].det == .article {
                name = surface(r.lowerBound ..< best!.upperBound)
            }
            if b.key == weKeyHash && b.fromNoun && b.mentions.allSatisfy({ $0.form == .pronoun }) { name = surface(b.mentions[0].range) }
            var aliases: [String] = []
            // The name and the aliases so far: a handful, searched in a list.
            seen.removeAll(keepingCapacity: true)
            seen.append(name)
            // Byte hashes of the spans already looked at: the same bytes make the same string, so a
            // surface seen before (most mentions repeat one) is skipped without building it.
            seenBytes.removeAll(keepingCapacity: true)
            func consider(_ r: Range<Int>) {
                let sp = span(r)
                let h = text.text.withUnsafeBufferPointer { t in
                    var h = FNV.basis
                    for k in sp.start ..< sp.end { h = FNV.add(h, t[k]) }
                    return h
                }
                if seenBytes.contains(h) { return }
                seenBytes.append(h)
                let s = text.string(sp)
                if !seen.contains(s) { seen.append(s); aliases.append(s) }
            }
            for m in b.mentions {
                consider(m.range)
                // The same range gives the same span, already considered.
                if m.nameRange != m.range { consider(m.nameRange) }
            }
            let mentions = b.mentions.map {
                Mention(span: span($0.range), sentence: $0.sentence, form: $0.form, tokens: $0.range, isGenitive: possessiveToken[$0.range.upperBound - 1])
            }
            parties.append(Party(name: name, kind: b.kind, aliases: aliases, mentions: mentions, role: b.role,
                                 affiliation: b.affiliation.flatMap { newIndex[$0] >= 0 ? newIndex[$0] : nil }, isPlural: b.plural))
        }
        return PartySet(parties: parties)
    }
}

extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while s.first == " " { s.removeFirst() }
        while s.last == " " { s.removeLast() }
        return String(s)
    }
}
