import RiposteText
import RiposteNormalize
import RiposteSegment
import RiposteLexicon

/// Requires: a French DocumentRun after its pass (records, parties, whether the text is a case).
/// Provides: French corrections that need the whole document: attributions ("selon X", "d'après
/// X") kept only when they name who accuses whom; a party's requests to the court ("Infirmer…",
/// "Dire et juger X mal fondé…") completed with the adversary and typed as answers when they call
/// the other side's case ill-founded; the submission a court rejects ("contrairement à ce que
/// soutient l'appelante"); a confirmation that stands against the party the court condemns; and
/// after linking, the claim a press or court response answers when the Linker found none.
struct FrenchRecordRules {
    let run: DocumentRun
    let lexicon: LanguageLexicon
    private var lex: RecordsLexicon { run.lex }
    private var toks: [Token] { run.text.tokens }
    /// `lex.has(toks[i], c)` and `lex.listed(toks[i], c)`, read from the run's token entries.
    private func has(_ i: Int, _ c: WordClass) -> Bool { run.words.has(i, c) }
    private func listed(_ i: Int, _ c: WordClass) -> Bool { run.words.listed(i, c) }

    func beforeLinking(_ records: inout [Record]) {
        dropUnsupportedAttributions(&records)
        completeRequests(&records)
        addRejectedSubmissions(&records)
        confirmationAgainstCondemned(&records)
        relativeSubjects(&records)
        dropPayees(&records)
        dropVictims(&records)
        dropPassivePlaces(&records)
        dropWithoutObject(&records)
        pressAccused(&records)
    }

    func afterLinking(_ records: inout [Record], book: PartyBook) {
        linkUnanswered(&records, book: book)
    }

    // MARK: - Before linking

    /// "D'après le ministère, les actes antisémites ont augmenté": an attribution that names no
    /// speaker or no accused reports a fact, not an accusation (cues flagged `attribution`).
    private func dropUnsupportedAttributions(_ records: inout [Record]) {
        let ids = lex.cues.attributionIDs
        guard !ids.isEmpty else { return }
        records.removeAll { r in
            guard let e = r.evidence.first, ids.contains(e) else { return false }
            return r.source == nil || r.targets.isEmpty
        }
    }

    /// A request in a party's conclusions is typed by the extractor as a filing (or a denial for
    /// "débouter"); the court verb it borrows is in the evidence.
    private func isRequest(_ r: Record) -> Bool {
        (r.type == .filing || r.type == .denial) && r.source != nil && (r.evidence.first?.hasPrefix("fr.ruling.") ?? false)
    }

    /// "Dire et juger le Procureur mal fondé dans ses demandes" answers the other side's case;
    /// "le débouter de sa demande", "Infirmer le jugement" are against the same adversary as the
    /// party's other requests of the list.
    private func completeRequests(_ records: inout [Record]) {
        guard run.legal else { return }
        for i in records.indices where isRequest(records[i]) {
            if records[i].type == .filing, let c = records[i].content, callsIllFounded(c) { records[i].type = .denial }
            // "Confirmer le jugement en toutes ses dispositions": asking to keep the judgment
            // appealed answers the appeal (`answer-request` verbs in records-words.tsv).
            if records[i].type == .filing, tokens(in: records[i].cue).contains(where: { k in lex.lemmas(toks[k]).contains { lex.has(Folding.fold($0), .answerRequest) } }) {
                records[i].type = .denial
            }
        }
        for i in records.indices where isRequest(records[i]) && records[i].targets.isEmpty {
            let r = records[i]
            let near = records.indices.filter { j in
                j != i && isRequest(records[j]) && records[j].source == r.source && !records[j].targets.isEmpty
                    && abs(records[j].sentence - r.sentence) <= 12
            }
            if let j = near.min(by: { abs(records[$0].sentence - r.sentence) < abs(records[$1].sentence - r.sentence) }) {
                records[i].targets = records[j].targets.filter { $0 != r.source }
            }
        }
    }

    /// Content words that call a claim ill-founded: a `refute` word ("infondée", "irrecevable"), or
    /// an `ill` adverb before a `founded` word ("mal fondé").
    private func callsIllFounded(_ c: ByteSpan) -> Bool {
        let ts = tokens(in: c)
        for k in ts.indices {
            let f = toks[k].fold
            if lex.has(f, .refute) { return true }
            if lex.has(f, .ill), k + 1 < ts.upperBound, has(k + 1, .founded) { return true }
        }
        return false
    }

    /// "contrairement à ce que soutient l'appelante": the court rules against a submission, which
    /// is that party's answer to the judgment it appeals.
    private func addRejectedSubmissions(_ records: inout [Record]) {
        var added: [(Int, Record)] = []
        for (i, r) in records.enumerated() where r.type == .ruling && r.evidence.first == "fr.ruling.contrairement-a-ce-que" {
            guard let who = r.targets.first else { continue }
            let ts = tokens(in: r.cue)
            guard let v = ts.last(where: { lex.lemmas(toks[$0]).contains(where: lex.submissionLemmas.contains) }) else { continue }
            let d = Record(type: .denial, source: who, onBehalfOf: nil, targets: [], cue: toks[v].span, content: r.content,
                           modality: .reported, respondsTo: [], channel: nil, sentence: r.sentence,
                           confidence: 0.5, evidence: ["fr.denial.rejected-submission"])
            added.append((i, d))
        }
        for (i, d) in added.reversed() { records.insert(d, at: i) }
    }

    /// "Confirme le jugement déféré … Condamne l'association aux dépens d'appel": the judgment
    /// confirmed stands against the party the court condemns in the same operative part.
    private func confirmationAgainstCondemned(_ records: inout [Record]) {
        for i in records.indices where records[i].type == .ruling && records[i].targets.isEmpty {
            let r = records[i]
            guard run.legal || run.operativeMode || r.evidence.contains("rule.operative-part") else { continue }
            guard tokens(in: r.cue).contains(where: { lex.lemmas(toks[$0]).contains(where: lex.confirmLemmas.contains) }) else { continue }
            let condemned = records.indices.filter { j in
                let o = records[j]
                return o.type == .ruling && o.source == r.source && !o.targets.isEmpty && abs(o.sentence - r.sentence) <= 6
                    && tokens(in: o.cue).contains(where: { lex.lemmas(toks[$0]).contains(where: lex.condemnLemmas.contains) })
            }
            if let j = condemned.min(by: { abs(records[$0].sentence - r.sentence) < abs(records[$1].sentence - r.sentence) }) {
                records[i].targets = records[j].targets
                if records[j].targets.count == 1 { appellantIs(records[j].targets[0], &records) }
            }
        }
    }

    /// The judgment under appeal confirmed and the costs put on X: "l'appelante" is X.
    private func appellantIs(_ x: Int, _ records: inout [Record]) {
        let book = run.book
        let appellants = Set(book.parties.indices.filter { p in
            let words = book.parties[p].name.split(separator: " ").map { Folding.fold(String($0)) }
            return p != x && words.contains { lex.has($0, .appellant) }
                && words.allSatisfy { lex.has($0, .appellant) || lex.has($0, .det) || $0.hasSuffix("'") }
        })
        guard !appellants.isEmpty else { return }
        for i in records.indices {
            if let s = records[i].source, appellants.contains(s) { records[i].source = x }
            records[i].targets = records[i].targets.map { appellants.contains($0) ? x : $0 }
        }
    }

    /// An accusation in the press that names no accused still accuses someone: the state its
    /// adjective names ("les prisons syriennes"), else whom the same accuser accused before, else
    /// the article's first accused ("L'ONG dénonce également le recours à l'électricité").
    private func pressAccused(_ records: inout [Record]) {
        var gentilics: [(stem: String, country: String)]? = nil
        let book = run.book
        // Parties named by what they did wrong, the most mentioned first.
        // The head noun must say it ("les agresseurs", not "les responsables de crime"), and a
        // capitalised title ("Assassinat de …") is no group of people.
        let wrongdoers: [Int]? = book.parties.indices.filter { p in
            let name = book.parties[p].name
            guard let c = name.first, c.isLowercase else { return false }
            let words = name.split(separator: " ").map { Folding.fold(String($0)) }.filter { !lex.has($0, .det) && !lex.has($0, .quantity) && !$0.allSatisfy(\.isNumber) }
            return words.first.map { lex.isWrongdoing($0) } ?? false
        }.sorted { book.parties[$0].mentions.count > book.parties[$1].mentions.count }
        for i in records.indices where (records[i].type == .allegation || (records[i].type == .filing && !run.legal)) && records[i].targets.isEmpty {
            let r = records[i]
            let me = Set([r.source, r.onBehalfOf].compactMap { $0 })
            if gentilics == nil {
                gentilics = lexicon.table("records-gentilics").filter { $0.fields.count >= 2 }.map { (Folding.fold($0[0]), Folding.fold($0[1])) }
            }
            if let c = r.content, let g = gentilics, let p = countryNamed(in: c, g), !me.contains(p) {
                records[i].targets = [p]
                records[i].evidence.append("rule.fr-nationality-accused")
                continue
            }
            defer { if !records[i].targets.isEmpty { records[i].evidence.append("rule.fr-implicit-accused") } }
            let before = records[..<i]
            if let s = r.source, let own = before.last(where: { $0.source == s && ($0.type == .allegation || $0.type == .filing) && !$0.targets.isEmpty }) {
                records[i].targets = own.targets.filter { !me.contains($0) }
            } else if let w = wrongdoers, let p = w.first(where: { !me.contains($0) }) {
                // "les deux agresseurs", "les pirates": the text names its accused by the wrong.
                records[i].targets = [p]
            } else if !run.operativeMode, let first = before.first(where: { ($0.type == .allegation || $0.type == .filing) && !$0.targets.isEmpty }) {
                records[i].targets = first.targets.filter { !me.contains($0) }
            }
        }
    }

    /// "le jeune, qui a déposé plainte dans la nuit, souffre…": the speaker of a verb after the
    /// relative "qui" is the noun phrase the relative clause hangs on.
    private func relativeSubjects(_ records: inout [Record]) {
        for i in records.indices where records[i].source == nil && records[i].type != .ruling {
            let r = records[i]
            let sentence = run.text.sentences[r.sentence].tokens
            guard var k = sentence.first(where: { toks[$0].span.start >= r.cue.start }) else { continue }
            k -= 1
            while k >= sentence.lowerBound, has(k, .aux) || has(k, .adv) || has(k, .neg) || has(k, .clitic) { k -= 1 }
            guard k > sentence.lowerBound, has(k, .rel) else { continue }
            var end = k
            if toks[end - 1].lower == "," { end -= 1 }
            guard let np = run.finder.find(sentence.lowerBound ..< end).last(where: { $0.tokens.upperBound == end && $0.form != .pronoun }),
                  let p = run.resolve(np, r.sentence, sentence), !r.targets.contains(p) else { continue }
            records[i].source = p
        }
    }

    /// "Condamner l'Etat à payer à l'association une somme de 2 500 euros": the party paid (after
    /// "à" following a `pay` verb of records-words.tsv) benefits from the order; it is not its target.
    private func dropPayees(_ records: inout [Record]) {
        for i in records.indices where records[i].targets.count > 1 && records[i].type != .allegation {
            let r = records[i]
            let sentence = run.text.sentences[r.sentence].tokens
            let payees = r.targets.filter { p in
                run.book.parties[p].mentions.contains { m in
                    guard m.span.start >= r.cue.end, let k = sentence.first(where: { toks[$0].span.start >= m.span.start }) else { return false }
                    guard k - 1 >= sentence.lowerBound, listed(k - 1, .payeePrep) || (k - 2 >= sentence.lowerBound && listed(k - 2, .payeeA) && has(k - 1, .det)) else { return false }
                    let from = max(sentence.lowerBound, k - 4)
                    return (from ..< k).contains { j in lex.lemmas(toks[j]).contains { lex.has(Folding.fold($0), .pay) } }
                }
            }
            if !payees.isEmpty, payees.count < r.targets.count { records[i].targets.removeAll { payees.contains($0) } }
        }
    }

    /// "condamne les agressions … contre toutes les journalistes": a party named after "contre"
    /// following a wrongdoing word is the victim, not the accused; an allegation left with no
    /// accused by a cue that needs one (`victims` words in records-words.tsv) is no allegation.
    private func dropVictims(_ records: inout [Record]) {
        var drop: [Int] = []
        for i in records.indices where records[i].type == .allegation && !records[i].targets.isEmpty {
            guard let c = records[i].content else { continue }
            let ts = tokens(in: c)
            guard let wrong = ts.first(where: { lex.isWrongdoing(toks[$0].fold) }) else { continue }
            let victims = records[i].targets.filter { p in
                run.book.parties[p].mentions.contains { m in
                    guard c.contains(m.span), let k = ts.first(where: { toks[$0].span.start >= m.span.start }) else { return false }
                    return (max(ts.lowerBound, k - 3) ..< k).contains { j in j > wrong && has(j, .victimPrep) }
                }
            }
            guard !victims.isEmpty else { continue }
            records[i].targets.removeAll { victims.contains($0) }
            if records[i].targets.isEmpty { drop.append(i) }
        }
        for i in drop.reversed() { records.remove(at: i) }
    }

    /// "plus de 3 millions d'euros auraient été volés dans les cinq grandes banques belges que sont
    /// Belfius, ING…": after an agentless passive, what follows "dans"/"chez" (`passive-place` in
    /// records-words.tsv) is where the wrong happened, not who did it.
    private func dropPassivePlaces(_ records: inout [Record]) {
        for i in records.indices where records[i].type == .allegation && !records[i].targets.isEmpty {
            guard let c = records[i].content else { continue }
            let ts = tokens(in: c)
            guard let ete = ts.first(where: { listed($0, .been) && $0 + 1 < ts.upperBound && lex.isPastParticiple(toks[$0 + 1]) }) else { continue }
            if ts.contains(where: { $0 > ete && listed($0, .agentPrep) }) { continue }
            guard let place = ts.first(where: { $0 > ete + 1 && $0 <= ete + 4 && has($0, .passivePlace) }) else { continue }
            let after = toks[place].span.start
            records[i].targets.removeAll { p in
                let ms = run.book.parties[p].mentions.filter { c.contains($0.span) }
                return !ms.isEmpty && ms.allSatisfy { $0.span.start > after }
            }
        }
    }

    /// "HP accuse une baisse de 3 % de son chiffre d'affaires": a cue flagged `object` accuses
    /// only someone it names as its object; without one it is another sense of the verb.
    private func dropWithoutObject(_ records: inout [Record]) {
        let ids = lex.cues.objectIDs
        guard !ids.isEmpty else { return }
        records.removeAll { r in r.targets.isEmpty && r.evidence.first.map { ids.contains($0) } ?? false }
    }

    /// The party of a country whose adjective of nationality the span holds.
    private func countryNamed(in c: ByteSpan, _ gentilics: [(stem: String, country: String)]) -> Int? {
        let book = run.book
        for k in tokens(in: c) {
            let f = toks[k].fold
            guard toks[k].kind == .word, let g = gentilics.first(where: { f.hasPrefix($0.stem) }) else { continue }
            if let p = book.parties.indices.first(where: { Folding.fold(book.parties[$0].name) == g.country }) { return p }
        }
        return nil
    }

    // MARK: - After linking

    /// A response the Linker could not attach. In a case, it answers the requests of the last
    /// party that made some (its first one: "le parquet général a requis la confirmation" answers
    /// the appellant's "Infirmer…"). In the press, it answers the claims of a party its content
    /// names ("a nuancé les chiffres du parquet"), else the article's first accusation.
    private func linkUnanswered(_ records: inout [Record], book: PartyBook) {
        for i in records.indices {
            let r = records[i]
            guard [.denial, .noComment, .admission].contains(r.type), let src = r.source else { continue }
            if !r.respondsTo.isEmpty {
                // The Linker's guess gives way to the claims of the party the response names.
                let named = claimsOfNamedParty(i, records, book: book)
                if !named.isEmpty, Set(named) != Set(r.respondsTo), !r.respondsTo.contains(where: { named.contains($0) }) {
                    records[i].respondsTo = named
                    if r.type == .denial {
                        let who = namedClaims(i, records, book: book).named
                        records[i].targets = authors(named, records).filter { who.contains($0) }
                    }
                }
                continue
            }
            if r.evidence.first == "fr.denial.rejected-submission" { continue }
            let me = Set([src, r.onBehalfOf].compactMap { $0 })
            let claims = (0 ..< i).filter { j in
                let c = records[j]
                return (c.type == .allegation || c.type == .filing) && c.source != nil && !me.contains(c.source!)
                    && book.role(c.source!) != "court"
            }
            guard !claims.isEmpty else { continue }
            var chosen = claimsOfNamedParty(i, records, book: book)
            if !chosen.isEmpty {
                // "a nuancé les chiffres du parquet": the claims of the party it names.
            } else if run.legal {
                if let author = records[claims.last!].source, let first = claims.first(where: { records[$0].source == author }) {
                    chosen = [first]
                }
            } else {
                if let first = claims.first(where: { records[$0].type == .allegation }) { chosen = [first] }
            }
            guard !chosen.isEmpty else { continue }
            records[i].respondsTo = chosen
            records[i].evidence.append("rule.fr-response-link")
            if r.type == .denial, r.targets.isEmpty || run.legal {
                // Directed at the party it names, else at the authors of what it answers.
                let named = namedClaims(i, records, book: book).named
                let t = authors(chosen, records)
                records[i].targets = t.contains(where: { named.contains($0) }) ? t.filter { named.contains($0) } : t
            }
        }
    }

    private func authors(_ claims: [Int], _ records: [Record]) -> [Int] {
        var t: [Int] = []
        for j in claims { if let s = records[j].source, !t.contains(s) { t.append(s) } }
        return t
    }

    /// Earlier claims whose author the response's content names ("les chiffres du parquet").
    private func claimsOfNamedParty(_ i: Int, _ records: [Record], book: PartyBook) -> [Int] {
        namedClaims(i, records, book: book).claims
    }

    private func namedClaims(_ i: Int, _ records: [Record], book: PartyBook) -> (claims: [Int], named: Set<Int>) {
        let r = records[i]
        let me = Set([r.source, r.onBehalfOf].compactMap { $0 })
        let said = contentFolds(r)
        guard !said.isEmpty else { return ([], []) }
        let claims = (0 ..< i).filter { j in
            let c = records[j]
            return (c.type == .allegation || c.type == .filing) && c.source != nil && !me.contains(c.source!)
        }
        let named = Set(claims.compactMap { records[$0].source }).filter { p in
            let party = book.parties[p]
            return ([party.name] + party.aliases).contains { !book.words($0).intersection(said).isEmpty }
        }
        // The prosecution's figures are those of the parquet and of its procureur alike.
        let roles = Set(named.map { book.role($0) }).subtracting(["other", "agent"])
        return (claims.filter { named.contains(records[$0].source!) || roles.contains(book.role(records[$0].source!)) }, named)
    }

    /// Folded content words of a response (names included), function words aside.
    private func contentFolds(_ r: Record) -> Set<String> {
        guard let c = r.content else { return [] }
        var out = Set<String>()
        for k in tokens(in: c) where toks[k].kind == .word && toks[k].fold.count >= 4 && !lex.stopwords.contains(toks[k].fold) {
            out.insert(toks[k].fold)
        }
        return out
    }

    /// Token indices inside a span.
    private func tokens(in s: ByteSpan) -> Range<Int> {
        let t = toks
        var lo = 0, hi = t.count
        while lo < hi { let mid = (lo + hi) / 2; if t[mid].span.start < s.start { lo = mid + 1 } else { hi = mid } }
        var e = lo
        while e < t.count, t[e].span.end <= s.end { e += 1 }
        return lo ..< e
    }
}

extension FrenchRecordRules {
    /// "Le jugement qui a ordonné la dissolution de l'association, sera confirmé": the cue after
    /// the comma is the main verb, not more of the relative clause's content. Returns the comma
    /// that ends the earlier record's content, if the earlier cue opens a relative clause (`rel`
    /// word before it) and the new cue resumes the main clause right after a comma.
    static func mainClauseResumes(_ text: SegmentedText, _ lex: RecordsLexicon, earlier: Record, cueStart: Int, sentence: Range<Int>) -> Int? {
        let toks = text.tokens
        var k = cueStart - 1
        while k >= sentence.lowerBound, lex.has(toks[k], .aux) || lex.has(toks[k], .adv) || lex.has(toks[k], .be) || lex.has(toks[k], .future) { k -= 1 }
        guard k > sentence.lowerBound, toks[k].lower == "," else { return nil }
        let comma = k
        guard var e = (sentence.lowerBound ..< comma).first(where: { toks[$0].span.start >= earlier.cue.start }) else { return nil }
        e -= 1
        while e >= sentence.lowerBound, lex.has(toks[e], .aux) || lex.has(toks[e], .adv) { e -= 1 }
        guard e >= sentence.lowerBound, lex.has(toks[e], .rel) else { return nil }
        return comma
    }
}
