import CursesScreen
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
    let rows = chats.map { chat in
        [
            chat.id, chat.isGroup ? "group" : "1:1", chat.displayName ?? "(no name)",
            chat.handles.joined(separator: ", "),
        ]
    }
    // Cut to the terminal's width when printing to one; a pipe gets whole lines.
    let width = terminalSize(of: STDOUT_FILENO)?.width ?? Int.max / 4
    writeOutput(chatListLines(rows, width: width).map { $0 + "\n" }.joined())
}

/// The chat list's text lines: id, kind, name and handles in columns aligned by display width (sanitised, cut
/// with an ellipsis to `width` columns in all), without trailing blanks.
func chatListLines(_ rows: [[String]], width: Int) -> [String] {
    let table = Table(
        [
            Table.Column(.fitting(maximum: 36)), Table.Column(.fitting(maximum: 5)),
            Table.Column(.fitting(maximum: 40)),
            Table.Column(.fitting(maximum: Int.max / 4)),
        ],
        spacing: 2)
    let widths = table.widths(for: rows, totalWidth: width)
    return rows.map { row in
        var line = table.line(row, widths: widths)
        while line.last == " " { line.removeLast() }
        return line
    }
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
