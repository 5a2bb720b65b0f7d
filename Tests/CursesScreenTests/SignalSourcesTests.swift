import Foundation
import LinqModel
import Testing

@testable import CursesScreen

@Suite struct SignalSourcesTests {
    @Test(.timeLimit(.minutes(1)))
    func anIgnoredSignalReachesTheHandler() async {
        let latch = Latch<Int32>()
        let sources = installSignalSources([SIGUSR2]) { number in latch.resolve(number) }
        kill(getpid(), SIGUSR2)
        let received = await latch.wait()
        sources.forEach { $0.cancel() }
        #expect(received == SIGUSR2)
    }
}
