import Foundation
import Settings
import SettingsFile
import Testing

@Test func tomlTextBecomesSettings() throws {
    let text = """
        # linq-map settings
        interval = 30
        contacts = "~/contacts.vcf"
        chats = ["975d0776-bd17-4273-8337-f346b4c661b0"]
        color = "never"
        ascii = true

        [places]
        home = "40.7,-74.0"
        """
    let settings = try SettingsFile.parse(text, file: "config.toml", keyAllowed: false)
    #expect(settings.interval == 30)
    #expect(settings.contacts == "~/contacts.vcf")
    #expect(settings.chats == ["975d0776-bd17-4273-8337-f346b4c661b0"])
    #expect(settings.ascii == true)
    #expect(settings.later["places"] == .table(["home": .string("40.7,-74.0")]))
}

@Test func unknownKeyIsReportedAtItsLine() {
    #expect(
        throws: SettingsError(
            file: "config.toml", line: 3, key: "colour",
            problem: "unknown setting; known: "
                + SettingsSchema.keys.joined(separator: ", "))
    ) {
        try SettingsFile.parse("interval = 30\n\ncolour = \"never\"\n", file: "config.toml", keyAllowed: false)
    }
}

@Test func unknownTableIsReportedAtItsHeader() throws {
    do {
        _ = try SettingsFile.parse("interval = 30\n[colors]\nfresh = \"green\"\n", file: "f", keyAllowed: false)
        Issue.record("expected an error")
    } catch {
        #expect(error.line == 2)
        #expect(error.key == "colors")
    }
}

@Test func syntaxErrorNamesTheLine() {
    do {
        _ = try SettingsFile.parse("interval = 30\ncolor = \"never\ncontacts = 1\n", file: "f", keyAllowed: false)
        Issue.record("expected an error")
    } catch {
        #expect(error.line == 2)
        #expect(error.message.hasPrefix("f:2: not valid TOML"))
    }
}

@Test func explicitFileMustExistButTheDefaultMayNot() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("settings-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    let environment = ["XDG_CONFIG_HOME": folder.path, "HOME": folder.path]
    #expect(try SettingsFile.load(explicitPath: nil, environment: environment) == Settings())
    #expect(throws: SettingsError.self) {
        try SettingsFile.load(explicitPath: folder.appendingPathComponent("none.toml").path, environment: environment)
    }
}

@Test func keyIsReadOnlyFromAPrivateFile() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("settings-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("config.toml")
    try Data("api_key = \"k-1\"\n".utf8).write(to: file)
    chmod(file.path, 0o644)
    #expect(throws: SettingsError.self) { try SettingsFile.load(explicitPath: file.path, environment: [:]) }
    chmod(file.path, 0o600)
    #expect(try SettingsFile.load(explicitPath: file.path, environment: [:]).apiKey == "k-1")
}
