// The progress bar of batch runs: drawn on standard error only when it is a terminal, redrawn in
// place at most a few times a second, erased at the end so the summary line stands alone.
import Foundation

final class Progress {
    let enabled: Bool
    let totalBytes: Int?
    var documents = 0
    var bytes = 0
    private let start = Date()
    private var drawn = false

    init(enabled: Bool, totalBytes: Int?) {
        self.enabled = enabled
        self.totalBytes = (totalBytes ?? 0) > 0 ? totalBytes : nil
    }

    func draw() {
        guard enabled else { return }
        let elapsed = max(Date().timeIntervalSince(start), 1e-3)
        let mb = Double(bytes) / 1e6
        let rate = mb / elapsed
        var line = String(format: "%9d docs  %9.1f MB", documents, mb)
        if let total = totalBytes {
            let fraction = min(1, Double(bytes) / Double(total))
            let width = 24
            let filled = Int(fraction * Double(width))
            line += " / " + String(format: "%.1f MB", Double(total) / 1e6)
            line = "[" + String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled) + "] " + line
            let eta = rate > 0 ? (Double(total - min(bytes, total)) / 1e6) / rate : 0
            line += String(format: "  %6.2f MB/s  %5.0f docs/s  ETA %@", rate, Double(documents) / elapsed, Self.clock(eta))
        } else {
            line += String(format: "  %6.2f MB/s  %5.0f docs/s", rate, Double(documents) / elapsed)
        }
        FileHandle.standardError.write(Data(("\r" + line + "\u{1B}[K").utf8))
        drawn = true
    }

    func finish() {
        guard enabled, drawn else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }

    static func clock(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        return s >= 3600 ? String(format: "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60) : String(format: "%d:%02d", s / 60, s % 60)
    }
}
