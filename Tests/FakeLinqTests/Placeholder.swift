import Testing

@Test func fakeLinqBuilds() {
    #expect(Bool(true))
}
