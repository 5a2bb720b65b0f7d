import Foundation
import Geo

/// A street atlas file that cannot be used: what is wrong with it, in one line.
public struct StreetAtlasError: Error, Equatable, Sendable {
    /// Why the bytes are not a usable atlas.
    public var reason: String

    /// Creates an error.
    public init(_ reason: String) {
        self.reason = reason
    }
}

/// The layout shared by `StreetAtlas` (reading) and `StreetAtlasBuilder` (writing).
///
/// A little-endian file: a header (magic `LQSTREET`, version, level count, bounding box, name
/// table and metadata offsets, then per level its tile size, tile count, index and data offsets); per level
/// an index of tiles sorted by key (`row << 32 | column`, 16 bytes: key, first word, word count) and a data
/// section of 32-bit words holding, per line, `class | count << 8`, the name's index (or -1), then
/// `count` interleaved longitude and latitude pairs in units of 1e-7 degrees; the name table (offsets,
/// then UTF-8 bytes); and metadata as `key=value` lines. Offsets are from the start of the file.
public enum StreetAtlasLayout {
    /// The first eight bytes of every street atlas.
    public static let magic = Array("LQSTREET".utf8)
    /// The format version this build reads and writes.
    public static let version: UInt32 = 1
    /// Bytes before the first section: 72 fixed, then 32 per level.
    public static var headerSize: Int { 72 + 32 * levels.count }
    /// Coordinates per degree: OpenStreetMap's own precision.
    public static let unitsPerDegree = 10_000_000

    /// One level of detail: the zooms it serves, its tile size, and how far lines are simplified.
    public struct Level: Sendable {
        /// The zoom levels drawn from this level.
        public var zooms: ClosedRange<Int>
        /// Tile width and height in units of 1e-7 degrees; no stored line extends further than this.
        public var tileSize: Int32
        /// Douglas-Peucker tolerance in units of 1e-7 degrees (0 keeps every point).
        public var tolerance: Int32
    }

    /// Two overviews (zoom 11, and 12-13: major roads, railways, water, then tertiary roads, tram lines and
    /// parks; simplified to about half a dot of a 400-column view), streets (14-15: and minor roads), and full detail (16-18: and paths and
    /// buildings, unsimplified).
    public static let levels = [
        Level(zooms: 11...11, tileSize: 250_000, tolerance: 2_500),
        Level(zooms: 12...13, tileSize: 100_000, tolerance: 1_000),
        Level(zooms: 14...15, tileSize: 50_000, tolerance: 120),
        Level(zooms: 16...18, tileSize: 25_000, tolerance: 0),
    ]

    /// The level drawn at `zoom`, or nil when streets are not drawn there (below zoom 11).
    public static func level(forZoom zoom: Int) -> Int? {
        levels.firstIndex { $0.zooms.contains(zoom) } ?? (zoom > 18 ? levels.count - 1 : nil)
    }

    /// The deepest level a class appears at first: the one whose zooms include its minimum zoom.
    static func firstLevel(of streetClass: StreetClass) -> Int {
        levels.firstIndex { $0.zooms.contains(streetClass.minimumZoom) } ?? levels.count - 1
    }
}

/// A box in atlas units (1e-7 degrees), inclusive.
public struct UnitBox: Hashable, Sendable {
    public var minLon: Int32
    public var minLat: Int32
    public var maxLon: Int32
    public var maxLat: Int32

    /// Creates a box from its edges in units of 1e-7 degrees.
    public init(minLon: Int32, minLat: Int32, maxLon: Int32, maxLat: Int32) {
        self.minLon = minLon
        self.minLat = minLat
        self.maxLon = maxLon
        self.maxLat = maxLat
    }

    /// The box covering `box` in degrees, clamped to the globe.
    public init(_ box: GeoBox) {
        func units(_ degrees: Double, _ limit: Double) -> Int32 {
            Int32(min(limit, max(-limit, degrees.isFinite ? degrees : 0)) * Double(StreetAtlasLayout.unitsPerDegree))
        }
        self.init(
            minLon: units(box.minLon, 180), minLat: units(box.minLat, 90), maxLon: units(box.maxLon, 180),
            maxLat: units(box.maxLat, 90))
    }

    /// The box in degrees.
    public var degrees: GeoBox {
        let scale = Double(StreetAtlasLayout.unitsPerDegree)
        return GeoBox(
            minLon: Double(minLon) / scale, minLat: Double(minLat) / scale, maxLon: Double(maxLon) / scale,
            maxLat: Double(maxLat) / scale)
    }

    /// True when the boxes share a point.
    public func overlaps(_ other: UnitBox) -> Bool {
        minLon <= other.maxLon && other.minLon <= maxLon && minLat <= other.maxLat && other.minLat <= maxLat
    }
}

/// A line read from a street atlas: its class, its name's index in the atlas's name table (or nil), and
/// its points, interleaved longitude and latitude in units of 1e-7 degrees, valid only inside the callback.
public struct StreetLine {
    public var streetClass: StreetClass
    public var nameIndex: Int32?
    public var points: UnsafeBufferPointer<Int32>
}

/// A street atlas over its file's bytes (memory-mapped by `StreetFiles`, or built in memory by tests).
///
/// Opening reads only the fixed header; queries read the tile index rows the box touches and the lines in
/// those tiles. Corrupt indexes or records are skipped, never read out of bounds.
public struct StreetAtlas: Sendable {
    /// The file's bytes.
    public let bytes: Data
    /// The box every stored line lies in.
    public let bounds: UnitBox
    /// How many names the name table holds.
    public let nameCount: Int
    private let levels: [LevelSection]
    private let nameOffsets: Int
    private let nameBytes: Int
    private let metadataRange: Range<Int>

    private struct LevelSection: Sendable {
        var tileSize: Int32
        var tileCount: Int
        var index: Int
        var data: Int
        var dataWords: Int
    }

    /// Reads the header of `bytes` and checks that every section lies inside them.
    public init(bytes: Data) throws(StreetAtlasError) {
        self.bytes = bytes
        let count = bytes.count
        guard count >= StreetAtlasLayout.headerSize, bytes.prefix(8).elementsEqual(StreetAtlasLayout.magic) else {
            throw StreetAtlasError("not a linq-map street atlas")
        }
        func u32(_ offset: Int) -> UInt32 {
            bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: offset, as: UInt32.self) }
        }
        func i32(_ offset: Int) -> Int32 { Int32(bitPattern: u32(offset)) }
        func u64(_ offset: Int) -> Int {
            let value = bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: offset, as: UInt64.self) }
            return value > UInt64(count) ? Int.max : Int(value)
        }
        guard u32(8) == StreetAtlasLayout.version else {
            throw StreetAtlasError("street atlas version \(u32(8)); import the area again")
        }
        guard Int(u32(12)) == StreetAtlasLayout.levels.count else { throw StreetAtlasError("bad level count") }
        bounds = UnitBox(minLon: i32(16), minLat: i32(20), maxLon: i32(24), maxLat: i32(28))
        nameCount = Int(u32(32))
        nameOffsets = u64(40)
        nameBytes = u64(48)
        let metadata = u64(56)
        let metadataLength = u64(64)
        guard nameOffsets % 4 == 0, nameOffsets <= count, (count - nameOffsets) / 4 > nameCount, nameBytes <= count,
            metadata <= count, metadataLength <= count - metadata
        else { throw StreetAtlasError("name table or metadata outside the file") }
        metadataRange = metadata..<metadata + metadataLength
        var levels: [LevelSection] = []
        for level in 0..<StreetAtlasLayout.levels.count {
            let base = 72 + level * 32
            let section = LevelSection(
                tileSize: i32(base), tileCount: Int(u32(base + 4)), index: u64(base + 8), data: u64(base + 16),
                dataWords: u64(base + 24) / 4)
            guard section.tileSize > 0, section.index % 8 == 0, section.data % 4 == 0, section.index <= count,
                (count - section.index) / 16 >= section.tileCount, section.data <= count,
                (count - section.data) / 4 >= section.dataWords
            else { throw StreetAtlasError("level \(level) lies outside the file") }
            levels.append(section)
        }
        self.levels = levels
    }

    /// The `key=value` metadata lines (source file, import date, counts).
    public var metadata: [String: String] {
        let text = String(
            decoding: bytes[bytes.startIndex + metadataRange.lowerBound..<bytes.startIndex + metadataRange.upperBound],
            as: UTF8.self)
        var values: [String: String] = [:]
        for line in text.split(separator: "\n") {
            guard let equals = line.firstIndex(of: "=") else { continue }
            values[String(line[..<equals])] = String(line[line.index(after: equals)...])
        }
        return values
    }

    /// The name at `index` of the name table, or nil when out of range.
    public func name(_ index: Int32) -> String? {
        guard index >= 0, Int(index) < nameCount else { return nil }
        return bytes.withUnsafeBytes { raw -> String? in
            let start = Int(raw.loadUnaligned(fromByteOffset: nameOffsets + Int(index) * 4, as: UInt32.self))
            let end = Int(raw.loadUnaligned(fromByteOffset: nameOffsets + Int(index) * 4 + 4, as: UInt32.self))
            guard start <= end, end <= raw.count - nameBytes else { return nil }
            return String(
                decoding: UnsafeRawBufferPointer(rebasing: raw[nameBytes + start..<nameBytes + end]), as: UTF8.self)
        }
    }

    /// Calls `body` with every line of `level` that may cross `box`: the lines of the tiles the box,
    /// grown by one tile on each side, covers (a line never extends more than a tile from its tile).
    public func forEachLine(level: Int, in box: UnitBox, _ body: (StreetLine) -> Void) {
        guard levels.indices.contains(level), box.overlaps(bounds) else { return }
        let section = levels[level]
        let size = Int64(section.tileSize)
        func tile(_ value: Int32, _ offset: Int64) -> Int64 { (Int64(value) + offset) / size }
        let lonOffset = 180 * Int64(StreetAtlasLayout.unitsPerDegree)
        let latOffset = 90 * Int64(StreetAtlasLayout.unitsPerDegree)
        let column0 = max(0, tile(box.minLon, lonOffset) - 1)
        let column1 = tile(box.maxLon, lonOffset) + 1
        let row0 = max(0, tile(box.minLat, latOffset) - 1)
        let row1 = tile(box.maxLat, latOffset) + 1
        guard row1 - row0 < 100_000 else { return }
        bytes.withUnsafeBytes { raw in
            guard let base = raw.baseAddress, section.tileCount > 0 else { return }
            let index = base + section.index
            func key(_ tile: Int) -> UInt64 { index.loadUnaligned(fromByteOffset: tile * 16, as: UInt64.self) }
            let words = UnsafeBufferPointer(
                start: (base + section.data).assumingMemoryBound(to: Int32.self), count: section.dataWords)
            for row in row0...row1 {
                let first = UInt64(row) << 32 | UInt64(column0)
                let last = UInt64(row) << 32 | UInt64(column1)
                var low = 0
                var high = section.tileCount
                while low < high {
                    let middle = (low + high) / 2
                    if key(middle) < first { low = middle + 1 } else { high = middle }
                }
                var tile = low
                while tile < section.tileCount, key(tile) <= last {
                    let start = Int(index.loadUnaligned(fromByteOffset: tile * 16 + 8, as: UInt32.self))
                    let length = Int(index.loadUnaligned(fromByteOffset: tile * 16 + 12, as: UInt32.self))
                    tile += 1
                    guard start <= words.count, length <= words.count - start else { continue }
                    StreetAtlas.forEachRecord(in: UnsafeBufferPointer(rebasing: words[start..<start + length]), body)
                }
            }
        }
    }

    /// Calls `body` once with every line `forEachLine` would visit, gathered in an array whose point buffers
    /// stay valid for the whole call: for readers that go over the lines several times.
    public func withLines<Value>(level: Int, in box: UnitBox, _ body: ([StreetLine]) -> Value) -> Value {
        bytes.withUnsafeBytes { _ in
            var lines: [StreetLine] = []
            forEachLine(level: level, in: box) { lines.append($0) }
            return body(lines)
        }
    }

    private static func forEachRecord(in words: UnsafeBufferPointer<Int32>, _ body: (StreetLine) -> Void) {
        var position = 0
        while words.count - position >= 2 {
            let head = UInt32(bitPattern: words[position])
            let count = Int(head >> 8)
            let name = words[position + 1]
            position += 2
            guard count * 2 <= words.count - position else { return }
            if let streetClass = StreetClass(rawValue: UInt8(head & 0xFF)) {
                body(
                    StreetLine(
                        streetClass: streetClass, nameIndex: name >= 0 ? name : nil,
                        points: UnsafeBufferPointer(rebasing: words[position..<position + count * 2])))
            }
            position += count * 2
        }
    }
}

/// Where a map finds street atlases: the imported areas, opened (memory-mapped) once. The core's view of
/// the storage that `StreetFiles` owns.
public protocol StreetSource: Sendable {
    /// The areas whose bounds overlap `box`.
    func areas(overlapping box: UnitBox) -> [StreetAtlas]
}

/// A fixed set of atlases, for tests and for atlases built in memory.
public struct StreetAtlasList: StreetSource {
    /// The atlases.
    public var atlases: [StreetAtlas]

    /// Creates a source holding `atlases`.
    public init(_ atlases: [StreetAtlas]) {
        self.atlases = atlases
    }

    /// The atlases whose bounds overlap `box`.
    public func areas(overlapping box: UnitBox) -> [StreetAtlas] {
        atlases.filter { $0.bounds.overlaps(box) }
    }
}
