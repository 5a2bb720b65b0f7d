import ArgumentParser
import Contacts
import Foundation
import LinqHTTP
import LinqModel
import LocalFiles
import Settings
import SettingsFile

/// The most chats one `--once` prints together.
let maximumChatsAtOnce = 16

extension ViewCommand {
    /// The first chat id.
    var chatID: String? { chatIDs.first }
    /// `--color`, else auto.
    var color: ColorChoice { colorOption ?? .auto }
    /// `--ascii` / `--no-ascii`, else off.
    var ascii: Bool { asciiOption ?? false }
    /// `--graticule` / `--no-graticule`, else off.
    var graticule: Bool { graticuleOption ?? false }
    /// `--timeout`, else 20 seconds.
    var timeout: Int { timeoutOption ?? 20 }
    /// `--retries`, else 2.
    var retries: Int { retriesOption ?? 2 }

    /// Every chat id is a UUID, at most 16; `--to` and `--max-age` only where they apply.
    func validateChats() throws {
        for id in chatIDs.dropFirst() where !isCanonicalUUID(id) {
            throw ValidationError(
                "'\(id.prefix(80))' is not a chat id: expected a UUID like 975d0776-bd17-4273-8337-f346b4c661b0.")
        }
        if chatIDs.count > maximumChatsAtOnce {
            throw ValidationError("At most \(maximumChatsAtOnce) chat ids at once (got \(chatIDs.count)).")
        }
        if to != nil && !listChats { throw ValidationError("--to needs --list-chats.") }
        if let maxAge {
            guard once else { throw ValidationError("--max-age needs --once.") }
            guard maxAge >= 0 else { throw ValidationError("--max-age must be 0 or more seconds.") }
        }
    }

    /// What the command line set, as `Settings` (nil where an option was not given).
    var commandLineSettings: Settings {
        Settings(
            interval: interval, contacts: contacts, chats: chatIDs, color: colorOption?.rawValue, ascii: asciiOption,
            graticule: graticuleOption, baseURL: baseURL, timeout: timeoutOption, retries: retriesOption,
            maxAge: maxAge)
    }

    /// Reads the settings file (exit 78 on any problem in it), merges it under the command line, then runs.
    func executeWithSettings() async -> ProgramExit {
        var environment = ProcessInfo.processInfo.environment
        let fileSettings: Settings
        do {
            fileSettings = try SettingsFile.load(explicitPath: config, environment: environment)
        } catch {
            printError("linq-map: \(error.message)")
            return .configuration
        }
        let effective = Settings.effective(commandLine: commandLineSettings, file: fileSettings)
        var command = self
        command.interval = effective.interval
        command.contacts = effective.contacts
        command.colorOption = effective.color.flatMap(ColorChoice.init(rawValue:))
        command.asciiOption = effective.ascii
        command.graticuleOption = effective.graticule
        command.timeoutOption = effective.timeout
        command.retriesOption = effective.retries
        command.maxAge = once ? effective.maxAge : nil
        // The environment outranks the file: a file's base URL or key applies only when neither an option
        // nor the variable gives one.
        if baseURL == nil, (environment[BaseURL.environmentVariable] ?? "").isEmpty {
            command.baseURL = fileSettings.baseURL
        }
        if apiKeyFile == nil, (environment[APIKey.environmentVariable] ?? "").isEmpty, let key = fileSettings.apiKey {
            environment[APIKey.environmentVariable] = key
        }
        if chatIDs.isEmpty && !demo && !listChats {
            guard let chats = effective.chats, !chats.isEmpty else {
                printError("linq-map: Missing <chat-id>. Give a chat id, or use --demo or --list-chats.")
                printError("Usage: linq-map <chat-id> [options]  (see 'linq-map --help')")
                return .usage
            }
            if let bad = chats.first(where: { !isCanonicalUUID($0) }) ?? (chats.count > maximumChatsAtOnce ? "" : nil) {
                let problem =
                    bad.isEmpty
                    ? "at most \(maximumChatsAtOnce) chat ids" : "'\(bad.prefix(80))' is not a chat id (a UUID)"
                printError(
                    "linq-map: \(config ?? SettingsFile.defaultFile(environment: environment).path): chats: \(problem)")
                return .configuration
            }
            command.chatIDs = chats
        }
        return await command.execute(environment: environment)
    }

    /// The contacts in effect: `--contacts FILE` (or the settings' `contacts`), else `contacts.vcf` in the config
    /// folder when it exists. Never fails: an unreadable or bad file is a warning on stderr and no names.
    func loadContacts(environment: [String: String]) -> ContactBook {
        let file: URL
        let shown: String
        if let contacts {
            shown = contacts
            file = URL(fileURLWithPath: SettingsFile.expandingTilde(contacts, environment: environment))
        } else {
            file = XDGDirectories(environment: environment).config.appendingPathComponent("contacts.vcf")
            shown = file.path
        }
        let data: Data?
        do {
            data = try PrivateFiles.read(file)
        } catch {
            printError("linq-map: warning: contacts \(shown): \(error.reason); showing handles")
            return ContactBook()
        }
        guard let data else {
            if contacts != nil { printError("linq-map: warning: contacts \(shown): no such file; showing handles") }
            return ContactBook()
        }
        let book = ContactBook.parse(data)
        for warning in book.warnings.prefix(5) {
            printError("linq-map: warning: contacts \(shown): \(warning)")
        }
        if book.warnings.count > 5 {
            printError("linq-map: warning: contacts \(shown): \(book.warnings.count - 5) more problems")
        }
        return book
    }
}
