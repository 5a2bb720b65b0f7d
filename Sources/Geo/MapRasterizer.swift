import Foundation

/// One dot canvas per drawn map layer, all the same size: what `MapRasterizer` fills and the composer reads.
public struct MapLayers: Hashable, Sendable {
    /// Coastlines, including islands.
    public var coastline: DotCanvas
    /// Lake shores.
    public var lake: DotCanvas
    /// Country borders on land.
    public var border: DotCanvas
    /// State and province lines; empty unless the view is zoomed to `MapRasterizer.stateMinimumZoom`.
    public var state: DotCanvas
    /// Rivers and lake centerlines shown at the view's zoom (`MapRasterizer.showsRiver`).
    public var river: DotCanvas
    /// Urban areas as a stipple (`MapRasterizer.urbanStipple`); empty outside `MapRasterizer.urbanZooms`.
    public var urban: DotCanvas
    /// Meridians and parallels; empty unless asked for.
    public var graticule: DotCanvas

    /// Creates empty layers of `columns` by `rows` blocks (cells).
    public init(columns: Int, rows: Int) {
        coastline = DotCanvas(columns: columns, rows: rows)
        lake = coastline
        border = coastline
        state = coastline
        river = coastline
        urban = coastline
        graticule = coastline
    }

    /// Blocks (cells) across.
    public var columns: Int { coastline.columns }
    /// Blocks (cells) down.
    public var rows: Int { coastline.rows }

    /// Calls `body` with the start of every layer's patterns (`DotCanvas.patterns`, all `columns * rows` long, in
    /// the same order): coastline, border, state, lake, river, graticule, urban. Nothing is called for empty
    /// layers (no cells); the pointers are valid only inside `body`.
    public func withPatterns(
        _ body: (
            _ coastline: UnsafePointer<UInt8>, _ border: UnsafePointer<UInt8>, _ state: UnsafePointer<UInt8>,
            _ lake: UnsafePointer<UInt8>, _ river: UnsafePointer<UInt8>, _ graticule: UnsafePointer<UInt8>,
            _ urban: UnsafePointer<UInt8>
        ) -> Void
    ) {
        coastline.patterns.withUnsafeBufferPointer { coastline in
            border.patterns.withUnsafeBufferPointer { border in
                state.patterns.withUnsafeBufferPointer { state in
                    lake.patterns.withUnsafeBufferPointer { lake in
                        river.patterns.withUnsafeBufferPointer { river in
                            graticule.patterns.withUnsafeBufferPointer { graticule in
                                urban.patterns.withUnsafeBufferPointer { urban in
                                    guard let c = coastline.baseAddress, let b = border.baseAddress,
                                        let s = state.baseAddress, let l = lake.baseAddress,
                                        let r = river.baseAddress, let g = graticule.baseAddress,
                                        let u = urban.baseAddress
                                    else { return }
                                    body(c, b, s, l, r, g, u)
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// Clears every layer, keeping the storage for the next frame of the same size.
    public mutating func clear() {
        coastline.clear()
        lake.clear()
        border.clear()
        state.clear()
        river.clear()
        urban.clear()
        graticule.clear()
    }
}

/// Draws the atlas's layers for a view into `MapLayers`: the level of detail follows the scale, the box
/// read from the atlas is the visible one, and views across 180 degrees draw each copy of the world they
/// overlap, shifted by ±360 degrees.
public struct MapRasterizer: Sendable {
    /// The map data.
    public let atlas: Atlas

    /// State and province lines are drawn from this zoom on.
    public static let stateMinimumZoom = 3

    /// Urban areas are drawn at these zooms: from regions (zoom 5, about 11 degrees across) to a city (zoom
    /// 10); deeper, street maps take over.
    public static let urbanZooms = 5...10

    /// The dots of each 2x4 block an urban area sets: top left and third right (Braille dots 1 and 6), an even,
    /// staggered stipple faint enough for lines and labels to read over it.
    public static let urbanStipple: UInt8 = 0x21

    /// The web-map zoom (256-pixel tiles) whose scale matches the view's with a dot taken for a pixel, the scale
    /// Natural Earth's `min_zoom` and `min_label` are given in.
    public static func featureZoom(for projection: Projection) -> Double {
        let degreesPerDot = 1 / projection.dotsPerLonDegree
        guard degreesPerDot.isFinite, degreesPerDot > 0 else { return 0 }
        return log2(360 / (256 * degreesPerDot))
    }

    /// True when a river or lake centerline of `feature` is drawn at `featureZoom`: from a zoom before Natural
    /// Earth's `min_zoom`, since a terminal dot is coarser than a pixel and rivers give a region its shape.
    public static func showsRiver(_ feature: LineFeature?, featureZoom: Double) -> Bool {
        guard let feature else { return true }
        return feature.minZoom <= featureZoom + 1.5
    }

    /// True when the name of `feature` is labelled at `featureZoom` (a zoom before Natural Earth's `min_label`,
    /// as for `showsRiver`); never for a nameless line.
    public static func labelsRiver(_ feature: LineFeature, featureZoom: Double) -> Bool {
        !feature.name.isEmpty && feature.labelZoom <= featureZoom + 1.5
    }

    /// Creates a rasterizer over `atlas`.
    public init(atlas: Atlas = .embedded) {
        self.atlas = atlas
    }

    /// The level of detail for a projection, from the latitude degrees one dot spans: 110m data above
    /// 0.35 degrees per dot (the world at any terminal size up to 400x120), 50m down to 0.035 (continents
    /// and countries), 10m below (regions and cities).
    public static func detailLevel(for projection: Projection) -> DetailLevel {
        let degreesPerDot = projection.latDegreesPerDot
        if degreesPerDot > 0.35 { return .low }
        if degreesPerDot > 0.035 { return .medium }
        return .high
    }

    /// How far (degrees) the lines drawn for a projection may stray from the level's data: half the latitude
    /// degrees one dot spans (a latitude degree spans at least as many dots as a longitude degree, see
    /// `Projection`), so a line generalised within it moves by at most half a dot and the drawing by at most a dot
    /// where rounding tips the other way. The atlas reads the coarsest generalisation within it
    /// (`Atlas.forEachPolyline`); 0 for an empty area.
    public static func generalisationTolerance(for projection: Projection) -> Double {
        let degreesPerDot = projection.latDegreesPerDot
        guard degreesPerDot.isFinite, degreesPerDot > 0 else { return 0 }
        return degreesPerDot / 2
    }

    /// The boxes to read from the atlas for the view, one per copy of the world the view overlaps,
    /// each with the shift (degrees east) its data is drawn at; at most 360 degrees of longitude around
    /// the centre, so a view wider than the world shows it once. Empty when the area is empty.
    public static func pieces(for projection: Projection) -> [(box: GeoBox, shift: Double)] {
        guard projection.dotWidth > 0, projection.dotHeight > 0 else { return [] }
        let bounds = projection.bounds
        // An area wider than the world (height-limited at zoom 0) draws the world once, centred.
        let center = projection.viewport.center.lon
        let viewWest = max(bounds.west, center - 180)
        let viewEast = min(bounds.east, center + 180)
        var pieces: [(box: GeoBox, shift: Double)] = []
        for shift in projection.worldShifts {
            let west = max(-180, viewWest - shift)
            let east = min(180, viewEast - shift)
            guard west <= east else { continue }
            pieces.append(
                (GeoBox(minLon: west, minLat: bounds.south, maxLon: east, maxLat: bounds.north), shift))
        }
        return pieces
    }

    /// Draws coastlines, lakes, borders, state lines (from `stateMinimumZoom`), rivers (`showsRiver`), urban
    /// areas (at `urbanZooms`) and optionally a graticule for `projection` into `layers`, which are cleared
    /// first and reallocated if their size differs.
    public func draw(_ projection: Projection, into layers: inout MapLayers, showsGraticule: Bool = false) {
        if layers.columns != projection.size.width || layers.rows != projection.size.height {
            layers = MapLayers(columns: projection.size.width, rows: projection.size.height)
        } else {
            layers.clear()
        }
        let level = MapRasterizer.detailLevel(for: projection)
        let tolerance = MapRasterizer.generalisationTolerance(for: projection)
        let pieces = MapRasterizer.pieces(for: projection)
        let unitsPerDegree = Double(Atlas.unitsPerDegree)
        let featureZoom = MapRasterizer.featureZoom(for: projection)
        let showsUrban = MapRasterizer.urbanZooms.contains(projection.viewport.zoom)
        for piece in pieces {
            let transform = projection.dotTransform(unitsPerDegree: unitsPerDegree, shift: piece.shift)
            if showsUrban {
                var area = AreaFill(
                    transform: transform, dotHeight: layers.urban.dotHeight, stipple: MapRasterizer.urbanStipple)
                atlas.forEachPolyline(.urban, level: level, tolerance: tolerance, in: piece.box) { area.add($0) }
                area.fill(into: &layers.urban, stipple: MapRasterizer.urbanStipple)
            }
            layers.river.withPen(transform: transform) { pen in
                atlas.forEachPolyline(.river, level: level, tolerance: tolerance, in: piece.box) { points, feature in
                    if MapRasterizer.showsRiver(feature, featureZoom: featureZoom) { pen.draw(points) }
                }
            }
            let detail = (level, tolerance, piece.box, transform)
            draw(.lake, detail, into: &layers.lake)
            draw(.border, detail, into: &layers.border)
            if projection.viewport.zoom >= MapRasterizer.stateMinimumZoom && level > .low {
                draw(.state, detail, into: &layers.state)
            }
            draw(.coastline, detail, into: &layers.coastline)
        }
        if showsGraticule { MapRasterizer.drawGraticule(projection, into: &layers.graticule) }
    }

    private func draw(
        _ layer: AtlasLayer, _ detail: (level: DetailLevel, tolerance: Double, box: GeoBox, transform: DotTransform),
        into canvas: inout DotCanvas
    ) {
        canvas.withPen(transform: detail.transform) { pen in
            atlas.forEachPolyline(layer, level: detail.level, tolerance: detail.tolerance, in: detail.box) {
                pen.draw($0)
            }
        }
    }

    /// The graticule spacing in degrees for a view spanning `lonSpan` degrees: about four to twelve lines.
    public static func graticuleStep(lonSpan: Double) -> Double {
        let steps: [Double] = [30, 10, 5, 2, 1, 0.5, 0.2, 0.1, 0.05, 0.02, 0.01, 0.005, 0.002, 0.001]
        return steps.first { lonSpan / $0 >= 4 } ?? 0.001
    }

    /// Draws meridians and parallels at `graticuleStep` across the visible area into `canvas`.
    public static func drawGraticule(_ projection: Projection, into canvas: inout DotCanvas) {
        let bounds = projection.bounds
        let center = projection.viewport.center.lon
        let west = max(bounds.west, center - 180)
        let east = min(bounds.east, center + 180)
        let step = graticuleStep(lonSpan: east - west)
        let south = max(-90, bounds.south)
        let north = min(90, bounds.north)
        var lon = (west / step).rounded(.up) * step
        while lon <= east {
            canvas.drawPolyline([LatLon(lat: south, lon: lon), LatLon(lat: north, lon: lon)], projection: projection)
            lon += step
        }
        var lat = (south / step).rounded(.up) * step
        while lat <= north {
            canvas.drawPolyline(
                [LatLon(lat: lat, lon: west), LatLon(lat: lat, lon: east)], projection: projection)
            lat += step
        }
    }
}
