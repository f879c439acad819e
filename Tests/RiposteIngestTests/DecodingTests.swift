import Foundation
import Testing
@testable import RiposteIngest

/// Legacy encodings of real French press text (Corpora/documents.jsonl, Wikinews).
@Suite struct DecodingTests {
    /// ISO-8859-15 bytes of `s`, or nil if a character has no Latin-9 code.
    static func latin9(_ s: String) -> [UInt8]? {
        let specials: [Character: UInt8] = ["€": 0xA4, "Š": 0xA6, "š": 0xA8, "Ž": 0xB4, "ž": 0xB8, "Œ": 0xBC, "œ": 0xBD, "Ÿ": 0xBE]
        let replaced: Set<UInt32> = [0xA4, 0xA6, 0xA8, 0xB4, 0xB8, 0xBC, 0xBD, 0xBE]
        var out: [UInt8] = []
        for ch in s {
            if let b = specials[ch] { out.append(b); continue }
            for u in ch.unicodeScalars {
                guard u.value < 0x100, !(0x80 ..< 0xA0).contains(u.value), !replaced.contains(u.value) else { return nil }
                out.append(UInt8(u.value))
            }
        }
        return out
    }

    /// The first French corpus text that `encode` can represent and that contains `needles`.
    static func frenchText(containing needles: [String], encodable encode: (String) -> [UInt8]?) -> (String, [UInt8])? {
        for o in Fixtures.corpusObjects where o["language"] as? String == "fr" {
            guard let t = o["text"] as? String, needles.allSatisfy({ t.contains($0) }), let b = encode(t) else { continue }
            return (t, b)
        }
        return nil
    }

    /// Where Swift's own UTF-8 decoder first fails, or nil.
    static func swiftFirstInvalid(_ bytes: [UInt8]) -> Int? {
        var it = bytes.makeIterator()
        var decoder = UTF8()
        var pos = 0
        while true {
            switch decoder.decode(&it) {
            case .scalarValue(let s): pos += UTF8.width(s)
            case .emptyInput: return nil
            case .error: return pos
            }
        }
    }

    @Test func utf8ChecksAgreeWithSwiftsDecoder() {
        // Well-formed pieces of every length, and each kind of ill-formed sequence: stray
        // continuation, overlong (C0, E0 80, F0 80), surrogate (ED A0), above U+10FFFF (F4 90, F5),
        // truncated, and NUL.
        let pieces: [[UInt8]] = [[0x41], [0x00], Array("é".utf8), Array("’".utf8), Array("😀".utf8), Array("\u{10FFFF}".utf8),
                                 [0x80], [0xC0, 0xAF], [0xC1, 0x81], [0xE0, 0x80, 0x80], [0xE0, 0xA0, 0x80], [0xED, 0xA0, 0x80],
                                 [0xED, 0x9F, 0xBF], [0xF0, 0x80, 0x80, 0x80], [0xF0, 0x90, 0x80, 0x80], [0xF4, 0x90, 0x80, 0x80],
                                 [0xF4, 0x8F, 0xBF, 0xBF], [0xF5, 0x80], [0xC3], [0xE2, 0x80], [0xF0, 0x9F, 0x98], [0xFF],
                                 Array("plain ASCII text".utf8)]
        var state: UInt64 = 0x5EED_0008
        for round in 0 ..< 20000 {
            var bytes: [UInt8] = []
            for _ in 0 ..< Int(state % 12) + 1 {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                bytes += pieces[Int((state >> 33) % UInt64(pieces.count))]
            }
            let expected = Self.swiftFirstInvalid(bytes)
            #expect(TextDecoding.firstInvalidUTF8(bytes) == expected, "round \(round): \(bytes)")
            let (nul, invalid) = TextDecoding.nulAndFirstInvalidUTF8(bytes)
            #expect(invalid == expected, "round \(round): \(bytes)")
            #expect(nul == bytes.contains(0), "round \(round): \(bytes)")
        }
    }

    @Test func windows1252IsDetectedAndDecoded() throws {
        let (text, bytes) = try #require(Self.frenchText(containing: ["’", "é"]) {
            $0.data(using: .windowsCP1252, allowLossyConversion: false).map { [UInt8]($0) }
        })
        #expect(TextDecoding.firstInvalidUTF8(bytes) != nil)
        let d = try TextDecoding.decode(bytes)
        #expect(String(decoding: d.utf8, as: UTF8.self) == text)
        #expect(d.encoding == "windows-1252")
        #expect(d.diagnostics.contains { $0.code == "encoding" && $0.message.contains("windows-1252") })
    }

    @Test func iso885915IsDetectedAndDecoded() throws {
        let (text, bytes) = try #require(Self.frenchText(containing: ["œ", "é"], encodable: Self.latin9))
        let d = try TextDecoding.decode(bytes)
        #expect(String(decoding: d.utf8, as: UTF8.self) == text)
        #expect(d.encoding == "ISO-8859-15")
        #expect(d.diagnostics.contains { $0.code == "encoding" && $0.message.contains("ISO-8859-15") })
    }

    @Test func utf16WithByteOrderMark() throws {
        let text = try #require(Fixtures.text(language: "fr", containing: ["«", "’"]))
        let le: [UInt8] = [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let be: [UInt8] = [0xFE, 0xFF] + text.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        for (bytes, name) in [(le, "UTF-16LE"), (be, "UTF-16BE")] {
            let d = try TextDecoding.decode(bytes)
            #expect(String(decoding: d.utf8, as: UTF8.self) == text)
            #expect(d.encoding == name)
            #expect(d.diagnostics.contains { $0.message.contains(name) })
        }
    }

    @Test func utf8NeedsNoDiagnostic() throws {
        let text = try #require(Fixtures.text(language: "en"))
        let d = try TextDecoding.decode(Array(text.utf8))
        #expect(d.encoding == "UTF-8")
        #expect(d.utf8 == Array(text.utf8))
        #expect(d.diagnostics.isEmpty)
    }

    @Test func strictModeRefusesInvalidUTF8() {
        let bytes = Array("Le ministre a d".utf8) + [0xE9] + Array("menti.".utf8)
        #expect(throws: IngestError.invalidUTF8(15)) { try TextDecoding.decode(bytes, strict: true) }
    }

    /// Short legacy texts give ICU little to go on (it ranks ISO-8859-9 first for "Élève", GB18030
    /// for "Ça"): every accented word of the French corpus titles, alone in windows-1252, must come
    /// back intact.
    @Test func shortWindows1252WordsComeBackIntact() throws {
        var words: [String] = []
        for o in Fixtures.corpusObjects where o["language"] as? String == "fr" {
            guard let t = o["text"] as? String, let title = t.split(separator: "\n").first else { continue }
            for w in title.split(separator: " ") where w.unicodeScalars.contains(where: { $0.value >= 0x80 }) {
                if !words.contains(String(w)) { words.append(String(w)) }
            }
        }
        var tried = 0
        for w in words {
            guard let bytes = w.data(using: .windowsCP1252, allowLossyConversion: false) else { continue }
            tried += 1
            let d = try TextDecoding.decode([UInt8](bytes))
            #expect(String(decoding: d.utf8, as: UTF8.self) == w, "\(d.encoding): \(d.diagnostics)")
        }
        #expect(tried >= 30)
    }
}
