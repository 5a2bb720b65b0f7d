import CNcurses
import Testing
import TextUI

@testable import CursesScreen

private func characters(_ text: String) -> [(status: Int32, value: UInt32)] {
    text.unicodeScalars.map { (OK, $0.value) }
}

@Test func anSGRReportAmongKeysBecomesAMouseEvent() {
    let raw = characters("a\u{1B}[<64;10;5Mb\u{1B}[<0;3;4m")
    #expect(
        assembleInputs(raw, size: (80, 24)) == [
            .key(.character("a")), .mouse(MouseEvent(.wheelUp, x: 9, y: 4)), .key(.character("b")),
            .mouse(MouseEvent(.release, x: 2, y: 3)),
        ])
}

@Test func keyMouseFollowedByTheReportIsReadToo() {
    let raw = [(KEY_CODE_YES, UInt32(KEY_MOUSE))] + characters("0;7;2M")
    #expect(assembleInputs(raw, size: (80, 24)) == [.mouse(MouseEvent(.press, x: 6, y: 1))])
}

@Test func anEscapeThatIsNotAReportStaysKeys() {
    #expect(
        assembleInputs(characters("\u{1B}[<x"), size: (80, 24)) == [
            .key(.escape), .key(.character("[")), .key(.character("<")), .key(.character("x")),
        ])
}
