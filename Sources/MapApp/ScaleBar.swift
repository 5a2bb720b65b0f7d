import Foundation
import Geo
import TextUI

extension MapComposer {
    /// The scale bar for `projection` at most `maxCells` long: the bar (`|----|`, its ends `length` cells
    /// apart) and its text, a round distance in `units` first and the other unit after (`500 km / 311 mi`,
    /// `200 mi / 322 km`), or nil if no round distance fits between 3 and `maxCells` cells.
    static func scaleBar(for projection: Projection, maxCells: Int = 10, units: DistanceUnits = .km) -> (
        bar: String, text: String
    )? {
        // Meridians are true to scale in every equirectangular view: measure along them.
        let kmPerCell = 4 / projection.dotsPerLatDegree / projection.aspect * 111.32
        guard kmPerCell.isFinite, kmPerCell > 0 else { return nil }
        let steps: [Double] = [
            10_000, 5_000, 2_000, 1_000, 500, 200, 100, 50, 20, 10, 5, 2, 1, 0.5, 0.2, 0.1, 0.05, 0.02, 0.01,
        ]
        let unitKm = units == .km ? 1 : DistanceText.metersPerMile / 1000
        guard let step = steps.first(where: { $0 * unitKm / kmPerCell <= Double(maxCells) }) else { return nil }
        let km = step * unitKm
        let length = Int((km / kmPerCell).rounded())
        guard length >= 3 else { return nil }
        let metric = km >= 1 ? "\(Int(km.rounded())) km" : "\(Int((km * 1000).rounded())) m"
        let metricFirst = step >= 1 ? "\(Int(step)) km" : "\(Int((step * 1000).rounded())) m"
        let miles = km * 0.621_371
        let imperial: String
        if miles >= 10 {
            imperial = "\(Int(miles.rounded())) mi"
        } else if miles >= 1 {
            imperial = String(format: "%.1f mi", miles)
        } else {
            imperial = "\(Int((km * 3280.84).rounded())) ft"
        }
        let imperialFirst = step >= 1 ? "\(Int(step)) mi" : "\(Int((step * 5280).rounded())) ft"
        let text = units == .km ? "\(metricFirst) / \(imperial)" : "\(imperialFirst) / \(metric)"
        return ("|" + String(repeating: "-", count: length - 1) + "|", text)
    }
}

extension MapComposition {
    /// Draws the scale bar in the bottom-left corner if it fits, takes its cells, and returns its text.
    mutating func drawScaleBar(
        projection: Projection, units: DistanceUnits, style: Style, into buffer: inout CellBuffer
    ) -> String? {
        guard let (scale, line) = MapComposition.scaleBarLine(area: area, projection: projection, units: units) else {
            return nil
        }
        let y = area.height - 1
        for (offset, character) in line.enumerated() where !occupancy.isTaken(offset + 1, y) {
            put(character, style: style, x: offset + 1, y: y, into: &buffer)
        }
        for x in 0...line.count + 1 { occupancy.take(x, y) }
        return scale.text
    }

    /// The scale bar's bar and text, and the characters of its line, when it fits `area`.
    static func scaleBarLine(area: Rect, projection: Projection, units: DistanceUnits = .km) -> (
        scale: (bar: String, text: String), line: [Character]
    )? {
        guard area.height >= 3, area.width >= 16 else { return nil }
        guard let scale = MapComposer.scaleBar(for: projection, maxCells: min(10, area.width / 4), units: units)
        else { return nil }
        let line = Array(scale.bar + " " + scale.text)
        guard line.count + 1 <= area.width else { return nil }
        return (scale, line)
    }

    /// The cells the scale bar will take (its row and columns, margin included), so edge arrows keep off them.
    static func scaleBarCells(area: Rect, projection: Projection, units: DistanceUnits = .km) -> (
        y: Int, columns: ClosedRange<Int>
    )? {
        guard let (_, line) = scaleBarLine(area: area, projection: projection, units: units) else { return nil }
        return (area.height - 1, 0...(line.count + 1))
    }
}
