// RiposteParties: who is involved.
// Requires: segmented text (RiposteSegment) and the language's party lexicons (titles, particles,
// organisation words, party nouns, determiners, pronouns, words and names that are NOT parties).
// Provides: `PartySet`: parties with a canonical name, kind, aliases, role, affiliation and every
// mention (normalised byte spans, token ranges, sentence index), including resolved pronouns and
// definite descriptions, with lookups by span, token and sentence for the records stage.
import RiposteText
import Synchronization

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
    /// Token range of the mention (indices into `SegmentedText.tokens`); empty when unknown.
    public var tokens: Range<Int>
    /// An English genitive: the party owns something ("the applicants' right", "Google's
    /// spokesperson"); such a mention is rarely the source or the target of an act.
    public var isGenitive: Bool
    public init(span: ByteSpan, sentence: Int, form: Form, tokens: Range<Int> = 0 ..< 0, isGenitive: Bool = false) {
        self.span = span; self.sentence = sentence; self.form = form; self.tokens = tokens; self.isGenitive = isGenitive
    }
}

public struct Party: Sendable, Hashable {
    /// Canonical name: the fullest form in the text.
    public var name: String
    public var kind: PartyKind
    /// Every other way the text names it (surface strings, first occurrence order, no duplicates).
    public var aliases: [String]
    /// Mentions in text order.
    public var mentions: [Mention]
    /// A role given in apposition, e.g. "cofondateur de Acme", "former head of sales".
    public var role: String?
    /// Index (in `PartySet.parties`) of the organisation this party works or speaks for, when the
    /// text says so ("X, cofondateur de Y", "a spokesperson for Y", "son ancien responsable").
    /// The records stage uses it for `on_behalf_of`.
    public var affiliation: Int?
    /// A group or a plural institution ("the applicants", "les témoins").
    public var isPlural: Bool
    public init(name: String, kind: PartyKind, aliases: [String] = [], mentions: [Mention] = [], role: String? = nil,
                affiliation: Int? = nil, isPlural: Bool = false) {
        self.name = name; self.kind = kind; self.aliases = aliases; self.mentions = mentions; self.role = role
        self.affiliation = affiliation; self.isPlural = isPlural
    }
}

/// The parties of one document. Party indices are stable: records refer to them by index.
/// Lookups go through an index of mentions built on the first lookup after `parties` changed, so
/// that a stage adding many aliases or mentions does not pay for a rebuild at each change.
public struct PartySet: Sendable {
    public var parties: [Party] { didSet { box = IndexBox() } }
    private var box = IndexBox()
    private var index: MentionIndex { box.index(parties) }

    public init(parties: [Party] = []) {
        self.parties = parties
    }

    /// No party at all.
    public var isEmpty: Bool { parties.isEmpty }

    /// A mention together with the index of its party.
    public struct Located: Sendable, Hashable {
        public let party: Int
        public let mention: Mention
        public init(party: Int, mention: Mention) { self.party = party; self.mention = mention }
    }

    /// The party mentioned exactly at, or covering, a normalised span. When mentions nest
    /// ("cofondateur de Acme" is a description of one party holding the name of another), the
    /// innermost mention wins.
    public func party(covering span: ByteSpan) -> Int? { mention(covering: span)?.party }

    /// The innermost mention covering a normalised span.
    public func mention(covering span: ByteSpan) -> Located? {
        var best: Located?
        // Entries are sorted by start; only those starting at most `maxLength` bytes before can cover.
        var k = index.lastStarting(atOrBefore: span.start)
        while k >= 0 {
            let e = index.entries[k]
            if e.mention.span.start < span.start - index.maxLength { break }
            if e.mention.span.contains(span), best == nil || e.mention.span.length < best!.mention.span.length { best = e }
            k -= 1
        }
        return best
    }

    /// Every mention of a sentence, in text order (innermost first when two start together).
    public func mentions(inSentence s: Int) -> [Located] { index.bySentence[s] ?? [] }

    /// The party whose mention starts at a token (the innermost if several do).
    public func party(startingAt tokenIndex: Int) -> Int? { index.byStartToken[tokenIndex] }

    /// The last mention ending at or before a normalised byte offset, optionally within one sentence.
    public func nearestMention(before offset: Int, inSentence s: Int? = nil) -> Located? {
        var k = index.lastStarting(atOrBefore: offset - 1)
        while k >= 0 {
            let e = index.entries[k]
            if let s, e.mention.sentence < s { return nil }
            if e.mention.span.end <= offset, s == nil || e.mention.sentence == s { return e }
            k -= 1
        }
        return nil
    }

    /// The first mention starting at or after a normalised byte offset, optionally within one sentence.
    public func nearestMention(after offset: Int, inSentence s: Int? = nil) -> Located? {
        var k = index.lastStarting(atOrBefore: offset - 1) + 1
        while k < index.entries.count {
            let e = index.entries[k]
            if let s, e.mention.sentence > s { return nil }
            if s == nil || e.mention.sentence == s { return e }
            k += 1
        }
        return nil
    }

    /// The party a name or alias designates (case- and accent-insensitive, leading article ignored).
    public func party(named name: String) -> Int? {
        let key = PartyScorer.key(name)
        for (i, p) in parties.enumerated() where PartyScorer.key(p.name) == key { return i }
        for (i, p) in parties.enumerated() where p.aliases.contains(where: { PartyScorer.key($0) == key }) { return i }
        return nil
    }
}

/// Holds the mention index of one version of `PartySet.parties`, built on demand.
final class IndexBox: Sendable {
    private let built = Mutex<MentionIndex?>(nil)
    func index(_ parties: [Party]) -> MentionIndex {
        built.withLock { b in
            if let b { return b }
            let i = MentionIndex(parties)
            b = i
            return i
        }
    }
}

/// Mentions sorted by start offset, with per-sentence and per-token tables.
struct MentionIndex: Sendable {
    var entries: [PartySet.Located] = []
    var maxLength = 0
    var bySentence: [Int: [PartySet.Located]] = [:]
    var byStartToken: [Int: Int] = [:]

    init(_ parties: [Party]) {
        for (i, p) in parties.enumerated() {
            for m in p.mentions {
                entries.append(PartySet.Located(party: i, mention: m))
                maxLength = max(maxLength, m.span.length)
            }
        }
        entries.sort { a, b in
            a.mention.span.start != b.mention.span.start ? a.mention.span.start < b.mention.span.start
                : a.mention.span.end < b.mention.span.end
        }
        for e in entries {
            bySentence[e.mention.sentence, default: []].append(e)
            if !e.mention.tokens.isEmpty, byStartToken[e.mention.tokens.lowerBound] == nil {
                byStartToken[e.mention.tokens.lowerBound] = e.party
            }
        }
    }

    /// Index of the last entry whose start is <= offset, or -1.
    func lastStarting(atOrBefore offset: Int) -> Int {
        var lo = 0, hi = entries.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if entries[mid].mention.span.start <= offset { lo = mid + 1 } else { hi = mid }
        }
        return lo - 1
    }
}
