import Foundation
import Testing

@testable import StreetFiles
@testable import Streets

private func importError(_ bytes: [UInt8]) -> PBFError? {
    do throws(PBFError) {
        _ = try StreetImporter().run(Data(bytes), source: "x", now: Date())
        return nil
    } catch {
        return error
    }
}

/// The offset of the `index`-th frame and the frame's end, walking the real file's framing.
private func frames(_ bytes: [UInt8]) -> [(offset: Int, end: Int, blobOffset: Int)] {
    bytes.withUnsafeBytes { raw in
        var framer = PBFFramer(raw)
        var result: [(Int, Int, Int)] = []
        while let frame = try? framer.next() { result.append((frame.offset, frame.end, frame.blobOffset)) }
        return result
    }
}

@Test(.enabled(if: OSMFixtures.isAvailable, "needs ../shared/data/osm beside the checkout"))
func importsHelsinkiWithEveryNodeAndWay() throws {
    let bytes = try MappedFile.map(OSMFixtures.helsinki)
    let summary = try StreetImporter().run(bytes, source: "Helsinki.osm.pbf", now: Date(timeIntervalSince1970: 0))
    #expect(summary.nodes == 24_260)
    #expect(summary.ways == 5_130)
    let atlas = try StreetAtlas(bytes: Data(summary.atlas))
    #expect(atlas.metadata["imported"] == "1970-01-01T00:00:00Z")
    var names = Set<String>()
    var classes = Set<StreetClass>()
    atlas.forEachLine(level: StreetAtlasLayout.levels.count - 1, in: atlas.bounds) { line in
        classes.insert(line.streetClass)
        if let index = line.nameIndex, let name = atlas.name(index) { names.insert(name) }
    }
    for street in ["Mannerheimintie", "Pohjoisesplanadi", "Fabianinkatu", "Unioninkatu", "Bulevardi"] {
        #expect(names.contains(street), "\(street)")
    }
    #expect(classes.isSuperset(of: [.primary, .secondary, .tertiary, .residential, .service, .footway, .building]))
    #expect(summary.atlas.count <= bytes.count)
}

@Test(.enabled(if: OSMFixtures.isAvailable, "needs ../shared/data/osm beside the checkout")) func importsKotkaMotorway()
    throws
{
    let summary = try StreetImporter().run(try MappedFile.map(OSMFixtures.kotka), source: "test.osm.pbf", now: Date())
    #expect(summary.nodes == 14_222)
    #expect(summary.ways == 2_653)
    let atlas = try StreetAtlas(bytes: Data(summary.atlas))
    var motorways = 0
    var buildings = 0
    atlas.forEachLine(level: StreetAtlasLayout.levels.count - 1, in: atlas.bounds) { line in
        if line.streetClass == .motorway { motorways += 1 }
        if line.streetClass == .building { buildings += 1 }
    }
    #expect(motorways > 0)
    #expect(buildings >= 2_000)
}

@Test(.enabled(if: OSMFixtures.isAvailable, "needs ../shared/data/osm beside the checkout"))
func englishNamesWinWithLang() throws {
    let bytes = try MappedFile.map(OSMFixtures.helsinki)
    let english = try StreetAtlas(
        bytes: Data(StreetImporter(language: "en").run(bytes, source: "h", now: Date()).atlas))
    let local = try StreetAtlas(bytes: Data(StreetImporter().run(bytes, source: "h", now: Date()).atlas))
    let englishNames = Set((0..<english.nameCount).compactMap { english.name(Int32($0)) })
    let localNames = Set((0..<local.nameCount).compactMap { local.name(Int32($0)) })
    #expect(englishNames != localNames)
    #expect(localNames.contains("Mannerheimintie"))
}

@Test(.enabled(if: OSMFixtures.isAvailable, "needs ../shared/data/osm beside the checkout"))
func truncatedFileFailsWithTheOffset() throws {
    let bytes = try OSMFixtures.bytes(OSMFixtures.helsinki)
    let cut = bytes.count / 2
    guard case .truncated(let offset, _)? = importError(Array(bytes.prefix(cut))) else {
        Issue.record("expected truncated")
        return
    }
    #expect(offset <= cut)
    #expect(offset > 0)
}

@Test(.enabled(if: OSMFixtures.isAvailable, "needs ../shared/data/osm beside the checkout"))
func corruptCompressedBlockFailsWithItsFrameOffset() throws {
    var bytes = try OSMFixtures.bytes(OSMFixtures.helsinki)
    let frame = frames(bytes)[2]
    // Overwrite the middle of the compressed data: zlib's checksum or its decoder notices.
    let middle = (frame.blobOffset + frame.end) / 2
    for index in middle..<middle + 64 { bytes[index] ^= 0x5A }
    guard case .corrupt(let offset, let detail)? = importError(bytes) else {
        Issue.record("expected corrupt")
        return
    }
    #expect(offset == frame.offset)
    #expect(detail.contains("zlib") || detail.contains("byte"))
}

@Test func otherFilesAreNotPBF() throws {
    #expect(importError(Array("<?xml version='1.0'?>\n<osm version='0.6'>".utf8))?.exit.code == 65)
    #expect(
        importError([0x1F, 0x8B, 0x08, 0x00, 0, 0, 0, 0])
            == .notPBF(offset: 0, detail: "no blob header at the start of the file"))
}

@Test(.enabled(if: OSMFixtures.isAvailable, "needs ../shared/data/osm beside the checkout"))
func unknownCompressionAndOversizedBlobsFailAfterTheHeader() throws {
    let bytes = try OSMFixtures.bytes(OSMFixtures.helsinki)
    let header = Array(bytes.prefix(frames(bytes)[0].end))
    var zstd: [UInt8] = [0x10, 0x0A, 0x3A, 0x03, 1, 2, 3]  // raw_size 10, zstd_data (field 7)
    let zstdFrame = frame(type: "OSMData", blob: zstd)
    #expect(importError(header + zstdFrame) == .unsupportedCompression(offset: header.count, method: "zstd"))
    zstd[2] = 0x22  // lzma_data (field 4)
    #expect(
        importError(header + frame(type: "OSMData", blob: zstd))
            == .unsupportedCompression(offset: header.count, method: "lzma"))
    let oversized = frame(type: "OSMData", blob: [], declaredSize: (32 << 20) + 1)
    #expect(
        importError(header + oversized) == .blobTooLarge(offset: header.count, size: (32 << 20) + 1, limit: 32 << 20))
}

@Test func missingAndUnreadableFilesAreIOErrors() {
    #expect(throws: PBFError.missing(path: "/nonexistent/x.osm.pbf")) { try MappedFile.map("/nonexistent/x.osm.pbf") }
    #expect(throws: PBFError.unreadable(path: "/tmp", reason: "not a regular file")) { try MappedFile.map("/tmp") }
}

private func frame(type: String, blob: [UInt8], declaredSize: Int? = nil) -> [UInt8] {
    var header: [UInt8] = [0x0A, UInt8(type.utf8.count)] + Array(type.utf8) + [0x18]
    var size = UInt64(declaredSize ?? blob.count)
    while size >= 0x80 {
        header.append(UInt8(size & 0x7F) | 0x80)
        size >>= 7
    }
    header.append(UInt8(size))
    let length = header.count
    return [0, 0, UInt8(length >> 8), UInt8(length & 0xFF)] + header + blob
}
