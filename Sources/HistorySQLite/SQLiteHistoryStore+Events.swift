import Foundation
import GRDB
import Geo
import History

extension SQLiteHistoryStore: EventStore {
    /// Issue 13's `events` table, its own migration after the fixes' ones: one row per event, times in Unix seconds
    /// like the fixes, `kind` as `ChatEvent.Kind`'s words, `place` empty for the kinds without one (so the family
    /// index below can group on it).
    static func registerEventsMigration(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("events-v1") { db in
            try db.execute(
                sql: """
                    CREATE TABLE events (
                        id INTEGER PRIMARY KEY,
                        chat_id TEXT NOT NULL,
                        time REAL NOT NULL,
                        handle TEXT NOT NULL,
                        name TEXT,
                        kind TEXT NOT NULL,
                        place TEXT NOT NULL,
                        lat REAL NOT NULL,
                        lon REAL NOT NULL);
                    CREATE INDEX events_by_chat ON events(chat_id, time);
                    """)
        }
    }

    public func record(_ events: [ChatEvent]) throws(HistoryError) {
        guard !events.isEmpty else { return }
        try perform { () throws in
            try queue.write { db in
                let statement = try db.cachedStatement(
                    sql: "INSERT INTO events (chat_id, time, handle, name, kind, place, lat, lon)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                for event in events {
                    try statement.execute(arguments: [
                        event.chatID.lowercased(), event.time.timeIntervalSince1970, event.handle, event.name,
                        event.kind.rawValue, event.place ?? "", event.position.lat, event.position.lon,
                    ])
                }
            }
        }
    }

    public func events(chatID: String, since: Date?) throws(HistoryError) -> [ChatEvent] {
        try perform { () throws -> [ChatEvent] in
            try queue.read { db in
                guard try db.tableExists("events") else { return [] }
                return try Row.fetchAll(
                    db,
                    sql: "SELECT \(Self.eventColumns) FROM events WHERE chat_id = ? AND time >= ? ORDER BY time, id",
                    arguments: [chatID.lowercased(), since?.timeIntervalSince1970 ?? -Double.greatestFiniteMagnitude]
                ).compactMap(Self.event)
            }
        }
    }

    public func latestEvents(chatIDs: [String]) throws(HistoryError) -> [ChatEvent] {
        try perform { () throws -> [ChatEvent] in
            try queue.read { db in
                guard try db.tableExists("events") else { return [] }
                var events: [ChatEvent] = []
                for chatID in chatIDs {
                    // The family: 0 sharing, 1 freshness, 2 a place (grouped with its name).
                    events += try Row.fetchAll(
                        db,
                        sql: """
                            SELECT \(Self.eventColumns) FROM events WHERE id IN (
                                SELECT MAX(id) FROM events WHERE chat_id = ?
                                GROUP BY handle, place, CASE kind
                                    WHEN 'started sharing' THEN 0 WHEN 'stopped sharing' THEN 0
                                    WHEN 'stale' THEN 1 WHEN 'fresh again' THEN 1 ELSE 2 END)
                            ORDER BY time, id
                            """,
                        arguments: [chatID.lowercased()]
                    ).compactMap(Self.event)
                }
                return events
            }
        }
    }

    @discardableResult
    public func pruneEvents(before cutoff: Date) throws(HistoryError) -> Int {
        try perform { () throws -> Int in
            try queue.write { db in try Self.pruneEvents(db, before: cutoff) }
        }
    }

    /// `pruneEvents(before:)` `keep` before `now`, when `PruneSchedule` says it is due (its own schedule, beside the
    /// fixes'); nil when it was not.
    @discardableResult
    public func pruneEventsIfDue(keep: Duration, now: Date) throws(HistoryError) -> Int? {
        try maintain(task: "prune-events", now: now) { db in
            try Self.pruneEvents(db, before: now.addingTimeInterval(-Double(keep.components.seconds)))
        }
    }

    private static func pruneEvents(_ db: Database, before cutoff: Date) throws -> Int {
        try db.execute(sql: "DELETE FROM events WHERE time < ?", arguments: [cutoff.timeIntervalSince1970])
        return db.changesCount
    }

    private static let eventColumns = "chat_id, time, handle, name, kind, place, lat, lon"

    /// The event of a row; nil for a kind this build does not know (written by a newer one).
    private static func event(_ row: Row) -> ChatEvent? {
        guard let kind = ChatEvent.Kind(rawValue: row[4]) else { return nil }
        let place: String = row[5]
        return ChatEvent(
            time: Date(timeIntervalSince1970: row[1]), chatID: row[0], handle: row[2], name: row[3], kind: kind,
            place: place.isEmpty ? nil : place, position: LatLon(lat: row[6], lon: row[7]))
    }
}
