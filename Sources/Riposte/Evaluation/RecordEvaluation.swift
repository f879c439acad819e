// Evaluation: runs the pipeline on gold passages and scores the records; the ratchet that keeps
// the figures from sliding back.
// Requires: gold passages, a `Pipeline`. Provides: `RecordEvaluation.run`, `RecordsRatchet`.
import Foundation

public enum RecordEvaluation {
    /// Analyses each passage in its gold language and scores the records. A passage the pipeline
    /// rejects counts as one with no predictions (its error is kept in the result).
    public static func run(_ gold: [GoldPassage], pipeline: Pipeline) -> RecordScores {
        var matchers: [Language: RecordMatcher] = [:]
        var results: [PassageResult] = []
        for passage in gold {
            let matcher = matchers[passage.language] ?? RecordMatcher(names: PartyNameNormalizer(lexicon: pipeline.lexicons[passage.language]))
            matchers[passage.language] = matcher
            do {
                let analysis = try pipeline.analyze(text: passage.text, id: passage.id, language: passage.language)
                results.append(matcher.match(gold: passage, predictions: PredictedRecord.from(analysis)))
            } catch {
                results.append(matcher.match(gold: passage, predictions: [], error: "\(error)"))
            }
        }
        return RecordScores(results)
    }

    /// Scores predictions made elsewhere (e.g. hand-made in tests), passage by passage.
    public static func score(_ gold: [GoldPassage], predictions: [[PredictedRecord]], lexicons: LexiconStore) -> RecordScores {
        let results = zip(gold, predictions).map { passage, predicted in
            RecordMatcher(names: PartyNameNormalizer(lexicon: lexicons[passage.language])).match(gold: passage, predictions: predicted)
        }
        return RecordScores(results)
    }
}

/// The lowest figures the records extractor may score: `{"fr": {"detect_f1": …, "full_f1": …,
/// "links_f1": …}, "en": {…}, "all": {…}}`. A figure that drops below its threshold fails the
/// ratchet; `raised(by:)` lifts each threshold to the figure reached (never lowers one).
public struct RecordsRatchet: Sendable, Equatable {
    public static let figures = ["detect_f1", "full_f1", "links_f1"]
    public static let scopes = ["fr", "en", "all"]
    public var thresholds: [String: [String: Double]]

    public init(thresholds: [String: [String: Double]] = [:]) { self.thresholds = thresholds }

    public static func load(path: String) throws -> RecordsRatchet {
        guard let data = FileManager.default.contents(atPath: path),
              let obj = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw GoldError("cannot read ratchet file \(path)")
        }
        var t: [String: [String: Double]] = [:]
        for scope in scopes {
            guard let figures = obj[scope] as? [String: Any] else { continue }
            for f in Self.figures { if let v = (figures[f] as? NSNumber)?.doubleValue { t[scope, default: [:]][f] = v } }
        }
        return RecordsRatchet(thresholds: t)
    }

    /// The figure a threshold applies to (0 when there is nothing to score).
    public static func value(_ figure: String, scope: String, in scores: RecordScores) -> Double {
        let c = scores.counts(Language(rawValue: scope))
        switch figure {
        case "detect_f1": return c.detect.f1 ?? 0
        case "full_f1": return c.fullMatch.f1 ?? 0
        default: return c.links.f1 ?? 0
        }
    }

    /// One line per figure below its threshold.
    public func failures(_ scores: RecordScores) -> [String] {
        var out: [String] = []
        for scope in Self.scopes {
            for f in Self.figures {
                guard let min = thresholds[scope]?[f] else { continue }
                let v = Self.value(f, scope: scope, in: scores)
                if v + 1e-9 < min { out.append("\(scope) \(f) = \(String(format: "%.3f", v)) < ratchet \(String(format: "%.3f", min))") }
            }
        }
        return out
    }

    /// Each threshold raised to the figure reached, rounded down to 3 decimals (so the same run
    /// passes again whatever the rounding).
    public func raised(by scores: RecordScores) -> RecordsRatchet {
        var t = thresholds
        for scope in Self.scopes {
            for f in Self.figures {
                let v = (Self.value(f, scope: scope, in: scores) * 1000).rounded(.down) / 1000
                t[scope, default: [:]][f] = max(thresholds[scope]?[f] ?? 0, v)
            }
        }
        return RecordsRatchet(thresholds: t)
    }

    public func json() -> JSONValue {
        .object(Self.scopes.map { scope in
            (scope, .object(Self.figures.map { ($0, .double(thresholds[scope]?[$0] ?? 0)) }))
        })
    }
}
