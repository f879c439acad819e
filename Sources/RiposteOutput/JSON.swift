// RiposteOutput: the `riposte/1` JSON contract (../shared/spec/OUTPUT.md, Schemas/riposte-1.schema.json).
// Requires: a document's segmented text, parties and records. Provides: `JSONValue` (ordered,
// deterministic, fast serialisation) and `DocumentJSON`, which turns normalised byte spans into
// code point offsets of the ORIGINAL text with the original characters as `text`.

import RiposteText

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
        let out = ByteBuffer(capacity: 1024)
        write(to: out, pretty: pretty, indent: 0)
        return out.array()
    }

    public subscript(key: String) -> JSONValue? {
        if case .object(let pairs) = self { return pairs.first(where: { $0.0 == key })?.1 }
        return nil
    }

    func write(to out: ByteBuffer, pretty: Bool, indent: Int) {
        switch self {
        case .null: out.put("null")
        case .bool(let b): out.put(b ? "true" : "false")
        case .int(let i): out.integer(i)
        case .double(let d): out.double(d)
        case .number(let literal): out.put(literal)
        case .string(let s): out.escape(s)
        case .array(let a):
            if a.isEmpty { out.put(0x5B); out.put(0x5D); return }
            out.put(0x5B)
            for (i, v) in a.enumerated() {
                if i > 0 { out.put(0x2C) }
                if pretty { out.newline(indent + 2) }
                v.write(to: out, pretty: pretty, indent: indent + 2)
            }
            if pretty { out.newline(indent) }
            out.put(0x5D)
        case .object(let pairs):
            if pairs.isEmpty { out.put(0x7B); out.put(0x7D); return }
            out.put(0x7B)
            for (i, (k, v)) in pairs.enumerated() {
                if i > 0 { out.put(0x2C) }
                if pretty { out.newline(indent + 2) }
                out.escape(k)
                out.put(0x3A)
                if pretty { out.put(0x20) }
                v.write(to: out, pretty: pretty, indent: indent + 2)
            }
            if pretty { out.newline(indent) }
            out.put(0x7D)
        }
    }
}

/// Writes JSON straight into a byte buffer, with exactly the bytes `JSONValue.serializedBytes`
/// gives for the same value (compact or pretty), without building the `JSONValue` tree first:
/// a document's output is written once, and building then freeing the tree cost more than
/// writing it. The buffer is raw memory grown by doubling: most writes are a few bytes, and an
/// Array append checks uniqueness and capacity each time.
public struct JSONWriter {
    /// Internal (not private) for `DocumentJSON`'s compact span objects, written piece by piece.
    let out: ByteBuffer
    /// The bytes written so far.
    public var bytes: [UInt8] { out.array() }
    public let pretty: Bool
    /// Nesting depth of the open containers (the top-level value is at depth 0).
    private var depth = 0
    /// Bit d set: the container open at depth d + 1 has an element already (needs a comma).
    private var filled: UInt64 = 0
    /// Containers nested deeper than this are written through `JSONValue` (meta values only).
    private static let maxDepth = 60

    public init(pretty: Bool = false, capacity: Int = 1024) {
        self.pretty = pretty
        out = ByteBuffer(capacity: capacity)
    }

    /// Before an element of the open container: the comma and, pretty, the line break and indent.
    @inline(__always) private mutating func element() {
        let bit: UInt64 = 1 << UInt64(depth - 1)
        if filled & bit != 0 { out.put(0x2C) } else { filled |= bit }
        if pretty { out.newline(depth * 2) }
    }

    private mutating func open(_ b: UInt8) {
        out.put(b)
        depth += 1
        precondition(depth <= JSONWriter.maxDepth, "JSONWriter: nesting too deep")
        filled &= ~(1 << UInt64(depth - 1))
    }

    private mutating func close(_ b: UInt8) {
        let bit: UInt64 = 1 << UInt64(depth - 1)
        depth -= 1
        if filled & bit != 0, pretty { out.newline(depth * 2) }
        out.put(b)
    }

    public mutating func beginObject() { open(0x7B) }
    public mutating func endObject() { close(0x7D) }
    public mutating func beginArray() { open(0x5B) }
    public mutating func endArray() { close(0x5D) }

    /// The key of the next member of the open object.
    public mutating func key(_ k: StaticString) {
        element()
        if k.hasPointerRepresentation {
            keyBytes(UnsafeBufferPointer(start: k.utf8Start, count: k.utf8CodeUnitCount))
        } else {
            k.withUTF8Buffer { keyBytes($0) }
        }
        if pretty { out.put(0x20) }
    }

    @inline(__always) private func keyBytes(_ buf: UnsafeBufferPointer<UInt8>) {
        // The keys of the contract need no escaping: copied at once.
        var plain = true
        for b in buf where b < 0x20 || b == 0x22 || b == 0x5C { plain = false; break }
        if plain {
            out.reserve(buf.count + 3)
            out.putUnchecked(0x22); out.putUnchecked(buf); out.putUnchecked(0x22); out.putUnchecked(0x3A)
        } else {
            out.escape(buf)
            out.put(0x3A)
        }
    }
    /// A key known only at run time (`key(_:)` takes the literal keys of the contract).
    public mutating func key(string k: String) {
        element()
        string(k)
        out.put(0x3A)
        if pretty { out.put(0x20) }
    }

    /// Starts the next element of the open array (call before writing a value into an array).
    public mutating func arrayElement() { element() }

    public mutating func string(_ s: String) { out.escape(s) }
    public mutating func string(_ s: StaticString) { s.withUTF8Buffer { out.escape($0) } }
    /// A string given as valid UTF-8 bytes.
    public mutating func string(utf8 s: UnsafeBufferPointer<UInt8>) { out.escape(s) }
    public mutating func int(_ i: Int) { out.integer(i) }
    public mutating func double(_ d: Double) { out.double(d) }
    public mutating func null() { out.put("null") }
    /// Any value, at the current position.
    public mutating func value(_ v: JSONValue) { v.write(to: out, pretty: pretty, indent: depth * 2) }

    /// Appends raw bytes (a line break after the document).
    public mutating func raw(_ b: UInt8) { out.put(b) }
}

/// Raw growable bytes that JSON is written into (`JSONWriter`, `JSONValue.serializedBytes`).
final class ByteBuffer {
    var base: UnsafeMutablePointer<UInt8>
    var count = 0
    private var capacity: Int

    init(capacity: Int) {
        self.capacity = Swift.max(64, capacity)
        base = .allocate(capacity: self.capacity)
    }
    deinit { base.deallocate() }

    @inline(__always) func reserve(_ n: Int) { if count + n > capacity { grow(count + n) } }
    private func grow(_ need: Int) {
        var c = capacity * 2
        while c < need { c *= 2 }
        let nb = UnsafeMutablePointer<UInt8>.allocate(capacity: c)
        nb.update(from: base, count: count)
        base.deallocate()
        base = nb
        capacity = c
    }
    @inline(__always) func putUnchecked(_ b: UInt8) { base[count] = b; count += 1 }
    @inline(__always) func putUnchecked(_ p: UnsafeBufferPointer<UInt8>) {
        if let a = p.baseAddress { (base + count).update(from: a, count: p.count); count += p.count }
    }
    @inline(__always) func put(_ b: UInt8) { reserve(1); putUnchecked(b) }
    @inline(__always) func put(_ p: UnsafeBufferPointer<UInt8>) { reserve(p.count); putUnchecked(p) }
    /// A literal's bytes, as they are (no escaping).
    @inline(__always) func put(literal s: StaticString) {
        put(UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount))
    }
    func array() -> [UInt8] { Array(UnsafeBufferPointer(start: base, count: count)) }
}

/// The JSON pieces, written once for both writers.
extension ByteBuffer {
    @inline(__always) func put(_ s: String) {
        var s = s
        s.withUTF8 { put($0) }
    }

    @inline(__always) func newline(_ indent: Int) {
        reserve(indent + 1)
        putUnchecked(0x0A)
        for _ in 0 ..< indent { putUnchecked(0x20) }
    }

    func integer(_ i: Int) {
        if i == Int.min { put(String(i)); return }
        var v = i
        reserve(20)
        if v < 0 { putUnchecked(0x2D); v = -v }
        // Digits counted by comparison (no division), then written from the back into the buffer's
        // free space two at a time (offsets and code points: four to a mention, every mention).
        var n = 1
        var p10 = 10
        while n < 19, v >= p10 { n += 1; p10 &*= 10 }
        let p = base + count
        let pairs = ByteBuffer.digitPairs.utf8Start
        var k = n
        while v >= 100 {
            let q = v / 100, r = (v - q * 100) * 2
            k -= 2; p[k] = pairs[r]; p[k + 1] = pairs[r + 1]
            v = q
        }
        if v >= 10 { p[k - 2] = pairs[v * 2]; p[k - 1] = pairs[v * 2 + 1] } else { p[k - 1] = UInt8(0x30 + v) }
        count += n
    }
    private static let digitPairs: StaticString =
        "00010203040506070809101112131415161718192021222324252627282930313233343536373839404142434445464748495051525354555657585960616263646566676869707172737475767778798081828384858687888990919293949596979899"

    func double(_ d: Double) {
        guard d.isFinite else { put("null"); return }
        // Three decimals are enough for confidences and rates; keeps output stable.
        let r = (d * 1000).rounded() / 1000
        // Int(r) traps beyond Int's range (a meta value such as 1e19 reached it): large values keep
        // Swift's shortest form, which is valid JSON ("1e+19").
        if r.isFinite && abs(r) < 1e15 {
            put(r == r.rounded() ? String(Int(r)) + ".0" : String(r))
        } else {
            put(String(d))
        }
    }

    func escape(_ s: String) {
        var s = s
        s.withUTF8 { escape($0) }
    }

    /// A JSON string of valid UTF-8 bytes: copied as they are, but for the characters JSON escapes.
    func escape(_ bytes: UnsafeBufferPointer<UInt8>) {
        put(0x22)
        let n = bytes.count
        guard let start = bytes.baseAddress else { put(0x22); return }
        let raw = UnsafeRawPointer(start)
        // Runs of bytes that need no escaping are found eight bytes at a time and copied at once.
        var runStart = 0
        var i = 0
        while true {
            while i + 8 <= n, !hasJSONSpecialByte(raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) { i += 8 }
            while i < n {
                let b = bytes[i]
                if b < 0x20 || b == 0x22 || b == 0x5C { break }
                i += 1
            }
            if i >= n { break }
            let b = bytes[i]
            if i > runStart { put(UnsafeBufferPointer(rebasing: bytes[runStart ..< i])) }
            reserve(6)
            putUnchecked(0x5C)
            switch b {
            case 0x22: putUnchecked(0x22)
            case 0x5C: putUnchecked(0x5C)
            case 0x0A: putUnchecked(0x6E)
            case 0x0D: putUnchecked(0x72)
            case 0x09: putUnchecked(0x74)
            default:
                let hex: StaticString = "0123456789abcdef"
                putUnchecked(0x75); putUnchecked(0x30); putUnchecked(0x30)
                putUnchecked(hex.utf8Start[Int(b >> 4)]); putUnchecked(hex.utf8Start[Int(b & 0xF)])
            }
            i += 1
            runStart = i
        }
        if n > runStart { put(UnsafeBufferPointer(rebasing: bytes[runStart ..< n])) }
        put(0x22)
    }
}
