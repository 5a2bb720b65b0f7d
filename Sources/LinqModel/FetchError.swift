import Foundation

/// The details of one error the Linq API (or something in front of it) returned.
///
/// `code`, `message` and `docURL` come from the `{"success": false, "error": {...}}` envelope when the body
/// had one; for a body that was not JSON (an HTML page from a proxy) `code` and `docURL` are nil and
/// `message` names the HTTP status.
public struct APIError: Hashable, Sendable {
    /// The HTTP status of the response (or the envelope's `error.status` for a 200 with `success: false`).
    public var status: Int
    /// The Linq error code (for example 2004), when the body carried one.
    public var code: Int?
    /// The human-readable message, as the API sent it (not sanitised: display code sanitises).
    public var message: String
    /// The documentation link the API sent, if any.
    public var docURL: String?

    /// Creates API error details.
    public init(status: Int, code: Int? = nil, message: String, docURL: String? = nil) {
        self.status = status
        self.code = code
        self.message = message
        self.docURL = docURL
    }

    /// One line: `error <code>: <message> (HTTP <status>, <doc_url>)`; without a code the line starts with
    /// `error:`, and without a doc URL the parenthesis holds only the status.
    public var line: String {
        let head = code.map { "error \($0)" } ?? "error"
        let tail = docURL.map { "HTTP \(status), \($0)" } ?? "HTTP \(status)"
        return "\(head): \(message) (\(tail))"
    }
}

/// Why a fetch from the Linq API failed; one case per way the command or the viewer must react.
///
/// Never carries the API key. Strings are kept as received; display code sanitises them.
public enum FetchError: Error, Hashable, Sendable {
    /// 401 or 403: the key is wrong or lacks access. Exit 77.
    case unauthorized(APIError)
    /// 404 on the location GET: no such chat for this key. Exit 66.
    case chatNotFound(chatID: String, APIError)
    /// Network failure, timeout, 408, 429 or 5xx after retries, or a `Retry-After` too long to wait.
    /// `api` holds the last error response, if there was one. Exit 69.
    case unavailable(reason: String, retryAfter: Duration?, api: APIError?)
    /// The body was not JSON, JSONDecoder could not represent it, or it broke the protocol. Exit 65.
    case malformed(detail: String)
    /// The body was larger than `limitBytes`; the rest was not read. Exit 65.
    case tooLarge(limitBytes: Int)
    /// A 3xx: redirects are never followed, so the key is never sent on. Exit 76.
    case redirect(status: Int, location: String?)
    /// Any other 4xx (and a 200 with `success: false` that is not one of the above). Exit 76.
    case clientError(APIError)
    /// The fetch was cancelled by its caller (the viewer quit or refreshed). Exit 69.
    case cancelled

    /// One line for the status bar and for stderr; for API errors exactly
    /// `error <code>: <message> (HTTP <status>, <doc_url>)`.
    public var message: String {
        switch self {
        case .unauthorized(let api), .chatNotFound(_, let api), .clientError(let api):
            return api.line
        case .unavailable(let reason, let retryAfter, let api):
            if let api { return api.line }
            guard let retryAfter else { return reason }
            return "\(reason); the server asks to retry after \(retryAfter.wholeSecondsText)"
        case .malformed(let detail):
            return "malformed response: \(detail)"
        case .tooLarge(let limitBytes):
            return "response larger than \(limitBytes) bytes refused"
        case .redirect(let status, let location):
            let target = location.map { "to \($0)" } ?? "without a Location"
            return "HTTP \(status) redirect \(target) not followed (check the base URL)"
        case .cancelled:
            return "fetch cancelled"
        }
    }

    /// The sysexits(3) status for `--once` and `--list-chats`.
    public var exitCode: Int32 { programExit.code }

    /// How long the server asked us to wait, when it sent a `Retry-After` with the failure.
    public var retryAfter: Duration? {
        if case .unavailable(_, let retryAfter, _) = self { return retryAfter }
        return nil
    }

    /// The Linq error code of the API error behind this failure, if any.
    public var apiCode: Int? { api?.code }

    /// The API error behind this failure, if the server sent one.
    public var api: APIError? {
        switch self {
        case .unauthorized(let api), .chatNotFound(_, let api), .clientError(let api): return api
        case .unavailable(_, _, let api): return api
        case .malformed, .tooLarge, .redirect, .cancelled: return nil
        }
    }
}

extension Duration {
    /// `"90 s"`: whole seconds, rounded up, for messages.
    var wholeSecondsText: String {
        let (seconds, attoseconds) = components
        return "\(attoseconds > 0 ? seconds + 1 : seconds) s"
    }
}
