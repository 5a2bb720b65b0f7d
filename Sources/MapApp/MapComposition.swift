import Foundation
import Geo
import TextUI

/// One composition's working state: the area, the character set and the cell occupancy (which cells hold a
/// marker, arrow, scale bar or label, so that nothing drawn later covers them).
///
/// Its parts live in their own files: markers and edge arrows (`MapComposition+Markers.swift`), place labels
/// (`MapComposition+Places.swift`), the scale bar (`ScaleBar.swift`).
struct MapComposition {
    /// A marker as drawn: its cell in the area, character and style.
    struct PlacedMarker {
        var x: Int
        var y: Int
        var character: Character
        var style: Style
    }

    let area: Rect
    let charset: Charset
    /// The cells already holding a marker, arrow, scale bar or label, in area coordinates.
    var occupancy: CellOccupancy

    init(area: Rect, charset: Charset) {
        self.area = area
        self.charset = charset
        occupancy = CellOccupancy(width: area.width, height: area.height)
    }

    func put(_ character: Character, style: Style, x: Int, y: Int, into buffer: inout CellBuffer) {
        guard x >= 0, y >= 0, x < area.width, y < area.height else { return }
        buffer.cells[(area.y + y) * buffer.width + area.x + x] = Cell(character, style: style)
    }

    /// Writes every cell of the area from the union of the line layers' dots, styled by the highest-priority
    /// layer present: coastline, border, state, lake, river, graticule. A cell without lines shows the urban
    /// stipple if it has one. In ASCII, a cell whose top layer is a river reads `~` and a cell wholly inside an
    /// urban area `.`: light glyphs that never look like a marker.
    func fill(from layers: MapLayers, theme: MapTheme, into buffer: inout CellBuffer) {
        let glyphs = charset == .braille ? MapGlyphs.braille : MapGlyphs.ascii
        let isASCII = charset == .ascii
        let width = area.width
        let bufferWidth = buffer.width
        let blank = Cell.blank
        // Plain values, not an array: an array read inside the loop costs a retain and a release per cell.
        let coastStyle = theme.coastline
        let borderStyle = theme.border
        let stateStyle = theme.state
        let lakeStyle = theme.lake
        let riverStyle = theme.river
        let urbanStyle = theme.urban
        let graticuleStyle = theme.graticule
        let riverASCII = Cell("~", style: riverStyle)
        let urbanASCII = Cell(".", style: urbanStyle)
        let fullStipple = MapRasterizer.urbanStipple
        glyphs.withUnsafeBufferPointer { glyphs in
            layers.coastline.patterns.withUnsafeBufferPointer { coast in
                layers.border.patterns.withUnsafeBufferPointer { border in
                    layers.state.patterns.withUnsafeBufferPointer { state in
                        layers.lake.patterns.withUnsafeBufferPointer { lake in
                            layers.river.patterns.withUnsafeBufferPointer { river in
                                layers.urban.patterns.withUnsafeBufferPointer { urban in
                                    layers.graticule.patterns.withUnsafeBufferPointer { graticule in
                                        buffer.cells.withUnsafeMutableBufferPointer { cells in
                                            for row in 0..<area.height {
                                                let source = row * width
                                                let target = (area.y + row) * bufferWidth + area.x
                                                for column in 0..<width {
                                                    let index = source + column
                                                    let c = coast[index]
                                                    let b = border[index]
                                                    let s = state[index]
                                                    let l = lake[index]
                                                    let r = river[index]
                                                    let g = graticule[index]
                                                    let pattern = c | b | s | l | r | g
                                                    if pattern == 0 {
                                                        let u = urban[index]
                                                        // ASCII has no partial stipple: only cells wholly
                                                        // inside an urban area show one.
                                                        if u != 0 && (!isASCII || u == fullStipple) {
                                                            cells[target + column] =
                                                                isASCII
                                                                ? urbanASCII
                                                                : Cell(glyphs[Int(u)], style: urbanStyle)
                                                            continue
                                                        }
                                                        // A fresh buffer is blank already: skipping the store
                                                        // saves releasing and retaining the same character.
                                                        if !MapComposition.isBlank(cells[target + column]) {
                                                            cells[target + column] = blank
                                                        }
                                                        continue
                                                    }
                                                    if c | b | s | l == 0 && r != 0 {
                                                        cells[target + column] =
                                                            isASCII
                                                            ? riverASCII : Cell(glyphs[Int(pattern)], style: riverStyle)
                                                        continue
                                                    }
                                                    let style =
                                                        c != 0
                                                        ? coastStyle
                                                        : b != 0
                                                            ? borderStyle
                                                            : s != 0
                                                                ? stateStyle : l != 0 ? lakeStyle : graticuleStyle
                                                    cells[target + column] = Cell(glyphs[Int(pattern)], style: style)
                                                }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// True when `cell` equals `Cell.blank`, compared field by field without calling `Style.==`.
    @inline(__always)
    static func isBlank(_ cell: Cell) -> Bool {
        cell.style.attributes.rawValue == 0 && cell.style.foreground.rawValue == 0
            && cell.style.background.rawValue == 0 && !cell.isContinuation && cell.character == " "
    }
}
