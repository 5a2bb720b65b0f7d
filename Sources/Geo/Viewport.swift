import Foundation

/// A size in terminal cells: how many columns across and rows down a map area has.
public struct CellSize: Hashable, Sendable {
    /// Columns.
    public var width: Int
    /// Rows.
    public var height: Int

    /// Creates a size; negative values are clamped to zero.
    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
    }
}

/// A compass direction to pan a view in.
public enum PanDirection: Hashable, Sendable, CaseIterable {
    case north, south, east, west
}

/// What a map shows: an equirectangular view centred on `center` at an integer `zoom` (0...18).
///
/// Scale: at zoom 0 the whole world fits the map area, using the equator as the standard parallel.
/// Each zoom level halves the span. When the area is at most twice as wide as it is tall (in ground
/// units: columns against rows times the cell aspect), zoom 0 spans 360 degrees of longitude (and 180 or
/// more of latitude, blank beyond the poles) and zoom `z` spans 360/2^z. When the area is wider than that
/// (height-limited), zoom 0 spans 180 degrees of latitude and more than 360 of longitude: the world is
/// drawn once, centred, with blank sides (`MapRasterizer.pieces`); each zoom still halves both spans.
/// Zoomed views (zoom >= 1) keep the longitude span and have a standard parallel: the latitude span shrinks by
/// its cosine, so shapes at 60 N are not stretched. The parallel is chosen when a zoom, a fit, a centre or
/// `--center` sets the view (the centre's latitude, or the latitude zoomed about) and kept by panning, so a
/// pan is a pure translation that never changes the scale.
/// Zoom 18 spans about 150 m across at the equator in a width-limited area.
public struct Viewport: Hashable, Sendable {
    /// The view's centre; the longitude is normalised to [-180, 180) and the latitude clamped to [-90, 90].
    public var center: LatLon
    /// The zoom level, clamped to `Viewport.zoomLevels`.
    public var zoom: Int
    /// The latitude whose cosine scales the latitude span, in degrees within [-89, 89]; 0 at zoom 0.
    public private(set) var standardParallel: Double

    /// The valid zoom levels.
    public static let zoomLevels = 0...18
    /// The zoom a single point gets when fitting: about 40 km across, a city.
    public static let cityZoom = 10
    /// The deepest zoom `fitting` chooses for several points, so two people in one street are not lost.
    public static let deepestFitZoom = 15
    /// Terminal cells are about twice as tall as wide.
    public static let defaultCellAspect = 2.0
    /// The whole world at zoom 0, centred on (0, 0).
    public static let world = Viewport(center: LatLon(lat: 0, lon: 0), zoom: 0)

    /// Creates a view whose standard parallel is its centre's latitude; the zoom is clamped to 0...18, the
    /// longitude wrapped and the latitude clamped.
    public init(center: LatLon, zoom: Int) {
        self.init(center: center, zoom: zoom, standardParallel: center.lat)
    }

    /// Creates a view with an explicit standard parallel (clamped to [-89, 89], and 0 at zoom 0); the zoom is
    /// clamped to 0...18, the longitude wrapped and the latitude clamped.
    public init(center: LatLon, zoom: Int, standardParallel: Double) {
        let lat = center.lat.isFinite ? min(90, max(-90, center.lat)) : 0
        let lon = center.lon.isFinite ? Viewport.normalizedLongitude(center.lon) : 0
        self.center = LatLon(lat: lat, lon: lon)
        self.zoom = min(Viewport.zoomLevels.upperBound, max(Viewport.zoomLevels.lowerBound, zoom))
        let parallel = standardParallel.isFinite ? min(89, max(-89, standardParallel)) : 0
        self.standardParallel = self.zoom == 0 ? 0 : parallel
    }

    /// The same view moved so its centre is `center`, keeping zoom and standard parallel (a translation).
    public func translated(to center: LatLon) -> Viewport {
        Viewport(center: center, zoom: zoom, standardParallel: standardParallel)
    }

    /// The view at `zoom` (clamped to 0...18) that keeps `anchor` on the same point of an area of `size`
    /// cells: its standard parallel becomes the anchor's latitude, and the result is clamped at the poles
    /// (which may move the anchor when it lies near one). A zoom past 0 or 18 returns the view unchanged.
    public func zoomed(
        to zoom: Int, about anchor: LatLon, size: CellSize, aspect: Double = Viewport.defaultCellAspect
    ) -> Viewport {
        let level = min(Viewport.zoomLevels.upperBound, max(Viewport.zoomLevels.lowerBound, zoom))
        // At the deepest or shallowest level the key does nothing, not even re-choose the parallel.
        guard level != self.zoom else { return self }
        let before = Projection(viewport: self, size: size, aspect: aspect).dotCoordinates(of: anchor)
        let target = Viewport(center: anchor, zoom: level, standardParallel: anchor.lat)
        let after = Projection(viewport: target, size: size, aspect: aspect)
        let offsetX = before.x - Double(after.dotWidth) / 2
        let offsetY = before.y - Double(after.dotHeight) / 2
        let center = LatLon(
            lat: anchor.lat + offsetY / after.dotsPerLatDegree, lon: anchor.lon - offsetX / after.dotsPerLonDegree)
        return target.translated(to: center).clamped(size: size, aspect: aspect)
    }

    /// The shallowest view at `zoom` or deeper whose centre can be `position` without showing space beyond a
    /// pole in an area of `size` cells (the world view cannot move north or south, so it zooms first); zoom 18
    /// clamped when none can.
    public func centred(
        on position: LatLon, size: CellSize, aspect: Double = Viewport.defaultCellAspect
    ) -> Viewport {
        for level in zoom...Viewport.zoomLevels.upperBound {
            let view = Viewport(center: position, zoom: level)
            let clamped = view.clamped(size: size, aspect: aspect)
            if abs(clamped.center.lat - view.center.lat) < 1e-9 { return clamped }
        }
        return Viewport(center: position, zoom: Viewport.zoomLevels.upperBound).clamped(size: size, aspect: aspect)
    }

    /// `lon` wrapped into [-180, 180).
    public static func normalizedLongitude(_ lon: Double) -> Double {
        guard lon.isFinite else { return 0 }
        // Most longitudes need no wrapping: skip the remainder's library call, with the same arithmetic as below.
        let shifted = lon + 180
        if shifted >= 0 && shifted < 360 { return shifted - 180 }
        var wrapped = shifted.truncatingRemainder(dividingBy: 360)
        if wrapped < 0 { wrapped += 360 }
        return wrapped - 180
    }

    /// The view one level closer in (at most zoom 18), same centre; with a `size`, the latitude is then
    /// clamped as in `clamped(size:aspect:)`.
    public func zoomedIn(size: CellSize? = nil, aspect: Double = Viewport.defaultCellAspect) -> Viewport {
        let view = Viewport(center: center, zoom: zoom + 1)
        return size.map { view.clamped(size: $0, aspect: aspect) } ?? view
    }

    /// The view one level further out (at least zoom 0), same centre; with a `size`, the latitude is then
    /// clamped so the wider view does not show space beyond a pole.
    public func zoomedOut(size: CellSize? = nil, aspect: Double = Viewport.defaultCellAspect) -> Viewport {
        let view = Viewport(center: center, zoom: zoom - 1)
        return size.map { view.clamped(size: $0, aspect: aspect) } ?? view
    }

    /// The view moved a quarter of its span toward `direction`.
    ///
    /// East and west move a quarter of the longitude span and wrap across 180 degrees. North and south move
    /// a quarter of the latitude span of a map area of `size` cells (without a size: an area twice as wide
    /// as tall), and the latitude is clamped so the view does not leave [-90, 90] when it need not.
    public func panned(
        _ direction: PanDirection, size: CellSize? = nil, aspect: Double = Viewport.defaultCellAspect
    ) -> Viewport {
        let area = size ?? Viewport.nominalSize(aspect: aspect)
        let span = self.span(size: area, aspect: aspect)
        var moved = center
        switch direction {
        case .north: moved.lat += span.lat / 4
        case .south: moved.lat -= span.lat / 4
        case .east: moved.lon += span.lon / 4
        case .west: moved.lon -= span.lon / 4
        }
        return translated(to: moved).clamped(size: area, aspect: aspect)
    }

    /// The view with its latitude clamped so that the area of `size` cells shows no space beyond a pole,
    /// unless the view is taller than the world (then it is centred on the equator). Zoom and standard
    /// parallel are kept, so the scale never changes.
    public func clamped(size: CellSize, aspect: Double = Viewport.defaultCellAspect) -> Viewport {
        guard size.width > 0, size.height > 0 else { return self }
        let half = span(size: size, aspect: aspect).lat / 2
        if half >= 90 { return center.lat == 0 ? self : translated(to: LatLon(lat: 0, lon: center.lon)) }
        let limit = 90 - half
        if abs(center.lat) <= limit { return self }
        return translated(to: LatLon(lat: center.lat < 0 ? -limit : limit, lon: center.lon))
    }

    /// Degrees of latitude per cell width at zoom 0 on the equator for an area of `size` cells: the scale at
    /// which the whole world fits, whichever of width and height limits it.
    static func worldDegreesPerUnit(size: CellSize, aspect: Double) -> Double {
        let width = Double(max(1, size.width))
        let height = Double(max(1, size.height)) * Viewport.safeAspect(aspect)
        return max(360 / width, 180 / height)
    }

    /// `aspect` if it is a usable positive number, otherwise the default.
    static func safeAspect(_ aspect: Double) -> Double {
        aspect.isFinite && aspect > 0.05 && aspect < 20 ? aspect : defaultCellAspect
    }

    /// The standard parallel's cosine: 1 at zoom 0, never below 1e-3.
    var parallelScale: Double {
        zoom == 0 ? 1 : max(1e-3, cos(standardParallel * .pi / 180))
    }

    /// Degrees of longitude and latitude per cell: one cell is one unit across and `aspect` units down.
    func degreesPerCell(size: CellSize, aspect: Double) -> (lon: Double, lat: Double) {
        let aspect = Viewport.safeAspect(aspect)
        let perUnit = Viewport.worldDegreesPerUnit(size: size, aspect: aspect) / Double(1 << zoom)
        return (perUnit, perUnit * parallelScale * aspect)
    }

    /// The degrees of longitude and latitude this view spans in an area of `size` cells.
    public func span(size: CellSize, aspect: Double = Viewport.defaultCellAspect) -> (lon: Double, lat: Double) {
        let perCell = degreesPerCell(size: size, aspect: aspect)
        return (perCell.lon * Double(max(1, size.width)), perCell.lat * Double(max(1, size.height)))
    }

    /// An area whose ground height is half its width: what `panned` assumes without a size.
    static func nominalSize(aspect: Double) -> CellSize {
        let aspect = safeAspect(aspect)
        return CellSize(width: 120, height: max(1, Int((60 / aspect).rounded())))
    }

    /// The smallest (highest-zoom) view holding every point with a margin of a tenth of the span on each side.
    ///
    /// Longitudes are taken along the shortest span, so points at 178 E and 172 W are 10 degrees apart and
    /// the view is centred across 180 degrees. A single point gets `cityZoom`; several points never go past
    /// `deepestFitZoom`; no points give `Viewport.world`. Non-finite coordinates are ignored.
    public static func fitting(
        _ points: [LatLon], size: CellSize, aspect: Double = Viewport.defaultCellAspect
    ) -> Viewport {
        let valid = points.filter { $0.lat.isFinite && $0.lon.isFinite }
        guard let first = valid.first, let center = fitCentre(valid) else { return .world }
        let lats = valid.map { min(90, max(-90, $0.lat)) }
        let latMin = lats.min() ?? first.lat
        let latMax = lats.max() ?? first.lat
        let lonRange = shortestLongitudeRange(valid.map { $0.lon })
        if lonRange.length == 0 && latMax == latMin {
            return Viewport(center: center, zoom: cityZoom).clamped(size: size, aspect: aspect)
        }
        let margin = 1.25
        for zoom in stride(from: deepestFitZoom, through: 1, by: -1) {
            let view = Viewport(center: center, zoom: zoom)
            let span = view.span(size: size, aspect: aspect)
            if lonRange.length * margin <= span.lon && (latMax - latMin) * margin <= span.lat {
                return view.clamped(size: size, aspect: aspect)
            }
        }
        return Viewport(center: LatLon(lat: 0, lon: center.lon), zoom: 0)
    }

    /// The middle of the box a fit holds: halfway between the southernmost and northernmost points, and the
    /// middle of the shortest arc of longitudes holding them all (so 178 E and 172 W centre on 177 W); nil
    /// without finite points. `--zoom` alone centres here, whatever zoom the fit itself would pick.
    public static func fitCentre(_ points: [LatLon]) -> LatLon? {
        let valid = points.filter { $0.lat.isFinite && $0.lon.isFinite }
        guard !valid.isEmpty else { return nil }
        let lats = valid.map { min(90, max(-90, $0.lat)) }
        let lonRange = shortestLongitudeRange(valid.map { $0.lon })
        return LatLon(
            lat: ((lats.min() ?? 0) + (lats.max() ?? 0)) / 2,
            lon: normalizedLongitude(lonRange.start + lonRange.length / 2))
    }

    /// The shortest arc of longitudes holding all of `lons`: its western start and its length in degrees.
    static func shortestLongitudeRange(_ lons: [Double]) -> (start: Double, length: Double) {
        let sorted = lons.map { normalizedLongitude($0) }.sorted()
        guard let first = sorted.first, let last = sorted.last else { return (0, 0) }
        // The complement of the widest gap between neighbours (including the wrap from last to first).
        var widestGap = first + 360 - last
        var start = first
        for index in sorted.indices.dropFirst() {
            let gap = sorted[index] - sorted[index - 1]
            if gap > widestGap {
                widestGap = gap
                start = sorted[index]
            }
        }
        return (start, 360 - widestGap)
    }
}
