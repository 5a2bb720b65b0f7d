import LinqModel
import Testing

@testable import CursesScreen

@Suite struct ScreenErrorTests {
    static let terminalErrors: [ScreenError] = [
        .noTerminal, .terminalTypeUnset, .unknownTerminal("nosuchterm"), .dumbTerminal("dumb"),
    ]

    @Test(arguments: terminalErrors)
    func terminalErrorsSuggestOnceAndExit78(error: ScreenError) {
        #expect(error.message.contains("--once"))
        #expect(error.programExit == .configuration)
    }

    @Test func systemErrorsExit71() {
        #expect(ScreenError.systemCallFailed(call: "pipe", errno: 24).programExit == .osError)
    }

    @Test func unknownTerminalNamesTheValue() {
        #expect(ScreenError.unknownTerminal("nosuchterm").message.contains("TERM=nosuchterm"))
    }
}
