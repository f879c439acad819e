import ArgumentParser
import Foundation
import Riposte

struct Extract: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Extract parties and claim/response records as riposte/1 JSON.",
        discussion: """
        With files: one JSON document per file (pretty-printed for a single file, one line each otherwise).
        With --jsonl: reads JSON Lines {"id", "text", "language"?} on standard input and writes exactly one
        output line per input line, in order; a document that fails gives an error line and the run goes on.
        """
    )

    @OptionGroup var lang: LanguageOption
    @Flag(name: .long, help: "Read JSON Lines on standard input, write JSON Lines on standard output.")
    var jsonl = false
    @Option(name: .long, help: "Largest document accepted, in bytes.")
    var maxBytes: Int = 16 << 20
    @Argument(help: "Text files to analyse.")
    var files: [String] = []

    func validate() throws {
        if !jsonl && files.isEmpty { throw ValidationError("give one or more FILEs, or --jsonl to read JSON Lines on standard input") }
        if jsonl && !files.isEmpty { throw ValidationError("--jsonl reads standard input; do not give FILEs with it") }
    }

    func run() throws {
        let pipeline = try Pipeline()
        let out = StandardOutput()
        var failures = 0
        if jsonl {
            while let line = readLine(strippingNewline: true) {
                let result = JSONLinesDocument.process(line: Array(line.utf8), pipeline: pipeline, language: lang.language, maxBytes: maxBytes)
                if result.failed { failures += 1 }
                out.line(result.json.serialized())
            }
        } else {
            for path in files {
                let id = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
                let json: JSONValue
                do {
                    guard let data = FileManager.default.contents(atPath: path) else {
                        throw IngestError("io_error", "cannot read \(path)")
                    }
                    json = try pipeline.analyze(bytes: [UInt8](data), id: id, language: lang.language, maxBytes: maxBytes).json()
                } catch let e as IngestError {
                    failures += 1
                    json = DocumentJSON.error(id: id, code: e.code, message: e.message)
                    printError("riposte: \(path): \(e.message)")
                }
                out.line(json.serialized(pretty: files.count == 1))
            }
        }
        out.flush()
        if failures > 0 { throw ExitCode(1) }
    }
}

/// One JSON Lines input line → one output object.
enum JSONLinesDocument {
    static func process(line: [UInt8], pipeline: Pipeline, language: Language?, maxBytes: Int) -> (json: JSONValue, failed: Bool) {
        var id: String? = nil
        do {
            guard let obj = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any] else {
                throw IngestError("invalid_json", "the line is not a JSON object")
            }
            id = (obj["id"] as? String) ?? (obj["id"] as? NSNumber)?.stringValue
            guard let text = obj["text"] as? String else { throw IngestError("missing_text", "the object has no \"text\" string") }
            var lang = language
            if let l = obj["language"] as? String {
                guard let parsed = Language(rawValue: l.lowercased()) else {
                    throw IngestError("unsupported_language", "language \"\(l)\" is not supported (fr, en)")
                }
                lang = parsed
            }
            let analysis = try pipeline.analyze(bytes: Array(text.utf8), id: id ?? "", language: lang, strictUTF8: true, maxBytes: maxBytes)
            return (analysis.json(), false)
        } catch let e as IngestError {
            return (DocumentJSON.error(id: id, code: e.code, message: e.message), true)
        } catch {
            return (DocumentJSON.error(id: id, code: "internal", message: "\(error)"), true)
        }
    }
}
