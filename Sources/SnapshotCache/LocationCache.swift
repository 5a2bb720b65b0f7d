import Foundation
import LinqModel
import LocalFiles

/// One chat's last location result as the cache keeps it: the chat id, when it was fetched, and the
/// FeatureCollection (the chat's data only; never the key, the base URL or anything about the request).
public struct CachedLocations: Hashable, Sendable {
    /// The value of the file's `format` field; a file with another is foreign and ignored.
    public static let format = "linq-map locations cache 1"

    /// The chat id, lower case.
    public var chatID: String
    /// When the result was fetched, by the client's clock.
    public var fetchedAt: Date
    /// The decoded result.
    public var snapshot: LocationSnapshot

    /// Creates a cache entry.
    public init(chatID: String, fetchedAt: Date, snapshot: LocationSnapshot) {
        self.chatID = chatID.lowercased()
        self.fetchedAt = fetchedAt
        self.snapshot = snapshot
    }

    /// Whether the entry is younger than `maxAge` at `now`; an entry from the future (a clock set back) is not.
    public func isFresh(maxAge: Duration, now: Date) -> Bool {
        let age = now.timeIntervalSince(fetchedAt)
        let limit = Double(maxAge.components.seconds) + Double(maxAge.components.attoseconds) / 1e18
        return age >= -1 && age < limit
    }

    /// The file's bytes: one JSON object with `format`, `chat_id`, `fetched_at` and `data` (the FeatureCollection).
    public func encoded() -> Data {
        let stamp = fetchedAt.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
        let text =
            #"{"format":"# + JSONWriter.string(Self.format) + #","chat_id":"# + JSONWriter.string(chatID)
            + #","fetched_at":"# + JSONWriter.string(stamp) + #","data":"#
            + GeoJSONWriter.featureCollection(snapshot.participants) + "}\n"
        return Data(text.utf8)
    }

    /// The entry `data` holds for chat `chatID`; nil when it is corrupt, of another format, or for another chat.
    public static func decoded(_ data: Data, chatID: String) -> CachedLocations? {
        guard let json = try? JSONValue.parse(data),  // corrupt: a cache miss, and the file is replaced
            json["format"]?.stringValue == format,
            json["chat_id"]?.stringValue == chatID.lowercased(),
            let stamp = json["fetched_at"]?.stringValue, let fetchedAt = LocationDecoder.parseTimestamp(stamp),
            let collection = json["data"]
        else { return nil }
        do throws(FetchError) {
            let snapshot = try LocationDecoder.snapshot(fromSuccessBody: collection)
            return CachedLocations(chatID: chatID, fetchedAt: fetchedAt, snapshot: snapshot)
        } catch {
            return nil
        }
    }
}

/// The `--max-age` cache: one private file per chat under linq-map's XDG cache folder, written atomically.
public struct LocationCache: Sendable {
    /// The folder holding the files (`$XDG_CACHE_HOME/linq-map`, else `~/.cache/linq-map`).
    public var folder: URL

    /// A cache in `folder`.
    public init(folder: URL) {
        self.folder = folder
    }

    /// The cache in linq-map's XDG cache folder for `environment`.
    public init(environment: [String: String]) {
        self.init(folder: XDGDirectories(environment: environment).cache)
    }

    /// The file of chat `chatID`: `locations-<id>.json`, the id lower case with anything but letters, digits
    /// and `-` replaced by `_`.
    public func file(forChat chatID: String) -> URL {
        let safe = String(
            chatID.lowercased().map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") ? $0 : "_" })
        return folder.appendingPathComponent("locations-\(safe).json")
    }

    /// The cached entry of chat `chatID`, or nil when there is none or it cannot be used.
    public func entry(forChat chatID: String) -> CachedLocations? {
        guard let data = try? PrivateFiles.read(file(forChat: chatID)) else { return nil }  // unreadable: a miss
        return CachedLocations.decoded(data, chatID: chatID)
    }

    /// Stores `entry`, replacing what was there (mode 0600, folders 0700, written to a temporary name first).
    public func store(_ entry: CachedLocations) throws(StorageError) {
        try PrivateFiles.write(entry.encoded(), to: file(forChat: entry.chatID))
    }
}
