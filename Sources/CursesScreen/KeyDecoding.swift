import CNcurses
import TextUI

/// Turns one `wget_wch` result into a key: `status` is `OK` for a character or `KEY_CODE_YES` for a function
/// key, `value` the character's code point or the `KEY_*` code. Returns nil for `ERR` and for `KEY_RESIZE`
/// (the screen reports that as a resize, not a key).
///
/// Control characters 1...26 become `.control` with the lowercase letter, except Tab (9), Enter (10, 13) and
/// Backspace (8, as many terminals send it); ESC (27) is `.escape`, DEL (127) `.backspace`; other control
/// codes and C1 controls (U+0080...U+009F) become `.other`, so they never reach text as characters.
public func decodeKey(status: Int32, value: UInt32) -> Key? {
    if status == KEY_CODE_YES { return decodeFunctionKey(Int32(bitPattern: value)) }
    guard status == OK else { return nil }
    switch value {
    case 8, 127: return .backspace
    case 9: return .tab
    case 10, 13: return .enter
    case 27: return .escape
    case 1...26:
        guard let letter = Unicode.Scalar(UInt32(UInt8(ascii: "a")) + value - 1) else { return .other(Int32(value)) }
        return .control(Character(letter))
    case 0...31, 0x80...0x9F: return .other(Int32(value))
    default:
        guard let scalar = Unicode.Scalar(value) else { return .other(Int32(bitPattern: value)) }
        return .character(Character(scalar))
    }
}

private func decodeFunctionKey(_ code: Int32) -> Key? {
    switch code {
    case KEY_RESIZE: return nil
    case KEY_UP: return .up
    case KEY_DOWN: return .down
    case KEY_LEFT: return .left
    case KEY_RIGHT: return .right
    case KEY_BTAB: return .backTab
    case KEY_NPAGE: return .pageDown
    case KEY_PPAGE: return .pageUp
    case KEY_HOME: return .home
    case KEY_END: return .end
    case KEY_ENTER: return .enter
    case KEY_BACKSPACE: return .backspace
    case cn_key_f(1)...cn_key_f(63): return .function(Int(code - cn_key_f(0)))
    default: return .other(code)
    }
}
