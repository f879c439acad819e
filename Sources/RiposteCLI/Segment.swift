import ArgumentParser
import Foundation
import Riposte

struct Segment: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Split standard input into sentences and tokens.",
        discussion: "Token forms are the original characters of the input, never normalised ones."
    )

    @Option(name: .long, help: "Language of the text: fr or en.")
    var language: Language
    @Flag(name: .long, help: "Print CoNLL-U (with # text = lines) instead of one sentence per line, tokens separated by spaces.")
    var conllu = false

    @Flag(name: .long, help: "Print only counts and segmentation throughput (to standard error), no segments.")
    var stats = false

    func run() throws {
        let input = FileHandle.standardInput.readDataToEndOfFile()
        let decoded = try TextDecoding.decode([UInt8](input))
        let pipeline = try Pipeline()
        let segmenter = try pipeline.segmenter(language)
        let started = DispatchTime.now().uptimeNanoseconds
        let text = try segmenter.segment(decoded.utf8)
        if stats {
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
            let mb = Double(decoded.utf8.count) / 1_000_000
            printError(String(format: "%.2f MB, %d tokens, %d sentences in %.3f s: %.1f MB/s",
                              mb, text.tokens.count, text.sentences.count, seconds, mb / max(seconds, 1e-9)))
            return
        }
        let out = ByteOutput()
        out.write(conllu ? CoNLLU.render(text) : CoNLLU.renderPlain(text))
        out.flush()
    }
}

enum CoNLLU {
    /// One CoNLL-U block per sentence: `# sent_id`, `# text` (original characters, line breaks as
    /// spaces), then one line per surface token with SpaceAfter=No where the next token is glued.
    static func render(_ text: SegmentedText) -> String {
        var out = ""
        for (n, s) in text.sentences.enumerated() {
            out += "# sent_id = \(n + 1)\n"
            out += "# text = \(oneLine(text.originalString(s.span)))\n"
            for (k, ti) in s.tokens.enumerated() {
                let t = text.tokens[ti]
                let form = oneLine(text.originalString(t.span))
                let glued = ti + 1 < s.tokens.upperBound && !text.tokens[ti + 1].spaceBefore
                out += "\(k + 1)\t\(form)\t_\t_\t_\t_\t_\t_\t_\t\(glued ? "SpaceAfter=No" : "_")\n"
            }
            out += "\n"
        }
        return out
    }

    static func renderPlain(_ text: SegmentedText) -> String {
        var out = ""
        for s in text.sentences {
            out += s.tokens.map { oneLine(text.originalString(text.tokens[$0].span)) }.joined(separator: " ") + "\n"
        }
        return out
    }

    private static func oneLine(_ s: String) -> String {
        s.contains(where: { $0.isNewline || $0 == "\t" })
            ? String(s.map { $0.isNewline || $0 == "\t" ? " " : $0 }) : s
    }
}
