/// Standard padded base64 (RFC 4648, `A-Z a-z 0-9 + /`, `=`), decoded by byte range so that the embedded atlas
/// decodes only the levels a view needs.
enum AtlasBase64 {
    private static let alphabet: [UInt8] = Array(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    /// Maps an ASCII byte to its 6-bit value; 0xFF for bytes outside the alphabet.
    private static let values: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (index, byte) in alphabet.enumerated() { table[Int(byte)] = UInt8(index) }
        return table
    }()

    /// Encodes `bytes` as padded base64 text.
    static func encode(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        var index = 0
        while index < bytes.count {
            let b0 = UInt32(bytes[index])
            let b1 = index + 1 < bytes.count ? UInt32(bytes[index + 1]) : 0
            let b2 = index + 2 < bytes.count ? UInt32(bytes[index + 2]) : 0
            let group = b0 << 16 | b1 << 8 | b2
            out.append(alphabet[Int(group >> 18 & 63)])
            out.append(alphabet[Int(group >> 12 & 63)])
            out.append(index + 1 < bytes.count ? alphabet[Int(group >> 6 & 63)] : UInt8(ascii: "="))
            out.append(index + 2 < bytes.count ? alphabet[Int(group & 63)] : UInt8(ascii: "="))
            index += 3
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The number of bytes `text` decodes to (0 when its length is not a multiple of 4).
    static func decodedCount(_ text: UnsafeBufferPointer<UInt8>) -> Int {
        guard !text.isEmpty, text.count % 4 == 0 else { return 0 }
        let padding =
            (text[text.count - 1] == UInt8(ascii: "=") ? 1 : 0) + (text[text.count - 2] == UInt8(ascii: "=") ? 1 : 0)
        return text.count / 4 * 3 - padding
    }

    /// The number of bytes the static `text` decodes to.
    static func decodedCount(_ text: StaticString) -> Int {
        text.withUTF8Buffer { decodedCount($0) }
    }

    /// Decodes the bytes at `range` of the data `text` encodes; nil when the range is outside it or the text
    /// there is not base64.
    static func decode(_ text: StaticString, bytes range: Range<Int>) -> [UInt8]? {
        text.withUTF8Buffer { decode($0, bytes: range) }
    }

    /// Decodes the bytes at `range` of the data `text` encodes; nil when the range is outside it or the text
    /// there is not base64.
    static func decode(_ text: UnsafeBufferPointer<UInt8>, bytes range: Range<Int>) -> [UInt8]? {
        let total = decodedCount(text)
        guard range.lowerBound >= 0, range.upperBound <= total else { return nil }
        if range.isEmpty { return [] }
        let firstGroup = range.lowerBound / 3
        let endGroup = (range.upperBound + 2) / 3
        let count = range.count
        var valid = true
        let result = values.withUnsafeBufferPointer { table in
            [UInt8](unsafeUninitializedCapacity: count) { out, initialized in
                var written = 0
                var group = firstGroup
                while group < endGroup {
                    let c = 4 * group
                    let v0 = UInt32(table[Int(text[c])])
                    let v1 = UInt32(table[Int(text[c + 1])])
                    // Padding decodes as zero bits; only the bytes inside `total` are kept below.
                    let v2 = text[c + 2] == UInt8(ascii: "=") ? 0 : UInt32(table[Int(text[c + 2])])
                    let v3 = text[c + 3] == UInt8(ascii: "=") ? 0 : UInt32(table[Int(text[c + 3])])
                    if (v0 | v1 | v2 | v3) > 63 {
                        valid = false
                        break
                    }
                    let bits = v0 << 18 | v1 << 12 | v2 << 6 | v3
                    let groupBytes = (
                        UInt8(truncatingIfNeeded: bits >> 16), UInt8(truncatingIfNeeded: bits >> 8),
                        UInt8(truncatingIfNeeded: bits)
                    )
                    let base = 3 * group
                    if base >= range.lowerBound && base + 3 <= range.upperBound {
                        out[written] = groupBytes.0
                        out[written + 1] = groupBytes.1
                        out[written + 2] = groupBytes.2
                        written += 3
                    } else {
                        for (offset, byte) in [groupBytes.0, groupBytes.1, groupBytes.2].enumerated()
                        where range.contains(base + offset) {
                            out[written] = byte
                            written += 1
                        }
                    }
                    group += 1
                }
                initialized = written
            }
        }
        return valid && result.count == count ? result : nil
    }
}
