import CNcurses
import Foundation
import TextUI

/// Turns the `wget_wch` results of one read into inputs: keys, resizes and SGR mouse reports.
///
/// NB: the mouse is switched on with our own escape sequences (modes 1000, 1002, 1006) rather than ncurses'
/// `mousemask`, because ncurses picks the report format from the terminfo `kmous` string, and tmux-256color's
/// is the old `\E[M` (223 columns at most) while tmux sends SGR reports once 1006 is on. So a report arrives
/// either as ESC `[` `<` then characters (ncurses does not know the sequence), or, where `kmous` is `\E[<`
/// (xterm-256color), as `KEY_MOUSE` followed by the same characters. Both are read here; anything that does
/// not complete a report is passed on as the keys it was. (docs/platform-notes.md, "Mouse and clipboard").
func assembleInputs(_ raw: [(status: Int32, value: UInt32)], size: (width: Int, height: Int)) -> [ScreenInput] {
    var inputs: [ScreenInput] = []
    var index = 0
    func character(at offset: Int) -> Character? {
        guard offset < raw.count, raw[offset].status == OK, let scalar = Unicode.Scalar(raw[offset].value) else {
            return nil
        }
        return Character(scalar)
    }
    /// The report whose parameters start at `start`, and the index after it.
    func report(from start: Int) -> (MouseEvent?, next: Int)? {
        var parameters = ""
        var offset = start
        while let next = character(at: offset), parameters.count <= 24 {
            if next == "M" || next == "m" {
                return (MouseEvent.sgr(parameters: parameters, final: next), offset + 1)
            }
            guard next.isASCII, next.isNumber || next == ";" else { return nil }
            parameters.append(next)
            offset += 1
        }
        return nil
    }
    while index < raw.count {
        let (status, value) = raw[index]
        if status == KEY_CODE_YES && Int32(bitPattern: value) == KEY_RESIZE {
            inputs.append(.resize(width: size.width, height: size.height))
            index += 1
            continue
        }
        if status == KEY_CODE_YES && Int32(bitPattern: value) == KEY_MOUSE, let (event, next) = report(from: index + 1)
        {
            if let event { inputs.append(.mouse(event)) }
            index = next
            continue
        }
        if status == OK, value == 27, character(at: index + 1) == "[", character(at: index + 2) == "<",
            let (event, next) = report(from: index + 3)
        {
            if let event { inputs.append(.mouse(event)) }
            index = next
            continue
        }
        if let key = decodeKey(status: status, value: value) { inputs.append(.key(key)) }
        index += 1
    }
    return inputs
}

extension CursesScreen {
    /// The sequences that switch SGR mouse reports on: clicks (1000), motion while a button is held (1002),
    /// in SGR encoding (1006), which has no 223-column limit and tells releases apart.
    static let mouseOnSequence = "\u{1B}[?1000h\u{1B}[?1002h\u{1B}[?1006h"
    /// The sequences that switch them off again, in reverse order.
    static let mouseOffSequence = "\u{1B}[?1006l\u{1B}[?1002l\u{1B}[?1000l"

    /// Writes `sequence` straight to the terminal (between frames); gives up on an error other than EINTR.
    func writeToTerminal(_ sequence: String) {
        let bytes = Array(sequence.utf8)
        var written = 0
        while written < bytes.count {
            let result = bytes[written...].withUnsafeBytes { write(STDOUT_FILENO, $0.baseAddress, $0.count) }
            if result <= 0 {
                if result < 0 && errno == EINTR { continue }
                return
            }
            written += result
        }
    }
}
