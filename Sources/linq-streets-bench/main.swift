import Foundation
import Geo
import LocalFiles
import MapApp
import StreetFiles
import Streets
import TextUI

#if canImport(Glibc)
    import Glibc
#endif

// Street benchmarks (issue 14). Run in release:
//   swift run -c release linq-streets-bench                      import Helsinki; draw Helsinki views
//   swift run -c release linq-streets-bench import FILE.osm.pbf  one import, as its own process (peak memory)
// The shared extracts are read from ../shared/data/osm beside the checkout.

let clock = ContinuousClock()

func milliseconds(_ duration: Duration) -> Double {
    let parts = duration.components
    return Double(parts.seconds) * 1000 + Double(parts.attoseconds) / 1e15
}

/// Median and minimum of `runs` timings of `body` in milliseconds, after one warm-up call.
func measure(runs: Int, _ body: () -> Void) -> (median: Double, min: Double) {
    body()
    var samples: [Double] = []
    for _ in 0..<runs {
        let start = clock.now
        body()
        samples.append(milliseconds(clock.now - start))
    }
    samples.sort()
    return (samples[samples.count / 2], samples[0])
}

/// CPU seconds (user + system) this process has used: on a machine shared with other builds, wall time
/// overstates what an import costs; CPU time does not.
func cpuSeconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
        + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
}

func peakMemoryMiB() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1024  // NB: ru_maxrss is in KiB on Linux.
}

func format(_ value: Double, _ digits: Int = 3) -> String { String(format: "%.\(digits)f", value) }

let osmFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/data/osm")

func importFile(_ path: String, saveTo folder: URL?, stages: Bool = false) -> ImportSummary {
    let start = clock.now
    var last: ImportProgress.Stage?
    do throws(PBFError) {
        let bytes = try MappedFile.map(path, isSequential: true)
        let summary = try StreetImporter().run(bytes, source: (path as NSString).lastPathComponent, now: Date()) {
            progress in
            guard stages, progress.stage != last else { return }
            last = progress.stage
            print("  \(progress.stage.rawValue) from \(format(milliseconds(clock.now - start) / 1000, 2)) s")
        }
        if stages { print("  encoded by \(format(milliseconds(clock.now - start) / 1000, 2)) s") }
        if let folder {
            let library = StreetLibrary(directories: XDGDirectories(environment: ["XDG_DATA_HOME": folder.path]))
            try? library.save(summary.atlas, name: "bench")
        }
        return summary
    } catch {
        print("import failed: \(error.message)")
        exit(Int32(error.exit.code))
    }
}

func loadAverage() -> String {
    var loads = [0.0, 0.0, 0.0]
    return getloadavg(&loads, 3) == 3 ? format(loads[0], 2) : "?"
}

let arguments = Array(CommandLine.arguments.dropFirst())
if arguments.first == "import", arguments.count >= 2 {
    let path = arguments[1]
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("streets-bench-\(getpid())")
    defer { try? FileManager.default.removeItem(at: folder) }
    let start = clock.now
    let summary = importFile(path, saveTo: folder, stages: true)
    let seconds = milliseconds(clock.now - start) / 1000
    let input = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
    print(
        "import \((path as NSString).lastPathComponent): \(summary.nodes) nodes, \(summary.ways) ways in \(format(seconds, 2)) s"
    )
    print("  CPU \(format(cpuSeconds(), 2)) s (user + system, all threads); load average \(loadAverage())")
    print(
        "  \(format(Double(summary.nodes) / seconds / 1e6, 2)) M nodes/s; peak memory \(format(peakMemoryMiB(), 0)) MiB"
    )
    print(
        "  output \(summary.atlas.count) bytes / input \(input) bytes = \(format(Double(summary.atlas.count) / Double(max(1, input)), 2))"
    )
    // Views of the imported extract itself: the densest street data the benchmark has.
    if let atlas = try? StreetAtlas(bytes: Data(summary.atlas)) {
        let box = atlas.bounds.degrees
        let center = LatLon(lat: (box.minLat + box.maxLat) / 2, lon: (box.minLon + box.maxLon) / 2)
        let composer = MapComposer(streets: StreetLayer(source: StreetAtlasList([atlas])))
        var rows: [String] = []
        var worst = 0.0
        let only = ProcessInfo.processInfo.environment["STREETS_BENCH_ZOOM"].flatMap(Int.init)
        let zooms = only.map { $0...$0 } ?? 11...18
        for zoom in zooms {
            var buffer = CellBuffer(width: 400, height: 120)
            let viewport = Viewport(center: center, zoom: zoom)
            let time = measure(runs: zooms.count == 1 ? 400 : 50) {
                _ = composer.compose(viewport, markers: [], options: MapOptions(), into: &buffer, area: buffer.bounds)
            }
            rows.append("z\(zoom) \(format(time.median))")
            worst = max(worst, time.median)
        }
        print("  400x120 views of it by zoom (median ms): \(rows.joined(separator: ", ")); worst \(format(worst))")
    }
    exit(0)
}

let helsinkiPath = osmFolder.appendingPathComponent("Helsinki.osm.pbf").path
let runs = max(5, arguments.compactMap { Int($0) }.first ?? 200)

let importTimes = measure(runs: 10) { _ = importFile(helsinkiPath, saveTo: nil) }
print(
    "import Helsinki (read, build, no write): median \(format(importTimes.median)) ms, min \(format(importTimes.min)) ms"
)
let folder = FileManager.default.temporaryDirectory.appendingPathComponent("streets-bench-\(getpid())")
defer { try? FileManager.default.removeItem(at: folder) }
let withWrite = measure(runs: 10) { _ = importFile(helsinkiPath, saveTo: folder) }
print("import Helsinki (with atomic write): median \(format(withWrite.median)) ms, min \(format(withWrite.min)) ms")

let library = StreetLibrary(directories: XDGDirectories(environment: ["XDG_DATA_HOME": folder.path]))
let openTimes = measure(runs: runs) {
    _ = StreetLibrary(directories: XDGDirectories(environment: ["XDG_DATA_HOME": folder.path]))
}
print("open the library (list + mmap + header): median \(format(openTimes.median)) ms")

let composer = MapComposer(streets: StreetLayer(source: library))
let centre = LatLon(lat: 60.1680, lon: 24.9440)
let markers = (0..<9).map { index in
    MapMarker(
        label: Character("\(index + 1)"),
        position: LatLon(lat: 60.1665 + Double(index % 3) * 0.0008, lon: 24.9400 + Double(index / 3) * 0.003))
}
let options = MapOptions()
func frame(width: Int, height: Int, zoom: Int, center: LatLon = centre) -> (median: Double, min: Double) {
    var buffer = CellBuffer(width: width, height: height)
    let viewport = Viewport(center: center, zoom: zoom)
    return measure(runs: runs) {
        _ = composer.compose(viewport, markers: markers, options: options, into: &buffer, area: buffer.bounds)
    }
}
let main = frame(width: 200, height: 60, zoom: 16)
print(
    "Helsinki 200x60 zoom 16, streets + names + 9 markers: median \(format(main.median)) ms, min \(format(main.min)) ms"
)
var worst = (zoom: 0, median: 0.0)
var rows: [String] = []
for zoom in 11...18 {
    let time = frame(width: 400, height: 120, zoom: zoom)
    rows.append("z\(zoom) \(format(time.median))")
    if time.median > worst.median { worst = (zoom, time.median) }
}
print(
    "Helsinki 400x120 by zoom (median ms): \(rows.joined(separator: ", ")); worst z\(worst.zoom) \(format(worst.median)) ms"
)
let plain = MapComposer()
var buffer = CellBuffer(width: 200, height: 60)
let without = measure(runs: runs) {
    _ = plain.compose(
        Viewport(center: centre, zoom: 16), markers: markers, options: options, into: &buffer, area: buffer.bounds)
}
print("same 200x60 view without streets: median \(format(without.median)) ms")
