import Foundation
import GRDB
import GRDBSQLite
import Geo
import History
import LinqModel
import LocalFiles

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The history database: one SQLite file (WAL mode, so several viewers can write it at once and readers never
/// wait), created 0600 in a 0700 folder, with a versioned schema migrated forward on open.
///
/// Each poll is one `BEGIN IMMEDIATE` transaction: a failure (lock, full disk) loses that poll only, never what
/// was written before.
public final class SQLiteHistoryStore: HistoryStore {
    /// The database file.
    public let file: URL
    let queue: DatabaseQueue

    /// Opens (creating when `create` and missing) the database at `file` and brings its schema up to date.
    ///
    /// `busyTimeout` is how long a write waits for another writer before giving up with `.locked`. With `create`
    /// false a missing file is `.missing`, and the database is opened read-only.
    public convenience init(file: URL, create: Bool = true, busyTimeout: Duration = .seconds(2)) throws(HistoryError) {
        try self.init(file: file, create: create, busyTimeout: busyTimeout, maxPageCount: nil)
    }

    /// `maxPageCount` caps the file (SQLite's `max_page_count`), so tests can fill it like a full disk.
    init(file: URL, create: Bool, busyTimeout: Duration, maxPageCount: Int?) throws(HistoryError) {
        self.file = file
        let path = file.path
        var configuration = Configuration()
        configuration.busyMode = .timeout(
            Double(busyTimeout.components.seconds) + Double(busyTimeout.components.attoseconds) / 1e18)
        configuration.label = "history"
        // A 16 MiB page cache (SQLite's default is 2 MiB) keeps the index pages a poll touches in memory, instead
        // of reading them again at every poll. NB: in WAL mode, synchronous NORMAL syncs at checkpoints, not at
        // every commit; a crash of linq-map loses nothing, a power cut at most the last polls, and the file stays
        // consistent (sqlite.org/pragma.html#pragma_synchronous; docs/platform-notes.md, "SQLite (history)").
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA cache_size = -16384")
            // Reads through a memory map instead of a `pread` copy per page: a day of trails is tens of megabytes
            // of index, more than the page cache, and reading it by `pread` cost as much as decoding it. Writes
            // still go through the WAL (sqlite.org/mmap.html).
            try db.execute(sql: "PRAGMA mmap_size = 268435456")
            // A multi-row statement inside a transaction keeps a statement journal; in memory, not in a temporary
            // file created and deleted for every poll (sqlite.org/tempfiles.html).
            try db.execute(sql: "PRAGMA temp_store = MEMORY")
            if create {
                // WAL is switched on here rather than by GRDB's `journalMode = .wal`, which also writes (creates and
                // drops a table) whenever the `-wal` file is missing, as it is after every run: SQLite deletes it
                // when the last connection closes. Once set, WAL mode is kept in the file (sqlite.org/wal.html).
                if try String.fetchOne(db, sql: "PRAGMA journal_mode") != "wal" {
                    guard try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL") == "wal" else {
                        throw DatabaseError(resultCode: .SQLITE_CANTOPEN, message: "cannot switch to WAL mode")
                    }
                }
                try db.execute(sql: "PRAGMA synchronous = NORMAL")
            }
            if let maxPageCount { try db.execute(sql: "PRAGMA max_page_count = \(maxPageCount)") }
        }
        if create {
            try Self.createPrivately(file)
        } else {
            guard FileManager.default.fileExists(atPath: path) else { throw .missing(path: path) }
            configuration.readonly = true
        }
        do {
            queue = try DatabaseQueue(path: path, configuration: configuration)
            // One read says whether the file is current: the migrator (which takes the write lock and checks
            // every migration) runs only when this build knows versions the file lacks, so a `--once` on a
            // current file pays for a single read here.
            let known = Self.migrator.migrations
            let applied = try queue.read { db in try Self.migrator.appliedIdentifiers(db) }
            if let newer = applied.subtracting(known).sorted().last {
                throw HistoryError.newerSchema(path: path, version: newer)
            }
            if create {
                if !applied.isSuperset(of: known) { try Self.migrator.migrate(queue) }
            } else if !applied.contains(known[0]) {
                throw HistoryError.corrupt(path: path)
            }
        } catch let error as HistoryError {
            throw error
        } catch {
            throw Self.historyError(error, path: path)
        }
    }

    /// The schema, one migration per version, oldest first. Later versions (issue 13's `events`) are appended,
    /// never edited.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-polls-points") { db in
            // Times are Unix seconds (REAL, millisecond precision); `kind` is TrackPoint.Kind's raw value. One index
            // per table, on times that only grow: a poll's inserts and `seen_at` updates then touch the last few
            // index pages, not one page per participant (an index by handle made recording 1,000 participants
            // write 1 MB a poll). Pruning scans the table, at most once a day (`PruneSchedule`).
            try db.execute(
                sql: """
                    CREATE TABLE polls (
                        chat_id TEXT NOT NULL,
                        polled_at REAL NOT NULL);
                    CREATE INDEX polls_by_chat ON polls(chat_id, polled_at);
                    CREATE TABLE points (
                        id INTEGER PRIMARY KEY,
                        chat_id TEXT NOT NULL,
                        handle TEXT NOT NULL,
                        kind INTEGER NOT NULL,
                        lat REAL NOT NULL,
                        lon REAL NOT NULL,
                        altitude REAL,
                        locality TEXT,
                        address TEXT,
                        updated_at REAL,
                        recorded_at REAL NOT NULL,
                        seen_at REAL NOT NULL);
                    CREATE INDEX points_by_seen ON points(chat_id, seen_at);
                    CREATE TABLE latest (
                        chat_id TEXT NOT NULL,
                        handle TEXT NOT NULL,
                        point_id INTEGER NOT NULL,
                        PRIMARY KEY (chat_id, handle)) WITHOUT ROWID;
                    """)
        }
        migrator.registerMigration("v2-covering-index") { db in
            // Loading trails read every row of the window through `points_by_seen` and then looked each one up in
            // the table: a day of 5 s polls of 10 people (172,800 rows) took 66 ms. An index holding every column
            // a trail or a moment filters on or reads answers those from the index alone; it replaces the old one
            // (same leading columns), so a poll still updates one index.
            try db.execute(
                sql: """
                    CREATE INDEX points_by_seen_covering
                        ON points(chat_id, seen_at, recorded_at, kind, handle, lat, lon, updated_at);
                    DROP INDEX points_by_seen;
                    """)
        }
        registerEventsMigration(&migrator)
        migrator.registerMigration("v3-sharing-index") { db in
            // Recording read the latest row of every participant the chat ever had, so against a server that
            // rotates handles a poll cost more with every poll. `is_position` marks the rows of those still
            // sharing, and a partial index holds only them: a poll reads those, plus the stopped rows of the
            // handles it brings back. `maintenance` remembers when pruning last ran (once a day is enough).
            try db.execute(
                sql: """
                    ALTER TABLE latest ADD COLUMN is_position INTEGER NOT NULL DEFAULT 1;
                    UPDATE latest SET is_position = 0 WHERE point_id IN (SELECT id FROM points WHERE kind = 2);
                    CREATE INDEX latest_sharing ON latest(chat_id) WHERE is_position = 1;
                    CREATE TABLE maintenance (
                        task TEXT PRIMARY KEY,
                        done_at REAL NOT NULL) WITHOUT ROWID;
                    """)
        }
        return migrator
    }

    /// The schema versions this build knows, oldest first.
    public static var schemaVersions: [String] { migrator.migrations }

    @discardableResult
    public func record(_ poll: PollRecord) throws(HistoryError) -> RecordOutcome {
        try perform { () throws -> RecordOutcome in
            try queue.writeWithoutTransaction { db in
                var outcome = RecordOutcome()
                try db.inTransaction(.immediate) {
                    let polledAt = poll.polledAt.timeIntervalSince1970
                    try db.cachedStatement(sql: "INSERT INTO polls (chat_id, polled_at) VALUES (?, ?)")
                        .run([.text(poll.chatID), .real(polledAt)], in: db)
                    let last = try Self.lastRows(db, chatID: poll.chatID, present: poll.participants.map(\.handle))
                    let plan = RecordPlan.plan(for: poll, last: last.mapValues { $0.point })
                    // Multi-row statements: one step per 50 rows instead of one per row. Rows inserted by one
                    // statement into a table without AUTOINCREMENT take consecutive rowids after the largest
                    // (sqlite.org/autoinc.html), and the IMMEDIATE transaction keeps other writers out.
                    let chat = BoundValue.text(poll.chatID)
                    let time = BoundValue.real(polledAt)
                    for start in stride(from: 0, to: plan.inserts.count, by: 50) {
                        let chunk = plan.inserts[start..<min(plan.inserts.count, start + 50)]
                        var values: [BoundValue] = []
                        values.reserveCapacity(chunk.count * 11)
                        for point in chunk {
                            values += [
                                chat, .text(point.handle), .integer(Int64(point.kind.rawValue)),
                                .real(point.coordinate.latitude), .real(point.coordinate.longitude),
                                .real(point.coordinate.altitude), .text(point.locality), .text(point.address),
                                .real(point.updatedAt?.timeIntervalSince1970), time, time,
                            ]
                            if point.kind == .stopped { outcome.stops += 1 } else { outcome.fixes += 1 }
                        }
                        try db.cachedStatement(sql: Self.insertPoints(count: chunk.count)).run(values, in: db)
                        let lastID = db.lastInsertedRowID
                        var pointers: [BoundValue] = []
                        pointers.reserveCapacity(chunk.count * 4)
                        for (offset, point) in chunk.enumerated() {
                            pointers += [
                                chat, .text(point.handle), .integer(lastID - Int64(chunk.count - 1 - offset)),
                                .integer(point.isPosition ? 1 : 0),
                            ]
                        }
                        try db.cachedStatement(sql: Self.insertLatest(count: chunk.count)).run(pointers, in: db)
                    }
                    // Who stopped or started again: only their `is_position` changes, and with it `latest_sharing`.
                    for (sharing, kind) in [(0, TrackPoint.Kind.stopped), (1, .started)] {
                        let handles = plan.inserts.filter { $0.kind == kind }.map { BoundValue.text($0.handle) }
                        for start in stride(from: 0, to: handles.count, by: 500) {
                            let chunk = handles[start..<min(handles.count, start + 500)]
                            try db.cachedStatement(sql: Self.setSharing(count: chunk.count))
                                .run([.integer(Int64(sharing)), chat] + chunk, in: db)
                        }
                    }
                    let ids = plan.touched.compactMap { last[$0]?.id }
                    for start in stride(from: 0, to: ids.count, by: 500) {
                        let chunk = ids[start..<min(ids.count, start + 500)]
                        try db.cachedStatement(sql: Self.touch(count: chunk.count))
                            .run([time] + chunk.map { .integer($0) }, in: db)
                    }
                    outcome.unchanged = ids.count
                    return .commit
                }
                return outcome
            }
        }
    }

    public func tracks(chatID: String, from: Date?, until: Date?) throws(HistoryError) -> [Track] {
        try perform { () throws -> [Track] in
            try queue.read { db in
                let rows = try Row.fetchCursor(
                    db,
                    sql: "SELECT \(Self.columns) FROM points WHERE chat_id = ? AND seen_at >= ? AND recorded_at <= ?"
                        + " ORDER BY handle, recorded_at, id",
                    arguments: [
                        chatID, from?.timeIntervalSince1970 ?? -Double.greatestFiniteMagnitude,
                        until?.timeIntervalSince1970 ?? Double.greatestFiniteMagnitude,
                    ])
                var tracks: [Track] = []
                while let row = try rows.next() {
                    let point = Self.point(row)
                    if tracks.last?.handle == point.handle {
                        tracks[tracks.count - 1].points.append(point)
                    } else {
                        tracks.append(Track(chatID: chatID, handle: point.handle, points: [point]))
                    }
                }
                return tracks
            }
        }
    }

    public func trails(chatID: String, from: Date, until: Date?) throws(HistoryError) -> [Trail] {
        try perform { () throws -> [Trail] in
            try queue.read { db in
                // The covering index answers this alone, stops left out and each row's time (`updated_at`, else the
                // poll's) worked out by SQLite. Rows are stepped and read straight from the statement
                // (sqlite.org/c3ref/column_blob.html), as GRDB's own fast paths do: building `Row`s and hashing each
                // row's handle cost more than SQLite's work (see `TrailCollector`).
                let statement = try db.cachedStatement(
                    sql: "SELECT kind, handle, lat, lon, COALESCE(updated_at, recorded_at), recorded_at FROM points"
                        + " WHERE chat_id = ? AND seen_at >= ? AND recorded_at <= ? AND kind != ?")
                try statement.setArguments([
                    chatID, from.timeIntervalSince1970,
                    until?.timeIntervalSince1970 ?? Double.greatestFiniteMagnitude, TrackPoint.Kind.stopped.rawValue,
                ])
                let sqlite = statement.sqliteStatement
                defer { sqlite3_reset(sqlite) }
                var collector = TrailCollector()
                let started = Int32(TrackPoint.Kind.started.rawValue)
                while true {
                    let code = sqlite3_step(sqlite)
                    guard code == SQLITE_ROW else {
                        if code == SQLITE_DONE { break }
                        throw DatabaseError(resultCode: ResultCode(rawValue: code), message: db.lastErrorMessage)
                    }
                    collector.add(
                        handle: UnsafeRawBufferPointer(
                            start: sqlite3_column_text(sqlite, 1), count: Int(sqlite3_column_bytes(sqlite, 1))),
                        recordedAt: sqlite3_column_double(sqlite, 5),
                        point: TrailPoint(
                            position: LatLon(
                                lat: sqlite3_column_double(sqlite, 2), lon: sqlite3_column_double(sqlite, 3)),
                            time: Date(timeIntervalSince1970: sqlite3_column_double(sqlite, 4)),
                            startsSegment: sqlite3_column_int(sqlite, 0) == started))
                }
                return collector.trails()
            }
        }
    }

    public func moment(chatID: String, at instant: Date) throws(HistoryError) -> HistoryMoment {
        try perform { () throws -> HistoryMoment in
            try queue.read { db in
                let time = instant.timeIntervalSince1970
                let polled = try Double.fetchOne(
                    db, sql: "SELECT MAX(polled_at) FROM polls WHERE chat_id = ? AND polled_at <= ?",
                    arguments: [chatID, time])
                let previous = try polled.flatMap {
                    try Double.fetchOne(
                        db, sql: "SELECT MAX(polled_at) FROM polls WHERE chat_id = ? AND polled_at < ?",
                        arguments: [chatID, $0])
                }
                let next = try Double.fetchOne(
                    db, sql: "SELECT MIN(polled_at) FROM polls WHERE chat_id = ? AND polled_at > ?",
                    arguments: [chatID, polled ?? time])
                var participants: [Participant] = []
                if let polled {
                    // The row current at a poll is the one recorded at or before it and seen at or after it: every
                    // poll moves the current fix's `seen_at` on, and a stop's row is never seen again.
                    let rows = try Row.fetchAll(
                        db,
                        sql:
                            "SELECT \(Self.columns) FROM points WHERE chat_id = ? AND seen_at >= ? AND recorded_at <= ?"
                            + " ORDER BY handle, recorded_at DESC, id DESC",
                        arguments: [chatID, polled, polled])
                    var seen = Set<String>()
                    participants = rows.map(Self.point).filter { seen.insert($0.handle).inserted }
                        .filter(\.isPosition).map(\.participant)
                }
                return HistoryMoment(
                    polledAt: polled.map(Date.init(timeIntervalSince1970:)),
                    previousPoll: previous.map(Date.init(timeIntervalSince1970:)),
                    nextPoll: next.map(Date.init(timeIntervalSince1970:)),
                    snapshot: LocationSnapshot(participants: participants))
            }
        }
    }

    public func lastPoints(chatID: String) throws(HistoryError) -> [TrackPoint] {
        try perform { () throws -> [TrackPoint] in
            try queue.read { db in
                try Self.latestRows(db, chatID: chatID).values.map(\.point).sorted { $0.handle < $1.handle }
            }
        }
    }

    @discardableResult
    public func prune(before cutoff: Date) throws(HistoryError) -> Int {
        try perform { () throws -> Int in
            try queue.writeWithoutTransaction { db in
                var removed = 0
                try db.inTransaction(.immediate) {
                    removed = try Self.prune(db, before: cutoff)
                    return .commit
                }
                return removed
            }
        }
    }

    /// Deletes the rows and polls last seen before `cutoff`, and the pointers to deleted rows; returns how many
    /// rows went. One full scan of each table: `PruneSchedule` runs it once a day.
    private static func prune(_ db: Database, before cutoff: Date) throws -> Int {
        let time = cutoff.timeIntervalSince1970
        try db.execute(sql: "DELETE FROM points WHERE seen_at < ?", arguments: [time])
        let removed = db.changesCount
        try db.execute(sql: "DELETE FROM polls WHERE polled_at < ?", arguments: [time])
        try db.execute(sql: "DELETE FROM latest WHERE point_id NOT IN (SELECT id FROM points)")
        return removed
    }

    /// Deletes what `prune(before:)` deletes, `keep` before `now`, when `PruneSchedule` says it is due; returns how
    /// many rows went, or nil when it was not due. When it ran is kept in the file, so every program writing it
    /// shares the schedule.
    @discardableResult
    public func pruneIfDue(keep: Duration, now: Date) throws(HistoryError) -> Int? {
        try maintain(task: "prune", now: now) { db in
            try Self.prune(db, before: now.addingTimeInterval(-Double(keep.components.seconds)))
        }
    }

    /// Runs `work` in one write transaction when `task` is due at `now` (`PruneSchedule`), and notes that it ran;
    /// nil when it was not due. Deciding and working in one `BEGIN IMMEDIATE` lets one writer of several do it.
    func maintain(task: String, now: Date, work: (Database) throws -> Int) throws(HistoryError) -> Int? {
        try perform { () throws -> Int? in
            try queue.writeWithoutTransaction { db in
                var result: Int?
                try db.inTransaction(.immediate) {
                    let last = try Double.fetchOne(
                        db, sql: Self.lastDone, arguments: [task])
                    guard PruneSchedule.isDue(lastPrunedAt: last.map(Date.init(timeIntervalSince1970:)), now: now)
                    else { return .commit }
                    result = try work(db)
                    try db.execute(
                        sql: "INSERT OR REPLACE INTO maintenance (task, done_at) VALUES (?, ?)",
                        arguments: [task, now.timeIntervalSince1970])
                    return .commit
                }
                return result
            }
        }
    }

    // MARK: Rows

    private static func insertPoints(count: Int) -> String {
        "INSERT INTO points (chat_id, handle, kind, lat, lon, altitude, locality, address, updated_at, recorded_at,"
            + " seen_at) VALUES "
            + Array(repeating: "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", count: count).joined(separator: ", ")
    }

    private static func insertLatest(count: Int) -> String {
        // An upsert that sets `point_id` alone: a moved participant's row changes in place, and SQLite leaves an
        // index alone when an UPDATE sets none of its columns (a REPLACE deleted and inserted the row, and so its
        // `latest_sharing` entry, at every fix).
        "INSERT INTO latest (chat_id, handle, point_id, is_position) VALUES "
            + Array(repeating: "(?, ?, ?, ?)", count: count).joined(separator: ", ")
            + " ON CONFLICT (chat_id, handle) DO UPDATE SET point_id = excluded.point_id"
    }

    private static let columns =
        "id, handle, kind, lat, lon, altitude, locality, address, updated_at, recorded_at, seen_at"

    private static let prefixedColumns = columns.split(separator: ",")
        .map { "p." + $0.trimmingCharacters(in: .whitespaces) }.joined(separator: ", ")

    private static func point(_ row: Row) -> TrackPoint {
        let updatedAt: Double? = row[8]
        let seenAt: Double = row[10]
        return TrackPoint(
            kind: TrackPoint.Kind(rawValue: row[2]) ?? .fix, handle: row[1],
            coordinate: Coordinate(longitude: row[4], latitude: row[3], altitude: row[5]), locality: row[6],
            address: row[7], updatedAt: updatedAt.map(Date.init(timeIntervalSince1970:)),
            recordedAt: Date(timeIntervalSince1970: row[9]), seenAt: Date(timeIntervalSince1970: seenAt))
    }

    /// The chat's latest row of each participant still sharing, and of each of `handles` (a poll's) who stopped:
    /// every row `RecordPlan` looks at, read through the `latest_sharing` index and the primary key, so a poll costs
    /// what its own participants cost, however many handles the chat had before.
    private static func lastRows(_ db: Database, chatID: String, present handles: [String]) throws -> [String: Latest] {
        // NB: without statistics (no ANALYZE) SQLite's planner prefers the primary key's `chat_id` prefix, which
        // walks every handle the chat ever had; `INDEXED BY` holds it to the partial index (seen with EXPLAIN QUERY
        // PLAN; sqlite.org/lang_indexedby.html).
        var result = try latestRows(
            db, chatID: chatID, condition: sharing, index: "latest_sharing", capacity: handles.count)
        var asked = Set<String>()
        let missing = handles.filter { result[$0] == nil && asked.insert($0).inserted }
        for start in stride(from: 0, to: missing.count, by: 500) {
            let chunk = missing[start..<min(missing.count, start + 500)]
            result.merge(
                try latestRows(
                    db, chatID: chatID, condition: returning(count: chunk.count),
                    arguments: StatementArguments(Array(chunk))),
                uniquingKeysWith: { first, _ in first })
        }
        return result
    }

    /// A participant's latest row and its id.
    private typealias Latest = (id: Int64, point: TrackPoint)

    /// The `latest` rows of those still sharing (`latest_sharing` holds only them).
    private static let sharing = "l.is_position = 1"

    /// The `latest` rows of `count` handles (bound after the chat) that stopped sharing.
    private static func returning(count: Int) -> String {
        "l.is_position = 0 AND l.handle IN (" + Array(repeating: "?", count: count).joined(separator: ",") + ")"
    }

    /// The rows of a chat (the first parameter) whose `latest` row (`l`) meets `condition`, read through `index`
    /// (`latest_sharing`; or nil: the primary key).
    private static func latestQuery(_ condition: String, index: String? = nil) -> String {
        "SELECT \(prefixedColumns) FROM latest l \(index.map { "INDEXED BY \($0)" } ?? "")"
            + " JOIN points p ON p.id = l.point_id WHERE l.chat_id = ? AND \(condition)"
    }

    /// The queries recording a poll runs whose cost could grow with the file, for tests of their query plans.
    static var recordingQueries: [String] {
        [
            latestQuery(sharing, index: "latest_sharing"), latestQuery(returning(count: 3)), touch(count: 3),
            setSharing(count: 3),
            lastDone,
        ]
    }

    /// When a maintenance task (bound) last ran.
    private static let lastDone = "SELECT done_at FROM maintenance WHERE task = ?"

    /// Sets `is_position` (the first parameter) of `count` handles of a chat (the second).
    private static func setSharing(count: Int) -> String {
        "UPDATE latest SET is_position = ? WHERE chat_id = ? AND handle IN ("
            + Array(repeating: "?", count: count).joined(separator: ",") + ")"
    }

    /// Moves the `seen_at` of `count` rows (by id, bound after the time) to the poll's time.
    private static func touch(count: Int) -> String {
        "UPDATE points SET seen_at = ? WHERE id IN (" + Array(repeating: "?", count: count).joined(separator: ",") + ")"
    }

    /// The chat's latest row per handle, of the handles whose `latest` row meets `condition` (SQL over `l`).
    private static func latestRows(
        _ db: Database, chatID: String, condition: String = "1", index: String? = nil,
        arguments: StatementArguments = [], capacity: Int = 0
    ) throws -> [String: Latest] {
        let rows = try Row.fetchCursor(db, sql: latestQuery(condition, index: index), arguments: [chatID] + arguments)
        // Reserved for the poll's handles (most still share): 10,000 rows grew the table fourteen times.
        var result: [String: Latest] = Dictionary(minimumCapacity: capacity)
        while let row = try rows.next() {
            let point = point(row)
            result[point.handle] = (row[0], point)
        }
        return result
    }

    // MARK: Files and errors

    /// Creates the folder (0700) and an empty file (0600) before SQLite opens it, so SQLite's own mode (0644
    /// less the umask) never applies; an existing file keeps its contents.
    private static func createPrivately(_ file: URL) throws(HistoryError) {
        do {
            try PrivateFiles.makeFolder(file.deletingLastPathComponent())
        } catch {
            throw .readOnly(path: file.path, reason: error.reason)
        }
        let descriptor = open(file.path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            let reason = String(cString: strerror(errno))
            if errno == ENOSPC { throw .full(path: file.path) }
            throw .readOnly(path: file.path, reason: reason)
        }
        close(descriptor)
    }

    func perform<T>(_ body: () throws -> T) throws(HistoryError) -> T {
        do {
            return try body()
        } catch let error as HistoryError {
            throw error
        } catch {
            throw Self.historyError(error, path: file.path)
        }
    }

    static func historyError(_ error: any Error, path: String) -> HistoryError {
        guard let error = error as? DatabaseError else { return .failed(path: path, reason: "\(error)") }
        switch error.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED: return .locked(path: path)
        case .SQLITE_READONLY, .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_AUTH:
            return .readOnly(path: path, reason: error.message ?? "read-only")
        case .SQLITE_FULL: return .full(path: path)
        case .SQLITE_CORRUPT, .SQLITE_NOTADB: return .corrupt(path: path)
        default: return .failed(path: path, reason: error.message ?? "\(error.resultCode)")
        }
    }
}
