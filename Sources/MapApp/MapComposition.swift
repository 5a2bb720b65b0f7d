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
    /// The scale bar's first unit, so edge arrows keep off the bar as it will be drawn.
    var units = DistanceUnits.km

    init(area: Rect, charset: Charset) {
        self.area = area
        self.charset = charset
        occupancy = CellOccupancy(width: area.width, height: area.height)
    }

    func put(_ character: Character, style: Style, x: Int, y: Int, into buffer: inout CellBuffer) {
        guard x >= 0, y >= 0, x < area.width, y < area.height else { return }
        buffer.cells[(area.y + y) * buffer.width + area.x + x] = Cell(character, style: style)
    }

    /// Like `put(_:style:x:y:into:)` for one scalar, without building a `Character`.
    func put(scalar: Unicode.Scalar, style: Style, x: Int, y: Int, into buffer: inout CellBuffer) {
        guard x >= 0, y >= 0, x < area.width, y < area.height else { return }
        buffer.cells[(area.y + y) * buffer.width + area.x + x] = Cell(scalar: scalar, style: style)
    }

    /// Writes every cell of the area from the union of the line layers' dots, styled by the highest-priority
    /// layer present: coastline, border, state, lake, river, graticule. A cell without lines shows the urban
    /// stipple if it has one. In ASCII, a cell whose top layer is a river reads `~` and a cell wholly inside an
    /// urban area `.`: light glyphs that never look like a marker.
    func fill(from layers: MapLayers, theme: MapTheme, into buffer: inout CellBuffer) {
        let glyphs = charset == .braille ? MapGlyphs.brailleGlyphs : MapGlyphs.asciiGlyphs
        let isASCII = charset == .ascii
        let width = area.width
        let bufferWidth = buffer.width
        let blank = Cell.blank
        let riverASCII = Cell("~", style: theme.river)
        let urbanASCII = Cell(".", style: theme.urban)
        let fullStipple = MapRasterizer.urbanStipple
        // Every cell a layer can produce, made once per fill: 256 patterns for each of the seven styles, the
        // line layers in priority order then the urban stipple, so the loop below is one table read and one
        // store of plain memory per cell.
        let styles = [
            theme.coastline, theme.border, theme.state, theme.lake, theme.river, theme.graticule, theme.urban,
        ]
        var table: [Cell] = []
        table.reserveCapacity(styles.count * 256)
        for style in styles {
            for glyph in glyphs {
                var cell = blank
                cell.glyph = glyph
                cell.style = style
                table.append(cell)
            }
        }
        let urbanLayer = 6
        table.withUnsafeBufferPointer { table in
            layers.coastline.patterns.withUnsafeBufferPointer { coast in
                layers.border.patterns.withUnsafeBufferPointer { border in
                    layers.state.patterns.withUnsafeBufferPointer { state in
                        layers.lake.patterns.withUnsafeBufferPointer { lake in
                            layers.river.patterns.withUnsafeBufferPointer { river in
                                layers.urban.patterns.withUnsafeBufferPointer { urban in
                                    layers.graticule.patterns.withUnsafeBufferPointer { graticule in
                                        buffer.cells.withUnsafeMutableBufferPointer { cells in
                                            for row in 0..<area.height {
                                                let source = row &* width
                                                let target = (area.y &+ row) &* bufferWidth &+ area.x
                                                for column in 0..<width {
                                                    let index = source &+ column
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
                                                            cells[target &+ column] =
                                                                isASCII ? urbanASCII : table[urbanLayer &<< 8 | Int(u)]
                                                        } else {
                                                            cells[target &+ column] = blank
                                                        }
                                                        continue
                                                    }
                                                    let layer =
                                                        c != 0
                                                        ? 0 : b != 0 ? 1 : s != 0 ? 2 : l != 0 ? 3 : r != 0 ? 4 : 5
                                                    if layer == 4 && isASCII {
                                                        cells[target &+ column] = riverASCII
                                                        continue
                                                    }
                                                    cells[target &+ column] = table[layer &<< 8 | Int(pattern)]
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
}
