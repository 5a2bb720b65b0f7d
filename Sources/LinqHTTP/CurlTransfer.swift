import CCurl
import Foundation
import LinqModel
import Synchronization

/// One HTTP attempt over libcurl, on a thread of its own.
///
/// NB (docs/platform-notes.md, "HTTP (libcurl)"): libcurl blocks in poll(), so each transfer runs on a
/// dedicated `Thread`, never on Swift's cooperative pool (two threads on two cores). The transfer is driven by a
/// one-handle multi stack so that `curl_multi_wakeup` ends the wait at once when the caller cancels; waiting on
/// a silent server costs nothing but a poll() that wakes once a second. Every bound is enforced in a callback:
/// the body cap and the inflation ratio in the write callback (bytes after decoding), the header cap in the
/// header callback, which also receives the trailer fields of a chunked body (counted, then ignored).
/// Redirects are never followed, only http and https are spoken (only https off loopback), and nothing is
/// logged, so the Authorization header cannot leak.
final class CurlTransfer: Sendable {
    private struct State {
        var headers: [String: String] = [:]
        var headerBytes = 0
        var headStatus = 0
        var isHeadComplete = false
        var isEncoded = false
        /// The easy handle's address while the transfer runs, for the received byte count. (Addresses, not
        /// pointers: a pointer is not Sendable, and only the transfer thread and libcurl's callbacks use them.)
        var easy: UInt = 0
        var body = Data()
        /// Why a callback stopped the transfer, if one did.
        var abort: AttemptResult?
        /// The multi handle's address while the transfer runs, for `curl_multi_wakeup`.
        var multi: UInt = 0
        var isCancelled = false
    }

    private let request: HTTPRequest
    private let limits: TransferLimits
    private let state = Mutex(State())

    /// Creates a transfer of `request` bounded by `limits`.
    init(_ request: HTTPRequest, limits: TransferLimits) {
        self.request = request
        self.limits = limits
    }

    /// Runs the transfer on a new thread; ends by itself after `timeout` (a safety net on the real clock: the
    /// caller races its own deadline), or at once with `.cancelled` when the calling task is cancelled.
    func run(timeout: Duration) async -> AttemptResult {
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<AttemptResult, Never>) in
                let thread = Thread { continuation.resume(returning: self.perform(timeout: timeout)) }
                thread.name = "LinqHTTP.transfer"
                thread.start()
            }
        } onCancel: {
            cancel()
        }
    }

    /// Stops the transfer from any thread; the transfer thread wakes at once and ends with `.cancelled`.
    func cancel() {
        state.withLock { state in
            state.isCancelled = true
            if let multi = UnsafeMutableRawPointer(bitPattern: state.multi) {
                curl_multi_wakeup(multi)  // NB: libcurl documents this one call as safe from any thread
            }
        }
    }

    // MARK: - The transfer thread

    private static let globalInit: CURLcode = ccurl_global_init()

    private func perform(timeout: Duration) -> AttemptResult {
        guard Self.globalInit == CURLE_OK, let easy = curl_easy_init() else {
            return .connectionFailed(reason: "cannot start libcurl")
        }
        defer { curl_easy_cleanup(easy) }
        guard
            !request.headers.contains(where: {
                $0.name.contains(where: \.isNewline) || $0.value.contains(where: \.isNewline)
            })
        else {
            return .connectionFailed(reason: "a request header contains a line break")
        }
        var fields: UnsafeMutablePointer<curl_slist>?
        for field in request.headers {
            fields = curl_slist_append(fields, "\(field.name): \(field.value)")
        }
        fields = curl_slist_append(fields, "Expect:")  // no 100-continue round trip before a body
        if request.body == nil {
            fields = curl_slist_append(fields, "Content-Type:")  // not libcurl's form type on an empty POST
        }
        defer { curl_slist_free_all(fields) }
        configure(easy, fields: fields, timeout: timeout)

        guard let multi = curl_multi_init() else { return .connectionFailed(reason: "cannot start libcurl") }
        curl_multi_add_handle(multi, easy)
        let (multiAddress, easyAddress) = (UInt(bitPattern: multi), UInt(bitPattern: easy))
        let isCancelledEarly = state.withLock { state -> Bool in
            state.multi = multiAddress
            state.easy = easyAddress
            return state.isCancelled
        }
        var code = CURLE_OK
        var isCancelled = isCancelledEarly
        while !isCancelled {
            var running: Int32 = 0
            curl_multi_perform(multi, &running)
            if running == 0 {
                var queued: Int32 = 0
                while let message = curl_multi_info_read(multi, &queued) {
                    if ccurl_message_is_done(message) != 0 { code = ccurl_message_result(message) }
                }
                break
            }
            // Wakes on socket activity, on libcurl's own timers, on `cancel()`, or after a second at most.
            curl_multi_poll(multi, nil, 0, 1000, nil)
            isCancelled = state.withLock { $0.isCancelled }
        }
        state.withLock { state in
            state.multi = 0
            state.easy = 0
            curl_multi_remove_handle(multi, easy)
            curl_multi_cleanup(multi)
        }
        if isCancelled { return .cancelled }
        return result(of: code, easy: easy)
    }

    private func configure(
        _ easy: UnsafeMutableRawPointer, fields: UnsafeMutablePointer<curl_slist>?, timeout: Duration
    ) {
        let context = Unmanaged.passUnretained(self).toOpaque()
        ccurl_set_string(easy, CURLOPT_URL, request.url.absoluteString)
        let isLoopback = BaseURL.isLoopback(request.url.host ?? "")
        // NB: the API key travels over https only, or to loopback (the same rule as BaseURL.validated).
        ccurl_set_string(easy, CURLOPT_PROTOCOLS_STR, isLoopback ? "http,https" : "https")
        if isLoopback {
            // NB: libcurl honours https_proxy/http_proxy/ALL_PROXY; loopback never goes through a proxy, where
            // plain http would carry the key off the machine.
            ccurl_set_string(easy, CURLOPT_NOPROXY, "*")
        }
        ccurl_set_long(easy, CURLOPT_FOLLOWLOCATION, 0)
        ccurl_set_long(easy, CURLOPT_NOSIGNAL, 1)
        ccurl_set_long(easy, CURLOPT_NOPROGRESS, 1)
        // 256 KiB reads instead of libcurl's 16 KiB: a 1.8 MB body of 10,000 participants arrives in a handful of
        // callbacks, not 110 (issue 10, target 1). NB: libcurl 7.88 takes up to 512 KiB (CURLOPT_BUFFERSIZE).
        ccurl_set_long(easy, CURLOPT_BUFFERSIZE, 256 * 1024)
        ccurl_set_long(easy, CURLOPT_TIMEOUT_MS, Self.milliseconds(timeout))
        ccurl_set_long(easy, CURLOPT_CONNECTTIMEOUT_MS, Self.milliseconds(min(timeout, limits.connectTimeout)))
        ccurl_set_offset(easy, CURLOPT_MAXFILESIZE_LARGE, curl_off_t(limits.maxBodyBytes))
        ccurl_set_string(easy, CURLOPT_ACCEPT_ENCODING, "gzip, deflate")
        ccurl_set_list(easy, CURLOPT_HTTPHEADER, fields)
        switch request.method {
        case .get:
            ccurl_set_long(easy, CURLOPT_HTTPGET, 1)
        case .post:
            ccurl_set_long(easy, CURLOPT_POST, 1)
        case .put, .patch, .delete:
            ccurl_set_string(easy, CURLOPT_CUSTOMREQUEST, request.method.rawValue)
        }
        if let body = request.body {
            ccurl_set_offset(easy, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(body.count))
            body.withUnsafeBytes { bytes in
                // NB: COPYPOSTFIELDS copies the bytes now, so `body` need not outlive this call.
                _ = ccurl_set_pointer(
                    easy, CURLOPT_COPYPOSTFIELDS, UnsafeMutableRawPointer(mutating: bytes.baseAddress))
            }
        } else if request.method == .post {
            ccurl_set_offset(easy, CURLOPT_POSTFIELDSIZE_LARGE, 0)
            ccurl_set_string(easy, CURLOPT_POSTFIELDS, "")
        }
        ccurl_set_pointer(easy, CURLOPT_HEADERDATA, context)
        ccurl_set_data_callback(easy, CURLOPT_HEADERFUNCTION) { data, size, count, context in
            guard let context else { return 0 }
            let transfer = Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue()
            return transfer.receivedHeader(UnsafeRawBufferPointer(start: data, count: size * count))
        }
        ccurl_set_pointer(easy, CURLOPT_WRITEDATA, context)
        ccurl_set_data_callback(easy, CURLOPT_WRITEFUNCTION) { data, size, count, context in
            guard let context else { return 0 }
            let transfer = Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue()
            return transfer.receivedBody(UnsafeRawBufferPointer(start: data, count: size * count))
        }
    }

    /// One header line (status line, field, blank line, or trailer field); returns `bytes.count` to go on.
    private func receivedHeader(_ bytes: UnsafeRawBufferPointer) -> Int {
        state.withLock { state -> Int in
            state.headerBytes += bytes.count
            guard state.headerBytes <= limits.maxHeaderBytes else {
                state.abort = .malformed(detail: "response headers larger than \(limits.maxHeaderBytes / 1024) KiB")
                return 0
            }
            // After the final response's blank line, lines are trailer fields: counted above, never read.
            guard !state.isHeadComplete else { return bytes.count }
            let line = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty {
                // The blank line ends a head; an interim 1xx head is followed by another status line.
                state.isHeadComplete = !(100..<200).contains(state.headStatus)
                return bytes.count
            }
            if line.hasPrefix("HTTP/") {
                // A new response (after a 1xx): only the final one's fields count. The code decides, whatever
                // the reason phrase (or none).
                state.headers = [:]
                state.isEncoded = false
                state.headStatus = line.split(separator: " ").dropFirst().first.flatMap { Int($0) } ?? 0
                return bytes.count
            }
            guard let colon = line.firstIndex(of: ":") else { return bytes.count }
            let name = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            if name == "content-length", let earlier = state.headers[name], earlier != value {
                // NB: libcurl 7.88 reads one of two differing lengths and reports a short body (measured);
                // RFC 9112 6.3 makes this a framing error.
                state.abort = .malformed(detail: "two different Content-Length fields")
                return 0
            }
            state.headers[name] = state.headers[name].map { $0 + ", " + value } ?? value
            if name == "content-encoding" { state.isEncoded = true }
            return bytes.count
        }
    }

    /// Body bytes after decoding; stops the transfer at the cap or past the inflation ratio.
    private func receivedBody(_ bytes: UnsafeRawBufferPointer) -> Int {
        state.withLock { state -> Int in
            let decoded = state.body.count + bytes.count
            guard decoded <= limits.maxBodyBytes else {
                state.abort = .tooLarge
                state.body = Data()  // refused anyway: let the memory go now
                return 0
            }
            if state.isEncoded, decoded > limits.ratioGrace,
                let easy = UnsafeMutableRawPointer(bitPattern: state.easy)
            {
                // NB: libcurl counts the bytes received before decoding them (measured, docs/platform-notes.md).
                var received: curl_off_t = 0
                ccurl_get_offset(easy, CURLINFO_SIZE_DOWNLOAD_T, &received)
                if decoded > Int(max(received, 1)) * limits.maxInflationRatio {
                    state.abort = .malformed(
                        detail: "a compressed body that expands more than \(limits.maxInflationRatio) times")
                    state.body = Data()
                    return 0
                }
            }
            if state.body.isEmpty, !state.isEncoded,
                let length = state.headers["content-length"].flatMap({ Int($0) }), length > bytes.count
            {
                // One allocation of the announced size (never past the cap) rather than growing by doubling:
                // each growth copied the body and touched new pages (issue 10, target 1).
                state.body.reserveCapacity(min(length, limits.maxBodyBytes))
            }
            state.body.append(contentsOf: bytes)
            return bytes.count
        }
    }

    private func result(of code: CURLcode, easy: UnsafeMutableRawPointer) -> AttemptResult {
        let (abort, headers, body) = state.withLock { ($0.abort, $0.headers, $0.body) }
        if let abort { return abort }
        let place = request.hostAndPort
        switch code {
        case CURLE_OK:
            var status = 0
            ccurl_get_long(easy, CURLINFO_RESPONSE_CODE, &status)
            return .response(HTTPResponse(status: status, headers: headers, body: body))
        case CURLE_FILESIZE_EXCEEDED:
            return .tooLarge
        case CURLE_OPERATION_TIMEDOUT:
            return .timedOut
        case CURLE_COULDNT_RESOLVE_HOST:
            return .connectionFailed(
                reason: "cannot resolve \(request.url.host ?? "the host") (DNS lookup failed): check --base-url")
        case CURLE_COULDNT_CONNECT:
            return .connectionFailed(
                reason: "cannot connect to \(place) (\(Self.socketError(easy, fallback: "no route"))): "
                    + "is the server running? check --base-url")
        case CURLE_SSL_CONNECT_ERROR:
            return .connectionFailed(reason: "TLS handshake failed: is the base URL http? (\(place))")
        case CURLE_PEER_FAILED_VERIFICATION:
            return .connectionFailed(reason: "the TLS certificate of \(place) is not trusted")
        case CURLE_GOT_NOTHING:
            return .connectionFailed(reason: "\(place) closed the connection without a reply")
        case CURLE_PARTIAL_FILE:
            return .connectionFailed(reason: "\(place) closed the connection before the reply was complete")
        case CURLE_SEND_ERROR:
            return .connectionFailed(
                reason: "connection to \(place) lost while sending (\(Self.socketError(easy, fallback: "error")))")
        case CURLE_RECV_ERROR:
            var osError = 0
            ccurl_get_long(easy, CURLINFO_OS_ERRNO, &osError)
            // NB: libcurl reports broken chunked framing as a receive error with no system error behind it.
            guard osError != 0 else { return .malformed(detail: "broken chunked transfer encoding") }
            return .connectionFailed(reason: "connection to \(place) \(Self.describe(errno: Int32(osError)))")
        case CURLE_BAD_CONTENT_ENCODING:
            return .malformed(detail: "the body's Content-Encoding is unknown or corrupt")
        case CURLE_UNSUPPORTED_PROTOCOL where !Self.isAllowed(request.url):
            return .connectionFailed(reason: "refusing \(request.url.scheme ?? "this scheme") to \(place): only https")
        case CURLE_WEIRD_SERVER_REPLY, CURLE_UNSUPPORTED_PROTOCOL:
            return .malformed(detail: "\(place) did not answer with a valid HTTP response")
        case CURLE_OUT_OF_MEMORY:
            return .malformed(detail: "a response header line longer than libcurl accepts")
        default:
            let text = curl_easy_strerror(code).map { String(cString: $0) } ?? "unknown error"
            return .connectionFailed(reason: "network error talking to \(place) (libcurl: \(text))")
        }
    }

    /// The system error behind a failed connect, in words ("connection refused").
    private static func socketError(_ easy: UnsafeMutableRawPointer, fallback: String) -> String {
        var osError = 0
        ccurl_get_long(easy, CURLINFO_OS_ERRNO, &osError)
        return osError == 0 ? fallback : describe(errno: Int32(osError))
    }

    private static func describe(errno code: Int32) -> String {
        switch code {
        case ECONNREFUSED: return "connection refused"
        case ECONNRESET: return "reset by the server"
        case ETIMEDOUT: return "timed out"
        case ENETUNREACH: return "network unreachable"
        case EHOSTUNREACH: return "host unreachable"
        case EPIPE: return "closed by the server"
        default: return String(cString: strerror(code)).lowercased()
        }
    }

    private static func isAllowed(_ url: URL) -> Bool {
        switch url.scheme?.lowercased() {
        case "https": return true
        case "http": return BaseURL.isLoopback(url.host ?? "")
        default: return false
        }
    }

    private static func milliseconds(_ duration: Duration) -> Int {
        let (seconds, attoseconds) = duration.components
        return max(1, Int(clamping: seconds) &* 1000 &+ Int(attoseconds / 1_000_000_000_000_000))
    }
}
