// Evaluation: micro-averaged record scores (detection, source, targets, full, links, calibration)
// per language and per record type, as a table for people and JSON for machines.
// Requires: `PassageResult`s from `RecordMatcher`. Provides: `RecordCounts`, `RecordScores`.
import Foundation

/// Precision, recall and F1 from counts. F1 = 2·tp / (predicted + gold), which is nil when both
/// are zero (nothing to find and nothing found: no evidence either way).
public struct PRF: Sendable, Equatable {
    public var right: Int, predicted: Int, gold: Int
    public var precision: Double { predicted > 0 ? Double(right) / Double(predicted) : 0 }
    public var recall: Double { gold > 0 ? Double(right) / Double(gold) : 0 }
    public var f1: Double? { predicted + gold > 0 ? 2 * Double(right) / Double(predicted + gold) : nil }
}

/// Additive counts over any set of passages and record types.
public struct RecordCounts: Sendable, Equatable {
    public var passages = 0
    public var gold = 0
    public var predicted = 0
    public var matched = 0
    public var sourceRight = 0
    public var onBehalfOfRight = 0
    public var targetsRight = 0
    public var targetsLenient = 0
    public var targetsInCommon = 0
    public var targetsPredicted = 0
    public var targetsGold = 0
    public var modalityRight = 0
    public var full = 0
    public var goldLinks = 0
    public var predictedLinks = 0
    public var linksRight = 0
    /// Predictions with an empty `evidence` list (every record must say why it fired).
    public var withoutEvidence = 0
    public init() {}

    public mutating func add(_ o: RecordCounts) {
        passages += o.passages; gold += o.gold; predicted += o.predicted; matched += o.matched
        sourceRight += o.sourceRight; onBehalfOfRight += o.onBehalfOfRight; targetsRight += o.targetsRight
        targetsLenient += o.targetsLenient; targetsInCommon += o.targetsInCommon
        targetsPredicted += o.targetsPredicted; targetsGold += o.targetsGold; modalityRight += o.modalityRight
        full += o.full; goldLinks += o.goldLinks; predictedLinks += o.predictedLinks; linksRight += o.linksRight
        withoutEvidence += o.withoutEvidence
    }

    public var detect: PRF { PRF(right: matched, predicted: predicted, gold: gold) }
    public var fullMatch: PRF { PRF(right: full, predicted: predicted, gold: gold) }
    public var links: PRF { PRF(right: linksRight, predicted: predictedLinks, gold: goldLinks) }
    /// Target pairs over matched records (a lenient view of targets).
    public var targetPairs: PRF { PRF(right: targetsInCommon, predicted: targetsPredicted, gold: targetsGold) }
    /// Accuracies among detected (matched) records; nil when nothing matched.
    public var sourceAccuracy: Double? { rate(sourceRight) }
    public var onBehalfOfAccuracy: Double? { rate(onBehalfOfRight) }
    public var targetsAccuracy: Double? { rate(targetsRight) }
    public var targetsLenientAccuracy: Double? { rate(targetsLenient) }
    public var modalityAccuracy: Double? { rate(modalityRight) }
    private func rate(_ n: Int) -> Double? { matched > 0 ? Double(n) / Double(matched) : nil }

    /// The counts of one passage, restricted to one record type (links are counted only when
    /// `type` is nil: a link joins two types).
    public init(_ r: PassageResult, type: RecordType? = nil) {
        func keep(_ t: RecordType) -> Bool { type == nil || t == type }
        passages = 1
        gold = r.gold.records.filter { keep($0.type) }.count
        predicted = r.predictions.filter { keep($0.type) }.count
        withoutEvidence = r.predictions.filter { keep($0.type) && $0.evidence.isEmpty }.count
        for m in r.matches where keep(r.gold.records[m.gold].type) {
            matched += 1
            if m.sourceRight { sourceRight += 1 }
            if m.onBehalfOfRight { onBehalfOfRight += 1 }
            if m.targetsRight { targetsRight += 1 }
            if m.targetsLenient { targetsLenient += 1 }
            targetsInCommon += m.targetsInCommon; targetsPredicted += m.targetsPredicted; targetsGold += m.targetsGold
            if m.modalityRight { modalityRight += 1 }
            if m.full { full += 1 }
        }
        if type == nil { goldLinks = r.goldLinks; predictedLinks = r.predictedLinks; linksRight = r.linksRight }
    }
}

/// Predictions grouped by confidence: is a record with a higher confidence right more often?
public struct CalibrationBin: Sendable, Equatable {
    public var lower: Double, upper: Double
    public var count = 0
    public var detected = 0
    public var full = 0
    public var confidenceSum = 0.0
    public var detectPrecision: Double? { count > 0 ? Double(detected) / Double(count) : nil }
    public var fullPrecision: Double? { count > 0 ? Double(full) / Double(count) : nil }
    public var meanConfidence: Double? { count > 0 ? confidenceSum / Double(count) : nil }
}

public struct RecordScores: Sendable {
    public let passages: [PassageResult]
    public let overall: RecordCounts
    public let byLanguage: [Language: RecordCounts]
    public let byType: [RecordType: RecordCounts]
    public let byLanguageType: [Language: [RecordType: RecordCounts]]
    public let calibration: [CalibrationBin]
    /// Mean confidence of predictions that match a gold record, and of those that do not.
    public let meanConfidenceRight: Double?
    public let meanConfidenceWrong: Double?
    /// Probability that a matched prediction has a higher confidence than an unmatched one (ties
    /// count half; the area under the ROC curve): 0.5 is a confidence that says nothing, 1 one
    /// that ranks every right record above every wrong one. Nil unless both kinds exist.
    public let confidenceRanking: Double?

    public static let binEdges: [Double] = [0, 0.2, 0.4, 0.6, 0.8, 1.0]
    /// The project's goals on dev + seed (issue 4): detect F1 and full F1 in each language, links F1.
    public static let goals = (detectF1: 0.85, fullF1: 0.70, linksF1: 0.45)

    public init(_ passages: [PassageResult]) {
        self.passages = passages
        var overall = RecordCounts(), byLanguage: [Language: RecordCounts] = [:]
        var byType: [RecordType: RecordCounts] = [:], byLanguageType: [Language: [RecordType: RecordCounts]] = [:]
        var bins = (0 ..< Self.binEdges.count - 1).map { CalibrationBin(lower: Self.binEdges[$0], upper: Self.binEdges[$0 + 1]) }
        var right = (0.0, 0), wrong = (0.0, 0)
        var rightConfidences: [Double] = [], wrongConfidences: [Double] = []
        for r in passages {
            let all = RecordCounts(r)
            overall.add(all)
            byLanguage[r.language, default: RecordCounts()].add(all)
            for t in RecordType.allCases {
                let c = RecordCounts(r, type: t)
                byType[t, default: RecordCounts()].add(c)
                byLanguageType[r.language, default: [:]][t, default: RecordCounts()].add(c)
            }
            for (p, pr) in r.predictions.enumerated() {
                let c = pr.confidence.isFinite ? min(1, max(0, pr.confidence)) : 0
                let b = min(bins.count - 1, Int(c / 0.2))
                bins[b].count += 1
                bins[b].confidenceSum += c
                if let m = r.match(forPrediction: p) {
                    bins[b].detected += 1
                    if m.full { bins[b].full += 1 }
                    right.0 += c; right.1 += 1
                    rightConfidences.append(c)
                } else {
                    wrong.0 += c; wrong.1 += 1
                    wrongConfidences.append(c)
                }
            }
        }
        self.overall = overall; self.byLanguage = byLanguage; self.byType = byType
        self.byLanguageType = byLanguageType; self.calibration = bins
        meanConfidenceRight = right.1 > 0 ? right.0 / Double(right.1) : nil
        meanConfidenceWrong = wrong.1 > 0 ? wrong.0 / Double(wrong.1) : nil
        confidenceRanking = Self.ranking(rightConfidences, wrongConfidences)
    }

    static func ranking(_ right: [Double], _ wrong: [Double]) -> Double? {
        guard !right.isEmpty, !wrong.isEmpty else { return nil }
        let w = wrong.sorted()
        var wins = 0.0
        for r in right {
            // Wrong ones strictly below r, and equal to r (half), by binary search.
            var lo = 0, hi = w.count
            while lo < hi { let mid = (lo + hi) / 2; if w[mid] < r { lo = mid + 1 } else { hi = mid } }
            var eq = lo
            while eq < w.count && w[eq] == r { eq += 1 }
            wins += Double(lo) + 0.5 * Double(eq - lo)
        }
        return wins / Double(right.count * wrong.count)    }

    /// The counts of a language, or of everything when `language` is nil.
    public func counts(_ language: Language?) -> RecordCounts {
        guard let language else { return overall }
        return byLanguage[language] ?? RecordCounts()
    }

    /// The languages present, in a fixed order.
    public var languages: [Language] { Language.allCases.filter { byLanguage[$0] != nil } }
}

// MARK: - JSON

extension RecordScores {
    public func json() -> JSONValue {
        func number(_ d: Double?) -> JSONValue { d.map { .double($0) } ?? .null }
        func prf(_ x: PRF) -> JSONValue {
            .object([("precision", .double(x.precision)), ("recall", .double(x.recall)), ("f1", number(x.f1)),
                     ("right", .int(x.right)), ("predicted", .int(x.predicted)), ("gold", .int(x.gold))])
        }
        func counts(_ c: RecordCounts, links: Bool) -> JSONValue {
            var pairs: [(String, JSONValue)] = [
                ("passages", .int(c.passages)), ("gold", .int(c.gold)), ("predicted", .int(c.predicted)),
                ("detect", prf(c.detect)), ("full", prf(c.fullMatch)),
                ("source_accuracy", number(c.sourceAccuracy)),
                ("targets_accuracy", number(c.targetsAccuracy)),
                ("targets_lenient_accuracy", number(c.targetsLenientAccuracy)),
                ("target_pairs", prf(c.targetPairs)),
                ("on_behalf_of_accuracy", number(c.onBehalfOfAccuracy)),
                ("modality_accuracy", number(c.modalityAccuracy)),
            ]
            if links { pairs.append(("links", prf(c.links))) }
            pairs.append(("without_evidence", .int(c.withoutEvidence)))
            return .object(pairs)
        }
        func types(_ d: [RecordType: RecordCounts]) -> JSONValue {
            .object(RecordType.allCases.compactMap { t in
                guard let c = d[t], c.gold + c.predicted > 0 else { return nil }
                return (t.rawValue, counts(c, links: false))
            })
        }
        var langs: [(String, JSONValue)] = []
        for l in languages {
            guard case .object(var pairs) = counts(byLanguage[l]!, links: true) else { continue }
            pairs.append(("by_type", types(byLanguageType[l] ?? [:])))
            langs.append((l.rawValue, .object(pairs)))
        }
        guard case .object(var all) = counts(overall, links: true) else { return .null }
        all.append(("by_type", types(byType)))
        let bins: [JSONValue] = calibration.map { b in
            .object([("lower", .double(b.lower)), ("upper", .double(b.upper)), ("count", .int(b.count)),
                     ("mean_confidence", number(b.meanConfidence)),
                     ("detect_precision", number(b.detectPrecision)), ("full_precision", number(b.fullPrecision))])
        }
        let perPassage: [JSONValue] = passages.map { p in
            let c = RecordCounts(p)
            return .object([("id", .string(p.gold.id)), ("language", .string(p.language.rawValue)),
                            ("gold", .int(c.gold)), ("predicted", .int(c.predicted)), ("matched", .int(c.matched)),
                            ("full", .int(c.full)), ("links_gold", .int(c.goldLinks)), ("links_predicted", .int(c.predictedLinks)),
                            ("links_right", .int(c.linksRight))])
        }
        let failed: [JSONValue] = passages.compactMap { p in
            p.error.map { .object([("id", .string(p.gold.id)), ("error", .string($0))]) }
        }
        return .object([
            ("languages", .object(langs)),
            ("overall", .object(all)),
            ("calibration", .object([
                ("bins", .array(bins)),
                ("mean_confidence_right", number(meanConfidenceRight)),
                ("mean_confidence_wrong", number(meanConfidenceWrong)),
                ("ranking_auc", number(confidenceRanking)),
            ])),
            ("passages", .array(perPassage)),
            ("failed_passages", .array(failed)),
        ])
    }
}

// MARK: - Table

extension RecordScores {
    /// A plain-text report: one block per language and overall, rows per record type.
    public func table() -> String {
        var out = ""
        func pct(_ d: Double?) -> String {
            guard let d else { return "    -" }
            return String(format: "%5.3f", d)
        }
        func row(_ label: String, _ c: RecordCounts) -> String {
            [pad(label, 11, left: true), pad(String(c.gold), 5), pad(String(c.predicted), 5), pad(String(c.matched), 5),
             pct(c.detect.precision), pct(c.detect.recall), pct(c.detect.f1),
             pct(c.sourceAccuracy), pct(c.targetsAccuracy), pct(c.targetsLenientAccuracy), pct(c.onBehalfOfAccuracy),
             pct(c.fullMatch.f1)].joined(separator: " ")
        }
        let header = [pad("", 11, left: true), pad("gold", 5), pad("pred", 5), pad("match", 5),
                      pad("detP", 5), pad("detR", 5), pad("detF1", 5),
                      pad("src", 5), pad("tgt", 5), pad("tgt~", 5), pad("obo", 5), pad("fullF1", 5)].joined(separator: " ")
        func block(_ title: String, _ c: RecordCounts, _ types: [RecordType: RecordCounts]) {
            out += "\(title): \(c.passages) passages\n" + header + "\n"
            for t in RecordType.allCases {
                guard let tc = types[t], tc.gold + tc.predicted > 0 else { continue }
                out += row(t.rawValue, tc) + "\n"
            }
            out += row("all", c) + "\n"
            let l = c.links
            out += "  links (responds_to): gold \(l.gold), predicted \(l.predicted), right \(l.right);"
                + " P \(pct(l.precision).trimmed) R \(pct(l.recall).trimmed) F1 \(pct(l.f1).trimmed)\n"
            out += "  modality accuracy \(pct(c.modalityAccuracy).trimmed); records without evidence: \(c.withoutEvidence)\n\n"
        }
        out += "summary (goal: detect F1 ≥ \(Self.goals.detectF1), full F1 ≥ \(Self.goals.fullF1), links F1 ≥ \(Self.goals.linksF1))\n"
        for (label, c) in languages.map({ ($0.rawValue, byLanguage[$0]!) }) + [("all", overall)] {
            out += "  " + pad(label, 4, left: true) + "detect F1 \(pct(c.detect.f1))  full F1 \(pct(c.fullMatch.f1))  links F1 \(pct(c.links.f1))"
                + "  (gold \(c.gold), predicted \(c.predicted))\n"
        }
        out += "\n"
        for l in languages { block(l.rawValue, byLanguage[l]!, byLanguageType[l] ?? [:]) }
        block("overall", overall, byType)
        out += "confidence calibration (all predictions)\n"
        out += "  bin          count  meanConf  detectP  fullP\n"
        for b in calibration {
            out += "  " + pad("\(b.lower)–\(b.upper)", 11, left: true) + " " + pad(String(b.count), 6) + "   "
                + pct(b.meanConfidence) + "    " + pct(b.detectPrecision) + "  " + pct(b.fullPrecision) + "\n"
        }
        out += "  mean confidence: matched \(pct(meanConfidenceRight).trimmed), unmatched \(pct(meanConfidenceWrong).trimmed);"
            + " P(matched ranked above unmatched) \(pct(confidenceRanking).trimmed)\n"
        for p in passages { if let e = p.error { out += "failed: \(p.gold.id): \(e)\n" } }
        out += "\ndet = type right and cue/content overlapping the gold span (one-to-one); src/tgt = source/target set right\n"
            + "among matched (tgt~ = at least one target in common); obo = on_behalf_of right among matched;\n"
            + "full = detected with source and targets right. Micro-averaged; '-' = nothing to score.\n"
        return out
    }

    /// Per passage: gold records nobody found, predictions that match nothing, and matched
    /// records whose source or targets are wrong.
    public func errorReport() -> String {
        var out = ""
        func clip(_ s: String, _ n: Int = 70) -> String {
            let one = s.split(whereSeparator: { $0 == "\n" || $0 == "\r" }).joined(separator: " ")
            return one.count > n ? String(one.prefix(n - 1)) + "…" : one
        }
        func name(_ p: ScoredParty?) -> String { p?.name ?? "∅" }
        func names(_ ps: [ScoredParty]) -> String { "[" + ps.map(\.name).joined(separator: ", ") + "]" }
        for r in passages {
            let g = r.gold
            let wrong = r.matches.filter { !$0.full }
            guard !r.missed.isEmpty || !r.spurious.isEmpty || !wrong.isEmpty || r.error != nil else { continue }
            out += "== \(g.id) (\(g.language.rawValue)): gold \(g.records.count), predicted \(r.predictions.count), matched \(r.matches.count)\n"
            if let e = r.error { out += "  pipeline failed: \(e)\n" }
            for i in r.missed {
                let gr = g.records[i]
                let cue = gr.cue.map { g.string($0) } ?? ""
                out += "  MISSED   g\(i) \(gr.type.rawValue) @\(gr.span.start) cue «\(clip(cue, 40))» source \(gr.source ?? "∅") → [\(gr.targets.joined(separator: ", "))]\n"
                out += "           «\(clip(g.string(gr.span)))»\n"
            }
            for i in r.spurious {
                let pr = r.predictions[i]
                out += "  SPURIOUS p\(i) \(pr.type.rawValue) @\(pr.cue.start) cue «\(clip(g.string(pr.cue), 40))» source \(name(pr.source)) → \(names(pr.targets))"
                    + " conf \(String(format: "%.2f", pr.confidence)) [\(pr.evidence.joined(separator: ", "))]\n"
                if let c = pr.content { out += "           «\(clip(g.string(c)))»\n" }
                // A missed gold record of another type in the same place: a type confusion.
                for j in r.missed where g.records[j].type != pr.type
                    && (pr.cue.overlap(g.records[j].span) > 0 || (pr.content.map { $0.overlap(g.records[j].span) > 0 } ?? false)) {
                    out += "           (overlaps missed g\(j) \(g.records[j].type.rawValue): type confusion?)\n"
                }
            }
            for m in wrong {
                let gr = g.records[m.gold], pr = r.predictions[m.prediction]
                var what: [String] = []
                if !m.sourceRight { what.append("source \(name(pr.source)) ≠ gold \(gr.source ?? "∅")") }
                if !m.targetsRight { what.append("targets \(names(pr.targets)) ≠ gold [\(gr.targets.joined(separator: ", "))]") }
                out += "  WRONG    g\(m.gold)/p\(m.prediction) \(gr.type.rawValue) cue «\(clip(g.string(pr.cue), 40))»: \(what.joined(separator: "; "))\n"
            }
        }
        if out.isEmpty { out = "no errors\n" }
        out += "\n" + errorSummary()
        return out
    }

    /// Which evidence (rule or lexicon entry) fires on right and wrong records, which gold cues are
    /// missed most, and which types are confused: where tuning pays.
    public func errorSummary() -> String {
        var out = ""
        // Evidence precision: a prediction counts once for each evidence string it carries.
        var byEvidence: [String: (count: Int, matched: Int, full: Int)] = [:]
        var confusions: [String: Int] = [:]
        var missedCues: [String: Int] = [:]
        for r in passages {
            for (p, pr) in r.predictions.enumerated() {
                let m = r.match(forPrediction: p)
                for e in Set(pr.evidence) {
                    var v = byEvidence[e] ?? (0, 0, 0)
                    v.count += 1
                    if let m { v.matched += 1; if m.full { v.full += 1 } }
                    byEvidence[e] = v
                }
                if m == nil {
                    for j in r.missed where r.gold.records[j].type != pr.type
                        && (pr.cue.overlap(r.gold.records[j].span) > 0 || (pr.content.map { $0.overlap(r.gold.records[j].span) > 0 } ?? false)) {
                        confusions["\(r.gold.records[j].type.rawValue) predicted as \(pr.type.rawValue)", default: 0] += 1
                    }
                }
            }
            for j in r.missed {
                let g = r.gold.records[j]
                let cue = g.cue.map { r.gold.string($0) } ?? ""
                missedCues["\(r.language.rawValue) \(g.type.rawValue): \(Folding.lower(cue))", default: 0] += 1
            }
        }
        out += "evidence precision (predictions carrying it: matched, full), most spurious first\n"
        let rows = byEvidence.sorted { a, b in
            let sa = a.value.count - a.value.matched, sb = b.value.count - b.value.matched
            return sa != sb ? sa > sb : a.key < b.key
        }
        for (e, v) in rows.prefix(40) {
            out += "  " + pad(e, 44, left: true) + " " + pad(String(v.count), 4) + " fired, " + pad(String(v.matched), 4)
                + " matched, " + pad(String(v.full), 4) + " full, " + pad(String(v.count - v.matched), 4) + " spurious\n"
        }
        if rows.count > 40 { out += "  … \(rows.count - 40) more\n" }
        if !confusions.isEmpty {
            out += "type confusions (a spurious prediction over a missed gold record)\n"
            for (k, n) in confusions.sorted(by: { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }) {
                out += "  \(n)× \(k)\n"
            }
        }
        if !missedCues.isEmpty {
            out += "missed gold cues\n"
            for (k, n) in missedCues.sorted(by: { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }).prefix(60) {
                out += "  \(n)× \(k)\n"
            }
        }
        return out
    }
}

private func pad(_ s: String, _ n: Int, left: Bool = false) -> String {
    let fill = String(repeating: " ", count: max(0, n - s.count))
    return left ? s + fill : fill + s
}

private extension String {
    var trimmed: String { String(drop(while: { $0 == " " })) }
}
