import RiposteText
import RiposteNormalize
import RiposteLexicon

/// Scores predicted parties against gold parties (gold/dev.jsonl: canonical `name` + `aliases`).
/// A gold party is found when some predicted party's name or alias has the same key as the gold
/// name or one of its aliases; a predicted party is correct when it matches some gold party.
/// Pronoun aliases ("Il", "they") are ignored on both sides: they would match anything.
public enum PartyScorer {
    /// Folded (case- and accent-free) form of a name, with typographic apostrophes unified, inner
    /// spaces collapsed and a leading article or demonstrative ("the", "le", "l'", "this") removed:
    /// "The Government" and "government", "la Cour" and "cour" are one key.
    public static func key(_ name: String) -> String {
        var words = Folding.fold(name).split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).map(String.init)
        while let f = words.first, words.count > 1, leadingWords.contains(f) { words.removeFirst() }
        if let f = words.first, f.hasPrefix("l'"), f.count > 2 { words[0] = String(f.dropFirst(2)) }
        return words.joined(separator: " ")
    }

    /// Lexicons/<lang>/parties-score-leading.txt and parties-score-pronouns.txt, all languages
    /// together (a name may be quoted from the other language), read once.
    static let leadingWords: Set<String> = listOfAllLanguages("parties-score-leading")
    static let pronounKeys: Set<String> = listOfAllLanguages("parties-score-pronouns")

    private static func listOfAllLanguages(_ name: String) -> Set<String> {
        guard let store = try? LexiconStore.shared() else { return [] }
        return Language.allCases.reduce(into: Set<String>()) { $0.formUnion(store[$1].list(name)) }
    }

    /// The keys of a party's name and aliases, pronouns left out.
    public static func keys(name: String, aliases: [String]) -> Set<String> {
        Set(([name] + aliases).map(key).filter { !$0.isEmpty && !pronounKeys.contains($0) })
    }

    public struct Counts: Sendable {
        public var gold = 0, goldFound = 0
        public var predicted = 0, predictedCorrect = 0
        /// Gold parties that are the source, `on_behalf_of` or a target of some gold record.
        public var goldActors = 0, goldActorsFound = 0
        public init() {}
        public var recall: Double { gold == 0 ? 0 : Double(goldFound) / Double(gold) }
        public var precision: Double { predicted == 0 ? 0 : Double(predictedCorrect) / Double(predicted) }
        public var actorRecall: Double { goldActors == 0 ? 0 : Double(goldActorsFound) / Double(goldActors) }
        public static func += (a: inout Counts, b: Counts) {
            a.gold += b.gold; a.goldFound += b.goldFound; a.predicted += b.predicted
            a.predictedCorrect += b.predictedCorrect; a.goldActors += b.goldActors; a.goldActorsFound += b.goldActorsFound
        }
    }

    /// A gold party: its name, aliases, and whether a gold record has it as source, on-behalf-of or target.
    public struct GoldParty: Sendable {
        public let name: String
        public let aliases: [String]
        public let isActor: Bool
        public init(name: String, aliases: [String], isActor: Bool) { self.name = name; self.aliases = aliases; self.isActor = isActor }
    }

    /// Counts for one passage. Returns also the gold names that were missed and the predicted
    /// names that matched nothing (for error analysis). The key functions default to `keys(name:aliases:)`;
    /// the evaluation of the whole pipeline passes its own (Riposte's `PartyNameNormalizer`) so that
    /// both count the same way.
    public static func score(predicted: [Party], gold: [GoldParty],
                             predictedKeys: (Party) -> Set<String> = { keys(name: $0.name, aliases: $0.aliases) },
                             goldKeys: (GoldParty) -> Set<String> = { keys(name: $0.name, aliases: $0.aliases) })
        -> (counts: Counts, missed: [String], spurious: [String]) {
        let pk = predicted.map(predictedKeys)
        let gk = gold.map(goldKeys)
        var c = Counts()
        var missed: [String] = [], spurious: [String] = []
        for (g, keys) in zip(gold, gk) {
            let found = pk.contains { !$0.isDisjoint(with: keys) }
            c.gold += 1
            if found { c.goldFound += 1 } else { missed.append(g.name) }
            if g.isActor { c.goldActors += 1; if found { c.goldActorsFound += 1 } }
        }
        for (p, keys) in zip(predicted, pk) {
            c.predicted += 1
            if gk.contains(where: { !$0.isDisjoint(with: keys) }) { c.predictedCorrect += 1 } else { spurious.append(p.name) }
        }
        return (c, missed, spurious)
    }
}
