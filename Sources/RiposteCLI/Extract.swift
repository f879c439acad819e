import ArgumentParser
import Foundation
import Riposte

struct Extract: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Extract parties and claim/response records as riposte/1 JSON.",
        discussion: """
        Inputs: text files (UTF-8, UTF-16 with BOM, or a legacy encoding detected by ICU), directories \
        (every *.txt below, recursively), JSON Lines files (.jsonl, .jsonl.gz) of {"id", "text", "language"?}, \
        and "-" or no FILE with --jsonl for JSON Lines on standard input.
        Output: one JSON document per input line or file, in input order, on standard output (pretty-printed \
        for a single text file, one line each otherwise). A document that fails gives an error line \
        {"id", "error": {"code", "message"}} and the run goes on (codes: docs/batch.md).
        Standard error: a progress bar when it is a terminal, and a one-line summary at the end.
        Exit status: 0 when every document was processed, 1 when at least one gave an error line (0 with \
        --exit-zero), 2 when standard output cannot be written.
        """
    )

    @OptionGroup var lang: LanguageOption
    @Flag(name: .long, help: "One JSON line per document; with no FILE, read JSON Lines on standard input.")
    var jsonl = false
    @Option(name: .long, help: "Largest document (text file or JSON line) accepted, in bytes.")
    var maxBytes: Int = 16 << 20
    @Option(name: .shortAndLong, help: "Worker threads (default: all cores). Output is the same for every value.")
    var jobs: Int?
    @Flag(name: .shortAndLong, help: "No progress bar and no summary on standard error.")
    var quiet = false
    @Flag(name: .long, help: "Exit with status 0 even when some documents gave error lines (Spark and Hadoop fail the task otherwise).")
    var exitZero = false
    @Argument(help: "Text files, directories or JSON Lines files (\"-\" is standard input).")
    var files: [String] = []

    func validate() throws {
        if !jsonl && files.isEmpty { throw ValidationError("give one or more FILEs, or --jsonl to read JSON Lines on standard input") }
        if maxBytes < 1 { throw ValidationError("--max-bytes must be positive") }
        if let jobs, jobs < 0 || jobs > 1024 { throw ValidationError("--jobs must be between 0 (all cores) and 1024") }
    }

    func run() throws {
        // A single text file is shown pretty-printed; everything else is one line per document.
        var isDirectory: ObjCBool = false
        let pretty = !jsonl && files.count == 1 && !InputReader.isJSONLines(files[0])
            && !(FileManager.default.fileExists(atPath: files[0], isDirectory: &isDirectory) && isDirectory.boolValue)
        let options = BatchOptions(language: lang.language, maxBytes: maxBytes, pretty: pretty)
        _ = try Pipeline()  // fail fast (e.g. Lexicons/ not found) before any thread starts
        let batch = try Batch(paths: files, jobs: Batch.jobs(jobs), quiet: quiet)
        let stats = try batch.run(maxBytes: maxBytes) { BatchDocument(options: options) }
        if stats.failed > 0 && !exitZero { throw ExitCode(1) }
    }
}
