import ArgumentParser
import Contacts
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
    func execute(
        environment: [String: String] = ProcessInfo.processInfo.environment, events: EventSettings = EventSettings()
    ) async -> ProgramExit {
        var demoServer: FakeLinq?
        defer { if let demoServer { Task { await demoServer.stop() } } }
        let client: LinqHTTPClient
        let chats: [String]
        do {
            let base: URL
            let key: String
            if demo {
                let server = try await FakeLinq.start(DemoChat.configuration(apiKey: "demo-key"))
                demoServer = server
                base = server.baseURL
                key = "demo-key"
                chats = [Fixtures.demoChatID]
            } else {
                base = try BaseURL.resolve(option: baseURL, environment: environment)
                key = try APIKey.load(file: apiKeyFile, environment: environment)
                chats = chatIDs
            }
            let configuration = ClientConfiguration(
                baseURL: base, apiKey: key, userAgent: "linq-map/\(linqMapVersion)",
                timeout: .seconds(timeout), retry: RetryPolicy(maxRetries: retries))
            client = LinqHTTPClient(configuration: configuration)
        } catch let error as ConfigurationError {
            printError("linq-map: \(error.message)")
            return error.programExit
        } catch {
            printError("linq-map: cannot start the demo server: \(error)")
            return .software
        }

        if listChats {
            do throws(FetchError) {
                try await printNamedChatList(client: client, environment: environment)
                return .success
            } catch {
                printError(error.message)
                return error.programExit
            }
        }
        let recorder = historyRecorder(environment: environment)
        if once {
            return await runOnce(
                client: client, chats: chats, environment: environment, history: recorder, places: events.places)
        }
        var unique: Set<String> = []
        var settings = ViewerSettings(
            chatIDs: chats.filter { unique.insert($0).inserted }, client: client,
            policy: PollPolicy(interval: .seconds(interval ?? (demo ? 5 : 60))),
            colors: colorRequest, ascii: ascii, initialView: initialView, showsGraticule: graticule,
            contacts: ContactBook(), contactsWarning: nil, pickerFrom: from, pickerTo: to,
            retention: Retention(forgetAfter: forgetAfter?.duration ?? Retention.defaultForgetAfter), history: recorder)
        settings.usesMouse = !noMouse
        settings.redacts = redact
        settings.historyReader = recorder.map { HistoryReader(file: $0.file) }
        settings.historyView = historyViewSettings
        (settings.events, settings.eventRecorder, settings.hookProgram) = viewerEvents(events, environment: environment)
        (settings.contacts, settings.contactsWarning) = viewerContacts(environment: environment)
        #if DEBUG
            settings.debugCrash = environment["LINQMAP_DEBUG_CRASH"].flatMap(DebugCrash.init(rawValue:))
        #endif
        let outcome = await runViewer(settings)
        if let message = outcome.message { printError(message) }
        return outcome.status
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

    /// `--once`: one fetch, printed as GeoJSON or as one text frame (with the rings of `places`).
    func runOnce(
        client: LinqHTTPClient, chats: [String], environment: [String: String], history: HistoryRecorder? = nil,
        places: [NamedPlace] = []
    ) async -> ProgramExit {
        let batch: OnceBatch
        switch await fetchOnceBatch(client: client, chats: chats, environment: environment, history: history) {
        case .failure(let status): return status
        case .success(let fetched): batch = fetched
        }
        if printScriptOutput(batch) {
            await batch.finishRecording()
            return .success
        }
        let outputIsTerminal = isatty(STDOUT_FILENO) == 1
        let terminalSize = outputIsTerminal ? terminalSizeOfStandardOutput() : nil
        // A terminal below the smallest text frame still gets a map (wider than it), never "too small".
        let frameWidth = width ?? terminalSize.map { max(ViewCommand.minimumFrameWidth, $0.width) } ?? 120
        // One row less than the terminal: the frame's first row stays on screen when the prompt returns.
        let frameHeight = height ?? terminalSize.map { max(ViewCommand.minimumFrameHeight, $0.height - 1) } ?? 40
        // The viewer's rule (ColorRequest), plus: auto means colour only when the output is a terminal.
        let terminalColors = (environment["TERM"] ?? "").contains("256") ? 256 : 8
        let depth =
            color == .auto && !outputIsTerminal
            ? .none
            : colorRequest.depth(terminalColors: terminalColors, noColor: !(environment["NO_COLOR"] ?? "").isEmpty)
        // As the viewer does: a locale that is not UTF-8 gets 7-bit ASCII.
        let options = FrameOptions(
            isASCII: ascii || !TerminalLocale.isUTF8(environment: environment), usesColor: depth != .none,
            isInteractive: false, showsGraticule: graticule)
        let frame = ViewerFrame.textFrame(
            chats: batch.chats.map { ($0.chatID, $0.snapshot) }, contacts: batch.namesAsContacts, now: Date(),
            width: frameWidth, height: frameHeight, initialView: initialView, redacts: redact, options: options,
            composer: MapComposer(atlas: .embedded, streets: importedStreets(environment: environment)),
            home: historyViewSettings.home, units: historyViewSettings.units, places: places)
        writeOutput(frame.rendered(colors: depth) + "\n")
        await batch.finishRecording()
        return .success
    }
}

/// The size of the terminal on standard output, or nil when it is not one.
func terminalSizeOfStandardOutput() -> (width: Int, height: Int)? {
    terminalSize(of: STDOUT_FILENO)
}
