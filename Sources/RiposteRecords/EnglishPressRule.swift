// Requires: SentenceContext (ClauseAnalysis), the English word classes `intent` and `refuse` of
// Lexicons/en/records-words.tsv. Provides: the English press readings that the shared clause
// analysis does not make (wire-copy phrasing: "threatened to sue", "refused to apologize",
// "pleaded guilty", "sued Y, alleging that…").
import RiposteText

extension SentenceContext {
    /// The verb that governs an infinitive cue: "threatened" in "threatened to sue", "refused"
    /// in "refused to apologize" (the "to" may already be part of the cue, as an auxiliary).
    private func englishGoverningVerb(_ cueStart: Int, _ m: CueMatch) -> Token? {
        guard lex.language == .en else { return nil }
        var k = cueStart
        if !listed(k, .toInfinitive) { k = cueStart - 1 }
        guard k >= range.lowerBound, k < m.end, listed(k, .toInfinitive), k - 1 >= range.lowerBound else { return nil }
        return toks[k - 1]
    }

    /// "refused to apologize" did not happen (negated); "threatened to sue", "plans to sue" has
    /// not happened yet (hypothetical). Nil when no such verb governs the cue.
    func englishLeadModality(_ m: CueMatch, _ cf: CueFeatures, cueStart: Int) -> Modality? {
        guard let v = englishGoverningVerb(cueStart, m) else { return nil }
        if lex.has(v, .refuse) { return cf.negcue ? nil : .negated }
        if lex.has(v, .intent) { return .hypothetical }
        return nil
    }

    /// An admission in English press needs no earlier accusation in the text: wire copy often
    /// opens with it ("pleaded guilty to…", "acknowledged that…"). The cue must be the act itself
    /// (`act`: "pleaded guilty") or carry what is admitted.
    func englishPressAdmission(_ cf: CueFeatures, content: Range<Int>?) -> Bool {
        guard lex.language == .en else { return false }
        return cf.act || content != nil
    }

    /// "X sued Y on Tuesday, alleging that…", "filed a lawsuit against Y, accusing the label
    /// of…": a participle accusation right after a filing is against whom the filing is.
    func englishParticipleTargets(_ type: RecordType, participle: Bool, previous: Record?) -> [Int] {
        guard lex.language == .en, type == .allegation, participle, let prev = previous, prev.type == .filing else { return [] }
        return prev.targets
    }
}

extension SentenceContext {
    /// "According to the complaint, X hired…": the pleading (token before `docEnd`) makes it an
    /// allegation whatever the words.
    func englishPleadingSpeaks(_ docEnd: Int?) -> Bool {
        guard lex.language == .en, let d = docEnd, d - 1 >= range.lowerBound else { return false }
        return has(d - 1, .pleading)
    }
}

extension SentenceContext {
    /// "charged John Keller with wire fraud", "charged X and Y with": a gap cue holds its objects
    /// (names or pronouns) between its words.
    func englishObjectInsideCue(_ m: CueMatch, excluded: PartyPair) -> [Int] {
        guard lex.language == .en, let f = m.words.first, m.end - f > 2 else { return [] }
        var out: [Int] = []
        for np in nps where np.tokens.lowerBound > f && np.tokens.upperBound < m.end {
            if let q = run.resolve(np, index, range, sentenceNPs: nps), !excluded.contains(q), !out.contains(q) { out.append(q) }
        }
        return out
    }
}

extension SentenceContext {
    /// "she told Reuters", "said in an interview with the BBC": the news outlet is the channel.
    func englishMediaChannel() -> String? {
        guard lex.language == .en else { return nil }
        if memo.mediaKnown { return memo.media }
        let c = englishMediaChannelUncached()
        memo.media = c
        memo.mediaKnown = true
        return c
    }

    private func englishMediaChannelUncached() -> String? {
        for i in range where i + 1 < range.upperBound && listed(i, .mediaPrep) {
            var k = i + 1
            if listed(k, .mediaArticle), k + 1 < range.upperBound { k += 1 }
            if toks[k].isCapitalized, has(k, .media) { return run.text.originalString(toks[k].span) }
        }
        return nil
    }
}

extension SentenceContext {
    /// "thousands of lawsuits accusing the drugmaker of…": a participle right after a pleading
    /// noun is what the pleadings say, not an act of the sentence's subject (who is often the
    /// one accused); their filers are not named here.
    func englishPleadingParticiple(_ cueStart: Int, participle: Bool) -> Bool {
        guard lex.language == .en, participle, cueStart - 1 >= range.lowerBound else { return false }
        return has(cueStart - 1, .pleading)
    }

    /// "admitted no wrongdoing", "expressed no regret": the act did not happen.
    func englishNoObject(_ m: CueMatch, _ cf: CueFeatures) -> Bool {
        guard lex.language == .en, !cf.negcue, m.end < range.upperBound else { return false }
        return listed(m.end, .noObject)
    }
}

extension SentenceContext {
    /// `"We deny these allegations," the company said` / `said Tom Reyes` / `she wrote`: a cue
    /// inside a quotation is the act of whoever the attribution after the quotation names (the
    /// "we" or "I" inside it is that speaker). Verbs of class `quote-verb` in records-words.tsv.
    func englishQuoteSpeaker(_ cueStart: Int) -> NounPhrase? {
        guard lex.language == .en else { return nil }
        var opening = 0
        for k in range.lowerBound ..< cueStart where toks[k].kind == .quote { opening += 1 }
        guard opening % 2 == 1, let close = (cueStart ..< range.upperBound).first(where: { toks[$0].kind == .quote }) else { return nil }
        var k = close + 1
        while k < range.upperBound, toks[k].kind == .punctuation { k += 1 }
        guard k < range.upperBound else { return nil }
        if hasQuoteVerbLemma(at: k) { return phrase(startingNear: k + 1, maxSkip: 1) }
        if let np = nps.first(where: { $0.tokens.lowerBound == k }), np.tokens.upperBound < range.upperBound, hasQuoteVerbLemma(at: np.tokens.upperBound) { return np }
        return nil
    }
}

extension SentenceContext {
    /// The content of a cue inside a quotation stays inside it (not `…," the company said`).
    func englishQuotedContent(_ c: Range<Int>?, cueStart: Int) -> Range<Int>? {
        guard lex.language == .en, let c else { return c }
        var count = 0, last: Int? = nil
        for k in range.lowerBound ..< cueStart where toks[k].kind == .quote { count += 1; last = k }
        guard count % 2 == 1, let open = last,
              let close = (cueStart ..< range.upperBound).first(where: { toks[$0].kind == .quote }) else { return c }
        var lo = max(c.lowerBound, open + 1), hi = min(c.upperBound, close)
        while hi > lo, toks[hi - 1].kind == .punctuation { hi -= 1 }
        while lo < hi, toks[lo].kind == .punctuation { lo += 1 }
        return lo < hi ? lo ..< hi : nil
    }
}

extension SentenceContext {
    /// "was accused of abuse by two former players", "was sued by a former professor": the agent
    /// of a passive claim that no party or role noun covers is a party of its own, named by the
    /// words after "by" (a determiner or a number word first, at most five words, up to a
    /// punctuation mark, a preposition, a relative or a verb). Also gives where "by" is: the
    /// content ends before it.
    func englishPassiveAgent(_ m: CueMatch) -> (party: Int, by: Int)? {
        guard lex.language == .en else { return nil }
        let end = clauseEnd(from: m.end)
        guard let by = (m.end ..< end).first(where: { listed($0, .agentPrep) }), by + 2 < range.upperBound else { return nil }
        guard has(by + 1, .det) || has(by + 1, .number) else { return nil }
        var k = by + 2
        while k < range.upperBound, k < by + 6 {
            let t = toks[k]
            if t.kind != .word || has(k, .prep) || has(k, .comp) || has(k, .relative) || (isVerbForm(at: k) && k > by + 2 && !t.isCapitalized && !words.isClassed(k) && t.fold.hasSuffix("ed")) { break }
            k += 1
        }
        guard k > by + 2, let s = span(by + 1, k) else { return nil }
        return (run.book.party(surface: run.text.originalString(s), span: s, sentence: index, form: .role, role: "other", kind: .unknown), by)
    }
}

extension SentenceContext {
    /// "Hale's lawyer, Nina Cole, denied…", "His attorney, Nina Cole, said…": the name after an
    /// agent noun (`agent` role in records-party-heads.tsv) owned by someone speaks for the owner:
    /// the possessor named, or for "his/her/their" the last speaker, else the last party accused.
    func englishAppositionPrincipal(_ np: NounPhrase) -> Int? {
        guard lex.language == .en else { return nil }
        let k = np.tokens.lowerBound - 1
        guard k - 2 >= range.lowerBound, isMark(k, 0x2C, ","), lex.head(toks[k - 1].fold)?.role == "agent" else { return nil }
        let owner = toks[k - 2]
        if has(k - 2, .det), !listed(k - 2, .article) {
            return run.lastSource ?? run.records.last(where: { !$0.targets.isEmpty })?.targets.first
        }
        if owner.fold.hasSuffix("'s") || owner.lower == "’s" || owner.lower == "'s" {
            if let o = nps.last(where: { $0.possessive && $0.tokens.upperBound >= k - 2 && $0.tokens.upperBound <= k - 1 }) {
                return run.resolve(o, index, range, sentenceNPs: nps)
            }
            // "Hale's lawyer" read as one phrase: the owner by its name.
            var name = run.text.originalString(owner.span)
            if let r = name.range(of: "'s", options: [.backwards, .anchored]) ?? name.range(of: "’s", options: [.backwards, .anchored]) { name.removeSubrange(r) }
            if let key = run.book.key(name), let q = run.book.index(ofKey: key) { return q }
        }
        return nil
    }
}
