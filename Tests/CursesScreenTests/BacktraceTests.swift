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
}
