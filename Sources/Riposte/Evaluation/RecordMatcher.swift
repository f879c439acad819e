// Evaluation: pairs predicted records with gold records, one to one, and judges each pair.
// Requires: a `GoldPassage`, the predictions for its text, a `PartyNameNormalizer`.
// Provides: `PassageResult` (matches with source/targets verdicts, missed gold, spurious
// predictions, link counts).
//
// Rules (../shared/data/README.md): a prediction can match a gold record when the types agree and
// its cue or its content overlaps the gold span (code points, at least one in common). Among all
// one-to-one assignments the matcher takes the one with (1) the most pairs, then (2) the most
// correct sources and target sets, then (3) the largest total overlap (intersection over union of
// the prediction's extent and the gold span). (2) keeps the score from hinging on which of two
// records in the same sentence a prediction is credited to. Solved exactly (Hungarian method),
// so the result does not depend on the order records are listed in beyond exact ties.

/// One prediction paired with one gold record.
public struct RecordMatch: Sendable, Hashable {
    public var prediction: Int
    public var gold: Int
    /// Both sources null, or the predicted source is the gold source (by name or alias).
    public var sourceRight: Bool
    /// Both null, or the same party. Reported apart; not part of `full`.
    public var onBehalfOfRight: Bool
    /// The predicted targets denote the gold target set (see `judge`).
    public var targetsRight: Bool
    /// Both target sets empty, or at least one target in common.
    public var targetsLenient: Bool
    public var targetsInCommon: Int
    public var targetsPredicted: Int
    public var targetsGold: Int
    /// Gold gives a modality and the prediction has the same one.
    public var modalityRight: Bool
    /// Detected, source right and targets right.
    public var full: Bool { sourceRight && targetsRight }
}

/// Everything the scorer knows about one passage.
public struct PassageResult: Sendable {
    public var gold: GoldPassage
    public var predictions: [PredictedRecord]
    public var matches: [RecordMatch]
    /// Gold records no prediction matched.
    public var missed: [Int]
    /// Predictions that matched no gold record.
    public var spurious: [Int]
    public var goldLinks: Int
    public var predictedLinks: Int
    public var linksRight: Int
    /// Why the pipeline produced nothing, when it failed.
    public var error: String?

    public var language: Language { gold.language }
    public func match(forPrediction p: Int) -> RecordMatch? { matches.first { $0.prediction == p } }
    public func match(forGold g: Int) -> RecordMatch? { matches.first { $0.gold == g } }
}

public struct RecordMatcher: Sendable {
    public let names: PartyNameNormalizer
    public init(names: PartyNameNormalizer) { self.names = names }

    public func match(gold: GoldPassage, predictions: [PredictedRecord], error: String? = nil) -> PassageResult {
        let parties = GoldPartyKeys(gold, names: names)
        // Verdicts for every candidate pair (types agree, spans overlap).
        var candidates: [[RecordMatch?]] = Array(repeating: Array(repeating: nil, count: predictions.count), count: gold.records.count)
        var weights: [[Double]] = Array(repeating: Array(repeating: 0, count: predictions.count), count: gold.records.count)
        for (g, gr) in gold.records.enumerated() {
            for (p, pr) in predictions.enumerated() where pr.type == gr.type {
                let touches = pr.cue.overlap(gr.span) > 0 || (pr.content.map { $0.overlap(gr.span) > 0 } ?? false)
                guard touches else { continue }
                let m = judge(pr, p, gr, g, parties)
                candidates[g][p] = m
                let iou = Double(pr.extent.overlap(gr.span)) / Double(max(1, pr.extent.union(gr.span).length))
                weights[g][p] = 1_000_000 + 1_000 * Double((m.sourceRight ? 1 : 0) + (m.targetsRight ? 1 : 0)) + iou
            }
        }
        let assignment = Assignment.maximumWeight(weights)
        var matches: [RecordMatch] = []
        for (g, p) in assignment.enumerated() {
            if let p, let m = candidates[g][p] { matches.append(m) }
        }
        let matchedGold = Set(matches.map(\.gold)), matchedPred = Set(matches.map(\.prediction))

        // Links: gold (response → claim) pairs carried into prediction indices through the matching.
        var predOf: [Int: Int] = [:]
        for m in matches { predOf[m.gold] = m.prediction }
        var goldPairs = Set<[Int]>(), carried = Set<[Int]>()
        for (g, r) in gold.records.enumerated() {
            for c in r.respondsTo {
                goldPairs.insert([g, c])
                if let p = predOf[g], let q = predOf[c] { carried.insert([p, q]) }
            }
        }
        var predPairs = Set<[Int]>()
        for (p, r) in predictions.enumerated() { for q in r.respondsTo { predPairs.insert([p, q]) } }

        return PassageResult(
            gold: gold, predictions: predictions, matches: matches.sorted { $0.gold < $1.gold },
            missed: gold.records.indices.filter { !matchedGold.contains($0) },
            spurious: predictions.indices.filter { !matchedPred.contains($0) },
            goldLinks: goldPairs.count, predictedLinks: predPairs.count,
            linksRight: predPairs.intersection(carried).count, error: error)
    }

    private func judge(_ pr: PredictedRecord, _ p: Int, _ gr: GoldRecord, _ g: Int, _ parties: GoldPartyKeys) -> RecordMatch {
        func same(_ predicted: ScoredParty?, _ goldName: String?) -> Bool {
            switch (predicted, goldName) {
            case (nil, nil): return true
            case let (pp?, gn?): return parties.matches(pp, goldName: gn)
            default: return false
            }
        }
        // Predicted targets that are the same party count once.
        var predTargets: [ScoredParty] = []
        for t in pr.targets where !predTargets.contains(t) { predTargets.append(t) }
        let goldTargets = Array(Set(gr.targets)).sorted()
        let compatible = predTargets.map { t in goldTargets.map { parties.matches(t, goldName: $0) } }
        let inCommon = Assignment.maximumCardinality(compatible)
        // Right when the predicted targets denote exactly the gold set: each gold target is named
        // by its own predicted party, and every predicted party is one of the gold targets (two
        // predicted parties that are both the same gold party, "defendant" and "Michael L. Thompson"
        // when gold has one party with both names, are that party once).
        let targetsRight = inCommon == goldTargets.count && compatible.allSatisfy { $0.contains(true) }
        return RecordMatch(
            prediction: p, gold: g,
            sourceRight: same(pr.source, gr.source), onBehalfOfRight: same(pr.onBehalfOf, gr.onBehalfOf),
            targetsRight: targetsRight, targetsLenient: (predTargets.isEmpty && goldTargets.isEmpty) || inCommon > 0,
            targetsInCommon: inCommon, targetsPredicted: predTargets.count, targetsGold: goldTargets.count,
            modalityRight: gr.modality != nil && gr.modality == pr.modality)
    }
}

/// The keys (name and aliases, see `PartyNameNormalizer`) of each party a gold passage names.
struct GoldPartyKeys {
    private var keys: [String: Set<String>] = [:]
    private let names: PartyNameNormalizer

    init(_ passage: GoldPassage, names: PartyNameNormalizer) {
        self.names = names
        for p in passage.parties {
            keys[p.name, default: []].formUnion(names.keys(name: p.name, aliases: p.aliases, allFunctionWordNames: true))
        }
    }

    /// True when one of the predicted party's names or aliases has the key of the gold party's
    /// name or of one of its aliases. A gold name missing from `parties` is compared by its own key.
    func matches(_ predicted: ScoredParty, goldName: String) -> Bool {
        let gold = keys[goldName] ?? names.keys(name: goldName, aliases: [], allFunctionWordNames: true)
        if gold.isEmpty { return false }
        return !names.keys(name: predicted.name, aliases: predicted.aliases, allFunctionWordNames: false).isDisjoint(with: gold)
    }
}

/// Bipartite assignment on small matrices (a passage has tens of records at most).
enum Assignment {
    /// For each row, the column it is assigned to, maximising the total weight; a zero weight
    /// means "no edge" and is never reported as an assignment.
    static func maximumWeight(_ w: [[Double]]) -> [Int?] {
        let rows = w.count, cols = w.first?.count ?? 0
        guard rows > 0, cols > 0 else { return Array(repeating: nil, count: rows) }
        if rows > cols {
            // Solve the transpose so that rows ≤ columns.
            var t = Array(repeating: Array(repeating: 0.0, count: rows), count: cols)
            for r in 0 ..< rows { for c in 0 ..< cols { t[c][r] = w[r][c] } }
            let colToRow = maximumWeight(t)
            var out: [Int?] = Array(repeating: nil, count: rows)
            for (c, r) in colToRow.enumerated() { if let r { out[r] = c } }
            return out
        }
        // Hungarian method (potentials, O(rows² · cols)) minimising cost = -weight; 1-based arrays.
        let n = rows, m = cols
        var u = [Double](repeating: 0, count: n + 1), v = [Double](repeating: 0, count: m + 1)
        var p = [Int](repeating: 0, count: m + 1), way = [Int](repeating: 0, count: m + 1)
        for i in 1 ... n {
            p[0] = i
            var j0 = 0
            var minv = [Double](repeating: .infinity, count: m + 1)
            var used = [Bool](repeating: false, count: m + 1)
            repeat {
                used[j0] = true
                let i0 = p[j0]
                var delta = Double.infinity, j1 = 0
                for j in 1 ... m where !used[j] {
                    let cur = -w[i0 - 1][j - 1] - u[i0] - v[j]
                    if cur < minv[j] { minv[j] = cur; way[j] = j0 }
                    if minv[j] < delta { delta = minv[j]; j1 = j }
                }
                for j in 0 ... m {
                    if used[j] { u[p[j]] += delta; v[j] -= delta } else { minv[j] -= delta }
                }
                j0 = j1
            } while p[j0] != 0
            repeat {
                let j1 = way[j0]
                p[j0] = p[j1]
                j0 = j1
            } while j0 != 0
        }
        var out: [Int?] = Array(repeating: nil, count: n)
        for j in 1 ... m where p[j] != 0 && w[p[j] - 1][j - 1] > 0 { out[p[j] - 1] = j - 1 }
        return out
    }

    /// Size of a maximum matching in a boolean compatibility matrix (augmenting paths).
    static func maximumCardinality(_ ok: [[Bool]]) -> Int {
        let cols = ok.first?.count ?? 0
        var owner = [Int](repeating: -1, count: cols)
        func augment(_ r: Int, _ seen: inout [Bool]) -> Bool {
            for c in 0 ..< cols where ok[r][c] && !seen[c] {
                seen[c] = true
                if owner[c] < 0 || augment(owner[c], &seen) { owner[c] = r; return true }
            }
            return false
        }
        var size = 0
        for r in ok.indices {
            var seen = [Bool](repeating: false, count: cols)
            if augment(r, &seen) { size += 1 }
        }
        return size
    }
}
