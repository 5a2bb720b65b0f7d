import Foundation

/// Writes participants as a bare RFC 7946 FeatureCollection for `--once --format geojson`, through
/// `JSONWriter` (deterministic bytes, control and bidi code points escaped).
public enum GeoJSONWriter {
    /// A property to set on a written feature: `key` with `value`, replacing a received member of that name.
    public typealias Property = (key: String, value: JSONValue)

    /// The FeatureCollection, one Feature per line, without a trailing newline; `[]` features when empty. Each
    /// feature's properties are the participant's plus `adding(index)` (none by default).
    public static func featureCollection(
        _ participants: [Participant], adding: (Int) -> [Property] = { _ in [] }
    ) -> String {
        String(decoding: featureCollectionUTF8(participants, adding: adding), as: UTF8.self)
    }

    /// `featureCollection(participants, adding:)` as UTF-8, for output that need not be a `String` (no copy).
    public static func featureCollectionUTF8(
        _ participants: [Participant], adding: (Int) -> [Property] = { _ in [] }
    ) -> [UInt8] {
        guard !participants.isEmpty else { return Array(#"{"type":"FeatureCollection","features":[]}"#.utf8) }
        var output: [UInt8] = []
        // About 240 bytes a feature: one allocation for most collections instead of one per doubling.
        output.reserveCapacity(participants.count * 256)
        output.append(contentsOf: #"{"type":"FeatureCollection","features":["#.utf8)
        output.append(UInt8(ascii: "\n"))
        var scratch = Scratch()
        for (index, participant) in participants.enumerated() {
            write(participant, adding: adding(index), into: &output, scratch: &scratch)
            output.append(contentsOf: (index == participants.count - 1 ? "\n" : ",\n").utf8)
        }
        output.append(contentsOf: "]}".utf8)
        return output
    }

    /// One Feature: a Point at the participant's coordinate with its original properties.
    public static func feature(_ participant: Participant) -> String {
        var output: [UInt8] = []
        write(participant, into: &output)
        return String(decoding: output, as: UTF8.self)
    }

    /// Appends `feature(participant)` to `output` as UTF-8, with `extra` properties set.
    static func write(_ participant: Participant, adding extra: [Property] = [], into output: inout [UInt8]) {
        var scratch = Scratch()
        write(participant, adding: extra, into: &output, scratch: &scratch)
    }

    /// `write(_:adding:into:)` with buffers kept from the feature before.
    private static func write(
        _ participant: Participant, adding extra: [Property], into output: inout [UInt8], scratch: inout Scratch
    ) {
        let coordinate = participant.coordinate
        output.append(contentsOf: #"{"type":"Feature","geometry":{"type":"Point","coordinates":["#.utf8)
        output.append(contentsOf: JSONWriter.number(coordinate.longitude).utf8)
        output.append(UInt8(ascii: ","))
        output.append(contentsOf: JSONWriter.number(coordinate.latitude).utf8)
        if let altitude = coordinate.altitude {
            output.append(UInt8(ascii: ","))
            output.append(contentsOf: JSONWriter.number(altitude).utf8)
        }
        output.append(contentsOf: #"]},"properties":"#.utf8)
        writeProperties(participant.featureProperties, adding: extra, into: &output, scratch: &scratch)
        output.append(UInt8(ascii: "}"))
    }

    /// Appends `properties` with `extra` set, the bytes `JSONWriter.write` gives for that object: received text
    /// is copied member by member where it is already written that way (plain ASCII strings, `null`, `true`,
    /// `false`, small integers), and only other values are read into a `JSONValue` and written again.
    ///
    /// NB: issue 10: reading every feature's properties into a dictionary and sorting it again was 40 % of
    /// `--once --format geojson` for 10,000 participants (perf).
    static func writeProperties(_ properties: FeatureProperties, adding extra: [Property], into output: inout [UInt8]) {
        var scratch = Scratch()
        writeProperties(properties, adding: extra, into: &output, scratch: &scratch)
    }

    private static func writeProperties(
        _ properties: FeatureProperties, adding extra: [Property], into output: inout [UInt8], scratch: inout Scratch
    ) {
        if let text = properties.receivedText,
            text.withUnsafeBufferPointer({ copyMembers(of: $0, adding: extra, into: &output, scratch: &scratch) })
        {
            return
        }
        var members: [String: JSONValue] = [:]
        if case .object(let received) = properties.value { members = received }
        for property in extra { members[property.key] = property.value }
        output.append(contentsOf: JSONWriter.text(.object(members)).utf8)
    }

    /// A member to write: a received one (its name's bytes and its value's text in the received object) or
    /// the added property at `added`.
    private struct Member {
        var key: UnsafeBufferPointer<UInt8>
        var value: Range<Int>
        var added: Int?
    }

    /// The buffers `copyMembers` fills, kept from one feature to the next: writing a collection allocates them once,
    /// not four times a feature (issue 10, target 1). Their pointers are valid only during one call.
    private struct Scratch {
        var addedText: [UInt8] = []
        var addedRanges: [Range<Int>] = []
        var members: [Member] = []
    }

    /// Writes the object `text` with `extra` set as `writeProperties` describes; false, with nothing written,
    /// for text it leaves to the general path (names that are not plain ASCII or repeat, text that does not
    /// parse).
    private static func copyMembers(
        of text: UnsafeBufferPointer<UInt8>, adding extra: [Property], into output: inout [UInt8],
        scratch: inout Scratch
    ) -> Bool {
        // The added names, one after another in one buffer, so that each is a pointer valid for the whole call.
        var addedText = scratch.addedText
        var addedRanges = scratch.addedRanges
        var members = scratch.members
        scratch = Scratch()  // the arrays are moved out and back, so they stay uniquely held (no copies)
        defer {
            scratch.addedText = addedText
            scratch.addedRanges = addedRanges
            scratch.members = members
        }
        addedText.removeAll(keepingCapacity: true)
        addedRanges.removeAll(keepingCapacity: true)
        members.removeAll(keepingCapacity: true)
        for property in extra {
            let start = addedText.count
            addedText.append(contentsOf: property.key.utf8)
            addedRanges.append(start..<addedText.count)
        }
        guard isPlainASCII(addedText) else { return false }
        return addedText.withUnsafeBufferPointer { addedText in
            var scanner = JSONScanner(text, maxDepth: JSONValue.maxDepth)
            members.reserveCapacity(8 + extra.count)
            var isPlain = true
            do throws(JSONValue.ParseError) {
                scanner.skipWhitespace()
                guard scanner.current == UInt8(ascii: "{") else { return false }
                try scanner.readObject { (scanner, token) throws(JSONValue.ParseError) in
                    let start = scanner.position
                    _ = try scanner.skipValue()
                    let key = UnsafeBufferPointer(rebasing: text[token.start..<token.end])
                    guard isPlain, !token.hasEscapes, isPlainASCII(key),
                        !members.contains(where: { $0.key.elementsEqual(key) })
                    else {
                        isPlain = false
                        return
                    }
                    if !addedRanges.contains(where: { addedText[$0].elementsEqual(key) }) {
                        members.append(Member(key: key, value: start..<scanner.position))
                    }
                }
            } catch {
                return false
            }
            guard isPlain else { return false }
            for (index, range) in addedRanges.enumerated() {
                members.append(Member(key: UnsafeBufferPointer(rebasing: addedText[range]), value: 0..<0, added: index))
            }
            // NB: the order `JSONWriter` writes an object in (String order is byte order for ASCII): the output
            // is compared byte for byte with what it wrote before.
            members.sort { $0.key.lexicographicallyPrecedes($1.key) }
            output.append(UInt8(ascii: "{"))
            for (index, member) in members.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                output.append(UInt8(ascii: "\""))
                output.append(contentsOf: member.key)
                output.append(contentsOf: "\":".utf8)
                if let added = member.added {
                    write(extra[added].value, into: &output)
                    continue
                }
                let raw = UnsafeBufferPointer(rebasing: text[member.value])
                if isWrittenAsReceived(raw) {
                    output.append(contentsOf: raw)
                } else {
                    var inner = JSONScanner(raw, maxDepth: JSONValue.maxDepth)
                    write(((try? inner.value()) ?? nil) ?? .null, into: &output)  // checked above by `skipValue`
                }
            }
            output.append(UInt8(ascii: "}"))
            return true
        }
    }

    /// Appends `value` as `JSONWriter` writes it.
    private static func write(_ value: JSONValue, into output: inout [UInt8]) {
        switch value {
        case .null:
            output.append(contentsOf: "null".utf8)
        case .string(let string) where string.utf8.withContiguousStorageIfAvailable({ isPlainASCII($0[...]) }) == true:
            output.append(UInt8(ascii: "\""))
            output.append(contentsOf: string.utf8)
            output.append(UInt8(ascii: "\""))
        default:
            output.append(contentsOf: JSONWriter.text(value).utf8)
        }
    }

    /// True for printable ASCII without a quote or backslash: text `JSONWriter` writes between quotes unchanged.
    private static func isPlainASCII<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> Bool {
        bytes.allSatisfy { $0 >= 0x20 && $0 < 0x7F && $0 != 0x22 && $0 != 0x5C }
    }

    /// True when `JSONWriter` writes the value of the JSON text `raw` as these very bytes: a string of printable
    /// ASCII without escapes, `null`, `true`, `false`, or an integer of at most 15 digits without a leading zero.
    private static func isWrittenAsReceived(_ raw: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = raw.first else { return false }
        switch first {
        case UInt8(ascii: "\""):
            return raw.count >= 2 && isPlainASCII(raw.dropFirst().dropLast())
        case UInt8(ascii: "n"), UInt8(ascii: "t"), UInt8(ascii: "f"):
            return true  // null, true, false: `skipValue` checked the word
        default:
            let digits = first == UInt8(ascii: "-") ? raw.dropFirst() : raw[...]
            guard let lead = digits.first, digits.count <= 15,
                lead != UInt8(ascii: "0") || (digits.count == 1 && first != UInt8(ascii: "-"))
            else { return false }
            return digits.allSatisfy { $0 &- UInt8(ascii: "0") < 10 }
        }
    }
}
