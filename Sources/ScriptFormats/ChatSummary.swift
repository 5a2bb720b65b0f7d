import Foundation
import LinqModel
import MapApp

/// A chat as a list shows it (`--list-chats`, and the chat picker): its title, kind, the other participants'
/// names or handles, and the service; with the picker's filter and order.
public struct ChatSummary: Hashable, Sendable {
    /// The chat.
    public var chat: Chat
    /// The display name, or the others' names or handles joined by ", " when the chat has none (or only the
    /// API's default, which is the handles joined); `(no name)` when there is nothing at all.
    public var title: String
    /// `group` or `1:1`.
    public var kind: String
    /// The other participants (not the partner's own line), each as a contact name when one matches, else
    /// the handle, in the API's order.
    public var others: [String]

    /// Summarises `chat`, with `names` mapping handles to contact names.
    public init(_ chat: Chat, names: [String: String]) {
        self.chat = chat
        others = chat.otherHandles.map { names[$0] ?? $0 }
        // NB: the API's default display name is the handles joined by ", " (linq-python types/chat.py).
        let defaultName = chat.otherHandles.joined(separator: ", ")
        let given = chat.displayName.flatMap { $0.isEmpty || $0 == defaultName ? nil : $0 }
        let joined = others.joined(separator: ", ")
        title = given ?? (joined.isEmpty ? "(no name)" : joined)
        kind = chat.isGroup ? "group" : "1:1"
    }

    /// Whether `filter` occurs, case-insensitively, in the title, the display name, a handle or a contact
    /// name of the chat; an empty filter matches every chat.
    public func matches(_ filter: String) -> Bool {
        PickerEntry.matches(filter, in: searchable)
    }

    /// What a filter searches: the title, the display name, the others' names and handles.
    public var searchable: [String] { [title, chat.displayName ?? ""] + others + chat.otherHandles }

    /// The chat as the picker lists it.
    public var pickerEntry: PickerEntry {
        PickerEntry(
            id: chat.id, title: title, kind: kind, others: others, service: chat.service ?? "", searchable: searchable)
    }

    /// `chats` summarised, newest `updated_at` first (chats without one last, in the API's order).
    public static func newestFirst(_ chats: [Chat], names: [String: String]) -> [ChatSummary] {
        chats.enumerated().sorted { left, right in
            switch (left.element.updatedAt, right.element.updatedAt) {
            case (let a?, let b?) where a != b: return a > b
            case (.some, nil): return true
            case (nil, .some): return false
            default: return left.offset < right.offset
            }
        }.map { ChatSummary($0.element, names: names) }
    }
}
