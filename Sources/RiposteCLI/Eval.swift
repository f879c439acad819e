import ArgumentParser

struct Eval: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Score Riposte against gold data.",
        subcommands: [EvalSegment.self, EvalRecords.self]
    )
}
