// Evaluation: the records a system predicts, in the terms gold files use (parties by name and
// aliases, code point spans into the original text), so the scorer can be fed by the pipeline
// or by hand in tests.
// Requires: a `DocumentAnalysis` (or hand-made values). Provides: `PredictedRecord`, `ScoredParty`.

/// A party of a prediction: the names the scorer may match against gold names and aliases.
public struct ScoredParty: Hashable, Sendable {
    public var name: String
    public var aliases: [String]
    public init(name: String, aliases: [String] = []) { self.name = name; self.aliases = aliases }
    public var names: [String] { [name] + aliases }
}

public struct PredictedRecord: Hashable, Sendable {
    public var type: RecordType
    public var source: ScoredParty?
    public var onBehalfOf: ScoredParty?
    public var targets: [ScoredParty]
    public var cue: CodePointSpan
    public var content: CodePointSpan?
    public var modality: Modality?
    /// Indices of the predicted records (same passage) this one responds to.
    public var respondsTo: [Int]
    public var channel: String?
    public var confidence: Double
    public var evidence: [String]

    public init(type: RecordType, source: ScoredParty? = nil, onBehalfOf: ScoredParty? = nil, targets: [ScoredParty] = [],
                cue: CodePointSpan, content: CodePointSpan? = nil, modality: Modality? = nil, respondsTo: [Int] = [],
                channel: String? = nil, confidence: Double = 0.5, evidence: [String] = []) {
        self.type = type; self.source = source; self.onBehalfOf = onBehalfOf; self.targets = targets
        self.cue = cue; self.content = content; self.modality = modality; self.respondsTo = respondsTo
        self.channel = channel; self.confidence = confidence; self.evidence = evidence
    }

    /// From cue start to content end (or the reverse): the stretch of text the record claims.
    public var extent: CodePointSpan { content.map { cue.union($0) } ?? cue }
}

extension PredictedRecord {
    /// The records of an analysed document, with spans moved to code points of the original text
    /// (exactly as `riposte/1` JSON gives them).
    public static func from(_ analysis: DocumentAnalysis) -> [PredictedRecord] {
        let text = analysis.text
        let index = CodePointIndex(utf8: text.original)
        func cp(_ s: ByteSpan) -> CodePointSpan {
            let o = text.originalSpan(s)
            return CodePointSpan(index.codePoint(atByte: o.start), index.codePoint(atByte: o.end))
        }
        let parties = analysis.parties.parties
        func party(_ i: Int?) -> ScoredParty? {
            guard let i, i >= 0, i < parties.count else { return nil }
            return ScoredParty(name: parties[i].name, aliases: parties[i].aliases)
        }
        return analysis.records.map { r in
            PredictedRecord(type: r.type, source: party(r.source), onBehalfOf: party(r.onBehalfOf),
                            targets: r.targets.compactMap { party($0) }, cue: cp(r.cue), content: r.content.map(cp),
                            modality: r.modality, respondsTo: r.respondsTo, channel: r.channel,
                            confidence: r.confidence, evidence: r.evidence)
        }
    }
}
