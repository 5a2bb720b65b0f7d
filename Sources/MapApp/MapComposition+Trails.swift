import Foundation
import Geo
import TextUI

extension MapComposition {
    /// Draws `trails` as dots over the layers and under everything placed later (labels, markers): Braille dots
    /// joined by lines, or `,` in every ASCII cell a trail crosses (`.` is the urban stipple there). Cells stay
    /// free for labels.
    func drawTrails(_ trails: [TrailDrawing], projection: Projection, into buffer: inout CellBuffer) {
        guard !trails.isEmpty, area.width > 0, area.height > 0 else { return }
        var canvas = DotCanvas(columns: area.width, rows: area.height)
        for trail in trails {
            canvas.clear()
            for run in trail.runs {
                var previous: DotPoint?
                for position in run where position.lat.isFinite && position.lon.isFinite {
                    let dot = projection.dot(for: position)
                    if let previous { canvas.drawLine(from: previous, to: dot) } else { canvas.set(dot) }
                    previous = dot
                }
            }
            for row in 0..<area.height {
                for column in 0..<area.width {
                    let pattern = canvas.pattern(column: column, row: row)
                    guard pattern != 0 else { continue }
                    if charset == .ascii {
                        put(",", style: trail.style, x: column, y: row, into: &buffer)
                    } else if let scalar = Unicode.Scalar(0x2800 + UInt32(pattern)) {
                        put(scalar: scalar, style: trail.style, x: column, y: row, into: &buffer)
                    }
                }
            }
        }
    }

    /// Puts the home mark (`⌂`, `H` in ASCII) on its cell when it is in view and free, and takes the cell so
    /// labels keep off it; a participant's marker on the same cell is drawn over it.
    mutating func drawHome(_ home: LatLon?, projection: Projection, into buffer: inout CellBuffer) {
        guard let home, home.lat.isFinite, home.lon.isFinite else { return }
        let cell = projection.cell(for: home)
        guard projection.contains(cell), !occupancy.isTaken(cell.x, cell.y) else { return }
        occupancy.take(cell.x, cell.y)
        put(charset == .ascii ? "H" : "⌂", style: Style(attributes: .bold), x: cell.x, y: cell.y, into: &buffer)
    }
}
