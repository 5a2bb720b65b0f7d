/// What the locale in an environment says about the terminal's character set, read as the C library does:
/// the first non-empty of `LC_ALL`, `LC_CTYPE`, `LANG`; nothing set means the "C" locale.
public enum TerminalLocale {
    /// True when that locale names UTF-8 as its codeset (`C.UTF-8`, `en_US.utf8`, `de_DE.UTF-8@euro`);
    /// false for `C`, `POSIX`, unset, or any other codeset, where output must be 7-bit ASCII.
    public static func isUTF8(environment: [String: String]) -> Bool {
        let name = ["LC_ALL", "LC_CTYPE", "LANG"].lazy.compactMap { environment[$0] }.first { !$0.isEmpty } ?? "C"
        guard let dot = name.firstIndex(of: ".") else { return false }
        let codeset = name[name.index(after: dot)...].prefix { $0 != "@" }.lowercased()
        return codeset == "utf-8" || codeset == "utf8"
    }
}
