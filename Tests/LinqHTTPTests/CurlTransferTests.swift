import FakeLinq
import Foundation
import LinqHTTP
import LinqModel
import Testing

/// The transport against servers that misbehave byte by byte (`RawFaultServer`, issue 15) and against the fake
/// Linq server for the caps: every fault ends in its exit status, the protocol faults after one attempt.
@Suite(.timeLimit(.minutes(2)))
struct CurlTransferTests {
    /// A raw fault and what the fetch must end with.
    struct Case: Sendable, CustomTestStringConvertible {
        var fault: RawFaultServer.Fault
        /// The exit status of the `FetchError`, or 0 for a decoded snapshot.
        var exitCode: Int32
        /// The attempts the fetch makes with the standard policy (two retries).
        var attempts: Int
        /// Words the error message must contain (one of them, separated by `|`).
        var words: String = ""
        var testDescription: String { "\(fault)" }
    }

    static let protocolFaults: [Case] = [
        Case(fault: .chunkedWithTrailer(status: 200, trailerBytes: 40), exitCode: 0, attempts: 1),
        Case(fault: .chunkedWithTrailer(status: 200, trailerBytes: 48 << 10), exitCode: 0, attempts: 1),
        Case(fault: .chunkedWithTrailer(status: 404, trailerBytes: 40), exitCode: 66, attempts: 1, words: "2001"),
        Case(fault: .endlessTrailer, exitCode: 65, attempts: 1, words: "headers larger than 64 KiB"),
        Case(fault: .endlessHeaders, exitCode: 65, attempts: 1, words: "headers larger than 64 KiB"),
        // NB: the fake bomb expands 159 times (fixed Huffman codes); the ratio is checked against the bytes libcurl has
        // received, which under load run a read or more ahead of those it has inflated, so the 10 MiB cap may refuse
        // it first. Refused either way, after one attempt, with exit 65.
        Case(
            fault: .compressionBomb(deflate: false), exitCode: 65, attempts: 1,
            words: "expands more than 100 times|larger than 10485760 bytes"),
        Case(
            fault: .compressionBomb(deflate: true), exitCode: 65, attempts: 1,
            words: "expands more than 100 times|larger than 10485760 bytes"),
        Case(fault: .unknownEncoding, exitCode: 65, attempts: 1, words: "Content-Encoding"),
        Case(fault: .corruptEncoding, exitCode: 65, attempts: 1, words: "Content-Encoding"),
        Case(fault: .brokenChunking, exitCode: 65, attempts: 1, words: "chunked"),
        Case(fault: .notHTTP, exitCode: 65, attempts: 1, words: "valid HTTP response"),
        Case(fault: .conflictingLength, exitCode: 65, attempts: 1, words: "two different Content-Length"),
        Case(fault: .redirect(status: 302, location: nil), exitCode: 76, attempts: 1, words: "without a Location"),
        Case(fault: .redirect(status: 301, location: "http://[::1"), exitCode: 76, attempts: 1, words: "http://[::1"),
        Case(fault: .redirect(status: 307, location: "/api/partner/v3/x"), exitCode: 76, attempts: 1, words: "307"),
        Case(fault: .redirect(status: 399, location: "https://example.com/"), exitCode: 76, attempts: 1),
        Case(fault: .statusWithoutReason(404), exitCode: 66, attempts: 1, words: "2001"),
        Case(fault: .resetMidBody, exitCode: 69, attempts: 3, words: "reset by the server"),
        Case(fault: .resetWithoutResponse, exitCode: 69, attempts: 3, words: "reset by the server"),
        Case(fault: .closeWithoutResponse, exitCode: 69, attempts: 3, words: "closed the connection without a reply"),
        Case(fault: .shortBodyThenClose, exitCode: 69, attempts: 3, words: "before the reply was complete"),
        Case(fault: .headersThenClose, exitCode: 69, attempts: 3, words: "before the reply was complete"),
    ]

    @Test(arguments: protocolFaults)
    func eachServerFaultEndsInItsStatus(_ fault: Case) async throws {
        try await withRawFault(fault.fault) { server in
            let place = "127.0.0.1:\(server.port)"
            do throws(FetchError) {
                let snapshot = try await client(server.baseURL, retry: .standard).locations(chat: Fixtures.chatID)
                #expect(fault.exitCode == 0, "decoded where \(fault.exitCode) was due")
                #expect(snapshot.participants.count == Fixtures.aroundTheWorld.count)
            } catch {
                #expect(error.exitCode == fault.exitCode, "\(error.message)")
                let words = fault.words.split(separator: "|")
                #expect(words.isEmpty || words.contains { error.message.contains($0) }, "\(error.message)")
                #expect(!error.message.contains(secretKey))
                if fault.exitCode == 69 { #expect(error.message.contains(place), "\(error.message)") }
            }
            #expect(server.requests().count == fault.attempts)
        }
    }

    @Test func redirectIsNotFollowedAndTheKeyIsNotSentOn() async throws {
        try await withFake(fake()) { elsewhere in
            let target = elsewhere.baseURL.absoluteString + "/v3/chats/\(Fixtures.chatID)/location"
            try await withFake(fake(.redirect(status: 302, location: target))) { server in
                await #expect(throws: FetchError.redirect(status: 302, location: target)) {
                    try await client(server.baseURL, retry: .standard).locations(chat: Fixtures.chatID)
                }
                #expect(server.requests().count == 1)
            }
            #expect(elsewhere.requests().isEmpty)
        }
    }

    @Test(arguments: [Scenario.oversized, .fiftyMegabytes, .endless])
    func bodiesOverTheCapAreRefused(scenario: Scenario) async throws {
        try await withFake(fake(scenario)) { server in
            await #expect(throws: FetchError.tooLarge(limitBytes: 10 << 20)) {
                try await client(server.baseURL, retry: .standard).locations(chat: Fixtures.chatID)
            }
            #expect(server.requests().count == 1)
        }
    }

    @Test func endlessBodyWithoutLengthIsRefusedAtTheCap() async throws {
        try await withRawFault(.endlessWithoutLength) { server in
            await #expect(throws: FetchError.tooLarge(limitBytes: 10 << 20)) {
                try await client(server.baseURL, retry: .standard).locations(chat: Fixtures.chatID)
            }
            #expect(server.requests().count == 1)
        }
    }

    @Test func bodyOfExactlyTheCapIsAccepted() async throws {
        // A small valid envelope padded with whitespace: the cap is what is tested, not the decoder's speed.
        var body = Data(#"{"success":true,"data":{"type":"FeatureCollection","features":[]}}"#.utf8)
        body.append(Data(repeating: 0x20, count: (10 << 20) - body.count))
        let scenario = Scenario.raw(status: 200, contentType: "application/json", headers: [:], body: body)
        try await withFake(fake(scenario)) { server in
            await #expect(throws: Never.self) {
                _ = try await client(server.baseURL).locations(chat: Fixtures.chatID)
            }
        }
    }

    @Test(arguments: [RawFaultServer.Fault.silent, .headersThenHang, .contentLengthNeverArrives])
    func attemptDeadlineEndsAReplyThatNeverComes(fault: RawFaultServer.Fault) async throws {
        try await withRawFault(fault) { server in
            await #expect {
                try await liveClient(server.baseURL).locations(chat: Fixtures.chatID)
            } throws: { error in
                guard case FetchError.unavailable(let reason, nil, nil) = error else { return false }
                return reason == "no answer from 127.0.0.1:\(server.port) within 1 s"
            }
        }
    }

    @Test func refusedConnectionSaysWhatToCheck() async throws {
        // NB: port 1, where nothing listens: a port freed a moment ago (RawFaultServer.refusedBaseURL) may be
        // taken by another test's server running in parallel.
        let base = try #require(URL(string: "http://127.0.0.1:1/api/partner"))
        let port = 1
        await #expect(
            throws: FetchError.unavailable(
                reason: "cannot connect to 127.0.0.1:\(port) (connection refused): is the server running? "
                    + "check --base-url", retryAfter: nil, api: nil)
        ) {
            try await client(base).locations(chat: Fixtures.chatID)
        }
    }

    @Test func httpsToAPlainHTTPPortSaysSo() async throws {
        try await withFake(fake()) { server in
            var components = try #require(URLComponents(url: server.baseURL, resolvingAgainstBaseURL: false))
            components.scheme = "https"
            let base = try #require(components.url)
            await #expect {
                try await client(base).locations(chat: Fixtures.chatID)
            } throws: { error in
                (error as? FetchError)?.message.hasPrefix("TLS handshake failed: is the base URL http?") == true
            }
        }
    }

    @Test func unresolvableHostSaysDNS() async throws {
        let base = try #require(URL(string: "https://linq-map-test.invalid/api/partner"))
        await #expect {
            try await client(base).locations(chat: Fixtures.chatID)
        } throws: { error in
            (error as? FetchError)?.message
                == "cannot resolve linq-map-test.invalid (DNS lookup failed): check --base-url"
        }
    }

    @Test func plainHTTPOffLoopbackIsNeverSpoken() async throws {
        let base = try #require(URL(string: "http://192.0.2.1:9/api/partner"))
        await #expect {
            try await client(base).locations(chat: Fixtures.chatID)
        } throws: { error in
            (error as? FetchError)?.message.contains("only https") == true
        }
    }

    @Test func cancellingTheCallerEndsTheFetchAsCancelled() async throws {
        try await withRawFault(.silent) { server in
            let fetch = Task { () async throws(FetchError) -> LocationSnapshot in
                try await client(server.baseURL).locations(chat: Fixtures.chatID)
            }
            await server.waitForRequests(count: 1)
            fetch.cancel()
            let result = await fetch.result
            #expect(throws: FetchError.cancelled) { try result.get() }
        }
    }
}

/// Arbitrary server bytes: a valid chunked response with a trailer, cut, corrupted and spliced by a seeded
/// generator. Whatever arrives, the fetch ends in a snapshot or a `FetchError`, never a crash or a hang.
@Suite(.timeLimit(.minutes(2)))
struct ArbitraryServerBytesTests {
    static let valid: [UInt8] = {
        let body = Array(
            #"{"success":true,"data":{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[2.35,48.85]},"properties":{"handle":"+33155501234"}}]}}"#
                .utf8)
        var bytes = Array(
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n".utf8)
        for chunk in [body.prefix(50), body.dropFirst(50)] {
            bytes += Array(String(chunk.count, radix: 16).utf8) + [13, 10] + chunk + [13, 10]
        }
        return bytes + Array("0\r\nX-Checksum: abc\r\n\r\n".utf8)
    }()

    /// `count` variants of `valid`: each cut, flipped, given inserted bytes or a repeated slice.
    static func variants(count: Int, seed: UInt64) -> [[UInt8]] {
        var random = SplitMix64(seed: seed)
        return (0..<count).map { index in
            var bytes = valid
            switch index % 4 {
            case 0:
                bytes = Array(bytes.prefix(Int.random(in: 0..<bytes.count, using: &random)))
            case 1:
                for _ in 0..<Int.random(in: 1...4, using: &random) {
                    bytes[Int.random(in: 0..<bytes.count, using: &random)] = UInt8.random(in: 0...255, using: &random)
                }
            case 2:
                let noise = (0..<Int.random(in: 1...16, using: &random)).map { _ in
                    UInt8.random(in: 0...255, using: &random)
                }
                bytes.insert(contentsOf: noise, at: Int.random(in: 0...bytes.count, using: &random))
            default:
                let start = Int.random(in: 0..<bytes.count, using: &random)
                let end = min(bytes.count, start + Int.random(in: 1...40, using: &random))
                bytes.insert(contentsOf: bytes[start..<end], at: Int.random(in: 0...bytes.count, using: &random))
            }
            return bytes
        }
    }

    @Test func theUnmodifiedResponseDecodes() async throws {
        try await withRawFault(.verbatim(Self.valid)) { server in
            let snapshot = try await liveClient(server.baseURL, timeout: .seconds(5)).locations(chat: Fixtures.chatID)
            #expect(snapshot.participants.map(\.handle) == ["+33155501234"])
        }
    }

    @Test func noServerBytesCrashOrHangTheClient() async throws {
        var outcomes: [Int32: Int] = [:]
        for bytes in Self.variants(count: 120, seed: 15) {
            let outcome = try await withRawFault(.verbatim(bytes)) { server -> Int32 in
                do throws(FetchError) {
                    _ = try await liveClient(server.baseURL, timeout: .seconds(5)).locations(chat: Fixtures.chatID)
                    return 0
                } catch {
                    #expect(!error.message.contains(secretKey))
                    return error.exitCode
                }
            }
            outcomes[outcome, default: 0] += 1
        }
        #expect(outcomes.values.reduce(0, +) == 120)
        #expect(Set(outcomes.keys).isSubset(of: [0, 65, 66, 69, 76, 77]), "\(outcomes)")
        #expect(outcomes[65, default: 0] > 0 && outcomes[69, default: 0] > 0, "\(outcomes)")
    }
}
