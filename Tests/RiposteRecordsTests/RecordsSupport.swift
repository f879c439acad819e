// Helpers for the records tests: the package's real text, the built executable, marker-style
// spans ("… a ⟦fermement nié⟧ …"), and records read back from riposte/1 JSON.
import Foundation
import RiposteTestSupport
import Testing
import Riposte

enum RecordsFixtures {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static func corpus(_ path: String) throws -> String {
        try String(contentsOf: packageRoot.appendingPathComponent("Corpora/" + path), encoding: .utf8)
    }
    static var seedText: String { get throws { try corpus("scale-mercor-ling.fr.txt") } }

    /// Gold passages (Corpora/gold/dev.jsonl): id, language, text.
    static func devPassages() throws -> [(id: String, language: Language, text: String)] {
        let data = try Data(contentsOf: packageRoot.appendingPathComponent("Corpora/gold/dev.jsonl"))
        return data.split(separator: 0x0A).compactMap { line in
            guard let o = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any],
                  let id = o["id"] as? String, let t = o["text"] as? String, let l = o["language"] as? String,
                  let lang = Language(rawValue: l) else { return nil }
            return (id, lang, t)
        }
    }

    /// The built `riposte` executable.
    static let executable = BuiltExecutable.riposte(packageRoot: packageRoot)

    /// Runs `riposte extract --language L FILE` and returns the document object.
    static func extract(file: URL, language: String) throws -> [String: Any] {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("riposte-records-\(UUID().uuidString).json")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: out) }
        let p = Process()
        p.executableURL = executable
        p.arguments = ["extract", "--language", language, file.path]
        p.standardOutput = try FileHandle(forWritingTo: out)
        p.standardError = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0, "riposte extract exited with \(p.terminationStatus)")
        return try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: out)) as? [String: Any])
    }
}

/// A document's records as the JSON says them, with party names resolved.
struct JSONDocument {
    struct Rec {
        let id: String
        let type: String
        let source: String?
        let onBehalfOf: String?
        let targets: [String]
        let cue: String
        let cueStart: Int
        let content: String?
        let modality: String
        let respondsTo: [String]
        let channel: String?
        let evidence: [String]
        let confidence: Double
    }
    let records: [Rec]
    /// Party id → every name it goes by (canonical name first).
    let names: [String: [String]]

    init(_ o: [String: Any]) {
        var names: [String: [String]] = [:]
        for p in o["parties"] as? [[String: Any]] ?? [] {
            names[p["id"] as? String ?? ""] = [p["name"] as? String ?? ""] + (p["aliases"] as? [String] ?? [])
        }
        self.names = names
        records = (o["records"] as? [[String: Any]] ?? []).map { r in
            let cue = r["cue"] as? [String: Any] ?? [:]
            let content = r["content"] as? [String: Any]
            return Rec(id: r["id"] as? String ?? "", type: r["type"] as? String ?? "",
                       source: r["source"] as? String, onBehalfOf: r["on_behalf_of"] as? String,
                       targets: r["targets"] as? [String] ?? [], cue: cue["text"] as? String ?? "",
                       cueStart: cue["start"] as? Int ?? -1, content: content?["text"] as? String,
                       modality: r["modality"] as? String ?? "", respondsTo: r["responds_to"] as? [String] ?? [],
                       channel: r["channel"] as? String, evidence: r["evidence"] as? [String] ?? [],
                       confidence: r["confidence"] as? Double ?? 0)
        }
    }

    init(_ a: DocumentAnalysis) {
        let o = (try? JSONSerialization.jsonObject(with: Data(a.json().serialized().utf8))) as? [String: Any] ?? [:]
        self.init(o)
    }

    /// True when party `id` goes by `name` (case-insensitive, as a whole name or alias).
    func party(_ id: String?, is name: String) -> Bool {
        guard let id, let n = names[id] else { return false }
        return n.contains { $0.lowercased() == name.lowercased() }
    }
    func partyNames(_ ids: [String]) -> [String] { ids.map { names[$0]?.first ?? "?" } }

    /// The first record of a type whose cue contains `cue`.
    func record(_ type: String, cue: String) -> Rec? {
        records.first { $0.type == type && $0.cue.contains(cue) }
    }
    func record(id: String) -> Rec? { records.first { $0.id == id } }
}

/// Marker-style text: "a ⟦fermement nié⟧ tout" → the text without markers and the marked span as
/// a String (the tests compare the record's cue text with it, and check it starts there).
struct MarkedText {
    let text: String
    let marked: [String]
    init(_ s: String) {
        var out = "", current = "", inside = false
        var marks: [String] = []
        for ch in s {
            if ch == "⟦" { inside = true; current = ""; continue }
            if ch == "⟧" { inside = false; marks.append(current); continue }
            out.append(ch)
            if inside { current.append(ch) }
        }
        text = out
        marked = marks
    }
}

enum RecordsPipeline {
    static func analyze(_ text: String, _ language: Language) throws -> JSONDocument {
        let p = try Pipeline()
        return JSONDocument(try p.analyze(text: text, id: "test", language: language))
    }
}
