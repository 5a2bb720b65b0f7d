import Testing

@Test func mapAppBuilds() {
    #expect(Bool(true))
}
