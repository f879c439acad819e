import RiposteText

/// A CoNLL-U treebank reduced to what segmentation is scored on: each sentence's `# text`, whether
/// it opens a paragraph (`# newpar` / `# newdoc`), and its surface tokens (a multiword range line
/// such as `1-2 don't` is one token; the syntactic words under it are not).
public struct Treebank: Sendable {
    public struct Sentence: Sendable {
        public var text: String
        public var startsParagraph: Bool
        public var tokens: [String]
    }
    public var sentences: [Sentence] = []

    /// Parses CoNLL-U text.
    public init(conllu: String) {
        var current: Sentence? = nil
        var pendingParagraph = false
        var skipThrough = 0
        func finish() {
            if let c = current { sentences.append(c) }
            current = nil
            skipThrough = 0
        }
        for rawLine in conllu.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
            if line.isEmpty { finish(); continue }
            if line.hasPrefix("#") {
                if line.hasPrefix("# newpar") || line.hasPrefix("# newdoc") { pendingParagraph = true }
                if line.hasPrefix("# text =") {
                    var t = line.dropFirst("# text =".count)
                    if t.first == " " { t = t.dropFirst() }
                    if current == nil { current = Sentence(text: "", startsParagraph: false, tokens: []) }
                    current!.text = String(t)
                    current!.startsParagraph = pendingParagraph
                    pendingParagraph = false
                }
                continue
            }
            let fields = line.split(separator: "\t", maxSplits: 2, omittingEmptySubsequences: false)
            guard fields.count >= 2 else { continue }
            let id = fields[0]
            if id.contains(".") { continue }  // empty nodes
            if current == nil { current = Sentence(text: "", startsParagraph: pendingParagraph, tokens: []); pendingParagraph = false }
            if let dash = id.firstIndex(of: "-") {
                skipThrough = Int(id[id.index(after: dash)...]) ?? 0
                current!.tokens.append(String(fields[1]))
                continue
            }
            if let n = Int(id), n <= skipThrough { continue }
            current!.tokens.append(String(fields[1]))
        }
        finish()
    }

    /// The raw text the CoNLL 2018 shared task built from a treebank: `# text` lines joined by a
    /// space within a paragraph, a blank line before each new paragraph.
    public var rawText: String {
        var out = ""
        for (i, s) in sentences.enumerated() {
            if i > 0 { out += s.startsParagraph ? "\n\n" : " " }
            out += s.text
        }
        return out
    }
}

/// Precision, recall and F1 of one kind of unit (tokens or sentences).
public struct SpanScore: Sendable, Hashable {
    public var gold = 0
    public var system = 0
    public var correct = 0
    public var precision: Double { system == 0 ? 0 : Double(correct) / Double(system) }
    public var recall: Double { gold == 0 ? 0 : Double(correct) / Double(gold) }
    public var f1: Double { gold + system == 0 ? 0 : 2 * Double(correct) / Double(gold + system) }
}

/// Where system and gold disagree, for error analysis: a unit's text in one and not the other.
public struct SegmentationError: Sendable, Hashable {
    public enum Side: Sendable { case goldOnly, systemOnly }
    public var side: Side
    public var isSentence: Bool
    /// Non-whitespace character offsets of the unit.
    public var start: Int
    public var end: Int
    public var text: String
}

/// Scores of a segmenter against a treebank, computed the CoNLL 2018 way: system and gold are
/// aligned on their non-whitespace characters, and a token or a sentence counts as correct when
/// its character span is identical in both.
public struct SegmentationScore: Sendable {
    public var tokens = SpanScore()
    public var sentences = SpanScore()
    /// Non-whitespace characters of the gold forms that differ from the raw text (should be 0).
    public var characterMismatches = 0
    public var errors: [SegmentationError] = []
}

public enum SegmentationScorer {
    /// Segments the treebank's raw text with `segmenter` and scores tokens and sentences.
    /// Keeps up to `keepErrors` disagreements (in text order) for inspection.
    public static func score(_ treebank: Treebank, segmenter: Segmenter, keepErrors: Int = 0) throws -> SegmentationScore {
        let raw = Array(treebank.rawText.utf8)
        let text = try segmenter.segment(raw)

        // Non-whitespace code points before each byte of the raw text.
        var nonSpaceBefore = [Int32](repeating: 0, count: raw.count + 1)
        var scalars: [UInt32] = []  // the raw text's non-whitespace code points
        scalars.reserveCapacity(raw.count)
        var n: Int32 = 0
        var i = 0
        while i < raw.count {
            let (cp, len) = decodeScalar(raw, i)
            for k in 0 ..< len { nonSpaceBefore[i + k] = n }
            if !isWhitespace(cp) { n += 1; scalars.append(cp) }
            i += len
        }
        nonSpaceBefore[raw.count] = n

        var score = SegmentationScore()
        // Gold spans, in non-whitespace characters.
        var goldTokens: [(Int, Int)] = []
        var goldSentences: [(Int, Int)] = []
        var pos = 0
        for s in treebank.sentences {
            let first = pos
            for form in s.tokens {
                let start = pos
                for u in form.unicodeScalars where !isWhitespace(u.value) {
                    if pos < scalars.count, scalars[pos] != u.value { score.characterMismatches += 1 }
                    pos += 1
                }
                if pos > start { goldTokens.append((start, pos)) }
            }
            if pos > first { goldSentences.append((first, pos)) }
        }

        func nonSpaceSpan(_ s: ByteSpan) -> (Int, Int) {
            let o = text.originalSpan(s)
            return (Int(nonSpaceBefore[max(0, min(o.start, raw.count))]), Int(nonSpaceBefore[max(0, min(o.end, raw.count))]))
        }
        var systemTokens: [(Int, Int)] = []
        for t in text.tokens {
            let s = nonSpaceSpan(t.span)
            if s.1 > s.0 { systemTokens.append(s) }
        }
        var systemSentences: [(Int, Int)] = []
        for s in text.sentences {
            let sp = nonSpaceSpan(s.span)
            if sp.1 > sp.0 { systemSentences.append(sp) }
        }

        func textOf(_ a: Int, _ b: Int) -> String {
            var u = String.UnicodeScalarView()
            for k in a ..< min(b, scalars.count) { if let sc = Unicode.Scalar(scalars[k]) { u.append(sc) } }
            return String(u)
        }
        func compare(_ gold: [(Int, Int)], _ system: [(Int, Int)], sentences: Bool) -> SpanScore {
            var r = SpanScore(gold: gold.count, system: system.count, correct: 0)
            var g = 0, s = 0
            while g < gold.count || s < system.count {
                if g < gold.count, s < system.count, gold[g] == system[s] { r.correct += 1; g += 1; s += 1; continue }
                // Advance whichever span starts first (ties: the shorter one).
                let takeGold: Bool
                if g >= gold.count { takeGold = false } else if s >= system.count { takeGold = true } else {
                    takeGold = gold[g].0 < system[s].0 || (gold[g].0 == system[s].0 && gold[g].1 < system[s].1)
                }
                if score.errors.count < keepErrors {
                    let span = takeGold ? gold[g] : system[s]
                    score.errors.append(SegmentationError(side: takeGold ? .goldOnly : .systemOnly, isSentence: sentences,
                                                          start: span.0, end: span.1, text: textOf(span.0, span.1)))
                }
                if takeGold { g += 1 } else { s += 1 }
            }
            return r
        }
        score.tokens = compare(goldTokens, systemTokens, sentences: false)
        score.sentences = compare(goldSentences, systemSentences, sentences: true)
        return score
    }

    /// Python's `str.isspace()` set, which the CoNLL 2018 evaluation script strips.
    static func isWhitespace(_ cp: UInt32) -> Bool {
        switch cp {
        case 0x09 ... 0x0D, 0x1C ... 0x20, 0x85, 0xA0, 0x1680, 0x2000 ... 0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: return true
        default: return false
        }
    }

    static func decodeScalar(_ s: [UInt8], _ i: Int) -> (UInt32, Int) {
        let b0 = UInt32(s[i])
        if b0 < 0x80 { return (b0, 1) }
        let n = s.count
        if b0 >= 0xF0, i + 3 < n {
            return (((b0 & 0x07) << 18) | ((UInt32(s[i + 1]) & 0x3F) << 12) | ((UInt32(s[i + 2]) & 0x3F) << 6) | (UInt32(s[i + 3]) & 0x3F), 4)
        }
        if b0 >= 0xE0, i + 2 < n { return (((b0 & 0x0F) << 12) | ((UInt32(s[i + 1]) & 0x3F) << 6) | (UInt32(s[i + 2]) & 0x3F), 3) }
        if b0 >= 0xC0, i + 1 < n { return (((b0 & 0x1F) << 6) | (UInt32(s[i + 1]) & 0x3F), 2) }
        return (0xFFFD, 1)
    }
}
