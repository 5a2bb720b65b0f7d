import Foundation
import LinqModel

extension LinqHTTPClient {
    /// The page size `chats(from:to:onPage:)` asks for: the most the API allows.
    public static let chatPageLimit = 100

    /// Lists every chat: `GET {base}/v3/chats?limit=100[&from=PHONE][&to=HANDLE][&cursor=...]`, following
    /// `next_cursor` until it is null or empty, with the retries of every fetch.
    ///
    /// - Parameters:
    ///   - phone: `from`, the partner's own line the chats were made from; nil for all lines.
    ///   - handle: `to`, a participant (E.164 phone or email) every chat must include; nil for all.
    ///   - onPage: called after each page with the pages and chats loaded so far (for "loading, page 2").
    /// Throws `.malformed` when the server repeats a cursor or sends more than `maxChatPages` pages.
    public func chats(
        from phone: String?, to handle: String?, onPage: (@Sendable (_ pages: Int, _ chats: Int) -> Void)? = nil
    ) async throws(FetchError) -> [Chat] {
        var chats: [Chat] = []
        var cursor: String?
        var seenCursors: Set<String> = []
        for pageNumber in 1...Self.maxChatPages {
            var query = [("limit", String(Self.chatPageLimit))]
            if let phone { query.append(("from", phone)) }
            if let handle { query.append(("to", handle)) }
            if let cursor { query.append(("cursor", cursor)) }
            let url = try endpoint("v3/chats", query: query)
            let page = try await fetch(url, accept: "application/json", progress: nil) {
                (status, headers, body, retryAfter) throws(FetchError) in
                try ChatListDecoder.page(
                    status: status, body: body, location: headers["location"], retryAfter: retryAfter)
            }
            chats += page.chats
            onPage?(pageNumber, chats.count)
            guard let next = page.nextCursor else { return chats }
            guard seenCursors.insert(next).inserted else {
                throw .malformed(detail: "the chat list repeated cursor \"\(next)\"")
            }
            cursor = next
        }
        throw .malformed(detail: "the chat list did not end within \(Self.maxChatPages) pages")
    }

    /// Fetches one chat: `GET {base}/v3/chats/{chatID}` (display name, handles, `is_group`, service).
    ///
    /// Throws `.chatNotFound` for a 404, and the other `FetchError`s as `locations(chat:)` does.
    public func chat(id chatID: String) async throws(FetchError) -> Chat {
        let url = try endpoint("v3/chats/\(Self.pathSegment(chatID))")
        return try await fetch(url, accept: "application/json", progress: nil) {
            (status, headers, body, retryAfter) throws(FetchError) in
            try ChatListDecoder.chat(
                status: status, body: body, chatID: chatID, location: headers["location"], retryAfter: retryAfter)
        }
    }
}
