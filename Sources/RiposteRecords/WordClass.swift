/// The word classes of Lexicons/<lang>/records-words.tsv and records-rule-words.tsv (their second
/// column, e.g. "aux", "agent-prep"): the vocabulary the records rules test words against. The
/// words themselves stay in the files. A case's name in the files is its Swift name in kebab case
/// (`agentPrep` ↔ "agent-prep"); a class a file uses that is not listed here is reported in
/// `RecordsLexicon.unknownClasses` and matches nothing.
/// A word's classes are a bit set (`ClassBits`, the raw value is the bit), so that a test is one
/// probe of a table with the token's precomputed key and a bit test, instead of hashing the word
/// and then the class name.
public enum WordClass: UInt8, CaseIterable, Sendable {
    case adj, adjSuffix, adv, adverbSuffix, adversative, agent, agentOf, agentPrep
    case answerRequest, appellant, attributionPrep, aux, auxLemma, be, beProgressive, been
    case `break`, channelDoc, clauseCoord, clauseDet, clitic, comp, complainOf, condition
    case contentFor, contentOf, conviction, coord, courtArticle, courtNoun, cuePrep, decision
    case demonstrative, det, dismissLemma, dismissStem, dismissWord, doc, docOf, fallbackPrep
    case former, formula, founded, future, hearsayAdv, ill, incise, intent
    case latter, media, modalLemma, nameAnd, nameLink, nameLinkPair, nameOf, nationalitySuffix
    case neg, negSuffix, negpost, negpostNotNeg, new, number, objectPrep, objection
    case participleEnding, passivePlace, pay, payeeA, payeePrep, platform, platformPrep, pleading
    case possessiveDet, prep, prepHomograph, pronFirst, pronPerson, pronPlural, pronThing, quantity
    case quoteVerb, reflexive, refuse, refuseTo, refute, rel, relative, request
    case title, toInfinitive, victimPredicate, victimPrep, victimStem, violationStem, workplace
    case mediaPrep, mediaArticle, noObject, courtSelf, submissionLemma, confirmLemma, condemnLemma
    case article, nameSkip

    /// The class as the lexicon files write it.
    public var name: String {
        var s = ""
        for ch in String(describing: self) {
            if ch.isUppercase { s.append("-"); s.append(contentsOf: ch.lowercased()) } else { s.append(ch) }
        }
        return s
    }

    /// The class a lexicon file names, nil when the records rules know no such class.
    public init?(name: String) {
        guard let c = WordClass.byName[name] else { return nil }
        self = c
    }

    private static let byName: [String: WordClass] = {
        var d: [String: WordClass] = [:]
        for c in WordClass.allCases { d[c.name] = c }
        return d
    }()
}

/// A set of word classes (at most 128: two words of bits).
struct ClassBits: Sendable, Equatable {
    private var lo: UInt64 = 0
    private var hi: UInt64 = 0
    init() {}
    @inline(__always) mutating func insert(_ c: WordClass) {
        let i = c.rawValue
        if i < 64 { lo |= 1 << UInt64(i) } else { hi |= 1 << UInt64(i - 64) }
    }
    @inline(__always) func contains(_ c: WordClass) -> Bool {
        let i = c.rawValue
        return i < 64 ? lo & (1 << UInt64(i)) != 0 : hi & (1 << UInt64(i - 64)) != 0
    }
    var isEmpty: Bool { lo == 0 && hi == 0 }
}
