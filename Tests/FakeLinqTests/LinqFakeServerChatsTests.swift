import FakeLinq
import Foundation
import Testing

/// `linq-fake-server --chats shared|many` as a subprocess.
@Suite(.timeLimit(.minutes(1)))
struct LinqFakeServerChatsTests {
    @Test(
        .enabled(if: LinqFakeServerTests.binary != nil, "linq-fake-server is not built next to the tests"),
        arguments: [("shared", Fixtures.chats.count + 3), ("many", 250)])
    func chatsOptionChoosesTheChatSet(name: String, count: Int) async throws {
        let process = Process()
        process.executableURL = try #require(LinqFakeServerTests.binary)
        process.arguments = ["--port", "0", "--chats", name]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        defer { process.terminate() }
        let listing = await LinqFakeServerTests.read(output.fileHandleForReading, until: "Ctrl-C")
        let base = try #require(LinqFakeServerTests.baseURL(in: listing))
        let url = try #require(URL(string: base.absoluteString + "/v3/chats?limit=100"))
        var seen = 0
        var next: URL? = url
        while let page = next {
            let (data, response) = try await LoopbackClient.send(page)
            #expect(response.statusCode == 200)
            let body = try #require(try LoopbackClient.object(data)["data"] as? [String: Any])
            seen += (body["chats"] as? [[String: Any]])?.count ?? 0
            next = (body["next_cursor"] as? String).flatMap { URL(string: url.absoluteString + "&cursor=" + $0) }
        }
        #expect(seen == count)
    }
}
