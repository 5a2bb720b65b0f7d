import ArgumentParser
import CursesScreen
import FakeLinq
import Foundation
import Geo
import HistorySQLite
import LinqHTTP
import LinqModel
import MapApp
import TextUI

extension ViewCommand {
    /// Resolves the configuration (exit 78 on a bad key or base URL), then runs the chosen mode.
    func execute() async -> Int32 {
        let environment = ProcessInfo.processInfo.environment
        var demoServer: FakeLinq?
        defer { if let demoServer { Task { await demoServer.stop() } } }
        let client: LinqHTTPClient
        let chat: String
        do {
            let base: URL
            let key: String
            if demo {
                let server = try await FakeLinq.start(DemoChat.configuration(apiKey: "demo-key"))
                demoServer = server
                base = server.baseURL
                key = "demo-key"
                chat = Fixtures.demoChatID
            } else {
                base = try BaseURL.resolve(option: baseURL, environment: environment)
                key = try APIKey.load(file: apiKeyFile, environment: environment)
                chat = chatID ?? ""
            }
            let configuration = ClientConfiguration(
                baseURL: base, apiKey: key, userAgent: "linq-map/\(linqMapVersion)",
                timeout: .seconds(timeout), retry: RetryPolicy(maxRetries: retries))
            client = LinqHTTPClient(configuration: configuration)
        } catch let error as ConfigurationError {
            printError("linq-map: \(error.message)")
            return error.exitCode
        } catch {
            printError("linq-map: cannot start the demo server: \(error)")
            return 70
        }

        if listChats {
            do throws(FetchError) {
                try await printChatList(client: client, from: from, format: format ?? .text)
                return 0
            } catch {
                printError(error.message)
                return error.exitCode
            }
        }
        let recorder = historyRecorder(environment: environment)
        if once {
            return await runOnce(client: client, chat: chat, environment: environment, history: recorder)
        }
        let settings = ViewerSettings(
            chatID: chat, client: client,
            policy: PollPolicy(interval: .seconds(interval ?? (demo ? 5 : 60))),
            colors: colorRequest, ascii: ascii, initialView: initialView, showsGraticule: graticule,
            debugCrashKind: environment["LINQMAP_DEBUG_CRASH"].flatMap { $0.isEmpty ? nil : $0 }, history: recorder)
        let outcome = await runViewer(settings)
        if let message = outcome.message { printError(message) }
        return outcome.exitCode
    }

    var colorRequest: ColorRequest {
        switch color {
        case .auto: .auto
        case .always: .always
        case .never: .never
        }
    }

    var initialView: InitialView {
        switch (center, zoom) {
        case (let center?, let zoom): .center(LatLon(lat: center.lat, lon: center.lon), zoom: zoom)
        case (nil, let zoom?): .zoom(zoom)
        case (nil, nil): .fit
        }
    }

    /// `--once`: one fetch, printed as GeoJSON or as one text frame.
    func runOnce(
        client: LinqHTTPClient, chat: String, environment: [String: String], history: HistoryRecorder? = nil
    ) async -> Int32 {
        let snapshot: LocationSnapshot
        do throws(FetchError) {
            snapshot = try await client.locations(chat: chat)
        } catch {
            printError(error.message)
            return error.exitCode
        }
        for warning in snapshot.warnings {
            printError("warning: \(warning)")
        }
        if let warning = await history?.record(snapshot, chatID: chat, polledAt: Date()) {
            printError("linq-map: warning: \(warning)")
        }
        if (format ?? .text) == .geojson {
            writeOutput(GeoJSONWriter.featureCollection(snapshot.participants) + "\n")
            return 0
        }
        let outputIsTerminal = isatty(STDOUT_FILENO) == 1
        let terminalSize = outputIsTerminal ? terminalSizeOfStandardOutput() : nil
        let frameWidth = width ?? terminalSize?.width ?? 120
        let frameHeight = height ?? terminalSize?.height ?? 40
        // The viewer's rule (ColorRequest), plus: auto means colour only when the output is a terminal.
        let terminalColors = (environment["TERM"] ?? "").contains("256") ? 256 : 8
        let depth =
            color == .auto && !outputIsTerminal
            ? .none
            : colorRequest.depth(terminalColors: terminalColors, noColor: !(environment["NO_COLOR"] ?? "").isEmpty)
        let options = FrameOptions(
            isASCII: ascii, usesColor: depth != .none, isInteractive: false, showsGraticule: graticule)
        let frame = ViewerFrame.textFrame(
            chatID: chat, snapshot: snapshot, now: Date(), width: frameWidth, height: frameHeight,
            initialView: initialView, options: options, composer: MapComposer(atlas: .embedded))
        writeOutput(frame.rendered(colors: depth) + "\n")
        return 0
    }
}

/// The size of the terminal on standard output, or nil when it is not one.
func terminalSizeOfStandardOutput() -> (width: Int, height: Int)? {
    var size = winsize()
    guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0, size.ws_row > 0 else { return nil }
    return (Int(size.ws_col), Int(size.ws_row))
}
