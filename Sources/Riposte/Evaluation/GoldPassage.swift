// Evaluation: gold passages with claim/response records (../shared/data/README.md, RECORDS.md).
// Requires: a gold JSON Lines file (inline `text`, or a `ref` to a text file). Provides:
// `GoldPassage` (text, parties, records with code point spans) and `GoldCorpus.load`.
import Foundation

/// A half-open range of Unicode code point offsets, the unit every gold file and the
/// `riposte/1` JSON use (so that Python's `text[start:end]` gives the span).
public struct CodePointSpan: Hashable, Sendable, Comparable {
    public var start: Int
    public var end: Int
    public init(_ start: Int, _ end: Int) { self.start = start; self.end = end }
    public var length: Int { Swift.max(0, end - start) }
    /// Number of code points both spans cover (0 when they only touch).
    public func overlap(_ o: CodePointSpan) -> Int { Swift.max(0, Swift.min(end, o.end) - Swift.max(start, o.start)) }
    public func union(_ o: CodePointSpan) -> CodePointSpan { CodePointSpan(Swift.min(start, o.start), Swift.max(end, o.end)) }
    public static func < (a: CodePointSpan, b: CodePointSpan) -> Bool { a.start != b.start ? a.start < b.start : a.end < b.end }
}

/// A party as gold files name it: canonical name and aliases.
public struct GoldParty: Hashable, Sendable {
    public var name: String
    public var aliases: [String]
    public init(name: String, aliases: [String] = []) { self.name = name; self.aliases = aliases }
}

/// One gold record. Parties are referred to by canonical name, links by index into the
/// passage's records.
public struct GoldRecord: Hashable, Sendable {
    public var type: RecordType
    public var source: String?
    public var onBehalfOf: String?
    public var targets: [String]
    public var modality: Modality?
    public var respondsTo: [Int]
    public var channel: String?
    public var cue: CodePointSpan?
    public var content: CodePointSpan?
    /// The whole act (cue and content); what a prediction must overlap.
    public var span: CodePointSpan
    public init(type: RecordType, source: String? = nil, onBehalfOf: String? = nil, targets: [String] = [],
                modality: Modality? = nil, respondsTo: [Int] = [], channel: String? = nil,
                cue: CodePointSpan? = nil, content: CodePointSpan? = nil, span: CodePointSpan) {
        self.type = type; self.source = source; self.onBehalfOf = onBehalfOf; self.targets = targets
        self.modality = modality; self.respondsTo = respondsTo; self.channel = channel
        self.cue = cue; self.content = content; self.span = span
    }
}

/// One annotated passage.
public struct GoldPassage: Sendable {
    public var id: String
    public var language: Language
    public var text: String
    public var parties: [GoldParty]
    public var records: [GoldRecord]
    public var provenance: String?
    private let scalars: [Unicode.Scalar]

    public init(id: String, language: Language, text: String, parties: [GoldParty], records: [GoldRecord], provenance: String? = nil) {
        self.id = id; self.language = language; self.text = text; self.parties = parties
        self.records = records; self.provenance = provenance
        scalars = Array(text.unicodeScalars)
    }

    /// Length of the text in code points.
    public var codePointCount: Int { scalars.count }

    /// The characters of a code point span (clamped to the text).
    public func string(_ s: CodePointSpan) -> String {
        let lo = Swift.max(0, Swift.min(s.start, scalars.count)), hi = Swift.max(lo, Swift.min(s.end, scalars.count))
        var out = String.UnicodeScalarView()
        out.append(contentsOf: scalars[lo ..< hi])
        return String(out)
    }
}

public struct GoldError: Error, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

public enum GoldCorpus {
    /// Reads a gold JSON Lines file. A passage without inline `text` takes it from `ref.file`
    /// (slice `ref.start..<ref.end` in code points when given), looked up, in order: under
    /// `textRoot`; under the parent of the gold file's folder (the layout of ../shared, where
    /// `ref.file` is "mission/…" or "derived/…"); then by file name beside the gold file and in its
    /// parent folder (the layout of Corpora/, where the text sits one level above Corpora/gold/).
    /// When `ref.sha256` is given the file must have that digest.
    public static func load(path: String, textRoot: String? = nil) throws -> [GoldPassage] {
        guard let data = FileManager.default.contents(atPath: path) else { throw GoldError("cannot read \(path)") }
        let goldURL = URL(fileURLWithPath: path).standardizedFileURL
        var out: [GoldPassage] = []
        var lineNo = 0
        for line in data.split(separator: 0x0A, omittingEmptySubsequences: false) {
            lineNo += 1
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
            let where_ = "\(path):\(lineNo)"
            guard let obj = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any] else {
                throw GoldError("\(where_): not a JSON object")
            }
            out.append(try passage(obj, at: where_, goldURL: goldURL, textRoot: textRoot))
        }
        return out
    }

    static func passage(_ obj: [String: Any], at where_: String, goldURL: URL, textRoot: String?) throws -> GoldPassage {
        guard let id = obj["id"] as? String else { throw GoldError("\(where_): no \"id\"") }
        guard let l = obj["language"] as? String, let language = Language(rawValue: l) else {
            throw GoldError("\(where_): \"language\" must be fr or en")
        }
        let text: String
        if let t = obj["text"] as? String {
            text = t
        } else if let ref = obj["ref"] as? [String: Any] {
            text = try resolve(ref: ref, at: where_, goldURL: goldURL, textRoot: textRoot)
        } else {
            throw GoldError("\(where_): neither \"text\" nor \"ref\"")
        }
        let parties: [GoldParty] = (obj["parties"] as? [[String: Any]] ?? []).map {
            GoldParty(name: $0["name"] as? String ?? "", aliases: $0["aliases"] as? [String] ?? [])
        }
        var records: [GoldRecord] = []
        for (i, r) in (obj["records"] as? [[String: Any]] ?? []).enumerated() {
            let at = "\(where_): record \(i)"
            guard let ts = r["type"] as? String, let type = RecordType(rawValue: ts) else { throw GoldError("\(at): unknown type") }
            let cue = span(r, "cue"), content = span(r, "content")
            guard let whole = span(r, "span") ?? [cue, content].compactMap({ $0 }).reduce(nil, { $0?.union($1) ?? $1 }) else {
                throw GoldError("\(at): no span")
            }
            let links = (r["responds_to"] as? [Any] ?? []).compactMap { ($0 as? NSNumber)?.intValue }
            records.append(GoldRecord(
                type: type, source: r["source"] as? String, onBehalfOf: r["on_behalf_of"] as? String,
                targets: r["targets"] as? [String] ?? [], modality: (r["modality"] as? String).flatMap(Modality.init(rawValue:)),
                respondsTo: links, channel: r["channel"] as? String, cue: cue, content: content, span: whole))
        }
        for (i, r) in records.enumerated() {
            for j in r.respondsTo where j < 0 || j >= records.count { throw GoldError("\(where_): record \(i) responds to missing record \(j)") }
        }
        return GoldPassage(id: id, language: language, text: text, parties: parties, records: records, provenance: obj["provenance"] as? String)
    }

    private static func span(_ r: [String: Any], _ name: String) -> CodePointSpan? {
        guard let s = (r["\(name)_start"] as? NSNumber)?.intValue, let e = (r["\(name)_end"] as? NSNumber)?.intValue else { return nil }
        return CodePointSpan(s, e)
    }

    static func resolve(ref: [String: Any], at where_: String, goldURL: URL, textRoot: String?) throws -> String {
        guard let file = ref["file"] as? String else { throw GoldError("\(where_): \"ref\" has no \"file\"") }
        let folder = goldURL.deletingLastPathComponent()
        let name = URL(fileURLWithPath: file).lastPathComponent
        var candidates: [URL] = []
        if let textRoot { candidates.append(URL(fileURLWithPath: textRoot).appendingPathComponent(file)) }
        candidates.append(folder.deletingLastPathComponent().appendingPathComponent(file))
        if let textRoot { candidates.append(URL(fileURLWithPath: textRoot).appendingPathComponent(name)) }
        candidates.append(folder.appendingPathComponent(name))
        candidates.append(folder.deletingLastPathComponent().appendingPathComponent(name))
        guard let url = candidates.first(where: { FileManager.default.fileExists(atPath: $0.path) }),
              let data = FileManager.default.contents(atPath: url.path) else {
            throw GoldError("\(where_): text file \(file) not found (tried \(candidates.map(\.path).joined(separator: ", ")); use --text-root)")
        }
        let bytes = [UInt8](data)
        if let expected = ref["sha256"] as? String {
            let actual = SHA256.hex(bytes)
            if actual.lowercased() != expected.lowercased() {
                throw GoldError("\(where_): \(url.path) has sha256 \(actual), the gold file expects \(expected)")
            }
        }
        let whole = String(decoding: bytes, as: UTF8.self)
        guard let s = (ref["start"] as? NSNumber)?.intValue, let e = (ref["end"] as? NSNumber)?.intValue else { return whole }
        let scalars = Array(whole.unicodeScalars)
        guard 0 <= s, s <= e, e <= scalars.count else { throw GoldError("\(where_): ref \(s)..<\(e) outside \(url.path) (\(scalars.count) code points)") }
        var v = String.UnicodeScalarView()
        v.append(contentsOf: scalars[s ..< e])
        return String(v)
    }
}
