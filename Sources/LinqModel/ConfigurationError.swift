import Foundation

/// A setting that stops linq-map before any request: a bad base URL, a missing or exposed API key.
/// The CLI exits 78 (EX_CONFIG) with `message` on stderr.
public struct ConfigurationError: Error, Hashable, Sendable {
    /// One line saying what is wrong and what to do; never contains the API key.
    public var message: String

    /// Creates a configuration error.
    public init(message: String) {
        self.message = message
    }

    /// The sysexits(3) status: 78, EX_CONFIG.
    public var exitCode: Int32 { programExit.code }

    /// How the CLI exits on this error: `.configuration`.
    public var programExit: ProgramExit { .configuration }
}

/// Where the Linq API lives, validated so that the key only ever travels over https or to loopback.
public enum BaseURL {
    /// `https://api.linqapp.com/api/partner`, the official SDKs' default.
    public static let defaultText = "https://api.linqapp.com/api/partner"
    /// The environment variable the SDKs read the base URL from.
    public static let environmentVariable = "LINQ_API_V3_BASE_URL"

    /// The base URL from `option` (`--base-url`), else `environment[LINQ_API_V3_BASE_URL]`, else the default;
    /// empty values count as unset. Throws when the chosen one is invalid (see `validated(_:)`).
    public static func resolve(option: String?, environment: [String: String]) throws(ConfigurationError) -> URL {
        if let option, !option.isEmpty { return try validated(option) }
        if let fromEnvironment = environment[environmentVariable], !fromEnvironment.isEmpty {
            return try validated(fromEnvironment)
        }
        return try validated(defaultText)
    }

    /// `text` as a base URL: absolute `https` with a host, or `http` only to a loopback host (127.0.0.0/8,
    /// ::1, localhost); no query, fragment or credentials. A trailing slash is fine (it is removed).
    public static func validated(_ text: String) throws(ConfigurationError) -> URL {
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
            let host = components.host, !host.isEmpty
        else {
            throw ConfigurationError(message: "base URL \(quoted(text)) is not an absolute http(s) URL")
        }
        guard components.user == nil, components.password == nil, components.query == nil,
            components.fragment == nil
        else {
            throw ConfigurationError(
                message: "base URL \(quoted(text)) must not contain credentials, a query or a fragment")
        }
        switch scheme {
        case "https":
            break
        case "http" where isLoopback(host):
            break
        case "http":
            throw ConfigurationError(
                message: "base URL \(quoted(text)) uses http to a non-loopback host; the API key is sent only "
                    + "over https (or http to 127.0.0.1, ::1, localhost)")
        default:
            throw ConfigurationError(message: "base URL \(quoted(text)) is not an http(s) URL")
        }
        var trimmed = components
        while trimmed.path.hasSuffix("/") { trimmed.path.removeLast() }
        guard let url = trimmed.url else {
            throw ConfigurationError(message: "base URL \(quoted(text)) is not a valid URL")
        }
        return url
    }

    /// Whether `host` is loopback: 127.0.0.0/8, ::1 (bracketed or not) or `localhost`.
    public static func isLoopback(_ host: String) -> Bool {
        let bare = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        let lowered = bare.lowercased()
        if lowered == "localhost" || lowered == "::1" || lowered == "0:0:0:0:0:0:0:1" { return true }
        let octets = lowered.split(separator: ".", omittingEmptySubsequences: false)
        guard octets.count == 4, octets[0] == "127" else { return false }
        return octets.allSatisfy { octet in
            guard !octet.isEmpty, octet.count <= 3, octet.allSatisfy(\.isASCII), let value = Int(octet) else {
                return false
            }
            return (0...255).contains(value)
        }
    }

    private static func quoted(_ text: String) -> String {
        JSONWriter.string(text)
    }
}
