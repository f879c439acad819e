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
        for i in toks.indices.dropLast() where toks[i].fold == "this" && toks[i + 1].fold == "court" { return "this court" }
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
    func englishUndoneConvictionTarget(_ m: CueMatch, content: Range<Int>?) -> Int? {
        guard lex.language == .en, m.pattern.has("undo"), let c = content else { return nil }
        let head = c.lowerBound ..< min(c.upperBound, c.lowerBound + 4)
        guard head.contains(where: { lex.has(toks[$0].fold, "conviction") }) else { return nil }
        return run.roleParty("prosecution")
    }
}
