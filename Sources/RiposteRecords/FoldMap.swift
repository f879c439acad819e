import RiposteText

/// A read-only table keyed by folded words, for the lookups the records stage makes per token and
/// per rule. A Swift Dictionary<String, …> hashes every key with SipHash through the generic
/// Hasher; most lookups here are short words that miss, so this table hashes the UTF-8 bytes with
/// FNV-1a (`foldKey`, which tokens carry precomputed as `Token.key`), probes an open-addressed
/// array and compares the String only on a hash hit. Keys are compared byte for byte: folded
/// words and the lexicon's keys both come out of `Folding` in NFC, where canonical equivalence
/// is byte equality.
struct FoldMap<Value> {
    /// A slot: the high half of a key's hash and its entry index (-1: empty), eight bytes, so
    /// that a probe reads one small place; the table is kept at most a third full, so that a miss
    /// (most lookups) usually stops at the first slot.
    private struct Slot {
        var tag: UInt32 = 0
        var entry: Int32 = -1
    }
    private var slots: [Slot]
    /// The keys and values by entry index, apart: a hit compares the key, then reads the value.
    private var entryKeys: [String] = []
    private var entryValues: [Value] = []
    private var mask: Int

    /// In the order of the keys' hashes (then of the keys), so that the table (and `keys`) do
    /// not depend on the Dictionary's seed; hashes sort faster than Strings (lexicon load).
    init(_ dict: [String: Value]) {
        self.init(hashed: dict.map { (foldKey($0.key), $0.key, $0.value) }.sorted(by: FoldMap.hashOrder))
    }

    /// (hash, key) order: the order of the entries of a table built from an unordered source.
    @inline(__always) static func hashOrder(_ a: (UInt64, String, Value), _ b: (UInt64, String, Value)) -> Bool {
        a.0 != b.0 ? a.0 < b.0 : a.1 < b.1
    }

    /// Entries in the order given (keys distinct): the first ones share cache lines, so the
    /// words looked up most should come first.
    init(ordered: [(String, Value)]) {
        self.init(hashed: ordered.map { (foldKey($0.0), $0.0, $0.1) })
    }

    /// Entries (`foldKey` of the key, key, value) in the order given; an entry whose key is
    /// already in the table is skipped.
    init(hashed: [(UInt64, String, Value)]) {
        var cap = 16
        while cap < hashed.count * 3 { cap *= 2 }
        mask = cap - 1
        slots = [Slot](repeating: Slot(), count: cap)
        entryKeys.reserveCapacity(hashed.count)
        entryValues.reserveCapacity(hashed.count)
        for (h, k, v) in hashed {
            if entry(h, k) >= 0 { continue }
            var i = FoldMap.index(h, mask)
            while slots[i].entry >= 0 { i = (i + 1) & mask }
            slots[i] = Slot(tag: FoldMap.tag(h), entry: Int32(entryKeys.count))
            entryKeys.append(k)
            entryValues.append(v)
        }
    }

    @inline(__always) private static func index(_ h: UInt64, _ mask: Int) -> Int {
        Int(truncatingIfNeeded: h ^ (h >> 29)) & mask
    }

    @inline(__always) private static func tag(_ h: UInt64) -> UInt32 { UInt32(truncatingIfNeeded: h >> 32) }

    /// The entry of `fold`, whose `foldKey` is `h`, or -1.
    @inline(__always) private func entry(_ h: UInt64, _ fold: String) -> Int {
        slots.withUnsafeBufferPointer { s in
            var i = FoldMap.index(h, mask)
            let t = FoldMap.tag(h)
            while true {
                let e = s[i].entry
                if e < 0 { return -1 }
                if s[i].tag == t, entryKeys[Int(e)] == fold { return Int(e) }
                i = (i + 1) & mask
            }
        }
    }

    @inline(__always) subscript(_ key: String) -> Value? { self[foldKey(key), key] }

    /// The value of a token's fold: `self[t.fold]` without hashing it again.
    @inline(__always) subscript(_ t: Token) -> Value? { self[t.key, t.fold] }

    /// The value of `fold`, whose `foldKey` is `h`.
    @inline(__always) subscript(_ h: UInt64, _ fold: String) -> Value? {
        let e = entry(h, fold)
        return e < 0 ? nil : entryValues[e]
    }

    /// True when `fold`, whose `foldKey` is `h`, has a value (without copying the value).
    @inline(__always) func contains(_ h: UInt64, _ fold: String) -> Bool { entry(h, fold) >= 0 }
    @inline(__always) func contains(_ t: Token) -> Bool { contains(t.key, t.fold) }

    var keys: [String] { entryKeys }

    /// The entry index of a token's fold (-1: none), for tables that keep it per token.
    @inline(__always) func entryIndex(_ t: Token) -> Int { entry(t.key, t.fold) }
    /// The values in entry order (`values[entryIndex(t)]` is `self[t]`).
    var values: [Value] { entryValues }
}

/// A read-only set of folded words (see FoldMap).
struct FoldSet {
    private let map: FoldMap<Bool>
    init<S: Sequence>(_ words: S) where S.Element == String {
        // Duplicates are skipped by the table; the order does not hang on a Set's seed.
        map = FoldMap(hashed: words.map { (foldKey($0), $0, true) }.sorted(by: FoldMap<Bool>.hashOrder))
    }
    @inline(__always) func contains(_ key: String) -> Bool { map.contains(foldKey(key), key) }
    /// `contains(t.fold)` without hashing the fold again.
    @inline(__always) func contains(_ t: Token) -> Bool { map.contains(t.key, t.fold) }
    /// `contains(word)` for a word whose `foldKey` is `h`.
    @inline(__always) func contains(_ h: UInt64, _ word: String) -> Bool { map.contains(h, word) }
}

extension FoldMap: Sendable where Value: Sendable {}
extension FoldSet: Sendable {}

/// The last UTF-8 byte of a string, read from its contiguous storage (0 when empty).
@inline(__always) func lastUTF8Byte(_ s: String) -> UInt8 {
    if let b = s.utf8.withContiguousStorageIfAvailable({ $0.last ?? 0 }) { return b }
    return s.utf8.last ?? 0
}

/// `s.hasSuffix("'s")` read on bytes when they decide: only the bytes "'" "s" end so (neither
/// Character has another form), and they are those two Characters unless a non-ASCII byte comes
/// before the "'" (a prepended mark would join it into one Character): then String decides.
/// Plural words end in "s": String.hasSuffix compared Characters for each of them.
@inline(__always) func hasApostropheSSuffix(_ s: String) -> Bool {
    let r: Bool?? = s.utf8.withContiguousStorageIfAvailable { b -> Bool? in
        let n = b.count
        guard n >= 2, b[n - 1] == 0x73, b[n - 2] == 0x27 else { return false }
        if n == 2 || b[n - 3] < 0x80 { return true }
        return nil
    }
    if let r, let known = r { return known }
    return s.hasSuffix("'s")
}

/// A growable set of folded words, filled per document (see FoldMap): an insert with a token's
/// precomputed key hashes nothing.
struct FoldKeySet {
    private var map = HashedStringMap<Void>(capacity: 32)

    init() {}

    /// Inserts `word`, whose `foldKey` is `h`.
    @inline(__always) mutating func insert(_ h: UInt64, _ word: String) { map.set(h, word, (), keepExisting: true) }

    /// True when `word`, whose `foldKey` is `h`, was inserted.
    @inline(__always) func contains(_ h: UInt64, _ word: String) -> Bool { map.get(h, word) != nil }
    @inline(__always) func contains(_ word: String) -> Bool { contains(foldKey(word), word) }
}

extension FoldKeySet: Sendable {}

/// A growable String → Value table over 64-bit hashes the caller gives (`foldKey`s of the
/// bytes): no SipHash per lookup; the String is compared only on a hash hit.
struct HashedStringMap<Value> {
    /// Per slot, the entry index (-1: empty) and the key's hash.
    private var slots: [Int32]
    private var hashes: [UInt64]
    private var keys: [String] = []
    private var values: [Value] = []
    private var mask: Int

    init(capacity: Int) {
        var cap = 16
        while cap < capacity * 2 { cap *= 2 }
        mask = cap - 1
        slots = [Int32](repeating: -1, count: cap)
        hashes = [UInt64](repeating: 0, count: cap)
        keys.reserveCapacity(capacity)
        values.reserveCapacity(capacity)
    }

    var count: Int { keys.count }

    @inline(__always) private static func index(_ h: UInt64, _ mask: Int) -> Int {
        Int(truncatingIfNeeded: h ^ (h >> 29)) & mask
    }

    /// The slot where `k` (hash `h`) is or would go, and its entry (-1: absent).
    @inline(__always) private func find(_ h: UInt64, _ k: String) -> (slot: Int, entry: Int) {
        var i = HashedStringMap.index(h, mask)
        while true {
            let e = slots[i]
            if e < 0 { return (i, -1) }
            if hashes[i] == h, keys[Int(e)] == k { return (i, Int(e)) }
            i = (i + 1) & mask
        }
    }

    /// The value of `k`, whose `foldKey` is `h`.
    func get(_ h: UInt64, _ k: String) -> Value? {
        let e = find(h, k).entry
        return e < 0 ? nil : values[e]
    }

    /// Sets the value of `k` (hash `h`); with `keepExisting`, only if `k` has none yet.
    mutating func set(_ h: UInt64, _ k: String, _ v: Value, keepExisting: Bool = false) {
        let (s, e) = find(h, k)
        if e >= 0 {
            if !keepExisting { values[e] = v }
            return
        }
        slots[s] = Int32(keys.count)
        hashes[s] = h
        keys.append(k)
        values.append(v)
        if keys.count * 2 > slots.count { grow() }
    }

    private mutating func grow() {
        let cap = slots.count * 2
        mask = cap - 1
        var newSlots = [Int32](repeating: -1, count: cap)
        var newHashes = [UInt64](repeating: 0, count: cap)
        for (i, e) in slots.enumerated() where e >= 0 {
            let h = hashes[i]
            var j = HashedStringMap.index(h, mask)
            while newSlots[j] >= 0 { j = (j + 1) & mask }
            newSlots[j] = e
            newHashes[j] = h
        }
        slots = newSlots
        hashes = newHashes
    }
}
