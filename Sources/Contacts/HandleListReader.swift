/// Reads the plain contacts format: one `handle = Name` a line; blank lines and `#` comments are skipped.
enum HandleListReader {
    /// The contacts of `text`, one per valid line; a line without `=`, a handle or a name becomes a warning.
    static func book(from text: String) -> ContactBook {
        var contacts: [Contact] = []
        var warnings: [String] = []
        for (index, rawLine) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            guard let equals = line.firstIndex(of: "=") else {
                warnings.append("line \(index + 1): expected 'handle = Name'")
                continue
            }
            let handle = line[..<equals].trimmingCharacters(in: .whitespaces)
            let name = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            guard !handle.isEmpty, !name.isEmpty else {
                warnings.append("line \(index + 1): expected 'handle = Name'")
                continue
            }
            if handle.contains("@") {
                contacts.append(Contact(name: name, emails: [handle]))
            } else {
                contacts.append(Contact(name: name, phones: [handle]))
            }
        }
        return ContactBook(contacts: contacts, warnings: warnings)
    }
}
