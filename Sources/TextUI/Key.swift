/// A key the user pressed, decoded from the terminal; independent of ncurses so the reducer can be tested.
public enum Key: Hashable, Sendable {
    /// A printable character, as typed (`q`, `+`, `é`).
    case character(Character)
    /// A control chord: `.control("l")` is Ctrl-L; the letter is lowercase.
    case control(Character)
    case up, down, left, right
    case tab, backTab
    case enter, escape, backspace
    case pageUp, pageDown, home, end
    /// A function key, F1 is `.function(1)`.
    case function(Int)
    /// Any other key code the terminal reported.
    case other(Int32)
}
