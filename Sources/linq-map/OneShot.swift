import Foundation
import LinqHTTP
import LinqModel
import TextUI

/// Writes one line to standard error, sanitised: text from a server never reaches the terminal raw.
func printError(_ line: String) {
    FileHandle.standardError.write(Data((TextSanitizer.sanitized(line) + "\n").utf8))
}

/// Writes `text` to standard output as is.
func writeOutput(_ text: String) {
    FileHandle.standardOutput.write(Data(text.utf8))
}

/// `--list-chats`: every chat the key can see, one a line (`--format text`) or as a JSON array.
func printChatList(client: LinqHTTPClient, from phone: String?, format: OutputFormat) async throws(FetchError) {
    let chats = try await client.chats(from: phone)
    if format == .json {
        writeOutput(chatListJSON(chats) + "\n")
        return
    }
    if chats.isEmpty {
        printError("no chats" + (phone.map { " with \(TextSanitizer.sanitized($0))" } ?? ""))
        return
    }
    var lines = ""
    for chat in chats {
        let kind = chat.isGroup ? "group" : "1:1  "
        let name = TextSanitizer.sanitized(chat.displayName ?? "(no name)")
        let handles = chat.handles.map(TextSanitizer.sanitized).joined(separator: ", ")
        lines += "\(TextSanitizer.sanitized(chat.id))  \(kind)  \(name)  \(handles)\n"
    }
    writeOutput(lines)
}

/// The chat list as a JSON array of `{"id", "display_name", "handles", "is_group"}`, control characters escaped.
func chatListJSON(_ chats: [Chat]) -> String {
    let items = chats.map { chat in
        let name = chat.displayName.map(JSONWriter.string) ?? "null"
        let handles = chat.handles.map(JSONWriter.string).joined(separator: ",")
        return #"{"id":\#(JSONWriter.string(chat.id)),"display_name":\#(name),"handles":[\#(handles)],"#
            + #""is_group":\#(chat.isGroup)}"#
    }
    return "[" + items.joined(separator: ",\n") + "]"
}
