import Foundation
import Geo
import History
import TextUI

/// One participant's trail as the composer draws it: runs of positions joined by lines of dots, in a style.
public struct TrailDrawing: Hashable, Sendable {
    /// The runs to join, oldest first; a run of one position is one dot.
    public var runs: [[LatLon]]
    /// The dots' style: the participant's colour, dim.
    public var style: Style

    /// Creates a trail drawing.
    public init(runs: [[LatLon]], style: Style) {
        self.runs = runs
        self.style = style
    }
}

/// What the composer draws on the map besides the layers and markers: trails behind the markers and the home
/// point (`⌂`, `H` in ASCII).
public struct MapOverlays: Hashable, Sendable {
    /// The trails, drawn in order (a later one covers an earlier one's cells).
    public var trails: [TrailDrawing]
    /// The home point, if any.
    public var home: LatLon?

    /// Creates overlays; none by default.
    public init(trails: [TrailDrawing] = [], home: LatLon? = nil) {
        self.trails = trails
        self.home = home
    }
}

/// The colours trails cycle through by the participant's label (so a participant keeps theirs in history mode and
/// in the panel, where the label is drawn in it), bright ones apart from the map's own (cyan coasts, blue water,
/// grey borders).
public enum TrailPalette {
    /// The colours, in order.
    public static let colors: [Color] = [
        .magenta, .brightGreen, .brightYellow, .brightBlue, .brightRed, .brightCyan, .brightMagenta, .green,
    ]

    /// The colour of the participant labelled `label`: labels next to each other get the next colour.
    public static func color(for label: Character) -> Color {
        let code = Int(label.unicodeScalars.first?.value ?? 0)
        return colors[code % colors.count]
    }
}

extension AppState {
    /// The overlays of the map at `now`: the home point, and with trails on each participant's positions since
    /// `now` less the trail duration (the last fix before that included, so the trail reaches into the window),
    /// split where sharing restarted or two fixes lie more than an hour apart.
    public func mapOverlays(now: Date) -> MapOverlays {
        // Privacy mode rounds the home point and every trail point as it rounds the markers.
        let shown = { (position: LatLon) in isRedacted ? Redaction.position(position) : position }
        var overlays = MapOverlays(home: history.home.map(shown))
        guard history.showsTrails else { return overlays }
        let cutoff = now.addingTimeInterval(-Double(history.trailDuration.components.seconds))
        for tracked in participants {
            guard let path = history.paths[tracked.handle], !path.isEmpty else { continue }
            let start = path.lastIndex { $0.time <= cutoff } ?? 0
            let window = path[start...].filter { $0.time <= now }
            guard !window.isEmpty else { continue }
            let runs = Trail(handle: tracked.handle, points: window).segments().map { $0.map { shown($0.position) } }
            overlays.trails.append(
                TrailDrawing(
                    runs: runs, style: Style(foreground: TrailPalette.color(for: tracked.label), attributes: .dim)))
        }
        return overlays
    }
}
