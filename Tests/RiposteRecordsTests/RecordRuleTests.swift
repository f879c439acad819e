// One rule per test, on short real sentences (the seed article and the gold dev passages), with
// the expected cue marked in the text: "… a ⟦fermement nié⟧ …".
import Foundation
import Testing
import Riposte

private func analyze(_ marked: MarkedText, _ l: Language) throws -> JSONDocument {
    try RecordsPipeline.analyze(marked.text, l)
}

@Suite struct FrenchRuleTests {
    @Test func denialBySpokespersonSpeaksForTheOrganisation() throws {
        let m = MarkedText("Scale AI a déposé une plainte contre son concurrent Mercor. Face aux accusations, Surya Midha, cofondateur de Mercor, ⟦a fermement nié⟧ tout usage frauduleux des données provenant de Scale.")
        let doc = try analyze(m, .fr)
        let r = try #require(doc.record("denial", cue: m.marked[0]))
        #expect(r.cue == m.marked[0])
        #expect(doc.party(r.source, is: "Surya Midha"))
        #expect(doc.party(r.onBehalfOf, is: "Mercor"))
        #expect(r.modality == "reported")
        #expect(r.evidence.contains("fr.denial.nier"))
    }

    @Test func accusingCliticTakesTheFilingsTargets() throws {
        let m = MarkedText("Cette semaine, Scale AI a déposé une plainte contre son ancien responsable commercial Eugene Ling et contre son concurrent Mercor, ⟦les accusant⟧ d’avoir tenté de s’approprier des informations stratégiques sensibles.")
        let doc = try analyze(m, .fr)
        let r = try #require(doc.record("allegation", cue: m.marked[0]))
        #expect(r.cue == m.marked[0])
        #expect(doc.party(r.source, is: "Scale AI"))
        #expect(doc.partyNames(r.targets).count == 2)
        #expect(r.content?.hasPrefix("d’avoir tenté") == true)
    }

    @Test func selonLaPlainteIsTheFilersConditionalAllegationAndCarriesOver() throws {
        let m = MarkedText("Scale AI a déposé une plainte contre Eugene Ling. ⟦Selon la plainte⟧, Eugene Ling aurait emporté avec lui plus de 100 documents internes de Scale. Ces fichiers ⟦auraient été stockés⟧ dans un compte Google Drive personnel.")
        let doc = try analyze(m, .fr)
        let selon = try #require(doc.record("allegation", cue: m.marked[0]))
        #expect(selon.cue == m.marked[0] && selon.modality == "conditional" && selon.channel == "plainte")
        #expect(doc.party(selon.source, is: "Scale AI") && selon.targets.count == 1 && doc.party(selon.targets[0], is: "Eugene Ling"))
        let carried = try #require(doc.record("allegation", cue: m.marked[1]))
        #expect(carried.cue == m.marked[1] && carried.modality == "conditional")
        #expect(doc.party(carried.source, is: "Scale AI") && carried.targets.count == 1 && doc.party(carried.targets[0], is: "Eugene Ling"))
        // Google Drive is a product, not the accused.
        #expect(!carried.targets.contains { doc.party($0, is: "Google Drive") })
    }

    @Test func noCommentFromANegatedCue() throws {
        let m = MarkedText("Les ministères des Affaires étrangères et de la Défense ⟦n'ont pas fait de commentaire⟧.")
        let doc = try analyze(m, .fr)
        let r = try #require(doc.record("no_comment", cue: "commentaire"))
        #expect(r.cue == m.marked[0])
        // The negation is the cue itself: the act (declining) did happen.
        #expect(r.modality == "reported")
    }

    @Test func negatedAccusationKeepsItsType() throws {
        let m = MarkedText("Bien qu'il ⟦ne porte aucune accusation⟧, le reportage a été suffisant pour convaincre la veuve.")
        let doc = try analyze(m, .fr)
        let r = try #require(doc.record("allegation", cue: "accusation"))
        #expect(r.cue == m.marked[0])
        #expect(r.modality == "negated")
    }

    @Test func hypotheticalFiling() throws {
        let m = MarkedText("Les journalistes de France 24 sont maintenant en sécurité, a indiqué leur direction. Ils ⟦vont déposer une plainte⟧ contre X.")
        let doc = try analyze(m, .fr)
        let r = try #require(doc.record("filing", cue: "plainte"))
        #expect(r.cue == m.marked[0])
        #expect(r.modality == "hypothetical")
    }

    @Test func listItemsOfACourtAreItsRulings() throws {
        let m = MarkedText("Par ordonnance du 04/04/2016, le tribunal de grande instance de Bonneville :\n\n- ⟦s'est déclaré compétent⟧ pour interpréter les traités internationaux en vigueur,\n\n- ⟦a débouté⟧ l'association Direction aux Affaires Savoisiennes de sa demande de transmission d'une question préjudicielle au Conseil d'Etat,\n")
        let doc = try analyze(m, .fr)
        let declared = try #require(doc.record("ruling", cue: "déclaré"))
        #expect(declared.cue == m.marked[0])
        #expect(doc.party(declared.source, is: "le tribunal de grande instance de Bonneville"))
        let dismissed = try #require(doc.record("ruling", cue: "débouté"))
        #expect(dismissed.cue == m.marked[1])
        #expect(dismissed.targets.count == 1 && doc.party(dismissed.targets[0], is: "Direction aux Affaires Savoisiennes"))
    }

    @Test func operativePartOfAFrenchDecision() throws {
        let m = MarkedText("PAR CES MOTIFS\n\nLa Cour, statuant publiquement et contradictoirement,\n\n⟦Confirme⟧ le jugement déféré en toutes ses dispositions,\n\n⟦Condamne⟧ l'association Direction aux Affaires Savoisiennes aux dépens d'appel.")
        let doc = try analyze(m, .fr)
        for (i, cue) in m.marked.enumerated() {
            let r = try #require(doc.record("ruling", cue: cue), "\(i)")
            #expect(r.cue == cue && r.modality == "asserted")
            #expect(doc.party(r.source, is: "La Cour"))
        }
    }
}

@Suite struct EnglishRuleTests {
    @Test func filingAgainstDefendants() throws {
        let m = MarkedText("Plaintiffs ⟦filed their initial complaint⟧, as a putative class action, against defendants in February 2002, alleging violations of the Illinois Consumer Fraud and Deceptive Business Practices Act and common law fraud.")
        let doc = try analyze(m, .en)
        let r = try #require(doc.record("filing", cue: "complaint"))
        #expect(r.cue == m.marked[0])
        #expect(doc.party(r.source, is: "Plaintiffs"))
        #expect(r.targets.count == 1 && doc.party(r.targets[0], is: "defendants"))
        // The participle clause is the plaintiffs' allegation against the same defendants.
        let alleging = try #require(doc.record("allegation", cue: "alleging"))
        #expect(doc.party(alleging.source, is: "Plaintiffs"))
        // A statute is not a party.
        #expect(!alleging.targets.contains { doc.party($0, is: "Illinois Consumer Fraud and Deceptive Business Practices Act") })
    }

    @Test func aCourtDenyingAMotionRules() throws {
        let m = MarkedText("The court ⟦denied⟧ the defendant’s motion to dismiss or, alternatively, to compel arbitration and the defendant’s motions to strike.")
        let doc = try analyze(m, .en)
        #expect(doc.record("denial", cue: "denied") == nil)
        let r = try #require(doc.record("ruling", cue: "denied"))
        #expect(r.cue == m.marked[0])
        #expect(doc.party(r.source, is: "The court"))
        #expect(r.targets.count == 1 && doc.party(r.targets[0], is: "the defendant"))
    }

    @Test func doesNotDisputeIsAnAdmission() throws {
        let m = MarkedText("The applicant ⟦did not dispute⟧ that the courts had reviewed the lawfulness of the initial decision to place her in the institution.")
        let doc = try analyze(m, .en)
        let r = try #require(doc.record("admission", cue: "dispute"))
        #expect(r.cue == m.marked[0])
        #expect(r.modality == "reported")
        #expect(doc.record("denial", cue: "dispute") == nil)
    }

    @Test func contestedThatArgumentAnswersTheComplaints() throws {
        let m = MarkedText("The applicants ⟦complained⟧ under Article 3 of the Convention that the manner in which the bodies of their relatives had been exhibited at the military base constituted inhuman and degrading treatment. They ⟦also complained⟧ that the prosecutor had not investigated this particular complaint.\n  151.  The Government ⟦contested⟧ that argument.")
        let doc = try analyze(m, .en)
        let complaints = doc.records.filter { $0.type == "filing" }
        #expect(complaints.map(\.cue) == [m.marked[0], m.marked[1]])
        for c in complaints { #expect(c.targets.count == 1 && doc.party(c.targets[0], is: "the Government")) }
        let denial = try #require(doc.record("denial", cue: m.marked[2]))
        #expect(doc.party(denial.source, is: "The Government"))
        #expect(Set(denial.respondsTo) == Set(complaints.map(\.id)))
        #expect(denial.targets.count == 1 && doc.party(denial.targets[0], is: "the applicants"))
    }

    @Test func operativePartHoldsAgainstTheRespondentState() throws {
        let m = MarkedText("FOR THESE REASONS, THE COURT, UNANIMOUSLY,\n1.  ⟦Declares⟧ the application admissible;\n\n2.  ⟦Holds⟧ that there has been a violation of Article 2 of the Convention in its substantive aspect;\n\n3.  ⟦Holds⟧ that there has been no violation of Article 3 of the Convention;\n\n4.  Holds\n(a)  that the respondent State is to pay the applicants, within three months, the following amounts;")
        let doc = try analyze(m, .en)
        let rulings = doc.records.filter { $0.type == "ruling" }
        #expect(Array(rulings.map(\.cue).prefix(3)) == m.marked)
        for r in rulings {
            #expect(doc.party(r.source, is: "THE COURT") && r.modality == "asserted", "\(r.cue)")
        }
        // A violation is against the State; "no violation" goes against the applicants.
        #expect(rulings.count >= 3 && doc.party(rulings[1].targets.first, is: "the respondent State"))
        #expect(rulings.count >= 3 && doc.party(rulings[2].targets.first, is: "the applicants"))
        // One ruling per item: "there has been" inside "Holds that …" is not a second one.
        #expect(rulings.count == 4)
    }

    @Test func weAffirmIsTheCourtsOwnRuling() throws {
        let m = MarkedText("Defendant appeals, asserting he is entitled to a new trial because of the admission of prejudicial other-crimes evidence. We ⟦affirm⟧.")
        let doc = try analyze(m, .en)
        let r = try #require(doc.record("ruling", cue: "affirm"))
        #expect(r.cue == m.marked[0] && r.modality == "asserted")
        let appeal = try #require(doc.record("filing", cue: "appeals"))
        #expect(doc.party(appeal.source, is: "Defendant"))
        #expect(r.targets == [appeal.source!])
    }

    @Test func didNotRespondIsNoComment() throws {
        let m = MarkedText("After the plaintiffs filed their complaint, the defendant made a demand for arbitration, but the plaintiffs ⟦did not respond⟧.")
        let doc = try analyze(m, .en)
        let r = try #require(doc.record("no_comment", cue: "respond"))
        #expect(r.cue == m.marked[0])
        #expect(doc.party(r.source, is: "the plaintiffs"))
    }

    @Test func nounsAreNotCues() throws {
        // "On appeal", "to appeal", "as charged", "the respondent State": nouns and infinitives.
        let doc = try RecordsPipeline.analyze("After a May 2004 trial, a jury found defendant guilty as charged. On appeal, the State relied on the evidence. He had no right to appeal to any court.", .en)
        #expect(!doc.records.contains { $0.type == "filing" }, "\(doc.records.map(\.cue))")
    }
}
