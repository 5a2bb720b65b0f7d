import Foundation
import LinqModel
import ScriptFormats
import Testing

private let now = Date(timeIntervalSince1970: 1_800_000_000)

private func participant(_ handle: String, _ locality: String?, ago seconds: Double?) -> Participant {
    Participant(
        handle: handle, coordinate: Coordinate(longitude: -73.95, latitude: 40.65), address: "1 Main St",
        locality: locality, updatedAt: seconds.map { now.addingTimeInterval(-$0) })
}

private let team = ChatLocations(
    chatID: "chat-a",
    snapshot: LocationSnapshot(participants: [
        participant("+15550000001", "Brooklyn", ago: 120), participant("+15550000002", "Austin", ago: 3600),
        participant("lee@example.com", "Lagos", ago: 3 * 86400),
    ]))
private let names = ["+15550000001": "Ana", "+15550000002": "Sam", "lee@example.com": "Lee"]

@Test func statusLineListsNameAgeAndLocalityInLabelOrder() {
    let rows = ScriptRow.rows([team], names: names)
    #expect(ScriptFormat.status(rows, now: now) == "Ana 2m Brooklyn · Sam 1h Austin · Lee 3d Lagos")
}

@Test func statusLineFallsBackToHandlesAndCutsAtWidth() {
    let rows = ScriptRow.rows([team])
    #expect(ScriptFormat.status(rows, now: now, width: 20) == "+15550000001 2m Bro…")
    #expect(ScriptFormat.status([], now: now) == "nobody sharing")
}

@Test func stoppedSharersComeAfterSharingOnes() {
    let stopped = ScriptRow(
        chatID: "chat-a", label: "9", handle: "+15550000009", name: "Zed",
        coordinate: Coordinate(longitude: 0, latitude: 0), updatedAt: now.addingTimeInterval(-30), isSharing: false)
    let rows = ScriptRow.rows([team], names: names, stopped: [stopped])
    #expect(rows.map(\.displayName) == ["Ana", "Sam", "Lee", "Zed"])
    #expect(ScriptFormat.status(rows, now: now).hasSuffix("· Zed 30s stopped"))
}

@Test func tmuxColoursNamesByStaleness() {
    let rows = ScriptRow.rows([team], names: names)
    #expect(
        ScriptFormat.tmux(rows, now: now)
            == "#[fg=yellow]Ana#[default] 2m Brooklyn · #[fg=red]Sam#[default] 1h Austin · #[fg=red]Lee#[default] 3d Lagos"
    )
    let fresh = ScriptRow.rows(
        [
            ChatLocations(
                chatID: "c",
                snapshot: LocationSnapshot(participants: [
                    participant("+1", "Hash#Town", ago: 5)
                ]))
        ], names: ["+1": "Ana"])
    #expect(ScriptFormat.tmux(fresh, now: now) == "#[fg=green]Ana#[default] now Hash##Town")
    #expect(ScriptFormat.tmux(rows, now: now, width: 10) == "#[fg=yellow]Ana#[default] 2m Br…")
    #expect(ScriptFormat.status(rows, now: now, width: 10) == "Ana 2m Br…")
}

@Test func tsvHasAHeaderAndFlattensValues() {
    var odd = participant("+15550000001", "Two\tlines\nhere", ago: nil)
    odd.address = nil
    let rows = ScriptRow.rows([ChatLocations(chatID: "c1", snapshot: LocationSnapshot(participants: [odd]))])
    #expect(
        ScriptFormat.tsv(rows, now: now) == """
            chat_id\tlabel\thandle\tname\tlat\tlon\tlocality\taddress\tupdated_at\tage_seconds\tsharing
            c1\t1\t+15550000001\t\t40.65\t-73.95\tTwo lines here\t\t\t\ttrue

            """)
}

@Test func jsonUsesNumbersAndNulls() throws {
    let rows = ScriptRow.rows([team], names: ["+15550000001": "Ana"])
    let text = ScriptFormat.json(rows, now: now)
    let objects = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
    #expect(objects.count == 3)
    #expect(objects[0]["name"] as? String == "Ana")
    #expect(objects[1]["name"] is NSNull)
    #expect(objects[0]["lat"] as? Double == 40.65)
    #expect(objects[0]["age_seconds"] as? Int == 120)
    #expect(objects[0]["updated_at"] as? String == "2027-01-15T07:58:00Z")
    #expect(objects[0]["sharing"] as? Bool == true)
    #expect(Set(objects[0].keys) == Set(ScriptFormat.fields))
    #expect(ScriptFormat.json([], now: now) == "[]\n")
}

@Test func labelsAreUniqueAcrossChatsAndFollowTheHandle() {
    let other = ChatLocations(
        chatID: "chat-b",
        snapshot: LocationSnapshot(participants: [
            participant("+15550000007", "Oslo", ago: 10), participant("+15550000002", "Austin", ago: 3600),
        ]))
    let rows = ScriptRow.rows([team, other])
    #expect(rows.map(\.label) == ["1", "2", "2", "3", "4"])
    #expect(rows.map(\.chatID) == ["chat-a", "chat-a", "chat-b", "chat-a", "chat-b"])
}

@Test func statusLineShowsAPersonInSeveralChatsOnce() {
    let other = ChatLocations(
        chatID: "chat-b", snapshot: LocationSnapshot(participants: [participant("+15550000001", "Brooklyn", ago: 120)]))
    let rows = ScriptRow.rows([team, other], names: names)
    #expect(rows.count == 4)
    #expect(ScriptFormat.status(rows, now: now) == "Ana 2m Brooklyn · Sam 1h Austin · Lee 3d Lagos")
}
