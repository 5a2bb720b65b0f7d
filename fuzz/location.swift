// libFuzzer target over LinqModel's reading of location responses: JSONScanner (our byte-level JSON reader)
// through JSONValue.parse and through LocationDecoder's direct path (FeatureReader), APIResponse's envelope and
// error classification, feature validation, and GeoJSONWriter's output parsed back. Built by fuzz/run.sh
// together with Sources/LinqModel/*.swift; not part of the package.
import Foundation

func check(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition { fatalError("invariant broken: \(message())") }
}

/// Written JSON text holds no raw control, line separator or bidi control (GeoJSONWriter escapes them).
func checkEscaped(_ text: String, _ what: String) {
    for scalar in text.unicodeScalars {
        switch scalar.value {
        case 0x0A: continue  // the writer's own line breaks between features
        case 0x00...0x1F, 0x7F...0x9F, 0x2028, 0x2029, 0x202A...0x202E, 0x2066...0x2069:
            fatalError("invariant broken: \(what) holds raw U+\(String(scalar.value, radix: 16))")
        default: continue
        }
    }
}

extension JSONValue {
    var isObject: Bool {
        if case .object = self { return true }
        return false
    }
}

func depth(of value: JSONValue) -> Int {
    switch value {
    case .array(let items): 1 + (items.map(depth).max() ?? 0)
    case .object(let members): 1 + (members.values.map(depth).max() ?? 0)
    default: 0
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let body = Data(bytes: data, count: size)

    // Any value that parses is within the depth limit and survives writing and parsing back.
    if let value = try? JSONValue.parse(body) {
        check(depth(of: value) <= JSONValue.maxDepth, "parsed a value \(depth(of: value)) deep")
        let written = GeoJSONWriter.json(value)
        checkEscaped(written, "GeoJSONWriter.json")
        do {
            let reparsed = try JSONValue.parse(Data(written.utf8))
            check(reparsed == value, "JSON round trip changed \(written)")
        } catch {
            fatalError("invariant broken: written JSON does not parse (\(error.detail)): \(written)")
        }
    }

    // The same text in UTF-16 and UTF-32 reads the same. NB: RFC 4627's detection assumes that JSON text starts
    // with an ASCII character (found by this target: U+3000 in UTF-16LE is 00 30, UTF-16BE "0").
    if let text = String(data: body, encoding: .utf8), text.unicodeScalars.first?.isASCII == true,
        !text.unicodeScalars.contains("\0")
    {
        let utf8 = Result { () throws(JSONValue.ParseError) in try JSONValue.parse(body) }
        for encoding in [String.Encoding.utf16LittleEndian, .utf32BigEndian] {
            guard let other = text.data(using: encoding) else { continue }
            let again = Result { () throws(JSONValue.ParseError) in try JSONValue.parse(other) }
            check(again == utf8, "\(encoding) reads differently: \(again) against \(utf8)")
        }
    }

    // The direct path (bytes to participants) agrees with the tree path whenever the whole body parses.
    if let value = try? JSONValue.parse(body), value["success"] != .bool(false) {
        let direct = Result { () throws(FetchError) in
            try LocationDecoder.snapshot(status: 200, body: body, chatID: "c")
        }
        let tree = Result { () throws(FetchError) in try LocationDecoder.snapshot(fromSuccessBody: value) }
        check(direct == tree, "direct and tree readings differ: \(direct) against \(tree)")
    }

    // Every error status turns into an error, whatever the body.
    let status = size == 0 ? 500 : [400, 401, 403, 404, 408, 429, 500, 302][Int(data[0]) % 8]
    _ = APIResponse.error(status: status, body: body, chatID: "c")

    let snapshot: LocationSnapshot
    do {
        snapshot = try LocationDecoder.snapshot(status: 200, body: body, chatID: "c")
    } catch {
        _ = error.message
        return 0
    }
    var handles: Set<String> = []
    for participant in snapshot.participants {
        check(participant.handle.count <= Participant.maximumTextLength, "a handle longer than the cut")
        check((participant.locality?.count ?? 0) <= Participant.maximumTextLength, "a locality longer than the cut")
        check(participant.properties.isObject, "properties that do not read back as an object")
        let coordinate = participant.coordinate
        check(coordinate.longitude.isFinite && (-180...180).contains(coordinate.longitude), "longitude")
        check(coordinate.latitude.isFinite && (-90...90).contains(coordinate.latitude), "latitude")
        check(coordinate.altitude?.isFinite ?? true, "altitude")
        check(!participant.handle.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, "empty handle")
        check(handles.insert(participant.handle).inserted, "duplicate handle \(participant.handle)")
    }

    // What --once --format geojson writes reads back as the same participants.
    let collection = GeoJSONWriter.featureCollection(snapshot.participants)
    checkEscaped(collection, "GeoJSONWriter.featureCollection")
    do {
        let again = try LocationDecoder.snapshot(status: 200, body: Data(collection.utf8), chatID: "c")
        check(
            again.participants == snapshot.participants,
            "GeoJSON round trip changed the participants:\n\(collection)")
    } catch {
        fatalError("invariant broken: written GeoJSON does not decode (\(error.message)):\n\(collection)")
    }
    return 0
}
