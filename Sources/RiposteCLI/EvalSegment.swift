import ArgumentParser

struct EvalSegment: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "segment", abstract: "Score the segmenter against a CoNLL-U treebank (not implemented yet).")
    func run() throws { throw ValidationError("eval segment is not implemented yet") }
}
