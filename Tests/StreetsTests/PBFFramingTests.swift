import TestSupport
import Testing

@testable import Streets

private func firstError(_ bytes: [UInt8]) -> PBFError? {
    bytes.withUnsafeBytes { raw in
        var framer = PBFFramer(raw)
        do throws(PBFError) {
            while let frame = try framer.next() { _ = try PBFFramer.payload(of: frame) }
            return nil
        } catch {
            return error
        }
    }
}

private let header = ProtobufBytes.frame(type: "OSMHeader", blob: ProtobufBytes.rawBlob([]))

@Test func textFileIsNotPBF() {
    #expect(
        firstError(Array("<?xml version='1.0'?><osm>".utf8))
            == .notPBF(offset: 0, detail: "no blob header at the start of the file"))
    #expect(firstError([]) == .notPBF(offset: 0, detail: "the file is empty"))
}

@Test func firstBlobMustBeTheHeader() {
    let data = ProtobufBytes.frame(type: "OSMData", blob: ProtobufBytes.rawBlob([]))
    #expect(firstError(data) == .notPBF(offset: 0, detail: "the first blob is 'OSMData', not 'OSMHeader'"))
}

@Test func blobOver32MiBIsRejectedWithItsOffset() {
    let big = ProtobufBytes.frame(type: "OSMData", blob: [], declaredSize: 33 * 1024 * 1024)
    #expect(firstError(header + big) == .blobTooLarge(offset: header.count, size: 33 * 1024 * 1024, limit: 32 << 20))
}

@Test func rawSizeOver32MiBIsRejected() {
    var blob = ProtobufBytes()
    blob.field(2, varint: 40 << 20)
    blob.field(3, bytes: [0x78, 0x9C])
    #expect(
        firstError(header + ProtobufBytes.frame(type: "OSMData", blob: blob.bytes))
            == .blobTooLarge(offset: header.count, size: 40 << 20, limit: 32 << 20))
}

@Test(arguments: [(4, "lzma"), (5, "bzip2"), (6, "lz4"), (7, "zstd")])
func unknownCompressionNamesTheMethod(field: Int, method: String) {
    var blob = ProtobufBytes()
    blob.field(2, varint: 10)
    blob.field(field, bytes: [1, 2, 3])
    #expect(
        firstError(header + ProtobufBytes.frame(type: "OSMData", blob: blob.bytes))
            == .unsupportedCompression(offset: header.count, method: method))
}

@Test func fileCutInsideABlobIsTruncated() {
    let data = ProtobufBytes.frame(type: "OSMData", blob: ProtobufBytes.rawBlob(Array(repeating: 7, count: 100)))
    let cut = Array((header + data).dropLast(30))
    guard case .truncated(let offset, _)? = firstError(cut) else {
        Issue.record("expected truncated")
        return
    }
    #expect(offset > header.count)
    #expect(
        firstError(Array(header.prefix(2)))
            == .truncated(offset: 0, detail: "the file ends inside a blob's length prefix"))
}

@Test func unsupportedRequiredFeatureIsNamed() {
    var block = ProtobufBytes()
    block.field(4, string: "OsmSchema-V0.6")
    block.field(4, string: "HistoricalInformation")
    block.bytes.withUnsafeBytes { raw in
        #expect(throws: PBFError.unsupportedFeature(offset: 9, feature: "HistoricalInformation")) {
            try PBFFramer.checkHeader(raw, origin: 9)
        }
    }
}

@Test func everyErrorSaysWhereAndMapsToSysexits() {
    #expect(PBFError.truncated(offset: 12, detail: "x").message.contains("byte 12"))
    #expect(PBFError.corrupt(offset: 1, detail: "x").exit.code == 65)
    #expect(PBFError.unreadable(path: "/x", reason: "Is a directory").exit.code == 74)
    #expect(PBFError.missing(path: "/x").exit.code == 66)
}
