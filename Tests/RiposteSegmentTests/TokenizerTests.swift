import Testing
import Riposte

// Each rule on a short real sentence (UD treebanks, Wikinews, HUDOC, US opinions), compared with
// the surface tokens Universal Dependencies gives or would give.

@Test func frenchElisionsSplitButAujourdhuiStaysWhole() {
    // GSD dev: "Il a fallu attendre jusqu'à aujourd'hui …"-style text, with a typographic apostrophe.
    #expect(Seg.tokens("L’État a dit qu’il venait d’avoir, aujourd’hui, l'accord.", .fr)
            == ["L’", "État", "a", "dit", "qu’", "il", "venait", "d’", "avoir", ",", "aujourd’hui", ",", "l'", "accord", "."])
    #expect(Seg.tokens("jusqu'à l'on", .fr) == ["jusqu'", "à", "l'on"])
    #expect(Seg.tokens("c'est-à-dire", .fr) == ["c'est-à-dire"])
}

@Test func frenchInvertedCliticsSplitWithTheirHyphen() {
    // GSD dev: "…, a-t-il indiqué vendredi soir." / "Va-t-il se circonscrire à cette seule matière ?"
    #expect(Seg.tokens("a-t-il indiqué vendredi soir.", .fr) == ["a", "-t-il", "indiqué", "vendredi", "soir", "."])
    #expect(Seg.tokens("Va-t-il se circonscrire ?", .fr) == ["Va", "-t-il", "se", "circonscrire", "?"])
    #expect(Seg.tokens("Maria se suicide-t-elle ou s'agit-il d'un accident", .fr)
            == ["Maria", "se", "suicide", "-t-elle", "ou", "s'", "agit", "-il", "d'", "un", "accident"])
    // Hyphenated words that end like a pronoun stay whole.
    #expect(Seg.tokens("celui-ci, États-Unis, rendez-vous", .fr) == ["celui-ci", ",", "États-Unis", ",", "rendez-vous"])
}

@Test func frenchNumbersPercentagesAndUnits() {
    // GSD dev: "Entremont représente 6 000 producteurs, … 13 500 producteurs de lait et 20% …"
    #expect(Seg.tokens("Entremont représente 6 000 producteurs et 13 500 producteurs de lait et 20% de la production.", .fr)
            == ["Entremont", "représente", "6 000", "producteurs", "et", "13 500", "producteurs", "de", "lait", "et",
                "20", "%", "de", "la", "production", "."])
    // Wikinews: "l'inflation (1,4 % entre novembre 2011 …", with a narrow no-break space.
    #expect(Seg.tokens("l'inflation (1,4\u{202F}% entre 2011 et 49 %)", .fr)
            == ["l'", "inflation", "(", "1,4", "%", "entre", "2011", "et", "49", "%", ")"])
    #expect(Seg.tokens("une hausse de 14,3 points et 1 000 000 d'euros", .fr)
            == ["une", "hausse", "de", "14,3", "points", "et", "1 000 000", "d'", "euros"])
    #expect(Seg.tokens("vers 23h et à 20h30", .fr) == ["vers", "23", "h", "et", "à", "20", "h", "30"])
    #expect(Seg.tokens("des températures de -6 °C", .fr) == ["des", "températures", "de", "-6", "°C"])
}

@Test func englishContractionsAndPossessivesAreOneSurfaceToken() {
    // EWT dev: "I don't know." / "Google's" / "the soldiers' families"
    #expect(Seg.tokens("I don't know if Google's or the soldiers' plan isn't better.", .en)
            == ["I", "don't", "know", "if", "Google's", "or", "the", "soldiers'", "plan", "isn't", "better", "."])
    #expect(Seg.tokens("Iran’s world", .en) == ["Iran’s", "world"])
}

@Test func englishHyphensSplitExceptAfterPrefixes() {
    // EWT dev: "a 15 - year term", "e-mail", "non-human", phone numbers whole.
    #expect(Seg.tokens("a 15-year term by e-mail for non-human callers at 713-664-7478.", .en)
            == ["a", "15", "-", "year", "term", "by", "e-mail", "for", "non-human", "callers", "at", "713-664-7478", "."])
}

@Test func urlsEmailsAndHandles() {
    // HUDOC: "available at the website http://www.psp.cz.en/docs/laws/constitution.html - and …"
    #expect(Seg.tokens("at the website http://www.psp.cz.en/docs/laws/constitution.html - and", .en)
            == ["at", "the", "website", "http://www.psp.cz.en/docs/laws/constitution.html", "-", "and"])
    // EWT dev: "\"Les Spahnn\" <spahnn@hnks.com>", "Email : franz371...@gmail.com"
    #expect(Seg.tokens("\"Les Spahnn\" <spahnn@hnks.com> Email: franz371...@gmail.com.", .en)
            == ["\"", "Les", "Spahnn", "\"", "<", "spahnn@hnks.com", ">", "Email", ":", "franz371...@gmail.com", "."])
    #expect(Seg.tokens("Suivez @LeMonde et #audiobooks (www.lemonde.fr).", .fr)
            == ["Suivez", "@LeMonde", "et", "#audiobooks", "(", "www.lemonde.fr", ")", "."])
    let kinds = Seg.run("écrire à contact@example.fr ou @LeMonde", .fr).tokens.map(\.kind)
    #expect(kinds == [.word, .word, .email, .word, .handle])
}

@Test func legalReferences() {
    // Judilibre / Légifrance style and US opinions: "9 U.S.C. § 2 (2000); AutoNation USA Corp. v. Leroy"
    #expect(Seg.tokens("l'article L. 1234-5 du code du travail et l'art. 700", .fr)
            == ["l'", "article", "L.", "1234-5", "du", "code", "du", "travail", "et", "l'", "art.", "700"])
    #expect(Seg.tokens("9 U.S.C. § 2 (2000); AutoNation USA Corp. v. Leroy, 18 U.S.C. § 1836", .en)
            == ["9", "U.S.C.", "§", "2", "(", "2000", ")", ";", "AutoNation", "USA", "Corp.", "v.", "Leroy", ",",
                "18", "U.S.C.", "§", "1836"])
    #expect(Seg.tokens("Cass. soc., pourvoi n° 19-19.463, § 12", .fr)
            == ["Cass.", "soc.", ",", "pourvoi", "n°", "19-19.463", ",", "§", "12"])
    // HUDOC: "Benzer and Others (cited above, §§ 209-213)"
    #expect(Seg.tokens("(cited above, §§ 209-213)", .en) == ["(", "cited", "above", ",", "§§", "209-213", ")"])
    // HUDOC: "Lacárcel Menéndez v. Spain, no. 41745/02, § 31"
    #expect(Seg.tokens("Lacárcel Menéndez v. Spain, no. 41745/02, §\u{00A0}31", .en)
            == ["Lacárcel", "Menéndez", "v.", "Spain", ",", "no.", "41745/02", ",", "§", "31"])
}

@Test func abbreviationsKeepTheirPeriod() {
    #expect(Seg.tokens("M. Dupont, Mme Durand et Dr. House", .fr) == ["M.", "Dupont", ",", "Mme", "Durand", "et", "Dr.", "House"])
    // GSD dev: "Il fut dédié en 493 av. J.-C. par Spurius Cassius."
    #expect(Seg.tokens("Il fut dédié en 493 av. J.-C. par Spurius Cassius.", .fr)
            == ["Il", "fut", "dédié", "en", "493", "av.", "J.-C.", "par", "Spurius", "Cassius", "."])
    #expect(Seg.tokens("Acme Inc. filed No. 5, etc. in the U.S. today.", .en)
            == ["Acme", "Inc.", "filed", "No.", "5", ",", "etc.", "in", "the", "U.S.", "today", "."])
    // A sentence-final "I." is the pronoun, not an initial.
    #expect(Seg.tokens("than I. Then", .en) == ["than", "I", ".", "Then"])
}

@Test func punctuationRunsAndEmoticons() {
    // EWT dev: "..." and "!!" are one token each; ":)" too.
    #expect(Seg.tokens("Really... great!! See you :) -- bye", .en)
            == ["Really", "...", "great", "!!", "See", "you", ":)", "--", "bye"])
    #expect(Seg.tokens("« Oui ! » dit-il.", .fr) == ["«", "Oui", "!", "»", "dit", "-il", "."])
}

@Test func tokenKeysAreLowerCaseAndFolded() {
    let t = Seg.run("L’État", .fr).tokens
    #expect(t.map(\.lower) == ["l'", "état"])
    #expect(t.map(\.fold) == ["l'", "etat"])
    #expect(t.map(\.isCapitalized) == [true, true])
    #expect(t.map(\.spaceBefore) == [true, false])
}

@Test func slashesSplitWordsButNotDatesUnitsOrLetterAbbreviations() {
    // EWT dev: "transmittal and / or attachments", "b/c", "08/16/2000"; GSD dev: "km/h".
    #expect(Seg.tokens("and/or b/c on 08/16/2000", .en) == ["and", "/", "or", "b/c", "on", "08/16/2000"])
    #expect(Seg.tokens("à 130 km/h (Paris/Lyon)", .fr) == ["à", "130", "km/h", "(", "Paris", "/", "Lyon", ")"])
}

@Test func questionMarkBeforeEllipsisIsTwoTokens() {
    // GSD dev: "?..." is "?" + "..."; EWT dev keeps "?!" and "!!" whole.
    #expect(Seg.tokens("Pourquoi ?... Oui?! Non!!", .fr) == ["Pourquoi", "?", "...", "Oui", "?!", "Non", "!!"])
}

@Test func unitsAfterDecimalAndTimeNumbers() {
    #expect(Seg.tokens("See you at 10:30am with 4.6GB and 39K", .en) == ["See", "you", "at", "10:30", "am", "with", "4.6", "GB", "and", "39", "K"])
    // Ordinals and model numbers are not units: "1er", "24e", "4th", "G20".
    #expect(Seg.tokens("le 1er et le 24e du G20", .fr) == ["le", "1er", "et", "le", "24e", "du", "G20"])
}

// ICU's word break iterator is the base segmentation: it finds the words of scripts written
// without spaces (by dictionary) and keeps combining marks in their word.

@Test func icuCutsJapaneseChineseAndThaiIntoDictionaryWords() {
    // A judgment's operative part, in Japanese and in Chinese.
    #expect(Seg.tokens("東京地方裁判所は請求を棄却した。", .fr) == ["東京", "地方裁判所", "は", "請求", "を", "棄却", "した", "。"])
    #expect(Seg.tokens("法院驳回了原告的诉讼请求。", .en) == ["法院", "驳回", "了", "原告", "的", "诉讼", "请求", "。"])
    // "The Supreme Court upheld the Court of Appeal" in Thai, with its tone marks and vowel signs.
    #expect(Seg.tokens("ศาลฎีกาพิพากษายืนตามศาลอุทธรณ์", .en) == ["ศาล", "ฎีกา", "พิพากษา", "ยืน", "ตาม", "ศาล", "อุทธรณ์"])
    // Rules still apply around them: the French quotes, the elision.
    #expect(Seg.tokens("l'arrêt « 棄却 » de Tokyo", .fr) == ["l'", "arrêt", "«", "棄却", "»", "de", "Tokyo"])
}

@Test func katakanaLoanwordStaysWhole() {
    // GSD dev: "… Dodo ( ドードー , Dōdō ) et Dodorio ( ドードリオ , Dōdorio ) en japonais."
    #expect(Seg.tokens("Dodorio (ドードリオ, Dōdorio) en japonais", .fr)
            == ["Dodorio", "(", "ドードリオ", ",", "Dōdorio", ")", "en", "japonais"])
}

@Test func combiningMarksAndOtherDigitsStayInTheirWord() {
    // Hindi: vowel signs, virama and a nukta (ख़, decomposed even after NFC) inside words; the danda ends it.
    #expect(Seg.tokens("न्यायालय ने याचिका ख़ारिज कर दी।", .en) == ["न्यायालय", "ने", "याचिका", "ख़ारिज", "कर", "दी", "।"])
    // A decomposed accent on a Latin letter, an emoji with its skin tone, a flag: one token each.
    #expect(Seg.tokens("e\u{0301}te\u{0301} 👍🏽 🇫🇷!", .fr) == ["e\u{0301}te\u{0301}", "👍🏽", "🇫🇷", "!"])
    // Arabic-Indic digits make a number, as ICU's status says.
    let t = Seg.run("المادة ٣٤ من", .en).tokens
    #expect(t.map(\.kind) == [.word, .number, .word])
}
