import Foundation

/// A Braille dot position: `x` dots right and `y` dots down from the map area's top-left dot.
///
/// A cell holds 2 dots across and 4 down, so dot `(x, y)` lies in cell `(x / 2, y / 4)` (rounded down).
public struct DotPoint: Hashable, Sendable {
    public var x: Int
    public var y: Int

    /// Creates a dot position.
    public init(x: Int, y: Int) {
        self.x = x
        self.y = y
    }

    /// The cell holding this dot (floor division, so negative dots map to negative cells).
    public var cell: CellPoint {
        CellPoint(x: x >> 1, y: y >> 2)
    }
}

/// A terminal cell position: `x` columns right and `y` rows down from the map area's top-left cell.
public struct CellPoint: Hashable, Sendable {
    public var x: Int
    public var y: Int

    /// Creates a cell position.
    public init(x: Int, y: Int) {
        self.x = x
        self.y = y
    }
}

/// Maps positions on the globe to dots and cells of a map area of `size` cells for one `Viewport`.
///
/// The area has `2 * size.width` by `4 * size.height` dots. The view's centre falls on the dot
/// `(dotWidth / 2, dotHeight / 2)`. Longitudes are taken nearest the centre (a point 10 degrees east across
/// 180 degrees lands 10 degrees east), so every position maps to one dot, which may lie outside the area.
public struct Projection: Hashable, Sendable {
    /// The view this projection draws.
    public let viewport: Viewport
    /// The map area in cells.
    public let size: CellSize
    /// Cell height over cell width.
    public let aspect: Double
    /// Dots across: twice the columns.
    public let dotWidth: Int
    /// Dots down: four times the rows.
    public let dotHeight: Int
    /// Dots per degree of longitude.
    public let dotsPerLonDegree: Double
    /// Dots per degree of latitude.
    public let dotsPerLatDegree: Double

    /// Creates the projection of `viewport` onto an area of `size` cells whose cells are `aspect` times as
    /// tall as wide.
    public init(viewport: Viewport, size: CellSize, aspect: Double = Viewport.defaultCellAspect) {
        self.viewport = viewport
        self.size = size
        self.aspect = Viewport.safeAspect(aspect)
        dotWidth = size.width * 2
        dotHeight = size.height * 4
        let perCell = viewport.degreesPerCell(size: size, aspect: self.aspect)
        dotsPerLonDegree = 2 / perCell.lon
        dotsPerLatDegree = 4 / perCell.lat
    }

    /// Degrees of latitude one dot spans: the measure that picks the level of detail.
    public var latDegreesPerDot: Double { 1 / dotsPerLatDegree }

    /// The continuous dot coordinates of `position` (the top-left corner of dot (0, 0) is (0, 0)).
    public func dotCoordinates(of position: LatLon) -> (x: Double, y: Double) {
        let dLon = Viewport.normalizedLongitude(position.lon - viewport.center.lon)
        let x = Double(dotWidth) / 2 + dLon * dotsPerLonDegree
        let y = Double(dotHeight) / 2 + (viewport.center.lat - position.lat) * dotsPerLatDegree
        return (x, y)
    }

    /// The dot holding `position`; far-away positions are clamped to about a billion dots.
    public func dot(for position: LatLon) -> DotPoint {
        let coordinates = dotCoordinates(of: position)
        return DotPoint(x: Projection.clampedInt(coordinates.x), y: Projection.clampedInt(coordinates.y))
    }

    /// The cell holding `position` (see `dot(for:)`).
    public func cell(for position: LatLon) -> CellPoint {
        dot(for: position).cell
    }

    /// The position at the centre of `dot`, longitude wrapped into [-180, 180).
    public func position(of dot: DotPoint) -> LatLon {
        let dLon = (Double(dot.x) + 0.5 - Double(dotWidth) / 2) / dotsPerLonDegree
        let dLat = (Double(dot.y) + 0.5 - Double(dotHeight) / 2) / dotsPerLatDegree
        return LatLon(
            lat: viewport.center.lat - dLat, lon: Viewport.normalizedLongitude(viewport.center.lon + dLon))
    }

    /// The position at the centre of `cell`, longitude wrapped into [-180, 180).
    public func position(of cell: CellPoint) -> LatLon {
        let dLon = (Double(cell.x) + 0.5 - Double(size.width) / 2) * 2 / dotsPerLonDegree
        let dLat = (Double(cell.y) + 0.5 - Double(size.height) / 2) * 4 / dotsPerLatDegree
        return LatLon(
            lat: viewport.center.lat - dLat, lon: Viewport.normalizedLongitude(viewport.center.lon + dLon))
    }

    /// True when `cell` lies inside the area.
    public func contains(_ cell: CellPoint) -> Bool {
        cell.x >= 0 && cell.y >= 0 && cell.x < size.width && cell.y < size.height
    }

    /// The longitudes and latitudes the area shows: west and east edges (west may be below -180 and east
    /// above 180 when the view crosses 180 degrees), south and north edges (clamped to [-90, 90]).
    public var bounds: (west: Double, east: Double, south: Double, north: Double) {
        let halfLon = Double(dotWidth) / 2 / dotsPerLonDegree
        let halfLat = Double(dotHeight) / 2 / dotsPerLatDegree
        let lat = viewport.center.lat
        return (
            viewport.center.lon - halfLon, viewport.center.lon + halfLon,
            max(-90, lat - halfLat), min(90, lat + halfLat)
        )
    }

    /// The affine map from quantized atlas coordinates (`unitsPerDegree` per degree) to dot coordinates,
    /// with the data shifted east by `shift` degrees (±360 to draw the copy of the world beyond 180 degrees).
    public func dotTransform(unitsPerDegree: Double, shift: Double = 0) -> DotTransform {
        let scaleX = dotsPerLonDegree / unitsPerDegree
        let scaleY = -dotsPerLatDegree / unitsPerDegree
        let offsetX = Double(dotWidth) / 2 + (shift - viewport.center.lon) * dotsPerLonDegree
        let offsetY = Double(dotHeight) / 2 + viewport.center.lat * dotsPerLatDegree
        return DotTransform(scaleX: scaleX, offsetX: offsetX, scaleY: scaleY, offsetY: offsetY)
    }

    /// The whole-degree shifts (multiples of 360) at which a copy of the world [-180, 180] overlaps the view.
    public var worldShifts: [Double] {
        let box = bounds
        // Copy k covers [360k - 180, 360k + 180]; touching an edge is not overlapping.
        let first = Int(((box.west - 180) / 360).rounded(.down)) + 1
        let last = Int(((box.east + 180) / 360).rounded(.up)) - 1
        guard first <= last else { return [] }
        return (first...last).map { Double($0) * 360 }
    }

    /// `value` rounded down and clamped to ±2^30 so distant points stay representable.
    static func clampedInt(_ value: Double) -> Int {
        guard value.isFinite else { return value > 0 ? 1 << 30 : -(1 << 30) }
        return Int(min(Double(1 << 30), max(-Double(1 << 30), value.rounded(.down))))
    }
}

/// An affine map from quantized map units to dot coordinates: `x = lon * scaleX + offsetX`,
/// `y = lat * scaleY + offsetY`, precomputed once per view so projecting a point is two multiply-adds.
public struct DotTransform: Hashable, Sendable {
    public var scaleX: Double
    public var offsetX: Double
    public var scaleY: Double
    public var offsetY: Double

    /// Creates a transform from its coefficients.
    public init(scaleX: Double, offsetX: Double, scaleY: Double, offsetY: Double) {
        self.scaleX = scaleX
        self.offsetX = offsetX
        self.scaleY = scaleY
        self.offsetY = offsetY
    }
}
