import Foundation
import Geo
import LinqModel
import MapApp
import TextUI

#if canImport(Glibc)
    import Glibc
#endif

// Composes maps into a cell buffer and prints the median and minimum time per frame.
// Run in release: `swift run -c release linq-map-bench` (optionally a run count, default 200).

// `--profile-rasterizer` only rasterizes the 200x60 world in a loop, for a profiler.
if CommandLine.arguments.contains("--profile-rasterizer") {
    let rasterizer = MapRasterizer(atlas: .embedded)
    let projection = Projection(viewport: .world, size: CellSize(width: 200, height: 60))
    var layers = MapLayers(columns: 200, rows: 60)
    for _ in 0..<20_000 { rasterizer.draw(projection, into: &layers) }
    exit(0)
}

// `--profile-fill` composes cached static layers of the 200x60 city view in a loop, for a profiler;
// `--profile-labels` does the same for the world with place labels.
if CommandLine.arguments.contains("--profile-fill") || CommandLine.arguments.contains("--profile-labels") {
    let composer = MapComposer(atlas: .embedded)
    let labels = CommandLine.arguments.contains("--profile-labels")
    let viewport =
        labels
        ? Viewport(center: LatLon(lat: 52, lon: 15), zoom: 2)
        : Viewport(center: LatLon(lat: 37.75, lon: -122.3), zoom: 8)
    let options = MapOptions(showsPlaceLabels: labels)
    let layers = composer.staticLayers(viewport, options: options, size: CellSize(width: 200, height: 60))
    var buffer = CellBuffer(width: 200, height: 60)
    for _ in 0..<20_000 {
        _ = composer.compose(
            viewport, markers: [], options: options, into: &buffer, area: buffer.bounds, staticLayers: layers)
    }
    exit(0)
}

let runs = max(5, CommandLine.arguments.dropFirst().compactMap { Int($0) }.first ?? 200)

// `--profile-decode N` decodes a body of N participants in a loop, for a profiler.
if let flag = CommandLine.arguments.firstIndex(of: "--profile-decode") {
    let count = CommandLine.arguments.dropFirst(flag + 1).first.flatMap { Int($0) } ?? 10_000
    DecodeBench.profile(participants: count)
    exit(0)
}

// `--profile-geojson` decodes 10,000 participants once and writes them as GeoJSON in a loop, for a profiler.
if CommandLine.arguments.contains("--profile-geojson") {
    DecodeBench.profileWriting()
    exit(0)
}

// `--decode` prints only the location decoding rows (issue 10, target 1); they also end the full run.
if CommandLine.arguments.contains("--decode") {
    DecodeBench.printRows(runs: runs)
    exit(0)
}
let clock = ContinuousClock()

func milliseconds(_ duration: Duration) -> Double {
    let parts = duration.components
    return Double(parts.seconds) * 1000 + Double(parts.attoseconds) / 1e15
}

/// Times `body` `runs` times after two warm-up calls; returns the median and the minimum in milliseconds.
func measure(_ body: () -> Void) -> (median: Double, min: Double) {
    body()
    body()
    var samples: [Double] = []
    samples.reserveCapacity(runs)
    for _ in 0..<runs {
        let start = clock.now
        body()
        samples.append(milliseconds(clock.now - start))
    }
    samples.sort()
    return (samples[samples.count / 2], samples[0])
}

func format(_ value: Double) -> String { String(format: "%.3f", value) }

func peakMemoryMiB() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1024  // NB: ru_maxrss is in KiB on Linux.
}

// Atlas load: a fresh instance from the embedded base64, then the first query at each level.
let loadStart = clock.now
let coldAtlas = Atlas.decodeEmbedded()
let decoded = clock.now
var firstQueries: [String] = []
for level in DetailLevel.allCases {
    let start = clock.now
    var points = 0
    coldAtlas.forEachPolyline(.coastline, level: level, in: GeoBox(minLon: -1, minLat: 50, maxLon: 1, maxLat: 52)) {
        points += $0.count / 2
    }
    firstQueries.append("\(level) \(format(milliseconds(clock.now - start))) ms")
}
print("atlas: \(coldAtlas.byteCount) bytes; cold decode \(format(milliseconds(decoded - loadStart))) ms;")
print("first query per level: \(firstQueries.joined(separator: ", "))")
print("")

let composer = MapComposer(atlas: .embedded)
let views: [(String, Viewport)] = [
    ("world", .world),
    ("Europe", Viewport(center: LatLon(lat: 52, lon: 15), zoom: 2)),
    ("SF Bay (10m)", Viewport(center: LatLon(lat: 37.75, lon: -122.3), zoom: 8)),
]
let sizes = [(80, 24), (200, 60), (400, 120)]
let markers = [
    MapMarker(label: "1", position: LatLon(lat: 51.51, lon: -0.13), isSelected: true),
    MapMarker(label: "2", position: LatLon(lat: 37.77, lon: -122.42)),
    MapMarker(label: "3", position: LatLon(lat: 37.78, lon: -122.41)),
    MapMarker(label: "4", position: LatLon(lat: 35.68, lon: 139.69)),
    MapMarker(label: "5", position: LatLon(lat: -33.87, lon: 151.21), isDimmed: true),
    MapMarker(label: "6", position: LatLon(lat: -23.55, lon: -46.63)),
    MapMarker(label: "7", position: LatLon(lat: -1.29, lon: 36.82)),
]

print("| size | view | charset | static layers | whole map | whole map, cached static layers |")
print("|---|---|---|---|---|---|")
print("| | | | median / min ms | median / min ms | median / min ms |")
for (width, height) in sizes {
    for (name, viewport) in views {
        for charset in [Charset.braille, .ascii] {
            var buffer = CellBuffer(width: width, height: height)
            let area = buffer.bounds
            let bare = MapOptions(charset: charset, showsPlaceLabels: false)
            let full = MapOptions(charset: charset)
            let staticOnly = measure {
                _ = composer.compose(viewport, markers: [], options: bare, into: &buffer, area: area)
            }
            let whole = measure {
                _ = composer.compose(viewport, markers: markers, options: full, into: &buffer, area: area)
            }
            let layers = composer.staticLayers(viewport, options: full, size: CellSize(width: width, height: height))
            let cached = measure {
                _ = composer.compose(
                    viewport, markers: markers, options: full, into: &buffer, area: area, staticLayers: layers)
            }
            print(
                "| \(width)x\(height) | \(name) | \(charset) | \(format(staticOnly.median)) / \(format(staticOnly.min)) "
                    + "| \(format(whole.median)) / \(format(whole.min)) | \(format(cached.median)) / \(format(cached.min)) |"
            )
        }
    }
}
print("")
print("peak memory (ru_maxrss): \(format(peakMemoryMiB())) MiB; \(runs) runs per cell")

print("")
print("| size | view | rasterize only | places query |")
print("|---|---|---|---|")
for (width, height) in sizes {
    for (name, viewport) in views {
        let size = CellSize(width: width, height: height)
        let options = MapOptions()
        let raster = measure { _ = composer.staticLayers(viewport, options: options, size: size) }
        let projection = Projection(viewport: viewport, size: size)
        let level = MapRasterizer.detailLevel(for: projection)
        let pieces = MapRasterizer.pieces(for: projection)
        let query = measure { for piece in pieces { _ = composer.atlas.places(level: level, in: piece.box) } }
        print("| \(width)x\(height) | \(name) | \(format(raster.median)) | \(format(query.median)) |")
    }
}

print("")
print("| level | layer | pieces | points | read time ms |")
print("|---|---|---|---|---|")
for level in DetailLevel.allCases {
    for layer in AtlasLayer.allCases {
        var pieces = 0
        var points = 0
        composer.atlas.forEachPolyline(layer, level: level, in: .world) {
            pieces += 1
            points += $0.count / 2
        }
        let time = measure {
            var sum: Int32 = 0
            composer.atlas.forEachPolyline(layer, level: level, in: .world) { sum &+= $0[0] }
            if sum == 42 { print("") }
        }
        print("| \(level) | \(layer) | \(pieces) | \(points) | \(format(time.median)) |")
    }
}

print("")
do {
    let projection = Projection(viewport: .world, size: CellSize(width: 200, height: 60))
    let transform = projection.dotTransform(unitsPerDegree: Double(Atlas.unitsPerDegree))
    var canvas = DotCanvas(columns: 200, rows: 60)
    for level in DetailLevel.allCases {
        let pen = measure {
            canvas.clear()
            canvas.withPen(transform: transform) { pen in
                composer.atlas.forEachPolyline(.coastline, level: level, in: .world) { pen.draw($0) }
            }
        }
        print("world coastline at 200x60, \(level): \(format(pen.median)) / \(format(pen.min)) ms")
    }
    for layer in AtlasLayer.allCases {
        let pen = measure {
            canvas.clear()
            canvas.withPen(transform: transform) { pen in
                composer.atlas.forEachPolyline(layer, level: .low, in: .world) { pen.draw($0) }
            }
        }
        print("world \(layer) at 200x60, low: \(format(pen.median)) / \(format(pen.min)) ms")
    }
    let rasterizer = MapRasterizer(atlas: composer.atlas)
    var layers = MapLayers(columns: 200, rows: 60)
    let all = measure { rasterizer.draw(projection, into: &layers) }
    print("rasterizer, reused layers: \(format(all.median)) / \(format(all.min)) ms")
    let fresh = measure {
        _ = composer.staticLayers(.world, options: MapOptions(), size: CellSize(width: 200, height: 60))
    }
    print("staticLayers: \(format(fresh.median)) / \(format(fresh.min)) ms")
}

print("")
DecodeBench.printRows(runs: runs)
