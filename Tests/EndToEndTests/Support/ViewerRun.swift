import FakeLinq
import Foundation
import Testing

/// The interactive viewer under test: `FakeLinq` in the test process and the built `linq-map` in a tmux pane.
///
/// The pane runs a small shell script around the binary: it prints the terminal modes (`stty -g`) before, runs
/// linq-map in the foreground, then prints `EXIT=<status>` and the modes after, and stays open (`exec sleep`) so
/// the whole story can be read back. linq-map is the shell's child (`appPID()`).
struct ViewerRun: Sendable {
    /// The API key FakeLinq expects and the viewer sends.
    static let key = "e2e-viewer-key-456"

    /// The fake server, or nil for runs that need none (`--demo`, terminal errors).
    let server: FakeLinq?
    /// The pane.
    let session: TmuxSession
    /// A directory of this run's own, the binary's `TMPDIR` (where crash backtraces go).
    let directory: URL

    /// Starts FakeLinq with `configuration` (none when nil), then the binary with `arguments` in a `width` x
    /// `height` pane; the environment has the key (unless `key` is nil), the server's base URL, `TMPDIR`, an
    /// empty `NO_COLOR`, then `environment` on top.
    static func start(
        _ arguments: [String],
        configuration: FakeLinqConfiguration? = FakeLinqConfiguration(apiKey: ViewerRun.key),
        key: String? = ViewerRun.key, width: Int = 120, height: Int = 40, environment: [String: String] = [:],
        jobControl: Bool = false
    ) async throws -> ViewerRun {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("lm-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let server = try await configuration.asyncMap { try await FakeLinq.start($0) }
        // The history goes to the run's own folder: never into the user's ~/.local/state, nor a file another
        // build migrated to a schema this one does not know (the viewer would then warn and drop the countdown).
        var variables = [
            "TMPDIR": directory.path, "NO_COLOR": "", "LINQ_API_V3_API_KEY": key ?? "",
            "XDG_STATE_HOME": directory.appendingPathComponent("state").path,
        ]
        if let server { variables["LINQ_API_V3_BASE_URL"] = server.baseURL.absoluteString }
        variables.merge(environment) { _, new in new }
        // NB: tmux sets the pane's TERM from its default-terminal option, over `new-session -e`; a TERM of the
        // test's own is set by the shell, for linq-map alone.
        let term = variables.removeValue(forKey: "TERM").map { "TERM=\(shellQuoted($0)) " } ?? ""
        let binary = term + ([Binary.path("linq-map")] + arguments).map(shellQuoted).joined(separator: " ")
        // NB: Ctrl-C and Ctrl-Z reach the whole foreground process group, the shell included; a non-interactive
        // dash dies or stops unless it traps them (a caught signal is reset to the default in the child at exec).
        // With `jobControl`, linq-map runs as a job of its own (`set -m`): only then does Ctrl-Z stop it (the
        // kernel discards a stop signal in an orphaned process group, which the pane's group is), and the shell
        // then prints `STOPPED=<status>` and the modes, waits for a line (Enter), and resumes it with `fg`.
        let suspend = """
            echo "STOPPED=$?"; printf 'STTY-STOPPED=%s\\n' "$(stty -g)"; read line; fg; 
            """
        let script = """
            \(jobControl ? "set -m; " : "")trap : INT TSTP; printf 'STTY-BEFORE=%s\\n' "$(stty -g)"; \(binary); \
            \(jobControl ? suspend : "")echo "EXIT=$?"; printf 'STTY-AFTER=%s\\n' "$(stty -g)"; exec sleep 600
            """
        do {
            let session = try await TmuxSession(
                command: script, width: width, height: height, environment: variables)
            return ViewerRun(server: server, session: session, directory: directory)
        } catch {
            await server?.stop()
            throw error
        }
    }

    /// Ends the pane, the server and the directory.
    func stop() async {
        await session.close()
        await server?.stop()
        try? FileManager.default.removeItem(at: directory)
    }

    /// The process id of linq-map (the pane shell's child running the binary), waiting up to `timeout` for it.
    func appPID(timeout: Duration = .seconds(30)) async -> Int32? {
        let clock = ContinuousClock()
        let end = clock.now.advanced(by: timeout)
        let binary = Binary.path("linq-map")
        while true {
            if let shell = await session.panePID() {
                for child in childProcesses(of: shell) where commandLine(of: child).first == binary {
                    return child
                }
            }
            if clock.now >= end { return nil }
            try? await Task.sleep(for: .milliseconds(50))
        }
    }

    /// Waits for the shell's `EXIT=<status>` line after linq-map ended; nil (with an issue recorded) when it
    /// never comes. Also returns the screen, scrollback included.
    func waitForExit(
        timeout: Duration = .seconds(30), sourceLocation: SourceLocation = #_sourceLocation
    ) async -> (status: Int32?, screen: String) {
        let screen = await session.waitUntil(
            "an EXIT= line", timeout: timeout, history: true, sourceLocation: sourceLocation
        ) { ViewerRun.exitStatus(in: $0) != nil && $0.contains("STTY-AFTER=") }
        return (ViewerRun.exitStatus(in: screen), screen)
    }

    /// The status in the shell's `EXIT=<status>` line, if it is there.
    static func exitStatus(in screen: String) -> Int32? {
        for line in screen.split(separator: "\n") where line.hasPrefix("EXIT=") {
            return Int32(line.dropFirst(5).trimmingCharacters(in: .whitespaces))
        }
        return nil
    }

    /// The terminal modes the shell printed before and after linq-map (`stty -g`), if both are there.
    static func terminalModes(in screen: String) -> (before: String, after: String)? {
        guard let before = line(startingWith: "STTY-BEFORE=", in: screen),
            let after = line(startingWith: "STTY-AFTER=", in: screen)
        else { return nil }
        return (before, after)
    }

    /// The rest of the first line of `screen` that starts with `prefix`, trimmed.
    static func line(startingWith prefix: String, in screen: String) -> String? {
        screen.split(separator: "\n").first { $0.hasPrefix(prefix) }.map {
            $0.dropFirst(prefix.count).trimmingCharacters(in: .whitespaces)
        }
    }
}

/// Runs `body` with a started `ViewerRun` and stops it afterwards, whether `body` throws or not.
func withViewer(
    _ arguments: [String], configuration: FakeLinqConfiguration? = FakeLinqConfiguration(apiKey: ViewerRun.key),
    key: String? = ViewerRun.key, width: Int = 120, height: Int = 40, environment: [String: String] = [:],
    jobControl: Bool = false, _ body: (ViewerRun) async throws -> Void
) async throws {
    let run = try await ViewerRun.start(
        arguments, configuration: configuration, key: key, width: width, height: height, environment: environment,
        jobControl: jobControl)
    do {
        try await body(run)
    } catch {
        await run.stop()
        throw error
    }
    await run.stop()
}

/// `text` as one shell word.
func shellQuoted(_ text: String) -> String {
    "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
}

/// The ids of the processes whose parent is `parent`, from /proc.
func childProcesses(of parent: Int32) -> [Int32] {
    let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
    return entries.compactMap(Int32.init).filter { pid in
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return false }
        // NB: the command name in parentheses may hold spaces; the fields after it are state, then ppid.
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        return fields.count > 1 && Int32(fields[1]) == parent
    }
}

/// The arguments of process `pid` (empty once it has ended or for a zombie).
func commandLine(of pid: Int32) -> [String] {
    guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return [] }
    return data.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
}

/// The state letter of process `pid` from /proc (`S` sleeping, `T` stopped, `Z` zombie), nil once it is gone.
func processState(_ pid: Int32) -> String? {
    guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
        let close = stat.lastIndex(of: ")")
    else { return nil }
    return stat[stat.index(after: close)...].split(separator: " ").first.map(String.init)
}

/// True while process `pid` exists and has not been reaped (a zombie counts as ended).
func isRunning(_ pid: Int32) -> Bool {
    guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
        let close = stat.lastIndex(of: ")")
    else { return false }
    return stat[stat.index(after: close)...].split(separator: " ").first != "Z"
}

/// The labels of the side panel's rows that are drawn reversed (selected), from a `capture-pane -e` screen.
///
/// A row's first line starts after the panel's divider (`│`) with a space and the label; the bottom line (the
/// status bar, reversed as a whole) is left out.
func highlightedLabels(in escapedScreen: String) -> [Character] {
    var lines = escapedScreen.split(separator: "\n", omittingEmptySubsequences: false)
    while let last = lines.last, last.isEmpty { lines.removeLast() }
    if !lines.isEmpty { lines.removeLast() }
    var labels: [Character] = []
    for line in lines {
        guard let divider = line.firstIndex(of: "│") else { continue }
        var isReversed = false
        var visible: [(Character, Bool)] = []
        var index = line.index(after: divider)
        while index < line.endIndex, visible.count < 3 {
            if line[index] == "\u{1B}", line[line.index(after: index)...].first == "[" {
                let start = line.index(index, offsetBy: 2)
                guard let end = line[start...].firstIndex(where: { $0.isLetter }) else { break }
                if line[end] == "m" {
                    let parameters = line[start..<end].split(separator: ";", omittingEmptySubsequences: false)
                    var position = 0
                    while position < parameters.count {
                        switch parameters[position] {
                        case "", "0", "27": isReversed = false
                        case "7": isReversed = true
                        // An extended colour's own numbers (38;5;N or 38;2;R;G;B) are not attributes.
                        case "38", "48", "58": position += parameters.dropFirst(position + 1).first == "2" ? 4 : 2
                        default: break
                        }
                        position += 1
                    }
                }
                index = line.index(after: end)
                continue
            }
            visible.append((line[index], isReversed))
            index = line.index(after: index)
        }
        // " 1 " : a space, the label, a space.
        guard visible.count == 3, visible[0].0 == " ", visible[2].0 == " " else { continue }
        let (label, reversed) = visible[1]
        if reversed && (label.isNumber || label.isUppercase || label == "*") { labels.append(label) }
    }
    return labels
}

/// The zoom level the status bar shows ("zoom 3"), if it shows one.
func zoomLevel(in screen: String) -> Int? {
    guard let status = screen.split(separator: "\n").last(where: { !$0.isEmpty }),
        let range = status.range(of: "zoom ")
    else { return nil }
    return Int(status[range.upperBound...].prefix { $0.isNumber })
}

extension Optional {
    fileprivate func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let self else { return nil }
        return try await transform(self)
    }
}
