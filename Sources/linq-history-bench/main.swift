import Foundation
import History
import HistorySQLite
import LinqModel

// Times the history database and prints medians and minimums in milliseconds (issue 12's targets: recording a poll
// of 1,000 participants in 5 ms or less; loading 24 hours of 5 s polls of 10 participants for trails in 50 ms or
// less). Run in release: `swift run -c release linq-history-bench [runs]` (default 50). The files live in a fresh
// temporary folder, removed at the end.

let runs = max(5, CommandLine.arguments.dropFirst().compactMap { Int($0) }.first ?? 50)
let clock = ContinuousClock()
let folder = FileManager.default.temporaryDirectory.appendingPathComponent("linq-history-bench-\(getpid())")
try? FileManager.default.removeItem(at: folder)
defer { try? FileManager.default.removeItem(at: folder) }
let chat = "975d0776-bd17-4273-8337-f346b4c661b0"
let start = Date(timeIntervalSince1970: 1_796_000_000)

func milliseconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
}

func format(_ value: Double) -> String { String(format: "%.3f", value) }

/// Times `body(run)` `runs` times after one warm-up call; the median and the minimum in milliseconds.
func measure(_ body: (Int) throws -> Void) rethrows -> (median: Double, min: Double) {
    try body(-1)
    var samples: [Double] = []
    for run in 0..<runs {
        let before = clock.now
        try body(run)
        samples.append(milliseconds(clock.now - before))
    }
    samples.sort()
    return (samples[samples.count / 2], samples[0])
}

/// Participant `index` of `count`, spread over a city, `step` metres-ish further along at each poll.
func participant(_ index: Int, poll: Int, moving: Bool) -> Participant {
    let drift = moving ? Double(poll) * 1e-4 : 0
    return Participant(
        handle: "+1415555\(String(format: "%04d", index))",
        coordinate: Coordinate(
            longitude: -122.4 + Double(index % 100) * 1e-3 + drift, latitude: 37.7 + Double(index / 100) * 1e-3),
        address: "\(index) Market St", locality: "San Francisco",
        updatedAt: start.addingTimeInterval(moving ? Double(poll) * 5 : 0))
}

// `--profile-record` only records polls of 1,000 moving participants in a loop, for a profiler.
if CommandLine.arguments.contains("--profile-record") {
    do {
        let store = try SQLiteHistoryStore(file: folder.appendingPathComponent("profile.sqlite"))
        for poll in 0..<300 {
            let participants = (0..<1000).map { participant($0, poll: poll, moving: true) }
            try store.record(
                PollRecord(
                    chatID: chat, polledAt: start.addingTimeInterval(Double(poll) * 5), participants: participants))
        }
    } catch {
        print("history bench failed: \(error)")
    }
    try? FileManager.default.removeItem(at: folder)
    exit(0)
}

/// A store holding 24 hours (17,280 polls 5 s apart) of 10 participants with a new fix every `everyPolls` polls;
/// returns the store and the instant the day ends.
func dayOfPolls(everyPolls: Int) throws -> (store: SQLiteHistoryStore, end: Date) {
    let store = try SQLiteHistoryStore(file: folder.appendingPathComponent("trails-\(everyPolls).sqlite"))
    for poll in 0..<17_280 {
        let participants = (0..<10).map { index in
            participant(index, poll: poll / everyPolls * everyPolls, moving: true)
        }
        try store.record(
            PollRecord(chatID: chat, polledAt: start.addingTimeInterval(Double(poll) * 5), participants: participants))
    }
    return (store, start.addingTimeInterval(17_280 * 5))
}

// `--profile-trails` only loads the worst-case day of trails in a loop, for a profiler.
if CommandLine.arguments.contains("--profile-trails") {
    do {
        let (store, end) = try dayOfPolls(everyPolls: 1)
        for _ in 0..<runs { _ = try store.trails(chatID: chat, from: end.addingTimeInterval(-86_400), until: nil) }
    } catch {
        print("history bench failed: \(error)")
    }
    try? FileManager.default.removeItem(at: folder)
    exit(0)
}

do {
    // Recording: a poll of 1,000 participants, every one moved (1,000 new rows), then none moved (1,000 touched).
    let store = try SQLiteHistoryStore(file: folder.appendingPathComponent("record.sqlite"))
    // The polls are built before the clock starts: only `record` is timed.
    let movedPolls = (0...runs).map { run in
        PollRecord(
            chatID: chat, polledAt: start.addingTimeInterval(Double(run + 1) * 5),
            participants: (0..<1000).map { participant($0, poll: run + 1, moving: true) })
    }
    let stillPolls = (0...runs).map { run in
        PollRecord(
            chatID: chat, polledAt: start.addingTimeInterval(Double(runs + run + 2) * 5),
            participants: (0..<1000).map { participant($0, poll: 0, moving: false) })
    }
    let moved = try measure { run in try store.record(movedPolls[run + 1]) }
    let still = try measure { run in try store.record(stillPolls[run + 1]) }
    print("| history operation | median ms | min ms | target |")
    print("|---|---|---|---|")
    print("| record a poll of 1,000 participants, all moved | \(format(moved.median)) | \(format(moved.min)) | <= 5 |")
    print("| record a poll of 1,000 participants, none moved | \(format(still.median)) | \(format(still.min)) | <= 5 |")

    // Trails: 24 hours of 5 s polls (17,280) of 10 participants, loaded for the last 24 hours.
    for (name, everyPolls) in [("a new fix every poll (worst case)", 1), ("a new fix every minute (Find My)", 12)] {
        let (trails, end) = try dayOfPolls(everyPolls: everyPolls)
        var rows = 0
        let load = try measure { _ in
            let loaded = try trails.trails(chatID: chat, from: end.addingTimeInterval(-86_400), until: nil)
            rows = loaded.reduce(0) { $0 + $1.points.count }
        }
        print(
            "| load 24 h of 5 s polls of 10 participants, \(name): \(rows) fixes | \(format(load.median)) | \(format(load.min)) | <= 50 |"
        )
    }
    print("")
    print("\(runs) runs per row; release build recommended.")
} catch {
    print("history bench failed: \(error)")
    exit(1)
}
