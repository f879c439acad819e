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

func printError(_ s: String) {
    FileHandle.standardError.write((s + "\n").data(using: .utf8)!)
}
