import Foundation
import Testing

@testable import Geo

@Test(arguments: [0, 1, 2, 3, 4, 5, 100, 1001])
func base64MatchesFoundation(count: Int) {
    var generator = SystemRandomNumberGenerator()
    let bytes = (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
    let text = AtlasBase64.encode(bytes)
    #expect(text == Data(bytes).base64EncodedString())
    Array(text.utf8).withUnsafeBufferPointer { buffer in
        #expect(AtlasBase64.decodedCount(buffer) == count)
        #expect(AtlasBase64.decode(buffer, bytes: 0..<count) == bytes)
    }
}

@Test func everyByteRangeDecodes() {
    let bytes: [UInt8] = Array(0..<11).map { UInt8($0 * 23 + 7) }
    Array(AtlasBase64.encode(bytes).utf8).withUnsafeBufferPointer { buffer in
        for start in 0...bytes.count {
            for end in start...bytes.count {
                #expect(AtlasBase64.decode(buffer, bytes: start..<end) == Array(bytes[start..<end]))
            }
        }
        #expect(AtlasBase64.decode(buffer, bytes: 0..<12) == nil)
    }
}

@Test func invalidBase64IsRejected() {
    Array("AB*D".utf8).withUnsafeBufferPointer { buffer in
        #expect(AtlasBase64.decode(buffer, bytes: 0..<3) == nil)
    }
    Array("ABC".utf8).withUnsafeBufferPointer { buffer in
        #expect(AtlasBase64.decodedCount(buffer) == 0)
    }
}
