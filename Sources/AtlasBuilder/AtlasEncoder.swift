import Geo

/// What one level of detail holds before it is encoded.
public struct AtlasLevelSource: Equatable, Sendable {
    /// Tile edge in degrees; must divide 180.
    public var tileDegrees: Int
    /// Douglas-Peucker tolerance in degrees applied to every line before tiling; 0 keeps every point.
    public var simplification: Double
    /// Douglas-Peucker tolerances in degrees, ascending, of the generalised variants stored with the level
    /// (`AtlasFormat`): each piece's points get the number of these tolerances they survive. At most 15.
    public var generalisations: [Double]
    /// Polylines per layer, indexed by `AtlasLayer.rawValue`.
    public var lines: [[[LatLon]]]
    /// Per layer, the feature of each polyline of `lines` by index; missing entries and nil mean none.
    public var features: [[LineFeature?]]
    /// Populated places, in any order.
    public var places: [Place]

    /// An empty level with the given tile size, simplification tolerance and generalisation tolerances (degrees).
    public init(tileDegrees: Int, simplification: Double = 0, generalisations: [Double] = []) {
        self.tileDegrees = tileDegrees
        self.simplification = simplification
        self.generalisations = generalisations
        self.lines = AtlasLayer.allCases.map { _ in [] }
        self.features = AtlasLayer.allCases.map { _ in [] }
        self.places = []
    }

    /// The polylines of `layer`.
    public subscript(layer: AtlasLayer) -> [[LatLon]] {
        get { lines[layer.rawValue] }
        set { lines[layer.rawValue] = newValue }
    }
}

/// Sizes of one layer of one level in an encoded atlas.
public struct AtlasLayerStatistics: Equatable, Sendable {
    /// The level.
    public var level: DetailLevel
    /// The layer.
    public var layer: AtlasLayer
    /// Polylines in the source.
    public var sourceLines: Int
    /// Points in the source.
    public var sourcePoints: Int
    /// Pieces after simplification and splitting at tile edges.
    public var pieces: Int
    /// Points stored (edge points count once per piece).
    public var points: Int
    /// Points of each generalised variant, in the order of the level's `generalisations`.
    public var generalisedPoints: [Int] = []
    /// Encoded bytes of the layer.
    public var bytes: Int
}

/// Sizes of the places of one level in an encoded atlas.
public struct AtlasPlaceStatistics: Equatable, Sendable {
    /// The level.
    public var level: DetailLevel
    /// Places stored.
    public var count: Int
    /// Encoded bytes of the places block, string table included.
    public var bytes: Int
}

/// An encoded atlas and its sizes.
public struct AtlasEncoding: Equatable, Sendable {
    /// The atlas file (`assets/atlas.bin`).
    public var bytes: [UInt8]
    /// Per level and layer sizes, level by level.
    public var layers: [AtlasLayerStatistics]
    /// Per level place counts and sizes.
    public var places: [AtlasPlaceStatistics]
}

/// Encodes atlas files (see `AtlasFormat`). Deterministic: the same sources give the same bytes.
public enum AtlasEncoder {
    /// Encodes one source per `DetailLevel` (low, medium, high) into an atlas file.
    public static func encode(_ levels: [AtlasLevelSource]) throws(AtlasError) -> AtlasEncoding {
        guard levels.count == DetailLevel.allCases.count else {
            throw .invalidSource(detail: "\(levels.count) levels given, expected \(DetailLevel.allCases.count)")
        }
        var statistics: [AtlasLayerStatistics] = []
        var placeStatistics: [AtlasPlaceStatistics] = []
        var sections: [[UInt8]] = []
        for (level, source) in zip(DetailLevel.allCases, levels) {
            let section = try encodeLevel(source, level: level)
            sections.append(section.bytes)
            statistics += section.layers
            placeStatistics.append(section.places)
        }
        var writer = AtlasByteWriter()
        writer.bytes += AtlasFormat.magic
        writer.uint16(AtlasFormat.version)
        writer.uint16(UInt16(sections.count))
        var offset = AtlasFormat.headerSize + AtlasFormat.directoryEntrySize * sections.count
        for section in sections {
            writer.uint32(UInt32(offset))
            writer.uint32(UInt32(section.count))
            offset += section.count
        }
        for section in sections { writer.bytes += section }
        return AtlasEncoding(bytes: writer.bytes, layers: statistics, places: placeStatistics)
    }

    /// Encodes one level section.
    static func encodeLevel(_ source: AtlasLevelSource, level: DetailLevel) throws(AtlasError) -> (
        bytes: [UInt8], layers: [AtlasLayerStatistics], places: AtlasPlaceStatistics
    ) {
        guard source.tileDegrees > 0, source.tileDegrees <= 180, 180 % source.tileDegrees == 0 else {
            throw .invalidSource(detail: "tile size \(source.tileDegrees) degrees does not divide 180")
        }
        guard source.lines.count == AtlasLayer.allCases.count else {
            throw .invalidSource(detail: "\(source.lines.count) layers given, expected \(AtlasLayer.allCases.count)")
        }
        let grid = TileGrid(tileDegrees: source.tileDegrees)
        let tolerance = max(0, source.simplification) * Double(Atlas.unitsPerDegree)
        let ladder = source.generalisations.map { Int64(($0 * Double(Atlas.unitsPerDegree)).rounded()) }
        guard ladder.count <= AtlasFormat.maximumGeneralisations, ladder.allSatisfy({ $0 > 0 }),
            zip(ladder, ladder.dropFirst()).allSatisfy({ $0 < $1 })
        else {
            throw .invalidSource(detail: "generalisations \(source.generalisations) are not up to 15 rising tolerances")
        }
        var writer = AtlasByteWriter()
        writer.varint(source.tileDegrees)
        writer.varint(ladder.count)
        for units in ladder { writer.varint(UInt64(units)) }
        var statistics: [AtlasLayerStatistics] = []
        for layer in AtlasLayer.allCases {
            let before = writer.bytes.count
            let lines = source[layer]
            let features = layer.rawValue < source.features.count ? source.features[layer.rawValue] : []
            let counts = encodeLayer(
                lines, features: features, isArea: layer.isArea, grid: grid, tolerance: tolerance, ladder: ladder,
                into: &writer)
            statistics.append(
                AtlasLayerStatistics(
                    level: level, layer: layer, sourceLines: lines.count,
                    sourcePoints: lines.reduce(0) { $0 + $1.count },
                    pieces: counts.pieces, points: counts.points, generalisedPoints: counts.generalised,
                    bytes: writer.bytes.count - before))
        }
        let before = writer.bytes.count
        encodePlaces(source.places, into: &writer)
        return (
            writer.bytes, statistics,
            AtlasPlaceStatistics(level: level, count: source.places.count, bytes: writer.bytes.count - before)
        )
    }

    private static func encodeLayer(
        _ lines: [[LatLon]], features: [LineFeature?], isArea: Bool, grid: TileGrid, tolerance: Double,
        ladder: [Int64], into writer: inout AtlasByteWriter
    ) -> (pieces: Int, points: Int, generalised: [Int]) {
        // Features in order of first use, so the table and the indexes depend only on the source.
        var table: [LineFeature] = []
        var tableIndex: [LineFeature: Int] = [:]
        var pieces: [(tile: Int, points: [QuantizedPoint], feature: Int)] = []
        var reach: Int64 = 0
        for (index, line) in lines.enumerated() {
            var points = quantize(line)
            guard points.count >= 2 else { continue }
            if tolerance > 0 { points = simplify(points, tolerance: tolerance) }
            var feature = -1
            if index < features.count, let value = features[index] {
                if let known = tableIndex[value] {
                    feature = known
                } else {
                    feature = table.count
                    tableIndex[value] = feature
                    table.append(value)
                }
            }
            if isArea {
                let (tile, extent) = grid.tile(holding: points)
                reach = max(reach, extent)
                pieces.append((tile, points, feature))
            } else {
                pieces += grid.split(points).map { ($0.tile, $0.points, feature) }
            }
        }
        // A stable sort by tile keeps the source order within each tile.
        let sorted = pieces.enumerated().sorted { ($0.element.tile, $0.offset) < ($1.element.tile, $1.offset) }
            .map(\.element)
        let pointCount = sorted.reduce(0) { $0 + $1.points.count }
        writer.varint(sorted.count)
        writer.varint(pointCount)
        writer.varint(UInt64(reach))
        var tiles: [(tile: Int, pieces: Int)] = []
        for piece in sorted {
            if let last = tiles.last, last.tile == piece.tile {
                tiles[tiles.count - 1].pieces += 1
            } else {
                tiles.append((piece.tile, 1))
            }
        }
        writer.varint(tiles.count)
        var previousTile = -1
        for tile in tiles {
            writer.varint(tile.tile - previousTile - 1)
            writer.varint(tile.pieces)
            previousTile = tile.tile
        }
        var previous = QuantizedPoint(x: 0, y: 0)
        for piece in sorted {
            writer.varint(piece.points.count)
            for point in piece.points {
                writer.zigzag(point.x - previous.x)
                writer.zigzag(point.y - previous.y)
                previous = point
            }
        }
        writer.varint(table.count)
        for feature in table {
            writer.string(feature.name)
            writer.string(feature.nameASCII)
            writer.varint(zoomTenths(feature.minZoom))
            writer.varint(zoomTenths(feature.labelZoom))
        }
        if !table.isEmpty {
            for piece in sorted { writer.varint(piece.feature + 1) }
        }
        let generalised = writeGeneralisations(sorted.map(\.points), ladder: ladder, into: &writer)
        return (sorted.count, pointCount, generalised)
    }

    /// Writes the generalisation class of every inner point of `pieces` (see `AtlasFormat`) and returns the
    /// points each variant of `ladder` keeps; writes nothing for an empty ladder.
    private static func writeGeneralisations(
        _ pieces: [[QuantizedPoint]], ladder: [Int64], into writer: inout AtlasByteWriter
    ) -> [Int] {
        guard !ladder.isEmpty else { return [] }
        let width = AtlasFormat.generalisationBits(ladder.count)
        var kept = [Int](repeating: 2 * pieces.count, count: ladder.count)
        var packed: [UInt8] = []
        var accumulator: UInt32 = 0
        var filled: UInt32 = 0
        for points in pieces {
            for significance in significances(points).dropFirst().dropLast() {
                let survived = ladder.prefix { significance > Double($0) }.count
                for variant in 0..<survived { kept[variant] += 1 }
                accumulator |= UInt32(survived) << filled
                filled += UInt32(width)
                while filled >= 8 {
                    packed.append(UInt8(truncatingIfNeeded: accumulator))
                    accumulator >>= 8
                    filled -= 8
                }
            }
        }
        if filled > 0 { packed.append(UInt8(truncatingIfNeeded: accumulator)) }
        writer.varint(packed.count)
        writer.bytes += packed
        return kept
    }

    /// A zoom in tenths, rounded and clamped to what the format stores (0...255); NaN is 0.
    static func zoomTenths(_ zoom: Double) -> Int {
        guard zoom.isFinite else { return 0 }
        return Int(min(255, max(0, (zoom * 10).rounded())))
    }

    private static func encodePlaces(_ places: [Place], into writer: inout AtlasByteWriter) {
        let quantized = places.map { ($0, QuantizedPoint($0.position)) }.sorted { lhs, rhs in
            let (a, pa) = lhs
            let (b, pb) = rhs
            if a.rank != b.rank { return a.rank < b.rank }
            if a.population != b.population { return a.population > b.population }
            for (x, y) in [(a.name, b.name), (a.nameASCII, b.nameASCII), (a.country, b.country)] where x != y {
                return x.utf8.lexicographicallyPrecedes(y.utf8)
            }
            return (pa.x, pa.y) < (pb.x, pb.y)
        }
        let strings = Set(places.flatMap { [$0.name, $0.nameASCII, $0.country] }).sorted {
            $0.utf8.lexicographicallyPrecedes($1.utf8)
        }
        var index: [String: Int] = [:]
        for (position, string) in strings.enumerated() { index[string] = position }
        writer.varint(strings.count)
        for string in strings { writer.string(string) }
        writer.varint(quantized.count)
        for (place, point) in quantized {
            writer.varint(index[place.name] ?? 0)
            writer.varint(index[place.nameASCII] ?? 0)
            writer.varint(index[place.country] ?? 0)
            writer.varint(max(0, place.population))
            writer.varint(max(0, place.rank))
            writer.zigzag(point.x)
            writer.zigzag(point.y)
        }
    }

    /// Quantizes a line and drops points equal to their predecessor.
    static func quantize(_ line: [LatLon]) -> [QuantizedPoint] {
        var result: [QuantizedPoint] = []
        result.reserveCapacity(line.count)
        for position in line {
            let point = QuantizedPoint(position)
            if result.last != point { result.append(point) }
        }
        return result
    }

    /// Douglas-Peucker: keeps the end points and every point farther than `tolerance` units from the
    /// simplified line.
    static func simplify(_ points: [QuantizedPoint], tolerance: Double) -> [QuantizedPoint] {
        guard points.count > 2 else { return points }
        return zip(points, significances(points)).filter { $0.1 > tolerance }.map(\.0)
    }

    /// Per point, the largest Douglas-Peucker tolerance (units) at which it is still kept: Douglas-Peucker with
    /// tolerance `t` keeps exactly the points whose significance exceeds `t`, so the variants of rising
    /// tolerances nest. Infinite for the end points.
    ///
    /// Each split point's significance is its distance from the segment it splits, capped by the significance of
    /// the split above it (the recursion reaches it only while every split above it is kept).
    static func significances(_ points: [QuantizedPoint]) -> [Double] {
        var result = [Double](repeating: 0, count: points.count)
        guard !points.isEmpty else { return result }
        result[0] = .infinity
        result[points.count - 1] = .infinity
        var stack = [(first: 0, last: points.count - 1, cap: Double.infinity)]
        while let (first, last, cap) = stack.popLast() {
            guard last - first > 1 else { continue }
            var farthest = first
            var farthestDistance = -1.0
            for index in (first + 1)..<last {
                let distance = segmentDistance(points[index], points[first], points[last])
                if distance > farthestDistance {
                    farthestDistance = distance
                    farthest = index
                }
            }
            let significance = min(cap, farthestDistance)
            result[farthest] = significance
            stack.append((first, farthest, significance))
            stack.append((farthest, last, significance))
        }
        return result
    }

    private static func segmentDistance(_ p: QuantizedPoint, _ a: QuantizedPoint, _ b: QuantizedPoint) -> Double {
        let dx = Double(b.x - a.x)
        let dy = Double(b.y - a.y)
        let px = Double(p.x - a.x)
        let py = Double(p.y - a.y)
        let lengthSquared = dx * dx + dy * dy
        guard lengthSquared > 0 else { return (px * px + py * py).squareRoot() }
        let t = min(1, max(0, (px * dx + py * dy) / lengthSquared))
        let ex = px - t * dx
        let ey = py - t * dy
        return (ex * ex + ey * ey).squareRoot()
    }
}

/// A point in quantized units (1e-5 degree), clamped to the globe.
struct QuantizedPoint: Hashable {
    /// Longitude, units.
    var x: Int64
    /// Latitude, units.
    var y: Int64

    /// A point from units, stored as given.
    init(x: Int64, y: Int64) {
        self.x = x
        self.y = y
    }

    /// Rounds `position` to the nearest unit (halves away from zero), clamped to the globe; NaN maps to 0.
    init(_ position: LatLon) {
        let scale = Double(Atlas.unitsPerDegree)
        func unit(_ degrees: Double, _ limit: Int64) -> Int64 {
            guard degrees.isFinite else { return 0 }
            return min(limit, max(-limit, Int64((degrees * scale).rounded(.toNearestOrAwayFromZero))))
        }
        x = unit(position.lon, AtlasFormat.lonLimit)
        y = unit(position.lat, AtlasFormat.latLimit)
    }
}

/// The tile grid of a level: square tiles numbered row-major from (-180, -90), east then north.
struct TileGrid {
    /// Tile edge, units.
    let size: Int64
    /// Tiles across.
    let columns: Int
    /// Tiles down.
    let rows: Int

    /// The grid for tiles of `tileDegrees` (which divides 180).
    init(tileDegrees: Int) {
        size = Int64(tileDegrees) * Int64(Atlas.unitsPerDegree)
        columns = 360 / tileDegrees
        rows = 180 / tileDegrees
    }

    /// The tile holding the midpoint of `a` and `b`; points on a tile edge belong to the tile east or north of it,
    /// except on the globe's east and north edges.
    func tile(between a: QuantizedPoint, _ b: QuantizedPoint) -> Int {
        let doubledX = a.x + b.x + 2 * AtlasFormat.lonLimit
        let doubledY = a.y + b.y + 2 * AtlasFormat.latLimit
        let column = min(columns - 1, max(0, Int(doubledX / (2 * size))))
        let row = min(rows - 1, max(0, Int(doubledY / (2 * size))))
        return row * columns + column
    }

    /// The tile of the south-west corner of the bounding box of `points` (non-empty), and the box's larger
    /// extent in units: how far the ring may reach past that tile's west and south edges.
    func tile(holding points: [QuantizedPoint]) -> (tile: Int, extent: Int64) {
        var minX = Int64.max
        var minY = Int64.max
        var maxX = Int64.min
        var maxY = Int64.min
        for point in points {
            minX = min(minX, point.x)
            minY = min(minY, point.y)
            maxX = max(maxX, point.x)
            maxY = max(maxY, point.y)
        }
        return (
            tile(between: QuantizedPoint(x: minX, y: minY), QuantizedPoint(x: minX, y: minY)),
            max(maxX - minX, maxY - minY)
        )
    }

    /// Cuts a line at every tile edge it crosses (adding the rounded crossing point to both sides) and returns
    /// the runs of segments that lie in one tile, in line order.
    func split(_ points: [QuantizedPoint]) -> [(tile: Int, points: [QuantizedPoint])] {
        var pieces: [(tile: Int, points: [QuantizedPoint])] = []
        var current: [QuantizedPoint] = [points[0]]
        var currentTile = -1
        var previous = points[0]
        for next in points.dropFirst() {
            for point in crossings(from: previous, to: next) + [next] where point != previous {
                let tile = tile(between: previous, point)
                if currentTile != tile && currentTile >= 0 {
                    pieces.append((currentTile, current))
                    current = [previous]
                }
                currentTile = tile
                current.append(point)
                previous = point
            }
        }
        if current.count >= 2 { pieces.append((currentTile, current)) }
        return pieces
    }

    /// The points where segment a-b crosses tile edges strictly between its ends, ordered from a to b.
    private func crossings(from a: QuantizedPoint, to b: QuantizedPoint) -> [QuantizedPoint] {
        var found: [(t: Double, point: QuantizedPoint)] = []
        func cross(_ from: Int64, _ to: Int64, offset: Int64, vertical: Bool) {
            let low = min(from, to) + offset
            let high = max(from, to) + offset
            var edge = (low / size + 1) * size
            while edge < high {
                let t = Double(edge - from - offset) / Double(to - from)
                let along = vertical ? (a.y, b.y) : (a.x, b.x)
                let other = Int64((Double(along.0) + t * Double(along.1 - along.0)).rounded(.toNearestOrAwayFromZero))
                let point =
                    vertical
                    ? QuantizedPoint(x: edge - offset, y: other) : QuantizedPoint(x: other, y: edge - offset)
                found.append((t, point))
                edge += size
            }
        }
        cross(a.x, b.x, offset: AtlasFormat.lonLimit, vertical: true)
        cross(a.y, b.y, offset: AtlasFormat.latLimit, vertical: false)
        guard found.count > 1 else { return found.map(\.point) }
        return found.sorted { ($0.t, $0.point.x, $0.point.y) < ($1.t, $1.point.x, $1.point.y) }.map(\.point)
    }
}
