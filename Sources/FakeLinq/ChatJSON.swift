import Foundation

/// A chat as `GET /v3/chats` and `GET /v3/chats/{id}` send it, with the official SDK's fields (linq-python
/// `types/chat.py`, `types/shared/chat_handle.py`): `id`, `display_name`, `handles` (objects with `id`, `handle`,
/// `service`, `is_me`, `joined_at`, `status`), `is_group`, `service`, `created_at`, `updated_at`, `is_archived`,
/// `group_chat_icon` and `health_status`.
enum ChatJSON {
    /// The chat's JSON object; the partner's own line comes first with `is_me: true`.
    static func object(_ chat: FakeChat) -> String {
        let created = timestamp(chat.createdAt)
        let everyone = [(chat.lineNumber, true)] + chat.handles.map { ($0, false) }
        let handles = everyone.enumerated().map { index, entry in
            let service = entry.0.contains("@") ? "iMessage" : chat.service
            return #"{"id":"# + JSONText.string("\(chat.id.prefix(8))-h\(index)") + #","handle":"#
                + JSONText.string(entry.0) + #","service":"# + JSONText.string(service) + #","is_me":"#
                + (entry.1 ? "true" : "false") + #","joined_at":"# + JSONText.string(created)
                + #","status":"active"}"#
        }
        return #"{"id":"# + JSONText.string(chat.id) + #","display_name":"# + JSONText.string(chat.displayName)
            + #","handles":["# + handles.joined(separator: ",") + #"],"is_group":"# + (chat.isGroup ? "true" : "false")
            + #","service":"# + JSONText.string(chat.service) + #","created_at":"# + JSONText.string(created)
            + #","updated_at":"# + JSONText.string(timestamp(chat.updatedAt))
            + #","is_archived":false,"group_chat_icon":null,"health_status":{"status":"HEALTHY","doc_url":"#
            + JSONText.string("https://docs.linqapp.com/channel/imessage/guides/chats/chat-health")
            + #","updated_at":"# + JSONText.string(created) + "}}"
    }

    /// `date` as `2026-01-01T00:00:00Z`.
    static func timestamp(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(timeZone: TimeZone(secondsFromGMT: 0) ?? .gmt))
    }
}
