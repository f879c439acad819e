import Foundation
import Testing
import CZlib
@testable import RiposteIngest

@Suite struct InputReaderTests {
    static func items(_ paths: [String], maxBytes: Int = 1 << 24) -> [InputItem] {
        let r = InputReader(paths: paths, maxBytes: maxBytes)
        var out: [InputItem] = []
        while let i = r.next() { out.append(i) }
        return out
    }

    static func gzip(_ bytes: [UInt8], to path: String) {
        let f = gzopen(path, "wb")!
        bytes.withUnsafeBytes { _ = gzwrite(f, $0.baseAddress, UInt32($0.count)) }
        gzclose(f)
    }

    @Test func jsonLinesFileGivesOneItemPerLine() throws {
        let dir = try Fixtures.temporaryDirectory()
        let path = dir.appendingPathComponent("docs.jsonl").path
        // CRLF line breaks, a blank line, and no line break at the end: still one item per line.
        let lines = Array(Fixtures.corpusLines.prefix(3))
        let bytes = lines[0] + [0x0D, 0x0A] + [0x0A] + lines[1] + [0x0A] + lines[2]
        _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
        let items = Self.items([path])
        #expect(items.map(\.bytes) == [lines[0], [], lines[1], lines[2]])
        #expect(items.map(\.fallbackID) == ["docs.jsonl:1", "docs.jsonl:2", "docs.jsonl:3", "docs.jsonl:4"])
        #expect(items.allSatisfy { $0.kind == .jsonLine && $0.error == nil })
        #expect(items.map(\.size).reduce(0, +) == bytes.count)
    }

    @Test func oversizedLineIsSkippedAndTheNextOnesSurvive() throws {
        let dir = try Fixtures.temporaryDirectory()
        let path = dir.appendingPathComponent("docs.jsonl").path
        let lines = Fixtures.corpusLines
        let limit = lines.prefix(20).map(\.count).sorted()[10]
        _ = FileManager.default.createFile(atPath: path, contents: Data(lines.prefix(20).joined(separator: [0x0A])))
        let items = Self.items([path], maxBytes: limit)
        #expect(items.count == 20)
        for (item, line) in zip(items, lines.prefix(20)) {
            if line.count > limit {
                #expect(item.error?.code == "too_large")
                #expect(item.bytes == Array(line.prefix(4096)))
            } else {
                #expect(item.error == nil)
                #expect(item.bytes == line)
            }
        }
    }

    @Test func gzipIsReadLikeThePlainFile() throws {
        let dir = try Fixtures.temporaryDirectory()
        let plain = dir.appendingPathComponent("c.jsonl").path
        let gz = dir.appendingPathComponent("c.jsonl.gz").path
        let data = try Data(contentsOf: Fixtures.corpusURL)
        _ = FileManager.default.createFile(atPath: plain, contents: data)
        Self.gzip([UInt8](data), to: gz)
        let a = Self.items([plain]), b = Self.items([gz])
        #expect(a.count == 103)
        #expect(a.map(\.bytes) == b.map(\.bytes))
        #expect(b.allSatisfy { $0.fallbackID.hasPrefix("c.jsonl.gz:") })
    }

    @Test func truncatedGzipGivesOneErrorAndNoCrash() throws {
        let dir = try Fixtures.temporaryDirectory()
        let gz = dir.appendingPathComponent("t.jsonl.gz").path
        let data = try Data(contentsOf: Fixtures.corpusURL)
        Self.gzip([UInt8](data), to: gz)
        let full = try Data(contentsOf: URL(fileURLWithPath: gz))
        _ = FileManager.default.createFile(atPath: gz, contents: full.prefix(full.count / 2))
        let items = Self.items([gz])
        #expect(items.last?.error?.code == "io_error")
        #expect(items.filter { $0.error != nil }.count == 1)
        // What came before the damage is intact.
        for (item, line) in zip(items.dropLast(2), Fixtures.corpusLines) { #expect(item.bytes == line) }
    }

    @Test func directoriesAreWalkedRecursivelyInByteOrder() throws {
        let dir = try Fixtures.temporaryDirectory()
        let texts = Fixtures.corpusObjects.prefix(4).compactMap { $0["text"] as? String }
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("b/sub"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("a"), withIntermediateDirectories: true)
        let files = ["b/sub/z.txt": texts[0], "a/x.txt": texts[1], "B.txt": texts[2], "b/y.txt": texts[3], "a/skip.md": "not text"]
        for (p, t) in files { _ = FileManager.default.createFile(atPath: dir.appendingPathComponent(p).path, contents: Data(t.utf8)) }
        let items = Self.items([dir.path])
        #expect(items.map(\.fallbackID) == ["B", "a/x", "b/sub/z", "b/y"])
        #expect(items.map { String(decoding: $0.bytes, as: UTF8.self) } == [texts[2], texts[1], texts[0], texts[3]])
        #expect(items.allSatisfy { $0.kind == .textFile })
    }

    @Test func unreadableAndOversizedFilesGiveErrorItems() throws {
        let dir = try Fixtures.temporaryDirectory()
        let big = dir.appendingPathComponent("big.txt").path
        let text = try #require(Fixtures.text(language: "en"))
        _ = FileManager.default.createFile(atPath: big, contents: Data(text.utf8))
        let items = Self.items([dir.appendingPathComponent("missing.txt").path, big], maxBytes: 100)
        #expect(items.map { $0.error?.code } == ["io_error", "too_large"])
        #expect(items.map(\.fallbackID) == ["missing", "big"])
    }
}
