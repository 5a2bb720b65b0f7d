import Foundation

/// linq-map's folders under the XDG base directories: `$XDG_CONFIG_HOME/linq-map` (else
/// `~/.config/linq-map`), and the same for cache (`~/.cache`), data (`~/.local/share`) and state
/// (`~/.local/state`). A relative or empty `XDG_*` value is ignored, as the specification says.
public struct XDGDirectories: Equatable, Sendable {
    /// Settings: `config.toml`, `contacts.vcf`.
    public var config: URL
    /// Results that can be fetched again (`--max-age`).
    public var cache: URL
    /// Data the user made and wants kept (street atlases).
    public var data: URL
    /// State that outlives a run (history).
    public var state: URL

    /// The folders for `environment` (`XDG_CONFIG_HOME`, `XDG_CACHE_HOME`, `XDG_DATA_HOME`, `XDG_STATE_HOME`,
    /// `HOME`); `home` is used when `HOME` is unset or empty.
    public init(environment: [String: String], home: String = NSHomeDirectory()) {
        let homeDirectory = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? home
        func folder(_ variable: String, fallback: String) -> URL {
            let base: String
            if let value = environment[variable], value.hasPrefix("/") {
                base = value
            } else {
                base = (homeDirectory as NSString).appendingPathComponent(fallback)
            }
            return URL(fileURLWithPath: base, isDirectory: true).appendingPathComponent("linq-map", isDirectory: true)
        }
        config = folder("XDG_CONFIG_HOME", fallback: ".config")
        cache = folder("XDG_CACHE_HOME", fallback: ".cache")
        data = folder("XDG_DATA_HOME", fallback: ".local/share")
        state = folder("XDG_STATE_HOME", fallback: ".local/state")
    }
}
