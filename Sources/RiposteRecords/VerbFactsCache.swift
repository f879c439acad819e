// Requires: RecordsLexicon, Token. Provides: `VerbFactsCache.current(for:kind:)`,
// a per-thread memo of what a word's Inflections analyses say (TokenFacts' verb group; with kind
// `wrongdoing`, whether RecordsLexicon.isWrongdoing holds, which also costs hashing), keyed by
// the word (its lower case and fold): the same verbs and function words come back in every
// sentence, and each Inflections lookup hashes the word with SipHash, once or twice, and walks the
// analyses. Per thread, so that no lock is taken per word; per lexicon.
import Foundation
import RiposteText

final class VerbFactsCache {
    /// The lexicon whose inflections these answers come from (held, so that its
    /// identity stays theirs).
    let lex: RecordsLexicon
    /// What the answers are (a memo per question keeps each one's words few and in cache).
    let kind: Kind
    enum Kind { case verb, wrongdoing }
    private struct Slot {
        var key: UInt64
        /// The answer + 1 (0: empty slot).
        var answer: UInt32
        var lower: String
        var fold: String
    }
    /// One buffer of slots (a probe reads one slot, not four arrays; no exclusivity checks).
    private let slots: UnsafeMutablePointer<Slot>
    private let mask: Int
    private var count = 0
    /// Past this many words the memo starts again (a bound on its memory).
    private static let limit = 1 << 11

    private init(_ lex: RecordsLexicon, _ kind: Kind) {
        self.lex = lex
        self.kind = kind
        let cap = 2 * VerbFactsCache.limit
        mask = cap - 1
        slots = .allocate(capacity: cap)
        slots.initialize(repeating: Slot(key: 0, answer: 0, lower: "", fold: ""), count: cap)
    }

    deinit {
        slots.deinitialize(count: mask + 1)
        slots.deallocate()
    }

    @inline(__always) private func slot(_ h: UInt64) -> Int { Int(truncatingIfNeeded: h ^ (h >> 29)) & mask }

    /// The answer kept for the token's word, nil if none yet.
    @inline(__always) func answer(_ t: Token) -> UInt32? {
        var i = slot(t.key)
        while true {
            let a = slots[i].answer
            if a == 0 { return nil }
            if slots[i].key == t.key, slots[i].fold == t.fold, slots[i].lower == t.lower { return a - 1 }
            i = (i + 1) & mask
        }
    }

    func keep(_ t: Token, _ answer: UInt32) {
        if count >= VerbFactsCache.limit {
            for k in 0 ... mask where slots[k].answer != 0 { slots[k] = Slot(key: 0, answer: 0, lower: "", fold: "") }
            count = 0
        }
        var i = slot(t.key)
        while slots[i].answer != 0 { i = (i + 1) & mask }
        slots[i] = Slot(key: t.key, answer: answer + 1, lower: t.lower, fold: t.fold)
        count += 1
    }

    /// This thread's memos, one per lexicon (the last few).
    private final class PerThread {
        var caches: [VerbFactsCache] = []
    }

    nonisolated(unsafe) private static let threadKey: pthread_key_t = {
        var k = pthread_key_t()
        pthread_key_create(&k) { p in
            if let p { Unmanaged<PerThread>.fromOpaque(p).release() }
        }
        return k
    }()

    /// This thread's memo for `lex`.
    static func current(for lex: RecordsLexicon, kind: Kind) -> VerbFactsCache {
        let key = threadKey
        let perThread: PerThread
        if let p = pthread_getspecific(key) {
            perThread = Unmanaged<PerThread>.fromOpaque(p).takeUnretainedValue()
        } else {
            perThread = PerThread()
            pthread_setspecific(key, Unmanaged.passRetained(perThread).toOpaque())
        }
        for c in perThread.caches where c.lex === lex && c.kind == kind { return c }
        if perThread.caches.count >= 8 { perThread.caches.removeFirst() }
        let c = VerbFactsCache(lex, kind)
        perThread.caches.append(c)
        return c
    }
}
