import Foundation
import LinqModel
import MapApp

/// The participants of one chat as fetched: the chat's id and its location snapshot.
public struct ChatLocations: Hashable, Sendable {
    /// The chat id, as given on the command line.
    public var chatID: String
    /// The decoded location response.
    public var snapshot: LocationSnapshot

    /// Creates a chat's locations.
    public init(chatID: String, snapshot: LocationSnapshot) {
        self.chatID = chatID
        self.snapshot = snapshot
    }
}

/// One participant as the script formats print it: named fields, nothing formatted yet.
public struct ScriptRow: Hashable, Sendable {
    /// The chat the participant was seen in.
    public var chatID: String
    /// The one-character map label (`LabelBook`), unique across all chats printed together.
    public var label: Character
    /// The participant's handle as the API sent it.
    public var handle: String
    /// The contact name for the handle, nil without one.
    public var name: String?
    /// The position in degrees.
    public var coordinate: Coordinate
    /// `locality` from the API; nil when absent.
    public var locality: String?
    /// `address` from the API; nil when absent.
    public var address: String?
    /// When the position was last refreshed; nil when unknown.
    public var updatedAt: Date?
    /// Whether the participant is sharing now (false: stopped, kept at their last position by the viewer).
    public var isSharing: Bool

    /// Creates a row.
    public init(
        chatID: String, label: Character, handle: String, name: String? = nil, coordinate: Coordinate,
        locality: String? = nil, address: String? = nil, updatedAt: Date? = nil, isSharing: Bool = true
    ) {
        self.chatID = chatID
        self.label = label
        self.handle = handle
        self.name = name
        self.coordinate = coordinate
        self.locality = locality
        self.address = address
        self.updatedAt = updatedAt
        self.isSharing = isSharing
    }

    /// The name when there is one, else the handle.
    public var displayName: String { name ?? handle }

    /// Whole seconds from `updatedAt` to `now` (negative for a time in the future); nil when unknown.
    public func ageSeconds(now: Date) -> Int? {
        guard let updatedAt else { return nil }
        let age = now.timeIntervalSince(updatedAt).rounded(.down)
        guard age.isFinite, abs(age) < Double(Int32.max) else { return nil }
        return Int(age)
    }

    /// The rows of `chats`, labelled in order of first appearance across all chats (one label per handle, so a
    /// person in two chats keeps one label), sorted sharing before stopped, then by label. `names` maps
    /// handles to contact names.
    public static func rows(
        _ chats: [ChatLocations], names: [String: String] = [:], stopped: [ScriptRow] = []
    ) -> [ScriptRow] {
        var labels = LabelBook()
        var rows: [ScriptRow] = []
        for chat in chats {
            for participant in chat.snapshot.participants {
                rows.append(
                    ScriptRow(
                        chatID: chat.chatID, label: labels.assign(participant.handle), handle: participant.handle,
                        name: names[participant.handle], coordinate: participant.coordinate,
                        locality: participant.locality, address: participant.address,
                        updatedAt: participant.updatedAt))
            }
        }
        let ranked = rows.map { row in (row, labels.rank(of: row.handle) ?? Int.max) }
        let stoppedRanked = stopped.enumerated().map { index, row in (row, Int.max - stopped.count + index) }
        return (ranked + stoppedRanked).sorted { left, right in
            if left.0.isSharing != right.0.isSharing { return left.0.isSharing }
            return left.1 < right.1
        }.map(\.0)
    }
}
