import Testing
import RiposteText
@testable import RiposteNormalize

/// Normalises `s` and returns the normalised string and, for a normalised substring, its original text.
func normalize(_ s: String, _ options: NormalizationOptions = .init()) -> (text: String, original: (String) -> String?) {
    let bytes = Array(s.utf8)
    let n = Normalizer.normalize(bytes, options: options)
    let text = String(decoding: n.bytes, as: UTF8.self)
    return (text, { needle in
        // The original characters behind the first occurrence of `needle` in the normalised text.
        let nb = Array(needle.utf8)
        guard nb.count <= n.bytes.count else { return nil }
        for start in 0 ... n.bytes.count - nb.count where Array(n.bytes[start ..< start + nb.count]) == nb {
            return bytes.string(n.map.original(ByteSpan(start, start + nb.count)))
        }
        return nil
    })
}

@Test func noBreakSpacesBecomeSpacesAndMapBack() {
    // Le Monde style: "1 000 €" with a no-break space, "Oui !" with a narrow no-break space.
    let (text, original) = normalize("1\u{00A0}000\u{00A0}€ : « Oui\u{202F}! »")
    #expect(text == "1 000 € : « Oui ! »")
    #expect(original("1 000 €") == "1\u{00A0}000\u{00A0}€")
    #expect(original("Oui !") == "Oui\u{202F}!")
}

@Test func typographicApostropheBecomesAsciiAndMapsBack() {
    let (text, original) = normalize("L’État s’est prononcé")
    #expect(text == "L'État s'est prononcé")
    #expect(original("s'est") == "s’est")
}

@Test func softHyphenAndZeroWidthCharactersAreDroppedButKeptInSpans() {
    let (text, original) = normalize("juris\u{00AD}prudence\u{200B} constante")
    #expect(text == "jurisprudence constante")
    #expect(original("jurisprudence") == "juris\u{00AD}prudence\u{200B}")
    #expect(original("constante") == "constante")
}

@Test func crlfAndLoneCrBecomeLineFeeds() {
    let (text, original) = normalize("Attendu que\r\nla Cour\rrejette")
    #expect(text == "Attendu que\nla Cour\nrejette")
    #expect(original("que\nla") == "que\r\nla")
}

@Test func combiningAccentsAreComposed() {
    // "Ve\u{301}ronique" (decomposed é after an ASCII letter) and "É" decomposed after a space.
    let (text, original) = normalize("Ve\u{0301}ronique E\u{0301}tat A\u{0300}")
    #expect(text == "Véronique État À")
    #expect(Array(text.unicodeScalars).count == 16)
    #expect(original("Véronique") == "Ve\u{0301}ronique")
    #expect(original("À") == "A\u{0300}")
}

@Test func lineBreakHyphenationIsJoinedOnlyBetweenLowerCaseHalves() {
    let (text, original) = normalize("la juris-\n   prudence de Jean-\nClaude et du porte-\n\nparole")
    #expect(text == "la jurisprudence de Jean-\nClaude et du porte-\n\nparole")
    #expect(original("jurisprudence") == "juris-\n   prudence")
    let (kept, _) = normalize("la juris-\nprudence", NormalizationOptions(joinLineBreakHyphenation: false))
    #expect(kept == "la juris-\nprudence")
}

@Test func everyNormalisedByteMapsBackExactly() {
    // Whatever is changed, each normalised character maps to the original characters it came from,
    // and consecutive characters map to consecutive, non-overlapping original spans.
    let input = "L’\u{00A0}État\u{202F}: soft\u{00AD}ware e\u{0301}te\u{0301}\r\njuris-\nprudence\u{2028}fin\u{FEFF}."
    let bytes = Array(input.utf8)
    let n = Normalizer.normalize(bytes)
    var i = 0, lastEnd = 0
    var rebuilt = ""
    while i < n.bytes.count {
        var j = i + 1
        while j < n.bytes.count, !isUTF8Lead(n.bytes[j]) { j += 1 }
        let o = n.map.original(ByteSpan(i, j))
        #expect(o.start >= lastEnd && o.end > o.start)
        rebuilt += bytes.string(ByteSpan(lastEnd, o.start))  // dropped characters between
        rebuilt += bytes.string(o)
        lastEnd = max(lastEnd, o.end)
        i = j
    }
    rebuilt += bytes.string(ByteSpan(lastEnd, bytes.count))
    #expect(rebuilt == input)
    #expect(n.map.original(ByteSpan(0, n.bytes.count)) == ByteSpan(0, bytes.count))
}

@Test func plainAsciiIsLeftAloneWithAnIdentityMap() {
    let n = Normalizer.normalize(Array("The Court held that.\n".utf8))
    #expect(n.map.isIdentity)
    #expect(n.map.original(ByteSpan(4, 9)) == ByteSpan(4, 9))
}

@Test func foldingKeys() {
    #expect(Folding.keys(Array("Démenti".utf8)) == ("démenti", "dementi"))
    #expect(Folding.fold("ŒUVRE") == "oeuvre")
    #expect(Folding.fold("Qu’il") == "qu'il")
    #expect(Folding.lower("ÉTAT") == "état")
}

@Test func latinFastPathAgreesWithUtf8proc() {
    // Every character the fast path handles, alone, capitalised and inside words.
    var samples = ["État", "ÉCOLE", "Noël", "Œuvre", "cœur", "Æsop", "ça", "Ÿ", "§", "«", "»", "n°", "…", "–", "—", "‘", "“", "”", "•", "€",
                   "garçon", "Zürich", "Ñandú", "ÀÉÎÕÜ", "Ý", "ÿ"]
    for cp in 0xC0 ... 0xFF { samples.append(String(Character(Unicode.Scalar(cp)!))) }
    for s in samples {
        let bytes = Array(s.utf8)
        if let fast = Folding.latinKeys(bytes) {
            let slow = Folding.utf8procKeys(bytes)
            #expect(fast.lower == slow.lower && fast.fold == slow.fold, "\(s): fast \(fast) ≠ utf8proc \(slow)")
        }
    }
    #expect(Folding.latinKeys(Array("Ørsted".utf8)) == nil)  // ø has no decomposition: left to utf8proc
}

@Test func invisibleCharacterWithNothingToAbsorbItIsKept() {
    // At the start or after a space there is no character to carry it: it stays in the text.
    #expect(normalize("\u{00AD}É, a \u{200B}b").text == "\u{00AD}É, a \u{200B}b")
    #expect(normalize("soft\u{00AD}ware").text == "software")
}
