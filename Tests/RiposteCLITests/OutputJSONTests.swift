import Testing
import Foundation
@testable import Riposte

/// The JSON contract: spans are code point offsets into the ORIGINAL text, and `text` is that slice.
@Suite struct OutputJSONTests {
    let pipeline: Pipeline
    init() throws { pipeline = try Pipeline() }

    /// Slices a Swift string by Unicode code point offsets, as a Python user's text[start:end] would.
    func slice(_ s: String, _ start: Int, _ end: Int) -> String {
        let scalars = Array(s.unicodeScalars)
        var out = String.UnicodeScalarView()
        out.append(contentsOf: scalars[start ..< end])
        return String(out)
    }

    @Test func spansMapBackThroughNormalisation() throws {
        // Typographic apostrophes, a narrow NBSP before the percent sign, a soft hyphen and an
        // NBSP: all change under normalisation, none may shift the offsets of the original.
        let text = "L’État a démenti\u{00A0}: « 49\u{202F}% » des ac\u{00AD}cusations d’abus."
        let analysis = try pipeline.analyze(text: text, language: .fr)
        let doc = DocumentJSON(id: "t", text: analysis.text, parties: analysis.parties, records: analysis.records, diagnostics: [])
        var checked = 0
        for token in analysis.text.tokens {
            guard case .object(let pairs)? = Optional(doc.span(token.span)) else { continue }
            let d = Dictionary(uniqueKeysWithValues: pairs)
            guard case .int(let a)? = d["start"], case .int(let b)? = d["end"], case .string(let t)? = d["text"] else {
                Issue.record("span without start/end/text"); continue
            }
            #expect(slice(text, a, b) == t)
            checked += 1
        }
        #expect(checked >= 12)
        // The elided article keeps its typographic apostrophe in the output.
        let first = doc.span(analysis.text.tokens[0].span)
        #expect(first["text"] == .string("L’"))
        #expect(first["start"] == .int(0))
        #expect(first["end"] == .int(2))
    }

    @Test func escapesControlCharactersAndQuotes() {
        let v = JSONValue.object([("a", .string("x\"y\\z\n\u{01}é"))])
        let s = v.serialized()
        #expect(s == "{\"a\":\"x\\\"y\\\\z\\n\\u0001é\"}")
        let parsed = try? JSONSerialization.jsonObject(with: Data(s.utf8)) as? [String: String]
        #expect(parsed?["a"] == "x\"y\\z\n\u{01}é")
    }

    @Test func documentHasContractKeysInOrder() throws {
        let analysis = try pipeline.analyze(text: "The company denied the allegations.", language: .en)
        let s = analysis.json().serialized()
        #expect(s.hasPrefix("{\"schema\":\"riposte/1\",\"id\":\"doc\",\"language\":\"en\",\"parties\":"))
        let obj = try JSONSerialization.jsonObject(with: Data(s.utf8)) as? [String: Any]
        for key in ["schema", "id", "language", "parties", "records", "diagnostics"] { #expect(obj?[key] != nil, "missing \(key)") }
    }

    /// Batch output is written straight into bytes (JSONWriter); it must be the serialisation of
    /// the JSON tree, byte for byte, compact and pretty, with escapes, meta values and null fields.
    @Test func directWriterMatchesTheTree() throws {
        let text = "Le ministre a démenti\u{00A0}: « Je n'ai jamais dit \"ça\" », a-t-il déclaré.\n\n"
            + "La société X a porté plainte contre Jean Dupont pour diffamation, selon son avocat.\tFin."
        let analysis = try pipeline.analyze(text: text, language: .fr)
        let meta: JSONValue = .object([("source", .string("a\"b\\c\u{01}")), ("n", .number("1.50")),
                                       ("list", .array([.null, .bool(true), .int(-12), .double(0.5), .object([])]))])
        let withMeta = DocumentAnalysis(id: "id \"x\"", text: analysis.text, parties: analysis.parties, records: analysis.records,
                                        diagnostics: [Diagnostic(code: "c", message: "line\nbreak")], meta: meta)
        #expect(!analysis.records.isEmpty)
        for doc in [analysis, withMeta] {
            for pretty in [false, true] {
                #expect(doc.jsonBytes(pretty: pretty) == doc.json().serializedBytes(pretty: pretty))
            }
        }
    }

    /// Integers are written digit pair by digit pair: every length, sign and bound as Swift prints it.
    @Test func integersAsSwiftPrintsThem() {
        var values = [0, 1, -1, 9, 10, 99, 100, 101, 999, 1000, -1000, 65_535, Int.max, Int.min, Int.max - 1, Int.min + 1]
        var p = 1
        for _ in 0 ..< 18 { p *= 10; values += [p - 1, p, p + 1, -p, -(p - 1)] }
        for v in values {
            #expect(JSONValue.int(v).serializedBytes(pretty: false) == Array(String(v).utf8), "\(v)")
        }
    }
}
