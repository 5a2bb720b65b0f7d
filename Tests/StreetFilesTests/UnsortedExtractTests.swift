import Foundation
import TestSupport
import Testing

@testable import StreetFiles
@testable import Streets

/// A raw (uncompressed) `.osm.pbf`: the header, then one block with a tagged way over nodes 1 and 2, then
/// one block with those nodes: ways before nodes, as an unsorted file has them.
private func unsortedExtract() -> [UInt8] {
    var header = ProtobufBytes()
    header.field(4, string: "OsmSchema-V0.6")
    header.field(4, string: "DenseNodes")
    var strings = ProtobufBytes()
    for text in ["", "highway", "primary", "name", "Mannerheimintie"] { strings.field(1, string: text) }
    var way = ProtobufBytes()
    way.field(1, varint: 7)
    var keys = ProtobufBytes()
    keys.varint(1)
    keys.varint(3)
    var values = ProtobufBytes()
    values.varint(2)
    values.varint(4)
    way.field(2, bytes: keys.bytes)
    way.field(3, bytes: values.bytes)
    var refs = ProtobufBytes()
    refs.varint(2)  // zigzag +1: node 1
    refs.varint(2)  // +1: node 2
    way.field(8, bytes: refs.bytes)
    var wayGroup = ProtobufBytes()
    wayGroup.field(3, bytes: way.bytes)
    var wayBlock = ProtobufBytes()
    wayBlock.field(1, bytes: strings.bytes)
    wayBlock.field(2, bytes: wayGroup.bytes)
    var dense = ProtobufBytes()
    var ids = ProtobufBytes()
    ids.varint(2)
    ids.varint(2)
    var lats = ProtobufBytes()  // 60.17 N, then 0.001 degrees north (granularity 100 nanodegrees)
    lats.varint(UInt64(bitPattern: (601_700_000 << 1) ^ (601_700_000 >> 63)))
    lats.varint(UInt64(bitPattern: (10_000 << 1) ^ (10_000 >> 63)))
    var lons = ProtobufBytes()
    lons.varint(UInt64(bitPattern: (249_400_000 << 1) ^ (249_400_000 >> 63)))
    lons.varint(0)
    dense.field(1, bytes: ids.bytes)
    dense.field(8, bytes: lats.bytes)
    dense.field(9, bytes: lons.bytes)
    var nodeGroup = ProtobufBytes()
    nodeGroup.field(2, bytes: dense.bytes)
    var nodeBlock = ProtobufBytes()
    nodeBlock.field(1, bytes: ProtobufBytes().bytes)
    nodeBlock.field(2, bytes: nodeGroup.bytes)
    return ProtobufBytes.frame(type: "OSMHeader", blob: ProtobufBytes.rawBlob(header.bytes))
        + ProtobufBytes.frame(type: "OSMData", blob: ProtobufBytes.rawBlob(wayBlock.bytes))
        + ProtobufBytes.frame(type: "OSMData", blob: ProtobufBytes.rawBlob(nodeBlock.bytes))
}

@Test func waysBeforeTheirNodesAreResolvedAtTheEnd() throws {
    let summary = try StreetImporter().run(Data(unsortedExtract()), source: "unsorted", now: Date())
    #expect(summary.nodes == 2)
    #expect(summary.keptWays == 1)
    #expect(summary.missingNodes == 0)
    let atlas = try StreetAtlas(bytes: Data(summary.atlas))
    var lines: [(StreetClass, String?, [Int32])] = []
    atlas.forEachLine(level: StreetAtlasLayout.levels.count - 1, in: atlas.bounds) { line in
        lines.append((line.streetClass, line.nameIndex.flatMap(atlas.name), Array(line.points)))
    }
    #expect(lines.count == 1)
    #expect(lines.first?.0 == .primary)
    #expect(lines.first?.1 == "Mannerheimintie")
    #expect(lines.first?.2 == [249_400_000, 601_700_000, 249_400_000, 601_710_000])
}
