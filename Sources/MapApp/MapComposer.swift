import Foundation
import Geo
import TextUI

/// Turns a view of the atlas plus participant markers into cells: map layers as Braille or ASCII, city
/// names placed by rank where they fit, then river names where they fit, markers on top, arrows for participants outside the view, and a
/// scale bar.
public struct MapComposer: Sendable {
    /// The map data.
    public let atlas: Atlas
    /// Streets from imported OpenStreetMap areas, drawn at zoom 11 and deeper.
    public let streets: StreetLayer
    private let rasterizer: MapRasterizer

    /// Creates a composer drawing from `atlas`, with `streets` over it where imported areas are in view.
    public init(atlas: Atlas = .embedded, streets: StreetLayer = StreetLayer()) {
        self.atlas = atlas
        self.streets = streets
        rasterizer = MapRasterizer(atlas: atlas)
    }

    /// Draws the map of `viewport` with `markers` into `area` of `buffer` (clipped to the buffer), writing
    /// every cell of the area and nothing outside it. An empty area draws nothing and reports nothing.
    public func compose(
        _ viewport: Viewport, markers: [MapMarker], options: MapOptions, into buffer: inout CellBuffer, area: Rect
    ) -> MapReport {
        let clipped = area.intersection(buffer.bounds)
        let layers = staticLayers(
            viewport, options: options, size: CellSize(width: clipped.width, height: clipped.height))
        return compose(viewport, markers: markers, options: options, into: &buffer, area: area, staticLayers: layers)
    }

    /// The rasterized static layers (coastlines, lakes, borders, states, rivers, urban areas, graticule) of
    /// `viewport` for an area of `size` cells: keep them to redraw the same view and size without reading the atlas
    /// again.
    public func staticLayers(_ viewport: Viewport, options: MapOptions, size: CellSize) -> MapLayers {
        var layers = MapLayers(columns: size.width, rows: size.height)
        let projection = Projection(viewport: viewport, size: size, aspect: options.cellAspect)
        rasterizer.draw(projection, into: &layers, showsGraticule: options.showsGraticule)
        return layers
    }

    /// Like `compose(_:markers:options:into:area:)`, drawing the given static layers when they match the
    /// area's size (as made by `staticLayers` for the same view and options), rasterizing afresh otherwise.
    public func compose(
        _ viewport: Viewport, markers: [MapMarker], options: MapOptions, into buffer: inout CellBuffer, area: Rect,
        staticLayers: MapLayers, overlays: MapOverlays = MapOverlays()
    ) -> MapReport {
        let area = area.intersection(buffer.bounds)
        guard !area.isEmpty else { return MapReport() }
        let size = CellSize(width: area.width, height: area.height)
        guard staticLayers.columns == size.width, staticLayers.rows == size.height else {
            let layers = self.staticLayers(viewport, options: options, size: size)
            return compose(
                viewport, markers: markers, options: options, into: &buffer, area: area, staticLayers: layers,
                overlays: overlays)
        }
        let projection = Projection(viewport: viewport, size: size, aspect: options.cellAspect)
        var composition = MapComposition(area: area, charset: options.charset)
        composition.fill(from: staticLayers, theme: options.theme, into: &buffer)
        let streetDrawing = streets.drawLines(
            projection, options: options, staticLayers: staticLayers, composition: composition, into: &buffer)
        composition.units = options.units
        composition.drawTrails(overlays.trails, projection: projection, into: &buffer)
        var report = MapReport()
        let placed = composition.placeMarkers(markers, projection: projection, report: &report)
        composition.drawHome(overlays.home, projection: projection, into: &buffer)
        report.scaleText = composition.drawScaleBar(
            projection: projection, units: composition.units, style: options.theme.scaleBar, into: &buffer)
        composition.drawPlaceRings(options.places, theme: options.theme, projection: projection, into: &buffer)
        if options.showsPlaceLabels {
            composition.drawPlaces(places(for: projection), theme: options.theme, projection: projection, into: &buffer)
            composition.drawRiverNames(
                RiverCourse.courses(in: atlas, projection: projection), theme: options.theme, into: &buffer)
        }
        streets.drawNames(
            streetDrawing, projection: projection, options: options, composition: &composition, into: &buffer)
        composition.draw(placed, into: &buffer)
        return report
    }

    /// The atlas's places in the view at its level of detail, most important first.
    private func places(for projection: Projection) -> [Place] {
        let level = MapRasterizer.detailLevel(for: projection)
        let pieces = MapRasterizer.pieces(for: projection)
        if pieces.count == 1, let piece = pieces.first { return atlas.places(level: level, in: piece.box) }
        var places: [Place] = []
        for piece in pieces { places += atlas.places(level: level, in: piece.box) }
        return places.sorted { ($0.rank, -$0.population) < ($1.rank, -$1.population) }
    }
}
