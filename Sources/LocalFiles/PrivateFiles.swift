import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A file or folder linq-map could not read or write: which one, and why, in one line for stderr or the
/// status bar.
public struct StorageError: Error, Equatable, Sendable {
    /// The path that failed.
    public var path: String
    /// Why, in words (usually the system's `strerror`).
    public var reason: String

    /// Creates a storage error.
    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    /// "cannot write /path: Permission denied".
    public var message: String { "cannot write \(path): \(reason)" }
}

/// Files only their owner may read: folders 0700, files 0600, every write to a temporary name in the same
/// folder, flushed, then renamed over the old one, so a reader sees the old file or the new one, never half.
public enum PrivateFiles {
    /// Creates `folder` and its missing parents with mode 0700; an existing folder is left as it is.
    public static func makeFolder(_ folder: URL) throws(StorageError) {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw StorageError(path: folder.path, reason: "not a folder") }
            return
        }
        do {
            try FileManager.default.createDirectory(
                at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw StorageError(path: folder.path, reason: reason(of: error))
        }
    }

    /// Writes `data` to `file` atomically with mode 0600, creating its folder (0700) first.
    public static func write(_ data: Data, to file: URL) throws(StorageError) {
        try makeFolder(file.deletingLastPathComponent())
        let temporary = file.deletingLastPathComponent()
            .appendingPathComponent(".\(file.lastPathComponent).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp")
        let descriptor = open(temporary.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw StorageError(path: temporary.path, reason: lastErrorText()) }
        var failure: String?
        data.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count, failure == nil {
                let written = Foundation.write(
                    descriptor, bytes.baseAddress?.advanced(by: offset), bytes.count - offset)
                if written < 0 {
                    if errno != EINTR { failure = lastErrorText() }
                } else {
                    offset += written
                }
            }
        }
        if failure == nil, fsync(descriptor) != 0 { failure = lastErrorText() }
        close(descriptor)
        if failure == nil, rename(temporary.path, file.path) != 0 { failure = lastErrorText() }
        if let failure {
            unlink(temporary.path)
            throw StorageError(path: file.path, reason: failure)
        }
    }

    /// The contents of `file`, or nil when it does not exist.
    public static func read(_ file: URL) throws(StorageError) -> Data? {
        guard FileManager.default.fileExists(atPath: file.path) else { return nil }
        do {
            return try Data(contentsOf: file)
        } catch {
            throw StorageError(path: file.path, reason: reason(of: error))
        }
    }

    private static func lastErrorText() -> String { String(cString: strerror(errno)) }

    private static func reason(of error: any Error) -> String {
        if let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError,
            underlying.domain == NSPOSIXErrorDomain
        {
            return String(cString: strerror(Int32(underlying.code)))
        }
        return (error as NSError).localizedDescription
    }
}
