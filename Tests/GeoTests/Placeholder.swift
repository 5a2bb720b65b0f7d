import Testing

@Test func geoBuilds() {
    #expect(Bool(true))
}
