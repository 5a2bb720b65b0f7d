import Foundation
import LinqModel
import SnapshotCache
import Testing

private let chat = "975D0776-BD17-4273-8337-F346B4C661B0"
private let fetchedAt = Date(timeIntervalSince1970: 1_800_000_000.25)
private let snapshot = LocationSnapshot(participants: [
    Participant(
        handle: "+14155550101", coordinate: Coordinate(longitude: -122.4194, latitude: 37.7749, altitude: 12),
        address: "1 Market St", locality: "San Francisco", updatedAt: Date(timeIntervalSince1970: 1_799_999_970),
        updatedAtText: "2027-01-15T07:59:30Z",
        properties: .object([
            "handle": .string("+14155550101"), "address": .string("1 Market St"), "locality": .string("San Francisco"),
            "updated_at": .string("2027-01-15T07:59:30Z"),
        ]))
])

private func temporaryFolder() -> URL {
    FileManager.default.temporaryDirectory.appendingPathComponent("cache-\(UUID().uuidString)")
}

@Test func entryRoundTripsThroughItsFile() throws {
    let folder = temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let cache = LocationCache(folder: folder)
    try cache.store(CachedLocations(chatID: chat, fetchedAt: fetchedAt, snapshot: snapshot))
    let entry = try #require(cache.entry(forChat: chat.lowercased()))
    #expect(entry.snapshot.participants.map(\.handle) == ["+14155550101"])
    #expect(entry.snapshot.participants[0].coordinate == snapshot.participants[0].coordinate)
    #expect(entry.snapshot.participants[0].locality == "San Francisco")
    #expect(abs(entry.fetchedAt.timeIntervalSince(fetchedAt)) < 0.001)
    let attributes = try FileManager.default.attributesOfItem(atPath: cache.file(forChat: chat).path)
    #expect((attributes[.posixPermissions] as? Int) == 0o600)
}

@Test func fileHoldsOnlyTheChatsData() throws {
    let text = String(
        decoding: CachedLocations(chatID: chat, fetchedAt: fetchedAt, snapshot: snapshot).encoded(), as: UTF8.self)
    #expect(text.hasPrefix(#"{"format":"linq-map locations cache 1","chat_id":"975d0776"#))
    #expect(!text.lowercased().contains("bearer"))
}

@Test(arguments: [
    "not json", #"{"format":"something else","chat_id":"x"}"#,
    #"{"format":"linq-map locations cache 1","chat_id":"00000000-0000-4000-8000-000000000000","fetched_at":"2027-01-15T07:59:30Z","data":{"type":"FeatureCollection","features":[]}}"#,
    #"{"format":"linq-map locations cache 1","chat_id":"975d0776-bd17-4273-8337-f346b4c661b0","fetched_at":"soon","data":{}}"#,
])
func corruptOrForeignFilesAreMisses(_ text: String) {
    #expect(CachedLocations.decoded(Data(text.utf8), chatID: chat) == nil)
}

@Test func freshnessFollowsMaxAge() {
    let entry = CachedLocations(chatID: chat, fetchedAt: fetchedAt, snapshot: snapshot)
    #expect(entry.isFresh(maxAge: .seconds(60), now: fetchedAt.addingTimeInterval(59)))
    #expect(!entry.isFresh(maxAge: .seconds(60), now: fetchedAt.addingTimeInterval(60)))
    #expect(!entry.isFresh(maxAge: .seconds(60), now: fetchedAt.addingTimeInterval(-30)))
}

@Test func corruptFileIsReplacedByTheNextStore() throws {
    let folder = temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let cache = LocationCache(folder: folder)
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    try Data("garbage".utf8).write(to: cache.file(forChat: chat))
    #expect(cache.entry(forChat: chat) == nil)
    try cache.store(CachedLocations(chatID: chat, fetchedAt: fetchedAt, snapshot: snapshot))
    #expect(cache.entry(forChat: chat) != nil)
}
