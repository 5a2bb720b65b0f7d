import Foundation
import Synchronization

/// One request as the fake server received it.
public struct RecordedRequest: Hashable, Sendable {
    /// `GET`, `POST`, ...
    public var method: String
    /// The full path, base path included (`/api/partner/v3/chats/...`), without the query.
    public var path: String
    /// Query items by name (the last one wins when a name repeats).
    public var query: [String: String]
    /// Header fields by lower-cased name (repeated fields joined with `, `).
    public var headers: [String: String]
    /// The request body (empty for GET).
    public var body: Data
    /// Wall-clock time the server finished reading the request head.
    public var receivedAt: Date

    /// Creates a record; header names are lower-cased.
    public init(
        method: String, path: String, query: [String: String] = [:], headers: [String: String] = [:],
        body: Data = Data(), receivedAt: Date
    ) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = Dictionary(headers.map { ($0.key.lowercased(), $0.value) }) { first, second in
            first + ", " + second
        }
        self.body = body
        self.receivedAt = receivedAt
    }

    /// The value of header `name`, matched case-insensitively; nil when absent.
    public func header(_ name: String) -> String? {
        headers[name.lowercased()]
    }
}

/// A thread-safe, append-only list of requests with a way to await the Nth one (no polling, no sleeps).
public final class RequestLog: Sendable {
    private struct State {
        var records: [RecordedRequest] = []
        var waiters: [(count: Int, continuation: CheckedContinuation<Void, Never>)] = []
    }

    private let state = Mutex(State())

    /// Creates an empty log.
    public init() {}

    /// Every request so far, in arrival order.
    public var all: [RecordedRequest] {
        state.withLock { $0.records }
    }

    /// How many requests arrived so far.
    public var count: Int {
        state.withLock { $0.records.count }
    }

    /// Appends `request` and wakes every waiter whose count is now reached.
    public func append(_ request: RecordedRequest) {
        let ready = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            state.records.append(request)
            let total = state.records.count
            let ready = state.waiters.filter { $0.count <= total }.map(\.continuation)
            state.waiters.removeAll { $0.count <= total }
            return ready
        }
        for continuation in ready {
            continuation.resume()
        }
    }

    /// Returns once at least `count` requests have arrived (at once if they already have), with all of them.
    /// Not cancellable: bound the calling test with a time limit.
    @discardableResult
    public func waitFor(count: Int) async -> [RecordedRequest] {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let isReady = state.withLock { state -> Bool in
                if state.records.count >= count { return true }
                state.waiters.append((count, continuation))
                return false
            }
            if isReady {
                continuation.resume()
            }
        }
        return all
    }
}
