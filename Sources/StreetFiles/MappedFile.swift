import Foundation
import Streets

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Read-only memory maps: a file's bytes as `Data` that the kernel pages in on demand, unmapped when the
/// last copy of the `Data` goes away. Opening costs one `mmap`, however large the file.
public enum MappedFile {
    /// The bytes of `path`; throws `PBFError.missing` when it does not exist and `.unreadable` when it
    /// cannot be opened or mapped (a folder, no permission). `isSequential` (an import reading front to back)
    /// asks the kernel to read ahead; atlases are read where the view is, so they leave the default.
    public static func map(_ path: String, isSequential: Bool = false) throws(PBFError) -> Data {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            let code = errno
            if code == ENOENT { throw .missing(path: path) }
            throw .unreadable(path: path, reason: String(cString: strerror(code)))
        }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            throw .unreadable(path: path, reason: String(cString: strerror(errno)))
        }
        guard status.st_mode & S_IFMT == S_IFREG else { throw .unreadable(path: path, reason: "not a regular file") }
        let size = Int(status.st_size)
        guard size > 0 else { return Data() }
        guard let address = mmap(nil, size, PROT_READ, MAP_PRIVATE, descriptor, 0), address != MAP_FAILED else {
            throw .unreadable(path: path, reason: String(cString: strerror(errno)))
        }
        if isSequential { _ = madvise(address, size, MADV_SEQUENTIAL) }
        return Data(
            bytesNoCopy: address, count: size, deallocator: .custom { pointer, count in munmap(pointer, count) })
    }
}
