// Every span the records stage emits (cue, content, party mentions) is the original text at its
// code point offsets: Python's text[start:end] gives back the span's `text`. Checked on the seed,
// every gold dev passage, the English corpus file and the bundled documents.
import Foundation
import Testing
import Riposte

private func checkSpans(_ text: String, _ language: Language, _ label: String, pipeline: Pipeline) throws -> Int {
    let a = try pipeline.analyze(text: text, id: label, language: language)
    let o = try #require(try JSONSerialization.jsonObject(with: Data(a.json().serialized().utf8)) as? [String: Any])
    let scalars = Array(text.unicodeScalars)
    var checked = 0
    func check(_ span: Any?, _ what: String) {
        guard let s = span as? [String: Any] else { return }
        let start = s["start"] as? Int ?? -1, end = s["end"] as? Int ?? -1
        guard start >= 0, end >= start, end <= scalars.count else { Issue.record("\(label): \(what) out of range"); return }
        var slice = String.UnicodeScalarView()
        slice.append(contentsOf: scalars[start ..< end])
        #expect(String(slice) == s["text"] as? String, "\(label): \(what) [\(start), \(end))")
        checked += 1
    }
    for r in o["records"] as? [[String: Any]] ?? [] {
        check(r["cue"], "cue")
        check(r["content"], "content")
    }
    for p in o["parties"] as? [[String: Any]] ?? [] {
        for m in p["mentions"] as? [[String: Any]] ?? [] { check(m, "mention of \(p["name"] ?? "")") }
    }
    return checked
}

@Test func recordSpansAreOriginalSlicesInTheSeedAndDevPassages() throws {
    let pipeline = try Pipeline()
    var checked = try checkSpans(try RecordsFixtures.seedText, .fr, "seed", pipeline: pipeline)
    for p in try RecordsFixtures.devPassages() { checked += try checkSpans(p.text, p.language, p.id, pipeline: pipeline) }
    checked += try checkSpans(try RecordsFixtures.corpus("en/echr-carvalho-1.txt"), .en, "echr-carvalho-1", pipeline: pipeline)
    #expect(checked > 400)
}

@Test func recordSpansAreOriginalSlicesInTheBundledDocuments() throws {
    let pipeline = try Pipeline()
    let data = try Data(contentsOf: RecordsFixtures.packageRoot.appendingPathComponent("Corpora/documents.jsonl"))
    var checked = 0, docs = 0
    for line in data.split(separator: 0x0A) {
        guard let o = try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any],
              let text = o["text"] as? String, let l = (o["language"] as? String).flatMap(Language.init(rawValue:)) else { continue }
        checked += try checkSpans(text, l, o["id"] as? String ?? "?", pipeline: pipeline)
        docs += 1
    }
    #expect(docs == 103)
    #expect(checked > 1000)
}
