/// The wire types of protocol buffers that OpenStreetMap PBF files use.
public enum WireType: UInt8, Sendable {
    case varint = 0
    case fixed64 = 1
    case lengthDelimited = 2
    case fixed32 = 5
}

/// A zero-copy protocol-buffer reader over bytes someone else owns (a memory-mapped file, an inflated
/// blob), in the manner of libosmium's protozero: fields are read in order, nested messages and packed
/// arrays come back as sub-readers over the same bytes, and nothing is allocated.
///
/// Every read checks its bounds: malformed data throws `PBFError.corrupt` (or `.truncated` at the end)
/// with the byte offset `origin + position`, never reads outside the bytes.
public struct ProtobufReader {
    /// The bytes read; valid only while their owner keeps them.
    public let bytes: UnsafeRawBufferPointer
    /// The next byte to read, from the start of `bytes`.
    public private(set) var position: Int
    /// Where `bytes` starts in the file, for error messages.
    public let origin: Int
    /// The field number and wire type read last by `next()`.
    public private(set) var field: (number: Int, wireType: WireType) = (0, .varint)

    /// A reader over `bytes`, which start at byte `origin` of the file.
    public init(_ bytes: UnsafeRawBufferPointer, origin: Int = 0) {
        self.bytes = bytes
        self.origin = origin
        position = 0
    }

    /// True when every byte has been read.
    public var isAtEnd: Bool { position >= bytes.count }

    /// The file offset of the next byte.
    public var offset: Int { origin + position }

    /// Reads the next field's key; false at the end of the message.
    public mutating func next() throws(PBFError) -> Bool {
        guard position < bytes.count else { return false }
        let keyOffset = offset
        let key = try varint()
        guard let wireType = WireType(rawValue: UInt8(key & 7)), key >> 3 > 0 else {
            throw .corrupt(offset: keyOffset, detail: "invalid field key \(key)")
        }
        field = (Int(truncatingIfNeeded: key >> 3), wireType)
        return true
    }

    /// Reads a base-128 varint.
    @inline(__always)
    public mutating func varint() throws(PBFError) -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        let count = bytes.count
        while position < count {
            let byte = bytes[position]
            position &+= 1
            result |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return result }
            shift += 7
            if shift > 63 { throw .corrupt(offset: offset, detail: "varint longer than 10 bytes") }
        }
        throw .truncated(offset: offset, detail: "a varint runs past the end of its message")
    }

    /// Reads a zigzag-encoded signed varint (`sint32`, `sint64`).
    @inline(__always)
    public mutating func signedVarint() throws(PBFError) -> Int64 {
        let raw = try varint()
        return Int64(bitPattern: (raw >> 1) ^ (0 &- (raw & 1)))
    }

    /// Reads a length-delimited field's bytes without copying them.
    public mutating func lengthDelimited() throws(PBFError) -> UnsafeRawBufferPointer {
        let start = offset
        let length = try varint()
        guard length <= UInt64(bytes.count - position) else {
            throw .truncated(offset: start, detail: "a field of \(length) bytes runs past the end of its message")
        }
        let slice = UnsafeRawBufferPointer(rebasing: bytes[position..<position + Int(length)])
        position += Int(length)
        return slice
    }

    /// Reads a length-delimited field as a reader over its bytes (a nested message or a packed array).
    public mutating func message() throws(PBFError) -> ProtobufReader {
        let slice = try lengthDelimited()
        return ProtobufReader(slice, origin: offset - slice.count)
    }

    /// Reads a length-delimited field as a UTF-8 string (invalid sequences repaired).
    public mutating func string() throws(PBFError) -> String {
        String(decoding: try lengthDelimited(), as: UTF8.self)
    }

    /// Skips the current field's value, whatever its wire type.
    public mutating func skip() throws(PBFError) {
        switch field.wireType {
        case .varint: _ = try varint()
        case .fixed64: try advance(by: 8)
        case .fixed32: try advance(by: 4)
        case .lengthDelimited: _ = try lengthDelimited()
        }
    }

    private mutating func advance(by count: Int) throws(PBFError) {
        guard bytes.count - position >= count else {
            throw .truncated(offset: offset, detail: "a fixed-size field runs past the end of its message")
        }
        position += count
    }

    /// Calls `body` with each varint of a packed field's bytes.
    public mutating func forEachPackedVarint(_ body: (UInt64) -> Void) throws(PBFError) {
        var packed = try message()
        while !packed.isAtEnd { body(try packed.varint()) }
    }

    /// Throws unless the current field has `wireType`: a field of the right number but the wrong type is
    /// corrupt data, not something to guess about.
    public func expect(_ wireType: WireType) throws(PBFError) {
        guard field.wireType == wireType else {
            throw .corrupt(offset: offset, detail: "field \(field.number) has wire type \(field.wireType.rawValue)")
        }
    }
}
