import FakeLinq
import Foundation
import Testing

struct JSONTextTests {
    @Test(arguments: [
        ("plain", #""plain""#), ("a\"b", #""a\"b""#), ("back\\slash", #""back\\slash""#),
        ("line\nfeed", #""line\nfeed""#), ("\u{1B}[31m", #""\u001b[31m""#), ("São 東京", #""São 東京""#),
    ])
    func stringsAreEscaped(text: String, expected: String) throws {
        #expect(JSONText.string(text) == expected)
        let parsed = try JSONSerialization.jsonObject(with: Data(("[" + expected + "]").utf8)) as? [String]
        #expect(parsed == [text])
    }

    @Test(arguments: [
        (1.0, "1"), (-122.4194, "-122.4194"), (0.5, "0.5"), (11_277.6, "11277.6"), (Double.nan, "NaN"),
        (Double.infinity, "Infinity"), (-Double.infinity, "-Infinity"),
    ])
    func numbers(value: Double, expected: String) {
        #expect(JSONText.number(value) == expected)
    }

    @Test func errorEnvelopeHasEveryField() throws {
        let text = JSONText.error(status: 404, code: 2001, message: "Chat not found")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(object["success"] as? Bool == false)
        let error = try #require(object["error"] as? [String: Any])
        #expect(error["status"] as? Int == 404)
        #expect(error["code"] as? Int == 2001)
        #expect(error["message"] as? String == "Chat not found")
        #expect(error["doc_url"] as? String == "https://docs.linqapp.com/errors/2001")
    }
}
