import Contacts
import Foundation
import LinqHTTP
import LinqModel
import MapApp
import ScriptFormats
import TextUI

extension ViewCommand {
    /// `--list-chats [--from PHONE] [--to HANDLE]`: every chat the key can see, one a line (`--format text`:
    /// id, group or 1:1, the display name or else the others' names, the others' names or handles, the service)
    /// or as a JSON array; contact names stand in for handles.
    func printNamedChatList(client: LinqHTTPClient, environment: [String: String]) async throws(FetchError) {
        var chats = try await client.chats(from: from, to: to)
        var names = loadContacts(environment: environment).names(for: Array(Set(chats.flatMap(\.handles))).sorted())
        if redact { (chats, names) = Redaction.chatList(chats, names: names, ascii: ascii) }
        if format == .json {
            writeOutput(namedChatListJSON(chats, names: names) + "\n")
            return
        }
        if chats.isEmpty {
            let filters = [from.map { "from \($0)" }, to.map { "to \($0)" }].compactMap { $0 }
            printError(
                "no chats" + (filters.isEmpty ? "" : " " + TextSanitizer.sanitized(filters.joined(separator: " "))))
            return
        }
        var lines = ""
        for chat in chats {
            let summary = ChatSummary(chat, names: names)
            let fields = [
                chat.id, summary.kind.padding(toLength: 5, withPad: " ", startingAt: 0), summary.title,
                summary.others.joined(separator: ", "), chat.service ?? "",
            ]
            lines += fields.map(TextSanitizer.sanitized).joined(separator: "  ") + "\n"
        }
        writeOutput(lines)
    }
}

/// The chat list as a JSON array of `{"id", "display_name", "handles", "names", "is_group", "service",
/// "updated_at"}`: `handles` without the partner's own line, `names` beside them (null where no contact matches).
func namedChatListJSON(_ chats: [Chat], names: [String: String]) -> String {
    let items = chats.map { chat in
        let others = chat.otherHandles
        let members: [(String, String)] = [
            ("id", JSONWriter.string(chat.id)),
            ("display_name", chat.displayName.map(JSONWriter.string) ?? "null"),
            ("handles", "[" + others.map(JSONWriter.string).joined(separator: ",") + "]"),
            ("names", "[" + others.map { names[$0].map(JSONWriter.string) ?? "null" }.joined(separator: ",") + "]"),
            ("is_group", chat.isGroup ? "true" : "false"),
            ("service", chat.service.map(JSONWriter.string) ?? "null"),
            ("updated_at", chat.updatedAt.map { JSONWriter.string(ScriptFormat.timestamp($0)) } ?? "null"),
        ]
        return "{" + members.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}"
    }
    return "[" + items.joined(separator: ",\n") + "]"
}
