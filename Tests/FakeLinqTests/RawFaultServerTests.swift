import FakeLinq
import Foundation
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

@Suite(.timeLimit(.minutes(1)))
struct RawFaultServerTests {
    static func locationURL(_ server: RawFaultServer) -> URL {
        LoopbackClient.locationURL(server.baseURL, chat: Fixtures.chatID)
    }

    @Test(arguments: [
        RawFaultServer.Fault.resetMidBody, .shortBodyThenClose, .headersThenClose, .closeWithoutResponse,
        .resetWithoutResponse,
    ])
    func brokenResponsesFailTheRequest(fault: RawFaultServer.Fault) async throws {
        let server = try RawFaultServer.start(fault: fault)
        defer { server.stop() }
        await #expect(throws: (any Error).self) {
            _ = try await LoopbackClient.send(Self.locationURL(server), timeout: 10)
        }
        let request = try #require(server.requests().first)
        #expect(request.method == "GET")
        #expect(request.path == "/api/partner/v3/chats/\(Fixtures.chatID)/location")
        #expect(request.header("Authorization") == "Bearer test-key")
    }

    @Test(arguments: [RawFaultServer.Fault.contentLengthNeverArrives, .headersThenHang])
    func silentConnectionsHitTheIdleTimeout(fault: RawFaultServer.Fault) async throws {
        let server = try RawFaultServer.start(fault: fault)
        defer { server.stop() }
        // NB: the client's own idle timeout ends this; the server keeps the connection open.
        let error = await #expect(throws: URLError.self) {
            _ = try await LoopbackClient.send(Self.locationURL(server), timeout: 1)
        }
        #expect(error?.code == .timedOut)
    }

    @Test func stopEndsAHangingConnection() async throws {
        let server = try RawFaultServer.start(fault: .contentLengthNeverArrives)
        async let outcome: Result<Int, any Error> = {
            do {
                return .success(try await LoopbackClient.send(Self.locationURL(server), timeout: 600).1.statusCode)
            } catch {
                return .failure(error)
            }
        }()
        await server.waitForRequests(count: 1)
        server.stop()
        guard case .failure = await outcome else {
            Issue.record("a body cut short by stop() must fail")
            return
        }
    }

    @Test func trickleDeliversTheWholeResponseEventually() async throws {
        let server = try RawFaultServer.start(fault: .trickle(interval: .zero))
        defer { server.stop() }
        let (data, response) = try await LoopbackClient.send(Self.locationURL(server))
        #expect(response.statusCode == 200)
        #expect(try LoopbackClient.features(data).count == Fixtures.aroundTheWorld.count)
    }

    @Test func endlessBodyWithoutLengthKeepsComing() async throws {
        let server = try RawFaultServer.start(fault: .endlessWithoutLength)
        defer { server.stop() }
        let (response, bytes) = try await LoopbackClient.prefix(of: Self.locationURL(server), limit: 2_000_000)
        #expect(response.statusCode == 200)
        #expect(response.value(forHTTPHeaderField: "Content-Length") == nil)
        #expect(bytes >= 2_000_000)
    }

    @Test func refusedBaseURLRefusesConnections() async throws {
        let base = try RawFaultServer.refusedBaseURL()
        #expect(base.host == "127.0.0.1")
        #expect(base.path == "/api/partner")
        let error = await #expect(throws: URLError.self) {
            _ = try await LoopbackClient.send(LoopbackClient.locationURL(base, chat: Fixtures.chatID), timeout: 5)
        }
        #expect(error?.code == .cannotConnectToHost)
    }

    @Test func everyConnectionIsRecorded() async throws {
        let server = try RawFaultServer.start(fault: .closeWithoutResponse)
        defer { server.stop() }
        for _ in 0..<3 {
            _ = try? await LoopbackClient.send(Self.locationURL(server), timeout: 5)
        }
        #expect(await server.waitForRequests(count: 3).count >= 3)
    }
}
