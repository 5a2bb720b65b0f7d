import Foundation
import Geo
import History

extension Redaction {
    /// A recorded track as privacy mode exports it (`linq-map history --redact`): its handle masked, every
    /// position snapped to the grid (altitude dropped), addresses hidden; localities and times kept.
    public static func track(_ track: Track, ascii: Bool = false) -> Track {
        let points = track.points.map { point in
            var shown = point
            shown.handle = handle(point.handle, ascii: ascii)
            shown.coordinate = coordinate(point.coordinate)
            shown.address = nil
            return shown
        }
        return Track(chatID: track.chatID, handle: handle(track.handle, ascii: ascii), points: points)
    }

    /// A recorded event as privacy mode prints it (`linq-map events --redact`): handle masked, first name only,
    /// position snapped to the grid; its time, chat, kind and place kept.
    public static func event(_ event: ChatEvent, ascii: Bool = false) -> ChatEvent {
        var shown = event
        shown.handle = handle(event.handle, ascii: ascii)
        shown.name = event.name.map(name)
        shown.position = position(event.position)
        return shown
    }
}
