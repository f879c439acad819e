// The `riposte` command: a thin shell around the Riposte library.
import ArgumentParser
import Foundation
import Riposte

@main
struct RiposteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "riposte",
        abstract: "Who accuses whom of what, who sues, denies, admits, apologises, offers or declines to comment, in French and English text.",
        version: "0.1.0",
        subcommands: [Extract.self, Segment.self, Eval.self, BenchICU.self]
    )
}

struct LanguageOption: ParsableArguments {
    @Option(name: .long, help: "Language of the text: fr or en (detected when omitted).")
    var language: Language?
}

extension Language: ExpressibleByArgument {}

/// Writes to standard output through one buffer (print() flushes per line, too slow for batches).
final class StandardOutput {
    private var buffer: [UInt8] = []
    init() { buffer.reserveCapacity(1 << 16) }
    func write(_ s: String) {
        buffer.append(contentsOf: s.utf8)
        if buffer.count >= 1 << 16 { flush() }
    }
    func line(_ s: String) { write(s); buffer.append(0x0A) }
    func flush() {
        guard !buffer.isEmpty else { return }
        buffer.withUnsafeBytes { raw in
            var off = 0
            while off < raw.count {
                let n = Foundation.write(1, raw.baseAddress! + off, raw.count - off)
                if n <= 0 { break }
                off += n
            }
        }
        buffer.removeAll(keepingCapacity: true)
    }
    deinit { flush() }
}

func printError(_ s: String) {
    FileHandle.standardError.write((s + "\n").data(using: .utf8)!)
}
