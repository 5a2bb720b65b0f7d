import FakeLinq
import Foundation
import Testing

struct RequestLogTests {
    static func request(_ path: String) -> RecordedRequest {
        RecordedRequest(method: "GET", path: path, headers: ["X-Test": "1"], receivedAt: Date(timeIntervalSince1970: 0))
    }

    @Test func headerNamesAreCaseInsensitive() {
        let request = Self.request("/a")
        #expect(request.headers == ["x-test": "1"])
        #expect(request.header("X-TEST") == "1")
        #expect(request.header("missing") == nil)
    }

    @Test func waitReturnsAtOnceWhenEnoughArrived() async {
        let log = RequestLog()
        log.append(Self.request("/a"))
        #expect(await log.waitFor(count: 1).map(\.path) == ["/a"])
        #expect(await log.waitFor(count: 0).count == 1)
    }

    @Test(.timeLimit(.minutes(1))) func waitersWakeOnTheirCount() async {
        let log = RequestLog()
        async let second = log.waitFor(count: 2)
        async let first = log.waitFor(count: 1)
        log.append(Self.request("/a"))
        #expect(await first.count >= 1)
        log.append(Self.request("/b"))
        #expect(await second.map(\.path) == ["/a", "/b"])
        #expect(log.count == 2)
    }
}
