import ArgumentParser
import Contacts
import Foundation
import LinqHTTP
import LinqModel
import LocalFiles
import MapApp
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
    /// `--redact` / `--no-redact`, else off.
    var redact: Bool { redactOption ?? false }
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
        if to != nil && !listChats && !chatIDs.isEmpty {
            throw ValidationError("--to needs --list-chats or the chat picker (no chat id).")
        }
        if let maxAge {
            guard once else { throw ValidationError("--max-age needs --once.") }
            guard maxAge >= 0 else { throw ValidationError("--max-age must be 0 or more seconds.") }
        }
    }

    /// What the command line set, as `Settings` (nil where an option was not given).
    var commandLineSettings: Settings {
        Settings(
            interval: interval, contacts: contacts, chats: chatIDs, color: colorOption?.rawValue, ascii: asciiOption,
            graticule: graticuleOption, redact: redactOption, baseURL: baseURL, timeout: timeoutOption,
            retries: retriesOption,
            maxAge: maxAge)
    }

    /// Reads the settings file (exit 78 on any problem in it), merges it under the command line, then runs.
    func executeWithSettings() async -> ProgramExit {
        var environment = ProcessInfo.processInfo.environment
        guard let fileSettings = loadSettingsFile(config, environment: environment) else { return .configuration }
        let effective = Settings.effective(commandLine: commandLineSettings, file: fileSettings)
        let events: EventSettings
        do {
            events = try eventOptions.settings(
                file: fileSettings, path: config ?? SettingsFile.defaultFile(environment: environment).path)
        } catch {
            printError("linq-map: \(error.message)")
            return .configuration
        }
        var command = self
        command.interval = effective.interval
        command.contacts = effective.contacts
        command.colorOption = effective.color.flatMap(ColorChoice.init(rawValue:))
        command.asciiOption = effective.ascii
        command.graticuleOption = effective.graticule
        command.redactOption = effective.redact
        command.timeoutOption = effective.timeout
        command.retriesOption = effective.retries
        command.maxAge = once ? effective.maxAge : nil
        do {
            command = try command.applyingHistorySettings(
                fileSettings, file: config ?? SettingsFile.defaultFile(environment: environment).path)
        } catch {
            printError("linq-map: \(error.message)")
            return .configuration
        }
        // The environment outranks the file: a file's base URL or key applies only when neither an option
        // nor the variable gives one.
        if baseURL == nil, (environment[BaseURL.environmentVariable] ?? "").isEmpty {
            command.baseURL = fileSettings.baseURL
        }
        if apiKeyFile == nil, (environment[APIKey.environmentVariable] ?? "").isEmpty, let key = fileSettings.apiKey {
            environment[APIKey.environmentVariable] = key
        }
        if chatIDs.isEmpty && !demo && !listChats {
            let hasKey =
                apiKeyFile != nil || !(environment[APIKey.environmentVariable] ?? "").isEmpty
            if (effective.chats ?? []).isEmpty, !once, hasKey, isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 {
                // No chat id, none in the settings, a key and a terminal: the chat picker.
                return await command.execute(environment: environment, events: events)
            }
            if (from != nil || to != nil) && (effective.chats ?? []).isEmpty {
                printError("linq-map: --from and --to need --list-chats, or the chat picker (a terminal and a key).")
                return .usage
            }
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
        return await command.execute(environment: environment, events: events)
    }

    /// The contacts in effect: `--contacts FILE` (or the settings' `contacts`), else `contacts.vcf` in the config
    /// folder when it exists. Never fails: an unreadable or bad file is a warning on stderr and no names.
    func loadContacts(environment: [String: String]) -> ContactBook {
        let (book, problems) = readContacts(environment: environment)
        for problem in problems { printError("linq-map: warning: \(problem)") }
        return book
    }

    /// The contacts in effect and the problems met reading them (`contacts FILE: why`, at most 6 lines); an
    /// unreadable or bad file gives no names and problems, never an error.
    func readContacts(environment: [String: String]) -> (ContactBook, [String]) {
        readContactsFile(contacts, environment: environment)
    }
}

/// The settings file's settings (`path`, else the default file), or nil after printing why it cannot be used: the
/// caller exits 78.
func loadSettingsFile(_ path: String?, environment: [String: String]) -> Settings? {
    do {
        return try SettingsFile.load(explicitPath: path, environment: environment)
    } catch {
        printError("linq-map: \(error.message)")
        return nil
    }
}

/// The contacts in `path` (`~` expanded), else `contacts.vcf` in the config folder when it exists, and the problems
/// met reading them (`contacts FILE: why`, at most 6 lines); an unreadable or bad file gives no names and problems,
/// never an error.
func readContactsFile(_ path: String?, environment: [String: String]) -> (ContactBook, [String]) {
    let file: URL
    let shown: String
    if let path {
        shown = path
        file = URL(fileURLWithPath: SettingsFile.expandingTilde(path, environment: environment))
    } else {
        file = XDGDirectories(environment: environment).config.appendingPathComponent("contacts.vcf")
        shown = file.path
    }
    let data: Data?
    do {
        data = try PrivateFiles.read(file)
    } catch {
        return (ContactBook(), ["contacts \(shown): \(error.reason); showing handles"])
    }
    guard let data else {
        return (ContactBook(), path == nil ? [] : ["contacts \(shown): no such file; showing handles"])
    }
    let book = ContactBook.parse(data)
    var problems = book.warnings.prefix(5).map { "contacts \(shown): \($0)" }
    if book.warnings.count > 5 { problems.append("contacts \(shown): \(book.warnings.count - 5) more problems") }
    return (book, problems)
}

extension ViewCommand {
    /// The viewer's contacts and the status bar's warning about them ("contacts: 3 problems, see stderr"),
    /// the problems printed to stderr, where they stay readable once the viewer ends.
    func viewerContacts(environment: [String: String]) -> (ContactBook, String?) {
        let (book, problems) = readContacts(environment: environment)
        for problem in problems { printError("linq-map: warning: \(problem)") }
        guard let first = problems.first else { return (book, nil) }
        return (book, problems.count == 1 ? first : "\(first) (+\(problems.count - 1) more)")
    }
}
