import RiposteText
import RiposteNormalize
import RiposteLexicon

/// One element of a cue pattern: a set of folded forms, optional or not, or a gap.
struct CueElement: Sendable {
    let keys: Set<String>
    let optional: Bool
    let isGap: Bool
    /// `keys` as a FoldSet, for the per-token test.
    let lookup: FoldSet
    init(keys: Set<String>, optional: Bool = false, isGap: Bool = false) {
        self.keys = keys; self.optional = optional; self.isGap = isGap
        lookup = FoldSet(keys)
    }
}

/// One line of cues.tsv: `type<TAB>pattern<TAB>id<TAB>features`.
/// Pattern elements (space separated): a literal folded word; `<lemma>` for every inflected form
/// of the lemma (Lexicons/<lang>/inflections.tsv); `a|b` alternatives; `?x` optional; `…` a gap of
/// up to four words. Features: comma-separated `key=value` or bare flags (docs in the README).
/// A class: every match holds its pattern, and the rules read it through many copies of the match.
public final class CuePattern: Sendable {
    public let type: String
    public let id: String
    let elements: [CueElement]
    public let features: [String: String]
    public let flags: Set<String>
    /// `features` and `flags` as short arrays: a pattern has a few of each, and the clause
    /// analysis asks for them at every match; comparing a few short strings costs less than
    /// hashing the name.
    private let featureList: [(key: String, value: String)]
    private let flagList: [String]
    /// What the clause analysis reads of the pattern, decoded once (it used to be per match).
    let decoded: CueFeatures
    /// `RecordType(rawValue: type)`, and `type == "report"`.
    let recordType: RecordType?
    let isReport: Bool
    init(type: String, id: String, elements: [CueElement], features: [String: String], flags: Set<String>) {
        self.type = type; self.id = id; self.elements = elements; self.features = features; self.flags = flags
        featureList = features.map { ($0.key, $0.value) }
        flagList = Array(flags)
        decoded = CueFeatures(features: features, flags: flags)
        recordType = RecordType(rawValue: type)
        isReport = type == "report"
    }
    public func feature(_ k: String) -> String? {
        for f in featureList where f.key == k { return f.value }
        return nil
    }
    public func has(_ f: String) -> Bool { flagList.contains(f) }
}

/// A cue found in a sentence: tokens `start ..< end` (document token indices).
struct CueMatch {
    let pattern: CuePattern
    let start: Int
    let end: Int
    /// Token indices of the pattern's non-gap elements (the cue words proper).
    let words: [Int]
}

/// Cue patterns indexed by the forms of their first element, and by the first two tokens when
/// the pattern says what the second one must be: very common words open many patterns ("pas",
/// "not", "en"), most of which fail at the next token.
/// A class: DocumentRun calls `lex.cues.matches` per sentence, and a struct read from the lexicon
/// there was copied, retaining each of its tables, per call.
public final class CueIndex: Sendable {
    public let patterns: [CuePattern]
    private let byFirst: FoldMap<[Int]>
    /// The patterns whose second token may be anything (a gap follows the first element, or
    /// nothing required does), by the forms of their first element: a range of `flat.anyLists`.
    private let anyNext: FoldMap<Range<Int32>>
    /// The other patterns, by the keys of their possible first two tokens.
    private let byPair: PairIndex
    /// The lists and elements the matching loop reads, behind pointers.
    private let flat: CueTables
    /// Every folded form that can begin a cue.
    public let firstKeys: Set<String>
    /// The ids of the patterns flagged `attribution`, and `object` (FrenchRecordRules asks per
    /// document).
    let attributionIDs: Set<String>
    let objectIDs: Set<String>
    static let gapLimit = 4

    init(rows: [LexiconRow], lexicon: LanguageLexicon) {
        var patterns: [CuePattern] = []
        var index: [String: [Int]] = [:]
        let elisions = lexicon.list("elisions")
        for r in rows where r.fields.count >= 3 {
            var elements: [CueElement] = []
            for raw in r[1].split(separator: " ") {
                var word = String(raw)
                if word == "…" || word == "..." { elements.append(CueElement(keys: [], isGap: true)); continue }
                var optional = false
                if word.hasPrefix("?") { optional = true; word.removeFirst() }
                var keys = Set<String>()
                var split: String? = nil
                for alt in word.split(separator: "|") {
                    var a = String(alt)
                    if a.hasPrefix("<") && a.hasSuffix(">") {
                        a = String(a.dropFirst().dropLast())
                        for f in lexicon.inflections.forms(of: a) { keys.insert(Folding.fold(f)) }
                        keys.insert(Folding.fold(a))
                    } else {
                        // "d'après" is two tokens in French text: the elided article and the word.
                        let f = Folding.fold(a)
                        if !word.contains("|"), let apo = f.firstIndex(of: "'"), f.index(after: apo) != f.endIndex,
                           elisions.contains(String(f[...apo])) {
                            keys.insert(String(f[...apo]))
                            split = String(f[f.index(after: apo)...])
                        } else {
                            keys.insert(f)
                        }
                    }
                }
                elements.append(CueElement(keys: keys, optional: optional))
                if let s = split { elements.append(CueElement(keys: [s], optional: optional)) }
            }
            guard let first = elements.first, !first.isGap, !first.optional else { continue }
            var features: [String: String] = [:]
            var flags = Set<String>()
            for f in r[3].split(separator: ",") {
                let parts = f.split(separator: "=", maxSplits: 1).map { String($0).trimmingSpaces() }
                if parts.count == 2 { features[parts[0]] = parts[1] } else if let p = parts.first, !p.isEmpty { flags.insert(p) }
            }
            let p = CuePattern(type: r[0], id: r[2], elements: elements, features: features, flags: flags)
            for k in first.keys { index[k, default: []].append(patterns.count) }
            patterns.append(p)
        }
        self.patterns = patterns
        var any: [String: [Int]] = [:]
        var pairs: [UInt64: [Int]] = [:]
        for (pi, p) in patterns.enumerated() {
            guard let next = CueIndex.nextKeys(p.elements, 1) else {
                for k in p.elements[0].keys { any[k, default: []].append(pi) }
                continue
            }
            let nextKeys = next.map(foldKey)
            for k in p.elements[0].keys {
                let h = foldKey(k)
                for n in nextKeys where pairs[PairIndex.key(h, n)]?.last != pi { pairs[PairIndex.key(h, n), default: []].append(pi) }
            }
        }
        var anyLists: [Int32] = []
        var anyRanges: [String: Range<Int32>] = [:]
        for (k, v) in any.sorted(by: { $0.key < $1.key }) {
            let lo = Int32(anyLists.count)
            anyLists.append(contentsOf: v.map { Int32($0) })
            anyRanges[k] = lo ..< Int32(anyLists.count)
        }
        anyNext = FoldMap(anyRanges)
        byPair = PairIndex(pairs)
        flat = CueTables(patterns: patterns, anyLists: anyLists, pairLists: byPair.lists)
        byFirst = FoldMap(index)
        firstKeys = Set(index.keys)
        attributionIDs = Set(patterns.filter { $0.has("attribution") }.map(\.id))
        objectIDs = Set(patterns.filter { $0.has("object") }.map(\.id))
    }

    /// The folded forms the token after element `e - 1` may have when the pattern matches; nil
    /// when it may be any token or none (a gap, or only optional elements up to the end).
    private static func nextKeys(_ els: [CueElement], _ e: Int) -> Set<String>? {
        guard e < els.count, !els[e].isGap else { return nil }
        if !els[e].optional { return els[e].keys }
        guard let rest = nextKeys(els, e + 1) else { return nil }
        return els[e].keys.union(rest)
    }

    /// True when a cue pattern may begin with the token (its first element holds the token's fold).
    @inline(__always) func mayBegin(_ t: Token) -> Bool { byFirst.contains(t) }

    /// Every cue match in tokens `range` (overlapping matches included; the caller arbitrates).
    func matches(_ tokens: [Token], _ range: Range<Int>) -> [CueMatch] {
        matches(tokens, range, at: range.filter { mayBegin(tokens[$0]) }[...])
    }

    /// The patterns of `anyNext` for a folded word (a range of `flat.anyLists`), nil for none.
    func anyRange(_ fold: String) -> Range<Int32>? { anyNext[foldKey(fold), fold] }

    /// `matches(tokens, range)` when the tokens of `range` where a cue may begin are known
    /// (`mayBegin`, in increasing order). With `words` and `anyByEntry` (RecordsLexicon's
    /// `cueAnyByEntry`), a token's `anyNext` range is read by its word entry, which `words`
    /// keeps, instead of probing `anyNext` with its fold.
    func matches(_ tokens: [Token], _ range: Range<Int>, at starts: ArraySlice<Int>,
                 words tw: TokenWords? = nil, anyByEntry: UnsafeMutablePointer<UInt64>? = nil) -> [CueMatch] {
        var out: [CueMatch] = []
        if starts.isEmpty { return out }
        let flat = self.flat
        // One buffer for the words of every attempt (most fail), copied out on a match.
        var words: [Int] = []
        words.reserveCapacity(8)
        tokens.withUnsafeBufferPointer { toks in
            for i in starts {
                // The candidates of both tables, in pattern order (the order of the matches). A
                // pair hit may be a hash collision: `match` tests every element. (Lists read as
                // ranges of flat buffers: no array retained per token.)
                let a: Range<Int32>
                if let tw, let anyByEntry, i < tw.count {
                    let e = tw.entryIndex(i)
                    let packed = e >= 0 ? anyByEntry[e] : 0
                    a = Int32(truncatingIfNeeded: packed) ..< Int32(truncatingIfNeeded: packed >> 32)
                } else {
                    a = anyNext[toks[i]] ?? 0 ..< 0
                }
                let b = i + 1 < range.upperBound ? byPair.range(PairIndex.key(toks[i].key, toks[i + 1].key)) : 0 ..< 0
                var ia = Int(a.lowerBound), ib = Int(b.lowerBound)
                let ea = Int(a.upperBound), eb = Int(b.upperBound)
                while ia < ea || ib < eb {
                    let pi: Int
                    if ib == eb || (ia < ea && flat.anyLists[ia] < flat.pairLists[ib]) { pi = Int(flat.anyLists[ia]); ia += 1 } else { pi = Int(flat.pairLists[ib]); ib += 1 }
                    words.removeAll(keepingCapacity: true)
                    let end = CueIndex.match(flat.elements(of: pi), 0, i, toks, range.upperBound, &words)
                    if let end { out.append(CueMatch(pattern: patterns[pi], start: i, end: end, words: Array(words))) }
                }
            }
        }
        return out
    }

    /// Elements and tokens are read through buffers: the recursion would otherwise retain the
    /// element array and each element's tables at every step.
    private static func match(_ els: UnsafeBufferPointer<CueElement>, _ e: Int, _ t: Int, _ tokens: UnsafeBufferPointer<Token>,
                              _ limit: Int, _ words: inout [Int]) -> Int? {
        if e == els.count { return t }
        if els[e].isGap {
            var k = t
            for _ in 0 ... CueIndex.gapLimit {
                if let end = match(els, e + 1, k, tokens, limit, &words) { return end }
                guard k < limit, tokens[k].kind == .word || tokens[k].kind == .abbreviation || tokens[k].kind == .number || tokens[k].lower == "-" else { return nil }
                k += 1
            }
            return nil
        }
        if t < limit, els[e].lookup.contains(tokens[t]) {
            words.append(t)
            if let end = match(els, e + 1, t + 1, tokens, limit, &words) { return end }
            words.removeLast()
        }
        if els[e].optional { return match(els, e + 1, t, tokens, limit, &words) }
        return nil
    }
}

/// Lists of pattern indices by a 64-bit key made of two words' `foldKey`s, without the words
/// (a hit may be a collision): open-addressed slots, at most a third full, over one flat list.
struct PairIndex: Sendable {
    private struct Slot: Sendable {
        var key: UInt64 = 0
        var start: Int32 = 0
        var count: Int32 = 0
    }
    private let slots: [Slot]
    let lists: [Int32]
    private let mask: Int

    init(_ dict: [UInt64: [Int]]) {
        var cap = 16
        while cap < dict.count * 3 { cap *= 2 }
        mask = cap - 1
        var slots = [Slot](repeating: Slot(), count: cap)
        var lists: [Int32] = []
        for (k, v) in dict.sorted(by: { $0.key < $1.key }) {
            var i = PairIndex.index(k, mask)
            while slots[i].count > 0 { i = (i + 1) & mask }
            slots[i] = Slot(key: k, start: Int32(lists.count), count: Int32(v.count))
            lists.append(contentsOf: v.map { Int32($0) })
        }
        self.slots = slots
        self.lists = lists
    }

    @inline(__always) static func key(_ a: UInt64, _ b: UInt64) -> UInt64 {
        (a &* 0x9E37_79B9_7F4A_7C15) ^ ((b ^ (b >> 31)) &* 0xBF58_476D_1CE4_E5B9)
    }

    @inline(__always) private static func index(_ h: UInt64, _ mask: Int) -> Int {
        Int(truncatingIfNeeded: h ^ (h >> 29)) & mask
    }

    /// The range of `lists` holding the pattern indices under `k` (ascending), empty when none.
    @inline(__always) func range(_ k: UInt64) -> Range<Int32> {
        slots.withUnsafeBufferPointer { slots in
            var i = PairIndex.index(k, mask)
            while true {
                let s = slots[i]
                if s.count == 0 { return 0 ..< 0 }
                if s.key == k { return s.start ..< s.start + s.count }
                i = (i + 1) & mask
            }
        }
    }

    /// The pattern indices under `k` (ascending), empty when none.
    @inline(__always) subscript(_ k: UInt64) -> ArraySlice<Int32> {
        var i = PairIndex.index(k, mask)
        while true {
            let s = slots[i]
            if s.count == 0 { return lists[0 ..< 0] }
            if s.key == k { return lists[Int(s.start) ..< Int(s.start + s.count)] }
            i = (i + 1) & mask
        }
    }
}

extension String {
    func trimmingSpaces() -> String {
        var s = Substring(self)
        while s.first == " " || s.first == "\t" { s.removeFirst() }
        while s.last == " " || s.last == "\t" { s.removeLast() }
        return String(s)
    }
}

/// What CueIndex.matches reads per cue start, in buffers this class owns: the pattern lists of
/// both tables and every pattern's elements (reading them from the pattern objects and arrays
/// retained and released each of them per candidate).
final class CueTables: @unchecked Sendable {
    let anyLists: UnsafeMutablePointer<Int32>
    let pairLists: UnsafeMutablePointer<Int32>
    private let elements: UnsafeMutablePointer<CueElement>
    private let elementCount: Int
    /// Per pattern, the start of its elements in `elements` (one more entry: the end).
    private let elementStarts: UnsafeMutablePointer<Int>
    private let listCounts: (Int, Int)

    init(patterns: [CuePattern], anyLists: [Int32], pairLists: [Int32]) {
        self.anyLists = .allocate(capacity: max(anyLists.count, 1))
        self.anyLists.initialize(from: anyLists, count: anyLists.count)
        self.pairLists = .allocate(capacity: max(pairLists.count, 1))
        self.pairLists.initialize(from: pairLists, count: pairLists.count)
        listCounts = (anyLists.count, pairLists.count)
        let all = patterns.flatMap(\.elements)
        elementCount = all.count
        elements = .allocate(capacity: max(all.count, 1))
        elements.initialize(from: all, count: all.count)
        elementStarts = .allocate(capacity: patterns.count + 1)
        var k = 0
        for (pi, p) in patterns.enumerated() {
            elementStarts[pi] = k
            k += p.elements.count
        }
        elementStarts[patterns.count] = k
    }

    deinit {
        anyLists.deinitialize(count: listCounts.0)
        anyLists.deallocate()
        pairLists.deinitialize(count: listCounts.1)
        pairLists.deallocate()
        elements.deinitialize(count: elementCount)
        elements.deallocate()
        elementStarts.deallocate()
    }

    /// Pattern `pi`'s elements.
    @inline(__always) func elements(of pi: Int) -> UnsafeBufferPointer<CueElement> {
        UnsafeBufferPointer(start: elements + elementStarts[pi], count: elementStarts[pi + 1] - elementStarts[pi])
    }
}
