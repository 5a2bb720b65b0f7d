import Foundation
import LinqModel
import Testing

private func envelope(status: Int, code: Int, message: String = "m") -> Data {
    Data(
        #"{"success":false,"error":{"status":\#(status),"code":\#(code),"message":"\#(message)","doc_url":"https://d/\#(code)"}}"#
            .utf8)
}

@Test(arguments: [
    (401, 2004, Int32(77)), (403, 2005, 77), (404, 2001, 66), (400, 1002, 76), (422, 1003, 76), (409, 1, 76),
    (408, 1, 69), (429, 4001, 69), (500, 3006, 69), (503, 3000, 69),
])
func statusesMapToTypedErrors(status: Int, code: Int, exit: Int32) {
    let error = APIResponse.error(status: status, body: envelope(status: status, code: code), chatID: "chat")
    #expect(error.exitCode == exit)
    #expect(error.apiCode == code)
    #expect(error.message == "error \(code): m (HTTP \(status), https://d/\(code))")
}

@Test func notFoundWithoutAChatIsAClientError() {
    let error = APIResponse.error(status: 404, body: envelope(status: 404, code: 2001))
    #expect(error == .clientError(APIError(status: 404, code: 2001, message: "m", docURL: "https://d/2001")))
}

@Test func htmlErrorPageStillNamesTheStatus() {
    let error = APIResponse.error(status: 502, body: Data("<html><body>Bad Gateway</body></html>".utf8))
    #expect(
        error
            == .unavailable(
                reason: "HTTP 502", retryAfter: nil,
                api: APIError(status: 502, message: "the server sent a non-JSON error body")))
    #expect(error.message.contains("HTTP 502"))
}

@Test func redirectNamesItsLocation() {
    let error = APIResponse.error(status: 302, body: Data(), location: "http://127.0.0.2:9/v3")
    #expect(error == .redirect(status: 302, location: "http://127.0.0.2:9/v3"))
}

@Test func unavailableCarriesRetryAfter() {
    let error = APIResponse.error(status: 429, body: envelope(status: 429, code: 4001), retryAfter: .seconds(120))
    #expect(error.retryAfter == .seconds(120))
}

@Test func successFalseWithStatus200IsAnAPIError() {
    #expect(throws: FetchError.unauthorized(APIError(status: 401, code: 2004, message: "m", docURL: "https://d/2004")))
    {
        try APIResponse.successBody(status: 200, body: envelope(status: 401, code: 2004))
    }
}

@Test func successFalseWithoutDetailsIsAClientError() {
    #expect(
        throws: FetchError.clientError(
            APIError(status: 200, message: "the server sent an error body without Linq error details"))
    ) {
        try APIResponse.successBody(status: 200, body: Data(#"{"success":false}"#.utf8))
    }
}

@Test func successBodyRejectsNonJSON() {
    #expect(throws: FetchError.malformed(detail: "not valid JSON")) {
        try APIResponse.successBody(status: 200, body: Data("{\"success\": tru".utf8))
    }
}

@Test func anOddValueDoesNotHideTheErrorEnvelope() {
    let text =
        #"{"success":false,"trace":1e999,"error":{"status":404,"code":2001,"message":"Chat not found","x":"\ud800"}}"#
    let error = APIResponse.error(status: 404, body: Data(text.utf8), chatID: "c")
    #expect(error.api?.message == "Chat not found")
    #expect(error.api?.code == 2001)
}
