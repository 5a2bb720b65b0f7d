// libFuzzer target over the TextUI text path: sanitising, measuring, truncating, folding, drawing into a
// CellBuffer and rendering it. Built by fuzz/run.sh together with Sources/TextUI/*.swift; not part of the
// package. Each check that fails stops the run with a message naming the invariant.

/// Reads fuzzer bytes as parameters; past the end every read is zero.
struct FuzzBytes {
    let bytes: [UInt8]
    var offset = 0

    mutating func byte() -> UInt8 {
        guard offset < bytes.count else { return 0 }
        defer { offset += 1 }
        return bytes[offset]
    }

    /// A small signed number, or now and then an extreme one, to probe overflow in clipping arithmetic.
    mutating func position() -> Int {
        let raw = byte()
        switch raw {
        case 0xFF: return Int.max
        case 0xFE: return Int.min
        case 0xFD: return Int.max - 1
        case 0xFC: return Int.min + 1
        default: return Int(Int8(bitPattern: raw))
        }
    }

    mutating func style() -> Style {
        let colors = byte()
        return Style(
            foreground: Color(rawValue: colors % 17) ?? .default,
            background: Color(rawValue: (colors / 17) % 17) ?? .default,
            attributes: Attributes(rawValue: byte() & 0x0F))
    }

    var rest: [UInt8] { offset < bytes.count ? Array(bytes[offset...]) : [] }
}

func check(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition { fatalError("invariant broken: \(message())") }
}

/// True for scalars the sanitiser promises to remove: C0 (line breaks included), DEL, C1, bidi controls,
/// and format characters other than ZWJ and ZWNJ.
func isForbidden(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x00...0x1F, 0x7F...0x9F, 0x2028, 0x2029, 0x202A...0x202E, 0x2066...0x2069: return true
    case 0x200C, 0x200D: return false
    case 0xFDD0...0xFDEF: return true
    default:
        if scalar.value & 0xFFFE == 0xFFFE { return true }
        return scalar.properties.generalCategory == .format
    }
}

func checkClean(_ text: String, _ what: String) {
    for scalar in text.unicodeScalars {
        check(!isForbidden(scalar), "\(what) holds U+\(String(scalar.value, radix: 16)) in \(text.debugDescription)")
    }
}

func checkPrintableASCII(_ text: String, _ what: String) {
    check(text.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F }, "\(what) is not printable ASCII: \(text.debugDescription)")
}

func characterWidthSum(_ text: String) -> Int {
    text.reduce(0) { $0 + displayWidth(of: $1) }
}

/// Every wide character is followed by its continuation, every continuation follows a wide character, no
/// cell holds a zero-width character or a control, and the cell count matches the size.
func checkBuffer(_ buffer: CellBuffer, _ what: String) {
    check(buffer.cells.count == buffer.width * buffer.height, "\(what): cell count \(buffer.cells.count)")
    for y in 0..<buffer.height {
        for x in 0..<buffer.width {
            let cell = buffer[x, y]
            if cell.isContinuation {
                check(x > 0, "\(what): continuation in column 0 of row \(y)")
                let lead = buffer[x - 1, y]
                check(
                    !lead.isContinuation && displayWidth(of: lead.character) == 2,
                    "\(what): orphan continuation at (\(x), \(y)) after \(lead)")
                continue
            }
            let width = displayWidth(of: cell.character)
            check(width == 1 || width == 2, "\(what): width-\(width) character \(cell.character.debugDescription)")
            for scalar in cell.character.unicodeScalars where isForbidden(scalar) {
                check(false, "\(what): cell (\(x), \(y)) holds U+\(String(scalar.value, radix: 16))")
            }
            if width == 2 {
                check(
                    x + 1 < buffer.width && buffer[x + 1, y].isContinuation,
                    "\(what): wide \(cell.character.debugDescription) at (\(x), \(y)) without its continuation")
            }
        }
    }
}

/// `rendered(colors:)` holds no control but `\n` and our SGR sequences, one line per row, and every depth
/// shows the same characters.
func checkRendered(_ buffer: CellBuffer) {
    let plain = buffer.rendered(colors: .none)
    check(!plain.unicodeScalars.contains { $0.value == 0x1B }, "ESC in a plain frame")
    checkClean(plain.replacingNewlines(), "plain frame")
    let rows = max(buffer.height, 1)
    check(plain.split(separator: "\n", omittingEmptySubsequences: false).count == rows, "plain frame line count")
    for depth in [ColorDepth.ansi8, .ansi256] {
        let colored = buffer.rendered(colors: depth)
        let stripped = colored.removingSelectGraphicRendition()
        check(!stripped.unicodeScalars.contains { $0.value == 0x1B }, "ESC outside SGR at \(depth)")
        checkClean(stripped.replacingNewlines(), "\(depth) frame")
        check(
            stripped.trimmingTrailingSpacesPerLine() == plain.trimmingTrailingSpacesPerLine(),
            "\(depth) frame shows other characters than the plain one")
    }
}

extension String {
    func replacingNewlines() -> String {
        String(String.UnicodeScalarView(unicodeScalars.map { $0 == "\n" ? " " : $0 }))
    }

    /// Removes `ESC [ digits-and-semicolons m`; anything else stays (and fails the ESC check).
    func removingSelectGraphicRendition() -> String {
        var output = String.UnicodeScalarView()
        var scalars = Array(unicodeScalars)[...]
        while let first = scalars.first {
            if first.value == 0x1B, scalars.dropFirst().first == "[" {
                let body = scalars.dropFirst(2).prefix { ("0"..."9").contains($0) || $0 == ";" }
                let end = scalars.index(scalars.startIndex, offsetBy: 2 + body.count)
                if end < scalars.endIndex, scalars[end] == "m" {
                    scalars = scalars[(end + 1)...]
                    continue
                }
            }
            output.append(first)
            scalars = scalars.dropFirst()
        }
        return String(output)
    }

    /// Trims by scalar, not by character: two neighbouring cells may join into one character in a string.
    func trimmingTrailingSpacesPerLine() -> String {
        split(separator: "\n", omittingEmptySubsequences: false)
            .map { line in
                var scalars = Array(line.unicodeScalars)
                while scalars.last == " " { scalars.removeLast() }
                return String(String.UnicodeScalarView(scalars))
            }
            .joined(separator: "\n")
    }
}

/// Puts `text` and checks the advance, the cells it may touch, and (when it all fits) what it wrote.
func checkedPut(
    _ text: String, into buffer: inout CellBuffer, x: Int, y: Int, style: Style, maxWidth: Int?, ascii: Bool
) {
    let before = buffer
    let advance = buffer.put(text, x: x, y: y, style: style, maxWidth: maxWidth, ascii: ascii)
    var clean = TextSanitizer.sanitized(text)
    if ascii { clean = asciiFolded(clean) }
    let fullWidth = displayWidth(of: clean)
    let what = "put(\(text.debugDescription), x: \(x), y: \(y), maxWidth: \(String(describing: maxWidth)))"
    check(advance >= 0 && advance <= fullWidth, "\(what) advanced \(advance) of \(fullWidth)")
    if let maxWidth { check(advance <= max(0, maxWidth), "\(what) advanced \(advance) past maxWidth") }
    if x < buffer.width, maxWidth == nil { check(x + advance <= buffer.width, "\(what) advanced past the edge") }
    checkBuffer(buffer, what)
    for row in 0..<buffer.height {
        for column in 0..<buffer.width {
            // Only row y, from the lead of a wide character cut at x to a continuation cut at the end.
            let mayChange = row == y && x <= column + 1 && column - advance <= x
            if !mayChange {
                check(buffer[column, row] == before[column, row], "\(what) changed (\(column), \(row))")
            }
        }
    }
    let fits =
        x >= 0 && y >= 0 && y < buffer.height && x <= buffer.width - fullWidth
        && (maxWidth ?? Int.max) >= fullWidth
    if fits {
        check(advance == fullWidth, "\(what) advanced \(advance), not \(fullWidth), though it fits")
        let written = (x..<(x + fullWidth)).map { buffer[$0, y] }.filter { !$0.isContinuation }.map(\.character)
        let expected = clean.filter { displayWidth(of: $0) > 0 }
        check(written == Array(expected), "\(what) wrote \(written), not \(Array(expected))")
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    var input = FuzzBytes(bytes: Array(UnsafeBufferPointer(start: data, count: size)))
    let flags = input.byte()
    let ascii = flags & 1 != 0
    let width = Int(input.byte() % 48)
    let height = Int(input.byte() % 6)
    let x1 = input.position()
    let y1 = input.position()
    let x2 = input.position()
    let y2 = input.position()
    let maxWidthByte = input.byte()
    let maxWidth: Int? = flags & 2 != 0 ? nil : (maxWidthByte == 0xFF ? Int.max : Int(Int8(bitPattern: maxWidthByte)))
    let splitByte = input.byte()
    let style1 = input.style()
    let style2 = input.style()
    let truncateWidth = Int(Int8(bitPattern: input.byte()))
    let rest = input.rest
    let text = String(decoding: rest, as: UTF8.self)

    // Sanitising: nothing forbidden survives, and sanitising again changes nothing.
    let clean = TextSanitizer.sanitized(text)
    checkClean(clean, "sanitized")
    check(TextSanitizer.sanitized(clean) == clean, "sanitising is not idempotent for \(text.debugDescription)")

    // Measuring: the fast paths agree with the per-character sum, on raw and on clean text.
    check(displayWidth(of: text) == characterWidthSum(text), "displayWidth fast path differs for raw text")
    check(
        displayWidth(of: clean) == characterWidthSum(clean),
        "displayWidth fast path differs for \(clean.debugDescription)")

    // Folding: clean text folds to printable ASCII; anything folds to ASCII.
    let folded = asciiFolded(clean)
    checkPrintableASCII(folded, "asciiFolded(sanitized)")
    check(asciiFolded(text).utf8.allSatisfy { $0 < 0x80 }, "asciiFolded left non-ASCII")
    check(displayWidth(of: folded) == folded.utf8.count, "folded width differs from its length")

    // Truncating: never wider than asked, clean, whole when it fits.
    let shown = truncated(text, toWidth: truncateWidth, ascii: ascii)
    let source = ascii ? folded : clean
    check(
        displayWidth(of: shown) <= max(0, truncateWidth),
        "truncated \(shown.debugDescription) is wider than \(truncateWidth)")
    checkClean(shown, "truncated")
    check(TextSanitizer.sanitized(shown) == shown, "truncated text is not clean")
    if ascii { checkPrintableASCII(shown, "truncated ASCII") }
    if truncateWidth > 0 && displayWidth(of: source) <= truncateWidth {
        check(shown == source, "truncated cut text that fits")
    }

    // Drawing: two overlapping puts, a box with the text as its title, a fill, a status line and a table row.
    var buffer = CellBuffer(width: width, height: height)
    checkedPut(text, into: &buffer, x: x1, y: y1, style: style1, maxWidth: nil, ascii: ascii)
    let scalars = Array(text.unicodeScalars)
    let split = scalars.isEmpty ? 0 : Int(splitByte) % (scalars.count + 1)
    let head = String(String.UnicodeScalarView(scalars[..<split]))
    let tail = String(String.UnicodeScalarView(scalars[split...]))
    checkedPut(tail, into: &buffer, x: x2, y: y2, style: style2, maxWidth: maxWidth, ascii: ascii)
    checkedPut(head, into: &buffer, x: x2 &+ 1, y: y1, style: style2, maxWidth: maxWidth, ascii: ascii)
    checkRendered(buffer)

    if flags & 4 != 0 {
        let box = Rect(x: x2 % 64, y: y1 % 8, width: Int(splitByte % 50), height: Int(flags >> 4))
        buffer.drawBox(box, style: style1, ascii: ascii, title: text)
        checkBuffer(buffer, "drawBox")
        buffer.fill(
            Rect(x: x1 % 64, y: y2 % 8, width: Int(maxWidthByte % 30), height: 2), with: Cell(" ", style: style2))
        checkBuffer(buffer, "fill")
        checkRendered(buffer)
    }

    if flags & 8 != 0 {
        let line = StatusLine(
            [
                .init(head, priority: Int(flags >> 5), isRequired: flags & 16 != 0),
                .init(tail, style: style2, priority: 1, alignment: .trailing),
                .init(text, priority: 2, isRequired: true),
            ], separator: flags & 32 != 0 ? .bar : .spaces, style: style1)
        var placedEnd = 0
        for placement in line.layout(width: width, ascii: ascii) {
            let placedWidth = displayWidth(of: placement.text)
            check(placement.x >= placedEnd, "status line segments overlap")
            placedEnd = placement.x + placedWidth
            checkClean(placement.text, "status line segment")
        }
        line.render(in: buffer.bounds, into: &buffer, ascii: ascii)
        checkBuffer(buffer, "StatusLine.render")

        let table = Table([.init(.fitting(maximum: 12)), .init(.flexible, alignment: .trailing), .init(.fixed(3))])
        let rows = [[head, tail, text], [text], [tail, head]]
        let widths = table.widths(for: rows, totalWidth: width, ascii: ascii)
        for row in rows {
            let rendered = table.line(row, widths: widths, ascii: ascii)
            check(
                displayWidth(of: rendered) == widths.reduce(0, +) + table.spacing * (widths.count - 1),
                "table line \(rendered.debugDescription) is not \(widths) wide")
            checkClean(rendered, "table line")
            table.render(row, widths: widths, x: x1 % 16, y: y2 % 8, into: &buffer, ascii: ascii)
            checkBuffer(buffer, "Table.render")
        }
        checkRendered(buffer)
    }
    return 0
}
