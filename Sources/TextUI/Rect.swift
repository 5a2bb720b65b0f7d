/// A rectangle of terminal cells; `(x, y)` is its top-left corner, 0-based from the screen's top-left.
public struct Rect: Hashable, Sendable {
    /// Column of the left edge, 0-based.
    public var x: Int
    /// Row of the top edge, 0-based.
    public var y: Int
    /// Width in cells; the initialiser clamps it to zero or more.
    public var width: Int
    /// Height in cells; the initialiser clamps it to zero or more.
    public var height: Int

    /// Creates a rectangle; negative sizes are clamped to zero.
    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = max(0, width)
        self.height = max(0, height)
    }

    /// One past the rightmost column.
    public var maxX: Int { x + width }
    /// One past the bottom row.
    public var maxY: Int { y + height }
    /// True when the rectangle holds no cell.
    public var isEmpty: Bool { width == 0 || height == 0 }

    /// True when the cell at `(x, y)` lies inside the rectangle.
    public func contains(x: Int, y: Int) -> Bool {
        x >= self.x && y >= self.y && x < maxX && y < maxY
    }

    /// The cells both rectangles share; an empty rectangle at this one's origin when they do not overlap.
    public func intersection(_ other: Rect) -> Rect {
        let left = max(x, other.x)
        let top = max(y, other.y)
        let right = min(maxX, other.maxX)
        let bottom = min(maxY, other.maxY)
        guard left < right, top < bottom else { return Rect(x: x, y: y, width: 0, height: 0) }
        return Rect(x: left, y: top, width: right - left, height: bottom - top)
    }

    /// The rectangle shrunk by `amount` cells on every side (grown when negative); never below zero size.
    public func inset(by amount: Int) -> Rect {
        Rect(x: x + amount, y: y + amount, width: width - 2 * amount, height: height - 2 * amount)
    }
}
