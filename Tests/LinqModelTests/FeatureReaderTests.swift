import Foundation
import LinqModel
import Testing

private let chatID = "975d0776-bd17-4273-8337-f346b4c661b0"

private func feature(_ handle: String, _ extra: String = "", coordinates: String = "[1, 2]") -> String {
    #"{"type":"Feature","geometry":{"type":"Point","coordinates":\#(coordinates)},"properties":{"handle":"\#(handle)"\#(extra)}}"#
}

private func text(_ features: [String]) -> String {
    #"{"success":true,"data":{"type":"FeatureCollection","features":[\#(features.joined(separator: ","))]}}"#
}

private func decode(_ data: Data) throws(FetchError) -> LocationSnapshot {
    try LocationDecoder.snapshot(status: 200, body: data, chatID: chatID)
}

private func decode(_ text: String) throws(FetchError) -> LocationSnapshot {
    try decode(Data(text.utf8))
}

@Test(arguments: ["1e999", "-1e999", "4.9e-325", "1e-400", #""\ud800""#, #""x\udc00y""#, #"{"deep":[1,1e999]}"#])
func anOddValueInAnUnknownPropertyCostsOnlyThatValue(value: String) throws {
    let snapshot = try decode(
        text([feature("a"), feature("b", #","battery":\#(value),"color":"red""#), feature("c")]))
    #expect(snapshot.participants.map(\.handle) == ["a", "b", "c"])
    #expect(snapshot.participants[1].properties == .object(["handle": .string("b"), "color": .string("red")]))
    #expect(snapshot.warnings.count == 1)
    #expect(snapshot.warnings[0].hasPrefix("feature 2 (b): property \"battery\" holds "))
    #expect(snapshot.warnings[0].hasSuffix("; left out"))
}

@Test func anOddPropertyNameIsLeftOutToo() throws {
    let snapshot = try decode(text([feature("a", #","\ud800":1"#)]))
    #expect(snapshot.participants[0].properties == .object(["handle": .string("a")]))
    #expect(snapshot.warnings.count == 1)
}

@Test func anOddCoordinateSkipsOnlyThatFeature() throws {
    let snapshot = try decode(text([feature("a"), feature("b", coordinates: "[1e999, 2]"), feature("c")]))
    #expect(snapshot.participants.map(\.handle) == ["a", "c"])
    #expect(snapshot.warnings == ["skipped feature 2: coordinates are not 2 or 3 finite numbers"])
}

@Test func anOddValueOutsideTheFeaturesIsNotRead() throws {
    let body =
        #"{"success":true,"extra":1e400,"meta":"\udfff","data":{"type":"FeatureCollection","n":4.9e-325,"features":[\#(feature("a", "", coordinates: "[1,2]"))]}}"#
    let snapshot = try decode(body)
    #expect(snapshot.participants.map(\.handle) == ["a"])
    #expect(snapshot.warnings.isEmpty)
}

@Test func anOddLocalityIsIgnoredWithAWarning() throws {
    let snapshot = try decode(text([feature("a", #","locality":"Paris\ud800","address":"1 Rue""#)]))
    #expect(snapshot.participants[0].locality == nil)
    #expect(snapshot.participants[0].address == "1 Rue")
    #expect(snapshot.participants[0].properties == .object(["handle": .string("a"), "address": .string("1 Rue")]))
    #expect(snapshot.warnings == ["feature 1 (a): locality is a string with a lone surrogate (not Unicode); ignored"])
}

@Test func invalidUTF8IsHandledPerFeature() throws {
    var body = Data(#"{"success":true,"data":{"type":"FeatureCollection","features":[\#(feature("a")),"#.utf8)
    body.append(Data(feature("b", #","locality":"X"#).utf8))
    body.append(contentsOf: [0xFF, 0xFE])
    body.append(Data(#""}},"#.utf8))
    body.append(Data(feature("").dropLast(3).utf8))
    body.append(contentsOf: [0xC3, 0x28])
    body.append(Data(#""}}]}}"#.utf8))
    let snapshot = try decode(body)
    #expect(snapshot.participants.map(\.handle) == ["a", "b"])
    #expect(snapshot.participants[1].locality == nil)
    #expect(
        snapshot.warnings == [
            "feature 2 (b): locality is a string that is not valid UTF-8; ignored",
            "skipped feature 3: the handle is a string that is not valid UTF-8",
        ])
}

@Test func invalidUTF8InTheOnlyFeatureIsStillMalformed() {
    var body = Data(#"{"success":true,"data":{"type":"FeatureCollection","features":[{"type":"Feature","#.utf8)
    body.append(Data(#""geometry":{"type":"Point","coordinates":[2.35,48.85]},"properties":{"handle":"+3315550"#.utf8))
    body.append(contentsOf: [0xFF, 0xFE, 0x80])
    body.append(Data(#""}}]}}"#.utf8))
    #expect {
        try decode(body)
    } throws: { error in
        guard case FetchError.malformed(let detail) = error else { return false }
        return detail.hasPrefix("none of the 1 features is valid")
    }
}

@Test func theByteReadingAgreesWithTheTreeReading() throws {
    let body = text([
        feature(
            "+61255501234",
            #","address":"1 Macquarie St","locality":"Sydney","updated_at":"2026-11-28T10:00:00Z","battery":0.5,"list":[true,null,{"x":"\u00e9\ud83c\udf0d"}]"#
        ),
        feature("dup", #","updated_at":"2026-11-28T10:00:00Z""#),
        feature("dup", #","updated_at":"2026-11-28T11:00:00Z""#, coordinates: "[3,4,5.5]"),
        feature("t", #","updated_at":"2026-11-28T10:00:00","address":7"#),
        #"{"type":"Feature","geometry":{"type":"LineString","coordinates":[[1,2]]},"properties":{"handle":"x"}}"#,
        #"{"type":"Feature","geometry":{"type":"Point","coordinates":[1,2],"coordinates":[5,6]},"properties":{"handle":"k","handle":"last"}}"#,
        "42",
    ])
    let direct = try decode(body)
    let tree = try LocationDecoder.snapshot(fromSuccessBody: JSONValue.parse(Data(body.utf8)))
    #expect(direct == tree)
    #expect(direct.participants.map(\.handle) == ["+61255501234", "dup", "t", "last"])
    #expect(direct.participants.last?.coordinate == Coordinate(longitude: 5, latitude: 6))
    #expect(direct.participants[0].properties["list"] == tree.participants[0].properties["list"])
}

@Test func propertiesAreKeptAsReceivedForGeoJSON() throws {
    let properties = #"{"handle":"a","nested":{"z":[1,2.5,"\u0041"]},"n":null}"#
    let snapshot = try decode(
        text([#"{"type":"Feature","geometry":{"type":"Point","coordinates":[1,2]},"properties":\#(properties)}"#]))
    let received = try #require(snapshot.participants[0].featureProperties.receivedText)
    #expect(String(decoding: received, as: UTF8.self) == properties)
    #expect(snapshot.participants[0].properties["nested"]?["z"] == .array([.number(1), .number(2.5), .string("A")]))
}

@Test(arguments: [
    ("UTF-16BE", String.Encoding.utf16BigEndian, false), ("UTF-16LE", .utf16LittleEndian, false),
    ("UTF-16 with a byte order mark", .utf16, false), ("UTF-32BE", .utf32BigEndian, false),
    ("UTF-32LE", .utf32LittleEndian, false), ("UTF-8 with a byte order mark", .utf8, true),
])
func bodiesInEveryJSONEncodingDecode(name: String, encoding: String.Encoding, addsUTF8Mark: Bool) throws {
    let body = text([feature("ana", #","locality":"Zürich 🌍""#)])
    var data = try #require(body.data(using: encoding))
    if addsUTF8Mark { data = Data([0xEF, 0xBB, 0xBF]) + data }
    let snapshot = try decode(data)
    #expect(snapshot.participants.map(\.handle) == ["ana"])
    #expect(snapshot.participants[0].locality == "Zürich 🌍")
}

@Test(arguments: [String.Encoding.utf16LittleEndian, .utf16BigEndian, .utf32LittleEndian, .utf32BigEndian])
func theDepthLimitAppliesToUTF16And32Bodies(encoding: String.Encoding) throws {
    let deep = String(repeating: "[", count: 505) + String(repeating: "]", count: 505)
    let body = text([feature("h", #","x":\#(deep)"#)])
    let data = try #require(body.data(using: encoding))
    #expect(throws: FetchError.malformed(detail: "JSON nested deeper than 64 levels")) { try decode(data) }
    #expect(throws: JSONValue.ParseError(detail: "JSON nested deeper than 64 levels")) { try JSONValue.parse(data) }
}

@Test func aLoneSurrogateCodeUnitInAUTF16BodyIsInvalidUnicodeInThatString() throws {
    let body = text([feature("a"), feature("b", #","locality":"L""#)])
    var data = try #require(body.data(using: .utf16LittleEndian))
    // Replace the locality's "L" (4C 00) with a lone high surrogate (00 D8).
    let marker = try #require(data.range(of: Data([0x4C, 0x00])))
    data.replaceSubrange(marker, with: [0x00, 0xD8])
    let snapshot = try decode(data)
    #expect(snapshot.participants.map(\.handle) == ["a", "b"])
    #expect(snapshot.warnings == ["feature 2 (b): locality is a string that is not valid UTF-8; ignored"])
}

@Test func longTextIsCutWhenItArrives() throws {
    let long = String(repeating: "é", count: 1_000_000)
    let handle = String(repeating: "h", count: 600)
    let snapshot = try decode(text([feature(handle, #","locality":"\#(long)","address":"\#(long)""#)]))
    let participant = try #require(snapshot.participants.first)
    #expect(participant.locality?.count == 512)
    #expect(participant.locality?.hasSuffix("é…") == true)
    #expect(participant.address?.count == 512)
    #expect(participant.handle == String(repeating: "h", count: 511) + "…")
    // The whole text stays in the properties, for --format geojson.
    #expect(participant.properties["handle"] == .string(handle))
    #expect(participant.properties["locality"]?.stringValue?.count == 1_000_000)
}

@Test func textUpToTheLimitIsKeptWhole() {
    let text = String(repeating: "👩‍👩‍👧", count: 512)
    #expect(Participant.cutForDisplay(text) == text)
    #expect(Participant.cutForDisplay(text + "x").count == 512)
}

@Test func timeWarningsSayWhatWasRead() throws {
    let snapshot = try decode(
        text([
            feature("a", #","updated_at":"2026-11-28T10:00:00""#),
            feature("b", #","updated_at":"0000-01-01T00:00:00Z""#),
            feature("c", #","updated_at":"9999-12-31T23:59:59Z""#),
        ]))
    #expect(snapshot.participants[0].updatedAt == Date(timeIntervalSince1970: 1_795_860_000))
    #expect(snapshot.participants[1].updatedAt == nil)
    #expect(snapshot.participants[2].updatedAt != nil)
    #expect(
        snapshot.warnings == [
            #"feature 1 (a): updated_at "2026-11-28T10:00:00": no time zone, read as UTC"#,
            #"feature 2 (b): updated_at "0000-01-01T00:00:00Z" is before 2000; shown as unknown"#,
        ])
    let now = Date(timeIntervalSince1970: 1_795_860_000)
    #expect(Staleness(updatedAt: snapshot.participants[1].updatedAt, now: now).text == "unknown")
    #expect(Staleness(updatedAt: snapshot.participants[2].updatedAt, now: now).text == "clock ahead")
    #expect(snapshot.warnings(at: now).count == 3)
}

@Test func aDuplicatePropertyKeepsItsLastValueInEveryReading() throws {
    let snapshot = try decode(text([feature("a", #","updated_at":"first","updated_at":"2025-06-01T12:00:00Z""#)]))
    let participant = try #require(snapshot.participants.first)
    #expect(participant.updatedAtText == "2025-06-01T12:00:00Z")
    #expect(participant.properties["updated_at"] == .string("2025-06-01T12:00:00Z"))
    let written = GeoJSONWriter.featureCollection(snapshot.participants)
    #expect(try decode(written) == snapshot)
}

/// Found by fuzz/location.swift: the last of two `updated_at` held invalid UTF-8, so the value was ignored, but
/// the first stayed in the properties text and `--format geojson` wrote it, changing the participant.
@Test func aDuplicateKeyWhoseLastValueIsOddLeavesNoEarlierValueBehind() throws {
    let snapshot = try decode(text([feature("a", #","updated_at":"first","updated_at":"x\ud800","k":1,"k":1e999"#)]))
    let participant = try #require(snapshot.participants.first)
    #expect(participant.updatedAtText == nil)
    #expect(participant.properties == .object(["handle": .string("a")]))
    #expect(try decode(GeoJSONWriter.featureCollection(snapshot.participants)).participants == snapshot.participants)
}
