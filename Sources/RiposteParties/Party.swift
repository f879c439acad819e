// RiposteParties: who is involved.
// Requires: segmented text (RiposteSegment) and the language's party lexicons (titles, roles,
// organisation and court words, pronouns, platforms and products that are NOT parties).
// Provides: `PartySet`: parties with a canonical name, kind, aliases and every mention
// (normalised byte spans), including resolved pronouns and definite descriptions.
import RiposteText

public enum PartyKind: String, Sendable, Hashable, CaseIterable {
    case person, organization, institution, court, group, unknown
}

/// One place in the text where a party is named or referred to.
public struct Mention: Sendable, Hashable {
    /// Normalised byte span.
    public var span: ByteSpan
    /// Index of the sentence that holds it.
    public var sentence: Int
    /// How the mention refers: by name, by alias or description, by pronoun.
    public enum Form: String, Sendable, Hashable { case name, alias, description, pronoun }
    public var form: Form
    public init(span: ByteSpan, sentence: Int, form: Form) { self.span = span; self.sentence = sentence; self.form = form }
}

public struct Party: Sendable, Hashable {
    /// Canonical name: the fullest form in the text.
    public var name: String
    public var kind: PartyKind
    /// Every other way the text names it (surface strings, first occurrence order, no duplicates).
    public var aliases: [String]
    public var mentions: [Mention]
    /// A role given in apposition, e.g. "cofondateur de Mercor", "former head of sales".
    public var role: String?
    public init(name: String, kind: PartyKind, aliases: [String] = [], mentions: [Mention] = [], role: String? = nil) {
        self.name = name; self.kind = kind; self.aliases = aliases; self.mentions = mentions; self.role = role
    }
}

/// The parties of one document. Party indices are stable: records refer to them by index.
public struct PartySet: Sendable {
    public var parties: [Party]
    public init(parties: [Party] = []) { self.parties = parties }

    /// The party mentioned exactly at, or covering, a normalised span.
    public func party(covering span: ByteSpan) -> Int? {
        for (i, p) in parties.enumerated() where p.mentions.contains(where: { $0.span.contains(span) }) { return i }
        return nil
    }
}
