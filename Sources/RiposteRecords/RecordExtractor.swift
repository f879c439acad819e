import RiposteText
import RiposteSegment
import RiposteLexicon
import RiposteParties

/// Finds claim and response records. (First cut: to be replaced by the full extractor.)
public final class RecordExtractor {
    public let language: Language
    let lexicon: LanguageLexicon
    public init(language: Language, lexicon: LanguageLexicon) {
        self.language = language
        self.lexicon = lexicon
    }
    /// Returns the records and the party set, which extraction may extend (e.g. a source named
    /// only as "the Government").
    public func extract(_ text: SegmentedText, parties: PartySet) -> ([Record], PartySet) { ([], parties) }
}
