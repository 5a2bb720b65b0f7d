import Contacts
import Foundation
import Geo
import History
import LinqModel
import MapApp
import Testing
import TextUI

private typealias F = Fixtures

@Test(arguments: [
    ("+14155550101", "+1•••••0101"),
    ("+442075550103", "+44•••••0103"),
    ("+8613800138000", "+86•••••8000"),
    ("+2348055501004", "+234•••••1004"),
    ("4155550101", "•••••0101"),
    ("ana@example.com", "a•••@example.com"),
    ("x", "x•••"),
])
func handlesAreMasked(handle: String, masked: String) {
    #expect(Redaction.handle(handle) == masked)
}

@Test func asciiMasksWithStars() {
    #expect(Redaction.handle("+14155550101", ascii: true) == "+1*****0101")
    #expect(Redaction.handle("ana@example.com", ascii: true) == "a***@example.com")
}

@Test func namesKeepTheFirstWord() {
    #expect(Redaction.name("Ana Lima") == "Ana")
    #expect(Redaction.name("  Bo ") == "Bo")
    #expect(Redaction.name("Chen") == "Chen")
}

@Test func positionsSnapToAboutOneKilometre() {
    let snapped = Redaction.position(LatLon(lat: 37.77493, lon: -122.41942))
    #expect(snapped == LatLon(lat: 37.77, lon: -122.42))
    let coordinate = Redaction.coordinate(Coordinate(longitude: 8.4918, latitude: 47.3497, altitude: 869))
    #expect(coordinate == Coordinate(longitude: 8.49, latitude: 47.35))
}

@Test func participantsLoseTheirAddressAndKeepTheirLocality() {
    let redacted = Redaction.participant(F.ana)
    #expect(redacted.handle == "+1•••••0101")
    #expect(redacted.address == nil)
    #expect(redacted.locality == "San Francisco")
    #expect(redacted.updatedAt == F.ana.updatedAt)
    #expect(redacted.coordinate == Coordinate(longitude: -122.42, latitude: 37.77))
}

@Test func freeTextHasItsHandlesAndEmailsMasked() {
    #expect(
        Redaction.text("Ana, +14155550101 (bo@example.com): duplicate handle +442075550103")
            == "Ana, +1•••••0101 (b•••@example.com): duplicate handle +44•••••0103")
    #expect(Redaction.text("Around the world") == "Around the world")
    #expect(
        Redaction.text("updated_at 2026-12-01T16:04:05Z is 3 h ahead") == "updated_at 2026-12-01T16:04:05Z is 3 h ahead"
    )
    #expect(Redaction.text("Ana Lima, Bo", names: ["Ana Lima", "Bo"]) == "Ana, Bo")
}

/// Everything the screen shows of Fixtures.group, named from a contact book, in privacy mode.
@Test func theRedactedScreenShowsNoHandleEmailNameOrAddress() {
    var state = AppState(chatID: F.chatID, width: 160, height: 40)
    state.useContacts(ContactBook(contacts: [Contact(name: "Ana Lima", phones: [F.ana.handle])]))
    _ = state.apply(.chatNamed("Ana Lima, +8613800138000"))
    _ = state.apply(.pollSucceeded(F.group, now: F.start))
    _ = state.apply(.key(.control("r"), now: F.start))
    let frame = ViewerFrame.render(state, now: F.start, options: FrameOptions(), composer: MapComposer())
    let text = frame.text
    for participant in F.group.participants {
        #expect(!text.contains(participant.handle), "\(participant.handle)")
        if let address = participant.address { #expect(!text.contains(address), "\(address)") }
    }
    #expect(!text.contains("Ana Lima"))
    #expect(text.contains("+1•••••0101"))
    #expect(text.contains("b•••@example.com"))
    #expect(text.contains("redacted"))
    #expect(text.contains("San Francisco"))
}

@Test func ctrlRTogglesPrivacyModeAndTheMarkersMove() {
    var state = AppState(chatID: F.chatID, width: 120, height: 40)
    _ = state.apply(.pollSucceeded(F.group, now: F.start))
    let ana = state.participants.first
    #expect(ana.map(state.shownPosition) == F.ana.latLon)
    _ = state.apply(.key(.control("r"), now: F.start))
    #expect(ana.map(state.shownPosition) == LatLon(lat: 37.77, lon: -122.42))
    #expect(state.displayName(of: F.bo.handle) == "b•••@example.com")
    _ = state.apply(.key(.control("r"), now: F.start))
    #expect(!state.isRedacted)
    #expect(state.displayName(of: F.bo.handle) == F.bo.handle)
}

@Test func chatListsKeepOnlyMaskedOthersAndFirstNames() {
    let chat = Chat(
        id: "c1", displayName: "Ana Lima, bo@example.com", handles: ["+15555550100", F.ana.handle, F.bo.handle],
        isGroup: true, ownHandles: ["+15555550100"])
    let (chats, names) = Redaction.chatList([chat], names: [F.ana.handle: "Ana Lima"])
    #expect(chats[0].handles == ["+1•••••0101", "b•••@example.com"])
    #expect(chats[0].otherHandles == chats[0].handles)
    #expect(chats[0].displayName == "Ana, b•••@example.com")
    #expect(names == ["+1•••••0101": "Ana"])
}

@Test func aRecordedTrackIsMaskedSnappedAndWithoutAddresses() {
    let point = TrackPoint(
        handle: "+14155550101", coordinate: Coordinate(longitude: -122.41942, latitude: 37.77493, altitude: 12),
        locality: "San Francisco", address: "1 Market St", updatedAt: F.start, recordedAt: F.start)
    let track = Redaction.track(Track(chatID: F.chatID, handle: "+14155550101", points: [point]))
    #expect(track.handle == "+1•••••0101")
    #expect(track.chatID == F.chatID)
    let shown = track.points[0]
    #expect(shown.handle == "+1•••••0101")
    #expect(shown.coordinate == Coordinate(longitude: -122.42, latitude: 37.77))
    #expect(shown.address == nil)
    #expect(shown.locality == "San Francisco")
    #expect(shown.updatedAt == F.start && shown.recordedAt == F.start && shown.seenAt == F.start)
    let csv = TrackExport.csv([track], names: Redaction.names(["+14155550101": "Ana Lima"]))
    #expect(!csv.contains("4155550101") && !csv.contains("Market") && !csv.contains("Lima"))
    #expect(csv.contains(",+1•••••0101,Ana,37.77,-122.42,San Francisco,,"))
}

@Test func aRecordedEventIsMaskedWithItsPlaceKept() {
    let event = ChatEvent(
        time: F.start, chatID: F.chatID, handle: "ana@example.com", name: "Ana Lima", kind: .arrived, place: "home",
        position: LatLon(lat: 40.71283, lon: -74.00601))
    let shown = Redaction.event(event, ascii: true)
    #expect(shown.handle == "a***@example.com")
    #expect(shown.summary == "Ana arrived home")
    #expect(shown.position == LatLon(lat: 40.71, lon: -74.01))
    #expect(shown.time == F.start && shown.chatID == F.chatID && shown.kind == .arrived)
}

@Test func namesFollowTheirMaskedHandlesUnlessTwoPeopleShareOneMask() {
    let names = Redaction.names([
        "+14155550101": "Ana Lima", "+14085550101": "Bo Chen", "+14155550102": "Cy Ode", "cy@example.com": "Cy Ode",
    ])
    // +1•••••0101 stands for Ana and Bo: no name is better than the wrong one.
    #expect(names == ["+1•••••0102": "Cy", "c•••@example.com": "Cy"])
}
