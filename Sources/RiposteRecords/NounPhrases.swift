import RiposteText
import RiposteSegment
import RiposteParties

/// A noun phrase that may name a party: a mention the party stage found, a capitalised name, a
/// role noun with its determiner and complements ("le Procureur de la République", "the
/// respondent Government"), or a subject pronoun.
struct NounPhrase {
    enum Form { case mention, name, role, pronoun }
    var tokens: Range<Int>
    /// Normalised byte span (a possessive "’s" is left out).
    var span: ByteSpan
    var form: Form
    /// Party from the PartySet (or resolved later).
    var party: Int?
    var role: String = "other"
    var kind: PartyKind = .unknown
    /// pron-person / pron-plural / pron-first / pron-thing.
    var pronounClass: String? = nil
    /// Followed by "’s": it qualifies the next noun rather than acting itself.
    var possessive = false
    /// For an agent noun ("porte-parole de la fédération", "the applicant's representative"):
    /// the phrase it speaks for.
    var principal: ByteSpan? = nil
    /// "son avocat", "his lawyer": an agent noun owned by a possessive, speaking for whoever the
    /// text was about.
    var ownerIsLastSpeaker = false
    /// The proper name inside a role phrase ("Human Rights Watch" in "L'ONG Human Rights Watch").
    var nameSpan: ByteSpan? = nil
}

/// Token index → the PartySet mention covering it: an array as long as the token list (read once
/// per token of every sentence the finder reads, so no hashing).
struct TokenMentions {
    typealias Entry = (party: Int, span: ByteSpan, form: Mention.Form)
    /// Per token, the index of its entry in `entries` (-1: none): four bytes a token.
    private var slots: [Int32]
    private var entries: [Entry] = []
    init(count: Int) { slots = [Int32](repeating: -1, count: count) }
    subscript(_ i: Int) -> Entry? {
        get {
            guard i >= 0 && i < slots.count else { return nil }
            let e = slots[i]
            return e < 0 ? nil : entries[Int(e)]
        }
        set {
            guard let v = newValue else { slots[i] = -1; return }
            slots[i] = Int32(entries.count)
            entries.append(v)
        }
    }
}

/// Finds the noun phrases of one sentence. Run only in sentences that hold a cue. A class: the
/// rules reach it through `run.finder`, and a struct read from there is copied (its arrays and
/// tables retained, then released) at every call.
final class NounPhraseFinder {
    let lex: RecordsLexicon
    let text: SegmentedText
    /// Token index → party of a PartySet mention covering it.
    let mentionAt: TokenMentions
    /// Capitalised words seen inside sentences (not as their first word) anywhere in the document.
    let capitalizedInside: FoldKeySet
    /// The lexicon entries of the document's tokens (`has(i, c)` is `lex.has(toks[i], c)`).
    let words: TokenWords
    /// Phrases already found, by range: the same sentence is read by several rules (and earlier
    /// sentences again for a pronoun), and the answer depends only on the range.
    private let memo = FindMemo()

    init(lex: RecordsLexicon, text: SegmentedText, mentionAt: TokenMentions, capitalizedInside: FoldKeySet,
         words: TokenWords) {
        self.lex = lex; self.text = text; self.mentionAt = mentionAt; self.capitalizedInside = capitalizedInside
        self.words = words
    }

    /// By the range's first token (a sentence's, nearly always): the phrases of the range that
    /// starts there, found without hashing the range; other ranges starting at the same token
    /// in a dictionary.
    final class FindMemo {
        /// Per token index, 1 + the index in `entries` of the range starting there (0: none).
        var byStart: [Int32] = []
        var entries: [(upper: Int, phrases: [NounPhrase])] = []
        var others: [Range<Int>: [NounPhrase]] = [:]
    }

    func find(_ range: Range<Int>) -> [NounPhrase] {
        let lo = range.lowerBound
        guard lo >= 0, lo < text.tokens.count else { return findHashed(range) }
        if memo.byStart.isEmpty { memo.byStart = [Int32](repeating: 0, count: text.tokens.count) }
        let e = Int(memo.byStart[lo]) - 1
        if e < 0 {
            let out = findUncached(range)
            memo.byStart[lo] = Int32(memo.entries.count + 1)
            memo.entries.append((range.upperBound, out))
            return out
        }
        if memo.entries[e].upper == range.upperBound { return memo.entries[e].phrases }
        return findHashed(range)
    }

    private func findHashed(_ range: Range<Int>) -> [NounPhrase] {
        if let known = memo.others[range] { return known }
        let out = findUncached(range)
        memo.others[range] = out
        return out
    }

    private func findUncached(_ range: Range<Int>) -> [NounPhrase] {
        let toks = text.tokens
        var out: [NounPhrase] = []
        out.reserveCapacity(range.count / 6 + 2)
        var i = range.lowerBound
        while i < range.upperBound {
            // "we" in an opinion is the court itself, whatever an earlier "we" was resolved to.
            // (`.pronoun`: the word has a pronoun class; most mentions have none.)
            if let m = mentionAt[i], !(flagsAt(i).contains(.pronoun) && lex.pronounClass[toks[i]] == "pron-first") {
                var j = i + 1
                while j < range.upperBound, m.span.contains(toks[j].span) { j += 1 }
                var np = NounPhrase(tokens: i ..< j, span: m.span, form: m.form == .pronoun ? .pronoun : .mention, party: m.party)
                markPossessive(&np, range)
                out.append(np)
                i = j
                continue
            }
            // Read in place (binding the token copies its strings); most tokens go on to rolePhrase.
            if flagsAt(i).contains(.pronoun), toks[i].kind == .word || toks[i].fold.hasPrefix("-"), let pc = lex.pronounClass[toks[i]],
               toks[i].fold.hasPrefix("-") || !(i > range.lowerBound && has(i - 1, .prep) && !lex.listed(toks[i - 1].lower, .prepHomograph)) {
                out.append(NounPhrase(tokens: i ..< i + 1, span: toks[i].span, form: .pronoun, pronounClass: pc))
                i += 1
                continue
            }
            if (toks[i].kind == .word || toks[i].kind == .abbreviation) && toks[i].isCapitalized {
                // "the Supreme Administrative Court": a capitalised run ending in a role noun.
                let e = capRunEnd(i, range)
                if e - 1 > i, flagsAt(e - 1).contains(.head), let np = rolePhrase(at: e - 1, range) {
                    out.append(np)
                    i = np.tokens.upperBound
                    continue
                }
            }
            // The tests that open rolePhrase and namePhrase, made here: most tokens are neither,
            // and an Optional phrase is costly to return and test.
            if mayOpenRolePhrase(i, range), let np = rolePhrase(at: i, range) {
                out.append(np)
                i = np.tokens.upperBound
                continue
            }
            if (toks[i].kind == .word || toks[i].kind == .abbreviation) && toks[i].isCapitalized, let np = namePhrase(at: i, range) {
                out.append(np)
                i = np.tokens.upperBound
                continue
            }
            i += 1
        }
        return out
    }

    private func pronounClass(_ t: Token) -> String? { lex.pronounClass[t] }

    /// True when the fold ends in "'s" and is longer than that ("Government's"): `baseFold(t).1`
    /// without building the base.
    @inline(__always) func isPossessiveFold(_ t: Token) -> Bool {
        lastUTF8Byte(t.fold) == 0x73 && hasApostropheSSuffix(t.fold) && t.fold.count > 3
    }

    @inline(__always) func has(_ i: Int, _ c: WordClass) -> Bool { words.has(i, c) }
    @inline(__always) func listed(_ i: Int, _ c: WordClass) -> Bool { words.listed(i, c) }

    /// The flags of token `i` (`.head`: `lex.head(baseFold(t).0) != nil`), worked out once.

    @inline(__always) func flagsAt(_ i: Int) -> TokenFlags { words.flags(i) }

    /// Strips a possessive ending ("Government’s" → "government").
    func baseFold(_ t: Token) -> (String, Bool) {
        // The last two bytes first (String.hasSuffix compares Characters, slowly); a fold ending in
        // the bytes "'s" ends in the Characters "'" and "s".
        guard lastUTF8Byte(t.fold) == 0x73 else { return (t.fold, false) }
        if hasApostropheSSuffix(t.fold), t.fold.count > 3 { return (String(t.fold.dropLast(2)), true) }
        return (t.fold, false)
    }

    private func possessiveByteEnd(_ t: Token) -> Int {
        // The token ends in 's after an apostrophe of 1 (') or 3 (’) bytes.
        let b = text.text
        var e = t.span.end - 1  // the 's'
        if e - 1 >= t.span.start, b[e - 1] == 0x27 { return e - 1 }
        if e - 3 >= t.span.start { e -= 3; return e }
        return t.span.end
    }

    private func markPossessive(_ np: inout NounPhrase, _ range: Range<Int>) {
        if isPossessiveFold(text.tokens[np.tokens.upperBound - 1]) { np.possessive = true; return }
        let n = np.tokens.upperBound
        // "’" and "'" end in the bytes 0x99 and 0x27, and a fold "'s" has that key: most tokens are
        // ruled out by a byte and a key, before any String compare.
        if n < range.upperBound, case let lb = lastUTF8Byte(text.tokens[n].lower),
           ((lb == 0x99 || lb == 0x27) && (text.tokens[n].lower == "’" || text.tokens[n].lower == "'"))
            || (text.tokens[n].key == bytesKey(0x27, 0x73) && text.tokens[n].fold == "'s") {
            np.possessive = true
        }
    }

    private func isCapWord(_ t: Token) -> Bool {
        (t.kind == .word || t.kind == .abbreviation) && t.isCapitalized
    }

    /// A role noun ("applicant", "cour") with what belongs to it.
    /// "porte - parole" is one word to the lexicon.
    func compound(at i: Int, _ range: Range<Int>) -> (fold: String, last: Int) {
        let toks = text.tokens
        if i + 2 < range.upperBound, toks[i + 1].key == byteKey(0x2D), toks[i + 1].lower == "-", !toks[i + 1].spaceBefore, !toks[i + 2].spaceBefore, toks[i + 2].kind == .word {
            return (toks[i].fold + "-" + toks[i + 2].fold, i + 2)
        }
        return (toks[i].fold, i)
    }

    func isNameLinkPair(_ a: String, _ b: String) -> Bool { lex.nameLinkPairs.contains { $0.0 == a && $0.1 == b } }

    /// French adjectives after a noun ("procureur fédéral", "société coréenne", "Ligue arabe").
    func isPostAdjective(_ t: Token) -> Bool {
        if lex.has(t, .adj) { return true }
        guard lex.language == .fr, t.kind == .word, !t.isCapitalized, t.fold.count > 4, !lex.stopwords.contains(t),
              !lex.isClassed(t), !lex.isVerbForm(t) else { return false }
        var f = t.fold
        if f.hasSuffix("s") { f.removeLast() }
        for suf in lex.adjectiveSuffixes where f.hasSuffix(suf) {
            return true
        }
        return false
    }

    /// False when `rolePhrase(at: i0, range)` is surely nil: the token is no role noun and opens
    /// no compound ("porte - parole"). One probe of the token's key, before the compound and
    /// possessive forms are built as strings.
    @inline(__always) private func mayOpenRolePhrase(_ i0: Int, _ range: Range<Int>) -> Bool {
        let toks = text.tokens
        // (`lower == "-"` only when the fold is "-": its key first, before any String compare.)
        if i0 + 2 < range.upperBound && toks[i0 + 1].key == byteKey(0x2D) && toks[i0 + 1].lower == "-" && !toks[i0 + 1].spaceBefore
            && !toks[i0 + 2].spaceBefore && toks[i0 + 2].kind == .word { return true }
        return flagsAt(i0).contains(.head)
    }

    private func rolePhrase(at i0: Int, _ range: Range<Int>) -> NounPhrase? {
        let toks = text.tokens
        guard mayOpenRolePhrase(i0, range) else { return nil }
        let (cf, ci) = compound(at: i0, range)
        let i = ci
        let (base, poss) = ci == i0 ? baseFold(toks[i]) : (cf, false)
        guard let h = lex.head(base) else { return nil }
        // "respondent" as a modifier of "Government"/"State" belongs to the next head.
        if i + 1 < range.upperBound, flagsAt(i + 1).contains(.head), has(i, .adj) { return nil }
        var start = i0
        // Left: determiners, titles, modifiers ("the respondent", "M. le", "the Supreme Administrative").
        var k = i0 - 1
        var steps = 0
        while k >= range.lowerBound, steps < 4 {
            if listed(k, .clauseDet) { break }
            let isTitle = has(k, .title)
            if isTitle || has(k, .det) { start = k; k -= 1; steps += 1
                if isTitle { continue }
                // A title may precede the determiner ("M. le Procureur").
                if k >= range.lowerBound, has(k, .title) { start = k }
                break
            }
            if has(k, .adj) || (isCapWord(toks[k]) && !lex.isKnownWord(toks[k]) && k > range.lowerBound) {
                start = k; k -= 1; steps += 1; continue
            }
            break
        }
        var end = i + 1
        var spanEnd = toks[i].span.end
        var possessive = poss
        if poss { spanEnd = possessiveByteEnd(toks[i]) }
        var principal: ByteSpan? = nil
        var nameSpan: ByteSpan? = nil
        if !poss {
            // Right: an adjective ("fédéral"), a name ("l'association Direction aux Affaires
            // Savoisiennes"), complements ("de la République", "de grande instance de Bonneville").
            if end < range.upperBound, isPostAdjective(toks[end]) || has(end, .adj) {
                end += 1
            }
            if lex.language == .fr, end < range.upperBound, isCapWord(toks[end]), !lex.notParties.contains(toks[end]) {
                // "l'association Direction aux Affaires Savoisiennes": the name is the party's name.
                let s0 = end
                end = capRunEnd(end, range)
                if end < range.upperBound, isPostAdjective(toks[end]) { end += 1 }
                nameSpan = ByteSpan(toks[s0].span.start, toks[end - 1].span.end)
            }
            var rounds = 0
            while rounds < 2, end < range.upperBound {
                guard listed(end, .nameOf) else { break }
                var j = end + 1
                if j < range.upperBound, has(j, .det) { j += 1 }
                guard j < range.upperBound else { break }
                if isCapWord(toks[j]) && !lex.notParties.contains(toks[j]) {
                    let e = capRunEnd(j, range)
                    if h.role == "agent" || lex.has(base, .agent) { principal = ByteSpan(toks[j].span.start, toks[e - 1].span.end) }
                    end = e
                } else if lex.isHead(toks[j]) {
                    if h.role == "agent" || lex.has(base, .agent) {
                        principal = ByteSpan(toks[j > end + 1 ? end + 2 : j].span.start, toks[j].span.end)
                    }
                    end = j + 1
                } else if lex.language == .fr, toks[j].kind == .word, !toks[j].isCapitalized, !lex.stopwords.contains(toks[j]),
                          !lex.isVerbForm(toks[j]), h.role != "agent" {
                    var e = j + 1
                    if e < range.upperBound, toks[e].kind == .word, !has(e, .prep), !lex.stopwords.contains(toks[e]),
                       !lex.isVerbForm(toks[e]), !toks[e].isCapitalized { e += 1 }
                    end = e
                } else { break }
                rounds += 1
            }
            spanEnd = toks[end - 1].span.end
            if isPossessiveFold(toks[end - 1]) { possessive = true; spanEnd = possessiveByteEnd(toks[end - 1]) }
        }
        var np = NounPhrase(tokens: start ..< end, span: ByteSpan(toks[start].span.start, spanEnd), form: .role)
        np.role = h.role
        // "the respondent State": the modifier says which side the head is on.
        for k in start ..< i0 { if let m = lex.heads[toks[k]], m.role != "other", m.role != "agent", has(k, .adj) { np.role = m.role } }
        np.kind = h.kind
        np.possessive = possessive
        np.principal = principal
        np.nameSpan = nameSpan
        if h.role == "agent" || lex.has(base, .agent), principal == nil, start < i0,
           listed(start, .possessiveDet) {
            np.ownerIsLastSpeaker = true
        }
        if !possessive { markPossessive(&np, range) }
        // "the applicant's representative": the representative speaks for the applicant.
        if (h.role == "agent" || lex.has(base, .agent)), let prev = possessivePhraseBefore(start, range) { np.principal = prev }
        return np
    }

    private func possessivePhraseBefore(_ start: Int, _ range: Range<Int>) -> ByteSpan? {
        let toks = text.tokens
        guard start > range.lowerBound else { return nil }
        let t = toks[start - 1]
        let (base, poss) = baseFold(t)
        guard poss, lex.head(base) != nil || isCapWord(t) else { return nil }
        var s = start - 1
        if s - 1 >= range.lowerBound, has(s - 1, .det) { s -= 1 }
        return ByteSpan(toks[s].span.start, possessiveByteEnd(t))
    }

    private func capRunEnd(_ i: Int, _ range: Range<Int>) -> Int {
        let toks = text.tokens
        var j = i + 1
        while j < range.upperBound {
            // Read in place: binding the token would copy its strings.
            if isCapWord(toks[j]) && !isPossessiveFold(toks[j - 1]) { j += 1; continue }
            // Connectors inside a name: "Direction aux Affaires", "Bureau d'enquêtes".
            // "Mayher and MGM", "Sri and CM": a pair of names acting together.
            if listed(j, .nameAnd), j + 1 < range.upperBound, isCapWord(toks[j + 1]), !lex.isKnownWord(toks[j + 1]),
               !lex.notParties.contains(toks[j + 1]), j + 2 >= range.upperBound || !isCapWord(toks[j + 2]) || true {
                j += 1
                continue
            }
            let f = toks[j].fold
            if listed(j, .nameLink), j + 1 < range.upperBound,
               isCapWord(toks[j + 1]) || (isNameLinkPair(f, toks[j + 1].fold) && j + 2 < range.upperBound && isCapWord(toks[j + 2])) {
                j += isNameLinkPair(f, toks[j + 1].fold) ? 2 : 1
                continue
            }
            break
        }
        return j
    }

    /// A run of capitalised words that is not a function word opening the sentence.
    private static let sentenceOpeners = FoldSet([".", "!", "?", "«", "(", "—", ":", "-", "–", "…"])

    private func namePhrase(at i: Int, _ range: Range<Int>) -> NounPhrase? {
        let toks = text.tokens
        // Most tokens are not capitalised: checked in place, before copying the token.
        guard (toks[i].kind == .word || toks[i].kind == .abbreviation) && toks[i].isCapitalized else { return nil }
        let t = toks[i]
        guard isCapWord(t) else { return nil }
        let (base, poss) = baseFold(t)
        // The base is the fold itself unless possessive: probed with the token's key.
        let baseKey = poss ? foldKey(base) : t.key
        if lex.notParties.contains(baseKey, base) || lex.stopwords.contains(baseKey, base) { return nil }
        let openers = NounPhraseFinder.sentenceOpeners
        // Every opener is at most three bytes: longer words skip the Set.
        let first = i == range.lowerBound || toks[i - 1].kind == .quote || toks[i - 1].kind == .number
            || (toks[i - 1].lower.utf8.count <= 3 && openers.contains(toks[i - 1].lower))
        let known = lex.isKnownWord(t)
        if first || known {
            // A capitalised sentence opener is a name if the document capitalises it elsewhere too,
            // if it is unknown and a verb follows ("Parrish testified"), or if another unknown
            // capitalised word follows ("Nadim Houry").
            let nextIsVerb = i + 1 < range.upperBound && (lex.isVerbForm(toks[i + 1]) || has(i + 1, .aux))
            let nextIsName = i + 1 < range.upperBound && isCapWord(toks[i + 1]) && !lex.isKnownWord(toks[i + 1]) && !lex.notParties.contains(toks[i + 1])
            if !(capitalizedInside.contains(baseKey, base) && !known || (!known && (nextIsVerb || nextIsName))) { return nil }
        }
        // An all-capitals heading word ("THE", "FOR") is not a name either.
        var end = capRunEnd(i, range)
        // "Bulgarian law", "Portuguese case-law": a nationality adjective, not a party.
        if lex.language == .en, end == i + 1, end < range.upperBound, toks[end].kind == .word, !toks[end].isCapitalized,
           lex.nationalitySuffixes.contains(where: { base.hasSuffix($0) }) { return nil }
        if lex.language == .fr, end < range.upperBound, !isPossessiveFold(toks[end - 1]), isPostAdjective(toks[end]) { end += 1 }
        var np = NounPhrase(tokens: i ..< end, span: ByteSpan(t.span.start, toks[end - 1].span.end), form: .name)
        np.kind = .unknown
        if isPossessiveFold(toks[end - 1]) { np.possessive = true; np.span.end = possessiveByteEnd(toks[end - 1]) }
        markPossessive(&np, range)
        // A name followed by a role noun apposition is handled by the clause analysis.
        return np
    }
}
