// Requires: PartyBook. Provides: the English press reading of "the university", "the bank" when
// the party stage left it unresolved: the named organisation whose name ends with that noun.
import RiposteText
import RiposteNormalize

extension PartyBook {
    /// "Greenfield University … The university declined to comment": a description whose head is
    /// the last word of exactly one earlier named party is that party. Nil outside English, for
    /// names, or when the head fits no party or several.
    func englishDescribedParty(_ surface: String, form: NounPhrase.Form, before span: ByteSpan) -> Int? {
        func lastWord(_ s: String) -> String? { s.split(separator: " ").last.map { Folding.fold(String($0)) } }
        guard lex.language == .en, form == .role, let head = lastWord(surface) else { return nil }
        var found: Int? = nil
        for (i, p) in parties.enumerated() where p.mentions.contains(where: { $0.span.end <= span.start }) {
            guard p.name != surface, p.name.contains(" "), let last = lastWord(p.name), last == head || last == head + "s" else { continue }
            if found != nil { return nil }
            found = i
        }
        return found
    }
}
