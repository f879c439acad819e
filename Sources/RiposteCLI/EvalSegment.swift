import ArgumentParser
import Foundation
import Riposte

struct EvalSegment: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "segment",
        abstract: "Score the segmenter against CoNLL-U treebanks (tokens F1 and sentences F1, CoNLL 2018 style).",
        discussion: """
        The raw text is rebuilt from the `# text =` lines (joined by a space, a blank line at each \
        `# newpar`/`# newdoc`), segmented, and aligned with the gold tokens on non-whitespace characters. \
        A multiword token (`1-2 don't`) counts as one surface token.
        """
    )

    @Option(name: .long, help: "A CoNLL-U file (repeat for several).")
    var gold: [String]
    @Option(name: .long, help: "Language of the treebanks: fr or en (default: from the file name, fr_… / en_…).")
    var language: Language?
    @Option(name: .long, help: "Print up to N disagreements per treebank (gold-only and system-only units).")
    var errors = 0

    func validate() throws {
        if gold.isEmpty { throw ValidationError("give at least one --gold FILE.conllu") }
        for g in gold where language == nil && languageOf(g) == nil {
            throw ValidationError("cannot tell the language of \(g) from its name; pass --language")
        }
    }

    private func languageOf(_ path: String) -> Language? {
        let name = (path as NSString).lastPathComponent.lowercased()
        for l in Language.allCases where name.hasPrefix(l.rawValue + "_") || name.hasPrefix(l.rawValue + "-") { return l }
        return nil
    }

    func run() throws {
        let pipeline = try Pipeline()
        let out = ByteOutput()
        var rows: [(String, SegmentationScore)] = []
        for path in gold {
            guard let data = FileManager.default.contents(atPath: path) else { throw ValidationError("cannot read \(path)") }
            let lang = language ?? languageOf(path)!
            let treebank = Treebank(conllu: String(decoding: data, as: UTF8.self))
            let score = try SegmentationScorer.score(treebank, segmenter: try pipeline.segmenter(lang), keepErrors: errors)
            let name = (path as NSString).lastPathComponent
            rows.append((name, score))
            if errors > 0 {
                out.line("## \(name): disagreements (G = gold only, S = system only)")
                for e in score.errors {
                    out.line("\(e.side == .goldOnly ? "G" : "S") \(e.isSentence ? "sent" : "tok ") @\(e.start)\t\(e.text)")
                }
            }
            if score.characterMismatches > 0 {
                printError("warning: \(name): \(score.characterMismatches) gold characters differ from the raw text")
            }
        }
        out.line("| treebank | tokens P | tokens R | tokens F1 | sentences P | sentences R | sentences F1 |")
        out.line("|---|---:|---:|---:|---:|---:|---:|")
        for (name, s) in rows {
            out.line("| \(name) | \(pct(s.tokens.precision)) | \(pct(s.tokens.recall)) | \(pct(s.tokens.f1)) | "
                     + "\(pct(s.sentences.precision)) | \(pct(s.sentences.recall)) | \(pct(s.sentences.f1)) |")
        }
        out.flush()
    }

    private func pct(_ x: Double) -> String { String(format: "%.2f", x * 100) }
}
