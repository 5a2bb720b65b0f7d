import Foundation
import Testing

@testable import Geo

/// The package directory, from this file's path.
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

@Test func embeddedBase64IsExactlyTheAsset() throws {
    let asset = try [UInt8](Data(contentsOf: packageRoot.appendingPathComponent("assets/atlas.bin")))
    let count = AtlasBase64.decodedCount(embeddedAtlasBase64)
    #expect(count == asset.count)
    #expect(AtlasBase64.decode(embeddedAtlasBase64, bytes: 0..<count) == asset)
    #expect(Atlas.embedded.byteCount == asset.count)
}

@Test func assetDecodesLikeTheEmbeddedAtlas() throws {
    let asset = try [UInt8](Data(contentsOf: packageRoot.appendingPathComponent("assets/atlas.bin")))
    let atlas = try Atlas(data: asset)
    for level in DetailLevel.allCases {
        #expect(atlas.encodedSection(level) == Atlas.embedded.encodedSection(level))
        #expect(atlas.places(level: level, in: .world) == Atlas.embedded.places(level: level, in: .world))
    }
}
