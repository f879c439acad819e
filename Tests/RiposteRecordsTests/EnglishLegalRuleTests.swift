// English case-law rules (EnglishLegalRule.swift), on sentences of the dev passages (Illinois
// appellate opinions, Caselaw Access Project, public domain; ECHR judgments, HUDOC), the expected
// cue marked: "⟦reversed⟧".
import Foundation
import Testing
import Riposte

private func analyze(_ marked: MarkedText) throws -> JSONDocument {
    try RecordsPipeline.analyze(marked.text, .en)
}

@Suite struct EnglishLegalRuleTests {
    @Test func firstAppealToThisCourtIsTheDefendantsAgainstTheState() throws {
        let m = MarkedText("On the defendant’s ⟦first appeal⟧ to this court, we ⟦reversed⟧ her conviction for theft, finding that the State had failed to prove beyond a reasonable doubt that the anhydrous ammonia found in her car belonged to Fruitbelt. The State appealed from the portion of our opinion vacating the defendant’s conviction.")
        let doc = try analyze(m)
        let f = try #require(doc.record("filing", cue: "appeal"))
        #expect(doc.party(f.source, is: "the defendant"))
        // The court an appeal goes to decides it; it is not the appellee.
        #expect(!f.targets.contains { doc.party($0, is: "this court") })
        let r = try #require(doc.record("ruling", cue: m.marked[1]))
        // Reversing a conviction rules against the prosecution that obtained it.
        #expect(r.targets.count == 1 && doc.party(r.targets.first, is: "the State"))
    }

    @Test func theFirstPersonCourtIsNamedAsTheTextNamesIt() throws {
        let m = MarkedText("We conclude that the defendant received effective assistance of counsel at the trial.\n\nFor the foregoing reasons, we ⟦affirm⟧ the defendant’s conviction for chemical breakdown of an illicit controlled substance.")
        let doc = try analyze(m)
        let r = try #require(doc.record("ruling", cue: m.marked[0]))
        // The opinion never says "this court": its fullest name in the text is "We".
        #expect(r.source.flatMap { doc.names[$0]?.first }?.lowercased() == "we")
        #expect(r.modality == "asserted")
    }

    @Test func thisAppealFollowedIsTheLastLosersAppeal() throws {
        let m = MarkedText("In rebuttal, the State entered a certified copy of defendant’s 2002 conviction for theft.\n\nAfter hearing all of the evidence, the jury found defendant guilty as charged. At a June 2004 hearing, the trial court sentenced defendant as stated. ⟦This appeal followed⟧.")
        let doc = try analyze(m)
        let f = try #require(doc.record("filing", cue: "appeal followed"))
        #expect(doc.party(f.source, is: "defendant"))
        #expect(f.targets.count == 1 && doc.party(f.targets.first, is: "the State"))
    }

    @Test func dismissedObjectionsRuleAgainstTheirAuthor() throws {
        let m = MarkedText("The applicants complained that they had been denied access to their property. In the principal judgment, the Court found the Republic of Armenia responsible for a breach of the applicants’ right to an effective remedy under Article 13 of the Convention (§§ 214-215).\n  Consequently, the issues raised by the Government are res judicata and will not be examined anew in the present judgment. The Government’s objections are therefore ⟦dismissed⟧.")
        let doc = try analyze(m)
        let r = try #require(doc.record("ruling", cue: "dismissed"))
        #expect(r.targets.count == 1 && doc.party(r.targets.first, is: "the Government"))
        #expect(!r.targets.contains { doc.party($0, is: "the applicants") })
    }
}
