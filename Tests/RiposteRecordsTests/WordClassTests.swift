// The word classes the records rules test (WordClass) against the class column of the lexicon
// files: a class a file names but the rules do not know would silently match nothing.
import Testing
import Riposte

@Suite struct WordClassTests {
    @Test(arguments: Language.allCases)
    func everyClassTheFilesUseIsKnownToTheRules(_ language: Language) throws {
        let lex = RecordsLexicon(lexicon: try LexiconStore.shared()[language])
        #expect(lex.unknownClasses.isEmpty, "unknown classes in Lexicons/\(language.rawValue): \(lex.unknownClasses)")
    }

    @Test func classNamesRoundTripToTheFilesSpelling() {
        #expect(WordClass.agentPrep.name == "agent-prep")
        #expect(WordClass(name: "pron-first") == .pronFirst)
        #expect(WordClass(name: "break") == .break)
        #expect(WordClass(name: "no-such-class") == nil)
        for c in WordClass.allCases { #expect(WordClass(name: c.name) == c) }
    }
}
