import Testing
import Foundation
@testable import Riposte

/// Marker-style tests of the party recogniser on short real sentences (the seed article, the dev
/// passages): `⟦…⟧` marks the span a mention must cover; the markers are removed before analysis.
@Suite struct PartiesTests {
    let pipeline: Pipeline
    init() throws { pipeline = try Pipeline() }

    /// Text without markers, and the marked spans as byte ranges of that (original) text.
    /// Markers may nest; spans come in the order of their opening marker.
    func unmark(_ marked: String) -> (String, [ByteSpan]) {
        var out: [UInt8] = []
        var spans: [ByteSpan] = []
        var open: [Int] = []  // indices into spans
        for ch in marked {
            if ch == "⟦" { open.append(spans.count); spans.append(ByteSpan(out.count, out.count)); continue }
            if ch == "⟧" { let k = open.removeLast(); spans[k].end = out.count; continue }
            out.append(contentsOf: Array(String(ch).utf8))
        }
        return (String(decoding: out, as: UTF8.self), spans)
    }

    struct Analysis {
        let seg: SegmentedText
        let set: PartySet
        /// The innermost mention whose ORIGINAL span is exactly `span`.
        func mention(at span: ByteSpan) -> PartySet.Located? {
            var best: PartySet.Located?
            for (i, p) in set.parties.enumerated() {
                for m in p.mentions where seg.originalSpan(m.span) == span {
                    if best == nil || m.span.length < best!.mention.span.length { best = .init(party: i, mention: m) }
                }
            }
            return best
        }
        func party(at span: ByteSpan) -> Party? { mention(at: span).map { set.parties[$0.party] } }
        func name(at span: ByteSpan) -> String? { party(at: span)?.name }
        func affiliation(of p: Party) -> String? { p.affiliation.map { set.parties[$0].name } }
        var names: Set<String> { Set(set.parties.map(\.name)) }
    }

    func analyse(_ text: String, _ language: Language) throws -> Analysis {
        var seg = try pipeline.segmenter(language).segment(Array(text.utf8))
        _ = BoilerplateMarker(lexicon: pipeline.lexicons[language]).mark(&seg)
        let set = PartyRecognizer(language: language, lexicon: pipeline.lexicons[language]).recognize(seg)
        return Analysis(seg: seg, set: set)
    }

    @Test func appositionGivesRoleAndAffiliation() throws {
        let (text, spans) = unmark("Face aux accusations, ⟦Surya Midha⟧, cofondateur de ⟦Mercor⟧, a fermement nié tout usage frauduleux des données provenant de Scale. ⟦Il⟧ reconnaît cependant que Ling possédait encore certains documents.")
        let a = try analyse(text, .fr)
        let surya = try #require(a.party(at: spans[0]))
        #expect(surya.name == "Surya Midha")
        #expect(surya.kind == .person)
        #expect(surya.role == "cofondateur de Mercor")
        let mercor = a.name(at: spans[1])
        #expect(mercor == "Mercor")
        #expect(a.affiliation(of: surya) == mercor)
        // "Il" opens the next sentence: the subject of the previous one.
        let il = try #require(a.mention(at: spans[2]))
        #expect(il.mention.form == .pronoun)
        #expect(a.set.parties[il.party].name == "Surya Midha")
    }

    @Test func descriptionInAppositionBeforeTheName() throws {
        // Corpora/documents.jsonl, wikinews_fr-44635.
        let (text, spans) = unmark("⟦Le président du directoire de ⟦PSA⟧⟧, ⟦Philippe Varin⟧, a précisé que « personne ne sera laissé au bord du chemin ».")
        let a = try analyse(text, .fr)
        let varin = try #require(a.party(at: spans[2]))
        #expect(varin.name == "Philippe Varin")
        #expect(a.name(at: spans[0]) == "Philippe Varin")
        #expect(varin.role == "président du directoire de PSA")
        #expect(a.name(at: spans[1]) == "PSA")
        #expect(a.affiliation(of: varin) == "PSA")
    }

    @Test func roleOfAnOwnerIsAPartyActingForIt() throws {
        // Corpora/gold/dev.jsonl, echr-garib-2.
        let (text, spans) = unmark("⟦⟦The applicant⟧'s representative⟧, speaking at the hearing of the Grand Chamber, argued that the restriction in issue had not been foreseeable for ⟦the applicant⟧ already at the time when she moved to Tarwewijk in 2005.")
        let a = try analyse(text, .en)
        let representative = try #require(a.party(at: spans[0]))
        #expect(representative.name == "The applicant's representative")
        #expect(representative.kind == .person)
        let applicant = try #require(a.party(at: spans[1]))
        #expect(a.name(at: spans[2]) == applicant.name)
        #expect(a.affiliation(of: representative) == applicant.name)
    }

    @Test func surnameAndPronounResolveToTheFullName() throws {
        let (text, spans) = unmark("Selon la plainte, ⟦Eugene Ling⟧ aurait emporté avec lui plus de 100 documents internes. De son côté, ⟦Ling⟧ s’est exprimé publiquement sur X, expliquant n’avoir jamais exploité ces fichiers. ⟦Il⟧ assure ne pas avoir agi avec de mauvaises intentions.")
        let a = try analyse(text, .fr)
        #expect(a.name(at: spans[0]) == "Eugene Ling")
        #expect(a.name(at: spans[1]) == "Eugene Ling")
        #expect(a.name(at: spans[2]) == "Eugene Ling")
        // "sur X" is a channel, not a party.
        #expect(a.names == ["Eugene Ling"])
    }

    @Test func possessiveDescriptionsFindTheirReferent() throws {
        let (text, spans) = unmark("Cette semaine, ⟦Scale AI⟧ a déposé une plainte contre ⟦son ancien responsable commercial⟧ ⟦Eugene Ling⟧ et contre ⟦son concurrent⟧ ⟦Mercor⟧. L’affaire entre Scale AI, ⟦son ex-employé⟧ et Mercor met en lumière les tensions.")
        let a = try analyse(text, .fr)
        let scale = try #require(a.party(at: spans[0]))
        #expect(scale.kind == .organization)
        let ling = try #require(a.party(at: spans[2]))
        #expect(a.name(at: spans[1]) == ling.name)
        #expect(ling.role == "ancien responsable commercial")
        #expect(a.affiliation(of: ling) == scale.name)
        #expect(a.name(at: spans[3]) == "Mercor")
        #expect(a.name(at: spans[4]) == "Mercor")
        #expect(a.name(at: spans[5]) == ling.name)
    }

    @Test func legalInstitutionsAreParties() throws {
        let (text, spans) = unmark("⟦The Government⟧ maintained that ⟦the applicants⟧ had failed to prove that ⟦they⟧ were holders of rights to property. ⟦They⟧ asserted that ⟦the applicant⟧ had not given any explanation.")
        let a = try analyse(text, .en)
        let gov = try #require(a.party(at: spans[0]))
        #expect(gov.kind == .institution)
        let applicants = try #require(a.party(at: spans[1]))
        #expect(applicants.isPlural)
        #expect(a.name(at: spans[2]) == applicants.name)
        #expect(a.name(at: spans[3]) == gov.name)
        #expect(a.party(at: spans[4])?.kind == .person)
    }

    @Test func appellateCourtSpeakingIsAParty() throws {
        let (text, spans) = unmark("⟦Plaintiffs⟧ appeal from ⟦the circuit court⟧’s dismissal of their second amended complaint for common law and statutory fraud. For the reasons that follow, ⟦we⟧ affirm.")
        let a = try analyse(text, .en)
        #expect(a.party(at: spans[0])?.kind == .group)
        #expect(a.party(at: spans[1])?.kind == .court)
        #expect(a.party(at: spans[2])?.kind == .court)
        // The law named in the passage is not a party.
        let b = try analyse("Plaintiffs filed their initial complaint alleging violations of the Illinois Consumer Fraud and Deceptive Business Practices Act (Consumer Fraud Act).", .en)
        #expect(b.names == ["Plaintiffs"])
    }

    @Test func parentheticalDefinitionIsAnAlias() throws {
        let (text, spans) = unmark("Defendant ⟦MGM Development, Inc.⟧ (⟦MGM⟧), initially developed the Preserve and constructed several single-family homes there. Defendant ⟦Jack May-her⟧ is the principal owner and executive officer of ⟦MGM⟧.")
        let a = try analyse(text, .en)
        let mgm = try #require(a.party(at: spans[0]))
        #expect(mgm.kind == .organization)
        #expect(a.name(at: spans[1]) == mgm.name)
        #expect(a.party(at: spans[2])?.kind == .person)
        #expect(a.name(at: spans[3]) == mgm.name)
    }

    @Test func pseudonymsAreParties() throws {
        let (text, spans) = unmark("Par acte du 14/08/2015, ⟦M. [P]⟧ a assigné ⟦la société [1]⟧ et ⟦Mme [Y]⟧ devant ⟦le tribunal de grande instance de Bonneville⟧.")
        let a = try analyse(text, .fr)
        let p = try #require(a.party(at: spans[0]))
        #expect(p.kind == .person)
        let company = try #require(a.party(at: spans[1]))
        #expect(company.kind == .organization)
        #expect(a.party(at: spans[2])?.kind == .person)
        #expect(a.party(at: spans[3])?.kind == .court)
        #expect(a.names.count == 4)
    }

    @Test func frenchInstitutionsAndOrganisations() throws {
        let (text, spans) = unmark("Par acte du 14/08/2015, ⟦M. le Procureur de la République près le tribunal de grande instance de Bonneville⟧ a assigné l’association ⟦Direction aux Affaires Savoisiennes⟧ aux fins de dissolution. L’ONG ⟦Human Rights Watch⟧ dénonce la torture. La ⟦Syrie⟧ n’a pas ratifié la convention, et la ⟦Russie⟧ et la ⟦Chine⟧ ont bloqué les efforts du Conseil de sécurité.")
        let a = try analyse(text, .fr)
        #expect(a.name(at: spans[0]) == "Procureur de la République près le tribunal de grande instance de Bonneville")
        #expect(a.name(at: spans[1]) == "Direction aux Affaires Savoisiennes")
        #expect(a.party(at: spans[2])?.kind == .organization)
        for s in spans[3...] { #expect(a.party(at: s)?.kind == .institution) }
    }

    @Test func productsAndPlacesAreNotParties() throws {
        let a = try analyse("Selon la plainte, Eugene Ling aurait emporté des documents. Ces fichiers auraient été stockés dans un compte Google Drive personnel. Cette approche séduit plusieurs acteurs majeurs de la tech. Il a vécu en Syrie.", .fr)
        #expect(a.names == ["Eugene Ling"])
    }

    /// Every mention is a run of whole tokens whose original characters can be sliced back.
    @Test func mentionsAreWholeTokensOfTheOriginal() throws {
        let url = PartiesDevTests.root.appendingPathComponent("Corpora/scale-mercor-ling.fr.txt")
        let original = try String(contentsOf: url, encoding: .utf8)
        let a = try analyse(original, .fr)
        let (seg, set) = (a.seg, a.set)
        #expect(set.parties.count >= 5)
        var starts = Set<Int>(), ends = Set<Int>()
        for t in seg.tokens { starts.insert(t.span.start); ends.insert(t.span.end) }
        for p in set.parties {
            for m in p.mentions {
                #expect(starts.contains(m.span.start))
                #expect(ends.contains(m.span.end))
                #expect(seg.sentences[m.sentence].span.contains(m.span))
                let o = seg.originalSpan(m.span)
                let slice = String(decoding: seg.original[o.start ..< o.end], as: UTF8.self)
                #expect(slice == seg.originalString(m.span))
                #expect(!slice.isEmpty)
                if m.form == .name || m.form == .pronoun {
                    // Names and pronouns read the same in the original as the party's name or an alias.
                    #expect(slice == p.name || p.aliases.contains(slice) || p.aliases.contains(seg.string(m.span)), "\(slice) of \(p.name)")
                }
            }
        }
    }

    @Test func lookupsAgree() throws {
        let url = PartiesDevTests.root.appendingPathComponent("Corpora/scale-mercor-ling.fr.txt")
        let set = try analyse(try String(contentsOf: url, encoding: .utf8), .fr).set
        for (i, p) in set.parties.enumerated() {
            for m in p.mentions where m.form != .description {
                #expect(set.party(covering: m.span) == i)
                #expect(set.mentions(inSentence: m.sentence).contains { $0.party == i && $0.mention == m })
                #expect(set.party(startingAt: m.tokens.lowerBound) == i)
                let before = set.nearestMention(before: m.span.end, inSentence: m.sentence)
                #expect(before != nil)
            }
        }
        #expect(set.party(named: "scale") != nil)
    }
}
