// Batch input: standard input, files, directories and gzip archives, read lazily.
// Requires: paths ("-" is standard input). Provides: `InputReader`, which yields `InputItem`s one at a
// time (one per JSON line or per text file) so memory stays bounded whatever the corpus size; raw
// bytes are never repaired here (invalid UTF-8 is reported downstream, not hidden).
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#else
import Darwin
#endif
import CZlib

/// One unit of batch input: exactly one output line will be written for it.
public struct InputItem: Sendable {
    public enum Kind: Sendable, Equatable {
        /// One line of a JSON Lines stream.
        case jsonLine
        /// A whole text file (any supported encoding).
        case textFile
    }
    public var kind: Kind
    /// The id used when the document gives none: the file name without extension for a text file,
    /// "SOURCE:LINE" for a JSON line.
    public var fallbackID: String
    /// Raw bytes: the line (without its line break) or the file contents.
    public var bytes: [UInt8]
    /// Set when the item failed while being read (too_large, io_error); `bytes` is then empty, or
    /// the first bytes of a JSON line over the size limit.
    public var error: IngestError?
    /// Input bytes this item accounts for (line break included; uncompressed for .gz).
    public var size: Int

    public init(kind: Kind, fallbackID: String, bytes: [UInt8], error: IngestError? = nil, size: Int) {
        self.kind = kind; self.fallbackID = fallbackID; self.bytes = bytes; self.error = error; self.size = size
    }
}

/// Reads bytes from a file descriptor or a gzip stream.
protocol ByteSource: AnyObject {
    /// Reads up to `count` bytes; 0 at end of input. Throws on I/O or decompression errors.
    func read(into buffer: UnsafeMutableRawPointer, count: Int) throws -> Int
    /// Position in the underlying file (compressed bytes for gzip), for progress.
    var position: Int { get }
    func close()
}

final class FileDescriptorSource: ByteSource {
    let fd: Int32
    let owned: Bool
    private(set) var position = 0
    init(fd: Int32, owned: Bool) { self.fd = fd; self.owned = owned }
    func read(into buffer: UnsafeMutableRawPointer, count: Int) throws -> Int {
        while true {
            let n = read_(fd, buffer, count)
            if n >= 0 { position += n; return n }
            if errno == EINTR { continue }
            throw IngestError("io_error", "read failed: \(String(cString: strerror(errno)))")
        }
    }
    func close() { if owned { _ = close_(fd) } }
}

final class GzipSource: ByteSource {
    private let file: gzFile
    init?(path: String) {
        guard let f = gzopen(path, "rb") else { return nil }
        file = f
        gzbuffer(file, 1 << 17)
    }
    var position: Int { Int(gzoffset(file)) }
    func read(into buffer: UnsafeMutableRawPointer, count: Int) throws -> Int {
        let n = gzread(file, buffer, UInt32(min(count, Int(Int32.max))))
        if n < 0 {
            var code: Int32 = 0
            let msg = gzerror(file, &code).map { String(cString: $0) } ?? "unknown error"
            throw IngestError("io_error", "gzip stream is corrupt or truncated: \(msg)")
        }
        // zlib reports a truncated stream only through gzerror after the last read.
        if n == 0 {
            var code: Int32 = 0
            _ = gzerror(file, &code)
            if code != Z_OK && code != Z_STREAM_END {
                throw IngestError("io_error", "gzip stream is corrupt or truncated (zlib error \(code))")
            }
        }
        return Int(n)
    }
    func close() { gzclose(file) }
}

/// Splits a byte source into lines without holding more than `maxBytes` of one line.
final class LineReader {
    private let source: ByteSource
    private var buffer: UnsafeMutableRawPointer
    private let capacity = 1 << 18
    private var start = 0, end = 0
    private var eof = false
    init(source: ByteSource) {
        self.source = source
        buffer = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 16)
    }
    deinit { buffer.deallocate() }

    enum Line {
        case line([UInt8], size: Int)
        /// A line over the limit: only its first bytes are kept (to find its id).
        case tooLarge(head: [UInt8], size: Int)
    }
    static let headBytes = 4096

    /// The next line (without "\n" or "\r\n"), or nil at the end. A last line without a line break
    /// still counts; an input that ends with "\n" has no extra empty line.
    func next(maxBytes: Int) throws -> Line? {
        var line: [UInt8] = []
        var size = 0
        var over = false
        while true {
            if start == end {
                if eof { break }
                start = 0
                end = try source.read(into: buffer, count: capacity)
                if end == 0 { eof = true; break }
            }
            let avail = end - start
            let p = buffer + start
            if let nl = memchr(p, 0x0A, avail) {
                let n = UnsafeMutableRawPointer(mutating: nl) - p
                size += n + 1
                if !over {
                    if line.count + n > maxBytes { over = true; line = Self.head(line, p, n) } else {
                        line.append(contentsOf: UnsafeRawBufferPointer(start: p, count: n))
                    }
                }
                start += n + 1
                if !over, line.last == 0x0D { line.removeLast() }
                return over ? .tooLarge(head: line, size: size) : .line(line, size: size)
            }
            size += avail
            if !over {
                if line.count + avail > maxBytes { over = true; line = Self.head(line, p, avail) } else {
                    line.append(contentsOf: UnsafeRawBufferPointer(start: p, count: avail))
                }
            }
            start = end
        }
        if size == 0 { return nil }
        if !over, line.last == 0x0D { line.removeLast() }
        return over ? .tooLarge(head: line, size: size) : .line(line, size: size)
    }

    private static func head(_ line: [UInt8], _ p: UnsafeMutableRawPointer, _ n: Int) -> [UInt8] {
        if line.count >= headBytes { return Array(line.prefix(headBytes)) }
        return line + Array(UnsafeRawBufferPointer(start: p, count: min(n, headBytes - line.count)))
    }

    var position: Int { source.position }
    func close() { source.close() }
}

/// Yields the input items of a list of paths, in order, one at a time.
/// - "-" (or no path at all): JSON Lines on standard input.
/// - FILE.jsonl, FILE.jsonl.gz, FILE.gz: JSON Lines (gzip-compressed when .gz).
/// - a directory: every *.txt file below it, recursively, in byte order of path names.
/// - any other file: one text document.
public final class InputReader {
    public let maxBytes: Int
    private var pending: [String]
    private var lines: LineReader?
    private var lineOrigin = ""
    private var lineNumber = 0
    private var lineBase = 0  // bytes of finished line sources, for `position`
    /// Directory walk: a stack of (directory, sorted entry names, next index).
    private var walk: [(dir: String, entries: [String], next: Int, root: String)] = []
    /// Position reached in the input, in the units of `totalBytes` (compressed bytes for .gz).
    public private(set) var position = 0

    public init(paths: [String], maxBytes: Int) {
        self.maxBytes = maxBytes
        pending = paths.isEmpty ? ["-"] : paths
        pending.reverse()
    }

    /// True when `path` names a JSON Lines file (possibly gzip-compressed).
    public static func isJSONLines(_ path: String) -> Bool {
        path == "-" || path.hasSuffix(".jsonl") || path.hasSuffix(".jsonl.gz") || path.hasSuffix(".ndjson") || path.hasSuffix(".gz")
    }

    /// The total size of the input when it can be known cheaply (regular files, redirected stdin),
    /// in the units of `position`. Directories are walked (metadata only).
    public static func totalBytes(paths: [String]) -> Int? {
        var total = 0
        for path in paths.isEmpty ? ["-"] : paths {
            var st = stat()
            if path == "-" {
                guard fstat(0, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { return nil }
                total += Int(st.st_size) - Int(lseek(0, 0, SEEK_CUR)).clamped(0, Int(st.st_size))
                continue
            }
            guard stat(path, &st) == 0 else { continue }
            if (st.st_mode & S_IFMT) == S_IFDIR {
                var dirs = [path]
                while let dir = dirs.popLast() {
                    for name in sortedEntries(dir) {
                        var s2 = stat()
                        guard lstat(dir + "/" + name, &s2) == 0 else { continue }
                        if (s2.st_mode & S_IFMT) == S_IFDIR { dirs.append(dir + "/" + name) }
                        else if name.hasSuffix(".txt") { total += Int(s2.st_size) }
                    }
                }
            } else {
                total += Int(st.st_size)
            }
        }
        return total
    }

    /// The next item, or nil when every input is exhausted.
    public func next() -> InputItem? {
        while true {
            if let reader = lines {
                do {
                    if let l = try reader.next(maxBytes: maxBytes) {
                        lineNumber += 1
                        position = lineBase + reader.position
                        let id = "\(lineOrigin):\(lineNumber)"
                        switch l {
                        case .line(let bytes, let size):
                            return InputItem(kind: .jsonLine, fallbackID: id, bytes: bytes, size: size)
                        case .tooLarge(let head, let size):
                            return InputItem(kind: .jsonLine, fallbackID: id, bytes: head,
                                             error: IngestError.tooLarge(size, maxBytes), size: size)
                        }
                    }
                } catch let e as IngestError {
                    // The rest of this source is unreadable: one error line, then the next input.
                    lineNumber += 1
                    closeLines()
                    return InputItem(kind: .jsonLine, fallbackID: "\(lineOrigin):\(lineNumber)", bytes: [], error: e, size: 0)
                } catch {
                    closeLines()
                    return InputItem(kind: .jsonLine, fallbackID: lineOrigin, bytes: [], error: IngestError("io_error", "\(error)"), size: 0)
                }
                closeLines()
                continue
            }
            if var top = walk.popLast() {
                guard top.next < top.entries.count else { continue }
                let name = top.entries[top.next]
                top.next += 1
                walk.append(top)
                let path = top.dir + "/" + name
                var st = stat()
                guard lstat(path, &st) == 0 else { continue }
                let type = st.st_mode & S_IFMT
                if type == S_IFDIR {
                    walk.append((path, Self.sortedEntries(path), 0, top.root))
                    continue
                }
                guard type == S_IFREG, name.hasSuffix(".txt") else { continue }
                var rel = String(path.dropFirst(top.root.count))
                while rel.hasPrefix("/") { rel.removeFirst() }
                return readTextFile(path, id: String(rel.dropLast(4)), size: Int(st.st_size))
            }
            guard let path = pending.popLast() else { return nil }
            if path == "-" {
                open(lines: LineReader(source: FileDescriptorSource(fd: 0, owned: false)), origin: "stdin")
                continue
            }
            var st = stat()
            if stat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFDIR {
                let root = path.hasSuffix("/") && path.count > 1 ? String(path.dropLast()) : path
                walk.append((root, Self.sortedEntries(root), 0, root))
                continue
            }
            let base = Self.baseName(path)
            if Self.isJSONLines(path) {
                if path.hasSuffix(".gz") {
                    guard access(path, R_OK) == 0, let gz = GzipSource(path: path) else {
                        return ioError(path, id: base)
                    }
                    open(lines: LineReader(source: gz), origin: base)
                } else {
                    let fd = open_(path, O_RDONLY)
                    guard fd >= 0 else { return ioError(path, id: base) }
                    open(lines: LineReader(source: FileDescriptorSource(fd: fd, owned: true)), origin: base)
                }
                continue
            }
            let id = base.hasSuffix(".txt") ? String(base.dropLast(4)) : Self.dropExtension(base)
            guard stat(path, &st) == 0 else { return ioError(path, id: id) }
            return readTextFile(path, id: id, size: Int(st.st_size))
        }
    }

    private func open(lines reader: LineReader, origin: String) {
        lines = reader
        lineOrigin = origin
        lineNumber = 0
    }

    private func closeLines() {
        if let l = lines { lineBase += l.position; l.close() }
        lines = nil
        position = lineBase
    }

    private func ioError(_ path: String, id: String) -> InputItem {
        let why = String(cString: strerror(errno))
        return InputItem(kind: .textFile, fallbackID: id, bytes: [], error: IngestError("io_error", "cannot read \(path): \(why)"), size: 0)
    }

    private func readTextFile(_ path: String, id: String, size: Int) -> InputItem {
        defer { position += size }
        if size > maxBytes {
            return InputItem(kind: .textFile, fallbackID: id, bytes: [], error: IngestError.tooLarge(size, maxBytes), size: size)
        }
        let fd = open_(path, O_RDONLY)
        guard fd >= 0 else { return ioError(path, id: id) }
        defer { _ = close_(fd) }
        var bytes = [UInt8](repeating: 0, count: size)
        var got = 0
        while got < size {
            let n = bytes.withUnsafeMutableBytes { read_(fd, $0.baseAddress! + got, size - got) }
            if n < 0 && errno == EINTR { continue }
            if n < 0 { return ioError(path, id: id) }
            if n == 0 { break }
            got += n
        }
        if got < size { bytes.removeSubrange(got...) }
        return InputItem(kind: .textFile, fallbackID: id, bytes: bytes, size: size)
    }

    static func sortedEntries(_ dir: String) -> [String] {
        guard let d = opendir(dir) else { return [] }
        defer { closedir(d) }
        var names: [String] = []
        while let e = readdir(d) {
            let name = withUnsafeBytes(of: e.pointee.d_name) { raw in
                String(cString: raw.bindMemory(to: CChar.self).baseAddress!)
            }
            if name == "." || name == ".." { continue }
            names.append(name)
        }
        // Byte order, not locale order: the same tree gives the same output everywhere.
        return names.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
    }

    static func baseName(_ path: String) -> String {
        var p = Substring(path)
        while p.count > 1 && p.hasSuffix("/") { p = p.dropLast() }
        if let slash = p.lastIndex(of: "/") { return String(p[p.index(after: slash)...]) }
        return String(p)
    }

    static func dropExtension(_ name: String) -> String {
        var n = Substring(name)
        for ext in [".jsonl.gz", ".jsonl", ".ndjson", ".gz"] where n.hasSuffix(ext) { n = n.dropLast(ext.count); return String(n) }
        if let dot = n.lastIndex(of: "."), dot != n.startIndex { return String(n[..<dot]) }
        return String(n)
    }
}

extension Int {
    func clamped(_ lo: Int, _ hi: Int) -> Int { Swift.max(lo, Swift.min(hi, self)) }
}

// The libc calls under names that do not clash with methods of the same name.
@inline(__always) func read_(_ fd: Int32, _ buf: UnsafeMutableRawPointer, _ n: Int) -> Int { read(fd, buf, n) }
@inline(__always) func close_(_ fd: Int32) -> Int32 { close(fd) }
@inline(__always) func open_(_ path: String, _ flags: Int32) -> Int32 { open(path, flags) }
