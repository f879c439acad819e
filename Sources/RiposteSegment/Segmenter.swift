import RiposteText
import RiposteNormalize
import RiposteLexicon
import RiposteICU

/// Normalised text cut into tokens and sentences, with the way back to the original.
public struct SegmentedText: Sendable {
    public let language: Language
    public let original: [UInt8]
    public let normalized: NormalizedText
    public let tokens: [Token]
    public let sentences: [Sentence]
    public var text: [UInt8] { normalized.bytes }

    /// The original byte span of a normalised span.
    public func originalSpan(_ s: ByteSpan) -> ByteSpan { normalized.map.original(s) }
    /// The original characters of a normalised span.
    public func originalString(_ s: ByteSpan) -> String { original.string(originalSpan(s)) }
    /// The normalised characters of a span.
    public func string(_ s: ByteSpan) -> String { normalized.bytes.string(s) }
}

/// Normalise → tokenise (ICU word segments + rules) → split into sentences (ICU's sentence
/// boundaries after terminators, accepted or vetoed by rules). One instance per thread: it owns
/// ICU break iterators.
public final class Segmenter {
    public let language: Language
    private let tokenizer: Tokenizer
    private let splitter: SentenceSplitter
    private let sentenceBreaks: BreakIterator
    public var normalization = NormalizationOptions()

    public init(language: Language, lexicons: LexiconStore) throws {
        self.language = language
        let data = SegmenterData(language: language, lexicon: lexicons[language])
        tokenizer = try Tokenizer(data: data)
        splitter = SentenceSplitter(data: data, lexicon: lexicons[language])
        sentenceBreaks = try BreakIterator(kind: .sentence, locale: language.rawValue)
    }

    /// Segments valid UTF-8 text.
    public func segment(_ original: [UInt8]) throws -> SegmentedText {
        let norm = Normalizer.normalize(original, options: normalization)
        var tokens = try tokenizer.tokenize(norm.bytes)
        var candidates: [Int] = []
        try norm.bytes.withUnsafeBufferPointer { try sentenceBreaks.appendTerminatorBoundaries($0, to: &candidates) }
        let sentences = splitter.split(norm.bytes, &tokens, candidates: candidates)
        return SegmentedText(language: language, original: original, normalized: norm, tokens: tokens, sentences: sentences)
    }
}
