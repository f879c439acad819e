// Requires: DocumentRun (its tokens). Provides: English case-law readings that the shared rules
// leave open: the name of the court that writes an opinion in the first person.
import RiposteText

extension DocumentRun {
    /// "We affirm": the court writing the opinion. Its canonical name is the fullest form the text
    /// gives it: "this court" when the opinion says so, otherwise the pronoun itself ("We"), not a
    /// name the text never uses. Nil outside English.
    func englishFirstPersonCourtName(_ surface: String) -> String? {
        guard lex.language == .en else { return nil }
        let toks = text.tokens
        if let candidates = courtSelfTokens {
            for i in candidates where i + 1 < toks.count && listed(i + 1, .courtNoun) {
                return toks[i].fold + " " + toks[i + 1].fold
            }
            return surface
        }
        for i in toks.indices.dropLast() where listed(i, .courtSelf) && listed(i + 1, .courtNoun) {
            return toks[i].fold + " " + toks[i + 1].fold
        }
        return surface
    }
}

extension SentenceContext {
    /// "appeal to this court", "filed a petition with the circuit court": the court a filing goes
    /// to decides it; the filing is against the other side, not against the court.
    func englishFilingTargetsWithoutCourts(_ type: RecordType, _ targets: [Int]) -> [Int] {
        guard lex.language == .en, type == .filing else { return targets }
        return targets.filter { run.book.role($0) != "court" }
    }
}

extension SentenceContext {
    /// "we reversed her conviction", "vacated the defendant's sentence": undoing a conviction
    /// rules against the prosecution that obtained it, not against the convicted (cues marked
    /// `undo`, words of class `conviction`).
    func englishUndoneConvictionTarget(_ cf: CueFeatures, content: Range<Int>?) -> Int? {
        guard lex.language == .en, cf.undo, let c = content else { return nil }
        let head = c.lowerBound ..< min(c.upperBound, c.lowerBound + 4)
        guard head.contains(where: { has($0, .conviction) }) else { return nil }
        return run.roleParty("prosecution")
    }
}

extension SentenceContext {
    /// "the defendant's first appeal", "plaintiffs' complaint": a filing named as a noun is made by
    /// the possessor right before it (an adjective or two may sit between).
    func englishPossessiveFiler(_ type: RecordType, cueStart: Int) -> Int? {
        guard lex.language == .en, type == .filing else { return nil }
        guard let np = nps.last(where: { $0.possessive && $0.tokens.upperBound <= cueStart && cueStart - $0.tokens.upperBound <= 2 }) else { return nil }
        for k in np.tokens.upperBound ..< cueStart where toks[k].kind != .word || isVerbForm(at: k) { return nil }
        return run.resolve(np, index, range, sentenceNPs: nps)
    }

    /// "she was charged", "Keller was indicted" in a criminal case: the prosecution charges.
    func englishPassiveFiler(_ type: RecordType, passive: Bool) -> Int? {
        guard lex.language == .en, type == .filing, passive, run.legal else { return nil }
        return run.roleParty("prosecution")
    }
}

extension SentenceContext {
    /// "dismissed the Government's objection", "rejects it", "The Government's objections are
    /// therefore dismissed": a court throwing out an objection rules against whoever raised it
    /// (the possessor, else the respondent, who raises objections in a case). Cues marked
    /// `objection`; the nouns are the class `objection` of records-words.tsv.
    func englishObjectionTarget(_ cf: CueFeatures) -> Int? {
        guard lex.language == .en, cf.objection else { return nil }
        guard let k = range.first(where: { has($0, .objection) }) else { return nil }
        if let np = nps.last(where: { $0.possessive && $0.tokens.upperBound <= k && k - $0.tokens.upperBound <= 2 }),
           let q = run.resolve(np, index, range, sentenceNPs: nps) { return q }
        return run.roleParty("respondent")
    }
}

extension SentenceContext {
    /// "Plaintiff was awarded summary judgment", "awarded the applicant damages": an award is a
    /// ruling for its recipient and against the other side (cues marked `benefit`).
    func englishAwardTargets(_ cf: CueFeatures, recipients: [Int]) -> [Int]? {
        guard lex.language == .en, cf.benefit, let r = recipients.first else { return nil }
        let other = run.adversary(r).filter { !recipients.contains($0) }
        return other.isEmpty ? nil : other
    }
}

extension SentenceContext {
    /// "This appeal followed": the appeal of whoever the last ruling went against (cues marked
    /// `loser`).
    func englishLoserAppeals(_ cf: CueFeatures) -> Int? {
        guard lex.language == .en, cf.loser else { return nil }
        return lastRecordIndex(where: { $0.pointee.type == .ruling && !$0.pointee.targets.isEmpty }).flatMap { run.records[$0].targets.first }
    }
}
