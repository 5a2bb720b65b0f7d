import Testing

@Test func linqHTTPBuilds() {
    #expect(Bool(true))
}
