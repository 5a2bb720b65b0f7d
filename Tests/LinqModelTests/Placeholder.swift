import Testing

@Test func linqModelBuilds() {
    #expect(Bool(true))
}
