import ArgumentParser
import Foundation
import Riposte

struct EvalRecords: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "records",
        abstract: "Score record extraction against gold passages (per language and record type).",
        discussion: """
        Runs the pipeline on each gold passage (JSON Lines: id, language, text or ref, parties, records) and
        prints detection P/R/F1, source and target accuracy, full F1, links F1 and a confidence calibration
        table. Several --gold files are scored together. See docs/evaluation.md.
        """
    )

    @Option(name: .long, help: "Gold JSON Lines file (repeatable), e.g. Corpora/gold/dev.jsonl.")
    var gold: [String] = []
    @Option(name: .long, help: "Folder that `ref.file` paths are relative to (for gold lines without inline text).")
    var textRoot: String?
    @Flag(name: .long, help: "Print the scores as JSON.")
    var json = false
    @Flag(name: .long, help: "Print, per passage, missed gold records, spurious predictions and wrong sources/targets.")
    var errors = false
    @Option(name: .long, help: "Score only the passage with this id (repeatable).")
    var passage: [String] = []
    @Option(name: .long, help: "Score only passages in this language (fr or en).")
    var language: Language?
    @Option(name: .long, help: "Exit with status 1 if a figure is below this ratchet file's thresholds.")
    var ratchet: String?
    @Flag(name: .long, help: "With --ratchet: raise the file's thresholds to the figures reached (never lowers them).")
    var raiseRatchet = false

    func validate() throws {
        if gold.isEmpty { throw ValidationError("give at least one --gold FILE.jsonl") }
        if raiseRatchet && ratchet == nil { throw ValidationError("--raise-ratchet needs --ratchet FILE") }
        if ratchet != nil && (!passage.isEmpty || language != nil) {
            throw ValidationError("--ratchet scores whole gold files: do not combine it with --passage or --language")
        }
    }

    func run() throws {
        var passages: [GoldPassage] = []
        for path in gold {
            do { passages += try GoldCorpus.load(path: path, textRoot: textRoot) } catch {
                printError("riposte: \(error)")
                throw ExitCode(2)
            }
        }
        if !passage.isEmpty {
            let unknown = Set(passage).subtracting(passages.map(\.id))
            if !unknown.isEmpty {
                printError("riposte: no passage with id \(unknown.sorted().joined(separator: ", ")) in the gold file(s)")
                throw ExitCode(2)
            }
            passages = passages.filter { passage.contains($0.id) }
        }
        if let language { passages = passages.filter { $0.language == language } }
        let scores = RecordEvaluation.run(passages, pipeline: try Pipeline())
        let out = ByteOutput()
        if json {
            out.line(scores.json().serialized(pretty: true))
        } else {
            if errors { out.write(scores.errorReport()); out.line("") }
            out.write(scores.table())
        }
        out.flush()
        guard let ratchet else { return }
        let current = try RecordsRatchet.load(path: ratchet)
        let failures = current.failures(scores)
        for f in failures { printError("ratchet: \(f)") }
        if raiseRatchet && failures.isEmpty {
            let raised = current.raised(by: scores)
            try (raised.json().serialized(pretty: true) + "\n").write(toFile: ratchet, atomically: true, encoding: .utf8)
            printError(raised == current ? "ratchet: \(ratchet) unchanged" : "ratchet: raised \(ratchet)")
        }
        if !failures.isEmpty { throw ExitCode(1) }
    }
}
