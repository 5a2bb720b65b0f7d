import Foundation
import Geo
import TextUI

/// A named river as seen in one view: its name and the cells its visible pieces pass through, for labelling.
struct RiverCourse: Hashable {
    /// The name (any Unicode) and its ASCII spelling.
    var name: String
    var nameASCII: String
    /// Natural Earth's `min_label` of its most important piece: lower is labelled first.
    var labelZoom: Double
    /// Runs of consecutive distinct cells in the area, one per visible stretch, in drawing order.
    var runs: [[CellPoint]]

    /// Cells in all runs.
    var length: Int { runs.reduce(0) { $0 + $1.count } }

    /// The named rivers `atlas` labels in the view of `projection` (`MapRasterizer.labelsRiver`), most important
    /// first: by label zoom, then by visible length (longest first), then by name. Pieces of one name are one
    /// course, so a river is labelled once however many pieces it has.
    static func courses(in atlas: Atlas, projection: Projection) -> [RiverCourse] {
        let level = MapRasterizer.detailLevel(for: projection)
        let featureZoom = MapRasterizer.featureZoom(for: projection)
        let width = projection.size.width
        let height = projection.size.height
        var byName: [String: RiverCourse] = [:]
        for piece in MapRasterizer.pieces(for: projection) {
            let transform = projection.dotTransform(unitsPerDegree: Double(Atlas.unitsPerDegree), shift: piece.shift)
            atlas.forEachPolyline(.river, level: level, in: piece.box) { points, feature in
                guard let feature, MapRasterizer.labelsRiver(feature, featureZoom: featureZoom) else { return }
                var run: [CellPoint] = []
                var runs: [[CellPoint]] = []
                var index = 0
                while index + 1 < points.count {
                    let x = (Double(points[index]) * transform.scaleX + transform.offsetX) / 2
                    let y = (Double(points[index + 1]) * transform.scaleY + transform.offsetY) / 4
                    index += 2
                    guard x >= 0, y >= 0, x < Double(width), y < Double(height) else {
                        if run.count > 1 { runs.append(run) }
                        run = []
                        continue
                    }
                    let cell = CellPoint(x: Int(x), y: Int(y))
                    if run.last != cell { run.append(cell) }
                }
                if run.count > 1 { runs.append(run) }
                guard !runs.isEmpty else { return }
                byName[
                    feature.name,
                    default: RiverCourse(
                        name: feature.name, nameASCII: feature.nameASCII, labelZoom: feature.labelZoom, runs: [])
                ]
                .runs += runs
                if let course = byName[feature.name], feature.labelZoom < course.labelZoom {
                    byName[feature.name]?.labelZoom = feature.labelZoom
                }
            }
        }
        return byName.values.map { ($0, $0.length) }.sorted { lhs, rhs in
            if lhs.0.labelZoom != rhs.0.labelZoom { return lhs.0.labelZoom < rhs.0.labelZoom }
            if lhs.1 != rhs.1 { return lhs.1 > rhs.1 }
            return lhs.0.name.utf8.lexicographicallyPrecedes(rhs.0.name.utf8)
        }.map(\.0)
    }

    /// Cells to try centring the label on: the middle of each run (longest run first), then its quarters.
    var anchors: [CellPoint] {
        let ordered = runs.enumerated().sorted { ($1.element.count, $0.offset) < ($0.element.count, $1.offset) }
            .map(\.element)
        var result: [CellPoint] = []
        for fraction in [0.5, 0.25, 0.75] {
            for run in ordered { result.append(run[min(run.count - 1, Int(Double(run.count) * fraction))]) }
        }
        return result
    }
}

extension MapComposition {
    /// A river's name placed on the map: on row `y` from column `x`, as wide as its display width.
    struct PlacedRiverName: Hashable {
        var x: Int
        var y: Int
        var name: String
        var width: Int
    }

    /// Places each river's name once, centred on a cell of the river (`RiverCourse.anchors`), where it touches
    /// no marker, scale bar, place label or other river name; a river with no such spot goes unlabelled.
    /// Takes the cells it uses.
    mutating func placeRiverNames(_ courses: [RiverCourse]) -> [PlacedRiverName] {
        var placed: [PlacedRiverName] = []
        for course in courses {
            let place = Place(
                name: course.name, nameASCII: course.nameASCII, country: "", population: 0, rank: 0,
                position: LatLon(lat: 0, lon: 0))
            let (name, width, _) = MapComposition.displayName(of: place, charset: charset)
            guard width > 0, width + 2 <= area.width else { continue }
            for anchor in course.anchors {
                let start = anchor.x - width / 2
                guard start >= 0, start + width <= area.width,
                    occupancy.isFree(from: start, to: start + width - 1, y: anchor.y)
                else { continue }
                for x in start..<(start + width) { occupancy.take(x, anchor.y) }
                placed.append(PlacedRiverName(x: start, y: anchor.y, name: name, width: width))
                break
            }
        }
        return placed
    }

    /// Draws river names placed by `placeRiverNames`.
    mutating func drawRiverNames(_ courses: [RiverCourse], theme: MapTheme, into buffer: inout CellBuffer) {
        for label in placeRiverNames(courses) {
            buffer.put(
                label.name, x: area.x + label.x, y: area.y + label.y, style: theme.riverName, maxWidth: label.width,
                ascii: charset == .ascii)
        }
    }
}
