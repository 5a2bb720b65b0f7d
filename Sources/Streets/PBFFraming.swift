/// One blob of an `.osm.pbf` file as framed on disk: a 4-byte big-endian length, a `BlobHeader` message
/// naming its type and size, then the `Blob` message.
public struct PBFFrame {
    /// What the blob holds.
    public enum Kind: Equatable, Sendable {
        /// `OSMHeader`: the file's header block.
        case header
        /// `OSMData`: a primitive block of nodes, ways and relations.
        case data
        /// Another type, which readers must skip.
        case other(String)
    }

    /// The file offset of the frame's length prefix.
    public var offset: Int
    /// The blob's type.
    public var kind: Kind
    /// The `Blob` message's bytes.
    public var blob: UnsafeRawBufferPointer
    /// The file offset of the `Blob` message.
    public var blobOffset: Int
    /// The file offset just past the frame.
    public var end: Int { blobOffset + blob.count }

    /// A frame of `kind` at `offset` whose `Blob` message is `blob`, starting at file offset `blobOffset`.
    public init(offset: Int, kind: Kind, blob: UnsafeRawBufferPointer, blobOffset: Int) {
        self.offset = offset
        self.kind = kind
        self.blob = blob
        self.blobOffset = blobOffset
    }
}

/// How a blob's payload is stored.
public enum PBFPayload {
    /// Uncompressed primitive or header block bytes.
    case raw(UnsafeRawBufferPointer)
    /// zlib (RFC 1950) data that inflates to `rawSize` bytes.
    case zlib(UnsafeRawBufferPointer, rawSize: Int)
}

/// Walks the frames of an `.osm.pbf` file held in memory (memory-mapped), checking the format's limits:
/// a blob header of at most 64 KiB and a blob of at most 32 MiB, compressed or not.
public struct PBFFramer {
    /// The largest `BlobHeader` the format allows.
    public static let maxHeaderSize = 64 * 1024
    /// The largest `Blob`, and the largest inflated block, the format allows.
    public static let maxBlobSize = 32 * 1024 * 1024

    /// The whole file.
    public let bytes: UnsafeRawBufferPointer
    /// The offset of the next frame.
    public private(set) var position = 0

    /// A framer over the whole file's `bytes`.
    public init(_ bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    /// The next frame, or nil at the end of the file. The first frame must be the `OSMHeader`: anything
    /// else there means the file is not `.osm.pbf` at all.
    public mutating func next() throws(PBFError) -> PBFFrame? {
        let start = position
        let isFirst = start == 0
        guard start < bytes.count else {
            if isFirst { throw .notPBF(offset: 0, detail: "the file is empty") }
            return nil
        }
        guard bytes.count - start >= 4 else {
            throw .truncated(offset: start, detail: "the file ends inside a blob's length prefix")
        }
        let length =
            Int(bytes[start]) << 24 | Int(bytes[start + 1]) << 16 | Int(bytes[start + 2]) << 8 | Int(bytes[start + 3])
        guard length <= PBFFramer.maxHeaderSize, length > 0 else {
            if isFirst { throw .notPBF(offset: 0, detail: "no blob header at the start of the file") }
            throw .blobTooLarge(offset: start, size: length, limit: PBFFramer.maxHeaderSize)
        }
        guard bytes.count - start - 4 >= length else {
            if isFirst { throw .notPBF(offset: 0, detail: "no blob header at the start of the file") }
            throw .truncated(offset: start, detail: "the file ends inside a blob header")
        }
        let headerBytes = UnsafeRawBufferPointer(rebasing: bytes[start + 4..<start + 4 + length])
        var header = ProtobufReader(headerBytes, origin: start + 4)
        var type: String?
        var dataSize: Int?
        do {
            while try header.next() {
                switch header.field.number {
                case 1:
                    try header.expect(.lengthDelimited)
                    type = try header.string()
                case 3:
                    try header.expect(.varint)
                    dataSize = Int(truncatingIfNeeded: try header.varint())
                default: try header.skip()
                }
            }
        } catch {
            if isFirst { throw .notPBF(offset: 0, detail: "the first blob header is not a protocol-buffer message") }
            throw error
        }
        guard let type, let dataSize, dataSize >= 0 else {
            if isFirst { throw .notPBF(offset: 0, detail: "the first blob header has no type or size") }
            throw .corrupt(offset: start, detail: "a blob header without type or size")
        }
        if isFirst, type != "OSMHeader" {
            throw .notPBF(offset: 0, detail: "the first blob is '\(type.prefix(40))', not 'OSMHeader'")
        }
        guard dataSize <= PBFFramer.maxBlobSize else {
            throw .blobTooLarge(offset: start, size: dataSize, limit: PBFFramer.maxBlobSize)
        }
        let blobOffset = start + 4 + length
        guard bytes.count - blobOffset >= dataSize else {
            throw .truncated(
                offset: blobOffset,
                detail: "the blob needs \(dataSize) bytes but the file has \(bytes.count - blobOffset) left")
        }
        position = blobOffset + dataSize
        let kind: PBFFrame.Kind =
            switch type {
            case "OSMHeader": .header
            case "OSMData": .data
            default: .other(type)
            }
        return PBFFrame(
            offset: start, kind: kind, blob: UnsafeRawBufferPointer(rebasing: bytes[blobOffset..<position]),
            blobOffset: blobOffset)
    }

    /// The payload of `frame`'s `Blob`: raw or zlib; any other compression, or a raw size over 32 MiB, throws.
    public static func payload(of frame: PBFFrame) throws(PBFError) -> PBFPayload {
        var blob = ProtobufReader(frame.blob, origin: frame.blobOffset)
        var rawSize: Int?
        var payload: PBFPayload?
        while try blob.next() {
            switch blob.field.number {
            case 1:
                try blob.expect(.lengthDelimited)
                let raw = try blob.lengthDelimited()
                guard raw.count <= maxBlobSize else {
                    throw .blobTooLarge(offset: frame.offset, size: raw.count, limit: maxBlobSize)
                }
                payload = .raw(raw)
            case 2:
                try blob.expect(.varint)
                rawSize = Int(truncatingIfNeeded: try blob.varint())
            case 3:
                try blob.expect(.lengthDelimited)
                payload = .zlib(try blob.lengthDelimited(), rawSize: 0)
            case 4: throw .unsupportedCompression(offset: frame.offset, method: "lzma")
            case 5: throw .unsupportedCompression(offset: frame.offset, method: "bzip2")
            case 6: throw .unsupportedCompression(offset: frame.offset, method: "lz4")
            case 7: throw .unsupportedCompression(offset: frame.offset, method: "zstd")
            default:
                throw .unsupportedCompression(offset: frame.offset, method: "field \(blob.field.number)")
            }
        }
        switch payload {
        case .raw(let bytes)?: return .raw(bytes)
        case .zlib(let bytes, _)?:
            guard let rawSize, rawSize >= 0 else {
                throw .corrupt(offset: frame.offset, detail: "a zlib blob without its raw size")
            }
            guard rawSize <= maxBlobSize else {
                throw .blobTooLarge(offset: frame.offset, size: rawSize, limit: maxBlobSize)
            }
            return .zlib(bytes, rawSize: rawSize)
        case nil:
            throw .corrupt(offset: frame.offset, detail: "a blob without data")
        }
    }

    /// The features a header block requires that linq-map can read: the schema and dense nodes. Sorting and
    /// locations on ways are optional features and need no support.
    public static let supportedFeatures: Set<String> = ["OsmSchema-V0.6", "DenseNodes"]

    /// Checks an inflated `HeaderBlock` (starting at file offset `origin` for messages): throws
    /// `unsupportedFeature` for a required feature outside `supportedFeatures`.
    public static func checkHeader(_ bytes: UnsafeRawBufferPointer, origin: Int) throws(PBFError) {
        var header = ProtobufReader(bytes, origin: origin)
        while try header.next() {
            if header.field.number == 4 {
                try header.expect(.lengthDelimited)
                let feature = try header.string()
                guard supportedFeatures.contains(feature) else {
                    throw .unsupportedFeature(offset: origin, feature: String(feature.prefix(60)))
                }
            } else {
                try header.skip()
            }
        }
    }
}
