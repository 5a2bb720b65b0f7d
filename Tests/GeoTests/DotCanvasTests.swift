import Testing

@testable import Geo

private func render(_ canvas: DotCanvas) -> String {
    var lines: [String] = []
    for y in 0..<canvas.dotHeight {
        var line = ""
        for x in 0..<canvas.dotWidth { line.append(canvas.isSet(DotPoint(x: x, y: y)) ? "#" : ".") }
        lines.append(line)
    }
    return lines.joined(separator: "\n")
}

@Test func dotsUseBrailleBits() {
    var canvas = DotCanvas(columns: 1, rows: 1)
    canvas.set(DotPoint(x: 0, y: 3))
    canvas.set(DotPoint(x: 1, y: 0))
    #expect(canvas.patterns == [0x40 | 0x08])
    canvas.clear()
    #expect(canvas.isEmpty)
}

@Test func horizontalDiagonalAndVerticalLines() {
    var canvas = DotCanvas(columns: 3, rows: 2)
    canvas.drawLine(from: DotPoint(x: 0, y: 0), to: DotPoint(x: 5, y: 0))
    canvas.drawLine(from: DotPoint(x: 0, y: 2), to: DotPoint(x: 5, y: 7))
    canvas.drawLine(from: DotPoint(x: 1, y: 7), to: DotPoint(x: 1, y: 4))
    #expect(
        render(canvas) == """
            ######
            ......
            #.....
            .#....
            .##...
            .#.#..
            .#..#.
            .#...#
            """)
}

@Test func linesAreClippedAtEveryEdge() {
    var canvas = DotCanvas(columns: 2, rows: 1)
    canvas.drawLine(from: DotPoint(x: -10, y: 1), to: DotPoint(x: 10, y: 1))
    canvas.drawLine(from: DotPoint(x: 2, y: -50), to: DotPoint(x: 2, y: 50))
    canvas.drawLine(from: DotPoint(x: -100, y: -100), to: DotPoint(x: -1, y: 5))
    canvas.drawLine(from: DotPoint(x: 1 << 30, y: 3), to: DotPoint(x: -(1 << 30), y: 3))
    #expect(
        render(canvas) == """
            ..#.
            ####
            ..#.
            ####
            """)
}

@Test func segmentsOutsideTouchNothing() {
    var canvas = DotCanvas(columns: 4, rows: 2)
    canvas.drawLine(from: DotPoint(x: -5, y: -5), to: DotPoint(x: 100, y: -1))
    canvas.drawLine(from: DotPoint(x: 8, y: 0), to: DotPoint(x: 9, y: 100))
    canvas.drawLine(from: DotPoint(x: 0, y: 8), to: DotPoint(x: 7, y: 8))
    #expect(canvas.isEmpty)
}

@Test func quantizedPolylineProjectsWithTheTransform() {
    var canvas = DotCanvas(columns: 4, rows: 1)
    // One unit per dot, y down from 0.
    let transform = DotTransform(scaleX: 1, offsetX: 0, scaleY: -1, offsetY: 0)
    let points: [Int32] = [0, 0, 7, 0, 7, -3, 7, -3, 0, -3]
    points.withUnsafeBufferPointer { canvas.drawPolyline($0, transform: transform) }
    #expect(
        render(canvas) == """
            ########
            .......#
            .......#
            ########
            """)
}

@Test func pointsWithinOneDotAreSkipped() {
    var canvas = DotCanvas(columns: 2, rows: 1)
    let transform = DotTransform(scaleX: 0.001, offsetX: 0.5, scaleY: 0.001, offsetY: 0.5)
    let points: [Int32] = [0, 0, 100, 100, 200, -200, 300, 300]
    points.withUnsafeBufferPointer { canvas.drawPolyline($0, transform: transform) }
    #expect(canvas.patterns == [0x01, 0])
}

@Test func singlePointPolylineDrawsOneDot() {
    var canvas = DotCanvas(columns: 1, rows: 1)
    let points: [Int32] = [1, 2]
    points.withUnsafeBufferPointer {
        canvas.drawPolyline($0, transform: DotTransform(scaleX: 1, offsetX: 0, scaleY: 1, offsetY: 0))
    }
    #expect(canvas.patterns == [0x20])
}

@Test func positionPolylineCrossesTheAntimeridianWithoutWrapping() {
    let view = Viewport(center: LatLon(lat: 0, lon: 179), zoom: 3)
    let projection = Projection(viewport: view, size: CellSize(width: 10, height: 2))
    var canvas = DotCanvas(columns: 10, rows: 2)
    canvas.drawPolyline([LatLon(lat: 0, lon: 100), LatLon(lat: 0, lon: 260)], projection: projection)
    let row = (0..<20).filter { canvas.isSet(DotPoint(x: $0, y: 4)) }
    #expect(row.count == 20)
}

@Test func hugeTransformsFallBackToDoublesAndStillClip() {
    var canvas = DotCanvas(columns: 2, rows: 1)
    // 1e9 dots per unit cannot be held in 32.32 fixed point for every Int32.
    let transform = DotTransform(scaleX: 1e9, offsetX: 0.5, scaleY: 0, offsetY: 1.5)
    let points: [Int32] = [0, 0, 1, 0, Int32.max, 0]
    points.withUnsafeBufferPointer { canvas.drawPolyline($0, transform: transform) }
    #expect(
        render(canvas) == """
            ....
            ####
            ....
            ....
            """)
}

@Test func fixedAndDoubleProjectionAgreeAwayFromDotEdges() {
    // The same mid-dot polyline through a small transform (fixed point) and a unit one (doubles: a scale
    // of 1 per unit does not fit 32.32 for every Int32).
    let small: [Int32] = [5, 5, 45, 15, 75, 65, 25, 75, 15, 35]
    var fixed = DotCanvas(columns: 5, rows: 3)
    small.withUnsafeBufferPointer {
        fixed.drawPolyline($0, transform: DotTransform(scaleX: 0.1, offsetX: 0, scaleY: 0.1, offsetY: 0))
    }
    let unit: [Int32] = [0, 0, 4, 1, 7, 6, 2, 7, 1, 3]
    var double = DotCanvas(columns: 5, rows: 3)
    unit.withUnsafeBufferPointer {
        double.drawPolyline($0, transform: DotTransform(scaleX: 1, offsetX: 0.5, scaleY: 1, offsetY: 0.5))
    }
    #expect(fixed == double)
    #expect(!fixed.isEmpty)
}
