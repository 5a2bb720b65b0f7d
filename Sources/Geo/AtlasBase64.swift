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
        let lastGroup = text.count / 4 - 1
        var valid = true
        // Whole groups are decoded in a tight loop, then the bytes outside `range` are trimmed.
        var result = values.withUnsafeBufferPointer { table in
            [UInt8](unsafeUninitializedCapacity: (endGroup - firstGroup) * 3) { out, initialized in
                var written = 0
                var bad: UInt32 = 0
                for group in firstGroup..<endGroup {
                    let c = 4 &* group
                    let v0 = UInt32(table[Int(text[c])])
                    let v1 = UInt32(table[Int(text[c &+ 1])])
                    var v2 = UInt32(table[Int(text[c &+ 2])])
                    var v3 = UInt32(table[Int(text[c &+ 3])])
                    if group == lastGroup {
                        // Padding decodes as zero bits; only the bytes inside `total` are kept.
                        if text[c &+ 2] == UInt8(ascii: "=") { v2 = 0 }
                        if text[c &+ 3] == UInt8(ascii: "=") { v3 = 0 }
                    }
                    bad |= v0 | v1 | v2 | v3
                    let bits = v0 << 18 | v1 << 12 | v2 << 6 | v3
                    out[written] = UInt8(truncatingIfNeeded: bits >> 16)
                    out[written &+ 1] = UInt8(truncatingIfNeeded: bits >> 8)
                    out[written &+ 2] = UInt8(truncatingIfNeeded: bits)
                    written &+= 3
                }
                valid = bad <= 63
                initialized = written
            }
        }
        let trailing = endGroup * 3 - range.upperBound
        if trailing > 0 { result.removeLast(trailing) }
        let leading = range.lowerBound - firstGroup * 3
        if leading > 0 { result.removeFirst(leading) }
        let count = range.count
        return valid && result.count == count ? result : nil
    }
}
