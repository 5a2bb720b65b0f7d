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
