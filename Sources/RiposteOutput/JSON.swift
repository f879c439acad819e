// RiposteOutput: the `riposte/1` JSON contract (../shared/spec/OUTPUT.md, Schemas/riposte-1.schema.json).
// Requires: a document's segmented text, parties and records. Provides: `JSONValue` (ordered,
// deterministic, fast serialisation) and `DocumentJSON`, which turns normalised byte spans into
// code point offsets of the ORIGINAL text with the original characters as `text`.

/// A JSON value whose objects keep their key order, so output is byte-for-byte deterministic.
public indirect enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    /// A number literal kept exactly as the input wrote it (meta values carried through); the
    /// caller guarantees it is valid JSON number syntax.
    case number(String)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    public static func == (a: JSONValue, b: JSONValue) -> Bool { a.serialized() == b.serialized() }
    public func hash(into h: inout Hasher) { h.combine(serialized()) }

    /// Compact (one line) or pretty (two-space indent) serialisation.
    public func serialized(pretty: Bool = false) -> String {
        String(decoding: serializedBytes(pretty: pretty), as: UTF8.self)
    }

    /// The serialisation as UTF-8 bytes (what batch output writes; no String round trip).
    public func serializedBytes(pretty: Bool = false) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(1024)
        write(to: &out, pretty: pretty, indent: 0)
        return out
    }

    public subscript(key: String) -> JSONValue? {
        if case .object(let pairs) = self { return pairs.first(where: { $0.0 == key })?.1 }
        return nil
    }

    private func write(to out: inout [UInt8], pretty: Bool, indent: Int) {
        switch self {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .int(let i): JSONValue.appendInteger(i, to: &out)
        case .double(let d):
            if d.isFinite {
                // Three decimals are enough for confidences and rates; keeps output stable.
                let r = (d * 1000).rounded() / 1000
                // Int(r) traps beyond Int's range (a meta value such as 1e19 reached it): large values keep
                // Swift's shortest form, which is valid JSON ("1e+19").
                if r.isFinite && abs(r) < 1e15 {
                    out.append(contentsOf: (r == r.rounded() ? String(Int(r)) + ".0" : String(r)).utf8)
                } else { out.append(contentsOf: String(d).utf8) }
            } else { out.append(contentsOf: "null".utf8) }
        case .number(let literal): out.append(contentsOf: literal.utf8)
        case .string(let s): JSONValue.escape(s, into: &out)
        case .array(let a):
            if a.isEmpty { out.append(0x5B); out.append(0x5D); return }
            out.append(0x5B)
            for (i, v) in a.enumerated() {
                if i > 0 { out.append(0x2C) }
                if pretty { JSONValue.newline(indent + 2, &out) }
                v.write(to: &out, pretty: pretty, indent: indent + 2)
            }
            if pretty { JSONValue.newline(indent, &out) }
            out.append(0x5D)
        case .object(let pairs):
            if pairs.isEmpty { out.append(0x7B); out.append(0x7D); return }
            out.append(0x7B)
            for (i, (k, v)) in pairs.enumerated() {
                if i > 0 { out.append(0x2C) }
                if pretty { JSONValue.newline(indent + 2, &out) }
                JSONValue.escape(k, into: &out)
                out.append(0x3A)
                if pretty { out.append(0x20) }
                v.write(to: &out, pretty: pretty, indent: indent + 2)
            }
            if pretty { JSONValue.newline(indent, &out) }
            out.append(0x7D)
        }
    }

    private static func newline(_ indent: Int, _ out: inout [UInt8]) {
        out.append(0x0A)
        for _ in 0 ..< indent { out.append(0x20) }
    }

    private static func appendInteger(_ i: Int, to out: inout [UInt8]) {
        if i == Int.min { out.append(contentsOf: String(i).utf8); return }
        var v = i
        if v < 0 { out.append(0x2D); v = -v }
        if v < 10 { out.append(UInt8(0x30 + v)); return }
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var n = 0
        withUnsafeMutableBytes(of: &digits) { buf in
            while v > 0 { buf[n] = UInt8(0x30 + v % 10); v /= 10; n += 1 }
            for k in stride(from: n - 1, through: 0, by: -1) { out.append(buf[k]) }
        }
    }

    static func escape(_ s: String, into out: inout [UInt8]) {
        out.append(0x22)
        var s = s
        s.withUTF8 { bytes in
            // Runs of bytes that need no escaping are copied at once.
            var runStart = 0
            for (i, b) in bytes.enumerated() where b < 0x20 || b == 0x22 || b == 0x5C {
                if i > runStart { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart ..< i])) }
                out.append(0x5C)
                switch b {
                case 0x22: out.append(0x22)
                case 0x5C: out.append(0x5C)
                case 0x0A: out.append(0x6E)
                case 0x0D: out.append(0x72)
                case 0x09: out.append(0x74)
                default:
                    let hex: [UInt8] = Array("0123456789abcdef".utf8)
                    out.append(contentsOf: [0x75, 0x30, 0x30, hex[Int(b >> 4)], hex[Int(b & 0xF)]])
                }
                runStart = i + 1
            }
            if bytes.count > runStart { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart ..< bytes.count])) }
        }
        out.append(0x22)
    }
}
