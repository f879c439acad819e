import Foundation
import Testing
@testable import RiposteIngest

@Suite struct JSONLineTests {
    @Test func everyCorpusLineParsesLikeFoundation() throws {
        #expect(Fixtures.corpusLines.count == 103)
        for (line, object) in zip(Fixtures.corpusLines, Fixtures.corpusObjects) {
            let doc = try JSONLine.parse(line)
            #expect(doc.id == object["id"] as? String)
            #expect(String(decoding: doc.text, as: UTF8.self) == object["text"] as? String)
            #expect(doc.language == object["language"] as? String)
            // Every other key is carried through, in input order.
            #expect(doc.meta.map(\.0) == ["source"])
            #expect(doc.meta.first?.1 == .string(object["source"] as! String))
            #expect(doc.replacedSurrogates == 0)
        }
    }

    @Test func escapesAreDecoded() throws {
        let text = try #require(Fixtures.text(language: "fr", containing: ["«", "’"]))
        // Foundation escapes "/" and may escape other characters: the parser must undo all of it.
        let line = try JSONSerialization.data(withJSONObject: ["text": text + "\n\t\"/\\", "id": "x"])
        let doc = try JSONLine.parse(Array(line))
        #expect(String(decoding: doc.text, as: UTF8.self) == text + "\n\t\"/\\")
        let astral = try JSONLine.parse(Array(#"{"text":"caf\u00e9 \ud83d\ude00 \u201cdit\u201d"}"#.utf8))
        #expect(String(decoding: astral.text, as: UTF8.self) == "café 😀 “dit”")
    }

    /// The string scanner reads eight bytes at a time: escapes and the closing quote at every
    /// offset of a word, between long runs, must still be found.
    @Test func escapesAtEveryOffset() throws {
        for pad in 0 ..< 17 {
            let run = String(repeating: "é", count: pad) + String(repeating: "a", count: pad)
            let line = "{\"id\":\"x\",\"text\":\"\(run)\\n\(run)\\\"\(run)\\u00e9\(run)\"}"
            let doc = try JSONLine.parse(Array(line.utf8))
            #expect(String(decoding: doc.text, as: UTF8.self) == "\(run)\n\(run)\"\(run)é\(run)")
            let bad = "{\"id\":\"x\",\"text\":\"\(run)\u{01}\(run)\"}"
            #expect(throws: IngestError.self) { try JSONLine.parse(Array(bad.utf8)) }
        }
    }

    @Test func loneSurrogatesBecomeReplacementCharacters() throws {
        let doc = try JSONLine.parse(Array(#"{"id":"s","text":"Il a dit \ud800 puis \udc00\u0041 non."}"#.utf8))
        #expect(String(decoding: doc.text, as: UTF8.self) == "Il a dit \u{FFFD} puis \u{FFFD}A non.")
        #expect(doc.replacedSurrogates == 2)
        // A high surrogate followed by a non-surrogate escape keeps that escape.
        let mixed = try JSONLine.parse(Array(#"{"text":"\ud800\u00e9"}"#.utf8))
        #expect(String(decoding: mixed.text, as: UTF8.self) == "\u{FFFD}é")
    }

    @Test func metaKeepsOrderAndNumberText() throws {
        let doc = try JSONLine.parse(Array(#"{"z":1.50,"id":7,"text":"a","a":[true,null,{"k":-2e3}],"language":"fr-FR","m":"x"}"#.utf8))
        #expect(doc.id == "7")
        #expect(doc.language == "fr")
        #expect(doc.meta.map(\.0) == ["z", "a", "m"])
        #expect(doc.meta[0].1 == .number("1.50"))
        #expect(doc.meta[1].1 == .array([.bool(true), .null, .object([("k", .number("-2e3"))])]))
    }

    private func code(_ line: String) -> String? { code(Array(line.utf8)) }
    private func code(_ line: [UInt8]) -> String? {
        do { _ = try JSONLine.parse(line); return nil } catch let e as IngestError { return e.code } catch { return "?" }
    }

    @Test func badLinesGiveStableCodes() {
        #expect(code("") == "empty")
        #expect(code("  \r") == "empty")
        #expect(code("this is not json") == "invalid_json")
        #expect(code("[1,2]") == "invalid_json")
        #expect(code("\"text\"") == "invalid_json")
        #expect(code(#"{"text":"a"} trailing"#) == "invalid_json")
        #expect(code(#"{"text":"unterminated}"#) == "invalid_json")
        #expect(code(#"{"text":"bad \q escape"}"#) == "invalid_json")
        #expect(code(#"{"text":"bad \u12 escape"}"#) == "invalid_json")
        #expect(code("{\"text\":\"raw\ttab\"}") == "invalid_json")
        #expect(code(#"{"text":01}"#) == "invalid_json")
        #expect(code(#"{"id":"a","body":"no text"}"#) == "missing_text")
        #expect(code(#"{"id":"a","text":42}"#) == "missing_text")
        #expect(code(#"{"id":"a","text":null}"#) == "missing_text")
        #expect(code(#"{"text":"a","language":3}"#) == "unsupported_language")
        #expect(code([0x7B, 0x22, 0x74, 0x00, 0x7D]) == "binary")
        #expect(code(Array(#"{"id":"x","text":"caf"#.utf8) + [0xE9] + Array(#""}"#.utf8)) == "invalid_utf8")
    }

    @Test func invalidUTF8StillNamesTheDocument() {
        var id: String? = nil
        let line = Array(#"{"id":"latin1","text":"cr"#.utf8) + [0xE8] + Array(#"me"}"#.utf8)
        #expect(throws: IngestError.self) { try JSONLine.parse(line, id: &id) }
        #expect(id == "latin1")
    }

    @Test func deepNestingIsRejectedNotACrash() {
        let deep = "{\"text\":\"a\",\"m\":" + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000) + "}"
        #expect(code(deep) == "invalid_json")
        let ok = "{\"text\":\"a\",\"m\":" + String(repeating: "[", count: 100) + String(repeating: "]", count: 100) + "}"
        #expect(code(ok) == nil)
    }
}
