import CursesScreen
import Testing

@Test func clipboardSequenceIsOSC52WithBase64() {
    #expect(CursesScreen.clipboardSequence("37.7749,-122.4194") == "\u{1B}]52;c;MzcuNzc0OSwtMTIyLjQxOTQ=\u{07}")
}

@Test func notificationsAreOSC9AndOSC777() {
    #expect(
        CursesScreen.notificationSequence(title: "linq-map", body: "Ana arrived home", inTmux: false)
            == "\u{1B}]9;linq-map: Ana arrived home\u{07}\u{1B}]777;notify;linq-map;Ana arrived home\u{07}")
}

@Test func notificationsDropControlCharactersAndKeepTheTitleOneField() {
    #expect(
        CursesScreen.notificationSequence(title: "a;b", body: "x\u{1B}]0;evil\u{07}y", inTmux: false)
            == "\u{1B}]9;a,b: x]0;evily\u{07}\u{1B}]777;notify;a,b;x]0;evily\u{07}")
}

@Test func notificationsInTmuxAreWrappedForPassthrough() {
    #expect(
        CursesScreen.notificationSequence(title: "t", body: "b", inTmux: true)
            == "\u{1B}Ptmux;\u{1B}\u{1B}]9;t: b\u{07}\u{1B}\\\u{1B}Ptmux;\u{1B}\u{1B}]777;notify;t;b\u{07}\u{1B}\\")
}
