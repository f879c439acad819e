// Requires: RecordsLexicon (its inflections and rule lists). Provides: `ClauseTables.of(lex)`, the
// tables the clause rules derive from a lexicon, built once per lexicon and shared by every
// document and thread (RecordsLexicon has no room for them; they are kept beside it, by identity).
import Foundation
import RiposteText
import RiposteNormalize

final class ClauseTables: @unchecked Sendable {
    /// Folded forms of the `aux-lemma` lemmas (records-rule-words.tsv): a token whose fold is not
    /// here has no auxiliary among its lemmas, so it needs no Inflections lookup to say so (its
    /// analyses come from its lower-case form or its fold, and both fold to a form listed here).
    let auxForms: FoldSet
    /// The affix lists of RecordsLexicon, with their bytes.
    let negSuffixes: AffixList
    let adverbSuffixes: AffixList
    let dismissStems: AffixList
    let violationStems: AffixList
    let victimStems: AffixList
    let victimPredicates: AffixList

    private init(_ lex: RecordsLexicon) {
        negSuffixes = AffixList(lex.negSuffixes)
        adverbSuffixes = AffixList(lex.adverbSuffixes)
        dismissStems = AffixList(lex.dismissStems)
        violationStems = AffixList(lex.violationStems)
        victimStems = AffixList(lex.victimStems)
        victimPredicates = AffixList(lex.victimPredicates)
        var forms = Set<String>()
        for l in lex.auxLemmas {
            for f in lex.inflections.forms(of: l) { forms.insert(Folding.fold(f)) }
        }
        auxForms = FoldSet(forms)
    }

    /// A plain mutex (NSLock costs more than the lookup it guards; every sentence asks).
    nonisolated(unsafe) private static let mutex: UnsafeMutablePointer<pthread_mutex_t> = {
        let m = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
        pthread_mutex_init(m, nil)
        return m
    }()
    /// The last lexicons seen and their tables. Held strongly, so that an identity here is never
    /// that of a freed lexicon (a weak reference would also slow every retain of the lexicon);
    /// the oldest gives way after a few, so that tests creating many lexicons do not keep them.
    nonisolated(unsafe) private static var lexicons: [RecordsLexicon] = []
    nonisolated(unsafe) private static var built: [ClauseTables] = []
    private static let kept = 8

    /// The tables of `lex`, built on first use.
    static func of(_ lex: RecordsLexicon) -> ClauseTables {
        let m = mutex
        pthread_mutex_lock(m)
        defer { pthread_mutex_unlock(m) }
        for i in lexicons.indices where lexicons[i] === lex { return built[i] }
        if lexicons.count >= kept {
            lexicons.removeFirst()
            built.removeFirst()
        }
        let t = ClauseTables(lex)
        lexicons.append(lex)
        built.append(t)
        return t
    }
}
