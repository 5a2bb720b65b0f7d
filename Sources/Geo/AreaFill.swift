/// Polygon rings collected in dot coordinates, to fill their inside into a `DotCanvas` with a stipple.
///
/// The inside follows the even-odd rule over every ring added, so a hole (a ring inside another ring) stays
/// empty. A dot is inside when its centre is; rings need not be closed (the last point joins the first).
public struct AreaFill: Sendable {
    /// The projection from quantized units to dots.
    public let transform: DotTransform
    /// Edge crossings of dot rows: the row and the crossing's x in dots.
    private var crossings: [(row: Int32, x: Double)] = []
    private let rows: Int

    /// An empty fill for a canvas `dotHeight` dots tall, projecting through `transform`.
    public init(transform: DotTransform, dotHeight: Int) {
        self.transform = transform
        rows = max(0, dotHeight)
    }

    /// True when no added edge crosses a dot row of the canvas.
    public var isEmpty: Bool { crossings.isEmpty }

    /// Adds a ring of quantized points (interleaved lon, lat); rings of fewer than three points add nothing.
    public mutating func add(_ ring: UnsafeBufferPointer<Int32>) {
        let count = ring.count / 2
        guard count >= 3 else { return }
        let maxRow = Double(rows) - 0.5
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
            let first = Int(max(0, (low - 0.5).rounded(.up)))
            let last = Int(min(Double(rows - 1), (high - 0.5).rounded(.up) - 1))
            guard first <= last else { continue }
            let slope = (x - previousX) / (y - previousY)
            for row in first...last {
                let center = Double(row) + 0.5
                crossings.append((Int32(row), previousX + (center - previousY) * slope))
            }
        }
    }

    /// Sets, in `canvas`, the dots inside the added rings whose bit in their block is in `stipple`
    /// (see `DotCanvas.dotBits`; 0xFF fills solid). Dots outside the canvas are ignored.
    public func fill(into canvas: inout DotCanvas, stipple: UInt8) {
        guard !crossings.isEmpty, stipple != 0 else { return }
        let sorted = crossings.sorted { ($0.row, $0.x) < ($1.row, $1.x) }
        let width = canvas.dotWidth
        var index = 0
        while index + 1 < sorted.count {
            let start = sorted[index]
            let end = sorted[index + 1]
            guard start.row == end.row else {
                // An odd count in a row (a ring clipped by rounding): drop the stray crossing.
                index += 1
                continue
            }
            let y = Int(start.row)
            // Dot x is inside when its centre x + 0.5 lies in [start.x, end.x).
            let from = max(0, Int(max(-1, min(Double(width), (start.x - 0.5).rounded(.up)))))
            let to = min(width, Int(max(-1, min(Double(width), (end.x - 0.5).rounded(.up)))))
            if from < to {
                for x in from..<to where DotCanvas.dotBits[(x & 1) << 2 | (y & 3)] & stipple != 0 {
                    canvas.set(DotPoint(x: x, y: y))
                }
            }
            index += 2
        }
    }
}
