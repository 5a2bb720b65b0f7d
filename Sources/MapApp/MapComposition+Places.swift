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
        let isASCII = charset == .ascii
        // NB: in ASCII the dot is `o`, so a space keeps it from reading as part of the name.
        let gap = isASCII ? 1 : 0
        // Read in place: a copy of each place would count three references for one position and one name.
        places.withUnsafeBufferPointer { places in
            for index in places.indices {
                let cell = projection.cell(for: places[index].position)
                // Either placement holds the dot's cell with its margin: test that before measuring the name.
                guard projection.contains(cell), occupancy.isFree(from: cell.x, to: cell.x, y: cell.y) else {
                    continue
                }
                let (name, width, isPlain) = MapComposition.displayName(
                    isASCII ? places[index].nameASCII : places[index].name, charset: charset)
                guard width > 0 else { continue }
                let length = width + gap
                let right =
                    cell.x + length < area.width && occupancy.isFree(from: cell.x, to: cell.x + length, y: cell.y)
                let left =
                    !right && cell.x - length >= 0 && occupancy.isFree(from: cell.x - length, to: cell.x, y: cell.y)
                guard right || left else { continue }
                let start = right ? cell.x + 1 + gap : cell.x - length
                // The cell past the name's far end is blanked too (it is free, with its margin): a label then keeps
                // a one-cell gap from a marker beyond it, so `1 Atlanta•` never reads as `1Atlanta•`.
                let low = cell.x - (right ? 0 : length + 1)
                let high = cell.x + (right ? length + 1 : 0)
                occupancy.take(from: low, to: high, y: cell.y)
                labels.append(
                    PlacedLabel(dotX: cell.x, y: cell.y, nameX: start, name: name, width: width, isPlain: isPlain))
            }
        }
        return labels
    }

    /// Draws city names placed by `placeLabels`.
    mutating func drawPlaces(_ places: [Place], theme: MapTheme, projection: Projection, into buffer: inout CellBuffer)
    {
        let labels = placeLabels(places, projection: projection)
        let dot = Cell(scalar: charset == .braille ? "•" : "o", style: theme.placeDot)
        let blank = Cell(scalar: " ", style: theme.placeName)
        let isASCII = charset == .ascii
        let area = area
        let bufferWidth = buffer.width
        // Every dot, gap and plain name straight into the cells, the buffer's storage reached once; labels never
        // share a cell (nor touch: `placeLabels` keeps a margin), so the other names drawn after them see the same
        // cells as if drawn in turn.
        buffer.cells.withUnsafeMutableBufferPointer { cells in
            func store(_ cell: Cell, x: Int, y: Int) {
                guard x >= 0, y >= 0, x < area.width, y < area.height else { return }
                cells[(area.y + y) * bufferWidth + area.x + x] = cell
            }
            for label in labels {
                store(dot, x: label.dotX, y: label.y)
                if isASCII { store(blank, x: label.nameX > label.dotX ? label.dotX + 1 : label.dotX - 1, y: label.y) }
                let farX = label.nameX > label.dotX ? label.nameX + label.width : label.nameX - 1
                if farX >= 0, farX < area.width { store(blank, x: farX, y: label.y) }
                guard label.isPlain else { continue }
                // Checked scalar by scalar already: each is a printable character one cell wide.
                var x = label.nameX
                for scalar in label.name.unicodeScalars {
                    store(Cell(scalar: scalar, style: theme.placeName), x: x, y: label.y)
                    x += 1
                }
            }
        }
        for label in labels where !label.isPlain {
            buffer.put(
                label.name, x: area.x + label.nameX, y: area.y + label.y, style: theme.placeName,
                maxWidth: label.width, ascii: isASCII)
        }
    }

    /// The name of `place` to draw in `charset` and its display width: `displayName(_:charset:)` of its name, or in
    /// ASCII mode of Natural Earth's ASCII spelling.
    static func displayName(of place: Place, charset: Charset) -> (name: String, width: Int, isPlain: Bool) {
        displayName(charset == .ascii ? place.nameASCII : place.name, charset: charset)
    }

    /// `source` (a place's or river's name) as drawn and its display width: sanitised (`TextSanitizer`), folded to
    /// 7 bits in ASCII mode, at most 24 columns wide (cut with an ellipsis), without surrounding blanks. `isPlain`
    /// says every scalar is a printable character of one column (see `TextUI.isPlainScalar`).
    static func displayName(_ source: String, charset: Charset) -> (name: String, width: Int, isPlain: Bool) {
        let maxWidth = 24
        let isASCII = charset == .ascii
        // Most names are short printable ASCII or Latin: one cell per scalar, nothing to clean.
        let utf8 = source.utf8
        let isShortPrintableASCII = { (bytes: UnsafeBufferPointer<UInt8>) in
            bytes.count <= maxWidth && bytes.first != 0x20 && bytes.last != 0x20
                && bytes.allSatisfy { $0 >= 0x20 && $0 < 0x7F }
        }
        let isShort =
            utf8.withContiguousStorageIfAvailable(isShortPrintableASCII)
            ?? Array(utf8).withUnsafeBufferPointer(isShortPrintableASCII)
        if isShort { return (source, utf8.count, true) }
        if !isASCII, utf8.first != 0x20, utf8.last != 0x20, source.unicodeScalars.allSatisfy(isPlainScalar) {
            let count = source.unicodeScalars.count
            if count <= maxWidth { return (source, count, true) }
        }
        var name = truncated(source, toWidth: maxWidth, ascii: isASCII)
        if name.first == " " || name.last == " " { name = name.trimmingCharacters(in: .whitespaces) }
        return (name, displayWidth(of: name), false)
    }
}
