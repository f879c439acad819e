import Testing
import Riposte

/// Scores the segmenter on the three UD dev treebanks in Corpora/ud (CoNLL 2018 scoring) and fails
/// when a score drops below the level reached. Raise the floors when the segmenter improves.
struct RatchetCase: Sendable, CustomStringConvertible {
    let file: String
    let language: Language
    let tokensF1: Double
    let sentencesF1: Double
    var description: String { file }
}

let ratchet: [RatchetCase] = [
    RatchetCase(file: "ud/fr_gsd-ud-dev.conllu", language: .fr, tokensF1: 99.91, sentencesF1: 97.45),
    RatchetCase(file: "ud/fr_sequoia-ud-dev.conllu", language: .fr, tokensF1: 99.84, sentencesF1: 90.1),
    RatchetCase(file: "ud/en_ewt-ud-dev.conllu", language: .en, tokensF1: 99.65, sentencesF1: 89.75),
]

@Test(arguments: ratchet)
func treebankScoresDoNotDrop(_ c: RatchetCase) throws {
    let conllu = try #require(Seg.corpus(c.file), "missing Corpora/\(c.file)")
    let score = try SegmentationScorer.score(Treebank(conllu: conllu), segmenter: Segmenter(language: c.language, lexicons: Seg.store))
    #expect(score.characterMismatches == 0)
    #expect(score.tokens.f1 * 100 >= c.tokensF1, "tokens F1 \(score.tokens.f1 * 100) < \(c.tokensF1)")
    #expect(score.sentences.f1 * 100 >= c.sentencesF1, "sentences F1 \(score.sentences.f1 * 100) < \(c.sentencesF1)")
}
