/// A minimal protocol-buffer writer for building test inputs byte by byte (the street tests' OSM PBF frames).
public struct ProtobufBytes {
    /// The bytes written so far.
    public var bytes: [UInt8] = []

    /// An empty message.
    public init() {}

    public mutating func varint(_ value: UInt64) {
        var value = value
        while value >= 0x80 {
            bytes.append(UInt8(value & 0x7F) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }

    public mutating func key(_ field: Int, _ wireType: UInt8) { varint(UInt64(field) << 3 | UInt64(wireType)) }

    public mutating func field(_ field: Int, varint value: UInt64) {
        key(field, 0)
        varint(value)
    }

    public mutating func field(_ field: Int, signed value: Int64) {
        key(field, 0)
        varint(UInt64(bitPattern: (value << 1) ^ (value >> 63)))
    }

    public mutating func field(_ field: Int, bytes value: [UInt8]) {
        key(field, 2)
        varint(UInt64(value.count))
        bytes += value
    }

    public mutating func field(_ field: Int, string value: String) { self.field(field, bytes: Array(value.utf8)) }

    /// A frame: 4-byte big-endian header length, BlobHeader{type, datasize}, then `blob`.
    public static func frame(type: String, blob: [UInt8], declaredSize: Int? = nil) -> [UInt8] {
        var header = ProtobufBytes()
        header.field(1, string: type)
        header.field(3, varint: UInt64(declaredSize ?? blob.count))
        let length = header.bytes.count
        return [
            UInt8(length >> 24 & 0xFF), UInt8(length >> 16 & 0xFF), UInt8(length >> 8 & 0xFF), UInt8(length & 0xFF),
        ]
            + header.bytes + blob
    }

    /// A Blob holding `raw` uncompressed.
    public static func rawBlob(_ raw: [UInt8]) -> [UInt8] {
        var blob = ProtobufBytes()
        blob.field(1, bytes: raw)
        return blob.bytes
    }
}
