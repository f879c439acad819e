// Requires: PartyBook. Provides: the English press reading of "the university", "the bank" when
// the party stage left it unresolved: the named organisation whose name ends with that noun.
import RiposteText
import RiposteNormalize

extension PartyBook {
    /// "Greenfield University … The university declined to comment": a description whose head is
    /// the last word of exactly one earlier named party is that party. Nil outside English, for
    /// names, or when the head fits no party or several.
    func englishDescribedParty(_ surface: String, form: NounPhrase.Form, before span: ByteSpan) -> Int? {
        func lastWord(_ s: String) -> String? { s.split(separator: " ").last.map { Folding.fold(String($0)) } }
        guard lex.language == .en, form == .role, let head = lastWord(surface) else { return nil }
        // The byte comparison below needs an ASCII head; any other takes the String path.
        let headBytes = head.utf8.allSatisfy({ $0 < 0x80 }) ? Array(head.utf8) : []
        var found: Int? = nil
        // By index, cheapest test first: copying each Party and folding each name's last word
        // cost more than the rest of the records stage's party lookups.
        for i in parties.indices {
            switch PartyBook.lastWordMatches(parties[i].name, headBytes) {
            case false?: continue
            case true?: break
            case nil:
                let name = parties[i].name
                guard PartyBook.hasSpace(name), let last = lastWord(name), last == head || last == head + "s" else { continue }
            }
            guard parties[i].name != surface, parties[i].mentions.contains(where: { $0.span.end <= span.start }) else { continue }
            if found != nil { return nil }
            found = i
        }
        return found
    }

    /// `name.contains(" ")` (a search by Character): a space byte between ASCII characters (so
    /// neither a combining mark nor a prepended sign joins it) answers true and no space byte
    /// answers false without Foundation; the rest asks it.
    private static func hasSpace(_ name: String) -> Bool {
        let quick = withBytes(name) { b -> Bool? in
            var sawSpace = false
            for (k, x) in b.enumerated() where x == 0x20 {
                if (k == 0 || b[k - 1] < 0x80) && (k + 1 == b.count || b[k + 1] < 0x80) { return true }
                sawSpace = true
            }
            return sawSpace ? nil : false
        }
        return quick ?? name.contains(" ")
    }

    /// For an ASCII name: whether it has a space and its last word, folded (ASCII lower case), is
    /// `head` or `head` + "s" (what `contains(" ")` and `lastWord` above say, without building
    /// strings). Nil for other names.
    private static func lastWordMatches(_ name: String, _ head: [UInt8]) -> Bool? {
        guard !head.isEmpty else { return nil }
        return withBytes(name) { b -> Bool? in
            var end = b.count
            var space = false
            for x in b {
                if x >= 0x80 { return nil }
                if x == 0x20 { space = true }
            }
            guard space else { return false }
            while end > 0, b[end - 1] == 0x20 { end -= 1 }
            var start = end
            while start > 0, b[start - 1] != 0x20 { start -= 1 }
            let n = end - start
            guard n == head.count || n == head.count + 1 else { return false }
            for k in 0 ..< head.count {
                let c = b[start + k]
                if (c >= 0x41 && c <= 0x5A ? c | 0x20 : c) != head[k] { return false }
            }
            if n == head.count + 1 {
                let c = b[end - 1]
                return (c >= 0x41 && c <= 0x5A ? c | 0x20 : c) == 0x73
            }
            return true
        }
    }
}
