import Foundation
import Testing

@testable import CursesScreen

@Suite struct ScreenThreadTests {
    @Test func bodyReturnsItsResult() async {
        #expect(await runOnScreenThread { 6 * 7 } == 42)
    }

    /// Three bodies block at once; on the cooperative pool (2 threads here) the task that releases them could
    /// never run and the test would hang until its time limit.
    @Test(.timeLimit(.minutes(1)))
    func blockingBodiesDoNotStarveTheCooperativePool() async {
        let gate = DispatchSemaphore(value: 0)
        await withTaskGroup(of: Int.self) { group in
            for index in 0..<3 {
                group.addTask {
                    await runOnScreenThread {
                        gate.wait()
                        return index
                    }
                }
            }
            group.addTask {
                for _ in 0..<3 { gate.signal() }
                return 100
            }
            var results: [Int] = []
            for await result in group { results.append(result) }
            #expect(results.sorted() == [0, 1, 2, 100])
        }
    }
}
