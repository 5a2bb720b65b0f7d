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
        placed += placeEdgeArrows(outside.map { markers[$0] }, projection: projection, report: &report)
        return placed
    }

    /// Arrows at the edge for markers outside the view, each followed by its label (`↓3`). Markers whose
    /// arrows point the same way and would land on neighbouring cells of one edge share one arrow (`↓3,4,9`);
    /// the rest stack along the edge. An arrow never covers a marker, another arrow, its label or the scale
    /// bar's cells, and keeps a blank cell from the next arrow on its row; one that finds no room is left out.
    mutating func placeEdgeArrows(
        _ outside: [MapMarker], projection: Projection, report: inout MapReport
    ) -> [PlacedMarker] {
        let scaleBar = MapComposition.scaleBarCells(area: area, projection: projection, units: units)
        var groups: [(spot: EdgeSpot, markers: [MapMarker])] = []
        for marker in outside {
            guard let spot = edgeSpot(toward: marker.position, projection: projection) else { continue }
            let mergeable = groups.lastIndex {
                $0.spot.character == spot.character && $0.spot.isOnSide == spot.isOnSide
                    && (spot.isOnSide
                        ? $0.spot.y == spot.y && $0.spot.x == spot.x
                        : $0.spot.y == spot.y && abs($0.spot.x - spot.x) <= 2 * $0.markers.count + 1)
            }
            if let mergeable { groups[mergeable].markers.append(marker) } else { groups.append((spot, [marker])) }
        }
        var placed: [PlacedMarker] = []
        for group in groups {
            // The run of cells: the arrow, then the labels separated by commas (the arrow last on the east edge).
            var run: [(Character, Style)] = []
            var commaStyle = MapComposition.style(of: group.markers[0])
            commaStyle.attributes.remove(.reverse)
            for (offset, marker) in group.markers.enumerated() {
                if offset > 0 { run.append((",", commaStyle)) }
                run.append((marker.label, MapComposition.style(of: marker)))
            }
            let arrowStyle = MapComposition.style(of: group.markers[0])
            let isEastEdge = group.spot.isOnSide && group.spot.x == area.width - 1
            if isEastEdge {
                run.append((group.spot.character, arrowStyle))
            } else {
                run.insert((group.spot.character, arrowStyle), at: 0)
            }
            guard let origin = freeRun(length: run.count, near: group.spot, avoiding: scaleBar) else { continue }
            for (offset, item) in run.enumerated() {
                occupancy.take(origin.x + offset, origin.y)
                placed.append(PlacedMarker(x: origin.x + offset, y: origin.y, character: item.0, style: item.1))
            }
            report.offscreen += group.markers.map(\.label)
        }
        return placed
    }

    /// Where an arrow toward a point outside lands: the edge cell and the arrow's character.
    struct EdgeSpot {
        var x: Int
        var y: Int
        var character: Character
        /// True on the west or east edge (arrows stack down the rows), false on the top or bottom edge.
        var isOnSide: Bool
    }

    /// The leftmost cell of a free run of `length` cells for an arrow group at `spot`: on its own row, sliding
    /// along the top or bottom edge, or stacking up and down the west or east edge; nil when the edge is full.
    func freeRun(length: Int, near spot: EdgeSpot, avoiding scaleBar: (y: Int, columns: ClosedRange<Int>)?) -> (
        x: Int, y: Int
    )? {
        let width = area.width
        let height = area.height
        guard length <= width else { return nil }
        let anchoredX = spot.isOnSide ? (spot.x == width - 1 ? width - length : 0) : min(spot.x, width - length)
        func isFree(_ x: Int, _ y: Int) -> Bool {
            guard x >= 0, y >= 0, x + length <= width, y < height else { return false }
            for column in (x - 1)...(x + length) {
                if occupancy.isTaken(column, y) { return false }
                if let scaleBar, scaleBar.y == y, scaleBar.columns.contains(column) { return false }
            }
            return true
        }
        let reach = spot.isOnSide ? height : width
        for distance in 0..<reach {
            for step in distance == 0 ? [0] : [distance, -distance] {
                let x = spot.isOnSide ? anchoredX : anchoredX + step
                let y = spot.isOnSide ? spot.y + step : spot.y
                if isFree(x, y) { return (x, y) }
            }
        }
        return nil
    }

    static func style(of marker: MapMarker) -> Style {
        var style = marker.style
        style.attributes.insert(marker.isDimmed ? .dim : .bold)
        if marker.isSelected { style.attributes.insert(.reverse) }
        return style
    }

    /// The edge cell where the ray from the area's centre toward `position` leaves the area, and the arrow
    /// pointing that way; nil when the area is empty or the position is the centre.
    func edgeSpot(toward position: LatLon, projection: Projection) -> EdgeSpot? {
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
        let isOnSide = (x == 0 || x == width - 1) && y != 0 && y != height - 1
        return EdgeSpot(x: x, y: y, character: character, isOnSide: isOnSide)
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
