import AtlasBuilder
import Foundation
import Geo

// Generates the embedded atlas from Natural Earth GeoJSON:
//   swift run linq-atlas [--stats] [--output <package dir>] [<naturalearth dir>]
// Writes assets/atlas.bin, assets/README.md and Sources/Geo/EmbeddedAtlas.swift under the package directory.

let command = "swift run linq-atlas"
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("linq-atlas: \(message)\n".utf8))
    exit(1)
}

/// Median wall time of `runs` calls of `body`, in milliseconds.
func medianMilliseconds(runs: Int, _ body: () -> Void) -> Double {
    let clock = ContinuousClock()
    var samples: [Double] = []
    for _ in 0..<runs {
        let elapsed = clock.measure(body)
        samples.append(Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1e3)
    }
    return samples.sorted()[runs / 2]
}

/// Prints load and query timings of the embedded atlas (run it in release: `swift run -c release linq-atlas --bench`).
func bench() {
    func format(_ value: Double) -> String { String(format: "%8.4f ms", value) }
    print(
        "cold load (decodeEmbedded, 110m decoded)  "
            + format(medianMilliseconds(runs: 51) { _ = Atlas.decodeEmbedded() }))
    for level in [DetailLevel.medium, .high] {
        let time = medianMilliseconds(runs: 11) {
            Atlas.decodeEmbedded().forEachPolyline(.coastline, level: level, in: .world) { _ in }
        }
        print("cold load + first \(level) query            " + format(time))
        let generalised = medianMilliseconds(runs: 11) {
            let atlas = Atlas.decodeEmbedded()
            let tolerance = atlas.generalisations(level).last ?? 0
            for layer in AtlasLayer.allCases {
                atlas.forEachPolyline(layer, level: level, tolerance: tolerance, in: .world) { _ in }
            }
        }
        print("cold load + first generalised \(level) query, every layer  " + format(generalised))
    }
    let atlas = Atlas.embedded
    let views: [(String, DetailLevel, GeoBox)] = [
        ("world 110m", .low, .world),
        ("europe 50m", .medium, GeoBox(minLon: -12, minLat: 34, maxLon: 35, maxLat: 62)),
        ("world 10m", .high, .world),
        ("bay area 10m", .high, GeoBox(minLon: -123.2, minLat: 37.2, maxLon: -121.6, maxLat: 38.2)),
        ("city 10m", .high, GeoBox(minLon: 2.25, minLat: 48.8, maxLon: 2.45, maxLat: 48.92)),
    ]
    for (name, level, box) in views {
        var pieces = 0
        var points = 0
        let time = medianMilliseconds(runs: 201) {
            pieces = 0
            points = 0
            for layer in AtlasLayer.allCases {
                atlas.forEachPolyline(layer, level: level, in: box) { line in
                    pieces += 1
                    points += line.count / 2
                }
            }
        }
        let places = medianMilliseconds(runs: 201) { _ = atlas.places(level: level, in: box) }
        print(
            "query \(name.padding(toLength: 13, withPad: " ", startingAt: 0)) all layers \(format(time))"
                + " (\(pieces) pieces, \(points) points); places \(format(places))")
    }
}

var statsOnly = false
var outputRoot = packageRoot
var sourceDirectory = packageRoot.appendingPathComponent("../shared/data/naturalearth").standardizedFileURL
var arguments = CommandLine.arguments.dropFirst()
while let argument = arguments.popFirst() {
    switch argument {
    case "--stats": statsOnly = true
    case "--bench":
        bench()
        exit(0)
    case "--bench-decode":
        // Decodes the 10m level repeatedly, for profiling.
        for _ in 0..<20 { Atlas.decodeEmbedded().forEachPolyline(.coastline, level: .high, in: .world) { _ in } }
        exit(0)
    case "--output":
        guard let value = arguments.popFirst() else { fail("--output needs a directory") }
        outputRoot = URL(fileURLWithPath: value)
    case "-h", "--help":
        print("usage: linq-atlas [--stats] [--output <package dir>] [<naturalearth dir>]")
        print("  --stats  print sizes without writing files")
        print("  --bench  time loading and querying the embedded atlas (build with -c release)")
        print("  --bench-decode  decode the 10m level 20 times, for profiling")
        exit(0)
    default:
        if argument.hasPrefix("-") { fail("unknown option \(argument)") }
        sourceDirectory = URL(fileURLWithPath: argument)
    }
}

let sources: [AtlasLevelSource]
let encoding: AtlasEncoding
do throws(AtlasError) {
    sources = try AtlasGeoJSON.levels { (name: String) throws(AtlasError) -> Data in
        do {
            return try Data(contentsOf: sourceDirectory.appendingPathComponent(name))
        } catch {
            throw .invalidSource(detail: "cannot read \(sourceDirectory.appendingPathComponent(name).path): \(error)")
        }
    }
    encoding = try AtlasEncoder.encode(sources)
} catch {
    fail(error.message)
}

let names = ["110m", "50m", "10m"]
func row(_ columns: [String]) -> String {
    zip(columns, [6, 10, 8, 10, 8, 10, 10, 40]).map { $0.0.padding(toLength: $0.1, withPad: " ", startingAt: 0) }
        .joined(separator: " ")
}
print(row(["level", "layer", "lines", "src pts", "pieces", "points", "bytes", "generalised points"]))
for statistics in encoding.layers {
    print(
        row([
            names[statistics.level.rawValue], "\(statistics.layer)", "\(statistics.sourceLines)",
            "\(statistics.sourcePoints)", "\(statistics.pieces)", "\(statistics.points)", "\(statistics.bytes)",
            statistics.generalisedPoints.map(String.init).joined(separator: "/"),
        ]))
}
for statistics in encoding.places {
    print(row([names[statistics.level.rawValue], "places", "\(statistics.count)", "", "", "", "\(statistics.bytes)"]))
}
let mebibytes = String(format: "%.2f", Double(encoding.bytes.count) / 1_048_576)
let limit = String(format: "%.1f", Double(AtlasFormat.byteLimit) / 1_048_576)
print("total \(encoding.bytes.count) bytes (\(mebibytes) MiB), limit \(limit) MiB")
if encoding.bytes.count > AtlasFormat.byteLimit { fail("atlas exceeds \(limit) MiB") }
if statsOnly { exit(0) }

let embedded = """
    // swift-format-ignore-file
    // Generated by `\(command)`. Do not edit.

    /// The atlas file `assets/atlas.bin` (\(encoding.bytes.count) bytes) as standard padded base64.
    let embeddedAtlasBase64: StaticString = "\(Data(encoding.bytes).base64EncodedString())"

    """

let readme = """
    # Map data

    `atlas.bin` is linq-map's atlas (format version \(AtlasFormat.version)): coastlines (with minor islands at 10m),
    lakes, country borders, state and province lines, rivers and lake centerlines (with their names and Natural
    Earth's `min_zoom` and `min_label`), urban areas (whole polygon rings, for filling) and populated places at three
    levels of detail (110m, 50m, 10m), quantized to 1e-5 degree, delta-encoded and tiled. The format is described in
    `Sources/Geo/AtlasFormat.swift`. The executable embeds the same bytes as `Sources/Geo/EmbeddedAtlas.swift` (a
    test checks that they are equal), so a copied binary works alone.

    ## Provenance

    - Natural Earth (https://www.naturalearthdata.com), public domain ("Made with Natural Earth"), 2017 data.
    - GeoJSON conversion published under CC0 by martynafford/natural-earth-geojson
      (https://github.com/martynafford/natural-earth-geojson), read from `../shared/data/naturalearth/`.

    Files used:

    \(DetailLevel.allCases.map { level in
        "- \(names[level.rawValue]): " + AtlasGeoJSON.files(for: level).map { "`\($0.name)`" }.joined(separator: ", ")
    }.joined(separator: "\n"))

    The 50m state and province lines and the 50m urban areas serve the 10m level too (Natural Earth's 10m ones are
    not in `shared/data`); there are no urban areas at 110m. River names at 10m that lost their non-ASCII letters in
    Natural Earth's data ("Rhne", "Glma") are restored from the 50m names ("Rhône", "Glåma"). Tiles: \(AtlasGeoJSON.tileDegrees.map { "\($0)" }
        .joined(separator: "/")) degrees at 110m/50m/10m; simplification: none.

    ## Generalisation

    Every point of the source is kept, and each level also carries generalised variants of its lines: for each of
    its Douglas-Peucker tolerances (per piece, end points always kept), every inner point stores how many of them it
    survives, in \(DetailLevel.allCases.map { "\(AtlasFormat.generalisationBits(AtlasGeoJSON.generalisations[$0.rawValue].count))" }
        .joined(separator: "/")) bits at 110m/50m/10m. A view draws the variant of the largest tolerance within half
    the latitude degrees one of its dots spans, so its lines stray from the data by at most half a dot (the rule is
    `MapRasterizer.generalisationTolerance`; the tolerances, in half-zoom steps, are `AtlasGeoJSON.generalisations`).
    Tolerances in degrees:

    \(DetailLevel.allCases.map { level in
        "- \(names[level.rawValue]): "
            + AtlasGeoJSON.generalisations[level.rawValue].map { String(format: "%.4g", $0) }.joined(separator: ", ")
    }.joined(separator: "\n"))

    ## Regenerating

    From the package directory, with Natural Earth's GeoJSON in `../shared/data/naturalearth`:

    ```
    \(command)
    ```

    (`\(command) --stats` prints the sizes without writing; `\(command) <dir>` reads another directory;
    `swift run -c release linq-atlas --bench` times loading and querying the embedded atlas.)
    The output is deterministic: the same input gives the same bytes.

    ## Sizes

    | level | layer | source lines | source points | pieces | points | bytes | generalised points (by tolerance) |
    |---|---|---:|---:|---:|---:|---:|---:|
    \(encoding.layers.map {
        "| \(names[$0.level.rawValue]) | \($0.layer) | \($0.sourceLines) | \($0.sourcePoints) | \($0.pieces) | \($0.points) | \($0.bytes) | "
            + $0.generalisedPoints.map(String.init).joined(separator: " / ") + " |"
    }.joined(separator: "\n"))
    \(encoding.places.map { "| \(names[$0.level.rawValue]) | places | \($0.count) | | | | \($0.bytes) | |" }
        .joined(separator: "\n"))

    Total: \(encoding.bytes.count) bytes (\(mebibytes) MiB; the limit is \(limit) MiB, raised from 5 MiB for the
    generalisations).

    """

do {
    let assets = outputRoot.appendingPathComponent("assets")
    try FileManager.default.createDirectory(at: assets, withIntermediateDirectories: true)
    try Data(encoding.bytes).write(to: assets.appendingPathComponent("atlas.bin"))
    try Data(readme.utf8).write(to: assets.appendingPathComponent("README.md"))
    try Data(embedded.utf8).write(to: outputRoot.appendingPathComponent("Sources/Geo/EmbeddedAtlas.swift"))
    print("wrote assets/atlas.bin, assets/README.md, Sources/Geo/EmbeddedAtlas.swift under \(outputRoot.path)")
} catch {
    fail("cannot write output: \(error)")
}
