import Testing

@testable import MapApp

@Test func takenCellsAreTakenAndOutsideCellsNever() {
    var occupancy = CellOccupancy(width: 4, height: 3)
    #expect(!occupancy.isTaken(1, 1))
    occupancy.take(1, 1)
    occupancy.take(-1, 0)
    occupancy.take(4, 0)
    #expect(occupancy.isTaken(1, 1))
    #expect(!occupancy.isTaken(-1, 0))
    #expect(!occupancy.isTaken(4, 0))
}

@Test func isFreeKeepsAOneCellMargin() {
    var occupancy = CellOccupancy(width: 10, height: 5)
    occupancy.take(5, 2)
    #expect(!occupancy.isFree(from: 6, to: 8, y: 2), "next to a taken cell")
    #expect(!occupancy.isFree(from: 2, to: 4, y: 3), "diagonal to a taken cell")
    #expect(occupancy.isFree(from: 7, to: 9, y: 2))
    #expect(occupancy.isFree(from: 0, to: 3, y: 0))
    #expect(CellOccupancy(width: -3, height: 2).isFree(from: 0, to: 0, y: 0), "a negative size is empty")
}

@Test func takingARunClipsItToTheArea() {
    var occupancy = CellOccupancy(width: 6, height: 2)
    occupancy.take(from: -2, to: 2, y: 1)
    occupancy.take(from: 5, to: 9, y: 0)
    occupancy.take(from: 0, to: 3, y: 2)
    occupancy.take(from: 3, to: 2, y: 0)
    #expect((0...2).allSatisfy { occupancy.isTaken($0, 1) } && !occupancy.isTaken(3, 1))
    #expect(occupancy.isTaken(5, 0) && (0...4).allSatisfy { !occupancy.isTaken($0, 0) })
}
