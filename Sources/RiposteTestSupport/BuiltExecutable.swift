// RiposteTestSupport: what the test targets share to run the CLI as a user does.
// Requires: a `swift build` of the `riposte` product. Provides: the path of the built executable.
// Not part of any product: only test targets depend on it.
import Foundation

public enum BuiltExecutable {
    /// The built `riposte`: next to the running test bundle (same build products directory),
    /// else `<packageRoot>/.build/debug/riposte`.
    public static func riposte(packageRoot: URL) -> URL {
        var candidates: [URL] = []
        if let exe = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            var dir = URL(fileURLWithPath: exe).deletingLastPathComponent()
            // Linux: …/debug/RipostePackageTests.xctest; macOS: …/debug/X.xctest/Contents/MacOS/X.
            for _ in 0 ..< 4 {
                candidates.append(dir.appendingPathComponent("riposte"))
                dir.deleteLastPathComponent()
            }
        }
        for b in Bundle.allBundles { candidates.append(b.bundleURL.deletingLastPathComponent().appendingPathComponent("riposte")) }
        candidates.append(packageRoot.appendingPathComponent(".build/debug/riposte"))
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates.last!
    }
}
