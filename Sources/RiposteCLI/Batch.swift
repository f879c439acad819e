// The batch runner shared by `extract` and `bench-icu`: lazy input (RiposteIngest.InputReader), a
// bounded order-preserving parallel map with one processor per thread (a Pipeline is not
// thread-safe), ordered output, a progress bar on a terminal and a one-line summary on stderr.
import Foundation
import Riposte

/// What one input item gave.
struct BatchResult {
    /// The bytes to write (one line, "\n" included); empty for a processor that writes nothing.
    var output: [UInt8]
    /// The error code when the document failed.
    var errorCode: String?
    /// Records found, per `RecordType.allCases` index.
    var records: [Int]
    /// Input bytes the item accounts for.
    var size: Int
}

/// Turns input items into results. One instance per worker thread.
protocol BatchProcessor {
    func process(_ item: InputItem) -> BatchResult
}

/// Totals of a run, for the summary and the exit status.
struct BatchStats {
    var documents = 0
    var failed = 0
    var errors: [String: Int] = [:]
    var records = [Int](repeating: 0, count: RecordType.allCases.count)
    var bytes = 0
    var seconds = 0.0
    var jobs = 1

    var megabytes: Double { Double(bytes) / 1e6 }
    var mbPerSecond: Double { seconds > 0 ? megabytes / seconds : 0 }
    var docsPerSecond: Double { seconds > 0 ? Double(documents) / seconds : 0 }

    mutating func add(_ r: BatchResult) {
        documents += 1
        bytes += r.size
        if let code = r.errorCode { failed += 1; errors[code, default: 0] += 1 }
        for (i, n) in r.records.enumerated() where i < records.count { records[i] += n }
    }

    /// One line, stable layout (scripts/bench.sh reads the MB/s, docs/s and peak RSS figures).
    func summary(label: String, counted: String = "records") -> String {
        let total = records.reduce(0, +)
        var recordPart = "\(total) \(counted)"
        let byType: [String] = counted != "records" ? [] : zip(RecordType.allCases, records).filter { $0.1 > 0 }.map { "\($0.0.rawValue) \($0.1)" }
        if !byType.isEmpty { recordPart += " (" + byType.joined(separator: ", ") + ")" }
        var errorPart = "\(failed) failed"
        if !errors.isEmpty { errorPart += " (" + errors.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ") + ")" }
        return "\(label): \(documents) documents, \(documents - failed) ok, \(errorPart); \(recordPart); "
            + String(format: "%.2f MB in %.2f s = %.2f MB/s, %.1f docs/s; %d job%@; peak RSS %d MB",
                     megabytes, seconds, mbPerSecond, docsPerSecond, jobs, jobs == 1 ? "" : "s", peakRSSMegabytes())
    }
}

/// Peak resident set size of this process so far, in MB.
func peakRSSMegabytes() -> Int {
    var usage = rusage()
    #if os(Linux)
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Int(usage.ru_maxrss) / 1024  // kilobytes on Linux
    #else
    getrusage(RUSAGE_SELF, &usage)
    return Int(usage.ru_maxrss) / (1024 * 1024)  // bytes on Darwin
    #endif
}

final class Batch {
    let paths: [String]
    let jobs: Int
    let quiet: Bool
    /// Items read ahead of the writer, per job: enough to keep every thread busy while one slow
    /// document holds the output back, few enough to keep memory bounded.
    static let itemsPerJob = 16
    static let maxInFlightBytes = 32 << 20

    init(paths: [String], jobs: Int, quiet: Bool) throws {
        self.paths = paths
        self.jobs = jobs
        self.quiet = quiet
    }

    /// `requested` threads, or every core for nil or 0.
    static func jobs(_ requested: Int?) -> Int {
        if let r = requested, r > 0 { return r }
        return max(1, ProcessInfo.processInfo.activeProcessorCount)
    }

    func run<P: BatchProcessor>(label: String = "riposte", counted: String = "records", maxBytes: Int = 16 << 20,
                                makeProcessor: @escaping () -> P) throws -> BatchStats {
        let reader = InputReader(paths: paths, maxBytes: maxBytes)
        let out = ByteOutput()
        var stats = BatchStats()
        stats.jobs = jobs
        let progress = Progress(enabled: !quiet && isatty(2) != 0,
                                totalBytes: paths.contains { $0.hasSuffix(".gz") } ? nil : InputReader.totalBytes(paths: paths))
        let start = now()
        progress.draw()
        OrderedParallelMap.run(
            jobs: jobs,
            maxInFlight: jobs * Self.itemsPerJob,
            maxInFlightBytes: Self.maxInFlightBytes,
            produce: { reader.next().map { ($0, $0.bytes.count) } },
            makeWorker: { _ in
                let p = makeProcessor()
                return { p.process($0) }
            },
            consume: { (r: BatchResult) in
                out.write(r.output)
                stats.add(r)
                progress.documents = stats.documents
                progress.bytes = stats.bytes
            },
            idle: {
                out.flush()
                progress.draw()
            })
        out.flush()
        stats.seconds = now() - start
        progress.finish()
        if !quiet { FileHandle.standardError.write(Data((stats.summary(label: label, counted: counted) + "\n").utf8)) }
        return stats
    }
}

/// Buffered standard output (print() flushes per line, too slow for batches). A failed write
/// (disk full, closed pipe) ends the process with status 2 rather than reporting success.
final class ByteOutput {
    private var buffer: [UInt8] = []
    init() { buffer.reserveCapacity(1 << 17) }
    func write(_ bytes: [UInt8]) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 17 { flush() }
    }
    func write(_ s: String) { write(Array(s.utf8)) }
    func line(_ s: String) { write(Array(s.utf8) + [0x0A]) }
    func flush() {
        guard !buffer.isEmpty else { return }
        buffer.withUnsafeBytes { raw in
            var off = 0
            while off < raw.count {
                let n = Foundation.write(1, raw.baseAddress! + off, raw.count - off)
                if n < 0 && errno == EINTR { continue }
                if n <= 0 {
                    // Output lost (disk full, closed descriptor): stop rather than report success.
                    FileHandle.standardError.write(Data("riposte: cannot write standard output: \(String(cString: strerror(errno)))\n".utf8))
                    exit(2)
                }
                off += n
            }
        }
        buffer.removeAll(keepingCapacity: true)
    }
    deinit { flush() }
}
