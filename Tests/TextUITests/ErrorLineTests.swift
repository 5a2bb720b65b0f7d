import Testing
import TextUI

@Test func errorLineGetsTheProgramNameOnce() {
    #expect(ErrorLine.formatted("cannot connect", program: "linq-map") == "linq-map: cannot connect")
    #expect(ErrorLine.formatted("linq-map: cannot connect", program: "linq-map") == "linq-map: cannot connect")
}

@Test func errorLineIsCutAtAThousandCharactersSayingHowManyBytesWereLeft() {
    let line = ErrorLine.formatted(String(repeating: "é", count: 1_500), program: "linq-map")
    #expect(line.hasSuffix("… (1020 more bytes)"))
    #expect(line.count == 1_000 + "… (1020 more bytes)".count)
}

@Test func errorLineOfExactlyTheLimitIsKeptWhole() {
    let text = String(repeating: "a", count: 1_000 - "linq-map: ".count)
    #expect(ErrorLine.formatted(text, program: "linq-map") == "linq-map: " + text)
}

@Test func errorLineIsSanitised() {
    #expect(!ErrorLine.formatted("bad \u{1B}[2Jscreen", program: "p").contains("\u{1B}"))
}
