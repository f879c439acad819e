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
    private(set) var count = 0
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

    /// `self[key]`, for a table stored in a class: a mutating access reads it in place, where the
    /// getter would copy the table (retaining and releasing its arrays) around each lookup.
    @inline(__always) mutating func find(_ key: UInt64) -> Value? { self[key] }

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
/// Sized for the document's tokens at once (it never grows) and kept in raw buffers: it is probed
/// once per token, where array uniqueness and bounds checks would cost more than the probe.
final class DocumentWords {
    /// The keys, open-addressed (0: empty slot), and beside them, in an array of their own, each
    /// key's word index: a probe reads eight bytes per slot, and the table of a document stays in
    /// the first-level cache (the index is read once, on the hit).
    private var slotKeys: UnsafeMutablePointer<UInt64>
    private var slotIndex: UnsafeMutablePointer<Int32>
    private var mask: Int
    private var shift: UInt64
    /// The index of the word whose key is 0 (that key marks empty slots), or -1.
    private var zeroIndex = -1
    private(set) var count = 0
    let info: UnsafeMutablePointer<PartyLexicon.WordInfo>
    /// Each word's key, and whether it can start nothing (no determiner, party noun or pronoun).
    let keys: UnsafeMutablePointer<UInt64>
    let startsNothing: UnsafeMutablePointer<Bool>
    let lowerSeen: UnsafeMutablePointer<Bool>
    let acronyms: UnsafeMutablePointer<Int32>
    /// `DocumentPass.isVerb` for the word: the byte key of the token last asked about, and the
    /// answer (0: none yet, 1: no, 2: yes).
    let verbKey: UnsafeMutablePointer<UInt64>
    let verbAnswer: UnsafeMutablePointer<UInt8>
    private let capacity: Int

    /// A table for at most `maximum` distinct words (a text has about one distinct word in four
    /// tokens: the slots start small, for the cache, and grow).
    init(maximum: Int) {
        var bits: UInt64 = 4
        while (1 << bits) < max(16, maximum / 2) { bits += 1 }
        shift = 64 - bits
        mask = (1 << Int(bits)) - 1
        slotKeys = .allocate(capacity: mask + 1)
        slotKeys.initialize(repeating: 0, count: mask + 1)
        slotIndex = .allocate(capacity: mask + 1)
        capacity = max(1, maximum)
        info = .allocate(capacity: capacity)
        keys = .allocate(capacity: capacity)
        startsNothing = .allocate(capacity: capacity)
        lowerSeen = .allocate(capacity: capacity)
        acronyms = .allocate(capacity: capacity)
        verbKey = .allocate(capacity: capacity)
        verbAnswer = .allocate(capacity: capacity)
    }

    deinit {
        slotKeys.deallocate(); slotIndex.deallocate()
        info.deinitialize(count: count); info.deallocate()
        lowerSeen.deallocate(); acronyms.deallocate(); keys.deallocate(); startsNothing.deallocate()
        verbKey.deallocate(); verbAnswer.deallocate()
    }

    private func grow() {
        let oldKeys = slotKeys, oldIndex = slotIndex, oldCount = mask + 1
        shift -= 1
        mask = oldCount * 2 - 1
        slotKeys = .allocate(capacity: mask + 1)
        slotKeys.initialize(repeating: 0, count: mask + 1)
        slotIndex = .allocate(capacity: mask + 1)
        for j in 0 ..< oldCount where oldKeys[j] != 0 {
            var i = Int(truncatingIfNeeded: (oldKeys[j] &* 0x9E37_79B9_7F4A_7C15) >> shift)
            while slotKeys[i] != 0 { i = (i + 1) & mask }
            slotKeys[i] = oldKeys[j]
            slotIndex[i] = oldIndex[j]
        }
        oldKeys.deallocate(); oldIndex.deallocate()
    }

    /// A new word's index, with its lexicon facts.
    private func add(_ key: UInt64, _ lex: PartyLexicon) -> Int {
        let d = count
        precondition(d < capacity)
        let x = lex.wordInfo(key) ?? .none
        (info + d).initialize(to: x)
        keys[d] = key
        startsNothing[d] = x.det == nil && x.nounList < 0 && x.pronoun == nil
        lowerSeen[d] = false
        acronyms[d] = 0
        verbAnswer[d] = 0
        count += 1
        return d
    }

    /// The index of a word, added with its lexicon facts when new.
    @inline(__always) func index(_ key: UInt64, _ lex: PartyLexicon) -> Int {
        if key == 0 {
            if zeroIndex < 0 { zeroIndex = add(key, lex) }
            return zeroIndex
        }
        var i = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
        while true {
            let k = slotKeys[i]
            if k == key { return Int(slotIndex[i]) }
            if k == 0 { break }
            i = (i + 1) & mask
        }
        let d = add(key, lex)
        slotKeys[i] = key
        slotIndex[i] = Int32(d)
        if count * 2 > mask + 1 { grow() }
        return d
    }
}
