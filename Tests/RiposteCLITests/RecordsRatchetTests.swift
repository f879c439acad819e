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
