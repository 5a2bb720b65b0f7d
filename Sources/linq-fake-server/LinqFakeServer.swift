import ArgumentParser
import FakeLinq
import Foundation
import LinqModel

/// `linq-fake-server`: the fake Linq API v3 on 127.0.0.1, for developing and testing linq-map by hand.
@main
struct LinqFakeServer: AsyncParsableCommand {
    /// Name, abstract and the scenario list for `--help`.
    static let configuration = CommandConfiguration(
        commandName: "linq-fake-server",
        abstract: "A local look-alike of the Linq API v3 on 127.0.0.1.",
        discussion: """
            Prints its base URL and the chats it serves, then serves until SIGINT or SIGTERM (exit 0).
            Point linq-map at it with --base-url (or LINQ_API_V3_BASE_URL) and the same API key.
            Scenarios (--scenario NAME; "standard" keeps each chat's own behaviour):
            \(ScenarioCatalog.all.map { "  \($0.name): \($0.summary)" }.joined(separator: "\n"))
            Raw socket faults (--raw-fault NAME; every request on every path, instead of the API):
            \(RawFaultCatalog.all.map { "  \($0.name): \($0.summary)" }.joined(separator: "\n"))
            """)

    /// `--port`: 8080 by default, 0 for any free port.
    @Option(help: "TCP port on 127.0.0.1; 0 picks a free one.")
    var port: UInt16 = 8080

    /// `--api-key`: the only key the server accepts.
    @Option(help: "The API key clients must send as 'Authorization: Bearer KEY'.")
    var apiKey = "test-key"

    /// `--scenario`: a `ScenarioCatalog` name, or `standard`.
    @Option(help: "What every chat's location endpoint answers (see the list below).")
    var scenario = "standard"

    /// `--chats`: which chats the server lists (`standard`, `shared` adds three chats sharing participants,
    /// `many` serves 250 chats, three pages of 100).
    @Option(help: "The chats served: standard, shared (three chats sharing participants), many (250 chats).")
    var chats = "standard"

    /// `--raw-fault`: a `RawFaultCatalog` name; a raw-socket responder on a free port replaces the API.
    @Option(help: "Answer every connection with this raw socket fault instead (see the list below).")
    var rawFault: String?

    /// Rejects an unknown scenario or fault name (exit 64).
    func validate() throws {
        guard scenario == "standard" || ScenarioCatalog.named(scenario) != nil else {
            throw ValidationError(
                "unknown scenario '\(scenario)'; one of: standard, "
                    + ScenarioCatalog.all.map(\.name).joined(separator: ", "))
        }
        guard ["standard", "shared", "many"].contains(chats) else {
            throw ValidationError("unknown chat set '\(chats)'; one of: standard, shared, many")
        }
        if let rawFault, RawFaultCatalog.named(rawFault) == nil {
            throw ValidationError(
                "unknown raw fault '\(rawFault)'; one of: " + RawFaultCatalog.all.map(\.name).joined(separator: ", "))
        }
    }

    /// Starts the server, prints the listing, serves until SIGINT or SIGTERM, then stops it.
    func run() async throws {
        var configuration = FakeLinqConfiguration(apiKey: apiKey)
        var named: NamedScenario?
        if let choice = ScenarioCatalog.named(scenario) {
            configuration = .everyChat(choice.scenario, apiKey: apiKey)
            named = choice
        }
        switch chats {
        case "shared": configuration.chats += Fixtures.sharedParticipantChats
        case "many": configuration.chats = Fixtures.manyChats()
        default: break
        }
        // The first signal that fires; later ones are ignored.
        let latch = Latch<Int32>()
        let queue = DispatchQueue(label: "linq-fake-server.signals")
        let sources = [SIGINT, SIGTERM].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler { @Sendable in latch.resolve(number) }
            source.resume()
            return source
        }
        if let rawFault, let entry = RawFaultCatalog.named(rawFault) {
            // NB: RawFaultServer always binds a free port; --port does not apply to it.
            let server = try RawFaultServer.start(fault: entry.fault)
            let listing = [
                "linq-fake-server listening on \(server.baseURL.absoluteString)",
                "Raw fault on every connection: \(entry.name) (\(entry.summary))",
                "Chats: any id, e.g.",
                "  \(Fixtures.chatID)",
                "Ctrl-C stops the server.",
            ]
            FileHandle.standardOutput.write(Data((listing.joined(separator: "\n") + "\n").utf8))
            _ = await latch.wait()
            server.stop()
            withExtendedLifetime(sources) {}
            return
        }
        let server = try await FakeLinq.start(configuration, port: port)
        var lines = ["linq-fake-server listening on \(server.baseURL.absoluteString)"]
        lines.append(
            "API key: " + (apiKey == "test-key" ? "test-key" : "as given by --api-key")
                + "  (linq-map --base-url \(server.baseURL.absoluteString))")
        if let named {
            lines.append("Scenario for every chat: \(named.name) (\(named.summary))")
        }
        lines.append("Chats:")
        for chat in configuration.chats {
            let summary = named.map { "\($0.name): \($0.summary)" } ?? chat.summary
            lines.append("  \(chat.id)  \(chat.displayName): \(summary)")
        }
        lines.append("Ctrl-C stops the server.")
        // NB: print() is block-buffered into a pipe; tests read this listing from a subprocess.
        FileHandle.standardOutput.write(Data((lines.joined(separator: "\n") + "\n").utf8))
        _ = await latch.wait()
        await server.stop()
        withExtendedLifetime(sources) {}
    }
}
