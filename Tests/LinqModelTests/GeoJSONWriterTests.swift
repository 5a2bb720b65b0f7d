import Foundation
import LinqModel
import Testing

private let sample = [
    Participant(
        handle: "+61255501234", coordinate: Coordinate(longitude: 151.2093, latitude: -33.8688),
        properties: .object([
            "handle": .string("+61255501234"), "address": .null, "count": .number(3), "ratio": .number(0.1),
            "nested": .object(["list": .array([.bool(true), .string("a\"b\\c")])]),
        ])),
    Participant(
        handle: "ana@example.com", coordinate: Coordinate(longitude: 2.2945, latitude: 48.8584, altitude: 330.5),
        locality: "Paris",
        properties: .object(["handle": .string("ana@example.com"), "locality": .string("Paris")])),
]

@Test func emptyCollection() {
    #expect(GeoJSONWriter.featureCollection([]) == #"{"type":"FeatureCollection","features":[]}"#)
}

@Test func outputIsDeterministicWithSortedKeys() {
    #expect(
        GeoJSONWriter.featureCollection(Array(sample.prefix(1))) == """
            {"type":"FeatureCollection","features":[
            {"type":"Feature","geometry":{"type":"Point","coordinates":[151.2093,-33.8688]},"properties":{"address":null,"count":3,"handle":"+61255501234","nested":{"list":[true,"a\\"b\\\\c"]},"ratio":0.1}}
            ]}
            """)
}

@Test func outputParsesBackToTheSameFeatures() throws {
    let text = GeoJSONWriter.featureCollection(sample)
    let parsed = try JSONValue.parse(Data(text.utf8))
    #expect(parsed["type"] == .string("FeatureCollection"))
    let features = try #require(parsed["features"]?.arrayValue)
    #expect(features.count == 2)
    for (feature, participant) in zip(features, sample) {
        #expect(feature["properties"] == participant.properties)
        #expect(feature["geometry"]?["type"] == .string("Point"))
    }
    #expect(features[1]["geometry"]?["coordinates"] == .array([.number(2.2945), .number(48.8584), .number(330.5)]))
    // The writer's output is itself a valid location body for our decoder.
    let snapshot = try LocationDecoder.snapshot(fromSuccessBody: parsed)
    #expect(snapshot.participants == sample)
}

@Test func escapedOutputHasNoRawControlOrBidiScalars() {
    var hostile = ""
    for value in Array(0x00...0x9F) + Array(0x202A...0x202E) + Array(0x2066...0x2069) {
        if let scalar = Unicode.Scalar(value) { hostile.unicodeScalars.append(scalar) }
    }
    let participant = Participant(
        handle: hostile, coordinate: Coordinate(longitude: 0, latitude: 0),
        properties: .object([hostile: .string(hostile)]))
    let text = GeoJSONWriter.featureCollection([participant])
    let offending = text.unicodeScalars.filter { scalar in
        (scalar.value < 0x20 && scalar != "\n") || (0x7F...0x9F).contains(scalar.value)
            || (0x202A...0x202E).contains(scalar.value) || (0x2066...0x2069).contains(scalar.value)
    }
    #expect(offending.isEmpty)
}

/// Received properties of many shapes, each as the decoder keeps them (text) and as a value: the writer gives the
/// same bytes for both, with and without added properties.
@Test(arguments: [
    #"{"handle":"a","address":null,"locality":"Köln","updated_at":"2026-12-01T10:00:00Z"}"#,
    #"{ "handle" : "a" , "battery" : 0.5, "n": 12, "z": -0, "big": 12345678901234567, "e": 1e3, "lead": 0 }"#,
    #"{"handle":"a","esc":"tab\there \"q\" \u00e9 \/","bidi":"\u202e","nested":{"b":[1,{"y":2,"x":1}],"a":true}}"#,
    #"{"handle":"a","handle":"b","chat_id":"sent","name":"Sam","off":false}"#,
    #"{"h\u0061ndle":"a","x":"y"}"#,
    #"{"handle":"a","name":"Sam","chat_id":"sent"}"#,
])
func receivedPropertiesAreWrittenAsTheirValueIs(properties: String) throws {
    let feature = #"{"type":"Feature","geometry":{"type":"Point","coordinates":[1.5,2]},"properties":"#
    let body = #"{"success":true,"data":{"type":"FeatureCollection","features":["# + feature + properties + "}]}}"
    let received = try LocationDecoder.snapshot(
        status: 200, body: Data(body.utf8), chatID: "975d0776-bd17-4273-8337-f346b4c661b0"
    ).participants
    var asValue = received
    asValue[0].properties = received[0].properties
    #expect(asValue[0].featureProperties.receivedText == nil)
    #expect(received[0].featureProperties.receivedText != nil)
    #expect(GeoJSONWriter.featureCollection(received) == GeoJSONWriter.featureCollection(asValue))
    let added: [GeoJSONWriter.Property] = [("chat_id", .string("c")), ("name", .null)]
    let written = GeoJSONWriter.featureCollection(received) { _ in added }
    #expect(written == GeoJSONWriter.featureCollection(asValue) { _ in added })
    var members: [String: JSONValue] = [:]
    if case .object(let object) = received[0].properties { members = object }
    members["chat_id"] = .string("c")
    members["name"] = .null
    #expect(written.contains(#""properties":\#(JSONWriter.text(.object(members)))}"#))
}
