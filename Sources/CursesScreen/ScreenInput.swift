import TextUI

/// What the screen thread read from the terminal.
public enum ScreenInput: Sendable, Equatable {
    /// A key press.
    case key(Key)
    /// A mouse report (SGR mode), when the mouse is on.
    case mouse(MouseEvent)
    /// The terminal changed size; the new size in cells.
    case resize(width: Int, height: Int)
    /// The terminal went away (hangup or end of input): the app should exit as on SIGHUP.
    case hangup
}
