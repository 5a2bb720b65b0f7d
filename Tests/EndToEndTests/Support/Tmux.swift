import Foundation
import Testing

/// A private tmux server running one program in a detached session, for end-to-end tests of the viewer.
///
/// Each instance has its own socket (`-L`), ignores the user's configuration (`-f /dev/null`), and is
/// killed by `close()`.
final class TmuxSession: Sendable {
    let socket: String
    let width: Int
    let height: Int

    /// Starts `command` (a shell command line) in a `width` x `height` pane with `LANG=C.UTF-8`.
    /// The pane stays after the program ends (`remain-on-exit`) so its last screen and status can be read.
    init(command: String, width: Int = 120, height: Int = 40) throws {
        socket = "lm-e2e-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        self.width = width
        self.height = height
        try tmux([
            "-f", "/dev/null", "new-session", "-d", "-s", "t", "-x", "\(width)", "-y", "\(height)",
            "-e", "LANG=C.UTF-8", "-e", "TERM=tmux-256color", "sh", "-c", command,
        ])
        try tmux(["set-option", "-t", "t", "remain-on-exit", "on"])
    }

    /// Runs tmux with this session's socket; throws when tmux fails.
    ///
    /// NB: tmux answers in milliseconds, so this blocks its caller briefly; waits longer than that poll with
    /// `Task.sleep` in between, leaving the cooperative pool free.
    @discardableResult
    func tmux(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/tmux")
        process.arguments = ["-L", socket] + arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw TmuxError(arguments: arguments, status: process.terminationStatus)
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// The pane's text now, one line per row.
    func screen() -> String {
        (try? tmux(["capture-pane", "-p", "-t", "t"])) ?? ""
    }

    /// Sends keys as tmux key names (`Tab`, `BTab`, `C-l`, `Up`) or literal text with `literal: true`.
    func send(_ keys: String..., literal: Bool = false) throws {
        try tmux(["send-keys", "-t", "t"] + (literal ? ["-l"] : []) + keys)
    }

    /// Resizes the window (and with it the only pane).
    func resize(width: Int, height: Int) throws {
        try tmux(["resize-window", "-t", "t", "-x", "\(width)", "-y", "\(height)"])
    }

    /// The pane's process id, or nil once it has ended.
    func panePID() -> Int32? {
        guard let text = try? tmux(["display-message", "-p", "-t", "t", "#{pane_dead} #{pane_pid}"]) else { return nil }
        let parts = text.split(separator: " ")
        guard parts.count == 2, parts[0] == "0" else { return nil }
        return Int32(parts[1].trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// The exit status of the pane's program once it has ended, else nil.
    func exitStatus() -> Int32? {
        guard let text = try? tmux(["display-message", "-p", "-t", "t", "#{pane_dead} #{pane_dead_status}"])
        else { return nil }
        let parts = text.split(separator: " ")
        guard parts.count == 2, parts[0] == "1" else { return nil }
        return Int32(parts[1].trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// Polls the screen until `predicate` holds or `deadline` passes; returns the last screen either way.
    @discardableResult
    func waitForScreen(
        timeout: Duration = .seconds(20), _ predicate: (String) -> Bool
    ) async -> (matched: Bool, screen: String) {
        let clock = ContinuousClock()
        let end = clock.now.advanced(by: timeout)
        var last = ""
        while clock.now < end {
            last = screen()
            if predicate(last) { return (true, last) }
            try? await Task.sleep(for: .milliseconds(50))
        }
        return (false, last)
    }

    /// Waits until the screen contains `text`; records an issue with the screen when it never does.
    @discardableResult
    func waitFor(
        _ text: String, timeout: Duration = .seconds(20), sourceLocation: SourceLocation = #_sourceLocation
    ) async -> String {
        let (matched, screen) = await waitForScreen(timeout: timeout) { $0.contains(text) }
        if !matched {
            Issue.record("screen never showed \"\(text)\":\n\(screen)", sourceLocation: sourceLocation)
        }
        return screen
    }

    /// Waits until the program has exited and returns its status, or nil after `timeout`.
    func waitForExit(timeout: Duration = .seconds(20)) async -> Int32? {
        let clock = ContinuousClock()
        let end = clock.now.advanced(by: timeout)
        while clock.now < end {
            if let status = exitStatus() { return status }
            try? await Task.sleep(for: .milliseconds(50))
        }
        return nil
    }

    /// Kills the private tmux server and everything in it.
    func close() {
        _ = try? tmux(["kill-server"])
    }
}

/// A tmux command that failed.
struct TmuxError: Error, CustomStringConvertible {
    var arguments: [String]
    var status: Int32
    var description: String { "tmux \(arguments.joined(separator: " ")) exited \(status)" }
}
