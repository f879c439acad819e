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

    /// The error line of a document that could not be processed.
    public static func error(id: String?, code: String, message: String) -> JSONValue {
        .object([
            ("schema", .string(Schema.name)),
            ("id", id.map { .string($0) } ?? .null),
            ("error", .object([("code", .string(code)), ("message", .string(message))])),
        ])
    }
}
