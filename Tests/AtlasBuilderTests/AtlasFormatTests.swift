import Testing

@testable import AtlasBuilder
@testable import Geo

@Test(arguments: [Int64(0), 1, -1, 63, -64, 64, 1 << 20, -(1 << 31), Int64.max, Int64.min])
func zigzagVarintsRoundTrip(value: Int64) throws {
    var writer = AtlasByteWriter()
    writer.zigzag(value)
    writer.varint(UInt64(bitPattern: value))
    try writer.bytes.withUnsafeBufferPointer { buffer throws in
        var reader = AtlasByteReader(buffer, range: 0..<buffer.count)
        #expect(try reader.zigzag() == value)
        #expect(try reader.varint() == UInt64(bitPattern: value))
        #expect(reader.remaining == 0)
    }
}

@Test func smallDeltasTakeOneByte() {
    var writer = AtlasByteWriter()
    writer.zigzag(-64)
    writer.zigzag(63)
    #expect(writer.bytes == [127, 126])
}

@Test func truncatedAndOverlongVarintsThrow() {
    for bytes: [UInt8] in [[0x80], [0xFF, 0xFF], [UInt8](repeating: 0xFF, count: 11)] {
        bytes.withUnsafeBufferPointer { buffer in
            var reader = AtlasByteReader(buffer, range: 0..<buffer.count)
            #expect(throws: AtlasError.self) { try reader.varint() }
        }
    }
}

@Test func stringsAndFixedWidthIntegersRoundTrip() throws {
    var writer = AtlasByteWriter()
    writer.string("São Paulo")
    writer.uint16(0xBEEF)
    writer.uint32(0xDEAD_BEEF)
    try writer.bytes.withUnsafeBufferPointer { buffer throws in
        var reader = AtlasByteReader(buffer, range: 0..<buffer.count)
        #expect(try reader.string() == "São Paulo")
        #expect(try reader.uint16() == 0xBEEF)
        #expect(try reader.uint32() == 0xDEAD_BEEF)
        #expect(throws: AtlasError.self) { try reader.uint16() }
    }
}

@Test func countsAboveTheirLimitThrow() {
    var writer = AtlasByteWriter()
    writer.varint(1000)
    writer.bytes.withUnsafeBufferPointer { buffer in
        var reader = AtlasByteReader(buffer, range: 0..<buffer.count)
        #expect(throws: AtlasError.self) { try reader.count(atMost: 999, "test") }
    }
}
