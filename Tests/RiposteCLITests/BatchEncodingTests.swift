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

    /// ISO-8859-15 (Latin-9) bytes of `s`, or nil when a character has no Latin-9 code.
    static func latin9(_ s: String) -> Data? {
        let specials: [Character: UInt8] = ["€": 0xA4, "Š": 0xA6, "š": 0xA8, "Ž": 0xB4, "ž": 0xB8, "Œ": 0xBC, "œ": 0xBD, "Ÿ": 0xBE]
        var out: [UInt8] = []
        for ch in s {
            if let b = specials[ch] { out.append(b); continue }
            for u in ch.unicodeScalars {
                guard u.value < 0x100, !(0x80 ..< 0xA0).contains(u.value), ![0xA4, 0xA6, 0xA8, 0xB4, 0xB8, 0xBC, 0xBD, 0xBE].contains(u.value) else { return nil }
                out.append(UInt8(u.value))
            }
        }
        return Data(out)
    }

    @Test func iso885915FileIsNotReadAsWindows1252() throws {
        let (text, bytes) = try #require((0 ..< RiposteRun.corpus.count).map(RiposteRun.corpusObject).compactMap { o -> (String, Data)? in
            guard o["language"] as? String == "fr", let t = o["text"] as? String, t.contains("œ"), let b = Self.latin9(t) else { return nil }
            return (t, b)
        }.first)
        let dir = try RiposteRun.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        _ = FileManager.default.createFile(atPath: dir.appendingPathComponent("a-utf8.txt").path, contents: Data(text.utf8))
        _ = FileManager.default.createFile(atPath: dir.appendingPathComponent("b-latin9.txt").path, contents: bytes)
        let r = try RiposteRun.run(["extract", "--jsonl", dir.path])
        let objs = r.objects
        #expect(objs.count == 2)
        let diagnostics = (objs.last?["diagnostics"] as? [[String: Any]] ?? []).compactMap { $0["message"] as? String }
        #expect(diagnostics.contains { $0.contains("ISO-8859-15") })
        func analysis(_ o: [String: Any]) -> Data {
            try! JSONSerialization.data(withJSONObject: [o["language"] ?? "", o["parties"] ?? [], o["records"] ?? []], options: [.sortedKeys])
        }
        #expect(analysis(objs[1]) == analysis(objs[0]))
    }
}
