import Settings
import Testing

@Test func commandLineWinsOverTheFile() {
    let file = Settings(
        interval: 30, contacts: "~/contacts.vcf", chats: ["a", "b"], color: "never", ascii: true, baseURL: "https://x")
    let commandLine = Settings(interval: 90, color: "always", ascii: false)
    let effective = Settings.effective(commandLine: commandLine, file: file)
    #expect(effective.interval == 90)
    #expect(effective.color == "always")
    #expect(effective.ascii == false)
    #expect(effective.contacts == "~/contacts.vcf")
    #expect(effective.chats == ["a", "b"])
    #expect(effective.baseURL == "https://x")
}

@Test func redactIsASettingTheCommandLineOverrules() throws {
    let entries = [SettingEntry(key: "redact", value: .bool(true), line: 1)]
    let file = try SettingsSchema.settings(from: entries, file: "c.toml", keyAllowed: false)
    #expect(file.redact == true)
    #expect(file.later["redact"] == nil)
    #expect(Settings.effective(commandLine: Settings(), file: file).redact == true)
    #expect(Settings.effective(commandLine: Settings(redact: false), file: file).redact == false)
    #expect(Settings.effective(commandLine: Settings(redact: true), file: Settings()).redact == true)
    #expect(Settings.effective(commandLine: Settings(), file: Settings()).redact == nil)
}

@Test func chatIDsOnTheCommandLineReplaceTheFilesList() {
    let effective = Settings.effective(commandLine: Settings(chats: ["c"]), file: Settings(chats: ["a", "b"]))
    #expect(effective.chats == ["c"])
    #expect(Settings.effective(commandLine: Settings(chats: []), file: Settings(chats: ["a"])).chats == ["a"])
}

@Test func schemaReadsEveryKnownKey() throws {
    let entries = [
        SettingEntry(key: "interval", value: .integer(30), line: 1),
        SettingEntry(key: "chats", value: .array([.string("a"), .string("b")]), line: 2),
        SettingEntry(key: "color", value: .string("never"), line: 3),
        SettingEntry(key: "units", value: .string("mi"), line: 4),
        SettingEntry(key: "places", value: .table(["home": .string("40.7,-74.0")]), line: 5),
    ]
    let settings = try SettingsSchema.settings(from: entries, file: "c.toml", keyAllowed: false)
    #expect(settings.interval == 30)
    #expect(settings.chats == ["a", "b"])
    #expect(settings.color == "never")
    #expect(settings.later["units"] == .string("mi"))
    #expect(settings.later["places"] == .table(["home": .string("40.7,-74.0")]))
}

@Test(arguments: [
    (SettingEntry(key: "intervall", value: .integer(30), line: 2), "c.toml:2: intervall: unknown setting; known: "),
    (
        SettingEntry(key: "interval", value: .string("fast"), line: 3),
        "c.toml:3: interval: must be a whole number of seconds from 5 to 86400, not \"fast\""
    ),
    (
        SettingEntry(key: "interval", value: .integer(2), line: 4),
        "c.toml:4: interval: must be a whole number of seconds from 5 to 86400, not 2"
    ),
    (
        SettingEntry(key: "color", value: .string("pink"), line: 5),
        "c.toml:5: color: must be one of \"auto\", \"always\", \"never\", not \"pink\""
    ),
    (SettingEntry(key: "ascii", value: .string("yes"), line: 6), "c.toml:6: ascii: must be true or false, not \"yes\""),
    (SettingEntry(key: "redact", value: .string("on"), line: 7), "c.toml:7: redact: must be true or false, not \"on\""),
    (
        SettingEntry(key: "home", value: .string("91,0"), line: 2),
        "c.toml:2: home: must be \"LAT,LON\" in degrees, e.g. \"51.5,-0.12\", not \"91,0\""
    ),
    (
        SettingEntry(key: "trail", value: .integer(120), line: 3),
        "c.toml:3: trail: must be a duration like \"30m\", \"2h\" or \"1d\", not 120"
    ),
    (
        SettingEntry(key: "units", value: .string("imperial"), line: 4),
        "c.toml:4: units: must be one of \"km\", \"mi\", not \"imperial\""
    ),
    (
        SettingEntry(key: "keep", value: .integer(0), line: 5),
        "c.toml:5: keep: must be a whole number of days from 1 to 36500, not 0"
    ),
])
func badEntriesNameFileLineAndKey(_ entry: SettingEntry, _ prefix: String) {
    #expect(throws: SettingsError.self) { try SettingsSchema.settings(from: [entry], file: "c.toml", keyAllowed: true) }
    do {
        _ = try SettingsSchema.settings(from: [entry], file: "c.toml", keyAllowed: true)
    } catch {
        #expect(error.message.hasPrefix(prefix), "\(error.message)")
    }
}

@Test func apiKeyNeedsAPrivateFile() throws {
    let entry = SettingEntry(key: "api_key", value: .string("secret-123"), line: 7)
    #expect(try SettingsSchema.settings(from: [entry], file: "c.toml", keyAllowed: true).apiKey == "secret-123")
    do {
        _ = try SettingsSchema.settings(from: [entry], file: "c.toml", keyAllowed: false)
        Issue.record("expected an error")
    } catch {
        #expect(
            error.message
                == "c.toml:7: api_key: the file can be read by others; run 'chmod 600 c.toml' or remove the key")
        #expect(!error.message.contains("secret-123"))
    }
}

@Test func historyTrailUnitsAndHomeAreRead() throws {
    let entries = [
        SettingEntry(key: "history", value: .string("~/h.sqlite"), line: 1),
        SettingEntry(key: "no_history", value: .bool(false), line: 2),
        SettingEntry(key: "keep", value: .integer(7), line: 3),
        SettingEntry(key: "units", value: .string("km"), line: 4),
        SettingEntry(key: "home", value: .string("51.5, -0.12"), line: 5),
        SettingEntry(key: "trail", value: .string("90m"), line: 6),
    ]
    let settings = try SettingsSchema.settings(from: entries, file: "c.toml", keyAllowed: false)
    #expect(settings.later["history"] == .string("~/h.sqlite"))
    #expect(settings.later["keep"] == .integer(7))
    #expect(settings.later["home"] == .string("51.5, -0.12"))
    #expect(settings.later["trail"] == .string("90m"))
    #expect(SettingsSchema.latLon("51.5, -0.12")?.lon == -0.12)
}
