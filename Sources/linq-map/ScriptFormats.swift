import Contacts
import Foundation
import HistorySQLite
import LinqHTTP
import LinqModel
import LocalFiles
import MapApp
import ScriptFormats
import SnapshotCache
import TextUI

/// What `--once` fetched (or found fresh in the cache): each chat's locations, the contact names of their
/// handles, and the instant the ages are measured from.
struct OnceBatch: Sendable {
    /// The chats, in command-line order.
    var chats: [ChatLocations]
    /// Contact names by handle, for every handle in `chats` that a contact matches.
    var names: [String: String]
    /// The moment ages are computed for.
    var now: Date
    /// The history recordings of the fresh fetches, each ending with its warning line or nil.
    var recordings: [Task<String?, Never>] = []

    /// Waits for the history recordings and prints their warnings: the run ends only when its polls are stored.
    func finishRecording() async {
        for recording in recordings {
            if let warning = await recording.value { printError("linq-map: warning: \(warning)") }
        }
    }

    /// The names as an address book that matches each handle exactly, for the text frame's panel.
    var namesAsContacts: ContactBook {
        ContactBook(
            contacts: names.sorted { $0.key < $1.key }.map { handle, name in
                handle.contains("@") ? Contact(name: name, emails: [handle]) : Contact(name: name, phones: [handle])
            })
    }
}

/// The outcome of `fetchOnceBatch`: the batch, or the exit status after the error was printed.
enum OnceFetch: Sendable {
    case success(OnceBatch)
    case failure(ProgramExit)
}

extension ViewCommand {
    /// Fetches every chat of the command (several at once), taking a chat from the `--max-age` cache instead
    /// when its entry is younger than that, and storing fresh results there. Prints warnings; the first error
    /// (in chat order) is printed and ends the run with its exit status.
    func fetchOnceBatch(
        client: LinqHTTPClient, chats ids: [String], environment: [String: String], history: HistoryRecorder? = nil
    ) async -> OnceFetch {
        let cache = maxAge.map { _ in LocationCache(environment: environment) }
        let started = Date()
        var cached: [Int: LocationSnapshot] = [:]
        if let cache, let maxAge {
            for (index, id) in ids.enumerated() {
                if let entry = cache.entry(forChat: id), entry.isFresh(maxAge: .seconds(maxAge), now: started) {
                    cached[index] = entry.snapshot
                }
            }
        }
        // Opening the history database overlaps the wait for the server; nothing is opened when the cache answers.
        if cached.count < ids.count { history?.openSoon(now: started) }
        let results = await withTaskGroup(of: (Int, Result<LocationSnapshot, FetchError>).self) { group in
            for (index, id) in ids.enumerated() where cached[index] == nil {
                group.addTask {
                    do throws(FetchError) {
                        // NB: returning `(index, .success(try await ...))` in one expression lost the result in
                        // release builds of Swift 6.3.1 whenever malloc handed out reused memory (exit 70 "no
                        // result"; docs/platform-notes.md, "Memory"): the snapshot is bound first.
                        let snapshot = try await client.locations(chat: id)
                        return (index, .success(snapshot))
                    } catch {
                        return (index, .failure(error))
                    }
                }
            }
            var results: [Int: Result<LocationSnapshot, FetchError>] = [:]
            for await (index, result) in group { results[index] = result }
            return results
        }
        var chats: [ChatLocations] = []
        var recordings: [Task<String?, Never>] = []
        for (index, id) in ids.enumerated() {
            if let snapshot = cached[index] {
                chats.append(ChatLocations(chatID: id, snapshot: snapshot))
                continue
            }
            switch results[index] {
            case .success(let snapshot)?:
                for warning in snapshot.warnings(at: started).map({ redact ? Redaction.text($0, ascii: ascii) : $0 }) {
                    printError(ids.count > 1 ? "warning: \(id.prefix(8)): \(warning)" : "warning: \(warning)")
                }
                // Fresh fetches only: a cached answer was recorded when it was fetched. Recorded while the output
                // is written; `OnceBatch.finishRecording` waits for it before the run ends.
                if let history {
                    recordings.append(Task { await history.record(snapshot, chatID: id, polledAt: started) })
                }
                chats.append(ChatLocations(chatID: id, snapshot: snapshot))
                if let cache {
                    do throws(StorageError) {
                        try cache.store(CachedLocations(chatID: id, fetchedAt: started, snapshot: snapshot))
                    } catch {
                        printError("linq-map: warning: \(error.message); the next call fetches again")
                    }
                }
            case .failure(let error)?:
                printError(ids.count > 1 ? "\(id): \(error.message)" : error.message)
                return .failure(error.programExit)
            case nil:
                printError("\(id): no result")
                return .failure(.software)
            }
        }
        let handles = chats.flatMap { $0.snapshot.participants.map(\.handle) }
        let names = loadContacts(environment: environment).names(for: Array(Set(handles)).sorted())
        return .success(OnceBatch(chats: chats, names: names, now: Date(), recordings: recordings))
    }

    /// Prints `batch` in a script format (`geojson`, `status`, `tmux`, `tsv`, `json`), redacted with `--redact`,
    /// and returns true; returns false for the text frame, which the caller draws.
    func printScriptOutput(_ batch: OnceBatch) -> Bool {
        let rows = {
            ScriptRow.rows(batch.chats, names: batch.names).map { redact ? $0.redacted(ascii: ascii) : $0 }
        }
        switch format ?? .text {
        case .text: return false
        case .geojson:
            var output = namedFeatureCollection(batch)
            output.append(UInt8(ascii: "\n"))  // in place: `+` copied the whole collection
            writeOutput(output)
        case .status: writeOutput(ScriptFormat.status(rows(), now: batch.now, width: width) + "\n")
        case .tmux: writeOutput(ScriptFormat.tmux(rows(), now: batch.now, width: width) + "\n")
        case .tsv: writeOutput(ScriptFormat.tsv(rows(), now: batch.now))
        case .json: writeOutput(ScriptFormat.json(rows(), now: batch.now))
        }
        return true
    }

    /// The GeoJSON of every chat's participants, each feature's properties as the API sent them plus `chat_id`
    /// and `name` (the contact name, or null); with `--redact` as `Redaction.participant` keeps them. UTF-8.
    func namedFeatureCollection(_ batch: OnceBatch) -> [UInt8] {
        var participants: [Participant] = []
        var added: [[GeoJSONWriter.Property]] = []
        let count = batch.chats.reduce(0) { $0 + $1.snapshot.participants.count }
        // One chat as received is written from its snapshot's own array, not a copy of every participant.
        let isOneChatAsReceived = !redact && batch.chats.count == 1
        if isOneChatAsReceived {
            participants = batch.chats[0].snapshot.participants
        } else {
            participants.reserveCapacity(count)
        }
        added.reserveCapacity(count)
        for chat in batch.chats {
            for received in chat.snapshot.participants {
                if !isOneChatAsReceived {
                    participants.append(redact ? Redaction.participant(received, ascii: ascii) : received)
                }
                let name = batch.names[received.handle].map { redact ? Redaction.name($0) : $0 }
                added.append([("chat_id", .string(chat.chatID)), ("name", name.map(JSONValue.string) ?? .null)])
            }
        }
        // The received properties are written as they came, with these two set: no second reading of them.
        return GeoJSONWriter.featureCollectionUTF8(participants) { added[$0] }
    }
}
