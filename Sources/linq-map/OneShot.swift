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
    FileHandle.standardOutput.write(Data(text.utf8))
}
