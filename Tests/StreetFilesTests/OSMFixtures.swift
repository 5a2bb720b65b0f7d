import Foundation
import LocalFiles
import Testing

@testable import StreetFiles
@testable import Streets

/// The shared OpenStreetMap extracts, beside the checkout: `../shared/data/osm/` (CI has the same layout).
enum OSMFixtures {
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/data/osm")

    static let helsinki = folder.appendingPathComponent("Helsinki.osm.pbf").path
    static let kotka = folder.appendingPathComponent("test.osm.pbf").path

    /// True when both extracts are there; the tests that read them are skipped (and say why) otherwise, so a
    /// checkout without the shared data still tests everything else.
    static let isAvailable = [helsinki, kotka].allSatisfy { FileManager.default.fileExists(atPath: $0) }

    static func bytes(_ path: String) throws -> [UInt8] {
        try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
    }

    /// The Helsinki extract imported once per test process.
    static let helsinkiAtlas: StreetAtlas? = {
        guard let bytes = try? MappedFile.map(helsinki),
            let summary = try? StreetImporter().run(
                bytes, source: "Helsinki.osm.pbf", now: Date(timeIntervalSince1970: 0))
        else { return nil }
        return try? StreetAtlas(bytes: Data(summary.atlas))
    }()
}

/// A fresh temporary folder for XDG data, removed by the caller.
func temporaryFolder() -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("streets-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}
