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
/// it to end; sends it SIGTERM after `timeout` (the status then says so).
func runProcess(
    _ path: String, _ arguments: [String], environment: [String: String] = [:],
    timeout: Duration = .seconds(60)
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
    try process.run()
    // Read both pipes on threads of their own so a chatty child cannot block on a full pipe, and the
    // cooperative pool (which serves FakeLinq) stays free.
    async let outData = offPool { out.fileHandleForReading.readDataToEndOfFile() }
    async let errData = offPool { err.fileHandleForReading.readDataToEndOfFile() }
    let watchdog = Task.detached {
        try await Task.sleep(for: timeout)
        if process.isRunning { process.terminate() }
    }
    let stdout = String(decoding: await outData, as: UTF8.self)
    let stderr = String(decoding: await errData, as: UTF8.self)
    await offPool { process.waitUntilExit() }
    watchdog.cancel()
    return ProcessResult(status: process.terminationStatus, stdout: stdout, stderr: stderr)
}
