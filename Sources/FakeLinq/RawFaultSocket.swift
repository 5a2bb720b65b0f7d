#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The socket calls `RawFaultServer` makes that differ between glibc (Linux) and Darwin (macOS), in one place.
enum RawFaultSocket {
    /// A new IPv4 TCP socket, or -1 with `errno` set.
    static func makeTCP() -> Int32 {
        #if canImport(Glibc)
            Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
            Darwin.socket(AF_INET, SOCK_STREAM, 0)
        #endif
    }

    /// Makes writing to `socket` after the peer left fail with EPIPE instead of raising SIGPIPE (Darwin sets
    /// this per socket; on Linux `send` passes MSG_NOSIGNAL instead).
    static func preventSignalOnWrite(_ socket: Int32) {
        #if canImport(Darwin)
            var noSignal: Int32 = 1
            setsockopt(socket, SOL_SOCKET, SO_NOSIGPIPE, &noSignal, socklen_t(MemoryLayout<Int32>.size))
        #endif
    }

    /// `send(2)` that never raises SIGPIPE; returns the bytes sent, or -1 with `errno` set.
    static func send(_ socket: Int32, _ bytes: UnsafeRawPointer?, _ count: Int) -> Int {
        #if canImport(Glibc)
            Glibc.send(socket, bytes, count, Int32(MSG_NOSIGNAL))
        #else
            Darwin.send(socket, bytes, count, 0)
        #endif
    }
}
