import Foundation
import GRDB
import Geo
import History
import Synchronization
import Testing

@testable import HistorySQLite

struct SQLiteEventStoreTests {
    static let chat = "975d0776-bd17-4273-8337-f346b4c661b0"
    static let other = "3f2b8c1e-0000-4000-8000-000000000002"
    static let start = Date(timeIntervalSince1970: 1_796_000_000)

    static func event(
        _ seconds: Double, _ kind: ChatEvent.Kind, handle: String = "+14155550101", place: String? = nil,
        chat: String = chat
    ) -> ChatEvent {
        ChatEvent(
            time: start.addingTimeInterval(seconds), chatID: chat, handle: handle,
            name: handle.hasPrefix("+1415") ? "Ana" : nil, kind: kind, place: place,
            position: LatLon(lat: 60.1675, lon: 24.95))
    }

    @Test func eventsComeBackOldestFirstFromTheirChatAndTime() throws {
        let folder = try TemporaryFolder()
        let store = try SQLiteHistoryStore(file: folder.file())
        let events = [
            Self.event(0, .startedSharing), Self.event(60, .arrived, place: "home"),
            Self.event(90, .stale, handle: "ben@example.com"), Self.event(120, .left, place: "home"),
        ]
        try store.record(events)
        try store.record([Self.event(30, .arrived, place: "work", chat: Self.other)])
        #expect(try store.events(chatID: Self.chat, since: nil) == events)
        #expect(
            try store.events(chatID: Self.chat.uppercased(), since: Self.start.addingTimeInterval(60))
                == Array(events[1...]))
        #expect(try store.events(chatID: Self.other, since: nil).map(\.place) == ["work"])
    }

    @Test func theLatestEventOfEachFamilyIsWhatARestartNeeds() throws {
        let folder = try TemporaryFolder()
        let store = try SQLiteHistoryStore(file: folder.file())
        try store.record([
            Self.event(0, .arrived, place: "home"), Self.event(10, .stale), Self.event(20, .left, place: "home"),
            Self.event(30, .arrived, place: "work"), Self.event(40, .freshAgain), Self.event(50, .stoppedSharing),
            Self.event(60, .startedSharing, handle: "ben@example.com"),
            Self.event(70, .arrived, place: "home", chat: Self.other),
        ])
        let latest = try store.latestEvents(chatIDs: [Self.chat])
        #expect(
            latest.map(\.summary) == [
                "Ana left home", "Ana arrived work", "Ana fresh again", "Ana stopped sharing",
                "ben@example.com started sharing",
            ])
    }

    @Test func aDatabaseFromBeforeTheEventsTableHasNoEventsAndGainsTheTableWhenWritten() throws {
        let folder = try TemporaryFolder()
        let queue = try DatabaseQueue(path: folder.file().path)
        var migrator = DatabaseMigrator()
        // The first schema's shape, as far as the later migrations (the covering index, `latest`) touch it.
        migrator.registerMigration("v1-polls-points") { db in
            try db.execute(
                sql: """
                    CREATE TABLE polls (x);
                    CREATE TABLE points (
                        id INTEGER PRIMARY KEY, chat_id, seen_at, recorded_at, kind, handle, lat, lon, updated_at);
                    CREATE INDEX points_by_seen ON points(chat_id, seen_at);
                    CREATE TABLE latest (chat_id, handle, point_id, PRIMARY KEY (chat_id, handle)) WITHOUT ROWID;
                    """)
        }
        try migrator.migrate(queue)
        try queue.close()
        let reader = try SQLiteHistoryStore(file: folder.file(), create: false)
        #expect(try reader.events(chatID: Self.chat, since: nil).isEmpty)
        #expect(try reader.latestEvents(chatIDs: [Self.chat]).isEmpty)
        let writer = try SQLiteHistoryStore(file: folder.file())
        try writer.record([Self.event(0, .arrived, place: "home")])
        #expect(try writer.events(chatID: Self.chat, since: nil).count == 1)
    }

    @Test func pruningDropsOldEvents() throws {
        let folder = try TemporaryFolder()
        let store = try SQLiteHistoryStore(file: folder.file())
        try store.record([Self.event(0, .stale), Self.event(100, .freshAgain)])
        #expect(try store.pruneEvents(before: Self.start.addingTimeInterval(50)) == 1)
        #expect(try store.events(chatID: Self.chat, since: nil).map(\.kind) == [.freshAgain])
    }

    @Test func theRecorderStoresInOrderAndReadsBack() async throws {
        let folder = try TemporaryFolder()
        let recorder = EventRecorder(file: folder.file(), keep: .seconds(30 * 86_400))
        let noWarnings = Mutex<[String?]>([])
        recorder.submit([Self.event(0, .arrived, place: "home")], now: Self.start) { warning in
            noWarnings.withLock { $0.append(warning) }
        }
        recorder.submit([Self.event(60, .left, place: "home")], now: Self.start) { warning in
            noWarnings.withLock { $0.append(warning) }
        }
        recorder.waitUntilStored()
        #expect(noWarnings.withLock { $0 } == [nil, nil])
        let (latest, warning) = await recorder.latestEvents(chatIDs: [Self.chat], now: Self.start)
        #expect(warning == nil)
        #expect(latest.map(\.summary) == ["Ana left home"])
    }

    @Test func aRecorderThatCannotWriteSaysSoAndTurnsItselfOff() async throws {
        let folder = try TemporaryFolder()
        // A path under a regular file cannot be created, even as root.
        let blocker = folder.file("plain-file")
        try Data("x".utf8).write(to: blocker)
        let recorder = EventRecorder(file: blocker.appendingPathComponent("history.sqlite"), keep: .seconds(86_400))
        // Nothing there to read: no events, no warning; storing says why it cannot, and then that it is off.
        let (latest, warning) = await recorder.latestEvents(chatIDs: [Self.chat], now: Self.start)
        #expect(latest.isEmpty)
        #expect(warning == nil)
        let warnings = Mutex<[String?]>([])
        for _ in 0..<2 {
            recorder.submit([Self.event(0, .stale)], now: Self.start) { warning in
                warnings.withLock { $0.append(warning) }
            }
        }
        recorder.waitUntilStored()
        #expect(warnings.withLock { $0 }.allSatisfy { $0?.hasPrefix("events off: history ") == true })
    }

    @Test func readingTheLastEventsTakesNoWriteLock() throws {
        let folder = try TemporaryFolder()
        let writer = try SQLiteHistoryStore(file: folder.file())
        try writer.record([Self.event(0, .arrived, place: "home")])
        // Another program holds the write lock: a read-only store (what the recorder opens to read) reads at once.
        let blocker = try DatabaseQueue(path: folder.file().path)
        let summaries = try blocker.inDatabase { db in
            try db.execute(sql: "BEGIN IMMEDIATE")
            defer { try? db.execute(sql: "ROLLBACK") }
            let reader = try SQLiteHistoryStore(file: folder.file(), create: false, busyTimeout: .milliseconds(100))
            return try reader.latestEvents(chatIDs: [Self.chat]).map(\.summary)
        }
        #expect(summaries == ["Ana arrived home"])
    }
}
