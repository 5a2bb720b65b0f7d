/// The binary layout shared by `AtlasEncoder` (in `AtlasBuilder`) and `Atlas`.
///
/// File: magic `LINQATLS` (8 bytes), version (UInt16 LE), level count (UInt16 LE), then per level its section's
/// offset and length (UInt32 LE each, offsets from the start of the file). Each level section is self-contained:
///
/// - varint tile size in degrees (divides 180); tiles are numbered row-major from (-180, -90), east then north;
/// - varint generalisation count `g` (at most 15), then `g` varint Douglas-Peucker tolerances in units, rising;
/// - per layer (in `AtlasLayer` order): varint piece count, varint point count, varint reach (units a piece may
///   extend east or north past its tile: 0 for lines cut at tile edges; area layers keep rings whole, each in
///   the tile of its south-west corner), varint non-empty tile count,
///   then per non-empty tile the varint gap to the previous tile index (+1) and its varint piece count,
///   then per piece its varint point count (>= 2) and its points as zigzag varint deltas (lon, lat) from the
///   previous point of the layer (the first from (0, 0)), in units of 1e-5 degree;
///   then varint feature count, per feature its name and ASCII name (strings as below) and varint minimum and
///   label zooms in tenths; when there are features, per piece a varint feature index + 1 (0: none);
///   then, when `g > 0`, a varint byte count and the generalisation class of every inner point (all but a
///   piece's first and last), piece by piece, packed least significant bit first in `generalisationBits(g)`
///   bits each: how many of the tolerances the point survives (0...g), so generalised variant `v` (1...g) is
///   every piece's end points and its inner points of class `v` or more;
/// - places: varint string count, the strings (varint byte length + UTF-8, sorted by bytes, unique),
///   varint place count, per place varint indexes of name, ASCII name and country, varint population,
///   varint rank and zigzag varint absolute lon and lat.
package enum AtlasFormat {
    /// The eight bytes every atlas file starts with.
    package static let magic: [UInt8] = Array("LINQATLS".utf8)
    /// The format version this code writes and reads: 2 added reach, line features, rivers and urban areas; 3
    /// added generalisations.
    package static let version: UInt16 = 3
    /// The largest atlas the generator writes, in bytes (5.5 MiB): the embedded base64 literal compiles in about a
    /// second and adds about 1.33 times this to the executable.
    package static let byteLimit = 5_767_168
    /// The most generalisations a level may have.
    package static let maximumGeneralisations = 15

    /// Bits per point of the generalisation classes of a level with `count` generalisations: enough for 0...count.
    package static func generalisationBits(_ count: Int) -> Int {
        count <= 0 ? 0 : Int.bitWidth - count.leadingZeroBitCount
    }
    /// Bytes before the level directory: magic, version, level count.
    package static let headerSize = 12
    /// Bytes per level directory entry: offset and length.
    package static let directoryEntrySize = 8
    /// Quantized longitude range is [-lonLimit, lonLimit].
    package static let lonLimit: Int64 = 180 * Int64(Atlas.unitsPerDegree)
    /// Quantized latitude range is [-latLimit, latLimit].
    package static let latLimit: Int64 = 90 * Int64(Atlas.unitsPerDegree)
}

/// A bounds-checked cursor over atlas bytes; every read throws `AtlasError.malformed` past the end.
struct AtlasByteReader {
    /// The bytes being read.
    let base: UnsafeBufferPointer<UInt8>
    /// Index of the next byte to read.
    var position: Int
    /// One past the last readable byte.
    let end: Int

    /// A reader over `base[range]`.
    init(_ base: UnsafeBufferPointer<UInt8>, range: Range<Int>) {
        self.base = base
        self.position = range.lowerBound
        self.end = range.upperBound
    }

    /// Bytes left to read.
    var remaining: Int { end - position }

    /// Reads an unsigned LEB128 varint of at most 64 bits.
    @inline(__always)
    mutating func varint() throws(AtlasError) -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while position < end {
            let byte = base[position]
            position += 1
            result |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return result }
            shift += 7
            if shift > 63 { throw .malformed(detail: "varint longer than 64 bits at byte \(position)") }
        }
        throw .malformed(detail: "truncated varint at byte \(position)")
    }

    /// Reads a varint that must be at most `limit`, as an `Int`.
    mutating func count(atMost limit: Int, _ what: String) throws(AtlasError) -> Int {
        let value = try varint()
        guard value <= UInt64(max(0, limit)) else {
            throw .malformed(detail: "\(what) \(value) exceeds \(limit) at byte \(position)")
        }
        return Int(value)
    }

    /// Reads a zigzag varint.
    @inline(__always)
    mutating func zigzag() throws(AtlasError) -> Int64 {
        let raw = try varint()
        return Int64(bitPattern: raw >> 1) ^ -Int64(bitPattern: raw & 1)
    }

    /// Reads a little-endian UInt16.
    mutating func uint16() throws(AtlasError) -> UInt16 {
        guard remaining >= 2 else { throw .malformed(detail: "truncated header") }
        defer { position += 2 }
        return UInt16(base[position]) | UInt16(base[position + 1]) << 8
    }

    /// Reads a little-endian UInt32.
    mutating func uint32() throws(AtlasError) -> UInt32 {
        guard remaining >= 4 else { throw .malformed(detail: "truncated header") }
        var value: UInt32 = 0
        for index in 0..<4 { value |= UInt32(base[position + index]) << UInt32(8 * index) }
        position += 4
        return value
    }

    /// Reads a varint length and that many bytes of UTF-8; invalid UTF-8 is repaired with U+FFFD.
    mutating func string() throws(AtlasError) -> String {
        let length = try count(atMost: remaining, "string length")
        let start = position
        position += length
        return String(decoding: UnsafeBufferPointer(rebasing: base[start..<start + length]), as: UTF8.self)
    }
}

/// Decodes one level section of `AtlasFormat` into flat arrays.
enum AtlasLevelDecoder {
    /// Decodes a whole level section; throws `AtlasError.malformed` on any inconsistency.
    static func decode(_ buffer: UnsafeBufferPointer<UInt8>) throws(AtlasError) -> AtlasLevelData {
        var reader = AtlasByteReader(buffer, range: 0..<buffer.count)
        let tileDegrees = try reader.count(atMost: 180, "tile size")
        guard tileDegrees > 0, 180 % tileDegrees == 0 else {
            throw .malformed(detail: "tile size \(tileDegrees) does not divide 180 degrees")
        }
        let columns = 360 / tileDegrees
        let rows = 180 / tileDegrees
        let generalisationCount = try reader.count(atMost: AtlasFormat.maximumGeneralisations, "generalisations")
        var tolerances: [Int64] = []
        for _ in 0..<generalisationCount {
            let units = Int64(try reader.count(atMost: Int(AtlasFormat.lonLimit), "tolerance"))
            guard units > (tolerances.last ?? 0) else { throw .malformed(detail: "tolerances not rising") }
            tolerances.append(units)
        }
        var layers: [AtlasLayerData] = []
        for _ in AtlasLayer.allCases {
            let layer = try decodeLayer(&reader, tileCount: columns * rows)
            layers.append(try decodeGeneralisations(&reader, layer: layer, count: generalisationCount))
        }
        let (places, placePoints) = try decodePlaces(&reader)
        guard reader.remaining == 0 else { throw .malformed(detail: "\(reader.remaining) trailing bytes in level") }
        return AtlasLevelData(
            tileUnits: Int64(tileDegrees) * Int64(Atlas.unitsPerDegree), columns: columns, rows: rows,
            layers: layers, tolerances: tolerances, places: places, placePoints: placePoints)
    }

    /// Reads the generalisation classes of `layer`'s inner points and returns the layer with them, its `count`
    /// generalised variants built on first use (`AtlasLayerData.generalised`); `layer` itself when `count` is 0.
    private static func decodeGeneralisations(_ reader: inout AtlasByteReader, layer: AtlasLayerData, count: Int)
        throws(AtlasError) -> AtlasLayerData
    {
        guard count > 0 else { return layer }
        let width = AtlasFormat.generalisationBits(count)
        let inner = layer.points.count / 2 - 2 * layer.pieceCount
        let byteCount = try reader.count(atMost: reader.remaining, "generalisation bytes")
        guard byteCount == (inner * width + 7) / 8 else {
            throw .malformed(detail: "\(byteCount) generalisation bytes for \(inner) inner points")
        }
        let start = reader.position
        reader.position += byteCount
        return AtlasLayerData(
            points: layer.points, pieceStarts: layer.pieceStarts, bounds: layer.bounds, tileStarts: layer.tileStarts,
            reach: layer.reach, features: layer.features, pieceFeatures: layer.pieceFeatures,
            generalisation: AtlasLayerData.Generalisation(
                classes: Array(reader.base[start..<start + byteCount]), width: width, count: count))
    }

    /// The lines of `layer` that generalised variant `variant` (1...`generalisation.count`) keeps: every piece's end
    /// points and its inner points of class `variant` or more (a class above the count reads as the count).
    static func generalisedLines(_ layer: AtlasLayerData, variant: Int) -> AtlasLayerData {
        guard let generalisation = layer.generalisation else { return layer }
        let width = generalisation.width
        let mask = UInt32((1 << width) - 1)
        let inner = layer.points.count / 2 - 2 * layer.pieceCount
        return generalisation.classes.withUnsafeBufferPointer { classes in
            var kept = 2 * layer.pieceCount
            for point in 0..<inner where generalisationClass(classes, bit: point * width, mask: mask) >= variant {
                kept += 1
            }
            var starts = [Int32](repeating: 0, count: layer.pieceCount + 1)
            let points = [Int32](unsafeUninitializedCapacity: 2 * kept) { out, initialized in
                layer.points.withUnsafeBufferPointer { source in
                    layer.pieceStarts.withUnsafeBufferPointer { pieceStarts in
                        starts.withUnsafeMutableBufferPointer { starts in
                            var written = 0
                            var bit = 0
                            for piece in 0..<layer.pieceCount {
                                starts[piece] = Int32(truncatingIfNeeded: written)
                                let first = Int(pieceStarts[piece])
                                let last = Int(pieceStarts[piece + 1]) - 2
                                out[written] = source[first]
                                out[written + 1] = source[first + 1]
                                written += 2
                                var index = first + 2
                                while index < last {
                                    if generalisationClass(classes, bit: bit, mask: mask) >= variant {
                                        out[written] = source[index]
                                        out[written + 1] = source[index + 1]
                                        written += 2
                                    }
                                    bit += width
                                    index += 2
                                }
                                out[written] = source[last]
                                out[written + 1] = source[last + 1]
                                written += 2
                            }
                            starts[layer.pieceCount] = Int32(truncatingIfNeeded: written)
                            initialized = written
                        }
                    }
                }
            }
            return AtlasLayerData(
                points: points, pieceStarts: starts, bounds: layer.bounds, tileStarts: layer.tileStarts,
                reach: layer.reach, features: layer.features, pieceFeatures: layer.pieceFeatures)
        }
    }

    private static func decodeLayer(_ reader: inout AtlasByteReader, tileCount: Int) throws(AtlasError)
        -> AtlasLayerData
    {
        // Every piece costs at least 5 bytes and every point 2, which bounds the allocations below.
        let pieceCount = try reader.count(atMost: reader.remaining / 5, "piece count")
        let pointCount = try reader.count(atMost: reader.remaining / 2, "point count")
        let reach = Int64(try reader.count(atMost: Int(2 * AtlasFormat.lonLimit), "reach"))
        let usedTiles = try reader.count(atMost: min(tileCount, pieceCount), "tile count")
        var tileStarts = [Int32](repeating: 0, count: tileCount + 1)
        var tile = -1
        var piecesSoFar = 0
        for _ in 0..<usedTiles {
            let gap = try reader.count(atMost: tileCount, "tile gap")
            let next = tile + 1 + gap
            guard next < tileCount else { throw .malformed(detail: "tile index \(next) out of range") }
            for filled in max(0, tile + 1)...next { tileStarts[filled] = Int32(piecesSoFar) }
            let pieces = try reader.count(atMost: pieceCount - piecesSoFar, "pieces in tile")
            piecesSoFar += pieces
            tile = next
        }
        guard piecesSoFar == pieceCount else { throw .malformed(detail: "tiles hold \(piecesSoFar) of \(pieceCount)") }
        for filled in (tile + 1)...tileCount { tileStarts[filled] = Int32(pieceCount) }

        guard pieceCount > 0 else {
            guard pointCount == 0 else { throw .malformed(detail: "\(pointCount) points in no pieces") }
            let (features, pieceFeatures) = try decodeFeatures(&reader, pieceCount: 0)
            return AtlasLayerData(
                points: [], pieceStarts: [0], bounds: [], tileStarts: tileStarts, reach: reach, features: features,
                pieceFeatures: pieceFeatures)
        }
        guard let base = reader.base.baseAddress else { throw .malformed(detail: "empty level") }
        // The hot loop runs on locals and raw pointers and reports failure after the fact: throwing or bounds
        // checking per byte made decoding the 10m level several times slower.
        var position = reader.position
        let end = reader.end
        var failure: String?
        var pieceStarts = [Int32](repeating: 0, count: pieceCount + 1)
        var bounds = [Int32](repeating: 0, count: 4 * pieceCount)
        let points = [Int32](unsafeUninitializedCapacity: 2 * pointCount) { points, initialized in
            guard let out = points.baseAddress else { return }
            var x: Int64 = 0
            var y: Int64 = 0
            var written = 0
            pieceStarts.withUnsafeMutableBufferPointer { starts in
                bounds.withUnsafeMutableBufferPointer { bounds in
                    for piece in 0..<pieceCount {
                        let count = Int(truncatingIfNeeded: fastVarint(base, &position, end))
                        guard count >= 2, count <= pointCount - written else {
                            failure = "piece \(piece) with \(count) points"
                            return
                        }
                        var minX = Int64.max
                        var minY = Int64.max
                        var maxX = Int64.min
                        var maxY = Int64.min
                        starts[piece] = Int32(truncatingIfNeeded: 2 * written)
                        for _ in 0..<count {
                            let rawX = fastVarint(base, &position, end)
                            let rawY = fastVarint(base, &position, end)
                            x &+= Int64(bitPattern: rawX >> 1) ^ -Int64(bitPattern: rawX & 1)
                            y &+= Int64(bitPattern: rawY >> 1) ^ -Int64(bitPattern: rawY & 1)
                            minX = min(minX, x)
                            minY = min(minY, y)
                            maxX = max(maxX, x)
                            maxY = max(maxY, y)
                            out[2 &* written] = Int32(truncatingIfNeeded: x)
                            out[2 &* written &+ 1] = Int32(truncatingIfNeeded: y)
                            written &+= 1
                        }
                        guard position <= end else {
                            failure = "truncated points"
                            return
                        }
                        guard minX >= -AtlasFormat.lonLimit, maxX <= AtlasFormat.lonLimit,
                            minY >= -AtlasFormat.latLimit, maxY <= AtlasFormat.latLimit
                        else {
                            failure = "point off the globe in piece \(piece)"
                            return
                        }
                        bounds[4 &* piece] = Int32(truncatingIfNeeded: minX)
                        bounds[4 &* piece &+ 1] = Int32(truncatingIfNeeded: minY)
                        bounds[4 &* piece &+ 2] = Int32(truncatingIfNeeded: maxX)
                        bounds[4 &* piece &+ 3] = Int32(truncatingIfNeeded: maxY)
                    }
                }
            }
            if failure == nil && written != pointCount { failure = "pieces hold \(written) of \(pointCount) points" }
            if failure != nil {
                // Initialize the rest so the array is valid before it is dropped.
                for index in (2 * written)..<(2 * pointCount) { out[index] = 0 }
            }
            initialized = 2 * pointCount
        }
        if let failure { throw .malformed(detail: failure) }
        reader.position = position
        pieceStarts[pieceCount] = Int32(2 * pointCount)
        let (features, pieceFeatures) = try decodeFeatures(&reader, pieceCount: pieceCount)
        return AtlasLayerData(
            points: points, pieceStarts: pieceStarts, bounds: bounds, tileStarts: tileStarts, reach: reach,
            features: features, pieceFeatures: pieceFeatures)
    }

    /// Reads a layer's feature table and, when it is not empty, each piece's feature index (-1 for none).
    private static func decodeFeatures(_ reader: inout AtlasByteReader, pieceCount: Int) throws(AtlasError) -> (
        [LineFeature], [Int32]
    ) {
        // Every feature costs at least 4 bytes (two empty strings, two zooms).
        let featureCount = try reader.count(atMost: reader.remaining / 4, "feature count")
        guard featureCount > 0 else { return ([], []) }
        var features: [LineFeature] = []
        features.reserveCapacity(featureCount)
        for _ in 0..<featureCount {
            let name = try reader.string()
            let ascii = try reader.string()
            let minZoom = try reader.count(atMost: 255, "minimum zoom")
            let labelZoom = try reader.count(atMost: 255, "label zoom")
            features.append(
                LineFeature(
                    name: name, nameASCII: ascii, minZoom: Double(minZoom) / 10, labelZoom: Double(labelZoom) / 10))
        }
        var pieceFeatures = [Int32](repeating: -1, count: pieceCount)
        for piece in 0..<pieceCount {
            pieceFeatures[piece] = Int32(try reader.count(atMost: featureCount, "feature index")) - 1
        }
        return (features, pieceFeatures)
    }

    /// The generalisation class packed at `bit` (least significant bit first) in `classes`, `mask` wide.
    @inline(__always)
    private static func generalisationClass(_ classes: UnsafeBufferPointer<UInt8>, bit: Int, mask: UInt32) -> Int {
        let byte = bit >> 3
        var word = UInt32(classes[byte])
        if byte + 1 < classes.count { word |= UInt32(classes[byte + 1]) << 8 }
        return Int((word >> UInt32(bit & 7)) & mask)
    }

    /// Reads a varint at `position` without throwing; on truncation or overlong input it returns 0 and moves
    /// `position` past `end`, which the caller checks once per piece.
    @inline(__always)
    private static func fastVarint(_ base: UnsafePointer<UInt8>, _ position: inout Int, _ end: Int) -> UInt64 {
        if position < end {
            let first = base[position]
            if first < 0x80 {
                position &+= 1
                return UInt64(first)
            }
        }
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while position < end && shift <= 63 {
            let byte = base[position]
            position &+= 1
            result |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return result }
            shift &+= 7
        }
        position = end &+ 1
        return 0
    }

    private static func decodePlaces(_ reader: inout AtlasByteReader) throws(AtlasError) -> ([Place], [Int32]) {
        let stringCount = try reader.count(atMost: reader.remaining, "string count")
        var strings: [String] = []
        strings.reserveCapacity(stringCount)
        for _ in 0..<stringCount { strings.append(try reader.string()) }
        let placeCount = try reader.count(atMost: reader.remaining / 7, "place count")
        guard stringCount > 0 || placeCount == 0 else { throw .malformed(detail: "places without strings") }
        var places: [Place] = []
        places.reserveCapacity(placeCount)
        var placePoints: [Int32] = []
        placePoints.reserveCapacity(2 * placeCount)
        let scale = Double(Atlas.unitsPerDegree)
        for _ in 0..<placeCount {
            let name = try reader.count(atMost: stringCount - 1, "string index")
            let ascii = try reader.count(atMost: stringCount - 1, "string index")
            let country = try reader.count(atMost: stringCount - 1, "string index")
            let population = try reader.count(atMost: Int.max, "population")
            let rank = try reader.count(atMost: 1000, "rank")
            let x = try reader.zigzag()
            let y = try reader.zigzag()
            guard abs(x) <= AtlasFormat.lonLimit, abs(y) <= AtlasFormat.latLimit else {
                throw .malformed(detail: "place off the globe")
            }
            placePoints.append(Int32(x))
            placePoints.append(Int32(y))
            places.append(
                Place(
                    name: strings[name], nameASCII: strings[ascii], country: strings[country], population: population,
                    rank: rank, position: LatLon(lat: Double(y) / scale, lon: Double(x) / scale)))
        }
        return (places, placePoints)
    }
}
