import Synchronization

/// A layer of line data in the atlas.
public enum AtlasLayer: Int, CaseIterable, Sendable {
    /// Coastlines (at `.high` also the minor islands' coastlines).
    case coastline
    /// Lake shores: every polygon ring as a closed polyline.
    case lake
    /// Country borders on land (Natural Earth admin 0 boundary lines).
    case border
    /// State and province lines (Natural Earth 50m admin 1 lines, at `.medium` and `.high`; empty at `.low`).
    case state
    /// Rivers and lake centerlines, each piece with its `LineFeature` (name, zooms).
    case river
    /// Urban areas (Natural Earth 50m, at `.medium` and `.high`; empty at `.low`): polygon rings, closed and
    /// never cut at tile edges, so that a view can fill them.
    case urban

    /// True for layers of whole closed rings (areas to fill) rather than lines cut at tile edges.
    public var isArea: Bool { self == .urban }
}

/// What the atlas knows about the line a piece belongs to (rivers): its name and the zooms it shows from.
public struct LineFeature: Hashable, Sendable {
    /// The name to label the line with (Natural Earth `name_en`, else `name`); may be empty, any Unicode.
    public var name: String
    /// The name folded to 7-bit ASCII, for ASCII mode.
    public var nameASCII: String
    /// Natural Earth's `min_zoom`: the web-map zoom from which the line is drawn (tenths kept).
    public var minZoom: Double
    /// Natural Earth's `min_label`: the web-map zoom from which the line is labelled (tenths kept).
    public var labelZoom: Double

    /// Creates a feature; zooms are stored as given (the atlas keeps tenths, 0...25.5).
    public init(name: String, nameASCII: String, minZoom: Double, labelZoom: Double) {
        self.name = name
        self.nameASCII = nameASCII
        self.minZoom = minZoom
        self.labelZoom = labelZoom
    }
}

/// Level of detail: which Natural Earth scale the data comes from.
public enum DetailLevel: Int, CaseIterable, Sendable, Comparable {
    /// 1:110 million, for world views.
    case low
    /// 1:50 million, for continent views.
    case medium
    /// 1:10 million, for regional and city views.
    case high

    /// Orders by detail: `.low < .medium < .high`.
    public static func < (lhs: DetailLevel, rhs: DetailLevel) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// A closed longitude/latitude box in degrees; longitudes within [-180, 180] with `minLon <= maxLon`.
///
/// Boxes crossing the antimeridian must be split by the caller into two boxes.
/// An inverted or NaN box contains nothing.
public struct GeoBox: Hashable, Sendable {
    /// Western edge, degrees east.
    public var minLon: Double
    /// Southern edge, degrees north.
    public var minLat: Double
    /// Eastern edge, degrees east.
    public var maxLon: Double
    /// Northern edge, degrees north.
    public var maxLat: Double

    /// Creates a box from its edges in degrees; values are stored as given.
    public init(minLon: Double, minLat: Double, maxLon: Double, maxLat: Double) {
        self.minLon = minLon
        self.minLat = minLat
        self.maxLon = maxLon
        self.maxLat = maxLat
    }

    /// The whole globe: longitudes -180...180, latitudes -90...90.
    public static let world = GeoBox(minLon: -180, minLat: -90, maxLon: 180, maxLat: 90)
}

/// A populated place from Natural Earth.
public struct Place: Hashable, Sendable {
    /// The local name; may contain any Unicode (sanitise before drawing).
    public var name: String
    /// Natural Earth's ASCII spelling (`nameascii`), for ASCII mode.
    public var nameASCII: String
    /// The country (`adm0name`).
    public var country: String
    /// The largest population estimate (`pop_max`); 0 when unknown.
    public var population: Int
    /// Importance: Natural Earth `scalerank`, 0 (most important) to 10; lower is more important.
    public var rank: Int
    /// Where the place is, degrees (quantized to 1e-5 degree in the atlas).
    public var position: LatLon

    /// Creates a place from its fields, stored as given.
    public init(name: String, nameASCII: String, country: String, population: Int, rank: Int, position: LatLon) {
        self.name = name
        self.nameASCII = nameASCII
        self.country = country
        self.population = population
        self.rank = rank
        self.position = position
    }
}

/// Why atlas bytes could not be read.
public enum AtlasError: Error, Equatable, Sendable {
    /// The bytes do not start with the atlas magic: not an atlas file.
    case notAnAtlas
    /// The file is an atlas of a format version this build cannot read; regenerate it with `linq-atlas`.
    case unsupportedVersion(Int)
    /// The bytes are an atlas but inconsistent (truncated, corrupt); regenerate it with `linq-atlas`.
    case malformed(detail: String)
    /// Generator input could not be read (missing file, invalid GeoJSON).
    case invalidSource(detail: String)

    /// One line describing the failure and what to do.
    public var message: String {
        switch self {
        case .notAnAtlas: "not an atlas file (bad magic); regenerate it with `swift run linq-atlas`"
        case .unsupportedVersion(let version):
            "atlas format version \(version) is not supported; regenerate it with `swift run linq-atlas`"
        case .malformed(let detail): "atlas is corrupt (\(detail)); regenerate it with `swift run linq-atlas`"
        case .invalidSource(let detail): "cannot read map source data: \(detail)"
        }
    }
}

/// The decoded lines of one layer at one level, in flat arrays for tight loops.
final class AtlasLayerData: Sendable {
    /// Interleaved quantized points of all pieces: lon0, lat0, lon1, lat1, ...
    let points: [Int32]
    /// Piece `i` is `points[pieceStarts[i] ..< pieceStarts[i + 1]]`; count is pieces + 1.
    let pieceStarts: [Int32]
    /// Per piece: min lon, min lat, max lon, max lat (quantized).
    let bounds: [Int32]
    /// Pieces of tile `t` are `tileStarts[t] ..< tileStarts[t + 1]`; count is tiles + 1.
    let tileStarts: [Int32]
    /// How far (units) a piece may reach east or north of its tile: 0 for lines cut at tile edges, the largest
    /// ring extent for area layers (whose rings sit whole in the tile of their south-west corner).
    let reach: Int64
    /// The features pieces belong to; empty for layers without them.
    let features: [LineFeature]
    /// Per piece the index into `features`, or -1; empty when `features` is.
    let pieceFeatures: [Int32]
    /// The generalisation classes of the inner points (`AtlasFormat`); nil for lines without generalisations.
    let generalisation: Generalisation?
    /// The generalised variants built so far, by variant number minus one.
    private let variants: Mutex<[AtlasLayerData?]>

    /// The packed generalisation classes of a layer's inner points.
    struct Generalisation: Sendable {
        /// `width` bits per inner point, least significant bit first, piece by piece.
        let classes: [UInt8]
        /// Bits per class.
        let width: Int
        /// The number of generalised variants.
        let count: Int
    }

    /// Wraps decoded arrays; the caller guarantees their consistency.
    init(
        points: [Int32], pieceStarts: [Int32], bounds: [Int32], tileStarts: [Int32], reach: Int64 = 0,
        features: [LineFeature] = [], pieceFeatures: [Int32] = [], generalisation: Generalisation? = nil
    ) {
        self.points = points
        self.pieceStarts = pieceStarts
        self.bounds = bounds
        self.tileStarts = tileStarts
        self.reach = reach
        self.features = features
        self.pieceFeatures = pieceFeatures
        self.generalisation = generalisation
        variants = Mutex(Array(repeating: nil, count: generalisation?.count ?? 0))
    }

    /// Generalised variant `variant` (1...count) of these lines: the same pieces, tiles, bounds and features, with
    /// fewer points; built on first use (a pass over the points, about a millisecond per 300,000), then kept. These
    /// lines themselves for a variant out of range.
    func generalised(_ variant: Int) -> AtlasLayerData {
        guard variant >= 1, variant <= generalisation?.count ?? 0 else { return self }
        if let built = variants.withLock({ $0[variant - 1] }) { return built }
        // Built outside the lock, as levels are; two threads racing both build and the first to finish wins.
        let built = AtlasLevelDecoder.generalisedLines(self, variant: variant)
        return variants.withLock { cache in
            if let existing = cache[variant - 1] { return existing }
            cache[variant - 1] = built
            return built
        }
    }

    /// Number of pieces.
    var pieceCount: Int { pieceStarts.count - 1 }
}

/// The decoded data of one level of detail.
final class AtlasLevelData: Sendable {
    /// Tile edge in quantized units.
    let tileUnits: Int64
    /// Tiles across (longitude).
    let columns: Int
    /// Tiles down (latitude).
    let rows: Int
    /// Indexed by `AtlasLayer.rawValue`.
    let layers: [AtlasLayerData]
    /// The Douglas-Peucker tolerances (units, rising) of the layers' generalised variants.
    let tolerances: [Int64]
    /// Sorted most important first.
    let places: [Place]
    /// Quantized positions of `places`, interleaved lon, lat.
    let placePoints: [Int32]
    /// The places by grid cell of `placeCellDegrees` (36 across from 180 W, 18 down from 90 S, row-major): cell `c`
    /// holds the indices `placeCellIndices[placeCellStarts[c]..<placeCellStarts[c + 1]]`, ascending.
    let placeCellStarts: [Int32]
    let placeCellIndices: [Int32]

    /// The edge of a place grid cell in degrees.
    static let placeCellDegrees = 10
    static let placeGridColumns = 36
    static let placeGridRows = 18

    /// Wraps decoded data; the caller guarantees its consistency.
    init(
        tileUnits: Int64, columns: Int, rows: Int, layers: [AtlasLayerData], tolerances: [Int64] = [],
        places: [Place], placePoints: [Int32]
    ) {
        self.tileUnits = tileUnits
        self.columns = columns
        self.rows = rows
        self.layers = layers
        self.tolerances = tolerances
        self.places = places
        self.placePoints = placePoints
        let cellCount = Self.placeGridColumns * Self.placeGridRows
        let cells = (0..<min(places.count, placePoints.count / 2)).map { index in
            Self.placeCell(x: Int64(placePoints[2 * index]), y: Int64(placePoints[2 * index + 1]))
        }
        var starts = [Int32](repeating: 0, count: cellCount + 1)
        for cell in cells { starts[cell + 1] += 1 }
        for cell in 0..<cellCount { starts[cell + 1] += starts[cell] }
        var next = starts
        var indices = [Int32](repeating: 0, count: cells.count)
        for (index, cell) in cells.enumerated() {
            indices[Int(next[cell])] = Int32(index)
            next[cell] += 1
        }
        placeCellStarts = starts
        placeCellIndices = indices
    }

    /// The lines of `layer` generalised by the largest of `tolerances` within `tolerance` (degrees); every point
    /// when none is (or `tolerance` is 0 or NaN).
    func lines(_ layer: AtlasLayer, tolerance: Double) -> AtlasLayerData {
        let lines = layers[layer.rawValue]
        let units = tolerance * Double(Atlas.unitsPerDegree)
        return lines.generalised(tolerances.prefix { Double($0) <= units }.count)
    }

    /// The place grid column of quantized longitude `x`, clamped to the grid.
    static func placeColumn(_ x: Int64) -> Int {
        let units = Int64(placeCellDegrees) * Int64(Atlas.unitsPerDegree)
        let column = (x + 180 * Int64(Atlas.unitsPerDegree)) / units
        return Int(max(0, min(Int64(placeGridColumns - 1), column)))
    }

    /// The place grid row of quantized latitude `y`, clamped to the grid.
    static func placeRow(_ y: Int64) -> Int {
        let units = Int64(placeCellDegrees) * Int64(Atlas.unitsPerDegree)
        let row = (y + 90 * Int64(Atlas.unitsPerDegree)) / units
        return Int(max(0, min(Int64(placeGridRows - 1), row)))
    }

    /// The place grid cell holding quantized point `(x, y)`.
    static func placeCell(x: Int64, y: Int64) -> Int {
        placeRow(y) * placeGridColumns + placeColumn(x)
    }

    /// A level with nothing in it (one tile, no lines, no places).
    static let empty = AtlasLevelData(
        tileUnits: 360 * Int64(Atlas.unitsPerDegree), columns: 1, rows: 1,
        layers: AtlasLayer.allCases.map { _ in
            AtlasLayerData(points: [], pieceStarts: [0], bounds: [], tileStarts: [0, 0])
        },
        places: [], placePoints: [])
}

/// Coastlines, lakes, borders, state lines, rivers, urban areas and populated places at three levels of detail,
/// derived from
/// Natural Earth by `linq-atlas` and embedded in the binary (`EmbeddedAtlas.swift`).
///
/// Queries are cheap: each level has a grid of tiles, lines are split at tile edges when the atlas is generated,
/// and each piece carries its bounding box, so a query touches only the tiles and pieces its box meets.
public final class Atlas: Sendable {
    /// Quantized coordinates are `Int32` in units of 1 / `unitsPerDegree` degree (1e-5 degree, about 1.1 m).
    public static let unitsPerDegree: Int32 = 100_000

    /// Where the encoded bytes come from.
    enum Source: Sendable {
        /// Plain bytes.
        case bytes([UInt8])
        /// Standard padded base64 text, decoded range by range on demand.
        case base64(StaticString)
    }

    private let source: Source
    private let sections: [Range<Int>]
    private let levels: Mutex<[AtlasLevelData?]>

    /// Size of the encoded atlas in bytes.
    public let byteCount: Int

    /// The shared atlas decoded lazily from the embedded data: the 110m level on first use, 50m and 10m on the
    /// first query for them. An embedded atlas that fails to decode (a test rules that out) reads as empty.
    public static var embedded: Atlas { shared }

    private static let shared = decodeEmbedded()

    /// A fresh atlas from the embedded data with the 110m level decoded and the others left lazy, as
    /// `embedded` does on first use; for measuring load time.
    public static func decodeEmbedded() -> Atlas {
        let atlas = (try? Atlas(source: .base64(embeddedAtlasBase64))) ?? Atlas(emptyWithByteCount: 0)
        _ = atlas.level(.low)
        return atlas
    }

    /// Decodes and validates a whole atlas file (every level, eagerly).
    public convenience init(data: [UInt8]) throws(AtlasError) {
        try self.init(source: .bytes(data))
        for level in DetailLevel.allCases {
            let decoded = try decodeLevel(level)
            levels.withLock { $0[level.rawValue] = decoded }
        }
    }

    /// Reads the header and directory of `source`; levels stay undecoded.
    init(source: Source) throws(AtlasError) {
        self.source = source
        let header: [UInt8]
        let total: Int
        switch source {
        case .bytes(let bytes):
            total = bytes.count
            header = Array(bytes.prefix(AtlasFormat.headerSize + 3 * AtlasFormat.directoryEntrySize))
        case .base64(let text):
            total = AtlasBase64.decodedCount(text)
            header = AtlasBase64.decode(text, bytes: 0..<min(total, AtlasFormat.headerSize + 24)) ?? []
        }
        byteCount = total
        sections = try header.withUnsafeBufferPointer { buffer throws(AtlasError) in
            try Self.readDirectory(buffer, fileSize: total)
        }
        levels = Mutex(Array(repeating: nil, count: DetailLevel.allCases.count))
    }

    private init(emptyWithByteCount count: Int) {
        source = .bytes([])
        sections = []
        byteCount = count
        levels = Mutex(DetailLevel.allCases.map { _ in AtlasLevelData.empty })
    }

    private static func readDirectory(_ buffer: UnsafeBufferPointer<UInt8>, fileSize: Int) throws(AtlasError)
        -> [Range<Int>]
    {
        guard buffer.count >= AtlasFormat.headerSize, buffer.prefix(8).elementsEqual(AtlasFormat.magic) else {
            throw .notAnAtlas
        }
        var reader = AtlasByteReader(buffer, range: 8..<buffer.count)
        let version = try reader.uint16()
        guard version == AtlasFormat.version else { throw .unsupportedVersion(Int(version)) }
        let levelCount = Int(try reader.uint16())
        guard levelCount == DetailLevel.allCases.count else {
            throw .malformed(detail: "\(levelCount) levels, expected \(DetailLevel.allCases.count)")
        }
        var sections: [Range<Int>] = []
        for _ in 0..<levelCount {
            let offset = Int(try reader.uint32())
            let length = Int(try reader.uint32())
            guard offset >= AtlasFormat.headerSize, offset + length <= fileSize else {
                throw .malformed(detail: "level section \(offset)+\(length) outside the file of \(fileSize) bytes")
            }
            sections.append(offset..<offset + length)
        }
        return sections
    }

    private func sectionBytes(_ level: DetailLevel) -> [UInt8]? {
        let range = sections[level.rawValue]
        switch source {
        case .bytes(let bytes): return Array(bytes[range])
        case .base64(let text): return AtlasBase64.decode(text, bytes: range)
        }
    }

    private func decodeLevel(_ level: DetailLevel) throws(AtlasError) -> AtlasLevelData {
        guard let bytes = sectionBytes(level) else { throw .malformed(detail: "invalid base64") }
        return try bytes.withUnsafeBufferPointer { buffer throws(AtlasError) in
            try AtlasLevelDecoder.decode(buffer)
        }
    }

    /// The decoded data of `level`, decoding it on first request; an undecodable level reads as empty.
    func level(_ level: DetailLevel) -> AtlasLevelData {
        if let decoded = levels.withLock({ $0[level.rawValue] }) { return decoded }
        // Decoding runs outside the lock so that a background preload of 10m never stalls queries of other levels;
        // two threads racing here both decode and the first to finish wins.
        let decoded = (try? decodeLevel(level)) ?? AtlasLevelData.empty
        return levels.withLock { cache in
            if let existing = cache[level.rawValue] { return existing }
            cache[level.rawValue] = decoded
            return decoded
        }
    }

    /// Decodes `level` now if it is not decoded yet (the 10m level takes tens of milliseconds), so that a later
    /// query for it does not wait; safe to call from any thread.
    public func preload(_ level: DetailLevel) {
        _ = self.level(level)
    }

    /// The raw bytes of the section of `level` (for tests comparing regenerated levels).
    func encodedSection(_ level: DetailLevel) -> [UInt8] {
        sectionBytes(level) ?? []
    }

    /// Calls `body` once per polyline piece of `layer` at `level` whose bounding box meets `box`.
    ///
    /// Points are interleaved quantized `Int32` values `[lon0, lat0, lon1, lat1, ...]` in units of
    /// 1 / `unitsPerDegree` degree; every piece has at least two points. Lines are split at tile edges when the
    /// atlas is generated, with the edge point in both pieces, so pieces join seamlessly and none is delivered
    /// twice. Order is deterministic (tile by tile, south-west first). An inverted or NaN box yields nothing.
    ///
    /// `tolerance` (degrees) is how far the lines may stray from the level's data: the pieces come generalised by
    /// the largest of the level's Douglas-Peucker tolerances (`generalisations`) within it, the same pieces with
    /// their end points and fewer inner points; 0 (the default) gives every point.
    public func forEachPolyline(
        _ layer: AtlasLayer, level: DetailLevel, tolerance: Double = 0, in box: GeoBox,
        _ body: (UnsafeBufferPointer<Int32>) -> Void
    ) {
        forEachPiece(layer, level: level, tolerance: tolerance, in: box) { points, _ in body(points) }
    }

    /// Like `forEachPolyline`, also passing the feature each piece belongs to (nil for pieces without one, and
    /// for every piece of layers other than `.river`). A line's pieces share one feature value.
    public func forEachPolyline(
        _ layer: AtlasLayer, level: DetailLevel, tolerance: Double = 0, in box: GeoBox,
        withFeatures body: (UnsafeBufferPointer<Int32>, LineFeature?) -> Void
    ) {
        let features = lineFeatures(layer, level: level)
        forEachFeaturePiece(layer, level: level, tolerance: tolerance, in: box) { points, feature in
            body(points, feature >= 0 ? features[feature] : nil)
        }
    }

    /// The features of `layer`'s lines at `level`, indexed as `forEachFeaturePiece` passes them; empty for layers
    /// without features (every layer but `.river`).
    public func lineFeatures(_ layer: AtlasLayer, level: DetailLevel) -> [LineFeature] {
        self.level(level).layers[layer.rawValue].features
    }

    /// Like `forEachPolyline`, also passing the index into `lineFeatures(layer, level:)` of the feature each piece
    /// belongs to, or -1 for a piece without one: a caller keeping state per feature looks it up by index and
    /// copies no feature per piece.
    public func forEachFeaturePiece(
        _ layer: AtlasLayer, level: DetailLevel, tolerance: Double = 0, in box: GeoBox,
        _ body: (UnsafeBufferPointer<Int32>, Int) -> Void
    ) {
        let lines = self.level(level).layers[layer.rawValue]
        if lines.features.isEmpty {
            forEachPiece(layer, level: level, tolerance: tolerance, in: box) { points, _ in body(points, -1) }
            return
        }
        lines.pieceFeatures.withUnsafeBufferPointer { features in
            forEachPiece(layer, level: level, tolerance: tolerance, in: box) { points, piece in
                body(points, Int(features[piece]))
            }
        }
    }

    /// The Douglas-Peucker tolerances (degrees, rising) of the generalised variants of `level`'s lines; empty when
    /// the level has none.
    public func generalisations(_ level: DetailLevel) -> [Double] {
        self.level(level).tolerances.map { Double($0) / Double(Atlas.unitsPerDegree) }
    }

    private func forEachPiece(
        _ layer: AtlasLayer, level: DetailLevel, tolerance: Double, in box: GeoBox,
        _ body: (UnsafeBufferPointer<Int32>, Int) -> Void
    ) {
        guard let query = QuantizedBox(box) else { return }
        let data = self.level(level)
        let lines = data.lines(layer, tolerance: tolerance)
        // Lines were cut with rounded edge points, so a piece may overhang its tile by a unit, and a whole ring
        // reaches up to `reach` east and north of its tile: widen the tile range.
        let columnLow = Int(max(0, (query.minX + AtlasFormat.lonLimit - 2 - lines.reach) / data.tileUnits))
        let columnHigh = Int(min(Int64(data.columns - 1), (query.maxX + AtlasFormat.lonLimit + 2) / data.tileUnits))
        let rowLow = Int(max(0, (query.minY + AtlasFormat.latLimit - 2 - lines.reach) / data.tileUnits))
        let rowHigh = Int(min(Int64(data.rows - 1), (query.maxY + AtlasFormat.latLimit + 2) / data.tileUnits))
        guard columnLow <= columnHigh, rowLow <= rowHigh else { return }
        let minX = Int32(query.minX)
        let minY = Int32(query.minY)
        let maxX = Int32(query.maxX)
        let maxY = Int32(query.maxY)
        lines.points.withUnsafeBufferPointer { points in
            lines.pieceStarts.withUnsafeBufferPointer { starts in
                lines.bounds.withUnsafeBufferPointer { bounds in
                    lines.tileStarts.withUnsafeBufferPointer { tiles in
                        for row in rowLow...rowHigh {
                            let rowBase = row * data.columns
                            var piece = Int(tiles[rowBase + columnLow])
                            let rowEnd = Int(tiles[rowBase + columnHigh + 1])
                            while piece < rowEnd {
                                let corners = piece &* 4
                                if bounds[corners] <= maxX && bounds[corners &+ 2] >= minX
                                    && bounds[corners &+ 1] <= maxY
                                    && bounds[corners &+ 3] >= minY
                                {
                                    let start = Int(starts[piece])
                                    let end = Int(starts[piece &+ 1])
                                    body(UnsafeBufferPointer(rebasing: points[start..<end]), piece)
                                }
                                piece &+= 1
                            }
                        }
                    }
                }
            }
        }
    }

    /// Places at `level` inside `box` (edges included), most important first: by rank, then population
    /// (largest first), then name. An inverted or NaN box yields none.
    public func places(level: DetailLevel, in box: GeoBox) -> [Place] {
        guard let query = QuantizedBox(box) else { return [] }
        let data = self.level(level)
        let minX = Int32(query.minX)
        let minY = Int32(query.minY)
        let maxX = Int32(query.maxX)
        let maxY = Int32(query.maxY)
        // Only the grid cells the box overlaps are read; their matches, in index order, are the importance order:
        // marked in a bitmap of every place (20 words at 50m), then read out in order rather than sorted.
        var matched = [UInt64](repeating: 0, count: (data.places.count + 63) / 64)
        var count = 0
        let starts = data.placeCellStarts
        let indices = data.placeCellIndices
        let columns = AtlasLevelData.placeColumn(query.minX)...AtlasLevelData.placeColumn(query.maxX)
        let rows = AtlasLevelData.placeRow(query.minY)...AtlasLevelData.placeRow(query.maxY)
        data.placePoints.withUnsafeBufferPointer { points in
            for row in rows {
                for column in columns {
                    let cell = row * AtlasLevelData.placeGridColumns + column
                    for slot in Int(starts[cell])..<Int(starts[cell + 1]) {
                        let index = Int(indices[slot])
                        let x = points[2 * index]
                        let y = points[2 * index + 1]
                        if x >= minX && x <= maxX && y >= minY && y <= maxY {
                            matched[index >> 6] |= 1 << UInt64(index & 63)
                            count += 1
                        }
                    }
                }
            }
        }
        var result: [Place] = []
        result.reserveCapacity(count)
        for (word, bits) in matched.enumerated() where bits != 0 {
            var rest = bits
            while rest != 0 {
                result.append(data.places[word << 6 | rest.trailingZeroBitCount])
                rest &= rest - 1
            }
        }
        return result
    }
}

/// A `GeoBox` in quantized units, clamped to the globe; rounded outward.
struct QuantizedBox {
    /// Western edge, units.
    var minX: Int64
    /// Southern edge, units.
    var minY: Int64
    /// Eastern edge, units.
    var maxX: Int64
    /// Northern edge, units.
    var maxY: Int64

    /// Quantizes `box`; nil when it is inverted, NaN or entirely off the globe.
    init?(_ box: GeoBox) {
        guard !(box.minLon.isNaN || box.minLat.isNaN || box.maxLon.isNaN || box.maxLat.isNaN) else { return nil }
        let scale = Double(Atlas.unitsPerDegree)
        let lonLimit = Double(AtlasFormat.lonLimit)
        let latLimit = Double(AtlasFormat.latLimit)
        let minX = max(-lonLimit, (box.minLon * scale).rounded(.down))
        let maxX = min(lonLimit, (box.maxLon * scale).rounded(.up))
        let minY = max(-latLimit, (box.minLat * scale).rounded(.down))
        let maxY = min(latLimit, (box.maxLat * scale).rounded(.up))
        guard minX <= maxX, minY <= maxY else { return nil }
        self.minX = Int64(minX)
        self.minY = Int64(minY)
        self.maxX = Int64(maxX)
        self.maxY = Int64(maxY)
    }
}
