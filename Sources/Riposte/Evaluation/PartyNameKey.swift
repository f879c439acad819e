// Evaluation: when a predicted party "is" a gold party. Gold files name parties by canonical name
// and aliases; a system may pick another canonical form (a surname for a full name), so names are
// compared as keys, and a predicted party matches a gold one when any of its keys (name or alias)
// equals any key of the gold party.
// Requires: the language's `stopwords` and `elisions` lists (Lexicons/<lang>/). Provides:
// `PartyNameNormalizer.key(_:)`.
import Foundation

/// Key of a party name: case and accents folded (Folding.fold: "Démenti" → "dementi", ’ → '),
/// punctuation and quotes ("«", "\"", ",", "(" …) turned into spaces, whitespace collapsed,
/// elided articles split off ("l'Etat" → "l'" "etat"), then leading function words dropped
/// ("the Government" = "Government", "la société Y" = "société Y", "son entreprise" =
/// "entreprise"). A name made only of function words ("Il", "he", "we") has no ordinary key:
/// pronouns resolve differently in every document and must not make two parties equal through an
/// alias. Such a name still counts when it is a predicted party's CANONICAL name (a system that
/// calls the court "we" because the opinion says nothing else): it is then compared with the gold
/// party's names and aliases written the same way (`keys(name:aliases:)`).
public struct PartyNameNormalizer: Sendable {
    public let ignorableLeading: Set<String>
    public let elisions: Set<String>

    /// `ignorableLeading` and `elisions` are folded words ("the", "le", "l'").
    public init(ignorableLeading: Set<String>, elisions: Set<String> = []) {
        self.ignorableLeading = ignorableLeading
        self.elisions = elisions
    }

    /// The language's frequent function words (stopwords.txt: articles, possessives, pronouns)
    /// and elided forms (elisions.txt).
    public init(lexicon: LanguageLexicon) {
        let elisions = lexicon.list("elisions")
        self.init(ignorableLeading: lexicon.list("stopwords").union(elisions), elisions: elisions)
    }

    public func key(_ name: String) -> String? {
        let words = self.words(name)
        let stripped = words.drop(while: { ignorableLeading.contains($0) })
        return stripped.isEmpty ? nil : stripped.joined(separator: " ")
    }

    /// The key of a name made only of function words ("We", "il"), marked so it only ever equals
    /// another such name; nil for any other name.
    public func functionWordKey(_ name: String) -> String? {
        let words = self.words(name)
        guard !words.isEmpty, words.allSatisfy({ ignorableLeading.contains($0) }) else { return nil }
        return "~" + words.joined(separator: " ")
    }

    /// Keys of a party. `allFunctionWordNames`: whether function-word-only aliases count too
    /// (true for gold parties, whose aliases were checked by an annotator; a predicted party only
    /// brings its canonical name).
    public func keys(name: String, aliases: [String], allFunctionWordNames: Bool) -> Set<String> {
        var out = keys([name] + aliases)
        if let k = functionWordKey(name) { out.insert(k) }
        if allFunctionWordNames { for a in aliases { if let k = functionWordKey(a) { out.insert(k) } } }
        return out
    }

    /// Folded words of a name, punctuation dropped, elided articles split off.
    func words(_ name: String) -> [String] {
        let folded = Folding.fold(name)
        var cleaned = String.UnicodeScalarView()
        for s in folded.unicodeScalars {
            let keep = s.properties.isAlphabetic || s.properties.numericType != nil || s == "'" || s == "-"
                || s.properties.generalCategory == .nonspacingMark
            cleaned.append(keep ? s : " ")
        }
        var words: [String] = []
        for raw in String(cleaned).split(separator: " ") {
            var w = String(raw)
            // Split an elided article or preposition off the word it leans on.
            if let apostrophe = w.firstIndex(of: "'"), apostrophe != w.startIndex {
                let head = String(w[...apostrophe])
                if elisions.contains(head) {
                    words.append(head)
                    w = String(w[w.index(after: apostrophe)...])
                }
            }
            w = w.trimmingCharacters(in: CharacterSet(charactersIn: "'-"))
            if !w.isEmpty { words.append(w) }
        }
        return words
    }

    public func keys(_ names: [String]) -> Set<String> { Set(names.compactMap(key)) }
}
