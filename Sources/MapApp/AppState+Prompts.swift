import Foundation
import LinqModel
import TextUI

/// An action on a chat that changes who shares with the partner; the edge runs it once (never retried).
public enum ChatAction: Hashable, Sendable {
    /// `R`: `POST /v3/chats/{chatID}/location/request`, asking `handle` (the other person) to share.
    case requestLocation(chatID: String, handle: String)
    /// `X`: `DELETE /v3/chats/{chatID}/location` with `{"handle": handle}`, ending their share in every chat.
    case stopSharing(chatID: String, handle: String)

    /// The chat the request goes to.
    public var chatID: String {
        switch self {
        case .requestLocation(let chatID, _), .stopSharing(let chatID, _): return chatID
        }
    }

    /// The person the action is about.
    public var handle: String {
        switch self {
        case .requestLocation(_, let handle), .stopSharing(_, let handle): return handle
        }
    }
}

/// A chat action in flight, or the answer to the last one.
public enum ChatActivity: Hashable, Sendable {
    /// Sent; no answer yet.
    case running(ChatAction)
    /// The answer in plain words (`request sent`, `already sharing`), whether it is a refusal, and when it
    /// came (it shows for `AppState.chatAnswerDuration`).
    case answered(String, isRefusal: Bool, at: Date)
}

extension AppState {
    /// True while a y/n question waits in the status bar (which then leaves out its help hint to fit it).
    public var isAsking: Bool {
        if case .confirming = inputMode { return true }
        return false
    }

    /// What `X`'s question warns of; left out on a terminal too narrow for the whole question.
    public static let stopWarning = "It ends in every chat with them."

    /// How long an answer stays in the status bar.
    public static let chatAnswerDuration: TimeInterval = 10

    /// The question `action` asks in the status bar:
    /// `Ask Ana (+14155550101) to share their location? y/n`, or `Ask +14155550101 to share their location? y/n`
    /// when no name is known; `Stop Ana's location share with you? It ends in every chat with them. y/n`.
    /// A contact is called by the first name (as one asks a person), the handle beside it says who exactly;
    /// in privacy mode the handle is masked.
    public func question(for action: ChatAction) -> String {
        let name = personName(action.handle, inChat: action.chatID)
        let handle = shownHandle(action.handle)
        switch action {
        case .requestLocation:
            let who = name.map { "\($0) (\(handle))" } ?? handle
            return "Ask \(who) to share their location? y/n"
        case .stopSharing:
            return "Stop \(name ?? handle)'s location share with you? \(Self.stopWarning) y/n"
        }
    }

    /// The answer to `action` in plain words: `request sent`; 409 `already sharing`, 409/2016 `location
    /// requests only work in 1:1 chats`, 409/2017 `only in iMessage chats, not SMS or RCS`, 429 `asked too
    /// recently: try again in 4m` (from Retry-After); `stop requested`, 404 `not sharing`; other failures
    /// as the status bar writes errors.
    public static func answerText(for action: ChatAction, _ result: Result<String, FetchError>) -> String {
        let error: FetchError
        switch result {
        case .success:
            if case .requestLocation = action { return "request sent" }
            return "stop requested"
        case .failure(let failure):
            error = failure
        }
        switch (action, error.api?.status, error.apiCode) {
        case (.requestLocation, 409, 2016): return groupChatAnswer
        case (.requestLocation, 409, 2017): return "only in iMessage chats, not SMS or RCS"
        case (.requestLocation, 409, _): return "already sharing"
        case (.stopSharing, 404, _): return "not sharing"
        case (_, 429, _):
            let wait = error.retryAfter.map { "in " + StatusBar.compactDuration($0.seconds) } ?? "later"
            return "asked too recently: try again \(wait)"
        case (.requestLocation, _, _):
            return "request failed: " + StatusBar.errorText(error)
        case (.stopSharing, _, _):
            return "stop failed: " + StatusBar.errorText(error)
        }
    }

    /// The answer when `R` is pressed on someone only seen in group chats.
    public static let groupChatAnswer = "location requests only work in 1:1 chats"

    // MARK: Reducer

    /// `R`: asks whether to request the selected participant's location in a 1:1 chat with them (with nobody
    /// selected, the other person of a watched 1:1 chat); in a group chat it explains at once.
    mutating func askToShare(now: Date) {
        let handle = selectedHandle ?? chats.compactMap { $0.details.flatMap(Self.oneToOneHandle) }.first
        guard let handle else { return say("nobody to ask: select someone first", now: now) }
        let candidates = chats.filter { $0.handles.contains(handle) || ($0.details?.handles.contains(handle) ?? false) }
        // A chat known to be 1:1 first, then one whose kind is not known yet (the server decides).
        guard
            let chat = candidates.first(where: { Self.isGroup($0) == false })
                ?? candidates.first(where: { Self.isGroup($0) == nil })
        else {
            return say(candidates.isEmpty ? "nobody to ask: select someone first" : Self.groupChatAnswer, now: now)
        }
        ask(.requestLocation(chatID: chat.id, handle: handle))
    }

    /// `X`: asks whether to stop the selected participant's share (in the first chat that lists them).
    mutating func askToStop(now: Date) {
        guard let handle = selectedHandle,
            let chat = chats.first(where: { $0.handles.contains(handle) }) ?? chats.first
        else { return say("nobody to stop: select someone first", now: now) }
        ask(.stopSharing(chatID: chat.id, handle: handle))
    }

    /// Shows the question of `action`; the last answer gives way to it.
    private mutating func ask(_ action: ChatAction) {
        if case .answered? = chatActivity { chatActivity = nil }
        inputMode = .confirming(action)
    }

    /// A key while a question shows: `y` runs the action, anything else cancels it.
    mutating func confirm(_ action: ChatAction, key: Key) -> [Effect] {
        inputMode = .normal
        guard key == .character("y") else { return [] }
        chatActivity = .running(action)
        return [.run(action)]
    }

    /// Shows the answer to `action`.
    mutating func answer(_ action: ChatAction, with result: Result<String, FetchError>, now: Date) {
        let isRefusal = if case .failure = result { true } else { false }
        chatActivity = .answered(Self.answerText(for: action, result), isRefusal: isRefusal, at: now)
    }

    /// Clears an answer older than `chatAnswerDuration`.
    mutating func expireChatAnswer(now: Date) {
        if case .answered(_, _, let at)? = chatActivity, now.timeIntervalSince(at) >= Self.chatAnswerDuration {
            chatActivity = nil
        }
    }

    /// An answer given at `now` without a request (nobody selected, a group chat).
    private mutating func say(_ text: String, now: Date) {
        chatActivity = .answered(text, isRefusal: true, at: now)
    }

    /// Whether `chat` is a group: as its details say, else true once its polls listed two people (a 1:1 chat
    /// has one other); nil while unknown.
    private static func isGroup(_ chat: WatchedChat) -> Bool? {
        chat.details?.isGroup ?? (chat.handles.count > 1 ? true : nil)
    }

    /// The other person of a 1:1 chat's details; nil for a group or a chat without exactly one other.
    private static func oneToOneHandle(_ chat: Chat) -> String? {
        guard !chat.isGroup, chat.otherHandles.count == 1 else { return nil }
        return chat.otherHandles[0]
    }

    /// The person's name: a contact's first name, else the display name of a 1:1 chat with them (when it is
    /// not just their handle, and with handles masked in privacy mode); nil when neither is known.
    private func personName(_ handle: String, inChat chatID: String) -> String? {
        if let name = names[handle] { return Redaction.name(name) }
        guard let details = chats.first(where: { $0.id == chatID })?.details, !details.isGroup,
            let name = details.displayName?.trimmingCharacters(in: .whitespaces), !name.isEmpty, name != handle
        else { return nil }
        return shownText(name)
    }
}
