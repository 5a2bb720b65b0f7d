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
