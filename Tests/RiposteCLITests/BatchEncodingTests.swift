import Foundation
import Testing

/// Text files in the encodings of real archives give the same analysis as their UTF-8 original,
/// and the detected encoding is reported in `diagnostics`.
@Suite struct BatchEncodingTests {
    @Test func legacyAndUTF16FilesMatchTheUTF8Original() throws {
        let text = try #require((0 ..< RiposteRun.corpus.count).map(RiposteRun.corpusObject).compactMap { o -> String? in
            guard o["language"] as? String == "fr", let t = o["text"] as? String, t.contains("’"), t.contains("é"),
                  t.data(using: .windowsCP1252, allowLossyConversion: false) != nil else { return nil }
            return t
        }.first)
        let dir = try RiposteRun.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let files: [(String, Data)] = [
            ("a-utf8.txt", Data(text.utf8)),
            ("b-utf8-bom.txt", Data([0xEF, 0xBB, 0xBF] + Array(text.utf8))),
            ("c-utf16le.txt", Data([0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })),
            ("d-utf16be.txt", Data([0xFE, 0xFF] + text.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] })),
            ("e-cp1252.txt", text.data(using: .windowsCP1252)!),
        ]
        for (name, data) in files { _ = FileManager.default.createFile(atPath: dir.appendingPathComponent(name).path, contents: data) }
        let r = try RiposteRun.run(["extract", "--jsonl", dir.path])
        #expect(r.status == 0)
        let objs = r.objects
        #expect(objs.map { $0["id"] as? String } == ["a-utf8", "b-utf8-bom", "c-utf16le", "d-utf16be", "e-cp1252"])
        func diagnostics(_ o: [String: Any]) -> [String] {
            (o["diagnostics"] as? [[String: Any]] ?? []).map { "\($0["code"] ?? ""): \($0["message"] ?? "")" }
        }
        #expect(diagnostics(objs[2]).contains { $0.hasPrefix("encoding:") && $0.contains("UTF-16LE") })
        #expect(diagnostics(objs[3]).contains { $0.hasPrefix("encoding:") && $0.contains("UTF-16BE") })
        #expect(diagnostics(objs[4]).contains { $0.hasPrefix("encoding:") && $0.contains("windows-1252") })
        #expect(!diagnostics(objs[0]).contains { $0.hasPrefix("encoding:") })
        // Same language, parties and records (offsets count code points of the decoded text).
        func analysis(_ o: [String: Any]) -> Data {
            try! JSONSerialization.data(withJSONObject: [o["language"] ?? "", o["parties"] ?? [], o["records"] ?? []], options: [.sortedKeys])
        }
        for o in objs.dropFirst(2) { #expect(analysis(o) == analysis(objs[0])) }
    }
}
