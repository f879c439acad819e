import RiposteText
import RiposteNormalize
import RiposteSegment
import RiposteParties

/// The document's parties as the records stage sees them: the PartySet it was given, extended
/// with the parties that only the records stage names (a source "the Government", a target
/// "l'association …"). Same name (case, accents, determiners and plural aside) = same party; a
/// proper name that is part of another ("Smith" in "John Smith") is the same party.
struct PartyBook {
    /// The parties, edited here and handed back as a PartySet once (PartySet re-indexes its
    /// mentions on every change, too slow to do per mention).
    var parties: [Party]
    private let original: PartySet
    private var changed = false
    var set: PartySet {
        guard changed else { return original }
        var s = original
        s.parties = parties
        return s
    }
    let lex: RecordsLexicon

    /// Party key (`key(_:)`, or the fold of a phrase without key words) → party.
    private var byKey: PartyKeyMap
    /// Words of proper names (`keyWords`) and their `foldKey`s, for "Smith" ⊂ "John Smith".
    private var nameWords: [(party: Int, words: [String], keys: [UInt64])] = []
    var roles: [Int: String] = [:]
    /// The last word (folded) of every party's name that has a space, and maybe of former names:
    /// `englishDescribedParty` can only find a party whose name ends with the head noun (or its
    /// plural), so a head not in here spares it the walk over the parties. Built on first need
    /// (English descriptions only).
    private var lastWords: Set<String>? = nil

    /// `names`: what names come to (NameKeys), shared by the documents of one extractor.
    init(set: PartySet, lex: RecordsLexicon, names: NameKeys? = nil) {
        self.original = set
        self.parties = set.parties
        self.lex = lex
        self.memo = names ?? NameKeys()
        byKey = PartyKeyMap(capacity: set.parties.count * 2)
        nameWords.reserveCapacity(set.parties.count)
        // The first party keyed `k` keeps it.
        for (i, p) in set.parties.enumerated() {
            // The name's words once, for its key, its word set and its role.
            let e = entry(p.name)
            if let k = e.key { byKey.set(e.keyHash, k, i, keepExisting: true) }
            for n in p.aliases {
                let a = entry(n)
                if let k = a.key { byKey.set(a.keyHash, k, i, keepExisting: true) }
            }
            if !e.words.isEmpty { nameWords.append((i, e.words, e.keys)) }
            if let h = e.role { roles[i] = h }
        }
    }

    /// The folded last space-separated word (as `englishDescribedParty` reads names); nil for a
    /// name without a space, which that rule never matches (its `contains(" ")`).
    private static func lastWord(_ s: String) -> String? {
        guard s.utf8.contains(0x20) else { return nil }
        return headWord(s)
    }

    /// The folded last of the space-separated words (`s.split(separator: " ").last`, folded).
    private static func headWord(_ s: String) -> String? {
        var slow = false
        let fast: String?? = s.utf8.withContiguousStorageIfAvailable { b -> String? in
            // A space byte is the Character " " unless a combining mark follows it or a prepended
            // mark precedes it (both non-ASCII): then the Character split decides.
            for k in 0 ..< b.count where b[k] == 0x20 && ((k + 1 < b.count && b[k + 1] >= 0x80) || (k > 0 && b[k - 1] >= 0x80)) {
                slow = true
                return nil
            }
            // The last run of bytes between spaces (none: only spaces, or nothing).
            var hi = b.count
            while hi > 0, b[hi - 1] == 0x20 { hi -= 1 }
            if hi == 0 { return nil }
            var lo = hi
            while lo > 0, b[lo - 1] != 0x20 { lo -= 1 }
            return Folding.keys(UnsafeBufferPointer(rebasing: b[lo ..< hi])).fold
        }
        if let fast, !slow { return fast }
        return s.split(separator: " ").last.map { Folding.fold(String($0)) }
    }

    /// `lastWords`, built from the parties' names if not yet.
    private mutating func lastWordsOfNames() -> Set<String> {
        if let l = lastWords { return l }
        var l = Set<String>()
        for p in parties.indices { if let w = PartyBook.lastWord(parties[p].name) { l.insert(w) } }
        lastWords = l
        return l
    }

    /// Folded words without leading determiners or titles, last word singular.
    func words(_ s: String) -> Set<String> {
        Set(keyWords(s))
    }

    /// What names come to, by name: a party's name and aliases are keyed again and again, in
    /// one document and across documents (a corpus names the same parties many times over).
    private let memo: NameKeys

    /// What PartyBook works out of a name: its `keyWords`, their `foldKey`s, their join (the
    /// party key; nil for no words) and the role they give (`headRole`). Pure functions of the
    /// name and the lexicon, so one extractor keeps them for all its documents. Not Sendable:
    /// an extractor is used by one thread at a time (one Pipeline per thread).
    final class NameKeys {
        /// A class: a lookup then retains one object, not each of its arrays and strings.
        final class Entry {
            let words: [String]
            let keys: [UInt64]
            let key: String?
            /// `foldKey(key)` (0 without a key): PartyKeyMap's hash, worked out once per name.
            let keyHash: UInt64
            let role: String?
            init(words: [String], keys: [UInt64], key: String?, role: String?) {
                self.words = words; self.keys = keys; self.key = key; self.role = role
                keyHash = key.map(foldKey) ?? 0
            }
        }
        /// By name, over the `foldKey` of the name's bytes (a name is not folded: the key only
        /// hashes its bytes, cheaper than a Dictionary's SipHash).
        var entries = HashedStringMap<Entry>(capacity: 1024)
        /// Past this many names the memo starts again (a bound on its memory).
        static let limit = 16384
    }

    private func entry(_ s: String) -> NameKeys.Entry {
        let h = foldKey(s)
        if let known = memo.entries.get(h, s) { return known }
        let w = keyWordsUncached(s)
        let e = NameKeys.Entry(words: w, keys: w.map(foldKey), key: w.isEmpty ? nil : w.joined(separator: " "),
                               role: headRole(words: w))
        if memo.entries.count >= NameKeys.limit { memo.entries = HashedStringMap<NameKeys.Entry>(capacity: 1024) }
        memo.entries.set(h, s, e)
        return e
    }

    private func keyWords(_ s: String) -> [String] { entry(s).words }

    private func keyWordsUncached(_ s: String) -> [String] {
        // `Folding.fold(s)` over the string's own bytes (no copy into an array).
        let folded = s.utf8.withContiguousStorageIfAvailable { Folding.keys($0).fold } ?? Folding.fold(s)
        var out = PartyBook.splitWords(folded, lex: lex) ?? splitWordsByCharacter(folded)
        while let f = out.first, out.count > 1, lex.has(f, .det) || lex.has(f, .title) || lex.listed(f, .nameSkip) { out.removeFirst() }
        // "the applicants" = "the applicant"; but "the courts" (the domestic ones) are not "the Court".
        if let last = out.last, last.count > 4, last.hasSuffix("s"), !last.hasSuffix("ss"),
           lex.heads[String(last.dropLast())]?.role != "court" { out[out.count - 1] = String(last.dropLast()) }
        return out
    }

    /// The words of a folded name, split on UTF-8 bytes: exactly what the Character split below
    /// gives when every character is one scalar (ASCII, or two-byte letters and «»; fold has removed
    /// the combining marks), nil otherwise.
    static func splitWords(_ folded: String, lex: RecordsLexicon) -> [String]? {
        if let r = folded.utf8.withContiguousStorageIfAvailable({ splitWords(bytes: $0, lex: lex) }) { return r }
        return Array(folded.utf8).withUnsafeBufferPointer { splitWords(bytes: $0, lex: lex) }
    }

    private static func splitWords(bytes: UnsafeBufferPointer<UInt8>, lex: RecordsLexicon) -> [String]? {
        for (k, b) in bytes.enumerated() where b >= 0xC0 {
            if b >= 0xE0 { return nil }
            // Arabic prepended concatenation marks join the next character into one Character.
            let c = k + 1 < bytes.count ? bytes[k + 1] : 0
            if (b == 0xD8 && c >= 0x80 && c <= 0x85) || (b == 0xDB && c == 0x9D) || (b == 0xDC && c == 0x8F) { return nil }
        }
        var out: [String] = []
        let n = bytes.count
        func word(_ lo: Int, _ hi: Int) -> String { String(decoding: UnsafeBufferPointer(rebasing: bytes[lo ..< hi]), as: UTF8.self) }
        func emit(_ start: Int, _ hi: Int) {
            var lo = start
            // "d'appel", "l'association": an elided determiner or preposition is a word of its own.
            var apo = lo
            while apo < hi, bytes[apo] != 0x27 { apo += 1 }
            if apo < hi, apo != lo, apo + 1 != hi {
                let head = word(lo, apo + 1)
                if lex.has(head, .det) || lex.has(head, .prep) { out.append(head); lo = apo + 1 }
            }
            var end = hi
            if end - lo >= 2, bytes[end - 2] == 0x27, bytes[end - 1] == 0x73 { end -= 2 }
            if end == lo || (end - lo == 1 && bytes[lo] == 0x27) { return }
            out.append(word(lo, end))
        }
        var start = 0
        var k = 0
        while k < n {
            let b = bytes[k]
            // Separators: space, \n (not inside the \r\n pair, one Character), comma, ", «, ».
            var sep = 0
            if b == 0x20 || b == 0x2C || b == 0x22 { sep = 1 }
            else if b == 0x0A, !(k > 0 && bytes[k - 1] == 0x0D) { sep = 1 }
            else if b == 0xC2, k + 1 < n, bytes[k + 1] == 0xAB || bytes[k + 1] == 0xBB { sep = 2 }
            if sep == 0 { k += 1; continue }
            if k > start { emit(start, k) }
            k += sep
            start = k
        }
        if start < n { emit(start, n) }
        return out
    }

    private func splitWordsByCharacter(_ folded: String) -> [String] {
        var out: [String] = []
        for raw in folded.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "," || $0 == "«" || $0 == "»" || $0 == "\"" }) {
            var w = String(raw)
            if let apo = w.firstIndex(of: "'"), apo != w.startIndex, w.index(after: apo) != w.endIndex {
                let head = String(w[...apo])
                if lex.has(head, .det) || lex.has(head, .prep) { out.append(head); w = String(w[w.index(after: apo)...]) }
            }
            if w.hasSuffix("'s") { w = String(w.dropLast(2)) }
            if w == "'" || w == "’" || w.isEmpty { continue }
            out.append(w)
        }
        return out
    }

    func key(_ s: String) -> String? { entry(s).key }

    /// The role a name gives its party: "the respondent State" is the respondent, whatever "State"
    /// alone would be. `words`: the name's `keyWords`.
    private func headRole(words: [String]) -> String? {
        for w in words.dropLast() where lex.has(w, .adj) {
            if let h = lex.head(w), h.role != "other", h.role != "agent" { return h.role }
        }
        guard let last = words.last else { return nil }
        if let h = lex.head(last) { return h.role }
        // French names put the head first: "tribunal de grande instance de Bonneville".
        if let first = words.first, let h = lex.head(first) { return h.role }
        return nil
    }

    func role(_ p: Int) -> String { roles[p] ?? "other" }

    /// The party a phrase names, created if new. `surface` is the phrase as written.
    mutating func party(surface: String, name: String? = nil, span: ByteSpan, sentence: Int, form: NounPhrase.Form, role: String, kind: PartyKind) -> Int {
        if let name, name != surface {
            // A role phrase holding a name ("l'association X"): the party is X, the phrase an alias.
            let p = party(surface: name, span: span, sentence: sentence, form: .name, role: role, kind: kind)
            if !parties[p].aliases.contains(surface), parties[p].name != surface { parties[p].aliases.append(surface); changed = true }
            let e = entry(surface)
            if let k = e.key { byKey.set(e.keyHash, k, p) }
            return p
        }
        let e = entry(surface)
        let k = e.key ?? Folding.fold(surface)
        let kh = e.key != nil ? e.keyHash : foldKey(k)
        var found = byKey.get(kh, k)
        if found == nil, form == .name {
            let w = e.words
            if !w.isEmpty {
                let wk = e.keys
                // The key comparisons first (no hashing), then the role: the conditions are pure.
                for n in nameWords where (PartyBook.isSubset(wk, w, of: n.keys, n.words) || PartyBook.isSubset(n.keys, n.words, of: wk, w))
                    && roles[n.party] == nil {
                    found = n.party
                    break
                }
            }
        }
        if found == nil {
            // An English description can only name a party whose name ends with its head noun.
            if lex.language == .en, form == .role, let head = PartyBook.headWord(surface),
               !lastWordsOfNames().contains(head), !lastWords!.contains(head + "s") {
            } else {
                found = englishDescribedParty(surface, form: form, before: span)
            }
        }
        if let p = found {
            var party = parties[p]
            let before = party
            if !party.mentions.contains(where: { $0.span == span }) {
                party.mentions.append(Mention(span: span, sentence: sentence, form: form == .name ? .name : .description))
            }
            // The canonical name is the fullest form.
            if form == .name, surface.count > party.name.count, words(surface).isSuperset(of: words(party.name)) {
                if !party.aliases.contains(party.name) { party.aliases.append(party.name) }
                party.aliases.removeAll { $0 == surface }
                party.name = surface
                if lastWords != nil, let l = PartyBook.lastWord(surface) { lastWords!.insert(l) }
                nameWords.removeAll { $0.party == p }
                let e = entry(surface)
                nameWords.append((p, e.words, e.keys))
            } else if surface != party.name, !party.aliases.contains(surface) {
                party.aliases.append(surface)
            }
            if party != before { parties[p] = party; changed = true }
            byKey.set(kh, k, p)
            return p
        }
        let p = parties.count
        changed = true
        let pk: PartyKind = kind == .unknown && form == .name ? .unknown : kind
        parties.append(Party(name: surface, kind: pk, aliases: [], mentions: [Mention(span: span, sentence: sentence, form: form == .name ? .name : .description)]))
        byKey.set(kh, k, p)
        if lastWords != nil, let l = PartyBook.lastWord(surface) { lastWords!.insert(l) }
        if form == .name { let e = entry(surface); nameWords.append((p, e.words, e.keys)) }
        if role != "other" { roles[p] = role }
        return p
    }

    /// `Set(a).isSubset(of: Set(b))` for word lists and their `foldKey`s: the keys rule most
    /// pairs out; the words decide (folded words are NFC: equal words have equal bytes and keys).
    @inline(__always) private static func isSubset(_ aKeys: [UInt64], _ a: [String], of bKeys: [UInt64], _ b: [String]) -> Bool {
        for k in aKeys where !bKeys.contains(k) { return false }
        for w in a where !b.contains(w) { return false }
        return true
    }

    mutating func addPronounMention(_ p: Int, span: ByteSpan, sentence: Int) {
        guard p < parties.count, !parties[p].mentions.contains(where: { $0.span == span }) else { return }
        parties[p].mentions.append(Mention(span: span, sentence: sentence, form: .pronoun))
        changed = true
    }

    func index(ofKey k: String) -> Int? { byKey.get(foldKey(k), k) }

    mutating func addAlias(_ p: Int, _ alias: String) {
        guard !parties[p].aliases.contains(alias) else { return }
        parties[p].aliases.append(alias)
        changed = true
    }

    /// The first party with this role, if any.
    func first(role: String) -> Int? {
        for i in parties.indices where roles[i] == role { return i }
        return nil
    }
}

/// Party key → party index (PartyBook.byKey): an open-addressed table over the keys' `foldKey`s,
/// which NameKeys keeps with the names, so that most inserts and lookups hash nothing (a
/// Dictionary<String, Int> hashed every key again through SipHash, per document); the key String
/// is compared on a hash hit.
typealias PartyKeyMap = HashedStringMap<Int>

