import Geo
import TextUI

/// The static layers (coastlines, lakes, borders, states, graticule) of the last view drawn, kept and reused
/// until the view, the map's size or the options that shape them change; the viewer keeps one across frames,
/// so a frame that only changes the clock or a marker reads no atlas and rasterizes nothing.
public struct StaticLayerCache: Sendable {
    private struct Key: Hashable, Sendable {
        var viewport: Viewport
        var size: CellSize
        var cellAspect: Double
        var showsGraticule: Bool
    }

    /// What a composed map depends on beyond its static layers: everything `MapComposer.compose` reads.
    private struct MapKey: Hashable, Sendable {
        var viewport: Viewport
        var markers: [MapMarker]
        var options: MapOptions
        var frameSize: CellSize
        var area: Rect
        var overlays: MapOverlays
    }

    private var key: Key?
    private var layers = MapLayers(columns: 0, rows: 0)
    private var mapKey: MapKey?
    private var map = CellBuffer(width: 0, height: 0)
    private var report = MapReport()
    /// How many times the layers were rasterized afresh (a miss), for tests and the benchmark.
    public private(set) var rasterizations = 0
    /// How many times a whole map (layers, labels, markers) was composed afresh, for tests and the benchmark.
    public private(set) var compositions = 0

    /// Creates an empty cache.
    public init() {}

    /// The static layers of `viewport` at `size` cells with `options`, from the cache when the last call asked
    /// for the same, else rasterized by `composer` and kept.
    public mutating func layers(
        _ viewport: Viewport, options: MapOptions, size: CellSize, composer: MapComposer
    ) -> MapLayers {
        let wanted = Key(
            viewport: viewport, size: size, cellAspect: options.cellAspect, showsGraticule: options.showsGraticule)
        if wanted != key {
            layers = composer.staticLayers(viewport, options: options, size: size)
            key = wanted
            rasterizations += 1
        }
        return layers
    }

    /// A frame of `frameSize` cells holding only the map of `viewport` with `markers` in `area` (every other cell
    /// blank), and the composer's report: from the cache when the last call asked for the same, else composed
    /// (from the cached static layers) and kept. A clock tick changes none of these, so its frame composes no map
    /// and costs one copy of plain cells.
    public mutating func map(
        _ viewport: Viewport, markers: [MapMarker], options: MapOptions, frameSize: CellSize, area: Rect,
        composer: MapComposer, overlays: MapOverlays = MapOverlays()
    ) -> (buffer: CellBuffer, report: MapReport) {
        let wanted = MapKey(
            viewport: viewport, markers: markers, options: options, frameSize: frameSize, area: area,
            overlays: overlays)
        if wanted != mapKey {
            var buffer = CellBuffer(width: frameSize.width, height: frameSize.height)
            let clipped = area.intersection(buffer.bounds)
            let layers = layers(
                viewport, options: options, size: CellSize(width: clipped.width, height: clipped.height),
                composer: composer)
            report = composer.compose(
                viewport, markers: markers, options: options, into: &buffer, area: area, staticLayers: layers,
                overlays: overlays)
            map = buffer
            mapKey = wanted
            compositions += 1
        }
        return (map, report)
    }
}
