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
struct CenterArgument: Sendable {
    var lat: Double
    var lon: Double

    /// Reads `LAT,LON`; throws a message saying which half is wrong and what range it must be in.
    static func parse(_ argument: String) throws -> CenterArgument {
        let parts = argument.split(separator: ",", omittingEmptySubsequences: false)
        guard parts.count == 2 else {
            throw ValidationError("expected LAT,LON in degrees, e.g. -33.9,151.2")
        }
        guard let lat = Double(parts[0].trimmingCharacters(in: .whitespaces)), lat.isFinite else {
            throw ValidationError("latitude is not a number")
        }
        guard let lon = Double(parts[1].trimmingCharacters(in: .whitespaces)), lon.isFinite else {
            throw ValidationError("longitude is not a number")
        }
        guard (-90...90).contains(lat) else {
            throw ValidationError("latitude must be between -90 and 90")
        }
        guard (-180...180).contains(lon) else {
            throw ValidationError("longitude must be between -180 and 180")
        }
        return CenterArgument(lat: lat, lon: lon)
    }
}

/// Canonical UUID check: 8-4-4-4-12 hexadecimal digits, any case.
func isCanonicalUUID(_ text: String) -> Bool {
    let groups = text.split(separator: "-", omittingEmptySubsequences: false)
    guard groups.map(\.count) == [8, 4, 4, 4, 12] else { return false }
    return groups.allSatisfy { group in group.allSatisfy { $0.isASCII && $0.isHexDigit } }
}
