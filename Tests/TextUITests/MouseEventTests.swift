import Testing
import TextUI

@Test(
    arguments: [
        ("0;10;5", Character("M"), MouseEvent(.press, x: 9, y: 4)),
        ("0;10;5", "m", MouseEvent(.release, x: 9, y: 4)),
        ("32;11;5", "M", MouseEvent(.drag, x: 10, y: 4)),
        ("64;1;1", "M", MouseEvent(.wheelUp, x: 0, y: 0)),
        ("65;300;80", "M", MouseEvent(.wheelDown, x: 299, y: 79)),
        ("80;3;3", "M", MouseEvent(.wheelUp, x: 2, y: 2)),  // Control held
    ] as [(String, Character, MouseEvent)])
func sgrReportsBecomeEvents(parameters: String, final: Character, event: MouseEvent) {
    #expect(MouseEvent.sgr(parameters: parameters, final: final) == event)
}

@Test(arguments: ["2;4;4", "1;4;4", "0;0;4", "0;4", "x;1;1", "0;1;1;1", ""])
func otherButtonsAndMalformedReportsAreIgnored(parameters: String) {
    #expect(MouseEvent.sgr(parameters: parameters, final: "M") == nil)
}
