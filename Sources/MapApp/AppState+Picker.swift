import Foundation
import LinqModel
import TextUI

extension AppState {
    /// The state of a viewer that starts in the chat picker (`linq-map` with no chat id): no map behind it,
    /// the list loading. The edge loads the list (`Effect.loadChatList`) and applies the outcome.
    public static func pickerFirst(
        width: Int, height: Int, policy: PollPolicy = PollPolicy(), cellAspect: Double = 2.0
    ) -> AppState {
        var state = AppState(chatIDs: [], width: width, height: height, policy: policy, cellAspect: cellAspect)
        state.inputMode = .picker
        state.hasMap = false
        return state
    }

    /// A new state watching `chatIDs` in one map, with this state's terminal size, polling policy, retention,
    /// contacts and picker (its list and filter kept, the marks set to `chatIDs`); the view fits everyone once the
    /// first data is in.
    public func watching(_ chatIDs: [String]) -> AppState {
        var next = AppState(chatIDs: chatIDs, width: width, height: height, policy: policy, cellAspect: cellAspect)
        next.useContacts(contacts, warning: contactsWarning)
        next.retention = retention
        next.history = history.settingsOnly
        next.isRedacted = isRedacted
        next.absorbChunk = absorbChunk
        next.picker = picker
        next.picker.mark(chatIDs)
        return next
    }

    /// True while the picker fills the screen.
    public var isPickerShown: Bool { inputMode == .picker }

    /// The picker's rows per page: the screen less its two header lines and the status line.
    public var pickerPageSize: Int { max(1, height - 3) }

    /// `o`: the picker, over the map, the chats being watched marked.
    mutating func openPicker() -> [Effect] {
        picker.mark(chats.map(\.id).filter { !$0.isEmpty })
        inputMode = .picker
        switch picker.load {
        case .loaded, .loading(pages: 1..., _): return []
        default: return [.loadChatList]
        }
    }

    /// A key in the picker: typing filters, arrows and pages move, Tab marks, Enter opens, Esc clears the filter
    /// then goes back to the map (or leaves when there is none), Ctrl-R reloads the list. After a failed load with
    /// nothing listed (nothing to filter), `r` retries at once, except inside the server's Retry-After.
    mutating func handlePicker(_ key: Key, now: Date) -> [Effect] {
        let page = pickerPageSize
        if key == .character("r"), case .failed = picker.load, picker.entries.isEmpty, picker.filter.isEmpty {
            if let allowed = picker.retryAllowedAt, now < allowed { return [] }
            return reloadChatList()
        }
        switch key {
        case .character(let character): picker.type(character)
        case .backspace: picker.deleteBackward()
        case .up: picker.move(by: -1, pageSize: page)
        case .down: picker.move(by: 1, pageSize: page)
        case .pageUp: picker.move(by: -page, pageSize: page)
        case .pageDown: picker.move(by: page, pageSize: page)
        case .home: picker.jump(toEnd: false, pageSize: page)
        case .end: picker.jump(toEnd: true, pageSize: page)
        case .tab: picker.toggleMark(pageSize: page)
        case .enter: return openFromPicker()
        case .escape:
            if picker.clearFilter() { return [] }
            guard hasMap else { return [.quit(.success, message: nil)] }
            inputMode = .normal
        case .control("c"): return [.quit(.signal(SIGINT), message: nil)]
        case .control("l"): return [.redrawAll]
        case .control("z"): return [.suspend]
        case .control("r"): return reloadChatList()
        default: break
        }
        return []
    }

    /// Enter: the marked chats, else the highlighted one; back to the map when that is what it shows.
    private mutating func openFromPicker() -> [Effect] {
        let wanted = picker.marked.isEmpty ? (picker.highlightedEntry.map { [$0.id] } ?? []) : picker.markedIDs
        guard !wanted.isEmpty else { return [] }
        if hasMap && wanted == chats.map(\.id) {
            inputMode = .normal
            return []
        }
        return [.openChats(wanted)]
    }

    /// The list's load progress and outcome; a first-load 401 or 403 ends the viewer as a first poll's does.
    mutating func absorbChatList(_ action: Action) -> [Effect] {
        switch action {
        case .chatListProgress(let pages, let count):
            picker.load = .loading(pages: pages, chats: count)
        case .chatListLoaded(let entries):
            picker.receive(entries)
        case .chatListFailed(let error, let now):
            if picker.entries.isEmpty && !hasMap, case .unauthorized = error {
                return [.quit(error.programExit, message: error.message)]
            }
            picker.fail(error, now: now, policy: policy)
        default:
            break
        }
        return []
    }

    /// The clock tick at `now`: a failed list is loaded again once its back-off is over, while the picker shows.
    mutating func retryChatListIfDue(now: Date) -> [Effect] {
        guard isPickerShown, case .failed = picker.load, let due = picker.retryAt, now >= due else { return [] }
        return reloadChatList()
    }

    /// Loads the list again, now.
    private mutating func reloadChatList() -> [Effect] {
        picker.startLoading()
        return [.loadChatList]
    }
}
