import LinqModel
import Testing

@Test(arguments: [
    (ProgramExit.success, Int32(0)), (.usage, 64), (.dataError, 65), (.noInput, 66), (.unavailable, 69),
    (.software, 70), (.osError, 71), (.ioError, 74), (.protocolError, 76), (.noPermission, 77),
    (.configuration, 78), (.signal(1), 129), (.signal(2), 130), (.signal(15), 143),
])
func programExitCodesAreTheSysexitsValues(status: ProgramExit, code: Int32) {
    #expect(status.code == code)
}
