import RiposteText
import RiposteNormalize
import RiposteSegment
import RiposteParties

/// The clause structure of one sentence that holds a cue, read from tokens and word classes:
/// who speaks (subject, inverted subject, "selon X", agent of a passive), at whom (object,
/// "contre X", the accused of the content clause), what is said (content span), and how
/// (modality). Cheap heuristics, no parser: see docs/records.md for the known limits.
final class SentenceContext {
    let run: DocumentRun
    let index: Int
    let range: Range<Int>
    /// The sentence's noun phrases, found on first need: the words around a cue rule most
    /// matches out before any phrase is read (the finder is pure, so when it runs changes nothing).
    private(set) lazy var nps: [NounPhrase] = run.finder.find(range)
    /// `run.lex` and `run.text.tokens`, held here: read per token by every rule.
    let lex: RecordsLexicon
    let toks: [Token]
    /// Per-token answers and clause ends of this sentence, shared by all its cue matches.
    let memo: SentenceMemo
    /// This thread's memos of the verb facts of words and of their wrongdoing test.
    let verbCache: VerbFactsCache
    let wrongCache: VerbFactsCache
    /// `run.words`: the lexicon entries of the document's tokens.
    let words: TokenWords
    /// The normalised text the token spans point into.
    let textBytes: [UInt8]
    /// `run.factBits`, `run.factCount`: the per-token answers of ClauseFacts.
    let factBits: UnsafeMutablePointer<UInt32>
    let factCount: Int

    init(run: DocumentRun, index: Int, range: Range<Int>, nps: [NounPhrase]? = nil) {
        self.run = run
        self.index = index
        self.range = range
        lex = run.lex
        toks = run.text.tokens
        memo = SentenceMemo(range)
        verbCache = run.verbCache
        wrongCache = run.wrongCache
        words = run.words
        textBytes = run.text.text
        factBits = run.factBits
        factCount = run.factCount
        if let nps { self.nps = nps }
    }

    // MARK: - Word tests

    /// `lex.has(toks[i], c)`, read from the document's token entries.
    @inline(__always) func has(_ i: Int, _ c: WordClass) -> Bool { words.has(i, c) }
    /// `lex.listed(toks[i], c)`, read from the document's token entries.
    @inline(__always) func listed(_ i: Int, _ c: WordClass) -> Bool { words.listed(i, c) }

    /// Token `i` is an auxiliary, adverb, negation or future marker before a verb.
    func isSkippableUncached(_ i: Int) -> Bool {
        if has(i, .aux) || has(i, .adv) || has(i, .neg) || has(i, .negpost) || has(i, .future) { return true }
        if mayEnd(i, lex.negSuffixes), lex.negSuffixes.anySuffix(of: toks[i].fold) { return true }
        // Unknown -ment / -ly words are adverbs ("fermement", "strongly"). (The suffix before the
        // Character count: both are pure, and counting Characters costs the most.)
        if mayEnd(i, lex.adverbSuffixes), toks[i].kind == .word, !toks[i].isCapitalized {
            let f = toks[i].fold
            if lex.adverbSuffixes.anySuffix(of: f), f.count > 5 { return true }
        }
        // "a-t-il": hyphens inside the inverted verb, not a list marker.
        if toks[i].key == byteKey(0x2D) && toks[i].lower == "-" && !toks[i].spaceBefore { return true }
        return false
    }

    func isNegUncached(_ i: Int) -> Bool { has(i, .neg) || (mayEnd(i, lex.negSuffixes) && lex.negSuffixes.anySuffix(of: toks[i].fold)) }

    /// False when token `i`'s fold cannot begin with an entry of `a`, by the first byte of its text.
    @inline(__always) func mayBegin(_ i: Int, _ a: AffixList) -> Bool {
        let start = toks[i].span.start
        guard start >= 0 && start < textBytes.count && toks[i].span.end > start else { return true }
        return a.mayBegin(with: textBytes[start])
    }

    /// `a.anyPrefix(of: toks[i].fold)`, ruled out by the first byte of the text when it can be.
    @inline(__always) func hasPrefix(_ i: Int, _ a: AffixList) -> Bool {
        mayBegin(i, a) && a.anyPrefix(of: toks[i].fold)
    }

    /// False when token `i`'s fold cannot end with an entry of `a`, by the last byte of its text.
    @inline(__always) func mayEnd(_ i: Int, _ a: AffixList) -> Bool {
        let end = toks[i].span.end
        guard end > 0 && end <= textBytes.count else { return true }
        return a.mayEnd(with: textBytes[end - 1])
    }


    /// An NP introduced by a preposition (possibly through determiners, adjectives, other names
    /// and "and": "against Sri and CM", "contre son ancien directeur Paul Martin").
    /// Returns the preposition's token index, worked out once per phrase start.
    func governingPrepositionIndex(_ np: NounPhrase) -> Int? {
        let s = np.tokens.lowerBound &- memo.base
        guard s >= 0 && s < memo.count else { return governingPrepositionUncached(np) }
        let known = memo.preps[s]
        if known != 0 { return known > 0 ? Int(known) - 1 : nil }
        let found = governingPrepositionUncached(np)
        memo.preps[s] = found.map { Int32($0 + 1) } ?? -1
        return found
    }

    /// The governing preposition is in the rule list `cls` (a phrase with none is tested as "").
    func governedBy(_ np: NounPhrase, _ cls: WordClass) -> Bool {
        if let k = governingPrepositionIndex(np) { return listed(k, cls) }
        return lex.listed("", cls)
    }

    private func governingPrepositionUncached(_ np: NounPhrase) -> Int? {
        var k = np.tokens.lowerBound - 1
        var steps = 0
        while k >= range.lowerBound, steps < 6 {
            let t = toks[k]
            if has(k, .prep) { return k }
            if t.kind != .word && t.kind != .abbreviation { return nil }
            if !has(k, .det) && isVerbForm(at: k) { return nil }
            k -= 1
            steps += 1
        }
        return nil
    }

    // MARK: - Subject

    /// The subject of a verb at token `c`: the nearest noun phrase to its left in the same clause
    /// that no preposition governs and that is not a possessive; an apposition ("X, cofondateur
    /// de Y,") gives way to the name before it.
    func subject(before c: Int) -> NounPhrase? {
        var idx = nps.count - 1
        while idx >= 0 {
            let np = nps[idx]
            idx -= 1
            guard np.tokens.upperBound <= c else { continue }
            // A clause boundary between the phrase and the verb.
            var crossed = false
            for k in np.tokens.upperBound ..< c {
                if isMark(k, 0x3B, ";") || (isMark(k, 0x3A, ":") && k != c - 1) || isMark(k, key: MarkKey.closingGuillemet, "»") || isMark(k, key: MarkKey.closingQuote, "”") { crossed = true; break }
            }
            if crossed { return nil }
            if np.possessive {
                // "The plaintiffs’ complaint … alleging": the owner of a pleading speaks through it.
                var k = np.tokens.upperBound
                while k < c, k < np.tokens.upperBound + 3, !has(k, .doc) { k += 1 }
                if k < c, has(k, .doc), !(np.tokens.lowerBound > range.lowerBound && has(np.tokens.lowerBound - 1, .prep)) { return np }
                continue
            }
            if np.tokens.lowerBound > range.lowerBound, isMark(np.tokens.lowerBound - 1, 0x28, "(") { continue }
            // Inside a dash apposition ("the plaintiffs — three Illinois residents — alleged").
            var dashes = 0
            for k in np.tokens.upperBound ..< c where isMark(k, key: MarkKey.emDash, "—") || isMark(k, key: MarkKey.enDash, "–") { dashes += 1 }
            if dashes % 2 == 1 { continue }
            if let prep = governingPrepositionIndex(np), !listed(prep, .attributionPrep) { continue }
            // Apposition the other way round: "Son avocat, Maître Jean Durand, affirme".
            if np.form == .name || np.form == .mention, np.tokens.lowerBound - 1 > range.lowerBound, isMark(np.tokens.lowerBound - 1, 0x2C, ","),
               let prev = nps.last(where: { $0.tokens.upperBound == np.tokens.lowerBound - 1 }), prev.role == "agent" {
                var p = np
                p.principal = prev.principal
                p.ownerIsLastSpeaker = prev.ownerIsLastSpeaker
                return p
            }
            // Apposition: "Jean Dupont, cofondateur de Acme, a nié".
            if np.role == "agent", np.tokens.lowerBound - 1 >= range.lowerBound, isMark(np.tokens.lowerBound - 1, 0x2C, ","),
               let prev = nps.last(where: { $0.tokens.upperBound == np.tokens.lowerBound - 1 }) {
                var p = prev
                p.principal = np.principal
                return p
            }
            return np
        }
        return nil
    }

    /// The phrase right after `i` (skipping "-", "t", determiners): an inverted subject or an object.
    func phrase(startingNear i: Int, maxSkip: Int = 2) -> NounPhrase? {
        for np in nps where np.tokens.lowerBound >= i && np.tokens.lowerBound <= i + maxSkip {
            var ok = true
            for k in i ..< np.tokens.lowerBound {
                if !(isMark(k, 0x2D, "-") || isMark(k, key: MarkKey.t, "t") || has(k, .det) || toks[k].kind == .quote) { ok = false }
            }
            if ok { return np }
        }
        return nil
    }

    // MARK: - Content

    /// Where a content clause starting at `a` ends: at ";", at a comma before a clause-breaking
    /// word ("…, mais", "…, which"), at "et"/"and" before a new verb, or at the sentence end.
    func clauseEnd(from a: Int) -> Int {
        let k = a &- memo.base
        guard k >= 0 && k < memo.count else { return clauseEndUncached(from: a) }
        if memo.ends[k] != 0 { return Int(memo.ends[k]) - 1 }
        let e = clauseEndUncached(from: a)
        memo.ends[k] = Int32(e + 1)
        return e
    }

    private func clauseEndUncached(from a: Int) -> Int {
        var j = a
        while j < range.upperBound {
            if isMark(j, 0x3B, ";") { break }
            if isMark(j, 0x2C, ","), j + 1 < range.upperBound {
                if has(j + 1, .break) { break }
                if j > a + 2, toks[j + 1].kind == .word, !toks[j + 1].isCapitalized, verbHas(at: j + 1, TokenFacts.pprGer) { break }
            }
            if j > a + 2, listed(j, .clauseCoord) {
                let adversative = listed(j, .adversative)
                var n = j + 1
                while n < range.upperBound, has(n, .aux) || has(n, .neg) { n += 1 }
                if n < range.upperBound, n > j + 1 || lex.language == .fr || adversative, isVerbForm(at: n), !has(n, .det),
                   !verbHas(at: n, TokenFacts.pp) || n > j + 1 || adversative {
                    break
                }
            }
            j += 1
        }
        // Trailing punctuation and quotes are not content.
        while j > a, toks[j - 1].kind == .punctuation || toks[j - 1].kind == .quote { j -= 1 }
        return j
    }

    /// Skips complementisers, quotes, colons and commas before a content clause.
    func skipIntro(_ a: Int) -> Int {
        var i = a
        while i < range.upperBound {
            if has(i, .comp) || toks[i].kind == .quote || isMark(i, 0x2C, ",") || isMark(i, 0x3A, ":") || (has(i, .adv) && toks[i].fold.count > 4) { i += 1; continue }
            break
        }
        return i
    }

    func span(_ a: Int, _ b: Int) -> ByteSpan? {
        guard a < b, a >= range.lowerBound, b <= range.upperBound else { return nil }
        return ByteSpan(toks[a].span.start, toks[b - 1].span.end)
    }

    /// Content tokens of a cue, per its `content` feature.
    func content(_ m: CueMatch, _ cf: CueFeatures, cueStart: Int) -> Range<Int>? {
        let mode = cf.content ?? (m.pattern.type == "filing" ? "none" : "obj")
        var a: Int
        switch mode {
        case "none": return nil
        case "that":
            a = skipIntro(m.end)
            // "complained of/about", "se plaint de": the content is the object.
            if a < range.upperBound, listed(a, .complainOf), a == m.end { a += 1 }
        case "de", "of", "for":
            let words: WordClass = mode == "for" ? .contentFor : .contentOf
            a = m.end
            var k = m.end
            while k < min(range.upperBound, m.end + 8) {
                if lex.listed(toks[k].fold, words) { a = k; break }
                if isMark(k, 0x2C, ",") || isMark(k, 0x3B, ";") { break }
                k += 1
            }
            a = skipIntro(a)
        case "subj":
            let s = run.contentStart(range)
            var e = cueStart
            while e > s, toks[e - 1].kind == .punctuation { e -= 1 }
            return s < e ? s ..< e : nil
        case "clause":
            let s = run.contentStart(range)
            let e = clauseEnd(from: m.end)
            return s < e ? s ..< e : nil
        case "cue-rest":
            a = m.start
        default:  // obj, rest
            a = skipIntro(m.end)
        }
        let e = clauseEnd(from: a)
        return a < e ? a ..< e : nil
    }

    /// Some token index of `r` passes `test`.
    func contentHas(_ r: Range<Int>?, _ test: (Int) -> Bool) -> Bool {
        guard let r else { return false }
        for i in r where test(i) { return true }
        return false
    }

    // MARK: - The record

    func analyze(_ m: CueMatch) -> Record? {
        let p = m.pattern
        // (Features and type decoded once per pattern, read in place.)
        if p.isReport { return build(m, p.decoded, type: nil, report: true) }
        guard let t = p.recordType else { return nil }
        return build(m, p.decoded, type: t, report: p.decoded.report)
    }

    /// Builds the record of a cue; `type` nil means a reporting verb whose type is decided here.
    private func build(_ m: CueMatch, _ cf: CueFeatures, type fixedType: RecordType?, report: Bool) -> Record? {
        let p = m.pattern
        if cf.legal && !run.legal { return nil }
        let first = run.contentStart(range)
        if cf.start && m.start != first { return nil }

        // The cue proper, with the auxiliaries, adverbs and negation before its verb.
        var cueStart = m.start
        while cueStart - 1 >= range.lowerBound, isSkippable(at: cueStart - 1) { cueStart -= 1 }
        // French object clitic: "les accusant", "l'accuse".
        var clitic = false
        if lex.language == .fr, cueStart - 1 >= range.lowerBound, has(cueStart - 1, .clitic),
           !(cueStart - 2 >= range.lowerBound && has(cueStart - 2, .prep)) {
            cueStart -= 1
            clitic = true
        }
        let vi = m.words.first ?? m.start
        let verb = toks[vi]
        let vFacts = verbFacts(vi)
        if !cf.nominal && m.start > first {
            // A capitalised cue word inside a sentence is a noun ("the respondent State"); so is a
            // cue after a determiner, and in English after a preposition or "as" ("On appeal",
            // "to appeal", "as charged", "in admitting").
            if verb.isCapitalized && vFacts & TokenFacts.verbForm != 0 && m.words.first == m.start { return nil }
            let before = toks[m.start - 1]
            let b = m.start - 1
            if has(b, .det) && !listed(b, .clauseDet) && !(lex.language == .fr && has(b, .clitic)) { return nil }
            if lex.language == .en && before.fold.hasSuffix("'s") && before.fold.count > 3 { return nil }
            if lex.language == .en && (has(b, .prep) || listed(b, .cuePrep)) && !isSkippable(at: m.start - 1) { return nil }
            if lex.language == .en && listed(b, .toInfinitive) && m.start - 2 >= range.lowerBound && !isVerbForm(at: m.start - 2) { return nil }
        }
        let preVerb = cueStart ..< m.start
        let atStart = cueStart <= first
        // "les nuances", "des contestes": a form that could only be a second-person verb is a noun.
        if vFacts & TokenFacts.verbForm != 0, vFacts & TokenFacts.allSecond != 0 { return nil }
        // A bare past participle modifies a noun ("l'amendement proposé par l'UMP"), unless it
        // opens a list item ("- Condamné l'association…") or follows a coordinated verb.
        if vFacts & TokenFacts.verbForm != 0, vFacts & TokenFacts.allPP != 0, preVerb.isEmpty, !atStart, !coordinated(cueStart), cueStart > range.lowerBound {
            let prev = toks[cueStart - 1]
            if prev.kind == .word, !prev.isCapitalized, !words.isClassed(cueStart - 1), !isVerbForm(at: cueStart - 1) { return nil }
        }
        let reflexive = preVerb.contains { listed($0, .reflexive) }
        let passive = !reflexive && vFacts & TokenFacts.pp != 0 && preVerb.contains { has($0, .be) && !listed($0, .beProgressive) }
            && !(max(range.lowerBound, cueStart - 3) ..< m.start).contains { has($0, .future) }
        // "a été reconnue par le conseil": a response is something a party does, not undergoes.
        if passive, let t = p.recordType, t.family == .response, t != .noComment { return nil }
        // "Ainsi prononcé le …", "Ainsi fait et jugé": the signature formula of a decision.
        if (max(range.lowerBound, cueStart - 1) ..< m.start).contains(where: { has($0, .formula) }) { return nil }
        let participle = vFacts & TokenFacts.pprGer != 0 && !preVerb.contains { has($0, .aux) }
        var contentRange = content(m, cf, cueStart: cueStart)
        let previousInSentence = lastRecordIndex { $0.pointee.sentence == index }.map { run.records[$0] }

        // --- Source ---
        var source: Int? = nil
        var sourceNP: NounPhrase? = nil
        var onBehalf: Int? = nil
        var channel: String? = cf.channel
        var targets: [Int] = []
        var operative = false
        var docEnd: Int? = nil
        // A request in a party's conclusions: "Infirmer le jugement…", "Condamner l'Etat…".
        var request = false
        if let q = run.requester, q.sentence < index, m.start <= first + 3, vFacts & TokenFacts.inf != 0,
           p.type == "ruling" || p.type == "filing" || p.type == "denial" {
            request = true
        }
        switch request ? "request" : (cf.src ?? "subj") {
        case "request":
            source = run.requester?.party
        case "next":
            if let np = phrase(startingNear: m.end, maxSkip: 2) {
                sourceNP = np
            } else if m.end < range.upperBound, has(m.end, .det) || has(m.end, .prep),
                      let d = (m.end ..< min(range.upperBound, m.end + 3)).first(where: { has($0, .doc) }) {
                // "Selon la plainte": the document speaks for whoever filed it.
                channel = run.text.originalString(toks[d].span)
                docEnd = d + 1
                if let np = nps.first(where: { $0.tokens.lowerBound > d && $0.tokens.lowerBound <= d + 3
                    && (governedBy($0, .docOf) || listed($0.tokens.lowerBound, .docOf)) }) {
                    sourceNP = np
                } else {
                    source = lastRecordIndex(where: { $0.pointee.type == .filing }).flatMap { run.records[$0].source } ?? run.carry?.source
                }
            }
        case "inner":
            sourceNP = nps.first { $0.tokens.lowerBound >= m.start && $0.tokens.upperBound <= m.end }
        case "carry":
            if let c = run.carry, index - c.sentence <= 2, c.paragraph == run.text.sentences[index].paragraph { source = c.source; targets = c.targets }
        case "none":
            break
        case "court":
            source = run.operativeCourt ?? run.roleParty("court")
        default:
            if run.operativeMode && atStart {
                operative = true
                source = run.operativeCourt
            } else if let ls = run.listSource, atStart, ls.sentence < index {
                source = ls.party
            } else if participle || coordinated(cueStart), let prev = previousInSentence {
                source = prev.source
                onBehalf = prev.onBehalfOf
            } else if passive {
                // The agent of a passive ("par X", "by X") is the source; the subject is the target.
                if let agent = nps.first(where: { $0.tokens.lowerBound > m.end && governedBy($0, .agentPrep) }) {
                    sourceNP = agent
                } else if let agent = englishPassiveAgent(m) {
                    source = agent.party
                    if let c = contentRange, c.contains(agent.by) { contentRange = c.lowerBound < agent.by ? c.lowerBound ..< agent.by : nil }
                }
            } else if let inv = preVerb.first(where: { toks[$0].fold.hasPrefix("-") && has($0, .pronPerson) || has($0, .pronPlural) && toks[$0].fold.hasPrefix("-") }),
                      let np = nps.first(where: { $0.tokens.lowerBound == inv }) {
                // "a-t-il affirmé": the inverted pronoun is the subject.
                sourceNP = np
            } else if let np = subject(before: cueStart) {
                sourceNP = np
            } else if let np = invertedSubject(m) {
                sourceNP = np
            } else if participle, let prev = previousInSentence {
                source = prev.source
            } else if run.operativeMode {
                operative = true
                source = run.operativeCourt
            } else if participle {
                source = run.lastSource
            }
        }
        // « … », a-t-il affirmé / indique le quotidien: what is said is the quotation before the verb.
        let saysMoreAfter = m.end < range.upperBound && (has(m.end, .comp) || toks[m.end].kind == .quote)
        if !saysMoreAfter, p.isReport, let q = quoteBefore(cueStart) {
            contentRange = q
        }
        if cf.src == "next", let after = docEnd ?? sourceNP?.tokens.upperBound {
            // "Selon la plainte, X aurait…": the content follows the source.
            let a = skipIntro(after)
            let e = clauseEnd(from: a)
            contentRange = a < e ? a ..< e : nil
        }
        if passive, sourceNP == nil, source == nil, fixedType == .ruling || cf.court == "ruling",
           let own = ownCourtParty() {
            // "The Government's objections are therefore dismissed": by the court writing the judgment.
            source = own
        }
        if let np = englishQuoteSpeaker(cueStart) { sourceNP = np; source = nil; onBehalf = nil; contentRange = englishQuotedContent(contentRange, cueStart: cueStart) }
        if let np = sourceNP {
            source = run.resolve(np, index, range, sentenceNPs: nps)
            if let pr = np.principal, let q = principalParty(pr) { onBehalf = q }
            // "Son avocat", "his lawyer": speaks for the one the text was just about.
            else if np.ownerIsLastSpeaker, let last = run.lastSource, last != source { onBehalf = last }
        }
        if englishPleadingParticiple(cueStart, participle: participle) { source = nil; onBehalf = nil }
        if onBehalf == nil, let np = sourceNP, let q = englishAppositionPrincipal(np), q != source { onBehalf = q }
        if onBehalf == nil, let s = source, let a = run.affiliation[s] ?? speaksFor(s) { onBehalf = a }
        if let s = source, let o = onBehalf { if s == o { onBehalf = nil } else { run.affiliation[s] = o } }

        // --- Type ---
        var type: RecordType
        var roleS = source.map { run.book.role($0) } ?? "other"
        if roleS == "agent" || roleS == "other", let o = onBehalf, run.book.role(o) != "other" { roleS = run.book.role(o) }
        let fromCourt = operative || roleS == "court" || (source != nil && source == run.firstPersonParty)
        if let t = fixedType {
            type = t
        } else {
            type = .allegation
        }
        if report {
            // A report needs a speaker; a bare participle ("soutenue par…") is an adjective.
            if source == nil { return nil }
            if fixedType == nil, vFacts & TokenFacts.verbForm == 0 || vFacts & TokenFacts.allPP != 0, preVerb.isEmpty, vFacts & TokenFacts.verbForm != 0 { return nil }
            guard let t = decideReported(source: source, onBehalf: onBehalf, role: roleS, content: contentRange, lean: cf.lean, fixed: fixedType) else { return nil }
            type = t
        }
        if request {
            // Asking the court to dismiss the other side's claim answers it; anything else claims.
            type = hasDismissLemma(at: vi) ? .denial : .filing
        } else if cf.courtFlag {
            let decisionSubject = subjectIsDecision(before: cueStart)
            // A passive decides only when the verb is judicial ("a été condamnée") or the text is a case.
            let passiveRuling = passive && (cf.passive || run.legal)
            if !(fromCourt || passiveRuling || decisionSubject) {
                guard let e = cf.elseType, let t = RecordType(rawValue: e) else { return nil }
                type = t
            }
        }
        if cf.court == "ruling" && fromCourt { type = .ruling }
        if type == .admission && !report {
            // Conceding is a response: the speaker must stand accused, or concede a wrong.
            let accused = standsAccused(source, onBehalf)
            let wrong = contentHas(contentRange) { isWrongdoing(at: $0) }
            if !(accused || wrong || (roleS != "other" && roleS != "agent") || englishPressAdmission(cf, content: contentRange)) { return nil }
        }
        // Responses always have an author, and a court decides rather than answers.
        if type.family == .response && (source == nil || fromCourt) { return nil }
        switch cf.need {
        case "accused":
            if !standsAccused(source, onBehalf) { return nil }
        case "content":
            if contentRange == nil { return nil }
        case "accusation":
            if !englishPleadingSpeaks(docEnd), !(contentHas(contentRange) { isWrongdoing(at: $0) || isConditionalVerb(at: $0) }) { return nil }
        case "conditional":
            if !contentHas(contentRange, { isConditionalVerb(at: $0) }) { return nil }
        case "filing":
            // "sued Y, claiming that…": only right after a filing in the same sentence.
            if previousInSentence?.type != .filing { return nil }
        default: break
        }

        if source == nil { source = englishPossessiveFiler(type, cueStart: cueStart) ?? englishPassiveFiler(type, passive: passive) ?? englishLoserAppeals(cf) }
        // --- Targets ---
        let excluded = PartyPair(source, onBehalf)
        var tgMode = cf.tg ?? (type == .filing ? "obj" : type == .allegation ? "content" : type.family == .response ? "claim" : "none")
        if type == .ruling { tgMode = "ruling" }
        if passive && (type == .filing || type == .ruling || type == .allegation) {
            targets = coordinatedSubjects(before: cueStart)
        } else {
            switch tgMode {
            case "obj":
                if clitic, let prev = previousInSentence, !prev.targets.isEmpty { targets = prev.targets }
                else { targets = objectTargets(m, content: contentRange, excluded: excluded) }
                if targets.isEmpty, type == .allegation || type == .ruling { targets = contentTargets(contentRange, excluded: excluded, anyPosition: type == .ruling) }
            case "content":
                if targets.isEmpty { targets = contentTargets(contentRange, excluded: excluded, anyPosition: type == .ruling) }
            case "ruling":
                targets = rulingTargets(m, content: contentRange, excluded: excluded)
            case "subj":
                targets = coordinatedSubjects(before: cueStart)
            default:
                break
            }
        }
        if targets.isEmpty, type == .apology || type == .offer, let c = contentRange, let s0 = source {
            // "désolé pour les désagréments causés à sa nouvelle équipe": the new workplace is the
            // organisation accused along with the speaker, other than the one the speaker left.
            if c.contains(where: { k in has(k, .new) && k + 1 < c.upperBound && has(k + 1, .workplace) }) {
                let former = run.book.parties[s0].affiliation
                for r in run.records where (r.type == .filing || r.type == .allegation) && r.targets.contains(s0) {
                    if let q = r.targets.first(where: { $0 != s0 && $0 != former && run.book.parties[$0].kind != .person }) { targets = [q]; break }
                }
            }
        }
        if targets.isEmpty, tgMode == "obj", !passive { targets = englishObjectInsideCue(m, excluded: excluded) }
        if targets.isEmpty { targets = englishParticipleTargets(type, participle: participle, previous: previousInSentence) }
        targets.removeAll { excluded.contains($0) }
        targets = englishFilingTargetsWithoutCourts(type, targets)
        if targets.isEmpty, run.legal, type == .filing || type == .allegation {
            targets = run.adversary(source)
        }
        if type == .ruling, let t = englishAwardTargets(cf, recipients: targets) { targets = t }
        if type == .ruling, let q = englishUndoneConvictionTarget(cf, content: contentRange) ?? englishObjectionTarget(cf), !excluded.contains(q) { targets = [q] }
        if targets.isEmpty, type == .ruling {
            targets = rulingDefaultTargets(contentRange, m.words.first ?? m.start)
        }
        if targets.isEmpty, run.legal, tgMode == "claim" {
            // Until the Linker finds the claim answered: the other side of the case.
            targets = run.adversary(source)
        }
        targets = unique(targets)

        // Parties named in a response's content (the Linker matches them with earlier claims).
        if type.family == .response, let c = contentRange {
            for np in nps where np.tokens.lowerBound >= c.lowerBound && np.tokens.upperBound <= c.upperBound && np.form != .pronoun {
                _ = run.resolve(np, index, range, sentenceNPs: nps)
            }
        }

        // --- Modality ---
        var modality = decideModality(m, cf, type: type, cueStart: cueStart, content: contentRange, fromCourt: fromCourt, source: source)
        if modality == .reported, englishPleadingSpeaks(docEnd) { modality = .conditional }

        // --- Channel ---
        if channel == nil { channel = channelIn() ?? englishMediaChannel() }

        var cueEnd = m.end
        if let d = docEnd { cueEnd = max(cueEnd, d) }
        if let np = sourceNP, cf.src == "next" || cf.src == "inner" { cueEnd = max(cueEnd, np.tokens.upperBound) }
        let cueSpan = ByteSpan(toks[cueStart].span.start, toks[cueEnd - 1].span.end)
        var conf = cf.confidence
        if source == nil { conf -= 0.15 }
        if modality == .conditional { conf -= 0.05 }
        var evidence = [p.id]
        if report { evidence.append("rule.reported-\(type.rawValue)") }
        if operative { evidence.append("rule.operative-part") }
        if passive { evidence.append("rule.passive") }
        return Record(type: type, source: source, onBehalfOf: onBehalf, targets: targets, cue: cueSpan,
                      content: contentRange.flatMap { span($0.lowerBound, $0.upperBound) }, modality: modality,
                      respondsTo: [], channel: channel, sentence: index, confidence: max(0.1, min(0.95, conf)), evidence: evidence)
    }

    /// The organisation a party speaks for, from the party stage's affiliation, when its role is
    /// a speaking one ("cofondateur de Y", "spokesperson for Y"), not a former job.
    private func speaksFor(_ p: Int) -> Int? {
        if let known = run.speaksForCache[p] { return known }
        let found = lookUpSpeaksFor(p)
        run.speaksForCache[p] = found
        return found
    }

    private func lookUpSpeaksFor(_ p: Int) -> Int? {
        let party = run.book.parties[p]
        // "spokesperson for Beta Inc.", "porte-parole de la fédération": the name says it.
        for n in [party.name] + party.aliases {
            // An agent noun, the word after it, and the principal: three words at least (counted
            // on bytes for an ASCII name: splitting by Character is what costs here).
            if let count = asciiWordCount(n), count < 3 { continue }
            let words = n.split(separator: " ")
            guard words.count >= 3 else { continue }
            if let k = words.firstIndex(where: { w in let f = Folding.fold(String(w)); return lex.has(f, .agent) || lex.head(f)?.role == "agent" }),
               k + 2 < words.count, lex.listed(Folding.fold(String(words[k + 1])), .agentOf) {
                let rest = words[(k + 2)...].joined(separator: " ")
                if let key = run.book.key(rest), let q = run.book.index(ofKey: key), q != p { return q }
            }
        }
        guard let a = party.affiliation, let role = party.role else { return nil }
        let folded = Folding.fold(role)
        // Split on bytes when the fold is ASCII (each Character is then one byte).
        let words = withBytes(folded) { b -> [String]? in
            var out: [String] = []
            var start = 0
            for (k, x) in b.enumerated() {
                if x >= 0x80 { return nil }
                if x == 0x20 || x == 0x2D || x == 0x27 {
                    if k > start { out.append(String(decoding: UnsafeBufferPointer(rebasing: b[start ..< k]), as: UTF8.self)) }
                    start = k + 1
                }
            }
            if b.count > start { out.append(String(decoding: UnsafeBufferPointer(rebasing: b[start...]), as: UTF8.self)) }
            return out
        } ?? folded.split(whereSeparator: { $0 == " " || $0 == "-" || $0 == "'" }).map(String.init)
        if words.contains(where: { lex.listed($0, .former) }) { return nil }
        return words.contains(where: { lex.has($0, .agent) || lex.head($0)?.role == "agent" }) ? a : nil
    }

    /// The subject and the phrases coordinated with it: "la compagnie Air France et le
    /// constructeur Airbus sont mis en examen".
    private func coordinatedSubjects(before c: Int) -> [Int] {
        guard let np = subject(before: c), let q = run.resolve(np, index, range, sentenceNPs: nps) else { return [] }
        var out = [q]
        var first = np.tokens.lowerBound
        while let prev = nps.last(where: { $0.tokens.upperBound < first && $0.form != .pronoun }) {
            // Only determiners and nouns between the coordinator and the next phrase.
            guard let co = (prev.tokens.upperBound ..< first).first(where: { has($0, .coord) || isMark($0, 0x2C, ",") }),
                  (prev.tokens.upperBound ..< first).allSatisfy({ k in k == co || (toks[k].kind == .word && !isVerbForm(at: k)) }),
                  governingPrepositionIndex(prev) == nil,
                  let p = run.resolve(prev, index, range, sentenceNPs: nps) else { break }
            if !out.contains(p) { out.insert(p, at: 0) }
            first = prev.tokens.lowerBound
        }
        return out
    }

    /// The quotation that ends right before a verb (a closing quote, maybe a comma, in between).
    private func quoteBefore(_ c: Int) -> Range<Int>? {
        var k = c - 1
        while k >= range.lowerBound, isMark(k, 0x2C, ",") || isMark(k, 0x2D, "-") || isFold(k, key: MarkKey.t, "t") || has(k, .pronPerson) || has(k, .aux) { k -= 1 }
        guard k >= range.lowerBound, toks[k].kind == .quote else { return nil }
        let close = k
        var open = close - 1
        while open >= range.lowerBound, !(toks[open].kind == .quote && !isMark(open, key: MarkKey.closingGuillemet, "»") && !isMark(open, key: MarkKey.closingQuote, "”")) { open -= 1 }
        guard open >= range.lowerBound, close - open > 2 else { return nil }
        var e = close
        while e > open + 1, toks[e - 1].kind == .punctuation { e -= 1 }
        return open + 1 < e ? (open + 1) ..< e : nil
    }

    /// "…, et condamné", "… and rejects it": a verb coordinated with an earlier one shares its subject.
    private func coordinated(_ cueStart: Int) -> Bool {
        guard cueStart - 1 >= range.lowerBound else { return false }
        return has(cueStart - 1, .coord)
    }

    private func invertedSubject(_ m: CueMatch) -> NounPhrase? {
        // "« … », indique le quotidien", "comme le rappelle HRW", "a-t-il affirmé".
        let before = (range.lowerBound ..< m.start).contains { toks[$0].kind == .quote }
        let comme = m.start - 2 >= range.lowerBound && (listed(m.start - 2, .incise) || listed(m.start - 1, .incise))
        guard before || comme else { return nil }
        return phrase(startingNear: m.end, maxSkip: 3)
    }

    private func subjectIsDecision(before c: Int) -> Bool {
        var k = c - 1
        var steps = 0
        while k >= range.lowerBound, steps < 12 {
            if has(k, .decision) { return true }
            if isMark(k, 0x3B, ";") || isMark(k, 0x3A, ":") { return false }
            k -= 1
            steps += 1
        }
        return false
    }

    private func principalParty(_ span: ByteSpan) -> Int? {
        if let np = nps.first(where: { $0.span == span }) { return run.resolve(np, index, range) }
        // A principal that is a role noun or name inside the phrase.
        let inner = run.finder.find(range).first { span.contains($0.span) && $0.form != .pronoun }
        if let np = inner { return run.resolve(np, index, range) }
        let s = run.text.originalString(span)
        return s.isEmpty ? nil : run.book.party(surface: s, span: span, sentence: index, form: .role, role: "other", kind: .organization)
    }

    /// Objects of the cue: the phrase right after it, and phrases introduced by "contre",
    /// "against", "à", "to" before the content (or the clause end).
    private func objectTargets(_ m: CueMatch, content: Range<Int>?, excluded: PartyPair) -> [Int] {
        var end = clauseEnd(from: m.end)
        if let c = content, c.lowerBound > m.end { end = min(end, c.lowerBound) }
        if let c = content, c.lowerBound <= m.end { end = min(end, c.upperBound) }
        var out: [Int] = []
        // English object pronoun after the verb: "accusing him of", "sued them".
        if lex.language == .en, m.end < range.upperBound, has(m.end, .clitic) {
            if let k = lastRecordIndex(where: { $0.pointee.sentence == index }), !run.records[k].targets.isEmpty { return run.records[k].targets }
            if let np = nps.first(where: { $0.tokens.lowerBound == m.end }), let q = run.resolve(np, index, range, sentenceNPs: nps) { return [q] }
        }
        for np in nps where np.tokens.lowerBound >= m.end && np.tokens.upperBound <= max(end, m.end) && np.form != .pronoun {
            let prep = governingPrepositionIndex(np)
            // "sued its former chief engineer John Smith": only determiners and nouns in between.
            let between = m.end ..< np.tokens.lowerBound
            let direct = prep == nil && between.count <= 6 && between.allSatisfy { k in
                let t = toks[k]
                return t.kind == .word && (has(k, .det) || !isVerbForm(at: k)) && !has(k, .comp)
            }
            guard direct || (prep != nil && listed(prep!, .objectPrep)) else { continue }
            var target = np
            // "contre son ancien directeur, Paul Martin,": the name, not the description.
            if np.form == .role, np.tokens.upperBound < range.upperBound, isMark(np.tokens.upperBound, 0x2C, ","),
               let named = nps.first(where: { $0.tokens.lowerBound == np.tokens.upperBound + 1 && ($0.form == .name || $0.form == .mention) }) {
                target = named
            }
            if let q = run.resolve(target, index, range, sentenceNPs: nps), !excluded.contains(q), !out.contains(q) { out.append(q) }
        }
        return out
    }

    /// The accused of a content clause: its subject if that is a party, else the first party named.
    /// The accused a clause names indirectly: the cause of a victim's harm, or the agent of a passive.
    func indirectAccused(in c: Range<Int>, excluded: PartyPair) -> [Int]? {
        if let v = c.first(where: { f in hasPrefix(f, lex.victimStems) }) {
            for np in nps where np.tokens.lowerBound > v && np.tokens.lowerBound <= v + 6 && np.tokens.upperBound <= c.upperBound && np.form != .pronoun {
                if let q = run.resolve(np, index, range, sentenceNPs: nps), !excluded.contains(q) { return [q] }
            }
        }
        if let agent = passiveAgentAnywhere(in: c), let q = run.resolve(agent, index, range, sentenceNPs: nps), !excluded.contains(q) {
            return [q]
        }
        return nil
    }

    private func contentTargets(_ content: Range<Int>?, excluded: PartyPair, anyPosition: Bool) -> [Int] {
        guard let c = content else { return [] }
        // "X serait victime de tirs des forces anti-régime", "the victim of Y": the cause is the
        // accused; "… a été tué à la suite des tirs de mortier par l'opposition": the agent of a
        // passive. (These tests were run twice in a row; the second run, on the same phrases and
        // the same parties, could only repeat the first one's answer.)
        if let t = indirectAccused(in: c, excluded: excluded) { return t }
        var fallback: Int? = nil
        for np in nps where np.tokens.lowerBound >= c.lowerBound && np.tokens.upperBound <= c.upperBound && np.form != .pronoun {
            if namesThing(np) { continue }
            // "X aurait été tué par les rebelles": the agent of a passive is the accused.
            if let agent = passiveAgent(after: np, in: c), let q = run.resolve(agent, index, range, sentenceNPs: nps), !excluded.contains(q) {
                return [q]
            }
            // "X aurait été tué", "she had been assaulted": the subject of a passive is the victim.
            if !anyPosition, isPassiveSubject(np, within: c) { continue }
            guard let q = run.resolve(np, index, range, sentenceNPs: nps), !excluded.contains(q) else { continue }
            if anyPosition { return [q] }
            let prep = governingPrepositionIndex(np)
            if !np.possessive && prep == nil { return [q] }
            // A place ("sur la place Tahrir", "in Texas") is not the accused.
            if fallback == nil, prep == nil || listed(prep!, .fallbackPrep) { fallback = q }
        }
        return fallback.map { [$0] } ?? []
    }

    /// A ruling is against its object ("condamne X", "affirm the defendant's conviction"), else
    /// against the subject of what it holds ("Holds that the respondent State is to pay").
    private func rulingTargets(_ m: CueMatch, content: Range<Int>?, excluded: PartyPair) -> [Int] {
        // The courts among the parties known now (a party `resolve` adds below is not one of them;
        // resolve gives no role to a party it did not create).
        let known = run.book.parties.count
        func isCourt(_ q: Int) -> Bool { q < known && run.book.role(q) == "court" }
        // "found defendant guilty": the object sits inside the cue.
        if let f = m.words.first {
            for np in nps where np.tokens.lowerBound > f && np.tokens.upperBound <= m.end && np.form != .pronoun {
                if let q = run.resolve(np, index, range, sentenceNPs: nps), !excluded.contains(q), !isCourt(q) { return [q] }
            }
        }
        // "condamné cette dernière", "the latter": the party named just before.
        if m.end + 1 < range.upperBound, listed(m.end + 1, .latter) {
            for np in nps.reversed() where np.tokens.upperBound <= m.start && np.form != .pronoun {
                if let q = run.resolve(np, index, range, sentenceNPs: nps), !excluded.contains(q), !isCourt(q) { return [q] }
            }
        }
        for np in nps where np.tokens.lowerBound >= m.end && np.tokens.lowerBound <= m.end + 2 && np.form != .pronoun {
            var ok = true
            for k in m.end ..< np.tokens.lowerBound where !has(k, .det) || has(k, .comp) { ok = false }
            if ok, let q = run.resolve(np, index, range, sentenceNPs: nps), !excluded.contains(q), !isCourt(q) { return [q] }
        }
        if let c = content {
            for np in nps where np.tokens.lowerBound >= c.lowerBound && np.tokens.upperBound <= c.upperBound && np.form != .pronoun {
                if np.possessive || governingPrepositionIndex(np) != nil || namesThing(np) { continue }
                if np.tokens.lowerBound > c.lowerBound + 10 { break }
                if let q = run.resolve(np, index, range, sentenceNPs: nps), !excluded.contains(q), !isCourt(q) { return [q] }
            }
            // French decisions name the party inside the object: "Prononcé la dissolution de
            // l'association X", "confirmé le jugement … condamnant X".
            if lex.language == .fr {
                for np in nps where np.tokens.lowerBound >= c.lowerBound && np.tokens.upperBound <= c.upperBound && np.form != .pronoun && !namesThing(np)
                    && np.form != .name {
                    if let q = run.resolve(np, index, range, sentenceNPs: nps), !excluded.contains(q), !isCourt(q) { return [q] }
                }
            }
        }
        return []
    }

    /// A law or a document named with capitals ("the Illinois Consumer Fraud … Act").
    private func namesThing(_ np: NounPhrase) -> Bool {
        let first = toks[np.tokens.lowerBound], last = toks[np.tokens.upperBound - 1]
        return lex.notParties.contains(last.fold) || (lex.notParties.contains(first.fold) && first.isCapitalized)
    }

    private func isPassiveSubject(_ np: NounPhrase, within c: Range<Int>) -> Bool {
        var k = np.tokens.upperBound
        var sawBe = false
        while k < c.upperBound, k < np.tokens.upperBound + 5 {
            if has(k, .be) { sawBe = true; k += 1; continue }
            if has(k, .aux) || has(k, .adv) || isSkippable(at: k) { k += 1; continue }
            break
        }
        return sawBe && k < c.upperBound && isPastParticiple(at: k)
    }

    private func passiveAgentAnywhere(in c: Range<Int>) -> NounPhrase? {
        for k in c where has(k, .be) && !listed(k, .beProgressive) {
            var j = k + 1
            while j < c.upperBound, j <= k + 3, has(j, .adv) || has(j, .be) { j += 1 }
            guard j < c.upperBound, isPastParticiple(at: j) else { continue }
            if let a = nps.first(where: { $0.tokens.lowerBound > j && $0.tokens.upperBound <= c.upperBound && $0.form != .pronoun
                && governedBy($0, .agentPrep) }) { return a }
        }
        return nil
    }

    private func passiveAgent(after np: NounPhrase, in c: Range<Int>) -> NounPhrase? {
        var k = np.tokens.upperBound
        var sawBe = false
        while k < c.upperBound, k < np.tokens.upperBound + 6 {
            if has(k, .be) { sawBe = true; k += 1; continue }
            if has(k, .aux) || has(k, .adv) { k += 1; continue }
            break
        }
        guard sawBe, k < c.upperBound, isPastParticiple(at: k) else { return nil }
        return nps.first { $0.tokens.lowerBound > k && $0.tokens.upperBound <= c.upperBound && governedBy($0, .agentPrep) }
    }

    /// A court's ruling without a named party: against the respondent when it finds a violation,
    /// against the claimant when it dismisses or finds none.
    private func rulingDefaultTargets(_ content: Range<Int>?, _ m0: Int) -> [Int] {
        let negative = contentHas(content) { i in isNeg(at: i) || hasPrefix(i, lex.dismissStems) || listed(i, .dismissWord) }
            || hasDismissLemma(at: m0)
        // (The pure tests first: `negative` spares the content scan and the walk over the records.)
        if !negative && contentHas(content, { i in isWrongdoing(at: i) || hasPrefix(i, lex.violationStems) }) {
            // (Roles tried in turn without an array literal: this runs per ruling.)
            if let q = run.roleParty("respondent") ?? run.roleParty("defendant") { return [q] }
        }
        if !negative, let k = lastRecordIndex(where: { $0.pointee.type == .filing && $0.pointee.evidence.contains { SentenceContext.mentionsAppeal($0) } }),
           let s = run.records[k].source {
            return [s]
        }
        guard run.legal else { return [] }
        let q = negative ? run.roleParty("claimant") ?? run.roleParty("defendant")
            : run.roleParty("respondent") ?? run.roleParty("defendant") ?? run.roleParty("claimant")
        return q.map { [$0] } ?? []
    }

    /// Type of a reporting verb: the respondent's arguments are denials, the claimant's are
    /// allegations; otherwise an accused who says "never/not…" denies, and a statement with a
    /// wrongdoing word or the conditionnel accuses.
    private func decideReported(source: Int?, onBehalf: Int?, role: String, content: Range<Int>?, lean: String?, fixed: RecordType?) -> RecordType? {
        switch role {
        case "respondent": return .denial
        case "claimant": return .allegation
        case "court": return nil
        default: break
        }
        // The content tests are pure: each is run only when the answer still depends on it.
        func wrong() -> Bool { contentHas(content) { isWrongdoing(at: $0) } }
        if standsAccused(source, onBehalf) {
            let neg = contentHas(content) { isNeg(at: $0) || has($0, .negpost) && !listed($0, .negpostNotNeg) }
            // "the claims are false", "des accusations infondées": calling the claims untrue denies them.
            if neg || contentHas(content, { has($0, .refute) }) { return .denial }
            if wrong() { return fixed ?? .allegation }
            return lean == "allegation" ? .denial : nil
        }
        if lean == "allegation" || wrong() || contentHas(content, { isConditionalVerb(at: $0) }) { return fixed ?? .allegation }
        return nil
    }

    private func decideModality(_ m: CueMatch, _ cf: CueFeatures, type: RecordType, cueStart: Int, content: Range<Int>?, fromCourt: Bool, source: Int?) -> Modality {
        if let f = cf.mod, let mm = Modality(rawValue: f) { return mm }
        let pre = cueStart ..< m.start
        if let lead = englishLeadModality(m, cf, cueStart: cueStart) { return lead }
        if englishNoObject(m, cf) { return .negated }
        if !cf.negcue {
            var negated = false
            if lex.language == .fr {
                let ne = (max(range.lowerBound, cueStart - 1) ..< m.end).contains { has($0, .neg) }
                let post = (cueStart ..< min(range.upperBound, m.end + 1)).contains { has($0, .negpost) }
                negated = ne && post
            } else {
                negated = pre.contains { isNeg(at: $0) } || (cueStart - 2 >= range.lowerBound && listed(cueStart - 2, .refuseTo) && listed(cueStart - 1, .toInfinitive))
            }
            if negated { return .negated }
        }
        if pre.contains(where: { has($0, .future) }) || verbHas(at: m.words.first ?? m.start, TokenFacts.indFut) { return .hypothetical }
        if conditionBefore(cueStart) { return .hypothetical }
        if fromCourt, type == .ruling {
            if let s = source, isOwnCourt(s) { return .asserted }
        }
        if verbHas(at: m.words.first ?? m.start, TokenFacts.cond) { return .conditional }
        if (type == .allegation || type == .denial), let c = content {
            // The conditionnel journalistique in the reported clause: "affirme que X aurait…".
            let head = c.lowerBound ..< min(c.upperBound, c.lowerBound + 8)
            if head.contains(where: { isConditionalVerb(at: $0) }) { return .conditional }
        }
        if pre.contains(where: { isConditionalVerb(at: $0) }) { return .conditional }
        return .reported
    }

    /// `(range.lowerBound ..< c).contains { listed($0, .condition) }`, scanning each
    /// token of the sentence once for all its matches.
    private func conditionBefore(_ c: Int) -> Bool {
        if let f = memo.firstCondition { return f < c }
        var k = memo.conditionScanned
        while k < c {
            if listed(k, .condition) {
                memo.firstCondition = k
                return true
            }
            k += 1
        }
        memo.conditionScanned = max(memo.conditionScanned, c)
        return false
    }

    /// The first party (by index) that is a court speaking in the document itself: the parties
    /// with the role "court" are few, and `roles` names them without a lookup per party.
    private func ownCourtParty() -> Int? {
        let n = run.book.parties.count
        var courts: [Int] = []
        for (p, r) in run.book.roles where r == "court" && p >= 0 && p < n { courts.append(p) }
        courts.sort()
        return courts.first(where: { isOwnCourt($0) })
    }

    /// The court that speaks in the document itself ("the Court", "THE COURT", "La Cour", "we").
    private func isOwnCourt(_ p: Int) -> Bool {
        if p == run.firstPersonParty { return true }
        if p == run.operativeCourt { return true }
        if nameIsCourt(run.book.parties[p].name) { return true }
        let aliases = run.book.parties[p].aliases
        for n in aliases where nameIsCourt(n) { return true }
        return false
    }

    /// "Court", "the Court", "THE COURT": one or two words, a court noun after a court article.
    private func nameIsCourt(_ n: String) -> Bool {
        // ASCII names (a Character " " is then the byte 0x20) without splitting into an array.
        let ascii = withBytes(n) { b -> Bool? in
            var first: Range<Int>? = nil, second: Range<Int>? = nil
            var i = 0
            while i < b.count {
                if b[i] >= 0x80 { return nil }
                if b[i] == 0x20 { i += 1; continue }
                var j = i
                while j < b.count, b[j] != 0x20 { if b[j] >= 0x80 { return nil }; j += 1 }
                if second != nil { return false }
                if first == nil { first = i ..< j } else { second = i ..< j }
                i = j
            }
            guard let w0 = first else { return false }
            func word(_ r: Range<Int>) -> String { String(decoding: UnsafeBufferPointer(rebasing: b[r]), as: UTF8.self) }
            guard lex.courtNames.contains(word(second ?? w0)) else { return false }
            return second == nil || lex.courtArticles.contains(word(w0))
        }
        if let ascii { return ascii }
        let words = n.split(separator: " ")
        guard let last = words.last, words.count <= 2 else { return false }
        return lex.courtNames.contains(String(last)) && (words.count == 1 || lex.courtArticles.contains(String(words[0])))
    }

    /// Where the act was made: a document ("plainte", "communiqué", "complaint") or a platform
    /// after "sur"/"on" ("sur X", "on Twitter").
    private func channelIn() -> String? {
        if memo.channelKnown { return memo.channel }
        let c = channelInUncached()
        memo.channel = c
        memo.channelKnown = true
        return c
    }

    private func channelInUncached() -> String? {
        for i in range {
            if has(i, .doc), listed(i, .channelDoc) {
                return run.text.originalString(toks[i].span)
            }
            if listed(i, .platformPrep), i + 1 < range.upperBound, toks[i + 1].isCapitalized, has(i + 1, .platform) {
                return run.text.originalString(toks[i + 1].span)
            }
        }
        return nil
    }

    /// `a` without repeats, first occurrences kept in order (a few parties: no Set).
    private func unique(_ a: [Int]) -> [Int] {
        if a.count <= 1 { return a }
        var out: [Int] = []
        out.reserveCapacity(a.count)
        for x in a where !out.contains(x) { out.append(x) }
        return out
    }
}

/// The parties a rule leaves out of a record's targets (its source and the one it speaks for):
/// at most two, tested without building a Set per record.
struct PartyPair {
    let a: Int?
    let b: Int?
    init(_ a: Int?, _ b: Int? = nil) { self.a = a; self.b = b }
    @inline(__always) func contains(_ x: Int) -> Bool { x == a || x == b }
}
