import RiposteText
import RiposteSegment
import RiposteLexicon

/// Finds the parties of a document. (First cut: to be replaced by the full recogniser.)
public final class PartyRecognizer {
    public let language: Language
    let lexicon: LanguageLexicon
    public init(language: Language, lexicon: LanguageLexicon) {
        self.language = language
        self.lexicon = lexicon
    }
    public func recognize(_ text: SegmentedText) -> PartySet { PartySet() }
}
