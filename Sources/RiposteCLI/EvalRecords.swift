import ArgumentParser

struct EvalRecords: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "records", abstract: "Score extraction against gold records (not implemented yet).")
    func run() throws { throw ValidationError("eval records is not implemented yet") }
}
