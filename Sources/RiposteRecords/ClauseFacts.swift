// Requires: SentenceContext (its sentence, tokens and RecordsLexicon). Provides: what the clause
// rules ask about a token of the sentence (verb features and lemmas from Inflections, negation,
// wrongdoing, skippable words) as bits worked out once per token, and clause ends worked out once
// per start: every cue match of a sentence asks the same questions of the same tokens, and each
// answer otherwise costs string hashing and arrays of feature strings.
import RiposteText

/// Answers about one token. A query's `have` bit says its answer bits are filled in.
struct TokenFacts {
    // Verb group: one Inflections lookup fills all of them.
    static let haveVerb: UInt32 = 1 << 0
    static let verbForm: UInt32 = 1 << 1      // any analysis
    static let pp: UInt32 = 1 << 2            // some analysis is "pp"
    static let allPP: UInt32 = 1 << 3         // analyses, all "pp"
    static let pprGer: UInt32 = 1 << 4        // some "ppr" or "ger"
    static let inf: UInt32 = 1 << 5           // some "inf"
    static let cond: UInt32 = 1 << 6          // some "cond.…"
    static let indFut: UInt32 = 1 << 7        // some "ind.fut…"
    static let allSecond: UInt32 = 1 << 8     // analyses, all "….2s" or "….2p"
    static let pastParticiple: UInt32 = 1 << 9 // RecordsLexicon.isPastParticiple
    // One query each.
    static let haveNeg: UInt32 = 1 << 10
    static let neg: UInt32 = 1 << 11
    static let haveWrong: UInt32 = 1 << 12
    static let wrong: UInt32 = 1 << 13
    static let haveSkippable: UInt32 = 1 << 14
    static let skippable: UInt32 = 1 << 15
    static let haveDismissLemma: UInt32 = 1 << 16
    static let dismissLemma: UInt32 = 1 << 17
    static let haveQuoteLemma: UInt32 = 1 << 18
    static let quoteLemma: UInt32 = 1 << 19
    static let haveAuxLemma: UInt32 = 1 << 20
    static let auxLemma: UInt32 = 1 << 21
    static let haveModalLemma: UInt32 = 1 << 22
    static let modalLemma: UInt32 = 1 << 23
    /// In VerbFactsCache only: a French word the inflections do not list, of more than three
    /// characters, with a participle ending (a past participle when the token is a lower-case word).
    static let participleEnding: UInt32 = 1 << 24
}

/// The per-sentence memo of a SentenceContext (shared by its copies: a class).
final class SentenceMemo {
    let base: Int
    let count: Int
    /// clauseEnd(from: base + k) + 1, 0 when not yet known.
    let ends: UnsafeMutablePointer<Int32>
    /// For a noun phrase starting at base + k: its governing preposition's index + 1, -1 for
    /// none, 0 when not yet known.
    let preps: UnsafeMutablePointer<Int32>
    var channel: String?
    var channelKnown = false
    var media: String?
    var mediaKnown = false
    /// The first token with the rule class `condition`, once found; the tokens before
    /// `conditionScanned` have none.
    var firstCondition: Int?
    var conditionScanned: Int

    init(_ range: Range<Int>) {
        base = range.lowerBound
        count = range.count
        conditionScanned = range.lowerBound
        // One allocation for the two per-token arrays (all 32-bit, all zero at first).
        let n = max(count, 1)
        ends = .allocate(capacity: 2 * n)
        ends.initialize(repeating: 0, count: 2 * n)
        preps = ends + n
    }

    deinit {
        ends.deallocate()
    }
}

extension SentenceContext {
    /// The answer bits of token `i` for the query whose bit is `have`, computed once per token of
    /// the document (the answers depend on the token alone: every context of the sentence, and
    /// of the others, shares them).
    @inline(__always) func facts(_ i: Int, _ have: UInt32, _ compute: (Token) -> UInt32) -> UInt32 {
        if i >= 0 && i < factCount {
            let f = factBits[i]
            if f & have != 0 { return f }
            let g = f | have | compute(toks[i])
            factBits[i] = g
            return g
        }
        return compute(toks[i])
    }

    @inline(__always) func verbFacts(_ i: Int) -> UInt32 { facts(i, TokenFacts.haveVerb, computeVerbFacts) }

    /// `lex.isVerbForm(toks[i])`.
    @inline(__always) func isVerbForm(at i: Int) -> Bool { verbFacts(i) & TokenFacts.verbForm != 0 }
    /// `lex.isPastParticiple(toks[i])`.
    @inline(__always) func isPastParticiple(at i: Int) -> Bool { verbFacts(i) & TokenFacts.pastParticiple != 0 }
    /// `lex.verbFeatures(toks[i])` holds a feature with bit `bit` (TokenFacts.pp, .inf, .cond, …).
    @inline(__always) func verbHas(at i: Int, _ bit: UInt32) -> Bool { verbFacts(i) & bit != 0 }

    @inline(__always) func isNeg(at i: Int) -> Bool {
        facts(i, TokenFacts.haveNeg) { _ in isNegUncached(i) ? TokenFacts.neg : 0 } & TokenFacts.neg != 0
    }
    @inline(__always) func isWrongdoing(at i: Int) -> Bool {
        facts(i, TokenFacts.haveWrong) { t in
            if let known = wrongCache.answer(t) { return known }
            let w = lex.isWrongdoing(t.fold) ? TokenFacts.wrong : 0
            wrongCache.keep(t, w)
            return w
        } & TokenFacts.wrong != 0
    }
    @inline(__always) func isSkippable(at i: Int) -> Bool {
        facts(i, TokenFacts.haveSkippable) { _ in isSkippableUncached(i) ? TokenFacts.skippable : 0 } & TokenFacts.skippable != 0
    }
    /// `isConditionalVerb(toks[i])`.
    @inline(__always) func isConditionalVerb(at i: Int) -> Bool {
        if lex.language == .fr { return verbHas(at: i, TokenFacts.cond) }
        return listed(i, .hearsayAdv)
    }
    /// A lemma of the token is in records-rule-words' `dismiss-lemma`.
    func hasDismissLemma(at i: Int) -> Bool {
        lemmaFact(at: i, TokenFacts.haveDismissLemma, TokenFacts.dismissLemma) { lex.dismissLemmas.contains($0) }
    }
    /// A lemma of the token has the class `quote-verb`.
    func hasQuoteVerbLemma(at i: Int) -> Bool {
        lemmaFact(at: i, TokenFacts.haveQuoteLemma, TokenFacts.quoteLemma) { lex.has($0, .quoteVerb) }
    }
    func hasAuxLemma(at i: Int) -> Bool {
        lemmaFact(at: i, TokenFacts.haveAuxLemma, TokenFacts.auxLemma) { lex.auxLemmas.contains($0) }
    }
    func hasModalLemma(at i: Int) -> Bool {
        lemmaFact(at: i, TokenFacts.haveModalLemma, TokenFacts.modalLemma) { lex.modalLemmas.contains($0) }
    }
    /// Whether a lemma of token i passes `test`, computed once per token into the fact bit `fact`
    /// (`have` marks it known).
    @inline(__always) private func lemmaFact(at i: Int, _ have: UInt32, _ fact: UInt32, _ test: (String) -> Bool) -> Bool {
        facts(i, have) { t in
            lex.inflections.analyses(lower: t.lower, fold: t.fold).contains { test($0.lemma) } ? fact : 0
        } & fact != 0
    }

    /// What one feature string of an analysis says: `pp`, `pprGer`, `inf`, `cond`, `indFut`, and
    /// `allSecond` for a second person (".2s", ".2p"). Asked once per analysis of a word the
    /// thread's `VerbFactsCache` does not hold yet.
    static func featureFacts(_ f: String) -> UInt32 {
        var v: UInt32 = 0
        if f == "pp" { v |= TokenFacts.pp }
        if f == "ppr" || f == "ger" { v |= TokenFacts.pprGer }
        if f == "inf" { v |= TokenFacts.inf }
        if f.hasPrefix("cond.") { v |= TokenFacts.cond }
        if f.hasPrefix("ind.fut") { v |= TokenFacts.indFut }
        if f.hasSuffix(".2s") || f.hasSuffix(".2p") { v |= TokenFacts.allSecond }
        return v
    }

    /// The verb group of a token, from its Inflections analyses (one lookup instead of one per
    /// question, and no array of feature strings).
    private func computeVerbFacts(_ t: Token) -> UInt32 {
        let v: UInt32
        if let known = verbCache.answer(t) {
            v = known
        } else {
            v = wordVerbFacts(t)
            verbCache.keep(t, v)
        }
        if v & TokenFacts.participleEnding != 0 {
            // isPastParticiple: French verbs the lexicon does not list, by their ending.
            return t.kind == .word && !t.isCapitalized ? TokenFacts.pastParticiple : 0
        }
        return v
    }

    /// The part of `computeVerbFacts` that depends on the word alone (kept per thread).
    private func wordVerbFacts(_ t: Token) -> UInt32 {
        let analyses = lex.inflections.analyses(lower: t.lower, fold: t.fold)
        if analyses.isEmpty {
            guard lex.language == .fr, t.lower.count > 3 else { return 0 }
            for suf in lex.participleEndings where t.lower.hasSuffix(suf) { return TokenFacts.participleEnding }
            return 0
        }
        var v = TokenFacts.verbForm
        var allPP = true, allSecond = true
        for a in analyses {
            let f = SentenceContext.featureFacts(a.features)
            v |= f & ~TokenFacts.allSecond
            if f & TokenFacts.pp == 0 { allPP = false }
            if f & TokenFacts.allSecond == 0 { allSecond = false }
        }
        if allPP { v |= TokenFacts.allPP }
        if allSecond { v |= TokenFacts.allSecond }
        if v & TokenFacts.pp != 0 { v |= TokenFacts.pastParticiple }
        return v
    }
}

extension SentenceContext {
    /// The index of the last record of the run passing `test`, which reads the record in place
    /// (`records.last(where:)` hands the closure a copy of every record it passes over).
    @inline(__always) func lastRecordIndex(where test: (UnsafePointer<Record>) -> Bool) -> Int? {
        run.records.withUnsafeBufferPointer { rs -> Int? in
            guard let base = rs.baseAddress else { return nil }
            var k = rs.count - 1
            while k >= 0 {
                if test(base + k) { return k }
                k -= 1
            }
            return nil
        }
    }

    /// Some earlier filing or allegation targets `source` or `onBehalf` (the speaker stands accused).
    func standsAccused(_ source: Int?, _ onBehalf: Int?) -> Bool {
        guard source != nil || onBehalf != nil else { return false }
        return lastRecordIndex { r in
            (r.pointee.type == .filing || r.pointee.type == .allegation) && r.pointee.targets.contains { $0 == source || $0 == onBehalf }
        } != nil
    }
}

extension SentenceContext {
    /// `evidence.contains("appe")`: a byte search for ASCII evidence (rule and cue ids are), the
    /// Foundation search (canonical equivalence) otherwise.
    static func mentionsAppeal(_ evidence: String) -> Bool {
        let ascii: Bool? = withBytes(evidence) { b -> Bool? in
            guard b.allSatisfy({ $0 < 0x80 }) else { return nil }
            guard b.count >= 4 else { return false }
            for i in 0 ... b.count - 4 where b[i] == 0x61 && b[i + 1] == 0x70 && b[i + 2] == 0x70 && b[i + 3] == 0x65 { return true }
            return false
        }
        return ascii ?? evidence.contains("appe")
    }
}

/// The features and flags of a cue pattern (cues.tsv, fourth column) that the clause analysis
/// reads, decoded once per match: `CuePattern.feature`/`has` hash the name at every call, and one
/// record asks about twenty of them.
struct CueFeatures: Sendable {
    var content: String?, channel: String?, src: String?, court: String?, lean: String?
    var elseType: String?, need: String?, tg: String?, mod: String?, conf: String?
    var legal = false, start = false, nominal = false, report = false, courtFlag = false
    var passive = false, negcue = false, act = false, undo = false, objection = false
    var benefit = false, loser = false
    /// `Double(conf ?? "") ?? 0.5`, parsed once.
    var confidence = 0.5

    init(_ p: CuePattern) { self = p.decoded }

    init(features: [String: String], flags: Set<String>) {
        for (k, v) in features {
            switch k {
            case "content": content = v
            case "channel": channel = v
            case "src": src = v
            case "court": court = v
            case "lean": lean = v
            case "else": elseType = v
            case "need": need = v
            case "tg": tg = v
            case "mod": mod = v
            case "conf": conf = v
            default: break
            }
        }
        confidence = Double(conf ?? "") ?? 0.5
        for f in flags {
            switch f {
            case "legal": legal = true
            case "start": start = true
            case "nominal": nominal = true
            case "report": report = true
            case "court": courtFlag = true
            case "passive": passive = true
            case "negcue": negcue = true
            case "act": act = true
            case "undo": undo = true
            case "objection": objection = true
            case "benefit": benefit = true
            case "loser": loser = true
            default: break
            }
        }
    }
}

/// `foldKey` of a one-byte word: a constant for a literal byte.
@inline(__always) func byteKey(_ b: UInt8) -> UInt64 { (0xcbf2_9ce4_8422_2325 ^ UInt64(b)) &* 0x100_0000_01b3 }

/// `foldKey` of the bytes given, folded at compile time for literal bytes.
@inline(__always) func bytesKey(_ a: UInt8, _ b: UInt8) -> UInt64 {
    (byteKey(a) ^ UInt64(b)) &* 0x100_0000_01b3
}
@inline(__always) func bytesKey(_ a: UInt8, _ b: UInt8, _ c: UInt8) -> UInt64 {
    (bytesKey(a, b) ^ UInt64(c)) &* 0x100_0000_01b3
}

/// Keys of the marks the clause rules compare tokens with (from their UTF-8 bytes;
/// ClauseFactsTests checks them against `foldKey`). Comparing a token's String with a
/// literal is slow whenever the token is not ASCII (the comparison then normalises), and most
/// tokens are not the literal: their key says so first. Constants, not `static let`s, which
/// would cost a `swift_once` call per use.
enum MarkKey {
    static var closingGuillemet: UInt64 { bytesKey(0xC2, 0xBB) }        // »
    static var closingQuote: UInt64 { bytesKey(0xE2, 0x80, 0x9D) }     // ”
    static var emDash: UInt64 { bytesKey(0xE2, 0x80, 0x94) }           // —
    static var enDash: UInt64 { bytesKey(0xE2, 0x80, 0x93) }           // –
    static var t: UInt64 { byteKey(0x74) }
}

extension SentenceContext {
    /// `toks[i].lower == s` for a one-byte punctuation mark `s` (byte `b`), tested on the token's
    /// key first. Exact: a token whose lower case is that mark has it as its fold too (folding
    /// leaves ASCII punctuation alone), so its key is `byteKey(b)`.
    @inline(__always) func isMark(_ i: Int, _ b: UInt8, _ s: String) -> Bool {
        toks[i].key == byteKey(b) && toks[i].lower == s
    }

    /// `toks[i].lower == s` for a mark `s` whose fold is itself ("»", "”", "—", "–", "t": folding
    /// changes none of them), `key` being `foldKey(s)`.
    @inline(__always) func isMark(_ i: Int, key: UInt64, _ s: String) -> Bool {
        toks[i].key == key && toks[i].lower == s
    }

    /// `toks[i].fold == s`, `key` being `foldKey(s)`.
    @inline(__always) func isFold(_ i: Int, key: UInt64, _ s: String) -> Bool {
        toks[i].key == key && toks[i].fold == s
    }
}

/// The UTF-8 bytes of `s` when it stores them contiguously (native and small strings do), for
/// `body`; nil otherwise (or when `body` answers nil), and the caller then takes the String path.
/// (`withUTF8` would copy a bridged string at every call.)
@inline(__always) func withBytes<R>(_ s: String, _ body: (UnsafeBufferPointer<UInt8>) -> R?) -> R? {
    s.utf8.withContiguousStorageIfAvailable(body) ?? nil
}

/// A list of word endings or stems from records-rule-words.tsv (`neg-suffix`, `dismiss-stem`, …),
/// tested against folded words on their UTF-8 bytes where that gives the answer of
/// `hasSuffix`/`hasPrefix` (comparisons by Character), with those as the fallback.
struct AffixList {
    /// Each entry as written, and its bytes when it is ASCII and not empty (nil: String path).
    let entries: [(text: String, bytes: [UInt8]?)]

    /// The last bytes a token's text can end with when its fold has one of these suffixes (a
    /// 256-bit set): an ASCII entry's last letter in either case, and every non-ASCII byte (a
    /// letter that folds to ASCII, a mark folding drops); every byte when an entry is empty or
    /// not ASCII.
    private let lastBytes: (UInt64, UInt64, UInt64, UInt64)
    /// The same for the first bytes of the entries (as prefixes).
    private let firstBytes: (UInt64, UInt64, UInt64, UInt64)

    init(_ list: [String]) {
        entries = list.map { e in
            let b = Array(e.utf8)
            return (e, !b.isEmpty && b.allSatisfy({ $0 < 0x80 }) ? b : nil)
        }
        let entries = self.entries
        func byteSet(_ pick: ([UInt8]) -> UInt8?) -> (UInt64, UInt64, UInt64, UInt64) {
            var set: [UInt64] = [0, 0, ~0, ~0]
            for e in entries {
                guard let b = e.bytes, let x0 = pick(b) else { set = [~0, ~0, ~0, ~0]; break }
                for x in [x0, UInt8(ascii: "A") <= x0 && x0 <= UInt8(ascii: "Z") ? x0 + 32 : x0,
                          UInt8(ascii: "a") <= x0 && x0 <= UInt8(ascii: "z") ? x0 - 32 : x0] {
                    set[Int(x >> 6)] |= 1 << UInt64(x & 63)
                }
            }
            return (set[0], set[1], set[2], set[3])
        }
        lastBytes = byteSet { $0.last }
        firstBytes = byteSet { $0.first }
    }

    /// False when a token whose text begins with byte `b` cannot have a fold with one of these
    /// prefixes.
    @inline(__always) func mayBegin(with b: UInt8) -> Bool { AffixList.has(firstBytes, b) }

    @inline(__always) private static func has(_ set: (UInt64, UInt64, UInt64, UInt64), _ b: UInt8) -> Bool {
        let w: UInt64
        switch b >> 6 {
        case 0: w = set.0
        case 1: w = set.1
        case 2: w = set.2
        default: w = set.3
        }
        return w & (1 << UInt64(b & 63)) != 0
    }

    /// False when a token whose text ends with byte `b` cannot have a fold with one of these
    /// suffixes (no String read needed to say so).
    @inline(__always) func mayEnd(with b: UInt8) -> Bool { AffixList.has(lastBytes, b) }

    /// `list.contains(where: fold.hasSuffix)`.
    @inline(__always) func anySuffix(of fold: String) -> Bool {
        for e in entries where AffixList.hasSuffix(fold, e.bytes, e.text) { return true }
        return false
    }

    /// `list.contains(where: fold.hasPrefix)`.
    func anyPrefix(of fold: String) -> Bool {
        for e in entries where AffixList.hasPrefix(fold, e.bytes, e.text) { return true }
        return false
    }

    /// On bytes: an ASCII suffix not starting with a line feed, preceded in `s` by an ASCII byte or
    /// nothing (so no prepended or joining character moves the boundary). `s` is a folded word
    /// (NFC: no ASCII look-alike singletons), so differing bytes mean no match when the bytes of
    /// `s` they are compared with are ASCII.
    @inline(__always) static func hasSuffix(_ s: String, _ f: [UInt8]?, _ text: String) -> Bool {
        if let f, f[0] != 0x0A, let quick = withBytes(s, { b -> Bool? in
            if b.count < f.count { return b.allSatisfy({ $0 < 0x80 }) ? false : nil }
            let start = b.count - f.count
            for k in 0 ..< f.count where b[start + k] != f[k] {
                return b[start...].allSatisfy({ $0 < 0x80 }) ? false : nil
            }
            return start == 0 || b[start - 1] < 0x80 ? true : nil
        }) { return quick }
        return s.hasSuffix(text)
    }

    /// On bytes: an ASCII prefix followed in `s` by an ASCII byte or nothing (so no combining mark
    /// joins its last character).
    @inline(__always) static func hasPrefix(_ s: String, _ f: [UInt8]?, _ text: String) -> Bool {
        if let f, let quick = withBytes(s, { b -> Bool? in
            if b.count < f.count { return b.allSatisfy({ $0 < 0x80 }) ? false : nil }
            for k in 0 ..< f.count where b[k] != f[k] {
                return b[0 ..< f.count].allSatisfy({ $0 < 0x80 }) ? false : nil
            }
            return b.count == f.count || b[f.count] < 0x80 ? true : nil
        }) { return quick }
        return s.hasPrefix(text)
    }
}

/// The number of words `s.split(separator: " ")` gives, counted on bytes; nil when `s` is not
/// ASCII (the Character split is then the reference).
func asciiWordCount(_ s: String) -> Int? {
    withBytes(s) { b -> Int? in
        var count = 0
        var inWord = false
        for x in b {
            if x >= 0x80 { return nil }
            if x == 0x20 { inWord = false } else if !inWord { inWord = true; count += 1 }
        }
        return count
    }
}
