import Foundation
import Geo
import TextUI

/// The characters a map is drawn with: Braille dots and Unicode arrows, or 7-bit ASCII only.
public enum Charset: Hashable, Sendable {
    case braille, ascii
}

/// The styles of the map's layers and decorations.
public struct MapTheme: Hashable, Sendable {
    /// Coastlines and islands.
    public var coastline: Style
    /// Lake shores.
    public var lake: Style
    /// Country borders: dimmer than coastlines.
    public var border: Style
    /// State and province lines.
    public var state: Style
    /// Meridians and parallels.
    public var graticule: Style
    /// The dot marking a city.
    public var placeDot: Style
    /// A city's name.
    public var placeName: Style
    /// The scale bar and its text.
    public var scaleBar: Style

    /// Creates a theme from one style per element.
    public init(
        coastline: Style, lake: Style, border: Style, state: Style, graticule: Style, placeDot: Style,
        placeName: Style, scaleBar: Style
    ) {
        self.coastline = coastline
        self.lake = lake
        self.border = border
        self.state = state
        self.graticule = graticule
        self.placeDot = placeDot
        self.placeName = placeName
        self.scaleBar = scaleBar
    }

    /// Colours for terminals that have them: cyan coasts, blue lakes, grey borders, dim state lines.
    public static let standard = MapTheme(
        coastline: Style(foreground: .cyan), lake: Style(foreground: .blue), border: Style(foreground: .gray),
        state: Style(foreground: .gray, attributes: .dim), graticule: Style(foreground: .blue, attributes: .dim),
        placeDot: Style(foreground: .yellow), placeName: Style(foreground: .default), scaleBar: Style())

    /// Attributes only, for monochrome terminals: borders, state lines and the graticule dim.
    public static let monochrome = MapTheme(
        coastline: Style(), lake: Style(), border: Style(attributes: .dim), state: Style(attributes: .dim),
        graticule: Style(attributes: .dim), placeDot: Style(), placeName: Style(), scaleBar: Style())
}

/// A participant on the map: a one-character label at a position.
public struct MapMarker: Hashable, Sendable {
    /// The label drawn at the marker's cell (`1`-`9`, `A`-`Z`, `*`).
    public var label: Character
    /// Where the participant is.
    public var position: LatLon
    /// Drawn reversed: the participant the panel has selected.
    public var isSelected: Bool
    /// Drawn dim: a participant who stopped sharing, at the last known position.
    public var isDimmed: Bool
    /// The marker's colours; the composer adds bold, reverse and dim.
    public var style: Style

    /// Creates a marker.
    public init(
        label: Character, position: LatLon, isSelected: Bool = false, isDimmed: Bool = false, style: Style = Style()
    ) {
        self.label = label
        self.position = position
        self.isSelected = isSelected
        self.isDimmed = isDimmed
        self.style = style
    }
}

/// How the map is drawn; settings arrive as this value, never from globals.
public struct MapOptions: Hashable, Sendable {
    /// Braille or ASCII.
    public var charset: Charset
    /// Cell height over cell width; 2 for most terminal fonts.
    public var cellAspect: Double
    /// Draws meridians and parallels.
    public var showsGraticule: Bool
    /// Draws city names.
    public var showsPlaceLabels: Bool
    /// Styles of the layers.
    public var theme: MapTheme

    /// Creates options; the defaults are Braille, 2:1 cells, no graticule, place labels, the standard theme.
    public init(
        charset: Charset = .braille, cellAspect: Double = Viewport.defaultCellAspect, showsGraticule: Bool = false,
        showsPlaceLabels: Bool = true, theme: MapTheme = .standard
    ) {
        self.charset = charset
        self.cellAspect = cellAspect
        self.showsGraticule = showsGraticule
        self.showsPlaceLabels = showsPlaceLabels
        self.theme = theme
    }
}

/// What the composer drew that the rest of the screen should mention.
public struct MapReport: Hashable, Sendable {
    /// Groups of labels (two or more, in marker order) drawn as one `+` because they share a cell.
    public var sharedCells: [[Character]]
    /// Labels outside the view, drawn as arrows at the map's edge, in marker order.
    public var offscreen: [Character]
    /// The scale bar's text, such as `500 km / 311 mi`, or nil when the area had no room for it.
    public var scaleText: String?

    /// Creates a report.
    public init(sharedCells: [[Character]] = [], offscreen: [Character] = [], scaleText: String? = nil) {
        self.sharedCells = sharedCells
        self.offscreen = offscreen
        self.scaleText = scaleText
    }
}

/// Turns a view of the atlas plus participant markers into cells: map layers as Braille or ASCII, city
/// names placed by rank where they fit, markers on top, arrows for participants outside the view, and a
/// scale bar.
public struct MapComposer: Sendable {
    /// The map data.
    public let atlas: Atlas
    /// Streets from imported OpenStreetMap areas, drawn at zoom 11 and deeper.
    public let streets: StreetLayer
    private let rasterizer: MapRasterizer

    /// Creates a composer drawing from `atlas`, with `streets` over it where imported areas are in view.
    public init(atlas: Atlas = .embedded, streets: StreetLayer = StreetLayer()) {
        self.atlas = atlas
        self.streets = streets
        rasterizer = MapRasterizer(atlas: atlas)
    }

    /// Draws the map of `viewport` with `markers` into `area` of `buffer` (clipped to the buffer), writing
    /// every cell of the area and nothing outside it. An empty area draws nothing and reports nothing.
    public func compose(
        _ viewport: Viewport, markers: [MapMarker], options: MapOptions, into buffer: inout CellBuffer, area: Rect
    ) -> MapReport {
        let clipped = MapComposer.clip(area, to: buffer.bounds)
        let layers = staticLayers(
            viewport, options: options, size: CellSize(width: clipped.width, height: clipped.height))
        return compose(viewport, markers: markers, options: options, into: &buffer, area: area, staticLayers: layers)
    }

    /// The rasterized static layers (coastlines, lakes, borders, states, graticule) of `viewport` for an area
    /// of `size` cells: keep them to redraw the same view and size without reading the atlas again.
    public func staticLayers(_ viewport: Viewport, options: MapOptions, size: CellSize) -> MapLayers {
        var layers = MapLayers(columns: size.width, rows: size.height)
        let projection = Projection(viewport: viewport, size: size, aspect: options.cellAspect)
        rasterizer.draw(projection, into: &layers, showsGraticule: options.showsGraticule)
        return layers
    }

    /// Like `compose(_:markers:options:into:area:)`, drawing the given static layers when they match the
    /// area's size (as made by `staticLayers` for the same view and options), rasterizing afresh otherwise.
    public func compose(
        _ viewport: Viewport, markers: [MapMarker], options: MapOptions, into buffer: inout CellBuffer, area: Rect,
        staticLayers: MapLayers
    ) -> MapReport {
        let area = MapComposer.clip(area, to: buffer.bounds)
        guard !area.isEmpty else { return MapReport() }
        let size = CellSize(width: area.width, height: area.height)
        guard staticLayers.columns == size.width, staticLayers.rows == size.height else {
            let layers = self.staticLayers(viewport, options: options, size: size)
            return compose(
                viewport, markers: markers, options: options, into: &buffer, area: area, staticLayers: layers)
        }
        let projection = Projection(viewport: viewport, size: size, aspect: options.cellAspect)
        var composition = MapComposition(area: area, charset: options.charset)
        composition.fill(from: staticLayers, theme: options.theme, into: &buffer)
        let streetDrawing = streets.drawLines(
            projection, options: options, staticLayers: staticLayers, composition: composition, into: &buffer)
        var report = MapReport()
        let placed = composition.placeMarkers(markers, projection: projection, report: &report)
        report.scaleText = composition.drawScaleBar(
            projection: projection, style: options.theme.scaleBar, into: &buffer)
        if options.showsPlaceLabels {
            composition.drawPlaces(places(for: projection), theme: options.theme, projection: projection, into: &buffer)
        }
        streets.drawNames(
            streetDrawing, projection: projection, options: options, composition: &composition, into: &buffer)
        composition.draw(placed, into: &buffer)
        return report
    }

    /// The atlas's places in the view at its level of detail, most important first.
    private func places(for projection: Projection) -> [Place] {
        let level = MapRasterizer.detailLevel(for: projection)
        let pieces = MapRasterizer.pieces(for: projection)
        if pieces.count == 1, let piece = pieces.first { return atlas.places(level: level, in: piece.box) }
        var places: [Place] = []
        for piece in pieces { places += atlas.places(level: level, in: piece.box) }
        return places.sorted { ($0.rank, -$0.population) < ($1.rank, -$1.population) }
    }

    /// `area` intersected with `bounds`.
    static func clip(_ area: Rect, to bounds: Rect) -> Rect {
        let left = max(area.x, bounds.x)
        let top = max(area.y, bounds.y)
        let right = min(area.maxX, bounds.maxX)
        let bottom = min(area.maxY, bounds.maxY)
        return Rect(x: left, y: top, width: right - left, height: bottom - top)
    }

    /// The scale bar for `projection` at most `maxCells` long: the bar (`|----|`, its ends `length` cells
    /// apart) and its text, or nil if no round distance fits between 3 and `maxCells` cells.
    static func scaleBar(for projection: Projection, maxCells: Int = 10) -> (bar: String, text: String)? {
        // Meridians are true to scale in every equirectangular view: measure along them.
        let kmPerCell = 4 / projection.dotsPerLatDegree / projection.aspect * 111.32
        guard kmPerCell.isFinite, kmPerCell > 0 else { return nil }
        let distances: [Double] = [
            10_000, 5_000, 2_000, 1_000, 500, 200, 100, 50, 20, 10, 5, 2, 1, 0.5, 0.2, 0.1, 0.05, 0.02, 0.01,
        ]
        guard let km = distances.first(where: { $0 / kmPerCell <= Double(maxCells) }) else { return nil }
        let length = Int((km / kmPerCell).rounded())
        guard length >= 3 else { return nil }
        let metric = km >= 1 ? "\(Int(km)) km" : "\(Int((km * 1000).rounded())) m"
        let miles = km * 0.621_371
        let imperial: String
        if miles >= 10 {
            imperial = "\(Int(miles.rounded())) mi"
        } else if miles >= 1 {
            imperial = String(format: "%.1f mi", miles)
        } else {
            imperial = "\(Int((km * 3280.84).rounded())) ft"
        }
        return ("|" + String(repeating: "-", count: length - 1) + "|", "\(metric) / \(imperial)")
    }
}

/// One composition's working state: the area, the character set and which cells labels may not use.
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
    /// Cells holding a marker, arrow, scale bar or label, row-major over the area.
    var taken: [Bool]

    init(area: Rect, charset: Charset) {
        self.area = area
        self.charset = charset
        taken = Array(repeating: false, count: area.width * area.height)
    }

    func isTaken(_ x: Int, _ y: Int) -> Bool {
        x >= 0 && y >= 0 && x < area.width && y < area.height && taken[y * area.width + x]
    }

    mutating func take(_ x: Int, _ y: Int) {
        guard x >= 0, y >= 0, x < area.width, y < area.height else { return }
        taken[y * area.width + x] = true
    }

    func put(_ character: Character, style: Style, x: Int, y: Int, into buffer: inout CellBuffer) {
        guard x >= 0, y >= 0, x < area.width, y < area.height else { return }
        buffer.cells[(area.y + y) * buffer.width + area.x + x] = Cell(character, style: style)
    }

    /// Writes every cell of the area from the union of the layers' dots, styled by the highest-priority
    /// layer present: coastline, border, state, lake, graticule.
    func fill(from layers: MapLayers, theme: MapTheme, into buffer: inout CellBuffer) {
        let glyphs = charset == .braille ? MapGlyphs.braille : MapGlyphs.ascii
        let width = area.width
        let bufferWidth = buffer.width
        let blank = Cell.blank
        // Plain values, not an array: an array read inside the loop costs a retain and a release per cell.
        let coastStyle = theme.coastline
        let borderStyle = theme.border
        let stateStyle = theme.state
        let lakeStyle = theme.lake
        let graticuleStyle = theme.graticule
        glyphs.withUnsafeBufferPointer { glyphs in
            layers.coastline.patterns.withUnsafeBufferPointer { coast in
                layers.border.patterns.withUnsafeBufferPointer { border in
                    layers.state.patterns.withUnsafeBufferPointer { state in
                        layers.lake.patterns.withUnsafeBufferPointer { lake in
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
                                            let g = graticule[index]
                                            let pattern = c | b | s | l | g
                                            if pattern == 0 {
                                                // A fresh buffer is blank already: skipping the store saves
                                                // releasing and retaining the same character.
                                                if !MapComposition.isBlank(cells[target + column]) {
                                                    cells[target + column] = blank
                                                }
                                                continue
                                            }
                                            let style =
                                                c != 0
                                                ? coastStyle
                                                : b != 0
                                                    ? borderStyle
                                                    : s != 0 ? stateStyle : l != 0 ? lakeStyle : graticuleStyle
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

    /// True when `cell` equals `Cell.blank`, compared field by field without calling `Style.==`.
    @inline(__always)
    static func isBlank(_ cell: Cell) -> Bool {
        cell.style.attributes.rawValue == 0 && cell.style.foreground.rawValue == 0
            && cell.style.background.rawValue == 0 && !cell.isContinuation && cell.character == " "
    }

    /// Places markers: one per cell in the view (a `+` for several), arrows at the edge for those outside.
    /// Takes their cells so labels avoid them; fills `report`'s shared cells and offscreen labels.
    mutating func placeMarkers(
        _ markers: [MapMarker], projection: Projection, report: inout MapReport
    ) -> [PlacedMarker] {
        var groups: [(cell: CellPoint, indices: [Int])] = []
        var outside: [Int] = []
        for (index, marker) in markers.enumerated()
        where marker.position.lat.isFinite && marker.position.lon.isFinite {
            let cell = projection.cell(for: marker.position)
            if projection.contains(cell) {
                if let group = groups.firstIndex(where: { $0.cell == cell }) {
                    groups[group].indices.append(index)
                } else {
                    groups.append((cell, [index]))
                }
            } else {
                outside.append(index)
            }
        }
        var placed: [PlacedMarker] = []
        for group in groups {
            take(group.cell.x, group.cell.y)
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
            take(arrow.x, arrow.y)
            placed.append(PlacedMarker(x: arrow.x, y: arrow.y, character: arrow.character, style: style))
            // The label goes on the inward side of the arrow if that cell is free.
            let labelX = arrow.x == area.width - 1 ? arrow.x - 1 : arrow.x + 1
            if labelX >= 0, labelX < area.width, !isTaken(labelX, arrow.y) {
                take(labelX, arrow.y)
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
            if !isTaken(candidateX, candidateY) { return (candidateX, candidateY, character) }
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

    /// Draws the scale bar in the bottom-left corner if it fits, takes its cells, and returns its text.
    mutating func drawScaleBar(projection: Projection, style: Style, into buffer: inout CellBuffer) -> String? {
        guard area.height >= 3, area.width >= 16 else { return nil }
        guard let scale = MapComposer.scaleBar(for: projection, maxCells: min(10, area.width / 4)) else { return nil }
        let line = Array(scale.bar + " " + scale.text)
        guard line.count + 1 <= area.width else { return nil }
        let y = area.height - 1
        for (offset, character) in line.enumerated() where !isTaken(offset + 1, y) {
            put(character, style: style, x: offset + 1, y: y, into: &buffer)
        }
        for x in 0...line.count + 1 { take(x, y) }
        return scale.text
    }

    /// A city name placed on the map: the city's dot at `(dotX, y)` and the name from `nameX` on, as wide as
    /// its display width (in ASCII mode with a blank cell between dot and name, which the label also owns).
    struct PlacedLabel: Hashable {
        var dotX: Int
        var y: Int
        var nameX: Int
        var name: String
        /// The name's display width in cells.
        var width: Int
        /// Every scalar of the name is printable and one column wide (`MapComposition.isPlainScalar`).
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
            guard projection.contains(cell), isFree(from: cell.x, to: cell.x, y: cell.y) else { continue }
            let (name, width, isPlain) = MapComposition.displayName(of: place, charset: charset)
            guard width > 0 else { continue }
            // NB: in ASCII the dot is `o`, so a space keeps it from reading as part of the name.
            let gap = charset == .ascii ? 1 : 0
            let length = width + gap
            let right = cell.x + length < area.width && isFree(from: cell.x, to: cell.x + length, y: cell.y)
            let left = !right && cell.x - length >= 0 && isFree(from: cell.x - length, to: cell.x, y: cell.y)
            guard right || left else { continue }
            let start = right ? cell.x + 1 + gap : cell.x - length
            for x in (cell.x - (right ? 0 : length))...(cell.x + (right ? length : 0)) { take(x, cell.y) }
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
            if label.isPlain {
                // Checked scalar by scalar already: each is a printable character one cell wide.
                var x = label.nameX
                for scalar in label.name.unicodeScalars {
                    put(Character(scalar), style: theme.placeName, x: x, y: label.y, into: &buffer)
                    x += 1
                }
            } else {
                buffer.put(
                    label.name, x: area.x + label.nameX, y: area.y + label.y, style: theme.placeName,
                    maxWidth: label.width, ascii: charset == .ascii)
            }
        }
    }

    /// True when columns `from...to` of row `y`, with a cell of margin all round, are free.
    /// Cells outside the area count as free.
    func isFree(from: Int, to: Int, y: Int) -> Bool {
        let left = max(0, from - 1)
        let right = min(area.width - 1, to + 1)
        let top = max(0, y - 1)
        let bottom = min(area.height - 1, y + 1)
        guard left <= right, top <= bottom else { return true }
        let width = area.width
        return taken.withUnsafeBufferPointer { taken in
            for row in top...bottom {
                let base = row * width
                for column in left...right where taken[base + column] { return false }
            }
            return true
        }
    }

    /// The name to draw and its display width: sanitised (`TextSanitizer`), Natural Earth's ASCII spelling
    /// folded to 7 bits in ASCII mode, at most 24 columns wide (cut with an ellipsis), without surrounding
    /// blanks. `isPlain` says every scalar is a printable character of one column (see `isPlainScalar`).
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

    /// True for printable ASCII and the Latin-1 and Latin Extended-A/B letters (U+00A0-024F but the soft
    /// hyphen): scalars the sanitizer keeps as they are, each a whole character one column wide.
    static func isPlainScalar(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        return (0x20...0x7E).contains(value) || ((0xA0...0x24F).contains(value) && value != 0xAD)
    }

    func draw(_ placed: [PlacedMarker], into buffer: inout CellBuffer) {
        for marker in placed { put(marker.character, style: marker.style, x: marker.x, y: marker.y, into: &buffer) }
    }
}
