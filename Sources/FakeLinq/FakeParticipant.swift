import Foundation
import LinqModel

/// One participant the fake server reports as a GeoJSON Point feature, possibly moving between polls.
///
/// The position, the presence and the `updated_at` text are pure functions of the chat's poll number
/// (0 for the first location request the chat answers) and of the server's `now`, so a test that knows
/// how many requests it made, and what time it told the server, knows exactly what it got. Poll-driven paths
/// (`route`, `orbit`) move one step per request; `travel` moves in real time at a human speed, and a `cadence`
/// makes the reported position and `updated_at` those of the phone's last fix, as Find My reports them.
public struct FakeParticipant: Hashable, Sendable {
    /// E.164 phone number or email, sent as `properties.handle`.
    public var handle: String
    /// Where the participant is at poll 0 when `path` is `.fixed`; ignored by other paths.
    public var coordinate: Coordinate
    /// How the participant moves from poll to poll.
    public var path: Path
    /// `properties.address`; nil is sent as `missingFields` says.
    public var address: String?
    /// `properties.locality`; nil is sent as `missingFields` says.
    public var locality: String?
    /// `properties.updated_at`.
    public var updatedAt: Timestamp
    /// How nil `address` and `locality` appear in the JSON: omitted or as `null`.
    public var missingFields: MissingField
    /// Polls in which the participant is absent from the response (stopped sharing for a while).
    public var pause: Pause?
    /// How often the phone takes a fix; nil: the position is the one at the request (or poll).
    public var cadence: Cadence?
    /// Stretches of time in which the participant is absent (stopped sharing for minutes).
    public var breaks: Breaks?

    /// The instant the real-time patterns (`travel`, `cadence`, `breaks`) count from: 2026-01-01T00:00:00Z.
    public static let epoch = Date(timeIntervalSince1970: 1_767_225_600)

    /// How a nil optional field is written.
    public enum MissingField: Hashable, Sendable {
        /// The key is left out of `properties`.
        case omitted
        /// The key is present with the value `null`.
        case null
    }

    /// The `updated_at` value sent for a participant.
    public enum Timestamp: Hashable, Sendable {
        /// ISO 8601 (UTC, `Z`, whole seconds) of the server's `now` (with a `cadence`, of the last fix) minus this
        /// age; a negative age is in the future.
        case ago(Duration)
        /// This exact text, sent as a JSON string (odd formats, garbage).
        case text(String)
        /// `"updated_at": null`.
        case null
        /// No `updated_at` key.
        case omitted
        /// The instant of the phone's last fix (see `cadence`; without one, `now`): ages grow between fixes and
        /// drop back at each new one.
        case lastFix
    }

    /// Deterministic movement as a function of the poll number.
    public enum Path: Hashable, Sendable {
        /// Stays at `coordinate`.
        case fixed
        /// Walks the waypoints in order, `pollsPerLeg` polls per leg (at least 1), then starts over from the
        /// first one (the last leg returns to it). Altitude is interpolated when both ends of a leg have one.
        case route([Coordinate], pollsPerLeg: Int)
        /// Goes round a circle of `radiusMeters` about `center`, clockwise from north, one lap per
        /// `pollsPerLap` polls (at least 1).
        case orbit(center: Coordinate, radiusMeters: Double, pollsPerLap: Int)
        /// Walks the waypoints in order at `metersPerSecond` of real time since `FakeParticipant.epoch`, then
        /// from the last back to the first and round again; the poll number plays no part. Distances are
        /// measured on a local flat-earth approximation, good to a fraction of a percent at city scale.
        case travel([Coordinate], metersPerSecond: Double)
    }

    /// When the phone takes fixes: about every `every`, each fix a deterministic 0 to 50 % of `every` late
    /// (seeded by the handle), so fixes neither march in step nor come at the same time for everyone.
    public struct Cadence: Hashable, Sendable {
        /// The nominal time between fixes (at least a second).
        public var every: Duration

        /// Creates a cadence.
        public init(every: Duration) {
            self.every = every
        }
    }

    /// Absence in real time: in every `every` since `FakeParticipant.epoch`, the last `lasting` is a break.
    public struct Breaks: Hashable, Sendable {
        /// Length of the repeating pattern.
        public var every: Duration
        /// How long each break lasts, at the end of each `every`.
        public var lasting: Duration

        /// Creates a break pattern.
        public init(every: Duration, lasting: Duration) {
            self.every = every
            self.lasting = lasting
        }

        /// Whether `now` falls in a break.
        public func isOnBreak(at now: Date) -> Bool {
            let period = FakeParticipant.seconds(every)
            guard period > 0 else { return false }
            let into = now.timeIntervalSince(FakeParticipant.epoch).truncatingRemainder(dividingBy: period)
            let phase = into < 0 ? into + period : into
            return phase >= period - FakeParticipant.seconds(lasting)
        }
    }

    /// Absence pattern: in every run of `period` polls (at least 1), the last `pausedPolls` are absent.
    public struct Pause: Hashable, Sendable {
        /// Length of the repeating pattern in polls.
        public var period: Int
        /// How many polls at the end of each period the participant is missing.
        public var pausedPolls: Int

        /// Creates a pause pattern.
        public init(period: Int, pausedPolls: Int) {
            self.period = period
            self.pausedPolls = pausedPolls
        }

        /// Whether the participant is missing from poll `poll` (0-based); never for a negative poll.
        public func isPaused(atPoll poll: Int) -> Bool {
            guard period > 0, poll >= 0 else { return false }
            return poll % period >= period - pausedPolls
        }
    }

    /// Creates a participant.
    public init(
        handle: String, coordinate: Coordinate, path: Path = .fixed, address: String? = nil,
        locality: String? = nil, updatedAt: Timestamp = .ago(.seconds(30)), missingFields: MissingField = .null,
        pause: Pause? = nil, cadence: Cadence? = nil, breaks: Breaks? = nil
    ) {
        self.handle = handle
        self.coordinate = coordinate
        self.path = path
        self.address = address
        self.locality = locality
        self.updatedAt = updatedAt
        self.missingFields = missingFields
        self.pause = pause
        self.cadence = cadence
        self.breaks = breaks
    }

    /// True when the participant's feature is the same at every poll and changes only with the clock's whole
    /// seconds: a fixed position, no pause, no breaks, no cadence, and a time (if any) a whole number of seconds
    /// before now.
    public var isStill: Bool {
        guard path == .fixed, pause == nil, breaks == nil, cadence == nil else { return false }
        if case .ago(let age) = updatedAt { return age.components.attoseconds == 0 }
        return true
    }

    /// Whether the participant appears in poll `poll` (the poll pattern only).
    public func isSharing(atPoll poll: Int) -> Bool {
        !(pause?.isPaused(atPoll: poll) ?? false)
    }

    /// Whether the participant appears in poll `poll` answered at `now`: neither paused nor on a break.
    public func isSharing(atPoll poll: Int, now: Date) -> Bool {
        isSharing(atPoll: poll) && !(breaks?.isOnBreak(at: now) ?? false)
    }

    /// The instant of the phone's last fix at or before `now`: `now` itself without a cadence.
    public func lastFix(before now: Date) -> Date {
        guard let cadence else { return now }
        let every = max(1, Self.seconds(cadence.every))
        let seed = Self.stableHash(handle)
        let phase = Double(seed % 1_000_003) / 1_000_003 * every
        func fix(_ index: Int64) -> Date {
            var generator = SplitMix64(seed: seed ^ UInt64(bitPattern: index))
            let late = Double(generator.next() >> 11) / Double(1 << 53) * 0.5 * every
            return Self.epoch.addingTimeInterval(phase + Double(index) * every + late)
        }
        let index = Int64((now.timeIntervalSince(Self.epoch) - phase) / every)
        let candidate = fix(index)
        return candidate <= now ? candidate : fix(index - 1)
    }

    /// The position reported at poll `poll` answered at `now`: for `travel`, where the participant was at their
    /// last fix (rounded as `coordinate(atPoll:)` rounds); for the other paths, `coordinate(atPoll:)`.
    public func coordinate(atPoll poll: Int, now: Date) -> Coordinate {
        guard case .travel(let waypoints, let speed) = path else { return coordinate(atPoll: poll) }
        let exact = Self.travelled(waypoints, metersPerSecond: speed, at: lastFix(before: now)) ?? coordinate
        return Self.rounded(exact)
    }

    /// The position reported at poll `poll` (0-based; negative polls count as 0); moving positions are rounded
    /// to 1e-6 degrees (about 0.1 m) and altitudes to 0.1 m, as a phone would report them.
    /// `travel` paths count from `FakeParticipant.epoch` here (see `coordinate(atPoll:now:)`).
    public func coordinate(atPoll poll: Int) -> Coordinate {
        let exact = exactCoordinate(atPoll: max(0, poll))
        guard path != .fixed else { return exact }
        return Self.rounded(exact)
    }

    private static func rounded(_ exact: Coordinate) -> Coordinate {
        Coordinate(
            longitude: (exact.longitude * 1e6).rounded() / 1e6, latitude: (exact.latitude * 1e6).rounded() / 1e6,
            altitude: exact.altitude.map { ($0 * 10).rounded() / 10 })
    }

    private func exactCoordinate(atPoll poll: Int) -> Coordinate {
        switch path {
        case .fixed:
            return coordinate
        case .route(let waypoints, let pollsPerLeg):
            guard let first = waypoints.first else { return coordinate }
            guard waypoints.count > 1 else { return first }
            let perLeg = max(1, pollsPerLeg)
            let leg = (poll / perLeg) % waypoints.count
            let fraction = Double(poll % perLeg) / Double(perLeg)
            let from = waypoints[leg]
            let to = waypoints[(leg + 1) % waypoints.count]
            return Self.interpolate(from: from, to: to, fraction: fraction)
        case .orbit(let center, let radiusMeters, let pollsPerLap):
            let lap = max(1, pollsPerLap)
            let angle = 2 * Double.pi * Double(poll % lap) / Double(lap)
            let metersPerDegree = 111_320.0
            let latitude = center.latitude + radiusMeters * cos(angle) / metersPerDegree
            let scale = max(0.01, cos(center.latitude * Double.pi / 180))
            let longitude = center.longitude + radiusMeters * sin(angle) / (metersPerDegree * scale)
            return Coordinate(longitude: longitude, latitude: latitude, altitude: center.altitude)
        case .travel(let waypoints, let speed):
            return Self.travelled(waypoints, metersPerSecond: speed, at: Self.epoch) ?? coordinate
        }
    }

    /// Where a traveller along the closed loop of `waypoints` is at `instant`; nil without waypoints.
    static func travelled(_ waypoints: [Coordinate], metersPerSecond: Double, at instant: Date) -> Coordinate? {
        guard let first = waypoints.first else { return nil }
        guard waypoints.count > 1, metersPerSecond > 0 else { return first }
        let legs = waypoints.indices.map { index in (waypoints[index], waypoints[(index + 1) % waypoints.count]) }
        let lengths = legs.map { flatDistance($0.0, $0.1) }
        let loop = lengths.reduce(0, +)
        guard loop > 0 else { return first }
        var along = (instant.timeIntervalSince(epoch) * metersPerSecond).truncatingRemainder(dividingBy: loop)
        if along < 0 { along += loop }
        for (leg, length) in zip(legs, lengths) {
            if along <= length, length > 0 { return interpolate(from: leg.0, to: leg.1, fraction: along / length) }
            along -= length
        }
        return first
    }

    /// Metres between two nearby coordinates on a local flat earth (equirectangular about their mean latitude).
    static func flatDistance(_ a: Coordinate, _ b: Coordinate) -> Double {
        let meanLatitude = (a.latitude + b.latitude) / 2 * Double.pi / 180
        let x = (b.longitude - a.longitude) * 111_320 * cos(meanLatitude)
        let y = (b.latitude - a.latitude) * 110_574
        return (x * x + y * y).squareRoot()
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    /// FNV-1a of the UTF-8 bytes: the same for a handle on every run (Swift's `Hasher` is seeded per process).
    static func stableHash(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
        }
        return hash
    }

    /// The `updated_at` text at `now`, or nil when the value is `null` or omitted.
    public func updatedAtText(now: Date) -> String? {
        switch updatedAt {
        case .ago(let age):
            let seconds = Double(age.components.seconds) + Double(age.components.attoseconds) / 1e18
            return Self.timestampText(lastFix(before: now).addingTimeInterval(-seconds))
        case .lastFix:
            return Self.timestampText(lastFix(before: now))
        case .text(let text):
            return text
        case .null, .omitted:
            return nil
        }
    }

    /// `date` as `Date.ISO8601FormatStyle()` writes it (`2026-12-01T22:06:47Z`: UTC, whole seconds, the
    /// fraction dropped), worked out by hand for years 1600 to 9999 and left to the format style otherwise (which
    /// counts Julian days before 1582): the style took a sixth of the time of building 10,000 features (issue 10,
    /// target 1).
    public static func timestampText(_ date: Date) -> String {
        let seconds = date.timeIntervalSince1970.rounded(.down)
        // Seconds from 1970-01-01 to 1600-01-01 and to 10000-01-01.
        guard seconds >= -11_676_096_000, seconds < 253_402_300_800 else {
            return date.formatted(Date.ISO8601FormatStyle())
        }
        let whole = Int(seconds)
        let days = whole >= 0 ? whole / 86_400 : (whole - 86_399) / 86_400
        let second = whole - days * 86_400
        // Civil date from days since 1970-01-01 (H. Hinnant, "chrono-compatible low-level date algorithms").
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(20)
        func digits(_ value: Int, _ count: Int) {
            var divisor = 1
            for _ in 1..<count { divisor *= 10 }
            while divisor > 0 {
                bytes.append(UInt8(ascii: "0") + UInt8(value / divisor % 10))
                divisor /= 10
            }
        }
        digits(year, 4)
        bytes.append(UInt8(ascii: "-"))
        digits(month, 2)
        bytes.append(UInt8(ascii: "-"))
        digits(day, 2)
        bytes.append(UInt8(ascii: "T"))
        digits(second / 3_600, 2)
        bytes.append(UInt8(ascii: ":"))
        digits(second / 60 % 60, 2)
        bytes.append(UInt8(ascii: ":"))
        digits(second % 60, 2)
        bytes.append(UInt8(ascii: "Z"))
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The GeoJSON Feature for poll `poll` at `now`, as compact JSON text.
    public func featureJSON(atPoll poll: Int, now: Date) -> String {
        var text = ""
        writeFeature(atPoll: poll, now: now, into: &text)
        return text
    }

    /// Appends `featureJSON(atPoll:now:)` to `text`, piece by piece into one string (no arrays joined).
    func writeFeature(atPoll poll: Int, now: Date, into text: inout String) {
        let position = coordinate(atPoll: poll, now: now)
        text += #"{"type":"Feature","geometry":{"type":"Point","coordinates":["#
        text += JSONText.number(position.longitude)
        text += ","
        text += JSONText.number(position.latitude)
        if let altitude = position.altitude {
            text += ","
            text += JSONText.number(altitude)
        }
        text += #"]},"properties":{"handle":"#
        text += JSONText.string(handle)
        for (key, value) in [("address", address), ("locality", locality)] {
            if let value {
                text += ",\"\(key)\":"
                text += JSONText.string(value)
            } else if missingFields == .null {
                text += ",\"\(key)\":null"
            }
        }
        switch updatedAt {
        case .omitted:
            break
        case .null:
            text += #","updated_at":null"#
        case .ago, .text, .lastFix:
            text += #","updated_at":"#
            text += JSONText.string(updatedAtText(now: now) ?? "")
        }
        text += "}}"
    }

    private static func interpolate(from: Coordinate, to: Coordinate, fraction: Double) -> Coordinate {
        var altitude: Double?
        if let start = from.altitude, let end = to.altitude {
            altitude = start + (end - start) * fraction
        }
        return Coordinate(
            longitude: from.longitude + (to.longitude - from.longitude) * fraction,
            latitude: from.latitude + (to.latitude - from.latitude) * fraction,
            altitude: altitude
        )
    }
}
