import Foundation

/// Real documents bundled in Corpora/ (see Corpora/README.md), read relative to the package root.
enum Fixtures {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let corpusURL = packageRoot.appendingPathComponent("Corpora/documents.jsonl")

    /// The raw lines of Corpora/documents.jsonl (without their line breaks).
    static let corpusLines: [[UInt8]] = {
        let data = (try? Data(contentsOf: corpusURL)) ?? Data()
        return data.split(separator: 0x0A, omittingEmptySubsequences: true).map { Array($0) }
    }()

    /// The decoded objects of the corpus, through Foundation (an independent JSON reader).
    static let corpusObjects: [[String: Any]] = corpusLines.compactMap {
        try? JSONSerialization.jsonObject(with: Data($0)) as? [String: Any]
    }

    /// The text of the first corpus document in `language` whose text contains every string of `needles`.
    static func text(language: String, containing needles: [String] = []) -> String? {
        for o in corpusObjects where o["language"] as? String == language {
            guard let t = o["text"] as? String else { continue }
            if needles.allSatisfy({ t.contains($0) }) { return t }
        }
        return nil
    }

    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("riposte-ingest-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
