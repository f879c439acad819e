// RiposteRecords: claims and responses.
// Requires: segmented text, its parties, and the language's cue lexicons (Lexicons/<lang>/).
// Provides: `[Record]`: one act of one source in one place of the text, typed (RECORDS.md),
// with source, on_behalf_of, targets, cue and content spans, modality, channel, responds_to
// links, a confidence and the evidence (rules and lexicon entries) that produced it.
import RiposteText

public enum RecordType: String, Sendable, Hashable, CaseIterable {
    case filing, allegation, denial, admission, apology, offer
    case noComment = "no_comment"
    case ruling

    public enum Family: String, Sendable { case claim, response }
    public var family: Family {
        switch self {
        case .filing, .allegation, .ruling: return .claim
        default: return .response
        }
    }
}

public enum Modality: String, Sendable, Hashable, CaseIterable {
    case asserted, reported, conditional, negated, hypothetical
}

public struct Record: Sendable, Hashable {
    public var type: RecordType
    /// Index into the document's `PartySet.parties`; nil when the text gives no source.
    public var source: Int?
    public var onBehalfOf: Int?
    public var targets: [Int]
    /// Normalised byte spans.
    public var cue: ByteSpan
    public var content: ByteSpan?
    public var modality: Modality
    /// Indices of the claim records (same document) this response answers.
    public var respondsTo: [Int]
    public var channel: String?
    /// Index of the sentence that expresses the act.
    public var sentence: Int
    public var confidence: Double
    public var evidence: [String]

    public init(type: RecordType, source: Int? = nil, onBehalfOf: Int? = nil, targets: [Int] = [], cue: ByteSpan,
                content: ByteSpan? = nil, modality: Modality = .reported, respondsTo: [Int] = [], channel: String? = nil,
                sentence: Int, confidence: Double = 0.5, evidence: [String] = []) {
        self.type = type; self.source = source; self.onBehalfOf = onBehalfOf; self.targets = targets; self.cue = cue
        self.content = content; self.modality = modality; self.respondsTo = respondsTo; self.channel = channel
        self.sentence = sentence; self.confidence = confidence; self.evidence = evidence
    }
}

extension Array where Element == Record {
    /// `contains(where:)` for records, by index: the Sequence version iterates with an iterator
    /// that hands out a copy of each record (retaining its arrays and strings), and the rules ask
    /// this of the whole record list for every new record. Same answer, no copies.
    @inline(__always) func contains(where predicate: (Record) throws -> Bool) rethrows -> Bool {
        // Through the buffer, meant to lend the elements to the predicate; the optimiser still
        // copies each record for the call (seen in the release build), so hot loops read records
        // by index instead (DocumentRun.anyRecord).
        try withUnsafeBufferPointer { buf in
            for i in buf.indices where try predicate(buf[i]) { return true }
            return false
        }
    }

    /// `lastIndex(where:)` without a copy of each record tested (see `contains(where:)`).
    @inline(__always) func lastIndex(where predicate: (Record) throws -> Bool) rethrows -> Int? {
        try withUnsafeBufferPointer { buf in
            var i = buf.count
            while i > 0 {
                i -= 1
                if try predicate(buf[i]) { return i }
            }
            return nil
        }
    }

    /// `last(where:)` without a copy of each record tested (see `contains(where:)`).
    @inline(__always) func last(where predicate: (Record) throws -> Bool) rethrows -> Record? {
        try lastIndex(where: predicate).map { self[$0] }
    }
}
