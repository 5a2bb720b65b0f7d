import Contacts
import Foundation

extension AppState {
    /// Uses `book` for the names of participants (matched against every handle seen, in every chat), with
    /// `warning` (a bad or unreadable contacts file) shown in the status bar; the map works the same without.
    public mutating func useContacts(_ book: ContactBook, warning: String? = nil) {
        contacts = book
        contactsWarning = warning
        matchNames()
    }

    /// The contact name of `handle`, else the handle itself, as privacy mode shows them (`shownName`).
    public func displayName(of handle: String) -> String {
        shownName(of: handle) ?? shownHandle(handle)
    }

    /// Matches the handles of everyone seen so far against the contacts (the whole set, since a number without
    /// a country code matches only when exactly one handle ends with its digits).
    mutating func matchNames() {
        names = contacts.contacts.isEmpty ? [:] : contacts.names(for: participants.map(\.handle))
    }
}
