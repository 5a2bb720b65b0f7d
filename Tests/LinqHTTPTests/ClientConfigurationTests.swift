import Foundation
import LinqHTTP
import LinqModel
import Testing

/// Writes `contents` to a fresh file with `permissions`; returns its path.
private func keyFile(_ contents: String, permissions: Int = 0o600) throws -> String {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("linq-map-key-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let path = directory.appendingPathComponent("key").path
    #expect(FileManager.default.createFile(atPath: path, contents: Data(contents.utf8)))
    try FileManager.default.setAttributes([.posixPermissions: permissions], ofItemAtPath: path)
    return path
}

private let secret = "sk-live-abc123"

@Test func keyComesFromTheEnvironment() throws {
    #expect(try APIKey.load(file: nil, environment: ["LINQ_API_V3_API_KEY": secret]) == secret)
}

@Test func keyFileWinsAndLosesOneTrailingNewline() throws {
    let path = try keyFile(secret + "\n")
    #expect(try APIKey.load(file: path, environment: ["LINQ_API_V3_API_KEY": "other"]) == secret)
    #expect(try APIKey.load(file: try keyFile(secret + "\r\n"), environment: [:]) == secret)
    #expect(try APIKey.load(file: try keyFile(secret), environment: [:]) == secret)
}

@Test func onlyOneTrailingNewlineIsTrimmed() {
    #expect {
        try APIKey.load(file: try keyFile(secret + "\n\n"), environment: [:])
    } throws: { error in
        (error as? ConfigurationError)?.message.contains("line break") == true
    }
}

@Test(arguments: [0o644, 0o640, 0o604, 0o666])
func keyFileReadableByOthersIsRefused(permissions: Int) throws {
    let path = try keyFile(secret, permissions: permissions)
    #expect {
        try APIKey.load(file: path, environment: [:])
    } throws: { error in
        guard let error = error as? ConfigurationError else { return false }
        return error.exitCode == 78 && error.message.contains("chmod 600") && !error.message.contains(secret)
    }
}

@Test(arguments: [0o600, 0o400, 0o700])
func privateKeyFileIsAccepted(permissions: Int) throws {
    #expect(try APIKey.load(file: try keyFile(secret, permissions: permissions), environment: [:]) == secret)
}

@Test(arguments: [[:], ["LINQ_API_V3_API_KEY": ""]])
func missingKeyNamesBothSources(environment: [String: String]) {
    #expect {
        try APIKey.load(file: nil, environment: environment)
    } throws: { error in
        guard let error = error as? ConfigurationError else { return false }
        return error.exitCode == 78 && error.message.contains("LINQ_API_V3_API_KEY")
            && error.message.contains("--api-key-file")
    }
}

@Test func emptyKeyFileNamesBothSources() throws {
    let path = try keyFile("\n")
    #expect {
        try APIKey.load(file: path, environment: ["LINQ_API_V3_API_KEY": secret])
    } throws: { error in
        guard let error = error as? ConfigurationError else { return false }
        return error.message.contains("LINQ_API_V3_API_KEY") && error.message.contains("--api-key-file")
    }
}

@Test func missingKeyFileIsAConfigurationError() {
    #expect(throws: ConfigurationError.self) {
        try APIKey.load(file: "/nonexistent/linq-map/key", environment: [:])
    }
}

@Test func descriptionNeverShowsTheKey() throws {
    let configuration = ClientConfiguration(
        baseURL: try #require(URL(string: "https://api.linqapp.com/api/partner")), apiKey: secret,
        userAgent: "linq-map/1.0")
    #expect(!"\(configuration)".contains(secret))
    #expect(!String(reflecting: configuration).contains(secret))
    var dumped = ""
    dump(configuration, to: &dumped)
    #expect(!dumped.contains(secret))
    #expect(configuration.timeout == .seconds(20))
    #expect(configuration.maxBodyBytes == 10 << 20)
    #expect(configuration.retry == .standard)
}
