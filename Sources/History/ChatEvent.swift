import Foundation
import Geo
import LinqModel

/// Something that changed for one participant of one chat between two polls (issue 13): they arrived at or
/// left a place, started or stopped sharing, went stale or came back.
public struct ChatEvent: Hashable, Sendable {
    /// What happened. The raw values are the words the screen, `linq-map events`, the JSON and hooks'
    /// `LINQ_MAP_EVENT` use.
    public enum Kind: String, CaseIterable, Hashable, Sendable {
        /// Came within a place's radius.
        case arrived
        /// Went beyond a place's radius and its hysteresis margin.
        case left
        /// Appeared in a poll after being absent (or for the first time after the chat was first polled).
        case startedSharing = "started sharing"
        /// Missing from a poll after sharing.
        case stoppedSharing = "stopped sharing"
        /// No new fix for the stale-after time.
        case stale
        /// A new fix after being stale.
        case freshAgain = "fresh again"

        /// The kinds that concern a place (`place` is set).
        public var isAboutPlace: Bool { self == .arrived || self == .left }

        /// The kind named `text`: the raw value, or with `_` or `-` for the space (`started_sharing`); nil for
        /// anything else.
        public init?(named text: String) {
            let words = text.lowercased().replacingOccurrences(of: "_", with: " ").replacingOccurrences(
                of: "-", with: " ")
            guard let kind = Kind(rawValue: words) else { return nil }
            self = kind
        }
    }

    /// When the change was seen: the poll's time, or the clock tick that found a fix stale.
    public var time: Date
    /// The chat id (lower case).
    public var chatID: String
    /// The participant's handle.
    public var handle: String
    /// The participant's contact name when one matched, else nil.
    public var name: String?
    /// What happened.
    public var kind: Kind
    /// The place's name for `arrived` and `left`, else nil.
    public var place: String?
    /// Where the participant was (their last known position for `stopped sharing` and `stale`).
    public var position: LatLon

    /// Creates an event.
    public init(
        time: Date, chatID: String, handle: String, name: String? = nil, kind: Kind, place: String? = nil,
        position: LatLon
    ) {
        self.time = time
        self.chatID = chatID
        self.handle = handle
        self.name = name
        self.kind = kind
        self.place = place
        self.position = position
    }

    /// The participant as people read it: the contact name, else the handle.
    public var participant: String { name ?? handle }

    /// What happened in words, without the time: `Ana arrived home`, `Ana left home`, `Ana started sharing`,
    /// `Ana stale`, `Ana fresh again`.
    public var summary: String {
        [participant, kind.rawValue, place].compactMap { $0 }.joined(separator: " ")
    }

    /// One line of `linq-map events`: the time (ISO 8601 UTC), then `summary`, then `lat,lon` to 5 decimals
    /// (about a metre), two spaces apart: `2026-12-01T14:32:05Z  Ana arrived home  40.71280,-74.00600`.
    public var line: String {
        let position = String(format: "%.5f,%.5f", position.lat, position.lon)
        return "\(TrackExport.isoText(time))  \(summary)  \(position)"
    }

    /// The event as one JSON object, for `linq-map events --format json` and hooks' standard input: `time`
    /// (ISO 8601 UTC), `chat_id`, `participant` (name, else handle), `handle`, `name` (null without a
    /// contact), `kind`, `place` (null unless `arrived` or `left`), `lat`, `lon`.
    public var json: JSONValue {
        .object([
            "time": .string(TrackExport.isoText(time)),
            "chat_id": .string(chatID),
            "participant": .string(participant),
            "handle": .string(handle),
            "name": name.map(JSONValue.string) ?? .null,
            "kind": .string(kind.rawValue),
            "place": place.map(JSONValue.string) ?? .null,
            "lat": .number(position.lat),
            "lon": .number(position.lon),
        ])
    }

    /// `events` as a JSON array of `json` objects, in the order given.
    public static func jsonArray(_ events: [ChatEvent]) -> String {
        JSONWriter.text(.array(events.map(\.json)))
    }
}
