import Foundation
import Testing

/// Hostile Unicode and pathological documents: the batch must neither crash nor lose a line.
@Suite struct BatchHostileTests {
    @Test func hostileDocumentsNeverCrashTheBatch() throws {
        let fr = RiposteRun.corpusObject(0)["text"] as! String
        let en = (0 ..< RiposteRun.corpus.count).map(RiposteRun.corpusObject).first { $0["language"] as? String == "en" }!["text"] as! String
        let sentence = String(fr.split(separator: "\n").first { $0.count > 60 }!)
        var docs: [(String, String)] = [
            ("ten-megabytes", String(repeating: fr + "\n\n", count: 10_000_000 / fr.utf8.count + 1)),
            ("combining", "e" + String(repeating: "\u{301}", count: 100_000) + " " + sentence),
            ("combining-everywhere", String(sentence.flatMap { [$0, "\u{301}", "\u{327}", "\u{308}"] })),
            ("rtl-overrides", "\u{202E}" + sentence + "\u{202C} \u{2067}" + en.prefix(500) + "\u{2069}"),
            ("zero-width", String(sentence.flatMap { [$0, "\u{200B}", "\u{FEFF}"] })),
            ("astral", String(repeating: "😀👨‍👩‍👧‍👦🇫🇷", count: 20_000) + sentence),
            ("newlines", String(repeating: "\n", count: 100_000) + sentence),
            ("crlf-and-cr", sentence.replacingOccurrences(of: " ", with: "\r\n\r")),
            ("dots", String(repeating: ".", count: 200_000)),
            ("one-long-word", String(repeating: "a", count: 1_000_000)),
            ("quotes", String(repeating: "« “‘'\"", count: 50_000)),
            ("hyphens", String(repeating: "-\n", count: 100_000)),
            ("private-use-and-noncharacters", "\u{E000}\u{F8FF}\u{FFFE}\u{FFFF}\u{10FFFF} " + sentence),
            ("tabs-and-form-feeds", sentence.replacingOccurrences(of: " ", with: "\t\u{0C}")),
        ]
        docs.append(("mixed-scripts", "Путин 習近平 " + sentence + " مرحبا שלום"))
        var lines = docs.map { RiposteRun.jsonLine(["id": $0.0, "text": $0.1]) }
        // Escaped lone surrogates and deep JSON nesting are written by hand (JSONSerialization cannot).
        lines.append(Array(#"{"id":"lone-surrogates","text":"Le ministre \ud800 a démenti \udfff.\ud83d"}"#.utf8))
        lines.append(Array((#"{"id":"deep","text":"a","m":"# + String(repeating: "[", count: 50_000)).utf8))
        lines.append(Array(#"{"id":"nul-escape","text":"\u0000"}"#.utf8))
        // Numbers beyond Int in meta once trapped the JSON writer (Int(Double) overflow).
        lines.append(Array(#"{"id":"big-numbers","text":"Le ministre a démenti.","big":12345678901234567890,"huge":1e308,"tiny":-1e-320,"n":[1,2.5e3],"rate":0.12345}"#.utf8))
        let r = try RiposteRun.run(["extract", "--jsonl"], stdin: RiposteRun.joinLines(lines))
        #expect(r.exitedNormally, "riposte died: \(r.stderr)")
        #expect(r.lines.count == lines.count)
        let objects = r.objects
        #expect(objects.map { $0["id"] as? String } == docs.map(\.0) + ["lone-surrogates", "deep", "nul-escape", "big-numbers"])
        let failed = objects.filter { $0["error"] != nil }.map { $0["id"] as? String ?? "" }
        #expect(failed == ["deep", "nul-escape"], "\(failed)")
        let lone = try #require(objects.first { $0["id"] as? String == "lone-surrogates" })
        let diagnostics = (lone["diagnostics"] as? [[String: Any]] ?? []).map { $0["code"] as? String }
        #expect(diagnostics.contains("lone_surrogate_replaced"))
        let meta = try #require(objects.last?["meta"] as? [String: Any])
        #expect((meta["big"] as? NSNumber).map { abs($0.doubleValue - 1.2345678901234567e19) < 1e4 } == true)
        #expect(meta["huge"] as? Double == 1e308)
        #expect((meta["n"] as? [Any])?.count == 2)
        // Meta numbers are carried through exactly as written, not rounded through Double.
        let lastLine = String(decoding: r.lines.last ?? [], as: UTF8.self)
        #expect(lastLine.contains(#""big":12345678901234567890,"huge":1e308,"tiny":-1e-320,"n":[1,2.5e3],"rate":0.12345"#))
    }
}
