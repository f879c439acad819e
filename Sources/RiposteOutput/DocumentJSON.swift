import RiposteText
import RiposteSegment
import RiposteParties
import RiposteRecords

public enum Schema {
    public static let name = "riposte/1"
}

/// Builds the `riposte/1` object of one analysed document.
public struct DocumentJSON {
    public let id: String
    public let text: SegmentedText
    public let parties: PartySet
    public let records: [Record]
    public let diagnostics: [Diagnostic]
    public let meta: JSONValue?
    private let codePoints: CodePointIndex

    public init(id: String, text: SegmentedText, parties: PartySet, records: [Record], diagnostics: [Diagnostic], meta: JSONValue? = nil) {
        self.id = id; self.text = text; self.parties = parties; self.records = records
        self.diagnostics = diagnostics; self.meta = meta
        codePoints = CodePointIndex(utf8: text.original)
    }

    /// A span object of the original text: code point offsets, the original characters, byte offsets.
    public func span(_ normalized: ByteSpan) -> JSONValue {
        let o = text.originalSpan(normalized)
        return .object([
            ("start", .int(codePoints.codePoint(atByte: o.start))),
            ("end", .int(codePoints.codePoint(atByte: o.end))),
            ("text", .string(text.original.string(o))),
            ("byte_start", .int(o.start)),
            ("byte_end", .int(o.end)),
        ])
    }

    private func offsets(_ normalized: ByteSpan) -> JSONValue {
        let o = text.originalSpan(normalized)
        return .object([("start", .int(codePoints.codePoint(atByte: o.start))), ("end", .int(codePoints.codePoint(atByte: o.end)))])
    }

    public static func partyID(_ i: Int) -> String { "p\(i + 1)" }
    public static func recordID(_ i: Int) -> String { "r\(i + 1)" }

    public func json() -> JSONValue {
        let partiesJSON: [JSONValue] = parties.parties.enumerated().map { i, p in
            var pairs: [(String, JSONValue)] = [
                ("id", .string(Self.partyID(i))),
                ("name", .string(p.name)),
                ("kind", .string(p.kind.rawValue)),
                ("aliases", .array(p.aliases.map { .string($0) })),
            ]
            if let role = p.role { pairs.append(("role", .string(role))) }
            pairs.append(("mentions", .array(p.mentions.map { span($0.span) })))
            return .object(pairs)
        }
        let partyRef: (Int?) -> JSONValue = { i in
            guard let i else { return .null }
            return .string(Self.partyID(i))
        }
        let recordsJSON: [JSONValue] = records.enumerated().map { i, r in
            let sentenceSpan = r.sentence < text.sentences.count ? text.sentences[r.sentence].span : r.cue
            return .object([
                ("id", .string(Self.recordID(i))),
                ("type", .string(r.type.rawValue)),
                ("source", partyRef(r.source)),
                ("on_behalf_of", partyRef(r.onBehalfOf)),
                ("targets", .array(r.targets.map { .string(Self.partyID($0)) })),
                ("cue", span(r.cue)),
                ("content", r.content.map { span($0) } ?? .null),
                ("modality", .string(r.modality.rawValue)),
                ("responds_to", .array(r.respondsTo.map { .string(Self.recordID($0)) })),
                ("channel", r.channel.map { .string($0) } ?? .null),
                ("sentence", offsets(sentenceSpan)),
                ("confidence", .double(r.confidence)),
                ("evidence", .array(r.evidence.map { .string($0) })),
            ])
        }
        var pairs: [(String, JSONValue)] = [
            ("schema", .string(Schema.name)),
            ("id", .string(id)),
            ("language", .string(text.language.rawValue)),
            ("parties", .array(partiesJSON)),
            ("records", .array(recordsJSON)),
            ("diagnostics", .array(diagnostics.map { .object([("code", .string($0.code)), ("message", .string($0.message))]) })),
        ]
        if let meta { pairs.append(("meta", meta)) }
        return .object(pairs)
    }

    /// The bytes of `json().serializedBytes(pretty:)`, written directly (no `JSONValue` tree).
    /// With `newline`, a line break follows (a JSON Lines line, without copying the bytes again).
    public func serializedBytes(pretty: Bool = false, newline: Bool = false) -> [UInt8] {
        var w = JSONWriter(pretty: pretty, capacity: 4096)
        write(to: &w)
        if newline { w.raw(0x0A) }
        return w.bytes
    }

    /// Writes the document's object; the same bytes as `json()` serialised by the same writer.
    public func write(to w: inout JSONWriter) {
        w.beginObject()
        w.key("schema"); w.string(Schema.name)
        w.key("id"); w.string(id)
        w.key("language"); w.string(text.language.rawValue)
        w.key("parties")
        w.beginArray()
        // Fields read in place through the buffers (no copy of each Party or Record: retains).
        parties.parties.withUnsafeBufferPointer { ps in
            for i in ps.indices {
                w.arrayElement()
                if !w.pretty {
                    writeCompactParty(ps, i, &w)
                    continue
                }
                w.beginObject()
                w.key("id"); Self.writeID(0x70, i, &w)
                w.key("name"); w.string(ps[i].name)
                w.key("kind"); w.string(ps[i].kind.rawValue)
                w.key("aliases")
                w.beginArray()
                for a in ps[i].aliases { w.arrayElement(); w.string(a) }
                w.endArray()
                if let role = ps[i].role { w.key("role"); w.string(role) }
                w.key("mentions")
                w.beginArray()
                ps[i].mentions.withUnsafeBufferPointer { ms in
                    for m in ms.indices { w.arrayElement(); writeSpan(ms[m].span, &w) }
                }
                w.endArray()
                w.endObject()
            }
        }
        w.endArray()
        w.key("records")
        w.beginArray()
        records.withUnsafeBufferPointer { rs in
            for i in rs.indices {
                let sentenceSpan = rs[i].sentence < text.sentences.count ? text.sentences[rs[i].sentence].span : rs[i].cue
                w.arrayElement()
                if !w.pretty {
                    writeCompactRecord(rs, i, sentence: sentenceSpan, &w)
                    continue
                }
                w.beginObject()
                w.key("id"); Self.writeID(0x72, i, &w)
                w.key("type"); w.string(rs[i].type.rawValue)
                w.key("source"); if let s = rs[i].source { Self.writeID(0x70, s, &w) } else { w.null() }
                w.key("on_behalf_of"); if let s = rs[i].onBehalfOf { Self.writeID(0x70, s, &w) } else { w.null() }
                w.key("targets")
                w.beginArray()
                for t in rs[i].targets { w.arrayElement(); Self.writeID(0x70, t, &w) }
                w.endArray()
                w.key("cue"); writeSpan(rs[i].cue, &w)
                w.key("content"); if let c = rs[i].content { writeSpan(c, &w) } else { w.null() }
                w.key("modality"); w.string(rs[i].modality.rawValue)
                w.key("responds_to")
                w.beginArray()
                for t in rs[i].respondsTo { w.arrayElement(); Self.writeID(0x72, t, &w) }
                w.endArray()
                w.key("channel"); if let c = rs[i].channel { w.string(c) } else { w.null() }
                w.key("sentence")
                let o = text.originalSpan(sentenceSpan)
                w.beginObject()
                w.key("start"); w.int(codePoints.codePoint(atByte: o.start))
                w.key("end"); w.int(codePoints.codePoint(atByte: o.end))
                w.endObject()
                w.key("confidence"); w.double(rs[i].confidence)
                w.key("evidence")
                w.beginArray()
                for e in rs[i].evidence { w.arrayElement(); w.string(e) }
                w.endArray()
                w.endObject()
            }
        }
        w.endArray()
        w.key("diagnostics")
        w.beginArray()
        for d in diagnostics {
            w.arrayElement()
            w.beginObject()
            w.key("code"); w.string(d.code)
            w.key("message"); w.string(d.message)
            w.endObject()
        }
        w.endArray()
        if let meta { w.key("meta"); w.value(meta) }
        w.endObject()
    }

    /// A party object in compact form: the keys and separators written at once between the values,
    /// the same bytes as the member-by-member path of `write(to:)` (fields read in place).
    private func writeCompactParty(_ ps: UnsafeBufferPointer<Party>, _ i: Int, _ w: inout JSONWriter) {
        let out = w.out
        out.put(literal: "{\"id\":"); Self.writeID(0x70, i, &w)
        out.put(literal: ",\"name\":"); out.escape(ps[i].name)
        out.put(literal: ",\"kind\":"); out.escape(ps[i].kind.rawValue)
        out.put(literal: ",\"aliases\":[")
        for (k, a) in ps[i].aliases.enumerated() {
            if k > 0 { out.put(0x2C) }
            out.escape(a)
        }
        out.put(0x5D)
        if let role = ps[i].role { out.put(literal: ",\"role\":"); out.escape(role) }
        out.put(literal: ",\"mentions\":[")
        ps[i].mentions.withUnsafeBufferPointer { ms in
            for m in ms.indices {
                if m > 0 { out.put(0x2C) }
                writeSpan(ms[m].span, &w)
            }
        }
        out.put(literal: "]}")
    }

    /// A record object in compact form: the keys and separators written at once between the
    /// values, the same bytes as the member-by-member path of `write(to:)`.
    /// (Fields read in place through the buffer, as in `write(to:)`.)
    private func writeCompactRecord(_ rs: UnsafeBufferPointer<Record>, _ i: Int, sentence: ByteSpan, _ w: inout JSONWriter) {
        let out = w.out
        out.put(literal: "{\"id\":"); Self.writeID(0x72, i, &w)
        out.put(literal: ",\"type\":"); out.escape(rs[i].type.rawValue)
        out.put(literal: ",\"source\":")
        if let s = rs[i].source { Self.writeID(0x70, s, &w) } else { out.put(literal: "null") }
        out.put(literal: ",\"on_behalf_of\":")
        if let s = rs[i].onBehalfOf { Self.writeID(0x70, s, &w) } else { out.put(literal: "null") }
        out.put(literal: ",\"targets\":[")
        for (k, t) in rs[i].targets.enumerated() {
            if k > 0 { out.put(0x2C) }
            Self.writeID(0x70, t, &w)
        }
        out.put(literal: "],\"cue\":"); writeSpan(rs[i].cue, &w)
        out.put(literal: ",\"content\":")
        if let c = rs[i].content { writeSpan(c, &w) } else { out.put(literal: "null") }
        out.put(literal: ",\"modality\":"); out.escape(rs[i].modality.rawValue)
        out.put(literal: ",\"responds_to\":[")
        for (k, t) in rs[i].respondsTo.enumerated() {
            if k > 0 { out.put(0x2C) }
            Self.writeID(0x72, t, &w)
        }
        out.put(literal: "],\"channel\":")
        if let c = rs[i].channel { out.escape(c) } else { out.put(literal: "null") }
        let o = text.originalSpan(sentence)
        out.put(literal: ",\"sentence\":{\"start\":"); out.integer(codePoints.codePoint(atByte: o.start))
        out.put(literal: ",\"end\":"); out.integer(codePoints.codePoint(atByte: o.end))
        out.put(literal: "},\"confidence\":"); out.double(rs[i].confidence)
        out.put(literal: ",\"evidence\":[")
        for (k, e) in rs[i].evidence.enumerated() {
            if k > 0 { out.put(0x2C) }
            out.escape(e)
        }
        out.put(literal: "]}")
    }

    /// `partyID` / `recordID` as a JSON string: the prefix letter, then i + 1.
    private static func writeID(_ prefix: UInt8, _ i: Int, _ w: inout JSONWriter) {
        let n = i + 1
        w.raw(0x22); w.raw(prefix); w.int(n); w.raw(0x22)
    }

    /// `span(_:)` written directly: the original characters are copied from the original bytes
    /// when they are valid UTF-8 (always, for text the pipeline decoded), else repaired as
    /// `String(decoding:)` repairs them.
    private func writeSpan(_ normalized: ByteSpan, _ w: inout JSONWriter) {
        let o = text.originalSpan(normalized)
        if !w.pretty {
            // Compact (every mention of every party goes through here): the keys and separators
            // between the values written at once, the same bytes as the member-by-member path below.
            let out = w.out
            out.put(literal: "{\"start\":"); out.integer(codePoints.codePoint(atByte: o.start))
            out.put(literal: ",\"end\":"); out.integer(codePoints.codePoint(atByte: o.end))
            out.put(literal: ",\"text\":")
            let bytes = text.original
            let lo = Swift.max(0, Swift.min(o.start, bytes.count)), hi = Swift.max(lo, Swift.min(o.end, bytes.count))
            bytes.withUnsafeBufferPointer { all in
                let slice = UnsafeBufferPointer(rebasing: all[lo ..< hi])
                if isValidUTF8(slice) { out.escape(slice) } else { out.escape(String(decoding: slice, as: UTF8.self)) }
            }
            out.put(literal: ",\"byte_start\":"); out.integer(o.start)
            out.put(literal: ",\"byte_end\":"); out.integer(o.end)
            out.put(0x7D)
            return
        }
        w.beginObject()
        w.key("start"); w.int(codePoints.codePoint(atByte: o.start))
        w.key("end"); w.int(codePoints.codePoint(atByte: o.end))
        w.key("text")
        let bytes = text.original
        let lo = Swift.max(0, Swift.min(o.start, bytes.count)), hi = Swift.max(lo, Swift.min(o.end, bytes.count))
        bytes.withUnsafeBufferPointer { all in
            let slice = UnsafeBufferPointer(rebasing: all[lo ..< hi])
            if isValidUTF8(slice) { w.string(utf8: slice) } else { w.string(String(decoding: slice, as: UTF8.self)) }
        }
        w.key("byte_start"); w.int(o.start)
        w.key("byte_end"); w.int(o.end)
        w.endObject()
    }

    /// The error line of a document that could not be processed.
    public static func error(id: String?, code: String, message: String) -> JSONValue {
        .object([
            ("schema", .string(Schema.name)),
            ("id", id.map { .string($0) } ?? .null),
            ("error", .object([("code", .string(code)), ("message", .string(message))])),
        ])
    }
}

/// Whether `b` is well-formed UTF-8 (what `String(decoding:as:)` keeps unchanged).
@inline(__always) func isValidUTF8(_ b: UnsafeBufferPointer<UInt8>) -> Bool { firstInvalidUTF8(b) == nil }
