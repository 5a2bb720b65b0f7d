import CFatalSignals
import Foundation
import Testing

@testable import CursesScreen

/// The C crash handler (Sources/CFatalSignals): each test crashes a child process and checks how it ended.
@Suite struct FatalSignalsTests {
    @Test func theNoteIsWrittenAndAnAbortStillKills() async throws {
        let result = try #require(
            await #expect(processExitsWith: .signal(SIGABRT), observing: [\.standardErrorContent]) {
                lm_fatal_signals_set_note(STDERR_FILENO, "linq-map test note\n")
                _ = lm_fatal_signals_install(STDERR_FILENO)
                abort()
            })
        #expect(String(decoding: result.standardErrorContent, as: UTF8.self).contains("linq-map test note"))
    }

    @Test func aRealFaultStillKillsWithItsSignal() async throws {
        let result = try #require(
            await #expect(processExitsWith: .signal(SIGSEGV), observing: [\.standardErrorContent]) {
                lm_fatal_signals_set_note(STDERR_FILENO, "segv note\n")
                _ = lm_fatal_signals_install(STDERR_FILENO)
                DebugCrash.segv.crash()
            })
        #expect(String(decoding: result.standardErrorContent, as: UTF8.self).contains("segv note"))
    }

    @Test func aDisarmedHandlerWritesNoTerminalReset() async throws {
        let result = try #require(
            await #expect(processExitsWith: .signal(SIGILL), observing: [\.standardErrorContent]) {
                _ = lm_fatal_signals_install(STDERR_FILENO)
                lm_fatal_signals_disarm()
                DebugCrash.trap.crash()
            })
        #expect(!String(decoding: result.standardErrorContent, as: UTF8.self).contains("\u{1B}[?1049l"))
    }

    @Test func notATerminalIsReported() async {
        await #expect(processExitsWith: .success) {
            exit(lm_fatal_signals_install(open("/dev/null", O_WRONLY)) == -1 ? EXIT_SUCCESS : EXIT_FAILURE)
        }
    }
}
