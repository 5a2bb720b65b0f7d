import Foundation
import Synchronization
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Refuses every redirect, so a 3xx reaches the test as it is.
final class RefuseRedirects: NSObject, URLSessionTaskDelegate, Sendable {
    func urlSession(
        _ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
        newRequest request: URLRequest, completionHandler: @escaping (URLRequest?) -> Void
    ) {
        completionHandler(nil)
    }
}

/// A plain URLSession client over real loopback, as a test needs it.
enum LoopbackClient {
    static let session = URLSession(configuration: .ephemeral, delegate: RefuseRedirects(), delegateQueue: nil)

    /// One request; `key` nil sends no Authorization header.
    static func send(
        _ url: URL, method: String = "GET", key: String? = "test-key", headers: [String: String] = [:],
        timeout: TimeInterval = 20
    ) async throws -> (Data, HTTPURLResponse) {
        var request = URLRequest(url: url)
        request.httpMethod = method
        request.timeoutInterval = timeout
        if let key {
            request.setValue("Bearer \(key)", forHTTPHeaderField: "Authorization")
        }
        for (name, value) in headers {
            request.setValue(value, forHTTPHeaderField: name)
        }
        let (data, response) = try await session.data(for: request)
        let http = try #require(response as? HTTPURLResponse)
        return (data, http)
    }

    /// The location endpoint of `chatID` under `base`.
    static func locationURL(_ base: URL, chat chatID: String) -> URL {
        base.appendingPathComponent("v3/chats/\(chatID)/location")
    }

    /// The body as a JSON object.
    static func object(_ data: Data) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    /// `data.features` of a success envelope.
    static func features(_ data: Data) throws -> [[String: Any]] {
        let envelope = try object(data)
        #expect(envelope["success"] as? Bool == true)
        let collection = try #require(envelope["data"] as? [String: Any])
        #expect(collection["type"] as? String == "FeatureCollection")
        return try #require(collection["features"] as? [[String: Any]])
    }

    /// `error` of an error envelope: (status, code).
    static func apiError(_ data: Data) throws -> (status: Int, code: Int) {
        let envelope = try object(data)
        #expect(envelope["success"] as? Bool == false)
        let error = try #require(envelope["error"] as? [String: Any])
        #expect((error["doc_url"] as? String)?.hasPrefix("https://docs.linqapp.com/") == true)
        #expect(error["message"] is String)
        return (try #require(error["status"] as? Int), try #require(error["code"] as? Int))
    }

    /// Reads at most about `limit` bytes of the body, then cancels: for huge and endless bodies.
    static func prefix(of url: URL, limit: Int) async throws -> (response: HTTPURLResponse, bytes: Int) {
        let counter = ByteCounter(limit: limit)
        let session = URLSession(configuration: .ephemeral, delegate: counter, delegateQueue: nil)
        defer { session.invalidateAndCancel() }
        var request = URLRequest(url: url)
        request.setValue("Bearer test-key", forHTTPHeaderField: "Authorization")
        return try await counter.run(session.dataTask(with: request))
    }
}

/// Counts body bytes and cancels the task once past `limit`, exactly once.
final class ByteCounter: NSObject, URLSessionDataDelegate, Sendable {
    private struct State {
        var bytes = 0
        var response: HTTPURLResponse?
        var isCancelled = false
        var continuation: CheckedContinuation<(response: HTTPURLResponse, bytes: Int), any Error>?
    }

    private let limit: Int
    private let state = Mutex(State())

    init(limit: Int) {
        self.limit = limit
    }

    func run(_ task: URLSessionDataTask) async throws -> (response: HTTPURLResponse, bytes: Int) {
        try await withCheckedThrowingContinuation { continuation in
            state.withLock { $0.continuation = continuation }
            task.resume()
        }
    }

    func urlSession(
        _ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
        completionHandler: @escaping (URLSession.ResponseDisposition) -> Void
    ) {
        state.withLock { $0.response = response as? HTTPURLResponse }
        completionHandler(.allow)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        let shouldCancel = state.withLock { state -> Bool in
            state.bytes += data.count
            guard state.bytes >= limit, !state.isCancelled else { return false }
            state.isCancelled = true
            return true
        }
        if shouldCancel {
            dataTask.cancel()
        }
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
        let (continuation, result) = state.withLock { state in
            defer { state.continuation = nil }
            return (state.continuation, (state.response, state.bytes, state.isCancelled))
        }
        if let response = result.0, error == nil || result.2 {
            continuation?.resume(returning: (response, result.1))
        } else {
            continuation?.resume(throwing: error ?? URLError(.badServerResponse))
        }
    }
}
