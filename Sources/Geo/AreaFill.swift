/// Polygon rings collected in dot coordinates, to fill their inside into a `DotCanvas` with a stipple.
///
/// The inside follows the even-odd rule over every ring added, so a hole (a ring inside another ring) stays
/// empty. A dot is inside when its centre is; rings need not be closed (the last point joins the first).
public struct AreaFill: Sendable {
    /// The projection from quantized units to dots.
    public let transform: DotTransform
    /// Edge crossings of dot rows, in the order added: the row of each, and its x in dots.
    private var crossingRows: [Int32] = []
    private var crossingXs: [Double] = []
    private let rows: Int
    /// Which dot rows modulo 4 collect crossings: bit `r` for rows `y` with `y % 4 == r`.
    private let rowPhases: Int

    /// An empty fill for a canvas `dotHeight` dots tall, projecting through `transform`. Only dot rows where
    /// `stipple` has a dot collect edge crossings (a stipple of 0x21 uses every other row), so `fill` must be given
    /// a stipple whose dots lie within it; the default takes every row.
    public init(transform: DotTransform, dotHeight: Int, stipple: UInt8 = 0xFF) {
        self.transform = transform
        rows = max(0, dotHeight)
        var phases = 0
        for phase in 0..<4
        where (DotCanvas.dotBits[phase] | DotCanvas.dotBits[4 + phase]) & stipple != 0 {
            phases |= 1 << phase
        }
        rowPhases = phases
    }

    /// True when no added edge crosses a dot row of the canvas.
    public var isEmpty: Bool { crossingRows.isEmpty }

    /// Adds a ring of quantized points (interleaved lon, lat); rings of fewer than three points add nothing.
    public mutating func add(_ ring: UnsafeBufferPointer<Int32>) {
        let count = ring.count / 2
        guard count >= 3 else { return }
        let maxRow = Double(rows) - 0.5
        let phases = rowPhases
        // Appended to as locals: appending to the stored arrays checked their uniqueness per crossing.
        var rowsAdded = crossingRows
        var xsAdded = crossingXs
        crossingRows = []
        crossingXs = []
        defer {
            crossingRows = rowsAdded
            crossingXs = xsAdded
        }
        var previousX = Double(ring[2 * count - 2]) * transform.scaleX + transform.offsetX
        var previousY = Double(ring[2 * count - 1]) * transform.scaleY + transform.offsetY
        for index in 0..<count {
            let x = Double(ring[2 * index]) * transform.scaleX + transform.offsetX
            let y = Double(ring[2 * index + 1]) * transform.scaleY + transform.offsetY
            defer {
                previousX = x
                previousY = y
            }
            guard y != previousY else { continue }
            // Row centres at r + 0.5 in [low, high): each crossing counted once, shared ends never twice.
            let low = min(y, previousY)
            let high = max(y, previousY)
            guard high > 0.5, low < maxRow, low.isFinite, high.isFinite else { continue }
            // Clamped as doubles first: an edge far off the canvas must not overflow `Int`.
            let first = max(0, AreaFill.ceiling(max(-1, low - 0.5)))
            let last = min(rows - 1, AreaFill.ceiling(min(Double(rows), high - 0.5)) - 1)
            guard first <= last else { continue }
            let slope = (x - previousX) / (y - previousY)
            for row in first...last where phases & (1 << (row & 3)) != 0 {
                let center = Double(row) + 0.5
                rowsAdded.append(Int32(row))
                xsAdded.append(previousX + (center - previousY) * slope)
            }
        }
    }

    /// The smallest integer not below `value`, for finite values well within `Int`'s range: `rounded(.up)` is a
    /// call into libm here.
    @inline(__always)
    private static func ceiling(_ value: Double) -> Int {
        let truncated = Int(value)
        return Double(truncated) < value ? truncated + 1 : truncated
    }

    /// Sets, in `canvas`, the dots inside the added rings whose bit in their block is in `stipple`
    /// (see `DotCanvas.dotBits`; 0xFF fills solid). Dots outside the canvas are ignored.
    public func fill(into canvas: inout DotCanvas, stipple: UInt8) {
        guard !crossingRows.isEmpty, stipple != 0, canvas.dotHeight > 0 else { return }
        // Crossings grouped by row (a counting sort, stable), then each row's sorted by x.
        let height = canvas.dotHeight
        var starts = [Int](repeating: 0, count: height + 1)
        for row in crossingRows where Int(row) < height { starts[Int(row) + 1] += 1 }
        for row in 0..<height { starts[row + 1] += starts[row] }
        var next = starts
        var xs = [Double](repeating: 0, count: starts[height])
        let width = canvas.dotWidth
        // On raw buffers, each row's few crossings sorted in place by insertion: sorting array slices made this
        // function 11 % of the Rhineland's frame at zoom 5, 7 % without.
        xs.withUnsafeMutableBufferPointer { xs in
            crossingRows.withUnsafeBufferPointer { rows in
                crossingXs.withUnsafeBufferPointer { values in
                    for index in 0..<rows.count where Int(rows[index]) < height {
                        let row = Int(rows[index])
                        xs[next[row]] = values[index]
                        next[row] += 1
                    }
                }
            }
            for y in 0..<height where starts[y + 1] - starts[y] >= 2 {
                let left = DotCanvas.dotBits[y & 3] & stipple
                let right = DotCanvas.dotBits[4 | (y & 3)] & stipple
                guard left | right != 0 else { continue }
                AreaFill.sort(UnsafeMutableBufferPointer(rebasing: xs[starts[y]..<starts[y + 1]]))
                var index = starts[y]
                // An odd count in a row (a ring clipped by rounding): the last crossing is a stray and is dropped.
                while index + 1 < starts[y + 1] {
                    // Dot x is inside when its centre x + 0.5 lies in [start, end).
                    let from = max(0, Int(max(-1, min(Double(width), (xs[index] - 0.5).rounded(.up)))))
                    let to = min(width, Int(max(-1, min(Double(width), (xs[index + 1] - 0.5).rounded(.up)))))
                    if from < to { canvas.setSpan(row: y, from: from, to: to, left: left, right: right) }
                    index += 2
                }
            }
        }
    }

    /// Sorts `values` ascending: by insertion when they are few (a row's crossings mostly are), else the standard
    /// sort.
    private static func sort(_ values: UnsafeMutableBufferPointer<Double>) {
        guard values.count <= 32 else {
            var all = values
            all.sort()
            return
        }
        for end in values.indices.dropFirst() {
            let value = values[end]
            var slot = end
            while slot > 0 && values[slot - 1] > value {
                values[slot] = values[slot - 1]
                slot -= 1
            }
            values[slot] = value
        }
    }
}
