import Foundation

extension CursesScreen {
    /// The OSC 52 sequence that asks the terminal to put `text` on the clipboard (`c`), base64-encoded and
    /// ended with BEL. NB: tmux acts on it only with `set-clipboard on` (or `external` for the outer terminal)
    /// (docs/platform-notes.md, "Mouse and clipboard").
    public static func clipboardSequence(_ text: String) -> String {
        "\u{1B}]52;c;\(Data(text.utf8).base64EncodedString())\u{07}"
    }

    /// Asks the terminal to put `text` on the clipboard (OSC 52), written straight to the terminal between
    /// frames; terminals that do not know OSC 52 ignore it. Does nothing once the screen is closed.
    public func copyToClipboard(_ text: String) {
        guard !isClosed else { return }
        writeToTerminal(CursesScreen.clipboardSequence(text))
    }
}
