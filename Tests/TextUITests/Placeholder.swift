import Testing

@Test func textUIBuilds() {
    #expect(Bool(true))
}
