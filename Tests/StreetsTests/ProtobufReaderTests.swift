import TestSupport
import Testing

@testable import Streets

@Test func readsVarintsZigzagAndNestedMessagesWithoutCopying() throws {
    var writer = ProtobufBytes()
    writer.field(1, varint: 300)
    writer.field(2, signed: -3)
    var nested = ProtobufBytes()
    nested.field(5, string: "highway")
    writer.field(3, bytes: nested.bytes)
    try writer.bytes.withUnsafeBytes { bytes in
        var reader = ProtobufReader(bytes, origin: 100)
        #expect(try reader.next())
        #expect(reader.field.number == 1)
        #expect(try reader.varint() == 300)
        #expect(try reader.next())
        #expect(try reader.signedVarint() == -3)
        #expect(try reader.next())
        var inner = try reader.message()
        #expect(inner.origin == 100 + writer.bytes.count - nested.bytes.count)
        #expect(try inner.next())
        #expect(try inner.string() == "highway")
        #expect(try !reader.next())
    }
}

@Test func fieldRunningPastItsMessageIsTruncatedWithOffset() {
    let bytes: [UInt8] = [0x0A, 0x10, 0x41]  // field 1, 16 bytes announced, one present
    bytes.withUnsafeBytes { raw in
        var reader = ProtobufReader(raw, origin: 50)
        #expect(throws: PBFError.truncated(offset: 51, detail: "a field of 16 bytes runs past the end of its message"))
        {
            _ = try reader.next()
            _ = try reader.lengthDelimited()
        }
    }
}

@Test func overlongVarintIsCorrupt() {
    let bytes = [UInt8](repeating: 0xFF, count: 12)
    bytes.withUnsafeBytes { raw in
        var reader = ProtobufReader(raw)
        #expect(throws: PBFError.self) { _ = try reader.varint() }
    }
}

@Test func unknownWireTypeIsCorrupt() {
    let bytes: [UInt8] = [0x0B]  // field 1, wire type 3 (groups: not used by PBF)
    bytes.withUnsafeBytes { raw in
        var reader = ProtobufReader(raw, origin: 7)
        #expect(throws: PBFError.corrupt(offset: 7, detail: "invalid field key 11")) { _ = try reader.next() }
    }
}
