import Foundation
import History
import HistorySQLite
import LinqModel
import LocalFiles
import Testing

struct HistoryRecorderTests {
    static let snapshot = LocationSnapshot(participants: [SQLiteHistoryStoreTests.ana()], warnings: ["earlier"])

    @Test func defaultFileIsUnderTheStateFolder() {
        let directories = XDGDirectories(environment: ["HOME": "/home/ana"])
        #expect(HistoryLocation.defaultFile(directories).path == "/home/ana/.local/state/linq-map/history.sqlite")
        let custom = XDGDirectories(environment: ["HOME": "/home/ana", "XDG_STATE_HOME": "/var/s"])
        #expect(HistoryLocation.defaultFile(custom).path == "/var/s/linq-map/history.sqlite")
    }

    /// `openingSoon`: `--once` opens the database while it fetches (`openSoon`); the first poll then finds it open.
    @Test(arguments: [false, true]) func recordsAndPrunesAtTheFirstPoll(openingSoon: Bool) async throws {
        let folder = try TemporaryFolder()
        let old = try SQLiteHistoryStore(file: folder.file())
        try old.record(SQLiteHistoryStoreTests.poll(-40 * 86_400, [SQLiteHistoryStoreTests.ben]))
        let recorder = HistoryRecorder(file: folder.file(), keep: .seconds(30 * 86_400))
        let start = SQLiteHistoryStoreTests.start
        if openingSoon { recorder.openSoon(now: start) }
        let result = await recorder.recorded(Self.snapshot, chatID: SQLiteHistoryStoreTests.chat, polledAt: start)
        #expect(result == Self.snapshot)
        let tracks = try old.tracks(chatID: SQLiteHistoryStoreTests.chat, from: nil, until: nil)
        #expect(tracks.map(\.handle) == ["+14155550101"])
    }

    @Test(arguments: [false, true]) func aCorruptFileTurnsRecordingOffWithAWarningEveryPoll(openingSoon: Bool)
        async throws
    {
        let folder = try TemporaryFolder()
        try Data(repeating: 1, count: 4096).write(to: folder.file())
        let recorder = HistoryRecorder(file: folder.file(), keep: .seconds(86_400))
        let chat = SQLiteHistoryStoreTests.chat
        // Opened early or at the first poll, the failure is reported by the first poll.
        if openingSoon { recorder.openSoon(now: SQLiteHistoryStoreTests.start) }
        let first = await recorder.recorded(Self.snapshot, chatID: chat, polledAt: SQLiteHistoryStoreTests.start)
        #expect(first.participants == Self.snapshot.participants)
        #expect(first.warnings.count == 2)
        #expect(first.warnings.last?.hasPrefix("history off: history \(folder.file().path) is not a readable") == true)
        let second = await recorder.record(Self.snapshot, chatID: chat, polledAt: SQLiteHistoryStoreTests.start)
        #expect(second == first.warnings.last)
    }
}
