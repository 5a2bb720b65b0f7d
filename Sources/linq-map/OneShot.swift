import CursesScreen
import Foundation
import LinqHTTP
import LinqModel
import TextUI

/// Writes one line to standard error as `ErrorLine` formats it: sanitised, starting with `linq-map: `, cut at
/// 1,000 characters.
func printError(_ line: String) {
    FileHandle.standardError.write(Data((ErrorLine.formatted(line, program: "linq-map") + "\n").utf8))
}

/// Writes `text` to standard output as is.
func writeOutput(_ text: String) {
    writeOutput(Array(text.utf8))
}

/// Writes UTF-8 `bytes` to standard output, as they are, straight from the array in as few `write` calls as the
/// system takes (no copy: the GeoJSON of 10,000 participants is 2.4 MB). A failed write (a full disk) ends the
/// process with a message and 74, where `FileHandle.write` trapped.
func writeOutput(_ bytes: [UInt8]) {
    let failure: Int32? = bytes.withUnsafeBytes { raw in
        var offset = 0
        while offset < raw.count {
            let written = write(STDOUT_FILENO, raw.baseAddress.map { $0 + offset }, raw.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                return errno
            }
            offset += written
        }
        return nil
    }
    guard let failure else { return }
    printError("cannot write the output: \(String(cString: strerror(failure)))")
    exit(ProgramExit.ioError.code)
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
