import Foundation
import LinqModel

extension LinqHTTPClient {
    /// Asks the other person of 1:1 chat `chatID` to share their location:
    /// `POST {base}/v3/chats/{chatID}/location/request` (no body). Returns the server's message
    /// ("Location request sent").
    ///
    /// One attempt only, whatever the retry policy: each request prompts the recipient's phone, so a 409, 429
    /// or 5xx is reported, never repeated. Throws `.clientError` with the API's 409 (2016 in a group chat, 2017
    /// in an SMS or RCS chat, otherwise already sharing), `.unavailable` with the `Retry-After` of a 429,
    /// `.chatNotFound` for a 404, and the other `FetchError`s as `locations(chat:)` does.
    public func requestLocation(chat chatID: String) async throws(FetchError) -> String {
        let request = try request(.post, "v3/chats/\(Self.pathSegment(chatID))/location/request")
        return try await act(request, chatID: chatID)
    }

    /// Stops `handle`'s location share with the partner: `DELETE {base}/v3/chats/{chatID}/location` with
    /// `{"handle": handle}`. Sharing is per contact, so it ends in every chat with them. Returns the server's
    /// message once the stop is accepted (202).
    ///
    /// One attempt only, like `requestLocation(chat:)`. A 404 (the contact is not sharing, or no such chat)
    /// is `.clientError` with status 404.
    public func stopLocation(chat chatID: String, handle: String) async throws(FetchError) -> String {
        let body = Data(("{\"handle\":" + JSONWriter.string(handle) + "}").utf8)
        let request = try request(.delete, "v3/chats/\(Self.pathSegment(chatID))/location", json: body)
        return try await act(request, chatID: nil)
    }

    /// Sends an action on a chat once and reads `{"success": true, "message": ...}`; a success without a
    /// message, or whose body is empty or not JSON (a bare 202), reads "done": the status says it was accepted.
    /// `chatID` given makes a 404 `.chatNotFound`.
    private func act(_ request: HTTPRequest, chatID: String?) async throws(FetchError) -> String {
        try await fetch(request, retry: RetryPolicy.none.bounded(by: configuration.retry), progress: nil) {
            (status, headers, body, retryAfter) throws(FetchError) in
            if (200..<300).contains(status), (try? JSONValue.parse(body, dropsOddValues: true)) == nil {
                return "done"
            }
            let json = try APIResponse.successBody(
                status: status, body: body, location: headers["location"], retryAfter: retryAfter, chatID: chatID)
            return json["message"]?.stringValue ?? json["data"]?["message"]?.stringValue ?? "done"
        }
    }
}

extension RetryPolicy {
    /// This policy with `other`'s fetch budget, so a single attempt keeps the client's overall time bound.
    fileprivate func bounded(by other: RetryPolicy) -> RetryPolicy {
        var policy = self
        policy.fetchBudget = other.fetchBudget
        return policy
    }
}
