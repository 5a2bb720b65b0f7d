import FakeLinq
import Foundation
import LinqHTTP
import LinqModel
import Synchronization

/// A key distinctive enough that finding it in a message proves a leak.
let secretKey = "sk-test-SECRET-4f9a"

/// The fixed wall-clock time the tests' clients and servers agree on (a whole second, for HTTP dates).
let fixedNow = Date(timeIntervalSince1970: 1_795_860_000)

/// The standard fake server configuration with `Fixtures.chatID` answering `scenario`, the secret key, and
/// `fixedNow` as the server's clock.
func fake(_ scenario: Scenario = .aroundTheWorld) -> FakeLinqConfiguration {
    var configuration = FakeLinqConfiguration.scenario(scenario, apiKey: secretKey)
    configuration.now = { fixedNow }
    return configuration
}

/// A client for `baseURL` with the secret key, a test user agent, `RecordingClock` and seeded jitter.
func client(
    _ baseURL: URL, retry: RetryPolicy = .none, timeout: Duration = .seconds(20),
    clock: RecordingClock = RecordingClock(), seed: UInt64 = 1
) -> LinqHTTPClient {
    LinqHTTPClient(
        configuration: ClientConfiguration(
            baseURL: baseURL, apiKey: secretKey, userAgent: "linq-map/9.9.9-test", timeout: timeout, retry: retry),
        clock: clock, random: SplitMix64(seed: seed), now: { fixedNow })
}

/// A client on the real clock with a short attempt deadline, for faults that stall.
func liveClient(_ baseURL: URL, timeout: Duration = .seconds(1), retry: RetryPolicy = .none) -> LinqHTTPClient {
    LinqHTTPClient(
        configuration: ClientConfiguration(
            baseURL: baseURL, apiKey: secretKey, userAgent: "t", timeout: timeout, retry: retry),
        clock: ContinuousClock())
}

/// Runs `body` with a started raw fault server and stops it afterwards.
@discardableResult
func withRawFault<T>(_ fault: RawFaultServer.Fault, _ body: (RawFaultServer) async throws -> T) async throws -> T {
    let server = try RawFaultServer.start(fault: fault)
    defer { server.stop() }
    return try await body(server)
}

/// Collects progress events in order.
final class ProgressLog: Sendable {
    private let events = Mutex<[FetchProgress]>([])
    func record(_ event: FetchProgress) { events.withLock { $0.append(event) } }
    var all: [FetchProgress] { events.withLock { $0 } }
}

/// Runs `body` with a started fake Linq server and stops it afterwards.
@discardableResult
func withFake<T>(_ configuration: FakeLinqConfiguration, _ body: (FakeLinq) async throws -> T) async throws -> T {
    let server = try await FakeLinq.start(configuration)
    do {
        let result = try await body(server)
        await server.stop()
        return result
    } catch {
        await server.stop()
        throw error
    }
}
