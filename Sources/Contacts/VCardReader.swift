import Foundation

/// Reads vCard files as macOS Contacts, iOS, Google Contacts and Outlook export them (RFC 2426 3.0, RFC 6350
/// 4.0, and the 2.1 habits some still write): folded lines, grouped properties (`item1.TEL`), parameters in any
/// case, quoted-printable values with soft line breaks, and backslash escapes.
///
/// Only `FN`, `N`, `ORG` (a name of last resort), `TEL` and `EMAIL` are kept; other properties are skipped.
enum VCardReader {
    /// One content line: `[group.]NAME[;PARAM=VALUE...]:value`.
    struct Property {
        /// Upper-case property name without its group.
        var name: String
        /// Upper-case parameter names to their values (bare 2.1 parameters like `QUOTED-PRINTABLE` become
        /// `ENCODING` or `TYPE`).
        var parameters: [String: String]
        /// The value as written, not yet unescaped or decoded.
        var value: String
    }

    /// The contacts of every `BEGIN:VCARD` ... `END:VCARD` block; a card without a usable name is a warning.
    static func book(from text: String) -> ContactBook {
        var contacts: [Contact] = []
        var warnings: [String] = []
        var card: [Property]?
        var cardNumber = 0
        for line in logicalLines(text) {
            guard let property = parse(line) else { continue }
            switch (property.name, property.value.uppercased()) {
            case ("BEGIN", "VCARD"):
                card = []
                cardNumber += 1
            case ("END", "VCARD"):
                if let properties = card {
                    if let contact = contact(from: properties) {
                        contacts.append(contact)
                    } else {
                        warnings.append("card \(cardNumber): no name (FN, N or ORG); skipped")
                    }
                }
                card = nil
            default:
                card?.append(property)
            }
        }
        if card != nil { warnings.append("card \(cardNumber): no END:VCARD; the file seems cut off") }
        return ContactBook(contacts: contacts, warnings: warnings)
    }

    /// The file's content lines: CRLF or LF, folded lines (a line starting with a space or tab continues the
    /// previous one) unfolded, and quoted-printable soft line breaks (a value ending in `=`) joined.
    static func logicalLines(_ text: String) -> [String] {
        var lines: [String] = []
        var pendingSoftBreak = false
        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            let line = String(rawLine)
            if pendingSoftBreak, var last = lines.popLast() {
                last.removeLast()  // the soft break's "="
                last += line.drop { $0 == " " || $0 == "\t" }
                lines.append(last)
            } else if let first = line.first, first == " " || first == "\t", var last = lines.popLast() {
                last += line.dropFirst()
                lines.append(last)
            } else if line.isEmpty {
                pendingSoftBreak = false
                continue
            } else {
                lines.append(line)
            }
            let current = lines.last ?? ""
            pendingSoftBreak = current.hasSuffix("=") && isQuotedPrintable(current)
        }
        return lines
    }

    /// Whether a raw content line declares quoted-printable encoding in its parameters.
    static func isQuotedPrintable(_ line: String) -> Bool {
        guard let colon = line.firstIndex(of: ":") else { return false }
        return line[..<colon].uppercased().contains("QUOTED-PRINTABLE")
    }

    /// Splits one content line into name, parameters and value; nil when it has no `:`.
    static func parse(_ line: String) -> Property? {
        var inQuotes = false
        var colon: String.Index?
        for index in line.indices {
            let character = line[index]
            if character == "\"" { inQuotes.toggle() }
            if character == ":" && !inQuotes {
                colon = index
                break
            }
        }
        guard let colon else { return nil }
        let head = line[..<colon].split(separator: ";", omittingEmptySubsequences: true)
        guard var name = head.first.map({ String($0).uppercased() }) else { return nil }
        if let dot = name.lastIndex(of: ".") { name = String(name[name.index(after: dot)...]) }
        var parameters: [String: String] = [:]
        for parameter in head.dropFirst() {
            if let equals = parameter.firstIndex(of: "=") {
                let key = parameter[..<equals].uppercased()
                var value = String(parameter[parameter.index(after: equals)...])
                if value.hasPrefix("\"") && value.hasSuffix("\"") && value.count >= 2 {
                    value = String(value.dropFirst().dropLast())
                }
                parameters[key] = parameters[key].map { $0 + "," + value } ?? value
            } else {
                let bare = parameter.uppercased()
                let key = ["QUOTED-PRINTABLE", "BASE64", "8BIT", "7BIT", "B"].contains(bare) ? "ENCODING" : "TYPE"
                parameters[key] = parameters[key].map { $0 + "," + bare } ?? bare
            }
        }
        return Property(name: name, parameters: parameters, value: String(line[line.index(after: colon)...]))
    }

    /// The contact a card describes, or nil when it has no name.
    static func contact(from properties: [Property]) -> Contact? {
        var formattedName: String?
        var structuredName: String?
        var organisation: String?
        var phones: [String] = []
        var emails: [String] = []
        for property in properties {
            switch property.name {
            case "FN":
                let name = text(of: property).trimmingCharacters(in: .whitespaces)
                if formattedName == nil, !name.isEmpty { formattedName = name }
            case "N":
                // N: family; given; additional; prefixes; suffixes.
                let parts = components(of: decoded(property), separator: ";").map {
                    $0.trimmingCharacters(in: .whitespaces)
                }
                let part = { (index: Int) in index < parts.count ? parts[index] : "" }
                let name = [part(3), part(1), part(2), part(0), part(4)].filter { !$0.isEmpty }.joined(separator: " ")
                if structuredName == nil, !name.isEmpty { structuredName = name }
            case "ORG":
                let name =
                    components(of: decoded(property), separator: ";").first?
                    .trimmingCharacters(in: .whitespaces) ?? ""
                if organisation == nil, !name.isEmpty { organisation = name }
            case "TEL":
                let number = text(of: property).trimmingCharacters(in: .whitespaces)
                if !number.isEmpty { phones.append(number) }
            case "EMAIL":
                let address = text(of: property).trimmingCharacters(in: .whitespaces)
                if !address.isEmpty { emails.append(address) }
            default:
                continue
            }
        }
        guard let name = formattedName ?? structuredName ?? organisation else { return nil }
        return Contact(name: name, phones: phones, emails: emails)
    }

    /// A single-valued property's text: decoded, then unescaped.
    static func text(of property: Property) -> String {
        unescape(decoded(property))
    }

    /// The value with its transfer encoding (quoted-printable, in the given `CHARSET`) undone.
    static func decoded(_ property: Property) -> String {
        guard property.parameters["ENCODING"]?.uppercased().contains("QUOTED-PRINTABLE") == true else {
            return property.value
        }
        var bytes: [UInt8] = []
        let utf8 = Array(property.value.utf8)
        var index = 0
        while index < utf8.count {
            if utf8[index] == UInt8(ascii: "="), index + 2 < utf8.count,
                let high = hexValue(utf8[index + 1]), let low = hexValue(utf8[index + 2])
            {
                bytes.append(high << 4 | low)
                index += 3
            } else {
                bytes.append(utf8[index])
                index += 1
            }
        }
        let charset = property.parameters["CHARSET"]?.uppercased() ?? "UTF-8"
        if charset != "UTF-8" && charset != "UTF8", bytes.contains(where: { $0 >= 0x80 }),
            String(validating: bytes, as: UTF8.self) == nil
        {
            return String(bytes.map { Character(Unicode.Scalar($0)) })  // Latin-1 / Windows-1252 letters
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        default: nil
        }
    }

    /// Splits a structured value at unescaped `separator`s and unescapes each component.
    static func components(of value: String, separator: Character) -> [String] {
        var parts: [String] = []
        var current = ""
        var escaped = false
        for character in value {
            if escaped {
                current.append("\\")
                current.append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == separator {
                parts.append(unescape(current))
                current = ""
            } else {
                current.append(character)
            }
        }
        parts.append(unescape(current))
        return parts
    }

    /// Undoes vCard text escapes: `\n` and `\N` become a space (a name is one line), `\,` `\;` `\:` `\\` their
    /// character.
    static func unescape(_ value: String) -> String {
        var out = ""
        var escaped = false
        for character in value {
            if escaped {
                out.append(character == "n" || character == "N" ? " " : character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else {
                out.append(character)
            }
        }
        if escaped { out.append("\\") }
        return out
    }
}
