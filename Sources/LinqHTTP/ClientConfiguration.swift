import Foundation
import LinqModel

/// Everything `LinqHTTPClient` needs to talk to one Linq API.
///
/// `description` and reflection never show the API key.
public struct ClientConfiguration: Sendable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    /// The API base, for example `https://api.linqapp.com/api/partner` (validate it with `BaseURL.validated`).
    public var baseURL: URL
    /// The bearer token; sent only in the `Authorization` header.
    public var apiKey: String
    /// The `User-Agent` header, `linq-map/<version>`.
    public var userAgent: String
    /// The hard deadline of one attempt, connection and whole body included (cut to what is left of the
    /// retry policy's fetch budget).
    public var timeout: Duration
    /// When and how failed attempts are retried.
    public var retry: RetryPolicy
    /// The largest body accepted, in bytes; larger ones are refused without reading the rest.
    public var maxBodyBytes: Int

    /// Creates a configuration; defaults are a 20 s attempt deadline, the SDKs' retries and a 10 MiB body cap.
    public init(
        baseURL: URL, apiKey: String, userAgent: String, timeout: Duration = .seconds(20),
        retry: RetryPolicy = .standard, maxBodyBytes: Int = 10 << 20
    ) {
        self.baseURL = baseURL
        self.apiKey = apiKey
        self.userAgent = userAgent
        self.timeout = timeout
        self.retry = retry
        self.maxBodyBytes = maxBodyBytes
    }

    /// The configuration with the key redacted.
    public var description: String {
        "ClientConfiguration(baseURL: \(baseURL.absoluteString), apiKey: <redacted>, userAgent: \(userAgent), "
            + "timeout: \(timeout), retries: \(retry.maxRetries), maxBodyBytes: \(maxBodyBytes))"
    }

    /// Same as `description`: the key is redacted.
    public var debugDescription: String { description }

    /// Mirrors the configuration without the key, so `dump` cannot leak it.
    public var customMirror: Mirror {
        Mirror(
            self,
            children: [
                "baseURL": baseURL, "userAgent": userAgent, "timeout": timeout, "retry": retry,
                "maxBodyBytes": maxBodyBytes,
            ])
    }
}

/// Finds the API key: `--api-key-file PATH` wins over `LINQ_API_V3_API_KEY`.
public enum APIKey {
    /// The environment variable the official SDKs read the key from.
    public static let environmentVariable = "LINQ_API_V3_API_KEY"

    /// The key from the file at `file` if given (one trailing newline trimmed; the file must not be readable
    /// by group or others), else from `environment[LINQ_API_V3_API_KEY]`.
    ///
    /// Throws a `ConfigurationError` (exit 78) when the key is missing or empty (naming both sources), when the
    /// file cannot be read or is exposed (saying `chmod 600`), or when the key contains a line break or other
    /// control character (it could not be sent in a header). Messages never include the key.
    public static func load(file: String?, environment: [String: String]) throws(ConfigurationError) -> String {
        let key: String
        if let file {
            key = try read(file)
        } else {
            key = environment[environmentVariable] ?? ""
        }
        guard !key.isEmpty else {
            let source = file.map { "the API key file \($0) is empty" } ?? "no API key"
            throw ConfigurationError(
                message: "\(source): set \(environmentVariable) or pass --api-key-file PATH")
        }
        guard !key.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            let source = file.map { "the API key in \($0)" } ?? "\(environmentVariable)"
            throw ConfigurationError(message: "\(source) contains a line break or control character")
        }
        return key
    }

    private static func read(_ path: String) throws(ConfigurationError) -> String {
        let attributes: [FileAttributeKey: Any]
        do {
            attributes = try FileManager.default.attributesOfItem(atPath: path)
        } catch {
            throw ConfigurationError(message: "cannot read the API key file \(path): no such file or no access")
        }
        if let permissions = attributes[.posixPermissions] as? NSNumber, permissions.intValue & 0o044 != 0 {
            throw ConfigurationError(
                message: "the API key file \(path) is readable by group or others; run: chmod 600 \(path)")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigurationError(message: "cannot read the API key file \(path)")
        }
        guard var text = String(data: data, encoding: .utf8) else {
            throw ConfigurationError(message: "the API key file \(path) is not UTF-8 text")
        }
        if text.hasSuffix("\r\n") {
            text.removeLast(1)  // "\r\n" is one Character
        } else if text.hasSuffix("\n") {
            text.removeLast()
        }
        return text
    }
}
