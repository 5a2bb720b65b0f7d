import Foundation

/// One chat from `GET /v3/chats`.
public struct Chat: Hashable, Sendable {
    /// The chat id (a UUID), as `linq-map <chat-id>` takes it.
    public var id: String
    /// The chat's display name; nil when the API sent null or none.
    public var displayName: String?
    /// The participants' handles (E.164 phone numbers or emails), in the API's order, the partner's own line
    /// (`ownHandles`) included.
    public var handles: [String]
    /// Whether this is a group chat.
    public var isGroup: Bool
    /// The partner's own handles in the chat (`is_me: true`), usually one phone line.
    public var ownHandles: [String]
    /// `service`: `iMessage`, `SMS` or `RCS`; nil when absent.
    public var service: String?
    /// `created_at`; nil when absent or unparseable.
    public var createdAt: Date?
    /// `updated_at`, the chat's last activity; nil when absent or unparseable.
    public var updatedAt: Date?

    /// Creates a chat.
    public init(
        id: String, displayName: String? = nil, handles: [String] = [], isGroup: Bool = false,
        ownHandles: [String] = [], service: String? = nil, createdAt: Date? = nil, updatedAt: Date? = nil
    ) {
        self.id = id
        self.displayName = displayName
        self.handles = handles
        self.isGroup = isGroup
        self.ownHandles = ownHandles
        self.service = service
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// `handles` without the partner's own (`is_me`) ones: the people the chat is with.
    public var otherHandles: [String] {
        handles.filter { !ownHandles.contains($0) }
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
            guard let chat = chat(from: item) else {
                warnings.append("skipped chat \(index + 1): no id")
                continue
            }
            chats.append(chat)
        }
        return ChatPage(chats: chats, nextCursor: nextCursor, warnings: warnings)
    }

    /// Decodes `GET /v3/chats/{chatId}`: the chat object, bare or in the `{"success": true, "data": ...}` envelope.
    /// A 404 is `.chatNotFound`; a body without a chat id is malformed.
    public static func chat(
        status: Int, body: Data, chatID: String, location: String? = nil, retryAfter: Duration? = nil
    ) throws(FetchError) -> Chat {
        let json = try APIResponse.successBody(
            status: status, body: body, location: location, retryAfter: retryAfter, chatID: chatID)
        let payload = json["id"] == nil ? json["data"] : json
        guard let payload, let chat = chat(from: payload) else {
            throw .malformed(detail: "no chat \"id\" in the chat response")
        }
        return chat
    }

    /// One chat object of the API; nil without an id. Handles may be objects (`handle`, `is_me`) or bare
    /// strings; the `is_me` ones go to `ownHandles`.
    public static func chat(from item: JSONValue) -> Chat? {
        guard let id = item["id"]?.stringValue, !id.isEmpty else { return nil }
        var handles: [String] = []
        var ownHandles: [String] = []
        for entry in item["handles"]?.arrayValue ?? [] {
            guard let handle = entry.stringValue ?? entry["handle"]?.stringValue else { continue }
            handles.append(handle)
            if case .bool(true)? = entry["is_me"] { ownHandles.append(handle) }
        }
        let isGroup: Bool
        if case .bool(let flag)? = item["is_group"] {
            isGroup = flag
        } else {
            isGroup = handles.count > 2
        }
        return Chat(
            id: id, displayName: item["display_name"]?.stringValue, handles: handles, isGroup: isGroup,
            ownHandles: ownHandles, service: item["service"]?.stringValue,
            createdAt: item["created_at"]?.stringValue.flatMap(LocationDecoder.parseTimestamp),
            updatedAt: item["updated_at"]?.stringValue.flatMap(LocationDecoder.parseTimestamp))
    }
}
