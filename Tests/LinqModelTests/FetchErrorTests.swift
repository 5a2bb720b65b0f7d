import LinqModel
import Testing

private let unauthorizedAPI = APIError(
    status: 401, code: 2004, message: "Invalid API key", docURL: "https://docs.linqapp.com/errors/2004")

@Test func apiErrorLineIsExactlyTheIssueFormat() {
    #expect(unauthorizedAPI.line == "error 2004: Invalid API key (HTTP 401, https://docs.linqapp.com/errors/2004)")
    #expect(
        APIError(status: 502, message: "the server sent a non-JSON error body").line
            == "error: the server sent a non-JSON error body (HTTP 502)")
}

@Test(arguments: [
    (FetchError.unauthorized(unauthorizedAPI), Int32(77)),
    (.chatNotFound(chatID: "c", APIError(status: 404, code: 2001, message: "m")), 66),
    (.unavailable(reason: "timeout", retryAfter: nil, api: nil), 69),
    (.malformed(detail: "x"), 65),
    (.tooLarge(limitBytes: 10), 65),
    (.redirect(status: 302, location: "https://elsewhere"), 76),
    (.clientError(APIError(status: 400, code: 1002, message: "bad")), 76),
    (.cancelled, 69),
])
func exitCodesAreSysexits(error: FetchError, code: Int32) {
    #expect(error.exitCode == code)
}

@Test func messagesAreOneLineAndNameTheCause() {
    #expect(FetchError.unauthorized(unauthorizedAPI).message == unauthorizedAPI.line)
    #expect(FetchError.redirect(status: 302, location: "http://127.0.0.2/x").message.contains("http://127.0.0.2/x"))
    #expect(FetchError.tooLarge(limitBytes: 10_485_760).message.contains("10485760"))
    #expect(
        FetchError.unavailable(reason: "HTTP 429", retryAfter: .seconds(120), api: nil).message
            == "HTTP 429; the server asks to retry after 120 s")
    let api = APIError(status: 500, code: 3006, message: "Internal", docURL: "https://d")
    #expect(FetchError.unavailable(reason: "HTTP 500", retryAfter: nil, api: api).message == api.line)
}

@Test func exposesRetryAfterAndAPICode() {
    let error = FetchError.unavailable(
        reason: "HTTP 429", retryAfter: .seconds(90), api: APIError(status: 429, code: 4001, message: "slow down"))
    #expect(error.retryAfter == .seconds(90))
    #expect(error.apiCode == 4001)
    #expect(FetchError.unauthorized(unauthorizedAPI).apiCode == 2004)
    #expect(FetchError.malformed(detail: "x").apiCode == nil)
    #expect(FetchError.malformed(detail: "x").retryAfter == nil)
}
