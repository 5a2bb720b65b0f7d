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
