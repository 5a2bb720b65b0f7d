import Foundation
import Geo
import TextUI

extension MapComposition {
    /// Places markers: one per cell in the view (a `+` for several), arrows at the edge for those outside.
    /// Takes their cells so labels avoid them; fills `report`'s shared cells and offscreen labels.
    mutating func placeMarkers(
        _ markers: [MapMarker], projection: Projection, report: inout MapReport
    ) -> [PlacedMarker] {
        // Groups in order of their first marker; the dictionary finds a cell's group in constant time, so
        // 10,000 markers cost 10,000 lookups rather than a search of every group per marker.
        var groups: [(cell: CellPoint, indices: [Int])] = []
        var groupOfCell: [CellPoint: Int] = [:]
        var outside: [Int] = []
        for (index, marker) in markers.enumerated()
        where marker.position.lat.isFinite && marker.position.lon.isFinite {
            let cell = projection.cell(for: marker.position)
            if projection.contains(cell) {
                if let group = groupOfCell[cell] {
                    groups[group].indices.append(index)
                } else {
                    groupOfCell[cell] = groups.count
                    groups.append((cell, [index]))
                }
            } else {
                outside.append(index)
            }
        }
        var placed: [PlacedMarker] = []
        for group in groups {
            occupancy.take(group.cell.x, group.cell.y)
            if group.indices.count == 1, let only = group.indices.first {
                let marker = markers[only]
                placed.append(
                    PlacedMarker(
                        x: group.cell.x, y: group.cell.y, character: marker.label,
                        style: MapComposition.style(of: marker)))
            } else {
                report.sharedCells.append(group.indices.map { markers[$0].label })
                let base = markers[group.indices[0]].style
                let dimmed = group.indices.allSatisfy { markers[$0].isDimmed }
                var style = base
                style.attributes.formUnion(dimmed ? [.reverse, .dim] : [.reverse, .bold])
                placed.append(PlacedMarker(x: group.cell.x, y: group.cell.y, character: "+", style: style))
            }
        }
        for index in outside {
            let marker = markers[index]
            guard let arrow = edgeArrow(toward: marker.position, projection: projection) else { continue }
            report.offscreen.append(marker.label)
            let style = MapComposition.style(of: marker)
            occupancy.take(arrow.x, arrow.y)
            placed.append(PlacedMarker(x: arrow.x, y: arrow.y, character: arrow.character, style: style))
            // The label goes on the inward side of the arrow if that cell is free.
            let labelX = arrow.x == area.width - 1 ? arrow.x - 1 : arrow.x + 1
            if labelX >= 0, labelX < area.width, !occupancy.isTaken(labelX, arrow.y) {
                occupancy.take(labelX, arrow.y)
                placed.append(PlacedMarker(x: labelX, y: arrow.y, character: marker.label, style: style))
            }
        }
        return placed
    }

    static func style(of marker: MapMarker) -> Style {
        var style = marker.style
        style.attributes.insert(marker.isDimmed ? .dim : .bold)
        if marker.isSelected { style.attributes.insert(.reverse) }
        return style
    }

    /// The free edge cell where the ray from the area's centre toward `position` leaves the area, and the
    /// arrow pointing that way; nil when the area is too small or the edge is full there.
    func edgeArrow(toward position: LatLon, projection: Projection) -> (x: Int, y: Int, character: Character)? {
        let width = area.width
        let height = area.height
        guard width >= 1, height >= 1 else { return nil }
        let dots = projection.dotCoordinates(of: position)
        let dx = dots.x / 2 - Double(width) / 2
        let dy = dots.y / 4 - Double(height) / 2
        guard dx.isFinite, dy.isFinite, dx != 0 || dy != 0 else { return nil }
        let halfWidth = max(0, Double(width) / 2 - 0.5)
        let halfHeight = max(0, Double(height) / 2 - 0.5)
        let t = min(dx == 0 ? .infinity : halfWidth / abs(dx), dy == 0 ? .infinity : halfHeight / abs(dy))
        let x = min(width - 1, max(0, Int((Double(width) / 2 + dx * t).rounded(.down))))
        let y = min(height - 1, max(0, Int((Double(height) / 2 + dy * t).rounded(.down))))
        // Angle on the ground: rows are `aspect` cell widths tall; y grows downward.
        let angle = atan2(-dy * projection.aspect, dx) * 180 / .pi
        let character = MapComposition.arrow(angle: angle, charset: charset)
        let alongRows = x == 0 || x == width - 1
        for step in [0, 1, -1, 2, -2, 3, -3] {
            let candidateX = alongRows ? x : x + step
            let candidateY = alongRows ? y + step : y
            guard candidateX >= 0, candidateY >= 0, candidateX < width, candidateY < height else { continue }
            if !occupancy.isTaken(candidateX, candidateY) { return (candidateX, candidateY, character) }
        }
        return nil
    }

    /// The arrow for a direction in degrees counterclockwise from east: eight Unicode arrows, or `<>^v`.
    static func arrow(angle: Double, charset: Charset) -> Character {
        let normalized = (angle + 360).truncatingRemainder(dividingBy: 360)
        if charset == .ascii {
            let arrows: [Character] = [">", "^", "<", "v"]
            return arrows[Int(((normalized + 45) / 90).rounded(.down)) % 4]
        }
        let arrows: [Character] = ["→", "↗", "↑", "↖", "←", "↙", "↓", "↘"]
        return arrows[Int(((normalized + 22.5) / 45).rounded(.down)) % 8]
    }

    func draw(_ placed: [PlacedMarker], into buffer: inout CellBuffer) {
        for marker in placed { put(marker.character, style: marker.style, x: marker.x, y: marker.y, into: &buffer) }
    }
}
