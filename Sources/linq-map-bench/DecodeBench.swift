import Foundation
import LinqModel

/// Decode rows (issue 10, target 1): a location body of `count` participants shaped like FakeLinq's
/// `--scenario many` (handle, null address and locality, an ISO 8601 `updated_at`), decoded from bytes to
/// the snapshot with warnings, as `LinqHTTPClient` does. Prints the body size, the median and minimum time
/// and the median throughput in MB/s (10^6 bytes per second).
enum DecodeBench {
    /// The body `--scenario many` would send for `count` participants at 2026-12-01T16:00:00Z.
    static func body(participants count: Int) -> Data {
        var text = #"{"success":true,"data":{"type":"FeatureCollection","features":["#
        let now = 1_796_140_800  // 2026-12-01T16:00:00Z
        for index in 0..<count {
            let longitude = Double(index % 360) - 179.5
            let latitude = Double((index / 360) % 170) - 84.5
            let updated = Date(timeIntervalSince1970: Double(now - index % 7200))
            if index > 0 { text += "," }
            text += #"{"type":"Feature","geometry":{"type":"Point","coordinates":["#
            text += "\(longitude),\(latitude)]},"
            text += #""properties":{"handle":"+1555"# + String(format: "%07d", index) + #"","address":null,"#
            text += #""locality":null,"updated_at":""# + updated.formatted(Date.ISO8601FormatStyle()) + #""}}"#
        }
        text += "]}}"
        return Data(text.utf8)
    }

    /// Decodes a body of `count` participants for about ten seconds' worth of megabytes.
    static func profile(participants count: Int) {
        let body = body(participants: count)
        var total = 0
        for _ in 0..<max(1, 2_000_000_000 / body.count / 100) {
            total += (try? LocationDecoder.snapshot(status: 200, body: body, chatID: "bench"))?.participants.count ?? 0
        }
        print(total)
    }

    /// Writes 10,000 decoded participants as GeoJSON 200 times.
    static func profileWriting() {
        let participants =
            (try? LocationDecoder.snapshot(status: 200, body: body(participants: 10_000), chatID: "bench"))?
            .participants ?? []
        var total = 0
        for _ in 0..<200 { total += GeoJSONWriter.featureCollection(participants).utf8.count }
        print(total)
    }

    /// This thread's CPU time in milliseconds: on a loaded machine a 20 ms decode is often preempted, and the
    /// wall clock then counts other processes' time slices.
    static func threadCPUMilliseconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) * 1000 + Double(time.tv_nsec) / 1e6
    }

    /// Prints one Markdown row per size; `runs` timed decodes each after two warm-up decodes.
    static func printRows(runs: Int) {
        let clock = ContinuousClock()
        print(
            "| participants | body bytes | wall median / min ms | MB/s, wall median | CPU median ms | MB/s, CPU median |"
        )
        print("|---|---|---|---|---|---|")
        for count in [100, 1_000, 10_000] {
            let body = body(participants: count)
            var wall: [Double] = []
            var cpu: [Double] = []
            var decoded = 0
            for run in 0..<(runs + 2) {
                let cpuStart = threadCPUMilliseconds()
                let start = clock.now
                let snapshot = try? LocationDecoder.snapshot(status: 200, body: body, chatID: "bench")
                let elapsed = clock.now - start
                let cpuElapsed = threadCPUMilliseconds() - cpuStart
                decoded = snapshot?.participants.count ?? -1
                if run >= 2 {
                    let parts = elapsed.components
                    wall.append(Double(parts.seconds) * 1000 + Double(parts.attoseconds) / 1e15)
                    cpu.append(cpuElapsed)
                }
            }
            wall.sort()
            cpu.sort()
            let wallMedian = wall[wall.count / 2]
            let cpuMedian = cpu[cpu.count / 2]
            func throughput(_ milliseconds: Double) -> String {
                String(format: "%.0f", Double(body.count) / 1e6 / (milliseconds / 1000))
            }
            let row = [
                "\(count)", "\(body.count)", String(format: "%.3f / %.3f", wallMedian, wall[0]), throughput(wallMedian),
                String(format: "%.3f", cpuMedian), throughput(cpuMedian),
            ]
            print("| " + row.joined(separator: " | ") + " |" + (decoded == count ? "" : " (decoded \(decoded)!)"))
        }
        // What `--once --format geojson` does after the fetch: decode, then write the FeatureCollection.
        let body = body(participants: 10_000)
        var samples: [Double] = []
        var bytes = 0
        for run in 0..<(min(runs, 20) + 2) {
            let start = threadCPUMilliseconds()
            let snapshot = try? LocationDecoder.snapshot(status: 200, body: body, chatID: "bench")
            let decoded = threadCPUMilliseconds()
            bytes = GeoJSONWriter.featureCollection(snapshot?.participants ?? []).utf8.count
            if run >= 2 { samples.append(threadCPUMilliseconds() - decoded) }
            _ = start
        }
        samples.sort()
        print("")
        print(
            "GeoJSONWriter.featureCollection of those 10,000 participants (\(bytes) bytes): "
                + String(format: "%.3f ms CPU median", samples[samples.count / 2]))
    }
}
