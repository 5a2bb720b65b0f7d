/// Which cells of a `width` x `height` area are taken, so that what is drawn later (labels, arrows) never
/// covers what was placed first (markers, the scale bar). Coordinates are cells from the area's top-left corner.
struct CellOccupancy {
    let width: Int
    let height: Int
    /// Row-major, one flag per cell.
    private var taken: [Bool]

    /// An area with every cell free; a negative size counts as empty.
    init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        taken = Array(repeating: false, count: self.width * self.height)
    }

    /// True when `(x, y)` lies in the area and is taken; cells outside are never taken.
    func isTaken(_ x: Int, _ y: Int) -> Bool {
        x >= 0 && y >= 0 && x < width && y < height && taken[y * width + x]
    }

    /// Marks `(x, y)` taken; a cell outside the area is ignored.
    mutating func take(_ x: Int, _ y: Int) {
        guard x >= 0, y >= 0, x < width, y < height else { return }
        taken[y * width + x] = true
    }

    /// Marks columns `from...to` of row `y` taken, those outside the area ignored; nothing when `to < from`.
    mutating func take(from: Int, to: Int, y: Int) {
        let left = max(0, from)
        let right = min(width - 1, to)
        guard y >= 0, y < height, left <= right else { return }
        let base = y * width
        taken.withUnsafeMutableBufferPointer { taken in
            for column in left...right { taken[base &+ column] = true }
        }
    }

    /// True when columns `from...to` of row `y`, with a cell of margin all round, are free.
    /// Cells outside the area count as free.
    func isFree(from: Int, to: Int, y: Int) -> Bool {
        let left = max(0, from - 1)
        let right = min(width - 1, to + 1)
        let top = max(0, y - 1)
        let bottom = min(height - 1, y + 1)
        guard left <= right, top <= bottom else { return true }
        let width = self.width
        // Every index is inside the area (clamped above): wrapping arithmetic skips the overflow checks.
        return taken.withUnsafeBufferPointer { taken in
            for row in top...bottom {
                let base = row &* width
                for column in left...right where taken[base &+ column] { return false }
            }
            return true
        }
    }
}
