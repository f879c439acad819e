import RiposteText
import RiposteNormalize
import RiposteSegment
import RiposteLexicon
import RiposteParties

/// Finds claim and response records: cue patterns (Lexicons/<lang>/cues.tsv) matched per token
/// by hash lookup; only sentences holding a cue get the clause analysis (noun phrases, subject,
/// object, content, modality). Then attribution carried across sentences, then responds_to links.
public final class RecordExtractor {
    public let language: Language
    let lexicon: LanguageLexicon
    let lex: RecordsLexicon
    /// What party names come to (key words, key, role), kept across documents: a corpus names
    /// the same parties again and again. An extractor serves one thread at a time (one
    /// Pipeline per thread), so the memo needs no lock.
    private let names = PartyBook.NameKeys()

    public init(language: Language, lexicon: LanguageLexicon) {
        self.language = language
        self.lexicon = lexicon
        lex = RecordsLexicon(lexicon: lexicon)
    }

    /// Returns the records and the party set, which extraction may extend (e.g. a source named
    /// only as "the Government").
    public func extract(_ text: SegmentedText, parties: PartySet) -> ([Record], PartySet) {
        let run = DocumentRun(text: text, parties: parties, lex: lex, names: names)
        run.run()
        var records = run.records
        let french = language == .fr ? FrenchRecordRules(run: run, lexicon: lexicon) : nil
        french?.beforeLinking(&records)
        var book = run.book
        Linker(lex: lex, text: text, legal: run.legal).link(&records, book: &book, adversary: run.adversary)
        french?.afterLinking(&records, book: book)
        return (records, book.set)
    }
}
