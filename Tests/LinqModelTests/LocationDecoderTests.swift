import Foundation
import LinqModel
import Testing

private let chatID = "975d0776-bd17-4273-8337-f346b4c661b0"

private func feature(_ coordinates: String, _ properties: String = #"{"handle":"+15555550101"}"#) -> String {
    #"{"type":"Feature","geometry":{"type":"Point","coordinates":\#(coordinates)},"properties":\#(properties)}"#
}

private func body(_ features: [String]) -> Data {
    Data(#"{"success":true,"data":{"type":"FeatureCollection","features":[\#(features.joined(separator: ","))]}}"#.utf8)
}

private func decode(_ data: Data, status: Int = 200) throws(FetchError) -> LocationSnapshot {
    try LocationDecoder.snapshot(status: status, body: data, chatID: chatID)
}

@Test func decodesAGoodBody() throws {
    let snapshot = try decode(
        body([
            feature(
                "[151.2093, -33.8688]",
                #"{"handle":"+61255501234","address":"1 Macquarie St","locality":"Sydney","updated_at":"2026-11-28T10:00:00Z","battery":0.5}"#
            ),
            feature("[-0.1276, 51.5072]", #"{"handle":"ana@example.com"}"#),
        ]))
    #expect(snapshot.warnings.isEmpty)
    #expect(snapshot.participants.map(\.handle) == ["+61255501234", "ana@example.com"])
    let first = snapshot.participants[0]
    #expect(first.coordinate == Coordinate(longitude: 151.2093, latitude: -33.8688))
    #expect(first.address == "1 Macquarie St")
    #expect(first.locality == "Sydney")
    #expect(first.updatedAt == Date(timeIntervalSince1970: 1_795_860_000))
    #expect(first.updatedAtText == "2026-11-28T10:00:00Z")
    #expect(first.properties["battery"] == .number(0.5))
    #expect(snapshot.participants[1].address == nil)
}

@Test func keepsAltitudeOfThreeDimensionalPoints() throws {
    let snapshot = try decode(body([feature("[2.2945, 48.8584, 330.5]")]))
    #expect(snapshot.participants[0].coordinate == Coordinate(longitude: 2.2945, latitude: 48.8584, altitude: 330.5))
}

@Test func nullOptionalFieldsAreAbsent() throws {
    let snapshot = try decode(
        body([feature("[0, 0]", #"{"handle":"h","address":null,"locality":null,"updated_at":null}"#)]))
    let participant = snapshot.participants[0]
    #expect(participant.address == nil && participant.locality == nil && participant.updatedAt == nil)
    #expect(participant.updatedAtText == nil)
    #expect(snapshot.warnings.isEmpty)
}

@Test func acceptsABareFeatureCollection() throws {
    let data = Data(#"{"type":"FeatureCollection","features":[\#(feature("[1, 2]"))]}"#.utf8)
    #expect(try decode(data).participants.count == 1)
}

@Test func emptyFeaturesIsSuccessWithNobody() throws {
    let snapshot = try decode(body([]))
    #expect(snapshot.participants.isEmpty && snapshot.warnings.isEmpty)
}

@Test(arguments: [
    ("not an object", "42"),
    ("wrong type", #"{"type":"Nope","geometry":{"type":"Point","coordinates":[1,2]},"properties":{"handle":"h"}}"#),
    ("no geometry", #"{"type":"Feature","properties":{"handle":"h"}}"#),
    ("null geometry", #"{"type":"Feature","geometry":null,"properties":{"handle":"h"}}"#),
    (
        "line string",
        #"{"type":"Feature","geometry":{"type":"LineString","coordinates":[[1,2],[3,4]]},"properties":{"handle":"h"}}"#
    ),
    ("one number", feature("[1]")),
    ("four numbers", feature("[1, 2, 3, 4]")),
    ("string number", feature(#"["1", 2]"#)),
    ("null number", feature("[null, 2]")),
    ("longitude too big", feature("[180.0001, 0]")),
    ("longitude too small", feature("[-181, 0]")),
    ("latitude too big", feature("[0, 90.5]")),
    ("latitude too small", feature("[0, -91]")),
    ("no properties", #"{"type":"Feature","geometry":{"type":"Point","coordinates":[1,2]}}"#),
    ("no handle", feature("[1, 2]", #"{"address":"x"}"#)),
    ("null handle", feature("[1, 2]", #"{"handle":null}"#)),
    ("empty handle", feature("[1, 2]", #"{"handle":""}"#)),
    ("blank handle", feature("[1, 2]", #"{"handle":"  "}"#)),
    ("number handle", feature("[1, 2]", #"{"handle":15555550101}"#)),
])
func invalidFeatureIsSkippedAndNeighboursSurvive(name: String, bad: String) throws {
    let snapshot = try decode(
        body([feature("[1, 2]", #"{"handle":"a"}"#), bad, feature("[3, 4]", #"{"handle":"b"}"#)]))
    #expect(snapshot.participants.map(\.handle) == ["a", "b"])
    #expect(snapshot.warnings.count == 1)
    #expect(snapshot.warnings.first?.hasPrefix("skipped feature 2: ") == true)
}

@Test func boundaryCoordinatesAreValid() throws {
    let snapshot = try decode(
        body([
            feature("[180, 90]", #"{"handle":"a"}"#), feature("[-180, -90]", #"{"handle":"b"}"#),
        ]))
    #expect(snapshot.participants.count == 2)
}

@Test func allFeaturesInvalidIsMalformed() {
    #expect {
        try decode(body([feature("[500, 0]"), feature("[0, 0]", "{}")]))
    } throws: { error in
        guard case FetchError.malformed(let detail) = error else { return false }
        return detail.hasPrefix("none of the 2 features is valid")
    }
}

@Test(arguments: [
    ("truncated", #"{"success":true,"data":{"type":"FeatureCollection","features":["#),
    ("NaN", #"{"success":true,"data":{"type":"FeatureCollection","features":[\#(feature("[NaN, 0]"))]}}"#),
    ("1e400", #"{"success":true,"data":{"type":"FeatureCollection","features":[\#(feature("[1e400, 0]"))]}}"#),
    ("no data", #"{"success":true}"#),
    ("data not an object", #"{"success":true,"data":[]}"#),
    ("not a collection", #"{"success":true,"data":{"type":"Feature","features":[]}}"#),
    ("no features", #"{"success":true,"data":{"type":"FeatureCollection"}}"#),
    ("features not array", #"{"success":true,"data":{"type":"FeatureCollection","features":{}}}"#),
    ("html", "<html><body>hi</body></html>"),
    ("empty", ""),
])
func malformedBodiesFailAsAWhole(name: String, text: String) {
    #expect {
        try decode(Data(text.utf8))
    } throws: { error in
        guard case FetchError.malformed = error else { return false }
        return (error as? FetchError)?.exitCode == 65
    }
}

@Test func deepNestingIsRejectedCleanly() {
    let deep = String(repeating: "[", count: 50_000) + String(repeating: "]", count: 50_000)
    let text =
        #"{"success":true,"data":{"type":"FeatureCollection","features":[\#(feature("[1,2]", #"{"handle":"h","x":\#(deep)}"#))]}}"#
    #expect(throws: FetchError.malformed(detail: "JSON nested deeper than 64 levels")) {
        try decode(Data(text.utf8))
    }
}

@Test func duplicateHandleKeepsNewestAtFirstPosition() throws {
    let snapshot = try decode(
        body([
            feature("[1, 1]", #"{"handle":"dup","updated_at":"2026-11-28T10:00:00Z"}"#),
            feature("[5, 5]", #"{"handle":"other"}"#),
            feature("[2, 2]", #"{"handle":"dup","updated_at":"2026-11-28T11:00:00+01:00"}"#),  // same instant: tie
            feature("[3, 3]", #"{"handle":"dup","updated_at":"2026-11-28T10:30:00Z"}"#),
            feature("[4, 4]", #"{"handle":"dup"}"#),
        ]))
    #expect(snapshot.participants.map(\.handle) == ["dup", "other"])
    #expect(snapshot.participants[0].coordinate.longitude == 3)
    #expect(snapshot.warnings.count == 3)
    #expect(snapshot.warnings.allSatisfy { $0.hasPrefix("duplicate handle dup:") })
}

@Test func knownTimeBeatsUnknownForDuplicates() throws {
    let snapshot = try decode(
        body([
            feature("[1, 1]", #"{"handle":"dup","updated_at":"garbage"}"#),
            feature("[2, 2]", #"{"handle":"dup","updated_at":"2020-01-01T00:00:00Z"}"#),
        ]))
    #expect(snapshot.participants.map(\.coordinate.longitude) == [2])
}

@Test(arguments: [
    ("2026-11-28T10:00:00Z", 1_795_860_000.0),
    ("2026-11-28T10:00:00.250Z", 1_795_860_000.25),
    ("2026-11-28T10:00:00.1Z", 1_795_860_000.1),
    ("2026-11-28T12:00:00+02:00", 1_795_860_000.0),
    ("2026-11-28T04:30:00-05:30", 1_795_860_000.0),
    ("2026-11-28T10:00:00.5+00:00", 1_795_860_000.5),
])
func oddTimestampsParse(text: String, seconds: Double) throws {
    let date = try #require(LocationDecoder.parseTimestamp(text))
    #expect(abs(date.timeIntervalSince1970 - seconds) < 0.001)
}

@Test(arguments: [
    "yesterday", "2026-11-28 10:00:00", "", "2026-13-45T99:00:00Z", "2026-02-29T10:00:00Z", "2026-11-28T24:00:00Z",
    "2026-11-28T10:00:00.Z", "2026-11-28T10:00:00+25:00", "2026-11-28T10:00:00Zjunk", "2026-11-28",
])
func unparseableTimestampIsUnknownWithAWarning(text: String) throws {
    let snapshot = try decode(body([feature("[1, 2]", #"{"handle":"h","updated_at":"\#(text)"}"#)]))
    #expect(snapshot.participants[0].updatedAt == nil)
    #expect(snapshot.participants[0].updatedAtText == text)
    #expect(snapshot.warnings == ["feature 1 (h): updated_at \"\(text)\" is not ISO 8601; shown as unknown"])
}

@Test func wronglyTypedOptionalFieldIsIgnoredWithAWarning() throws {
    let snapshot = try decode(body([feature("[1, 2]", #"{"handle":"h","address":42,"updated_at":7}"#)]))
    #expect(snapshot.participants[0].address == nil)
    #expect(snapshot.participants[0].updatedAt == nil)
    #expect(snapshot.warnings.count == 2)
}

@Test func unknownFieldsAreTolerated() throws {
    let text =
        #"{"success":true,"meta":{"x":1},"data":{"type":"FeatureCollection","bbox":[0,0,1,1],"features":[{"type":"Feature","id":7,"geometry":{"type":"Point","coordinates":[1,2],"crs":null},"properties":{"handle":"h","color":"red"}}]}}"#
    let snapshot = try decode(Data(text.utf8))
    #expect(snapshot.participants[0].properties == .object(["handle": .string("h"), "color": .string("red")]))
}

@Test func errorStatusesUseTheErrorEnvelope() {
    let text = #"{"success":false,"error":{"status":404,"code":2001,"message":"Chat not found","doc_url":"https://d"}}"#
    #expect(
        throws: FetchError.chatNotFound(
            chatID: chatID, APIError(status: 404, code: 2001, message: "Chat not found", docURL: "https://d"))
    ) {
        try decode(Data(text.utf8), status: 404)
    }
}

@Test func successFalseOn200IsAnAPIError() {
    let text = #"{"success":false,"error":{"status":403,"code":2005,"message":"Forbidden","doc_url":"https://d"}}"#
    #expect(
        throws: FetchError.unauthorized(APIError(status: 403, code: 2005, message: "Forbidden", docURL: "https://d"))
    ) {
        try decode(Data(text.utf8), status: 200)
    }
}

@Test func htmlPageFor502IsUnavailableNamingTheStatus() {
    #expect {
        try decode(Data("<html><h1>502 Bad Gateway</h1></html>".utf8), status: 502)
    } throws: { error in
        guard let error = error as? FetchError else { return false }
        return error.exitCode == 69 && error.message.contains("HTTP 502")
    }
}
