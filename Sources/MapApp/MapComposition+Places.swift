import Foundation
import Geo
import TextUI

extension MapComposition {
    /// A city name placed on the map: the city's dot at `(dotX, y)` and the name from `nameX` on, as wide as
    /// its display width (in ASCII mode with a blank cell between dot and name, which the label also owns).
    struct PlacedLabel: Hashable {
        var dotX: Int
        var y: Int
        var nameX: Int
        var name: String
        /// The name's display width in cells.
        var width: Int
        /// Every scalar of the name is printable and one column wide (`isPlainScalar`).
        var isPlain: Bool
    }

    /// Places city names by importance where they fit: a dot at the city and the name to its right, or to
    /// its left when the right has no room; never touching another name, a marker or the scale bar.
    /// Takes the cells it uses.
    mutating func placeLabels(_ places: [Place], projection: Projection) -> [PlacedLabel] {
        var labels: [PlacedLabel] = []
        for place in places {
            let cell = projection.cell(for: place.position)
            // Either placement holds the dot's cell with its margin: test that before measuring the name.
            guard projection.contains(cell), occupancy.isFree(from: cell.x, to: cell.x, y: cell.y) else { continue }
            let (name, width, isPlain) = MapComposition.displayName(of: place, charset: charset)
            guard width > 0 else { continue }
            // NB: in ASCII the dot is `o`, so a space keeps it from reading as part of the name.
            let gap = charset == .ascii ? 1 : 0
            let length = width + gap
            let right = cell.x + length < area.width && occupancy.isFree(from: cell.x, to: cell.x + length, y: cell.y)
            let left = !right && cell.x - length >= 0 && occupancy.isFree(from: cell.x - length, to: cell.x, y: cell.y)
            guard right || left else { continue }
            let start = right ? cell.x + 1 + gap : cell.x - length
            // The cell past the name's far end is blanked too (it is free, with its margin): a label then keeps a
            // one-cell gap from a marker beyond it, so `1 Atlanta•` never reads as `1Atlanta•`.
            let low = cell.x - (right ? 0 : length + 1)
            let high = cell.x + (right ? length + 1 : 0)
            for x in low...high { occupancy.take(x, cell.y) }
            labels.append(
                PlacedLabel(dotX: cell.x, y: cell.y, nameX: start, name: name, width: width, isPlain: isPlain))
        }
        return labels
    }

    /// Draws city names placed by `placeLabels`.
    mutating func drawPlaces(_ places: [Place], theme: MapTheme, projection: Projection, into buffer: inout CellBuffer)
    {
        let dot: Character = charset == .braille ? "•" : "o"
        for label in placeLabels(places, projection: projection) {
            put(dot, style: theme.placeDot, x: label.dotX, y: label.y, into: &buffer)
            if charset == .ascii {
                let gapX = label.nameX > label.dotX ? label.dotX + 1 : label.dotX - 1
                put(" ", style: theme.placeName, x: gapX, y: label.y, into: &buffer)
            }
            let farX = label.nameX > label.dotX ? label.nameX + label.width : label.nameX - 1
            if farX >= 0, farX < area.width { put(" ", style: theme.placeName, x: farX, y: label.y, into: &buffer) }
            if label.isPlain {
                // Checked scalar by scalar already: each is a printable character one cell wide.
                var x = label.nameX
                for scalar in label.name.unicodeScalars {
                    put(scalar: scalar, style: theme.placeName, x: x, y: label.y, into: &buffer)
                    x += 1
                }
            } else {
                buffer.put(
                    label.name, x: area.x + label.nameX, y: area.y + label.y, style: theme.placeName,
                    maxWidth: label.width, ascii: charset == .ascii)
            }
        }
    }

    /// The name to draw and its display width: sanitised (`TextSanitizer`), Natural Earth's ASCII spelling
    /// folded to 7 bits in ASCII mode, at most 24 columns wide (cut with an ellipsis), without surrounding
    /// blanks. `isPlain` says every scalar is a printable character of one column (see `TextUI.isPlainScalar`).
    static func displayName(of place: Place, charset: Charset) -> (name: String, width: Int, isPlain: Bool) {
        let maxWidth = 24
        let isASCII = charset == .ascii
        let source = isASCII ? place.nameASCII : place.name
        // Most names are short printable ASCII or Latin: one cell per scalar, nothing to clean.
        let utf8 = source.utf8
        if utf8.first != 0x20, utf8.last != 0x20 {
            if utf8.count <= maxWidth, utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) {
                return (source, utf8.count, true)
            }
            if !isASCII, source.unicodeScalars.allSatisfy(isPlainScalar) {
                let count = source.unicodeScalars.count
                if count <= maxWidth { return (source, count, true) }
            }
        }
        var name = truncated(source, toWidth: maxWidth, ascii: isASCII)
        if name.first == " " || name.last == " " { name = name.trimmingCharacters(in: .whitespaces) }
        return (name, displayWidth(of: name), false)
    }
}
