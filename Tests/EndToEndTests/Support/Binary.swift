import Foundation
import Testing

/// Where the built executables live: next to the test bundle that `swift test` runs.
enum Binary {
    /// The directory holding the package's built products (`.build/<triple>/debug`).
    static var directory: URL {
        if let override = ProcessInfo.processInfo.environment["LINQMAP_BIN_DIR"] {
            return URL(fileURLWithPath: override)
        }
        let executable =
            (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? CommandLine.arguments[0]
        var url = URL(fileURLWithPath: executable).resolvingSymlinksInPath()
        // The runner is `<dir>/linq-mapPackageTests.xctest`; step up until the products are beside us.
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.isExecutableFile(atPath: url.appendingPathComponent("linq-map").path) {
                return url
            }
        }
        return URL(fileURLWithPath: ".build/debug")
    }

    /// The path of the product named `name`.
    static func path(_ name: String) -> String {
        directory.appendingPathComponent(name).path
    }
}

/// The result of running a process to completion.
struct ProcessResult: Sendable {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// Runs `arguments` with `environment` (replacing the inherited one), stdin from /dev/null, and waits for
/// it to end; sends it SIGTERM after `timeout` (the status then says so: 143). With `stdoutPath`, standard output
/// goes to that file (e.g. /dev/full) and the result's `stdout` is empty.
///
/// Output goes through files, not pipes: a pipe's reader waits for every copy of the write end to close.
func runProcess(
    _ path: String, _ arguments: [String], environment: [String: String] = [:],
    timeout: Duration = .seconds(60), stdoutPath: String? = nil
) async throws -> ProcessResult {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("lm-run-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    // A home of its own per run: the history database, settings and caches under it never leak between tests,
    // test runs or checkouts (a shared one upgraded by a newer build turned history off for an older one).
    var env = ["PATH": "/usr/bin:/bin", "HOME": directory.path, "LANG": "C.UTF-8"]
    env.merge(environment) { _, new in new }
    let outPath = stdoutPath ?? directory.appendingPathComponent("stdout").path
    let errPath = directory.appendingPathComponent("stderr").path
    let environment = env
    // NB: posix_spawn suspends the calling thread until the child has exec'd: not on the cooperative pool.
    let spawned = await offPool {
        Result {
            try SpawnedProcess(
                path: path, arguments: arguments, environment: environment, stdout: outPath, stderr: errPath)
        }
    }
    let process = try spawned.get()
    let pid = process.pid
    let watchdog = Task.detached {
        try await Task.sleep(for: timeout)
        kill(pid, SIGTERM)
    }
    let status = await process.exitStatus()
    watchdog.cancel()
    let written = stdoutPath == nil ? FileManager.default.contents(atPath: outPath) : nil
    let stdout = String(decoding: written ?? Data(), as: UTF8.self)
    let stderr = String(decoding: FileManager.default.contents(atPath: errPath) ?? Data(), as: UTF8.self)
    return ProcessResult(status: status, stdout: stdout, stderr: stderr)
}
