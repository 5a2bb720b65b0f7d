import FakeLinq
import Foundation
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// `linq-fake-server` as a subprocess: the listing it prints, real requests, and a clean exit on SIGTERM.
@Suite(.timeLimit(.minutes(1)))
struct LinqFakeServerTests {
    /// The built executable next to the test bundle, if `swift build` produced it.
    static let binary: URL? = {
        let candidates = [
            Bundle.main.executableURL?.deletingLastPathComponent(), Bundle.main.bundleURL.deletingLastPathComponent(),
            Bundle.main.bundleURL, URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(),
        ]
        return candidates.compactMap { $0?.appendingPathComponent("linq-fake-server") }.first {
            FileManager.default.isExecutableFile(atPath: $0.path)
        }
    }()

    /// The URL at the end of the listing's first line.
    static func baseURL(in listing: String) -> URL? {
        listing.split(separator: "\n").first?.split(separator: " ").last.flatMap { URL(string: String($0)) }
    }

    /// Reads the child's stdout on a dedicated thread until `marker` appears or the pipe closes.
    static func read(_ handle: FileHandle, until marker: String) async -> String {
        await withCheckedContinuation { continuation in
            let thread = Thread {
                var text = ""
                while !text.contains(marker) {
                    let data = handle.availableData
                    if data.isEmpty { break }
                    text += String(decoding: data, as: UTF8.self)
                }
                continuation.resume(returning: text)
            }
            thread.start()
        }
    }

    @Test(.enabled(if: binary != nil, "linq-fake-server is not built next to the tests"))
    func printsItsChatsServesThemAndExitsZeroOnSIGTERM() async throws {
        let process = Process()
        process.executableURL = try #require(Self.binary)
        process.arguments = ["--port", "0", "--api-key", "secret-for-test"]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let listing = await Self.read(output.fileHandleForReading, until: "Ctrl-C")
        #expect(!listing.contains("secret-for-test"))
        for chat in Fixtures.chats {
            #expect(listing.contains(chat.id))
        }
        let base = try #require(Self.baseURL(in: listing))
        #expect(base.host == "127.0.0.1" && base.path == "/api/partner")
        let (data, response) = try await LoopbackClient.send(
            LoopbackClient.locationURL(base, chat: Fixtures.groupChatID), key: "secret-for-test")
        #expect(response.statusCode == 200)
        #expect(try LoopbackClient.features(data).count == Fixtures.aroundTheWorld.count)
        process.terminate()
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let thread = Thread {
                process.waitUntilExit()
                continuation.resume()
            }
            thread.start()
        }
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 0)
    }

    @Test(.enabled(if: binary != nil, "linq-fake-server is not built next to the tests"))
    func scenarioOptionAppliesToEveryChat() async throws {
        let process = Process()
        process.executableURL = try #require(Self.binary)
        process.arguments = ["--port", "0", "--scenario", "forbidden"]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        defer { process.terminate() }
        let listing = await Self.read(output.fileHandleForReading, until: "Ctrl-C")
        let base = try #require(Self.baseURL(in: listing))
        for chat in [Fixtures.groupChatID, Fixtures.oneToOneChatID] {
            let (data, response) = try await LoopbackClient.send(LoopbackClient.locationURL(base, chat: chat))
            #expect(response.statusCode == 403)
            #expect(try LoopbackClient.apiError(data).code == 2005)
        }
    }

    @Test(.enabled(if: binary != nil, "linq-fake-server is not built next to the tests"))
    func rawFaultOptionAnswersEveryRequestWithTheFault() async throws {
        let process = Process()
        process.executableURL = try #require(Self.binary)
        process.arguments = ["--raw-fault", "close-without-response"]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        defer { process.terminate() }
        let listing = await Self.read(output.fileHandleForReading, until: "Ctrl-C")
        #expect(listing.contains("close-without-response"))
        let base = try #require(Self.baseURL(in: listing))
        #expect(base.host == "127.0.0.1" && base.path == "/api/partner")
        await #expect(throws: (any Error).self) {
            _ = try await LoopbackClient.send(LoopbackClient.locationURL(base, chat: Fixtures.groupChatID), timeout: 5)
        }
    }
}
