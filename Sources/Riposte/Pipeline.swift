// Riposte: the library facade. `Pipeline` runs every stage in order:
// ingest (decode) → normalise → segment → boilerplate → parties → records → links → JSON.
// One Pipeline per thread (ICU iterators are not thread-safe); LexiconStore is shared.
@_exported import RiposteText
@_exported import RiposteNormalize
@_exported import RiposteIngest
@_exported import RiposteLexicon
@_exported import RiposteSegment
@_exported import RiposteParties
@_exported import RiposteRecords
@_exported import RiposteOutput

/// Everything Riposte found in one document.
public struct DocumentAnalysis: Sendable {
    public let id: String
    public let text: SegmentedText
    public let parties: PartySet
    public let records: [Record]
    public let diagnostics: [Diagnostic]
    public let meta: JSONValue?

    public var language: Language { text.language }
    public func json() -> JSONValue {
        DocumentJSON(id: id, text: text, parties: parties, records: records, diagnostics: diagnostics, meta: meta).json()
    }
    /// `json().serializedBytes(pretty:)`, written without building the JSON tree.
    /// With `newline`, a line break follows.
    public func jsonBytes(pretty: Bool = false, newline: Bool = false) -> [UInt8] {
        DocumentJSON(id: id, text: text, parties: parties, records: records, diagnostics: diagnostics, meta: meta)
            .serializedBytes(pretty: pretty, newline: newline)
    }
}

public final class Pipeline {
    public let lexicons: LexiconStore
    private var segmenters: [Language: Segmenter] = [:]
    private var partyRecognizers: [Language: PartyRecognizer] = [:]
    private var extractors: [Language: RecordExtractor] = [:]
    private let detector: LanguageDetector
    private let boilerplate: [Language: BoilerplateMarker]

    public init(lexicons: LexiconStore? = nil) throws {
        let store = try lexicons ?? LexiconStore.shared()
        self.lexicons = store
        detector = LanguageDetector(lexicons: store)
        var b: [Language: BoilerplateMarker] = [:]
        for l in Language.allCases { b[l] = BoilerplateMarker(lexicon: store[l]) }
        boilerplate = b
    }

    public func segmenter(_ language: Language) throws -> Segmenter {
        if let s = segmenters[language] { return s }
        let s = try Segmenter(language: language, lexicons: lexicons)
        segmenters[language] = s
        return s
    }

    /// Analyses raw bytes (any supported encoding).
    public func analyze(bytes: [UInt8], id: String, language: Language? = nil, meta: JSONValue? = nil,
                        strictUTF8: Bool = false, maxBytes: Int = .max) throws -> DocumentAnalysis {
        let decoded = try TextDecoding.decode(bytes, strict: strictUTF8, maxBytes: maxBytes)
        return try analyze(utf8: decoded.utf8, id: id, language: language, meta: meta, diagnostics: decoded.diagnostics)
    }

    /// Analyses a Swift string.
    public func analyze(text: String, id: String = "doc", language: Language? = nil) throws -> DocumentAnalysis {
        let bytes = Array(text.utf8)
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x09 || $0 == 0x0D }) { throw IngestError.empty }
        return try analyze(utf8: bytes, id: id, language: language, meta: nil, diagnostics: [])
    }

    /// Analyses valid UTF-8.
    public func analyze(utf8: [UInt8], id: String, language: Language?, meta: JSONValue?, diagnostics: [Diagnostic]) throws -> DocumentAnalysis {
        var diagnostics = diagnostics
        let lang: Language
        if let language { lang = language } else {
            let (guess, confident) = detector.detect(utf8)
            lang = guess
            diagnostics.append(Diagnostic(code: "language_detected",
                                          message: "language not given; detected \(guess.rawValue)\(confident ? "" : " (low confidence)")"))
        }
        var text = try segmenter(lang).segment(utf8)
        let skipped = boilerplate[lang]!.mark(&text)
        if skipped > 0 {
            diagnostics.append(Diagnostic(code: "boilerplate_skipped", message: "\(skipped) sentence(s) of boilerplate (related-article lists, bylines) not analysed"))
        }
        let recognizer = try partyRecognizer(lang)
        let parties = recognizer.recognize(text)
        let extractor = try recordExtractor(lang)
        let (records, finalParties) = extractor.extract(text, parties: parties)
        return DocumentAnalysis(id: id, text: text, parties: finalParties, records: records, diagnostics: diagnostics, meta: meta)
    }

    private func partyRecognizer(_ l: Language) throws -> PartyRecognizer {
        if let r = partyRecognizers[l] { return r }
        let r = PartyRecognizer(language: l, lexicon: lexicons[l])
        partyRecognizers[l] = r
        return r
    }

    private func recordExtractor(_ l: Language) throws -> RecordExtractor {
        if let r = extractors[l] { return r }
        let r = RecordExtractor(language: l, lexicon: lexicons[l])
        extractors[l] = r
        return r
    }
}
