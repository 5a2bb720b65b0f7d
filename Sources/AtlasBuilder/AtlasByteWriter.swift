import Geo

/// An append-only byte buffer with the encodings of `AtlasFormat`.
struct AtlasByteWriter {
    /// The bytes written so far.
    var bytes: [UInt8] = []

    /// Appends an unsigned LEB128 varint.
    mutating func varint(_ value: UInt64) {
        var rest = value
        while rest >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(rest))
    }

    /// Appends a non-negative integer as a varint; negative values are written as 0.
    mutating func varint(_ value: Int) {
        varint(UInt64(max(0, value)))
    }

    /// Appends a signed integer as a zigzag varint.
    mutating func zigzag(_ value: Int64) {
        varint(UInt64(bitPattern: (value << 1) ^ (value >> 63)))
    }

    /// Appends a little-endian UInt16.
    mutating func uint16(_ value: UInt16) {
        bytes.append(UInt8(truncatingIfNeeded: value))
        bytes.append(UInt8(truncatingIfNeeded: value >> 8))
    }

    /// Appends a little-endian UInt32.
    mutating func uint32(_ value: UInt32) {
        for shift in stride(from: 0, to: 32, by: 8) {
            bytes.append(UInt8(truncatingIfNeeded: value >> UInt32(shift)))
        }
    }

    /// Appends a string as a varint byte length and its UTF-8 bytes.
    mutating func string(_ value: String) {
        varint(value.utf8.count)
        bytes.append(contentsOf: value.utf8)
    }
}
