import Foundation
import Testing

@testable import CursesScreen

@Suite struct BacktraceTests {
    @Test func unsetWritesNonInteractiveBacktracesToTheTemporaryDirectory() {
        let policy = BacktracePolicy(current: nil, temporaryDirectory: "/var/tmp/")
        #expect(policy.value == "enable=yes,interactive=no,output-to=/var/tmp")
        #expect(policy.needsRestart)
        #expect(policy.logDirectory == "/var/tmp")
    }

    @Test func noTemporaryDirectoryMeansTmp() {
        #expect(BacktracePolicy(current: "", temporaryDirectory: nil).logDirectory == "/tmp")
    }

    @Test func anExplicitInteractiveChoiceIsKept() {
        let policy = BacktracePolicy(current: "interactive=yes", temporaryDirectory: nil)
        #expect(policy.value == "interactive=yes")
        #expect(!policy.needsRestart)
        #expect(policy.logDirectory == nil)
    }

    @Test func disabledBacktracesNeedNoRestart() {
        #expect(!BacktracePolicy(current: "enable=no", temporaryDirectory: nil).needsRestart)
    }

    @Test func otherSettingsGainInteractiveNo() {
        let policy = BacktracePolicy(current: "output-to=/srv/crashes,color=no", temporaryDirectory: nil)
        #expect(policy.value == "output-to=/srv/crashes,color=no,interactive=no")
        #expect(policy.needsRestart)
        #expect(policy.logDirectory == "/srv/crashes")
    }

    @Test func offATerminalNothingRestarts() {
        let policy = BacktracePolicy(current: "output-to=/srv/crashes", temporaryDirectory: nil, onTerminal: false)
        #expect(!policy.needsRestart)
        #expect(policy.value == "output-to=/srv/crashes")
        #expect(policy.logDirectory == "/srv/crashes")
        #expect(!BacktracePolicy(current: nil, temporaryDirectory: nil, onTerminal: false).needsRestart)
    }

    @Test(arguments: [nil, "", "color=no", "output-to=stderr", "interactive=yes", "enable=no"])
    func theRestartedProcessDoesNotRestartAgain(current: String?) {
        let first = BacktracePolicy(current: current, temporaryDirectory: "/tmp")
        #expect(!BacktracePolicy(current: first.value, temporaryDirectory: "/tmp").needsRestart)
    }

    static let crashes: [(String, Int32)] = [
        ("trap", SIGILL), ("segv", SIGSEGV), ("abort", SIGABRT), ("overflow", SIGSEGV),
    ]

    @Test(arguments: crashes)
    func debugCrashEndsTheProcessWithItsSignal(kind: String, signal: Int32) async {
        // NB: the exit-test body may not capture values, so each kind gets its own literal body.
        switch kind {
        case "trap": await #expect(processExitsWith: .signal(signal)) { DebugCrash.trap.crash() }
        case "segv": await #expect(processExitsWith: .signal(signal)) { DebugCrash.segv.crash() }
        case "abort": await #expect(processExitsWith: .signal(signal)) { DebugCrash.abort.crash() }
        default: await #expect(processExitsWith: .signal(signal)) { DebugCrash.overflow.crash() }
        }
    }
}
