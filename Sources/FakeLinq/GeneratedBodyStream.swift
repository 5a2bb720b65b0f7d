import FlyingSocks
import Foundation

/// The bytes of a `Scenario.GeneratedBody`, produced chunk by chunk as FlyingFox writes them, so a 50 MB or
/// endless body costs a few kilobytes of memory.
struct GeneratedBodyStream: AsyncBufferedSequence {
    /// Bytes.
    typealias Element = UInt8

    /// What to generate.
    let body: Scenario.GeneratedBody

    /// The exact byte count, or nil for the endless body.
    var count: Int? {
        switch body {
        case .exactSize(let bytes): return Swift.max(bytes, Self.minimumSize)
        case .endless: return nil
        }
    }

    /// The envelope up to the opening bracket of `features`.
    static let prefix = Array(#"{"success":true,"data":{"type":"FeatureCollection","features":["#.utf8)
    /// What closes the envelope after the last feature.
    static let suffix = Array("]}}".utf8)
    /// The smallest exact size: the empty envelope.
    static var minimumSize: Int { prefix.count + suffix.count }

    /// Feature `index` as fixed-width JSON, so sizes add up exactly. Built without `String(format:)`, which is
    /// slow enough on Linux to throttle a 50 MB body.
    static func feature(_ index: Int) -> [UInt8] {
        let digits = String(index % 10_000_000_000)
        let handle = "+1555" + String(repeating: "0", count: 10 - digits.count) + digits
        let longitude = fixed(tenThousandths: (index % 3600) * 1000 - 1_799_500, width: 9)
        let latitude = fixed(tenThousandths: (index % 1700) * 1000 - 849_500, width: 8)
        return Array(
            (#"{"type":"Feature","geometry":{"type":"Point","coordinates":["# + longitude + "," + latitude
                + #"]},"properties":{"handle":""# + handle + #"","updated_at":null}}"#).utf8)
    }

    /// `value / 10_000` with four decimals, left-padded with spaces (JSON whitespace) to `width`.
    static func fixed(tenThousandths value: Int, width: Int) -> String {
        let magnitude = abs(value)
        let fraction = String(magnitude % 10_000)
        let text =
            (value < 0 ? "-" : "") + String(magnitude / 10_000) + "."
            + String(repeating: "0", count: 4 - fraction.count) + fraction
        return String(repeating: " ", count: Swift.max(0, width - text.count)) + text
    }

    /// A fresh iterator from the first byte.
    func makeAsyncIterator() -> Iterator {
        Iterator(body: body, total: count)
    }

    /// Produces the body chunk by chunk.
    struct Iterator: AsyncBufferedIteratorProtocol {
        /// A run of bytes.
        typealias Buffer = [UInt8]

        /// What to generate.
        let body: Scenario.GeneratedBody
        /// Bytes still to send when the size is exact.
        var remaining: Int?
        /// The index of the next feature to write.
        var nextFeature = 0
        /// The current chunk, handed out from `offset`.
        var pending: [UInt8] = []
        /// How much of `pending` was handed out.
        var offset = 0
        /// Whether the envelope's opening was produced.
        var didSendPrefix = false

        /// Starts before the first byte; `total` nil means endless.
        init(body: Scenario.GeneratedBody, total: Int?) {
            self.body = body
            self.remaining = total
        }

        /// One byte (FlyingFox reads buffers; this is for `AsyncIteratorProtocol`).
        mutating func next() async throws -> UInt8? {
            try await nextBuffer(suggested: 1)?.first
        }

        /// Up to `count` bytes (at least one), nil at the end; throws when the task is cancelled.
        mutating func nextBuffer(suggested count: Int) async throws -> [UInt8]? {
            try Task.checkCancellation()
            if offset >= pending.count {
                guard let chunk = produce(), !chunk.isEmpty else { return nil }
                pending = chunk
                offset = 0
            }
            let end = Swift.min(pending.count, offset + Swift.max(1, count))
            let out = Array(pending[offset..<end])
            offset = end
            return out
        }

        /// The next chunk (about 16 KiB), or nil at the end.
        private mutating func produce() -> [UInt8]? {
            if !didSendPrefix {
                didSendPrefix = true
                remaining = remaining.map { $0 - GeneratedBodyStream.prefix.count }
                return GeneratedBodyStream.prefix
            }
            guard let left = remaining else {
                return features(limit: Int.max)
            }
            if left <= 0 { return nil }
            let suffix = GeneratedBodyStream.suffix.count
            var chunk = features(limit: left - suffix)
            if chunk.isEmpty {
                // No room for another feature: pad with spaces, then close the envelope.
                let padding = Swift.min(left - suffix, 16_384)
                chunk = padding > 0 ? Array(repeating: UInt8(ascii: " "), count: padding) : GeneratedBodyStream.suffix
            }
            remaining = left - chunk.count
            return chunk
        }

        /// Whole features (comma-separated, continuing the array) up to about 16 KiB and at most `limit` bytes.
        private mutating func features(limit: Int) -> [UInt8] {
            var chunk: [UInt8] = []
            while chunk.count < 16_384 {
                var next = GeneratedBodyStream.feature(nextFeature)
                if nextFeature > 0 {
                    next.insert(UInt8(ascii: ","), at: 0)
                }
                guard chunk.count + next.count <= limit else { break }
                chunk += next
                nextFeature += 1
            }
            return chunk
        }
    }
}
