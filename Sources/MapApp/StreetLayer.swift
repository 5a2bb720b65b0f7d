import Geo
import Streets
import TextUI

/// Streets from the imported OpenStreetMap areas, drawn under the markers and labels at zoom 11 and deeper:
/// major roads, railways, water and parks from 11, minor roads from 14, paths and buildings from 16, each
/// class in its colour (and its own glyphs in ASCII), street names from zoom 15 where they fit, and the
/// data's attribution on the scale line.
public struct StreetLayer: Sendable {
    /// Where the imported areas come from; nil draws nothing.
    public var source: (any StreetSource)?

    /// The zoom from which street names are placed.
    public static let nameMinimumZoom = 15
    /// What the scale line says where streets are drawn (ODbL requires it).
    public static let attribution = "© OpenStreetMap contributors"
    /// The attribution in 7-bit ASCII.
    public static let asciiAttribution = "(c) OpenStreetMap contributors"

    /// A layer drawing from `source`.
    public init(source: (any StreetSource)? = nil) {
        self.source = source
    }

    /// The groups of classes drawn alike, lowest priority first: a cell takes the style of the highest group
    /// with a dot in it.
    enum Group: Int, CaseIterable {
        case building, park, water, path, minor, rail, major

        init(_ streetClass: StreetClass) {
            switch streetClass {
            case .building: self = .building
            case .park: self = .park
            case .water, .waterway: self = .water
            case .footway, .cycleway, .path: self = .path
            case .residential, .pedestrian, .service: self = .minor
            case .rail, .tram: self = .rail
            case .tertiary, .secondary, .primary, .motorway: self = .major
            }
        }

        /// The style in colour and in monochrome.
        func style(monochrome: Bool) -> Style {
            if monochrome {
                switch self {
                case .major: return Style(attributes: .bold)
                case .building, .park, .path: return Style(attributes: .dim)
                case .water, .minor, .rail: return Style()
                }
            }
            switch self {
            case .major: return Style(foreground: .yellow)
            case .minor: return Style(foreground: .white)
            case .path: return Style(foreground: .gray)
            case .rail: return Style(foreground: .magenta)
            case .water: return Style(foreground: .blue)
            case .park: return Style(foreground: .green)
            case .building: return Style(foreground: .gray, attributes: .dim)
            }
        }

        /// The ASCII glyph for a cell of this group whose dots read as `shape` (`MapGlyphs.ascii`).
        func asciiGlyph(shape: Character) -> Character {
            switch self {
            case .major: "#"
            case .minor: shape
            case .path: shape == "|" ? ":" : "."
            case .rail: "%"
            case .water: "~"
            case .park: ";"
            case .building: "x"
            }
        }
    }

    /// What `drawLines` found for `drawNames`: the areas in view and whether any line was drawn.
    struct Drawing {
        var atlases: [StreetAtlas]
        var level: Int
        var box: UnitBox
        var hasLines: Bool
    }

    /// Draws the lines of every area the view touches over the static layers already in the area's cells
    /// (their dots are kept: a street cell shows both). Returns nil when nothing is drawn (zoom below 11,
    /// no areas in view).
    func drawLines(
        _ projection: Projection, options: MapOptions, staticLayers: MapLayers, composition: MapComposition,
        into buffer: inout CellBuffer
    ) -> Drawing? {
        guard let source, let level = StreetAtlasLayout.level(forZoom: projection.viewport.zoom) else { return nil }
        let bounds = projection.bounds
        let box = UnitBox(GeoBox(minLon: bounds.west, minLat: bounds.south, maxLon: bounds.east, maxLat: bounds.north))
        let atlases = source.areas(overlapping: box)
        guard !atlases.isEmpty else { return nil }
        let columns = composition.area.width
        let rows = composition.area.height
        let zoom = projection.viewport.zoom
        let transform = projection.dotTransform(unitsPerDegree: Double(StreetAtlasLayout.unitsPerDegree))
        var canvases = Group.allCases.map { _ in DotCanvas(columns: columns, rows: rows) }
        var hasLines = false
        for atlas in atlases {
            atlas.withLines(level: level, in: box) { lines in
                var buckets = Group.allCases.map { _ in [StreetLine]() }
                for line in lines where line.streetClass.minimumZoom <= zoom {
                    buckets[Group(line.streetClass).rawValue].append(line)
                }
                for group in Group.allCases where !buckets[group.rawValue].isEmpty {
                    hasLines = true
                    canvases[group.rawValue].withPen(transform: transform) { pen in
                        for line in buckets[group.rawValue] { pen.draw(line.points) }
                    }
                }
            }
        }
        guard hasLines else { return nil }
        let monochrome = options.theme == .monochrome
        let styles = Group.allCases.map { $0.style(monochrome: monochrome) }
        let ascii = options.charset == .ascii
        let area = composition.area
        for row in 0..<rows {
            for column in 0..<columns {
                let index = row * columns + column
                var pattern: UInt8 = 0
                var top: Group?
                for group in Group.allCases where canvases[group.rawValue].patterns[index] != 0 {
                    pattern |= canvases[group.rawValue].patterns[index]
                    top = group
                }
                guard let top else { continue }
                let character: Character
                if ascii {
                    character = top.asciiGlyph(shape: MapGlyphs.ascii[Int(canvases[top.rawValue].patterns[index])])
                } else {
                    pattern |=
                        staticLayers.coastline.patterns[index] | staticLayers.lake.patterns[index]
                        | staticLayers.border.patterns[index]
                    character = MapGlyphs.braille[Int(pattern)]
                }
                buffer.cells[(area.y + row) * buffer.width + area.x + column] = Cell(
                    character, style: styles[top.rawValue])
            }
        }
        return Drawing(atlases: atlases, level: level, box: box, hasLines: hasLines)
    }

    /// A street name that may be placed: where its longest visible segment runs, in cells of the area.
    private struct Candidate {
        var atlas: Int
        var name: Int32
        var rank: UInt8
        var from: CellPoint
        var to: CellPoint

        var length: Int { max(abs(to.x - from.x), abs(to.y - from.y)) }
    }

    /// Places street names (zoom 15 and deeper) where they fit, most important streets first, each name once,
    /// never over markers, place labels or each other; then writes the attribution on the scale line.
    func drawNames(
        _ drawing: Drawing?, projection: Projection, options: MapOptions, composition: inout MapComposition,
        into buffer: inout CellBuffer
    ) {
        guard let drawing else { return }
        let ascii = options.charset == .ascii
        if projection.viewport.zoom >= StreetLayer.nameMinimumZoom {
            let candidates = self.candidates(drawing, projection: projection)
            var placed = Set<String>()
            let style = options.theme == .monochrome ? Style() : Style(foreground: .default)
            for candidate in candidates {
                guard let raw = drawing.atlases[candidate.atlas].name(candidate.name) else { continue }
                var name = TextSanitizer.sanitized(raw)
                if ascii { name = asciiFolded(name) }
                name = truncated(name, toWidth: 24, ascii: ascii)
                let width = displayWidth(of: name)
                guard width > 0, !placed.contains(name) else { continue }
                guard let spot = spot(for: candidate, width: width, composition: composition) else { continue }
                placed.insert(name)
                for x in spot.x..<spot.x + width { composition.occupancy.take(x, spot.y) }
                buffer.put(
                    name, x: composition.area.x + spot.x, y: composition.area.y + spot.y, style: style,
                    maxWidth: width, ascii: ascii)
            }
        }
        drawAttribution(ascii: ascii, style: options.theme.scaleBar, composition: &composition, into: &buffer)
    }

    /// The named street segments in view, most important first, longest first within a class.
    private func candidates(_ drawing: Drawing, projection: Projection) -> [Candidate] {
        var candidates: [Candidate] = []
        let transform = projection.dotTransform(unitsPerDegree: Double(StreetAtlasLayout.unitsPerDegree))
        let zoom = projection.viewport.zoom
        let size = projection.size
        for (index, atlas) in drawing.atlases.enumerated() {
            atlas.forEachLine(level: drawing.level, in: drawing.box) { line in
                guard line.streetClass.isStreet, let name = line.nameIndex, line.streetClass.minimumZoom <= zoom
                else { return }
                var best: Candidate?
                var previous: CellPoint?
                for point in 0..<line.points.count / 2 {
                    let x = Double(line.points[2 * point]) * transform.scaleX + transform.offsetX
                    let y = Double(line.points[2 * point + 1]) * transform.scaleY + transform.offsetY
                    guard x.isFinite, y.isFinite, abs(x) < 1e6, abs(y) < 1e6 else { return }
                    let cell = CellPoint(x: Int((x / 2).rounded(.down)), y: Int((y / 4).rounded(.down)))
                    defer { previous = cell }
                    guard let start = previous else { continue }
                    let inside = { (c: CellPoint) in c.x >= 0 && c.y >= 0 && c.x < size.width && c.y < size.height }
                    guard inside(start) || inside(cell) else { continue }
                    let segment = Candidate(
                        atlas: index, name: name, rank: line.streetClass.rawValue, from: start, to: cell)
                    if segment.length > best?.length ?? -1 { best = segment }
                }
                if let best { candidates.append(best) }
            }
        }
        return candidates.sorted { ($0.rank, $0.length) > ($1.rank, $1.length) }
    }

    /// Where a name `width` cells wide goes: along a flat segment, on its cells; otherwise beside its middle,
    /// right then left. Nil when every spot is taken or outside the area.
    private func spot(for candidate: Candidate, width: Int, composition: MapComposition) -> CellPoint? {
        let area = composition.area
        let middle = CellPoint(x: (candidate.from.x + candidate.to.x) / 2, y: (candidate.from.y + candidate.to.y) / 2)
        let dx = abs(candidate.to.x - candidate.from.x)
        let dy = abs(candidate.to.y - candidate.from.y)
        var spots: [CellPoint] = []
        if dx + 1 >= width && dy * 4 <= dx {
            spots.append(CellPoint(x: middle.x - width / 2, y: middle.y))
        } else {
            spots.append(CellPoint(x: middle.x + 2, y: middle.y))
            spots.append(CellPoint(x: middle.x - 1 - width, y: middle.y))
        }
        return spots.first { spot in
            spot.x >= 0 && spot.y >= 0 && spot.x + width <= area.width && spot.y < area.height - 1
                && composition.occupancy.isFree(from: spot.x, to: spot.x + width - 1, y: spot.y)
        }
    }

    /// Writes the attribution after the scale bar on the bottom row, or on the row above when it does not fit.
    private func drawAttribution(
        ascii: Bool, style: Style, composition: inout MapComposition, into buffer: inout CellBuffer
    ) {
        let text = ascii ? StreetLayer.asciiAttribution : StreetLayer.attribution
        let width = text.count
        let area = composition.area
        guard area.height >= 2 else { return }
        let bottom = area.height - 1
        var start = 1
        while start < area.width, composition.occupancy.isTaken(start, bottom) { start += 1 }
        // After the scale bar, else on a row above; never over a marker, an arrow or a label.
        let spots = [CellPoint(x: start, y: bottom), CellPoint(x: 1, y: bottom - 1), CellPoint(x: 1, y: bottom - 2)]
        let spot = spots.first { spot in
            spot.y >= 0 && spot.x + width < area.width
                && (spot.x..<spot.x + width).allSatisfy { !composition.occupancy.isTaken($0, spot.y) }
        }
        guard let spot else { return }
        var x = spot.x
        for character in text {
            composition.put(character, style: style, x: x, y: spot.y, into: &buffer)
            composition.occupancy.take(x, spot.y)
            x += 1
        }
    }
}
