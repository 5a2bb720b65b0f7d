import LinqModel
import Testing

@Test(
    arguments: [
        (FetchError.unauthorized(APIError(status: 401, message: "m")), ProgramExit.noPermission, true),
        (.chatNotFound(chatID: "c", APIError(status: 404, message: "m")), .noInput, true),
        (.unavailable(reason: "HTTP 503", retryAfter: nil, api: nil), .unavailable, false),
        (.cancelled, .unavailable, false), (.malformed(detail: "x"), .dataError, false),
        (.tooLarge(limitBytes: 1), .dataError, false), (.redirect(status: 302, location: nil), .protocolError, false),
        (.clientError(APIError(status: 400, message: "m")), .protocolError, false),
    ])
func eachErrorNamesItsExitAndWhetherItEndsTheViewer(error: FetchError, exit: ProgramExit, ends: Bool) {
    #expect(error.programExit == exit)
    #expect(error.exitCode == exit.code)
    #expect(error.endsViewerOnFirstPoll == ends)
}
