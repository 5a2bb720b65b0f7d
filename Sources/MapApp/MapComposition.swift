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
        let height = area.height
        let areaX = area.x
        let areaY = area.y
        let bufferWidth = buffer.width
        let blank = Cell.blank
        let riverASCII = Cell("~", style: theme.river)
        let urbanASCII = Cell(".", style: theme.urban)
        let fullStipple = MapRasterizer.urbanStipple
        // The line layers in priority order, then the urban stipple: a cell is its top layer's style and the glyph
        // of its pattern, put together per cell (a table of every cell, 43 KB, cost more to build each frame than
        // it saved).
        let styles = [
            theme.coastline, theme.border, theme.state, theme.lake, theme.river, theme.graticule, theme.urban,
        ]
        let urbanLayer = 6
        // Eight blank cells, copied as one block where eight cells in a row have no dots (most of a frame).
        let blanks = [Cell](repeating: blank, count: 8)
        let blanksBytes = 8 * MemoryLayout<Cell>.stride
        glyphs.withUnsafeBufferPointer { glyphs in
            styles.withUnsafeBufferPointer { styles in
                blanks.withUnsafeBytes { blanks in
                    layers.withPatterns { c, b, s, l, r, g, u in
                        buffer.cells.withUnsafeMutableBufferPointer { cells in
                            guard let glyph = glyphs.baseAddress, let style = styles.baseAddress,
                                let blanks = blanks.baseAddress, let out = cells.baseAddress
                            else { return }
                            // One cell from its layers' patterns, stored at `target`.
                            @inline(__always) func cell(
                                _ coast: UInt8, _ border: UInt8, _ state: UInt8, _ lake: UInt8, _ river: UInt8,
                                _ graticule: UInt8, _ urban: UInt8, _ target: Int
                            ) {
                                let pattern = coast | border | state | lake | river | graticule
                                var layer = urbanLayer
                                var dots = pattern
                                if pattern == 0 {
                                    dots = urban
                                    // ASCII has no partial stipple: only cells wholly inside an urban area show one.
                                    if dots == 0 || (isASCII && dots != fullStipple) {
                                        out[target] = blank
                                        return
                                    }
                                    if isASCII {
                                        out[target] = urbanASCII
                                        return
                                    }
                                } else if coast != 0 {
                                    layer = 0
                                } else if border != 0 {
                                    layer = 1
                                } else if state != 0 {
                                    layer = 2
                                } else if lake != 0 {
                                    layer = 3
                                } else if river != 0 {
                                    if isASCII {
                                        out[target] = riverASCII
                                        return
                                    }
                                    layer = 4
                                } else {
                                    layer = 5
                                }
                                var made = blank
                                made.glyph = glyph[Int(dots)]
                                made.style = style[layer]
                                out[target] = made
                            }
                            // Eight cells' patterns of one layer as one word.
                            @inline(__always) func word(_ base: UnsafePointer<UInt8>, _ index: Int) -> UInt64 {
                                UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
                            }
                            for row in 0..<height {
                                let source = row &* width
                                let target = (areaY &+ row) &* bufferWidth &+ areaX
                                var column = 0
                                while column &+ 8 <= width {
                                    let index = source &+ column
                                    let coast = word(c, index)
                                    let border = word(b, index)
                                    let state = word(s, index)
                                    let lake = word(l, index)
                                    let river = word(r, index)
                                    let graticule = word(g, index)
                                    let urban = word(u, index)
                                    if coast | border | state | lake | river | graticule | urban == 0 {
                                        UnsafeMutableRawPointer(out + (target &+ column))
                                            .copyMemory(from: blanks, byteCount: blanksBytes)
                                    } else {
                                        // Each cell's bytes from the words already loaded.
                                        for offset in 0..<8 {
                                            let shift = UInt64(offset &<< 3)
                                            cell(
                                                UInt8(truncatingIfNeeded: coast >> shift),
                                                UInt8(truncatingIfNeeded: border >> shift),
                                                UInt8(truncatingIfNeeded: state >> shift),
                                                UInt8(truncatingIfNeeded: lake >> shift),
                                                UInt8(truncatingIfNeeded: river >> shift),
                                                UInt8(truncatingIfNeeded: graticule >> shift),
                                                UInt8(truncatingIfNeeded: urban >> shift), target &+ column &+ offset)
                                        }
                                    }
                                    column &+= 8
                                }
                                while column < width {
                                    let index = source &+ column
                                    cell(
                                        c[index], b[index], s[index], l[index], r[index], g[index], u[index],
                                        target &+ column)
                                    column &+= 1
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
