import RiposteText
import RiposteNormalize

/// Groups tokens into sentences. Ends a sentence at . ! ? … when the next token can start one
/// (abbreviations excepted), at line breaks after a complete line, and after headings and list
/// items (lines without final punctuation).
public struct SentenceSplitter: Sendable {
    public let data: SegmenterData
    public init(data: SegmenterData) { self.data = data }

    public func split(_ text: [UInt8], _ tokens: [Token]) -> [Sentence] {
        var sentences: [Sentence] = []
        guard !tokens.isEmpty else { return sentences }
        var start = 0
        var paragraph = 0
        func close(_ endIndex: Int) {  // tokens start ..< endIndex
            guard endIndex > start else { return }
            let span = ByteSpan(tokens[start].span.start, tokens[endIndex - 1].span.end)
            let last = tokens[endIndex - 1]
            let terminal = isTerminal(last) || (last.kind == .quote && endIndex - 2 >= start && isTerminal(tokens[endIndex - 2]))
            let listItem = isListMarker(tokens[start]) && startsLine(text, tokens[start].span.start)
            var s = Sentence(span: span, tokens: start ..< endIndex, paragraph: paragraph)
            s.isListItem = listItem
            s.isHeading = !terminal && !listItem && endsLine(text, span.end) && startsLine(text, span.start)
                && last.lower != ":" && last.lower != ","
            sentences.append(s)
            start = endIndex
        }

        for i in 0 ..< tokens.count {
            let t = tokens[i]
            if i > start {
                let gap = newlines(text, tokens[i - 1].span.end, t.span.start)
                if gap > 0 {
                    let prev = tokens[i - 1]
                    // A wrapped line continues when it does not end a clause and the next starts lower case.
                    let continues = gap == 1 && !isTerminal(prev) && prev.kind != .quote && !t.isCapitalized
                        && t.kind == .word && !isListMarker(t) && prev.lower != ":"
                    if !continues { close(i); paragraph += 1 }
                }
            }
        }
        close(tokens.count)
        return sentences.isEmpty ? [] : resplit(text, tokens, sentences)
    }

    /// Second pass: split each line at terminal marks that the next token can follow.
    private func resplit(_ text: [UInt8], _ tokens: [Token], _ lines: [Sentence]) -> [Sentence] {
        var out: [Sentence] = []
        for line in lines {
            var start = line.tokens.lowerBound
            var quoteDepth = 0
            var i = start
            while i < line.tokens.upperBound {
                let t = tokens[i]
                if t.kind == .quote { quoteDepth = max(0, quoteDepth + quoteDelta(t)) }
                if isTerminal(t) {
                    var j = i + 1
                    while j < line.tokens.upperBound, !tokens[j].spaceBefore, isCloser(tokens[j]) {
                        if tokens[j].kind == .quote { quoteDepth = max(0, quoteDepth + quoteDelta(tokens[j])) }
                        j += 1
                    }
                    if j < line.tokens.upperBound {
                        let next = tokens[j]
                        let canStart = next.isCapitalized || next.kind == .number || isOpener(next) || isListMarker(next)
                        let insideQuote = quoteDepth > 0 && !(next.kind == .quote)
                        if canStart && !insideQuote && next.spaceBefore {
                            var s = line
                            s.tokens = start ..< j
                            s.span = ByteSpan(tokens[start].span.start, tokens[j - 1].span.end)
                            s.isHeading = false
                            s.isListItem = line.isListItem && start == line.tokens.lowerBound
                            out.append(s)
                            start = j
                        }
                    }
                    i = j
                    continue
                }
                i += 1
            }
            if start < line.tokens.upperBound {
                var s = line
                s.tokens = start ..< line.tokens.upperBound
                s.span = ByteSpan(tokens[start].span.start, tokens[line.tokens.upperBound - 1].span.end)
                if start != line.tokens.lowerBound { s.isHeading = false; s.isListItem = false }
                out.append(s)
            }
        }
        return out
    }

    private func isTerminal(_ t: Token) -> Bool {
        if t.kind != .punctuation { return false }
        switch t.lower { case ".", "!", "?", "…", "...", "?!", "!?": return true; default: return false }
    }
    private func isCloser(_ t: Token) -> Bool {
        (t.kind == .quote && quoteDelta(t) <= 0) || t.lower == ")" || t.lower == "]" || (t.kind == .punctuation && isTerminal(t))
    }
    private func isOpener(_ t: Token) -> Bool { t.lower == "(" || t.lower == "[" || t.lower == "«" || t.lower == "“" || t.lower == "\"" }
    private func isListMarker(_ t: Token) -> Bool {
        t.lower == "-" || t.lower == "–" || t.lower == "—" || t.lower == "•" || t.lower == "*" || t.lower == "·"
    }
    private func quoteDelta(_ t: Token) -> Int {
        switch t.lower { case "«", "“", "‹", "„": return 1; case "»", "”", "›": return -1; default: return 0 }
    }
    private func newlines(_ text: [UInt8], _ a: Int, _ b: Int) -> Int {
        var n = 0
        var k = a
        while k < b { if text[k] == 0x0A { n += 1 }; k += 1 }
        return n
    }
    private func startsLine(_ text: [UInt8], _ pos: Int) -> Bool {
        var k = pos - 1
        while k >= 0, text[k] == 0x20 || text[k] == 0x09 { k -= 1 }
        return k < 0 || text[k] == 0x0A
    }
    private func endsLine(_ text: [UInt8], _ pos: Int) -> Bool {
        var k = pos
        while k < text.count, text[k] == 0x20 || text[k] == 0x09 { k += 1 }
        return k >= text.count || text[k] == 0x0A
    }
}
