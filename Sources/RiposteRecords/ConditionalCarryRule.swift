import RiposteText
import RiposteSegment

/// The conditionnel journalistique without a cue of its own: "Ces fichiers auraient été stockés
/// dans un compte…" reports the same accuser as the sentence before ("Selon la plainte, …"), as
/// long as the text keeps reporting. A conditional auxiliary (avoir/être) followed by a past
/// participle or "victime" makes an allegation; its source is the carried attribution (or the last
/// accuser of the paragraph), its target the clause's subject if that is a party, else the carried
/// targets.
struct ConditionalCarryRule {
    let run: DocumentRun

    func apply(_ si: Int, _ r: Range<Int>) -> Record? {
        let toks = run.text.tokens
        // Words only until a verb is found: the noun phrases wait for the full context below.
        let scan = SentenceContext(run: run, index: si, range: r, nps: [])
        let auxForms = scan.lex.auxForms
        var verb: Int? = nil
        var end = 0
        for i in r {
            // The token read in place (a copy per word would retain its strings).
            if scan.listed(i, .condition) { return nil }
            // Most words are no form of avoir/être: one probe with the token's key says so.
            guard auxForms.contains(toks[i]), scan.verbHas(at: i, TokenFacts.cond) else { continue }
            guard scan.hasAuxLemma(at: i) else { continue }
            // aux + (été) + past participle, or "serait victime".
            var j = i + 1
            while j < r.upperBound, j <= i + 3, scan.has(j, .adv) || scan.listed(j, .been) || scan.has(j, .neg) { j += 1 }
            guard j < r.upperBound else { continue }
            // "Nous aurions dû plaider": a modal regret, not a reported accusation.
            if scan.hasModalLemma(at: j) { continue }
            if i > r.lowerBound, scan.has(i - 1, .pronFirst) { continue }
            if scan.isPastParticiple(at: j) || scan.hasPrefix(j, scan.lex.victimPredicates) {
                verb = i
                end = j + 1
                break
            }
        }
        guard let v = verb else { return nil }
        let paragraph = run.text.sentences[si].paragraph
        var source: Int? = nil
        var targets: [Int] = []
        var channel: String? = nil
        var evidence = "fr.allegation.conditionnel"
        // The attribution holds for the next two sentences, across at most one paragraph break.
        if let c = run.carry, si - c.sentence <= 2, paragraph - c.paragraph <= 1 {
            source = c.source
            targets = c.targets
            channel = c.channel
            evidence = "fr.allegation.conditionnel-carried"
        } else if let last = run.records.last(where: { $0.type == .allegation }),
                  run.text.sentences[last.sentence].paragraph == paragraph || si - last.sentence <= 3 {
            source = last.source
            channel = last.channel
        }
        let ctx = SentenceContext(run: run, index: si, range: r)
        let start = run.contentStart(r)
        let contentEnd = ctx.clauseEnd(from: v)
        if start < contentEnd, let t = ctx.indirectAccused(in: start ..< contentEnd, excluded: PartyPair(source)) {
            targets = t
        } else if let np = ctx.subject(before: v), let q = run.resolve(np, si, r, sentenceNPs: ctx.nps), q != source {
            targets = [q]
        }
        guard start < contentEnd else { return nil }
        if source == nil, !targets.isEmpty, let first = run.records.first(where: { $0.type == .allegation && $0.source != nil }) {
            // Far from any attribution, the conditionnel still reports the article's first accuser.
            source = first.source
        }
        if targets.isEmpty, source == nil { return nil }
        return Record(type: .allegation, source: source, onBehalfOf: nil, targets: targets,
                      cue: ByteSpan(toks[v].span.start, toks[end - 1].span.end),
                      content: ByteSpan(toks[start].span.start, toks[contentEnd - 1].span.end),
                      modality: .conditional, respondsTo: [], channel: channel, sentence: si,
                      confidence: source == nil ? 0.3 : 0.45, evidence: [evidence])
    }
}
