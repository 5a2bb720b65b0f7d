import Foundation
import LinqModel

/// One chat as the picker lists it: what its row shows and what typing searches.
public struct PickerEntry: Hashable, Sendable {
    /// The chat id.
    public var id: String
    /// The display name, or the others' names or handles when it has none.
    public var title: String
    /// `group` or `1:1`.
    public var kind: String
    /// The other participants, each as a contact name when one matches, else the handle.
    public var others: [String]
    /// The service (`iMessage`, `SMS`), empty when unknown.
    public var service: String
    /// Every text a filter may match: title, display name, handles and contact names.
    public var searchable: [String]

    /// Creates an entry.
    public init(id: String, title: String, kind: String, others: [String], service: String, searchable: [String]) {
        self.id = id
        self.title = title
        self.kind = kind
        self.others = others
        self.service = service
        self.searchable = searchable
    }

    /// Whether `filter` occurs, case- and diacritic-insensitively, in one of `texts`; a blank filter matches.
    /// The one rule for the picker and `ChatSummary.matches`.
    public static func matches(_ filter: String, in texts: [String]) -> Bool {
        let wanted = filter.trimmingCharacters(in: .whitespaces)
        guard !wanted.isEmpty else { return true }
        return texts.contains { $0.range(of: wanted, options: [.caseInsensitive, .diacriticInsensitive]) != nil }
    }
}

/// Where the chat list stands: loading (with the pages so far), loaded, or failed.
public enum PickerLoad: Hashable, Sendable {
    /// `GET /v3/chats` pages are arriving: `pages` pages and `chats` chats so far.
    case loading(pages: Int, chats: Int)
    /// Every page is in.
    case loaded
    /// The list could not be loaded; the entries of an earlier load, if any, stay.
    case failed(FetchError)
}

/// The chat picker's state: the chats newest first, the filter typed so far, the highlighted row, the marks,
/// and the first row shown. Pure: the reducer changes it through its methods.
public struct ChatPicker: Hashable, Sendable {
    /// The most chats one map watches; a mark past it is refused.
    public static let maximumMarks = 16

    /// Every chat, newest first.
    public internal(set) var entries: [PickerEntry] = []
    /// The filter typed so far.
    public internal(set) var filter = ""
    /// The ids of the marked chats (Tab).
    public internal(set) var marked: Set<String> = []
    /// The highlighted row, an index into `visible`.
    public internal(set) var highlighted = 0
    /// The first row shown, an index into `visible`.
    public internal(set) var top = 0
    /// The list's loading state.
    public internal(set) var load = PickerLoad.loading(pages: 0, chats: 0)
    /// True when the last Tab was refused because `maximumMarks` chats are marked.
    public internal(set) var isMarkRefused = false
    /// Failed loads in a row since the last complete one: the back-off's exponent.
    public internal(set) var consecutiveFailures = 0
    /// After a failed load, when the list is loaded again on its own (`PollPolicy`'s back-off, or the server's
    /// Retry-After when longer); nil while loading or loaded.
    public internal(set) var retryAt: Date?
    /// The end of the server's Retry-After window after a failed load, inside which `r` is refused.
    public internal(set) var retryAllowedAt: Date?

    /// Creates an empty picker, loading.
    public init() {}

    /// The entries the filter matches, newest first.
    public var visible: [PickerEntry] {
        filter.isEmpty ? entries : entries.filter { PickerEntry.matches(filter, in: $0.searchable) }
    }

    /// The highlighted entry, if any.
    public var highlightedEntry: PickerEntry? {
        let shown = visible
        return shown.indices.contains(highlighted) ? shown[highlighted] : nil
    }

    /// The marked chats in list order (newest first), for opening.
    public var markedIDs: [String] {
        entries.map(\.id).filter { marked.contains($0) }
    }

    /// Replaces the entries (a finished load), keeping the filter and the marks of chats still listed.
    mutating func receive(_ entries: [PickerEntry]) {
        self.entries = entries
        load = .loaded
        consecutiveFailures = 0
        retryAt = nil
        retryAllowedAt = nil
        clampHighlight(pageSize: 1)
    }

    /// A load failed at `now`: the next one is due after the back-off of `policy` for the failures so far, or the
    /// server's Retry-After when longer.
    mutating func fail(_ error: FetchError, now: Date, policy: PollPolicy) {
        load = .failed(error)
        consecutiveFailures += 1
        let delay = policy.delay(afterFailures: consecutiveFailures, retryAfter: error.retryAfter)
        let due = now.addingTimeInterval(delay.seconds)
        retryAt = due
        retryAllowedAt = error.retryAfter.map { min(due, now.addingTimeInterval($0.seconds)) }
    }

    /// A load begins (a retry or a reload): the list shows it is loading, keeping its entries.
    mutating func startLoading() {
        load = .loading(pages: 0, chats: 0)
        retryAt = nil
        retryAllowedAt = nil
    }

    /// Types `character` into the filter; the highlight goes back to the first match.
    mutating func type(_ character: Character) {
        filter.append(character)
        highlighted = 0
        top = 0
    }

    /// Deletes the filter's last character.
    mutating func deleteBackward() {
        guard !filter.isEmpty else { return }
        filter.removeLast()
        highlighted = 0
        top = 0
    }

    /// Clears the filter; returns false when it was already empty.
    mutating func clearFilter() -> Bool {
        guard !filter.isEmpty else { return false }
        filter = ""
        highlighted = 0
        top = 0
        return true
    }

    /// Moves the highlight by `rows` (negative is up), clamped to the list, keeping it inside a page of
    /// `pageSize` rows.
    mutating func move(by rows: Int, pageSize: Int) {
        highlighted += rows
        clampHighlight(pageSize: pageSize)
    }

    /// Moves the highlight to the first (`toEnd` false) or last row.
    mutating func jump(toEnd: Bool, pageSize: Int) {
        highlighted = toEnd ? visible.count - 1 : 0
        clampHighlight(pageSize: pageSize)
    }

    /// Marks or unmarks the highlighted chat, then moves down one row.
    mutating func toggleMark(pageSize: Int) {
        guard let entry = highlightedEntry else { return }
        isMarkRefused = false
        if marked.contains(entry.id) {
            marked.remove(entry.id)
        } else if marked.count >= ChatPicker.maximumMarks {
            isMarkRefused = true
            return
        } else {
            marked.insert(entry.id)
        }
        move(by: 1, pageSize: pageSize)
    }

    /// Marks exactly `ids` (the chats being watched, when the map opens the picker again).
    mutating func mark(_ ids: [String]) {
        marked = Set(ids)
    }

    private mutating func clampHighlight(pageSize: Int) {
        let count = visible.count
        highlighted = max(0, min(highlighted, count - 1))
        let page = max(1, pageSize)
        if highlighted < top { top = highlighted }
        if highlighted >= top + page { top = highlighted - page + 1 }
        top = max(0, min(top, max(0, count - page)))
    }
}
