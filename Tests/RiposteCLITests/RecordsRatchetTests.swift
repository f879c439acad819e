// The ratchet: the pipeline's record scores on the gold dev passages and the seed article may not
// drop below the figures already reached (Corpora/gold/ratchet.json; docs/evaluation.md says how
// to raise them).
import Foundation
import Testing
import Riposte

private let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
private let goldFolder = packageRoot.appendingPathComponent("Corpora/gold")

@Test func recordScoresDoNotDropBelowTheRatchet() throws {
    let passages = try GoldCorpus.load(path: goldFolder.appendingPathComponent("dev.jsonl").path)
        + GoldCorpus.load(path: goldFolder.appendingPathComponent("scale-mercor-ling.gold.jsonl").path)
    let scores = RecordEvaluation.run(passages, pipeline: try Pipeline())
    // Every passage went through the pipeline and every gold record was scored.
    #expect(scores.passages.allSatisfy { $0.error == nil }, "\(scores.passages.compactMap(\.error))")
    #expect(scores.counts(.fr).passages == 21 && scores.counts(.en).passages == 22)
    #expect(scores.overall.gold == 224)
    // Every record says why it fired.
    #expect(scores.overall.withoutEvidence == 0)
    // A record's confidence is higher for records that are right more often: once there are
    // enough right and wrong predictions to tell, right ones must rank above wrong ones.
    let right = scores.overall.matched, wrong = scores.overall.predicted - scores.overall.matched
    if right >= 10 && wrong >= 10 {
        #expect((scores.confidenceRanking ?? 0) > 0.5, "confidence does not separate right from wrong records")
    }

    let ratchet = try RecordsRatchet.load(path: goldFolder.appendingPathComponent("ratchet.json").path)
    for scope in RecordsRatchet.scopes {
        for figure in RecordsRatchet.figures { #expect(ratchet.thresholds[scope]?[figure] != nil, "ratchet.json lacks \(scope).\(figure)") }
    }
    let failures = ratchet.failures(scores)
    #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))\n\n\(scores.table())")
}

/// `riposte eval records` as a user runs it: JSON figures, the ratchet's exit status, filters.
@Suite struct EvalRecordsCommandTests {
    let seedGold = goldFolder.appendingPathComponent("scale-mercor-ling.gold.jsonl").path

    @Test func jsonGivesTheFiguresPerLanguage() throws {
        let r = try RiposteRun.run(["eval", "records", "--gold", seedGold, "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let obj = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout)) as? [String: Any])
        let fr = try #require((obj["languages"] as? [String: Any])?["fr"] as? [String: Any])
        #expect(fr["gold"] as? Int == 12)
        #expect((fr["detect"] as? [String: Any])?["gold"] as? Int == 12)
        #expect(fr["links"] != nil && fr["by_type"] != nil && obj["calibration"] != nil)
        #expect((obj["passages"] as? [[String: Any]])?.first?["id"] as? String == "scale-mercor-ling")
    }

    @Test func ratchetExitStatusAndRaising() throws {
        let dir = try RiposteRun.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let impossible = dir.appendingPathComponent("impossible.json")
        try Data(#"{"fr": {"detect_f1": 1.5}}"#.utf8).write(to: impossible)
        let failed = try RiposteRun.run(["eval", "records", "--gold", seedGold, "--ratchet", impossible.path])
        #expect(failed.status == 1)
        #expect(failed.stderr.contains("fr detect_f1"))

        let zero = dir.appendingPathComponent("zero.json")
        try Data(#"{"fr": {"detect_f1": 0, "full_f1": 0, "links_f1": 0}}"#.utf8).write(to: zero)
        let raised = try RiposteRun.run(["eval", "records", "--gold", seedGold, "--ratchet", zero.path, "--raise-ratchet"])
        #expect(raised.status == 0, "\(raised.stderr)")
        let after = try RecordsRatchet.load(path: zero.path)
        // Every scope and figure is written, and the raised file passes the same run.
        #expect(after.thresholds["en"]?["links_f1"] != nil && after.thresholds["all"]?["full_f1"] != nil)
        let again = try RiposteRun.run(["eval", "records", "--gold", seedGold, "--ratchet", zero.path])
        #expect(again.status == 0, "\(again.stderr)")
    }

    @Test func unknownPassageAndMissingGoldAreErrors() throws {
        let unknown = try RiposteRun.run(["eval", "records", "--gold", seedGold, "--passage", "no-such-passage"])
        #expect(unknown.status == 2 && unknown.stderr.contains("no-such-passage"))
        let missing = try RiposteRun.run(["eval", "records", "--gold", "/nonexistent/gold.jsonl"])
        #expect(missing.status == 2 && missing.stderr.contains("cannot read"))
        let errors = try RiposteRun.run(["eval", "records", "--gold", seedGold, "--errors"])
        #expect(errors.status == 0)
        #expect(String(decoding: errors.stdout, as: UTF8.self).contains("evidence precision"))
    }
}
