import Foundation
import Testing

@testable import StreetFiles

/// A pipeline stopped before its workers ran out of jobs must free cleanly: libdispatch traps when a
/// semaphore is freed holding less than it was created with, which tiny extracts (no data block, or one)
/// used to leave behind once the workers left after `stop()`.
@Test func aPipelineStoppedEarlyIsFreedCleanly() async throws {
    for jobCount in [0, 1, 0, 1, 2] {
        for _ in 0..<40 {
            let pipeline = InflatePipeline(
                bytes: Data(), jobs: Array(repeating: .init(frameOffset: 0, blob: 0..<0), count: jobCount))
            pipeline.start(workers: 2)
            pipeline.stop()
        }
    }
    // The workers hold the last references; give them time to leave and free their pipelines.
    try await Task.sleep(for: .milliseconds(300))
}
