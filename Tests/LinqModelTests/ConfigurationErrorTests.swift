import Foundation
import LinqModel
import Testing

@Test(arguments: [
    ("https://api.linqapp.com/api/partner", "https://api.linqapp.com/api/partner"),
    ("https://api.linqapp.com/api/partner/", "https://api.linqapp.com/api/partner"),
    ("https://api.linqapp.com/api/partner//", "https://api.linqapp.com/api/partner"),
    ("HTTPS://example.com", "HTTPS://example.com"),
    ("http://127.0.0.1:8080", "http://127.0.0.1:8080"),
    ("http://127.1.2.3:8080/", "http://127.1.2.3:8080"),
    ("http://localhost:9/base/", "http://localhost:9/base"),
    ("http://[::1]:8080", "http://[::1]:8080"),
])
func acceptedBaseURLs(text: String, expected: String) throws {
    #expect(try BaseURL.validated(text).absoluteString == expected)
}

@Test(arguments: [
    "http://api.linqapp.com/api/partner", "http://10.0.0.1", "http://127.0.0.1.evil.com", "http://128.0.0.1",
    "http://localhost.example.com", "ftp://127.0.0.1", "api.linqapp.com", "", "https://", "https://u:p@host",
    "https://host/?q=1", "http://[::2]:80",
])
func refusedBaseURLs(text: String) {
    #expect(throws: ConfigurationError.self) { try BaseURL.validated(text) }
}

@Test func refusalExplainsHTTPSRule() {
    #expect {
        try BaseURL.validated("http://example.com")
    } throws: { error in
        guard let error = error as? ConfigurationError else { return false }
        return error.exitCode == 78 && error.message.contains("https")
    }
}

@Test func resolutionOrderIsOptionThenEnvironmentThenDefault() throws {
    let environment = ["LINQ_API_V3_BASE_URL": "http://127.0.0.1:1"]
    #expect(
        try BaseURL.resolve(option: "http://localhost:2", environment: environment).absoluteString
            == "http://localhost:2")
    #expect(try BaseURL.resolve(option: nil, environment: environment).absoluteString == "http://127.0.0.1:1")
    #expect(try BaseURL.resolve(option: "", environment: [:]).absoluteString == BaseURL.defaultText)
    #expect(
        try BaseURL.resolve(option: nil, environment: ["LINQ_API_V3_BASE_URL": ""]).absoluteString
            == BaseURL.defaultText)
}

@Test(arguments: ["127.0.0.1", "127.255.255.255", "LOCALHOST", "::1", "[::1]"])
func loopbackHosts(host: String) {
    #expect(BaseURL.isLoopback(host))
}
