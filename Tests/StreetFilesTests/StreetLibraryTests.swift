import Foundation
import LocalFiles
import Testing

@testable import StreetFiles
@testable import Streets

@Test(.enabled(if: OSMFixtures.isAvailable, "needs ../shared/data/osm beside the checkout"))
func savedAreaIsPrivateListedAndRemovable() throws {
    let root = temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    let directories = XDGDirectories(environment: ["XDG_DATA_HOME": root.path])
    let library = StreetLibrary(directories: directories)
    let summary = try StreetImporter().run(try MappedFile.map(OSMFixtures.kotka), source: "test.osm.pbf", now: Date())
    try library.save(summary.atlas, name: "kotka")
    let areas = StreetLibrary.areas(in: library.folder)
    #expect(areas.map(\.name) == ["kotka"])
    let attributes = try FileManager.default.attributesOfItem(
        atPath: library.folder.appendingPathComponent("kotka").path)
    #expect((attributes[.posixPermissions] as? Int) == 0o600)
    #expect(StreetLibrary(directories: directories).atlases.count == 1)
    #expect(try library.remove(name: "kotka"))
    #expect(try !library.remove(name: "kotka"))
    #expect(StreetLibrary.areas(in: library.folder).isEmpty)
}

@Test(.enabled(if: OSMFixtures.isAvailable, "needs ../shared/data/osm beside the checkout"))
func importingAnExistingNameReplacesItAtomically() throws {
    let root = temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    let library = StreetLibrary(directories: XDGDirectories(environment: ["XDG_DATA_HOME": root.path]))
    let kotka = try StreetImporter().run(try MappedFile.map(OSMFixtures.kotka), source: "test.osm.pbf", now: Date())
    let helsinki = try StreetImporter().run(
        try MappedFile.map(OSMFixtures.helsinki), source: "Helsinki.osm.pbf", now: Date())
    try library.save(kotka.atlas, name: "area")
    // A reader holding the old mapping keeps reading the old bytes while the name is replaced.
    let old = try StreetAtlas(bytes: MappedFile.map(library.folder.appendingPathComponent("area").path))
    try library.save(helsinki.atlas, name: "area")
    #expect(old.metadata["source"] == "test.osm.pbf")
    let areas = StreetLibrary.areas(in: library.folder)
    #expect(areas.count == 1)
    #expect((try areas[0].atlas.get()).metadata["source"] == "Helsinki.osm.pbf")
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: library.folder.path)
    #expect(leftovers == ["area"])
}

@Test func failedWriteLeavesNothingBehind() throws {
    let root = temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    // A data folder under a regular file cannot be created, even as root.
    let blocker = root.appendingPathComponent("file")
    try Data("x".utf8).write(to: blocker)
    let library = StreetLibrary(directories: XDGDirectories(environment: ["XDG_DATA_HOME": blocker.path]))
    #expect(throws: StorageError.self) { try library.save([1, 2, 3], name: "area") }
    #expect(try FileManager.default.contentsOfDirectory(atPath: root.path) == ["file"])
}

@Test func unreadableAreaIsListedWithItsReason() throws {
    let root = temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    let library = StreetLibrary(directories: XDGDirectories(environment: ["XDG_DATA_HOME": root.path]))
    try PrivateFiles.write(Data("not an atlas".utf8), to: library.folder.appendingPathComponent("junk"))
    let areas = StreetLibrary.areas(in: library.folder)
    #expect(areas.count == 1)
    #expect(throws: StreetAtlasError("not a linq-map street atlas")) { try areas[0].atlas.get() }
    #expect(StreetLibrary(directories: XDGDirectories(environment: ["XDG_DATA_HOME": root.path])).atlases.isEmpty)
}

@Test func areaNamesAreChecked() {
    #expect(StreetLibrary.defaultName(for: "/x/Helsinki.osm.pbf") == "Helsinki")
    #expect(StreetLibrary.defaultName(for: "finland-latest.pbf") == "finland-latest")
    #expect(throws: AreaNameError.self) { try StreetLibrary.validate(name: "../etc") }
    #expect(throws: AreaNameError.self) { try StreetLibrary.validate(name: ".hidden") }
    #expect(throws: AreaNameError.self) { try StreetLibrary.validate(name: "") }
    #expect(throws: Never.self) { try StreetLibrary.validate(name: "Helsinki-2026_v1") }
}
