// RiposteSegment, sentences.
// Requires: the tokens of normalised UTF-8 (Tokenizer), the boundaries ICU's sentence break
// iterator proposes after sentence terminators (RiposteICU, run by Segmenter) and the sentence
// lexicons (sentence-starters, sentence-openers, soft-terminals, salutations, heading-determiners,
// title-introducers, dash-bullets). Provides: `[Sentence]` over token ranges, with paragraph,
// heading and list-item flags; "etc." split into "etc" + "." where it ends a sentence.
import RiposteText
import RiposteNormalize
import RiposteLexicon

/// Groups tokens into sentences.
/// - ICU proposes, the rules dispose: after . ! ? … a sentence ends before a capital only where
///   ICU's sentence iterator proposes a boundary, and after the terminals of other scripts
///   (。！？।) wherever it does; the rules below veto candidates and add the boundaries ICU's rules
///   cannot make (lower case after a stop, headings, line breaks, soft terminals, emoticons).
/// - A blank line always ends a sentence; a single line break ends one unless the line is wrapped
///   mid-clause (the next line starts in lower case after a word).
/// - Within a line, a sentence ends after . ! ? (and runs such as "?!", "...") when the next
///   token, past closing quotes and brackets, follows a space and can start a sentence: a capital,
///   a digit, an opening quote or bracket, a list marker, or (after a bare . ? !) a lower-case word,
///   since UD web and press text has sentences that start in lower case. An ellipsis or a closing
///   quote needs a capital ("« Assez ! » lança-t-il" goes on).
/// - Abbreviations carry their period and do not end sentences, except those listed as
///   sentence-final ("etc.") before a capitalised word, or any abbreviation before a typical
///   sentence starter ("… in the U.S. The …"); a sentence-final "etc." gives its period up as a
///   token, as UD does.
/// - Nothing breaks inside a « … » or “ … ” quotation whose closing quote is found ahead.
/// - Without punctuation: a heading or mail header run into the next sentence (see
///   `unpunctuatedBoundary`), and per-language soft terminals (French ";" before a capital).
/// - A paragraph number ("12.", "IV.") stays in the sentence it opens.
public struct SentenceSplitter: Sendable {
    public let data: SegmenterData
    private let starters: Set<String>
    private let softTerminals: [String]  // a handful: compared one by one, cheaper than hashing
    private let openers: Set<String>
    private let salutations: Set<String>
    private let functionWords: Set<String>
    private let headingDeterminers: Set<String>
    private let dashBullets: Set<String>
    /// The same word sets as key filters, asked first (see `FoldFilter`).
    private let starterKeys, openerKeys, salutationKeys, functionWordKeys, headingDeterminerKeys: FoldFilter

    public init(data: SegmenterData) {
        self.data = data
        starters = []
        softTerminals = []
        openers = []
        salutations = []
        functionWords = []
        headingDeterminers = []
        dashBullets = []
        (starterKeys, openerKeys, salutationKeys, functionWordKeys, headingDeterminerKeys) = (.init([]), .init([]), .init([]), .init([]), .init([]))
    }

    public init(data: SegmenterData, lexicon: LanguageLexicon) {
        self.data = data
        starters = lexicon.list("sentence-starters")
        softTerminals = Array(lexicon.list("soft-terminals", folded: false))
        openers = lexicon.list("sentence-openers")
        salutations = lexicon.list("salutations")
        functionWords = lexicon.list("stopwords").union(lexicon.list("title-introducers"))
        headingDeterminers = lexicon.list("heading-determiners")
        dashBullets = lexicon.list("dash-bullets", folded: false)
        (starterKeys, openerKeys, salutationKeys, functionWordKeys, headingDeterminerKeys) =
            (FoldFilter(starters), FoldFilter(openers), FoldFilter(salutations), FoldFilter(functionWords), FoldFilter(headingDeterminers))
    }

    /// Sentences of `tokens` (tokens are not changed).
    public func split(_ text: [UInt8], _ tokens: [Token], candidates: [Int]) -> [Sentence] {
        var copy = tokens
        return split(text, &copy, candidates: candidates, splittingFinalPeriods: false)
    }

    /// Sentences of `tokens`; where an abbreviation ends a sentence, its period becomes a token.
    /// Works on token indices in place (no copy of the token array): the rare period splits are
    /// applied at the end.
    /// `candidates`: the boundaries ICU's sentence iterator proposes after sentence terminators
    /// (`BreakIterator.appendBoundaries(_:to:afterTerminatorOnly:)`), ascending byte offsets.
    public func split(_ text: [UInt8], _ tokens: inout [Token], candidates: [Int],
                      splittingFinalPeriods: Bool = true) -> [Sentence] {
        guard !tokens.isEmpty else { return [] }
        var icu = Candidates(offsets: candidates)
        var sentences: [Sentence] = []
        var splits: [Int] = []  // indices of abbreviations whose period becomes a token
        var start = 0           // index of the current sentence's first token
        var paragraph = 0
        // Index of the quote that closes the outermost quotation open here (-1: none).
        // A quotation is protected only when its closing quote is found ahead: unbalanced quotes
        // (common in news text) must not swallow the following sentences.
        var quoteCloseAt = -1

        let n = tokens.count
        var i = 0
        while i < n {
            // Tokens are read in place until one may end a sentence: binding a Token copies its
            // two strings, and most tokens are words.
            let kind = tokens[i].kind
            if i > start {
                let gap = newlines(text, tokens[i - 1].span.end, tokens[i].span.start)
                var boundary = false
                if gap >= 2 {
                    boundary = true; paragraph += 1
                } else if gap == 1 {
                    let t = tokens[i], prev = tokens[i - 1]
                    let continues = !isTerminal(prev) && prev.kind != .quote && !t.isCapitalized && t.kind == .word
                        && !isListMarker(t) && !same(prev.lower, ":") && !(t.kind == .number)
                    if !continues { boundary = true; paragraph += 1 }
                } else if i > quoteCloseAt, unpunctuatedBoundary(text, tokens, start, i) {
                    boundary = true
                }
                if boundary {
                    sentences.append(sentence(text, tokens, start, i, paragraph: paragraph, splitAtEnd: false))
                    start = i
                }
            }
            if kind == .quote, i > quoteCloseAt, let c = closingQuote(i, tokens, text) { quoteCloseAt = c }
            guard kind == .punctuation || kind == .abbreviation || kind == .symbol else { i += 1; continue }
            let t = tokens[i]

            let ruleTerminal: Bool
            switch t.kind {
            case .punctuation: ruleTerminal = isTerminal(t) || isSoftTerminal(t)
            case .abbreviation: ruleTerminal = isFinalAbbreviation(t)
            case .symbol: ruleTerminal = isEmoticon(t)
            default: i += 1; continue  // words, numbers, quotes… end nothing
            }
            // (A script terminal is a punctuation token starting with a non-ASCII byte: the test
            // is made in place first, as binding the token in isScriptTerminal copies it.)
            if ruleTerminal || (t.kind == .punctuation && (tokens[i].lower.utf8.first ?? 0) >= 0x80 && isScriptTerminal(tokens, i, &icu)) {
                // Take the closers glued to the terminal mark ('.»', '?")', '!)').
                var j = i + 1
                var closedQuote = false
                while j < n, isCloser(tokens[j]) || isTerminal(tokens[j]) || isEmoticon(tokens[j]) {
                    // French closing quotes come after a space ("! »"); others are glued.
                    let closes = j == quoteCloseAt
                    if tokens[j].spaceBefore && !closes && !isEmoticon(tokens[j]) { break }
                    if closes || isClosingQuote(tokens[j]) { closedQuote = true }
                    j += 1
                }
                let insideQuote = j <= quoteCloseAt
                var ends = false
                if j >= n {
                    ends = true
                } else {
                    let next = tokens[j]
                    let gap = newlines(text, tokens[j - 1].span.end, next.span.start)
                    let startsHere: Bool
                    if !ruleTerminal {
                        // A terminal of a script the rules do not cover (。！？।): ICU proposed the
                        // boundary, and such text has no spaces to wait for.
                        startsHere = true
                    } else if isSoftTerminal(t) || isEmoticon(t) {
                        // Marks ICU does not know as terminals: the rules alone decide.
                        startsHere = isSoftTerminal(t) ? softBoundary(tokens, j) : canStart(next, after: t)
                    } else if next.isCapitalized {
                        // Before a capital the candidate must come from ICU (anywhere after the mark:
                        // ICU breaks before a spaced French closing quote, the rules after it);
                        // the rules below may still veto it (initials, paragraph numbers).
                        startsHere = icu.proposed(t.span.end, next.span.start)
                    } else {
                        // Before anything else ICU's rule SB8 joins the sentences whenever a
                        // lower-case word follows, even past digits or brackets; UD press and web
                        // text starts sentences there: after a bare . ? ! a lower-case word, and
                        // after any terminal a number, an opening quote or bracket, a list marker.
                        // After a closing quote it is the speech verb ("« Assez ! » lança-t-il").
                        startsHere = canStart(next, after: t)
                            || (!closedQuote && t.kind == .punctuation && !isEllipsis(t) && canFollowBareStop(next))
                    }
                    ends = gap > 0 || ((next.spaceBefore || !ruleTerminal) && startsHere && !insideQuote)
                    // "12. The applicant …": a paragraph number starts its sentence, it is not one.
                    if ends, gap == 0, same(t.lower, "."), i - start == 1, isParagraphNumber(tokens[start]) { ends = false }
                    // "A.  The background of the case": an enumerator opening a line is not a sentence.
                    if ends, gap == 0, t.kind == .abbreviation, i == start, startsLine(text, t.span.start) { ends = false }
                    // "J. Smith", "M. Dupont": an initial before a name.
                    if ends, gap == 0, t.kind == .abbreviation,
                       !(data.sentenceFinalAbbreviations.contains(t.fold) && next.isCapitalized && next.kind == .word),
                       !(starterKeys.mayContain(next.key) && starters.contains(next.fold)) { ends = false }
                }
                if t.kind == .abbreviation && !ends { i += 1; continue }
                let split = ends && t.kind == .abbreviation && splittingFinalPeriods && t.span.length > 1
                    && !data.periodKeepingAbbreviations.contains(t.fold)
                if split { splits.append(i) }
                if ends {
                    sentences.append(sentence(text, tokens, start, j, paragraph: paragraph, splitAtEnd: split))
                    start = j
                }
                i = j
                continue
            }
            i += 1
        }
        if start < n { sentences.append(sentence(text, tokens, start, n, paragraph: paragraph, splitAtEnd: false)) }
        if !splits.isEmpty { applySplits(splits, &tokens, &sentences) }
        return sentences
    }

    private func sentence(_ text: [UInt8], _ tokens: [Token], _ a: Int, _ b: Int, paragraph: Int, splitAtEnd: Bool) -> Sentence {
        let first = tokens[a], last = tokens[b - 1]
        var s = Sentence(span: ByteSpan(first.span.start, last.span.end), tokens: a ..< b, paragraph: paragraph)
        s.isListItem = isListMarker(first) && startsLine(text, first.span.start)
        let terminal = splitAtEnd || isTerminal(last) || (isCloser(last) && b - 2 >= a && isTerminal(tokens[b - 2]))
        s.isHeading = !terminal && !s.isListItem && startsLine(text, s.span.start) && endsLine(text, s.span.end)
            && !same(last.lower, ":") && !same(last.lower, ",")
        return s
    }

    /// Splits "etc." into "etc" + "." at the given indices and shifts the sentences' token ranges.
    /// Done in place in one pass from the back: the array grows by the number of splits and each
    /// run of tokens between two splits moves once (one memmove, no retain or release) to its
    /// final place, where an insertion per split moved the whole tail each time.
    private func applySplits(_ splits: [Int], _ tokens: inout [Token], _ sentences: inout [Sentence]) {
        let old = tokens.count
        tokens.append(contentsOf: repeatElement(tokens[splits[0]], count: splits.count))
        tokens.withUnsafeMutableBufferPointer { buf in
            let base = buf.baseAddress!
            // The placeholders only made room: [end, end + shift) is uninitialised below.
            (base + old).deinitialize(count: splits.count)
            var end = old, shift = splits.count
            for r in splits.reversed() {
                (base + r + 1 + shift).moveInitialize(from: base + r + 1, count: end - (r + 1))
                var word = (base + r).move(), dot = word
                word.span.end -= 1
                word.lower.removeLast(); word.fold.removeLast()
                word.kind = .word
                dot.span.start = dot.span.end - 1
                dot.lower = "."; dot.fold = "."; dot.kind = .punctuation; dot.isCapitalized = false; dot.spaceBefore = false
                (base + r + shift).initialize(to: dot)
                (base + r + shift - 1).initialize(to: word)
                shift -= 1; end = r
            }
        }
        var before = 0  // splits at indices < the current bound
        for k in sentences.indices {
            let r = sentences[k].tokens
            while before < splits.count, splits[before] < r.lowerBound { before += 1 }
            let lo = r.lowerBound + before
            while before < splits.count, splits[before] < r.upperBound { before += 1 }
            sentences[k].tokens = lo ..< r.upperBound + before
        }
    }

    // MARK: - Token tests

    /// ICU's proposed boundaries, asked whether one falls between a terminal mark and the next token.
    struct Candidates {
        let offsets: [Int]
        /// The first offset at or after the last query's `a`: the splitter asks in text order, so
        /// the next answer is found by stepping on from it (a binary search before it otherwise).
        var cursor = 0
        init(offsets: [Int]) { self.offsets = offsets }
        /// Whether a boundary is proposed at some byte offset in `a ... b` (the end of the mark,
        /// the closers and spaces after it, the start of the next token).
        mutating func proposed(_ a: Int, _ b: Int) -> Bool {
            var lo = cursor
            if lo > 0, offsets[lo - 1] >= a {
                var hi = lo
                lo = 0
                while lo < hi { let m = (lo + hi) / 2; if offsets[m] < a { lo = m + 1 } else { hi = m } }
            } else {
                while lo < offsets.count, offsets[lo] < a { lo += 1 }
            }
            cursor = lo
            return lo < offsets.count && offsets[lo] <= b
        }
    }

    func isTerminal(_ t: Token) -> Bool {
        guard t.kind == .punctuation else { return false }
        for b in t.lower.utf8 where b != 0x2E && b != 0x21 && b != 0x3F {
            if same(t.lower, "…") { return true }
            return false
        }
        return true
    }

    /// A punctuation mark of another script after which ICU proposes a sentence boundary
    /// (。 ！ ？ । ؟): the rules have no opinion on it.
    func isScriptTerminal(_ tokens: [Token], _ i: Int, _ icu: inout Candidates) -> Bool {
        let t = tokens[i]
        guard t.kind == .punctuation, let first = t.lower.utf8.first, first >= 0x80, !isCloser(t), !isOpener(t) else { return false }
        return icu.proposed(t.span.end, i + 1 < tokens.count ? tokens[i + 1].span.start : t.span.end)
    }

    /// A sentence boundary with no punctuation, in text whose lines were joined: a heading run
    /// into the next sentence ("… du phénomène Je ne pouvais …", "ACLASTA Avant de …"), or a mail
    /// header ("Kay Mann 04/26/2001 07:17 AM Will you …").
    @inline(__always) func unpunctuatedBoundary(_ text: [UInt8], _ tokens: [Token], _ start: Int, _ i: Int) -> Bool {
        // The common cases first, inlined in the caller's loop and read in place (binding a Token
        // copies its two strings): a glued token, a lower-case word (only a mail header's time
        // "04/26/2001 07:17 AM" can end a sentence before one).
        if !tokens[i].spaceBefore { return false }
        if tokens[i].kind == .word, !tokens[i].isCapitalized {
            return i >= 3 && tokens[i - 1].span.length == 2 && tokens[i - 2].kind == .number && isAfterHeaderTime(tokens, i)
        }
        // A capitalised word after a lower-case word of three bytes or more ("the European"): of
        // the rules of unpunctuatedBoundaryBeforeOther only the opener and heading-determiner
        // ones can apply to it, and their key filters turn most such words away.
        if tokens[i].kind == .word, tokens[i - 1].kind == .word, !tokens[i - 1].isCapitalized,
           tokens[i - 1].span.length >= 3, tokens[i - 1].lower.utf8.count >= 3,
           !openerKeys.mayContain(tokens[i].key), !headingDeterminerKeys.mayContain(tokens[i].key) { return false }
        return unpunctuatedBoundaryBeforeOther(text, tokens, start, i)
    }

    func unpunctuatedBoundaryBeforeOther(_ text: [UInt8], _ tokens: [Token], _ start: Int, _ i: Int) -> Bool {
        let t = tokens[i]
        guard t.spaceBefore else { return false }
        let prev = tokens[i - 1]
        // The previous token's lower-case form when it has one or two bytes, for the comparisons
        // below (">", ">>", ",", ":", ")", "am", "pm"), once.
        let p2 = shortCode(prev.lower)
        // Most tokens are lower-case words: only a mail header's time can end a sentence before one.
        if t.kind == .word, !t.isCapitalized { return isAfterHeaderTime(tokens, i) }
        // Typed rules separate blocks: a long one stands alone; text after a rule starts anew.
        if isRule(t), t.span.length >= 10 { return true }
        if isRule(prev), t.isCapitalized || t.kind == .quote || isRule(t) { return true }
        // "… <name@example.com> Capt. …", ">> I agree": the end of an address or a quote marker.
        if (p2 == 0x3E && i >= 2 && tokens[i - 2].kind == .email) || p2 == 0x3E3E,
           t.isCapitalized { return true }
        // After a mail header's date and time ("04/26/2001 07:17 AM have you …"), whatever the case.
        if t.kind == .word, isAfterHeaderTime(tokens, i) { return true }
        // A salutation or closing ("Thanks,", "Hi Bob,", "Regards,") is a sentence of its own.
        if p2 == 0x2C || p2 == 0x3A, t.isCapitalized, i - start <= 4,
           salutationKeys.mayContain(tokens[start].key), salutations.contains(tokens[start].fold) { return true }
        // A date opens a mail header line after a name or an address ("<a@b.com> 02/13/2001").
        if t.kind == .number, isDate(t), prev.isCapitalized || p2 == 0x3E || prev.kind == .email { return true }
        // A spaced bullet dash before a capital opens a list item (French typography):
        // "La rénovation des lycées d'Île-de-France - Jean-Claude Méry, …".
        if t.kind == .punctuation, dashBullets.contains(t.lower), prev.kind == .word || p2 == 0x29, i + 1 < tokens.count,
           tokens[i + 1].spaceBefore, tokens[i + 1].isCapitalized, !closesIncise(tokens, i) { return true }
        guard t.isCapitalized, t.kind == .word else { return false }
        // After the time of a mail header: "08:02 PM All: …".
        if (p2 == 0x6D61 || p2 == 0x6D70), i >= 2, tokens[i - 2].kind == .number { return true }
        let prevIsWord = prev.kind == .word || p2 == 0x29
        guard prevIsWord else { return false }
        // A pronoun or determiner that opens sentences, capitalised after a lower-case word or a
        // one-word heading ("Cyclisme Il semble que …").
        if !prev.isCapitalized || p2 == 0x29 || i - start == 1, openerKeys.mayContain(t.key), openers.contains(t.fold), !isAllCaps(t, text) { return true }
        // A capitalised determiner or pronoun before a lower-case word, after a lower-case content
        // word: a heading run into its text ("… vertébrales et lombaires L'incidence sur …"), not
        // a title inside a sentence ("… de La Réunion", "… rebaptise L'Arpège").
        if !prev.isCapitalized || p2 == 0x29, headingDeterminerKeys.mayContain(t.key), headingDeterminers.contains(t.fold), i + 1 < tokens.count,
           tokens[i + 1].kind == .word, !tokens[i + 1].isCapitalized,
           p2 == 0x29 || (prev.span.length >= 3 && !(functionWordKeys.mayContain(prev.key) && functionWords.contains(prev.fold))) { return true }
        // An upper-case heading ("FORME PHARMACEUTIQUE ET CONTENU") before a mixed-case word.
        if isAllCaps(prev, text), i - start >= 2, isAllCaps(tokens[i - 2], text), !isAllCaps(t, text), t.span.length > 1 { return true }
        return false
    }

    /// "04/26/2001 07:17 AM" just before token i.
    func isAfterHeaderTime(_ tokens: [Token], _ i: Int) -> Bool {
        guard i >= 3, tokens[i - 1].span.length == 2, tokens[i - 2].kind == .number else { return false }
        return (same(tokens[i - 1].lower, "am") || same(tokens[i - 1].lower, "pm")) && isDate(tokens[i - 3])
    }

    func isDate(_ t: Token) -> Bool {
        var slashes = 0
        for b in t.lower.utf8 { if b == 0x2F { slashes += 1 } else if b < 0x30 || b > 0x39 { return false } }
        return slashes == 2
    }

    func isAllCaps(_ t: Token, _ text: [UInt8]) -> Bool {
        guard t.kind == .word, t.isCapitalized, t.span.length >= 2 else { return false }
        var k = t.span.start, letters = 0
        while k < t.span.end {
            let (c, l) = decode(text, k)
            if Folding.isLetter(c) {
                if !Folding.isUppercase(c) { return false }
                letters += 1
            }
            k += l
        }
        return letters >= 2
    }

    /// After a soft terminal (";"): a capitalised word starts a sentence, unless it begins a name
    /// in an enumeration ("… née en 1926 ; Lucien Carillon (1928) ; …").
    func softBoundary(_ tokens: [Token], _ j: Int) -> Bool {
        let next = tokens[j]
        // "… le 2 juillet 1953 ; - Jules Roy, …": a bullet after the semicolon.
        if dashBullets.contains(next.lower), j + 1 < tokens.count, tokens[j + 1].isCapitalized { return true }
        guard next.isCapitalized, next.kind == .word else { return false }
        if (starterKeys.mayContain(next.key) && starters.contains(next.fold))
            || (openerKeys.mayContain(next.key) && openers.contains(next.fold)) { return true }
        return !(j + 1 < tokens.count && tokens[j + 1].isCapitalized && tokens[j + 1].kind == .word)
    }

    /// Whether the dash at i opens an incise closed by the same dash before the sentence ends
    /// ("le ministre - Jean Dupont - a déclaré").
    func closesIncise(_ tokens: [Token], _ i: Int) -> Bool {
        var k = i + 1
        while k < tokens.count, k <= i + 12 {
            let t = tokens[k]
            if isTerminal(t) { return false }
            if same(t.lower, tokens[i].lower), t.spaceBefore { return true }
            k += 1
        }
        return false
    }

    /// Marks that end a sentence only before a capitalised word (French ";").
    func isSoftTerminal(_ t: Token) -> Bool {
        t.kind == .punctuation && softTerminals.contains(t.lower)
    }

    /// "etc." before a capital ends the sentence.
    func isFinalAbbreviation(_ t: Token) -> Bool {
        t.kind == .abbreviation && t.lower.hasSuffix(".")
    }

    /// An emoticon followed by a capitalised word ends a sentence ("Great :) See you").
    func isEmoticon(_ t: Token) -> Bool {
        t.kind == .symbol && t.span.length <= 4 && (data.emoticons.contains(t.lower) || data.emoticons.contains(t.fold))
    }

    /// A typed rule ("=====", "*****", "_____"): a separator line of at least three symbols.
    func isRule(_ t: Token) -> Bool {
        guard t.kind == .symbol || t.kind == .punctuation, t.span.length >= 3 else { return false }
        return t.lower.utf8.allSatisfy { $0 == 0x3D || $0 == 0x2A || $0 == 0x5F || $0 == 0x2D || $0 == 0x7E || $0 == 0x23 || $0 == 0x2B }
    }

    func canStart(_ t: Token, after terminal: Token) -> Bool {
        if t.isCapitalized { return true }
        switch t.kind {
        case .number: return true
        case .quote: return isOpeningQuote(t)
        case .url, .email, .handle: return false
        default: break
        }
        if isOpener(t) || isListMarker(t) { return true }
        // Emoticons and ellipses are too often followed by a lower-case continuation.
        return false
    }

    /// A lower-case word or a symbol can open a sentence after a bare stop; commas and closers cannot.
    func canFollowBareStop(_ t: Token) -> Bool {
        switch t.kind {
        case .word, .abbreviation, .symbol, .legalReference, .url, .email, .handle: return true
        case .punctuation: return isOpener(t) || isListMarker(t)
        default: return false
        }
    }

    /// "...", "…": an ellipsis often trails off inside a sentence that goes on in lower case.
    func isEllipsis(_ t: Token) -> Bool {
        same(t.lower, "…") || (t.lower.utf8.count >= 2 && t.lower.utf8.allSatisfy { $0 == 0x2E })
    }

    func isParagraphNumber(_ t: Token) -> Bool {
        if t.kind == .number { return t.span.length <= 4 }
        // Roman numerals and single letters used as paragraph numbers ("IV.", "b.").
        if t.kind == .word, t.span.length <= 4 {
            return t.span.length == 1 || t.lower.utf8.allSatisfy { "ivxlc".utf8.contains($0) }
        }
        return false
    }

    func isCloser(_ t: Token) -> Bool {
        if t.kind == .quote { return !isOpeningQuote(t) || same(t.lower, "\"") || same(t.lower, "'") }
        return same(t.lower, ")") || same(t.lower, "]") || same(t.lower, "}")
    }
    func isClosingQuote(_ t: Token) -> Bool {
        let l = t.lower
        return same(l, "»") || same(l, "”") || same(l, "›") || same(l, "\"")
    }

    /// The index of the quote closing the one opened at i, looked for within the paragraph and
    /// a bounded window; nil when i does not open a quotation or it is never closed.
    func closingQuote(_ i: Int, _ tokens: [Token], _ text: [UInt8]) -> Int? {
        let open = tokens[i]
        let close: String
        switch open.lower {
        case "«": close = "»"
        case "“": close = "”"
        case "‹": close = "›"
        case "„": close = "“"
        default: return nil
        }
        var k = i + 1
        let limit = min(tokens.count, i + 120)
        while k < limit {
            let t = tokens[k]
            if newlines(text, tokens[k - 1].span.end, t.span.start) > 0 { return nil }
            if same(t.lower, close) { return k }
            if same(t.lower, open.lower), close != "\"" { return nil }
            k += 1
        }
        return nil
    }

    func isOpeningQuote(_ t: Token) -> Bool {
        let l = t.lower
        return same(l, "«") || same(l, "“") || same(l, "‹") || same(l, "„") || same(l, "\"") || same(l, "'") || same(l, "‘")
    }
    func isOpener(_ t: Token) -> Bool {
        let l = t.lower
        guard l.utf8.count <= 3 else { return false }
        return same(l, "(") || same(l, "[") || same(l, "«") || same(l, "“") || same(l, "\"") || same(l, "¿") || same(l, "¡")
    }
    func isListMarker(_ t: Token) -> Bool {
        let l = t.lower
        guard l.utf8.count <= 3 else { return false }
        return same(l, "-") || same(l, "–") || same(l, "—") || same(l, "•") || same(l, "*") || same(l, "·") || same(l, "▪")
            || same(l, "►") || same(l, "--")
    }

    func newlines(_ text: [UInt8], _ a: Int, _ b: Int) -> Int {
        var n = 0
        var k = a
        while k < b { if text[k] == 0x0A { n += 1 }; k += 1 }
        return n
    }
    func startsLine(_ text: [UInt8], _ pos: Int) -> Bool {
        var k = pos - 1
        while k >= 0, text[k] == 0x20 || text[k] == 0x09 { k -= 1 }
        return k < 0 || text[k] == 0x0A
    }
    func endsLine(_ text: [UInt8], _ pos: Int) -> Bool {
        var k = pos
        while k < text.count, text[k] == 0x20 || text[k] == 0x09 { k += 1 }
        return k >= text.count || text[k] == 0x0A
    }
}

/// Equality of token keys by their bytes. The tokenizer's keys are NFC (ASCII, precomposed Latin
/// letters, or utf8proc's composed forms), as are the literals here, so this answers as String ==
/// does, without == falling into its Unicode comparison path for non-ASCII keys ("où" against "–").
@inline(__always) func same(_ a: String, _ b: String) -> Bool {
    // The lengths inline (most comparisons end there), the bytes in a call.
    a.utf8.count == b.utf8.count && sameBytes(a, b)
}

/// `same` for strings of equal length: over the contiguous bytes (native, small and literal
/// strings have them), as the UTF8View's iterator pays index arithmetic per byte.
@inline(never) func sameBytes(_ a: String, _ b: String) -> Bool {
    let n = a.utf8.count
    if let equal = a.utf8.withContiguousStorageIfAvailable({ x in
        b.utf8.withContiguousStorageIfAvailable { y -> Bool in
            for k in 0 ..< n where x[k] != y[k] { return false }
            return true
        }
    }), let equal { return equal }
    return a.utf8.elementsEqual(b.utf8)
}

/// A string of one or two UTF-8 bytes as a number (first byte low: ">>" is 0x3E3E, "am" 0x6D61);
/// 0 for any other length, which no one- or two-byte string gives.
@inline(__always) func shortCode(_ s: String) -> UInt16 {
    let u = s.utf8
    guard u.count == 1 || u.count == 2 else { return 0 }
    var it = u.makeIterator()
    let b0 = UInt16(it.next()!)
    guard let b1 = it.next() else { return b0 }
    return b0 | UInt16(b1) << 8
}

/// The `foldKey`s of a set of folded words as a 4096-bit set: a word whose key's bit is clear is
/// not in the set (equal folds have equal keys), so most lookups end without hashing the String;
/// a set bit is confirmed with the set itself.
struct FoldFilter: Sendable {
    private let bits: [UInt64]
    init(_ words: Set<String>) {
        var b = [UInt64](repeating: 0, count: 64)
        for w in words { let k = foldKey(w); b[Int(truncatingIfNeeded: (k >> 6) & 63)] |= 1 << (k & 63) }
        bits = b
    }
    @inline(__always) func mayContain(_ key: UInt64) -> Bool {
        bits[Int(truncatingIfNeeded: (key >> 6) & 63)] & (1 << (key & 63)) != 0
    }
}
