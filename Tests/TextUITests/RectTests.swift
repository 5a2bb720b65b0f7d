import Testing
import TextUI

@Suite struct RectTests {
    @Test func negativeSizesClampToZero() {
        let rect = Rect(x: 2, y: 3, width: -4, height: -1)
        #expect(rect.width == 0 && rect.height == 0 && rect.isEmpty)
    }

    @Test func containsIsHalfOpen() {
        let rect = Rect(x: 1, y: 1, width: 2, height: 2)
        #expect(rect.contains(x: 1, y: 1))
        #expect(rect.contains(x: 2, y: 2))
        #expect(!rect.contains(x: 3, y: 2))
        #expect(!rect.contains(x: 0, y: 1))
    }

    @Test func intersection() {
        let rect = Rect(x: 0, y: 0, width: 10, height: 5)
        #expect(rect.intersection(Rect(x: 8, y: -2, width: 5, height: 4)) == Rect(x: 8, y: 0, width: 2, height: 2))
        #expect(rect.intersection(Rect(x: 20, y: 0, width: 5, height: 5)).isEmpty)
    }

    @Test func inset() {
        #expect(Rect(x: 0, y: 0, width: 10, height: 5).inset(by: 1) == Rect(x: 1, y: 1, width: 8, height: 3))
        #expect(Rect(x: 0, y: 0, width: 2, height: 2).inset(by: 2).isEmpty)
    }
}
