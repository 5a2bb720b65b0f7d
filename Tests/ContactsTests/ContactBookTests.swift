import Contacts
import Foundation
import Testing

/// Fixtures in the shapes the common tools export (written by us, fictitious people and 555 numbers).
enum ContactFixtures {
    /// macOS Contacts / iOS share sheet: vCard 3.0, CRLF, `item1.TEL` groups with `X-ABLabel`, escaped comma.
    static let apple =
        "BEGIN:VCARD\r\nVERSION:3.0\r\nPRODID:-//Apple Inc.//macOS 15.1//EN\r\nN:Lima;Ana;;;\r\nFN:Ana Lima\r\n"
        + "ORG:Lima\\, Souza & Co;\r\nitem1.TEL;type=pref:+1 (415) 555-0101\r\nitem1.X-ABLabel:_$!<Mobile>!$_\r\n"
        + "item2.EMAIL;type=INTERNET;type=pref:Ana.Lima@Example.com\r\nitem2.X-ABLabel:_$!<Home>!$_\r\n"
        + "END:VCARD\r\n"
        + "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Okafor;Dayo;;;\r\nFN:Dayo Okafor\r\n"
        + "TEL;type=CELL;type=VOICE;type=pref:+234 805 550 1004\r\nEND:VCARD\r\n"

    /// Google Contacts export: vCard 3.0, a long FN folded onto a second line, a note with escaped newlines.
    static let google = """
        BEGIN:VCARD
        VERSION:3.0
        FN:Benjamin Alexander Montgomery-Fitzw
         illiam
        N:Montgomery-Fitzwilliam;Benjamin;Alexander;;
        TEL;TYPE=CELL:(212) 555-0102
        EMAIL;TYPE=INTERNET;TYPE=HOME:ben@example.org
        NOTE:Met at the conference\\nBring the badge
        END:VCARD

        """

    /// Outlook / Android style: vCard 2.1 with quoted-printable UTF-8 and a soft line break, no FN.
    static let outlook = """
        BEGIN:VCARD
        VERSION:2.1
        N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Concei=C3=A7=C3=A3o;Jo=C3=A3o;;;
        TEL;CELL:+55 11 95550-1008
        NOTE;ENCODING=QUOTED-PRINTABLE:A long note that goes on and on and on and on and on and on and=
         still continues=0D=0Aon a second line
        END:VCARD

        """

    /// vCard 4.0 (RFC 6350): `VALUE=uri` telephone URIs, quoted TYPE lists, an email handle.
    static let version4 = """
        BEGIN:VCARD
        VERSION:4.0
        FN:Kenji Sato
        N:Sato;Kenji;;;
        TEL;VALUE=uri;TYPE="voice,cell";PREF=1:tel:+81-3-5550-1006
        EMAIL;TYPE=work:KENJI@example.jp
        END:VCARD
        BEGIN:VCARD
        VERSION:4.0
        N:;;;;
        TEL;VALUE=uri:tel:+1-555-000-0000
        END:VCARD

        """
}

@Test func appleExportGivesNamesPhonesAndEmails() {
    let book = ContactBook.parse(ContactFixtures.apple)
    #expect(book.warnings.isEmpty)
    #expect(book.contacts.map(\.name) == ["Ana Lima", "Dayo Okafor"])
    #expect(book.contacts[0].phones == ["+1 (415) 555-0101"])
    #expect(book.contacts[0].emails == ["Ana.Lima@Example.com"])
    #expect(
        book.names(for: ["+14155550101", "ana.lima@example.com", "+2348055501004", "+15550000000"]) == [
            "+14155550101": "Ana Lima", "ana.lima@example.com": "Ana Lima", "+2348055501004": "Dayo Okafor",
        ])
}

@Test func googleExportUnfoldsLongLinesAndMatchesALocalNumber() {
    let book = ContactBook.parse(ContactFixtures.google)
    #expect(book.contacts.map(\.name) == ["Benjamin Alexander Montgomery-Fitzwilliam"])
    #expect(book.names(for: ["+12125550102"]) == ["+12125550102": "Benjamin Alexander Montgomery-Fitzwilliam"])
}

@Test func outlookQuotedPrintableNameIsDecodedFromN() {
    let book = ContactBook.parse(ContactFixtures.outlook)
    #expect(book.contacts.map(\.name) == ["João Conceição"])
    #expect(book.names(for: ["+5511955501008"]) == ["+5511955501008": "João Conceição"])
}

@Test func version4TelephoneURIsAndCaseInsensitiveEmails() {
    let book = ContactBook.parse(ContactFixtures.version4)
    #expect(book.contacts.map(\.name) == ["Kenji Sato"])
    #expect(book.warnings == ["card 2: no name (FN, N or ORG); skipped"])
    #expect(
        book.names(for: ["+81355501006", "kenji@EXAMPLE.jp"]) == [
            "+81355501006": "Kenji Sato", "kenji@EXAMPLE.jp": "Kenji Sato",
        ])
}

@Test func escapedValuesAreUnescaped() {
    let card = "BEGIN:VCARD\nVERSION:3.0\nFN:Lee\\, Sam\\; Jr\\\\\nTEL:+44 20 7555 0103\nEND:VCARD\n"
    #expect(ContactBook.parse(card).contacts.map(\.name) == ["Lee, Sam; Jr\\"])
}

@Test func plainHandleListWithCommentsAndABadLine() {
    let text = """
        # my people
        +1 415 555 0101 = Ana Lima
        kenji@example.jp = Kenji

        this line has no equals sign
        """
    let book = ContactBook.parse(text)
    #expect(book.contacts.map(\.name) == ["Ana Lima", "Kenji"])
    #expect(book.warnings == ["line 5: expected 'handle = Name'"])
    #expect(book.names(for: ["+14155550101", "KENJI@example.jp"]).count == 2)
}

@Test(arguments: [
    ("+1 (415) 555-0101", "+14155550101"), ("+1.415.555.0101", "+14155550101"), ("tel:+1-415-555-0101", "+14155550101"),
    ("(415) 555-0101", "4155550101"), ("+1 415 555 0101 ext. 12", "+14155550101"),
])
func phoneNumbersNormalize(_ written: String, _ expected: String) {
    #expect(ContactBook.normalizedPhone(written) == expected)
}

@Test func localNumberMatchesTheOneHandleEndingWithIt() {
    let book = ContactBook(contacts: [
        Contact(name: "Ana", phones: ["555-0101"]), Contact(name: "Ben", phones: ["5550102"]),
    ])
    // 555-0101 has 7 digits and one handle ends with them.
    #expect(book.names(for: ["+14155550101", "+12125550102"]) == ["+14155550101": "Ana", "+12125550102": "Ben"])
}

@Test func localNumberMatchingTwoHandlesMatchesNeither() {
    let book = ContactBook(contacts: [Contact(name: "Ana", phones: ["555 0101"])])
    #expect(book.names(for: ["+14155550101", "+13125550101"]).isEmpty)
}

@Test func localNumberShorterThanSevenDigitsNeverMatches() {
    let book = ContactBook(contacts: [Contact(name: "Ana", phones: ["50101"])])
    #expect(book.names(for: ["+14155550101"]).isEmpty)
}

@Test func exactNumberWinsOverATrailingDigitsMatch() {
    let book = ContactBook(contacts: [
        Contact(name: "Local", phones: ["4155550101"]), Contact(name: "Exact", phones: ["+14155550101"]),
    ])
    #expect(book.names(for: ["+14155550101"]) == ["+14155550101": "Exact"])
}

@Test func e164NumbersMustBeEqualNotJustEndAlike() {
    let book = ContactBook(contacts: [Contact(name: "Ana", phones: ["+4155550101"])])
    #expect(book.names(for: ["+14155550101"]).isEmpty)
}

@Test func binaryDataIsAWarningNotAFailure() {
    let book = ContactBook.parse(Data([0x00, 0xFF, 0x10, 0x00]))
    #expect(book.contacts.isEmpty)
    #expect(book.warnings.count == 1)
}

@Test func cutOffFileKeepsTheCardsBeforeAndWarns() {
    let book = ContactBook.parse("BEGIN:VCARD\nFN:Ana\nTEL:+14155550101\nEND:VCARD\nBEGIN:VCARD\nFN:Be")
    #expect(book.contacts.map(\.name) == ["Ana"])
    #expect(book.warnings == ["card 2: no END:VCARD; the file seems cut off"])
}
