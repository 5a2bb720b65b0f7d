import Foundation

/// An HTTP method LinqHTTP sends.
enum HTTPMethod: String, Sendable {
    case get = "GET"
    case post = "POST"
    case put = "PUT"
    case patch = "PATCH"
    case delete = "DELETE"
}

/// One header field of a request, sent as `name: value`.
struct HTTPField: Hashable, Sendable {
    /// The field name, for example `Authorization`.
    var name: String
    /// The field value; must not contain a line break (the transport refuses such a field).
    var value: String
}

/// One request as the transport sends it: any method, any headers, an optional body (for example JSON for
/// POST or DELETE). The transport adds `Accept-Encoding` itself.
struct HTTPRequest: Sendable {
    /// The method.
    var method: HTTPMethod
    /// The absolute `http` or `https` URL.
    var url: URL
    /// Header fields in sending order.
    var headers: [HTTPField]
    /// The request body, sent with its length; nil sends none.
    var body: Data?

    /// Creates a request.
    init(method: HTTPMethod, url: URL, headers: [HTTPField] = [], body: Data? = nil) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }

    /// `host:port` for messages, with the scheme's default port when the URL names none.
    var hostAndPort: String {
        let host = url.host ?? "the server"
        let port = url.port ?? (url.scheme?.lowercased() == "https" ? 443 : 80)
        return host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }
}

/// A complete response: its status, its header fields and its (decoded, bounded) body.
struct HTTPResponse: Sendable {
    /// The status code of the final response (interim 1xx responses are skipped).
    var status: Int
    /// Header fields keyed by lower-case name; repeated fields joined with `, `. Trailer fields are not here.
    var headers: [String: String]
    /// The body after any `Content-Encoding` was undone, at most the transfer's cap.
    var body: Data
}

/// The bounds one transfer keeps, whatever the server sends.
struct TransferLimits: Hashable, Sendable {
    /// The largest body accepted, in bytes after decoding; a larger one is refused without reading the rest.
    var maxBodyBytes: Int
    /// The most bytes of status lines, header fields and trailer fields together.
    var maxHeaderBytes: Int = 64 << 10
    /// The most a compressed body may grow: decoded bytes per received byte, checked past `ratioGrace` bytes.
    var maxInflationRatio: Int = 100
    /// Decoded bytes before the inflation ratio is checked (small bodies compress well and are harmless).
    var ratioGrace: Int = 1 << 20
    /// The longest wait for the TCP and TLS connection.
    var connectTimeout: Duration = .seconds(5)
}

/// What one HTTP attempt ended with.
enum AttemptResult: Sendable {
    /// A complete response (any status).
    case response(HTTPResponse)
    /// The body was larger than the cap; the transfer was stopped there.
    case tooLarge
    /// The server's bytes broke HTTP (framing, encoding, oversized headers): not worth retrying.
    case malformed(detail: String)
    /// The attempt's deadline passed.
    case timedOut
    /// The connection could not be made or broke; `reason` is one line without secrets, naming host:port.
    case connectionFailed(reason: String)
    /// The caller cancelled the attempt.
    case cancelled
}
