import Testing
import Riposte

// A two-paragraph treebank in CoNLL-U (EWT style: "don't" is a multiword token).
let miniTreebank = """
# newdoc id = d1
# sent_id = 1
# newpar id = p1
# text = I don't know.
1\tI\tI\tPRON\t_\t_\t3\tnsubj\t_\t_
2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\t_
2\tdo\tdo\tAUX\t_\t_\t4\taux\t_\t_
3\tn't\tnot\tPART\t_\t_\t4\tadvmod\t_\t_
4\tknow\tknow\tVERB\t_\t_\t0\troot\t_\tSpaceAfter=No
5\t.\t.\tPUNCT\t_\t_\t4\tpunct\t_\t_

# sent_id = 2
# text = Mr. Smith came.
1\tMr.\tMr.\tPROPN\t_\t_\t2\tcompound\t_\t_
2\tSmith\tSmith\tPROPN\t_\t_\t3\tnsubj\t_\t_
3\tcame\tcome\tVERB\t_\t_\t0\troot\t_\tSpaceAfter=No
4\t.\t.\tPUNCT\t_\t_\t3\tpunct\t_\t_

# sent_id = 3
# newpar id = p2
# text = Thanks
1\tThanks\tthanks\tNOUN\t_\t_\t0\troot\t_\t_

"""

@Test func treebankReaderBuildsRawTextAndSurfaceTokens() {
    let tb = Treebank(conllu: miniTreebank)
    #expect(tb.sentences.map(\.tokens) == [["I", "don't", "know", "."], ["Mr.", "Smith", "came", "."], ["Thanks"]])
    #expect(tb.sentences.map(\.startsParagraph) == [true, false, true])
    #expect(tb.rawText == "I don't know. Mr. Smith came.\n\nThanks")
}

@Test func scorerCountsIdenticalSpans() throws {
    let tb = Treebank(conllu: miniTreebank)
    let score = try SegmentationScorer.score(tb, segmenter: Segmenter(language: .en, lexicons: Seg.store), keepErrors: 10)
    #expect(score.tokens.gold == 9 && score.tokens.correct == 9 && score.tokens.system == 9)
    #expect(score.sentences.gold == 3 && score.sentences.correct == 3)
    #expect(score.tokens.f1 == 1 && score.errors.isEmpty && score.characterMismatches == 0)

    // A gold file that splits "know." differently from us: one token wrong on each side.
    let other = Treebank(conllu: miniTreebank.replacingOccurrences(of: "4\tknow\tknow\tVERB\t_\t_\t0\troot\t_\tSpaceAfter=No\n5\t.", with: "4\tkno\tknow\tVERB\t_\t_\t0\troot\t_\tSpaceAfter=No\n5\tw."))
    let s2 = try SegmentationScorer.score(other, segmenter: Segmenter(language: .en, lexicons: Seg.store), keepErrors: 10)
    #expect(s2.tokens.correct == 7 && s2.tokens.gold == 9 && s2.tokens.system == 9)
    #expect(s2.errors.contains { $0.side == .goldOnly && $0.text == "kno" })
    #expect(s2.sentences.correct == 3)
}
