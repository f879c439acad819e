// English press register (wire copy): one pattern per test, on sentences written for these tests
// in the style of agency news (no article is copied), with the expected cue marked: "⟦sued⟧".
import Foundation
import Testing
import Riposte

private func analyze(_ marked: MarkedText) throws -> JSONDocument {
    try RecordsPipeline.analyze(marked.text, .en)
}

@Suite struct EnglishPressTests {
    @Test func suedAllegingIsAFilingAndAnAllegationAgainstTheSameParty() throws {
        let m = MarkedText("Northwind Logistics ⟦sued⟧ Harbor Freight Systems on Tuesday, ⟦alleging⟧ that the rival shipper stole trade secrets from its warehouse software.")
        let doc = try analyze(m)
        let f = try #require(doc.record("filing", cue: m.marked[0]))
        #expect(doc.party(f.source, is: "Northwind Logistics"))
        #expect(f.targets.count == 1 && doc.party(f.targets.first, is: "Harbor Freight Systems"))
        let a = try #require(doc.record("allegation", cue: m.marked[1]))
        #expect(doc.party(a.source, is: "Northwind Logistics"))
        // The content names "the rival shipper", not a party: the accused is the one sued.
        #expect(a.targets.count == 1 && doc.party(a.targets.first, is: "Harbor Freight Systems"))
        #expect(a.content?.hasPrefix("the rival shipper stole") == true)
    }

    @Test func accordingToTheComplaintIsTheFilersConditionalAllegation() throws {
        let m = MarkedText("Northwind Logistics sued Harbor Freight Systems on Tuesday. ⟦According to the complaint⟧, Harbor Freight Systems hired three engineers who copied thousands of files before leaving.")
        let doc = try analyze(m)
        let a = try #require(doc.record("allegation", cue: m.marked[0]))
        #expect(a.cue == m.marked[0])
        #expect(doc.party(a.source, is: "Northwind Logistics"))
        #expect(a.targets.count == 1 && doc.party(a.targets.first, is: "Harbor Freight Systems"))
        #expect(a.modality == "conditional" && a.channel == "complaint")
    }

    @Test func spokespersonCallingTheClaimsFalseDeniesForTheCompany() throws {
        let m = MarkedText("Lena Frost filed a lawsuit against Apex Records, accusing the label of withholding royalties. A spokesperson for Apex Records said the ⟦claims were false⟧.")
        let doc = try analyze(m)
        let d = try #require(doc.record("denial", cue: m.marked[0]))
        #expect(doc.party(d.onBehalfOf, is: "Apex Records"))
        #expect(!doc.party(d.source, is: "Lena Frost"))
        // It answers the accusation against the label, and so is directed at its author.
        #expect(!d.respondsTo.isEmpty)
        #expect(d.targets.count == 1 && doc.party(d.targets.first, is: "Lena Frost"))
    }

    @Test func accusingAfterAFilingTakesTheFilingsTarget() throws {
        let m = MarkedText("The singer Lena Frost filed a lawsuit against Apex Records in Los Angeles, ⟦accusing⟧ the label of withholding royalties for a decade.")
        let doc = try analyze(m)
        let a = try #require(doc.record("allegation", cue: m.marked[0]))
        #expect(doc.party(a.source, is: "Lena Frost"))
        #expect(a.targets.count == 1 && doc.party(a.targets.first, is: "Apex Records"))
        #expect(a.content?.hasPrefix("of withholding royalties") == true)
    }

    @Test func prosecutorsChargedXWith() throws {
        let m = MarkedText("Federal prosecutors ⟦charged John Keller with⟧ wire fraud and money laundering on Monday.")
        let doc = try analyze(m)
        let f = try #require(doc.record("filing", cue: "charged"))
        #expect(f.cue == m.marked[0])
        #expect(doc.party(f.source, is: "prosecutors") || doc.party(f.source, is: "Federal prosecutors"))
        #expect(f.targets.count == 1 && doc.party(f.targets.first, is: "John Keller"))
        #expect(f.content?.hasPrefix("wire fraud") == true)
    }

    @Test func deniedTheAllegationsInAStatementAnswersTheCharge() throws {
        let m = MarkedText("Federal prosecutors charged John Keller with wire fraud on Monday. Keller ⟦denied⟧ the allegations in a statement.")
        let doc = try analyze(m)
        let d = try #require(doc.record("denial", cue: m.marked[0]))
        #expect(doc.party(d.source, is: "John Keller"))
        #expect(d.channel == "statement")
        let f = try #require(doc.record("filing", cue: "charged"))
        #expect(d.respondsTo == [f.id])
    }

    @Test func didNotImmediatelyRespondIsNoComment() throws {
        let m = MarkedText("Harbor Freight Systems ⟦did not immediately respond⟧ to a request for comment.")
        let doc = try analyze(m)
        let r = try #require(doc.record("no_comment", cue: "respond"))
        #expect(r.cue == m.marked[0])
        #expect(doc.party(r.source, is: "Harbor Freight Systems"))
        // The negation is the act itself: the company did decline to answer.
        #expect(r.modality == "reported")
    }

    @Test func pleadedGuiltyNeedsNoEarlierAccusation() throws {
        let m = MarkedText("Daniel Ortiz ⟦pleaded guilty⟧ to insider trading charges in federal court in Manhattan. Ortiz ⟦admitted⟧ that he had traded on confidential information about the merger.")
        let doc = try analyze(m)
        let p = try #require(doc.record("admission", cue: m.marked[0]))
        #expect(p.cue == m.marked[0] && doc.party(p.source, is: "Daniel Ortiz"))
        let a = try #require(doc.record("admission", cue: m.marked[1]))
        #expect(doc.party(a.source, is: "Daniel Ortiz"))
        #expect(a.content?.hasPrefix("he had traded") == true)
    }

    @Test func regrettedButRefusedToApologizeIsTwoApologiesOneNegated() throws {
        let m = MarkedText("Coastal Energy said it ⟦regretted⟧ the harm caused to residents but refused ⟦to apologize⟧ for its safety record.")
        let doc = try analyze(m)
        let r = try #require(doc.record("apology", cue: m.marked[0]))
        #expect(r.modality == "reported" && r.content == "the harm caused to residents")
        let n = try #require(doc.records.first { $0.type == "apology" && $0.cue.contains("apologize") })
        #expect(n.modality == "negated" && doc.party(n.source, is: "Coastal Energy"))
    }

    @Test func threatenedToSueIsAHypotheticalFiling() throws {
        let m = MarkedText("Residents threatened ⟦to sue⟧ the state over the cleanup.")
        let doc = try analyze(m)
        let f = try #require(doc.record("filing", cue: "sue"))
        #expect(f.modality == "hypothetical")
        #expect(doc.party(f.source, is: "Residents"))
        #expect(f.targets.count == 1 && doc.party(f.targets.first, is: "the state"))
    }

    @Test func didNotDenyIsANegatedDenial() throws {
        let m = MarkedText("Daniel Ortiz was charged with insider trading. He ⟦did not deny⟧ taking the money.")
        let doc = try analyze(m)
        let d = try #require(doc.record("denial", cue: "deny"))
        #expect(d.cue == m.marked[0] && d.modality == "negated")
        #expect(doc.party(d.source, is: "Daniel Ortiz"))
    }

    @Test func isAllegedToHaveIsAConditionalAllegationAgainstTheSubject() throws {
        let m = MarkedText("Its chief executive, Anna Berg, ⟦is alleged to⟧ have ordered engineers to delete test results.")
        let doc = try analyze(m)
        let a = try #require(doc.record("allegation", cue: "alleged"))
        #expect(a.cue == m.marked[0] && a.modality == "conditional")
        #expect(a.targets.count == 1 && doc.party(a.targets.first, is: "Anna Berg"))
    }

    @Test func agreedToPayToSettleIsAnOffer() throws {
        let m = MarkedText("Regulators accused Meridian Bank of misleading customers. Meridian Bank ⟦agreed to pay⟧ $25 million to settle the allegations.")
        let doc = try analyze(m)
        let o = try #require(doc.record("offer", cue: m.marked[0]))
        #expect(doc.party(o.source, is: "Meridian Bank"))
        #expect(o.content?.hasPrefix("$25 million") == true)
    }

    @Test func aJudgeRuledAndAJuryFoundLiable() throws {
        let m = MarkedText("A jury ⟦found Coastal Energy liable⟧ for the pipeline spill on Thursday. The judge ⟦ruled⟧ that the company must pay $10 million.")
        let doc = try analyze(m)
        let j = try #require(doc.record("ruling", cue: m.marked[0]))
        #expect(j.targets.count == 1 && doc.party(j.targets.first, is: "Coastal Energy"))
        let r = try #require(doc.record("ruling", cue: m.marked[1]))
        #expect(r.content == "the company must pay $10 million")
    }

    @Test func toldReutersIsTheChannel() throws {
        let m = MarkedText("Ridgeline Motors was accused of hiding defects. Anna Berg ⟦denied⟧ the accusations, she told Reuters.")
        let doc = try analyze(m)
        let d = try #require(doc.record("denial", cue: m.marked[0]))
        #expect(d.channel == "Reuters")
    }

    @Test func apologizedInAPostOnX() throws {
        let m = MarkedText("Regulators accused Meridian Bank of overcharging customers. In a post on X, Meridian Bank ⟦apologized⟧ for the errors.")
        let doc = try analyze(m)
        let a = try #require(doc.record("apology", cue: m.marked[0]))
        #expect(doc.party(a.source, is: "Meridian Bank") && a.channel == "X")
        #expect(a.content == "for the errors")
    }
    @Test func suedClaimingIsAnAllegationByThePlaintiffs() throws {
        let m = MarkedText("Three former employees have sued Vantage Airlines, ⟦claiming⟧ they were fired after reporting safety violations. Vantage Airlines said the ⟦allegations were untrue⟧ and that the employees were dismissed for unrelated reasons.")
        let doc = try analyze(m)
        let a = try #require(doc.record("allegation", cue: m.marked[0]))
        #expect(a.targets.count == 1 && doc.party(a.targets.first, is: "Vantage Airlines"))
        #expect(a.content == "they were fired after reporting safety violations")
        let d = try #require(doc.record("denial", cue: m.marked[1]))
        #expect(doc.party(d.source, is: "Vantage Airlines") && d.respondsTo == [a.id])
    }

    @Test func lawsuitsAccusingAreNotTheSubjectsAct() throws {
        let m = MarkedText("Oakmont Pharmaceuticals has agreed to pay $1.2 billion to resolve thousands of lawsuits ⟦accusing⟧ the drugmaker of fueling the opioid crisis. The company ⟦admitted⟧ no wrongdoing.")
        let doc = try analyze(m)
        let a = try #require(doc.record("allegation", cue: m.marked[0]))
        // The drugmaker is accused by the lawsuits, not accusing.
        #expect(!doc.party(a.source, is: "Oakmont Pharmaceuticals"))
        #expect(a.targets.count == 1 && doc.party(a.targets.first, is: "Oakmont Pharmaceuticals"))
        let n = try #require(doc.record("admission", cue: m.marked[1]))
        #expect(n.modality == "negated" && doc.party(n.source, is: "Oakmont Pharmaceuticals"))
    }

    @Test func representativesDidNotReturnMessagesSpeakForTheStar() throws {
        let m = MarkedText("Pop star Rina Vale apologized on Instagram on Monday after a video showed her mocking a fan. Her representatives ⟦did not immediately return messages⟧ seeking comment.")
        let doc = try analyze(m)
        let r = try #require(doc.record("no_comment", cue: "return"))
        #expect(r.cue == m.marked[0] && r.modality == "reported")
        #expect(doc.party(r.onBehalfOf, is: "Rina Vale"))
    }
    @Test func theUniversityIsTheNamedUniversity() throws {
        let m = MarkedText("Greenfield University has been sued by a former professor. The university ⟦declined to comment⟧ on pending litigation.")
        let doc = try analyze(m)
        let r = try #require(doc.record("no_comment", cue: m.marked[0]))
        #expect(doc.party(r.source, is: "Greenfield University"))
        #expect(r.modality == "reported")
    }
    @Test func aQuotedDenialIsTheAttributedSpeakers() throws {
        let m = MarkedText("Apex Records was accused of fraud. \"We ⟦categorically deny⟧ these allegations,\" the company said in a statement.")
        let doc = try analyze(m)
        let d = try #require(doc.record("denial", cue: "deny"))
        #expect(d.cue == m.marked[0])
        #expect(doc.party(d.source, is: "Apex Records") && d.channel == "statement")
        // The content stays inside the quotation.
        #expect(d.content == "these allegations")
        #expect(!d.respondsTo.isEmpty)
    }

    @Test func quotedWithoutMeritSaidBySpokesman() throws {
        let m = MarkedText("Apex Records was sued by Lena Frost. \"The lawsuit ⟦is without merit⟧,\" said Tom Reyes, a spokesman for Apex Records.")
        let doc = try analyze(m)
        let d = try #require(doc.record("denial", cue: "without merit"))
        #expect(doc.party(d.source, is: "Tom Reyes") && doc.party(d.onBehalfOf, is: "Apex Records"))
        #expect(d.content == "The lawsuit is without merit")
    }

    @Test func quotedSorryWithTheWriterAfterIt() throws {
        let m = MarkedText("Rina Vale was accused of mocking a fan. \"I am ⟦deeply sorry⟧,\" she wrote on Instagram.")
        let doc = try analyze(m)
        let a = try #require(doc.record("apology", cue: "sorry"))
        #expect(doc.party(a.source, is: "Rina Vale") && a.channel == "Instagram")
    }
    @Test func thePassiveAgentAfterByIsTheAccuser() throws {
        let m = MarkedText("Former coach Derek Hale ⟦was accused⟧ of verbal abuse by two former players. He ⟦denied⟧ the accusations on Thursday.")
        let doc = try analyze(m)
        let a = try #require(doc.record("allegation", cue: "accused"))
        #expect(a.cue == m.marked[0])
        #expect(doc.party(a.source, is: "two former players"))
        #expect(a.content == "of verbal abuse")
        #expect(a.targets.count == 1 && doc.party(a.targets.first, is: "Derek Hale"))
        // "He" is the coach, and his denial answers the players.
        let d = try #require(doc.record("denial", cue: m.marked[1]))
        #expect(doc.party(d.source, is: "Derek Hale") && d.respondsTo == [a.id])
        #expect(d.targets.count == 1 && doc.party(d.targets.first, is: "two former players"))
    }
    @Test func theLawyerNamedInAppositionSpeaksForTheClient() throws {
        for text in ["Derek Hale was accused of abuse. Hale's lawyer, Nina Cole, ⟦denied⟧ the allegations.",
                     "Derek Hale was accused of abuse. His lawyer, Nina Cole, ⟦denied⟧ the allegations."] {
            let m = MarkedText(text)
            let doc = try analyze(m)
            let d = try #require(doc.record("denial", cue: m.marked[0]))
            #expect(doc.party(d.source, is: "Nina Cole"))
            #expect(doc.party(d.onBehalfOf, is: "Derek Hale"))
            #expect(d.respondsTo.count == 1)
        }
    }
}
