// One batch input item → one output line: parse the JSON line or decode the text file, run the
// pipeline, serialise. Every failure becomes an error line with a stable code (docs/batch.md);
// nothing thrown here may escape and stop the batch.
import Foundation
import Riposte

struct BatchOptions {
    var language: Language?
    var maxBytes: Int
    var pretty: Bool
}

struct BatchDocument: BatchProcessor {
    let pipeline: Pipeline?
    let pipelineError: String?
    let options: BatchOptions

    init(options: BatchOptions) {
        self.options = options
        do { pipeline = try Pipeline(); pipelineError = nil } catch {
            pipeline = nil
            pipelineError = "\(error)"
        }
    }

    func process(_ item: InputItem) -> BatchResult {
        var id = item.fallbackID
        var result = BatchResult(output: [], errorCode: nil, records: [], size: item.size)
        let json: JSONValue
        var written: [UInt8]? = nil
        do {
            if let e = item.error {
                if item.kind == .jsonLine, let given = JSONLine.peekID(item.bytes) { id = given }
                throw e
            }
            guard let pipeline else { throw IngestError("internal", "the pipeline could not start: \(pipelineError ?? "")") }
            let analysis: DocumentAnalysis
            switch item.kind {
            case .textFile:
                let decoded = try TextDecoding.decode(item.bytes, strict: false, maxBytes: options.maxBytes)
                analysis = try pipeline.analyze(utf8: decoded.utf8, id: id, language: options.language, meta: nil,
                                                diagnostics: decoded.diagnostics)
            case .jsonLine:
                var given: String? = nil
                let doc: InputDocument
                do { doc = try JSONLine.parse(item.bytes, id: &given) } catch {
                    if let given { id = given }
                    throw error
                }
                if let given { id = given }
                var language = options.language
                if let l = doc.language {
                    guard let parsed = Language(rawValue: l) else {
                        throw IngestError("unsupported_language", "language \"\(l)\" is not supported (fr, en)")
                    }
                    language = parsed
                }
                // JSONLine.parse checked the line's UTF-8 (escapes decode to valid UTF-8).
                let decoded = try TextDecoding.decode(doc.text, strict: true, maxBytes: options.maxBytes, validUTF8: true)
                var diagnostics = decoded.diagnostics
                if doc.replacedSurrogates > 0 {
                    diagnostics.append(Diagnostic(code: "lone_surrogate_replaced",
                                                  message: "\(doc.replacedSurrogates) unpaired UTF-16 surrogate escape(s) in \"text\" replaced with U+FFFD"))
                }
                let meta: JSONValue? = doc.meta.isEmpty ? nil : .object(doc.meta.map { ($0.0, Self.jsonValue($0.1)) })
                analysis = try pipeline.analyze(utf8: decoded.utf8, id: id, language: language, meta: meta, diagnostics: diagnostics)
            }
            // (`allCases` builds its array at each use: taken once per document.)
            let types = RecordType.allCases
            var counts = [Int](repeating: 0, count: types.count)
            for r in analysis.records { counts[types.firstIndex(of: r.type)!] += 1 }
            result.records = counts
            written = analysis.jsonBytes(pretty: options.pretty, newline: true)
            json = .null
        } catch let e as IngestError {
            result.errorCode = e.code
            json = DocumentJSON.error(id: id, code: e.code, message: e.message)
        } catch {
            result.errorCode = "internal"
            json = DocumentJSON.error(id: id, code: "internal", message: "\(error)")
        }
        if let written {
            result.output = written
        } else {
            result.output = json.serializedBytes(pretty: options.pretty)
            result.output.append(0x0A)
        }
        return result
    }

    /// Input JSON (meta values) → output JSON. Numbers are carried through as written.
    static func jsonValue(_ v: JSONInput) -> JSONValue {
        switch v {
        case .null: return .null
        case .bool(let b): return .bool(b)
        case .number(let n):
            return .number(n)
        case .string(let s): return .string(s)
        case .array(let a): return .array(a.map(jsonValue))
        case .object(let o): return .object(o.map { ($0.0, jsonValue($0.1)) })
        }
    }
}
