import Testing
import TextUI

@Test(arguments: [
    (["LANG": "C.UTF-8"], true),
    (["LANG": "en_US.utf8"], true),
    (["LANG": "de_DE.UTF-8@euro"], true),
    (["LANG": "C"], false),
    ([:], false),
    (["LC_ALL": "POSIX", "LANG": "C.UTF-8"], false),
    (["LC_ALL": "", "LC_CTYPE": "C", "LANG": "C.UTF-8"], false),
    (["LC_CTYPE": "en_GB.UTF-8", "LANG": "C"], true),
    (["LANG": "ja_JP.eucJP"], false),
])
func localeDecidesUTF8InCLibraryOrder(environment: [String: String], isUTF8: Bool) {
    #expect(TerminalLocale.isUTF8(environment: environment) == isUTF8)
}
