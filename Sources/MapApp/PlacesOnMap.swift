import Foundation
import Geo
import TextUI

extension MapComposition {
    /// The smallest circle drawn, in cells across: smaller, a ring would read as a blot under the markers.
    static let smallestRingCells = 4.0

    /// The style of a place's ring and name: dim magenta, or dim alone on a monochrome theme.
    static func ringStyle(theme: MapTheme) -> Style {
        theme == .monochrome ? Style(attributes: .dim) : Style(foreground: .magenta, attributes: .dim)
    }

    /// Draws each place whose circle is at least `smallestRingCells` across as a dim ring of Braille dots (`:` in
    /// ASCII), and its name above the ring (else across its centre) where that is free, taking the name's cells so
    /// that labels drawn later avoid it. Cells already taken (markers, arrows and their labels, the scale bar) are
    /// left alone, so the rings sit behind everything the composer placed first. Circles much larger than the view
    /// and places far outside it draw nothing.
    mutating func drawPlaceRings(
        _ places: [NamedPlace], theme: MapTheme, projection: Projection, into buffer: inout CellBuffer
    ) {
        let style = MapComposition.ringStyle(theme: theme)
        let dotWidth = area.width * 2
        let dotHeight = area.height * 4
        for place in places {
            let centre = projection.dotCoordinates(of: place.center)
            // The ring in dots: an ellipse through the points the radius away due north and due east.
            let north = projection.dotCoordinates(
                of: LatLon(lat: min(89.9, place.center.lat + place.radiusMeters / 110_574), lon: place.center.lon))
            let metresPerLonDegree = 111_320 * max(0.01, cos(place.center.lat * .pi / 180))
            let east = projection.dotCoordinates(
                of: LatLon(lat: place.center.lat, lon: place.center.lon + place.radiusMeters / metresPerLonDegree))
            let radiusX = abs(east.x - centre.x)
            let radiusY = abs(north.y - centre.y)
            guard radiusX.isFinite, radiusY.isFinite, centre.x.isFinite, centre.y.isFinite,
                radiusX >= MapComposition.smallestRingCells,  // two dots a cell: the diameter in cells
                radiusX < Double(dotWidth + dotHeight) * 4,
                centre.x + radiusX >= 0, centre.x - radiusX < Double(dotWidth),
                centre.y + radiusY >= 0, centre.y - radiusY < Double(dotHeight)
            else { continue }
            var patterns: [Int: UInt8] = [:]
            let samples = min(20_000, Int((2 * .pi * max(radiusX, radiusY) * 2).rounded(.up)))
            for step in 0..<samples {
                let angle = 2 * Double.pi * Double(step) / Double(samples)
                let x = Int((centre.x + radiusX * cos(angle)).rounded(.down))
                let y = Int((centre.y + radiusY * sin(angle)).rounded(.down))
                guard x >= 0, y >= 0, x < dotWidth, y < dotHeight else { continue }
                patterns[(y >> 2) * area.width + (x >> 1), default: 0] |= DotCanvas.dotBits[(x & 1) * 4 + (y & 3)]
            }
            for (index, pattern) in patterns {
                let x = index % area.width
                let y = index / area.width
                guard !occupancy.isTaken(x, y) else { continue }
                if charset == .ascii {
                    put(":", style: style, x: x, y: y, into: &buffer)
                } else if let scalar = Unicode.Scalar(0x2800 + UInt32(pattern)) {
                    put(scalar: scalar, style: style, x: x, y: y, into: &buffer)
                }
            }
            placeRingName(
                place.name, centreX: Int(centre.x / 2), top: Int(((centre.y - radiusY) / 4).rounded(.down)) - 1,
                middle: Int(centre.y / 4), style: style, into: &buffer)
        }
    }

    /// Writes a ring's name centred on `centreX`, on row `top` (above the ring) or else `middle` (across its
    /// centre), wherever its cells and a margin are free; takes the cells.
    private mutating func placeRingName(
        _ name: String, centreX: Int, top: Int, middle: Int, style: Style, into buffer: inout CellBuffer
    ) {
        let shown = truncated(name, toWidth: min(24, area.width), ascii: charset == .ascii)
        let width = displayWidth(of: shown)
        guard width > 0 else { return }
        let x = min(max(0, centreX - width / 2), area.width - width)
        for y in [top, middle] where y >= 0 && y < area.height && x >= 0 {
            guard occupancy.isFree(from: x, to: x + width - 1, y: y) else { continue }
            for column in x..<(x + width) { occupancy.take(column, y) }
            buffer.put(
                shown, x: area.x + x, y: area.y + y, style: style, maxWidth: width, ascii: charset == .ascii)
            return
        }
    }
}
