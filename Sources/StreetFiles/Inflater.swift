import CZlib
import Streets

/// zlib (RFC 1950) decompression of PBF blobs into a buffer reused from blob to blob.
struct Inflater {
    private(set) var buffer: [UInt8] = []

    /// Inflates `compressed` (the blob of the frame at `offset`), which must yield exactly `rawSize` bytes,
    /// and calls `body` with them.
    mutating func inflate<Value>(
        _ compressed: UnsafeRawBufferPointer, rawSize: Int, offset: Int,
        _ body: (UnsafeRawBufferPointer) throws(PBFError) -> Value
    ) throws(PBFError) -> Value {
        if buffer.count < rawSize + 1 { buffer = [UInt8](repeating: 0, count: rawSize + 1) }
        var stream = z_stream()
        guard inflateInit_(&stream, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw .corrupt(offset: offset, detail: "zlib could not start")
        }
        defer { inflateEnd(&stream) }
        let status = buffer.withUnsafeMutableBytes { output -> Int32 in
            stream.next_in = UnsafeMutablePointer(mutating: compressed.baseAddress?.assumingMemoryBound(to: Bytef.self))
            stream.avail_in = uInt(compressed.count)
            stream.next_out = output.baseAddress?.assumingMemoryBound(to: Bytef.self)
            // One byte more than promised, to notice a blob that inflates to more than its raw size.
            stream.avail_out = uInt(rawSize + 1)
            return CZlib.inflate(&stream, Z_FINISH)
        }
        let produced = Int(stream.total_out)
        guard status == Z_STREAM_END else {
            if status == Z_BUF_ERROR && produced > rawSize {
                throw .corrupt(offset: offset, detail: "the blob inflates to more than its raw size \(rawSize)")
            }
            let reason = stream.msg.map { String(cString: $0) } ?? "zlib status \(status)"
            let cut = status == Z_BUF_ERROR ? "compressed data ends early" : reason
            throw .corrupt(offset: offset, detail: "zlib: \(cut)")
        }
        guard produced == rawSize else {
            throw .corrupt(offset: offset, detail: "the blob inflates to \(produced) bytes, not \(rawSize)")
        }
        let result = buffer.withUnsafeBytes { bytes in
            Result { () throws(PBFError) in try body(UnsafeRawBufferPointer(rebasing: bytes[0..<rawSize])) }
        }
        return try result.get()
    }
}
