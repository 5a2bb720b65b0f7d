import FlyingFox
import Foundation
import LinqHTTP
import LinqModel
import Synchronization
import Testing

/// One request as a test server saw it.
struct RecordedRequest: Sendable {
    var method: String
    var path: String
    var query: [String: String]
    var headers: [String: String]
}

/// The requests a test server has seen, in arrival order, plus a stream that yields each as it arrives.
final class RequestLog: Sendable {
    private let requests = Mutex<[RecordedRequest]>([])
    private let continuation: AsyncStream<RecordedRequest>.Continuation
    /// Yields every request when it arrives; tests await it instead of sleeping.
    let arrivals: AsyncStream<RecordedRequest>

    init() {
        (arrivals, continuation) = AsyncStream.makeStream(bufferingPolicy: .unbounded)
    }

    func append(_ request: RecordedRequest) {
        requests.withLock { $0.append(request) }
        continuation.yield(request)
    }

    var all: [RecordedRequest] { requests.withLock { $0 } }
    var count: Int { requests.withLock { $0.count } }
}

/// A loopback FlyingFox server for client tests: `handler` gets each request and its 0-based index.
/// Until FakeLinq (built in parallel) lands, this stands in for its scenarios.
enum TestServer {
    typealias Handler = @Sendable (HTTPRequest, Int) async throws -> HTTPResponse

    /// Runs `body` with the server's base URL (`http://127.0.0.1:<port>`) and request log, then stops it.
    @discardableResult
    static func serving<T>(
        _ handler: @escaping Handler, body: (URL, RequestLog) async throws -> T
    ) async throws -> T {
        let log = RequestLog()
        let counter = Mutex(0)
        let server = HTTPServer(
            address: try .inet(ip4: "127.0.0.1", port: 0), logger: .disabled,
            handler: ClosureHTTPHandler { request in
                var headers: [String: String] = [:]
                for (name, value) in request.headers { headers[name.rawValue.lowercased()] = value }
                var query: [String: String] = [:]
                for item in request.query { query[item.name] = item.value }
                log.append(
                    RecordedRequest(method: request.method.rawValue, path: request.path, query: query, headers: headers)
                )
                let index = counter.withLock { count in
                    defer { count += 1 }
                    return count
                }
                return try await handler(request, index)
            })
        let task = Task { try await server.run() }
        defer { task.cancel() }  // NB: cancelling is instant; stop(timeout:) waits for keep-alive (NOTES §5)
        try await server.waitUntilListening()
        guard case .ip4(_, let port) = await server.listeningAddress, let url = URL(string: "http://127.0.0.1:\(port)")
        else {
            throw CancellationError()
        }
        return try await body(url, log)
    }

    /// A JSON response.
    static func json(_ status: Int, _ text: String, headers: [String: String] = [:]) -> HTTPResponse {
        var all = HTTPHeaders()
        all[HTTPHeader("Content-Type")] = "application/json"
        for (name, value) in headers { all[HTTPHeader(name)] = value }
        return HTTPResponse(statusCode: HTTPStatusCode(status, phrase: "Status"), headers: all, body: Data(text.utf8))
    }

    /// A Linq error envelope with the given status and code.
    static func apiError(_ status: Int, code: Int, headers: [String: String] = [:]) -> HTTPResponse {
        json(
            status,
            #"{"success":false,"error":{"status":\#(status),"code":\#(code),"message":"failure \#(code)","doc_url":"https://docs.example/\#(code)"}}"#,
            headers: headers)
    }
}

enum Fixtures {
    static let chatID = "975d0776-bd17-4273-8337-f346b4c661b0"
    static let apiKey = "sk-test-SECRET-4f9a"

    static let locationBody = #"""
        {"success":true,"data":{"type":"FeatureCollection","features":[
          {"type":"Feature","geometry":{"type":"Point","coordinates":[151.2093,-33.8688]},
           "properties":{"handle":"+61255501234","locality":"Sydney","updated_at":"2026-11-28T10:00:00Z"}},
          {"type":"Feature","geometry":{"type":"Point","coordinates":[-0.1276,51.5072,35]},
           "properties":{"handle":"ana@example.com","address":null}}]}}
        """#
}

func client(
    _ baseURL: URL, retry: RetryPolicy = .none, timeout: Duration = .seconds(20),
    clock: RecordingClock = RecordingClock(),
    seed: UInt64 = 1, now: Date = Date(timeIntervalSince1970: 1_795_860_000)
) -> LinqHTTPClient {
    LinqHTTPClient(
        configuration: ClientConfiguration(
            baseURL: baseURL, apiKey: Fixtures.apiKey, userAgent: "linq-map/9.9.9-test", timeout: timeout, retry: retry),
        clock: clock, random: SplitMix64(seed: seed), now: { now })
}

/// Collects progress events in order.
final class ProgressLog: Sendable {
    private let events = Mutex<[FetchProgress]>([])
    func record(_ event: FetchProgress) { events.withLock { $0.append(event) } }
    var all: [FetchProgress] { events.withLock { $0 } }
}
