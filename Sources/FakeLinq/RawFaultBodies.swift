import Foundation

/// Byte-exact bodies for `RawFaultServer`: compression bombs and chunked framing.
enum RawFaultBodies {
    /// The start of a DEFLATE stream (RFC 1951) that inflates to zeros without end: one fixed-Huffman block,
    /// never closed, holding a literal 0 and then copies of 258 bytes at distance 1. Exactly 3 bytes: the block
    /// header (3 bits), the literal (8 bits) and one copy (13 bits).
    static let deflatePrefix: [UInt8] = {
        var writer = BitWriter()
        writer.bits(0, count: 1)  // BFINAL 0: never the last block
        writer.bits(1, count: 2)  // BTYPE 01: fixed Huffman codes
        writer.code(0x30, length: 8)  // literal 0: codes 0-143 are 0x30 + value, 8 bits
        writer.copyOf258AtDistance1()
        return writer.bytes
    }()

    /// Eight more copies of 258 zero bytes: 104 bits, 13 whole bytes, so the stream can repeat it forever.
    /// Each 13 bytes inflate to 2,064: a ratio of about 159.
    static let deflateRepeat: [UInt8] = {
        var writer = BitWriter()
        for _ in 0..<8 { writer.copyOf258AtDistance1() }
        return writer.bytes
    }()

    /// A gzip member header (RFC 1952): no name, no time, unknown OS.
    static let gzipHeader: [UInt8] = [0x1F, 0x8B, 0x08, 0x00, 0, 0, 0, 0, 0x00, 0xFF]
    /// A zlib header (RFC 1950), what HTTP's `deflate` coding wraps its stream in: 32 KiB window, default level.
    static let zlibHeader: [UInt8] = [0x78, 0x9C]

    /// `bytes` as one chunk of the chunked transfer coding: size in hex, CRLF, data, CRLF.
    static func chunk(_ bytes: [UInt8]) -> [UInt8] {
        Array(String(bytes.count, radix: 16).utf8) + [13, 10] + bytes + [13, 10]
    }

    /// Packs bits as DEFLATE does: values least significant bit first, Huffman codes most significant bit
    /// first.
    private struct BitWriter {
        var bytes: [UInt8] = []
        private var bitCount = 0

        mutating func bits(_ value: UInt32, count: Int) {
            for index in 0..<count { put(bit: (value >> UInt32(index)) & 1) }
        }

        mutating func code(_ code: UInt32, length: Int) {
            for index in stride(from: length - 1, through: 0, by: -1) { put(bit: (code >> UInt32(index)) & 1) }
        }

        /// Length code 285 (258 bytes, no extra bits: fixed code 0xC5, 8 bits), distance code 0 (1 byte, 5 bits).
        mutating func copyOf258AtDistance1() {
            code(0xC5, length: 8)
            code(0, length: 5)
        }

        private mutating func put(bit: UInt32) {
            if bitCount % 8 == 0 { bytes.append(0) }
            bytes[bytes.count - 1] |= UInt8(bit) << UInt8(bitCount % 8)
            bitCount += 1
        }
    }
}
