import Foundation
import Testing

/// The progress bar appears only when standard error is a terminal (here a pseudo-terminal made by
/// util-linux `script`), and is erased before the summary line.
@Suite struct BatchProgressTests {
    static let script = "/usr/bin/script"

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: script)))
    func progressBarOnATerminalOnly() throws {
        let dir = try RiposteRun.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let log = dir.appendingPathComponent("tty.log")
        let p = Process()
        p.executableURL = URL(fileURLWithPath: Self.script)
        p.arguments = ["-qec", "'\(RiposteRun.executable.path)' extract --jsonl '\(RiposteRun.corpusURL.path)' > /dev/null", log.path]
        p.standardInput = FileHandle.nullDevice
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
        let tty = String(decoding: try Data(contentsOf: log), as: UTF8.self)
        // The bar: documents, MB out of the known total, rate, ETA; redrawn in place.
        #expect(tty.contains("docs"))
        #expect(tty.contains("/ 1.7 MB"))
        #expect(tty.contains("ETA"))
        #expect(tty.contains("\r"))
        #expect(tty.contains("riposte: 103 documents, 103 ok, 0 failed"))
        // Not a terminal: the summary line only.
        let plain = try RiposteRun.run(["extract", "--jsonl", RiposteRun.corpusURL.path])
        #expect(!plain.stderr.contains("ETA"))
        #expect(plain.stderr.split(separator: "\n").count == 1)
    }
}
