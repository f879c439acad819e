/// A read-only table keyed by folded words, for the lookups the records stage makes per token and
/// per rule. A Swift Dictionary<String, …> hashes every key with SipHash through the generic
/// Hasher; most lookups here are short ASCII words that miss, so this table hashes the UTF-8 bytes
/// with FNV-1a, probes an open-addressed array and compares the String only on a hash hit.
/// Keys with a non-ASCII byte stay in an ordinary Dictionary (String equality there is canonical
/// equivalence, which a byte hash would not honour; folded ASCII keys are their own NFC form).
struct FoldMap<Value> {
    private var slots: [Int32]
    private var slotHashes: [UInt64]
    private var entries: [(key: String, value: Value)] = []
    private var mask: Int
    private var other: [String: Value] = [:]

    init(_ dict: [String: Value]) {
        var ascii: [(String, Value, UInt64)] = []
        for (k, v) in dict {
            if let h = FoldMap.asciiHash(k) { ascii.append((k, v, h)) } else { other[k] = v }
        }
        var cap = 16
        while cap < ascii.count * 2 { cap *= 2 }
        mask = cap - 1
        slots = [Int32](repeating: -1, count: cap)
        slotHashes = [UInt64](repeating: 0, count: cap)
        for (k, v, h) in ascii {
            var i = Int(truncatingIfNeeded: h ^ (h >> 29)) & mask
            while slots[i] >= 0 { i = (i + 1) & mask }
            slots[i] = Int32(entries.count)
            slotHashes[i] = h
            entries.append((k, v))
        }
    }

    /// FNV-1a of the UTF-8 bytes, nil when one is not ASCII.
    @inline(__always) static func asciiHash(_ s: String) -> UInt64? {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        var high: UInt8 = 0
        if let r = s.utf8.withContiguousStorageIfAvailable({ buf -> UInt64 in
            for b in buf { h = (h ^ UInt64(b)) &* 0x100_0000_01b3; high |= b }
            return h
        }) {
            h = r
        } else {
            for b in s.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3; high |= b }
        }
        return high < 0x80 ? h : nil
    }

    @inline(__always) subscript(_ key: String) -> Value? {
        guard let h = FoldMap.asciiHash(key) else { return other.isEmpty ? nil : other[key] }
        var i = Int(truncatingIfNeeded: h ^ (h >> 29)) & mask
        while true {
            let e = slots[i]
            if e < 0 { return nil }
            if slotHashes[i] == h, entries[Int(e)].key == key { return entries[Int(e)].value }
            i = (i + 1) & mask
        }
    }

    var keys: [String] { entries.map(\.key) + other.keys }
}

/// A read-only set of folded words (see FoldMap).
struct FoldSet {
    private let map: FoldMap<Bool>
    init<S: Sequence>(_ words: S) where S.Element == String {
        var d: [String: Bool] = [:]
        for w in words { d[w] = true }
        map = FoldMap(d)
    }
    @inline(__always) func contains(_ key: String) -> Bool { map[key] != nil }
}

extension FoldMap: Sendable where Value: Sendable {}
extension FoldSet: Sendable {}

/// The last UTF-8 byte of a string, read from its contiguous storage (0 when empty).
@inline(__always) func lastUTF8Byte(_ s: String) -> UInt8 {
    if let b = s.utf8.withContiguousStorageIfAvailable({ $0.last ?? 0 }) { return b }
    return s.utf8.last ?? 0
}
