/// A way as read from a primitive block: its id and its tags and node references still packed, so a
/// reader that drops the way pays nothing to decode them.
public struct PBFWay {
    /// The way's OpenStreetMap id.
    public var id: Int64
    /// The packed key indices into the block's string table.
    public var keys: UnsafeRawBufferPointer
    /// The packed value indices, one per key.
    public var values: UnsafeRawBufferPointer
    /// The packed, delta-coded node ids.
    public var refs: UnsafeRawBufferPointer
    /// Where the way's message starts (in the inflated block), for error messages.
    public var origin: Int

    /// Calls `body` with each tag's key and value string-table indices, in order.
    public func forEachTag(_ body: (Int, Int) throws(PBFError) -> Void) throws(PBFError) {
        var keyReader = ProtobufReader(keys, origin: origin)
        var valueReader = ProtobufReader(values, origin: origin)
        while !keyReader.isAtEnd {
            guard !valueReader.isAtEnd else {
                throw .corrupt(offset: origin, detail: "way \(id) has more keys than values")
            }
            let key = Int(truncatingIfNeeded: try keyReader.varint())
            let value = Int(truncatingIfNeeded: try valueReader.varint())
            try body(key, value)
        }
    }

    /// Calls `body` with each node id the way references, in order (the deltas summed).
    public func forEachRef(_ body: (Int64) -> Void) throws(PBFError) {
        var reader = ProtobufReader(refs, origin: origin)
        var id: Int64 = 0
        while !reader.isAtEnd {
            id &+= try reader.signedVarint()
            body(id)
        }
    }
}

/// What a primitive block's decoder hands on: the block's strings, each node with its position, each way.
public protocol PrimitiveBlockSink {
    /// A new block's string table, before any of its ways; index 0 is the empty string by convention.
    mutating func strings(_ table: [UnsafeRawBufferPointer]) throws(PBFError)
    /// A node at `lat`, `lon` in units of 1e-7 degrees.
    mutating func node(id: Int64, lat: Int32, lon: Int32)
    /// A way; its tag indices refer to the table last passed to `strings`.
    mutating func way(_ way: PBFWay) throws(PBFError)
}

/// Decodes an inflated `PrimitiveBlock`: the string table, the coordinate granularity and offsets, plain and
/// dense nodes, and ways. Relations and changesets are skipped; node tags and metadata are not decoded.
public enum PrimitiveBlock {
    /// Decodes `bytes` into `sink`. Malformed data throws with offsets within `bytes`.
    public static func decode<Sink: PrimitiveBlockSink>(
        _ bytes: UnsafeRawBufferPointer, into sink: inout Sink
    ) throws(PBFError) {
        var block = ProtobufReader(bytes)
        var table: [UnsafeRawBufferPointer] = []
        var groups: [ProtobufReader] = []
        var granularity: Int64 = 100
        var latOffset: Int64 = 0
        var lonOffset: Int64 = 0
        while try block.next() {
            switch block.field.number {
            case 1:
                try block.expect(.lengthDelimited)
                var strings = try block.message()
                while try strings.next() {
                    if strings.field.number == 1 {
                        try strings.expect(.lengthDelimited)
                        table.append(try strings.lengthDelimited())
                    } else {
                        try strings.skip()
                    }
                }
            case 2:
                try block.expect(.lengthDelimited)
                groups.append(try block.message())
            case 17:
                try block.expect(.varint)
                granularity = Int64(truncatingIfNeeded: try block.varint())
            case 19:
                try block.expect(.varint)
                latOffset = Int64(bitPattern: try block.varint())
            case 20:
                try block.expect(.varint)
                lonOffset = Int64(bitPattern: try block.varint())
            default: try block.skip()
            }
        }
        guard granularity > 0, granularity <= 1_000_000_000 else {
            throw .corrupt(offset: 0, detail: "granularity \(granularity)")
        }
        try sink.strings(table)
        let coordinates = Coordinates(granularity: granularity, latOffset: latOffset, lonOffset: lonOffset)
        for var group in groups {
            while try group.next() {
                switch group.field.number {
                case 1:
                    try group.expect(.lengthDelimited)
                    try decodeNode(try group.message(), coordinates: coordinates, into: &sink)
                case 2:
                    try group.expect(.lengthDelimited)
                    try decodeDense(try group.message(), coordinates: coordinates, into: &sink)
                case 3:
                    try group.expect(.lengthDelimited)
                    try decodeWay(try group.message(), into: &sink)
                default: try group.skip()
                }
            }
        }
    }

    /// The block's rule from stored integers to 1e-7 degrees: nanodegrees are `offset + granularity * value`.
    struct Coordinates {
        var granularity: Int64
        var latOffset: Int64
        var lonOffset: Int64

        @inline(__always)
        func lat(_ value: Int64, at offset: Int) throws(PBFError) -> Int32 {
            let nano = latOffset &+ granularity &* value
            guard nano >= -90_000_000_000, nano <= 90_000_000_000 else {
                throw .corrupt(offset: offset, detail: "latitude \(Double(nano) / 1e9) out of range")
            }
            return Int32(truncatingIfNeeded: nano / 100)
        }

        @inline(__always)
        func lon(_ value: Int64, at offset: Int) throws(PBFError) -> Int32 {
            let nano = lonOffset &+ granularity &* value
            guard nano >= -180_000_000_000, nano <= 180_000_000_000 else {
                throw .corrupt(offset: offset, detail: "longitude \(Double(nano) / 1e9) out of range")
            }
            return Int32(truncatingIfNeeded: nano / 100)
        }
    }

    private static func decodeNode<Sink: PrimitiveBlockSink>(
        _ message: ProtobufReader, coordinates: Coordinates, into sink: inout Sink
    ) throws(PBFError) {
        var node = message
        var id: Int64 = 0
        var lat: Int64 = 0
        var lon: Int64 = 0
        while try node.next() {
            switch node.field.number {
            case 1:
                try node.expect(.varint)
                id = try node.signedVarint()
            case 8:
                try node.expect(.varint)
                lat = try node.signedVarint()
            case 9:
                try node.expect(.varint)
                lon = try node.signedVarint()
            default: try node.skip()
            }
        }
        sink.node(
            id: id, lat: try coordinates.lat(lat, at: message.origin), lon: try coordinates.lon(lon, at: message.origin)
        )
    }

    private static func decodeDense<Sink: PrimitiveBlockSink>(
        _ message: ProtobufReader, coordinates: Coordinates, into sink: inout Sink
    ) throws(PBFError) {
        var dense = message
        var ids = ProtobufReader(UnsafeRawBufferPointer(start: nil, count: 0))
        var lats = ids
        var lons = ids
        while try dense.next() {
            switch dense.field.number {
            case 1:
                try dense.expect(.lengthDelimited)
                ids = try dense.message()
            case 8:
                try dense.expect(.lengthDelimited)
                lats = try dense.message()
            case 9:
                try dense.expect(.lengthDelimited)
                lons = try dense.message()
            default: try dense.skip()
            }
        }
        var id: Int64 = 0
        var lat: Int64 = 0
        var lon: Int64 = 0
        while !ids.isAtEnd {
            guard !lats.isAtEnd, !lons.isAtEnd else {
                throw .corrupt(offset: message.origin, detail: "dense nodes with fewer coordinates than ids")
            }
            id &+= try ids.signedVarint()
            lat &+= try lats.signedVarint()
            lon &+= try lons.signedVarint()
            sink.node(
                id: id, lat: try coordinates.lat(lat, at: lats.offset), lon: try coordinates.lon(lon, at: lons.offset))
        }
    }

    private static func decodeWay<Sink: PrimitiveBlockSink>(
        _ message: ProtobufReader, into sink: inout Sink
    ) throws(PBFError) {
        var reader = message
        let empty = UnsafeRawBufferPointer(start: nil, count: 0)
        var way = PBFWay(id: 0, keys: empty, values: empty, refs: empty, origin: message.origin)
        while try reader.next() {
            switch reader.field.number {
            case 1:
                try reader.expect(.varint)
                way.id = Int64(bitPattern: try reader.varint())
            case 2:
                try reader.expect(.lengthDelimited)
                way.keys = try reader.lengthDelimited()
            case 3:
                try reader.expect(.lengthDelimited)
                way.values = try reader.lengthDelimited()
            case 8:
                try reader.expect(.lengthDelimited)
                way.refs = try reader.lengthDelimited()
            default: try reader.skip()
            }
        }
        try sink.way(way)
    }
}
