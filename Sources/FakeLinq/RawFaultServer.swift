import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A tiny HTTP responder on raw POSIX sockets for byte-exact faults that FlyingFox cannot produce: a reset
/// in the middle of the body, a Content-Length whose bytes never come, a trickle, an endless body without
/// Content-Length. Every connection gets the same `fault`, whatever the path; the request head is read and
/// recorded first, so tests can count attempts. Connections run on dedicated threads (never on Swift's
/// cooperative pool), and `stop()` ends them all.
///
/// Use `baseURL` exactly like `FakeLinq.baseURL`: it ends with the same base path (`/api/partner`).
/// `refusedBaseURL()` gives a base URL nobody listens on (connection refused). Call `stop()` when done: the
/// accept thread keeps the server alive until then.
public final class RawFaultServer: Sendable {
    /// What each connection gets after its request head has been read.
    public enum Fault: Hashable, Sendable {
        /// `200`, `Content-Length: 4096`, 100 bytes of a valid-looking body, then a TCP reset (SO_LINGER 0).
        case resetMidBody
        /// `200`, `Content-Length: 4096`, 100 bytes, then an orderly close (FIN): a short body.
        case shortBodyThenClose
        /// `200`, `Content-Length: 4096`, 100 bytes, then the connection stays open and silent until the client
        /// leaves or the server stops: the rest never comes.
        case contentLengthNeverArrives
        /// A complete, valid 200 response (the world group chat), status line and headers included, sent one
        /// byte per `interval`.
        case trickle(interval: Duration)
        /// `200` with `Connection: close` and no Content-Length, then bytes of an unterminated FeatureCollection
        /// forever (until the client leaves).
        case endlessWithoutLength
        /// `200` headers with `Content-Length: 512`, then a close with no body at all.
        case headersThenClose
        /// `200` headers with `Content-Length: 512`, then silence with the connection open.
        case headersThenHang
        /// Reads the request and closes without a byte of response.
        case closeWithoutResponse
        /// Reads the request and resets the connection without a byte of response.
        case resetWithoutResponse
        /// Reads the request and never answers; the connection stays open until the client leaves.
        case silent
        /// A complete, valid response of `status` (200: the world group chat; otherwise a Linq error envelope)
        /// in the chunked transfer coding, followed by about `trailerBytes` bytes of trailer fields of at most
        /// 1 KiB each (RFC 9112 7.1.2).
        case chunkedWithTrailer(status: Int, trailerBytes: Int)
        /// A chunked 200 whose body ends properly and whose trailer section then never ends.
        case endlessTrailer
        /// A 200 with `Content-Encoding: gzip` (or `deflate`) and no length whose body inflates to zeros
        /// forever, about 159 times its size.
        case compressionBomb(deflate: Bool)
        /// A 200 with `Content-Encoding: snappy`, a coding no client here knows.
        case unknownEncoding
        /// A 200 with `Content-Encoding: gzip` whose body is plain JSON, not gzip.
        case corruptEncoding
        /// A chunked 200 whose second chunk size is not hexadecimal.
        case brokenChunking
        /// A 200 status line followed by header fields without end.
        case endlessHeaders
        /// A redirect `status` with this `Location` field value (none when nil) and a JSON body.
        case redirect(status: Int, location: String?)
        /// `HTTP/1.1 <status>` with no reason phrase, and a Linq error envelope for that status.
        case statusWithoutReason(Int)
        /// Bytes that are not HTTP at all, then a close.
        case notHTTP
        /// A 200 with two different `Content-Length` fields (RFC 9112 6.3: a framing error).
        case conflictingLength
        /// Exactly these bytes, then a close: for tests that throw arbitrary server bytes at a client.
        case verbatim([UInt8])
    }

    /// `http://127.0.0.1:PORT` plus the base path.
    public let baseURL: URL
    /// The bound TCP port.
    public let port: UInt16
    /// The fault every connection gets.
    public let fault: Fault
    /// Every request head received, in arrival order.
    public let log = RequestLog()

    private struct State {
        var isStopped = false
        var connections: Set<Int32> = []
    }

    private let listenSocket: Int32
    private let state = Mutex(State())

    private init(listenSocket: Int32, port: UInt16, fault: Fault, basePath: String) throws(RawFaultServerError) {
        self.listenSocket = listenSocket
        self.port = port
        self.fault = fault
        guard let url = URL(string: "http://127.0.0.1:\(port)\(basePath)") else {
            throw .socket(call: "URL", errno: 0)
        }
        self.baseURL = url
    }

    /// Listens on 127.0.0.1 on a free port and answers every connection with `fault`.
    public static func start(fault: Fault, basePath: String = "/api/partner") throws(RawFaultServerError)
        -> RawFaultServer
    {
        let (socket, port) = try bindLoopback()
        guard listen(socket, 64) == 0 else {
            let error = errno
            close(socket)
            throw .socket(call: "listen", errno: error)
        }
        let server = try RawFaultServer(listenSocket: socket, port: port, fault: fault, basePath: basePath)
        let thread = Thread { server.acceptLoop() }
        thread.name = "RawFaultServer.accept"
        thread.start()
        return server
    }

    /// A base URL on 127.0.0.1 whose port was free a moment ago and is now closed: connecting is refused.
    public static func refusedBaseURL(basePath: String = "/api/partner") throws(RawFaultServerError) -> URL {
        let (socket, port) = try bindLoopback()
        close(socket)
        guard let url = URL(string: "http://127.0.0.1:\(port)\(basePath)") else {
            throw .socket(call: "URL", errno: 0)
        }
        return url
    }

    /// Every request head received so far.
    public func requests() -> [RecordedRequest] {
        log.all
    }

    /// Returns once at least `count` requests have arrived, with all of them.
    @discardableResult
    public func waitForRequests(count: Int) async -> [RecordedRequest] {
        await log.waitFor(count: count)
    }

    /// Stops accepting and wakes every connection thread so it closes its socket; idempotent.
    public func stop() {
        state.withLock { state in
            guard !state.isStopped else { return }
            state.isStopped = true
            // NB: on Linux, shutdown() wakes a thread blocked in accept() (close() alone does not).
            shutdown(listenSocket, Int32(SHUT_RDWR))
            for connection in state.connections {
                shutdown(connection, Int32(SHUT_RDWR))
            }
        }
    }

    deinit {
        stop()
    }

    private var isStopped: Bool {
        state.withLock { $0.isStopped }
    }

    private static func bindLoopback() throws(RawFaultServerError) -> (Int32, UInt16) {
        let socket = RawFaultSocket.makeTCP()
        guard socket >= 0 else { throw .socket(call: "socket", errno: errno) }
        var reuse: Int32 = 1
        setsockopt(socket, SOL_SOCKET, SO_REUSEADDR, &reuse, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic in
                bind(socket, generic, length) == 0 && getsockname(socket, generic, &length) == 0
            }
        }
        guard bound else {
            let error = errno
            close(socket)
            throw .socket(call: "bind", errno: error)
        }
        return (socket, UInt16(bigEndian: address.sin_port))
    }

    private func acceptLoop() {
        while true {
            let connection = accept(listenSocket, nil, nil)
            if connection < 0 {
                if errno == EINTR && !isStopped { continue }
                break
            }
            let isAccepted = state.withLock { state -> Bool in
                guard !state.isStopped else { return false }
                state.connections.insert(connection)
                return true
            }
            guard isAccepted else {
                close(connection)
                break
            }
            RawFaultSocket.preventSignalOnWrite(connection)
            let thread = Thread { self.serve(connection) }
            thread.name = "RawFaultServer.connection"
            thread.start()
        }
        close(listenSocket)
    }

    private func serve(_ connection: Int32) {
        var reset = false
        defer { finish(connection, reset: reset) }
        guard let head = readHead(connection) else { return }
        log.append(Self.record(head))
        let body = Array(
            JSONText.success(
                data: JSONText.featureCollection(
                    Fixtures.aroundTheWorld.map {
                        $0.featureJSON(atPoll: 0, now: Date())
                    })
            ).utf8)
        let partial = Array(body.prefix(100))
        let promised = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 4096\r\n\r\n"
        switch fault {
        case .resetMidBody:
            _ = send(connection, Array(promised.utf8) + partial)
            reset = true
        case .shortBodyThenClose:
            _ = send(connection, Array(promised.utf8) + partial)
        case .contentLengthNeverArrives:
            _ = send(connection, Array(promised.utf8) + partial)
            waitUntilClosed(connection)
        case .trickle(let interval):
            let response =
                Array(
                    "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: \(body.count)\r\n\r\n".utf8)
                + body
            let milliseconds = Int32(
                clamping: interval.components.seconds * 1000 + interval.components.attoseconds / 1_000_000_000_000_000)
            for byte in response {
                guard send(connection, [byte]), !waitForClose(connection, milliseconds: milliseconds) else { break }
            }
        case .endlessWithoutLength:
            let head = Array("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n".utf8)
            guard send(connection, head + Array(GeneratedBodyStream.prefix)) else { break }
            var index = 0
            while !isStopped {
                var chunk: [UInt8] = []
                while chunk.count < 16_384 {
                    chunk += Array(",".utf8) + GeneratedBodyStream.feature(index)
                    index += 1
                }
                guard send(connection, chunk) else { break }
            }
        case .headersThenClose:
            _ = send(connection, Array(promised.replacingOccurrences(of: "4096", with: "512").utf8))
        case .headersThenHang:
            _ = send(connection, Array(promised.replacingOccurrences(of: "4096", with: "512").utf8))
            waitUntilClosed(connection)
        case .closeWithoutResponse:
            break
        case .resetWithoutResponse:
            reset = true
        case .silent:
            waitUntilClosed(connection)
        default:
            serveProtocolFault(connection, body: body)
        }
    }

    /// The faults of the HTTP framing itself (issue 15): trailers, codings, chunking, heads, status lines.
    private func serveProtocolFault(_ connection: Int32, body: [UInt8]) {
        let crlf: [UInt8] = [13, 10]
        switch fault {
        case .chunkedWithTrailer(let status, let trailerBytes):
            let payload =
                status == 200
                ? body : Array(JSONText.error(status: status, code: 2001, message: "Chat not found").utf8)
            var response = Array(
                "HTTP/1.1 \(status) \(status == 200 ? "OK" : "Error")\r\nContent-Type: application/json\r\n".utf8)
            response += Array("Transfer-Encoding: chunked\r\nTrailer: X-Checksum\r\n\r\n".utf8)
            response +=
                RawFaultBodies.chunk(Array(payload.prefix(64))) + RawFaultBodies.chunk(Array(payload.dropFirst(64)))
            response += Array("0\r\n".utf8)
            // Fields of at most 1 KiB each (libcurl refuses a single trailer line over 4 KiB).
            var remaining = max(trailerBytes, 16)
            var index = 0
            while remaining > 0 {
                let name = Array("X-Checksum-\(index): ".utf8)
                let length = min(1024, remaining) - name.count - 2
                response += name + Array(repeating: UInt8(ascii: "a"), count: max(1, length)) + crlf
                remaining -= name.count + max(1, length) + 2
                index += 1
            }
            response += crlf
            _ = send(connection, response)
            waitUntilClosed(connection)
        case .endlessTrailer:
            var response = Array("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n".utf8)
            response +=
                Array("Transfer-Encoding: chunked\r\n\r\n".utf8) + RawFaultBodies.chunk(body) + Array("0\r\n".utf8)
            guard send(connection, response) else { return }
            sendForever(connection, line: Array("X-Trailer: 0123456789abcdef0123456789abcdef\r\n".utf8))
        case .compressionBomb(let deflate):
            var response = Array("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n".utf8)
            response += Array("Content-Encoding: \(deflate ? "deflate" : "gzip")\r\n\r\n".utf8)
            response += (deflate ? RawFaultBodies.zlibHeader : RawFaultBodies.gzipHeader) + RawFaultBodies.deflatePrefix
            guard send(connection, response) else { return }
            sendForever(connection, line: RawFaultBodies.deflateRepeat)
        case .unknownEncoding, .corruptEncoding:
            let coding = fault == .unknownEncoding ? "snappy" : "gzip"
            let head =
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Encoding: \(coding)\r\n"
                + "Content-Length: \(body.count)\r\n\r\n"
            _ = send(connection, Array(head.utf8) + body)
            waitUntilClosed(connection)
        case .brokenChunking:
            var response = Array("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n".utf8)
            response += Array("Transfer-Encoding: chunked\r\n\r\n".utf8) + RawFaultBodies.chunk(Array(body.prefix(64)))
            response += Array("zz\r\n".utf8) + Array(body.dropFirst(64)) + crlf + Array("0\r\n\r\n".utf8)
            _ = send(connection, response)
            waitUntilClosed(connection)
        case .endlessHeaders:
            guard send(connection, Array("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n".utf8)) else { return }
            sendForever(connection, line: Array("X-Padding: 0123456789abcdef0123456789abcdef\r\n".utf8))
        case .redirect(let status, let location):
            let payload = Array(JSONText.success(data: JSONText.featureCollection([])).utf8)
            var head = "HTTP/1.1 \(status) Redirect\r\nContent-Type: application/json\r\n"
            if let location { head += "Location: \(location)\r\n" }
            head += "Content-Length: \(payload.count)\r\n\r\n"
            _ = send(connection, Array(head.utf8) + payload)
            waitUntilClosed(connection)
        case .statusWithoutReason(let status):
            let payload = Array(JSONText.error(status: status, code: 2001, message: "Chat not found").utf8)
            let head =
                "HTTP/1.1 \(status)\r\nContent-Type: application/json\r\nContent-Length: \(payload.count)\r\n\r\n"
            _ = send(connection, Array(head.utf8) + payload)
            waitUntilClosed(connection)
        case .conflictingLength:
            let head =
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: \(body.count)\r\n"
                + "Content-Length: \(body.count + 10)\r\n\r\n"
            _ = send(connection, Array(head.utf8) + body)
            waitUntilClosed(connection)
        case .verbatim(let bytes):
            _ = send(connection, bytes)
        case .notHTTP:
            _ = send(connection, Array("SSH-2.0-OpenSSH_9.2\r\n\u{1}\u{2}\u{3}\u{0}binary".utf8))
        default:
            break
        }
    }

    /// Sends `line` again and again, in batches of about 64 KiB, until the client leaves or the server stops.
    private func sendForever(_ connection: Int32, line: [UInt8]) {
        var batch: [UInt8] = []
        while batch.count < 65_536 { batch += line }
        while !isStopped {
            guard send(connection, batch) else { return }
        }
    }

    private func finish(_ connection: Int32, reset: Bool) {
        if reset {
            // SO_LINGER with a zero timeout makes close() send RST instead of FIN.
            var option = linger(l_onoff: 1, l_linger: 0)
            setsockopt(connection, SOL_SOCKET, SO_LINGER, &option, socklen_t(MemoryLayout<linger>.size))
        }
        state.withLock { state in
            state.connections.remove(connection)
            close(connection)
        }
    }

    /// Reads up to the blank line that ends the request head (at most 64 KiB); nil when the client left first.
    private func readHead(_ connection: Int32) -> [UInt8]? {
        var head: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        let terminator: [UInt8] = [13, 10, 13, 10]
        while head.count < 65_536 {
            let count = buffer.withUnsafeMutableBytes { recv(connection, $0.baseAddress, $0.count, 0) }
            if count <= 0 { return nil }
            head += buffer[0..<count]
            if let range = head.firstRange(of: terminator) {
                return Array(head[..<range.lowerBound])
            }
        }
        return head
    }

    /// Sends all of `bytes`; false when the peer is gone or the server stopped. Never raises SIGPIPE.
    private func send(_ connection: Int32, _ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes.withUnsafeBytes { raw in
                RawFaultSocket.send(connection, raw.baseAddress?.advanced(by: offset), raw.count - offset)
            }
            if sent < 0 && errno == EINTR { continue }
            guard sent > 0 else { return false }
            offset += sent
        }
        return true
    }

    /// Blocks until the peer closes, sends something, or the server stops (shutdown wakes the poll).
    private func waitUntilClosed(_ connection: Int32) {
        while !isStopped {
            if waitForClose(connection, milliseconds: 1000) { return }
        }
    }

    /// Waits up to `milliseconds`; true when the connection became readable (the peer closed or the server
    /// stopped), false on timeout.
    private func waitForClose(_ connection: Int32, milliseconds: Int32) -> Bool {
        var descriptor = pollfd(fd: connection, events: Int16(POLLIN), revents: 0)
        let ready = poll(&descriptor, 1, milliseconds)
        return ready != 0 || isStopped
    }

    private static func record(_ head: [UInt8]) -> RecordedRequest {
        let lines = String(decoding: head, as: UTF8.self).components(separatedBy: "\r\n")
        let requestLine = (lines.first ?? "").split(separator: " ")
        let method = requestLine.first.map(String.init) ?? ""
        let target = requestLine.count > 1 ? String(requestLine[1]) : ""
        let components = URLComponents(string: target)
        var query: [String: String] = [:]
        for item in components?.queryItems ?? [] {
            query[item.name] = item.value ?? ""
        }
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = line[..<colon].lowercased()
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            headers[name] = headers[name].map { $0 + ", " + value } ?? value
        }
        return RecordedRequest(
            method: method, path: components?.path ?? target, query: query, headers: headers, receivedAt: Date())
    }
}

/// Why `RawFaultServer` could not start.
public enum RawFaultServerError: Error, Equatable, Sendable {
    /// A socket call failed with this errno.
    case socket(call: String, errno: Int32)
}
