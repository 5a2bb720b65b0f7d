import Foundation

/// One chat from `GET /v3/chats`.
public struct Chat: Hashable, Sendable {
    /// The chat id (a UUID), as `linq-map <chat-id>` takes it.
    public var id: String
    /// The chat's display name; nil when the API sent null or none.
    public var displayName: String?
    /// The participants' handles (E.164 phone numbers or emails), in the API's order.
    public var handles: [String]
    /// Whether this is a group chat.
    public var isGroup: Bool

    /// Creates a chat.
    public init(id: String, displayName: String? = nil, handles: [String] = [], isGroup: Bool = false) {
        self.id = id
        self.displayName = displayName
        self.handles = handles
        self.isGroup = isGroup
    }
}

/// One page of `GET /v3/chats`.
public struct ChatPage: Hashable, Sendable {
    /// The valid chats of this page, in the API's order.
    public var chats: [Chat]
    /// The cursor of the next page; nil when this is the last page.
    public var nextCursor: String?
    /// One line per chat that was skipped because it had no id.
    public var warnings: [String]

    /// Creates a page.
    public init(chats: [Chat], nextCursor: String? = nil, warnings: [String] = []) {
        self.chats = chats
        self.nextCursor = nextCursor
        self.warnings = warnings
    }
}

/// Decodes pages of `GET /v3/chats`.
///
/// NB: the official SDKs (generated from Linq's OpenAPI spec) describe the page as
/// `{"chats": [Chat], "next_cursor": string|null}` with `Chat` holding `id`, `display_name` (nullable),
/// `handles` (objects whose `handle` is the phone or email), `is_group`, and more. Linq's location endpoint
/// wraps its data as `{"success": true, "data": ...}`, so both shapes are accepted here, and a handle may
/// also be a bare string. Unknown fields are ignored; `is_group` absent means more than two handles.
public enum ChatListDecoder {
    /// Decodes `body` received with HTTP `status`; non-2xx statuses and `success: false` throw their
    /// `FetchError` (a 404 is a client error here), a body that is not a chat page is malformed.
    public static func page(
        status: Int, body: Data, location: String? = nil, retryAfter: Duration? = nil
    ) throws(FetchError) -> ChatPage {
        let json = try APIResponse.successBody(status: status, body: body, location: location, retryAfter: retryAfter)
        return try page(fromSuccessBody: json)
    }

    /// Decodes an already parsed 2xx body.
    public static func page(fromSuccessBody json: JSONValue) throws(FetchError) -> ChatPage {
        let payload = json["chats"] == nil ? json["data"] : json
        guard let payload, let items = payload["chats"]?.arrayValue else {
            throw .malformed(detail: "no \"chats\" array in the chat list")
        }
        let nextCursor: String?
        switch payload["next_cursor"] {
        case nil, .null?: nextCursor = nil
        case .string(let cursor)?: nextCursor = cursor.isEmpty ? nil : cursor
        case .number(let number)?: nextCursor = Int(exactly: number).map(String.init) ?? "\(number)"
        case .some: throw .malformed(detail: "\"next_cursor\" is not a string")
        }
        var chats: [Chat] = []
        var warnings: [String] = []
        for (index, item) in items.enumerated() {
            guard let id = item["id"]?.stringValue, !id.isEmpty else {
                warnings.append("skipped chat \(index + 1): no id")
                continue
            }
            let handles = (item["handles"]?.arrayValue ?? []).compactMap { entry in
                entry.stringValue ?? entry["handle"]?.stringValue
            }
            let isGroup: Bool
            if case .bool(let flag)? = item["is_group"] {
                isGroup = flag
            } else {
                isGroup = handles.count > 2
            }
            chats.append(
                Chat(id: id, displayName: item["display_name"]?.stringValue, handles: handles, isGroup: isGroup))
        }
        return ChatPage(chats: chats, nextCursor: nextCursor, warnings: warnings)
    }
}
