import RiposteText
import RiposteNormalize
import RiposteSegment
import RiposteParties

/// One document's pass of the records stage: the state that crosses sentences (last source,
/// attribution carried by "selon la plainte", the operative part of a judgment, a list's
/// speaker) and the records found so far.
final class DocumentRun {
    let text: SegmentedText
    let lex: RecordsLexicon
    var book: PartyBook
    var records: [Record] = []
    let finder: NounPhraseFinder
    let legal: Bool
    /// The document names at least one court, claimant or respondent: "we" may be a court.
    let mentionsCase: Bool

    /// Source of the last record (for "Il reconnaît…", "He argued…").
    var lastSource: Int?
    /// Attribution that the next sentences inherit while they keep reporting ("Selon la plainte, … .
    /// Ces fichiers auraient été stockés…").
    var carry: (source: Int?, targets: [Int], channel: String?, sentence: Int, paragraph: Int)?
    var operativeMode = false
    var operativeCourt: Int?
    /// The speaker of a list introduced by "… a :" and the sentence that introduced it.
    var listSource: (party: Int?, sentence: Int)?
    /// The party whose requests follow ("l'association … demande à la cour de :" then "Infirmer le
    /// jugement…", "Condamner l'Etat…"): each infinitive item is a claim it brings.
    var requester: (party: Int?, sentence: Int)?
    /// A speaker's organisation, learned from appositions ("X, cofondateur de Y").
    var affiliation: [Int: Int] = [:]
    var firstPersonParty: Int?
    /// Per party: the organisation it speaks for (nil inside when none), computed once.
    var speaksForCache: [Int: Int?] = [:]
    /// Token indices where a cue may begin (its first element matches), sentence by sentence, and
    /// each sentence's part of that list.
    private let cueStarts: [Int]
    private let cueRanges: [Range<Int>]
    /// The lexicon entry of every sentence token, for the rules' word tests.
    let words: TokenWords
    /// Per token, the ClauseFacts answers worked out so far (TokenFacts bits; 0: none), shared by
    /// every SentenceContext of the document.
    let factBits: UnsafeMutablePointer<UInt32>
    let factCount: Int
    /// The tokens listed `court-self`, in order, when the sentences cover every token once in
    /// order (nil otherwise): `englishFirstPersonCourtName` tests these instead of every token.
    let courtSelfTokens: [Int]?
    /// This thread's memos of verb facts and wrongdoing (VerbFactsCache), looked up once per
    /// document rather than per sentence context (a run stays on one thread).
    let verbCache: VerbFactsCache
    let wrongCache: VerbFactsCache

    /// `names`: the extractor's memo of party names (PartyBook.NameKeys; nil: this run's own).
    init(text: SegmentedText, parties: PartySet, lex: RecordsLexicon, names: PartyBook.NameKeys? = nil) {
        self.text = text
        self.lex = lex
        book = PartyBook(set: parties, lex: lex, names: names)
        verbCache = VerbFactsCache.current(for: lex, kind: .verb)
        wrongCache = VerbFactsCache.current(for: lex, kind: .wrongdoing)
        // One pass over the sentence tokens (each token is read once, while it is in cache): their
        // start offsets (to place the PartySet mentions), the capitalised words used inside
        // sentences, the role nouns of a case, and the tokens where a cue may begin.
        let tokens = text.tokens
        // While the sentence tokens, in sentence order, have increasing indices and non-decreasing
        // starts (always, but checked), a mention's token is found by the merge below.
        var sorted = true
        var prevStart = Int.min
        var prevUpper = 0
        var caps = FoldKeySet()
        var legalWords = 0
        var cueStarts: [Int] = []
        var cueRanges: [Range<Int>] = []
        cueRanges.reserveCapacity(text.sentences.count)
        // The PartySet mentions' start offsets (sorted, distinct) and, while the tokens come in
        // non-decreasing starts, the last token starting at each: found in the pass below by a
        // merge, instead of binary searches over the tokens afterwards.
        var mentionStarts: [Int] = []
        for party in parties.parties { for m in party.mentions { mentionStarts.append(m.span.start) } }
        mentionStarts.sort()
        var distinct = 0
        for k in mentionStarts.indices where k == 0 || mentionStarts[k] != mentionStarts[k - 1] {
            mentionStarts[distinct] = mentionStarts[k]
            distinct += 1
        }
        mentionStarts.removeLast(mentionStarts.count - distinct)
        var mentionTokens = [Int](repeating: -1, count: mentionStarts.count)
        var mp = 0
        var courtSelf: [Int] = []
        var covered = 0  // the tokens before it are covered by the sentences so far, in order (-1: not so)
        factCount = tokens.count
        factBits = .allocate(capacity: max(tokens.count, 1))
        factBits.initialize(repeating: 0, count: max(tokens.count, 1))
        let words = TokenWords(lex: lex, tokens: tokens, text: text.text)
        self.words = words
        tokens.withUnsafeBufferPointer { toks in
            for s in text.sentences {
                let firstCue = cueStarts.count
                covered = covered >= 0 && s.tokens.lowerBound == covered ? s.tokens.upperBound : -1
                if !s.tokens.isEmpty {
                    if s.tokens.lowerBound < prevUpper { sorted = false }
                    prevUpper = s.tokens.upperBound
                }
                for i in s.tokens {
                    let st = toks[i].span.start
                    if st < prevStart { sorted = false }
                    prevStart = st
                    while mp < mentionStarts.count, mentionStarts[mp] < st { mp += 1 }
                    if mp < mentionStarts.count, mentionStarts[mp] == st { mentionTokens[mp] = i }
                    if toks[i].isCapitalized, i > s.tokens.lowerBound {
                        let prevKind = toks[i - 1].kind
                        // (`lower == "-"` only when the fold is "-": its key first, no String compare.)
                        let pk = toks[i - 1].key
                        if prevKind != .quote, prevKind != .number, !(pk == byteKey(0x2D) && toks[i - 1].lower == "-"),
                           !(pk == byteKey(0x3A) && toks[i - 1].lower == ":") {
                            // A fold ending in the bytes "'s" ends in the Characters "'" and "s".
                            let f = toks[i].fold
                            if lastUTF8Byte(f) == 0x73, hasApostropheSSuffix(f) {
                                let base = String(f.dropLast(2))
                                caps.insert(foldKey(base), base)
                            } else {
                                caps.insert(toks[i].key, f)
                            }
                        }
                    }
                    // Most tokens have no flags (a possessive's `.head` aside, not counted here):
                    // their entry and flags wait for a rule that asks (most never do).
                    guard lex.flagKeys.contains(toks[i].key) else { continue }
                    let f = words.flags(i)
                    if f.contains(.caseHead) { legalWords += 1 }
                    if f.contains(.cueStart) { cueStarts.append(i) }
                    if f.contains(.courtSelf) { courtSelf.append(i) }
                }
                cueRanges.append(firstCue ..< cueStarts.count)
            }
        }
        self.cueStarts = cueStarts
        courtSelfTokens = covered == tokens.count ? courtSelf : nil
        self.cueRanges = cueRanges
        // The last sentence token starting at `start` (what a dictionary filled in token order kept).
        func tokenStarting(at start: Int) -> Int? {
            if !sorted {
                var found: Int?
                for s in text.sentences { for i in s.tokens where tokens[i].span.start == start { found = i } }
                return found
            }
            var lo = 0, hi = mentionStarts.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if mentionStarts[mid] < start { lo = mid + 1 } else { hi = mid }
            }
            return lo < mentionStarts.count && mentionStarts[lo] == start && mentionTokens[lo] >= 0 ? mentionTokens[lo] : nil
        }
        var mentionAt = TokenMentions(count: tokens.count)
        for (p, party) in parties.parties.enumerated() {
            for m in party.mentions {
                guard var i = tokenStarting(at: m.span.start) else { continue }
                while i < text.tokens.count, m.span.contains(text.tokens[i].span) {
                    mentionAt[i] = (p, m.span, m.form)
                    i += 1
                }
            }
        }
        finder = NounPhraseFinder(lex: lex, text: text, mentionAt: mentionAt, capitalizedInside: caps, words: words)
        legal = legalWords >= 3
        mentionsCase = legalWords >= 1
    }

    deinit { factBits.deallocate() }

    /// `lex.has(text.tokens[i], c)` and `lex.listed(text.tokens[i], c)`, read from `words`.
    @inline(__always) func has(_ i: Int, _ c: WordClass) -> Bool { words.has(i, c) }
    @inline(__always) func listed(_ i: Int, _ c: WordClass) -> Bool { words.listed(i, c) }

    // MARK: - The pass

    func run() {
        let sentences = text.sentences
        for si in sentences.indices {
            let s = sentences[si]
            let r = s.tokens
            // Checked before boilerplate: "PAR CES MOTIFS" looks like a byline ("Par …").
            if startsWithOperativeMarker(r) {
                operativeMode = true
                operativeCourt = courtIn(si, r)
                continue
            }
            if s.isBoilerplate { continue }
            let last = r.upperBound - 1
            var matches = lex.cues.matches(text.tokens, r, at: cueStarts[cueRanges[si]], words: words, anyByEntry: lex.cueAnyByEntry)
            if s.isHeading && !lowerIs(last, 0x3B, ";") && !lowerIs(last, 0x2C, ",") {
                // Headings are not the article, except a numbered operative item ("5. Holds").
                let keep = operativeMode && matches.contains { $0.start == contentStart(r) }
                if !keep { continue }
            }
            if operativeMode, operativeCourt == nil, matches.isEmpty { operativeCourt = courtIn(si, r) }
            if lowerIs(last, 0x3A, ":") {
                let who = subjectOfListIntro(si, r)
                listSource = (who, si)
                if r.contains(where: { has($0, .request) }) { requester = (who, si) } else { requester = nil }
            }
            if let q = requester, si - q.sentence > 12 { requester = nil }
            if let ls = listSource, ls.sentence != si, !s.isListItem, !lowerIs(last, 0x3A, ":") {
                // A list lasts while its items do.
                if !lowerIs(r.lowerBound, 0x2D, "-") { listSource = nil }
            }
            matches = arbitrate(matches)
            var produced = 0
            if !matches.isEmpty {
                let ctx = SentenceContext(run: self, index: si, range: r)
                for m in matches {
                    if let rec = ctx.analyze(m) {
                        // The closures below read these fields: capturing `rec` itself would copy the record.
                        let recType = rec.type, recCue = rec.cue, recSource = rec.source, recNegated = rec.modality == .negated
                        if anyRecord({ records[$0].type == recType && records[$0].cue.overlaps(recCue) }) { continue }
                        // "Holds that there has been a violation": one ruling, not two. But a verb
                        // coordinated with the previous one ("a confirmé … et condamné X") is an act
                        // of its own, and the previous content ends before it.
                        let coordinated = m.start > r.lowerBound && has(m.start - 1, .coord)
                            && lex.isVerbForm(text.tokens[m.words.first ?? m.start])
                        if let k = records.indices.last(where: { records[$0].sentence == si && (records[$0].content?.contains(recCue) ?? false) }) {
                            if lex.language == .fr, let comma = FrenchRecordRules.mainClauseResumes(text, lex, earlier: records[k], cueStart: m.start, sentence: r),
                               let c = records[k].content {
                                // The relative clause's content ends at its comma; the main verb is an act of its own.
                                let end = text.tokens[comma - 1].span.end
                                records[k].content = end > c.start ? ByteSpan(c.start, end) : nil
                            } else if !coordinated && records[k].type == rec.type { continue }
                            if coordinated, m.start - 2 >= r.lowerBound, let c = records[k].content {
                                let end = text.tokens[m.start - 2].span.end
                                records[k].content = end > c.start ? ByteSpan(c.start, end) : nil
                            }
                        }
                        // One act per speaker and type in a sentence: "denied the allegations …,
                        // calling the claims baseless" is one denial (rulings and coordinated verbs aside);
                        // "regretted the harm but refused to apologize" is two (one of them negated).
                        if rec.type != .ruling, !coordinated, rec.source != nil,
                           anyRecord({ records[$0].sentence == si && records[$0].type == recType && records[$0].source == recSource && (records[$0].modality == .negated) == recNegated }) { continue }
                        // A filing told again ("After the plaintiffs filed their complaint") is the same act.
                        if rec.type == .filing, rec.content == nil {
                            let firstEvidence = rec.evidence.first
                            if anyRecord({ records[$0].type == .filing && (recSource == nil || records[$0].source == recSource) && records[$0].evidence.first == firstEvidence }) { continue }
                        }
                        produced += 1
                        if let src = rec.source { lastSource = src }
                        if m.pattern.has("carry") {
                            carry = (rec.source, rec.targets, rec.channel, si, s.paragraph)
                        }
                        // Last: the record moves into the list instead of being copied.
                        records.append(rec)
                    }
                }
            }
            if produced == 0, lex.language == .fr, let rec = ConditionalCarryRule(run: self).apply(si, r) {
                records.append(rec)
                produced += 1
            }
            if produced == 0, let rec = SubmissionCarryRule(run: self).apply(si, r) {
                records.append(rec)
            }
        }
    }

    /// True when a record passes `test`, which reads it by index in place (`records[k].type`): a
    /// closure given the record itself (`records.contains(where:)`) gets a copy of it, retaining
    /// its arrays and strings, for every record tested.
    @inline(__always) func anyRecord(_ test: (Int) -> Bool) -> Bool {
        for k in records.indices where test(k) { return true }
        return false
    }

    /// Longer cues win over the cues they overlap; a reporting verb gives way to a specific cue
    /// right after it ("expliquant n'avoir jamais exploité", "affirme avoir proposé").
    func arbitrate(_ ms: [CueMatch]) -> [CueMatch] {
        // Nothing to arbitrate (most sentences): a match alone is kept.
        if ms.count <= 1 { return ms }
        // By index (the same stable sorts on the same keys): moving matches retains their
        // patterns and word lists.
        let sorted = ms.indices.sorted { (ms[$0].end - ms[$0].start, -ms[$0].start) > (ms[$1].end - ms[$1].start, -ms[$1].start) }
        var kept: [Int] = []
        for m in sorted where !kept.contains(where: { ms[$0].start < ms[m].end && ms[m].start < ms[$0].end }) { kept.append(m) }
        kept.sort { ms[$0].start < ms[$1].start }
        var out: [CueMatch] = []
        out.reserveCapacity(kept.count)
        for m in kept {
            if ms[m].pattern.isReport,
               kept.contains(where: { o in !ms[o].pattern.isReport && ms[o].start >= ms[m].end && ms[o].start <= ms[m].end + 3 }) { continue }
            out.append(ms[m])
        }
        return out
    }

    /// First token after list markers and item numbers ("1.", "-", "(a)").
    /// (Kept for the last range asked: every rule of a sentence asks it again.)
    func contentStart(_ r: Range<Int>) -> Int {
        if let known = lastContentStart, known.range == r { return known.start }
        let toks = text.tokens
        var i = r.lowerBound
        while i < r.upperBound {
            // Fields read in place (a copy of the token retains its strings); Characters counted
            // only when the byte count cannot tell.
            let kind = toks[i].kind
            if kind == .number || kind == .punctuation || (kind == .abbreviation && DocumentRun.atMostCharacters(toks[i].lower, 3)) { i += 1; continue }
            if kind == .word, DocumentRun.atMostCharacters(toks[i].lower, 1), !toks[i].lower.isEmpty, i + 1 < r.upperBound,
               toks[i + 1].key == byteKey(0x29), toks[i + 1].lower == ")" { i += 2; continue }
            break
        }
        lastContentStart = (r, i)
        return i
    }
    private var lastContentStart: (range: Range<Int>, start: Int)? = nil

    /// `s.count <= n`, on bytes when they answer (at most n bytes, or ASCII).
    @inline(__always) static func atMostCharacters(_ s: String, _ n: Int) -> Bool {
        let bytes = s.utf8.count
        if bytes <= n { return true }
        if let ascii = withBytes(s, { b -> Bool? in b.allSatisfy { $0 < 0x80 } }), ascii { return false }
        return s.count <= n
    }

    private func startsWithOperativeMarker(_ r: Range<Int>) -> Bool {
        // The first word's key rules most sentences out before any String is compared.
        if let first = lex.operativeFirstKeys, r.isEmpty || !first.contains(text.tokens[r.lowerBound].key) { return false }
        for (words, keys) in zip(lex.operative, lex.operativeKeys) where words.count <= r.count {
            var ok = true
            for (k, w) in words.enumerated() where text.tokens[r.lowerBound + k].key != keys[k] || text.tokens[r.lowerBound + k].fold != w { ok = false; break }
            if ok { return true }
        }
        return false
    }

    /// The token's `lower` is the one-byte mark `s` (whose fold is itself, key `byteKey(b)`).
    @inline(__always) private func lowerIs(_ i: Int, _ b: UInt8, _ s: String) -> Bool {
        text.tokens[i].key == byteKey(b) && text.tokens[i].lower == s
    }

    /// The court named in an operative opening ("FOR THESE REASONS, THE COURT, UNANIMOUSLY,").
    private func courtIn(_ si: Int, _ r: Range<Int>) -> Int? {
        for np in finder.find(r) where (np.form == .role && np.role == "court") || (np.party != nil && book.role(np.party!) == "court") {
            return resolve(np, si, r)
        }
        return nil
    }

    private func subjectOfListIntro(_ si: Int, _ r: Range<Int>) -> Int? {
        let nps = finder.find(r)
        let ctx = SentenceContext(run: self, index: si, range: r, nps: nps)
        if let np = ctx.subject(before: r.upperBound - 1) { return resolve(np, si, r) }
        return nil
    }

    // MARK: - Parties

    /// The party of a noun phrase: its PartySet party, a resolved pronoun, or a new party.
    func resolve(_ np: NounPhrase, _ si: Int, _ r: Range<Int>, sentenceNPs: [NounPhrase] = []) -> Int? {
        if let p = np.party { return p }
        if np.form == .pronoun {
            var p: Int? = nil
            switch np.pronounClass {
            case "pron-first":
                guard mentionsCase else { return nil }
                if firstPersonParty == nil {
                    // "we" in an opinion is the court itself; a pronoun cannot name a party.
                    let name = englishFirstPersonCourtName(text.originalString(np.span)) ?? "la cour"
                    let p = book.party(surface: name, span: np.span, sentence: si, form: .role, role: "court", kind: .court)
                    book.roles[p] = "court"
                    firstPersonParty = p
                }
                if let p = firstPersonParty, !book.parties[p].aliases.contains(text.originalString(np.span)) {
                    book.addAlias(p, text.originalString(np.span))
                }
                p = firstPersonParty
            default:
                // The subject of an earlier clause of the same sentence, else the last speaker.
                for o in sentenceNPs.reversed() where o.tokens.upperBound <= np.tokens.lowerBound && o.form != .pronoun && !o.possessive {
                    if o.tokens.lowerBound > r.lowerBound, has(o.tokens.lowerBound - 1, .prep) { continue }
                    if let q = resolve(o, si, r) { p = q; break }
                }
                // The last speaker, unless a later sentence opened with someone else's name
                // ("Bruno Le Roux … est intervenu… . « … », a-t-il affirmé").
                if p == nil, !records.isEmpty, records[records.count - 1].sentence < si - 1, let named = openingName(of: si - 1) { p = named }
                if p == nil { p = lastSource }
                if p == nil { p = lastNamed(before: si) }
            }
            if let p { book.addPronounMention(p, span: np.span, sentence: si) }
            return p
        }
        let surface = text.originalString(np.span)
        guard !surface.isEmpty else { return nil }
        let name = np.nameSpan.map { text.originalString($0) }
        return book.party(surface: surface, name: name, span: np.span, sentence: si, form: np.form, role: np.role, kind: np.kind)
    }

    /// The name a sentence opens with, as its subject (none if a preposition governs it).
    func openingName(of k: Int) -> Int? {
        guard k >= 0 else { return nil }
        let s = text.sentences[k]
        if s.isBoilerplate || s.isHeading { return nil }
        let start = contentStart(s.tokens)
        guard let np = finder.find(s.tokens).first, np.tokens.lowerBound == start,
              np.form == .name || (np.form == .mention && book.role(np.party ?? -1) != "court"), !np.possessive else { return nil }
        return resolve(np, k, s.tokens)
    }

    /// The first name of the nearest earlier sentences (for a pronoun when nobody has spoken yet).
    func lastNamed(before si: Int) -> Int? {
        var k = si - 1
        while k >= 0, k >= si - 3 {
            let s = text.sentences[k]
            if !s.isBoilerplate, !s.isHeading, let np = finder.find(s.tokens).first(where: { $0.form == .name || $0.form == .mention }) {
                return resolve(np, k, s.tokens)
            }
            k -= 1
        }
        return nil
    }

    /// Per party, how far `adversary` has read the records and what it found there.
    private var adversaryScans: [Int: (upTo: Int, own: [Int]?, accuser: Int?)] = [:]

    /// The party on the other side of a case from `p`.
    func adversary(_ p: Int?) -> [Int] {
        guard let p else { return [] }
        // The first claim by `p` with targets, else the first claim against `p` with a source. The
        // records only grow during the run (an earlier record's type, source and targets never
        // change), so the scan goes on from where the last one for `p` stopped: its answers stand.
        // (By index: `for r in records` would copy every record.)
        var scan = adversaryScans[p] ?? (upTo: 0, own: nil, accuser: nil)
        if scan.own == nil, scan.upTo < records.count {
            for k in scan.upTo ..< records.count where records[k].type == .filing || records[k].type == .allegation {
                if records[k].source == p, !records[k].targets.isEmpty { scan.own = records[k].targets; break }
                if scan.accuser == nil, records[k].targets.contains(p), let s = records[k].source { scan.accuser = s }
            }
            scan.upTo = records.count
            adversaryScans[p] = scan
        }
        if let own = scan.own { return own }
        if let a = scan.accuser { return [a] }
        guard legal else { return [] }
        let role = book.role(p)
        let wanted: [String]
        switch role {
        case "claimant": wanted = ["respondent", "defendant"]
        case "respondent": wanted = ["claimant"]
        case "defendant": wanted = ["claimant", "prosecution"]
        case "prosecution": wanted = ["defendant"]
        default: return []
        }
        for w in wanted { if let q = roleParty(w) { return [q] } }
        return []
    }

    /// The first party of a role in the document, looked up in the whole text on first need.
    private var roleLookups: [String: Int?] = [:]

    func roleParty(_ role: String) -> Int? {
        if let p = book.first(role: role) { return p }
        // The whole-text lookup runs once per role (its answer, even "none", is kept).
        if let known = roleLookups[role] { return known }
        let found = lookUpRoleParty(role)
        roleLookups[role] = found
        return found
    }

    /// The tokens of the non-boilerplate sentences that are role nouns (by their base, a
    /// possessive's without its "'s"), in text order with their sentence and role: found in one
    /// pass on the first role lookup, instead of one pass over the text per role.
    private var roleNounTokens: [(sentence: Int, role: String)]? = nil

    private func roleNouns() -> [(sentence: Int, role: String)] {
        if let known = roleNounTokens { return known }
        var out: [(sentence: Int, role: String)] = []
        let bytes = text.text
        for (si, s) in text.sentences.enumerated() {
            if s.isBoilerplate { continue }
            for i in s.tokens {
                // A fold not ending in "s" is its own base, and its `.head` flag says whether it is
                // a role noun: most words are ruled out without building or hashing a string (and
                // a text not ending in "s", "S" or a non-ASCII byte has no fold ending in "s").
                let end = text.tokens[i].span.end
                let mayEndInS = !(end > 0 && end <= bytes.count) || bytes[end - 1] == 0x73 || bytes[end - 1] == 0x53 || bytes[end - 1] >= 0x80
                // (Without a final "s", `.head` can only come from the word's entry, which the
                // flagged-word filter rules out for most words: no flags worked out for them.)
                if !mayEndInS, !lex.flagKeys.contains(text.tokens[i].key) { continue }
                if (!mayEndInS || lastUTF8Byte(text.tokens[i].fold) != 0x73), !finder.flagsAt(i).contains(.head) { continue }
                let f = text.tokens[i].fold
                let base = hasApostropheSSuffix(f) ? String(f.dropLast(2)) : f
                guard let h = lex.head(base) else { continue }
                out.append((si, h.role))
            }
        }
        roleNounTokens = out
        return out
    }

    private func lookUpRoleParty(_ role: String) -> Int? {
        for t in roleNouns() where t.role == role {
            let s = text.sentences[t.sentence]
            for np in finder.find(s.tokens) {
                if np.form == .role && np.role == role { return resolve(np, t.sentence, s.tokens) }
                if np.form == .mention, let p = np.party, book.role(p) == role { return p }
            }
        }
        return nil
    }
}
