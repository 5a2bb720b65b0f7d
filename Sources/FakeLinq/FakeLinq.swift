import FlyingFox
import FlyingSocks
import Foundation
import LinqModel
import Synchronization

/// A real HTTP/1.1 server on 127.0.0.1 speaking Linq API v3, for tests, `--demo` and local development.
///
/// Routes, under `configuration.basePath`:
/// - `GET /v3/chats/{id}/location`: the chat's `Scenario`; 404/2001 for an unknown chat. Ids match in any case.
/// - `GET /v3/chats?limit=&cursor=&from=&to=`: cursor paging over the chats (`limit` 1...100, default 20);
///   `from` keeps the chats of that line (the `is_me` handle), `to` those with that participant.
/// - `GET /v3/chats/{id}`: one chat with the official SDK's fields; 404/2001 for an unknown chat.
/// - `POST /v3/chats/{id}/location/request` and `DELETE /v3/chats/{id}/location`: see `FakeLinqCore`'s
///   `requestLocation` and `stopLocation` (FakeLinq+LocationActions.swift).
/// Every route needs `Authorization: Bearer <apiKey>`, else 401/2004. Every request is recorded first.
public final class FakeLinq: Sendable {
    /// `http://127.0.0.1:PORT/api/partner` (the configured base path); clients append `/v3/...`.
    public let baseURL: URL
    /// The bound TCP port.
    public let port: UInt16

    private let core: FakeLinqCore
    private let runTask: Task<Void, Never>

    private init(baseURL: URL, port: UInt16, core: FakeLinqCore, runTask: Task<Void, Never>) {
        self.baseURL = baseURL
        self.port = port
        self.core = core
        self.runTask = runTask
    }

    /// Starts serving `configuration` on 127.0.0.1 (`port` 0 picks a free port) and returns once listening.
    public static func start(_ configuration: FakeLinqConfiguration = FakeLinqConfiguration(), port: UInt16 = 0)
        async throws -> FakeLinq
    {
        let core = FakeLinqCore(configuration: configuration)
        let server = HTTPServer(
            config: HTTPServer.Configuration(
                address: try sockaddr_in.inet(ip4: "127.0.0.1", port: port),
                timeout: 3600,  // NB: FlyingFox's handler timeout; slow-reply scenarios may wait long.
                logger: .disabled),
            handler: ClosureHTTPHandler { request in await core.handle(request) })
        // The first outcome of starting: listening, or the error that stopped it.
        let startup = Latch<Result<Void, any Error>>()
        let runTask = Task<Void, Never> {
            // NB: cancelling the run task stops at once; stop(timeout:) waits out keep-alive connections
            // (docs/platform-notes.md, "The fake server and Swift Testing").
            do {
                try await server.run()
            } catch {
                startup.resolve(.failure(FakeLinqError.cannotListen(port: port, reason: "\(error)")))
            }
        }
        let listening = Task {
            do {
                try await server.waitUntilListening()
                startup.resolve(.success(()))
            } catch {
                startup.resolve(.failure(FakeLinqError.cannotListen(port: port, reason: "\(error)")))
            }
        }
        do {
            try await (startup.wait() ?? .failure(CancellationError())).get()
            listening.cancel()
        } catch {
            listening.cancel()
            runTask.cancel()
            throw error
        }
        guard case .ip4(_, let boundPort) = await server.listeningAddress else {
            runTask.cancel()
            throw FakeLinqError.notListening
        }
        var components = URLComponents()
        components.scheme = "http"
        components.host = "127.0.0.1"
        components.port = Int(boundPort)
        components.path = configuration.basePath
        guard let url = components.url else {
            runTask.cancel()
            throw FakeLinqError.notListening
        }
        return FakeLinq(baseURL: url, port: boundPort, core: core, runTask: runTask)
    }

    /// Runs `body` with the base URL of a server serving `configuration`, and stops the server afterwards,
    /// whether `body` returns or throws.
    public static func serving<T>(
        _ configuration: FakeLinqConfiguration = FakeLinqConfiguration(), body: (URL) async throws -> T
    ) async throws -> T {
        let server = try await start(configuration)
        do {
            let result = try await body(server.baseURL)
            await server.stop()
            return result
        } catch {
            await server.stop()
            throw error
        }
    }

    /// Every request received so far, in arrival order.
    public func requests() -> [RecordedRequest] {
        core.log.all
    }

    /// The request log itself, for waiting and counting.
    public var log: RequestLog { core.log }

    /// Returns once at least `count` requests have arrived, with all requests so far. Event-driven.
    @discardableResult
    public func waitForRequests(count: Int) async -> [RecordedRequest] {
        await core.log.waitFor(count: count)
    }

    /// Switches what chat `id` answers from now on and restarts its poll count; an unknown id becomes a chat.
    public func setScenario(_ scenario: Scenario, forChat id: String) {
        core.setScenario(scenario, forChat: id)
    }

    /// How many location requests chat `id` has answered since its scenario was last set.
    public func pollCount(forChat id: String) -> Int {
        core.pollCount(forChat: id)
    }

    /// Stops listening and drops open connections; returns when the server task has ended.
    public func stop() async {
        runTask.cancel()
        await runTask.value
    }

    deinit {
        // A forgotten stop() must not leave a listening socket behind.
        runTask.cancel()
    }
}

/// Why `FakeLinq.start` failed.
public enum FakeLinqError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The socket did not report an IPv4 address after listening.
    case notListening
    /// Binding or listening on 127.0.0.1:`port` failed (for example, the port is in use).
    case cannotListen(port: UInt16, reason: String)

    /// One line for stderr.
    public var description: String {
        switch self {
        case .notListening: "the server did not report an IPv4 address"
        case .cannotListen(let port, let reason):
            "cannot listen on 127.0.0.1:\(port) (is the port in use? try --port 0): \(reason)"
        }
    }
}

/// The state behind the handler, shared by the server task and the `FakeLinq` handle.
final class FakeLinqCore: Sendable {
    /// A chat and what the server remembers about it.
    struct ChatState {
        /// The chat, with its current scenario.
        var chat: FakeChat
        /// Location requests answered since the scenario was set.
        var polls = 0
        /// When the last location request (POST) was accepted, for its rate limit.
        var lastRequestAt: Date?
        /// The poll from which the chat's other person shares after an accepted request; nil without one.
        var sharesFromPoll: Int?
    }

    /// What the server serves.
    let configuration: FakeLinqConfiguration
    /// Every request, recorded before it is answered.
    let log = RequestLog()
    let chats: Mutex<[ChatState]>
    /// The handles whose share was stopped (`DELETE .../location`): absent from every chat's later polls.
    let stoppedHandles = Mutex<Set<String>>([])
    /// The last location body of a still world (`FakeParticipant.isStill`) and what it was built from.
    let stillBody = Mutex<StillBody?>(nil)

    /// A location body kept for the next request: the same participants in the same second get the same bytes.
    struct StillBody: Sendable {
        var participants: [FakeParticipant]
        /// `now` to the second, as the participants' times are written.
        var second: String
        var data: Data
    }

    /// Creates the state for `configuration`'s chats, each at poll 0.
    init(configuration: FakeLinqConfiguration) {
        self.configuration = configuration
        self.chats = Mutex(configuration.chats.map { ChatState(chat: $0) })
    }

    /// Replaces chat `id`'s scenario and restarts its poll count; adds a group chat for an unknown id.
    func setScenario(_ scenario: Scenario, forChat id: String) {
        chats.withLock { chats in
            if let index = chats.firstIndex(where: { $0.chat.id.lowercased() == id.lowercased() }) {
                chats[index].chat.scenario = scenario
                chats[index].polls = 0
            } else {
                chats.append(
                    ChatState(chat: FakeChat(id: id, displayName: id, handles: [], isGroup: true, scenario: scenario)))
            }
        }
    }

    /// Location requests chat `id` answered since its scenario was set; 0 for an unknown chat.
    func pollCount(forChat id: String) -> Int {
        chats.withLock { chats in chats.first { $0.chat.id.lowercased() == id.lowercased() }?.polls ?? 0 }
    }

    /// Records `request`, then answers it.
    func handle(_ request: HTTPRequest) async -> HTTPResponse {
        var headers: [String: String] = [:]
        for (name, value) in request.headers {
            let key = name.rawValue.lowercased()
            headers[key] = headers[key].map { $0 + ", " + value } ?? value
        }
        var query: [String: String] = [:]
        for item in request.query {
            query[item.name] = item.value
        }
        let body = (try? await request.bodyData) ?? Data()
        log.append(
            RecordedRequest(
                method: request.method.rawValue, path: request.path, query: query, headers: headers, body: body,
                receivedAt: Date()))
        let response = await respond(
            method: request.method.rawValue, path: request.path, query: query,
            authorization: headers["authorization"], body: body)
        return response.httpResponse
    }

    /// Routes one request: base path, then the key, then the endpoint.
    func respond(
        method: String, path: String, query: [String: String], authorization: String?, body: Data = Data()
    ) async -> FakeResponse {
        let base =
            configuration.basePath.hasSuffix("/") ? String(configuration.basePath.dropLast()) : configuration.basePath
        guard path.hasPrefix(base + "/v3/") else {
            return .error(status: 404, code: 1001, message: "No such endpoint: \(method) \(path)")
        }
        guard authorization == "Bearer " + configuration.apiKey else {
            return .error(status: 401, code: 2004, message: "Missing or invalid API key")
        }
        let parts = path.dropFirst(base.count + "/v3/".count).split(separator: "/", omittingEmptySubsequences: false)
            .map(String.init)
        switch (method, parts.count) {
        case ("GET", 1) where parts[0] == "chats":
            return listChats(query: query)
        case ("GET", 2) where parts[0] == "chats" && !parts[1].isEmpty:
            return chatDetail(chatID: parts[1])
        case ("GET", 3) where parts[0] == "chats" && parts[2] == "location":
            return await location(chatID: parts[1])
        case ("POST", 4) where parts[0] == "chats" && parts[2] == "location" && parts[3] == "request":
            return requestLocation(chatID: parts[1])
        case ("DELETE", 3) where parts[0] == "chats" && parts[2] == "location":
            return stopLocation(chatID: parts[1], body: body)
        default:
            return .error(status: 404, code: 1001, message: "No such endpoint: \(method) \(path)")
        }
    }

    private func listChats(query: [String: String]) -> FakeResponse {
        var limit = 20
        if let text = query["limit"] {
            guard let value = Int(text), (1...100).contains(value) else {
                return .error(status: 400, code: 1002, message: "limit must be an integer from 1 to 100")
            }
            limit = value
        }
        var start = 0
        if let cursor = query["cursor"] {
            guard cursor.hasPrefix("c"), let value = Int(cursor.dropFirst()), value >= 0 else {
                return .error(status: 400, code: 1002, message: "Invalid cursor")
            }
            start = value
        }
        var list = chats.withLock { chats in chats.map(\.chat) }
        if let from = query["from"] {
            list = list.filter { $0.lineNumber == from }
        }
        if let to = query["to"] {
            list = list.filter { chat in chat.handles.contains { $0.lowercased() == to.lowercased() } }
        }
        let page = list.dropFirst(start).prefix(limit)
        let end = start + page.count
        let next = end < list.count ? JSONText.string("c\(end)") : "null"
        let items = page.map(ChatJSON.object)
        return .json(
            status: 200,
            JSONText.success(data: #"{"chats":["# + items.joined(separator: ",") + #"],"next_cursor":"# + next + "}"))
    }

    private func chatDetail(chatID: String) -> FakeResponse {
        let chat = chats.withLock { chats in chats.first { $0.chat.id.lowercased() == chatID.lowercased() }?.chat }
        guard let chat else {
            return .error(status: 404, code: 2001, message: "Chat \(chatID) not found")
        }
        return .json(status: 200, JSONText.success(data: ChatJSON.object(chat)))
    }

    private func location(chatID: String) async -> FakeResponse {
        let found = chats.withLock { chats -> (Scenario, Int)? in
            guard let index = chats.firstIndex(where: { $0.chat.id.lowercased() == chatID.lowercased() }) else {
                return nil
            }
            defer { chats[index].polls += 1 }
            return (sharingScenario(of: chats[index]), chats[index].polls)
        }
        guard let (scenario, poll) = found else {
            return .error(status: 404, code: 2001, message: "Chat \(chatID) not found")
        }
        return await resolve(scenario, poll: poll)
    }

    private func resolve(_ scenario: Scenario, poll: Int) async -> FakeResponse {
        let now = configuration.now()
        switch scenario {
        case .participants(let participants):
            return FakeResponse(
                status: 200, headers: ["Content-Type": "application/json"],
                body: .data(locationBody(participants, poll: poll, now: now)))
        case .features(let features):
            return .json(status: 200, JSONText.success(data: JSONText.featureCollection(features)))
        case .apiError(let status, let code, let message):
            return .error(status: status, code: code, message: message)
        case .rateLimited(let retryAfter):
            var response = FakeResponse.error(status: 429, code: 1003, message: "Too many requests")
            if let value = Self.headerValue(retryAfter, now: now) {
                response.headers["Retry-After"] = value
            }
            return response
        case .failing(let count, let failure, let recovery):
            return await resolve(poll < count ? failure : recovery, poll: poll)
        case .intermittent(let period, let failure, let recovery):
            let fails = period > 0 && poll % period == period - 1
            return await resolve(fails ? failure : recovery, poll: poll)
        case .headers(let headers, let then):
            var response = await resolve(then, poll: poll)
            for (name, value) in headers {
                response.headers = response.headers.filter { $0.key.lowercased() != name.lowercased() }
                response.headers[name] = value
            }
            return response
        case .delayed(let delay, let then):
            try? await Task.sleep(for: delay)
            return await resolve(then, poll: poll)
        case .redirect(let status, let location):
            var response = FakeResponse.json(status: status, JSONText.success(data: JSONText.featureCollection([])))
            response.headers["Location"] = location
            return response
        case .raw(let status, let contentType, let headers, let body):
            var response = FakeResponse(status: status, headers: headers, body: .data(body))
            if let contentType {
                response.headers["Content-Type"] = contentType
            }
            return response
        case .generated(let generated):
            return FakeResponse(
                status: 200, headers: ["Content-Type": "application/json"],
                body: .stream(GeneratedBodyStream(body: generated)))
        case .rotating(let count):
            return await resolve(.participants(Scenario.rotatingParticipants(count: count, poll: poll)), poll: poll)
        case .longLocalities(let count, let bytes):
            return await resolve(
                .participants(Scenario.longLocalityParticipants(count: count, bytes: bytes)), poll: poll)
        }
    }

    /// The location body of `participants` at poll `poll` and `now`. When every participant is still (the answer
    /// depends on the clock's second alone) and neither they nor the second changed since the last body, that body
    /// is served again rather than built: building 10,000 features took this server 25 to 60 ms a request, on
    /// the cores of the client that `scripts/bench-whole-program.sh` measures (issue 10, target 1).
    private func locationBody(_ participants: [FakeParticipant], poll: Int, now: Date) -> Data {
        let second = now.formatted(Date.ISO8601FormatStyle())
        // NB: comparing arrays that share their storage takes no time (Array's `==` checks identity first).
        if let kept = stillBody.withLock({ $0 }), kept.second == second, kept.participants == participants {
            return kept.data
        }
        // Written into one string of about the right size, the same text as `JSONText.featureCollection` of
        // each `featureJSON`.
        var text = #"{"success":true,"data":{"type":"FeatureCollection","features":["#
        text.reserveCapacity(participants.count * 200 + 64)
        var isFirst = true
        for participant in participants where participant.isSharing(atPoll: poll, now: now) {
            if !isFirst { text += "," }
            isFirst = false
            participant.writeFeature(atPoll: poll, now: now, into: &text)
        }
        text += "]}}"
        let data = Data(text.utf8)
        if participants.allSatisfy(\.isStill) {
            stillBody.withLock { $0 = StillBody(participants: participants, second: second, data: data) }
        }
        return data
    }

    /// The header text for `retryAfter`, or nil for no header.
    static func headerValue(_ retryAfter: Scenario.RetryAfter, now: Date) -> String? {
        switch retryAfter {
        case .none: return nil
        case .seconds(let seconds): return String(seconds)
        case .text(let text): return text
        case .date(let offset):
            return httpDate(now.addingTimeInterval(offset.seconds))
        }
    }

    /// `Sun, 06 Nov 1994 08:49:37 GMT` (RFC 9110 IMF-fixdate).
    static func httpDate(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return formatter.string(from: date)
    }
}

/// A response before it becomes FlyingFox's `HTTPResponse`.
struct FakeResponse: Sendable {
    /// The body: bytes in memory, or generated while sending.
    enum Body: Sendable {
        /// Exactly these bytes, with their Content-Length.
        case data(Data)
        /// Streamed; Content-Length when the size is known, chunked otherwise.
        case stream(GeneratedBodyStream)
    }

    /// The HTTP status code.
    var status: Int
    /// Header fields by name.
    var headers: [String: String]
    /// The body.
    var body: Body

    /// A JSON response with this status and body text.
    static func json(status: Int, _ text: String) -> FakeResponse {
        FakeResponse(status: status, headers: ["Content-Type": "application/json"], body: .data(Data(text.utf8)))
    }

    /// A Linq error envelope with this status and code.
    static func error(status: Int, code: Int, message: String) -> FakeResponse {
        json(status: status, JSONText.error(status: status, code: code, message: message))
    }

    /// The FlyingFox response to send.
    var httpResponse: HTTPResponse {
        var fields = HTTPHeaders()
        for (name, value) in headers {
            fields[HTTPHeader(name)] = value
        }
        let statusCode = HTTPStatusCode(status, phrase: Self.phrase(status))
        switch body {
        case .data(let data):
            return HTTPResponse(statusCode: statusCode, headers: fields, body: data)
        case .stream(let stream):
            if let count = stream.count {
                return HTTPResponse(
                    statusCode: statusCode, headers: fields,
                    body: HTTPBodySequence(from: stream, count: count, suggestedBufferSize: 16_384))
            }
            return HTTPResponse(
                statusCode: statusCode, headers: fields,
                body: HTTPBodySequence(from: stream, suggestedBufferSize: 16_384))
        }
    }

    /// The reason phrase for the status line.
    static func phrase(_ status: Int) -> String {
        switch status {
        case 200: "OK"
        case 202: "Accepted"
        case 301: "Moved Permanently"
        case 302: "Found"
        case 307: "Temporary Redirect"
        case 308: "Permanent Redirect"
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 408: "Request Timeout"
        case 409: "Conflict"
        case 429: "Too Many Requests"
        case 500: "Internal Server Error"
        case 502: "Bad Gateway"
        case 503: "Service Unavailable"
        case 504: "Gateway Timeout"
        default: "Status \(status)"
        }
    }
}
