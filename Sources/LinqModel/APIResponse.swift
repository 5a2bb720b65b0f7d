import Foundation

/// Reads the Linq response envelopes shared by every endpoint: `{"success": true, "data": ...}` and
/// `{"success": false, "error": {"status", "code", "message", "doc_url"}}`.
public enum APIResponse {
    /// The parsed body of a 2xx response whose envelope does not say `success: false`.
    ///
    /// Throws the matching `FetchError` for any other status (see `error(status:body:location:retryAfter:chatID:)`),
    /// and `.malformed` when a 2xx body is not JSON. A value linq-map cannot read (`1e999`, a lone surrogate)
    /// is left out of its object or array rather than refusing the body.
    public static func successBody(
        status: Int, body: Data, location: String? = nil, retryAfter: Duration? = nil, chatID: String? = nil
    ) throws(FetchError) -> JSONValue {
        guard (200..<300).contains(status) else {
            throw error(status: status, body: body, location: location, retryAfter: retryAfter, chatID: chatID)
        }
        let json: JSONValue
        do {
            json = try JSONValue.parse(body, dropsOddValues: true)
        } catch {
            throw .malformed(detail: error.detail)
        }
        if json["success"] == .bool(false) {
            let api = apiError(status: status, envelope: json)
            throw classify(api, location: location, retryAfter: retryAfter, chatID: chatID)
        }
        return json
    }

    /// The error a non-2xx response stands for: 401/403 unauthorized, 404 chat not found (when `chatID` is
    /// given, else a client error), 408/429/5xx unavailable, 3xx redirect, any other status a client error.
    ///
    /// The API's error envelope supplies code, message and doc URL; a body that is not JSON (an HTML page
    /// from a proxy) still yields an error naming the HTTP status.
    public static func error(
        status: Int, body: Data, location: String? = nil, retryAfter: Duration? = nil, chatID: String? = nil
    ) -> FetchError {
        if (300..<400).contains(status) {
            return .redirect(status: status, location: location)
        }
        // A non-JSON body falls back to a status-only error below.
        let envelope = try? JSONValue.parse(body, dropsOddValues: true)
        let api = apiError(status: status, envelope: envelope)
        return classify(api, location: location, retryAfter: retryAfter, chatID: chatID)
    }

    private static func apiError(status: Int, envelope: JSONValue?) -> APIError {
        guard let details = envelope?["error"], case .object = details else {
            let what = envelope == nil ? "a non-JSON error body" : "an error body without Linq error details"
            return APIError(status: status, message: "the server sent \(what)")
        }
        var effectiveStatus = status
        if !(400..<600).contains(status), let inner = details["status"]?.numberValue.flatMap(exactInt),
            (400..<600).contains(inner)
        {
            effectiveStatus = inner  // a 200 with success: false reports its real status inside
        }
        return APIError(
            status: effectiveStatus,
            code: details["code"]?.numberValue.flatMap(exactInt),
            message: details["message"]?.stringValue ?? "no message",
            docURL: details["doc_url"]?.stringValue
        )
    }

    private static func classify(
        _ api: APIError, location: String?, retryAfter: Duration?, chatID: String?
    ) -> FetchError {
        switch api.status {
        case 401, 403:
            return .unauthorized(api)
        case 404 where chatID != nil:
            return .chatNotFound(chatID: chatID ?? "", api)
        case 408, 429, 500..<600:
            return .unavailable(reason: "HTTP \(api.status)", retryAfter: retryAfter, api: api)
        case 300..<400:
            return .redirect(status: api.status, location: location)
        default:
            return .clientError(api)
        }
    }

    private static func exactInt(_ number: Double) -> Int? {
        Int(exactly: number)
    }
}
