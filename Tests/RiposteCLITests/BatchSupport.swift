import Foundation
import RiposteTestSupport

/// Runs the built `riposte` executable as a user would, with files for stdin, stdout and stderr
/// (large inputs cannot deadlock on pipe buffers).
enum RiposteRun {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let corpusURL = packageRoot.appendingPathComponent("Corpora/documents.jsonl")
    static let corpus: [[UInt8]] = ((try? Data(contentsOf: corpusURL)) ?? Data())
        .split(separator: 0x0A, omittingEmptySubsequences: true).map { Array($0) }

    /// The built `riposte` executable.
    static let executable = BuiltExecutable.riposte(packageRoot: packageRoot)

    struct Result {
        var stdout: [UInt8]
        var stderr: String
        var status: Int32
        var exitedNormally: Bool
        var lines: [[UInt8]] { stdout.split(separator: 0x0A, omittingEmptySubsequences: false).dropLast().map { Array($0) } }
        var objects: [[String: Any]] { lines.map { (try? JSONSerialization.jsonObject(with: Data($0))) as? [String: Any] ?? [:] } }
    }

    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("riposte-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func run(_ arguments: [String], stdin: [UInt8] = []) throws -> Result {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let inURL = dir.appendingPathComponent("in"), outURL = dir.appendingPathComponent("out"), errURL = dir.appendingPathComponent("err")
        _ = FileManager.default.createFile(atPath: inURL.path, contents: Data(stdin))
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let p = Process()
        p.executableURL = executable
        p.arguments = arguments
        p.standardInput = try FileHandle(forReadingFrom: inURL)
        p.standardOutput = try FileHandle(forWritingTo: outURL)
        p.standardError = try FileHandle(forWritingTo: errURL)
        try p.run()
        p.waitUntilExit()
        return Result(stdout: [UInt8](try Data(contentsOf: outURL)),
                      stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self),
                      status: p.terminationStatus,
                      exitedNormally: p.terminationReason == .exit)
    }

    static func jsonLine(_ object: [String: Any]) -> [UInt8] {
        [UInt8](try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]))
    }

    static func joinLines(_ lines: [[UInt8]]) -> [UInt8] { lines.flatMap { $0 + [0x0A] } }

    static func corpusObject(_ i: Int) -> [String: Any] {
        (try! JSONSerialization.jsonObject(with: Data(corpus[i]))) as! [String: Any]
    }
}
