/// 64-bit FNV-1a, the hash of `PartyLexicon.wordKey` (RiposteText.foldKey), for keys hashed
/// byte by byte.
enum FNV {
    static let basis: UInt64 = 0xcbf2_9ce4_8422_2325
    @inline(__always) static func add(_ h: UInt64, _ b: UInt8) -> UInt64 { (h ^ UInt64(b)) &* 0x100_0000_01b3 }
}

/// A hash table keyed by `PartyLexicon.wordKey` values (64-bit FNV-1a of a folded word). The keys
/// are already hashes: Swift's Dictionary would hash them again through SipHash on every lookup,
/// once per token per table; this probes an open-addressed array with a multiplicative index.
struct WordKeyMap<Value> {
    private var keys: [UInt64]
    private var values: [Value?]
    private var zero: Value?
    private var count = 0
    private var shift: UInt64

    init(minimumCapacity: Int = 0) {
        var bits: UInt64 = 4
        while (1 << bits) < max(16, minimumCapacity * 2) { bits += 1 }
        shift = 64 - bits
        keys = [UInt64](repeating: 0, count: 1 << Int(bits))
        values = [Value?](repeating: nil, count: 1 << Int(bits))
    }

    init(_ dict: [UInt64: Value]) {
        self.init(minimumCapacity: dict.count)
        for (k, v) in dict { self[k] = v }
    }

    @inline(__always) private func slot(_ key: UInt64) -> Int {
        let mask = keys.count - 1
        var i = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
        while true {
            let k = keys[i]
            if k == key || k == 0 { return i }
            i = (i + 1) & mask
        }
    }

    subscript(_ key: UInt64) -> Value? {
        get {
            if key == 0 { return zero }
            let i = slot(key)
            return keys[i] == key ? values[i] : nil
        }
        set {
            if key == 0 { zero = newValue; return }
            let i = slot(key)
            if keys[i] == key {
                values[i] = newValue
                return
            }
            guard let v = newValue else { return }
            keys[i] = key
            values[i] = v
            count += 1
            if count * 2 > keys.count { grow() }
        }
    }

    subscript(_ key: UInt64, default d: Value) -> Value { self[key] ?? d }

    private mutating func grow() {
        let oldKeys = keys, oldValues = values
        shift -= 1
        keys = [UInt64](repeating: 0, count: oldKeys.count * 2)
        values = [Value?](repeating: nil, count: oldKeys.count * 2)
        for (i, k) in oldKeys.enumerated() where k != 0 {
            let j = slot(k)
            keys[j] = k
            values[j] = oldValues[i]
        }
    }
}

/// A set of word keys (see WordKeyMap).
struct WordKeySet {
    private var map: WordKeyMap<Bool>
    init(minimumCapacity: Int = 0) { map = WordKeyMap(minimumCapacity: minimumCapacity) }
    @inline(__always) func contains(_ key: UInt64) -> Bool { map[key] != nil }
    @inline(__always) mutating func insert(_ key: UInt64) { if map[key] == nil { map[key] = true } }
}

extension WordKeyMap where Value == Int {
    mutating func add(_ key: UInt64, _ n: Int) { self[key] = (self[key] ?? 0) + n }
}

/// The distinct words of one document, by word key, each with a dense index: the recogniser looks
/// the lexicon up once per distinct word instead of once per token, and keeps per-word facts
/// (written in lower case somewhere, how often in capitals) in arrays read by that index.
struct DocumentWords {
    private var slotKeys: [UInt64]
    /// Dense index + 1 of the word in each slot; 0 for an empty slot (so a key of 0 needs no care).
    private var slotIndex: [Int32]
    private var shift: UInt64
    var info: [PartyLexicon.WordInfo] = []
    var lowerSeen: [Bool] = []
    var acronyms: [Int32] = []

    init(expected: Int) {
        var bits: UInt64 = 6
        while (1 << bits) < expected * 2 { bits += 1 }
        shift = 64 - bits
        slotKeys = [UInt64](repeating: 0, count: 1 << Int(bits))
        slotIndex = [Int32](repeating: 0, count: 1 << Int(bits))
        info.reserveCapacity(expected); lowerSeen.reserveCapacity(expected); acronyms.reserveCapacity(expected)
    }

    /// The index of a word, added with its lexicon facts when new.
    @inline(__always) mutating func index(_ key: UInt64, _ table: WordKeyMap<PartyLexicon.WordInfo>) -> Int {
        let mask = slotKeys.count - 1
        var i = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
        while true {
            let d = slotIndex[i]
            if d == 0 { break }
            if slotKeys[i] == key { return Int(d) - 1 }
            i = (i + 1) & mask
        }
        let d = info.count
        slotKeys[i] = key
        slotIndex[i] = Int32(d + 1)
        info.append(table[key] ?? .none)
        lowerSeen.append(false)
        acronyms.append(0)
        if info.count * 2 > slotKeys.count { grow() }
        return d
    }

    private mutating func grow() {
        let oldKeys = slotKeys, oldIndex = slotIndex
        shift -= 1
        slotKeys = [UInt64](repeating: 0, count: oldKeys.count * 2)
        slotIndex = [Int32](repeating: 0, count: oldKeys.count * 2)
        let mask = slotKeys.count - 1
        for (j, d) in oldIndex.enumerated() where d != 0 {
            var i = Int(truncatingIfNeeded: (oldKeys[j] &* 0x9E37_79B9_7F4A_7C15) >> shift)
            while slotIndex[i] != 0 { i = (i + 1) & mask }
            slotKeys[i] = oldKeys[j]
            slotIndex[i] = d
        }
    }
}
