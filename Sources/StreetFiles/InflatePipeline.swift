import Foundation
import Streets
import Synchronization

/// Inflates the data blobs of a memory-mapped `.osm.pbf` on worker threads, ahead of the reader, and hands
/// the blocks over in file order: zlib is a quarter of an import's time, and the reader's own work
/// (decoding, keeping nodes) runs meanwhile on the other core.
///
/// At most `lookahead` inflated blocks wait at a time, so memory stays bounded whatever the file's size.
final class InflatePipeline: Sendable {
    /// A data blob to inflate: its frame's offset and the `Blob` message's byte range in the file.
    struct Job: Sendable {
        var frameOffset: Int
        var blob: Range<Int>
    }

    private let bytes: Data
    private let jobs: [Job]
    private let results = Mutex<[Int: Result<[UInt8], PBFError>]>([:])
    private let next = Mutex(0)
    private let ready = DispatchSemaphore(value: 0)
    // Both semaphores start at zero: libdispatch traps when a semaphore is freed with a value below the one
    // it was created with, which a pipeline stopped early (an error, a reader done) would otherwise leave.
    private let space = DispatchSemaphore(value: 0)
    private let stopped = Mutex(false)

    init(bytes: Data, jobs: [Job], lookahead: Int = 8) {
        self.bytes = bytes
        self.jobs = jobs
        for _ in 0..<max(1, lookahead) { space.signal() }
    }

    /// Starts `workers` threads.
    func start(workers: Int) {
        for _ in 0..<workers {
            let thread = Thread { [self] in work() }
            thread.stackSize = 1 << 20
            thread.start()
        }
    }

    /// The inflated block of job `index`, waiting for it; jobs must be taken in order, each once.
    func take(_ index: Int) throws(PBFError) -> [UInt8] {
        while true {
            if let result = results.withLock({ $0.removeValue(forKey: index) }) {
                space.signal()
                return try result.get()
            }
            ready.wait()
        }
    }

    /// Tells the workers to stop after their current job (after an error, or when the reader is done).
    func stop() {
        stopped.withLock { $0 = true }
        for _ in 0..<jobs.count { space.signal() }
    }

    private func work() {
        var inflater = Inflater()
        while true {
            space.wait()
            if stopped.withLock({ $0 }) { return }
            let index = next.withLock { value -> Int in
                defer { value += 1 }
                return value
            }
            guard index < jobs.count else {
                space.signal()
                return
            }
            let job = jobs[index]
            let result = bytes.withUnsafeBytes { raw in
                Result { () throws(PBFError) -> [UInt8] in
                    let frame = PBFFrame(
                        offset: job.frameOffset, kind: .data,
                        blob: UnsafeRawBufferPointer(rebasing: raw[job.blob]), blobOffset: job.blob.lowerBound)
                    switch try PBFFramer.payload(of: frame) {
                    case .raw(let block): return [UInt8](block)
                    case .zlib(let compressed, let rawSize):
                        return try inflater.inflate(compressed, rawSize: rawSize, offset: job.frameOffset) {
                            (block) throws(PBFError) in [UInt8](block)
                        }
                    }
                }
            }
            results.withLock { $0[index] = result }
            ready.signal()
        }
    }
}
