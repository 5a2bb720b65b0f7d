import Foundation
import GRDB
import Geo
import History
import LinqModel
import Testing

@testable import HistorySQLite

/// A fresh folder under the system's temporary folder, removed when the test ends.
struct TemporaryFolder: ~Copyable {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("linq-map-history-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    func file(_ name: String = "history.sqlite") -> URL { url.appendingPathComponent(name) }
}

struct SQLiteHistoryStoreTests {
    static let chat = "975d0776-bd17-4273-8337-f346b4c661b0"
    static let start = Date(timeIntervalSince1970: 1_796_000_000)

    static func ana(lat: Double = 60.1675, updatedAt: Double = 0) -> Participant {
        Participant(
            handle: "+14155550101", coordinate: Coordinate(longitude: 24.9500, latitude: lat), address: "Esplanadi",
            locality: "Helsinki", updatedAt: start.addingTimeInterval(updatedAt))
    }

    static let ben = Participant(
        handle: "ben@example.com", coordinate: Coordinate(longitude: -0.1278, latitude: 51.5074, altitude: 12))

    static func poll(_ seconds: Double, _ participants: [Participant]) -> PollRecord {
        PollRecord(chatID: chat, polledAt: start.addingTimeInterval(seconds), participants: participants)
    }

    @Test func unchangedPollsStoreOnlyTheirTimeAsSeenAt() throws {
        let folder = try TemporaryFolder()
        let store = try SQLiteHistoryStore(file: folder.file())
        #expect(try store.record(Self.poll(0, [Self.ana(), Self.ben])) == RecordOutcome(fixes: 2))
        #expect(try store.record(Self.poll(5, [Self.ana(), Self.ben])) == RecordOutcome(unchanged: 2))
        #expect(
            try store.record(Self.poll(10, [Self.ana(updatedAt: 9), Self.ben])) == RecordOutcome(fixes: 1, unchanged: 1)
        )
        #expect(try store.record(Self.poll(15, [Self.ana(lat: 60.17, updatedAt: 9), Self.ben])).fixes == 1)
        let tracks = try store.tracks(chatID: Self.chat, from: nil, until: nil)
        #expect(tracks.map(\.handle) == ["+14155550101", "ben@example.com"])
        #expect(tracks[0].points.count == 3)
        #expect(tracks[0].points[0].seenAt == Self.start.addingTimeInterval(5))
        #expect(tracks[1].points.count == 1)
        #expect(tracks[1].points[0].seenAt == Self.start.addingTimeInterval(15))
        #expect(tracks[1].points[0].coordinate.altitude == 12)
        #expect(tracks[1].points[0].updatedAt == nil)
    }

    @Test func stopsAndStartsAreStoredAsSuch() throws {
        let folder = try TemporaryFolder()
        let store = try SQLiteHistoryStore(file: folder.file())
        try store.record(Self.poll(0, [Self.ana(), Self.ben]))
        #expect(try store.record(Self.poll(5, [Self.ben])) == RecordOutcome(stops: 1, unchanged: 1))
        #expect(try store.record(Self.poll(10, [Self.ben])) == RecordOutcome(unchanged: 1))
        try store.record(Self.poll(15, [Self.ana(), Self.ben]))
        let ana = try #require(try store.tracks(chatID: Self.chat, from: nil, until: nil).first)
        #expect(ana.points.map(\.kind) == [.fix, .stopped, .started])
        #expect(ana.positions.count == 2)
        #expect(try store.lastPoints(chatID: Self.chat).map(\.kind) == [.started, .fix])
    }

    @Test func momentShowsWhoSharedThenAndThePollsAround() throws {
        let folder = try TemporaryFolder()
        let store = try SQLiteHistoryStore(file: folder.file())
        try store.record(Self.poll(0, [Self.ana(), Self.ben]))
        try store.record(Self.poll(5, [Self.ana(lat: 60.2, updatedAt: 4)]))
        try store.record(Self.poll(10, [Self.ana(lat: 60.3, updatedAt: 9), Self.ben]))
        let middle = try store.moment(chatID: Self.chat, at: Self.start.addingTimeInterval(7))
        #expect(middle.polledAt == Self.start.addingTimeInterval(5))
        #expect(middle.previousPoll == Self.start)
        #expect(middle.nextPoll == Self.start.addingTimeInterval(10))
        #expect(middle.snapshot.participants.map(\.coordinate.latitude) == [60.2])
        let before = try store.moment(chatID: Self.chat, at: Self.start.addingTimeInterval(-1))
        #expect(before.polledAt == nil && before.nextPoll == Self.start && before.snapshot.participants.isEmpty)
        let last = try store.moment(chatID: Self.chat, at: Self.start.addingTimeInterval(60))
        #expect(last.nextPoll == nil && last.snapshot.participants.count == 2)
    }

    @Test func tracksKeepFixesWhoseSpanMeetsTheRange() throws {
        let folder = try TemporaryFolder()
        let store = try SQLiteHistoryStore(file: folder.file())
        try store.record(Self.poll(0, [Self.ana(lat: 60.0)]))
        try store.record(Self.poll(100, [Self.ana(lat: 60.0)]))
        try store.record(Self.poll(200, [Self.ana(lat: 60.1, updatedAt: 200)]))
        try store.record(Self.poll(300, [Self.ana(lat: 60.2, updatedAt: 300)]))
        let window = try store.tracks(
            chatID: Self.chat, from: Self.start.addingTimeInterval(50), until: Self.start.addingTimeInterval(250))
        #expect(window.first?.points.map(\.coordinate.latitude) == [60.0, 60.1])
        #expect(try store.tracks(chatID: "unknown", from: nil, until: nil).isEmpty)
    }

    @Test func pruningDeletesWhatWasLastSeenBeforeTheCutoff() throws {
        let folder = try TemporaryFolder()
        let store = try SQLiteHistoryStore(file: folder.file())
        try store.record(Self.poll(0, [Self.ana(lat: 60.0), Self.ben]))
        try store.record(Self.poll(86_400, [Self.ana(lat: 60.1, updatedAt: 86_400), Self.ben]))
        #expect(try store.prune(before: Self.start.addingTimeInterval(3600)) == 1)
        let tracks = try store.tracks(chatID: Self.chat, from: nil, until: nil)
        #expect(tracks.map { $0.points.count } == [1, 1])
        #expect(try store.moment(chatID: Self.chat, at: Self.start).polledAt == nil)
        #expect(try store.prune(before: Self.start.addingTimeInterval(10 * 86_400)) == 2)
        #expect(try store.lastPoints(chatID: Self.chat).isEmpty)
        // Gone entirely, a participant comes back as a first fix.
        #expect(try store.record(Self.poll(20 * 86_400, [Self.ben])).fixes == 1)
    }

    @Test func pruningIfDueRunsAtMostOnceADay() throws {
        let folder = try TemporaryFolder()
        let store = try SQLiteHistoryStore(file: folder.file())
        try store.record(Self.poll(0, [Self.ana(lat: 60.0), Self.ben]))
        try store.record(Self.poll(86_400, [Self.ana(lat: 60.1, updatedAt: 86_400), Self.ben]))
        let keep = Duration.seconds(3600)
        #expect(try store.pruneIfDue(keep: keep, now: Self.start.addingTimeInterval(7200)) == 1)
        // Due again only a day later, whatever there is to delete; another program on the file shares the schedule.
        #expect(try store.pruneIfDue(keep: keep, now: Self.start.addingTimeInterval(86_400)) == nil)
        let other = try SQLiteHistoryStore(file: folder.file())
        #expect(try other.pruneIfDue(keep: keep, now: Self.start.addingTimeInterval(90_000)) == nil)
        #expect(try store.tracks(chatID: Self.chat, from: nil, until: nil).map { $0.points.count } == [1, 1])
        #expect(try other.pruneIfDue(keep: keep, now: Self.start.addingTimeInterval(7200 + 86_400 + 3600)) == 2)
        #expect(try store.tracks(chatID: Self.chat, from: nil, until: nil).isEmpty)
        // Events keep a schedule of their own.
        #expect(try store.pruneEventsIfDue(keep: keep, now: Self.start.addingTimeInterval(7200 + 86_400 + 3600)) == 0)
    }

    @Test func openingACurrentFileTakesNoWriteLock() throws {
        let folder = try TemporaryFolder()
        try SQLiteHistoryStore(file: folder.file()).record(Self.poll(0, [Self.ana()]))
        // Another writer holds the write lock: a migration would wait for it and fail as locked, a current file
        // opens at once and can still be read.
        let other = try DatabaseQueue(path: folder.file().path)
        try other.writeWithoutTransaction { db in
            try db.execute(sql: "BEGIN IMMEDIATE")
            defer { try? db.execute(sql: "ROLLBACK") }
            let store = try SQLiteHistoryStore(file: folder.file(), busyTimeout: .milliseconds(50))
            #expect(try store.lastPoints(chatID: Self.chat).map(\.handle) == ["+14155550101"])
            #expect(throws: HistoryError.locked(path: folder.file().path)) {
                try store.record(Self.poll(5, [Self.ana()]))
            }
        }
    }

    @Test func aPollReadsWhoIsSharingAndWhoComesBack() throws {
        let folder = try TemporaryFolder()
        let store = try SQLiteHistoryStore(file: folder.file())
        let handles = (0..<600).map { String(format: "+1999%08d", $0) }
        func participant(_ handle: String) -> Participant {
            Participant(handle: handle, coordinate: Coordinate(longitude: 10, latitude: 20))
        }
        try store.record(Self.poll(0, handles.map(participant)))
        #expect(try store.record(Self.poll(5, [Self.ben])) == RecordOutcome(fixes: 1, stops: 600))
        // Those who stopped are neither read nor stopped again; the ones coming back (more than one chunk of
        // lookups) start again, and a new handle is a first fix.
        #expect(try store.record(Self.poll(10, [Self.ben])) == RecordOutcome(unchanged: 1))
        let back = try store.record(Self.poll(15, handles.suffix(550).map(participant) + [Self.ana()]))
        #expect(back == RecordOutcome(fixes: 551, stops: 1))
        let kinds = try store.tracks(chatID: Self.chat, from: nil, until: nil).map { $0.points.map(\.kind) }
        #expect(kinds.filter { $0 == [.fix, .stopped, .started] }.count == 550)
        #expect(kinds.filter { $0 == [.fix, .stopped] }.count == 51)
        let sharing = try DatabaseQueue(path: folder.file().path).read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM latest INDEXED BY latest_sharing WHERE is_position = 1")
        }
        #expect(sharing == 551)
    }

    @Test func theQueriesOfAPollUseIndexes() throws {
        let folder = try TemporaryFolder()
        _ = try SQLiteHistoryStore(file: folder.file())
        let plans = try DatabaseQueue(path: folder.file().path).read { db in
            try SQLiteHistoryStore.recordingQueries.map { sql in
                let parameters = Array(repeating: "x", count: sql.filter { $0 == "?" }.count)
                return try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql, arguments: StatementArguments(parameters))
                    .map { $0["detail"] as String }.joined(separator: "; ")
            }
        }
        for plan in plans {
            #expect(!plan.contains("SCAN") && plan.contains("USING"), "\(plan)")
        }
        // Who still shares is read through the partial index, not the primary key's walk over every handle.
        #expect(plans.first?.contains("USING INDEX latest_sharing (chat_id=?)") == true, "\(plans.first ?? "")")
    }

    @Test func fileAndFolderAreCreatedPrivate() throws {
        let folder = try TemporaryFolder()
        let file = folder.url.appendingPathComponent("state/linq-map/history.sqlite")
        let store = try SQLiteHistoryStore(file: file)
        try store.record(Self.poll(0, [Self.ana()]))
        let fileMode = try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? Int
        let folderMode =
            try FileManager.default.attributesOfItem(atPath: file.deletingLastPathComponent().path)[.posixPermissions]
            as? Int
        #expect(fileMode == 0o600)
        #expect(folderMode == 0o700)
        let journal = try DatabaseQueue(path: file.path).read { try String.fetchOne($0, sql: "PRAGMA journal_mode") }
        #expect(journal == "wal")
        #expect(
            SQLiteHistoryStore.schemaVersions == [
                "v1-polls-points", "v2-covering-index", "events-v1", "v3-sharing-index",
            ])
    }

    @Test func twoWritersAtOnceBothKeepEveryPoll() async throws {
        let folder = try TemporaryFolder()
        let first = try SQLiteHistoryStore(file: folder.file())
        let second = try SQLiteHistoryStore(file: folder.file())
        await withTaskGroup(of: Void.self) { group in
            for (offset, store) in [(0.0, first), (0.5, second)] {
                group.addTask {
                    for poll in 0..<40 {
                        let seconds = Double(poll) + offset
                        let participant = Self.ana(lat: 60 + seconds / 1000, updatedAt: seconds)
                        #expect(throws: Never.self) {
                            try store.record(Self.poll(seconds, [participant]))
                        }
                    }
                }
            }
        }
        let points = try #require(try first.tracks(chatID: Self.chat, from: nil, until: nil).first).points
        #expect(points.count == 80)
        let polls = try await DatabaseQueue(path: folder.file().path).read {
            try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM polls")
        }
        #expect(polls == 80)
    }

    @Test func aLockedFileIsAWarningAndLosesNothing() throws {
        let folder = try TemporaryFolder()
        let store = try SQLiteHistoryStore(file: folder.file(), busyTimeout: .milliseconds(100))
        try store.record(Self.poll(0, [Self.ana()]))
        let other = try DatabaseQueue(path: folder.file().path)
        try other.writeWithoutTransaction { db in
            try db.execute(sql: "BEGIN EXCLUSIVE")
            #expect(throws: HistoryError.locked(path: folder.file().path)) {
                try store.record(Self.poll(5, [Self.ana(lat: 61, updatedAt: 5)]))
            }
            try db.execute(sql: "COMMIT")
        }
        try store.record(Self.poll(10, [Self.ana(lat: 62, updatedAt: 10)]))
        let latitudes = try store.tracks(chatID: Self.chat, from: nil, until: nil).first?.points.map(
            \.coordinate.latitude)
        #expect(latitudes == [60.1675, 62])
    }

    @Test func aCorruptFileIsRefusedAndLeftAsItWas() throws {
        let folder = try TemporaryFolder()
        let garbage = Data(repeating: 0x5A, count: 8192)
        try garbage.write(to: folder.file())
        #expect(throws: HistoryError.corrupt(path: folder.file().path)) {
            try SQLiteHistoryStore(file: folder.file())
        }
        #expect(try Data(contentsOf: folder.file()) == garbage)
    }

    @Test func aFolderThatCannotBeMadeIsReadOnly() throws {
        let folder = try TemporaryFolder()
        let regular = folder.file("not-a-folder")
        try Data("x".utf8).write(to: regular)
        let file = regular.appendingPathComponent("history.sqlite")
        #expect(throws: HistoryError.readOnly(path: file.path, reason: "not a folder")) {
            try SQLiteHistoryStore(file: file)
        }
    }

    @Test func aMissingFileIsMissingWhenOnlyReading() throws {
        let folder = try TemporaryFolder()
        #expect(throws: HistoryError.missing(path: folder.file().path)) {
            try SQLiteHistoryStore(file: folder.file(), create: false)
        }
        #expect(!FileManager.default.fileExists(atPath: folder.file().path))
    }

    @Test func aNewerSchemaIsRefused() throws {
        let folder = try TemporaryFolder()
        _ = try SQLiteHistoryStore(file: folder.file())
        try DatabaseQueue(path: folder.file().path).write {
            try $0.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v9-from-the-future')")
        }
        #expect(throws: HistoryError.newerSchema(path: folder.file().path, version: "v9-from-the-future")) {
            try SQLiteHistoryStore(file: folder.file())
        }
    }
}

struct SQLiteTrailTests {
    @Test func trailsHoldPositionsOnlyAndMarkRestarts() throws {
        let folder = try TemporaryFolder()
        let store = try SQLiteHistoryStore(file: folder.file())
        typealias T = SQLiteHistoryStoreTests
        try store.record(T.poll(0, [T.ana(lat: 60.0), T.ben]))
        try store.record(T.poll(5, [T.ana(lat: 60.1, updatedAt: 5)]))
        try store.record(T.poll(10, [T.ana(lat: 60.2, updatedAt: 10), T.ben]))
        let trails = try store.trails(chatID: T.chat, from: T.start, until: nil)
        #expect(trails.map(\.handle) == ["+14155550101", "ben@example.com"])
        #expect(trails[0].points.map(\.position.lat) == [60.0, 60.1, 60.2])
        #expect(trails[0].points.map(\.time) == [0.0, 5, 10].map { T.start.addingTimeInterval($0) })
        #expect(trails[1].points.map(\.startsSegment) == [false, true])
        #expect(trails[1].segments().count == 2)
        let late = try store.trails(chatID: T.chat, from: T.start.addingTimeInterval(5), until: nil)
        #expect(late[0].points.map(\.position.lat) == [60.1, 60.2])
        #expect(try store.trails(chatID: "other", from: T.start, until: nil).isEmpty)
    }

    @Test func trailsOfPeopleListedInChangingOrderStayApart() throws {
        typealias T = SQLiteHistoryStoreTests
        let folder = try TemporaryFolder()
        let store = try SQLiteHistoryStore(file: folder.file())
        let cid = Participant(handle: "cid@example.com", coordinate: Coordinate(longitude: 2.35, latitude: 48.85))
        try store.record(T.poll(0, [T.ana(lat: 60.0), T.ben, cid]))
        try store.record(T.poll(5, [cid, T.ana(lat: 60.1, updatedAt: 5)]))
        try store.record(T.poll(10, [T.ben, T.ana(lat: 60.2, updatedAt: 10), cid]))
        let trails = try store.trails(chatID: T.chat, from: T.start, until: nil)
        #expect(trails.map(\.handle) == ["+14155550101", "ben@example.com", "cid@example.com"])
        #expect(trails[0].points.map(\.position.lat) == [60.0, 60.1, 60.2])
        #expect(trails[1].points.map(\.position.lat) == [51.5074, 51.5074])
        #expect(trails[2].points.map(\.position.lat) == [48.85])
    }

    @Test func aVersionOneFileMigratesAndKeepsItsRows() throws {
        typealias T = SQLiteHistoryStoreTests
        let folder = try TemporaryFolder()
        let queue = try Self.file(folder, upTo: "v1-polls-points") { db in
            try db.execute(sql: "INSERT INTO polls (chat_id, polled_at) VALUES (?, ?)", arguments: [T.chat, 0])
            try db.execute(
                sql: "INSERT INTO points (chat_id, handle, kind, lat, lon, recorded_at, seen_at)"
                    + " VALUES (?, 'ben@example.com', 0, 51.5, -0.12, ?, ?)",
                arguments: [T.chat, T.start.timeIntervalSince1970, T.start.timeIntervalSince1970])
        }
        let store = try SQLiteHistoryStore(file: folder.file())
        #expect(try store.trails(chatID: T.chat, from: T.start, until: nil).map(\.points.count) == [1])
        let indexes = try queue.read {
            try String.fetchAll($0, sql: "SELECT name FROM sqlite_master WHERE type = 'index'")
        }
        #expect(indexes.contains("points_by_seen_covering"))
        #expect(!indexes.contains("points_by_seen"))
    }
}

extension SQLiteTrailTests {
    /// `folder`'s database with the schema of an older build, up to `version`, holding what `insert` writes.
    static func file(
        _ folder: borrowing TemporaryFolder, upTo version: String, insert: (Database) throws -> Void
    ) throws -> DatabaseQueue {
        let queue = try DatabaseQueue(path: folder.file().path)
        try SQLiteHistoryStore.migrator.migrate(queue, upTo: version)
        try queue.write(insert)
        return queue
    }

    @Test func aFileOfThePreviousSchemaMigratesAndMarksWhoStopped() throws {
        typealias T = SQLiteHistoryStoreTests
        let folder = try TemporaryFolder()
        let queue = try Self.file(folder, upTo: "events-v1") { db in
            // Ana shared and stopped, Ben shares, as the previous schema's `latest` held them.
            for (id, handle, kind) in [(1, "+14155550101", 0), (2, "ben@example.com", 0), (3, "+14155550101", 2)] {
                try db.execute(
                    sql: "INSERT INTO points (id, chat_id, handle, kind, lat, lon, recorded_at, seen_at)"
                        + " VALUES (?, ?, ?, ?, 60, 24, ?, ?)",
                    arguments: [id, T.chat, handle, kind, T.start.timeIntervalSince1970, T.start.timeIntervalSince1970])
            }
            try db.execute(
                sql: "INSERT INTO latest (chat_id, handle, point_id) VALUES (?, ?, 3), (?, ?, 2)",
                arguments: [T.chat, "+14155550101", T.chat, "ben@example.com"])
        }
        try queue.close()
        let store = try SQLiteHistoryStore(file: folder.file())
        let applied = try DatabaseQueue(path: folder.file().path).read { db in
            try SQLiteHistoryStore.migrator.appliedIdentifiers(db)
        }
        #expect(applied == Set(SQLiteHistoryStore.schemaVersions))
        // Ana comes back (a start, not a first fix), Ben moved; nobody is stopped twice.
        #expect(try store.record(T.poll(5, [T.ana(), T.ben])) == RecordOutcome(fixes: 2))
        let ana = try #require(try store.tracks(chatID: T.chat, from: nil, until: nil).first)
        #expect(ana.points.map(\.kind) == [.fix, .stopped, .started])
    }
}

struct HistoryNavigationTests {
    typealias T = SQLiteHistoryStoreTests

    /// A store with polls of the chat at 0, 10, 20 s and 2 h; Ana moves north at each.
    static func store(_ folder: borrowing TemporaryFolder) throws -> SQLiteHistoryStore {
        let store = try SQLiteHistoryStore(file: folder.file())
        for (index, seconds) in [0.0, 10, 20, 7200].enumerated() {
            try store.record(T.poll(seconds, [T.ana(lat: 60 + Double(index) / 10, updatedAt: seconds)]))
        }
        return store
    }

    static func at(_ seconds: Double) -> Date { T.start.addingTimeInterval(seconds) }

    /// The poll a moment shows; nil for live or nothing earlier.
    static func shownAt(_ answer: HistoryNavigation.Answer) -> Date? {
        if case .moment(let shownAt, _) = answer { return shownAt }
        return nil
    }

    @Test func backFromLiveShowsThePollBeforeTheLatest() throws {
        let folder = try TemporaryFolder()
        let store = try Self.store(folder)
        let answer = try HistoryNavigation.answer(
            store: store, chatIDs: [T.chat], step: .previousPoll, shownAt: nil, now: Self.at(7300))
        #expect(Self.shownAt(answer) == Self.at(20))
        guard case .moment(_, let snapshots) = answer else { return }
        #expect(snapshots.map { $0.participants.map(\.coordinate.latitude) } == [[60.2]])
    }

    @Test func stepsWalkThePollsAndForwardPastTheLastIsLive() throws {
        let folder = try TemporaryFolder()
        let store = try Self.store(folder)
        let back = try HistoryNavigation.answer(
            store: store, chatIDs: [T.chat], step: .previousPoll, shownAt: Self.at(10), now: Self.at(7300))
        let expected = try store.moment(chatID: T.chat, at: Self.at(0)).snapshot
        #expect(back == .moment(shownAt: Self.at(0), snapshots: [expected]))
        let first = try HistoryNavigation.answer(
            store: store, chatIDs: [T.chat], step: .previousPoll, shownAt: Self.at(0), now: Self.at(7300))
        #expect(first == .nothingEarlier)
        let forward = try HistoryNavigation.answer(
            store: store, chatIDs: [T.chat], step: .nextPoll, shownAt: Self.at(20), now: Self.at(7300))
        #expect(forward == .live)
    }

    @Test func anHourBackBeforeTheFirstPollLandsOnTheFirst() throws {
        let folder = try TemporaryFolder()
        let store = try Self.store(folder)
        let back = try HistoryNavigation.answer(
            store: store, chatIDs: [T.chat], step: .hourBack, shownAt: Self.at(20), now: Self.at(7300))
        #expect(Self.shownAt(back) == Self.at(0))
        let forward = try HistoryNavigation.answer(
            store: store, chatIDs: [T.chat], step: .hourForward, shownAt: Self.at(0), now: Self.at(7300))
        #expect(Self.shownAt(forward) == Self.at(20))
    }

    @Test func anEmptyHistoryHasNothingEarlier() throws {
        let folder = try TemporaryFolder()
        let store = try SQLiteHistoryStore(file: folder.file())
        let answer = try HistoryNavigation.answer(
            store: store, chatIDs: [T.chat], step: .previousPoll, shownAt: nil, now: Self.at(0))
        #expect(answer == .nothingEarlier)
    }
}

struct SQLiteFullFileTests {
    @Test func aFullFileIsAWarningAndKeepsWhatWasWritten() throws {
        typealias T = SQLiteHistoryStoreTests
        let folder = try TemporaryFolder()
        _ = try SQLiteHistoryStore(file: folder.file())
        let store = try SQLiteHistoryStore(
            file: folder.file(), create: true, busyTimeout: .seconds(1), maxPageCount: 16)
        try store.record(T.poll(0, [T.ana()]))
        let crowd = (0..<2000).map { index in
            Participant(
                handle: "+1415555\(10_000 + index)", coordinate: Coordinate(longitude: 0, latitude: 0),
                address: String(repeating: "x", count: 200))
        }
        #expect(throws: HistoryError.full(path: folder.file().path)) {
            try store.record(T.poll(5, crowd))
        }
        let tracks = try SQLiteHistoryStore(file: folder.file(), create: false).tracks(
            chatID: T.chat, from: nil, until: nil)
        #expect(tracks.map(\.handle) == ["+14155550101"])
    }
}
