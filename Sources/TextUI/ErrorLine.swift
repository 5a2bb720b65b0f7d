/// How a line for standard error reads, in one place: sanitised (server text never reaches the terminal raw),
/// starting with the program's name, and cut at `maximumCharacters` characters.
public enum ErrorLine {
    /// The longest line written, in characters, before `… (N more bytes)`.
    public static let maximumCharacters = 1_000

    /// `line` sanitised, with `program: ` in front unless it starts so already, and cut after
    /// `maximumCharacters` characters with `… (N more bytes)`, N counting the UTF-8 bytes left out.
    public static func formatted(_ line: String, program: String) -> String {
        let clean = TextSanitizer.sanitized(line)
        let prefix = program + ": "
        let prefixed = clean.hasPrefix(prefix) ? clean : prefix + clean
        guard prefixed.count > maximumCharacters else { return prefixed }
        let kept = prefixed.prefix(maximumCharacters)
        return "\(kept)… (\(prefixed.utf8.count - kept.utf8.count) more bytes)"
    }
}
