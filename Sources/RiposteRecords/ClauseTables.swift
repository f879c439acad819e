// Requires: RecordsLexicon (its inflections and rule lists). Provides: ClauseTables, the tables the
// clause rules derive from a lexicon, built once with it (`RecordsLexicon.clauseTables`) and
// shared by every document and thread.
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

    /// Built by RecordsLexicon at the end of its initialiser (it reads the lexicon's lists).
    init(_ lex: RecordsLexicon) {
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
}
