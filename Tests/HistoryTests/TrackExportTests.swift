import Foundation
import History
import LinqModel
import Testing

struct TrackExportTests {
    static let start = Date(timeIntervalSince1970: 1_796_000_000)

    static let ana = Track(
        chatID: "c1", handle: "+14155550101",
        points: [
            TrackPoint(
                handle: "+14155550101", coordinate: Coordinate(longitude: 24.95, latitude: 60.1675),
                locality: "Helsinki", address: "Esplanadi 1, \"Kämp\"", updatedAt: start, recordedAt: start,
                seenAt: start.addingTimeInterval(5)),
            TrackPoint(
                kind: .stopped, handle: "+14155550101", coordinate: Coordinate(longitude: 24.95, latitude: 60.1675),
                recordedAt: start.addingTimeInterval(10)),
            TrackPoint(
                kind: .started, handle: "+14155550101", coordinate: Coordinate(longitude: 24.9412, latitude: 60.1699),
                recordedAt: start.addingTimeInterval(60)),
        ])

    static let ben = Track(
        chatID: "c1", handle: "ben@example.com",
        points: [
            TrackPoint(
                handle: "ben@example.com", coordinate: Coordinate(longitude: -0.5, latitude: 51.25, altitude: 12),
                recordedAt: start)
        ])

    @Test func geoJSONHasALineStringPerTrackAndAPointForOneFix() {
        #expect(
            TrackExport.geoJSON([Self.ana, Self.ben], names: ["+14155550101": "Ana"])
                == #"{"features":[{"geometry":{"coordinates":[[24.95,60.1675],[24.9412,60.1699]],"type":"LineString"},"#
                + #""properties":{"chat_id":"c1","handle":"+14155550101","name":"Ana","times":["#
                + #""2026-11-30T00:53:20Z","2026-11-30T00:54:20Z"]},"type":"Feature"},"#
                + #"{"geometry":{"coordinates":[-0.5,51.25,12],"type":"Point"},"properties":{"chat_id":"c1","#
                + #""handle":"ben@example.com","name":null,"times":["2026-11-30T00:53:20Z"]},"type":"Feature"}],"#
                + #""type":"FeatureCollection"}"#)
        #expect(TrackExport.geoJSON([]) == #"{"features":[],"type":"FeatureCollection"}"#)
    }

    @Test func csvHasTheHeaderAndOneQuotedLinePerPosition() {
        #expect(
            TrackExport.csv([Self.ana, Self.ben])
                == "chat_id,handle,name,lat,lon,locality,address,updated_at,seen_at\r\n"
                + "c1,+14155550101,,60.1675,24.95,Helsinki,\"Esplanadi 1, \"\"Kämp\"\"\",2026-11-30T00:53:20Z,"
                + "2026-11-30T00:53:25Z\r\n"
                + "c1,+14155550101,,60.1699,24.9412,,,,2026-11-30T00:54:20Z\r\n"
                + "c1,ben@example.com,,51.25,-0.5,,,,2026-11-30T00:53:20Z\r\n")
    }
}
