import ArgumentParser
import Foundation

/// What `--format` prints with `--once` or `--list-chats`.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable, Sendable {
    case text, geojson, json, status, tmux, tsv

    /// Whether the format is one status line (`--width` then cuts it, with no minimum of 20).
    var isOneLine: Bool { self == .status || self == .tmux }
}

/// When to draw in colour.
enum ColorChoice: String, ExpressibleByArgument, CaseIterable, Sendable {
    case auto, always, never
}

/// A `LAT,LON` pair given on the command line, in degrees.
struct CenterArgument: ExpressibleByArgument, Sendable {
    var lat: Double
    var lon: Double

    init?(argument: String) {
        let parts = argument.split(separator: ",", omittingEmptySubsequences: false)
        guard parts.count == 2,
            let lat = Double(parts[0].trimmingCharacters(in: .whitespaces)),
            let lon = Double(parts[1].trimmingCharacters(in: .whitespaces)),
            lat.isFinite, lon.isFinite, (-90...90).contains(lat), (-180...180).contains(lon)
        else { return nil }
        self.lat = lat
        self.lon = lon
    }

    static var defaultCompletionKind: CompletionKind { .default }
}

/// Canonical UUID check: 8-4-4-4-12 hexadecimal digits, any case.
func isCanonicalUUID(_ text: String) -> Bool {
    let groups = text.split(separator: "-", omittingEmptySubsequences: false)
    guard groups.map(\.count) == [8, 4, 4, 4, 12] else { return false }
    return groups.allSatisfy { group in group.allSatisfy { $0.isASCII && $0.isHexDigit } }
}
