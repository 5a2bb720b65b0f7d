import Foundation
import LinqModel
import TextUI

/// The `--once --format` outputs meant for status bars and scripts, as pure functions of rows and `now`.
public enum ScriptFormat {
    /// The TSV and JSON field names, in column order.
    public static let fields = [
        "chat_id", "label", "handle", "name", "lat", "lon", "locality", "address", "updated_at", "age_seconds",
        "sharing",
    ]

    /// What the status line says when nobody shares.
    public static let nobodyText = "nobody sharing"

    /// One status line: `Ana 2m Brooklyn · Sam 1h Austin`, rows in the given order (name or handle, age as in
    /// the panel without "ago", locality when known; a person in several chats once), sanitised; cut to `width`
    /// cells with `…` when given.
    public static func status(_ rows: [ScriptRow], now: Date, width: Int? = nil) -> String {
        let line = statusItems(rows, now: now).map { $0.map(\.text).joined(separator: " ") }
            .joined(separator: separator)
        let text = line.isEmpty ? nobodyText : line
        return width.map { truncated(text, toWidth: $0) } ?? TextSanitizer.sanitized(text)
    }

    /// The status line with tmux style codes: each name coloured by the age of its position as in the panel
    /// (`#[fg=green]Ana#[default] 2m Brooklyn`), stopped sharers dimmed; `#` in values doubled so tmux shows
    /// it. `width` cuts the visible text at that many cells with `…`.
    public static func tmux(_ rows: [ScriptRow], now: Date, width: Int? = nil) -> String {
        let items = statusItems(rows, now: now)
        if items.isEmpty { return "#[dim]" + nobodyText + "#[default]" }
        var output = ""
        var used = 0
        let budget = width ?? Int.max
        for (index, item) in items.enumerated() {
            let segments = (index == 0 ? [] : [Segment(text: separator, style: nil)]) + spaced(item)
            for segment in segments {
                let clean = TextSanitizer.sanitized(segment.text)
                let segmentWidth = displayWidth(of: clean)
                let cut = used + segmentWidth > budget
                let shown = cut ? truncated(clean, toWidth: budget - used) : clean
                let escaped = shown.replacingOccurrences(of: "#", with: "##")
                if let style = segment.style, !shown.isEmpty {
                    output += "#[\(style)]" + escaped + "#[default]"
                } else {
                    output += escaped
                }
                used += displayWidth(of: shown)
                if cut {
                    if !shown.hasSuffix("…") { output += "…" }
                    return output
                }
            }
        }
        return output
    }

    /// A header line, then one line per row, tab-separated in `fields` order; tabs and line breaks inside values
    /// become spaces, absent values are empty. Ends with a newline.
    public static func tsv(_ rows: [ScriptRow], now: Date) -> String {
        var output = fields.joined(separator: "\t") + "\n"
        for row in rows {
            let cells = values(row, now: now).map { value -> String in
                switch value {
                case .text(let text): return flattened(text)
                case .number(let number): return numberText(number)
                case .integer(let integer): return String(integer)
                case .flag(let flag): return flag ? "true" : "false"
                case .absent: return ""
                }
            }
            output += cells.joined(separator: "\t") + "\n"
        }
        return output
    }

    /// A JSON array of objects with the `fields` keys in column order (numbers as numbers, absent as null), one
    /// object a line; `[]` when empty. Ends with a newline.
    public static func json(_ rows: [ScriptRow], now: Date) -> String {
        guard !rows.isEmpty else { return "[]\n" }
        let objects = rows.map { row in
            let members = zip(fields, values(row, now: now)).map { field, value -> String in
                let text: String
                switch value {
                case .text(let string): text = JSONWriter.string(string)
                case .number(let number): text = numberText(number)
                case .integer(let integer): text = String(integer)
                case .flag(let flag): text = flag ? "true" : "false"
                case .absent: text = "null"
                }
                return JSONWriter.string(field) + ":" + text
            }
            return "{" + members.joined(separator: ",") + "}"
        }
        return "[\n" + objects.joined(separator: ",\n") + "\n]\n"
    }

    /// The age as the panel shows it, without "ago": "now", "42s", "5m", "3h", "2d", or "?" when unknown.
    public static func shortAge(of row: ScriptRow, now: Date) -> String {
        guard let updatedAt = row.updatedAt else { return "?" }
        let text = Staleness(updatedAt: updatedAt, now: now).text
        if text == "just now" { return "now" }
        return text.hasSuffix(" ago") ? String(text.dropLast(4)) : text
    }

    /// The tmux colour of a row's name: the panel's staleness colours, dim when unknown or stopped.
    public static func tmuxStyle(of row: ScriptRow, now: Date) -> String {
        guard row.isSharing else { return "dim" }
        switch Staleness(updatedAt: row.updatedAt, now: now).ageClass {
        case .fresh: return "fg=green"
        case .recent: return "fg=yellow"
        case .old: return "fg=red"
        case .unknown: return "dim"
        }
    }

    // MARK: - Pieces

    private static let separator = " · "

    private struct Segment {
        var text: String
        var style: String?
    }

    /// One item per person: a handle seen in several chats is shown once, at its first row.
    private static func statusItems(_ rows: [ScriptRow], now: Date) -> [[Segment]] {
        var seen: Set<String> = []
        return rows.filter { seen.insert($0.handle).inserted }.map { row in
            var item = [
                Segment(text: flattened(row.displayName), style: tmuxStyle(of: row, now: now)),
                Segment(text: shortAge(of: row, now: now) + (row.isSharing ? "" : " stopped"), style: nil),
            ]
            if let locality = row.locality.map(flattened), !locality.isEmpty {
                item.append(Segment(text: locality, style: nil))
            }
            return item
        }
    }

    private static func spaced(_ item: [Segment]) -> [Segment] {
        item.enumerated().map { index, segment in
            index == 0 ? segment : Segment(text: " " + segment.text, style: segment.style)
        }
    }

    private enum Value {
        case text(String)
        case number(Double)
        case integer(Int)
        case flag(Bool)
        case absent
    }

    private static func values(_ row: ScriptRow, now: Date) -> [Value] {
        [
            .text(row.chatID), .text(String(row.label)), .text(row.handle), row.name.map(Value.text) ?? .absent,
            .number(row.coordinate.latitude), .number(row.coordinate.longitude),
            row.locality.map(Value.text) ?? .absent, row.address.map(Value.text) ?? .absent,
            row.updatedAt.map { .text(timestamp($0)) } ?? .absent,
            row.ageSeconds(now: now).map(Value.integer) ?? .absent, .flag(row.isSharing),
        ]
    }

    /// `date` in UTC as `2026-12-01T16:04:05Z`.
    public static func timestamp(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(timeZone: TimeZone(secondsFromGMT: 0) ?? .gmt))
    }

    /// Tabs, line breaks and other line separators as single spaces.
    static func flattened(_ text: String) -> String {
        String(text.map { $0.isNewline || $0 == "\t" ? " " : $0 })
    }

    /// A finite number in its shortest round-tripping form, never in exponent notation.
    static func numberText(_ value: Double) -> String {
        guard value.isFinite else { return "null" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        let text = "\(value)"
        guard text.contains("e") else { return text }
        var fixed = String(format: "%.12f", value)
        while fixed.hasSuffix("0") { fixed.removeLast() }
        return fixed
    }
}
