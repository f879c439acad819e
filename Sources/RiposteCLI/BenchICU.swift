// `riposte bench-icu` (hidden): the throughput ceiling for `make bench`. The same reader, JSON Lines
// parser and parallel map as `extract`, but each document only gets one raw ICU word-break pass,
// the cheapest thing any tokenizer must do; the summary line has the same layout as extract's.
import ArgumentParser
import Foundation
import Riposte
import RiposteICU

struct BenchICU: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-icu",
        abstract: "Raw ICU word-break pass over the same input as extract (benchmark ceiling).",
        shouldDisplay: false
    )

    @Option(name: .shortAndLong, help: "Worker threads (default: all cores).")
    var jobs: Int?
    @Argument(help: "JSON Lines files, text files or directories (\"-\" or none: standard input).")
    var files: [String] = []

    func run() throws {
        let batch = try Batch(paths: files, jobs: Batch.jobs(jobs), quiet: false)
        _ = try batch.run(label: "icu-word-break", counted: "words") { WordBreakPass() }
    }
}

/// Counts ICU word segments; writes nothing.
struct WordBreakPass: BatchProcessor {
    let iterators: [Language: BreakIterator]

    init() {
        var its: [Language: BreakIterator] = [:]
        for l in Language.allCases { its[l] = try? BreakIterator(kind: .word, locale: l.rawValue) }
        iterators = its
    }

    func process(_ item: InputItem) -> BatchResult {
        var result = BatchResult(output: [], errorCode: nil, records: [], size: item.size)
        do {
            if let e = item.error { throw e }
            var text = item.bytes
            var language = Language.en
            if item.kind == .jsonLine {
                let doc = try JSONLine.parse(item.bytes)
                text = doc.text
                if let l = doc.language.flatMap(Language.init(rawValue:)) { language = l }
            } else {
                text = try TextDecoding.decode(item.bytes).utf8
            }
            guard let it = iterators[language] else { throw IngestError("internal", "no ICU word iterator") }
            var words = 0
            try text.withUnsafeBufferPointer { buf in
                try it.forEachSegment(buf) { _, _, status in if status != .none { words += 1 } }
            }
            result.records = [words]
        } catch let e as IngestError {
            result.errorCode = e.code
        } catch {
            result.errorCode = "internal"
        }
        return result
    }
}
