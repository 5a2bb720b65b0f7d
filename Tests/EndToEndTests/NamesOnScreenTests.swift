import FakeLinq
import Foundation
import Testing

/// Contact names in the viewer, in tmux against FakeLinq: the panel, the picker, and a bad contacts file.
@Suite(.serialized) struct NamesOnScreenTests {
    /// A config folder holding `contacts` as `contacts.vcf`.
    static func config(contacts: String) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lm-names-\(UUID().uuidString)")
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("linq-map"), withIntermediateDirectories: true)
        try Data(contacts.utf8).write(to: folder.appendingPathComponent("linq-map/contacts.vcf"))
        return folder.path
    }

    static let vcard = """
        BEGIN:VCARD
        VERSION:3.0
        FN:Ana Lima
        TEL;TYPE=CELL:+1 (415) 555-0101
        END:VCARD
        BEGIN:VCARD
        VERSION:3.0
        FN:Ben Okafor
        TEL:+1 212 555 0102
        END:VCARD

        """

    @Test func thePanelShowsTheNameThenTheHandle() async throws {
        let config = try Self.config(contacts: Self.vcard)
        try await withViewer(
            [Fixtures.groupChatID], width: 140, height: 40, environment: ["XDG_CONFIG_HOME": config]
        ) { run in
            let screen = await run.session.waitUntil("Ana named in the panel") {
                $0.contains("1 Ana Lima  +14155550101") && $0.contains("2 Ben Okafor  +12125550102")
            }
            #expect(screen.contains(Fixtures.chloe.handle), "no contact: the handle")
            try await run.session.send("?")
            await run.session.waitUntil("the legend names the labels") { $0.contains("1 Ana Lima   2 Ben Okafor") }
        }
    }

    @Test func thePickerShowsContactNamesAndFindsThem() async throws {
        let config = try Self.config(contacts: Self.vcard)
        try await withViewer(
            [], configuration: .sharedParticipants(apiKey: ViewerRun.key), environment: ["XDG_CONFIG_HOME": config]
        ) { run in
            await run.session.waitUntil("the list") { statusLine($0).hasPrefix("8 chats") }
            try await run.session.send("okafor", literal: true)
            let screen = await run.session.waitUntil("the chats with Ben") { statusLine($0).hasPrefix("3 of 8 chats") }
            #expect(screen.contains("Ben Okafor"))
        }
    }

    @Test func aBadContactsFileIsAWarningInTheStatusBar() async throws {
        let config = try Self.config(contacts: "BEGIN:VCARD\nVERSION:3.0\nTEL:+15550000000\nEND:VCARD\n")
        try await withViewer(
            [Fixtures.groupChatID], width: 200, height: 40, environment: ["XDG_CONFIG_HOME": config]
        ) { run in
            let screen = await run.session.waitUntil("the contacts warning") {
                statusLine($0).contains("contacts ") && statusLine($0).contains("8 sharing")
            }
            #expect(screen.contains(Fixtures.ana.handle))
        }
    }
}
