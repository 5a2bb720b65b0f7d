import Contacts
import CursesScreen
import Foundation
import HistorySQLite
import LinqHTTP
import LinqModel
import MapApp
import ScriptFormats
import Synchronization

/// What reaches the screen thread: an action for the reducer, or one from the watchers of a set of chats,
/// stamped with that set's generation so that a poll of chats no longer watched (after the picker opened
/// others) is dropped instead of landing on the new chats' indices.
enum ViewerEvent: Sendable {
    /// Keys aside (the screen reads those), everything that does not come from a watcher: signals, the list.
    case action(Action)
    /// A poll outcome or a chat title from the watchers of generation `generation`.
    case watched(Action, generation: Int)
}

/// The pollers of the chats in the map, one per chat, and the tasks that fetch their titles; replaced as a
/// whole when the picker opens other chats. The reducer schedules each chat's polls (`Effect.schedulePoll`).
final class ChatWatchers: Sendable {
    private struct State {
        var generation = 0
        var pollers: [Poller<ContinuousClock>] = []
        var tasks: [Task<Void, Never>] = []
        var listTask: Task<Void, Never>?
    }

    private let state = Mutex(State())
    private let client: LinqHTTPClient
    private let contacts: ContactBook
    private let history: HistoryRecorder?
    private let inbox: Inbox<ViewerEvent>

    /// Creates watchers that fetch through `client`, name chats with `contacts`, record each successful poll in
    /// `history` (its warning, if any, joins the poll's warnings), and post to `inbox`.
    init(client: LinqHTTPClient, contacts: ContactBook, history: HistoryRecorder?, inbox: Inbox<ViewerEvent>) {
        self.client = client
        self.contacts = contacts
        self.history = history
        self.inbox = inbox
    }

    /// The generation of the chats watched now; events of older ones are stale.
    var generation: Int { state.withLock { $0.generation } }

    /// Stops watching the chats watched so far and starts polling `chatIDs` (each waits for its first
    /// `schedule`), fetching their titles; returns the new generation.
    @discardableResult
    func watch(_ chatIDs: [String]) -> Int {
        let client = client
        let inbox = inbox
        let contacts = contacts
        let history = history
        return state.withLock { state in
            state.tasks.forEach { $0.cancel() }
            state.generation += 1
            let generation = state.generation
            let post: @Sendable (Action) -> Void = { inbox.post(.watched($0, generation: generation)) }
            state.pollers = chatIDs.enumerated().map { index, chatID in
                Poller(
                    fetch: { () async throws(FetchError) -> LocationSnapshot in
                        let snapshot = try await client.locations(chat: chatID) { progress in
                            post(.pollReported(progress, now: Date(), chat: index))
                        }
                        return await history?.recorded(snapshot, chatID: chatID, polledAt: Date()) ?? snapshot
                    },
                    clock: ContinuousClock(), now: { Date() }, chat: index)
            }
            state.tasks = state.pollers.map { poller in Task.detached { await poller.run(post: post) } }
            for (index, chatID) in chatIDs.enumerated() {
                state.tasks.append(
                    Task.detached {
                        // A chat whose details fail keeps its id's first 8 characters; its location polls report
                        // the errors that matter.
                        guard let chat = try? await client.chat(id: chatID) else { return }
                        let names = contacts.names(for: chat.otherHandles)
                        post(.chatNamed(ChatSummary(chat, names: names).title, chat: index))
                        post(.chatDetailed(chat, chat: index))
                    })
            }
            return generation
        }
    }

    /// Runs the next poll of chat `chat` of the current generation at `due`.
    func schedule(at due: Date, chat: Int) {
        let poller = state.withLock { $0.pollers.indices.contains(chat) ? $0.pollers[chat] : nil }
        poller?.schedule(at: due)
    }

    /// Loads the picker's list, every page (`from`/`to` filter as the API does), replacing a load in progress;
    /// posts the progress per page, then the entries newest first (titles and participants named from the
    /// contacts) or the error.
    func loadChatList(from phone: String?, to handle: String?) {
        let client = client
        let inbox = inbox
        let contacts = contacts
        state.withLock { state in
            state.listTask?.cancel()
            state.listTask = Task.detached {
                do throws(FetchError) {
                    let chats = try await client.chats(from: phone, to: handle) { pages, count in
                        inbox.post(.action(.chatListProgress(pages: pages, chats: count)))
                    }
                    if Task.isCancelled { return }
                    let names = contacts.names(for: Array(Set(chats.flatMap(\.handles))).sorted())
                    let entries = ChatSummary.newestFirst(chats, names: names).map(\.pickerEntry)
                    inbox.post(.action(.chatListLoaded(entries)))
                } catch {
                    if Task.isCancelled { return }
                    inbox.post(.action(.chatListFailed(error, now: Date())))
                }
            }
        }
    }

    /// Runs `action` once (`R`'s request, `X`'s stop) in a task of its own, and posts its answer; the answer
    /// names its chat by id, so it is kept whichever chats are watched when it comes.
    func run(_ action: ChatAction) {
        let client = client
        let inbox = inbox
        Task.detached {
            let result: Result<String, FetchError>
            do throws(FetchError) {
                switch action {
                case .requestLocation(let chatID, _):
                    result = .success(try await client.requestLocation(chat: chatID))
                case .stopSharing(let chatID, let handle):
                    result = .success(try await client.stopLocation(chat: chatID, handle: handle))
                }
            } catch {
                result = .failure(error)
            }
            inbox.post(.action(.chatActionAnswered(action, result, now: Date())))
        }
    }

    /// Stops every poller and load.
    func stop() {
        state.withLock { state in
            state.tasks.forEach { $0.cancel() }
            state.listTask?.cancel()
            state.tasks = []
            state.pollers = []
        }
    }
}
