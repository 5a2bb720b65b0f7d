import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A one-connection HTTP responder on 127.0.0.1 for byte-exact faults FlyingFox cannot produce: it reads one
/// request head, writes `head` verbatim, then writes `chunk` again and again until the client goes away, the
/// `limit` is reached, or (with `chunk` empty) the client closes. `finished()` returns the body bytes written.
final class RawSocketServer: Sendable {
    let port: UInt16
    private let listener: Int32
    private let result = Mutex<(written: Int?, waiter: CheckedContinuation<Int, Never>?)>((nil, nil))

    init(head: String, chunk: Data, limit: Int = 512 << 20) throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw POSIXError(.EIO) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0, listen(fd, 4) == 0 else {
            close(fd)
            throw POSIXError(.EADDRINUSE)
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        var acceptTimeout = timeval(tv_sec: 10, tv_usec: 0)  // a client that never connects ends the thread too
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &acceptTimeout, socklen_t(MemoryLayout<timeval>.size))
        listener = fd
        port = UInt16(bigEndian: address.sin_port)
        let thread = Thread { [self] in
            let written = serve(head: Data(head.utf8), chunk: chunk, limit: limit)
            let waiter = result.withLock { state in
                state.written = written
                defer { state.waiter = nil }
                return state.waiter
            }
            waiter?.resume(returning: written)
        }
        thread.start()
    }

    deinit {
        close(listener)
    }

    var baseURL: URL {
        URL(string: "http://127.0.0.1:\(port)") ?? URL(fileURLWithPath: "/")
    }

    /// Waits until the connection is over; returns the body bytes written.
    func finished() async -> Int {
        await withCheckedContinuation { continuation in
            let written = result.withLock { state -> Int? in
                if state.written == nil { state.waiter = continuation }
                return state.written
            }
            if let written { continuation.resume(returning: written) }
        }
    }

    private func serve(head: Data, chunk: Data, limit: Int) -> Int {
        let connection = accept(listener, nil, nil)
        guard connection >= 0 else { return 0 }
        defer { close(connection) }
        var timeout = timeval(tv_sec: 10, tv_usec: 0)  // never block a test thread forever
        setsockopt(connection, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(connection, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var request = Data()
        var buffer = [UInt8](repeating: 0, count: 4096)
        while request.range(of: Data("\r\n\r\n".utf8)) == nil {
            let count = recv(connection, &buffer, buffer.count, 0)
            guard count > 0 else { return 0 }
            request.append(contentsOf: buffer[0..<count])
        }
        guard sendAll(head, to: connection) else { return 0 }
        var written = 0
        if chunk.isEmpty {
            _ = recv(connection, &buffer, buffer.count, 0)  // hold the connection until the client gives up
            return 0
        }
        while written < limit, sendAll(chunk, to: connection) {
            written += chunk.count
        }
        return written
    }

    private func sendAll(_ data: Data, to connection: Int32) -> Bool {
        data.withUnsafeBytes { raw -> Bool in
            guard let base = raw.baseAddress else { return true }
            var offset = 0
            while offset < raw.count {
                // NB: MSG_NOSIGNAL, or writing to a closed socket raises SIGPIPE and kills the test process.
                let sent = send(connection, base + offset, raw.count - offset, Int32(MSG_NOSIGNAL))
                guard sent > 0 else { return false }
                offset += sent
            }
            return true
        }
    }
}
