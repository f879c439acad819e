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
        var out = ""
        out.reserveCapacity(256)
        write(to: &out, pretty: pretty, indent: 0)
        return out
    }

    public subscript(key: String) -> JSONValue? {
        if case .object(let pairs) = self { return pairs.first(where: { $0.0 == key })?.1 }
        return nil
    }

    private func write(to out: inout String, pretty: Bool, indent: Int) {
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let i): out += String(i)
        case .double(let d):
            if d.isFinite {
                // Three decimals are enough for confidences and rates; keeps output stable.
                let r = (d * 1000).rounded() / 1000
                // Int(r) traps beyond Int's range (a meta value such as 1e19 reached it): large values keep
                // Swift's shortest form, which is valid JSON ("1e+19").
                if r.isFinite && abs(r) < 1e15 { out += r == r.rounded() ? String(Int(r)) + ".0" : String(r) } else { out += String(d) }
            } else { out += "null" }
        case .number(let literal): out += literal
        case .string(let s): JSONValue.escape(s, into: &out)
        case .array(let a):
            if a.isEmpty { out += "[]"; return }
            out += "["
            for (i, v) in a.enumerated() {
                if i > 0 { out += "," }
                if pretty { out += "\n"; out += String(repeating: " ", count: indent + 2) }
                v.write(to: &out, pretty: pretty, indent: indent + 2)
            }
            if pretty { out += "\n"; out += String(repeating: " ", count: indent) }
            out += "]"
        case .object(let pairs):
            if pairs.isEmpty { out += "{}"; return }
            out += "{"
            for (i, (k, v)) in pairs.enumerated() {
                if i > 0 { out += "," }
                if pretty { out += "\n"; out += String(repeating: " ", count: indent + 2) }
                JSONValue.escape(k, into: &out)
                out += pretty ? ": " : ":"
                v.write(to: &out, pretty: pretty, indent: indent + 2)
            }
            if pretty { out += "\n"; out += String(repeating: " ", count: indent) }
            out += "}"
        }
    }

    static func escape(_ s: String, into out: inout String) {
        out += "\""
        var needs = false
        for b in s.utf8 where b < 0x20 || b == 0x22 || b == 0x5C { needs = true; break }
        if !needs {
            // Lone surrogates cannot occur in a Swift String, so the rest is valid JSON as is.
            out += s
        } else {
            for u in s.unicodeScalars {
                switch u {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                case "\n": out += "\\n"
                case "\r": out += "\\r"
                case "\t": out += "\\t"
                case _ where u.value < 0x20:
                    let hex = String(u.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                default: out.unicodeScalars.append(u)
                }
            }
        }
        out += "\""
    }
}
