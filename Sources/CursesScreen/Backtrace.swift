import CFatalSignals
import Foundation

/// The `SWIFT_BACKTRACE` setting linq-map runs with, so that a crash never waits for a key and its backtrace
/// lands in a file.
///
/// NB: Swift 6.3's backtracer is interactive on a terminal ("Press space to interact ... (25s)") and reads
/// `SWIFT_BACKTRACE` once, when the runtime starts, so a running process cannot change it: it must re-exec.
/// (docs/platform-notes.md, "Crashes").
public struct BacktracePolicy: Equatable, Sendable {
    /// The value `SWIFT_BACKTRACE` should have.
    public var value: String
    /// True when the current process runs with a different value and must re-exec itself to apply it.
    public var needsRestart: Bool
    /// The directory backtraces are written to (one file per crash), or nil when they go to stdout or stderr.
    public var logDirectory: String?

    /// The policy for a process started with `SWIFT_BACKTRACE=current` and `TMPDIR=temporaryDirectory`;
    /// `onTerminal` is true when stdin and stdout are both terminals, the only case where the backtracer's
    /// default (`interactive=tty`) waits for a key.
    ///
    /// Off a terminal nothing changes (a restart costs a second process start). On one, unset becomes
    /// `enable=yes,interactive=no,output-to=<TMPDIR or /tmp>`; a value that sets `interactive` or `enable=no`
    /// is the user's choice and kept; any other value gets `,interactive=no` appended.
    public init(current: String?, temporaryDirectory: String?, onTerminal: Bool = true) {
        guard onTerminal else {
            value = current ?? ""
            needsRestart = false
            logDirectory = BacktracePolicy.settings(current ?? "")["output-to"].flatMap(BacktracePolicy.directory)
            return
        }
        var directory = temporaryDirectory.flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        while directory.count > 1 && directory.hasSuffix("/") { directory.removeLast() }
        guard let current, !current.isEmpty else {
            value = "enable=yes,interactive=no,output-to=\(directory)"
            needsRestart = true
            logDirectory = directory
            return
        }
        let settings = BacktracePolicy.settings(current)
        logDirectory = settings["output-to"].flatMap(BacktracePolicy.directory)
        if settings["interactive"] != nil || settings["enable"]?.lowercased() == "no" {
            value = current
            needsRestart = false
        } else {
            value = current + ",interactive=no"
            needsRestart = true
        }
    }

    /// The `key=value` pairs of a `SWIFT_BACKTRACE` value, keys lowercased.
    private static func settings(_ value: String) -> [String: String] {
        var settings: [String: String] = [:]
        for pair in value.split(separator: ",") {
            let parts = pair.split(separator: "=", maxSplits: 1)
            let key = parts.first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
            settings[key] = parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : ""
        }
        return settings
    }

    /// The `output-to` value as a path, or nil for the standard streams.
    private static func directory(_ output: String) -> String? {
        ["", "stdout", "stderr"].contains(output.lowercased()) ? nil : output
    }
}

/// Makes sure a crash never waits for a key: re-executes the program (the file `/proc/self/exe` names, same
/// arguments, same process id) with `BacktracePolicy`'s `SWIFT_BACKTRACE` when the current one would be
/// interactive; returns only when no restart is needed or the re-exec failed. Then installs the crash handler
/// (`CFatalSignals`) with a note for stderr that says where the backtrace went, printed after the terminal is
/// restored. Call it first thing in `main`, before any thread starts.
@discardableResult
public func ensureNonInteractiveBacktrace(
    arguments: [String] = CommandLine.arguments, environment: [String: String] = ProcessInfo.processInfo.environment
) -> BacktracePolicy {
    let policy = BacktracePolicy(
        current: environment["SWIFT_BACKTRACE"], temporaryDirectory: environment["TMPDIR"],
        onTerminal: isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1)
    if policy.needsRestart {
        var newEnvironment = environment
        newEnvironment["SWIFT_BACKTRACE"] = policy.value
        // NB: exec'ing /proc/self/exe itself would rename the process to "exe" (ps, top, the backtrace file).
        let path = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? "/proc/self/exe"
        execute(path: path, arguments: arguments, environment: newEnvironment)
        // Still here: the exec failed. Run on with the interactive backtracer rather than not at all.
        return BacktracePolicy(current: environment["SWIFT_BACKTRACE"] ?? "interactive=tty", temporaryDirectory: nil)
    }
    let program = arguments.first.map { ($0 as NSString).lastPathComponent } ?? "linq-map"
    var note = "\r\n\(program) crashed.\r\n"
    if let output = policy.logDirectory {
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: output, isDirectory: &isDirectory)
        // NB: swift-backtrace names a file in a directory <program>-<pid>-<n>.<n>.log (seen: crash-8979-0.0.log).
        let file = exists && isDirectory.boolValue ? "\(output)/\(program)-\(getpid())-*.log" : output
        note = "\r\n\(program) crashed; the backtrace is in \(file)\r\n"
    }
    lm_fatal_signals_set_note(STDERR_FILENO, note)
    // No terminal to restore yet (-1): the screen arms that when it opens, so a crash before then writes only
    // the note, never reset sequences to a terminal that was never switched.
    _ = lm_fatal_signals_install(-1)
    return policy
}

/// `execve` with Swift arrays; returns only on failure.
private func execute(path: String, arguments: [String], environment: [String: String]) {
    let argv = arguments.map { strdup($0) } + [nil]
    let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer {
        argv.forEach { free($0) }
        envp.forEach { free($0) }
    }
    _ = execve(path, argv, envp)
}
