// FrenchRecordRules and the French cues they rely on, one rule per test, on real sentences from
// the dev passages (fr.wikinews.org, CC BY 2.5; Judilibre decisions of the cour d'appel de
// Chambéry, open data), with the expected cue marked: "… le parquet général ⟦a requis la
// confirmation⟧ …".
import Foundation
import Testing
import Riposte

private func analyze(_ marked: MarkedText) throws -> JSONDocument {
    try RecordsPipeline.analyze(marked.text, .fr)
}

/// The claims of the Judilibre passage judilibre-ca-chambery-3: a party's requests to the court.
private let conclusions = """
Aux termes de ses conclusions en date du 22 juin 2020, auxquelles il est expressément renvoyé pour l'exposé des moyens, l'association Direction aux Affaires Savoisiennes demande à la cour de :

⟦Infirmer⟧ le jugement de première instance rendu par le tribunal de grande instance de Bonneville le 3 juin 2019 en ce qu'il a prononcé la dissolution de l'association Direction aux Affaires Savoisiennes et condamné cette dernière aux dépens,

⟦Dire et juger⟧ le Procureur de la République mal fondé dans ses demandes,

En conséquence ⟦le débouter⟧ de sa demande de dissolution,

Aux termes de ses réquisitions en date du 29 novembre 2021, le parquet général ⟦a requis la confirmation⟧ du jugement déféré.
"""

@Suite struct FrenchRecordRulesTests {
    @Test func attributionOfAFactIsNoAllegation() throws {
        let m = MarkedText("⟦D'après⟧ le ministère de l'Intérieur, les actes et menaces antisémites ont augmenté de 46 % entre janvier et juillet 2012.")
        let doc = try analyze(m)
        #expect(doc.record("allegation", cue: m.marked[0]) == nil)
    }

    @Test func attributionNamingTheAccusedStays() throws {
        let m = MarkedText("Scale AI a déposé une plainte contre Eugene Ling. ⟦Selon la plainte⟧, Eugene Ling aurait emporté avec lui plus de 100 documents internes.")
        let doc = try analyze(m)
        let r = try #require(doc.record("allegation", cue: m.marked[0]))
        #expect(doc.party(r.source, is: "Scale AI"))
        #expect(r.targets.count == 1 && doc.party(r.targets.first, is: "Eugene Ling"))
    }

    @Test func requestCallingTheOtherSideIllFoundedIsADenial() throws {
        let m = MarkedText(conclusions)
        let doc = try analyze(m)
        let dire = try #require(doc.record("denial", cue: m.marked[1]))
        #expect(dire.cue == m.marked[1])
        #expect(doc.party(dire.source, is: "Direction aux Affaires Savoisiennes"))
        #expect(dire.targets.count == 1 && doc.party(dire.targets.first, is: "Procureur de la République"))
        #expect(doc.record("filing", cue: m.marked[1]) == nil)
    }

    @Test func requestsOfOneListShareTheAdversary() throws {
        let m = MarkedText(conclusions)
        let doc = try analyze(m)
        let infirmer = try #require(doc.record("filing", cue: m.marked[0]))
        #expect(infirmer.targets.count == 1 && doc.party(infirmer.targets.first, is: "Procureur de la République"))
        let debouter = try #require(doc.record("denial", cue: m.marked[2]))
        #expect(debouter.targets.count == 1 && doc.party(debouter.targets.first, is: "Procureur de la République"))
    }

    @Test func prosecutionAskingConfirmationAnswersTheAppeal() throws {
        let m = MarkedText(conclusions)
        let doc = try analyze(m)
        let requis = try #require(doc.record("denial", cue: m.marked[3]))
        #expect(requis.cue == m.marked[3])
        #expect(doc.party(requis.source, is: "parquet général"))
        #expect(requis.targets.count == 1 && doc.party(requis.targets.first, is: "Direction aux Affaires Savoisiennes"))
        let infirmer = try #require(doc.record("filing", cue: m.marked[0]))
        #expect(requis.respondsTo == [infirmer.id])
    }

    /// judilibre-ca-chambery-4: the court rejects the appellant's reading, confirms the judgment
    /// (after a relative clause holding a ruling of its own) and puts the costs on the association.
    @Test func appealConfirmedAgainstTheAppellant() throws {
        let m = MarkedText("""
        Il sera ajouté que ⟦contrairement à ce que soutient⟧ l'appelante l'article 3 du la loi du 19 juillet 1901 n'implique pas que l'ensemble des motifs visés par ce dernier soient cumulatifs.

        Le jugement qui ⟦a ordonné⟧ la dissolution de l'association Direction aux Affaires Savoisiennes, ⟦sera confirmé⟧.

        PAR CES MOTIFS

        La Cour, statuant publiquement et contradictoirement,

        ⟦Confirme⟧ le jugement déféré en toutes ses dispositions,

        Y ajoutant,

        Condamne l'association Direction aux Affaires Savoisiennes aux dépens d'appel.
        """)
        let doc = try analyze(m)
        let appellant = "Direction aux Affaires Savoisiennes"
        let contrary = try #require(doc.record("ruling", cue: "contrairement"))
        #expect(contrary.cue == m.marked[0])
        #expect(doc.party(contrary.source, is: "Cour"))
        #expect(contrary.targets.count == 1 && doc.party(contrary.targets.first, is: appellant))
        let submission = try #require(doc.record("denial", cue: "soutient"))
        #expect(doc.party(submission.source, is: appellant))
        #expect(doc.record("ruling", cue: m.marked[1]) != nil)
        let confirmed = try #require(doc.record("ruling", cue: "confirmé"))
        #expect(confirmed.cue.hasSuffix(m.marked[2]))
        #expect(confirmed.targets.count == 1 && doc.party(confirmed.targets.first, is: appellant))
        let confirme = try #require(doc.record("ruling", cue: m.marked[3]))
        #expect(confirme.targets.count == 1 && doc.party(confirme.targets.first, is: appellant))
    }

    /// wikinews-fr-44374: a spokeswoman qualifies the prosecution's figures.
    @Test func nuancingAnswersTheClaimsOfThePartyItNames() throws {
        let m = MarkedText("""
        Le Parquet fédéral ⟦annonce⟧ que des hackers ont volé près de 3 millions d'euros par le truchement de banques électroniques.

        Pour terminer, la porte-parole de la fédération ⟦a nuancé⟧ les chiffres du parquet.
        """)
        let doc = try analyze(m)
        let claim = try #require(doc.record("allegation", cue: m.marked[0]))
        let nuance = try #require(doc.record("denial", cue: m.marked[1]))
        #expect(nuance.respondsTo == [claim.id])
        #expect(nuance.targets == [claim.source].compactMap { $0 })
    }

    /// judilibre-ca-chambery-3: the association asks that the State pay it; it is not condemned.
    @Test func partyPaidIsNoTargetOfTheOrder() throws {
        let m = MarkedText("""
        L'association Direction aux Affaires Savoisiennes demande à la cour de :

        ⟦Condamner⟧ l'Etat Français, représenté par M. le Procureur Général, à payer à l'association une somme de 2 500 euros au titre de l'article 700 du code de procédure civile ainsi qu'aux entiers dépens.
        """)
        let doc = try analyze(m)
        let r = try #require(doc.record("filing", cue: m.marked[0]))
        #expect(r.targets.count == 1 && doc.party(r.targets.first, is: "Etat Français"))
    }

    /// wikinews-fr-44510: the report's adjective names the state it accuses.
    @Test func adjectiveOfNationalityNamesTheAccusedState() throws {
        let m = MarkedText("""
        Syrie : Human Rights Watch dénonce les actes de torture

        3 juillet 2012. - L'ONG Human Rights Watch vient de publier un rapport dans lequel elle ⟦dévoile⟧ que l'usage de la torture est systématique dans les prisons syriennes à l'encontre des opposants au pouvoir.
        """)
        let doc = try analyze(m)
        let r = try #require(doc.record("allegation", cue: m.marked[0]))
        #expect(doc.party(r.source, is: "Human Rights Watch"))
        #expect(r.targets.count == 1 && doc.party(r.targets.first, is: "Syrie"))
    }

    /// wikinews-fr-45527: the attacks are against the journalists; the statement names no attacker.
    @Test func condemningAttacksOnJournalistsAccusesNoneOfThem() throws {
        let m = MarkedText("D'autre part, la direction de la chaîne de l'audiovisuel extérieur ⟦a fermement condamné⟧ les agressions à répétition contre toutes les journalistes.")
        let doc = try analyze(m)
        #expect(doc.record("allegation", cue: m.marked[0]) == nil)
    }

    /// wikinews-fr-44374: the banks are where the money was stolen; the accused are the hackers.
    @Test func placeOfAnAgentlessPassiveIsNotTheAccused() throws {
        let m = MarkedText("""
        Le Parquet fédéral annonce que des hackers ont volé près de 3 millions d'euros par le truchement de banques électroniques.

        ⟦Pour le procureur fédéral⟧, plus de 3 millions d’euros auraient été volés dans les cinq grandes banques belges que sont Belfius, ING, KBC, BNP Paribas Fortis et AXA.
        """)
        let doc = try analyze(m)
        let r = try #require(doc.record("allegation", cue: m.marked[0]))
        #expect(!doc.partyNames(r.targets).contains("Belfius"))
        #expect(r.targets.count == 1 && doc.party(r.targets.first, is: "hackers"))
    }

    /// The conclusions of judilibre-ca-chambery-3, answered by the other side's request to keep
    /// the judgment (the respondent's list of the same decision's layout).
    @Test func askingToConfirmTheJudgmentAnswersTheAppeal() throws {
        let m = MarkedText(conclusions + """

        Le Procureur de la République demande à la cour de :

        ⟦Confirmer⟧ le jugement déféré en toutes ses dispositions.
        """)
        let doc = try analyze(m)
        let r = try #require(doc.record("denial", cue: m.marked[4]))
        #expect(doc.party(r.source, is: "Procureur de la République"))
        #expect(doc.record("filing", cue: m.marked[4]) == nil)
    }

    /// wikinews-fr-44551: the relative clause's antecedent files the complaint; the text names
    /// the accused by what they did ("les deux agresseurs").
    @Test func relativeClauseFilerAndAccusedNamedByTheWrong() throws {
        let m = MarkedText("""
        5 juillet 2012. - Un lycéen de 17 ans a été victime d'une agression hier soir dans un train ralliant Toulouse à Lyon, indique aujourd'hui les services de Manuel Valls. D'après le communiqué du ministère de l'Intérieur, « Les identités des deux agresseurs sont connues grâce à l'action en gare de la police ferroviaire ». L'agression a été particulièrement violente, « seule l'intervention d'un passager et des contrôleurs de la SNCF a pu mettre un terme aux violences », et le jeune, qui ⟦a déposé plainte⟧ dans la nuit, souffre d'une interruption temporaire de travail de huit jours.
        """)
        let doc = try analyze(m)
        let r = try #require(doc.record("filing", cue: m.marked[0]))
        #expect(r.cue == m.marked[0])
        #expect(doc.party(r.source, is: "le jeune"))
    }
}
