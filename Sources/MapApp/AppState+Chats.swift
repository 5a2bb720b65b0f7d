import Foundation
import LinqModel

/// One chat the viewer watches: its id, its display name once known, its own poll schedule and back-off, the
/// handles it listed (for the panel's group) and the warnings of its last successful poll.
public struct WatchedChat: Hashable, Sendable {
    /// The chat id (a UUID).
    public let id: String
    /// The title from `GET /v3/chats/{chatId}` (display name, or the participants), nil until it answered.
    public internal(set) var name: String?
    /// This chat's polling status: its phase, back-off and next poll.
    public internal(set) var poll = PollStatus()
    /// Every handle this chat has listed, in order of first listing.
    public internal(set) var handles: [String] = []
    /// The warnings of this chat's last successful poll: skipped features, duplicates, future times.
    public internal(set) var warnings: [String] = []
    /// What `GET /v3/chats/{chatId}` said (group or 1:1, service, handles); nil until it answered.
    public internal(set) var details: Chat?

    /// Creates a chat before its first poll.
    public init(id: String) {
        self.id = id
    }

    /// The display name once known, else the id's first 8 characters.
    public var title: String { name ?? String(id.prefix(8)) }
}

extension AppState {
    /// The first chat's id: with one chat, the chat being watched.
    public var chatID: String { chats[0].id }

    /// The first chat's polling status: with one chat, the viewer's. Several chats each have their own
    /// (`chats[i].poll`).
    public var poll: PollStatus { chats[0].poll }

    /// True when the map shows more than one chat (grouped panel, summarised status bar).
    public var hasSeveralChats: Bool { chats.count > 1 }

    /// The warnings of every chat's last successful poll; with several chats each starts with the chat's title.
    public var warnings: [String] {
        guard hasSeveralChats else { return chats[0].warnings }
        return chats.flatMap { chat in chat.warnings.map { "\(chat.title): \($0)" } }
    }

    /// True while any chat's fetch runs.
    public var isFetchingAny: Bool { chats.contains { $0.poll.isFetching } }

    /// When the least recently updated chat last succeeded (the oldest "updated"), over the chats that have
    /// succeeded once; nil while none has.
    public var oldestSuccessAt: Date? { chats.compactMap(\.poll.lastSuccessAt).min() }

    /// The earliest next poll over all chats, nil while none is scheduled.
    public var nextPollAt: Date? { chats.compactMap(\.poll.nextPollAt).min() }

    /// The participants of chat `index`, in label order: everyone it ever listed.
    public func participants(ofChat index: Int) -> [TrackedParticipant] {
        guard chats.indices.contains(index) else { return [] }
        let listed = Set(chats[index].handles)
        return participants.filter { listed.contains($0.handle) }
    }

    /// Whether a first-poll failure (401, 403, 404) of chat `index` ends the viewer: always with one chat; with
    /// several, only once no chat can show anything, that is when every other chat also failed its first poll
    /// for such a reason. Otherwise the chat shows its error in the status bar and keeps its back-off schedule.
    func endsViewer(onFirstPollOf index: Int) -> Bool {
        chats.indices.allSatisfy { other in
            other == index
                || (chats[other].poll.lastSuccessAt == nil
                    && (chats[other].poll.lastError?.endsViewerOnFirstPoll ?? false))
        }
    }

    /// Whether `current` (shared with another chat) keeps its data against `incoming` from chat `index`: when
    /// another chat still lists the handle with a newer position time, an older report does not move it back.
    func keepsPosition(of current: TrackedParticipant, against incoming: Participant, chat index: Int) -> Bool {
        guard let held = current.participant.updatedAt, current.isSharing else { return false }
        guard sharingChats[current.handle]?.contains(anyBut: index) == true else { return false }
        return (incoming.updatedAt ?? .distantPast) < held
    }

    /// Drops `forgotten` handles (rows forgotten by the retention) from every chat's handle list, the sharing
    /// record and the event tracker, so handles that rotate away leave nothing behind (issue 10, target 4).
    mutating func forgetInChats(_ forgotten: Set<String>) {
        forgottenForEvents.formUnion(forgotten)
        // An entry of a handle still kept may be an empty set: bounded by the retention, like the rows.
        for index in chats.indices { chats[index].handles.removeAll { forgotten.contains($0) } }
        for handle in forgotten { sharingChats[handle] = nil }
    }

    /// Records that chat `index` listed exactly `listed`: its handle list grows, and a handle shares while any
    /// chat's last successful poll lists it.
    mutating func recordListing(_ listed: Set<String>, chat index: Int) {
        // By index, not by copying each row; and no set copied out of the record (issue 10, target 4).
        let known = Set(chats[index].handles)
        for position in participants.indices {
            let handle = participants[position].handle
            if listed.contains(handle) && !known.contains(handle) { chats[index].handles.append(handle) }
        }
        // Every new participant is new to some chat: match names only when a chat's handles grew.
        if chats[index].handles.count != known.count { matchNames() }
        for handle in chats[index].handles {
            if listed.contains(handle) {
                sharingChats[handle, default: ChatIndices()].insert(index)
            } else {
                sharingChats[handle]?.remove(index)
            }
        }
        for position in participants.indices {
            participants[position].isSharing = sharingChats[participants[position].handle]?.isEmpty == false
        }
    }
}

/// The chats (indices into `AppState.chats`) whose last successful poll listed one handle: a bit for each of the
/// first 64 chats, a set for any beyond, so recording who shares allocates nothing per handle (issue 10, target 4).
struct ChatIndices: Hashable, Sendable {
    private var first64: UInt64 = 0
    private var beyond: Set<Int> = []

    /// True when no chat lists the handle.
    var isEmpty: Bool { first64 == 0 && beyond.isEmpty }

    /// Adds chat `index` (0 or more).
    mutating func insert(_ index: Int) {
        if (0..<64).contains(index) { first64 |= 1 << UInt64(index) } else { beyond.insert(index) }
    }

    /// Removes chat `index`; nothing happens when it is not there.
    mutating func remove(_ index: Int) {
        if (0..<64).contains(index) { first64 &= ~(1 << UInt64(index)) } else { beyond.remove(index) }
    }

    /// True when a chat other than `index` is in the set.
    func contains(anyBut index: Int) -> Bool {
        var others = self
        others.remove(index)
        return !others.isEmpty
    }
}
