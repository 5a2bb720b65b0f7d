import Foundation
import Geo
import LinqModel
import MapApp
import TestSupport
import Testing
import TextUI

@Test func aPlaceIsANameACentreAndARadius() throws {
    let home = try NamedPlace.parse("home=40.7128,-74.0060,300m")
    #expect(home == NamedPlace(name: "home", center: LatLon(lat: 40.7128, lon: -74.0060), radiusMeters: 300))
    #expect(try NamedPlace.parse("office = 51.5, -0.12").radiusMeters == 200)
    #expect(try NamedPlace.parse("lake=60,25,2km").radiusMeters == 2000)
    #expect(try NamedPlace.parse("lake=60,25,1.5KM").radiusText == "1.5 km")
    #expect(home.leaveRadiusMeters == 360)
    #expect(try NamedPlace.parse(name: "home", value: "40.7128,-74.0060,300m") == home)
}

@Test(arguments: [
    ("home", "'home' has no '=': write NAME=LAT,LON[,RADIUS], e.g. home=40.7128,-74.0060,300m"),
    ("=1,2", "a place needs a name before '=', e.g. home=40.7128,-74.0060"),
    ("home=1", "place 'home': '1' is not LAT,LON[,RADIUS], e.g. 40.7128,-74.0060,300m"),
    ("home=91,0", "place 'home': latitude '91' must be a number from -90 to 90"),
    ("home=0,east", "place 'home': longitude 'east' must be a number from -180 to 180"),
    ("home=0,0,300", "place 'home': radius '300' must be metres or kilometres from 1 m to 500 km, e.g. 300m or 2km"),
    ("home=0,0,0m", "place 'home': radius '0m' must be metres or kilometres from 1 m to 500 km, e.g. 300m or 2km"),
    (
        "home=0,0,1000km",
        "place 'home': radius '1000km' must be metres or kilometres from 1 m to 500 km, e.g. 300m or 2km"
    ),
])
func badPlacesSayWhatIsWrongAndHowToWriteThem(text: String, message: String) {
    #expect(throws: PlaceError(message)) { try NamedPlace.parse(text) }
}

@Test func twoPlacesWithOneNameAreRefused() throws {
    let places = [try NamedPlace.parse("home=1,2"), try NamedPlace.parse("home=3,4")]
    #expect(throws: PlaceError("place 'home' is given twice; give each place its own name")) {
        try NamedPlace.checkNames(places)
    }
}

@Test func aPlaceIsDrawnAsARingWithItsNameOnceItIsAFewCellsWide() {
    let composer = MapComposer(atlas: .embedded)
    var options = MapOptions(showsPlaceLabels: false)
    options.places = [NamedPlace(name: "home", center: LatLon(lat: 40.7128, lon: -74.0060), radiusMeters: 300)]
    let size = Rect(x: 0, y: 0, width: 40, height: 16)
    var near = CellBuffer(width: 40, height: 16)
    _ = composer.compose(
        Viewport(center: LatLon(lat: 40.7128, lon: -74.0060), zoom: 15), markers: [], options: options, into: &near,
        area: size)
    #expect(near.text.contains("home"))
    let ring = near.cells.filter { cell in
        cell.style == Style(foreground: .magenta, attributes: .dim) && cell.character != " "
    }
    #expect(ring.count > 20)
    // Zoomed out, the circle is under a few cells: nothing is drawn for it.
    var far = CellBuffer(width: 40, height: 16)
    _ = composer.compose(
        Viewport(center: LatLon(lat: 40.7128, lon: -74.0060), zoom: 9), markers: [], options: options, into: &far,
        area: size)
    #expect(!far.text.contains("home"))
}

@Test func theRingStaysBehindAMarker() {
    let composer = MapComposer(atlas: .embedded)
    var options = MapOptions(showsPlaceLabels: false)
    let centre = LatLon(lat: 40.7128, lon: -74.0060)
    options.places = [NamedPlace(name: "home", center: centre, radiusMeters: 300)]
    let area = Rect(x: 0, y: 0, width: 40, height: 16)
    var plain = CellBuffer(width: 40, height: 16)
    let viewport = Viewport(center: centre, zoom: 15)
    _ = composer.compose(viewport, markers: [], options: options, into: &plain, area: area)
    // A marker on the ring's northernmost cell: the marker is drawn, not the ring.
    let north = LatLon(lat: 40.7128 + 300 / 110_574, lon: -74.0060)
    var marked = CellBuffer(width: 40, height: 16)
    _ = composer.compose(
        viewport, markers: [MapMarker(label: "1", position: north)], options: options, into: &marked, area: area)
    #expect(marked.text.contains("1"))
    #expect(marked.text.contains("home"))
}

@Test func aTextFrameDrawsThePlacesRingsAsTheScreenDoes() {
    let farm = NamedPlace(name: "farm", center: LatLon(lat: 38.5025, lon: -98.4975), radiusMeters: 400)
    let snapshot = LocationSnapshot(participants: [
        Fixtures.participant("+13165550101", lat: 38.5, lon: -98.5, locality: "Ellsworth"),
        Fixtures.participant("+13165550102", lat: 38.505, lon: -98.495, locality: "Ellsworth"),
    ])
    let composer = MapComposer(atlas: .embedded)
    let frame = ViewerFrame.textFrame(
        chats: [(Fixtures.chatID, snapshot)], now: Fixtures.start, width: 80, height: 24,
        options: FrameOptions(isASCII: false, usesColor: true, isInteractive: false), composer: composer,
        places: [farm])
    // The viewer's path with the same places: the text frame is that frame, rings and all.
    var state = AppState(chatID: Fixtures.chatID, width: 80, height: 24)
    state.isTextFrame = true
    state.useEvents(EventSettings(places: [farm]))
    _ = state.apply(.pollSucceeded(snapshot, now: Fixtures.start))
    let screen = ViewerFrame.render(
        state, now: Fixtures.start, options: FrameOptions(isInteractive: false), composer: composer)
    #expect(frame.text.contains("farm"))
    #expect(frame.cells.filter { $0.style == Style(foreground: .magenta, attributes: .dim) }.count > 20)
    // One poll is no news: the screen announces who it first sees inside a place, the frame does not.
    #expect(screen.text.contains("arrived farm"))
    #expect(!frame.text.contains("arrived"))
    #expect(frame.text.split(separator: "\n").dropLast() == screen.text.split(separator: "\n").dropLast())
    assertSnapshot(frame, named: "text-frame-80x24-place-ring")
}

@Test func privacyModeDrawsTheRingAroundTheRoundedCentre() {
    let exact = NamedPlace(name: "home", center: LatLon(lat: 38.50649, lon: -98.49649), radiusMeters: 400)
    var rounded = exact
    rounded.center = LatLon(lat: 38.51, lon: -98.5)
    let snapshot = LocationSnapshot(participants: [Fixtures.participant("+13165550101", lat: 38.5, lon: -98.5)])
    let frame = { (place: NamedPlace, redacts: Bool) in
        ViewerFrame.textFrame(
            chats: [(Fixtures.chatID, snapshot)], now: Fixtures.start, width: 80, height: 24,
            initialView: .center(LatLon(lat: 38.505, lon: -98.5), zoom: 14), redacts: redacts,
            composer: MapComposer(atlas: .embedded), places: [place]
        ).text
    }
    #expect(frame(exact, true) == frame(rounded, true))
    // Without privacy mode the ring is where the place is: the map (left of the panel) differs.
    let map = { (text: String) in text.split(separator: "\n").dropLast().map { $0.prefix(54) } }
    #expect(map(frame(exact, true)) != map(frame(exact, false)))
}
