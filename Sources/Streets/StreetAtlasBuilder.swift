/// Builds a street atlas's bytes from lines: each line is simplified for each level that shows its class,
/// cut into pieces no wider or taller than a tile, and filed under the tile of its first point.
///
/// Memory is proportional to the output: the builder keeps one flat word array per level, never one object
/// per line.
public struct StreetAtlasBuilder {
    private var pools: [[Int32]]
    private var keys: [[UInt64]]
    private var starts: [[UInt32]]
    private var nameIndex: [String: Int32] = [:]
    private var names: [String] = []
    private var bounds: UnitBox?
    private var scratch: [Int32] = []
    private var keep: [Bool] = []
    /// Lines added (before simplification and cutting).
    public private(set) var lineCount = 0

    /// An empty builder.
    public init() {
        pools = Array(repeating: [], count: StreetAtlasLayout.levels.count)
        keys = pools.map { _ in [] }
        starts = pools.map { _ in [] }
    }

    /// Forgets every line added, keeping the name table (an import that must start its lines again).
    public mutating func removeLines() {
        pools = pools.map { _ in [] }
        keys = pools.map { _ in [] }
        starts = pools.map { _ in [] }
        bounds = nil
        lineCount = 0
    }

    /// The index of `name` in the name table, adding it when new.
    public mutating func nameIndex(for name: String) -> Int32 {
        if let index = nameIndex[name] { return index }
        let index = Int32(names.count)
        names.append(name)
        nameIndex[name] = index
        return index
    }

    /// Adds a line of `points` (interleaved longitude and latitude, units of 1e-7 degrees) of `streetClass`
    /// named by `name` (an index from `nameIndex(for:)`, or -1). Fewer than two points add nothing.
    public mutating func add(_ streetClass: StreetClass, name: Int32, points: UnsafeBufferPointer<Int32>) {
        let count = points.count / 2
        guard count >= 2 else { return }
        lineCount += 1
        var box = bounds ?? UnitBox(minLon: points[0], minLat: points[1], maxLon: points[0], maxLat: points[1])
        for index in 0..<count {
            box.minLon = min(box.minLon, points[2 * index])
            box.maxLon = max(box.maxLon, points[2 * index])
            box.minLat = min(box.minLat, points[2 * index + 1])
            box.maxLat = max(box.maxLat, points[2 * index + 1])
        }
        bounds = box
        for level in StreetAtlasLayout.firstLevel(of: streetClass)..<StreetAtlasLayout.levels.count {
            let settings = StreetAtlasLayout.levels[level]
            simplify(points, tolerance: settings.tolerance)
            guard scratch.count >= 4 else { continue }
            file(streetClass, name: name, level: level, tileSize: settings.tileSize)
        }
    }

    /// Fills `scratch` with `points` simplified by Douglas-Peucker, then with long segments split so none
    /// spans more than half a tile.
    private mutating func simplify(_ points: UnsafeBufferPointer<Int32>, tolerance: Int32) {
        let count = points.count / 2
        scratch.removeAll(keepingCapacity: true)
        if tolerance == 0 {
            var lastLon = points[0]
            var lastLat = points[1]
            scratch.append(lastLon)
            scratch.append(lastLat)
            for index in 1..<count where points[2 * index] != lastLon || points[2 * index + 1] != lastLat {
                lastLon = points[2 * index]
                lastLat = points[2 * index + 1]
                scratch.append(lastLon)
                scratch.append(lastLat)
            }
            return
        }
        keep.removeAll(keepingCapacity: true)
        keep.append(contentsOf: repeatElement(false, count: count))
        keep[0] = true
        keep[count - 1] = true
        let limit = Double(tolerance) * Double(tolerance)
        var stack: [(Int, Int)] = [(0, count - 1)]
        while let (first, last) = stack.popLast() {
            guard last - first >= 2 else { continue }
            let ax = Double(points[2 * first])
            let ay = Double(points[2 * first + 1])
            let dx = Double(points[2 * last]) - ax
            let dy = Double(points[2 * last + 1]) - ay
            let lengthSquared = dx * dx + dy * dy
            var farthest = first
            var farthestDistance = -1.0
            for index in first + 1..<last {
                let px = Double(points[2 * index]) - ax
                let py = Double(points[2 * index + 1]) - ay
                let distance: Double
                if lengthSquared == 0 {
                    distance = px * px + py * py
                } else {
                    let cross = px * dy - py * dx
                    distance = cross * cross / lengthSquared
                }
                if distance > farthestDistance {
                    farthestDistance = distance
                    farthest = index
                }
            }
            if farthestDistance > limit {
                keep[farthest] = true
                stack.append((first, farthest))
                stack.append((farthest, last))
            }
        }
        for index in 0..<count where keep[index] {
            let lon = points[2 * index]
            let lat = points[2 * index + 1]
            if scratch.count >= 2, scratch[scratch.count - 2] == lon, scratch[scratch.count - 1] == lat { continue }
            scratch.append(lon)
            scratch.append(lat)
        }
    }

    /// Cuts `scratch` into pieces at most a tile wide and tall and appends each to the level's pool.
    private mutating func file(_ streetClass: StreetClass, name: Int32, level: Int, tileSize: Int32) {
        let size = Int64(tileSize)
        let half = size / 2
        var piece: [Int32] = []
        var box = (minLon: Int64(0), minLat: Int64(0), maxLon: Int64(0), maxLat: Int64(0))
        func flush(_ builder: inout StreetAtlasBuilder) {
            guard piece.count >= 4 else { return }
            builder.append(streetClass, name: name, level: level, tileSize: size, points: piece)
        }
        func start(_ lon: Int64, _ lat: Int64) {
            piece.removeAll(keepingCapacity: true)
            piece.append(Int32(lon))
            piece.append(Int32(lat))
            box = (lon, lat, lon, lat)
        }
        start(Int64(scratch[0]), Int64(scratch[1]))
        var lastLon = Int64(scratch[0])
        var lastLat = Int64(scratch[1])
        for index in 1..<scratch.count / 2 {
            let lon = Int64(scratch[2 * index])
            let lat = Int64(scratch[2 * index + 1])
            // Long segments become several, so a piece's extent bounds the tiles a query must read around.
            let steps = max(1, (max(abs(lon - lastLon), abs(lat - lastLat)) + half - 1) / half)
            for step in 1...steps {
                let x = lastLon + (lon - lastLon) * step / steps
                let y = lastLat + (lat - lastLat) * step / steps
                let grown = (min(box.minLon, x), min(box.minLat, y), max(box.maxLon, x), max(box.maxLat, y))
                if grown.2 - grown.0 > size || grown.3 - grown.1 > size || piece.count >= 2 * 4096 {
                    let previousLon = Int64(piece[piece.count - 2])
                    let previousLat = Int64(piece[piece.count - 1])
                    flush(&self)
                    start(previousLon, previousLat)
                    box = (min(box.minLon, x), min(box.minLat, y), max(box.maxLon, x), max(box.maxLat, y))
                } else {
                    box = grown
                }
                piece.append(Int32(x))
                piece.append(Int32(y))
            }
            lastLon = lon
            lastLat = lat
        }
        flush(&self)
    }

    private mutating func append(
        _ streetClass: StreetClass, name: Int32, level: Int, tileSize: Int64, points: [Int32]
    ) {
        let column = (Int64(points[0]) + 180 * Int64(StreetAtlasLayout.unitsPerDegree)) / tileSize
        let row = (Int64(points[1]) + 90 * Int64(StreetAtlasLayout.unitsPerDegree)) / tileSize
        keys[level].append(UInt64(row) << 32 | UInt64(column))
        starts[level].append(UInt32(pools[level].count))
        pools[level].append(Int32(bitPattern: UInt32(streetClass.rawValue) | UInt32(points.count / 2) << 8))
        pools[level].append(name)
        pools[level].append(contentsOf: points)
    }

    /// The pieces' positions sorted by tile key, then by insertion order (stable). Keys and positions are
    /// packed into one integer when they fit (they do for any extract on Earth), which sorts several times
    /// faster than pairs.
    static func order(keys: [UInt64]) -> [Int] {
        let fits = keys.count < 1 << 28 && keys.allSatisfy { $0 >> 32 < 1 << 18 && $0 & 0xFFFF_FFFF < 1 << 18 }
        guard fits else {
            return keys.indices.sorted { (keys[$0], $0) < (keys[$1], $1) }
        }
        var packed = keys.enumerated().map { index, key in
            (key >> 32) << 46 | (key & 0xFFFF_FFFF) << 28 | UInt64(index)
        }
        packed.sort()
        return packed.map { Int($0 & (1 << 28 - 1)) }
    }

    /// The atlas's bytes, with `metadata` stored as `key=value` lines (newlines and `=` in keys removed).
    public func encoded(metadata: [(String, String)]) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(StreetAtlasLayout.headerSize + pools.reduce(0) { $0 + $1.count * 4 })
        output.append(contentsOf: repeatElement(0, count: StreetAtlasLayout.headerSize))
        func put32(_ value: UInt32, at offset: Int) {
            withUnsafeBytes(of: value.littleEndian) { output.replaceSubrange(offset..<offset + 4, with: $0) }
        }
        func put64(_ value: Int, at offset: Int) {
            withUnsafeBytes(of: UInt64(value).littleEndian) { output.replaceSubrange(offset..<offset + 8, with: $0) }
        }
        func align() { while output.count % 8 != 0 { output.append(0) } }
        func append32(_ value: UInt32) { withUnsafeBytes(of: value.littleEndian) { output.append(contentsOf: $0) } }
        output.replaceSubrange(0..<8, with: StreetAtlasLayout.magic)
        put32(StreetAtlasLayout.version, at: 8)
        put32(UInt32(StreetAtlasLayout.levels.count), at: 12)
        let box = bounds ?? UnitBox(minLon: 0, minLat: 0, maxLon: -1, maxLat: -1)
        put32(UInt32(bitPattern: box.minLon), at: 16)
        put32(UInt32(bitPattern: box.minLat), at: 20)
        put32(UInt32(bitPattern: box.maxLon), at: 24)
        put32(UInt32(bitPattern: box.maxLat), at: 28)
        for level in 0..<StreetAtlasLayout.levels.count {
            let order = StreetAtlasBuilder.order(keys: keys[level])
            // Data first, then the index that points into it.
            align()
            let data = output.count
            var tiles: [(key: UInt64, start: UInt32, count: UInt32)] = []
            var words = 0
            pools[level].withUnsafeBufferPointer { pool in
                for item in order {
                    let start = Int(starts[level][item])
                    let length = 2 + 2 * Int(UInt32(bitPattern: pool[start]) >> 8)
                    if let last = tiles.last, last.key == keys[level][item] {
                        tiles[tiles.count - 1].count += UInt32(length)
                    } else {
                        tiles.append((keys[level][item], UInt32(words), UInt32(length)))
                    }
                    // NB: atlases are little-endian, as every platform Swift runs on here.
                    output.append(
                        contentsOf: UnsafeRawBufferPointer(
                            rebasing: UnsafeRawBufferPointer(pool)[start * 4..<(start + length) * 4]))
                    words += length
                }
            }
            align()
            let index = output.count
            for tile in tiles {
                withUnsafeBytes(of: tile.key.littleEndian) { output.append(contentsOf: $0) }
                append32(tile.start)
                append32(tile.count)
            }
            let base = 72 + level * 32
            put32(UInt32(bitPattern: StreetAtlasLayout.levels[level].tileSize), at: base)
            put32(UInt32(tiles.count), at: base + 4)
            put64(index, at: base + 8)
            put64(data, at: base + 16)
            put64(words * 4, at: base + 24)
        }
        align()
        let offsets = output.count
        var position: UInt32 = 0
        append32(0)
        for name in names {
            position += UInt32(name.utf8.count)
            append32(position)
        }
        let nameBytes = output.count
        for name in names { output.append(contentsOf: name.utf8) }
        put32(UInt32(names.count), at: 32)
        put64(offsets, at: 40)
        put64(nameBytes, at: 48)
        let metadataOffset = output.count
        for (key, value) in metadata {
            let cleanKey = key.filter { $0 != "=" && $0 != "\n" }
            output.append(contentsOf: "\(cleanKey)=\(value.filter { $0 != "\n" })\n".utf8)
        }
        put64(metadataOffset, at: 56)
        put64(output.count - metadataOffset, at: 64)
        return output
    }
}
