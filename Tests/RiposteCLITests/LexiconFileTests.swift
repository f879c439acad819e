import Testing
import Foundation
@testable import Riposte

/// Lexicon files are data written by hand: comments, blank lines, CRLF and stray spaces must not
/// change what is read.
@Suite struct LexiconFileTests {
    @Test func tsvRowsIgnoreCommentsBlankLinesAndCarriageReturns() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("riposte-lexicon-\(getpid()).tsv").path
        let text = "# header comment\r\ndenial\t<nier>\tfr.denial.nier \r\n\n   \n  # indented comment\nadmission\t reconnaître que \tfr.admission.reconnaitre\t\nsolo\n"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let rows = try LanguageLexicon.readTSV(path: path)
        #expect(rows.map(\.fields) == [
            ["denial", "<nier>", "fr.denial.nier"],
            ["admission", "reconnaître que", "fr.admission.reconnaitre", ""],
            ["solo"],
        ])
        #expect(rows.map(\.line) == [2, 6, 7])
        #expect(rows[1][9] == "")
    }

    @Test func generatedInflectionsAnalyseRealForms() throws {
        let store = try LexiconStore.shared()
        let fr = store[.fr].inflections
        #expect(fr.lemmas(lower: "auraient", fold: "auraient").contains("avoir"))
        #expect(fr.analyses(lower: "démenti", fold: "dementi").contains { $0.lemma == "démentir" && $0.features == "pp" })
        // Accent-less capitals still find the lemma through the folded form.
        #expect(fr.lemmas(lower: "dementi", fold: "dementi").contains("démentir"))
        let en = store[.en].inflections
        #expect(en.lemmas(lower: "sued", fold: "sued").contains("sue"))
        #expect(en.lemmas(lower: "brought", fold: "brought").contains("bring"))
    }
}
