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
    /// The cells of every run, run after run: a run is consecutive distinct cells in the area, one per visible
    /// stretch (at least two cells), in drawing order.
    private(set) var cells: [CellPoint] = []
    /// Where each run ends in `cells` (exclusive), rising.
    private(set) var runEnds: [Int] = []

    /// A course of `runs` (each of at least two cells).
    init(name: String, nameASCII: String, labelZoom: Double, runs: [[CellPoint]]) {
        self.name = name
        self.nameASCII = nameASCII
        self.labelZoom = labelZoom
        for run in runs { append(run[...]) }
    }

    /// Adds `run` as the course's last run.
    private mutating func append(_ run: ArraySlice<CellPoint>) {
        cells += run
        runEnds.append(cells.count)
    }

    /// Cells in all runs.
    var length: Int { cells.count }

    /// Where run `run` starts in `cells`.
    private func runStart(_ run: Int) -> Int { run == 0 ? 0 : runEnds[run - 1] }

    /// The named rivers `atlas` labels in the view of `projection` (`MapRasterizer.labelsRiver`), most important
    /// first: by label zoom, then by visible length (longest first), then by name. Pieces of one name are one
    /// course, so a river is labelled once however many pieces it has.
    static func courses(in atlas: Atlas, projection: Projection) -> [RiverCourse] {
        let level = MapRasterizer.detailLevel(for: projection)
        let featureZoom = MapRasterizer.featureZoom(for: projection)
        let width = Double(projection.size.width)
        let height = Double(projection.size.height)
        let features = atlas.lineFeatures(.river, level: level)
        // Per feature: its course's index once a piece of it showed; until then `unseen`, `unlabelled` (never read
        // further) or `labelled`. Pieces are looked up by index, not by name: most pieces belong to a few rivers.
        let unseen = -1
        let unlabelled = -2
        let labelled = -3
        var courseOfFeature = [Int](repeating: unseen, count: features.count)
        var courses: [RiverCourse] = []
        var courseOfName: [String: Int] = [:]
        // One piece's kept runs, cell after cell, and where each ends: reused from piece to piece.
        var pieceCells: [CellPoint] = []
        var pieceRunEnds: [Int] = []
        for piece in MapRasterizer.pieces(for: projection) {
            let transform = projection.dotTransform(unitsPerDegree: Double(Atlas.unitsPerDegree), shift: piece.shift)
            atlas.forEachFeaturePiece(.river, level: level, in: piece.box) { points, feature in
                guard feature >= 0 else { return }
                if courseOfFeature[feature] == unseen {
                    let labels = MapRasterizer.labelsRiver(features[feature], featureZoom: featureZoom)
                    courseOfFeature[feature] = labels ? labelled : unlabelled
                }
                guard courseOfFeature[feature] != unlabelled else { return }
                pieceCells.removeAll(keepingCapacity: true)
                pieceRunEnds.removeAll(keepingCapacity: true)
                var runStart = 0
                var index = 0
                while index + 1 < points.count {
                    let x = (Double(points[index]) * transform.scaleX + transform.offsetX) / 2
                    let y = (Double(points[index + 1]) * transform.scaleY + transform.offsetY) / 4
                    index += 2
                    guard x >= 0, y >= 0, x < width, y < height else {
                        // A stretch ends at the area's edge; a single cell is no run.
                        if pieceCells.count - runStart > 1 {
                            pieceRunEnds.append(pieceCells.count)
                            runStart = pieceCells.count
                        } else {
                            pieceCells.removeLast(pieceCells.count - runStart)
                        }
                        continue
                    }
                    let cell = CellPoint(x: Int(x), y: Int(y))
                    if pieceCells.count == runStart || pieceCells[pieceCells.count - 1] != cell {
                        pieceCells.append(cell)
                    }
                }
                if pieceCells.count - runStart > 1 {
                    pieceRunEnds.append(pieceCells.count)
                } else {
                    pieceCells.removeLast(pieceCells.count - runStart)
                }
                guard !pieceRunEnds.isEmpty else { return }
                var course = courseOfFeature[feature]
                if course == labelled {
                    let line = features[feature]
                    if let named = courseOfName[line.name] {
                        course = named
                        courses[course].labelZoom = min(courses[course].labelZoom, line.labelZoom)
                    } else {
                        course = courses.count
                        courseOfName[line.name] = course
                        courses.append(
                            RiverCourse(name: line.name, nameASCII: line.nameASCII, labelZoom: line.labelZoom, runs: [])
                        )
                    }
                    courseOfFeature[feature] = course
                }
                var start = 0
                for end in pieceRunEnds {
                    courses[course].append(pieceCells[start..<end])
                    start = end
                }
            }
        }
        return courses.sorted { lhs, rhs in
            if lhs.labelZoom != rhs.labelZoom { return lhs.labelZoom < rhs.labelZoom }
            if lhs.length != rhs.length { return lhs.length > rhs.length }
            return lhs.name.utf8.lexicographicallyPrecedes(rhs.name.utf8)
        }
    }

    /// Cells to try centring the label on: the middle of each run (longest run first), then its quarters.
    var anchors: [CellPoint] {
        let ordered = runEnds.indices.sorted { lhs, rhs in
            let left = runEnds[lhs] - runStart(lhs)
            let right = runEnds[rhs] - runStart(rhs)
            return left != right ? left > right : lhs < rhs
        }
        var result: [CellPoint] = []
        result.reserveCapacity(3 * ordered.count)
        for fraction in [0.5, 0.25, 0.75] {
            for run in ordered {
                let start = runStart(run)
                let count = runEnds[run] - start
                result.append(cells[start + min(count - 1, Int(Double(count) * fraction))])
            }
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
            let (name, width, _) = MapComposition.displayName(
                charset == .ascii ? course.nameASCII : course.name, charset: charset)
            guard width > 0, width + 2 <= area.width else { continue }
            for anchor in course.anchors {
                let start = anchor.x - width / 2
                guard start >= 0, start + width <= area.width,
                    occupancy.isFree(from: start, to: start + width - 1, y: anchor.y)
                else { continue }
                occupancy.take(from: start, to: start + width - 1, y: anchor.y)
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
