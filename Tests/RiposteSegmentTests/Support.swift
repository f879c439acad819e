import Foundation
import Riposte

/// Segments short texts with the checked-in lexicons and returns original characters.
enum Seg {
    static let store: LexiconStore = try! LexiconStore.shared()

    static func run(_ text: String, _ language: Language) -> SegmentedText {
        try! Segmenter(language: language, lexicons: store).segment(Array(text.utf8))
    }
    /// The surface tokens, as original characters.
    static func tokens(_ text: String, _ language: Language) -> [String] {
        let s = run(text, language)
        return s.tokens.map { s.originalString($0.span) }
    }
    /// The sentences, as original characters.
    static func sentences(_ text: String, _ language: Language) -> [String] {
        let s = run(text, language)
        return s.sentences.map { s.originalString($0.span) }
    }

    /// The package root (Tests/RiposteSegmentTests/ → ../..).
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static func corpus(_ path: String) -> String? {
        guard let d = FileManager.default.contents(atPath: packageRoot.appendingPathComponent("Corpora/" + path).path) else { return nil }
        return String(decoding: d, as: UTF8.self)
    }
}
