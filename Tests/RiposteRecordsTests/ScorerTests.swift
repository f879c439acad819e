// The record scorer itself, on real gold passages with hand-made predictions, so the metric is
// known to be right independently of the extractor.
import Foundation
import Testing
@testable import Riposte

private let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
private let goldFolder = packageRoot.appendingPathComponent("Corpora/gold")

private func gold(_ file: String) throws -> [GoldPassage] {
    try GoldCorpus.load(path: goldFolder.appendingPathComponent(file).path)
}
private func seed() throws -> GoldPassage { try gold("scale-mercor-ling.gold.jsonl")[0] }
private func dev(_ id: String) throws -> GoldPassage { try #require(try gold("dev.jsonl").first { $0.id == id }) }
private func matcher(_ l: Language) throws -> RecordMatcher {
    RecordMatcher(names: PartyNameNormalizer(lexicon: try LexiconStore.shared()[l]))
}

/// The party a gold passage calls `name`, with its aliases.
private func party(_ p: GoldPassage, _ name: String?) -> ScoredParty? {
    guard let name else { return nil }
    let g = p.parties.first { $0.name == name }
    return ScoredParty(name: name, aliases: g?.aliases ?? [])
}

/// A prediction that says exactly what gold record `i` says.
private func echo(_ p: GoldPassage, _ i: Int, respondsTo: [Int]? = nil) -> PredictedRecord {
    let g = p.records[i]
    return PredictedRecord(type: g.type, source: party(p, g.source), onBehalfOf: party(p, g.onBehalfOf),
                           targets: g.targets.compactMap { party(p, $0) }, cue: g.cue ?? g.span, content: g.content,
                           modality: g.modality, respondsTo: respondsTo ?? g.respondsTo, channel: g.channel,
                           confidence: 0.9, evidence: ["test.echo"])
}

@Test func goldLoadsWithCodePointSpans() throws {
    let passages = try gold("dev.jsonl")
    #expect(passages.count == 42)
    #expect(passages.reduce(0) { $0 + $1.records.count } == 212)
    let s = try seed()
    // Offsets are code points: the seed's filing cue, after accented text, reads as annotated.
    #expect(s.string(s.records[0].cue!) == "a déposé une plainte contre")
}

@Test func goldRecordsAreConsistent() throws {
    for p in try gold("dev.jsonl") + gold("scale-mercor-ling.gold.jsonl") {
        let names = Set(p.parties.map(\.name))
        for (i, r) in p.records.enumerated() {
            let at = "\(p.id) record \(i)"
            #expect(0 <= r.span.start && r.span.start < r.span.end && r.span.end <= p.codePointCount, "\(at)")
            for part in [r.cue, r.content].compactMap({ $0 }) {
                #expect(r.span.start <= part.start && part.end <= r.span.end && part.length > 0, "\(at)")
            }
            for n in r.targets + [r.source, r.onBehalfOf].compactMap({ $0 }) { #expect(names.contains(n), "\(at): \(n)") }
            #expect(!r.respondsTo.contains(i), "\(at) responds to itself")
        }
    }
}

@Test func echoingGoldScoresOneEverywhere() throws {
    let passages = try gold("dev.jsonl") + gold("scale-mercor-ling.gold.jsonl")
    let scores = RecordEvaluation.score(passages, predictions: passages.map { p in p.records.indices.map { echo(p, $0) } },
                                        lexicons: try LexiconStore.shared())
    for l in Language.allCases {
        let c = scores.counts(l)
        #expect(c.gold > 50)
        #expect(c.detect.f1 == 1 && c.fullMatch.f1 == 1 && c.links.f1 == 1, "\(l)")
        #expect(c.sourceAccuracy == 1 && c.targetsAccuracy == 1 && c.onBehalfOfAccuracy == 1 && c.modalityAccuracy == 1)
    }
    #expect(scores.overall.gold == 224)
    #expect(scores.overall.goldLinks == 63)
}

@Test func typeMustAgree() throws {
    let s = try seed()
    var p = echo(s, 0)
    #expect(p.type == .filing)
    p.type = .allegation
    let r = try matcher(.fr).match(gold: s, predictions: [p])
    #expect(r.matches.isEmpty)
    #expect(r.spurious == [0])
    #expect(r.missed.contains(0))
}

@Test func cueOrContentMustOverlapTheGoldSpan() throws {
    let s = try seed()
    let g = s.records[1].span  // "les accusant d'avoir tenté de s'approprier …"
    let m = try matcher(.fr)
    func matched(cue: CodePointSpan, content: CodePointSpan? = nil) -> Bool {
        var p = echo(s, 1)
        p.cue = cue; p.content = content
        return m.match(gold: s, predictions: [p]).match(forGold: 1) != nil
    }
    #expect(matched(cue: CodePointSpan(g.end, g.end + 5)) == false)          // touching is not overlapping
    #expect(matched(cue: CodePointSpan(g.end - 1, g.end + 5)))               // one code point is enough
    #expect(matched(cue: CodePointSpan(g.start - 6, g.start)) == false)
    #expect(matched(cue: CodePointSpan(0, 5), content: CodePointSpan(g.start + 10, g.start + 20)))  // content counts too
    #expect(matched(cue: CodePointSpan(0, 5)) == false)
}

@Test func matchingIsOneToOne() throws {
    let s = try seed()
    let m = try matcher(.fr)
    // Two predictions on one gold record: one match, one spurious.
    let twice = m.match(gold: s, predictions: [echo(s, 0), echo(s, 0)])
    #expect(twice.matches.count == 1 && twice.spurious.count == 1)
    #expect(RecordCounts(twice).detect.precision == 0.5)

    // Records 3 and 4 are consecutive allegations. A prediction spanning both overlaps 4 more, but
    // giving it 4 would leave the second prediction (on 4 only) unmatched: the assignment gives
    // the wide one to 3 so that both count.
    let g3 = s.records[3].span, g4 = s.records[4].span
    #expect(g3.end <= g4.start)
    var wide = echo(s, 4); wide.cue = g3.union(g4); wide.content = nil
    var narrow = echo(s, 4); narrow.cue = CodePointSpan(g4.start + 2, g4.start + 6); narrow.content = nil
    #expect(wide.extent.overlap(g4) > wide.extent.overlap(g3))
    let r = m.match(gold: s, predictions: [wide, narrow])
    #expect(r.match(forGold: 3)?.prediction == 0)
    #expect(r.match(forGold: 4)?.prediction == 1)
    #expect(r.spurious.isEmpty)
}

@Test func partyNamesCompareFoldedWithoutLeadingDeterminers() throws {
    let fr = PartyNameNormalizer(lexicon: try LexiconStore.shared()[.fr])
    let en = PartyNameNormalizer(lexicon: try LexiconStore.shared()[.en])
    #expect(fr.key("l’État Français") == fr.key("Etat français"))
    #expect(fr.key("La Cour constitutionnelle") == fr.key(" cour  constitutionnelle "))
    #expect(fr.key("« Customer A »") == "customer a")
    #expect(fr.key("Il") == nil)
    #expect(en.key("the Government") == en.key("GOVERNMENT"))
    #expect(en.key("The applicant's representative") == "applicant's representative")
    #expect(en.key("He") == nil && en.functionWordKey("We") == "~we")
}

@Test func sourceMatchesByNameOrAlias() throws {
    let s = try seed()
    let m = try matcher(.fr)
    func sourceRight(_ source: ScoredParty?, record: Int = 0) -> Bool {
        var p = echo(s, record); p.source = source
        return m.match(gold: s, predictions: [p]).matches.first?.sourceRight ?? false
    }
    let gold = try #require(s.records[0].source)
    let aliases = try #require(s.parties.first { $0.name == gold }?.aliases)
    #expect(!aliases.isEmpty)
    #expect(sourceRight(ScoredParty(name: aliases[0])))                         // gold alias as predicted name
    #expect(sourceRight(ScoredParty(name: "Société X", aliases: [gold.uppercased()])))  // predicted alias, case folded
    #expect(sourceRight(ScoredParty(name: s.records[0].targets[0])) == false)   // another party
    #expect(sourceRight(nil) == false)

    // A pronoun alias never makes two parties equal; a pronoun canonical name may.
    let an = try dev("echr-an-1")
    let i = try #require(an.records.firstIndex { $0.source == "the applicant" })
    var p = echo(an, i)
    p.source = ScoredParty(name: "the lawyer", aliases: ["He"])
    #expect(try matcher(.en).match(gold: an, predictions: [p]).matches.first?.sourceRight == false)
    p.source = ScoredParty(name: "He")
    #expect(try matcher(.en).match(gold: an, predictions: [p]).matches.first?.sourceRight == true)
    // A source the gold leaves null must be null.
    let turing = try dev("wikinews-fr-44336")
    #expect(turing.records[0].source == nil)
    p = echo(turing, 0); p.source = ScoredParty(name: "Alan Turing")
    #expect(try matcher(.fr).match(gold: turing, predictions: [p]).matches.first?.sourceRight == false)
}

@Test func targetsAreComparedAsSets() throws {
    let s = try seed()
    let m = try matcher(.fr)
    let gold = s.records[0].targets
    #expect(gold.count == 2)
    func verdict(_ targets: [ScoredParty]) throws -> RecordMatch {
        var p = echo(s, 0); p.targets = targets
        return try #require(m.match(gold: s, predictions: [p]).matches.first)
    }
    let a = party(s, gold[0])!, b = party(s, gold[1])!
    #expect(try verdict([b, a]).targetsRight)
    #expect(try verdict([a, b, a]).targetsRight)
    let one = try verdict([a])
    #expect(!one.targetsRight && one.targetsLenient && one.targetsInCommon == 1 && !one.full)
    let none = try verdict([])
    #expect(!none.targetsRight && !none.targetsLenient)
    let extra = try verdict([a, b, ScoredParty(name: "Meta")])
    #expect(!extra.targetsRight && extra.targetsLenient)
    // Two predicted parties that are both the first gold target (by name and by alias) count once,
    // but one predicted party cannot stand for two gold targets.
    let split = try verdict([a, ScoredParty(name: a.aliases[0]), b])
    #expect(split.targetsRight)
    let merged = try verdict([ScoredParty(name: a.name, aliases: [b.name])])
    #expect(!merged.targetsRight && merged.targetsLenient)
    // on_behalf_of is reported but not required for a full match.
    let denial = try #require(s.records.firstIndex { $0.onBehalfOf != nil })
    var p = echo(s, denial); p.onBehalfOf = nil
    let r = try #require(m.match(gold: s, predictions: [p]).matches.first)
    #expect(!r.onBehalfOfRight && r.full)
}

@Test func linksAreMappedThroughTheMatching() throws {
    let s = try seed()
    let m = try matcher(.fr)
    let response = try #require(s.records.firstIndex { !$0.respondsTo.isEmpty })
    let claim = s.records[response].respondsTo[0]
    let other = try #require(s.records.indices.first { $0 != claim && s.records[$0].type.family == .claim })
    // Predictions listed in another order than gold: indices are translated through the matching.
    let right = m.match(gold: s, predictions: [echo(s, other), echo(s, claim), echo(s, response, respondsTo: [1])])
    #expect(right.linksRight == 1 && right.predictedLinks == 1)
    #expect(right.goldLinks == s.records.reduce(0) { $0 + Set($1.respondsTo).count })
    let wrong = m.match(gold: s, predictions: [echo(s, other), echo(s, claim), echo(s, response, respondsTo: [0])])
    #expect(wrong.linksRight == 0 && wrong.predictedLinks == 1)
    // A link to a claim nobody found cannot be right.
    let lone = m.match(gold: s, predictions: [echo(s, response, respondsTo: [])])
    #expect(lone.linksRight == 0 && RecordCounts(lone).links.recall == 0)
}

@Test func calibrationBinsCountRightAndWrongPredictions() throws {
    let s = try seed()
    var right = echo(s, 0); right.confidence = 0.9
    var wrong = echo(s, 0); wrong.type = .ruling; wrong.confidence = 0.1
    var edge = echo(s, 1); edge.confidence = 1.0
    let scores = RecordScores([try matcher(.fr).match(gold: s, predictions: [right, wrong, edge])])
    #expect(scores.calibration.count == 5)
    #expect(scores.calibration[4].count == 2 && scores.calibration[4].detectPrecision == 1)
    #expect(scores.calibration[0].count == 1 && scores.calibration[0].detectPrecision == 0)
    #expect(scores.meanConfidenceWrong == 0.1)
    #expect(abs((scores.meanConfidenceRight ?? 0) - 0.95) < 1e-9)
    #expect(scores.confidenceRanking == 1)
    #expect(RecordScores.ranking([0.5, 0.9], [0.5, 0.7]) == 0.625)  // (0.5 + 0) + (1 + 1) over 4
    #expect(RecordScores.ranking([0.5], []) == nil)
}

@Test func refTextIsFoundAndChecked() throws {
    let line = try String(contentsOf: goldFolder.appendingPathComponent("scale-mercor-ling.gold.jsonl"), encoding: .utf8)
    var obj = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
    let inline = try #require(obj["text"] as? String)
    obj["text"] = nil
    let tmp = FileManager.default.temporaryDirectory.appendingPathComponent("riposte-scorer-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: tmp) }
    try FileManager.default.createDirectory(at: tmp.appendingPathComponent("gold"), withIntermediateDirectories: true)
    let goldFile = tmp.appendingPathComponent("gold/seed.jsonl")
    try JSONSerialization.data(withJSONObject: obj).write(to: goldFile)
    // The Corpora/ layout: the text sits beside the gold folder.
    try FileManager.default.copyItem(at: packageRoot.appendingPathComponent("Corpora/scale-mercor-ling.fr.txt"),
                                     to: tmp.appendingPathComponent("scale-mercor-ling.fr.txt"))
    let loaded = try GoldCorpus.load(path: goldFile.path)
    #expect(loaded[0].text == inline)
    #expect(loaded[0].records.count == 12)

    var ref = try #require(obj["ref"] as? [String: Any])
    ref["sha256"] = String(repeating: "0", count: 64)
    obj["ref"] = ref
    try JSONSerialization.data(withJSONObject: obj).write(to: goldFile)
    #expect(throws: GoldError.self) { try GoldCorpus.load(path: goldFile.path) }
    #expect(SHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
}

@Test func ratchetFailsBelowAndOnlyRises() throws {
    let s = try seed()
    let m = try matcher(.fr)
    let perfect = RecordScores([m.match(gold: s, predictions: s.records.indices.map { echo(s, $0) })])
    let nothing = RecordScores([m.match(gold: s, predictions: [])])
    let ratchet = RecordsRatchet(thresholds: ["fr": ["detect_f1": 0.5, "full_f1": 0.5, "links_f1": 0.5]])
    #expect(ratchet.failures(perfect).isEmpty)
    #expect(ratchet.failures(nothing).count == 3)
    let raised = ratchet.raised(by: perfect)
    #expect(raised.thresholds["fr"]?["full_f1"] == 1)
    #expect(raised.raised(by: nothing) == raised)
}

@Test func pipelineRecordsBecomeCodePointSpansOfTheOriginal() throws {
    // A record placed by hand on the seed's filing cue, in normalised bytes as the extractor
    // gives it, must come out at the gold code point offsets (the text before it has accents).
    let s = try seed()
    let pipeline = try Pipeline()
    let text = try pipeline.segmenter(.fr).segment(Array(s.text.utf8))
    let cue = Array(s.string(s.records[0].cue!).utf8)
    let bytes = text.text
    let at = try #require((0 ... bytes.count - cue.count).first { Array(bytes[$0 ..< $0 + cue.count]) == cue })
    let source = try #require(s.records[0].source)
    let parties = PartySet(parties: [Party(name: source, kind: .organization)])
    let record = Record(type: .filing, source: 0, cue: ByteSpan(at, at + cue.count), sentence: 0, evidence: ["test"])
    let analysis = DocumentAnalysis(id: s.id, text: text, parties: parties, records: [record], diagnostics: [], meta: nil)
    let predicted = PredictedRecord.from(analysis)
    #expect(predicted.first?.cue == s.records[0].cue)
    #expect(predicted.first?.source?.name == source)
    let r = try matcher(.fr).match(gold: s, predictions: predicted)
    #expect(r.match(forGold: 0)?.sourceRight == true)
    #expect(at != s.records[0].cue!.start)  // bytes and code points differ here, so the conversion was needed
}

@Test func errorReportNamesMissedSpuriousAndConfusedRecords() throws {
    let s = try seed()
    var confused = echo(s, 1); confused.type = .ruling; confused.evidence = ["test.wrong-type"]
    var wrongSource = echo(s, 2); wrongSource.source = nil
    let scores = RecordScores([try matcher(.fr).match(gold: s, predictions: [echo(s, 0), confused, wrongSource])])
    let report = scores.errorReport()
    #expect(report.contains("MISSED   g1 allegation"))
    #expect(report.contains("SPURIOUS p1 ruling"))
    #expect(report.contains("WRONG    g2/p2 allegation"))
    #expect(report.contains("1× allegation predicted as ruling"))
    #expect(report.contains("test.echo") && report.contains("test.wrong-type"))
    #expect(!report.contains("MISSED   g0 "))  // found, and right
}

@Test func assignmentIsOptimalOnSmallMatrices() {
    // Exhaustive check of the Hungarian solver against brute force, on pseudo-random sparse
    // matrices shaped like passages (weights as the matcher builds them; 0 = no edge).
    var state: UInt64 = 0x9E3779B97F4A7C15
    func next() -> UInt64 { state = state &* 6364136223846793005 &+ 1442695040888963407; return state >> 33 }
    func best(_ w: [[Double]], _ row: Int, _ used: inout [Bool]) -> Double {
        guard row < w.count else { return 0 }
        var top = best(w, row + 1, &used)
        for c in 0 ..< (w.first?.count ?? 0) where !used[c] && w[row][c] > 0 {
            used[c] = true
            top = max(top, w[row][c] + best(w, row + 1, &used))
            used[c] = false
        }
        return top
    }
    for _ in 0 ..< 300 {
        let rows = Int(next() % 6) + 1, cols = Int(next() % 6) + 1
        let w = (0 ..< rows).map { _ in (0 ..< cols).map { _ -> Double in
            next() % 3 == 0 ? 1_000_000 + 1_000 * Double(next() % 3) + Double(next() % 100) / 100 : 0
        } }
        let a = Assignment.maximumWeight(w)
        #expect(a.count == rows)
        let cols_ = a.compactMap { $0 }
        #expect(Set(cols_).count == cols_.count)  // one to one
        var total = 0.0
        for (r, c) in a.enumerated() { if let c { total += w[r][c] } }
        var used = [Bool](repeating: false, count: cols)
        #expect(abs(total - best(w, 0, &used)) < 1e-6, "\(w)")
    }
}
