import Foundation

/// Reads a location response from its bytes straight to `FeatureFields`, without a tree: the envelope's
/// `success`, `type`, `data` and `features`; a collection's `type` and `features`; a feature's `type`,
/// `geometry` (`type`, `coordinates`) and `properties` (`handle`, `address`, `locality`, `updated_at`, and
/// the whole object's text for `--format geojson`). Everything else is checked as JSON and skipped.
///
/// A duplicate key keeps its last value, as `JSONValue.parse` does, so both readings agree.
enum FeatureReader {
    typealias ParseError = JSONValue.ParseError

    /// A `features` member.
    enum Features {
        case notArray
        case array(SnapshotBuilder)
    }

    /// The `data` member of the envelope.
    enum DataMember {
        case notObject
        case collection(type: FeatureFields.Text?, features: Features?)
    }

    /// What the top level of a 2xx body says, and the participants of each `features` array it holds.
    struct Envelope {
        /// True when the body was an object with `"success": false`.
        var isFailure = false
        /// The top level's `type`; present means a bare FeatureCollection.
        var type: FeatureFields.Text?
        /// The top level's `features`.
        var topFeatures: Features?
        var data: DataMember?

        /// The snapshot of the collection the body stands for, or why there is none.
        func snapshot() throws(FetchError) -> LocationSnapshot {
            let features: Features?
            if let type {
                guard type == .text("FeatureCollection") else {
                    throw .malformed(detail: "\"data\" is not a FeatureCollection")
                }
                features = topFeatures
            } else if let data {
                guard case .collection(let type, let collectionFeatures) = data else {
                    throw .malformed(detail: "\"data\" is not a FeatureCollection object")
                }
                if let type, type != .text("FeatureCollection") {
                    throw .malformed(detail: "\"data\" is not a FeatureCollection")
                }
                features = collectionFeatures
            } else {
                throw .malformed(detail: "no \"data\" in the response")
            }
            guard case .array(let builder)? = features else {
                throw .malformed(detail: "the FeatureCollection has no \"features\" array")
            }
            return try builder.snapshot()
        }
    }

    /// Reads a whole body; throws for broken JSON, nesting past `JSONValue.maxDepth` or trailing bytes.
    static func envelope(_ bytes: UnsafeBufferPointer<UInt8>) throws(ParseError) -> Envelope {
        var scanner = JSONScanner(bytes, maxDepth: JSONValue.maxDepth)
        var envelope = Envelope()
        scanner.skipWhitespace()
        if scanner.current == UInt8(ascii: "{") {
            try scanner.readObject { (scanner, key) throws(ParseError) in
                if scanner.token(key, is: "success") {
                    if scanner.current == UInt8(ascii: "f") {
                        try scanner.literal("false")
                        envelope.isFailure = true
                    } else {
                        envelope.isFailure = false
                        _ = try scanner.skipValue()
                    }
                } else if scanner.token(key, is: "type") {
                    envelope.type = try text(&scanner)
                } else if scanner.token(key, is: "features") {
                    envelope.topFeatures = try features(&scanner)
                } else if scanner.token(key, is: "data") {
                    envelope.data = try data(&scanner)
                } else {
                    _ = try scanner.skipValue()
                }
            }
        } else {
            _ = try scanner.skipValue()
        }
        scanner.skipWhitespace()
        guard scanner.isAtEnd else { throw JSONScanner.notJSON }
        return envelope
    }

    private static func data(_ scanner: inout JSONScanner) throws(ParseError) -> DataMember {
        guard scanner.current == UInt8(ascii: "{") else {
            _ = try scanner.skipValue()
            return .notObject
        }
        var type: FeatureFields.Text?
        var features: Features?
        try scanner.readObject { (scanner, key) throws(ParseError) in
            if scanner.token(key, is: "type") {
                type = try text(&scanner)
            } else if scanner.token(key, is: "features") {
                features = try self.features(&scanner)
            } else {
                _ = try scanner.skipValue()
            }
        }
        return .collection(type: type, features: features)
    }

    private static func features(_ scanner: inout JSONScanner) throws(ParseError) -> Features {
        guard scanner.current == UInt8(ascii: "[") else {
            _ = try scanner.skipValue()
            return .notArray
        }
        // Room for as many features as the rest of the body could hold at 128 bytes each (a plain feature with a
        // handle and a time is about 180): no growing copies of a big poll's arrays (issue 10, target 1).
        var builder = SnapshotBuilder(expectedCount: (scanner.bytes.count - scanner.position) / 128)
        try scanner.readArray { (scanner, _) throws(ParseError) in
            builder.add(try feature(&scanner))
        }
        return .array(builder)
    }

    /// A member that should hold text: its string, or what else it holds.
    private static func text(_ scanner: inout JSONScanner) throws(ParseError) -> FeatureFields.Text {
        switch scanner.current {
        case UInt8(ascii: "\""):
            let token = try scanner.scanString()
            if let oddity = token.oddity { return .odd(oddity) }
            return .text(scanner.string(token))
        case UInt8(ascii: "n"):
            try scanner.literal("null")
            return .null
        default:
            return try scanner.skipValue().map(FeatureFields.Text.odd) ?? .notText
        }
    }

    private static func feature(_ scanner: inout JSONScanner) throws(ParseError) -> FeatureFields {
        var fields = FeatureFields()
        guard scanner.current == UInt8(ascii: "{") else {
            _ = try scanner.skipValue()
            fields.isObject = false
            return fields
        }
        try scanner.readObject { (scanner, key) throws(ParseError) in
            if scanner.token(key, is: "geometry") {
                try geometry(&scanner, into: &fields)
            } else if scanner.token(key, is: "properties") {
                try properties(&scanner, into: &fields)
            } else if scanner.token(key, is: "type") {
                fields.type = try text(&scanner)
            } else {
                _ = try scanner.skipValue()
            }
        }
        return fields
    }

    private static func geometry(_ scanner: inout JSONScanner, into fields: inout FeatureFields) throws(ParseError) {
        fields.geometryType = nil
        fields.coordinateCount = -1
        fields.coordinates = (nil, nil, nil)
        guard scanner.current == UInt8(ascii: "{") else {
            _ = try scanner.skipValue()
            fields.hasGeometryObject = false
            return
        }
        fields.hasGeometryObject = true
        try scanner.readObject { (scanner, key) throws(ParseError) in
            if scanner.token(key, is: "coordinates") {
                try coordinates(&scanner, into: &fields)
            } else if scanner.token(key, is: "type") {
                fields.geometryType = try text(&scanner)
            } else {
                _ = try scanner.skipValue()
            }
        }
    }

    private static func coordinates(_ scanner: inout JSONScanner, into fields: inout FeatureFields) throws(ParseError) {
        fields.coordinates = (nil, nil, nil)
        guard scanner.current == UInt8(ascii: "[") else {
            _ = try scanner.skipValue()
            fields.coordinateCount = -1
            return
        }
        var count = 0
        var values: (Double?, Double?, Double?) = (nil, nil, nil)
        try scanner.readArray { (scanner, index) throws(ParseError) in
            count = index + 1
            let byte = scanner.current
            guard index < 3, byte == UInt8(ascii: "-") || byte &- UInt8(ascii: "0") < 10 else {
                _ = try scanner.skipValue()
                return
            }
            let number = try scanner.scanNumber()
            let value = number.oddity == nil ? number.value : nil
            switch index {
            case 0: values.0 = value
            case 1: values.1 = value
            default: values.2 = value
            }
        }
        fields.coordinateCount = count
        fields.coordinates = values
    }

    private static func properties(_ scanner: inout JSONScanner, into fields: inout FeatureFields) throws(ParseError) {
        fields.handle = nil
        fields.address = nil
        fields.locality = nil
        fields.updatedAt = nil
        fields.omitted = []
        fields.properties = FeatureProperties(.object([:]))
        guard scanner.current == UInt8(ascii: "{") else {
            _ = try scanner.skipValue()
            fields.hasPropertiesObject = false
            return
        }
        fields.hasPropertiesObject = true
        let start = scanner.position
        var isComplete = true
        try scanner.readObject { (scanner, key) throws(ParseError) in
            var oddity: JSONOddity?
            if key.oddity != nil {
                oddity = key.oddity
                _ = try scanner.skipValue()
            } else if scanner.token(key, is: "handle") {
                fields.handle = try text(&scanner)
                if case .odd(let found)? = fields.handle { oddity = found }
            } else if scanner.token(key, is: "updated_at") {
                fields.updatedAt = try text(&scanner)
                if case .odd(let found)? = fields.updatedAt { oddity = found }
            } else if scanner.token(key, is: "locality") {
                fields.locality = try text(&scanner)
                if case .odd(let found)? = fields.locality { oddity = found }
            } else if scanner.token(key, is: "address") {
                fields.address = try text(&scanner)
                if case .odd(let found)? = fields.address { oddity = found }
            } else if let found = try scanner.skipValue() {
                oddity = found
                fields.omitted.append((name: GeoJSONName.quoted(scanner, key), oddity: found))
            }
            guard let oddity else { return }
            isComplete = false
            if key.oddity != nil {
                fields.omitted.append((name: "with a name that is not Unicode", oddity: oddity))
            }
        }
        let object = UnsafeBufferPointer(rebasing: scanner.bytes[start..<scanner.position])
        // NB: copying the text alone, without a list of members, keeps the common case to one allocation.
        fields.properties = FeatureProperties(checkedText: isComplete ? Array(object) : try readableMembers(object))
    }

    /// The text of a properties object without its members that hold an odd value (found by the same test as
    /// the first reading: an odd name, or `skipValue` reporting an oddity). The last of duplicate keys wins, so
    /// a member left out takes the earlier members of its name with it (found by fuzz/location).
    private static func readableMembers(_ object: UnsafeBufferPointer<UInt8>) throws(ParseError) -> [UInt8] {
        var scanner = JSONScanner(object, maxDepth: JSONValue.maxDepth)
        var kept: [(key: JSONScanner.StringToken, range: Range<Int>)] = []
        try scanner.readObject { (scanner, key) throws(ParseError) in
            let memberStart = key.start - 1
            let oddity = try scanner.skipValue()
            if key.oddity == nil, oddity == nil {
                kept.append((key, memberStart..<scanner.position))
            } else if key.oddity == nil {
                let name = scanner.string(key)
                kept.removeAll { $0.key.oddity == nil && scanner.string($0.key) == name }
            }
        }
        var text: [UInt8] = [UInt8(ascii: "{")]
        for (index, (_, range)) in kept.enumerated() {
            if index > 0 { text.append(UInt8(ascii: ",")) }
            text.append(contentsOf: UnsafeBufferPointer(rebasing: object[range]))
        }
        text.append(UInt8(ascii: "}"))
        return text
    }
}

/// Names of members for warnings.
private enum GeoJSONName {
    /// The key in quotes, as it would be written, cut to 64 characters.
    static func quoted(_ scanner: JSONScanner, _ key: JSONScanner.StringToken) -> String {
        "\"" + Participant.cutForDisplay(String(scanner.string(key).prefix(64))) + "\""
    }
}
