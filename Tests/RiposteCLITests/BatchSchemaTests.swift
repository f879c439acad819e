import Foundation
import Testing

/// Real output validates against Schemas/riposte-1.schema.json (Python jsonschema, which
/// scripts/install-deps.sh installs), and every span's text is the slice of the input it points to.
@Suite struct BatchSchemaTests {
    static let checker = #"""
    import json, sys
    from jsonschema import Draft202012Validator
    schema = json.load(open(sys.argv[1], encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    validator = Draft202012Validator(schema)
    texts = {}
    for line in open(sys.argv[2], encoding="utf-8"):
        try:
            d = json.loads(line)
            texts[str(d.get("id"))] = d.get("text")
        except Exception:
            pass
    problems, documents, spans = [], 0, 0
    for n, line in enumerate(open(sys.argv[3], encoding="utf-8"), 1):
        obj = json.loads(line)
        documents += 1
        for e in validator.iter_errors(obj):
            problems.append(f"line {n}: {e.json_path}: {e.message[:200]}")
        text = texts.get(obj.get("id"))
        if "error" in obj or not isinstance(text, str):
            continue
        def check(s, where):
            global spans
            spans += 1
            if "text" in s and text[s["start"]:s["end"]] != s["text"]:
                problems.append(f"line {n}: {where}: span {s['start']}..{s['end']} is not {s['text']!r}")
        for p in obj["parties"]:
            for m in p["mentions"]:
                check(m, p["id"])
        for r in obj["records"]:
            check(r["cue"], r["id"])
            if r["content"]:
                check(r["content"], r["id"])
    print(f"{documents} documents, {spans} spans checked")
    for p in problems[:20]:
        print(p)
    sys.exit(1 if problems else 0)
    """#

    @Test func realOutputValidatesAgainstThePublishedSchema() throws {
        let dir = try RiposteRun.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        // The corpus, plus one line of each error kind, as input.
        var lines = RiposteRun.corpus
        lines += [Array("not json".utf8), Array(#"{"id":"x"}"#.utf8), [], Array(#"{"text":"a","language":"xx"}"#.utf8),
                  Array(#"{"id":"s","text":"Il a dit \ud800 non."}"#.utf8)]
        let input = dir.appendingPathComponent("in.jsonl")
        _ = FileManager.default.createFile(atPath: input.path, contents: Data(RiposteRun.joinLines(lines)))
        let r = try RiposteRun.run(["extract", "--jsonl", input.path])
        #expect(r.lines.count == lines.count)
        let output = dir.appendingPathComponent("out.jsonl")
        _ = FileManager.default.createFile(atPath: output.path, contents: Data(r.stdout))
        // The pretty single-document form too.
        let seed = try RiposteRun.run(["extract", RiposteRun.packageRoot.appendingPathComponent("Corpora/scale-mercor-ling.fr.txt").path])
        let compact = try JSONSerialization.data(withJSONObject: JSONSerialization.jsonObject(with: Data(seed.stdout)))
        try FileHandle(forWritingTo: output).seekToEnd()
        let h = try FileHandle(forWritingTo: output)
        h.seekToEndOfFile(); h.write(compact + Data([0x0A])); h.closeFile()

        let script = dir.appendingPathComponent("check.py")
        try Self.checker.write(to: script, atomically: true, encoding: .utf8)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", script.path, RiposteRun.packageRoot.appendingPathComponent("Schemas/riposte-1.schema.json").path,
                       input.path, output.path]
        let pipe = Pipe()
        p.standardOutput = pipe
        p.standardError = pipe
        try p.run()
        let report = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(p.terminationStatus == 0, "schema check failed (run scripts/install-deps.sh for python3 + jsonschema):\n\(report)")
        #expect(report.contains("\(lines.count + 1) documents"))
    }
}
