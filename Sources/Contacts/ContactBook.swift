import Foundation

/// One person from a contacts file: the name to show, and the phone numbers and emails that identify them.
public struct Contact: Hashable, Sendable {
    /// The name shown instead of a handle, e.g. "Ana Lima"; never empty.
    public var name: String
    /// Phone numbers as written in the file (`+1 (415) 555-0101`, `555-0101`, `tel:+14155550101`).
    public var phones: [String]
    /// Email addresses as written in the file.
    public var emails: [String]

    /// Creates a contact.
    public init(name: String, phones: [String] = [], emails: [String] = []) {
        self.name = name
        self.phones = phones
        self.emails = emails
    }
}

/// The people of a contacts file, and what names the handles of a chat get from them.
///
/// Matching rules: E.164 numbers are equal after removing spaces, dashes, dots and parentheses; a contact
/// number without a country code (no leading `+`) matches the one handle whose trailing digits equal it
/// (7 digits or more), and nothing when two handles would; emails match case-insensitively. When several
/// contacts match one handle the first in the file wins, and an exact match wins over a trailing-digits one.
public struct ContactBook: Hashable, Sendable {
    /// The contacts in file order.
    public var contacts: [Contact]
    /// One line per entry that was skipped (no name, a line without `=`), for a warning on stderr.
    public var warnings: [String]

    /// The fewest digits a number without a country code needs before it may match by its trailing digits.
    public static let minimumLocalDigits = 7

    /// Creates a book.
    public init(contacts: [Contact] = [], warnings: [String] = []) {
        self.contacts = contacts
        self.warnings = warnings
    }

    /// Reads a contacts file's text: vCard (3.0, 4.0, and the 2.1 quirks exporters still write) when it
    /// starts with `BEGIN:VCARD`, else `handle = Name` lines. Never fails: what it cannot read becomes a warning.
    public static func parse(_ text: String) -> ContactBook {
        var body = Substring(text)
        if body.first == "\u{FEFF}" { body = body.dropFirst() }
        let start = body.drop { $0.isWhitespace || $0.isNewline }
        if start.prefix(11).uppercased() == "BEGIN:VCARD" {
            return VCardReader.book(from: String(body))
        }
        return HandleListReader.book(from: String(body))
    }

    /// Reads a contacts file's bytes; text that is not UTF-8 (or Latin-1 for old exports) gives an empty book
    /// with one warning.
    public static func parse(_ data: Data) -> ContactBook {
        if let text = String(data: data, encoding: .utf8) { return parse(text) }
        if data.contains(0) {
            return ContactBook(warnings: ["not a text file (vCard or 'handle = Name' lines expected)"])
        }
        // NB: Outlook's vCard 2.1 export is Windows-1252 unless told otherwise; Latin-1 reads its letters.
        return parse(String(data.map { Character(Unicode.Scalar($0)) }))
    }

    /// The name of each handle in `handles` that some contact matches (handles without a match are absent).
    ///
    /// `handles` is the whole set in view (one chat, or several): a number without a country code matches only
    /// when exactly one of them ends with its digits.
    public func names(for handles: [String]) -> [String: String] {
        // Without contacts nothing matches: 10,000 handles would otherwise each be normalized for nothing.
        guard !contacts.isEmpty else { return [:] }
        var handlesByNumber: [String: [String]] = [:]
        var handlesByEmail: [String: [String]] = [:]
        var phoneDigits: [(handle: String, digits: String)] = []
        for handle in Set(handles) {
            if handle.contains("@") {
                handlesByEmail[handle.lowercased(), default: []].append(handle)
            } else {
                let number = ContactBook.normalizedPhone(handle)
                handlesByNumber[number, default: []].append(handle)
                phoneDigits.append((handle, number.filter(\.isASCIIDigit)))
            }
        }
        var exact: [String: String] = [:]
        var local: [String: String] = [:]
        for contact in contacts {
            for email in contact.emails {
                let wanted = email.trimmingCharacters(in: .whitespaces).lowercased()
                for handle in handlesByEmail[wanted] ?? [] where exact[handle] == nil {
                    exact[handle] = contact.name
                }
            }
            for phone in contact.phones {
                let number = ContactBook.normalizedPhone(phone)
                if number.hasPrefix("+") {
                    for handle in handlesByNumber[number] ?? [] where exact[handle] == nil {
                        exact[handle] = contact.name
                    }
                } else {
                    guard number.count >= ContactBook.minimumLocalDigits, number.allSatisfy(\.isASCIIDigit) else {
                        continue
                    }
                    let matches = phoneDigits.filter { $0.digits.hasSuffix(number) }
                    if matches.count == 1, local[matches[0].handle] == nil {
                        local[matches[0].handle] = contact.name
                    }
                }
            }
        }
        return local.merging(exact) { _, exactName in exactName }
    }

    /// `number` without spaces, dashes, dots, parentheses, slashes and a `tel:` prefix; whatever follows the
    /// number (an extension like `;ext=12` or ` ext. 12`) is dropped, and a leading `00` stays as written.
    public static func normalizedPhone(_ number: String) -> String {
        var text = Substring(number.trimmingCharacters(in: .whitespaces))
        if text.lowercased().hasPrefix("tel:") { text = text.dropFirst(4) }
        let separators: Set<Character> = [" ", "-", ".", "(", ")", "/", "\u{00A0}", "\t"]
        let number = text.prefix { $0.isASCIIDigit || $0 == "+" || separators.contains($0) }
        return String(number.filter { !separators.contains($0) })
    }
}

extension Character {
    /// True for 0-9 only (not other scripts' digits).
    var isASCIIDigit: Bool { isASCII && isNumber }
}
