import RiposteText
import RiposteNormalize
import RiposteSegment

/// responds_to links: a response (denial, admission, offer, no_comment) answers the earlier claims
/// made against its speaker (or the organisation it speaks for, or a party its content names).
/// An anaphoric response ("contested that argument", "conteste ces accusations") answers all of
/// them since the speaker's last response; otherwise the claim whose content shares the most
/// words with the response, allegations before filings, earliest first. A response without a
/// named target is directed at the authors of the claims it answers. A counter-accusation (an
/// allegation by someone already accused) answers the claims against its author.
struct Linker {
    let lex: RecordsLexicon
    let text: SegmentedText
    let legal: Bool

    /// The speaker of a response and whom it speaks for: at most two parties, tested against
    /// every earlier record (a Set would hash each test).
    private struct Speakers {
        let a: Int?
        let b: Int?
        var isEmpty: Bool { a == nil && b == nil }
        @inline(__always) func contains(_ p: Int) -> Bool { a == p || b == p }
        @inline(__always) func isDisjoint(with ps: [Int]) -> Bool { !ps.contains { contains($0) } }
    }

    private static func isResponse(_ t: RecordType) -> Bool {
        switch t {
        case .denial, .admission, .offer, .noComment: return true
        default: return false
        }
    }

    /// The non-pronoun mentions of the book's parties, by start offset (built on first need).
    private final class NamedIndex {
        var mentions: [(start: Int, end: Int, party: Int)]? = nil
    }

    func link(_ records: inout [Record], book: inout PartyBook, adversary: (Int?) -> [Int]) {
        let namedIndex = NamedIndex()
        // Content words by record, computed once per record (every response scores its candidates).
        var wordsOf: [Set<String>?] = Array(repeating: nil, count: records.count)
        func contentWordsOf(_ k: Int) -> Set<String> {
            if let w = wordsOf[k] { return w }
            let w = contentWords(records[k])
            wordsOf[k] = w
            return w
        }
        for i in records.indices {
            // Read in place: most records are neither responses nor allegations.
            let isResponse = Linker.isResponse(records[i].type)
            let counter = records[i].type == .allegation
            guard isResponse || counter else { continue }
            guard records[i].source != nil || records[i].onBehalfOf != nil else { continue }
            let r = records[i]
            let me = Speakers(a: r.source, b: r.onBehalfOf)
            let named = partiesNamed(in: r, book: book, index: namedIndex)
            var candidates: [Int] = []
            for j in 0 ..< i {
                // Fields read in place: `let c = records[j]` would copy every earlier record.
                guard records[j].type == .allegation || records[j].type == .filing else { continue }
                if let s = records[j].source, me.contains(s) { continue }
                let against = !me.isDisjoint(with: records[j].targets)
                let aboutNamed = isResponse && !named.isDisjoint(with: records[j].targets)
                if against || aboutNamed { candidates.append(j) }
            }
            if isResponse, candidates.isEmpty || legal {
                // In a case, an answer goes to the other side's claims.
                let other = Set(adversary(r.source))
                for j in 0 ..< i where (records[j].type == .allegation || records[j].type == .filing) && !candidates.contains(j) {
                    if let s = records[j].source, other.contains(s) { candidates.append(j) }
                }
                candidates.sort()
            }
            if candidates.isEmpty, isResponse, isAnaphoric(r), legal {
                // "contested the Government's objections": an answer to the other side's answers.
                let other = Set(adversary(r.source))
                for j in 0 ..< i where records[j].type != .ruling {
                    if let s = records[j].source, other.contains(s) { candidates.append(j) }
                }
            }
            if counter {
                // A counter-accusation answering a denial made against its author just before.
                if let j = (0 ..< i).last(where: { records[$0].type == .denial && records[$0].sentence >= r.sentence - 3 && !isContinuation(records[$0]) }),
                   !me.isDisjoint(with: records[j].targets) {
                    records[i].respondsTo = [j]
                    continue
                }
            }
            if legal, r.type == .admission {
                // "does not dispute that…" after the other side's submission concedes part of it.
                let other = Set(adversary(r.source))
                let lastClaim = candidates.last ?? -1
                if let j = (0 ..< i).last(where: { records[$0].type == .denial && !isContinuation(records[$0]) && (records[$0].source.map { other.contains($0) } ?? false) }), j > lastClaim {
                    records[i].respondsTo = [j]
                    if records[i].targets.isEmpty, let s = records[j].source { records[i].targets = [s] }
                    continue
                }
                // Otherwise a concession in a case concedes part of the main complaint: the first one.
                if let j = candidates.first {
                    records[i].respondsTo = [j]
                    continue
                }
            }
            if candidates.isEmpty, isResponse, !named.isEmpty {
                // "a nuancé les chiffres du parquet": an answer to the claims of the party it names.
                for j in 0 ..< i where (records[j].type == .allegation || records[j].type == .filing) {
                    if let s = records[j].source, named.contains(s), !me.contains(s) { candidates.append(j) }
                }
            }
            guard !candidates.isEmpty else { continue }
            if counter {
                // Only a direct answer: the speaker's own accuser, in the last few sentences.
                guard let j = candidates.last(where: { records[$0].sentence >= r.sentence - 3 && records[$0].sentence < r.sentence }) else { continue }
                records[i].respondsTo = [j]
                continue
            }
            var chosen: [Int]
            if legal && r.type == .denial {
                // In a case, a party's submissions answer the other side's case as a whole: its
                // complaints if it brought any, else all its allegations.
                let filings = candidates.filter { records[$0].type == .filing }
                chosen = filings.isEmpty ? candidates : filings
            } else if isAnaphoric(r) {
                let lastOwn = (0 ..< i).last { k in
                    let o = records[k]
                    return Linker.isResponse(o.type) && (o.source.map { me.contains($0) } ?? false)
                } ?? -1
                chosen = candidates.filter { $0 > lastOwn }
                if chosen.isEmpty { chosen = candidates }
            } else {
                let words = contentWordsOf(i)
                var best = candidates[0]
                var bestScore = -1.0
                for j in candidates {
                    var score = Double(words.intersection(contentWordsOf(j)).count)
                    if records[j].type == .allegation { score += 0.5 }
                    if !me.isDisjoint(with: records[j].targets) { score += 0.25 }
                    if score > bestScore { bestScore = score; best = j }
                }
                // A sentence that only continues a claim ("Ces fichiers auraient été stockés…")
                // is answered through the claim it continues.
                while records[best].evidence.contains(where: { $0.hasSuffix("-carried") }),
                      let origin = (0 ..< best).last(where: { records[$0].type == .allegation && records[$0].source == records[best].source }) {
                    best = origin
                }
                chosen = [best]
            }
            records[i].respondsTo = chosen
            if r.type != .noComment, r.evidence.first.map({ !Linker.asciiContains($0, ".offer.") && !Linker.asciiContains($0, ".apology.") }) ?? true {
                // A response is directed at the authors of the claims it answers: in a case, always
                // (the other side); in the press, when the response names them.
                var t: [Int] = []
                for j in chosen { if let s = records[j].source, !me.contains(s), !t.contains(s) { t.append(s) } }
                // English press copy names the accuser in the story, not in the denial.
                if !legal && lex.language != .en { t = t.filter { named.contains($0) } }
                if !t.isEmpty || !legal { records[i].targets = t }
            }
        }
    }

    /// `s.contains(needle)` for an ASCII needle, read on bytes when `s` is ASCII too (evidence
    /// strings are pattern and rule ids), where a byte match is a Character match; Foundation's
    /// search (per response record, it showed in profiles) otherwise.
    static func asciiContains(_ s: String, _ needle: String) -> Bool {
        let quick = withBytes(s) { b -> Bool? in
            withBytes(needle) { n -> Bool? in
                for x in b where x >= 0x80 { return nil }
                for x in n where x >= 0x80 { return nil }
                if n.isEmpty { return nil }
                if n.count > b.count { return false }
                for start in 0 ... b.count - n.count {
                    var k = 0
                    while k < n.count, b[start + k] == n[k] { k += 1 }
                    if k == n.count { return true }
                }
                return false
            }
        }
        return quick ?? s.contains(needle)
    }

    /// A record that only continues a party's submission (SubmissionCarryRule).
    private func isContinuation(_ r: Record) -> Bool { r.evidence.contains("rule.submission-continues") }

    /// Folded word stems (first five letters) of a record's content and cue, function words aside.
    private func contentWords(_ r: Record) -> Set<String> {
        var out = Set<String>()
        for s in [r.content, r.cue].compactMap({ $0 }) {
            for t in tokens(in: s) where t.kind == .word && !t.isCapitalized && t.fold.count >= 5 && !lex.stopwords.contains(t.fold) && !lex.isClassed(t) {
                out.insert(String(t.fold.prefix(5)))
            }
        }
        return out
    }

    private func tokens(in s: ByteSpan) -> ArraySlice<Token> {
        let toks = text.tokens
        var lo = 0, hi = toks.count
        while lo < hi { let mid = (lo + hi) / 2; if toks[mid].span.start < s.start { lo = mid + 1 } else { hi = mid } }
        var e = lo
        while e < toks.count, toks[e].span.end <= s.end { e += 1 }
        return toks[lo ..< e]
    }

    /// "that argument", "this", "these allegations", "ces accusations", "les chiffres du parquet".
    private func isAnaphoric(_ r: Record) -> Bool {
        guard let c = r.content else { return false }
        let ts = tokens(in: c)
        guard let first = ts.first else { return false }
        return ts.count <= 4 || (ts.count <= 8 && lex.listed(first, .demonstrative))
            || (ts.count <= 6 && (first.fold.hasSuffix("'s") || ts.contains { $0.lower == "’" }))
    }

    /// The parties with a mention (not a pronoun) inside the record's content.
    private func partiesNamed(in r: Record, book: PartyBook, index: NamedIndex) -> Set<Int> {
        guard let c = r.content else { return [] }
        if index.mentions == nil {
            var ms: [(start: Int, end: Int, party: Int)] = []
            for i in book.parties.indices {
                for m in book.parties[i].mentions where m.form != .pronoun { ms.append((m.span.start, m.span.end, i)) }
            }
            ms.sort { $0.start < $1.start }
            index.mentions = ms
        }
        var out = Set<Int>()
        index.mentions!.withUnsafeBufferPointer { ms in
            var lo = 0, hi = ms.count
            while lo < hi { let mid = (lo + hi) / 2; if ms[mid].start < c.start { lo = mid + 1 } else { hi = mid } }
            var k = lo
            while k < ms.count, ms[k].start <= c.end {
                if ms[k].end <= c.end { out.insert(ms[k].party) }
                k += 1
            }
        }
        return out
    }
}
