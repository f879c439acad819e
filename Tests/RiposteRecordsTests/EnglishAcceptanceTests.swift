// An English acceptance test of the same kind as the seed's: §§ 40–42 of the ECHR judgment
// Carvalho Pinto de Sousa Morais v. Portugal (Corpora/en/echr-carvalho-1.txt), run through the
// built executable: the applicant's allegations, the Government's denials and admissions, and
// the links between them.
import Foundation
import Testing

@Suite struct EnglishAcceptanceTests {
    let doc: JSONDocument

    init() throws {
        doc = JSONDocument(try RecordsFixtures.extract(file: RecordsFixtures.packageRoot.appendingPathComponent("Corpora/en/echr-carvalho-1.txt"), language: "en"))
    }

    @Test func theApplicantAlleges() throws {
        let argued = try #require(doc.records.first { $0.type == "allegation" && $0.cue == "argued" })
        #expect(doc.party(argued.source, is: "the applicant"))
        #expect(argued.targets.count == 1 && doc.party(argued.targets[0], is: "the Supreme Administrative Court"))
        #expect(argued.modality == "reported")
        #expect(argued.content?.hasPrefix("the Supreme Administrative Court had clearly discriminated against her") == true)
        let opinion = try #require(doc.record("allegation", cue: "In the applicant's opinion"))
        #expect(doc.party(opinion.source, is: "the applicant"))
        let contended = try #require(doc.record("allegation", cue: "contended"))
        #expect(doc.party(contended.source, is: "the applicant"))
    }

    @Test func theGovernmentDeniesAndAdmits() throws {
        let applicantClaims = Set(doc.records.filter { $0.type == "allegation" && doc.party($0.source, is: "the applicant") }.map(\.id))
        let denial = try #require(doc.records.first { $0.type == "denial" && $0.cue == "argued" })
        #expect(doc.party(denial.source, is: "the Government"))
        #expect(denial.targets.count == 1 && doc.party(denial.targets[0], is: "the applicant"))
        #expect(!denial.respondsTo.isEmpty && Set(denial.respondsTo).isSubset(of: applicantClaims))
        #expect(denial.content?.contains("had not been governed by prejudice") == true)

        let admissions = doc.records.filter { $0.type == "admission" }
        #expect(admissions.map(\.cue) == ["acknowledged", "further acknowledged"])
        for a in admissions {
            #expect(doc.party(a.source, is: "the Government"), "\(a.cue)")
            #expect(a.targets.count == 1 && doc.party(a.targets[0], is: "the applicant"), "\(a.cue)")
            #expect(a.modality == "reported")
            #expect(!a.respondsTo.isEmpty && Set(a.respondsTo).isSubset(of: applicantClaims), "\(a.cue)")
        }
        #expect(admissions.last?.content == "there had been an unfortunate use of terms")
    }

    @Test func noRecordIsNegatedOrCourtless() {
        // Nothing here is negated, and no ruling is invented from "awarded" in a hypothetical.
        #expect(!doc.records.contains { $0.modality == "negated" })
        #expect(!doc.records.contains { $0.type == "ruling" && $0.source == nil && $0.modality != "hypothetical" })
    }
}
