/// A grid of dots, `2 * columns` across and `4 * rows` down, stored as one byte per 2x4 block.
///
/// Each block's byte uses the Braille dot bits: left column top to bottom 0x01, 0x02, 0x04, 0x40; right
/// column 0x08, 0x10, 0x20, 0x80. So a block's byte plus U+2800 is its Braille character. Dot (0, 0) is
/// the top-left; every drawing call clips to the grid, and nothing outside it is touched.
public struct DotCanvas: Hashable, Sendable {
    /// Blocks (cells) across.
    public let columns: Int
    /// Blocks (cells) down.
    public let rows: Int
    /// The block patterns, row-major: block `(column, row)` is `patterns[row * columns + column]`.
    public private(set) var patterns: [UInt8]

    /// The bit of dot `(x % 2, y % 4)` in its block, indexed by `(x % 2) * 4 + y % 4`.
    public static let dotBits: [UInt8] = [0x01, 0x02, 0x04, 0x40, 0x08, 0x10, 0x20, 0x80]

    /// Creates an empty canvas of `columns` by `rows` blocks; negative sizes are clamped to zero.
    public init(columns: Int, rows: Int) {
        self.columns = max(0, columns)
        self.rows = max(0, rows)
        patterns = Array(repeating: 0, count: self.columns * self.rows)
    }

    /// Dots across.
    public var dotWidth: Int { columns * 2 }
    /// Dots down.
    public var dotHeight: Int { rows * 4 }

    /// True when no dot is set.
    public var isEmpty: Bool { !patterns.contains { $0 != 0 } }

    /// Clears every dot, keeping the storage.
    public mutating func clear() {
        patterns.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
    }

    /// The pattern of the block at `(column, row)`, or 0 outside the grid.
    public func pattern(column: Int, row: Int) -> UInt8 {
        guard column >= 0, row >= 0, column < columns, row < rows else { return 0 }
        return patterns[row * columns + column]
    }

    /// True when dot `point` is set; false outside the grid.
    public func isSet(_ point: DotPoint) -> Bool {
        guard point.x >= 0, point.y >= 0, point.x < dotWidth, point.y < dotHeight else { return false }
        return patterns[(point.y >> 2) * columns + (point.x >> 1)]
            & DotCanvas.dotBits[(point.x & 1) << 2 | (point.y & 3)]
            != 0
    }

    /// Sets dot `point`; dots outside the grid are ignored.
    public mutating func set(_ point: DotPoint) {
        guard point.x >= 0, point.y >= 0, point.x < dotWidth, point.y < dotHeight else { return }
        patterns[(point.y >> 2) * columns + (point.x >> 1)] |= DotCanvas.dotBits[(point.x & 1) << 2 | (point.y & 3)]
    }

    /// ORs `left` into the blocks of the even dots and `right` into those of the odd dots from `from` to `to`
    /// (exclusive) on dot row `row`: a run of one dot row with a stipple's bits for that row. The caller keeps
    /// `0 <= from < to <= dotWidth` and `0 <= row < dotHeight`.
    mutating func setSpan(row: Int, from: Int, to: Int, left: UInt8, right: UInt8) {
        let rowStart = (row >> 2) * columns
        patterns.withUnsafeMutableBufferPointer { blocks in
            var x = from
            if x & 1 == 1 {
                blocks[rowStart &+ (x >> 1)] |= right
                x &+= 1
            }
            let both = left | right
            while x &+ 1 < to {
                blocks[rowStart &+ (x >> 1)] |= both
                x &+= 2
            }
            if x < to { blocks[rowStart &+ (x >> 1)] |= left }
        }
    }

    /// Draws a straight line of dots from `start` to `end` inclusive, clipped to the grid.
    public mutating func drawLine(from start: DotPoint, to end: DotPoint) {
        let width = dotWidth
        let height = dotHeight
        let columns = columns
        guard width > 0, height > 0 else { return }
        patterns.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            let raster = Raster(base: base, columns: columns, width: width, height: height)
            raster.segment(start.x, start.y, end.x, end.y)
        }
    }

    /// Draws a polyline of quantized points, interleaved `[lon0, lat0, lon1, lat1, ...]`, projected by
    /// `transform`, clipped to the grid. A point in the same dot as the last drawn point is skipped, so
    /// detail finer than a dot costs one multiply-add per coordinate and nothing else; a polyline that
    /// stays within one dot draws that dot.
    public mutating func drawPolyline(_ points: UnsafeBufferPointer<Int32>, transform: DotTransform) {
        withPen(transform: transform) { $0.draw(points) }
    }

    /// Calls `body` with a pen that draws quantized polylines through `transform` straight into the
    /// canvas's storage, so many small polylines (atlas tiles) pay the storage access once. The pen is
    /// valid only inside `body`.
    public mutating func withPen(transform: DotTransform, _ body: (PolylinePen) -> Void) {
        guard columns > 0, rows > 0 else { return }
        let width = dotWidth
        let height = dotHeight
        let columns = columns
        patterns.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            body(
                PolylinePen(
                    raster: Raster(base: base, columns: columns, width: width, height: height), transform: transform))
        }
    }

    /// Draws a polyline of positions through `projection` (for graticules and tests; the atlas uses the
    /// quantized overload). Longitudes are taken as given, not wrapped, so a line may run past 180 degrees.
    public mutating func drawPolyline(_ positions: [LatLon], projection: Projection) {
        guard let first = positions.first else { return }
        func dotOf(_ position: LatLon) -> DotPoint {
            let x =
                Double(projection.dotWidth) / 2 + (position.lon - projection.viewport.center.lon)
                * projection.dotsPerLonDegree
            let y =
                Double(projection.dotHeight) / 2 + (projection.viewport.center.lat - position.lat)
                * projection.dotsPerLatDegree
            return DotPoint(x: Projection.clampedInt(x), y: Projection.clampedInt(y))
        }
        var last = dotOf(first)
        if positions.count == 1 { set(last) }
        for position in positions.dropFirst() {
            let next = dotOf(position)
            if next != last { drawLine(from: last, to: next) }
            last = next
        }
    }
}

/// Draws quantized polylines into a canvas; made by `DotCanvas.withPen` and valid only inside its body.
public struct PolylinePen {
    fileprivate let raster: Raster
    /// The projection from quantized units to dots.
    public let transform: DotTransform

    /// The transform in fixed point, computed once per pen rather than per polyline.
    private let fixed: FixedTransform?

    fileprivate init(raster: Raster, transform: DotTransform) {
        self.raster = raster
        self.transform = transform
        fixed = FixedTransform(transform)
    }

    /// Draws `points` (interleaved quantized longitude and latitude); see `DotCanvas.drawPolyline`.
    public func draw(_ points: UnsafeBufferPointer<Int32>) {
        guard points.count >= 2 else { return }
        if let fixed {
            drawFixed(points, fixed)
        } else {
            drawDouble(points)
        }
    }

    /// The transform in 32.32 fixed point, when every Int32 coordinate projects without overflow.
    private struct FixedTransform {
        let scaleX: Int64
        let offsetX: Int64
        let scaleY: Int64
        let offsetY: Int64

        init?(_ transform: DotTransform) {
            let unit = 4_294_967_296.0
            // |coordinate| < 2^31 and the sum stays below 2^62, so the product and the sum never overflow
            // and the result, shifted down 32 bits, stays within ±2^30 dots.
            let bound = 4_611_686_018_427_387_904.0
            func fits(_ scale: Double, _ offset: Double) -> Bool {
                scale.isFinite && offset.isFinite && abs(scale) * unit * 2_147_483_648 + abs(offset) * unit < bound
            }
            guard fits(transform.scaleX, transform.offsetX), fits(transform.scaleY, transform.offsetY) else {
                return nil
            }
            scaleX = Int64((transform.scaleX * unit).rounded())
            offsetX = Int64((transform.offsetX * unit).rounded())
            scaleY = Int64((transform.scaleY * unit).rounded())
            offsetY = Int64((transform.offsetY * unit).rounded())
        }
    }

    /// Projects with integer multiply-adds; an arithmetic shift right is a floor.
    private func drawFixed(_ points: UnsafeBufferPointer<Int32>, _ fixed: FixedTransform) {
        var lastX = Int((Int64(points[0]) &* fixed.scaleX &+ fixed.offsetX) >> 32)
        var lastY = Int((Int64(points[1]) &* fixed.scaleY &+ fixed.offsetY) >> 32)
        // Every segment from the first dot would plot it first, and a polyline within one dot is that dot.
        raster.plot(lastX, lastY)
        var isLastInside = raster.contains(lastX, lastY)
        var index = 2
        let end = points.count & ~1
        while index < end {
            let x = Int((Int64(points[index]) &* fixed.scaleX &+ fixed.offsetX) >> 32)
            let y = Int((Int64(points[index &+ 1]) &* fixed.scaleY &+ fixed.offsetY) >> 32)
            index &+= 2
            if x == lastX && y == lastY { continue }
            let isInside = raster.contains(x, y)
            // NB: issue 10: most steps of a continent's lines move to a neighbouring dot, whose line is that dot
            // alone (the previous one is set): plotting it skips clipping and Bresenham's set-up.
            if isInside && isLastInside && UInt(bitPattern: x &- lastX &+ 1) <= 2
                && UInt(bitPattern: y &- lastY &+ 1) <= 2
            {
                raster.plotUnchecked(x, y)
            } else {
                raster.segment(lastX, lastY, x, y)
            }
            isLastInside = isInside
            lastX = x
            lastY = y
        }
    }

    /// Projects in doubles, clamping to ±2^30 dots, for transforms too large for fixed point.
    private func drawDouble(_ points: UnsafeBufferPointer<Int32>) {
        // NB: Int(_:) truncates toward zero and traps out of range; biasing clamped values to be positive
        // makes truncation a floor without a libm call.
        let bias = Double(1 << 31)
        let limit = Double(1 << 30)
        let scaleX = transform.scaleX
        let scaleY = transform.scaleY
        let offsetX = transform.offsetX + bias
        let offsetY = transform.offsetY + bias
        let low = bias - limit
        let high = bias + limit
        var lastX = Int(min(high, max(low, Double(points[0]) * scaleX + offsetX))) - (1 << 31)
        var lastY = Int(min(high, max(low, Double(points[1]) * scaleY + offsetY))) - (1 << 31)
        var hasDrawn = false
        var index = 2
        let end = points.count & ~1
        while index < end {
            let x = Int(min(high, max(low, Double(points[index]) * scaleX + offsetX))) - (1 << 31)
            let y = Int(min(high, max(low, Double(points[index + 1]) * scaleY + offsetY))) - (1 << 31)
            index += 2
            if x == lastX && y == lastY { continue }
            raster.segment(lastX, lastY, x, y)
            hasDrawn = true
            lastX = x
            lastY = y
        }
        if !hasDrawn { raster.plot(lastX, lastY) }
    }
}

/// The inner loop of line drawing over a canvas's storage: Cohen-Sutherland clipping, then Bresenham.
private struct Raster {
    let base: UnsafeMutablePointer<UInt8>
    let columns: Int
    let width: Int
    let height: Int

    init(base: UnsafeMutablePointer<UInt8>, columns: Int, width: Int, height: Int) {
        self.base = base
        self.columns = columns
        self.width = width
        self.height = height
    }

    @inline(__always)
    func plot(_ x: Int, _ y: Int) {
        guard contains(x, y) else { return }
        plotUnchecked(x, y)
    }

    /// True when dot `(x, y)` is inside the grid.
    @inline(__always)
    func contains(_ x: Int, _ y: Int) -> Bool {
        UInt(bitPattern: x) < UInt(bitPattern: width) && UInt(bitPattern: y) < UInt(bitPattern: height)
    }

    @inline(__always)
    func plotUnchecked(_ x: Int, _ y: Int) {
        // The Braille bits of dots (column, row), byte (column * 4 + row) of this word: 0x01 0x02 0x04 0x40
        // down the left column, 0x08 0x10 0x20 0x80 down the right.
        let bits: UInt64 = 0x8020_1008_4004_0201
        let shift = UInt64(truncatingIfNeeded: ((x & 1) << 2 | (y & 3)) << 3)
        base[(y >> 2) &* columns &+ (x >> 1)] |= UInt8(truncatingIfNeeded: bits >> shift)
    }

    @inline(__always)
    func outcode(_ x: Int, _ y: Int) -> Int {
        var code = 0
        if x < 0 { code |= 1 } else if x >= width { code |= 2 }
        if y < 0 { code |= 4 } else if y >= height { code |= 8 }
        return code
    }

    @inline(__always)
    func segment(_ x0: Int, _ y0: Int, _ x1: Int, _ y1: Int) {
        let code0 = outcode(x0, y0)
        let code1 = outcode(x1, y1)
        if code0 | code1 == 0 {
            bresenham(x0, y0, x1, y1)
            return
        }
        if code0 & code1 != 0 { return }
        guard let clipped = clip(x0, y0, x1, y1) else { return }
        bresenham(clipped.0, clipped.1, clipped.2, clipped.3)
    }

    /// Cohen-Sutherland against [0, width - 1] x [0, height - 1] in doubles (coordinates reach 2^30, so
    /// integer products could overflow), rounded back to dots inside the grid.
    func clip(_ x0: Int, _ y0: Int, _ x1: Int, _ y1: Int) -> (Int, Int, Int, Int)? {
        var ax = Double(x0)
        var ay = Double(y0)
        var bx = Double(x1)
        var by = Double(y1)
        let maxX = Double(width - 1)
        let maxY = Double(height - 1)
        func code(_ x: Double, _ y: Double) -> Int {
            var code = 0
            if x < 0 { code |= 1 } else if x > maxX { code |= 2 }
            if y < 0 { code |= 4 } else if y > maxY { code |= 8 }
            return code
        }
        var codeA = code(ax, ay)
        var codeB = code(bx, by)
        for _ in 0..<8 {
            if codeA | codeB == 0 {
                let points = (Int(ax.rounded()), Int(ay.rounded()), Int(bx.rounded()), Int(by.rounded()))
                return (
                    min(width - 1, max(0, points.0)), min(height - 1, max(0, points.1)),
                    min(width - 1, max(0, points.2)), min(height - 1, max(0, points.3))
                )
            }
            if codeA & codeB != 0 { return nil }
            let outside = codeA != 0 ? codeA : codeB
            var x = 0.0
            var y = 0.0
            if outside & 8 != 0 {
                x = ax + (bx - ax) * (maxY - ay) / (by - ay)
                y = maxY
            } else if outside & 4 != 0 {
                x = ax + (bx - ax) * (0 - ay) / (by - ay)
                y = 0
            } else if outside & 2 != 0 {
                y = ay + (by - ay) * (maxX - ax) / (bx - ax)
                x = maxX
            } else {
                y = ay + (by - ay) * (0 - ax) / (bx - ax)
                x = 0
            }
            if outside == codeA {
                ax = x
                ay = y
                codeA = code(ax, ay)
            } else {
                bx = x
                by = y
                codeB = code(bx, by)
            }
        }
        return nil
    }

    /// Bresenham between two dots inside the grid.
    @inline(__always)
    func bresenham(_ x0: Int, _ y0: Int, _ x1: Int, _ y1: Int) {
        // Both ends are inside the grid, so no arithmetic here can overflow: wrapping operators skip the checks.
        var x = x0
        var y = y0
        let dx = abs(x1 &- x0)
        let dy = -abs(y1 &- y0)
        let stepX = x0 < x1 ? 1 : -1
        let stepY = y0 < y1 ? 1 : -1
        var error = dx &+ dy
        while true {
            plotUnchecked(x, y)
            if x == x1 && y == y1 { return }
            let doubled = error &<< 1
            if doubled >= dy {
                error &+= dy
                x &+= stepX
            }
            if doubled <= dx {
                error &+= dx
                y &+= stepY
            }
        }
    }
}
