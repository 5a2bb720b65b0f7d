import Foundation
import Geo
import LinqModel

/// One stored row of a participant's history in a chat: a fix (a position as the API reported it) or the moment
/// they stopped sharing.
public struct TrackPoint: Hashable, Sendable {
    /// What the row records.
    public enum Kind: Int, Hashable, Sendable {
        /// A position that differs from the previous one, or the first one seen.
        case fix = 0
        /// The first position after the participant stopped sharing: sharing started again.
        case started = 1
        /// The participant was missing from a poll after having shared; `coordinate` repeats their last one.
        case stopped = 2
    }

    /// What this row records.
    public var kind: Kind
    /// E.164 phone number or email, as the API sent it.
    public var handle: String
    /// The reported position (for `.stopped`, the last position before the stop).
    public var coordinate: Coordinate
    /// `properties.locality`, when sent.
    public var locality: String?
    /// `properties.address`, when sent.
    public var address: String?
    /// `properties.updated_at`: when Apple took the fix; nil when the API sent none.
    public var updatedAt: Date?
    /// The poll that stored this row.
    public var recordedAt: Date
    /// The last poll in which this fix was still the participant's position (equal to `recordedAt` until an
    /// unchanged poll moves it on).
    public var seenAt: Date

    /// Creates a row.
    public init(
        kind: Kind = .fix, handle: String, coordinate: Coordinate, locality: String? = nil, address: String? = nil,
        updatedAt: Date? = nil, recordedAt: Date, seenAt: Date? = nil
    ) {
        self.kind = kind
        self.handle = handle
        self.coordinate = coordinate
        self.locality = locality
        self.address = address
        self.updatedAt = updatedAt
        self.recordedAt = recordedAt
        self.seenAt = seenAt ?? recordedAt
    }

    /// When the position was true: `updatedAt`, else the poll that stored it.
    public var time: Date { updatedAt ?? recordedAt }

    /// The position as map degrees.
    public var latLon: LatLon { LatLon(lat: coordinate.latitude, lon: coordinate.longitude) }

    /// Whether this row says where the participant was (a fix, or a fix after a restart), not that they stopped.
    public var isPosition: Bool { kind != .stopped }

    /// The participant this row describes, as a poll would have reported it.
    public var participant: Participant {
        Participant(
            handle: handle, coordinate: coordinate, address: address, locality: locality, updatedAt: updatedAt,
            updatedAtText: updatedAt.map { $0.formatted(Date.ISO8601FormatStyle()) })
    }
}

/// One participant's rows in one chat, oldest first.
public struct Track: Hashable, Sendable {
    /// The chat the rows were recorded in.
    public var chatID: String
    /// The participant's handle.
    public var handle: String
    /// The rows, by `recordedAt`, oldest first.
    public var points: [TrackPoint]

    /// Creates a track.
    public init(chatID: String, handle: String, points: [TrackPoint]) {
        self.chatID = chatID
        self.handle = handle
        self.points = points
    }

    /// The rows that are positions (stops left out), oldest first.
    public var positions: [TrackPoint] { points.filter(\.isPosition) }
}

/// One successful poll to record: the chat, when it was answered, and who was sharing where.
public struct PollRecord: Hashable, Sendable {
    /// The chat polled.
    public var chatID: String
    /// When the answer arrived (the viewer's clock).
    public var polledAt: Date
    /// Everyone sharing in the answer, in response order.
    public var participants: [Participant]

    /// Creates a poll record.
    public init(chatID: String, polledAt: Date, participants: [Participant]) {
        self.chatID = chatID
        self.polledAt = polledAt
        self.participants = participants
    }
}
