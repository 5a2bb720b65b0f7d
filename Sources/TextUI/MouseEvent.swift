/// A mouse report from the terminal, in cells from the screen's top-left corner (0-based).
public struct MouseEvent: Hashable, Sendable {
    /// What the mouse did.
    public enum Kind: Hashable, Sendable {
        /// The left button went down.
        case press
        /// A button went up.
        case release
        /// The pointer moved with the left button held.
        case drag
        /// The wheel turned away from the user (zoom in).
        case wheelUp
        /// The wheel turned toward the user (zoom out).
        case wheelDown
    }

    /// What the mouse did.
    public var kind: Kind
    /// The column, 0 at the left edge.
    public var x: Int
    /// The row, 0 at the top.
    public var y: Int

    /// Creates an event.
    public init(_ kind: Kind, x: Int, y: Int) {
        self.kind = kind
        self.x = x
        self.y = y
    }

    /// The event of an SGR (mode 1006) report `ESC [ < parameters final`: `parameters` is `button;column;row`
    /// (1-based), `final` is `M` for a press or motion and `m` for a release. Nil for a malformed report and for
    /// buttons other than the left one, the wheel and releases (middle and right clicks mean nothing here).
    public static func sgr(parameters: String, final: Character) -> MouseEvent? {
        let fields = parameters.split(separator: ";", omittingEmptySubsequences: false)
        guard fields.count == 3, let code = Int(fields[0]), let column = Int(fields[1]), let row = Int(fields[2]),
            code >= 0, column >= 1, row >= 1, column <= 100_000, row <= 100_000
        else { return nil }
        let x = column - 1
        let y = row - 1
        // NB: xterm's encoding: the low two bits name the button, +32 marks motion, +64 the wheel; +4, +8 and
        // +16 are Shift, Meta and Control, ignored here.
        let button = code & 3
        if code & 64 != 0 { return MouseEvent(button == 0 ? .wheelUp : .wheelDown, x: x, y: y) }
        if final == "m" { return MouseEvent(.release, x: x, y: y) }
        guard final == "M", button == 0 else { return nil }
        return MouseEvent(code & 32 != 0 ? .drag : .press, x: x, y: y)
    }
}
