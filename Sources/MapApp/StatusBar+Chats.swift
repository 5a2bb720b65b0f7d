import Foundation
import LinqModel

extension StatusBar {
    /// The bar's first item: the chat's title (its display name once `GET /v3/chats/{chatId}` answered, else
    /// the id's first 8 characters), or "3 chats" for several.
    public static func identityText(_ state: AppState) -> String {
        state.hasSeveralChats ? "\(state.chats.count) chats" : state.shownText(state.chats[0].title)
    }

    /// The errors to show: with one chat its last error as `errorText` writes it; with several, one item per
    /// failing chat, `Team: error 3006 (retry in 40s)`, or `Team: error 3006 (retrying)` while it refetches.
    public static func errorTexts(_ state: AppState, now: Date) -> [String] {
        guard state.hasSeveralChats else { return state.poll.lastError.map { [state.shownText(errorText($0))] } ?? [] }
        return state.chats.compactMap { chat in
            guard let error = chat.poll.lastError else { return nil }
            let retry =
                chat.poll.isFetching
                ? "retrying" : chat.poll.nextPollAt.map { "retry in \(countdownText($0.timeIntervalSince(now)))" }
            return "\(state.shownText(chat.title)): \(shortErrorText(error))" + (retry.map { " (\($0))" } ?? "")
        }
    }

    /// An error in a few words for a per-chat summary: `error 3006` when the API sent a code, `HTTP 503`
    /// when it sent only a status, else the error's own message.
    public static func shortErrorText(_ error: FetchError) -> String {
        if let api = error.api { return api.code.map { "error \($0)" } ?? "HTTP \(api.status)" }
        return "error: \(error.message)"
    }
}
