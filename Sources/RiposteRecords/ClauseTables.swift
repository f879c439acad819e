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

    private struct Entry {
        weak var lex: RecordsLexicon?
        let tables: ClauseTables
    }
    private static let lock = NSLock()
    nonisolated(unsafe) private static var entries: [Entry] = []

    /// The tables of `lex`, built on first use.
    static func of(_ lex: RecordsLexicon) -> ClauseTables {
        lock.lock()
        defer { lock.unlock() }
        for e in entries where e.lex === lex { return e.tables }
        entries.removeAll { $0.lex == nil }
        let t = ClauseTables(lex)
        entries.append(Entry(lex: lex, tables: t))
        return t
    }
}
