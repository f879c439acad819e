// The seed article, run through the built `riposte` executable as a user runs it: the twelve
// records of RECORDS.md ("Worked example"), and nothing from the "Lire aussi" block, the headings
// or the closing paragraphs.
import Foundation
import Testing

@Suite struct SeedAcceptanceTests {
    let doc: JSONDocument
    let text: String

    init() throws {
        text = try RecordsFixtures.seedText
        doc = JSONDocument(try RecordsFixtures.extract(file: RecordsFixtures.packageRoot.appendingPathComponent("Corpora/scale-mercor-ling.fr.txt"), language: "fr"))
    }

    private func expect(_ r: JSONDocument.Rec?, source: String?, onBehalfOf: String? = nil, targets: [String],
                        modality: String? = nil, sourceLocation: SourceLocation = #_sourceLocation) {
        guard let r else { Issue.record("record missing", sourceLocation: sourceLocation); return }
        if let source { #expect(doc.party(r.source, is: source), "source of \(r.cue): \(doc.partyNames(r.source.map { [$0] } ?? []))", sourceLocation: sourceLocation) }
        else { #expect(r.source == nil, sourceLocation: sourceLocation) }
        if let onBehalfOf { #expect(doc.party(r.onBehalfOf, is: onBehalfOf), "on_behalf_of of \(r.cue)", sourceLocation: sourceLocation) }
        #expect(r.targets.count == targets.count && zip(r.targets, targets).allSatisfy { doc.party($0, is: $1) },
                "targets of \(r.cue): \(doc.partyNames(r.targets))", sourceLocation: sourceLocation)
        if let modality { #expect(r.modality == modality, "modality of \(r.cue)", sourceLocation: sourceLocation) }
        #expect(!r.evidence.isEmpty && r.confidence > 0, sourceLocation: sourceLocation)
    }

    @Test func claims() {
        let filing = doc.record("filing", cue: "déposé une plainte")
        expect(filing, source: "Scale AI", targets: ["Eugene Ling", "Mercor"], modality: "reported")
        #expect(filing?.channel == "plainte")
        let accusing = doc.record("allegation", cue: "accusant")
        expect(accusing, source: "Scale AI", targets: ["Eugene Ling", "Mercor"], modality: "reported")
        #expect(accusing?.content?.contains("s’approprier des informations stratégiques") == true)
        expect(doc.record("allegation", cue: "Selon la plainte"), source: "Scale AI", targets: ["Eugene Ling"], modality: "conditional")
        // Record 4 inherits the attribution of the sentence before.
        let carried = doc.record("allegation", cue: "auraient été stockés")
        expect(carried, source: "Scale AI", targets: ["Eugene Ling"], modality: "conditional")
        let affirme = doc.record("allegation", cue: "affirme")
        expect(affirme, source: "Scale AI", targets: ["Eugene Ling"], modality: "conditional")
        #expect(affirme?.content?.contains("Customer A") == true)
    }

    @Test func responsesAndLinks() throws {
        let accusing = try #require(doc.record("allegation", cue: "accusant"))
        let selon = try #require(doc.record("allegation", cue: "Selon la plainte"))
        let denied = doc.record("denial", cue: "nié")
        expect(denied, source: "Surya Midha", onBehalfOf: "Mercor", targets: ["Scale AI"])
        #expect(denied?.respondsTo == [accusing.id])
        #expect(denied?.content == "tout usage frauduleux des données provenant de Scale")
        // "Il reconnaît": the pronoun is Surya Midha.
        let admitted = doc.record("admission", cue: "reconnaît")
        expect(admitted, source: "Surya Midha", onBehalfOf: "Mercor", targets: [])
        #expect(admitted?.respondsTo == [selon.id])
        let never = try #require(doc.records.first { $0.type == "denial" && ($0.content ?? "").contains("n’y a jamais accédé") })
        expect(never, source: "Surya Midha", onBehalfOf: "Mercor", targets: [])
        #expect(never.respondsTo == [accusing.id])
        let offer = doc.record("offer", cue: "proposé")
        expect(offer, source: "Mercor", targets: ["Scale AI"])
        #expect(offer?.respondsTo == [accusing.id])
        #expect(offer?.content?.hasPrefix("de détruire les fichiers") == true)
        let exploited = doc.record("denial", cue: "n’avoir jamais")
        expect(exploited, source: "Eugene Ling", targets: [])
        #expect(exploited?.channel == "X")
        #expect(exploited?.respondsTo == [selon.id])
        let sorry = doc.record("apology", cue: "désolé")
        #expect(doc.party(sorry?.source, is: "Eugene Ling"))
        #expect(sorry?.channel == "X")
        // The apology is to his new team (Mercor), never to his former employer.
        #expect(sorry?.targets.count == 1 && doc.party(sorry?.targets.first, is: "Mercor"), "\(doc.partyNames(sorry?.targets ?? []))")
        let intentions = try #require(doc.records.first { $0.type == "denial" && ($0.content ?? "").contains("mauvaises intentions") })
        expect(intentions, source: "Eugene Ling", targets: [])
    }

    @Test func exactlyTheArticleActs() throws {
        #expect(doc.records.count == 12, "\(doc.records.map { "\($0.type): \($0.cue)" })")
        // Nothing from "Lire aussi", the headings, or the closing paragraphs (from "Une bataille").
        let lireAussi = try #require(text.range(of: "Lire aussi"))
        let endOfList = try #require(text.range(of: "Des documents confidentiels"))
        let closing = try #require(text.range(of: "Une bataille qui reflète"))
        let lo = text.unicodeScalars.distance(from: text.unicodeScalars.startIndex, to: lireAussi.lowerBound)
        let hi = text.unicodeScalars.distance(from: text.unicodeScalars.startIndex, to: endOfList.upperBound)
        let end = text.unicodeScalars.distance(from: text.unicodeScalars.startIndex, to: closing.lowerBound)
        for r in doc.records {
            #expect(!(lo ..< hi).contains(r.cueStart), "record in the Lire aussi block or a heading: \(r.cue)")
            #expect(r.cueStart < end, "record in the closing paragraphs: \(r.cue)")
        }
        #expect(!doc.records.contains { $0.cue.contains("Meta") })
    }
}
