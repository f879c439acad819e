import Foundation
import Testing

/// Every kind of bad input gives exactly one error line with its stable code, and the documents
/// around it come out exactly as they would alone.
@Suite struct BatchErrorTests {
    @Test func eachBadLineGivesOneErrorLineAndNothingElseIsLost() throws {
        let good = Array(RiposteRun.corpus.prefix(12))
        let fr = RiposteRun.corpusObject(0)
        let frText = fr["text"] as! String
        let limit = good.map(\.count).max()! + 100
        var oversized = fr
        oversized["id"] = "oversized"
        oversized["text"] = String(repeating: frText + "\n\n", count: limit / frText.utf8.count + 1)
        var latin1 = Array(#"{"id":"latin1","text":"Le ministre a d"#.utf8)
        latin1 += [0xE9] + Array(#"menti."}"#.utf8)
        let bad: [(String, [UInt8])] = [
            ("invalid_json", Array("Le ministre a démenti.".utf8)),
            ("invalid_json", Array(#"{"id":"cut","text":"Le ministre"#.utf8)),
            ("missing_text", RiposteRun.jsonLine(["id": "body", "body": frText])),
            ("missing_text", RiposteRun.jsonLine(["id": "number", "text": 42])),
            ("invalid_utf8", latin1),
            ("empty", RiposteRun.jsonLine(["id": "blank", "text": " \n\t "])),
            ("empty", []),
            ("binary", Array(#"{"id":"nul","text":"a"#.utf8) + [0] + Array(#"b"}"#.utf8)),
            ("binary", RiposteRun.jsonLine(["id": "escaped-nul", "text": "Le ministre\u{0}\u{1}\u{2}\u{3}\u{4}\u{5}\u{6}"])),
            ("too_large", RiposteRun.jsonLine(oversized)),
            ("unsupported_language", RiposteRun.jsonLine(["id": "de", "text": frText, "language": "de"])),
        ]
        // Interleave: good, bad, good, bad, …
        var input: [[UInt8]] = []
        var expected: [String?] = []
        for i in 0 ..< max(good.count, bad.count) {
            if i < good.count { input.append(good[i]); expected.append(nil) }
            if i < bad.count { input.append(bad[i].1); expected.append(bad[i].0) }
        }
        let mixed = try RiposteRun.run(["extract", "--jsonl", "--max-bytes", "\(limit)"], stdin: RiposteRun.joinLines(input))
        let alone = try RiposteRun.run(["extract", "--jsonl", "--max-bytes", "\(limit)"], stdin: RiposteRun.joinLines(good))
        #expect(mixed.exitedNormally && mixed.status == 1)
        #expect(alone.exitedNormally && alone.status == 0)
        #expect(mixed.lines.count == input.count)
        var goodOut = alone.lines.makeIterator()
        for (line, code) in zip(mixed.lines, expected) {
            let obj = (try? JSONSerialization.jsonObject(with: Data(line))) as? [String: Any]
            if let code {
                let error = obj?["error"] as? [String: Any]
                #expect(error?["code"] as? String == code, "\(String(decoding: line, as: UTF8.self))")
                #expect((error?["message"] as? String)?.isEmpty == false)
                #expect(obj?["schema"] as? String == "riposte/1")
            } else {
                #expect(line == goodOut.next())
            }
        }
        // Error lines name the document when the line gives an id, even when it is invalid UTF-8.
        let ids = mixed.objects.filter { $0["error"] != nil }.map { $0["id"] as? String ?? "" }
        #expect(ids == ["stdin:2", "cut", "body", "number", "latin1", "blank", "stdin:14", "stdin:16",
                        "escaped-nul", "oversized", "de"])
        // The summary: one line on stderr (no progress bar: stderr is not a terminal).
        let summary = mixed.stderr.split(separator: "\n")
        #expect(summary.count == 1)
        #expect(summary.first?.contains("\(input.count) documents, \(good.count) ok, \(bad.count) failed") == true)
        #expect(summary.first?.contains("invalid_json 2") == true)
        #expect(summary.first?.contains("MB/s") == true)
    }

    @Test func badFilesGiveErrorLinesToo() throws {
        let dir = try RiposteRun.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let text = RiposteRun.corpusObject(1)["text"] as! String
        let ok = dir.appendingPathComponent("ok.txt").path
        let empty = dir.appendingPathComponent("empty.txt").path
        let binary = dir.appendingPathComponent("image.txt").path
        _ = FileManager.default.createFile(atPath: ok, contents: Data(text.utf8))
        _ = FileManager.default.createFile(atPath: empty, contents: Data("\n \n".utf8))
        _ = FileManager.default.createFile(atPath: binary, contents: Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D]))
        let missing = dir.appendingPathComponent("missing.txt").path
        let r = try RiposteRun.run(["extract", "--max-bytes", "\(text.utf8.count + 1)", ok, empty, binary, missing, ok + "/../ok.txt"])
        #expect(r.exitedNormally && r.status == 1)
        let codes = r.objects.map { ($0["error"] as? [String: Any])?["code"] as? String }
        #expect(codes == [nil, "empty", "binary", "io_error", "io_error"])
        #expect(r.objects.map { $0["id"] as? String } == ["ok", "empty", "image", "missing", "ok"])
        let small = try RiposteRun.run(["extract", "--max-bytes", "100", ok])
        let pretty = try JSONSerialization.jsonObject(with: Data(small.stdout)) as? [String: Any]
        #expect((pretty?["error"] as? [String: Any])?["code"] as? String == "too_large")
    }
}
