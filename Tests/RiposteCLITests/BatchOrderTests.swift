import Foundation
import Testing

/// Output order equals input order, and output bytes do not depend on --jobs or on the run.
@Suite struct BatchOrderTests {
    static let input = RiposteRun.joinLines(RiposteRun.corpus)

    @Test func outputIsByteIdenticalForEveryJobCountAndRun() throws {
        let one = try RiposteRun.run(["extract", "--jsonl", "--jobs", "1"], stdin: Self.input)
        #expect(one.status == 0)
        #expect(one.lines.count == RiposteRun.corpus.count)
        // Same ids in the same order as the input, and the other input keys carried through as meta.
        for (i, obj) in one.objects.enumerated() {
            let inObj = RiposteRun.corpusObject(i)
            #expect(obj["id"] as? String == inObj["id"] as? String)
            #expect((obj["meta"] as? [String: Any])?["source"] as? String == inObj["source"] as? String)
        }
        for jobs in ["2", "3", "8", "0"] {
            let r = try RiposteRun.run(["extract", "--jsonl", "--jobs", jobs], stdin: Self.input)
            #expect(r.stdout == one.stdout, "--jobs \(jobs) differs from --jobs 1")
        }
        let again = try RiposteRun.run(["extract", "--jsonl"], stdin: Self.input)
        #expect(again.stdout == one.stdout)
    }

    /// What GNU parallel --pipe -k, Hadoop Streaming or Spark's rdd.pipe do: cut the input into
    /// chunks of whole lines, run one riposte per chunk, concatenate the outputs in order.
    @Test func splitAndMergeGivesTheSameResultAsOneRun() throws {
        let whole = try RiposteRun.run(["extract", "--jsonl"], stdin: Self.input)
        var merged: [UInt8] = []
        let lines = RiposteRun.corpus
        let cuts = [0, 7, 30, 31, 64, lines.count]
        for (a, b) in zip(cuts, cuts.dropFirst()) {
            let part = try RiposteRun.run(["extract", "--jsonl", "--jobs", "1"], stdin: RiposteRun.joinLines(Array(lines[a ..< b])))
            #expect(part.status == 0)
            merged += part.stdout
        }
        #expect(merged == whole.stdout)
    }

    @Test func filesAndGzipGiveTheSameLinesAsStandardInput() throws {
        let dir = try RiposteRun.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let gz = dir.appendingPathComponent("docs.jsonl.gz")
        let gzip = Process()
        gzip.executableURL = URL(fileURLWithPath: "/bin/sh")
        gzip.arguments = ["-c", "gzip -c '\(RiposteRun.corpusURL.path)' > '\(gz.path)'"]
        try gzip.run(); gzip.waitUntilExit()
        let fromStdin = try RiposteRun.run(["extract", "--jsonl"], stdin: Self.input)
        let fromFile = try RiposteRun.run(["extract", RiposteRun.corpusURL.path])
        let fromGzip = try RiposteRun.run(["extract", "--jsonl", gz.path])
        let fromDash = try RiposteRun.run(["extract", "--jsonl", "-"], stdin: Self.input)
        #expect(fromFile.stdout == fromStdin.stdout)
        #expect(fromGzip.stdout == fromStdin.stdout)
        #expect(fromDash.stdout == fromStdin.stdout)
    }

    @Test func singleTextFileIsOnePrettyDocument() throws {
        let seed = RiposteRun.packageRoot.appendingPathComponent("Corpora/scale-mercor-ling.fr.txt").path
        let r = try RiposteRun.run(["extract", seed])
        #expect(r.exitedNormally && r.status == 0)
        let obj = try JSONSerialization.jsonObject(with: Data(r.stdout)) as? [String: Any]
        #expect(obj?["id"] as? String == "scale-mercor-ling.fr")
        #expect(obj?["language"] as? String == "fr")
        #expect(r.lines.count > 5)  // pretty-printed
        #expect(r.stdout.last == 0x0A)
    }
}
