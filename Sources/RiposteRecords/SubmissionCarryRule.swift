import RiposteText
import RiposteSegment

/// In a case, a party's submissions run on over several sentences without a new reporting verb:
/// "The Government asserted that the costs … did not relate to the violations. Moreover, no
/// documents had been presented … . Also, the amounts claimed were not reasonable." A sentence
/// with no cue of its own, in the same paragraph and within three sentences of an allegation or
/// denial by a claimant or respondent, continues it when it says something against the other
/// side: a negation for the respondent (a denial), a wrongdoing word or a negation for the
/// claimant (an allegation). Source and targets are those of the submission it continues.
struct SubmissionCarryRule {
    let run: DocumentRun

    func apply(_ si: Int, _ r: Range<Int>) -> Record? {
        guard run.legal else { return nil }
        let toks = run.text.tokens
        let lex = run.lex
        let paragraph = run.text.sentences[si].paragraph
        // The last record's fields read in place: most sentences stop here, and a copy of the
        // record would retain all its strings and arrays.
        let n = run.records.count
        guard n > 0 else { return nil }
        let lastSentence = run.records[n - 1].sentence, lastType = run.records[n - 1].type
        guard lastSentence < si, si - lastSentence <= 3, run.text.sentences[lastSentence].paragraph == paragraph,
              let source = run.records[n - 1].source, lastType == .allegation || lastType == .denial || lastType == .admission else { return nil }
        let last = run.records[n - 1]
        let role = run.book.role(source)
        let side: RecordType
        switch role {
        case "claimant": side = .allegation
        case "respondent": side = .denial
        default: return nil
        }
        // Quoted law and list items are not the party speaking.
        let start = run.contentStart(r)
        if start < r.upperBound, toks[start].kind == .quote { return nil }
        guard start < r.upperBound, toks[start].lower != "(" else { return nil }
        // No noun phrases: this rule reads words only (and most sentences fail the tests below).
        let ctx = SentenceContext(run: run, index: si, range: r, nps: [])
        let negated = r.contains { ctx.isNeg(at: $0) }
        let hedged: Bool
        switch side {
        case .denial:
            hedged = r.contains { ctx.isConditionalVerb(at: $0) }
            guard negated || hedged else { return nil }
        default:
            guard negated || r.contains(where: { ctx.isWrongdoing(at: $0) }) else { return nil }
            hedged = r.contains { ctx.isConditionalVerb(at: $0) }
        }
        // The cue: the first verb group (auxiliaries, negation, verb), else the hedge word.
        var cueStart: Int? = nil
        var firstVerb: Int? = nil
        var k = start
        while k < r.upperBound {
            // Fields read in place (a copy of the token would retain its strings).
            if ctx.isConditionalVerb(at: k) { cueStart = k; break }
            if !ctx.listed(k, .toInfinitive), ctx.has(k, .aux) || ctx.has(k, .be) { cueStart = k; break }
            if firstVerb == nil, ctx.isVerbForm(at: k), !toks[k].isCapitalized, !toks[k].fold.hasSuffix("s") || lex.language == .fr { firstVerb = k }
            k += 1
        }
        if cueStart == nil { cueStart = firstVerb }
        guard let cs = cueStart else { return nil }
        var ce = cs + 1
        while ce < r.upperBound, ce < cs + 5, ctx.isSkippable(at: ce - 1) || ctx.isNeg(at: ce) || ctx.has(ce, .aux) || ctx.has(ce, .be) { ce += 1 }
        if ce < r.upperBound, ctx.isVerbForm(at: ce) { ce += 1 }
        let contentEnd = ctx.clauseEnd(from: cs)
        var cstart = start
        // "Moreover,", "In addition,": the connective is not what is claimed.
        if let comma = (start ..< min(contentEnd, start + 4)).first(where: { toks[$0].lower == "," }), comma < cs { cstart = comma + 1 }
        guard cstart < contentEnd else { return nil }
        var targets = last.targets
        if targets.isEmpty { targets = run.adversary(source) }
        return Record(type: side, source: source, onBehalfOf: last.onBehalfOf, targets: targets,
                      cue: ByteSpan(toks[cs].span.start, toks[min(ce, r.upperBound) - 1].span.end),
                      content: ByteSpan(toks[cstart].span.start, toks[contentEnd - 1].span.end),
                      modality: hedged ? .conditional : .reported, respondsTo: [], channel: last.channel, sentence: si,
                      confidence: 0.4, evidence: ["rule.submission-continues"])
    }
}
