// JSON Lines input: one raw line of bytes → one input document, or a stable IngestError.
// Requires: the raw bytes of one line (newline removed). Provides: `InputDocument` (id, UTF-8 text,
// language, the other keys in input order as `meta`). The parser works on raw bytes rather than
// through a String or JSONSerialization because both repair invalid UTF-8 silently and the latter
// loses key order (meta must come out byte-identical from run to run).
import RiposteText

/// A parsed JSON value of an input line. Numbers keep their source text so nothing is rounded.
public indirect enum JSONInput: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(String)
    case string(String)
    case array([JSONInput])
    case object([(String, JSONInput)])

    public static func == (a: JSONInput, b: JSONInput) -> Bool {
        switch (a, b) {
        case (.null, .null): return true
        case let (.bool(x), .bool(y)): return x == y
        case let (.number(x), .number(y)): return x == y
        case let (.string(x), .string(y)): return x == y
        case let (.array(x), .array(y)): return x == y
        case let (.object(x), .object(y)): return x.count == y.count && zip(x, y).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: return false
        }
    }
}

/// One document of a JSON Lines input.
public struct InputDocument: Sendable {
    public var id: String?
    /// The `text` value as UTF-8 (always valid: lone surrogate escapes become U+FFFD).
    public var text: [UInt8]
    /// The `language` value, lower-cased, primary subtag only ("fr-FR" → "fr"); nil when absent or null.
    public var language: String?
    /// Every other key, in input order.
    public var meta: [(String, JSONInput)]
    /// Lone UTF-16 surrogate escapes ("\ud800") replaced by U+FFFD in `text`; one code point each,
    /// so code point offsets still match what a JSON reader sees.
    public var replacedSurrogates: Int
}

public enum JSONLine {
    /// Deepest nesting accepted: hostile lines like "[[[[…" must not exhaust the thread's stack.
    public static let maxDepth = 256

    public static func parse(_ line: [UInt8]) throws -> InputDocument {
        var id: String? = nil
        return try parse(line, id: &id)
    }

    /// Parses one line. Checks, in order: empty, binary, invalid UTF-8, JSON syntax, object, `text`.
    /// `id` is set as soon as it is known, so that error lines can name the document.
    public static func parse(_ line: [UInt8], id: inout String?) throws -> InputDocument {
        var onlySpace = true
        for b in line where !(b == 0x20 || b == 0x09 || b == 0x0D) { onlySpace = false; break }
        if onlySpace { throw IngestError("empty", "the line is empty") }
        // Raw control bytes cannot appear in valid JSON; NUL means binary data was fed in.
        // Invalid UTF-8 is an error, but the line is still parsed (bytes as they are) to find its id.
        // (Both found in one pass over the line.)
        let (nul, badByte) = TextDecoding.nulAndFirstInvalidUTF8(line)
        if nul { throw IngestError.binary("NUL byte in the line") }
        var p = Parser(bytes: line)
        var textBytes: [UInt8]? = nil
        var textIsWrongType: String? = nil
        p.skipSpace()
        guard p.peek == UInt8(ascii: "{") else {
            if let bad = badByte { throw IngestError.invalidUTF8(bad) }
            // Say what the line is when it is valid JSON but not an object.
            if let v = try? p.value(depth: 0), ({ p.skipSpace(); return p.pos == line.count })() {
                throw IngestError("invalid_json", "the line is a JSON \(typeName(v)), not an object")
            }
            throw IngestError("invalid_json", "the line is not JSON (it does not start with '{')")
        }
        let root: JSONInput
        do {
            root = try p.object(depth: 0, textKey: &textBytes)
            p.skipSpace()
            if p.pos != line.count { throw p.syntax("unexpected data after the object") }
        } catch {
            id = p.topLevelID
            if let bad = badByte { throw IngestError.invalidUTF8(bad) }
            throw error
        }
        guard case .object(let pairs) = root else { throw IngestError("invalid_json", "the line is not a JSON object") }
        id = p.topLevelID
        if let bad = badByte { throw IngestError.invalidUTF8(bad) }
        var doc = InputDocument(id: id, text: [], language: nil, meta: [], replacedSurrogates: p.replacedSurrogates)
        for (k, v) in pairs {
            switch k {
            case "id": break
            case "text":
                if case .string = v { textIsWrongType = nil } else { textIsWrongType = typeName(v) }
            case "language":
                switch v {
                case .string(let s):
                    let primary = s.split(whereSeparator: { $0 == "-" || $0 == "_" }).first.map(String.init) ?? s
                    doc.language = primary.lowercased()
                case .null: doc.language = nil
                default: throw IngestError("unsupported_language", "\"language\" must be a string such as \"fr\" or \"en\", not a \(typeName(v))")
                }
            default: doc.meta.append((k, v))
            }
        }
        if let t = textIsWrongType { throw IngestError("missing_text", "\"text\" is a \(t), not a string") }
        guard let text = textBytes else { throw IngestError("missing_text", "the object has no \"text\" key") }
        doc.text = text
        return doc
    }

    /// The id of a line known only by its beginning (a line over the size limit), if it comes
    /// before the cut.
    public static func peekID(_ head: [UInt8]) -> String? {
        var p = Parser(bytes: head)
        p.skipSpace()
        guard p.peek == UInt8(ascii: "{") else { return nil }
        var ignored: [UInt8]? = nil
        _ = try? p.object(depth: 0, textKey: &ignored)
        return p.topLevelID
    }

    static func typeName(_ v: JSONInput) -> String {
        switch v {
        case .null: return "null"
        case .bool: return "boolean"
        case .number: return "number"
        case .string: return "string"
        case .array: return "array"
        case .object: return "object"
        }
    }

    /// A recursive-descent parser over bytes already known to be valid UTF-8.
    struct Parser {
        let bytes: [UInt8]
        var pos = 0
        var replacedSurrogates = 0
        var topLevelID: String? = nil
        init(bytes: [UInt8]) { self.bytes = bytes }

        var peek: UInt8? { pos < bytes.count ? bytes[pos] : nil }

        func syntax(_ why: String) -> IngestError {
            IngestError("invalid_json", "the line is not valid JSON: \(why) at byte \(pos)")
        }

        mutating func skipSpace() {
            while pos < bytes.count, bytes[pos] == 0x20 || bytes[pos] == 0x09 || bytes[pos] == 0x0A || bytes[pos] == 0x0D { pos += 1 }
        }

        mutating func expect(_ c: UInt8, _ what: String) throws {
            skipSpace()
            guard pos < bytes.count, bytes[pos] == c else { throw syntax("expected \(what)") }
            pos += 1
        }

        mutating func value(depth: Int) throws -> JSONInput {
            skipSpace()
            guard let c = peek else { throw syntax("unexpected end of line") }
            switch c {
            case UInt8(ascii: "{"):
                var ignored: [UInt8]? = nil
                return try object(depth: depth, textKey: &ignored)
            case UInt8(ascii: "["): return try array(depth: depth)
            case UInt8(ascii: "\""): return .string(String(decoding: try string(), as: UTF8.self))
            case UInt8(ascii: "t"): try literal("true"); return .bool(true)
            case UInt8(ascii: "f"): try literal("false"); return .bool(false)
            case UInt8(ascii: "n"): try literal("null"); return .null
            case UInt8(ascii: "-"), UInt8(ascii: "0") ... UInt8(ascii: "9"): return .number(try number())
            default: throw syntax("unexpected character")
            }
        }

        mutating func literal(_ word: StaticString) throws {
            let n = word.utf8CodeUnitCount
            guard pos + n <= bytes.count else { throw syntax("unexpected end of line") }
            for i in 0 ..< n where bytes[pos + i] != word.utf8Start[i] { throw syntax("unexpected character") }
            pos += n
        }

        /// The object at `pos`. At depth 0 the `text` string is kept as bytes (no String round trip).
        mutating func object(depth: Int, textKey: inout [UInt8]?) throws -> JSONInput {
            if depth >= JSONLine.maxDepth { throw syntax("nesting deeper than \(JSONLine.maxDepth) levels") }
            pos += 1  // {
            var pairs: [(String, JSONInput)] = []
            skipSpace()
            if peek == UInt8(ascii: "}") { pos += 1; return .object(pairs) }
            while true {
                skipSpace()
                guard peek == UInt8(ascii: "\"") else { throw syntax("expected a key string") }
                let key = String(decoding: try string(), as: UTF8.self)
                try expect(UInt8(ascii: ":"), "':'")
                skipSpace()
                if depth == 0 && key == "text" && peek == UInt8(ascii: "\"") {
                    let t = try string()
                    textKey = t
                    pairs.append((key, .string("")))  // placeholder: the bytes are in textKey
                } else {
                    if depth == 0 && key == "text" { textKey = nil }
                    let v = try value(depth: depth + 1)
                    if depth == 0 && key == "id" {
                        // Known as soon as it is read, so that a line broken further on still names its document.
                        switch v {
                        case .string(let s): topLevelID = s
                        case .number(let n): topLevelID = n
                        default: topLevelID = nil
                        }
                    }
                    pairs.append((key, v))
                }
                skipSpace()
                guard let c = peek else { throw syntax("unexpected end of line in an object") }
                pos += 1
                if c == UInt8(ascii: ",") { continue }
                if c == UInt8(ascii: "}") { return .object(pairs) }
                pos -= 1
                throw syntax("expected ',' or '}'")
            }
        }

        mutating func array(depth: Int) throws -> JSONInput {
            if depth >= JSONLine.maxDepth { throw syntax("nesting deeper than \(JSONLine.maxDepth) levels") }
            pos += 1  // [
            var items: [JSONInput] = []
            skipSpace()
            if peek == UInt8(ascii: "]") { pos += 1; return .array(items) }
            while true {
                items.append(try value(depth: depth + 1))
                skipSpace()
                guard let c = peek else { throw syntax("unexpected end of line in an array") }
                pos += 1
                if c == UInt8(ascii: ",") { continue }
                if c == UInt8(ascii: "]") { return .array(items) }
                pos -= 1
                throw syntax("expected ',' or ']'")
            }
        }

        mutating func number() throws -> String {
            let start = pos
            func digits() -> Int {
                let s = pos
                while pos < bytes.count, bytes[pos] >= 0x30, bytes[pos] <= 0x39 { pos += 1 }
                return pos - s
            }
            if peek == UInt8(ascii: "-") { pos += 1 }
            if peek == UInt8(ascii: "0") { pos += 1 } else if digits() == 0 { throw syntax("bad number") }
            if peek == UInt8(ascii: ".") { pos += 1; if digits() == 0 { throw syntax("bad number") } }
            if peek == UInt8(ascii: "e") || peek == UInt8(ascii: "E") {
                pos += 1
                if peek == UInt8(ascii: "+") || peek == UInt8(ascii: "-") { pos += 1 }
                if digits() == 0 { throw syntax("bad number") }
            }
            return String(decoding: bytes[start ..< pos], as: UTF8.self)
        }

        /// The string at `pos` (opening quote), unescaped to UTF-8.
        mutating func string() throws -> [UInt8] {
            pos += 1
            let start = pos
            var out: [UInt8] = []
            var escaped = false
            var runStart = pos
            while true {
                // Runs without a quote, a backslash or a control character are found eight bytes
                // at a time and copied at once (a document's text is one long string).
                pos = nextSpecial(from: pos)
                guard pos < bytes.count else { throw syntax("unterminated string") }
                let b = bytes[pos]
                if b == UInt8(ascii: "\"") {
                    pos += 1
                    if !escaped { return Array(bytes[start ..< pos - 1]) }
                    out.append(contentsOf: bytes[runStart ..< pos - 1])
                    return out
                }
                if b < 0x20 { throw syntax("raw control character in a string") }
                // A backslash.
                if !escaped { escaped = true; out.reserveCapacity(bytes.count - start) }
                out.append(contentsOf: bytes[runStart ..< pos])
                pos += 1
                guard let e = peek else { throw syntax("unterminated string") }
                pos += 1
                switch e {
                case UInt8(ascii: "\""): out.append(0x22)
                case UInt8(ascii: "\\"): out.append(0x5C)
                case UInt8(ascii: "/"): out.append(0x2F)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"):
                    var cp = try hex4()
                    if cp >= 0xD800 && cp <= 0xDBFF {
                        // A high surrogate must be followed by an escaped low one.
                        if pos + 6 <= bytes.count, bytes[pos] == UInt8(ascii: "\\"), bytes[pos + 1] == UInt8(ascii: "u") {
                            let save = pos
                            pos += 2
                            let lo = try hex4()
                            if lo >= 0xDC00 && lo <= 0xDFFF {
                                cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00)
                            } else { pos = save; cp = 0xFFFD; replacedSurrogates += 1 }
                        } else { cp = 0xFFFD; replacedSurrogates += 1 }
                    } else if cp >= 0xDC00 && cp <= 0xDFFF {
                        cp = 0xFFFD; replacedSurrogates += 1
                    }
                    appendUTF8(cp, to: &out)
                default: throw syntax("bad escape")
                }
                runStart = pos
            }
        }

        /// The offset of the first quote, backslash or control character at or after `from`
        /// (`bytes.count` when there is none).
        func nextSpecial(from: Int) -> Int {
            bytes.withUnsafeBufferPointer { buf -> Int in
                let n = buf.count
                var k = from
                guard let base = buf.baseAddress else { return n }
                let raw = UnsafeRawPointer(base)
                while k + 8 <= n, !hasJSONSpecialByte(raw.loadUnaligned(fromByteOffset: k, as: UInt64.self)) { k += 8 }
                while k < n {
                    let b = buf[k]
                    if b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") || b < 0x20 { break }
                    k += 1
                }
                return k
            }
        }

        mutating func hex4() throws -> UInt32 {
            guard pos + 4 <= bytes.count else { throw syntax("bad \\u escape") }
            var v: UInt32 = 0
            for _ in 0 ..< 4 {
                let c = bytes[pos]
                let d: UInt32
                switch c {
                case 0x30 ... 0x39: d = UInt32(c - 0x30)
                case 0x41 ... 0x46: d = UInt32(c - 0x41 + 10)
                case 0x61 ... 0x66: d = UInt32(c - 0x61 + 10)
                default: throw syntax("bad \\u escape")
                }
                v = v << 4 | d
                pos += 1
            }
            return v
        }
    }

    static func appendUTF8(_ cp: UInt32, to out: inout [UInt8]) {
        switch cp {
        case 0 ..< 0x80: out.append(UInt8(cp))
        case 0x80 ..< 0x800:
            out.append(UInt8(0xC0 | (cp >> 6))); out.append(UInt8(0x80 | (cp & 0x3F)))
        case 0x800 ..< 0x10000:
            out.append(UInt8(0xE0 | (cp >> 12))); out.append(UInt8(0x80 | ((cp >> 6) & 0x3F))); out.append(UInt8(0x80 | (cp & 0x3F)))
        default:
            out.append(UInt8(0xF0 | (cp >> 18))); out.append(UInt8(0x80 | ((cp >> 12) & 0x3F)))
            out.append(UInt8(0x80 | ((cp >> 6) & 0x3F))); out.append(UInt8(0x80 | (cp & 0x3F)))
        }
    }
}
