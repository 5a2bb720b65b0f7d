import Geo

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

    private var key: Key?
    private var layers = MapLayers(columns: 0, rows: 0)
    /// How many times the layers were rasterized afresh (a miss), for tests and the benchmark.
    public private(set) var rasterizations = 0

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
}
