import Foundation
import Geo
import TextUI

/// The side panel after `P`: the places, two lines each, in the order given. Line one: the name (bold) and the
/// radius; line two: who is inside now (names or handles, sharing participants within the radius) or `nobody
/// inside`, then the centre. With no places it says how to add one.
public struct PlacesPanel: Hashable, Sendable {
    /// One place's entry.
    public struct Row: Hashable, Sendable {
        /// The place's name.
        public var name: String
        /// The radius as written back (`300 m`).
        public var radius: String
        /// Who is inside, names or handles, in label order.
        public var inside: [String]
        /// The centre, `40.71280,-74.00600`.
        public var center: String
    }

    /// The rows, in the order the places were given.
    public var rows: [Row]

    /// The places of `state` and who of its sharing participants is inside each; in privacy mode the centres are
    /// rounded as on the map (`AppState.shownPlaces`), while who is inside is still measured from the true ones.
    public init(state: AppState) {
        rows = zip(state.events.settings.places, state.shownPlaces).map { place, shown in
            let inside = state.participants.filter {
                $0.isSharing && place.distanceMeters(to: $0.position) <= place.radiusMeters
            }
            .map { state.displayName(of: $0.handle) }
            return Row(
                name: place.name, radius: place.radiusText, inside: inside,
                center: String(format: "%.5f,%.5f", shown.center.lat, shown.center.lon))
        }
    }

    /// Draws the rows into `rect` under a `places` heading, clipped to it; the last line says how many did not
    /// fit (`+3 more`). Returns the lines used.
    @discardableResult
    public func render(in rect: Rect, into buffer: inout CellBuffer, ascii: Bool) -> Int {
        guard rect.width > 0, rect.height > 0 else { return 0 }
        let heading = rows.count == 1 ? "1 place (P: participants)" : "\(rows.count) places (P: participants)"
        buffer.put(heading, x: rect.x, y: rect.y, style: Style(attributes: .bold), maxWidth: rect.width, ascii: ascii)
        var y = rect.y + 1
        if rows.isEmpty {
            let hint = "Add one with --place NAME=LAT,LON[,RADIUS] or [places] in the settings file."
            for line in ViewerFrame.wrapped(hint, width: rect.width).prefix(max(0, rect.maxY - y)) {
                buffer.put(line, x: rect.x, y: y, style: Style(attributes: .dim), maxWidth: rect.width, ascii: ascii)
                y += 1
            }
            return y - rect.y
        }
        let separator = ascii ? ", " : " · "
        for (index, row) in rows.enumerated() {
            let remaining = rows.count - index
            let fits = y + 2 <= rect.maxY && (remaining == 1 || y + 3 <= rect.maxY)
            guard fits else {
                buffer.put(
                    "+\(remaining) more", x: rect.x, y: y, style: Style(attributes: .dim), maxWidth: rect.width,
                    ascii: ascii)
                return y + 1 - rect.y
            }
            let x =
                rect.x
                + buffer.put(
                    truncated(row.name, toWidth: max(1, rect.width - 10), ascii: ascii), x: rect.x, y: y,
                    style: Style(attributes: .bold), maxWidth: rect.width, ascii: ascii)
            buffer.put(
                "  " + row.radius, x: x, y: y, style: Style(attributes: .dim), maxWidth: rect.maxX - x, ascii: ascii)
            let who = row.inside.isEmpty ? "nobody inside" : row.inside.joined(separator: ", ") + " inside"
            let style = row.inside.isEmpty ? Style(attributes: .dim) : Style(foreground: .green)
            let detail = truncated(who + separator + row.center, toWidth: rect.width - 2, ascii: ascii)
            buffer.put(detail, x: rect.x + 2, y: y + 1, style: style, maxWidth: rect.width - 2, ascii: ascii)
            y += 2
        }
        return y - rect.y
    }
}
