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

/// Runs `arguments` with `environment` (added to a minimal one), stdin from /dev/null, and waits for it to end;
/// terminates it after `timeout`.
///
/// NB: pipes are read on dedicated threads and the exit is awaited through a continuation: blocking reads on
/// Swift's cooperative pool (2 threads on 2 cores) starve the in-process FakeLinq the child talks to.
func runProcess(
    _ path: String, _ arguments: [String], environment: [String: String] = [:],
    timeout: Duration = .seconds(90)
) async throws -> ProcessResult {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = arguments
    var env = ["PATH": "/usr/bin:/bin", "HOME": NSTemporaryDirectory(), "LANG": "C.UTF-8"]
    env.merge(environment) { _, new in new }
    process.environment = env
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = FileHandle.nullDevice
    let (exited, exitContinuation) = AsyncStream<Void>.makeStream()
    process.terminationHandler = { _ in exitContinuation.finish() }
    try process.run()
    async let stdout = readToEnd(out.fileHandleForReading)
    async let stderr = readToEnd(err.fileHandleForReading)
    let watchdog = Task {
        try await Task.sleep(for: timeout)
        if process.isRunning { process.terminate() }
    }
    for await _ in exited {}
    watchdog.cancel()
    let output = await stdout
    let errors = await stderr
    return ProcessResult(status: process.terminationStatus, stdout: output, stderr: errors)
}

/// Reads `handle` to its end on a dedicated thread.
func readToEnd(_ handle: FileHandle) async -> String {
    await withCheckedContinuation { continuation in
        Thread.detachNewThread {
            let data = handle.readDataToEndOfFile()
            continuation.resume(returning: String(decoding: data, as: UTF8.self))
        }
    }
}
