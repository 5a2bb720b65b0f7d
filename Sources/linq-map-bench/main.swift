import Foundation
import Geo
import LinqModel
import MapApp
import TextUI

#if canImport(Glibc)
    import Glibc
#endif

/// The views every map row is measured in: the world, a continent, a city (10m data), regional rivers, urban areas.
let benchViews: [(name: String, viewport: Viewport)] = [
    ("world", .world),
    ("Europe", Viewport(center: LatLon(lat: 52, lon: 15), zoom: 2)),
    ("SF Bay (10m)", Viewport(center: LatLon(lat: 37.75, lon: -122.3), zoom: 8)),
    ("Rhineland (rivers)", Viewport(center: LatLon(lat: 49.5, lon: 8.5), zoom: 5)),
    ("Ruhr (urban)", Viewport(center: LatLon(lat: 51.45, lon: 7.1), zoom: 8)),
]

/// Seven participants' markers over the world, one selected and one dimmed.
let benchMarkers = [
    MapMarker(label: "1", position: LatLon(lat: 51.51, lon: -0.13), isSelected: true),
    MapMarker(label: "2", position: LatLon(lat: 37.77, lon: -122.42)),
    MapMarker(label: "3", position: LatLon(lat: 37.78, lon: -122.41)),
    MapMarker(label: "4", position: LatLon(lat: 35.68, lon: 139.69)),
    MapMarker(label: "5", position: LatLon(lat: -33.87, lon: 151.21), isDimmed: true),
    MapMarker(label: "6", position: LatLon(lat: -23.55, lon: -46.63)),
    MapMarker(label: "7", position: LatLon(lat: -1.29, lon: 36.82)),
]

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

// `--profile-view NAME` composes the whole 200x60 map of one bench view (world, Europe, SF, Rhineland, Ruhr) with
// labels and markers, without cached layers, in a loop, for a profiler.
if let flag = CommandLine.arguments.firstIndex(of: "--profile-view") {
    let name = CommandLine.arguments.dropFirst(flag + 1).first ?? "Europe"
    let composer = MapComposer(atlas: .embedded)
    let viewport = benchViews.first { $0.name.hasPrefix(name) }?.viewport ?? .world
    var buffer = CellBuffer(width: 200, height: 60)
    for _ in 0..<20_000 {
        _ = composer.compose(viewport, markers: benchMarkers, options: MapOptions(), into: &buffer, area: buffer.bounds)
    }
    exit(0)
}

/// A poll of `count` participants spread over the world (fixed seed), handles `+1999` and a serial from `first`.
func snapshot(count: Int, first: Int = 0, seed: UInt64 = 10, locality: String? = nil) -> LocationSnapshot {
    var generator = SplitMix64(seed: seed)
    let participants = (0..<count).map { index in
        Participant(
            handle: "+1999\(first + index)",
            coordinate: Coordinate(
                longitude: Double(generator.next() % 36_000) / 100 - 180,
                latitude: Double(generator.next() % 17_000) / 100 - 85),
            locality: locality ?? "Locality \(index % 97)", updatedAt: Date(timeIntervalSince1970: 1_800_000_000))
    }
    return LocationSnapshot(participants: participants)
}

// `--profile-absorb [N]` absorbs and frames a poll of N participants (100,000) in a loop, for a profiler.
if let flag = CommandLine.arguments.firstIndex(of: "--profile-absorb") {
    let composer = MapComposer(atlas: .embedded)
    let count = CommandLine.arguments.dropFirst(flag + 1).first.flatMap { Int($0) } ?? 100_000
    let poll = snapshot(count: count)
    let now = Date(timeIntervalSince1970: 1_800_000_060)
    for _ in 0..<max(5, 500_000 / count) {
        var state = AppState(chatID: "bench", width: 200, height: 60)
        _ = state.apply(.pollSucceeded(poll, now: now))
        _ = ViewerFrame.render(state, now: now, options: FrameOptions(), composer: composer)
    }
    exit(0)
}

// `--rotating` takes in 200 polls of 8,000 new handles each, as `linq-fake-server --scenario rotating` sends, and
// prints the rows kept and the peak memory every 20 polls: flat once the stopped rows reach their bound.
if CommandLine.arguments.contains("--rotating") {
    let composer = MapComposer(atlas: .embedded)
    var state = AppState(chatID: "bench", width: 200, height: 60)
    var cache = StaticLayerCache()
    for round in 0..<200 {
        let poll = snapshot(
            count: 8_000, first: round * 8_000, seed: UInt64(round), locality: "Rotation \(round)")
        let now = Date(timeIntervalSince1970: 1_800_000_000 + Double(round) * 5)
        _ = state.apply(.pollSucceeded(poll, now: now))
        _ = ViewerFrame.render(state, now: now, options: FrameOptions(), composer: composer, cache: &cache)
        if round % 20 == 19 {
            var usage = rusage()
            getrusage(RUSAGE_SELF.rawValue, &usage)
            print("poll \(round + 1): \(state.participants.count) rows, peak RSS \(usage.ru_maxrss / 1024) MiB")
        }
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

func milliseconds(_ duration: Duration) -> Double { duration.milliseconds }

/// Times `body` `count` times (default `runs`) after two warm-up calls; returns the median and the minimum in
/// milliseconds.
func measure(runs count: Int = runs, _ body: () -> Void) -> (median: Double, min: Double) {
    body()
    body()
    var samples: [Double] = []
    samples.reserveCapacity(count)
    for _ in 0..<count {
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
    return Double(usage.ru_maxrss) / 1024  // NB: ru_maxrss is in KiB on Linux (docs/platform-notes.md, "Platforms").
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

// Issue 10, target 2: a clock tick composes no map. The viewer's frame of five participants at 200x60 with its
// layer cache warm, one second later: the whole frame, and its map work alone (the cache's answer plus the one
// copy of its plain cells that the frame's first write makes).
do {
    let now = Date(timeIntervalSince1970: 1_800_000_060)
    var state = AppState(chatID: "bench", width: 200, height: 60)
    _ = state.apply(.pollSucceeded(snapshot(count: 5), now: now))
    var cache = StaticLayerCache()
    let frameOptions = FrameOptions()
    _ = ViewerFrame.render(state, now: now, options: frameOptions, composer: composer, cache: &cache)
    var second = 0.0
    let tick = measure {
        second += 1
        _ = ViewerFrame.render(
            state, now: now.addingTimeInterval(second), options: frameOptions, composer: composer, cache: &cache)
    }
    let markers = state.participants.map { tracked in
        MapMarker(label: tracked.label, position: tracked.position, isSelected: tracked.handle == state.selectedHandle)
    }
    let mapOptions = MapOptions()
    var mapCache = StaticLayerCache()
    let frameSize = CellSize(width: 200, height: 60)
    let area = state.layout.map
    _ = mapCache.map(
        state.viewport, markers: markers, options: mapOptions, frameSize: frameSize, area: area, composer: composer)
    let mapWork = measure {
        var (buffer, _) = mapCache.map(
            state.viewport, markers: markers, options: mapOptions, frameSize: frameSize, area: area,
            composer: composer)
        buffer[0, 0] = .blank
    }
    let composed = measure {
        var buffer = CellBuffer(width: 200, height: 60)
        _ = composer.compose(state.viewport, markers: markers, options: mapOptions, into: &buffer, area: area)
    }
    print(
        "tick frame, 200x60, five participants: whole frame \(format(tick.median)) / \(format(tick.min)) ms; "
            + "map work \(format(mapWork.median)) / \(format(mapWork.min)) ms (target ≤ 0.02); "
            + "the same map composed afresh \(format(composed.median)) ms; "
            + "\(cache.compositions) composition(s) in \(runs + 3) frames")
}

// Issue 10, target 4: a big poll absorbed by the reducer and framed at 200x60, a fresh state each run; and the
// poll after it, every handle listed again.
print("")
print(
    "| participants | absorb, first poll | frame | absorb, next poll "
        + "| absorb + frame, median ms (target ≤ 50 at 10,000) |")
print("|---|---|---|---|---|")
for count in [10_000, 100_000] {
    let now = Date(timeIntervalSince1970: 1_800_000_060)
    let poll = snapshot(count: count)
    let fresh = AppState(chatID: "bench", width: 200, height: 60)
    let repeats = count >= 100_000 ? 5 : 21
    let absorb = measure(runs: repeats) {
        var state = fresh
        _ = state.apply(.pollSucceeded(poll, now: now))
    }
    var state = fresh
    _ = state.apply(.pollSucceeded(poll, now: now))
    let frame = measure(runs: repeats) {
        _ = ViewerFrame.render(state, now: now, options: FrameOptions(), composer: composer)
    }
    let next = snapshot(count: count, seed: 11)
    let again = measure(runs: repeats) {
        var copy = state
        _ = copy.apply(.pollSucceeded(next, now: now.addingTimeInterval(60)))
    }
    print(
        "| \(count) | \(format(absorb.median)) | \(format(frame.median)) | \(format(again.median)) "
            + "| \(format(absorb.median + frame.median)) |")
}
print("")
// `--absorb` ends the run after these rows.
if CommandLine.arguments.contains("--absorb") { exit(0) }

let views = benchViews.map { ($0.name, $0.viewport) }
let sizes = [(80, 24), (200, 60), (400, 120)]
let markers = benchMarkers

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
// Markers grouped by cell: the composer looks each marker's cell up in a dictionary, so the time grows with the
// count, not its square (issue 8.5). Random positions over the world, a fixed seed.
print("| markers | 200x60 world, cached static layers, median / min ms |")
print("|---|---|")
do {
    var generator = SplitMix64(seed: 8)
    let layers = composer.staticLayers(.world, options: MapOptions(), size: CellSize(width: 200, height: 60))
    for count in [1_000, 10_000] {
        let many = (0..<count).map { _ in
            MapMarker(
                label: "*",
                position: LatLon(
                    lat: Double(generator.next() % 17_000) / 100 - 85,
                    lon: Double(generator.next() % 36_000) / 100 - 180))
        }
        var buffer = CellBuffer(width: 200, height: 60)
        let timing = measure {
            _ = composer.compose(
                .world, markers: many, options: MapOptions(), into: &buffer, area: buffer.bounds, staticLayers: layers)
        }
        print("| \(count) | \(format(timing.median)) / \(format(timing.min)) |")
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
