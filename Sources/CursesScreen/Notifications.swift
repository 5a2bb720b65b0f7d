import Foundation

extension CursesScreen {
    /// The desktop notification for `title` and `body` as terminals take it: OSC 9 (`\e]9;title: body\a`, iTerm2,
    /// Windows Terminal, WezTerm, kitty) then OSC 777 (`\e]777;notify;title;body\a`, foot, WezTerm, urxvt, VTE).
    /// Control characters are dropped from both and `;` from the title (it separates OSC 777's fields). Inside tmux
    /// (`inTmux`) each is wrapped for passthrough (`\ePtmux;` with every ESC doubled, then `\e\\`).
    ///
    /// NB: tmux forwards a passthrough sequence only with `set -g allow-passthrough on` (tmux 3.3 and later; the
    /// default is off) (docs/platform-notes.md, "Notifications").
    public static func notificationSequence(title: String, body: String, inTmux: Bool) -> String {
        let clean = { (text: String) in
            String(String.UnicodeScalarView(text.unicodeScalars.filter { $0.properties.generalCategory != .control }))
        }
        let title = clean(title).replacingOccurrences(of: ";", with: ",")
        let body = clean(body)
        let sequences = ["\u{1B}]9;\(title): \(body)\u{07}", "\u{1B}]777;notify;\(title);\(body)\u{07}"]
        guard inTmux else { return sequences.joined() }
        return sequences.map {
            "\u{1B}Ptmux;" + $0.replacingOccurrences(of: "\u{1B}", with: "\u{1B}\u{1B}") + "\u{1B}\\"
        }
        .joined()
    }

    /// Sends a desktop notification through the terminal (see `notificationSequence`), between frames; terminals
    /// that know neither sequence ignore it. Does nothing once the screen is closed.
    public func notify(title: String, body: String, inTmux: Bool) {
        guard !isClosed else { return }
        writeToTerminal(CursesScreen.notificationSequence(title: title, body: body, inTmux: inTmux))
    }

    /// Rings the terminal bell (BEL), between frames; tmux passes it on as its `bell-action` says. Does nothing
    /// once the screen is closed.
    public func ringBell() {
        guard !isClosed else { return }
        writeToTerminal("\u{07}")
    }
}
