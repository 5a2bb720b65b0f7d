import FakeLinq
import Foundation
import Testing

/// Places, events, the event log and hooks as a user meets them: the demo's courier walks into a place.
@Suite(.serialized) struct EventsTests {
    /// Union Square, the courier's second waypoint in the `moving` scenario (three polls a leg from the Ferry
    /// Building, 1.3 km away): the fourth poll brings them inside.
    static let unionSquare = "union=37.7879,-122.4075,200m"

    @Test func aParticipantWalkingIntoAPlaceShowsInTheLogTheStatusBarAndTheHook() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lm-events-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let hook = folder.appendingPathComponent("on-event").path
        let received = folder.appendingPathComponent("events.jsonl").path
        try Data(
            """
            #!/bin/sh
            cat >> '\(received)'
            printf '%s\\n' "$LINQ_MAP_EVENT" >> '\(received).kinds'
            """.utf8
        ).write(to: URL(fileURLWithPath: hook))
        chmod(hook, 0o700)
        let history = folder.appendingPathComponent("history.sqlite").path
        var configuration = FakeLinqConfiguration(apiKey: ViewerRun.key)
        configuration.setScenario(.moving, forChat: Fixtures.chatID)

        try await withViewer(
            [Fixtures.chatID, "--place", Self.unionSquare, "--on-event", hook, "--history", history],
            configuration: configuration
        ) { run in
            await run.session.waitFor("3 sharing")
            try await run.session.send("e")
            await run.session.waitFor("0 events; e closes")
            // Each `r` is one more poll, one more step along the route; refused ones are sent again.
            var screen = ""
            var matched = false
            let end = ContinuousClock.now.advanced(by: .seconds(60))
            while ContinuousClock.now < end {
                screen = await run.session.screen()
                if screen.contains("arrived union") {
                    matched = true
                    break
                }
                try await run.session.send("r")
                try await Task.sleep(for: .milliseconds(500))
            }
            #expect(matched, "the log never showed the arrival:\n\(screen)")
            let lines = screen.split(separator: "\n").map(String.init)
            #expect(lines.contains { $0.hasPrefix("│ ") && $0.contains("+14155550111 arrived union") })
            #expect(lines.last?.contains("+14155550111 arrived union") == true, "status bar: \(lines.last ?? "")")

            let hooked = await waitForFile(received) { $0.contains("\"kind\":\"arrived\"") }
            let object = try #require(
                hooked.split(separator: "\n").compactMap { line -> [String: Any]? in
                    (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any]
                }.first { $0["kind"] as? String == "arrived" })
            #expect(object["place"] as? String == "union")
            #expect(object["handle"] as? String == "+14155550111")
            #expect(object["chat_id"] as? String == Fixtures.chatID)
            #expect((object["lat"] as? Double).map { abs($0 - 37.7879) < 0.002 } == true)
            let kinds = await waitForFile(received + ".kinds") { $0.contains("arrived") }
            #expect(kinds.split(separator: "\n").contains("arrived"))

            try await run.session.send("q")
            let (status, _) = await run.waitForExit()
            #expect(status == 0)
        }

        // The event was stored: `linq-map events` prints it without a server.
        let printed = try await runProcess(
            Binary.path("linq-map"), ["events", Fixtures.chatID, "--history", history, "--format", "json"])
        #expect(printed.status == 0, "\(printed.stderr)")
        #expect(printed.stdout.hasPrefix("["))
        #expect(printed.stdout.contains(#""kind":"arrived""#))
        #expect(printed.stdout.contains(#""place":"union""#))
        let text = try await runProcess(Binary.path("linq-map"), ["events", Fixtures.chatID, "--history", history])
        #expect(text.stdout.split(separator: "\n").contains { $0.contains("  +14155550111 arrived union  37.78") })
        // Privacy mode: the handle masked and the position on the 0.01° grid, in text and in JSON.
        for format in ["text", "json"] {
            let redacted = try await runProcess(
                Binary.path("linq-map"),
                ["events", Fixtures.chatID, "--history", history, "--format", format, "--redact"])
            #expect(redacted.status == 0, "\(redacted.stderr)")
            #expect(!redacted.stdout.contains("4155550111"), "\(redacted.stdout)")
            #expect(redacted.stdout.contains("+1•••••0111"), "\(redacted.stdout)")
            #expect(redacted.stdout.contains(format == "json" ? #""lat":37.79"# : "arrived union  37.79000,-122.4"))
        }
        // The same from the settings file's `redact`, which `--no-redact` overrules.
        let config = folder.appendingPathComponent("config.toml")
        try Data("redact = true\n".utf8).write(to: config)
        let fromFile = try await runProcess(
            Binary.path("linq-map"), ["events", Fixtures.chatID, "--history", history, "--config", config.path])
        #expect(fromFile.status == 0, "\(fromFile.stderr)")
        #expect(fromFile.stdout.contains("+1•••••0111 arrived union") && !fromFile.stdout.contains("4155550111"))
        let overruled = try await runProcess(
            Binary.path("linq-map"),
            ["events", Fixtures.chatID, "--history", history, "--config", config.path, "--no-redact"])
        #expect(overruled.stdout.contains("+14155550111 arrived union"), "\(overruled.stdout)")
        let later = try await runProcess(
            Binary.path("linq-map"), ["events", Fixtures.chatID, "--history", history, "--since", "2099-01-01"])
        #expect(later.status == 0)
        #expect(later.stdout.isEmpty)
    }

    @Test func placesFromTheOptionAndTheSettingsFileAreRingedInTheOnceFrame() async throws {
        let server = try await FakeLinq.start(FakeLinqConfiguration(apiKey: ViewerRun.key))
        defer { Task { await server.stop() } }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lm-rings-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let config = folder.appendingPathComponent("config.toml")
        try Data("[places]\nblock = \"37.7749,-122.4194,500m\"\n".utf8).write(to: config)
        let environment = [
            "LINQ_API_V3_API_KEY": ViewerRun.key, "LINQ_API_V3_BASE_URL": server.baseURL.absoluteString,
        ]
        // Ana shares from 37.7749,-122.4194: at zoom 14 a 500 m circle around her is some 35 cells wide.
        let arguments = [
            Fixtures.oneToOneChatID, "--once", "--no-history", "--width", "80", "--height", "24", "--zoom", "14",
            "--color", "never",
        ]
        for (extra, name) in [
            (["--place", "office=37.7749,-122.4194,500m"], "office"), (["--config", config.path], "block"),
        ] {
            let result = try await runProcess(Binary.path("linq-map"), arguments + extra, environment: environment)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.contains(name), "\(result.stdout)")
            // The ring's dots: the left and right of the circle are columns of Braille on many rows.
            let ringRows = result.stdout.split(separator: "\n").filter { line in
                line.prefix(54).filter { ("\u{2801}"..."\u{28FF}").contains($0) }.count >= 2
            }
            #expect(ringRows.count >= 10, "\(result.stdout)")
            #expect(!result.stdout.contains("arrived"))
        }
    }

    @Test func aBadPlaceIsAUsageError() async throws {
        let result = try await runProcess(
            Binary.path("linq-map"), [Fixtures.chatID, "--once", "--place", "home=91,0"],
            environment: ["LINQ_API_V3_API_KEY": "k"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("--place: place 'home': latitude '91' must be a number from -90 to 90"))
    }

    @Test func aHookThatIsNotAProgramIsAUsageError() async throws {
        let result = try await runProcess(
            Binary.path("linq-map"), [Fixtures.chatID, "--on-event", "no-such-hook-program"],
            environment: ["LINQ_API_V3_API_KEY": "k"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("--on-event 'no-such-hook-program': no such executable file"))
    }

    @Test(arguments: [
        (
            "[places]\nhome = \"40.7,-74.0,300\"\n",
            "places.home: place 'home': radius '300' must be metres or kilometres from 1 m to 500 km"
        ),
        ("[places]\nhome = 3\n", "places.home: must be \"LAT,LON[,RADIUS]\" in double quotes"),
        ("notify_events = [\"arrived\", \"came home\"]\n", "notify_events: each must be one of \"arrived\""),
    ])
    func aBadEventSettingIsAConfigurationError(toml: String, message: String) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lm-cfg-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("config.toml").path
        try Data(toml.utf8).write(to: URL(fileURLWithPath: file))
        let result = try await runProcess(
            Binary.path("linq-map"), [Fixtures.chatID, "--once", "--config", file],
            environment: ["LINQ_API_V3_API_KEY": "k"])
        #expect(result.status == 78)
        #expect(result.stderr.contains(message), "\(result.stderr)")
    }

    @Test func eventsWithoutADatabaseSaySoAndExit66() async throws {
        let missing = FileManager.default.temporaryDirectory.appendingPathComponent("lm-none-\(UUID().uuidString)")
        let result = try await runProcess(
            Binary.path("linq-map"), ["events", Fixtures.chatID, "--history", missing.path + "/history.sqlite"])
        #expect(result.status == 66)
        #expect(result.stderr.contains("no history at"))
    }

    /// The file's text once `condition` holds, waiting up to 20 s; whatever it holds then otherwise.
    func waitForFile(_ path: String, until condition: (String) -> Bool) async -> String {
        let end = ContinuousClock.now.advanced(by: .seconds(20))
        while true {
            let text = (FileManager.default.contents(atPath: path)).map { String(decoding: $0, as: UTF8.self) } ?? ""
            if condition(text) || ContinuousClock.now >= end { return text }
            try? await Task.sleep(for: .milliseconds(50))
        }
    }
}
